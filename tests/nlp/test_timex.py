"""The ``times`` step: TIMEX3 extents, types and values; intervals; event times."""

from __future__ import annotations

import pytest

from claimgraph.ingest import make_info
from claimgraph.models import Document, Timex
from claimgraph.nlp.temporal.timex import anchor_date, event_time, interval
from claimgraph.pipeline import Pipeline

PUBLISHED = "2025-04-07T20:11:00+04:00"  # a Monday


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline(names=("parse", "times"))


def _run(pipeline: Pipeline, text: str, published: str | None = PUBLISHED) -> Document:
    """Parse and tag ``text``, keeping the scratch (the parse) for event_time."""
    doc = Document(info=make_info(text, "<test>", published=published))
    parse, times = pipeline.steps
    assert parse.batch is not None
    doc = parse.batch([doc], pipeline.settings)[0]
    return times.func(doc)


def _times(pipeline: Pipeline, text: str, published: str | None = PUBLISHED) -> dict[str, tuple[str, str]]:
    doc = _run(pipeline, text, published)
    return {t.span.text: (t.type, t.value) for t in doc.times}


@pytest.fixture(scope="module")
def example_doc(pipeline: Pipeline, example_path) -> Document:
    text = example_path.read_text(encoding="utf-8")
    return _run(pipeline, text)


def test_times_example_article_values(example_doc: Document) -> None:
    got = {t.span.text: t.value for t in example_doc.times}
    assert got["Saturday, April 5"] == "2025-04-05"
    assert got["early 2025"] == "2025"
    assert got["earlier this year"] == "2025"
    assert got["later this month"] == "2025-04"
    assert got["2023"] == "2023"  # "the 2023 assassination attempt": the article is outside
    for t in example_doc.times:
        assert example_doc.text[t.span.start : t.span.end] == t.span.text
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


def test_event_time_example_article_intervals(example_doc: Document) -> None:
    text = example_doc.text

    def at(word: str, after: str = "") -> tuple[str | None, str | None, str]:
        i = text.index(word, text.index(after) if after else 0)
        et = event_time(example_doc, i, i + len(word))
        assert et is not None, word
        return et.start, et.end, et.text

    assert at("assassinate") == ("2025-01-01", "2025-04-07", "early 2025")
    assert at("arrested") == ("2025-01-01", "2025-04-07", "earlier this year")
    assert at("visit", "diplomatic visit") == ("2025-04-07", "2025-04-30", "later this month")
    assert at("attempt", "2023") == ("2023-01-01", "2023-12-31", "2023")


def test_event_time_skips_dates_of_other_nouns(example_doc: Document) -> None:
    text = example_doc.text
    i = text.index("accused")
    # "accused Iran of being behind the 2023 assassination attempt": 2023 dates the attempt
    assert event_time(example_doc, i, i + len("accused")) is None


def test_times_weekday_follows_tense(pipeline: Pipeline) -> None:
    got = _times(pipeline, "Police arrested him on Friday. The minister will travel to Rome on Thursday.")
    assert got["Friday"] == ("DATE", "2025-04-04")
    assert got["Thursday"] == ("DATE", "2025-04-10")


def test_times_relative_expressions(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "Talks collapsed last week and resumed yesterday. Sales rose last year, "
        "and a new law takes effect next month. Prices fell in the third quarter.",
    )
    assert got["last week"] == ("DATE", "2025-W14")
    assert got["yesterday"] == ("DATE", "2025-04-06")
    assert got["last year"] == ("DATE", "2024")
    assert got["next month"] == ("DATE", "2025-05")
    assert got["the third quarter"] == ("DATE", "2024-Q3")


def test_times_extents_leave_prepositions_out(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "The company was founded in 2023 and grew through the 1990s style boom.")
    spans = [t.span.text for t in doc.times]
    assert "2023" in spans
    assert "the 1990s" in spans
    assert {t.span.text: t.value for t in doc.times}["the 1990s"] == "199"


