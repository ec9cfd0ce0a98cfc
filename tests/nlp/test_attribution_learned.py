"""Belief claims and the learned attribution cue model, on sentences written for these tests.

Belief claims: a source's stated intention, belief or perception is a claim of kind
``belief`` (chain publisher -> the one who intends or believes), added after the events step,
so that an event inside it keeps the claim that reports it. The cue model
(``attribution_cue.json.gz``) keeps or drops the relations the rules propose; its artifact is
hash-checked like every model.
"""

from __future__ import annotations

import json
from functools import cache

import pytest

from claimgraph import analyze
from claimgraph.errors import ModelError
from claimgraph.models import Document
from claimgraph.nlp import learned
from claimgraph.nlp.attribution.tagger import ARTIFACT, cue_model

#: every test here runs on the committed models (the cached records below rely on it)
pytestmark = pytest.mark.usefixtures("committed_models")


@cache
def record(text: str) -> Document:
    return analyze(text, published="2024-05-01")


def claims_of(doc: Document, kind: str) -> list:
    return [c for c in doc.claims if c.kind == kind]


# -- belief claims ----------------------------------------------------------------------


def test_belief_intention_is_a_belief_claim_not_the_source_of_the_event():
    doc = record("Authorities planned to assassinate the journalist in Baku.")
    (belief,) = claims_of(doc, "belief")
    assert belief.chain[0].kind == "publisher"
    assert belief.chain[-1].span is not None and belief.chain[-1].span.text == "Authorities"
    assert belief.cue is not None and belief.cue.text == "planned"
    assert belief.evidence.text == "to assassinate the journalist in Baku"
    kill = [e for e in doc.events if e.trigger.text == "assassinate"]
    assert kill, [(e.trigger.text, e.type) for e in doc.events]
    claim = next(c for c in doc.claims if c.id == kill[0].claim)
    assert claim.kind != "belief" and len(claim.chain) == 1  # the publisher reports the plot


@pytest.mark.parametrize(
    ("text", "source", "cue", "content"),
    [
        ("Officials believe the group was behind the bombing.", "Officials", "believe",
         "the group was behind the bombing"),
        ("The minister hopes to sign the agreement next week.", "The minister", "hopes",
         "to sign the agreement next week"),
        ("Many voters fear that the plant will close.", "Many voters", "fear", "that the plant will close"),
        ("Iran wants to derail the talks.", "Iran", "wants", "to derail the talks"),
    ],
)
def test_belief_verbs_make_belief_claims(text, source, cue, content):
    doc = record(text)
    beliefs = claims_of(doc, "belief")
    assert [(b.chain[-1].span.text if b.chain[-1].span else None, b.cue.text if b.cue else None,
             b.evidence.text) for b in beliefs] == [(source, cue, content)]
    assert not claims_of(doc, "attributed")


def test_belief_inside_a_report_leaves_the_event_to_the_report():
    doc = record("Police said the suspects intended to attack the embassy.")
    (reported,) = claims_of(doc, "attributed")
    assert reported.chain[-1].span is not None and reported.chain[-1].span.text == "Police"
    attack = next(e for e in doc.events if e.trigger.text == "attack")
    assert attack.claim == reported.id  # the police report it; the suspects do not
    # an intention nested in a report is the rules' to keep; only reports are (PolNeAR)
    assert not claims_of(doc, "belief")


def test_belief_with_a_clause_of_its_own_is_the_source_claim():
    doc = record("Officials believe that rebels attacked the convoy.")
    (belief,) = claims_of(doc, "belief")
    assert belief.evidence.text == "that rebels attacked the convoy"
    assert belief.chain[-1].span is not None and belief.chain[-1].span.text == "Officials"
    attacked = [e for e in doc.events if e.trigger.text == "attacked"]
    assert attacked and attacked[0].claim == belief.id  # the officials' belief, not the publisher's


def test_belief_claims_keep_the_ids_unique_and_the_record_valid():
    doc = record("The senator said the bill would pass. She hopes to see it signed by May.")
    ids = [c.id for c in doc.claims]
    assert len(ids) == len(set(ids))
    d = doc.to_dict()
    assert {c["kind"] for c in d["claims"]} >= {"attributed", "belief"}
    for c in d["claims"]:
        assert d["document"]["text"][c["evidence"]["start"]:c["evidence"]["end"]] == c["evidence"]["text"]


