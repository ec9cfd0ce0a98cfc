"""Stories: every stored document belongs to one story, the happening or development it reports.

Assignment is incremental. When the writer stores a document (after its actors and events
are resolved, in the same transaction), :func:`assign` reads what the store now knows of it
(text and headline, named actors and places, KB events, publication day), asks the
in-memory :class:`~claimgraph.kb.story_index.StoryIndex` for the best existing story, and
either joins it (rule ``joined``) or opens a new one (rule ``new``). The join keeps its
evidence (the links to the story's documents: text cosine, shared actors, shared events,
days apart) in ``story_members`` and in the ``story_evidence`` log, and :func:`detach`
undoes it, as an actor merge is undone: the document moves to a story of its own, the log
row is marked undone and ``story_splits`` records the split.

Tables (migration ``0003_stories``): ``stories(id, title, created_seq, first_published,
first_doc)``, ``story_members(story_id, doc_id, seq, rule, score, matched_doc, evidence,
joined_at)``, ``story_evidence`` (the log), ``story_splits``, ``story_features(doc_id, day,
terms, actors, events)`` and ``story_keys(key, doc_id)`` (the candidate index).

The writer (kb/store.py) passes what it holds in memory instead (:class:`DocFacts`, and a
:class:`StoryWrites` that collects the rows): nothing is read back, each story's first report
is kept in ``StoryIndex.heads``, and :func:`flush` writes a batch's story rows in one insert
per table before the commit. A store written before stories existed is assigned on its next
write, in storage order.
See docs/stories.md for the rule, its constants and the measured order tolerance.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from ..errors import NotFoundError, StoreError
from .backends import insert_rows
from .normalise import parse_date
from .sources import publisher_origin
from .story_index import THRESHOLD, Choice, StoryFeatures, StoryIndex

#: Entity types whose resolved actors count as shared "actors and places".
STORY_ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC")


#: Column types of the story tables a batched writer appends to (kb/backends.insert_rows), and
#: the constant columns that follow them.
STORY_COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "stories": (("VARCHAR", "VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"), ""),
    "story_members": (("VARCHAR", "VARCHAR", "BIGINT", "VARCHAR", "DOUBLE PRECISION", "VARCHAR", "VARCHAR"),
                      ", current_timestamp"),
    "story_evidence": (("VARCHAR", "VARCHAR", "VARCHAR", "DOUBLE PRECISION", "VARCHAR", "VARCHAR"),
                       ", current_timestamp, FALSE"),
    "story_features": (("VARCHAR", "BIGINT", "VARCHAR", "VARCHAR", "VARCHAR"), ""),
    "story_keys": (("VARCHAR", "VARCHAR"), ""),
}


@dataclass(slots=True)
class DocFacts:
    """What assignment needs of a document the writer holds in memory (not yet in the store)."""

    doc_id: str
    seq: int
    published: str | None
    title: str  # its headline, else its first words (what a story it heads is called)
    features: StoryFeatures


@dataclass
class StoryWrites:
    """The story rows of one write transaction, kept in memory and sent by :func:`flush`
    before it commits (one statement per table); ``names`` gives actors' names (their ids)."""

    names: Callable[[set[str]], dict[str, str]]
    rows: dict[str, list[tuple[Any, ...]]] = field(default_factory=dict)
    new: list[tuple[str, int]] = field(default_factory=list)  # stories opened: (id, created_seq)
    touched: list[str] = field(default_factory=list)  # stored stories a document joined

    def add(self, table: str, row: tuple[Any, ...]) -> None:
        self.rows.setdefault(table, []).append(row)


def doc_facts(doc_id: str, seq: int, text: str, headline: str | None, published: str | None,
              actors: set[str], events: set[str], counts: dict[int, int] | None = None) -> DocFacts:
    """:class:`DocFacts` of a document from its record (what :func:`features_of` reads back from
    the store); ``counts`` are its hashed term counts when already computed (``term_counts``)."""
    day = parse_date(published)
    ordinal = day.toordinal() if day else None
    if counts is None:
        f = StoryFeatures.build(text or "", headline, actors, events, ordinal)
    else:
        f = StoryFeatures.from_counts(counts, actors, events, ordinal)
    return DocFacts(doc_id, seq, published, headline or first_words(text or ""), f)


