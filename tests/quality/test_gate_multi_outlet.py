"""Gate: one story told by three outlets (BASIL) becomes shared events in the store.

Re-computes bench/eval_multi_outlet.py's figures on a fixed subset (analyzed fresh) and
holds them to the floor/ceiling in bench/baselines/multi_outlet.json.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "bench" / "baselines" / "multi_outlet.json").read_text(encoding="utf-8"))


def _bench_module():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_multi_outlet")


@pytest.mark.slow
def test_gate_multi_outlet_events_merge_across_outlets(shared_dir: Path, tmp_path: Path) -> None:
    if not (shared_dir / "data" / "multi-outlet" / "basil" / "articles").is_dir():
        pytest.skip("BASIL is not in ../shared/data/multi-outlet")
    r = _bench_module().evaluate(8, tmp_path / "basil.duckdb", cache_path=None)
    assert r["cross_outlet_events"] >= BASELINE["floor"]["cross_outlet_events"], r["cross_outlet_events"]
    assert r["triplets_hit"] >= BASELINE["floor"]["triplets_hit"], r["triplets_hit"]
    assert r["false_merges"] <= BASELINE["ceiling"]["false_merges"], r["false_merges"]
