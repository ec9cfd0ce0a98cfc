"""What a source did not say: "Authorities haven't said whether ...", "made no mention of
whether ...", "declined to say whether ...". The relation stays (PolNeAR counts it), but the
events of its content are the outlet's to tell, and neither reported nor denied."""

from __future__ import annotations

import pytest

from claimgraph import analyze


def _event(text: str, trigger: str):
    doc = analyze(text, published="2024-05-01", publisher="example.com")
    found = [e for e in doc.events if e.trigger.text == trigger]
    assert found, f"no event {trigger!r} in {[e.trigger.text for e in doc.events]}"
    ev = found[0]
    claim = next(c for c in doc.claims if c.id == ev.claim)
    return ev, claim, doc


@pytest.mark.parametrize(("text", "trigger"), [
    ("The ministry has not said whether the army shelled the village.", "shelled"),
    ("The indictment does not charge the mayor with bribing the inspectors.", "bribing"),
    ("The spokesman declined to say whether the company fired the manager.", "fired"),
    ("The report made no mention of whether the police arrested the driver.", "arrested"),
])
def test_unsaid_report_leaves_its_events_to_the_outlet(text, trigger):
    ev, claim, doc = _event(text, trigger)
    assert [link.kind for link in claim.chain] == ["publisher"], claim.chain
    assert ev.status == "hypothetical"


def test_said_report_keeps_its_source():
    """The control: the same sentence with the report made chains the event to its source."""
    ev, claim, doc = _event("The ministry said the army shelled the village.", "shelled")
    assert [link.name for link in claim.chain][-1] == "The ministry"
    assert ev.status == "occurred"
    relations = [c for c in doc.claims if c.kind == "attributed"]
    assert relations


def test_unsaid_relation_is_kept_apart_as_a_claim():
    """The relation itself is still there, as an attributed claim no event takes."""
    ev, claim, doc = _event("The ministry has not said whether the army shelled the village.", "shelled")
    kept = [c for c in doc.claims if c.kind == "attributed" and c.evidence.start <= ev.trigger.start < c.evidence.end]
    assert kept and kept[0].chain[-1].name == "The ministry"
    assert kept[0].id != ev.claim
