"""Read-side queries over the store (actors, events, network, documents).

Every function takes an open DuckDB connection and returns plain dicts in the shapes the
contract and docs/DEVELOPING.md promise.
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..errors import NotFoundError
from .backends import Connection, fragment
from .event_rows import claim_gid, event_ids_for, filter_events, load_events, newest_event_ids, sort_events


class AmbiguousNameError(NotFoundError):
    """A name matches several actors; ``candidates`` lists them (id, name, type, mentions)."""

    def __init__(self, name: str, candidates: list[dict[str, Any]]) -> None:
        self.name = name
        self.candidates = candidates
        listing = "; ".join(f"{c['id']} {c['name']} ({c['type']}, {c['mentions']} mentions)" for c in candidates)
        super().__init__(f"{name!r} matches {len(candidates)} actors: {listing}. Give one of these ids instead.")


def _escape_like(s: str) -> str:
    return s.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- actors -------------------------------------------------------------------------------
#: Rows of events, documents, related actors and merge evidence a dossier lists by default;
#: the totals are reported beside them (``events_total`` ...), the rest via /events?actor=.
DOSSIER_LIMIT = 200

_SUMMARY_SQL = """
SELECT a.id, a.type, a.name, a.named, s.n, s.docs
FROM actors a LEFT JOIN (
    SELECT actor_id, sum(n_mentions) AS n, count(DISTINCT doc_id) AS docs
    FROM doc_entities WHERE actor_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY actor_id
) s ON s.actor_id = a.id
WHERE a.id IN (SELECT unnest(?::VARCHAR[]))
"""

# Distinct (name, aliases, roles, geo) combinations, in first-seen order, in one scan: few
# rows even for an actor mentioned in thousands of documents, so only these few JSON lists
# are decoded.
_NAMES_SQL = """
SELECT actor_id, name, aliases, roles, geo, count(*) FROM doc_entities
WHERE actor_id IN (SELECT unnest(?::VARCHAR[]))
GROUP BY actor_id, name, aliases, roles, geo ORDER BY actor_id, min({row_order})
"""


def actor_summaries(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``{"id","name","type","named","aliases","roles","geo","mentions","documents","events"}`` per id.

    Aggregated in SQL: the big per-mention JSON is never decoded in Python.
    """
    if not ids:
        return {}
    ids = list(ids)
    out: dict[str, dict[str, Any]] = {}
    for aid, typ, name, named, n, docs in conn.execute(_SUMMARY_SQL, [ids, ids]).fetchall():
        out[aid] = {"id": aid, "type": typ, "name": name, "named": bool(named), "aliases": [], "roles": [],
                    "geo": None, "mentions": int(n or 0), "documents": int(docs or 0)}
    geos: dict[str, Counter[str]] = {}
    seen: dict[str, set[str]] = {}
    names_sql = _NAMES_SQL.format(row_order=fragment(conn, "row_order"))
    for aid, ename, aliases, roles, geo, n in conn.execute(names_sql, [ids]).fetchall():
        a = out.get(aid)
        if a is None:
            continue
        _absorb_names(a, seen.setdefault(aid, set()), ename, aliases, roles)
        if geo:
            geos.setdefault(aid, Counter())[geo] += int(n)
    for aid, c in geos.items():
        out[aid]["geo"] = json.loads(c.most_common(1)[0][0])
    counts = _event_counts(conn, list(out))
    for aid, a in out.items():
        a["events"] = counts.get(aid, 0)
    return out


def _absorb_names(a: dict[str, Any], seen: set[str], ename: str, aliases: str, roles: str) -> None:
    """Add new aliases and roles to summary ``a`` (``seen``: what it already holds, as keys)."""
    for alias in [ename, *json.loads(aliases)]:
        if alias != a["name"] and "a:" + alias not in seen:
            seen.add("a:" + alias)
            a["aliases"].append(alias)
    for r in json.loads(roles):
        if "r:" + r not in seen:
            seen.add("r:" + r)
            a["roles"].append(r)


