"""Quality gate: ECB+ cross-document event coreference end to end, through the store.

Runs the shared scorer (``../shared/eval/ecbplus.py``: ``claimgraph ingest`` of the documents
into a fresh store, ``claimgraph export``, CoNLL F1 of the exported events) on the gate topics
2, 12 and 18, and checks claimgraph's own mentions against the floors in
``bench/baselines/ecbplus.json`` (``end_to_end``): an absolute floor and a margin over the
same-lemma clustering of the same mentions. Skips without ../shared or the scorer's packages.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "ecbplus.json"


@pytest.mark.slow
def test_gate_ecbplus_end_to_end_beats_same_lemma(shared_dir: Path, tmp_path: Path) -> None:
    scorer = shared_dir / "eval" / "ecbplus.py"
    if not scorer.is_file() or not (shared_dir / "data" / "ecbplus").is_dir():
        pytest.skip("the ECB+ scorer or data is not in ../shared")
    for pkg in ("simplemma", "scipy", "numpy"):
        if importlib.util.find_spec(pkg) is None:
            pytest.skip(f"the ECB+ scorer needs {pkg} (pip install {pkg})")
    exe = shutil.which("claimgraph", path=str(Path(sys.executable).parent))
    if exe is None:
        pytest.skip("no claimgraph executable beside this Python")
    out = tmp_path / "ecbplus.json"
    run = subprocess.run([sys.executable, str(scorer), "--claimgraph", exe, "--topics", "2,12,18", "--json", str(out)],
                         capture_output=True, text=True, timeout=1800)
    assert run.returncode == 0, run.stdout[-2000:] + run.stderr[-2000:]
    res = json.loads(out.read_text())
    ours = res["system"]["conll"]
    lemma = res["same_mentions"]["lemma@claimgraph"]["conll"]
    floor = json.loads(BASELINE.read_text())["end_to_end"]["floor"]
    assert ours >= floor["claimgraph"], f"CoNLL F1 {ours:.2f} < floor {floor['claimgraph']}"
    assert ours >= lemma + floor["over_lemma"], f"CoNLL F1 {ours:.2f} not {floor['over_lemma']} over same-lemma {lemma:.2f}"
