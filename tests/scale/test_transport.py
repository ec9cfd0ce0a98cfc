"""What travels back from a Ray analyzer: the prepared record, from which the driver rebuilds the
document exactly (no Ray needed: this is the encoding alone)."""

from __future__ import annotations

import pickle
from pathlib import Path

from claimgraph.api import analyze_inputs
from claimgraph.kb.store import PREPARED, prepare
from claimgraph.scale.ray_engine import rebuild

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "azernews_baku_plot.txt"


def test_rebuild_from_prepared_equals_the_analyzed_document() -> None:
    (outcome,) = analyze_inputs([str(EXAMPLE)])
    doc = outcome.document
    assert doc is not None and doc.entities and doc.events and doc.claims
    prep = prepare(doc)
    back = rebuild(pickle.loads(pickle.dumps(prep)))  # as it crosses from the actor
    assert back == doc  # every field: entities, events, claims, times, quotes, relations
    assert back.scratch[PREPARED] is not prep and back.scratch[PREPARED] == prep
    # the reply carries the document once (its record JSON), not the objects beside it
    assert len(pickle.dumps(prep)) < len(pickle.dumps((doc, prep)))
