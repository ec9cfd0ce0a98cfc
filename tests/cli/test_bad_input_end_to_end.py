"""Acceptance of bad input: one clear stderr line per bad input, a non-zero exit, the good
inputs stored and nothing of the bad ones; errors as one line without a traceback.

Real files in tmp_path, a real HTTP server on 127.0.0.1, real DuckDB stores.
"""

from __future__ import annotations

import gzip
import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import duckdb
import pytest

from claimgraph.cli import main
from claimgraph.kb import KnowledgeBase

GOOD = (
    "Police in Tbilisi arrested two men on Tuesday who were suspected of smuggling weapons "
    "across the border, the Interior Ministry said.\n"
)
LATIN1 = (
    "The mayor of Zürich, René Müller, said on Friday that the city would close the Café Kränzli "
    "after inspectors found serious violations. Müller told reporters the decision was final.\n"
)
PAGE = (
    "<html><head><title>Port strike ends</title></head><body><nav>Home | World | Sport</nav>"
    "<article><h1>Port strike ends after talks in Rotterdam</h1>"
    "<p>Dock workers in Rotterdam ended a nine-day strike on Wednesday after union leaders "
    "signed an agreement with the port authority, the union said.</p>"
    "<p>The agreement raises wages by four percent, according to a statement from the union.</p>"
    "</article><footer>Subscribe to our newsletter</footer></body></html>"
)
PNG = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x02\x00\x00\x00\x90wS\xde"


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def _stored_sources(db: str) -> list[str]:
    con = duckdb.connect(db, read_only=True)
    try:
        return sorted(r[0] for r in con.execute("SELECT source FROM documents").fetchall())
    finally:
        con.close()


def _error_lines(err: str) -> list[str]:
    return [line for line in err.splitlines() if line.startswith("claimgraph: ")]


@pytest.fixture()
def batch(tmp_path: Path) -> dict[str, Path]:
    """One good input and one of every kind of bad input, by name."""
    files = {
        "good": ("good.txt", GOOD.encode("utf-8")),
        "latin1": ("latin1.txt", LATIN1.encode("latin-1")),  # not UTF-8: must still be read
        "empty": ("empty.txt", b""),
        "png": ("image.png", PNG),
        "png_as_txt": ("picture.txt", PNG),
        "malformed": ("broken.json", b'{"text": "an unterminated string\n'),
        "no_text": ("notext.json", json.dumps({"headline": "no body here"}).encode()),
        "unsupported": ("notes.xyz", b"plain words in an unknown format\n"),
    }
    out = {}
    for key, (name, data) in files.items():
        p = tmp_path / name
        p.write_bytes(data)
        out[key] = p
    out["missing"] = tmp_path / "missing.txt"
    return out


