"""The store: migrations, idempotence, one transaction per document, crash safety, locking.

Tests taking ``kb`` or ``store_db`` run on both backends (a DuckDB file and a PostgreSQL
database); the file-lock tests are DuckDB's own.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from claimgraph.errors import StoreError
from claimgraph.kb import KnowledgeBase
from claimgraph.kb import resolve_events as rev
from claimgraph.kb.backends import StoreLocation, connect, locate
from claimgraph.kb.migrations import MIGRATIONS

from .conftest import BAKU, Cl, Ent, Ev, build

TEXT = "Protesters marched through Baku on Friday, organisers from the Green Youth Union said."


def protest(text: str = TEXT):
    return build(
        text, publisher="Caspian Daily", published="2025-05-02T10:00:00+04:00",
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
        events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1",
                   time=("2025-05-02", "2025-05-02"), claim="c1")],
        claims=[Cl("c1", "marched",
                   chain=[("Green Youth Union", "organization", "e2")], kind="attributed")],
    )


def _rows(db: StoreLocation | str, sql: str) -> list[tuple]:
    con = connect(db if isinstance(db, StoreLocation) else locate(db), read_only=True, timeout=5)
    try:
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


def _counts(db: StoreLocation | str) -> dict[str, int]:
    return {t: _rows(db, f"SELECT count(*) FROM {t}")[0][0]
            for t in ("documents", "doc_entities", "doc_events", "claims", "actors", "events", "merge_evidence")}


def test_store_migrations_applied_once(store_db: str) -> None:
    KnowledgeBase(store_db)
    KnowledgeBase(store_db)
    names = [r[0] for r in _rows(store_db, "SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [n for n, _ in MIGRATIONS]


def test_store_add_is_idempotent(kb: KnowledgeBase) -> None:
    doc = protest()
    assert kb.add(doc) is True
    before = _counts(kb.location)
    assert kb.add(protest()) is False
    assert _counts(kb.location) == before
    rec = kb.document(doc.info.id)
    assert {k: v for k, v in rec.items() if k != "kb"} == doc.to_dict()
    assert rec["kb"]["events"] == {"v1": kb.events()[0]["id"]}


def test_store_failure_mid_document_stores_nothing(kb: KnowledgeBase, monkeypatch: pytest.MonkeyPatch) -> None:
    kb.add(protest())
    before = _counts(kb.location)

    def broken(self, f):
        raise RuntimeError("resolver exploded")

    monkeypatch.setattr(rev.EventIndex, "best_match", broken)
    second = protest("Protesters marched again through Baku on Friday evening, the Green Youth Union said.")
    with pytest.raises(RuntimeError):
        kb.add(second)
    assert _counts(kb.location) == before
    monkeypatch.undo()
    # A constraint violation late in the document (two entities with one id) rolls back too.
    bad = protest("The Green Youth Union marched through Baku for a third time on Friday.")
    bad.entities.append(bad.entities[0])
    with pytest.raises(StoreError, match="rolled back"):
        kb.add(bad)
    assert _counts(kb.location) == before
    assert kb.add(second) is True
    assert len(kb.events()) == 1


_WRITER = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from kb.conftest import build, Ent, Ev, Cl, BAKU
    from claimgraph.kb import KnowledgeBase
    kb = KnowledgeBase({path!r})
    with kb.writing() as w:
        for i in range(10000):
            text = f"Story {{i}}: protesters marched through Baku, the Green Youth Union said on day {{i}}."
            doc = build(text, publisher=f"Outlet {{i % 7}}", published="2025-05-02",
                        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
                        events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1")],
                        claims=[Cl("c1", "protesters marched through Baku")])
            w.add(doc)
            print(i, flush=True)
    """
)


def test_store_sigkill_mid_ingest_leaves_whole_documents(store_db: str) -> None:
    path = store_db
    script = _WRITER.format(tests=str(Path(__file__).parents[1]), path=str(path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    assert proc.stdout is not None
    for line in proc.stdout:
        if int(line) >= 15:
            break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    kb = KnowledgeBase(path)
    n = kb.stats()["documents"]
    assert n >= 16
    counts = _counts(path)
    assert counts["doc_entities"] == 2 * n
    assert counts["doc_events"] == n
    assert counts["claims"] == n
    assert len(kb.events()) >= 1
    assert kb.add(protest()) is True


def test_store_busy_file_gives_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "busy.duckdb"
    KnowledgeBase(path)
    holder = subprocess.Popen(
        [sys.executable, "-c", f"import duckdb, time; c = duckdb.connect({str(path)!r}); print('ok', flush=True); "
                               "time.sleep(30)"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
        with pytest.raises(StoreError, match="busy"):
            KnowledgeBase(path, read_only=True, lock_timeout=0.5).stats()
    finally:
        holder.kill()
        holder.wait()
    assert KnowledgeBase(path, read_only=True).stats()["documents"] == 0


def test_store_read_only_missing_file_says_what_to_do(tmp_path: Path) -> None:
    with pytest.raises(StoreError, match="claimgraph ingest"):
        KnowledgeBase(tmp_path / "none.duckdb", read_only=True).stats()


_BATCHES = textwrap.dedent(
    """
    import sys
    sys.path.insert(0, {tests!r})
    from kb.conftest import build, Ent, Ev, BAKU
    from claimgraph.kb import KnowledgeBase
    kb = KnowledgeBase({path!r})
    for i in range(6):
        text = f"Batch {{i}}: the Green Youth Union marched through Baku on day {{i}} of the protest."
        kb.add(build(text, publisher="Caspian Daily", published="2025-05-02",
                     entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
                     events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1")]))
        print(i, flush=True)
    """
)


def test_store_reader_gets_in_between_writer_batches(store_db: str) -> None:
    path = store_db
    KnowledgeBase(path)
    script = _BATCHES.format(tests=str(Path(__file__).parents[1]), path=str(path))
    proc = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, text=True)
    seen: list[int] = []
    assert proc.stdout is not None
    for _line in proc.stdout:
        seen.append(KnowledgeBase(path, read_only=True, lock_timeout=20).stats()["documents"])
    assert proc.wait() == 0
    assert seen == sorted(seen) and seen[-1] == 6
    assert len(KnowledgeBase(path, read_only=True).events()) == 1
