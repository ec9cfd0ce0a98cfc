"""``scripts/train_models.py`` end to end on a tiny subset of ../shared/data.

The trainer runs in this process (its ``main``) on three statuschain articles and three
TimeML files (and word clusters from 20 files of each unlabelled source), writes the six
artifacts and their manifest, and the analysis then loads
them through ``CLAIMGRAPH_MODELS_DIR``. Skips when ../shared/data is absent.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.nlp import learned
from claimgraph.nlp.events import features

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "train_models.py"
#: ``attribution_cue`` and ``attribution_bounds`` are the committed ones, copied in: the claims
#: they find feed the status features, so the event models are trained beside the models the
#: analysis runs with.
ARTIFACTS = ("attribution_bounds.json.gz", "attribution_cue.json.gz", "event_claim.json.gz",
             "event_detect.json.gz", "event_factuality.json.gz", "event_priors.json.gz",
             "event_status.json.gz", "event_type.json.gz", "word_clusters.json.gz")
TINY = ["--limit", "3", "--tempeval-limit", "3", "--factuality-limit", "40", "--folds", "2"]
ENV_AT_IMPORT = os.environ.get(learned.MODELS_ENV)


def models_at(folder: Path | None) -> contextlib.AbstractContextManager[Path]:
    """Point the analysis at ``folder`` (None: the committed models); restore on exit."""
    return learned.use_models(folder)


def _train_in_process(data: Path, out: Path) -> dict:
    pytest.importorskip("sklearn")
    import importlib.util

    spec = importlib.util.spec_from_file_location("claimgraph_train_models_script", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    # the trainer points the analysis at what it writes; keep that inside this test
    with models_at(None):
        rc = script.main(["--data", str(data), "--out", str(out), *TINY])
    assert rc == 0
    return json.loads((out / learned.MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def shared_data(shared_dir: Path) -> Path:
    data = shared_dir / "data"
    if not (data / "statuschain-dev" / "articles").is_dir() or not (data / "tempeval3" / "train").is_dir():
        pytest.skip("../shared/data has no statuschain-dev or tempeval3")
    return data


@pytest.fixture(scope="module")
def tiny_models(shared_data: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("tiny-models")
    return out, _train_in_process(shared_data, out)


def test_train_models_tiny_run_writes_every_artifact_and_manifest(tiny_models):
    out, manifest = tiny_models
    assert sorted(manifest["files"]) == list(ARTIFACTS)
    assert sorted(p.name for p in out.iterdir()) == sorted([*ARTIFACTS, learned.MANIFEST])
    for name, digest in manifest["files"].items():
        assert learned.sha256_of(out / name) == digest, name
    for name in ("attribution_cue.json.gz", "attribution_bounds.json.gz"):
        with models_at(out):
            copied = learned.load_artifact(name)
        with models_at(None):
            assert copied == learned.load_artifact(name), name


def test_train_models_leaves_the_committed_models_in_use(tiny_models):
    # train_all points CLAIMGRAPH_MODELS_DIR at its output; the test restored it
    assert os.environ.get(learned.MODELS_ENV) == ENV_AT_IMPORT
    assert learned.models_dir() != tiny_models[0]


def test_train_models_tiny_artifacts_load_and_analyze(tiny_models):
    from claimgraph import analyze

    out, _ = tiny_models
    with models_at(out):
        assert learned.models_dir() == out
        detector = learned.linear_model("event_detect.json.gz")
        assert set(detector.classes) == {"event", "none"}
        assert 0.0 < detector.threshold < 1.0
        status = learned.linear_model("event_status.json.gz")
        assert status.predict({"rule=planned": 1.0})[0] in status.classes
        typer = learned.linear_model("event_type.json.gz")
        assert "OTHER" in typer.classes
        # the tiny priors (three TimeML files), not the committed ones
        tiny_forms = len(features.priors())
        doc = analyze("Police arrested two men in Baku on Saturday.", published="2024-05-01")
        assert doc.to_dict()["schema"] == "claimgraph.document/1"
        for ev in doc.events:
            assert ev.status in {*status.classes, "unknown"}
    with models_at(None):
        assert len(features.priors()) > tiny_forms


def test_train_models_is_deterministic_in_process(tiny_models, shared_data, tmp_path):
    out, manifest = tiny_models
    again = _train_in_process(shared_data, tmp_path / "again")
    assert again == manifest
    for name in ARTIFACTS:
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes(), name


@pytest.mark.slow
def test_train_models_is_deterministic_across_hash_seeds(tiny_models, shared_data, tmp_path):
    out, manifest = tiny_models
    env = {k: v for k, v in os.environ.items() if k != learned.MODELS_ENV}
    env["PYTHONHASHSEED"] = "12345"
    res = subprocess.run([sys.executable, str(SCRIPT), "--data", str(shared_data), "--out",
                          str(tmp_path / "seeded"), *TINY], env=env, capture_output=True, text=True,
                         check=False)
    assert res.returncode == 0, res.stderr[-2000:]
    seeded = json.loads((tmp_path / "seeded" / learned.MANIFEST).read_text(encoding="utf-8"))
    assert seeded == manifest


def test_threshold_of_best_f1_and_its_figures():
    from claimgraph.training.train import choose_threshold, figures_at

    # three events scored high, one low; two non-events in between
    scored = [(0.9, True), (0.8, True), (0.7, True), (0.6, False), (0.5, False), (0.2, True)]
    t, fig = choose_threshold(scored, None)
    assert 0.6 < t <= 0.7  # three of four events, no false alarm: F1 0.857
    assert fig == figures_at(scored, t) == {"precision": 1.0, "recall": 0.75, "f1": 0.8571}
    # with a precision target, the lowest threshold that reaches it
    t_target, fig_target = choose_threshold(scored, 0.6)
    assert t_target <= 0.2 and fig_target["precision"] >= 0.6 and fig_target["recall"] == 1.0
    # F1 within the tolerance of the best is a tie, and the lowest such threshold (more
    # events found) is taken: at 0.2 and below F1 is 0.8, the best 0.857
    t_tie, fig_tie = choose_threshold(scored, None, tolerance=0.06)
    assert t_tie <= 0.2 and fig_tie == {"precision": 0.6667, "recall": 1.0, "f1": 0.8}
    assert choose_threshold(scored, None, tolerance=0.05)[0] > 0.6


def test_the_detector_threshold_is_read_where_the_gold_is_complete(shared_data):
    """Candidates after the eighth paragraph, where the guideline leaves plain occurred events
    unannotated, are flagged, and the threshold is chosen without them."""
    from claimgraph.training.events import detection_examples, load_articles

    arts = load_articles(shared_data / "statuschain-dev" / "articles", limit=2)
    ex = detection_examples(arts, complete_only=False)
    assert len(ex.complete) == len(ex.labels)
    assert any(ex.complete) and not all(ex.complete)
    complete_only = detection_examples(arts, complete_only=True)
    assert sum(ex.complete) == len(complete_only.labels)


def test_factuality_examples_keep_the_given_tokens(tmp_path):
    """UW targets are token indices into a pre-tokenized sentence, whose hyphens are spaced
    ("Miami - based"): the parse that joins such compounds in analysis must not shift them."""
    from claimgraph.training.events import factuality_examples

    row = {"text": "Miami - based exiles might take Elian Gonzalez to a far - away country .",
           "targets": [{"span1": [5, 6], "label": -1.5, "span_text": "take"}]}
    path = tmp_path / "uw.jsonl"
    path.write_text(json.dumps(row) + "\n", encoding="utf-8")
    ex = factuality_examples(path)
    assert ex.labels == ["uncertain"]
    assert ex.feats[0].get("l=take") == 1.0