@pytest.fixture()
def server() -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving one article page at /story."""

    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            body = PAGE.encode("utf-8")
            self.send_response(200 if self.path == "/story" else 404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            pass

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/story"
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.slow
def test_ingest_mixed_batch_names_each_bad_input(batch: dict[str, Path], server: str, tmp_path: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kb.duckdb")
    bad = ["empty", "png", "png_as_txt", "malformed", "no_text", "unsupported", "missing"]
    argv = ["ingest", *(str(p) for p in batch.values()), server, "--db", db]
    rc, _, err = _run(capsys, argv)
    assert rc == 1
    lines = _error_lines(err)
    assert len(lines) == len(bad) + 1, err  # + the loopback URL refused
    for key in bad:
        (line,) = [ln for ln in lines if str(batch[key]) in ln]
        assert len(line) > len(f"claimgraph: {batch[key]}: ") + 10  # says what is wrong
    (refused,) = [ln for ln in lines if server in ln]
    assert "127.0.0.1" in refused and "--allow-private" in refused  # says how to allow it
    assert "2 new, 0 already known, 8 failed" in err
    assert _stored_sources(db) == sorted([str(batch["good"]), str(batch["latin1"])])
    rec = KnowledgeBase(path=db, read_only=True)
    try:
        texts = [rec.document(d["id"])["document"]["text"] for d in rec.documents()]
    finally:
        rec.close()
    assert any("Zürich" in t and "Müller" in t and "\ufffd" not in t for t in texts)


@pytest.mark.slow
def test_ingest_loopback_url_with_allow_private_is_stored(server: str, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kb.duckdb")
    rc, _, err = _run(capsys, ["ingest", server, "--allow-private", "--db", db])
    assert rc == 0, err
    assert "1 new, 0 already known, 0 failed" in err
    kb = KnowledgeBase(path=db, read_only=True)
    try:
        (doc,) = kb.documents()
        text = kb.document(doc["id"])["document"]["text"]
    finally:
        kb.close()
    assert "Dock workers in Rotterdam" in text
    assert "Subscribe" not in text and "Home | World" not in text


@pytest.mark.slow
def test_ingest_oversize_input_is_refused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    big = tmp_path / "big.txt"
    big.write_text(GOOD * 20)
    small = tmp_path / "small.txt"
    small.write_text(GOOD)
    packed = tmp_path / "packed.txt.gz"  # small on disk, too big once unpacked
    packed.write_bytes(gzip.compress((GOOD * 20).encode("utf-8")))
    monkeypatch.setenv("CLAIMGRAPH_MAX_BYTES", "1000")
    db = str(tmp_path / "kb.duckdb")
    rc, _, err = _run(capsys, ["ingest", str(big), str(packed), str(small), "--db", db])
    assert rc == 1
    lines = _error_lines(err)
    assert len(lines) == 2, err
    assert str(big) in lines[0] and "max_bytes" in lines[0]
    assert str(packed) in lines[1]
    assert "1 new, 0 already known, 2 failed" in err
    assert _stored_sources(db) == [str(small)]


@pytest.mark.slow
def test_analyze_bad_input_does_not_stop_the_others(batch: dict[str, Path],
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(capsys, ["analyze", str(batch["empty"]), str(batch["good"]), str(batch["png"])])
    assert rc == 1
    (line,) = out.splitlines()
    assert json.loads(line)["document"]["source"] == str(batch["good"])
    lines = _error_lines(err)
    assert len(lines) == 2 and str(batch["empty"]) in lines[0] and str(batch["png"]) in lines[1]


# --- errors: one line, non-zero, no traceback (through the real `python -m claimgraph`) -----

def _cli(args: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "claimgraph", *args], capture_output=True, text=True,
                          timeout=120, cwd=cwd)


def test_errors_are_one_line_without_traceback(tmp_path: Path) -> None:
    store = tmp_path / "kb.duckdb"
    KnowledgeBase(path=str(store)).close()  # an empty, valid store
    not_a_db = tmp_path / "notes.txt"
    not_a_db.write_text(GOOD)
    (tmp_path / "folder").mkdir()
    cases = {
        "unknown actor": ["actor", "Nobody Atall", "--db", str(store)],
        "network of unknown actor": ["network", "Nobody Atall", "--db", str(store)],
        "db is a directory": ["actor", "X", "--db", str(tmp_path / "folder")],
        "db is not a DuckDB file": ["events", "--db", str(not_a_db)],
        "db in a missing folder": ["timeline", "--db", str(tmp_path / "no" / "such" / "kb.duckdb")],
        "bad --published": ["analyze", str(not_a_db), "--published", "sometime soon"],
        "unknown export format": ["export", "--format", "pdf", "-o", str(tmp_path / "x.pdf"), "--db", str(store)],
        "unknown command": ["frobnicate"],
    }
    for what, args in cases.items():
        proc = _cli(args, tmp_path)
        assert proc.returncode != 0, what
        assert "Traceback" not in proc.stderr, (what, proc.stderr)
        lines = proc.stderr.strip().splitlines()
        assert len(lines) == 1, (what, proc.stderr)
        assert "error" in lines[0].lower(), (what, lines[0])
        assert proc.stdout == "", (what, proc.stdout)
