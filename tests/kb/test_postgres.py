"""PostgreSQL as the team store: concurrent writers, readers while they write, the CLI and serve.

Every test here runs a real PostgreSQL server (``postgres_server`` in tests/conftest.py) and
skips, with the reason, where none is installed. The store tests of test_store.py and the
other kb tests run on PostgreSQL too (the ``kb`` fixture is parametrized over both engines).
"""

from __future__ import annotations

import json
import os
import re
import socket
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import httpx
import pytest

from claimgraph.errors import StoreError
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.backends import connect, locate
from claimgraph.kb.migrations import MIGRATIONS

from .conftest import BAKU, Cl, Ent, Ev, build

TESTS = Path(__file__).resolve().parents[1]
ROOT = TESTS.parent
BASIL = ROOT.parent / "shared" / "data" / "multi-outlet" / "basil" / "articles"


def _rows(db: str, sql: str) -> list[tuple]:
    con = connect(locate(db), read_only=True, timeout=5)
    try:
        return [tuple(r) for r in con.execute(sql).fetchall()]
    finally:
        con.close()


# What must be equal between two stores holding the same documents: every document, every
# actor with its name, every entity's actor, every event, every event mention's event and
# the rule that put it there (ids included).
_SNAPSHOT = {
    "documents": "SELECT id, seq, source, publisher, headline, syndicated_from FROM documents ORDER BY id",
    "actors": "SELECT id, type, name, named, created_seq FROM actors ORDER BY id",
    "doc_entities": "SELECT doc_id, entity_id, actor_id, n_mentions FROM doc_entities ORDER BY doc_id, entity_id",
    "actor_keys": "SELECT key, actor_id, doc_id FROM actor_keys ORDER BY key, actor_id, doc_id",
    "events": "SELECT id, type, mode, created_seq FROM events ORDER BY id",
    "doc_events": "SELECT doc_id, event_local_id, event_id, rule, origin FROM doc_events ORDER BY doc_id, event_local_id",
    "claims": "SELECT doc_id, claim_id, origin FROM claims ORDER BY doc_id, claim_id",
}


def _snapshot(db: str) -> dict[str, list[tuple]]:
    out = {name: _rows(db, sql) for name, sql in _SNAPSHOT.items()}
    # An event is named by its mentions: its number can differ between two equal stores, as a
    # writer that reloaded its indexes may reuse the number of an event that was opened and
    # joined into another within one transaction (never visible outside it).
    mentions: dict[str, list[tuple[str, str]]] = {}
    for doc_id, local, eid, _rule, _origin in out["doc_events"]:
        mentions.setdefault(eid, []).append((doc_id, local))
    key = {eid: tuple(sorted(m)) for eid, m in mentions.items()}
    out["events"] = sorted((key.get(eid, ()), typ, mode, seq) for eid, typ, mode, seq in out["events"])
    out["doc_events"] = [(d, lo, key[eid], rule, origin) for d, lo, eid, rule, origin in out["doc_events"]]
    return out


def _commit_order(db: str) -> list[str]:
    return [r[0] for r in _rows(db, "SELECT source FROM documents ORDER BY seq")]


# -- several writers at once ---------------------------------------------------------------------
_SYNTHETIC = textwrap.dedent(
    """
    import sys, time
    sys.path.insert(0, {tests!r})
    from kb.conftest import build, Ent, Ev, Cl, BAKU
    from claimgraph.kb import KnowledgeBase

    def doc(i):
        text = (f"Report {{i}}: the Green Youth Union marched through Baku on day {{i % 4}}, "
                f"organiser Leyla Hasanova said.")
        return build(text, publisher=f"Outlet {{i % 3}}", published=f"2025-05-0{{1 + i % 4}}", source=f"doc-{{i}}",
                     entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union"),
                               Ent("e3", "PERSON", "Leyla Hasanova", roles=["organiser"])],
                     events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1",
                                claim="c1")],
                     claims=[Cl("c1", "marched through Baku", chain=[("Leyla Hasanova", "person", "e3")],
                                kind="attributed")])

    order = [int(x) for x in sys.argv[1].split(",")]
    start = float(sys.argv[2])
    while time.time() < start:
        time.sleep(0.01)
    kb = KnowledgeBase({db!r})
    new = sum(1 for i in order if kb.add(doc(i)))
    print(new, flush=True)
    """
)


