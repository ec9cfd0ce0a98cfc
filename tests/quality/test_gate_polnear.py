"""Quality gate: attribution span F1 on a fixed PolNeAR dev subset stays above its floor.

Recomputes the figures of ``bench/eval_polnear.py`` (CofeNet's sentence-level BIO
conversion of the PolNeAR dev articles, exact span match) on the first
``subset_sentences`` sentences and compares them with the floors in
``bench/baselines/polnear.json``. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib
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