def _event_counts(conn: Connection, ids: list[str]) -> dict[str, int]:
    """Distinct events each actor takes part in (a LIKE per actor beats unnesting every row)."""
    if not ids:
        return {}
    if len(ids) <= 8:
        out: dict[str, int] = {}
        for aid in ids:
            row = conn.execute(
                "SELECT count(DISTINCT event_id) FROM doc_events WHERE participants LIKE ? ESCAPE '\\'",
                [f'%"actor":"{_escape_like(aid)}"%'],
            ).fetchone()
            out[aid] = int(row[0]) if row else 0
        return out
    rows = conn.execute(
        "SELECT p.actor, count(DISTINCT de.event_id) FROM doc_events de, "
        + fragment(conn, "participant_actors", alias="de")
        + " WHERE p.actor IN (SELECT unnest(?::VARCHAR[])) GROUP BY p.actor",
        [ids],
    ).fetchall()
    return {r[0]: int(r[1]) for r in rows}


def actor_names(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """``{"id","name","type"}`` per id: the cheap lookup lists of related actors need."""
    if not ids:
        return {}
    rows = conn.execute(
        "SELECT id, name, type FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
    ).fetchall()
    return {i: {"id": i, "name": n, "type": t} for i, n, t in rows}


def match_actor_ids(conn: Connection, name: str, substring: bool = False) -> list[str]:
    """Ids of actors whose name or alias equals ``name`` (case-insensitive), most mentioned first.

    Named actors first; when none matches exactly, unnamed ones ("Iranian intelligence",
    "two men") whose description equals ``name`` (case-insensitive), as dossiers list them.
    """
    ids = _match_named(conn, name, substring)
    if ids or substring:
        return ids
    rows = conn.execute(
        "SELECT e.actor_id, sum(e.n_mentions) AS n FROM doc_entities e WHERE NOT e.named AND "
        "(lower(e.name) = ? OR e.actor_id IN (SELECT id FROM actors WHERE lower(name) = ?)) "
        "GROUP BY e.actor_id ORDER BY n DESC, e.actor_id",
        [name.strip().lower(), name.strip().lower()],
    ).fetchall()
    return [r[0] for r in rows]


def _match_named(conn: Connection, name: str, substring: bool) -> list[str]:
    q = name.strip().lower()
    if substring:
        pat = f"%{_escape_like(q)}%"
        where = "lower(e.name) LIKE ? ESCAPE '\\' OR lower(e.aliases) LIKE ? ESCAPE '\\'"
        params: list[Any] = [pat, pat]
    else:
        where = "lower(e.name) = ? OR lower(e.aliases) LIKE ? ESCAPE '\\'"
        params = [q, "%" + _escape_like(json.dumps(q, ensure_ascii=False)) + "%"]
    rows = conn.execute(
        f"SELECT e.actor_id, sum(e.n_mentions) AS n FROM doc_entities e WHERE e.named AND ({where}) "
        "GROUP BY e.actor_id ORDER BY n DESC, e.actor_id",
        params,
    ).fetchall()
    return [r[0] for r in rows]


def resolve_actor(conn: Connection, name_or_id: str) -> str:
    """The one actor id meant by ``name_or_id``; :class:`AmbiguousNameError` if several."""
    if conn.execute("SELECT 1 FROM actors WHERE id = ?", [name_or_id]).fetchone():
        return name_or_id
    ids = match_actor_ids(conn, name_or_id) or match_actor_ids(conn, name_or_id, substring=True)
    if not ids:
        raise NotFoundError(
            f"No actor named {name_or_id!r} in the knowledge base. Try `claimgraph events` or a shorter name."
        )
    if len(ids) > 1:
        summ = actor_summaries(conn, ids[:20])
        exact = [i for i in ids if summ[i]["name"].lower() == name_or_id.strip().lower()]
        if len(exact) == 1:
            return exact[0]
        cands = [{k: summ[i][k] for k in ("id", "name", "type", "mentions")} for i in ids[:20]]
        raise AmbiguousNameError(name_or_id, cands)
    return ids[0]


def find_actors(conn: Connection, query: str, limit: int = 20) -> list[dict[str, Any]]:
    exact = match_actor_ids(conn, query)
    more = [i for i in match_actor_ids(conn, query, substring=True) if i not in exact]
    ids = (exact + more)[:limit]
    summ = actor_summaries(conn, ids)
    keys = ("id", "name", "type", "aliases", "roles", "mentions", "events")
    return [{k: summ[i][k] for k in keys} for i in ids if i in summ]


def merge_evidence(conn: Connection, aid: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Why documents' entities were merged into ``aid``, oldest first (at most ``limit``)."""
    rows = conn.execute(
        "SELECT doc_id, entity_id, rule, names, matched_key, matched_name, score, undone, created_at "
        "FROM merge_evidence WHERE actor_id = ? ORDER BY created_at, "
        "(SELECT seq FROM documents d WHERE d.id = merge_evidence.doc_id), entity_id"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        [aid],
    ).fetchall()
    return [
        {"document": d, "entity": e, "rule": rule, "names": json.loads(names), "matched_key": key,
         "matched_name": mname, "score": score, "undone": bool(undone), "at": at.isoformat() if at else None}
        for d, e, rule, names, key, mname, score, undone, at in rows
    ]


def actor_mentions(conn: Connection, aid: str) -> list[dict[str, Any]]:
    out: list[dict[str, Any]] = []
    for doc_id, mentions in conn.execute(
        "SELECT doc_id, mentions FROM doc_entities WHERE actor_id = ? ORDER BY doc_id, entity_id", [aid]
    ).fetchall():
        out.extend({"document": doc_id, "span": s} for s in json.loads(mentions))
    return out


def actor_documents(conn: Connection, aid: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Documents mentioning ``aid``, newest first (at most ``limit``)."""
    rows = conn.execute(
        "SELECT id, headline, publisher, published, source FROM documents WHERE id IN "
        "(SELECT doc_id FROM doc_entities WHERE actor_id = ?) ORDER BY published_date DESC NULLS LAST, seq DESC"
        + ("" if limit is None else f" LIMIT {int(limit)}"),
        [aid],
    ).fetchall()
    return [dict(zip(("id", "headline", "publisher", "published", "source"), r, strict=True)) for r in rows]


# -- relations and network --------------------------------------------------------------------
def relations_of(conn: Connection, aid: str | None = None) -> list[dict[str, Any]]:
    """Stated relations (``member_of`` ...) aggregated over documents."""
    where, params = "", []
    if aid is not None:
        where, params = "AND (subject_actor = ? OR object_actor = ?)", [aid, aid]
    rows = conn.execute(
        "SELECT type, subject_actor, object_actor, array_agg(doc_id ORDER BY doc_id, idx), "
        "array_agg(claim_id ORDER BY doc_id, idx) FROM doc_relations "
        f"WHERE subject_actor IS NOT NULL AND object_actor IS NOT NULL {where} "
        "GROUP BY type, subject_actor, object_actor ORDER BY count(*) DESC, type, subject_actor, object_actor",
        params,
    ).fetchall()
    return [
        {"kind": "relation", "type": t, "subject": s, "object": o, "count": len(docs),
         "claims": [g for g in (claim_gid(d, c) for d, c in zip(docs, cids, strict=True)) if g]}
        for t, s, o, docs, cids in rows
    ]


def _event_edges(conn: Connection, aids: list[str]) -> list[tuple[str, str, str, str]]:
    """(source, target, type, event) for co-participants of events involving ``aids``."""
    if not aids:
        return []
    if len(aids) <= 8:  # a LIKE per actor: no JSON parsing of every stored event row
        likes = " OR ".join(["de2.participants LIKE ? ESCAPE '\\'"] * len(aids))
        sql = (f"SELECT de.event_id, de.type, de.participants FROM doc_events de WHERE de.event_id IN ("
               f"SELECT de2.event_id FROM doc_events de2 WHERE {likes})")
        params: list[Any] = [f'%"actor":"{_escape_like(a)}"%' for a in aids]
    else:
        sql = ("SELECT de.event_id, de.type, de.participants FROM doc_events de WHERE de.event_id IN ("
               "SELECT de2.event_id FROM doc_events de2, "
               + fragment(conn, "participant_actors", alias="de2")
               + " WHERE p.actor IN (SELECT unnest(?::VARCHAR[])))")
        params = [aids]
    rows = conn.execute(sql, params).fetchall()
    out: set[tuple[str, str, str, str]] = set()
    for eid, typ, parts in rows:
        ps = [(p["role"], p["actor"]) for p in json.loads(parts) if p.get("actor")]
        for ra, a in ps:
            for rb, b in ps:
                if a == b:
                    continue
                if ra == "actor" and rb != "actor":
                    out.add((a, b, f"{typ.lower()}:{rb}", eid))
                elif a < b and (ra == "actor") == (rb == "actor"):
                    out.add((a, b, f"co_{typ.lower()}", eid))
    return sorted(out)


def network(conn: Connection, aid: str, depth: int = 1) -> dict[str, Any]:
    edges: Counter[tuple[str, str, str]] = Counter()
    frontier, seen = {aid}, {aid}
    for _ in range(max(1, depth)):
        new: set[str] = set()
        for s, t, typ, _eid in _event_edges(conn, sorted(frontier)):
            edges[(s, t, typ)] += 1
            new.update({s, t})
        for r in relations_of_many(conn, sorted(frontier)):
            edges[(r["subject"], r["object"], r["type"])] += r["count"]
            new.update({r["subject"], r["object"]})
        frontier = new - seen
        seen |= new
        if not frontier:
            break
    summ = actor_summaries(conn, sorted(seen))
    keys = ("id", "name", "type", "mentions", "events")
    return {
        "center": summ.get(aid),
        "nodes": [{k: summ[i][k] for k in keys} for i in sorted(seen) if i in summ],
        "edges": [{"source": s, "target": t, "type": typ, "count": n}
                  for (s, t, typ), n in sorted(edges.items(), key=lambda x: (-x[1], x[0]))],
    }


def relations_of_many(conn: Connection, aids: list[str]) -> list[dict[str, Any]]:
    out = []
    for a in aids:
        out.extend(relations_of(conn, a))
    return out


def related_actors(conn: Connection, aid: str, limit: int | None = None) -> list[dict[str, Any]]:
    """Actors linked to ``aid`` by stated relations or shared events, with types and counts.

    Same figures as :func:`network` at depth 1, but only names and types are looked up for
    the others (no full summaries), and at most ``limit`` are returned, most linked first.
    """
    per: dict[str, Counter[str]] = {}
    for s, t, typ, _eid in _event_edges(conn, [aid]):
        other = t if s == aid else s if t == aid else None
        if other is not None:
            per.setdefault(other, Counter())[typ] += 1
    for r in relations_of(conn, aid):
        other = r["object"] if r["subject"] == aid else r["subject"]
        if other != aid:
            per.setdefault(other, Counter())[r["type"]] += r["count"]
    ranked = sorted(per.items(), key=lambda x: (-sum(x[1].values()), x[0]))
    if limit is not None:
        ranked = ranked[:limit]
    names = actor_names(conn, [o for o, _ in ranked])
    return [{"id": o, "name": names.get(o, {}).get("name"), "type": names.get(o, {}).get("type"),
             "relations": dict(c), "count": sum(c.values())} for o, c in ranked]


# -- events ---------------------------------------------------------------------------------
def events(
    conn: Connection, actor: str | None = None, type: str | None = None, status: str | None = None,
    since: str | None = None, until: str | None = None, min_sources: int | None = None,
    limit: int | None = None, offset: int = 0, newest_first: bool = True,
) -> list[dict[str, Any]]:
    aid = resolve_actor(conn, actor) if actor else None
    ids = event_ids_for(conn, aid, type)
    evs = filter_events(load_events(conn, ids), status, since, until, min_sources)
    evs = sort_events(evs, newest_first)
    end = None if limit is None else offset + limit
    return evs[offset:end]


def _count(conn: Connection, sql: str, params: list[Any]) -> int:
    row = conn.execute(sql, params).fetchone()
    return int(row[0]) if row else 0


def actor_dossier(conn: Connection, name_or_id: str, limit: int | None = DOSSIER_LIMIT) -> dict[str, Any]:
    """The actor's dossier; lists hold at most ``limit`` rows (``None``: all), totals beside them."""
    aid = resolve_actor(conn, name_or_id)
    a = actor_summaries(conn, [aid])[aid]
    ids = event_ids_for(conn, aid) or []
    newest = newest_event_ids(conn, ids, limit)
    evs = sort_events(load_events(conn, newest), newest_first=True)
    by_status: dict[str, list[str]] = {}
    places: Counter[str] = Counter()
    for e in evs:
        by_status.setdefault(e["status"], []).append(e["id"])
        if e["location"] and e["location"].get("name"):
            places[e["location"]["name"]] += 1
    related = related_actors(conn, aid)
    return {
        "actor": {k: a[k] for k in ("id", "type", "name", "aliases", "roles", "geo", "named", "mentions")},
        "events": evs,
        "events_total": len(ids),
        "events_by_status": by_status,
        "relations": relations_of(conn, aid),
        "related_actors": related if limit is None else related[:limit],
        "related_actors_total": len(related),
        "places": [{"name": n, "count": c} for n, c in places.most_common()],
        "documents": actor_documents(conn, aid, limit),
        "documents_total": a["documents"],
        "merge_evidence": merge_evidence(conn, aid, limit),
        "merge_evidence_total": _count(conn, "SELECT count(*) FROM merge_evidence WHERE actor_id = ?", [aid]),
        "limit": limit,
    }
