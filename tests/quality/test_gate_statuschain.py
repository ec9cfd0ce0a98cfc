"""Quality gate: the event layer's cross-validated figures on statuschain-dev stay above their
floors (``bench/baselines/statuschain.json``).

The event models are trained on these very articles, so the gate runs what
``bench/eval_statuschain_cv.py`` runs: one model set per fold with whole stories held out
(``scripts/train_models.py --cv-out``), each fold's articles analysed by ``claimgraph analyze``
with the models that never saw them, all records scored by the shared scorer
(``../shared/eval/statuschain.py``, the held-out check's protocol). It needs scikit-learn (the
``test`` extra has it) and skips when ``../shared`` is absent. About two minutes on 2 cores.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "statuschain.json"
LAST_LINE = re.compile(
    r"statuschain status acc \(all gold\) = ([\d.]+)% \(events (\d+), recall ([\d.]+)%, "
    r"precision ([\d.]+)%, chain-origin acc ([\d.]+)%; occurred-only baseline ([\d.]+)%\)")


NAME_RECALL = re.compile(r"^(actor|target) name recall\s+([\d.]+)%", re.M)


def _claimgraph() -> str:
    beside = Path(sys.executable).with_name("claimgraph")
    found = str(beside) if beside.is_file() else shutil.which("claimgraph")
    if not found:
        pytest.skip("no claimgraph executable beside this Python or on PATH")
    return found


@pytest.mark.slow
def test_gate_statuschain_cross_validated_above_floor(shared_dir, tmp_path):
    pytest.importorskip("sklearn")
    if not (shared_dir / "data" / "statuschain-dev" / "articles").is_dir():
        pytest.skip("statuschain-dev is not in ../shared/data")
    if not (shared_dir / "eval" / "statuschain.py").is_file():
        pytest.skip("the shared statuschain scorer is not in ../shared/eval")
    res = subprocess.run(
        [sys.executable, str(ROOT / "bench" / "eval_statuschain_cv.py"), "--cv-dir", str(tmp_path / "cv"),
         "--claimgraph", _claimgraph()],
        capture_output=True, text=True, check=False, timeout=1800,
    )
    assert res.returncode == 0, res.stderr[-3000:]
    found = LAST_LINE.findall(res.stdout)
    assert found, res.stdout[-3000:]
    status, events, recall, precision, origin, baseline = (float(x) for x in found[-1])
    assert events > 0
    got = {"status_all_gold": status, "recall": recall, "precision": precision, "chain_origin": origin}
    names = dict(NAME_RECALL.findall(res.stdout))  # the matched events' participants
    assert set(names) == {"actor", "target"}, res.stdout[-3000:]
    got.update({f"{role}_names": float(value) for role, value in names.items()})
    floors = json.loads(BASELINE.read_text(encoding="utf-8"))["floors"]
    for name, floor in floors.items():
        assert got[name] >= floor, f"statuschain {name} {got[name]}% fell below the floor {floor}% ({got})"
    assert status > baseline, f"status accuracy {status}% does not clear the occurred-only baseline {baseline}%"
