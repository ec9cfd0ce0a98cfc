"""Quality gate: every exporter stays conformant on a fixed subset of real articles.

Runs ``bench/bench_export.py`` on the first N benchmark pages and checks each conformance
figure against its floor in ``bench/baselines/export.json`` (STIX bundle objects without a
validator error, FtM entities that follow the schema, GraphML that networkx loads, CSV
tables that read back).
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "bench" / "baselines" / "export.json").read_text(encoding="utf-8"))


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("bench_export")


def test_bench_export_ftm_check_catches_violations():
    bench = _bench()
    good = {"id": "a", "schema": "Person", "properties": {"name": ["Levan Beridze"]}}
    by_id = {"a": good}
    assert bench.ftm_violations(good, by_id) == []
    assert bench.ftm_violations({"id": "b", "schema": "Person", "properties": {"shoeSize": ["44"]}}, by_id)
    assert bench.ftm_violations({"id": "c", "schema": "Event", "properties": {"name": ["x"], "involved": ["zz"]}},
                                by_id) == ["Event.involved dangles"]


@pytest.mark.slow
def test_gate_export_conformance_on_articles(shared_dir, tmp_path):
    bench = _bench()
    if not bench.DATA.is_dir():
        pytest.skip("the article benchmark is not in ../shared/data")
    report = bench.run(BASELINE["subset_size"], tmp_path)
    assert report["store"]["documents"] > 0
    for name, floor in BASELINE["floors"].items():
        assert report["figures"][name] >= floor, (name, report["figures"][name], floor)