# -- reports and the learned cue model -----------------------------------------------------


def test_learned_outer_report_is_a_claim_of_its_own():
    doc = record("Mr. Clarke said the union had warned that the mine would close.")
    spans = {(c.cue.text if c.cue else None, c.evidence.text): c for c in claims_of(doc, "attributed")}
    outer = spans[("said", "the union had warned that the mine would close")]
    inner = spans[("had warned", "that the mine would close")]
    assert [link.span.text for link in outer.chain[1:] if link.span] == ["Mr. Clarke"]
    assert [link.span.text for link in inner.chain[1:] if link.span] == ["Mr. Clarke", "the union"]


# -- chain links ---------------------------------------------------------------------------


def test_chain_relative_pronoun_source_takes_its_antecedent():
    doc = record("The plan was criticized by Senator John Smith, who said it would cost billions.")
    (c,) = claims_of(doc, "attributed")
    link = c.chain[-1]
    assert link.span is not None and link.span.text == "who"
    assert link.name == "John Smith" and link.kind == "person" and link.entity is not None


@pytest.mark.parametrize(
    ("text", "span"),
    [
        ("Several lawmakers said the talks would fail.", "Several lawmakers"),
        ("U.S. officials said the talks would fail.", "U.S. officials"),
        ("A senior official said the talks would fail.", "A senior official"),
    ],
)
def test_chain_unnamed_people_are_anonymous(text, span):
    doc = record(text)
    (c,) = claims_of(doc, "attributed")
    assert c.chain[-1].span is not None and c.chain[-1].span.text == span
    assert c.chain[-1].kind == "anonymous" and c.chain[-1].entity is None


def test_learned_cue_keeps_adverbs_as_polnear_marks_them():
    doc = record("The spokesman also noted that the talks had stalled.")
    (c,) = claims_of(doc, "attributed")
    assert c.cue is not None and c.cue.text == "also noted"
    assert c.chain[-1].span is not None and c.chain[-1].span.text == "The spokesman"
    assert c.evidence.text == "that the talks had stalled"  # PolNeAR keeps the "that"


def test_learned_quote_continuation_shares_the_speech_cue():
    doc = record("“We will win,” she said. “Nobody can stop us now.”\n")
    quotes = claims_of(doc, "quote")
    assert len(quotes) == 2
    assert {q.cue.text if q.cue else None for q in quotes} == {"said"}
    assert all(q.chain[-1].name == "she" or q.chain[-1].kind == "person" for q in quotes)


def test_learned_cue_model_drops_a_non_attribution_candidate():
    for text in ("Prices began to rise in March.", "The company started to grow last year.",
                 "The group tried to enter the building."):
        doc = record(text)
        assert not [c for c in doc.claims if c.kind in ("attributed", "quote", "belief")], text


def test_learned_cue_model_keeps_a_candidate_intention():
    doc = record("The senator plans to run for president.")  # "plans" is in no hand-made lexicon
    (c,) = [c for c in doc.claims if c.kind in ("attributed", "belief")]
    assert c.kind == "belief" and c.cue is not None and c.cue.text == "plans"
    assert c.chain[-1].span is not None and c.chain[-1].span.text == "The senator"
    assert c.evidence.text == "to run for president"


# -- the artifact ----------------------------------------------------------------------------


def test_learned_cue_artifact_is_committed_and_hash_checked(committed_models):
    manifest = json.loads((committed_models / learned.MANIFEST).read_text(encoding="utf-8"))
    assert learned.sha256_of(committed_models / ARTIFACT) == manifest["files"][ARTIFACT]
    model = cue_model()
    assert model is not None and set(model.model.classes) == {"cue", "no"}
    assert set(model.thresholds) == {"speech", "other"}


def test_learned_cue_artifact_tampered_is_refused(models_copy):
    copy = models_copy(tamper=ARTIFACT)
    with learned.use_models(copy), pytest.raises(ModelError, match=r"attribution_cue\.json\.gz"):
        analyze("Officials said the talks had stalled.")


def test_learned_cue_folder_without_the_model_uses_the_rules(models_copy):
    copy = models_copy(drop=ARTIFACT)
    with learned.use_models(copy):
        assert cue_model() is None
        doc = analyze("Officials said the talks had stalled.")
        (c,) = claims_of(doc, "attributed")
        assert c.evidence.text == "the talks had stalled"
