"""The project's static checks: ruff (lint) and mypy (types) both pass on the sources."""

from __future__ import annotations

import importlib.util
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


def _run_tool(module: str, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``python -m module args`` in the repository root; skip when the tool is missing."""
    if importlib.util.find_spec(module) is None:
        pytest.skip(f"{module} is not installed; install the test extra: pip install -e '.[test]'")
    return subprocess.run(
        [sys.executable, "-m", module, *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )


def test_ruff_reports_no_lint_errors() -> None:
    got = _run_tool("ruff", "check", "src", "tests", "bench", "scripts")
    assert got.returncode == 0, f"ruff check failed:\n{got.stdout}\n{got.stderr}"


def test_mypy_reports_no_type_errors() -> None:
    got = _run_tool("mypy", "src/claimgraph")
    assert got.returncode == 0, f"mypy src/claimgraph failed:\n{got.stdout}\n{got.stderr}"
