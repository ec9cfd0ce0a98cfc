"""Shared fixtures: the seed article, the labelled data beside the repo, temp stores."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
EXAMPLE = ROOT / "examples" / "azernews_baku_plot.txt"


@pytest.fixture(scope="session")
def example_path() -> Path:
    """The bundled example article (the seed, shipped in examples/)."""
    return EXAMPLE


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """``../shared``; tests that need it skip cleanly when it is absent."""
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside the repository")
    return SHARED


@pytest.fixture(scope="session")
def seed_record():
    """The analyzed record of the bundled example (computed once per test session)."""
    from claimgraph.api import analyze_inputs

    (outcome,) = list(analyze_inputs([str(EXAMPLE)]))
    assert outcome.error is None, outcome.error
    return outcome.document
