"""A real Ray cluster (a head and a second node, local processes), real articles, real stores."""

from __future__ import annotations

import shutil
import socket
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import duckdb
import pytest

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "azernews_baku_plot.txt"
BBC = ROOT.parent / "shared" / "data" / "bbc" / "bbc"
#: BBC articles per category in the test batch (five categories).
PER_CATEGORY = 2


@pytest.fixture(scope="session")
def articles(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder of real articles (BBC, the bundled example) and one binary file among them."""
    if not BBC.is_dir():
        pytest.skip("../shared/data/bbc is not beside the repository")
    folder = tmp_path_factory.mktemp("articles")
    for cat in sorted(p for p in BBC.iterdir() if p.is_dir()):
        for f in sorted(cat.glob("*.txt"))[:PER_CATEGORY]:
            shutil.copy(f, folder / f"{cat.name}_{f.name}")
    shutil.copy(EXAMPLE, folder / EXAMPLE.name)
    (folder / "zz_binary.txt").write_bytes(b"\x00\x01\x02\x03 not an article")
    return folder


@pytest.fixture(scope="session")
def clean_store(articles: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The articles ingested by the plain single-process path: the reference store."""
    from claimgraph.kb import KnowledgeBase

    db = tmp_path_factory.mktemp("clean") / "kb.duckdb"
    kb = KnowledgeBase(db)
    summary = kb.ingest([str(articles)])
    kb.close()
    assert summary.new == PER_CATEGORY * 5 + 1 and summary.failed == 1, summary.line()
    return db


def _agent_ports() -> dict[str, int]:
    """Fixed free ports for a node's agents: with ports given, the node does not wait for the
    agents to report theirs, a wait that a busy machine (several test runs at once) can miss."""
    names = ("metrics_agent_port", "metrics_export_port", "dashboard_agent_listen_port", "runtime_env_agent_port")
    socks = [socket.socket() for _ in names]
    try:
        for s in socks:
            s.bind(("127.0.0.1", 0))
        return {n: s.getsockname()[1] for n, s in zip(names, socks, strict=True)}
    finally:
        for s in socks:
            s.close()


@pytest.fixture(scope="module")
def cluster() -> Iterator[Any]:
    """A local Ray cluster of two nodes (one CPU each), this process connected as its driver."""
    ray = pytest.importorskip("ray")
    from ray.cluster_utils import Cluster

    from claimgraph.scale.ray_engine import LOCAL_SYSTEM_CONFIG

    # Ray's folder (sockets, logs) outside pytest's base folder: short, and not pruned by
    # another pytest run's cleanup while this cluster lives.
    temp = Path(tempfile.mkdtemp(prefix="cg-ray-"))
    # Cluster writes the head's address to Ray's default folder, which may not exist yet.
    Path(ray._private.utils.get_ray_address_file(None)).parent.mkdir(parents=True, exist_ok=True)
    for attempt in range(3):  # a busy machine can miss a node's startup deadline; try again
        c = Cluster(shutdown_at_exit=True)
        try:
            c.add_node(num_cpus=1, temp_dir=str(temp), include_dashboard=False,
                       _system_config=LOCAL_SYSTEM_CONFIG, **_agent_ports())
            c.add_node(num_cpus=1, temp_dir=str(temp), **_agent_ports())
            break
        except Exception:
            c.shutdown()
            if attempt == 2:
                shutil.rmtree(temp, ignore_errors=True)
                raise
    ray.init(address=c.address, logging_level="ERROR", log_to_driver=False)
    try:
        yield c
    finally:
        ray.shutdown()
        c.shutdown()
        shutil.rmtree(temp, ignore_errors=True)


def snapshot(db: Path) -> dict[str, Any]:
    """What must be equal between two stores: document ids, actors, events, and row counts."""
    from claimgraph.kb import KnowledgeBase

    kb = KnowledgeBase(db, read_only=True)
    try:
        return {
            "documents": sorted(d["id"] for d in kb.iter_documents()),
            "actors": sorted((a["id"], a["type"], a["name"], tuple(sorted(a["aliases"]))) for a in kb.iter_actors()),
            "events": sorted(
                (e["id"], e["type"], e["status"], tuple(sorted(m["document"] for m in e["mentions"])))
                for e in kb.iter_events()
            ),
            "stats": kb.stats(),
        }
    finally:
        kb.close()


def rows_per_document(db: Path) -> dict[str, tuple[int, int, int]]:
    """Entities, events and claims stored for each document (a partial document would differ)."""
    con = duckdb.connect(str(db), read_only=True)
    try:
        out: dict[str, tuple[int, int, int]] = {}
        for (doc,) in con.execute("SELECT id FROM documents").fetchall():
            counts = [
                con.execute(f"SELECT count(*) FROM {t} WHERE doc_id = ?", [doc]).fetchone()[0]  # type: ignore[index]
                for t in ("doc_entities", "doc_events", "claims")
            ]
            out[doc] = (counts[0], counts[1], counts[2])
        return out
    finally:
        con.close()


@pytest.fixture(scope="session")
def store_snapshot() -> Any:
    """:func:`snapshot` for the tests (conftest modules are not importable by name here)."""
    return snapshot


@pytest.fixture(scope="session")
def store_rows() -> Any:
    """:func:`rows_per_document` for the tests."""
    return rows_per_document
