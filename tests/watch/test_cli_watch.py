"""`claimgraph watch` as a real process: SIGTERM, SIGKILL and restart store nothing twice."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from claimgraph.cli import main
from claimgraph.ingest import document_id
from claimgraph.kb import KnowledgeBase

WAIT = 180.0


def _start(args: list[str], log: Path) -> subprocess.Popen[bytes]:
    cmd = [sys.executable, "-c", "from claimgraph.cli import entry; entry()", "watch", *args]
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen(cmd, env=env, stdout=subprocess.DEVNULL, stderr=log.open("wb"))


def _wait_for(what: str, cond: Callable[[], bool], proc: subprocess.Popen[bytes], log: Path) -> None:
    deadline = time.monotonic() + WAIT
    while not cond():
        if proc.poll() is not None:
            raise AssertionError(f"watch exited ({proc.returncode}) before {what}: {log.read_text()}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"timed out waiting for {what}: {log.read_text()}")
        time.sleep(0.05)


def _docs(db: Path) -> list[str]:
    return [d["id"] for d in KnowledgeBase(db).documents(limit=1000)]


@pytest.mark.slow
def test_watch_cli_sigterm_stops_cleanly_and_restart_resumes(tmp_path, feed_server, paragraphs):
    db, alerts, log = tmp_path / "kb.duckdb", tmp_path / "alerts.jsonl", tmp_path / "watch.log"
    feed_server.add("k1", "Plot against a rabbi in Baku", paragraphs[0:1])
    args = [feed_server.url, "--db", str(db), "--interval", "0.3", "--host-delay", "0.05", "--allow-private",
            "--alert-actor", "Agil Aslanov", "--alerts", str(alerts)]
    proc = _start(args, log)
    try:
        _wait_for("the first item", lambda: bool(feed_server.requests("/articles/k1.html")), proc, log)
        feed_server.add("k2", "A drug trafficker recruited", paragraphs[1:2])
        _wait_for("an alert line", lambda: alerts.exists() and alerts.read_text().strip() != "", proc, log)
        n = len(feed_server.requests("/feed.xml"))
        _wait_for("a poll after the alert", lambda: len(feed_server.requests("/feed.xml")) > n + 1, proc, log)
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(60) == 0
    finally:
        if proc.poll() is None:
            proc.kill()
    text = log.read_text()
    assert "SIGTERM: stopping" in text and "stopped:" in text
    lines = [json.loads(x) for x in alerts.read_text().splitlines()]
    assert lines and len({a["event"] for a in lines}) == len(lines)
    assert all("Agil Aslanov" in [p["name"] for p in a["actors"]] for a in lines)
    assert sorted(_docs(db)) == sorted({document_id(paragraphs[0]), document_id(paragraphs[1])})

    # restart once: validators and seen items were kept, so the feed answers 304 and nothing is redone
    before = len(feed_server.requests())
    done = subprocess.run([sys.executable, "-c", "from claimgraph.cli import entry; entry()", "watch", *args,
                           "--once"], capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stderr
    assert "not modified" in done.stderr
    after = feed_server.requests()[before:]
    assert [(r.path, r.conditional, r.status) for r in after] == [("/feed.xml", True, 304)]
    assert len(alerts.read_text().splitlines()) == len(lines)
    assert len(_docs(db)) == 2


@pytest.mark.slow
def test_watch_cli_sigkill_mid_feed_then_restart_stores_each_item_once(tmp_path, feed_server, paragraphs):
    db, log = tmp_path / "kb.duckdb", tmp_path / "watch.log"
    for n in range(5):
        feed_server.add(f"n{n}", f"Part {n}", paragraphs[n:n + 1])
    order = [f"/articles/n{n}.html" for n in reversed(range(5))]  # the feed lists the newest first
    args = [feed_server.url, "--db", str(db), "--interval", "60", "--host-delay", "0.05", "--allow-private"]
    proc = _start(args, log)
    try:
        # the third page is fetched once the first two items are stored: kill while it is in hand
        _wait_for("the third item", lambda: bool(feed_server.requests(order[2])), proc, log)
        proc.send_signal(signal.SIGKILL)
        proc.wait(60)
    finally:
        if proc.poll() is None:
            proc.kill()
    stored = _docs(db)
    assert 2 <= len(stored) <= 3 and len(set(stored)) == len(stored)

    done = subprocess.run([sys.executable, "-c", "from claimgraph.cli import entry; entry()", "watch", *args,
                           "--once"], capture_output=True, text=True, timeout=WAIT)
    assert done.returncode == 0, done.stderr
    expected = {document_id(p) for p in paragraphs[0:5]}
    final = _docs(db)
    assert len(final) == len(set(final)) == 5 and set(final) == expected
    # the items finished before the kill were not fetched again
    assert [len(feed_server.requests(p)) for p in order[:2]] == [1, 1]
    assert [len(feed_server.requests(p)) for p in order[3:]] == [1, 1]


def test_watch_cli_refuses_private_feed_without_allow_private(tmp_path, feed_server, paragraphs, capsys):
    feed_server.add("p1", "Plot against a rabbi in Baku", paragraphs[0:1])
    db = tmp_path / "kb.duckdb"
    rc = main(["watch", feed_server.url, "--db", str(db), "--once"])
    err = capsys.readouterr().err
    assert rc == 1
    assert feed_server.url in err and "non-public address 127.0.0.1" in err and "--allow-private" in err
    assert feed_server.requests() == []
    assert _docs(db) == []


def test_watch_cli_bad_alert_status_is_one_line_error(tmp_path, capsys):
    rc = main(["watch", "https://example.org/feed.xml", "--db", str(tmp_path / "kb.duckdb"),
               "--alert-status", "happened", "--once"])
    err = capsys.readouterr().err
    assert rc == 2 and "happened" in err and "occurred" in err
