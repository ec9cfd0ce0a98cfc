"""Quality gate: MUC-4 role-filler extraction (CEAF-REE phi-strict) stays above its floor.

Recomputes the figure of ``bench/eval_muc4.py`` on the first ``subset_docs`` documents of
the MUC-4 dev split (``../shared/data/muc4/grit_ree/dev.json``) and compares it with the
floor in ``bench/baselines/muc4.json``. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "muc4.json"


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_muc4")


def test_gate_muc4_scorer_is_ceaf_strict():
    """The scorer itself, on hand-made templates: alignment is one-to-one and strict."""
    pytest.importorskip("scipy")
    bench = _bench()
    gold = [{"PerpInd": [["guerrillas", "guerrilla column"]], "PerpOrg": [], "Target": [["farm"], ["bus"]],
             "Victim": [], "Weapon": []}]
    pred = [{"PerpInd": [["guerrillas"], ["guerrilla column"]], "PerpOrg": [["fmln"]],
             "Target": [["bus"]], "Victim": [], "Weapon": []}]
    res = bench.score(gold, pred)
    assert res["PerpInd"]["matched"] == 1.0  # two predictions cannot both take one gold entity
    assert res["micro"]["matched"] == 2.0
    assert res["micro"]["pred"] == 4 and res["micro"]["gold"] == 3
    assert bench.normalize("The  \"Santo Tomas\" farm.") == "santo tomas farm"


@pytest.mark.slow
def test_gate_muc4_ceaf_ree_above_floor(shared_dir):
    pytest.importorskip("scipy")
    path = shared_dir / "data" / "muc4" / "grit_ree" / "dev.json"
    if not path.is_file():
        pytest.skip("MUC-4 dev split is not in ../shared")
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    bench = _bench()
    rows = bench.load(path=path, limit=base["subset_docs"])
    assert len(rows) == base["subset_docs"]
    res = bench.score([bench.gold_of(r) for r in rows], bench.predict(rows))
    assert not bench.FAILURES, bench.FAILURES
    assert res["micro"]["f1"] >= base["floor"]["f1"], (res["micro"], base["floor"])


def test_gate_muc4_person_names_lose_titles_and_counts_leave_targets():
    bench = _bench()
    assert bench._strip_titles("Antioquia Governor Antonio Roldan") == "antonio roldan"
    assert bench._strip_titles("former U.S. Secretary of State George Shultz") == "george shultz"
    assert bench._strip_titles("the judge") == ""
    assert bench._drop_count("500 houses") == "houses"
    assert bench._drop_count("route 302 bus") == "route 302 bus"
    merged = bench._merge_by_head({"residences": ["residences"], "residence": ["residence"],
                                   "bus": ["bus"]})
    assert list(merged) == ["residences", "bus"]
