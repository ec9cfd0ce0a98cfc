"""Building stored events (all their mentions, sources and statuses) from the tables.

An event's status, time, place and participants are aggregated over its mentions at
read time, so adding a document never rewrites an older row. Each mention is also one
:class:`~claimgraph.kb.corroboration.Report`: the event's ``status`` and ``contested`` are
its status across reports (docs/credibility.md), shown report by report under
``status_across_reports``, with its ``corroboration`` (origins, first report, copies,
relays, contradictions) and its Admiralty ``credibility`` (kb/credibility.py).
"""

from __future__ import annotations

import json
from collections import Counter
from typing import Any

from ..models import STATUSES
from .backends import Connection
from .corroboration import Report, corroboration, status_across_reports
from .credibility import Credibility, credibility_of_reports, report_from_row

#: Statuses that cannot all be true of one event: two of them make it contested.
CONFLICTING = frozenset({"occurred", "foiled", "attempted", "negated"})


def claim_gid(doc_id: str, claim_id: str | None) -> str | None:
    """The store-wide id of a document's claim."""
    return f"{doc_id[:16]}:{claim_id}" if claim_id else None


def is_contested(statuses: set[str]) -> bool:
    s = statuses - {"unknown", "hypothetical"}
    return len(s & CONFLICTING) > 1 or ("negated" in s and "planned" in s)


def main_status(counts: Counter[str]) -> str:
    known = {k: v for k, v in counts.items() if k != "unknown"} or dict(counts)
    if not known:
        return "unknown"
    return max(known, key=lambda s: (known[s], -STATUSES.index(s) if s in STATUSES else -99))


_EVENT_SQL = """
SELECT de.event_id, ev.type, ev.mode, de.doc_id, de.event_local_id, de.status, de.trigger,
       de.participants, de.location_actor, de.time, de.time_start, de.time_end, de.amount,
       de.claim_id, de.origin, de.rule, de.score, c.chain, c.kind,
       d.publisher, d.published, d.published_date, d.headline, d.syndicated_from, c.hedges, d.seq
FROM doc_events de
JOIN events ev ON ev.id = de.event_id
JOIN documents d ON d.id = de.doc_id
LEFT JOIN claims c ON c.doc_id = de.doc_id AND c.claim_id = de.claim_id
{where}
ORDER BY de.event_id, d.seq, de.event_local_id
"""


def load_events(conn: Connection, ids: list[str] | None = None) -> list[dict[str, Any]]:
    """Aggregated event dicts for ``ids`` (all events when ``None``), in id order."""
    if ids is not None and not ids:
        return []
    where, params = "", []
    if ids is not None:
        where = "WHERE de.event_id IN (SELECT unnest(?::VARCHAR[]))"
        params = [list(ids)]
    rows = conn.execute(_EVENT_SQL.format(where=where), params).fetchall()
    groups: dict[str, list[tuple[Any, ...]]] = {}
    for r in rows:
        groups.setdefault(r[0], []).append(r)
    names = _actor_names(conn, rows)
    return [_aggregate(eid, g, names) for eid, g in groups.items()]


def _actor_names(conn: Connection, rows: list[tuple[Any, ...]]) -> dict[str, dict[str, Any]]:
    ids: set[str] = set()
    for r in rows:
        ids.update(p["actor"] for p in json.loads(r[7]) if p.get("actor"))
        if r[8]:
            ids.add(r[8])
    if not ids:
        return {}
    out: dict[str, dict[str, Any]] = {}
    for aid, typ, name in conn.execute(
        "SELECT id, type, name FROM actors WHERE id IN (SELECT unnest(?::VARCHAR[]))", [sorted(ids)]
    ).fetchall():
        out[aid] = {"id": aid, "type": typ, "name": name}
    return out


def _publisher_chain(publisher: str | None) -> list[dict[str, Any]]:
    return [{"name": publisher or "(publisher unknown)", "kind": "publisher", "entity": None}]


def _event_time(starts: list[Any], ends: list[Any], texts: list[str | None]) -> tuple[Any, Any, str | None]:
    """The stored event's time from its reports' times: the most precise one when every other
    report's time holds it ("2023" and "Tuesday, March 28, 2023": the Tuesday), else the span
    of them all (with the first report's wording)."""
    if not starts:
        return None, None, None
    k = min(range(len(starts)), key=lambda i: (ends[i] - starts[i], i))
    if all(s <= starts[k] and ends[k] <= e for s, e in zip(starts, ends, strict=True)):
        return starts[k], ends[k], texts[k]
    return min(starts), max(ends), next((t for t in texts if t), None)


