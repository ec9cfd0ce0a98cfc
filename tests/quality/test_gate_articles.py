"""Quality gate: article-body extraction on a fixed subset of the article-extraction benchmark.

Re-computes body F1/precision/recall of claimgraph's ingest text on the first N pages (sorted
by id) and checks them against the floors in ``bench/baselines/articles.json``; also checks
that ours is not below trafilatura's own ``extract()`` on the same pages in the same run.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "bench" / "baselines" / "articles.json").read_text(encoding="utf-8"))


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_articles")


def test_eval_articles_metric_on_known_texts():
    bench = _bench()
    truth = "one two three four five six seven eight"
    assert bench.score_page(truth, truth).exact
    perfect = bench.aggregate([bench.score_page(truth, truth)])
    assert (perfect.f1, perfect.precision, perfect.recall) == (1.0, 1.0, 1.0)
    half = bench.score_page(truth, "one two three four five")  # 2 of 5 truth shingles found, none extra
    assert half.precision == 1.0 and half.recall == pytest.approx(2 / 5)
    junk = bench.score_page(truth, truth + " nine ten eleven twelve")
    assert junk.recall == 1.0 and junk.precision == pytest.approx(5 / 9)


@pytest.mark.slow
def test_gate_articles_body_f1_floor(shared_dir):
    data = shared_dir / "data" / "articles"
    if not (data / "ground-truth.json").is_file():
        pytest.skip("the articles data set is not in ../shared/data/articles")
    bench = _bench()
    pages = bench.load_pages(data, BASELINE["subset_size"])
    ours = bench.aggregate(bench.evaluate(pages, bench.claimgraph_body)[0])
    theirs = bench.aggregate(bench.evaluate(pages, bench.trafilatura_body)[0])
    floor = BASELINE["floor"]
    assert ours.f1 >= floor["f1"], f"body F1 {ours.f1:.4f} fell below the floor {floor['f1']}"
    assert ours.precision >= floor["precision"], f"precision {ours.precision:.4f} < {floor['precision']}"
    assert ours.recall >= floor["recall"], f"recall {ours.recall:.4f} < {floor['recall']}"
    assert ours.f1 >= theirs.f1, f"ours {ours.f1:.4f} is below trafilatura extract() {theirs.f1:.4f}"
