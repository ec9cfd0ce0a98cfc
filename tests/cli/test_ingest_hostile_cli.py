"""`claimgraph ingest` on hostile files: each bad part is one stderr line naming it, the good
parts are stored, the exit status is 1. Real files in tmp_path, real DuckDB stores."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from claimgraph.cli import main

GOOD = (
    "Police in Tbilisi arrested two men on Tuesday who were suspected of smuggling weapons "
    "across the border, the Interior Ministry said."
)
OTHER = (
    "Dock workers in Rotterdam ended a nine-day strike on Wednesday after union leaders "
    "signed an agreement with the port authority, the union said."
)


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str]:
    capsys.readouterr()
    rc = main(argv)
    return rc, capsys.readouterr().err


def _stored_texts(db: str) -> list[str]:
    con = duckdb.connect(db, read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT text FROM documents").fetchall())
    finally:
        con.close()


def test_ingest_jsonl_bad_line_keeps_the_good_lines(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    p = tmp_path / "file.jsonl"
    p.write_text(
        json.dumps({"text": GOOD}) + "\n" + '{"text": "cut off,\n' + json.dumps({"text": OTHER}) + "\n"
    )
    db = str(tmp_path / "kb.duckdb")
    rc, err = _run(capsys, ["ingest", str(p), "--db", db])
    assert rc == 1
    (line,) = [ln for ln in err.splitlines() if ln.startswith("claimgraph: ")]
    assert f"{p}#2" in line and "line 2" in line and "not valid JSON" in line
    assert "2 new, 0 already known, 1 failed" in err
    assert _stored_texts(db) == sorted([GOOD, OTHER])


def test_ingest_deep_json_and_mostly_utf8_say_what_is_wrong(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    deep = tmp_path / "deep.json"
    deep.write_text("[" * 100_000)
    shares = tmp_path / "shares.txt"
    text = f"Shares in Harnow Mills closed at £102.80 on Friday, traders said. {GOOD}"
    shares.write_bytes(text.encode("utf-8").replace(b" traders", b"\xff\xfe traders"))
    db = str(tmp_path / "kb.duckdb")
    rc, err = _run(capsys, ["ingest", str(deep), str(shares), "--db", db])
    assert rc == 1
    assert "RecursionError" not in err and "Traceback" not in err
    (deep_line,) = [ln for ln in err.splitlines() if str(deep) in ln]
    assert deep_line.startswith("claimgraph: ") and "nested too deeply" in deep_line
    (warning,) = [ln for ln in err.splitlines() if str(shares) in ln]
    assert warning.startswith("claimgraph: warning: ") and "UTF-8" in warning
    (stored,) = _stored_texts(db)
    assert "£102.80" in stored and stored.count("\ufffd") == 2


@pytest.fixture()
def trickle() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 that sends its page one byte every 50 ms."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", str(len(GOOD)))
            self.end_headers()
            try:
                for ch in GOOD.encode():
                    time.sleep(0.05)
                    self.wfile.write(bytes([ch]))
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                pass

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/slow"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_ingest_fetch_timeout_flag_bounds_a_slow_url(
    trickle: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    db = str(tmp_path / "kb.duckdb")
    start = time.monotonic()
    rc, err = _run(capsys, ["ingest", trickle, "--allow-private", "--fetch-timeout", "0.5", "--db", db])
    assert time.monotonic() - start < 4
    assert rc == 1
    (line,) = [ln for ln in err.splitlines() if ln.startswith("claimgraph: ")]
    assert line.startswith(f"claimgraph: {trickle}: ") and "fetch_timeout" in line