def test_times_durations(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "The siege lasted three days. Negotiations dragged on for months. "
        "Violence has risen over the past decade. He waited 2 1/2 hours.",
    )
    assert got["three days"] == ("DURATION", "P3D")
    assert got["months"] == ("DURATION", "PXM")
    assert got["the past decade"] == ("DURATION", "P10Y")  # decades in years, as TimeBank
    assert got["2 1/2 hours"] == ("DURATION", "PT2H30M")


def test_times_sets(pipeline: Pipeline) -> None:
    got = _times(
        pipeline, "The council meets every week, and the market opens every Monday. Reports come out monthly."
    )
    assert got["every week"] == ("SET", "P1W")
    assert got["every Monday"] == ("SET", "XXXX-WXX-1")
    assert got["monthly"] == ("SET", "P1M")


def test_times_clock_and_part_of_day(pipeline: Pipeline) -> None:
    got = _times(pipeline, "The blast came at 7:30 p.m. on Sunday. Rescuers arrived Monday morning.")
    assert got["7:30 p.m. on Sunday"] == ("TIME", "2025-04-06T19:30")
    assert got["Monday morning"] == ("TIME", "2025-04-07TMO")


def test_times_without_anchor_are_underspecified(pipeline: Pipeline) -> None:
    got = _times(
        pipeline, "The rally took place on April 5. It had been planned since yesterday.", published=None
    )
    assert got["April 5"] == ("DATE", "XXXX-04-05")
    assert got["yesterday"] == ("DATE", "PAST_REF")


def test_times_counts_are_not_years(pipeline: Pipeline) -> None:
    got = _times(pipeline, "Some 2000 people marched, and $1999 was raised. It happened in 1999.")
    assert "2000" not in got
    assert "1999" in got and got["1999"] == ("DATE", "1999")
    assert sum(1 for k in got if "1999" in k) == 1


def test_times_month_names_need_capitals(pipeline: Pipeline) -> None:
    got = _times(pipeline, "They may march in May.")
    assert list(got) == ["May"]
    assert got["May"] == ("DATE", "2025-05")


def test_times_holidays_and_anaphora(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "The ceasefire began on March 3, 2024. Later that day, shelling resumed. "
        "Families gathered on Thanksgiving Day 2024.",
    )
    assert got["March 3, 2024"] == ("DATE", "2024-03-03")
    assert got["Later that day"] == ("DATE", "2024-03-03")
    assert got["Thanksgiving Day 2024"] == ("DATE", "2024-11-28")


def test_times_year_earlier_follows_quarter(pipeline: Pipeline) -> None:
    got = _times(
        pipeline, "Profit rose 5% in the fourth quarter from $3 million a year earlier.", "2025-02-10"
    )
    assert got["the fourth quarter"] == ("DATE", "2024-Q4")
    assert got["a year earlier"] == ("DATE", "2023-Q4")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2025-04", ("2025-04-01", "2025-04-30")),
        ("2024-02", ("2024-02-01", "2024-02-29")),
        ("2025", ("2025-01-01", "2025-12-31")),
        ("2025-W14", ("2025-03-31", "2025-04-06")),
        ("2025-W14-WE", ("2025-04-05", "2025-04-06")),
        ("2025-Q1", ("2025-01-01", "2025-03-31")),
        ("2025-H2", ("2025-07-01", "2025-12-31")),
        ("2025-SU", ("2025-06-01", "2025-08-31")),
        ("2024-WI", ("2024-12-01", "2025-02-28")),
        ("199", ("1990-01-01", "1999-12-31")),
        ("19", ("1900-01-01", "1999-12-31")),
        ("2025-04-05T10:00", ("2025-04-05", "2025-04-05")),
        ("P3D", (None, None)),
        ("XXXX-04-05", (None, None)),
        ("PRESENT_REF", (None, None)),
    ],
)
def test_interval_of_values(value: str, expected: tuple[str | None, str | None]) -> None:
    assert interval(value) == expected


