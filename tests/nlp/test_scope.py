"""Which claim an event belongs to: the innermost claim around it as a rule, the learned
scope model's choice where two or more claims hold it."""

from __future__ import annotations

import pytest

from claimgraph import analyze
from claimgraph.ingest import make_info
from claimgraph.models import Document
from claimgraph.nlp import learned
from claimgraph.nlp.events.scope import SCOPE_MODEL, covering_claims
from claimgraph.pipeline import Pipeline

pytestmark = pytest.mark.usefixtures("committed_models")

BACKGROUND = ("The president has long criticized the agreement, under which world powers lifted "
              "sanctions on Iran in return for curbs on its nuclear program.")


def _claims(text: str) -> Document:
    pipe = Pipeline(names=("parse", "entities", "places", "times", "attribution"))
    doc = Document(info=make_info(text, "<test>", publisher="example.com"))
    for s in pipe.steps:
        doc = s.batch([doc], pipe.settings)[0] if s.batch is not None else s.func(doc)
    return doc


def _chain_end(text: str, trigger: str) -> str:
    doc = analyze(text, published="2018-05-01", publisher="example.com")
    ev = next(e for e in doc.events if e.trigger.text == trigger)
    return next(c for c in doc.claims if c.id == ev.claim).chain[-1].name


def test_covering_claims_innermost_first_never_the_events_own_cue():
    text = "Officials said the suspect told police that he attacked the embassy."
    doc = _claims(text)
    at = text.index("attacked")
    held = covering_claims(doc, at, at + len("attacked"))
    assert [c.chain[-1].name for c in held][:2] == ["the suspect", "Officials"]
    told = text.index("told")
    # "told" is the suspect's act of saying: reported by the officials, not by the suspect
    assert [c.chain[-1].name for c in covering_claims(doc, told, told + 4)][0] == "Officials"


def test_scope_model_gives_a_relative_clause_of_background_to_the_outlet(models_copy):
    """"criticized the agreement, under which world powers lifted sanctions ... in return for
    curbs": the terms of the agreement are the outlet's background, not the president's
    criticism; the innermost-claim rule alone gives them to the president."""
    assert _chain_end(BACKGROUND, "curbs") == "example.com"
    assert _chain_end(BACKGROUND, "sanctions") == "example.com"
    with learned.use_models(models_copy(drop=SCOPE_MODEL)):
        assert not learned.lists(SCOPE_MODEL)
        assert _chain_end(BACKGROUND, "curbs") == "The president"


def test_scope_model_keeps_a_reports_own_content():
    """The rule's choice is one feature: a plain report keeps its content's events."""
    assert _chain_end("Officials said the army shelled the village on Monday.", "shelled") == "Officials"
    assert _chain_end("“Flynn lied and the FBI destroyed his life,” Trump said on Saturday.", "destroyed") == "Trump"