def _synthetic_script(db: str) -> str:
    return _SYNTHETIC.format(tests=str(TESTS), db=db)


def test_postgres_concurrent_writers_store_each_document_once(postgres_url: str, tmp_path: Path) -> None:
    """Four processes open a new store at the same moment and add overlapping documents."""
    n = 16
    orders = [[(k + 4 * p) % n for k in range(10)] for p in range(4)]  # each 10 of 16, overlapping
    start = time.time() + 2.0
    script = _synthetic_script(postgres_url)
    procs = [subprocess.Popen([sys.executable, "-c", script, ",".join(map(str, o)), str(start)],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for o in orders]
    outs = [p.communicate(timeout=300) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e for _, e in outs]
    union = sorted({i for o in orders for i in o})
    assert sum(int(out) for out, _ in outs) == len(union)  # each document stored by exactly one writer
    # The migrations ran once although four processes found the store empty together.
    names = [r[0] for r in _rows(postgres_url, "SELECT name FROM schema_migrations ORDER BY name")]
    assert names == [name for name, _ in MIGRATIONS]
    kb = KnowledgeBase(postgres_url, read_only=True)
    assert kb.stats()["documents"] == len(union)
    # One actor per real-world actor, however many writers met it at once.
    assert [a["name"] for a in kb.find_actors("Green Youth Union")] == ["Green Youth Union"]
    assert len(kb.find_actors("Leyla Hasanova")) == 1
    assert len({r[0] for r in _rows(postgres_url, "SELECT id FROM actors WHERE name = 'Baku'")}) == 1
    # The same as one writer storing the same documents in the order they were committed.
    order = [int(s.split("-")[1]) for s in _commit_order(postgres_url)]
    assert sorted(order) == union
    serial = str(tmp_path / "serial.duckdb")
    done = subprocess.run([sys.executable, "-c", _synthetic_script(serial), ",".join(map(str, order)), "0"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert _snapshot(postgres_url) == _snapshot(serial)


def _articles(tmp_path: Path) -> list[Path]:
    """Real articles: the bundled example, a second one from the tests, and a BASIL triplet
    (three outlets on one story, so actors and events merge across documents) when
    ../shared is there."""
    out = [ROOT / "examples" / "azernews_baku_plot.txt", TESTS / "export" / "second_article.txt"]
    files = sorted(BASIL.glob("*/*.json")) if BASIL.is_dir() else []
    triplets: dict[str, list[Path]] = {}
    for f in files:
        triplets.setdefault(f.name.rsplit("_", 1)[0], []).append(f)
    for tid in sorted(triplets)[:1]:
        for f in sorted(triplets[tid]):
            a = json.loads(f.read_text(encoding="utf-8"))
            body = "\n\n".join(" ".join(s.strip() for s in para) for para in a.get("body-paragraphs", []))
            dest = tmp_path / f"basil_{f.stem}.json"
            dest.write_text(json.dumps({"text": body, "publisher": a.get("source"), "headline": a.get("title"),
                                        "published": a.get("date")}), encoding="utf-8")
            out.append(dest)
    return out


def _summary(output: str) -> tuple[int, int, int]:
    """(new, known, failed) from the summary line `claimgraph ingest` prints."""
    found = re.findall(r"(\d+) new, (\d+) already known, (\d+) failed", output)
    assert found, output
    return tuple(int(x) for x in found[-1])  # type: ignore[return-value]


def _ingest(inputs: list[Path], db: str) -> subprocess.Popen[str]:
    return subprocess.Popen([sys.executable, "-m", "claimgraph", "ingest", *map(str, inputs), "--db", db],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


@pytest.mark.slow
def test_postgres_four_concurrent_ingests_equal_one_duckdb_run(postgres_url: str, tmp_path: Path) -> None:
    """The issue's check: four `claimgraph ingest` processes on overlapping inputs into one
    PostgreSQL store hold the same documents, actors and events as one DuckDB run of the union."""
    inputs = _articles(tmp_path)
    n = len(inputs)
    parts = [[inputs[(2 * p + k) % n] for k in range(max(2, n // 2 + 1))] for p in range(4)]
    KnowledgeBase(postgres_url)  # create the schema, so the four runs only race on documents
    procs = [_ingest(part, postgres_url) for part in parts]
    outs = [p.communicate(timeout=900) for p in procs]
    assert [p.returncode for p in procs] == [0, 0, 0, 0], [e for _, e in outs]
    summaries = [_summary(out + err) for out, err in outs]
    assert sum(s[0] for s in summaries) == n and all(s[2] == 0 for s in summaries), summaries
    # One DuckDB run of the union, in the order the PostgreSQL store committed the documents
    # (cross-document resolution depends on the order documents arrive in, as it does in
    # any one run; the writers' commits are what must be equivalent to a serial run).
    order = _commit_order(postgres_url)
    assert sorted(order) == sorted(map(str, inputs))
    duck = str(tmp_path / "union.duckdb")
    run = _ingest([Path(s) for s in order], duck)
    out, err = run.communicate(timeout=900)
    assert run.returncode == 0, err
    assert _summary(out + err) == (n, 0, 0)
    records = "SELECT id, record FROM documents ORDER BY id"
    assert _rows(postgres_url, records) == _rows(duck, records)  # the same analysis went in
    pg, dd = _snapshot(postgres_url), _snapshot(duck)
    assert len(pg["documents"]) == n
    for table in _SNAPSHOT:
        assert pg[table] == dd[table], table
    # Merges across documents happened (the comparison covers resolution, not only inserts).
    merged = _rows(postgres_url, "SELECT count(*) FROM (SELECT actor_id FROM doc_entities GROUP BY actor_id "
                                 "HAVING count(DISTINCT doc_id) > 1) AS x")[0][0]
    assert merged > 0
    # The read side agrees too, over hundreds of actors (the set-based query paths).
    pg_kb, dd_kb = KnowledgeBase(postgres_url, read_only=True), KnowledgeBase(duck, read_only=True)
    assert _actor_rows(pg_kb) == _actor_rows(dd_kb)
    top = dd_kb.top_actors(1)[0]["id"]
    assert pg_kb.network(top, depth=2) == dd_kb.network(top, depth=2)
    assert len(pg_kb.events()) == len(dd_kb.events())


def _actor_rows(kb: KnowledgeBase) -> list[dict]:
    rows = list(kb.iter_actors())
    for a in rows:
        for ev in a["merge_evidence"]:
            ev.pop("at")
    return rows


# -- the same answers from both engines ------------------------------------------------------------
def _reports() -> list:
    docs = []
    for i, (outlet, day) in enumerate([("Caspian Daily", "02"), ("Baku Post", "02"), ("Caspian Daily", "03")]):
        text = (f"Police detained Leyla Hasanova, leader of the Green Youth Union, in Baku on May {day}, "
                f"{outlet} reported. The union said {i + 2} members marched in protest.")
        docs.append(build(
            text, publisher=outlet, published=f"2025-05-{day}T10:00:00+04:00", source=f"report-{i}",
            entities=[Ent("e1", "PERSON", "Leyla Hasanova", roles=["leader"]), Ent("e2", "ORG", "Green Youth Union"),
                      Ent("e3", "GPE", "Baku", geo=BAKU)],
            events=[Ev("v1", "COERCE", "detained", mode="arrest", participants=[("target", "e1")], location="e3",
                       time=(f"2025-05-{day}", f"2025-05-{day}")),
                    Ev("v2", "PROTEST", "marched", participants=[("actor", "e2")], location="e3", claim="c1")],
            claims=[Cl("c1", "members marched in protest", chain=[("Green Youth Union", "organization", "e2")],
                       kind="attributed")],
        ))
    return docs


def _answers(kb: KnowledgeBase, actor: str = "Leyla Hasanova") -> dict:
    out = {
        "stats": kb.stats(), "events": kb.events(), "timeline": kb.timeline(),
        "actor": kb.actor(actor), "network": kb.network("Green Youth Union", depth=2),
        "find": kb.find_actors("a", limit=50), "documents": kb.documents(query="union"),
        "top_actors": kb.top_actors(), "top_events": kb.top_events(),
        "actors": list(kb.iter_actors()), "claims": list(kb.iter_claims()),
        "relations": list(kb.iter_relations()), "all_documents": list(kb.iter_documents()),
    }
    for a in out["actors"]:  # when a merge was recorded: a wall-clock time, different per run
        for ev in a["merge_evidence"]:
            ev.pop("at")
    for ev in out["actor"]["merge_evidence"]:
        ev.pop("at")
    return out


def test_postgres_answers_equal_duckdb_answers(postgres_url: str, tmp_path: Path) -> None:
    duck, pg = KnowledgeBase(tmp_path / "same.duckdb"), KnowledgeBase(postgres_url)
    for d in _reports():
        assert duck.add(d) is True and pg.add(d) is True
    a, b = _answers(duck), _answers(pg)
    assert a["stats"]["documents"] == 3 and a["stats"]["merged_entities"] > 0
    assert a == b
    # Undoing a merge gives the same new actor on both.
    doc_id = a["all_documents"][1]["id"]
    aid = a["actor"]["actor"]["id"]
    new_id = duck.unmerge(aid, doc_id)
    assert pg.unmerge(aid, doc_id) == new_id
    assert _answers(duck, new_id) == _answers(pg, new_id)
    assert _answers(duck, aid) == _answers(pg, aid)


# -- reading while others write ----------------------------------------------------------------------
def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def test_postgres_serve_reads_while_ingests_write(postgres_url: str) -> None:
    KnowledgeBase(postgres_url)
    port = _free_port()
    env = {**os.environ, "CLAIMGRAPH_TOKEN": ""}
    server = subprocess.Popen([sys.executable, "-m", "claimgraph", "serve", "--db", postgres_url, "--port", str(port)],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, env=env)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                if httpx.get(f"{base}/api/stats", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert server.poll() is None and time.monotonic() < deadline, "serve did not come up"
            time.sleep(0.2)
        writers = [subprocess.Popen([sys.executable, "-c", _synthetic_script(postgres_url),
                                     ",".join(str(i) for i in range(p, 16, 2)), "0"],
                                    stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for p in range(2)]
        seen: list[int] = []
        while any(w.poll() is None for w in writers):
            r = httpx.get(f"{base}/api/stats", timeout=30)
            assert r.status_code == 200, r.text
            seen.append(r.json()["documents"])
            events = httpx.get(f"{base}/api/events", timeout=30)
            assert events.status_code == 200, events.text
        for w in writers:
            assert w.wait() == 0, w.stderr.read() if w.stderr else ""
        final = httpx.get(f"{base}/api/stats", timeout=30).json()
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert seen and seen == sorted(seen)  # never a document seen and then gone
    assert final["documents"] == 16


# -- errors ------------------------------------------------------------------------------------------
def test_postgres_unreachable_server_says_what_to_do(postgres_server: str) -> None:
    url = f"postgresql://claimgraph:s3cret@127.0.0.1:{_free_port()}/nowhere"
    with pytest.raises(StoreError, match="Cannot connect to the PostgreSQL store") as info:
        KnowledgeBase(url, lock_timeout=1)
    assert "s3cret" not in str(info.value) and "***" in str(info.value)
    done = subprocess.run([sys.executable, "-m", "claimgraph", "events", "--db", url], capture_output=True,
                          text=True, timeout=120, env={**os.environ, "CLAIMGRAPH_LOCK_TIMEOUT": "1"})
    assert done.returncode != 0
    assert "Cannot connect to the PostgreSQL store" in done.stderr and "s3cret" not in done.stderr
    assert "Traceback" not in done.stderr


def test_postgres_url_from_environment(postgres_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CLAIMGRAPH_DB", postgres_url)
    kb = KnowledgeBase()
    assert kb.location.engine == "postgres" and kb.path is None
    assert kb.add(_reports()[0]) is True
    assert KnowledgeBase(postgres_url, read_only=True).stats()["documents"] == 1