def test_interval_reference_values_use_publication_date() -> None:
    assert interval("PRESENT_REF", PUBLISHED) == ("2025-04-07", "2025-04-07")
    assert interval("PAST_REF", PUBLISHED) == (None, "2025-04-07")
    assert interval("FUTURE_REF", PUBLISHED) == ("2025-04-07", None)
    assert interval("2025-13") == (None, None)


def test_anchor_date_reads_offsets_and_bad_input() -> None:
    assert str(anchor_date("2025-04-07T20:11:00+04:00")) == "2025-04-07"
    assert str(anchor_date("2025-04-07")) == "2025-04-07"
    assert anchor_date("yesterday") is None
    assert anchor_date(None) is None


def test_event_time_prefers_the_attached_expression(pipeline: Pipeline) -> None:
    text = "On Monday officials said the suspects had been detained in late March."
    doc = _run(pipeline, text)
    i = text.index("detained")
    et = event_time(doc, i, i + len("detained"))
    assert et is not None and et.text == "late March"
    assert (et.start, et.end) == ("2025-03-21", "2025-03-31")
    j = text.index("said")
    said = event_time(doc, j, j + 4)
    assert said is not None and said.text == "Monday"


def test_event_time_none_without_times(pipeline: Pipeline) -> None:
    text = "The suspects were detained by the police."
    doc = _run(pipeline, text)
    assert doc.times == []
    assert event_time(doc, 18, 26) is None


def test_timex_record_round_trip(pipeline: Pipeline) -> None:
    doc = _run(pipeline, "It rained on Saturday.")
    (t,) = doc.times
    assert Timex.from_dict(t.to_dict()) == t


def test_find_timexes_survives_calendar_edges() -> None:
    from datetime import date

    from claimgraph.nlp.temporal.timex import find_timexes

    text = (
        "yesterday, last week, next year, 3 days ago, 10000000 days ago, Feb. 30, 2025-13-45, "
        "the following day, that year, Thanksgiving, the weekend, 25:99 and 13 p.m."
    )
    for anchor in (date(1, 1, 1), date(9999, 12, 31), date(2024, 2, 29), None):
        for start, end, typ, value in find_timexes(text, anchor):
            assert 0 <= start < end <= len(text)
            assert typ in ("DATE", "TIME", "DURATION", "SET") and value


def test_times_frequency_is_a_set(pipeline: Pipeline) -> None:
    got = _times(pipeline, "The board meets twice a year.")
    assert got["a year"] == ("SET", "P1Y")


def test_times_spelled_out_days_and_years(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "Voters go to the polls this coming Sunday, March eighth. The law dates from "
        "January nineteen ninety-seven and the treaty from the twenty-first of April, 1990. "
        "It was signed in the winter of nineteen ninety-four.",
        "2026-03-02",
    )
    assert ("DATE", "2026-03-08") in got.values()
    assert got["January nineteen ninety-seven"] == ("DATE", "1997-01")
    assert got["the twenty-first of April, 1990"] == ("DATE", "1990-04-21")
    assert got["the winter of nineteen ninety-four"] == ("DATE", "1994-WI")


def test_times_week_of_and_halves(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "Hearings begin the week of March 6. Sales slowed in the last half of 1989 "
        "and will recover in the first two quarters of 1990.",
        "2000-02-24",
    )
    assert got["the week of March 6"] == ("DATE", "2000-W10")
    assert got["the last half of 1989"] == ("DATE", "1989-H2")
    assert got["the first two quarters of 1990"] == ("DATE", "1990-H1")


def test_times_seasons_early_in_the_year(pipeline: Pipeline) -> None:
    got = _times(pipeline, "Prices rose last fall and may fall again next spring.", "1998-02-06")
    assert got["last fall"] == ("DATE", "1997-FA")
    assert got["next spring"] == ("DATE", "1998-SP")


def test_times_past_tense_never_dates_forward(pipeline: Pipeline) -> None:
    got = _times(pipeline, "In January, a clinic bombing killed a security guard.", "1998-10-25")
    assert got["January"] == ("DATE", "1998-01")


