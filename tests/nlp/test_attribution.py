"""The ``attribution`` step: claim kinds, source chains, carry-over, hedges, opinion."""

from __future__ import annotations

import pytest

from claimgraph.ingest import make_info
from claimgraph.models import Document, iter_spans
from claimgraph.pipeline import Pipeline

STEPS = ("parse", "entities", "attribution", "quotes")


def run(text: str, publisher: str | None = "Daily Example") -> Document:
    """Run parse -> entities -> attribution -> quotes, keeping the scratch state."""
    pipe = Pipeline(names=STEPS)
    doc = Document(info=make_info(text, "<test>", publisher=publisher))
    for s in pipe.steps:
        doc = s.batch([doc], pipe.settings)[0] if s.batch is not None else s.func(doc)
    return doc


def claim_with(doc: Document, words: str, kind: str | None = None):
    """The innermost claim whose evidence contains ``words`` (optionally of one kind)."""
    hits = [c for c in doc.claims if words in c.evidence.text and (kind is None or c.kind == kind)]
    assert hits, f"no claim contains {words!r}: {[(c.kind, c.evidence.text) for c in doc.claims]}"
    return min(hits, key=lambda c: len(c.evidence.text))


@pytest.fixture(scope="module")
def seed_doc(example_path) -> Document:
    return run(example_path.read_text(encoding="utf-8"), publisher="Azernews")


def test_attribution_seed_chain_resolves_newspaper_to_post(seed_doc):
    c = claim_with(seed_doc, "Aslanov was recruited by the Quds Force", "attributed")
    assert [link.kind for link in c.chain] == ["publisher", "outlet", "anonymous"]
    post = c.chain[1]
    assert post.span is not None and post.span.text == "the newspaper"
    ent = seed_doc.entity(post.entity)
    assert ent is not None and "Washington Post" in ent.name
    assert c.chain[2].span.text.endswith("intelligence sources")
    assert c.cue.text.lower() == "according to"
    assert "allegedly" in c.hedges


def test_attribution_seed_source_sentence_extends_report_chain(seed_doc):
    first = claim_with(seed_doc, "Iranian authorities planned to assassinate", "attributed")
    assert [link.kind for link in first.chain] == ["publisher", "outlet", "anonymous"]
    assert "Washington Post" in first.chain[1].name
    assert "security services" in first.chain[2].name
    assert first.cue.text == "has reported"
    follow = claim_with(seed_doc, "This information comes from sources")
    assert follow.kind == "attributed" and follow.cue.text == "comes from"
    assert [link.name for link in follow.chain] == [link.name for link in first.chain]


def test_attribution_seed_carries_report_to_rest_of_paragraph(seed_doc):
    for words in ("The plan involved surveillance", "Both were arrested earlier this year"):
        c = claim_with(seed_doc, words)
        assert c.kind == "attributed", (words, c.kind)
        assert len(c.chain) == 3
    # a new paragraph in the writer's voice is not carried
    assert claim_with(seed_doc, "The significance of the plot").kind == "opinion"


@pytest.mark.parametrize(
    "words",
    [
        "Unfortunately, Georgian authorities",
        "It is now crucial for the international community",
        "The broader takeaway is clear",
        "The rabbi plot appears to be part",
        "But Azerbaijan must remain vigilant",
        "If the assassination had succeeded",
        "Its timing and nature suggest",
    ],
)
def test_attribution_seed_opinion_has_one_link(seed_doc, words):
    c = claim_with(seed_doc, words, "opinion")
    assert len(c.chain) == 1 and c.chain[0].kind == "publisher" and c.chain[0].name == "Azernews"
    assert c.cue is None
    # what only seems so ("The rabbi plot appears to be part"): a belief of the outlet's own
    for other in (x for x in seed_doc.claims if words in x.evidence.text):
        assert other.kind in ("opinion", "reported", "belief") and len(other.chain) == 1


def test_attribution_seed_conduct_verb_is_no_attribution(seed_doc):
    # "authorities have shown little will" reports conduct, not speech
    hits = [c for c in seed_doc.claims if "little will or capacity" in c.evidence.text]
    assert hits and all(c.kind == "opinion" for c in hits)


def test_attribution_seed_narration_is_reported(seed_doc):
    c = claim_with(seed_doc, "The foiled attack comes just ahead of a high-level diplomatic visit")
    assert c.kind == "reported" and len(c.chain) == 1


def test_attribution_seed_spans_match_text_and_ids_in_order(seed_doc):
    text = seed_doc.text
    for s in iter_spans(seed_doc.to_dict()):
        assert text[s["start"] : s["end"]] == s["text"]
    assert [c.id for c in seed_doc.claims] == [f"c{i}" for i in range(1, len(seed_doc.claims) + 1)]
    starts = [c.evidence.start for c in seed_doc.claims]
    assert starts == sorted(starts)