def _aggregate(eid: str, rows: list[tuple[Any, ...]], names: dict[str, dict[str, Any]]) -> dict[str, Any]:
    first = rows[0]
    statuses: Counter[str] = Counter()
    participants: dict[tuple[str, str], dict[str, Any]] = {}
    locations: Counter[str] = Counter()
    mentions, sources, claims, origins, docs = [], [], [], [], []
    starts, ends, dates = [], [], []
    texts: list[str | None] = []
    amount = None
    reports: list[Report] = []
    for (_, _, _, doc_id, local, status, trig, parts, loc, tm, t0, t1, amt, cid, origin, rule, score,
         chain, ckind, publisher, published, pdate, _headline, synd, hedges, seq) in rows:
        statuses[status] += 1
        reports.append(report_from_row(doc_id, status, origin, chain, ckind, hedges, publisher, published, pdate,
                                       seq, synd))
        for p in json.loads(parts):
            if p.get("actor"):
                key = (p["role"], p["actor"])
                participants.setdefault(key, {"role": p["role"], "actor": p["actor"],
                                              "name": names.get(p["actor"], {}).get("name")})
        if loc:
            locations[loc] += 1
        if t0:
            starts.append(t0)
            ends.append(t1 or t0)
            texts.append(json.loads(tm).get("text") if tm else None)
        if pdate:
            dates.append(pdate)
        if amount is None and amt:
            amount = json.loads(amt)
        gid = claim_gid(doc_id, cid)
        mentions.append({"document": doc_id, "event": local, "trigger": json.loads(trig), "status": status,
                         "claim": gid, "published": published, "syndicated_from": synd,
                         "resolution": {"rule": rule, "score": score}})
        sources.append(json.loads(chain) if chain else _publisher_chain(publisher))
        if gid:
            claims.append(gid)
        origins.append(origin)
        if doc_id not in docs:
            docs.append(doc_id)
    t_start, t_end, time_text = _event_time(starts, ends, texts)
    when = t_start or (min(dates) if dates else None)
    loc_id = locations.most_common(1)[0][0] if locations else None
    distinct_origins = sorted(set(origins))
    verdict = status_across_reports(reports)
    return {
        "kind": "event",
        "id": eid,
        "type": first[1],
        "mode": first[2],
        "status": verdict.status,
        "statuses": dict(statuses),
        "contested": verdict.contested,
        "status_across_reports": {"rule": verdict.rule, "superseded": list(verdict.superseded),
                                  "reports": [r.to_dict() for r in reports]},
        "participants": sorted(participants.values(), key=lambda p: (p["role"], p["actor"])),
        "location": names.get(loc_id, {"id": loc_id, "name": None}) if loc_id else None,
        "time": {"text": time_text, "start": t_start.isoformat(), "end": t_end.isoformat()}
        if t_start and t_end else None,
        "date": when.isoformat() if when else None,
        "date_source": ("time" if starts else "published") if when else None,
        "amount": amount,
        "mentions": mentions,
        "sources": sources,
        "origins": distinct_origins,
        "independent_sources": len(distinct_origins),
        "claims": claims,
        "documents": docs,
        "corroboration": corroboration(reports).to_dict(),
        **_credibility_fields(credibility_of_reports(reports, verdict)),
    }


def _credibility_fields(c: Credibility) -> dict[str, Any]:
    """``credibility`` (the Admiralty grade, 1-6, as stories carry it), its label and reasons."""
    return {"credibility": c.grade, "credibility_label": c.label, "credibility_reasons": list(c.reasons)}


def event_ids_for(
    conn: Connection, actor: str | None = None, type: str | None = None
) -> list[str] | None:
    """Event ids with ``actor`` as participant or place and/or of ``type``; ``None`` = no filter."""
    if actor is None and type is None:
        return None
    clauses, params = [], []
    if actor is not None:
        clauses.append("(de.participants LIKE ? OR de.location_actor = ?)")
        params += [f'%"actor":"{actor}"%', actor]
    if type is not None:
        clauses.append("upper(de.type) = upper(?)")
        params.append(type)
    sql = "SELECT DISTINCT de.event_id FROM doc_events de WHERE " + " AND ".join(clauses)
    return [r[0] for r in conn.execute(sql, params).fetchall()]


def newest_event_ids(conn: Connection, ids: list[str], limit: int | None) -> list[str]:
    """The ``limit`` newest of ``ids`` in :func:`sort_events` order (all of them when ``None``)."""
    if limit is None or len(ids) <= limit:
        return ids
    rows = conn.execute(
        "SELECT de.event_id, coalesce(min(de.time_start), min(d.published_date)) AS day "
        "FROM doc_events de JOIN documents d ON d.id = de.doc_id "
        "WHERE de.event_id IN (SELECT unnest(?::VARCHAR[])) GROUP BY de.event_id "
        "ORDER BY day DESC NULLS LAST, de.event_id DESC LIMIT ?",
        [list(ids), int(limit)],
    ).fetchall()
    return [r[0] for r in rows]


def filter_events(
    events: list[dict[str, Any]], status: str | None, since: str | None, until: str | None,
    min_sources: int | None,
) -> list[dict[str, Any]]:
    out = []
    for e in events:
        if status and e["status"] != status.lower() and status.lower() not in e["statuses"]:
            continue
        if not _in_window(e, since, until):
            continue
        if min_sources and e["independent_sources"] < min_sources:
            continue
        out.append(e)
    return out


def _in_window(e: dict[str, Any], since: str | None, until: str | None) -> bool:
    """Whether the event's time overlaps [since, until].

    An event without a time only carries its report's publication date (``date_source:
    "published"``): it happened on or before that day, so it passes ``until`` when published
    by then, and never passes ``since`` (its time is unknown, not that day).
    """
    d = e["date"]
    timed = e.get("time") is not None
    if since:
        end = (e["time"] or {}).get("end") or d
        if not timed or end is None or end < since[:10]:
            return False
    if until and (d is None or d > until[:10]):
        return False
    return True


def sort_events(events: list[dict[str, Any]], newest_first: bool) -> list[dict[str, Any]]:
    dated = sorted((e for e in events if e["date"]), key=lambda e: (e["date"], e["id"]), reverse=newest_first)
    undated = [e for e in events if not e["date"]]
    return dated + undated
