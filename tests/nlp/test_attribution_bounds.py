"""The learned content edges (``attribution_bounds.json.gz``) on hand-written sentences.

The rules find a relation's content; the edge models choose among the rules' own edge and a
few others (see :mod:`claimgraph.nlp.attribution.bounds`). These tests run the committed
models and the rules alone (a models folder without the artifact) on the same sentences.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph import analyze
from claimgraph.errors import ModelError
from claimgraph.nlp import learned
from claimgraph.nlp.attribution.bounds import (
    ARTIFACT,
    bounds_models,
    end_candidates,
    start_candidates,
)
from claimgraph.nlp.attribution.cues import find_attributions
from claimgraph.nlp.model import load_nlp


def _evidence(text: str, cue: str) -> str:
    doc = analyze(text)
    found = [c.evidence.text for c in doc.claims if c.cue is not None and c.cue.text == cue]
    assert found, [(c.kind, c.cue.text if c.cue else None, c.evidence.text) for c in doc.claims]
    return found[0]


@pytest.fixture
def rules_only(models_copy) -> Path:
    return models_copy(drop=ARTIFACT)


def _relation(text: str):
    sdoc = load_nlp()(text)
    (sent,) = list(sdoc.sents)
    rels = [r for r in find_attributions(sent) if not r.quote]
    assert rels
    return sdoc, rels[0]


def test_candidates_start_with_the_rules_own_edge():
    sdoc, rel = _relation("The minister said that the talks had stalled, which surprised the envoys.")
    starts = start_candidates(sdoc, rel)
    ends = end_candidates(sdoc, rel)
    assert starts[0] == (rel.content[0], "base") and ends[0] == (rel.content[1], "base")
    whys = {w for _, w in starts} | {w for _, w in ends}
    assert "drop_mark" in whys  # "that" kept or left out
    assert "cut_comma" in whys or "sent_end" in whys
    # no candidate ends on the full stop
    assert all(sdoc[j - 1].text != "." for j, _ in ends)


def test_committed_edge_models_are_listed_and_hash_checked(committed_models):
    manifest = json.loads((committed_models / learned.MANIFEST).read_text(encoding="utf-8"))
    assert learned.sha256_of(committed_models / ARTIFACT) == manifest["files"][ARTIFACT]
    models = bounds_models()
    assert models is not None and all(set(m.classes) == {"yes", "no"} for m in models)


def test_tampered_edge_models_are_refused(models_copy):
    copy = models_copy(tamper=ARTIFACT)
    with learned.use_models(copy), pytest.raises(ModelError, match=r"attribution_bounds\.json\.gz"):
        analyze("Officials said the talks had stalled.")


def test_plain_report_keeps_its_clause(committed_models):
    assert _evidence("Officials said the talks had stalled.", "said") == "the talks had stalled"


def test_direct_quotation_is_left_to_its_marks(rules_only, committed_models):
    text = "“We will not pay for that wall,” the former president said. “He should pay for it.”"
    spans = []
    for folder in (rules_only, committed_models):
        with learned.use_models(folder):
            doc = analyze(text)
        spans.append([(c.evidence.start, c.evidence.end) for c in doc.claims if c.kind == "quote"])
    assert spans[0] and spans[0] == spans[1]
    assert "We will not pay for that wall" in doc.text[spans[1][0][0] : spans[1][0][1]]


def test_without_the_artifact_the_rules_edges_stand(rules_only):
    with learned.use_models(rules_only):
        assert bounds_models() is None
        assert _evidence("Officials said the talks had stalled.", "said") == "the talks had stalled"


def test_learned_edge_can_overrule_the_rules_cut(rules_only, committed_models):
    # the rules end a "that" clause before a closing relative clause (", which ..."); the edge
    # models, trained on PolNeAR's spans, keep this one in the content
    text = "The minister said that the talks had stalled, which surprised the envoys."
    with learned.use_models(rules_only):
        assert _evidence(text, "said") == "that the talks had stalled"
    with learned.use_models(committed_models):
        assert _evidence(text, "said") == "that the talks had stalled, which surprised the envoys"


def test_a_content_never_runs_into_a_sentence_with_its_own_speaker():
    text = ("BuzzFeed's editor in chief, Ben Smith, later tweeted that \"we stand by our reporting, "
            "and we urge the Special Counsel to make clear what he is disputing.\" French President "
            "Emmanuel Macron said: \"Together, we will build a new strong multilateralism.\"")
    doc = load_nlp()(text)
    rel = next(r for r in find_attributions(next(iter(doc.sents))) if not r.quote)
    ends = [j for j, _why in end_candidates(doc, rel)]
    assert all(j <= doc[rel.content[1] - 1].sent.end for j in ends), ends
    assert "Macron" not in _evidence(text, "later tweeted")