def _dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _marks(n: int) -> str:
    return ",".join(["?"] * n)


# ---------------------------------------------------------------------------- lookups (others use these)

def story_of(conn: Any, doc_id: str) -> str | None:
    """The id of the story document ``doc_id`` belongs to (None: unknown or not yet assigned)."""
    row = conn.execute("SELECT story_id FROM story_members WHERE doc_id = ?", [doc_id]).fetchone()
    return str(row[0]) if row else None


def story_documents(conn: Any, story_id: str) -> list[str]:
    """Ids of the documents of story ``story_id``, earliest published first (then storage order)."""
    rows = conn.execute(
        "SELECT m.doc_id, d.published, d.seq FROM story_members m JOIN documents d ON d.id = m.doc_id "
        "WHERE m.story_id = ?",
        [story_id],
    ).fetchall()
    rows.sort(key=lambda r: published_order(r[1], r[2]))
    return [str(r[0]) for r in rows]


def published_order(published: str | None, seq: int) -> tuple[int, float, int]:
    """Sort key: earliest publication instant first (a date alone is its midnight, UTC where no
    offset is given), undated last, storage order on ties."""
    when = None
    if published:
        try:
            when = datetime.fromisoformat(str(published).replace("Z", "+00:00"))
        except ValueError:
            day = parse_date(str(published))
            when = datetime(day.year, day.month, day.day) if day else None
    if when is None:
        return (1, 0.0, int(seq))
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    return (0, when.timestamp(), int(seq))


# ---------------------------------------------------------------------------- features from the store