def test_times_participle_clause_takes_head_tense(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "He was found floating off the Florida coast on Thanksgiving Day after the boat sank.",
        "2000-04-03",
    )
    assert got["Thanksgiving Day"] == ("DATE", "1999-11-25")


def test_times_titles_are_not_times(pipeline: Pipeline) -> None:
    got = _times(pipeline, 'The minister spoke on CBS\'s "60 Minutes" and on ABC\'s "This Week" on Sunday.')
    assert list(got) == ["Sunday"]


def test_times_adjectival_quarter_leaves_determiner_out(pipeline: Pipeline) -> None:
    doc = _run(
        pipeline,
        "Analysts said that third-quarter earnings fell, and the third-quarter loss widened.",
        "1989-11-02",
    )
    assert [(t.span.text, t.value) for t in doc.times] == [
        ("third-quarter", "1989-Q3"),
        ("third-quarter", "1989-Q3"),
    ]


def test_times_more_clock_and_duration_forms(pipeline: Pipeline) -> None:
    got = _times(
        pipeline,
        "The plane leaves at 4 in the morning. The speech lasted a minute and a half. "
        "Shares fell sharply mid-afternoon yesterday, below the then current price.",
        "2000-04-05",
    )
    assert got["4 in the morning"][0] == "TIME" and got["4 in the morning"][1].endswith("T04:00")
    assert got["a minute and a half"] == ("DURATION", "PT1M30S")
    assert got["mid-afternoon yesterday"] == ("TIME", "2000-04-04TAF")
    assert got["then current"] == ("DATE", "PAST_REF")


def test_times_that_day_of_a_month_leaves_the_day_open(pipeline: Pipeline) -> None:
    got = _times(pipeline, "The talks opened in October 1998. Rebels attacked that same day.", "1999-02-06")
    assert got["October 1998"] == ("DATE", "1998-10")
    assert got["that same day"] == ("DATE", "1998-10-XX")


def test_times_decade_durations_in_years(pipeline: Pipeline) -> None:
    got = _times(pipeline, "The feud lasted two decades, and decades-long mistrust remains.")
    assert got["two decades"] == ("DURATION", "P20Y")
    assert got["decades-long"] == ("DURATION", "PXY")


def _every_rule_everywhere(text: str) -> list[tuple[int, int, str, tuple[tuple[str, str], ...]]]:
    from claimgraph.nlp.temporal.rules import RULES, _windows

    found = set()
    for lo, hi in _windows(text):
        for rule in RULES:
            for m in rule.pattern.finditer(text, lo, hi):
                if m.end() > m.start():
                    groups = tuple(sorted((k, v) for k, v in m.groupdict().items() if v is not None))
                    found.add((m.start(), m.end(), rule.name, groups))
    return sorted(found)


def test_rule_gates_skip_only_searches_that_cannot_match(example_path):
    """A rule runs only in windows holding one of its words; the candidates are those of every
    rule searched in every window, on the seed and on text dense with time expressions, in
    any case."""
    from claimgraph.nlp.temporal.rules import find_candidates

    dense = (
        "On Tuesday, Jan. 5, 2021 at 10:30 a.m. EST, three weeks ago, the 1990s and the '80s, "
        "mid-April, the first half of 2019, fiscal 2020's third quarter, every other Monday, "
        "nightly, Christmas Eve, the following week, two decades from now, a 12-month-long "
        "freeze, year-earlier profits, the twenty-first century, nineteen ninety-four, "
        "Mondays and Friday mornings, this past weekend, at present, as soon as possible, "
        "the week of March 3, 3/14/15, 2024-06-01T12:00, noon tomorrow, spring 2018."
    )
    for text in (example_path.read_text(encoding="utf-8"), dense):
        for variant in (text, text.lower(), text.upper()):
            got = sorted({(c.start, c.end, c.rule, tuple(sorted(c.groups.items())))
                          for c in find_candidates(variant)})
            assert got == _every_rule_everywhere(variant)
            assert got or variant is not dense
