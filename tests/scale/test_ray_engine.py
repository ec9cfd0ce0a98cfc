"""The Ray engine on a real two-node local cluster: same store as the single-process path,
and exactly once after a SIGKILLed worker or a SIGKILLed driver."""

from __future__ import annotations

import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import pytest

from claimgraph.config import load_settings
from claimgraph.kb import KnowledgeBase

pytestmark = pytest.mark.slow
pytest.importorskip("ray")

from claimgraph.scale import RayOptions  # noqa: E402
from claimgraph.scale.ray_engine import ingest_with_ray  # noqa: E402

DOCUMENTS = 11  # ten BBC articles and the example; the binary file fails
#: Documents per write transaction in the fault tests (64 by default would write all at the end).
SMALL_BATCH = 2


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return True


def test_ray_ingest_equals_single_process_and_skips_known(
    cluster: Any, articles: Path, clean_store: Path, tmp_path: Path, store_snapshot: Any
) -> None:
    db = tmp_path / "ray.duckdb"
    kb = KnowledgeBase(db)
    run = ingest_with_ray([str(articles)], kb, options=RayOptions(workers=2, chunk_size=2))
    assert (run.summary.new, run.summary.known, run.summary.failed) == (DOCUMENTS, 0, 1)
    (err,) = run.summary.errors
    assert err.source.endswith("zz_binary.txt") and "binary" in str(err)
    assert len(set(run.worker_pids)) == 2 and os.getpid() not in run.worker_pids
    assert run.timings.analyzed == DOCUMENTS and run.timings.written == DOCUMENTS
    assert store_snapshot(db) == store_snapshot(clean_store)

    again = ingest_with_ray([str(articles)], kb, options=RayOptions(workers=2, chunk_size=2))
    assert (again.summary.new, again.summary.known, again.summary.failed) == (0, DOCUMENTS, 1)
    assert again.timings.analyzed == 0  # stored ids are never sent for analysis
    assert store_snapshot(db) == store_snapshot(clean_store)


def test_ray_worker_sigkilled_half_way_stores_every_document_once(
    cluster: Any, articles: Path, clean_store: Path, tmp_path: Path, store_snapshot: Any
) -> None:
    db = tmp_path / "kb.duckdb"
    pids: list[int] = []
    killed: list[int] = []
    seen: list[str] = []

    def kill_at_half(source: str, status: str) -> None:
        seen.append(status)
        if len(seen) == (DOCUMENTS + 1) // 2 and not killed:
            os.kill(pids[0], signal.SIGKILL)
            killed.append(pids[0])

    options = RayOptions(workers=2, chunk_size=1, tasks_per_worker=2, on_workers=pids.extend)
    run = ingest_with_ray([str(articles)], KnowledgeBase(db), settings=load_settings(batch_size=SMALL_BATCH),
                          options=options, progress=kill_at_half)
    assert killed, "the worker was never killed"
    deadline = time.monotonic() + 10
    while _alive(killed[0]) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not _alive(killed[0])
    assert (run.summary.new, run.summary.failed) == (DOCUMENTS, 1), [str(e) for e in run.summary.errors]
    assert store_snapshot(db) == store_snapshot(clean_store)


def _progress_counts(text: str) -> list[int]:
    return [int(m) for m in re.findall(r"(\d+)/\d+ documents", text)]


def test_driver_sigkilled_half_way_then_rerun_stores_exactly_a_clean_run(
    cluster: Any, articles: Path, clean_store: Path, tmp_path: Path, store_snapshot: Any, store_rows: Any
) -> None:
    db = tmp_path / "kb.duckdb"
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "claimgraph", "ingest", str(articles), "--db", str(db), "--engine", "ray",
         "--workers", "2", "--chunk-size", "1", "--address", cluster.address],
        stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=slave, close_fds=True,
        env={**os.environ, "CLAIMGRAPH_BATCH_SIZE": str(SMALL_BATCH)},
    )
    os.close(slave)
    drawn = ""
    deadline = time.monotonic() + 240
    try:
        while time.monotonic() < deadline and proc.poll() is None:
            ready, _, _ = select.select([master], [], [], 0.2)
            if ready:
                try:
                    drawn += os.read(master, 4096).decode("utf-8", "replace")
                except OSError:
                    break
            counts = _progress_counts(drawn)
            if counts and counts[-1] >= (DOCUMENTS + 1) // 2:
                proc.send_signal(signal.SIGKILL)
                break
        proc.wait(timeout=30)
    finally:
        if proc.poll() is None:
            proc.kill()
        os.close(master)
    assert proc.returncode == -signal.SIGKILL, f"the driver ended by itself ({proc.returncode}):\n{drawn}"

    clean_rows = store_rows(clean_store)
    half = store_rows(db)
    assert 0 < len(half) < DOCUMENTS, f"kill was not mid-way: {len(half)} documents stored"
    for doc, rows in half.items():  # every stored document is whole
        assert rows == clean_rows[doc]

    run = ingest_with_ray([str(articles)], KnowledgeBase(db), options=RayOptions(workers=2))
    assert (run.summary.known, run.summary.new, run.summary.failed) == (len(half), DOCUMENTS - len(half), 1)
    assert store_snapshot(db) == store_snapshot(clean_store)
    assert store_rows(db) == clean_rows
