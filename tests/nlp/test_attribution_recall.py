"""Attribution relations the parse hides, on sentences written for these tests: a "that"
clause hung on the wrong word, a source the parse took as an object, the speaker of a
gerund ("After saying ..., she"), what a relative clause reports ("which he said were ..."),
speakers' turns in transcripts ("WALLACE: ..."), a speech verb with a bare object, report
nouns with a compounded name ("a New York Times report that ..."), and verbal attacks; and
quotations and the relations around them: a quotation inside what someone is reported to
say is that person's words, and a quotation next to any verb the cue model keeps
("continued", "chanted") is a quote of its source."""

from __future__ import annotations

from functools import cache

import pytest

from claimgraph import analyze
from claimgraph.models import Claim, Document

#: every test here runs on the committed models (the cached records below rely on it)
pytestmark = pytest.mark.usefixtures("committed_models")

_RELATIONS = ("attributed", "quote", "belief")


@cache
def record(text: str) -> Document:
    return analyze(text, published="2024-05-01")


def relation_by_cue(doc: Document, cue: str) -> Claim:
    """The relation (attributed/quote/belief claim) whose cue is ``cue``."""
    hits = [c for c in doc.claims if c.kind in _RELATIONS and c.cue is not None and c.cue.text == cue]
    assert hits, f"no relation with cue {cue!r}: {[(c.kind, c.cue and c.cue.text, c.evidence.text) for c in doc.claims]}"
    return hits[0]


def source_text(c: Claim) -> str | None:
    span = c.chain[-1].span
    return span.text if span is not None else None


def test_a_that_clause_after_the_object_of_told_is_its_content():
    doc = record(
        "In Honolulu last week, he told a meeting of Pacific Island leaders that few people "
        "understood the stakes of climate change better than residents of their part of the planet."
    )
    c = relation_by_cue(doc, "told")
    assert c.kind == "attributed"
    assert c.evidence.text.startswith("that few people understood")
    assert c.evidence.text.endswith("their part of the planet")
    assert source_text(c) == "he"


def test_a_that_clause_after_a_time_phrase_is_the_content_of_reported():
    doc = record(
        "Under pressure, The New York Times reported at the time that the editor in chief "
        "conveyed her displeasure to the anchor."
    )
    c = relation_by_cue(doc, "reported")
    assert c.evidence.text.startswith("that the editor in chief")
    assert source_text(c) == "The New York Times"


def test_a_speaker_the_parse_took_as_an_object_is_still_the_source():
    doc = record(
        "In a March meeting with the editorial board of the Washington Post Trump said that "
        "American involvement in NATO may need to be significantly diminished."
    )
    c = relation_by_cue(doc, "said")
    assert source_text(c) == "Trump"
    assert c.evidence.text.startswith("that American involvement")


def test_the_subject_of_the_clause_a_gerund_hangs_on_is_its_speaker():
    doc = record("After saying her right foot was badly swollen, she was taken to Bethesda Naval Hospital.")
    c = relation_by_cue(doc, "saying")
    assert source_text(c) == "she"
    assert c.evidence.text == "her right foot was badly swollen"


@pytest.mark.parametrize(
    ("text", "cue", "source", "start", "end"),
    [
        (
            "The videos do not show whether Scott held anything in his hands, which he said were at "
            "his side when he was shot.",
            "said", "he", "which he said", "when he was shot",
        ),
        (
            "The plan amounts to what the senators said was economic gerrymandering.",
            "said", "the senators", "what the senators", "economic gerrymandering",
        ),
    ],
)
def test_a_relative_word_before_source_and_cue_opens_the_content(text, cue, source, start, end):
    c = relation_by_cue(record(text), cue)
    assert source_text(c) == source
    assert c.evidence.text.startswith(start)
    assert c.evidence.text.endswith(end)


def test_the_relative_pronoun_that_speaks_is_the_source_not_the_content():
    c = relation_by_cue(record("Senator Smith, who said the plan would fail, voted against it."), "said")
    assert c.evidence.text == "the plan would fail"
    assert source_text(c) == "who"


_TRANSCRIPT = (
    "Pence appeared on Fox News Sunday.\n\n"
    "WALLACE: Let's start with the debate. After the campaign announced that it was inviting a "
    "businessman to sit in the front row, Trump invited a rival guest. And she said she would be there.\n\n"
    "PENCE: Well, look, the campaign apparently thinks this is a game show. But this is America, Chris.\n\n"
    "Q: Did you see the debate? Who won it?\n"
)


