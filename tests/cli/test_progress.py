"""The ingest progress bar: drawn on a real pseudo-terminal, absent when stderr is a pipe."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
from pathlib import Path

from claimgraph.cli.progress import ProgressBar, estimate_total

ARREST = (
    "Police in Tbilisi arrested two men on Monday who were suspected of smuggling weapons "
    "across the border, the Interior Ministry said.\n"
)
VISIT = "The foreign minister of Kenya will visit Oslo next month to sign a trade agreement, his office said.\n"


def _inputs(tmp_path: Path) -> list[str]:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "arrest.txt").write_text(ARREST, encoding="utf-8")
    (folder / "visit.txt").write_text(VISIT, encoding="utf-8")
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02 binary")
    return [str(folder)]


def _ingest_on_pty(args: list[str]) -> tuple[int, str]:
    """Run ``claimgraph ingest`` with stderr on a pseudo-terminal; everything it drew there."""
    master, slave = pty.openpty()
    proc = subprocess.Popen([sys.executable, "-m", "claimgraph", "ingest", *args], stdin=subprocess.DEVNULL,
                            stdout=subprocess.DEVNULL, stderr=slave, close_fds=True)
    os.close(slave)
    chunks: list[bytes] = []
    try:
        while True:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    data = os.read(master, 4096)
                except OSError:  # EIO: the terminal's other end closed
                    break
                if not data:
                    break
                chunks.append(data)
            elif proc.poll() is not None:
                break
        rc = proc.wait(timeout=120)
    finally:
        os.close(master)
    return rc, b"".join(chunks).decode("utf-8", "replace")


def test_progress_bar_drawn_on_a_terminal(tmp_path: Path) -> None:
    rc, drawn = _ingest_on_pty([*_inputs(tmp_path), "--db", str(tmp_path / "kb.duckdb")])
    assert rc == 1  # the binary file fails; the other two are stored
    assert "\r\x1b[K" in drawn  # the line is redrawn in place
    assert "ingest [####################] 3/3 documents" in drawn  # total counted from the folder
    assert "docs/s" in drawn and "1 error" in drawn
    assert "broken.txt" in drawn and "2 new, 0 already known, 1 failed" in drawn


def test_progress_bar_absent_when_stderr_is_not_a_terminal(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimgraph", "ingest", *_inputs(tmp_path), "--db", str(tmp_path / "kb.duckdb")],
        stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert proc.returncode == 1
    assert "\x1b" not in proc.stderr and "\r" not in proc.stderr
    assert "docs/s" not in proc.stderr and "documents" not in proc.stderr
    lines = proc.stderr.strip().splitlines()
    assert lines[-1] == "2 new, 0 already known, 1 failed"
    assert len(lines) == 2 and "broken.txt" in lines[0]
    assert proc.stdout == ""


def test_progress_bar_line_without_a_known_total() -> None:
    bar = ProgressBar(total=None, enabled=False)
    for status in ("new", "known", "failed", "new"):
        bar("x.txt", status)
    line = bar.line()
    assert line.startswith("ingest 4 documents") and "1 error " in line and "[" not in line


def test_estimate_total_counts_single_document_files_only(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARREST, encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "b.html").write_text("<html><body><p>" + VISIT + "</p></body></html>", encoding="utf-8")
    (tmp_path / "sub" / "notes.pdf").write_bytes(b"%PDF-1.4 not an input")
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(VISIT, encoding="utf-8")
    assert estimate_total([str(tmp_path)]) == 2
    assert estimate_total([str(tmp_path / "a.txt"), str(tmp_path)]) == 3
    (tmp_path / "many.jsonl").write_text('{"text": "x"}\n{"text": "y"}\n', encoding="utf-8")
    assert estimate_total([str(tmp_path)]) is None  # a JSON Lines file holds any number
    assert estimate_total(["https://example.org/story"]) is None
    assert estimate_total(["-"]) is None
