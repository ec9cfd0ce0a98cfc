"""Quality gates: attribution F1 on fixed PolNeAR dev subsets stays above its floors.

Sentence level: recomputes the figures of ``bench/eval_polnear.py`` (CofeNet's
sentence-level BIO conversion of the PolNeAR dev articles, exact span match, the rules of
``find_attributions``) on the first ``subset_sentences`` sentences. Document level: the
shared scorer's held-out protocol on the first dev articles, through the whole pipeline
(learned cue model included). Floors in ``bench/baselines/polnear.json``. Skips when
``../shared`` is absent.
"""

from __future__ import annotations

import importlib
import importlib.util
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "polnear.json"


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_polnear")


@pytest.mark.slow
def test_gate_polnear_span_f1_above_floor(shared_dir):
    bio = shared_dir / "data" / "polnear" / "cofenet_bio" / "valid.txt"
    if not bio.is_file():
        pytest.skip("PolNeAR CofeNet BIO file is not in ../shared")
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    bench = _bench()
    rows = bench.load(bio, limit=base["subset_sentences"])
    assert len(rows) == base["subset_sentences"]
    res = bench.score(rows)
    for mode, floors in base["floors"].items():
        for kind, floor in floors.items():
            got = res[mode][kind]["f1"]
            assert got >= floor, f"PolNeAR {mode} {kind} F1 {got} fell below the floor {floor}"


DOC_SUBSET = 12


@pytest.mark.slow
def test_gate_polnear_document_level_linked_f1_above_floor(shared_dir):
    """The held-out protocol (``../shared/eval/polnear.py``: whole articles, every claim
    against every gold relation, aligned one to one, exact token spans) on the first
    ``DOC_SUBSET`` dev articles, against the floors in ``bench/baselines/polnear.json``."""
    scorer_path = shared_dir / "eval" / "polnear.py"
    if not scorer_path.is_file() or not (shared_dir / "data" / "polnear" / "dev" / "text").is_dir():
        pytest.skip("the shared PolNeAR scorer or dev split is not in ../shared")
    spec = importlib.util.spec_from_file_location("shared_polnear_scorer", scorer_path)
    assert spec is not None and spec.loader is not None
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    from claimgraph import analyze

    base = json.loads(BASELINE.read_text(encoding="utf-8"))["document_level"]
    docs = scorer.load_gold(base["subset_articles"])
    assert len(docs) == base["subset_articles"] == DOC_SUBSET
    records = {d.id: analyze(d.text, source=d.id, published=d.published).to_dict() for d in docs}
    linked, _ = scorer.score_all(docs, records)
    for role, floor in base["floors"].items():
        got = round(linked[role]["exact"][2], 1)
        assert got >= floor, f"PolNeAR document-level {role} F1 {got} fell below the floor {floor}"