def test_a_speakers_turn_is_one_relation_over_the_paragraph():
    doc = record(_TRANSCRIPT)
    turns = [c for c in doc.claims if c.kind == "attributed" and c.cue is not None and c.cue.text == ":"]
    by_source = {source_text(c): c for c in turns}
    assert set(by_source) >= {"WALLACE", "PENCE"}
    wallace = by_source["WALLACE"]
    assert wallace.evidence.text.startswith("Let's start with the debate.")
    assert wallace.evidence.text.endswith("she would be there")
    assert by_source["PENCE"].evidence.text.endswith("But this is America, Chris")
    # no report frame is carried over the turn's own sentences
    inside = [c for c in doc.claims if c.kind == "attributed" and c.cue is None
              and wallace.evidence.start <= c.evidence.start < wallace.evidence.end]
    assert inside == []


def test_a_one_letter_label_opens_no_turn():
    doc = record(_TRANSCRIPT)
    # "Q:" is an interview's label, not a speaker: nothing runs over its whole paragraph
    assert not any(c.cue is not None and c.cue.text == ":" and "Who won it" in c.evidence.text
                   and "Did you see" in c.evidence.text for c in doc.claims)


def test_a_person_attacking_someone_in_words_is_a_stance_and_an_army_is_not():
    doc = record("Donald Trump attacked Machado on Twitter on Friday.")
    c = relation_by_cue(doc, "attacked")
    assert source_text(c) == "Donald Trump"
    army = record("The army attacked a base near the border on Friday.")
    assert not any(c.cue is not None and c.cue.text == "attacked" for c in army.claims)


_HEADLINE = (
    "Railing Against Trump, Sanders Vows To Eliminate Tax Breaks Used By Real Estate Developers\n\n"
    "Senator Bernie Sanders spoke in Iowa on Monday.\n\n"
    "He was joined by supporters.\n"
)


def test_a_title_case_headline_is_parsed_again_in_sentence_case():
    from claimgraph.nlp.attribution.headline import is_title_case, sentence_case
    from claimgraph.nlp.model import load_nlp

    sdoc = load_nlp()(_HEADLINE)
    line = sdoc.char_span(0, _HEADLINE.index("\n"), alignment_mode="expand")
    assert line is not None and is_title_case(line)
    cased = sentence_case(line)
    assert len(cased) == len(line.text)
    assert " vows to eliminate tax breaks" in cased
    body = sdoc.char_span(_HEADLINE.index("Senator"), _HEADLINE.index(" on Monday"), alignment_mode="expand")
    assert body is not None and not is_title_case(body)


def test_a_title_case_headline_keeps_its_report():
    doc = record(_HEADLINE)
    c = relation_by_cue(doc, "Vows")
    assert source_text(c) == "Sanders"
    assert c.evidence.text == "To Eliminate Tax Breaks Used By Real Estate Developers"
    assert doc.text[c.evidence.start : c.evidence.end] == c.evidence.text


def test_a_question_quoted_before_its_speaker_is_the_speakers_quote():
    doc = record(
        "The senator spoke at the rally.\n\n"
        "“Does anybody know what the environmental platform of the Republican Party is?” Graham asked. "
        "“Neither do I.”\n\nThe crowd laughed.\n"
    )
    c = relation_by_cue(doc, "asked")
    assert c.kind == "quote"
    assert source_text(c) == "Graham"
    assert "Does anybody know what the environmental platform" in c.evidence.text
    # the quoted sentence is the quote's claim, not the publisher's
    assert not any(x.kind == "reported" and "Does anybody know" in x.evidence.text for x in doc.claims)
    quote = next(q for q in doc.quotes if q.text.startswith("Does anybody know"))
    assert quote.claim == c.id and quote.cue == "asked"


@pytest.mark.parametrize(("text", "source"), [
    # a saying noun stands for its author when the text names one
    ("Donald Trump spoke in Ohio on Friday. His comments echoed those he has delivered at rallies.",
     "Donald Trump"),
    ("A report by BuzzFeed News said Trump directed Michael Cohen to lie to Congress.", "BuzzFeed News"),
    # "the statement" points back to the statement just named
    ("In a statement published by the state-run Korean Central News Agency, North Korean leader "
     "Kim Jong Un promised to never use nuclear weapons.\n\n“North Korea's nuclear test center will be "
     "discarded,” the statement said.", "Kim Jong Un"),
])
def test_statements_and_reports_speak_for_their_authors(text, source):
    doc = analyze(text, published="2024-05-01", publisher="nytimes.com")
    origins = [c.chain[-1].name for c in doc.claims if len(c.chain) > 1]
    assert origins and all(o == source for o in origins), origins