def features_of(conn: Any, doc_id: str) -> StoryFeatures:
    """What story assignment uses of a stored document, read from its stored rows."""
    row = conn.execute("SELECT text, headline, published FROM documents WHERE id = ?", [doc_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No document {doc_id!r} in the knowledge base; list them with the web UI or API.")
    text, headline, published = row
    actors = {
        str(r[0]) for r in conn.execute(
            f"SELECT DISTINCT actor_id FROM doc_entities WHERE doc_id = ? AND named "
            f"AND type IN ({_marks(len(STORY_ENTITY_TYPES))})",
            [doc_id, *STORY_ENTITY_TYPES],
        ).fetchall()
    }
    events = {str(r[0]) for r in conn.execute(
        "SELECT DISTINCT event_id FROM doc_events WHERE doc_id = ?", [doc_id]).fetchall()}
    day = parse_date(published)
    return StoryFeatures.build(text or "", headline, actors, events, day.toordinal() if day else None)


# ---------------------------------------------------------------------------- the index

def _story_num(sid: str) -> int:
    try:
        return int(sid[1:])
    except ValueError:
        return 0


def load_index(conn: Any) -> StoryIndex:
    """The in-memory index of every assigned document (read once per writer)."""
    index = StoryIndex()
    rows = conn.execute(
        "SELECT f.doc_id, m.story_id, m.seq, f.day, f.terms, f.actors, f.events FROM story_features f "
        "JOIN story_members m ON m.doc_id = f.doc_id ORDER BY m.seq"
    ).fetchall()
    keys: dict[str, list[str]] = {}
    for key, doc in conn.execute("SELECT key, doc_id FROM story_keys").fetchall():
        keys.setdefault(str(doc), []).append(str(key))
    for doc_id, sid, seq, day, terms, actors, events in rows:
        f = StoryFeatures.from_counts(StoryFeatures.parse_counts(terms), set(json.loads(actors)),
                                      set(json.loads(events)), int(day) if day is not None else None)
        index.add(str(doc_id), str(sid), int(seq), f, keys.get(str(doc_id), []))
    row = conn.execute("SELECT id FROM stories").fetchall()
    index.next_story = max((_story_num(str(r[0])) for r in row), default=0) + 1
    return index


def unassigned(conn: Any) -> list[tuple[str, int]]:
    """Stored documents without a story (a store written before stories), in storage order."""
    rows = conn.execute(
        "SELECT d.id, d.seq FROM documents d LEFT JOIN story_members m ON m.doc_id = d.id "
        "WHERE m.doc_id IS NULL ORDER BY d.seq"
    ).fetchall()
    return [(str(r[0]), int(r[1])) for r in rows]


# ---------------------------------------------------------------------------- assignment

def _actor_names(conn: Any, ids: set[str]) -> dict[str, str]:
    if not ids:
        return {}
    rows = conn.execute(f"SELECT id, name FROM actors WHERE id IN ({_marks(len(ids))})", sorted(ids)).fetchall()
    return {str(a): str(n) for a, n in rows}


def _evidence(names_of: Callable[[set[str]], dict[str, str]], choice: Choice) -> dict[str, Any]:
    names = names_of({a for link in choice.links for a in link.actors})
    signals: list[str] = []
    links = []
    for link in choice.links:
        links.append({
            "document": link.doc_id, "score": link.score, "cosine": link.cosine,
            "actors": [{"id": a, "name": names.get(a, a)} for a in link.actors],
            "events": list(link.events), "days_apart": link.days,
        })
        if link.cosine > 0:
            signals.append("text")
        if link.actors:
            signals.append("actors")
        if link.events:
            signals.append("events")
        if link.days is not None:
            signals.append("time")
    return {"signals": sorted(set(signals)), "links": links, "candidates": choice.candidates,
            "threshold": THRESHOLD}


def assign(conn: Any, index: StoryIndex, doc_id: str, seq: int, facts: DocFacts | None = None,
           writes: StoryWrites | None = None) -> str:
    """Put document ``doc_id`` into its story (inside the caller's transaction); its id.

    Without ``facts``/``writes`` the document is read from the store and the rows written at
    once; with them (the writer's batched path) nothing is read back: the rows go to
    ``writes`` and the story's first report is kept in ``index.heads``, for :func:`flush`."""
    if facts is not None and writes is not None:
        return _assign_in_memory(conn, index, facts, writes)
    f = features_of(conn, doc_id)
    choice = index.choose(f)
    if choice.story_id is None:
        sid = f"S{index.next_story}"
        index.next_story += 1
        conn.execute("INSERT INTO stories VALUES (?, NULL, ?, NULL, NULL)", [sid, seq])
        rule, score, matched, evidence = "new", 1.0, None, _no_links(choice)
    else:
        sid, rule, score = choice.story_id, "joined", choice.score
        matched = choice.links[0].doc_id
        evidence = _evidence(lambda ids: _actor_names(conn, ids), choice)
    ev = _dumps(evidence)
    conn.execute("INSERT INTO story_members VALUES (?, ?, ?, ?, ?, ?, ?, current_timestamp)",
                 [sid, doc_id, seq, rule, score, matched, ev])
    conn.execute("INSERT INTO story_evidence VALUES (?, ?, ?, ?, ?, ?, current_timestamp, FALSE)",
                 [sid, doc_id, rule, score, matched, ev])
    keys = index.keys(f, query=False)
    conn.execute("INSERT INTO story_features VALUES (?, ?, ?, ?, ?)",
                 [doc_id, f.day, f.counts_text(), _dumps(sorted(f.actors)), _dumps(sorted(f.events))])
    for i in range(0, len(keys), 200):
        chunk = keys[i : i + 200]
        conn.execute("INSERT INTO story_keys VALUES " + ",".join(["(?, ?)"] * len(chunk)),
                     [v for k in chunk for v in (k, doc_id)])
    index.add(doc_id, sid, seq, f, keys)
    _refresh_head(conn, sid)
    index.heads.pop(sid, None)  # read again from the store when next needed
    return sid


def _no_links(choice: Choice) -> dict[str, Any]:
    return {"signals": [], "links": [], "candidates": choice.candidates, "threshold": THRESHOLD}


def _assign_in_memory(conn: Any, index: StoryIndex, facts: DocFacts, writes: StoryWrites) -> str:
    f, doc_id, seq = facts.features, facts.doc_id, facts.seq
    choice = index.choose(f)
    if choice.story_id is None:
        sid = f"S{index.next_story}"
        index.next_story += 1
        writes.new.append((sid, seq))
        rule, score, matched, evidence = "new", 1.0, None, _no_links(choice)
    else:
        sid, rule, score = choice.story_id, "joined", choice.score
        matched = choice.links[0].doc_id
        evidence = _evidence(writes.names, choice)
        if sid not in writes.touched and all(sid != s for s, _ in writes.new):
            writes.touched.append(sid)
    ev = _dumps(evidence)
    writes.add("story_members", (sid, doc_id, seq, rule, score, matched, ev))
    writes.add("story_evidence", (sid, doc_id, rule, score, matched, ev))
    keys = index.keys(f, query=False)
    writes.add("story_features", (doc_id, f.day, f.counts_text(), _dumps(sorted(f.actors)), _dumps(sorted(f.events))))
    for k in keys:
        writes.add("story_keys", (k, doc_id))
    index.add(doc_id, sid, seq, f, keys)
    mine = (published_order(facts.published, seq), doc_id, facts.title, facts.published)
    head = index.heads.get(sid) if rule == "new" else index.heads.get(sid) or _stored_head(conn, sid)
    index.heads[sid] = mine if head is None or mine[0] < head[0] else head
    return sid


def _stored_head(conn: Any, sid: str) -> tuple[Any, ...] | None:
    """The first report of stored story ``sid`` as :func:`_refresh_head` picks it."""
    rows = conn.execute(
        "SELECT d.id, d.headline, d.published, d.seq FROM story_members m JOIN documents d ON d.id = m.doc_id "
        "WHERE m.story_id = ?",
        [sid],
    ).fetchall()
    if not rows:
        return None
    row = min(rows, key=lambda r: published_order(r[2], r[3]))
    return (published_order(row[2], row[3]), str(row[0]), row[1] or _first_words(conn, str(row[0])), row[2])


def flush(conn: Any, index: StoryIndex, writes: StoryWrites) -> None:
    """Send ``writes`` to the store (inside the caller's transaction): one insert per table,
    the stories opened with their first report, one update for the stored stories joined."""
    rows = dict(writes.rows)
    rows["stories"] = [(sid, index.heads[sid][2], seq, index.heads[sid][3], index.heads[sid][1])
                       for sid, seq in writes.new]
    for table in ("stories", "story_members", "story_evidence", "story_features", "story_keys"):
        types, tail = STORY_COLUMNS[table]
        insert_rows(conn, table, types, rows.get(table) or [], tail)
    if writes.touched:
        heads = [index.heads[sid] for sid in writes.touched]
        conn.execute(
            "UPDATE stories SET title = v.title, first_published = v.published, first_doc = v.doc "
            "FROM (SELECT unnest(?::VARCHAR[]) AS id, unnest(?::VARCHAR[]) AS title, "
            "unnest(?::VARCHAR[]) AS published, unnest(?::VARCHAR[]) AS doc) AS v WHERE stories.id = v.id",
            [list(writes.touched), [h[2] for h in heads], [h[3] for h in heads], [h[1] for h in heads]],
        )
    writes.rows.clear()
    writes.new.clear()
    writes.touched.clear()


def refresh_events(conn: Any, index: StoryIndex | None, doc_id: str) -> None:
    """Re-read the KB events of an assigned document after they were re-resolved (e.g. inside
    its story), so later documents find it through its final events. Its story stays."""
    events = sorted({str(r[0]) for r in conn.execute(
        "SELECT DISTINCT event_id FROM doc_events WHERE doc_id = ?", [doc_id]).fetchall()})
    conn.execute("UPDATE story_features SET events = ? WHERE doc_id = ?", [_dumps(events), doc_id])
    old = {str(r[0]) for r in conn.execute(
        "SELECT key FROM story_keys WHERE doc_id = ? AND key LIKE 'v:%'", [doc_id]).fetchall()}
    new = {f"v:{e}" for e in events}
    for key in sorted(old - new):
        conn.execute("DELETE FROM story_keys WHERE doc_id = ? AND key = ?", [doc_id, key])
    for key in sorted(new - old):
        conn.execute("INSERT INTO story_keys VALUES (?, ?)", [key, doc_id])
    if index is not None and doc_id in index.members:
        index.set_events(doc_id, frozenset(events))


def events_deleted(index: StoryIndex, writes: StoryWrites, doc_id: str, deleted: set[str]) -> None:
    """The writer's pass inside stories (resolve_events.within_story_joins) joined events that
    document ``doc_id`` had opened to other events and deleted them: its held
    ``story_features`` row, its held ``v:`` keys and its entry in ``index`` stop naming them,
    so no story feature keeps the id of a deleted event. The surviving events are not put in
    their place: the index keeps the events as first resolved (see docs/stories.md; feeding
    the pass's joins back into assignment merged the two North Korea stories of NewsWCL50).
    A deleted event had no other document, so it never linked this one to another, and
    dropping it changes no story."""
    if not deleted:
        return
    rows = writes.rows.get("story_features", [])
    for i, row in enumerate(rows):
        if row[0] == doc_id:
            rows[i] = (*row[:4], _dumps(sorted(set(json.loads(row[4])) - deleted)))
    gone = {f"v:{e}" for e in deleted}
    keys = writes.rows.get("story_keys", [])
    keys[:] = [k for k in keys if not (k[1] == doc_id and k[0] in gone)]
    member = index.members.get(doc_id)
    if member is not None:
        index.set_events(doc_id, member.features.events - deleted)


def _refresh_head(conn: Any, sid: str) -> None:
    """A story's title and first report: its earliest published document (storage order on ties)."""
    head = _stored_head(conn, sid)
    if head is None:
        return
    _, doc_id, title, published = head
    conn.execute("UPDATE stories SET title = ?, first_published = ?, first_doc = ? WHERE id = ?",
                 [title, published, doc_id, sid])


def _first_words(conn: Any, doc_id: str, n: int = 12) -> str:
    row = conn.execute("SELECT text FROM documents WHERE id = ?", [doc_id]).fetchone()
    return first_words(str(row[0] if row else ""), n)


def first_words(text: str, n: int = 12) -> str:
    """The title of a story whose first report has no headline: its first ``n`` words."""
    words = text.split()
    return " ".join(words[:n]) + (" ..." if len(words) > n else "")


# ---------------------------------------------------------------------------- undo

def detach(conn: Any, index: StoryIndex | None, story_id: str, doc_id: str, seq: int) -> str:
    """Undo ``doc_id``'s join of ``story_id``: it moves to a new story of its own (its id).

    Runs inside the caller's transaction; ``seq`` is the store's current sequence number
    (the new story's ``created_seq``)."""
    row = conn.execute("SELECT story_id FROM story_members WHERE doc_id = ?", [doc_id]).fetchone()
    if row is None or str(row[0]) != story_id:
        raise StoreError(
            f"Document {doc_id[:12]} is not in story {story_id}; see `claimgraph story {story_id}` for its documents."
        )
    n = conn.execute("SELECT count(*) FROM story_members WHERE story_id = ?", [story_id]).fetchone()
    if not n or int(n[0]) < 2:
        raise StoreError(f"Document {doc_id[:12]} is the only document of story {story_id}; there is no join to undo.")
    top = conn.execute("SELECT id FROM stories").fetchall()
    new_id = f"S{max((_story_num(str(r[0])) for r in top), default=0) + 1}"
    conn.execute("INSERT INTO stories VALUES (?, NULL, ?, NULL, NULL)", [new_id, seq])
    ev = _dumps({"signals": [], "links": [], "undone_from": story_id})
    conn.execute(
        "UPDATE story_members SET story_id = ?, rule = 'detached', score = 1.0, matched_doc = NULL, evidence = ? "
        "WHERE doc_id = ?",
        [new_id, ev, doc_id],
    )
    conn.execute("UPDATE story_evidence SET undone = TRUE WHERE doc_id = ? AND story_id = ?", [doc_id, story_id])
    conn.execute("INSERT INTO story_evidence VALUES (?, ?, 'detached', 1.0, NULL, ?, current_timestamp, FALSE)",
                 [new_id, doc_id, ev])
    conn.execute("INSERT INTO story_splits VALUES (?, ?, ?, current_timestamp)", [story_id, new_id, doc_id])
    for sid in (story_id, new_id):
        _refresh_head(conn, sid)
        if index is not None:
            index.heads.pop(sid, None)
    if index is not None and doc_id in index.members:
        index.move(doc_id, new_id)
        index.next_story = max(index.next_story, _story_num(new_id) + 1)
    return new_id


# ---------------------------------------------------------------------------- reading

def _credibility(conn: Any, kind: str, ident: str) -> dict[str, Any] | None:
    """The Admiralty grade of a story or event (kb/credibility.py), None where it cannot be read."""
    from . import credibility  # it reads the story tables through this module

    fn = credibility.story_credibility if kind == "story" else credibility.event_credibility
    try:
        c = fn(conn, ident)
    except (StoreError, LookupError, ValueError):
        return None
    return {"grade": int(c.grade), "label": str(c.label), "reasons": list(c.reasons)}


def _docs(conn: Any, story_ids: list[str]) -> dict[str, list[dict[str, Any]]]:
    out: dict[str, list[dict[str, Any]]] = {}
    if not story_ids:
        return out
    rows = conn.execute(
        "SELECT m.story_id, d.id, d.headline, d.publisher, d.published, d.source, d.url, d.syndicated_from, "
        "d.syndication_overlap, m.rule, m.score, m.matched_doc, m.evidence, d.seq "
        f"FROM story_members m JOIN documents d ON d.id = m.doc_id WHERE m.story_id IN ({_marks(len(story_ids))})",
        list(story_ids),
    ).fetchall()
    rows.sort(key=lambda r: published_order(r[4], r[13]))
    for (sid, did, head, pub, published, source, url, synd, overlap, rule, score, matched, ev, _seq) in rows:
        out.setdefault(str(sid), []).append({
            "id": did, "headline": head, "publisher": pub, "published": published, "source": source, "url": url,
            "syndicated_from": synd, "syndication_overlap": overlap, "rule": rule, "score": score,
            "matched_document": matched, "evidence": json.loads(ev),
        })
    return out


def _events(conn: Any, doc_ids: list[str]) -> list[str]:
    if not doc_ids:
        return []
    rows = conn.execute(
        f"SELECT event_id, min(time_start), count(*) FROM doc_events WHERE doc_id IN ({_marks(len(doc_ids))}) "
        "GROUP BY event_id",
        list(doc_ids),
    ).fetchall()
    rows.sort(key=lambda r: (-int(r[2]), str(r[1] or "9999"), _story_num(str(r[0]))))
    return [str(r[0]) for r in rows]


def _publisher_roots(docs: list[dict[str, Any]]) -> tuple[list[str], int]:
    """Publishers in first-report order, and how many report independently (copies folded)."""
    pubs: list[str] = []
    by_id = {d["id"]: d for d in docs}
    origins: set[str] = set()
    for d in docs:
        if d["publisher"] and d["publisher"] not in pubs:
            pubs.append(d["publisher"])
        root_id = d["syndicated_from"] or d["id"]
        root = by_id.get(root_id)
        origins.add(publisher_origin(root["publisher"] if root else None, root_id))
    return pubs, len(origins)


def _summary(conn: Any, sid: str, title: str | None, first_published: str | None,
             docs: list[dict[str, Any]], events: list[str],
             cred: dict[str, Any] | None = None) -> dict[str, Any]:
    pubs, independent = _publisher_roots(docs)
    if cred is None:
        cred = _credibility(conn, "story", sid)
    return {
        "id": sid, "title": title, "first_published": first_published,
        "documents": [d["id"] for d in docs], "events": events, "publishers": pubs,
        "independent_sources": independent,
        "credibility": cred["grade"] if cred else None,
        "credibility_label": cred["label"] if cred else None,
    }


def _story_rows(conn: Any, since: date | None, actor_id: str | None, limit: int | None,
                offset: int) -> list[tuple[Any, ...]]:
    where: list[str] = []
    params: list[Any] = []
    if since is not None:
        where.append("s.id IN (SELECT m.story_id FROM story_members m JOIN documents d ON d.id = m.doc_id "
                     "WHERE d.published_date >= ?)")
        params.append(since)
    if actor_id is not None:
        where.append("s.id IN (SELECT m.story_id FROM story_members m JOIN doc_entities e ON e.doc_id = m.doc_id "
                     "WHERE e.actor_id = ?)")
        params.append(actor_id)
    sql = ("SELECT s.id, s.title, s.first_published, (SELECT max(d.published_date) FROM story_members m "
           "JOIN documents d ON d.id = m.doc_id WHERE m.story_id = s.id) AS latest, s.created_seq FROM stories s")
    sql += (" WHERE " + " AND ".join(where)) if where else ""
    sql += " ORDER BY latest DESC NULLS LAST, s.created_seq DESC"
    if limit is not None:
        sql += f" LIMIT {int(limit)} OFFSET {int(offset)}"
    rows: list[tuple[Any, ...]] = conn.execute(sql, params).fetchall()
    return rows


def list_stories(conn: Any, since: date | str | None = None, actor_id: str | None = None,
                 limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
    """Stories, the most recently reported first; each a summary with counts."""
    if isinstance(since, str):
        since = parse_date(since)
    rows = _story_rows(conn, since, actor_id, limit, offset)
    docs = _docs(conn, [str(r[0]) for r in rows])
    out = []
    for sid, title, first, latest, _seq in rows:
        ds = docs.get(str(sid), [])
        s = _summary(conn, str(sid), title, first, ds, _events(conn, [d["id"] for d in ds]))
        s["latest_published"] = latest.isoformat() if isinstance(latest, date) else latest
        s["n_documents"] = len(ds)
        s["n_events"] = len(s["events"])
        out.append(s)
    return out


def story_detail(conn: Any, story_id: str) -> dict[str, Any]:
    """One story: its documents on a time line (first report, copies), events, sources, joins."""
    from .event_rows import load_events

    row = conn.execute("SELECT id, title, first_published, first_doc FROM stories WHERE id = ?",
                       [story_id]).fetchone()
    if row is None:
        raise NotFoundError(f"No story {story_id!r} in the knowledge base. List them with `claimgraph stories`.")
    sid, title, first, first_doc = row
    docs = _docs(conn, [str(sid)]).get(str(sid), [])
    ids = {d["id"] for d in docs}
    for d in docs:
        d["first_report"] = d["id"] == first_doc
        d["copy_of"] = d["syndicated_from"] if d["syndicated_from"] else None
        d["copy_in_story"] = bool(d["syndicated_from"]) and d["syndicated_from"] in ids
    event_ids = _events(conn, [d["id"] for d in docs])
    cred = _credibility(conn, "story", str(sid))
    out = _summary(conn, str(sid), title, first, docs, event_ids, cred)
    # each event row already carries its grade (credibility, credibility_label, _reasons)
    events = {e["id"]: e for e in load_events(conn, event_ids)} if event_ids else {}
    out["event_details"] = [events[eid] for eid in event_ids if eid in events]
    out["document_details"] = docs
    out["credibility_detail"] = cred
    out["splits"] = [
        {"story": a, "new_story": b, "document": d, "at": str(t)}
        for a, b, d, t in conn.execute(
            "SELECT story_id, new_story_id, doc_id, created_at FROM story_splits WHERE story_id = ? OR new_story_id = ? "
            "ORDER BY created_at", [sid, sid]).fetchall()
    ]
    return out


def iter_stories(conn: Any, ids: list[str] | None = None) -> Iterator[dict[str, Any]]:
    """Stories in the contract's JSONL shape (``"kind": "story"``), in id order."""
    rows = conn.execute("SELECT id, title, first_published FROM stories").fetchall()
    rows.sort(key=lambda r: _story_num(str(r[0])))
    want = set(ids) if ids is not None else None
    for i in range(0, len(rows), 200):
        chunk = [r for r in rows[i : i + 200] if want is None or str(r[0]) in want]
        docs = _docs(conn, [str(r[0]) for r in chunk])
        for sid, title, first in chunk:
            ds = docs.get(str(sid), [])
            if not ds:
                continue
            s = _summary(conn, str(sid), title, first, ds, _events(conn, [d["id"] for d in ds]))
            s.pop("credibility_label", None)
            yield {"kind": "story", **s}
