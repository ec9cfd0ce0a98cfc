"""Quality gate: TempEval-3 Task A (TIMEX3 extent, type and value) on a fixed subset.

Re-computes the figures of ``bench/eval_tempeval.py`` (claimgraph's ``times`` step on
TimeML documents with their DCT as publication date) on the fixed "gate" subset (every
third file of the dev split: AQUAINT + a quarter of TimeBank) and checks them against the
floors in ``bench/baselines/tempeval3.json``. Skips when ``../shared`` is absent.
"""

from __future__ import annotations

import importlib
import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BASELINE = ROOT / "bench" / "baselines" / "tempeval3.json"


def _bench():
    """The bench script (bench/ is on pytest's pythonpath)."""
    return importlib.import_module("eval_tempeval")


def test_eval_tempeval_reads_timeml_offsets(tmp_path: Path) -> None:
    bench = _bench()
    tml = tmp_path / "doc.tml"
    tml.write_text(
        '<?xml version="1.0" ?>\n<TimeML><DOCID>d</DOCID>\n'
        '<DCT><TIMEX3 tid="t0" type="DATE" value="1998-08-07" functionInDocument="CREATION_TIME">'
        '1998-08-07</TIMEX3></DCT>\n<TEXT>\nBombs <EVENT eid="e1">exploded</EVENT> '
        '<TIMEX3 tid="t1" type="DATE" value="1998-08-07">Friday</TIMEX3>, AT&amp;T said '
        '<TIMEX3 tid="t2" type="DURATION" value="P3D">three days</TIMEX3> later.\n</TEXT>\n</TimeML>\n',
        encoding="utf-8",
    )
    doc = bench.read_timeml(tml)
    assert doc.dct == "1998-08-07"
    assert [(g.text, g.type, g.value) for g in doc.timexes] == [
        ("Friday", "DATE", "1998-08-07"),
        ("three days", "DURATION", "P3D"),
    ]
    assert "AT&T" in doc.text
    for g in doc.timexes:
        assert doc.text[g.start : g.end] == g.text


def test_eval_tempeval_scoring_on_known_spans() -> None:
    bench = _bench()
    gold = bench.TimeMLDoc(
        "d",
        "2025-04-07",
        "Talks ended on Friday after three days.",
        [
            bench.GoldTimex(15, 21, "Friday", "DATE", "2025-04-04"),
            bench.GoldTimex(28, 38, "three days", "DURATION", "P3D"),
        ],
    )
    c = bench.Counts()
    # one exact and right, one overlapping with a wrong value, one spurious
    bench.score_document(
        gold, [(15, 21, "DATE", "2025-04-04"), (28, 33, "DURATION", "P2D"), (0, 5, "DATE", "X")], c
    )
    fig = bench.figures(c)
    assert (c.gold, c.system, c.strict, c.relaxed_gold, c.value_ok) == (2, 3, 1, 2, 1)
    assert fig["relaxed_r"] == pytest.approx(100.0)
    assert fig["relaxed_p"] == pytest.approx(200 / 3)
    assert fig["value_accuracy"] == pytest.approx(50.0)
    assert fig["value_f1"] == pytest.approx(fig["relaxed_f1"] * 0.5)


def test_eval_tempeval_week_normalisation_is_reported_apart() -> None:
    bench = _bench()
    assert bench.week_normalised("2000-W07") == "2000-W7"
    assert bench.week_normalised("2000-W14-WE") == "2000-W14-WE"
    assert bench.week_normalised("1989-WXX") == "1989-WXX"
    gold = bench.TimeMLDoc(
        "d",
        "2000-02-16",
        "Talks resumed this week.",
        [bench.GoldTimex(14, 23, "this week", "DATE", "2000-W7")],
    )
    c = bench.Counts()
    bench.score_document(gold, [(14, 23, "DATE", "2000-W07")], c)
    fig = bench.figures(c)
    assert fig["value_f1"] == pytest.approx(0.0)  # the official figure compares strings
    assert fig["value_f1_weeknorm"] == pytest.approx(100.0)
    assert bench.error_summary(c.errors) == "  errors: VALUE 1"


@pytest.mark.slow
def test_gate_tempeval_value_f1_above_floor(shared_dir: Path) -> None:
    data = shared_dir / "data" / "tempeval3" / "train" / "TBAQ-cleaned"
    if not data.is_dir():
        pytest.skip("TempEval-3 TBAQ-cleaned is not in ../shared")
    base = json.loads(BASELINE.read_text(encoding="utf-8"))
    bench = _bench()
    paths = bench.gate_files(data)
    assert len(paths) == base["subset_size"]
    fig, _counts = bench.evaluate(paths)
    for name, floor in base["floor"].items():
        assert fig[name] >= floor, (
            f"{name} {fig[name]:.2f} fell below the floor {floor} (bench/baselines/tempeval3.json)"
        )
