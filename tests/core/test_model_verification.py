from __future__ import annotations

import shutil

import pytest

from claimgraph.errors import ModelError
from claimgraph.nlp.model import MODEL_FILE_SHA256, model_path, verify_model_files


def test_model_installed_files_match_pinned_hashes():
    verify_model_files(model_path())  # raises if any file differs


def test_model_tampered_file_is_refused_with_reinstall_advice(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    with open(copy / "ner" / "model", "r+b") as f:
        f.seek(100)
        b = f.read(1)
        f.seek(100)
        f.write(bytes([b[0] ^ 0xFF]))
    with pytest.raises(ModelError) as exc:
        verify_model_files(copy)
    assert "ner/model" in str(exc.value)
    assert "requirements/model.lock" in str(exc.value)


def test_model_missing_file_is_refused(tmp_path):
    copy = tmp_path / "model"
    shutil.copytree(model_path(), copy)
    (copy / "meta.json").unlink()
    with pytest.raises(ModelError, match="meta.json"):
        verify_model_files(copy)


def test_model_lock_pins_the_verified_wheel_hash():
    from pathlib import Path

    from claimgraph.nlp.model import WHEEL_SHA256

    lock = (Path(__file__).resolve().parents[2] / "requirements" / "model.lock").read_text()
    assert f"--hash=sha256:{WHEEL_SHA256}" in lock
    assert len(MODEL_FILE_SHA256) >= 20
