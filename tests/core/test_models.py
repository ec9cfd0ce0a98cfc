from __future__ import annotations

import pytest

from claimgraph.models import (
    SCHEMA,
    Amount,
    ChainLink,
    Claim,
    Document,
    DocumentInfo,
    Entity,
    Event,
    EventTime,
    Geo,
    Participant,
    Quote,
    Relation,
    Span,
    Timex,
    iter_spans,
)

TEXT = "Police arrested two men in Baku on Saturday, the ministry said."


def _record() -> Document:
    info = DocumentInfo(id="x", source="test", text=TEXT, publisher="Example Daily")
    police = Entity("e1", "ORG", "Police", mentions=[Span.of(TEXT, 0, 6)])
    men = Entity("e2", "PERSON", "two men", named=False, mentions=[Span.of(TEXT, 16, 23)])
    baku = Entity(
        "e3", "GPE", "Baku", mentions=[Span.of(TEXT, 27, 31)],
        geo=Geo(587084, "Baku", "AZ", "city", 40.37767, 49.89201),
    )
    claim = Claim(
        "c1", "attributed",
        [ChainLink("Example Daily", "publisher"), ChainLink("the ministry", "government", None, Span.of(TEXT, 45, 57))],
        evidence=Span.of(TEXT, 0, 43), cue=Span.of(TEXT, 58, 62), hedges=[],
    )
    ev = Event(
        "v1", "COERCE", Span.of(TEXT, 7, 15), mode="arrest", status="occurred",
        participants=[Participant("actor", "e1"), Participant("target", "e2")], location="e3",
        time=EventTime("Saturday", "2025-04-05", "2025-04-05"), amount=Amount("$5", 5.0, "USD"), claim="c1",
    )
    return Document(
        info=info, entities=[police, men, baku], events=[ev], claims=[claim],
        times=[Timex(Span.of(TEXT, 35, 43), "DATE", "2025-04-05")],
        quotes=[Quote("e1", "x", Span.of(TEXT, 0, 1), "said", "c1")],
        relations=[Relation("located_in", "e1", "e3", "c1")],
    )


def test_document_round_trips_through_dict():
    rec = _record()
    d = rec.to_dict()
    assert d["schema"] == SCHEMA
    again = Document.from_dict(d)
    assert again.to_dict() == d


def test_span_of_takes_text_from_offsets():
    s = Span.of(TEXT, 27, 31)
    assert s.text == "Baku"
    assert TEXT[s.start : s.end] == s.text


def test_iter_spans_finds_every_span_and_all_match_the_text():
    d = _record().to_dict()
    spans = list(iter_spans(d))
    # mentions (3) + claim link span + evidence + cue + event trigger + timex + quote span
    assert len(spans) == 9
    assert all(TEXT[s["start"] : s["end"]] == s["text"] for s in spans)


def test_amount_serialises_whole_numbers_as_int():
    assert Amount("$200,000", 200000.0, "USD").to_dict()["value"] == 200000
    assert isinstance(Amount("$2.5", 2.5, "USD").to_dict()["value"], float)


def test_scratch_is_not_serialised():
    rec = _record()
    rec.scratch["sdoc"] = object()
    assert "scratch" not in rec.to_dict()


@pytest.mark.parametrize("key", ["document", "entities", "events", "claims", "times", "quotes", "relations"])
def test_record_has_every_contract_key(key):
    assert key in _record().to_dict()
