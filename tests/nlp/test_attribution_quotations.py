"""Quotations and the relations around them, on sentences written for these tests: a
quotation inside what someone is reported to say is that person's words, and a quotation
next to any verb the cue model keeps ("continued", "chanted") is a quote of its source."""

from __future__ import annotations

from functools import cache

import pytest

from claimgraph import analyze
from claimgraph.models import Claim, Document

pytestmark = pytest.mark.usefixtures("committed_models")

_RELATIONS = ("attributed", "quote", "belief")


@cache
def record(text: str) -> Document:
    return analyze(text, published="2024-05-01")


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
