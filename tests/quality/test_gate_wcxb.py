"""Quality gate: article extraction on a fixed subset of the WCXB dev article pages.

Re-computes claimgraph's body F1 (WCXB's word-level metric) and title/author/date accuracy
on the first N pages (sorted by id), checks them against the floors in
``bench/baselines/wcxb.json``, and checks that none of the four is below trafilatura's on
the same pages in the same run.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "bench" / "baselines" / "wcxb.json").read_text(encoding="utf-8"))
MEASURES = ("f1", "title", "author", "date")


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_wcxb")


def test_eval_wcxb_metrics_on_known_values():
    bench = _bench()
    assert bench.word_prf("One two, three!", "one two three") == (1.0, 1.0, 1.0)
    p, r, f = bench.word_prf("a b c d", "a b x y z")
    assert (p, r) == (pytest.approx(2 / 5), pytest.approx(2 / 4)) and f == pytest.approx(4 / 9)
    assert bench.word_prf("a b", "") == (0.0, 0.0, 0.0)
    assert bench.title_match("What Is It?", "what is it") and not bench.title_match("A", None)
    assert bench.author_match("Ann Lee and Bo Chan", ["Bo Chan", "Ann Lee"])
    assert not bench.author_match("Ann Lee", ["Ann Lee", "Example Daily"])
    assert bench.date_match("2025-09-04", "2025-09-04T23:00:00-04:00")
    assert not bench.date_match("2025-09-04", None)


@pytest.mark.slow
def test_gate_wcxb_floors_and_trafilatura(shared_dir):
    data = shared_dir / "data" / "wcxb-dev"
    if not (data / "ground-truth").is_dir():
        pytest.skip("the WCXB dev data set is not in ../shared/data/wcxb-dev")
    bench = _bench()
    pages = bench.load_wcxb(data, BASELINE["subset_size"])
    ours = bench.summarize(bench.evaluate_wcxb(pages, bench.claimgraph_page)[0])
    theirs = bench.summarize(bench.evaluate_wcxb(pages, bench.trafilatura_page)[0])
    for name in MEASURES:
        got, floor, base = getattr(ours, name), BASELINE["floor"][name], getattr(theirs, name)
        assert got >= floor, f"{name} {got:.4f} fell below the floor {floor}"
        assert got >= base, f"{name}: ours {got:.4f} is below trafilatura's {base:.4f}"
