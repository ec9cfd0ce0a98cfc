"""The ``quotes`` step: direct quotes, their speakers, cues and quote claims."""

from __future__ import annotations

import pytest

from claimgraph.ingest import make_info
from claimgraph.models import Document
from claimgraph.pipeline import Pipeline


def run(text: str, publisher: str | None = "Daily Example") -> Document:
    """Run parse -> entities -> attribution -> quotes, keeping the scratch state."""
    pipe = Pipeline(names=("parse", "entities", "attribution", "quotes"))
    doc = Document(info=make_info(text, "<test>", publisher=publisher))
    for s in pipe.steps:
        doc = s.batch([doc], pipe.settings)[0] if s.batch is not None else s.func(doc)
    return doc


def quote_with(doc: Document, words: str):
    hits = [q for q in doc.quotes if words in q.text]
    assert hits, f"no quote contains {words!r}: {[q.text for q in doc.quotes]}"
    return hits[0]


@pytest.fixture(scope="module")
def seed_doc(example_path) -> Document:
    return run(example_path.read_text(encoding="utf-8"), publisher="Azernews")


def test_quotes_seed_rabbi_is_speaker(seed_doc):
    q = quote_with(seed_doc, "We live here peacefully")
    assert q.text == "We live here peacefully. I walk the streets without fear."
    assert seed_doc.text[q.span.start : q.span.end] == q.text
    speaker = seed_doc.entity(q.speaker)
    assert speaker is not None and "Segal" in speaker.name and speaker.type == "PERSON"
    assert q.cue == "affirmed"
    claim = seed_doc.claim(q.claim)
    assert claim.kind == "quote"
    assert claim.evidence == q.span
    assert [link.kind for link in claim.chain] == ["publisher", "person"]
    assert claim.chain[1].entity == q.speaker


def test_quotes_speaker_after_quote():
    doc = run("“We will rebuild the school before winter,” Mayor Anna Novak said on Tuesday.")
    q = quote_with(doc, "rebuild the school")
    assert q.text == "We will rebuild the school before winter,"
    assert doc.entity(q.speaker).name.endswith("Anna Novak")
    assert q.cue == "said"


@pytest.mark.parametrize(
    ("text", "quoted", "speaker"),
    [
        ("President Trump confirmed the trip on Wednesday.\n\n“Mike Pompeo met with Kim Jong Un in "
         "North Korea last week, and the meeting went very smoothly,” he tweeted.", "Mike Pompeo met", "Trump"),
        ("Governor Maria Lopez spoke to reporters in Austin.\n\n“Senator John Reed has blocked this bill "
         "for two years and voters know it,” she said.", "has blocked this bill", "Maria Lopez"),
    ],
)
def test_quotes_pronoun_speaker_is_never_a_name_inside_the_quote(text, quoted, speaker):
    """"he tweeted" after a quotation that names others: the speaker is the person named
    before the quotation, not a name the speaker uses inside it."""
    doc = run(text)
    q = quote_with(doc, quoted)
    assert q.speaker is not None and doc.entity(q.speaker).name.endswith(speaker)
    claim = next(c for c in doc.claims if c.id == q.claim)
    assert claim.chain[-1].name.endswith(speaker)


def test_quotes_continuing_quote_keeps_paragraph_speaker():
    doc = run(
        'Peter Hall, a teacher at the school, said: "The roof leaked for years and the heating failed." '
        '"Nobody in the ministry listened to us at all."'
    )
    first = quote_with(doc, "The roof leaked")
    second = quote_with(doc, "Nobody in the ministry")
    assert first.speaker is not None and second.speaker == first.speaker
    assert doc.entity(first.speaker).name == "Peter Hall"
    assert doc.claim(second.claim).kind == "quote"


def test_quotes_angle_quotes_and_speaker_inversion():
    doc = run("«The negotiations are over and we are leaving tonight», said Foreign Minister Jan Berg.")
    q = quote_with(doc, "negotiations are over")
    assert q.text == "The negotiations are over and we are leaving tonight"
    assert "Jan Berg" in doc.entity(q.speaker).name


def test_quotes_short_scare_quote_is_not_a_quote():
    doc = run('The government called the protest a "provocation" and closed the square.')
    assert doc.quotes == []
    assert all(c.kind != "quote" for c in doc.claims)


def test_quotes_second_quote_after_speech_verb_same_speaker():
    doc = run("“The dam held this time,” the engineer Lena Ortiz said. “Next spring it may not hold at all.”")
    first = quote_with(doc, "The dam held")
    second = quote_with(doc, "Next spring")
    assert first.speaker is not None and second.speaker == first.speaker
    assert doc.claim(second.claim).kind == "quote" and doc.claim(second.claim).chain[-1].kind == "person"


def _one_sentence(text: str):
    from claimgraph.nlp.model import load_nlp

    sdoc = load_nlp()(text)
    return sdoc, sdoc[:]


def test_quotes_ranges_cut_by_sentence_run_to_its_edge():
    from claimgraph.nlp.attribution.cues import quote_ranges

    sdoc, sent = _one_sentence("We will win this state easily,” the candidate said on Monday.")
    assert [sdoc[a:b].text for a, b in quote_ranges(sdoc, sent)] == ["We will win this state easily,”"]
    sdoc, sent = _one_sentence("The candidate said: “We will win this state and the next one")
    assert [sdoc[a:b].text for a, b in quote_ranges(sdoc, sent)] == ["“We will win this state and the next one"]


def test_quotes_ranges_closing_marks_used_as_openers_pair_up():
    from claimgraph.nlp.attribution.cues import quote_ranges

    sdoc, sent = _one_sentence("The mayor called the plan ” a total disaster for the city ” on Friday.")
    assert [sdoc[a:b].text for a, b in quote_ranges(sdoc, sent)] == ["” a total disaster for the city ”"]
