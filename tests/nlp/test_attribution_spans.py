"""Span edges of attribution relations, as PolNeAR marks them, on sentences written for
these tests: the content of a clause interrupted by its source and cue, the object before
an infinitive, an opening "But", quotation parts that keep their marks, quotes in two
apostrophes, the cue's auxiliaries, prepositions and (absent) time words, and the source
after a separator the parse took in."""

from __future__ import annotations

from functools import cache

import pytest

from claimgraph import analyze
from claimgraph.models import Claim, Document

#: every test here runs on the committed models (the cached records below rely on it)
pytestmark = pytest.mark.usefixtures("committed_models")


@cache
def record(text: str) -> Document:
    return analyze(text, published="2024-05-01")


def relation(doc: Document, words: str) -> Claim:
    """The attributed/quote/belief claim whose evidence holds ``words`` (the shortest)."""
    hits = [c for c in doc.claims if c.kind in ("attributed", "quote", "belief") and words in c.evidence.text]
    assert hits, f"no relation holds {words!r}: {[(c.kind, c.evidence.text) for c in doc.claims]}"
    return min(hits, key=lambda c: len(c.evidence.text))


# -- content ------------------------------------------------------------------------------


def test_content_of_a_clause_interrupted_by_source_and_cue_holds_both_parts():
    doc = record("The museum, Mr. Bush said, celebrated several of his heroes.")
    c = relation(doc, "celebrated several")
    assert c.evidence.text.startswith("The museum")
    assert c.evidence.text.endswith("his heroes")
    assert c.cue is not None and c.cue.text == "said"
    assert c.chain[-1].span is not None and c.chain[-1].span.text == "Mr. Bush"


def test_a_time_phrase_after_an_interrupting_cue_is_no_content():
    doc = record("The talks, the minister said on Monday, will resume next week.")
    c = relation(doc, "will resume next week")
    assert c.evidence.text.startswith("The talks")
    assert c.cue is not None and c.cue.text == "said"


def test_content_of_an_infinitive_keeps_the_object_it_is_about():
    doc = record("The United States urged North Korea to resume the talks it abandoned in 2009.")
    c = relation(doc, "to resume the talks")
    assert c.evidence.text == "North Korea to resume the talks it abandoned in 2009"


@pytest.mark.parametrize(
    ("text", "content", "cue"),
    [
        ("The mayor has called on police to release the videos.", "police to release the videos", "has called on"),
        ("Protesters are demanding President Barack Obama make a pledge not to pardon her.",
         "President Barack Obama make a pledge not to pardon her", "are demanding"),
    ],
)
def test_content_keeps_the_one_a_request_is_made_of(text, content, cue):
    c = relation(record(text), content.split()[-1])
    assert c.evidence.text == content
    assert c.cue is not None and c.cue.text == cue


def test_object_content_keeps_the_rest_of_its_verb_phrase():
    doc = record("Gingrich frequently mocked Romney for not releasing his full tax returns.")
    c = relation(doc, "Romney")
    assert c.evidence.text == "Romney for not releasing his full tax returns"


def test_content_keeps_the_conjunction_that_opens_its_sentence():
    doc = record("But the new plan is still tilted toward the rich, the senator said.")
    c = relation(doc, "tilted toward the rich")
    assert c.evidence.text == "But the new plan is still tilted toward the rich"


def test_content_ends_before_a_closing_participle_clause():
    doc = record("The governor said the budget talks had failed, arguing that the legislature was divided.")
    c = relation(doc, "the budget talks had failed")
    assert c.evidence.text == "the budget talks had failed"


def test_a_sentence_carried_by_a_report_frame_has_no_cue_of_its_own():
    doc = record(
        "The Daily Mirror has reported that the minister resigned on Monday. "
        "The cabinet met in an emergency session in the evening."
    )
    first = relation(doc, "the minister resigned")
    assert first.cue is not None and first.cue.text == "has reported"
    carried = next(c for c in doc.claims if "emergency session" in c.evidence.text)
    assert carried.kind == "attributed"
    assert carried.chain[-1].name == first.chain[-1].name
    assert carried.cue is None


# -- quotations ---------------------------------------------------------------------------


