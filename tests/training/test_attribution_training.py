"""The attribution trainer end to end on a tiny subset of PolNeAR train.

``scripts/train_models.py --only attribution`` runs in this process on four train articles,
writes ``attribution_cue.json.gz``, ``attribution_bounds.json.gz`` and the manifest, twice
with the same bytes; the analysis then loads the artifacts through ``CLAIMGRAPH_MODELS_DIR``.
Skips without ../shared/data.
"""

from __future__ import annotations

import importlib.util
import json
import shutil
from pathlib import Path

import pytest

from claimgraph.nlp import learned
from claimgraph.nlp.attribution.bounds import ARTIFACT as BOUNDS
from claimgraph.nlp.attribution.bounds import bounds_models
from claimgraph.nlp.attribution.tagger import ARTIFACT, cue_model
from claimgraph.training.attribution import gold_cues, gold_relations, load_split

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "train_models.py"
TINY = ["--only", "attribution", "--polnear-limit", "4", "--folds", "2"]


@pytest.fixture(scope="module")
def polnear(shared_dir: Path) -> Path:
    data = shared_dir / "data" / "polnear"
    if not (data / "train" / "text").is_dir():
        pytest.skip("../shared/data has no polnear/train")
    return data


def _train(data: Path, out: Path) -> dict:
    pytest.importorskip("sklearn")
    spec = importlib.util.spec_from_file_location("claimgraph_train_models_script_attr", SCRIPT)
    assert spec is not None and spec.loader is not None
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    with learned.use_models(None):
        assert script.main(["--data", str(data), "--out", str(out), *TINY]) == 0
    return json.loads((out / learned.MANIFEST).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def tiny(polnear: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("tiny-attr")
    return out, _train(polnear.parent, out)


def test_attribution_gold_cues_read_from_brat(polnear):
    (aid, text, cues), *_ = load_split(polnear / "train", limit=1)
    assert cues and all(0 <= a < b <= len(text) for c in cues for a, b in c)
    ann = sorted((polnear / "train" / "attributions").glob(aid + "_*.ann"))[0]
    assert len(gold_cues(ann)) == len(cues)
    rels = gold_relations(ann)
    assert [c for c, _ in rels] == gold_cues(ann)
    # most attributions have a content, and every content lies inside the text
    assert sum(1 for _, content in rels if content) > len(rels) / 2
    assert all(0 <= a < b <= len(text) for _, content in rels for a, b in content)


def test_attribution_tiny_run_writes_artifact_and_manifest(tiny):
    out, manifest = tiny
    assert sorted(manifest["files"]) == sorted([ARTIFACT, BOUNDS])
    for name in (ARTIFACT, BOUNDS):
        assert learned.sha256_of(out / name) == manifest["files"][name]
    with learned.use_models(out):
        model = cue_model()
        assert model is not None and set(model.model.classes) == {"cue", "no"}
        assert all(0.0 < t < 1.0 for t in model.thresholds.values())
        edges = bounds_models()
        assert edges is not None and all(set(m.classes) == {"yes", "no"} for m in edges)


def test_attribution_tiny_artifact_analyzes_beside_the_event_models(tiny, tmp_path):
    from claimgraph import analyze
    from claimgraph.training.events import write_manifest

    out, _ = tiny
    with learned.use_models(None) as committed:
        folder = tmp_path / "models"
        shutil.copytree(committed, folder)
    for name in (ARTIFACT, BOUNDS):
        shutil.copyfile(out / name, folder / name)
    write_manifest(folder)
    with learned.use_models(folder):
        assert cue_model() is not None and bounds_models() is not None
        doc = analyze("Officials said the talks had stalled.")
        (c,) = [c for c in doc.claims if c.kind == "attributed"]
        assert c.evidence.text == "the talks had stalled"


def test_attribution_training_is_deterministic(tiny, polnear, tmp_path):
    out, manifest = tiny
    again = _train(polnear.parent, tmp_path / "again")
    assert again == manifest
    for name in (ARTIFACT, BOUNDS):
        assert (tmp_path / "again" / name).read_bytes() == (out / name).read_bytes()
