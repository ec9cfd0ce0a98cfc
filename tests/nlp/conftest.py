"""Fixtures of the nlp tests."""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from claimgraph.nlp import learned


@pytest.fixture
def committed_models() -> Iterator[Path]:
    """Run on the committed models whatever ``CLAIMGRAPH_MODELS_DIR`` says (modules whose
    cached records rely on it use it for every test: ``pytestmark``)."""
    with learned.use_models(None) as folder:
        yield folder


@pytest.fixture
def models_copy(committed_models: Path, tmp_path: Path) -> Callable[..., Path]:
    """Make a copy of the committed models folder under ``tmp_path``: with one byte of
    artifact ``tamper`` flipped (its hash no longer matches), or with artifact ``drop``
    removed from the folder and its manifest (a partial folder)."""

    def make(*, tamper: str | None = None, drop: str | None = None) -> Path:
        copy = tmp_path / "models"
        shutil.copytree(committed_models, copy)
        if tamper is not None:
            with open(copy / tamper, "r+b") as fh:
                fh.seek(40)
                b = fh.read(1)
                fh.seek(40)
                fh.write(bytes([b[0] ^ 0xFF]))
        if drop is not None:
            (copy / drop).unlink()
            manifest = json.loads((copy / learned.MANIFEST).read_text(encoding="utf-8"))
            del manifest["files"][drop]
            (copy / learned.MANIFEST).write_text(json.dumps(manifest), encoding="utf-8")
        return copy

    return make


def _status_of(text: str, trigger: str) -> str:
    from claimgraph import analyze

    doc = analyze(text, published="2024-05-01")
    found = [e.status for e in doc.events if e.trigger.text == trigger]
    assert found, f"no event {trigger!r} in {[e.trigger.text for e in doc.events]}"
    return found[0]


@pytest.fixture
def status_of() -> Callable[[str, str], str]:
    """The status of the first event whose trigger reads ``trigger`` in the analysis of ``text``
    (published 2024-05-01); fails when there is none."""
    return _status_of