def test_a_statement_with_no_author_stays_the_source():
    doc = analyze("The indictment said Stone lied to Congress.", published="2024-05-01", publisher="nytimes.com")
    assert [c.chain[-1].name for c in doc.claims if len(c.chain) > 1] == ["The indictment"]


def test_an_unnamed_group_named_again_is_one_source():
    """ "the officials said", "they said" after "according to Western and Middle Eastern security
    officials": one group, so one origin in the knowledge base, not three."""
    text = ("Iran plotted to assassinate Rabbi Shneor Segal, according to Western and Middle Eastern "
            "security officials.\n\nAzerbaijan's State Security Service arrested two men before they could "
            "carry out the killing, the officials said. The men had been promised $200,000, they said.")
    doc = analyze(text, published="2025-04-05", publisher="washingtonpost.com")
    origins = {c.chain[-1].name for c in doc.claims if len(c.chain) > 1}
    assert origins == {"Western and Middle Eastern security officials"}, origins


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        ("About 4 in 10 say they want the next president to have more liberal policies.", "say", "About 4 in 10"),
        ("Less than a third agreed with the President that Britain would have to wait its turn.", "agreed", "Less than a third"),
    ],
)
def test_a_share_of_those_polled_hung_on_the_verb_is_its_source(text, cue, source):
    c = relation_by_cue(record(text), cue)
    assert source_text(c) == source
    assert c.kind == "attributed"


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Asked if he was ever bullied, Trump said he was not.", "Asked", "if he was ever bullied"),
        ("When asked about the Florida Standards, Bush said he supported them.", "asked about", "the Florida Standards"),
        ("Clinton was asked if she would schedule a press conference before Election Day.", "was asked",
         "if she would schedule a press conference before Election Day"),
    ],
)
def test_the_one_asked_is_never_the_source_of_the_question(text, cue, content):
    c = relation_by_cue(record(text), cue)
    assert c.evidence.text == content
    assert source_text(c) is None and c.chain[-1].kind == "anonymous"


def test_a_passive_asked_with_an_agent_has_the_agent_as_source():
    c = relation_by_cue(record("Sanders was asked by host Bill Maher whether the emails mattered."), "was asked")
    assert source_text(c) == "host Bill Maher"
    assert c.evidence.text == "whether the emails mattered"


def test_the_events_of_a_question_stay_the_outlets():
    doc = record("During his hearing, William P. Barr was asked if the president would have committed a crime.")
    asked = relation_by_cue(doc, "was asked")
    assert asked.evidence.text.startswith("if the president")
    ev = next(e for e in doc.events if e.trigger.text == "committed")
    claim = next(c for c in doc.claims if c.id == ev.claim)
    assert [link.kind for link in claim.chain] == ["publisher"]


@pytest.mark.parametrize(
    ("text", "cue", "content"),
    [
        ("Melania seems to have vanished from the campaign trail.", "seems",
         "Melania seems to have vanished from the campaign trail"),
        ("The statistics appear to be fabricated.", "appear", "The statistics appear to be fabricated"),
        ("It appears that the game wasn’t boring to everyone.", "appears", "that the game wasn’t boring to everyone"),
    ],
)
def test_what_seems_has_no_source_and_its_subject_is_content(text, cue, content):
    c = relation_by_cue(record(text), cue)
    assert source_text(c) is None
    assert c.evidence.text == content


def test_seeming_to_say_is_saying():
    c = relation_by_cue(record("He appeared to suggest that veterans might not be as strong."), "appeared to suggest")
    assert source_text(c) == "He"
    assert c.evidence.text == "that veterans might not be as strong"


def test_what_seems_so_is_the_outlets_own_view():
    c = relation_by_cue(record("The statistics appear to be fabricated."), "appear")
    assert [link.kind for link in c.chain] == ["publisher"]


def quote_of(doc: Document, words: str) -> Claim:
    hits = [c for c in doc.claims if c.kind == "quote" and words in c.evidence.text]
    assert hits, [(c.kind, c.cue and c.cue.text, c.evidence.text) for c in doc.claims]
    return hits[0]


