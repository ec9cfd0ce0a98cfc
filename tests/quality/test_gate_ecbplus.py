"""Quality gate: ECB+ cross-document event coreference (CoNLL F1) on a fixed subset.

Re-computes the figures of ``bench/eval_ecbplus.py`` on the "gate" subset (dev topics 2, 12
and 18: 78 documents) and checks them against the floors in
``bench/baselines/ecbplus.json``. The scorer and the reader are checked on hand-made
inputs first (no data needed). Skips the data part when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "ecbplus.json"


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_ecbplus")


def test_eval_ecbplus_muc_b3_ceafe_on_hand_example() -> None:
    bench = _bench()
    key = [{"a", "b", "c", "d"}, {"e"}]
    response = [{"a", "b"}, {"c", "d"}, {"e"}]
    r, p, _ = bench.muc(key, response)
    assert (round(r, 4), p) == (round(2 / 3, 4), 1.0)
    r, p, _ = bench.b_cubed(key, response)
    assert round(r, 4) == round((4 * 0.5 + 1) / 5, 4) and p == 1.0
    r, p, _ = bench.ceaf_e(key, response)
    # best alignment: {a,b,c,d}~{a,b} (phi4 = 2*2/6) and {e}~{e} (1)
    assert round(r, 4) == round((4 / 6 + 1) / 2, 4) and round(p, 4) == round((4 / 6 + 1) / 3, 4)
    perfect = bench.conll(key, key)
    assert perfect["conll_f1"] == pytest.approx(100.0)


def test_eval_ecbplus_twinless_mentions_cost_precision() -> None:
    bench = _bench()
    key = [{"a", "b"}]
    with_spurious = bench.conll(key, [{"a", "b"}, {"x"}])
    assert with_spurious["b3_r"] == pytest.approx(100.0) and with_spurious["b3_p"] < 100.0
    missing = bench.conll(key, [{"a"}])
    assert missing["b3_r"] == pytest.approx(25.0) and missing["muc_r"] == 0.0


def test_eval_ecbplus_reads_cat_xml(tmp_path: Path) -> None:
    bench = _bench()
    xml = tmp_path / "9_1ecbplus.xml"
    xml.write_text(
        '<Document doc_name="9_1ecbplus.xml">\n'
        '<token t_id="1" sentence="0" number="0">http://x</token>\n'
        '<token t_id="2" sentence="1" number="0">Police</token>\n'
        '<token t_id="3" sentence="1" number="1">arrested</token>\n'
        '<token t_id="4" sentence="1" number="2">him</token>\n'
        '<token t_id="5" sentence="1" number="3">.</token>\n'
        '<token t_id="6" sentence="2" number="0">The</token>\n'
        '<token t_id="7" sentence="2" number="1">arrest</token>\n'
        '<token t_id="8" sentence="2" number="2">ended</token>\n'
        "<Markables>\n"
        '<ACTION_OCCURRENCE m_id="10"><token_anchor t_id="3"/></ACTION_OCCURRENCE>\n'
        '<ACTION_OCCURRENCE m_id="11"><token_anchor t_id="7"/></ACTION_OCCURRENCE>\n'
        '<ACTION_OCCURRENCE m_id="12"><token_anchor t_id="8"/></ACTION_OCCURRENCE>\n'
        '<HUMAN_PART_PER m_id="13"><token_anchor t_id="4"/></HUMAN_PART_PER>\n'
        '<ACTION_OCCURRENCE m_id="20" TAG_DESCRIPTOR="t9_arrest" instance_id="ACT1" />\n'
        "</Markables>\n<Relations>\n"
        '<CROSS_DOC_COREF r_id="1" note="ACT1"><source m_id="10"/><source m_id="11"/>'
        '<target m_id="20"/></CROSS_DOC_COREF>\n'
        "</Relations>\n</Document>\n",
        encoding="utf-8",
    )
    doc = bench.read_document(xml, {1, 2})
    assert doc.text == "Police arrested him.\nThe arrest ended"
    assert [(m.mid, m.cluster) for m in doc.mentions] == [
        ("10", "ACT1"), ("11", "ACT1"), ("12", "9_1ecbplus:single12"),
    ]
    s, e = doc.offsets[7]
    assert doc.text[s:e] == "arrest"


@pytest.mark.slow
def test_gate_ecbplus_conll_floors(shared_dir: Path) -> None:
    data = shared_dir / "data" / "ecbplus"
    if not (data / "split_cybulska_vossen_2015.json").is_file():
        pytest.skip("ECB+ is not in ../shared/data/ecbplus")
    bench = _bench()
    floors = json.loads(BASELINE.read_text())["floor"]
    res = bench.evaluate(data, "gate")
    assert res["gold_mentions"] == floors["gate_gold_mentions"]
    for setting in ("gold", "events+detector", "events"):
        got = res[setting]["claimgraph"]["conll_f1"]
        assert got >= floors[setting], f"{setting}: CoNLL F1 {got:.2f} < floor {floors[setting]}"
        assert got > res[setting]["lemma (all)"]["conll_f1"], f"{setting}: not above the lemma baseline"
    gold = res["gold"]
    assert gold["claimgraph"]["conll_f1"] > gold["lemma (doc clusters)"]["conll_f1"]
