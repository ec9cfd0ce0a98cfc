"""Quality gate: toponym recognition and resolution on fixed subsets of LGL, GeoVirus and TR-News.

Re-computes overlap F1 and end-to-end accuracy@161 km with ``bench/eval_geoparsing.py`` on
the first 40 articles of LGL, GeoVirus and TR-News and checks them against the floors in
``bench/baselines/geoparsing.json``. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = json.loads((ROOT / "bench" / "baselines" / "geoparsing.json").read_text(encoding="utf-8"))


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_geoparsing")


def test_eval_geoparsing_scoring_on_known_spans():
    bench = _bench()
    art = bench.Article("Flooding hit Paris and Lyon.", [bench.Gold(13, 18, 48.85, 2.35), bench.Gold(23, 27, 45.75, 4.85)])
    sc = bench.Scores()
    bench.score_article(art, [(13, 18, 48.86, 2.35), (0, 8, None, None)], sc)
    assert (sc.gold, sc.pred, sc.exact, sc.overlap) == (2, 2, 1, 1)
    assert sc.with_coords == 2 and sc.hits == 1 and sc.acc161 == 0.5
    assert bench._align("xParis", 0, 5, "Paris") == (1, 6)


def test_eval_geoparsing_demonyms_count_only_where_annotated():
    from claimgraph.models import Entity, Span

    bench = _bench()
    text = "Sudanese troops"
    norp = Entity("e1", "NORP", "Sudanese", True, [], [], [Span(0, 8, "Sudanese")])
    doc = type("D", (), {"entities": [norp]})()
    assert bench.predictions(doc) == []
    (pred,) = bench.predictions(doc, demonyms=True)
    assert pred[:2] == (0, 8) and text[pred[0] : pred[1]] == "Sudanese"
    assert 8 < pred[2] < 22 and 22 < pred[3] < 38  # the point of Sudan


@pytest.mark.slow
@pytest.mark.parametrize("corpus", ["lgl", "geovirus", "trnews"])
def test_gate_geoparsing_floor(shared_dir, corpus):
    bench = _bench()
    sc = bench.evaluate(corpus, limit=BASELINE["subset_size"][corpus])
    _, _, f1 = sc.prf(sc.overlap)
    floor = BASELINE["floor"][corpus]
    assert f1 >= floor["f1_overlap"], f"{corpus} toponym F1 {f1:.3f} fell below {floor['f1_overlap']}"
    assert sc.acc161 >= floor["acc161"], f"{corpus} acc@161 {sc.acc161:.3f} fell below {floor['acc161']}"