def test_attribution_seed_every_sentence_covered(seed_doc):
    mapping = seed_doc.scratch["claim_sentences"]
    ids = {c.id: c for c in seed_doc.claims}
    for sent in seed_doc.scratch["sdoc"].sents:
        if not sent.text.strip():
            continue
        claim = ids[mapping[sent.start_char]]
        assert claim.evidence.start < sent.end_char and sent.start_char < claim.evidence.end


def test_attribution_nested_according_to_inside_report_has_three_links():
    doc = run("Reuters reported on Monday that, according to police officials, two men were arrested in Lyon.")
    c = claim_with(doc, "two men were arrested in Lyon", "attributed")
    assert [link.kind for link in c.chain] == ["publisher", "outlet", "anonymous"]
    assert c.chain[0].name == "Daily Example"
    assert c.chain[1].span.text == "Reuters"
    assert c.chain[2].span.text == "police officials"
    assert c.cue.text == "according to"


def test_attribution_source_after_content():
    doc = run("The bridge will stay closed until March, a spokesman for the city council said on Friday.")
    c = claim_with(doc, "The bridge will stay closed until March", "attributed")
    assert c.evidence.text == "The bridge will stay closed until March"
    assert c.chain[-1].kind == "anonymous"  # an unnamed individual, as "a senior official"
    assert c.chain[-1].span.text == "a spokesman for the city council"
    assert c.cue.text == "said"


def test_attribution_link_kinds_government_person_anonymous():
    doc = run(
        "The Interior Ministry said that the border crossing had reopened.\n\n"
        "Sources said the talks had stalled.\n\n"
        "John Carter told reporters that he would resign."
    )
    assert claim_with(doc, "the border crossing had reopened", "attributed").chain[-1].kind == "government"
    assert claim_with(doc, "the talks had stalled", "attributed").chain[-1].kind == "anonymous"
    carter = claim_with(doc, "he would resign", "attributed").chain[-1]
    assert carter.kind == "person"
    assert doc.entity(carter.entity).name == "John Carter"


def test_attribution_hedges_found_in_evidence_and_cue():
    doc = run("Police claimed that the suspect had allegedly bought the rifle in May and may have had help.")
    c = claim_with(doc, "the suspect had allegedly bought the rifle", "attributed")
    assert "allegedly" in c.hedges and "claimed" in c.hedges and "may" in c.hedges


def test_attribution_carry_over_stops_at_paragraph_and_opinion():
    doc = run(
        "The Guardian reported that the factory had closed. Workers were sent home without pay. "
        "Unfortunately, nobody has taken responsibility.\n\n"
        "The town has 4,000 inhabitants."
    )
    carried = claim_with(doc, "Workers were sent home without pay")
    assert carried.kind == "attributed" and carried.chain[-1].span is None
    assert carried.chain[-1].name == claim_with(doc, "the factory had closed", "attributed").chain[-1].name
    assert claim_with(doc, "nobody has taken responsibility").kind == "opinion"
    assert claim_with(doc, "The town has 4,000 inhabitants").kind == "reported"


def test_attribution_a_remark_carries_only_to_what_goes_on_with_it():
    """A frame of one person's remark carries to a sentence that goes on with it (a pronoun
    subject, a quotation), not to the writer's next fact (statuschain-dev: 13 events whose
    chain ends at the writer were carried to the speaker before)."""
    doc = run(
        "Secretary of State John Kerry said Tuesday that he would be in Switzerland negotiating "
        "with the Iranians. The White House has not committed to sending a representative.\n\n"
        "The Korean Central News Agency said that the country was halting nuclear tests as of "
        "that day. It also plans to close down a nuclear test site in the north.\n\n"
        "Kelly Holmes said that she would race in Glasgow next month. \u201cThe reception I have "
        "had since the Olympics has been amazing and that is why I wanted to keep running.\u201d"
    )
    assert claim_with(doc, "The White House has not committed").kind == "reported"
    went_on = claim_with(doc, "It also plans to close down")
    assert went_on.kind == "attributed" and went_on.chain[-1].name.endswith("Korean Central News Agency")
    quoted = claim_with(doc, "The reception I have had")
    assert quoted.kind in {"attributed", "quote"} and quoted.chain[-1].name == "Kelly Holmes"


def test_attribution_an_offence_named_in_a_charge_is_an_allegation():
    """"was charged with murder": the murder is the charge's allegation (an attribution with
    no named source, as PolNeAR marks it), never a fact in the writer's voice; the accused is
    no part of the allegation, and "charged a fee" names no offence."""
    doc = run("The man was charged with murder. The senator has been accused of sexual misconduct. "
              "He was charged a fee of 20 dollars.")
    murder = claim_with(doc, "murder", "attributed")
    assert murder.evidence.text == "murder" and murder.cue.text == "was charged with"
    assert murder.chain[-1].kind == "anonymous"
    assert claim_with(doc, "sexual misconduct", "attributed").cue.text == "has been accused of"
    assert claim_with(doc, "a fee of 20 dollars").kind == "reported"