def test_parts_of_one_quotation_broken_by_its_cue_keep_their_marks():
    doc = record("“The dam held this time,” the engineer Lena Ortiz said. “Next spring it may not hold at all.”")
    first, second = relation(doc, "The dam held"), relation(doc, "Next spring")
    assert first.kind == second.kind == "quote"
    assert first.cue == second.cue
    assert first.evidence.text == "“The dam held this time,”"
    assert second.evidence.text == "“Next spring it may not hold at all.”"
    # the quotes themselves are the words inside the marks
    assert {q.text for q in doc.quotes} >= {"The dam held this time,", "Next spring it may not hold at all."}


def test_a_lone_quotation_is_the_words_inside_its_marks():
    doc = record("“We will rebuild the school before winter,” Mayor Anna Novak said on Tuesday.")
    c = relation(doc, "rebuild the school")
    assert c.evidence.text == "We will rebuild the school before winter,"


def test_quotations_in_two_apostrophes_are_quotes_with_their_speaker():
    doc = record(
        "The exhibition opened on Saturday.\n\n"
        "''These are the stories that nobody tells at school,'' the curator said.\n\n"
        "''Some visitors cried,'' she added. ''Others stayed for hours.''"
    )
    c = relation(doc, "These are the stories")
    assert c.kind == "quote"
    assert c.chain[-1].span is not None and c.chain[-1].span.text == "the curator"
    assert "These are the stories that nobody tells at school," in {q.text for q in doc.quotes}
    second = relation(doc, "Others stayed for hours")
    assert second.kind == "quote" and second.cue is not None and second.cue.text == "added"


def test_words_of_a_quotation_are_not_the_subject_of_its_cue():
    doc = record(
        "“The campaign is in panic mode. Full panic mode,” said Leslie Wimes, a Florida activist."
    )
    c = relation(doc, "Full panic mode")
    assert c.kind == "quote"
    assert c.chain[-1].span is not None and c.chain[-1].span.text.startswith("Leslie Wimes")


# -- cues and sources ---------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "words", "cue"),
    [
        ("The senator has long said that the tax is unfair.", "the tax is unfair", "has long said"),
        ("Officials said Friday that the bridge would reopen.", "the bridge would reopen", "said"),
        ("The ministry said in a statement that the border had reopened.", "the border had reopened",
         "said in a statement"),
        ("Democrats in the House called for a full investigation.", "a full investigation", "called for"),
    ],
)
def test_cue_edges(text, words, cue):
    c = relation(record(text), words)
    assert c.cue is not None and c.cue.text == cue


def test_source_starts_after_a_separator_the_parse_took_in():
    doc = record("Back when he wrote his first book, Mr. McKinley said that he considered debt a last resort.")
    c = relation(doc, "he considered debt a last resort")
    assert c.chain[-1].span is not None and c.chain[-1].span.text == "Mr. McKinley"


def test_object_of_a_stance_preposition_is_the_content():
    doc = record("The senator warned against hackers from China and Russia.")
    c = relation(doc, "hackers from China")
    assert c.cue is not None and c.cue.text == "warned against"
    assert c.evidence.text == "hackers from China and Russia"


@pytest.mark.parametrize(("text", "words", "cue"), [
    ("Lawmakers expressed outrage over North Korea's latest gambit.", "latest gambit", "expressed outrage over"),
    ("Parents expressed concern about the new school schedule.", "school schedule", "expressed concern about"),
    ("The senators voiced anger over the decision to close the base.", "close the base", "voiced anger over"),
    ("Residents spoke out about the death of the teenager.", "the death", "spoke out about"),
])
def test_cue_runs_on_to_the_preposition_of_its_content(text, words, cue):
    """PolNeAR's cue holds the preposition that introduces a content the cue governs."""
    rel = relation(record(text), words)
    assert rel.cue is not None and rel.cue.text == cue
    assert not rel.evidence.text.startswith(cue.split()[-1] + " ")


def test_cue_keeps_its_end_before_a_clause():
    rel = relation(record("He said on Monday that the plant would close."), "the plant")
    assert rel.cue is not None and rel.cue.text == "said"
