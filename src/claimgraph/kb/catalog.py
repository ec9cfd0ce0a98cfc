"""Documents, statistics and whole-store iteration (the exporters' view of the store)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from ..errors import NotFoundError
from .backends import Connection
from .event_rows import claim_gid, load_events
from .queries import actor_summaries, relations_of

_DOC_COLS = ("id", "headline", "publisher", "published", "source")


@dataclass(slots=True)
class ExportView:
    """The ids of the actors, events, claims and documents in one query's result."""

    actors: set[str] = field(default_factory=set)
    events: set[str] = field(default_factory=set)
    claims: set[str] = field(default_factory=set)
    documents: set[str] = field(default_factory=set)


def document(conn: Connection, doc_id: str) -> dict[str, Any]:
    row = conn.execute("SELECT record, syndicated_from, syndication_overlap FROM documents WHERE id = ?",
                       [doc_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No document {doc_id!r} in the knowledge base. List them with kb.documents().")
    rec = json.loads(row[0])
    ents = dict(conn.execute("SELECT entity_id, actor_id FROM doc_entities WHERE doc_id = ?", [doc_id]).fetchall())
    evs = dict(conn.execute("SELECT event_local_id, event_id FROM doc_events WHERE doc_id = ?", [doc_id]).fetchall())
    rec["kb"] = {"actors": ents, "events": evs, "syndicated_from": row[1], "syndication_overlap": row[2]}
    return rec


def documents(conn: Connection, limit: int = 50, offset: int = 0,
              query: str | None = None) -> list[dict[str, Any]]:
    where, params = "", []
    if query:
        where = "WHERE headline ILIKE ? OR text ILIKE ? OR publisher ILIKE ?"
        pat = f"%{query}%"
        params = [pat, pat, pat]
    rows = conn.execute(
        f"SELECT id, headline, publisher, published, source FROM documents {where} "
        "ORDER BY published_date DESC NULLS LAST, seq DESC LIMIT ? OFFSET ?",
        [*params, limit, offset],
    ).fetchall()
    return [dict(zip(_DOC_COLS, r, strict=True)) for r in rows]


def stats(conn: Connection) -> dict[str, int]:
    out = {}
    for name, sql in (
        ("documents", "SELECT count(*) FROM documents"),
        ("actors", "SELECT count(DISTINCT actor_id) FROM doc_entities"),
        ("named_actors", "SELECT count(DISTINCT actor_id) FROM doc_entities WHERE named"),
        ("events", "SELECT count(*) FROM events"),
        ("event_mentions", "SELECT count(*) FROM doc_events"),
        ("claims", "SELECT count(*) FROM claims"),
        ("relations", "SELECT count(*) FROM doc_relations"),
        ("syndicated_documents", "SELECT count(*) FROM documents WHERE syndicated_from IS NOT NULL"),
        ("merged_entities", "SELECT count(*) FROM merge_evidence WHERE rule NOT IN ('new', 'unmerge') AND NOT undone"),
    ):
        row = conn.execute(sql).fetchone()
        out[name] = int(row[0]) if row else 0
    return out


def top_actors(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    ids = [r[0] for r in conn.execute(
        "SELECT actor_id FROM doc_entities WHERE named GROUP BY actor_id "
        "ORDER BY count(DISTINCT doc_id) DESC, sum(n_mentions) DESC, actor_id LIMIT ?", [limit]
    ).fetchall()]
    summ = actor_summaries(conn, ids)
    return [summ[i] for i in ids if i in summ]


def top_events(conn: Connection, limit: int = 10) -> list[dict[str, Any]]:
    ids = [r[0] for r in conn.execute(
        "SELECT event_id FROM doc_events GROUP BY event_id "
        "ORDER BY count(DISTINCT origin) DESC, count(*) DESC, event_id LIMIT ?", [limit]
    ).fetchall()]
    evs = {e["id"]: e for e in load_events(conn, ids)}
    return [evs[i] for i in ids if i in evs]


def _chunks(ids: list[str], size: int = 500) -> Iterator[list[str]]:
    for i in range(0, len(ids), size):
        yield ids[i : i + size]


def iter_actors(conn: Connection, ids: list[str] | set[str] | None = None) -> Iterator[dict[str, Any]]:
    all_ids = sorted(ids) if ids is not None else [
        r[0] for r in conn.execute("SELECT DISTINCT actor_id FROM doc_entities ORDER BY actor_id").fetchall()]
    for chunk in _chunks(all_ids):
        summ = actor_summaries(conn, chunk)
        mentions = _chunk_mentions(conn, chunk)
        evidence = _chunk_evidence(conn, chunk)
        for aid in chunk:
            if aid not in summ:
                continue
            a = summ[aid]
            yield {"kind": "actor", **{k: a[k] for k in ("id", "type", "name", "named", "aliases", "roles", "geo")},
                   "mentions": mentions.get(aid, []), "merge_evidence": evidence.get(aid, [])}


def _chunk_mentions(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`actor_mentions` of many actors in one query."""
    out: dict[str, list[dict[str, Any]]] = {}
    for aid, doc_id, mentions in conn.execute(
        "SELECT actor_id, doc_id, mentions FROM doc_entities WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY actor_id, doc_id, entity_id", [ids]
    ).fetchall():
        out.setdefault(aid, []).extend({"document": doc_id, "span": s} for s in json.loads(mentions))
    return out


def _chunk_evidence(conn: Connection, ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    """:func:`merge_evidence` of many actors in one query."""
    out: dict[str, list[dict[str, Any]]] = {}
    for aid, d, e, rule, names, key, mname, score, undone, at in conn.execute(
        "SELECT actor_id, doc_id, entity_id, rule, names, matched_key, matched_name, score, undone, created_at "
        "FROM merge_evidence WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) "
        "ORDER BY actor_id, created_at, (SELECT seq FROM documents d WHERE d.id = merge_evidence.doc_id), "
        "entity_id", [ids]
    ).fetchall():
        out.setdefault(aid, []).append(
            {"document": d, "entity": e, "rule": rule, "names": json.loads(names), "matched_key": key,
             "matched_name": mname, "score": score, "undone": bool(undone), "at": at.isoformat() if at else None})
    return out


def iter_events(conn: Connection, ids: list[str] | set[str] | None = None) -> Iterator[dict[str, Any]]:
    all_ids = sorted(ids) if ids is not None else [
        r[0] for r in conn.execute("SELECT id FROM events ORDER BY id").fetchall()]
    for chunk in _chunks(all_ids):
        for e in load_events(conn, chunk):
            e["participants"] = [{"role": p["role"], "actor": p["actor"]} for p in e["participants"]]
            loc = e["location"]
            e["location"] = loc["id"] if loc else None
            yield e


def iter_claims(conn: Connection, ids: list[str] | set[str] | None = None) -> Iterator[dict[str, Any]]:
    wanted = set(ids) if ids is not None else None
    rows = conn.execute(
        "SELECT doc_id, claim_id, kind, chain, cue, hedges, evidence, origin FROM claims ORDER BY doc_id, claim_id"
    ).fetchall()
    for doc_id, cid, kind, chain, cue, hedges, evidence, origin in rows:
        gid = claim_gid(doc_id, cid)
        if wanted is not None and gid not in wanted:
            continue
        yield {"kind": "claim", "id": gid, "document": doc_id, "local_id": cid, "claim_kind": kind,
               "chain": json.loads(chain), "cue": json.loads(cue) if cue else None, "hedges": json.loads(hedges),
               "evidence": json.loads(evidence), "origin": origin}


def iter_relations(conn: Connection) -> Iterator[dict[str, Any]]:
    yield from relations_of(conn)


def iter_documents(conn: Connection, ids: list[str] | set[str] | None = None) -> Iterator[dict[str, Any]]:
    rows = conn.execute(
        "SELECT id, source, url, publisher, headline, authors, published, text, syndicated_from "
        "FROM documents ORDER BY seq"
    ).fetchall()
    wanted = set(ids) if ids is not None else None
    for did, source, url, publisher, headline, authors, published, text, synd in rows:
        if wanted is not None and did not in wanted:
            continue
        yield {"kind": "document", "id": did, "source": source, "url": url, "publisher": publisher,
               "headline": headline, "authors": json.loads(authors or "[]"), "published": published,
               "text": text, "syndicated_from": synd}


def view_of_events(evs: list[dict[str, Any]]) -> ExportView:
    v = ExportView()
    for e in evs:
        v.events.add(e["id"])
        v.claims.update(e["claims"])
        v.documents.update(e["documents"])
        v.actors.update(p["actor"] for p in e["participants"])
        if e.get("location"):
            loc = e["location"]
            v.actors.add(loc["id"] if isinstance(loc, dict) else loc)
    return v