def test_a_quotation_inside_a_reported_statement_is_the_reporters_source():
    doc = record(
        "“We have come a long way,” Sanders told supporters.\n\n"
        "On Sunday, former President Bill Clinton said supporters were being subject to "
        "“vicious trolling and attack” online."
    )
    q = quote_of(doc, "vicious trolling")
    assert q.chain[-1].name == "Bill Clinton"
    assert q.cue is not None and q.cue.text == "said"
    said = next(c for c in doc.claims if c.kind == "attributed" and c.cue and c.cue.text == "said")
    assert said.cue == q.cue  # one relation: the quotation is part of the statement


def test_a_quotation_after_a_speaker_stays_the_speakers_outside_any_content():
    doc = record("“We have come a long way,” Sanders told supporters. “We will win.”")
    q = quote_of(doc, "We will win")
    assert q.chain[-1].name == "Sanders"
    assert q.cue is not None and q.cue.text == "told"


def test_a_quotation_next_to_continued_is_a_quote_and_the_next_one_goes_on_with_it():
    doc = record(
        "Carson criticized Clinton on Tuesday.\n\n"
        "“Cyber security remains one of the biggest challenges facing our country today,” "
        "Carson continued. “I would not be anxious to have her as commander in chief.”"
    )
    first = quote_of(doc, "Cyber security")
    assert first.chain[-1].name == "Carson" and first.cue is not None and first.cue.text == "continued"
    second = quote_of(doc, "I would not be anxious")
    assert second.cue == first.cue and second.chain[-1].name == "Carson"
    assert not any(c.kind == "belief" and c.cue and c.cue.text == "continued" for c in doc.claims)


def test_a_crowd_chanting_a_quotation_is_its_speaker():
    doc = record("“We can win,” the crowd chanted.")
    q = quote_of(doc, "We can win")
    assert q.cue is not None and q.cue.text == "chanted"
    assert q.chain[-1].span is not None and q.chain[-1].span.text == "the crowd"


def test_a_planned_act_stays_a_belief_kept_apart():
    doc = record("The authorities planned to assassinate the journalist, prosecutors said.")
    planned = [c for c in doc.claims if c.cue is not None and c.cue.text == "planned"]
    assert all(c.kind == "belief" for c in planned)
    for ev in doc.events:
        if ev.claim:
            claim = next(c for c in doc.claims if c.id == ev.claim)
            assert claim.chain[-1].name.lower() != "the authorities"


def test_a_quotation_stays_with_a_speaker_who_speaks_inside_the_outer_report():
    doc = record(
        "As the Daily Example reported: Israeli Prime Minister Benjamin Netanyahu revealed new "
        "“dramatic” intelligence Monday which he claimed shows Iran is “brazenly lying” about "
        "its nuclear program."
    )
    q = quote_of(doc, "brazenly lying")
    assert q.chain[-1].name == "Benjamin Netanyahu"


@pytest.mark.parametrize(
    ("text", "cue", "source", "words"),
    [
        ("“This is fantastic!” beamed Donald Hartley of Madison, Alabama.", "beamed", "Donald Hartley", "This is fantastic"),
        ("“This is a big political win for me,” I confessed.", "confessed", "I", "a big political win"),
    ],
)
def test_a_verb_outside_the_lexicons_next_to_a_quotation_is_its_cue(text, cue, source, words):
    q = quote_of(record(text), words)
    assert q.cue is not None and q.cue.text == cue
    assert q.chain[-1].span is not None and q.chain[-1].span.text.startswith(source)


def test_a_quoted_paragraph_after_a_quote_goes_on_with_its_cue():
    doc = record(
        "“Before long, we’ll run out of personnel to cover the region,” said Mr. Dunlap, the "
        "county’s police chief.\n\n“I warned them years ago, but nothing. It’s irresponsible.”\n\n"
        "The council did not respond."
    )
    first = quote_of(doc, "Before long")
    second = quote_of(doc, "I warned them")
    assert first.cue is not None and first.cue.text == "said"
    assert second.cue == first.cue and second.chain[-1].name == first.chain[-1].name


def test_a_quotation_inside_a_paragraph_after_a_quote_does_not_take_its_cue():
    doc = record(
        "“Before long, we’ll run out of personnel to cover the region,” said Mr. Dunlap, the "
        "county’s police chief.\n\nThe council called the warning “a political stunt” on Monday."
    )
    stunt = [c for c in doc.claims if c.kind == "quote" and "political stunt" in c.evidence.text]
    assert all(c.cue is None or c.cue.text != "said" for c in stunt)