def test_attribution_inference_verb_without_source_is_opinion():
    doc = run("The timing of the strike suggests that it was planned for months.")
    assert [c.kind for c in doc.claims] == ["opinion"]
    doc = run("Investigators suggested that the fire was started deliberately.")
    assert claim_with(doc, "the fire was started deliberately").kind == "attributed"


def test_attribution_unknown_publisher_link():
    doc = run("The river flooded the old town on Sunday.", publisher=None)
    (c,) = doc.claims
    assert c.kind == "reported" and c.chain[0].name == "unknown" and c.chain[0].kind == "publisher"


def test_attribution_learned_cue_scored_but_no_claim():
    doc = run("The senator blasted the governor's plan on Tuesday.\n")
    rels = [r for _, rs in doc.scratch["attribution_relations"] for r in rs]
    sdoc = doc.scratch["sdoc"]
    learned = [r for r in rels if r.cue_class == "learned"]
    assert [sdoc[slice(*r.cue)].text for r in learned] == ["blasted"]
    assert sdoc[slice(*learned[0].content)].text == "the governor's plan"
    assert all(c.kind != "attributed" for c in doc.claims)


def test_attribution_learned_cue_skips_speech_complement():
    doc = run("The mayor continued to insist that the budget was balanced.\n")
    c = claim_with(doc, "the budget was balanced", "attributed")
    assert c.cue is not None and "insist" in c.cue.text
    rels = [r for _, rs in doc.scratch["attribution_relations"] for r in rs]
    assert all(r.cue_class == "speech" for r in rels)


def _relations(text: str):
    from claimgraph.nlp.attribution.cues import find_attributions
    from claimgraph.nlp.model import load_nlp

    sdoc = load_nlp()(text)
    return sdoc, [r for s in sdoc.sents for r in find_attributions(s)]


def test_attribution_possessive_claim_noun_is_learned_relation():
    sdoc, rels = _relations("Politifact checked Trump's claim that the city had thousands of shootings.")
    noun = [r for r in rels if r.kind == "noun"]
    assert len(noun) == 1 and noun[0].cue_class == "learned"
    assert sdoc[slice(*noun[0].source)].text == "Trump's"
    assert sdoc[slice(*noun[0].content)].text == "that the city had thousands of shootings"


def test_attribution_headline_colon_names_source():
    sdoc, rels = _relations("Sanders: Clinton needs to get away from all of this personality stuff.")
    assert [(sdoc[slice(*r.source)].text, sdoc[slice(*r.cue)].text) for r in rels] == [("Sanders", ":")]
    assert sdoc[slice(*rels[0].content)].text == "Clinton needs to get away from all of this personality stuff"
    _, none = _relations("The plan: build a wall along the whole border and more.")
    assert none == []


def test_attribution_a_phrase_the_writer_quotes_is_nobodys_speech():
    """A short quotation inside the writer's own sentence (a scare quote, a title) does not go
    on with the last speaker's words, and a quoted attribute value in a markup tag is no
    quotation at all (PolNeAR train: 13 such relations, none in the gold)."""
    doc = run(
        "\u201cStaying at home is yet another step on the road to electing Hillary,\u201d Bolton added.\n\n"
        "Part of this \u201cbinary choice\u201d framework involves understanding the advisers.\n\n"
        "Ryan posted a statement.\n\n"
        '<tweet id="750366792434978816" author="@SpeakerRyan" datetime="2016-07-05">While I respect '
        "the professionals at the FBI, this announcement defies explanation.</tweet>"
    )
    spoken = [c.evidence.text for c in doc.claims if c.kind == "quote"]
    assert any(t.startswith("Staying at home") for t in spoken)
    assert not any("binary choice" in t or "2016-07-05" in t or "@SpeakerRyan" in t for t in spoken)


def test_attribution_a_content_ends_where_its_quotation_closes_into_narration():
    """"vowed that X will end “one way or the other,” a day after it emerged ...": the words
    after the closing mark are the writer's (the parse hangs them on the quoted verb), so
    the events there are not the speaker's; "..., and that ..." goes on with the report."""
    doc = run("President Trump vowed Wednesday that birthright citizenship will end \u201cone way or the "
              "other,\u201d a day after it emerged he was considering killing the policy by executive order.")
    vow = next(c for c in doc.claims if c.cue is not None and c.cue.text == "vowed")
    assert vow.evidence.text.endswith("other,\u201d")
    assert claim_with(doc, "considering killing").kind == "reported"
    doc = run("The senator said the plan was \u201cunworkable,\u201d and that it would fail in court.")
    said = next(c for c in doc.claims if c.cue is not None and c.cue.text == "said")
    assert said.evidence.text.endswith("fail in court")
