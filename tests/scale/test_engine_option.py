"""The ``--engine`` option: the default path never imports Ray; Ray's options need ``--engine ray``."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from claimgraph.cli import main

TEXT = "Police in Tbilisi arrested two men on Monday, the Interior Ministry said.\n"


def test_default_ingest_never_imports_ray(tmp_path: Path) -> None:
    article = tmp_path / "a.txt"
    article.write_text(TEXT, encoding="utf-8")
    code = (
        "import sys; from claimgraph.cli import main; "
        f"rc = main(['ingest', {str(article)!r}, '--db', {str(tmp_path / 'kb.duckdb')!r}]); "
        "print(rc, 'ray' in sys.modules)"
    )
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert proc.stdout.split() == ["0", "False"], proc.stderr
    assert "1 new, 0 already known, 0 failed" in proc.stderr


@pytest.mark.parametrize("extra", [["--workers", "2"], ["--address", "auto"], ["--chunk-size", "4"]])
def test_ray_options_without_ray_engine_are_a_usage_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str]
) -> None:
    rc = main(["ingest", str(tmp_path), "--db", str(tmp_path / "kb.duckdb"), *extra])
    err = capsys.readouterr().err
    assert rc == 2 and "--workers, --address and --chunk-size go with --engine ray" in err
    assert not (tmp_path / "kb.duckdb").exists()
