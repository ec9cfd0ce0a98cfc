"""Fixtures of the nlp tests."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from claimgraph.nlp import learned


@pytest.fixture
def committed_models() -> Iterator[Path]:
    """Run on the committed models whatever ``CLAIMGRAPH_MODELS_DIR`` says (modules whose
    cached records rely on it use it for every test: ``pytestmark``)."""
    with learned.use_models(None) as folder:
        yield folder
