"""The single writer: every change to the store goes through :class:`Writer`.

Each document is stored in ONE transaction (``BEGIN`` ... ``COMMIT``; any failure rolls
back, so nothing partial is ever visible); :meth:`Writer.add_many` stores a batch in one.
The writer resolves a document against its in-memory indexes and keeps the rows it makes
in memory until the transaction ends: then each table gets ONE insert for the whole batch
(:func:`~.backends.insert_rows`), so a batch costs about twenty statements however many
documents, actors and events it holds (DuckDB pays per statement). Nothing is read back
from the store while a batch resolves: what later documents of the batch need of earlier
ones (their text for syndication, their event mentions for the pass inside stories, a
story's first report) is kept in memory beside the rows. The resolvers' in-memory indexes
(:class:`ResolverState`) are loaded from the store when a writer opens and kept between
batches as long as no other process has written in between (the ``generation``, the
newest document's sequence number plus the count of undone merges, tells); a failed
write marks them stale so they are reloaded.

On a store several processes write at once (PostgreSQL), every write transaction first
takes the store's write lock (:func:`~.backends.serialise_writes`), then looks for the
document again and reloads the indexes if the generation moved, so each document is
resolved against every document stored before it, whichever process stored it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from ..errors import StoreError
from ..models import Document, Entity, Event
from . import resolve_events as rev
from . import stories as story_store
from .backends import DB_ERRORS, Connection, dialect, insert_rows, serialise_writes, writes_held
from .normalise import parse_date
from .resolve_actors import (
    CONTEXT_CAP,
    NO_CONTEXT_TYPES,
    ActorCard,
    ActorIndex,
    Match,
    absorb,
    card_from_entity,
    index_keys,
    lookup_keys,
    match_entity,
    resolution_order,
    resolution_rank,
)
from .sources import SYNDICATION_OVERLAP, band_keys, claim_origin, overlap, publisher_origin, shingles
from .story_index import StoryIndex, term_counts

MAX_SYNDICATION_CANDIDATES = 20

_V, _B, _D = "VARCHAR", "BIGINT", "DOUBLE PRECISION"
#: Column types of the tables a document's rows go to (table order), and the constant columns
#: that follow them, for :func:`~.backends.insert_rows`; flushed in this order.
COLUMNS: dict[str, tuple[tuple[str, ...], str]] = {
    "documents": ((_V, _B, _V, _V, _V, _V, _V, _V, "DATE", _V, _V, _V, _V, _D), ", current_timestamp"),
    "actors": ((_V, _V, _V, "BOOLEAN", _B), ""),
    "doc_entities": ((_V, _V, _V, _V, _V, "BOOLEAN", _V, _V, _V, _B, _V, "INTEGER"), ""),
    "actor_keys": ((_V, _V, _V), ""),
    "merge_evidence": ((_V, _V, _V, _V, _V, _V, _V, _D), ", current_timestamp, FALSE"),
    "events": ((_V, _V, _V, _B), ""),
    "doc_events": ((_V,) * 11 + ("DATE", "DATE", _V, _V, _V, _V, _D, _V), ""),
    "claims": ((_V,) * 8, ""),
    "doc_relations": ((_V, "INTEGER", _V, _V, _V, _V, _V, _V), ""),
    "doc_lsh": ((_V, _V), ""),
}
#: Columns of a ``doc_events`` row the pass inside stories changes.
_EV_ID, _EV_RULE, _EV_SCORE = 2, 16, 17


def dumps(obj: Any) -> str:
    return json.dumps(obj, ensure_ascii=False, separators=(",", ":"), default=str)


def _generation(conn: Connection) -> tuple[int, int]:
    """Changes whenever a document is stored or a merge undone (by any process)."""
    row = conn.execute(
        "SELECT (SELECT coalesce(max(seq), 0) FROM documents), (SELECT count(*) FROM actor_splits)"
    ).fetchone()
    return (int(row[0]), int(row[1])) if row else (0, 0)


def _max_num(conn: Connection, table: str) -> int:
    row = conn.execute(f"SELECT max(CAST(substr(id, 2) AS BIGINT)) FROM {table}").fetchone()
    return int(row[0] or 0) if row else 0


def _features_json(f: dict[str, Any]) -> str:
    return dumps({k: (v.isoformat() if isinstance(v, date) else v) for k, v in f.items()})


def _features_load(s: str) -> dict[str, Any]:
    f = json.loads(s)
    for k in ("start", "end", "published"):
        if f.get(k):
            f[k] = date.fromisoformat(f[k])
    return f


#: ``Document.scratch`` key of the document's :class:`Prepared` (set where it was analyzed).
PREPARED = "kb_prepared"


@dataclass(slots=True)
class Prepared:
    """What storing a document computes from the document alone, with no store state: its
    record JSON, shingles and LSH bands, story term counts, the JSON columns of its entities,
    claims and events, their normalised name keys and trigger meanings. :func:`prepare` makes
    it; a Ray worker does so after analysis (``doc.scratch[PREPARED]``, pickled with the
    document), so the driver's writer only looks up its indexes and appends rows; otherwise
    the writer prepares the document itself. Read only once made (a retry reuses it)."""

    doc_id: str
    record: str
    shingles: set[int]
    bands: list[str]
    counts: dict[int, int]  # hashed term counts of text and headline (story_index.term_counts)
    #: entity id -> (aliases, roles, geo, mentions, names) JSON, lookup keys, index keys, rank
    entities: dict[str, tuple[tuple[str, str, str | None, str, str], list[tuple[str, str, str]], list[str], int]]
    #: claim id -> (cue, hedges, evidence) JSON and the chain links as dicts
    claims: dict[str, tuple[str | None, str, str, list[dict[str, Any]]]]
    #: event id -> (trigger, time, amount) JSON, lemma, meaning groups, start, end
    events: dict[str, tuple[str, str | None, str | None, str, list[str], date | None, date | None]]


def prepare(doc: Document) -> Prepared:
    """:class:`Prepared` of ``doc`` (pure: the same wherever it runs)."""
    info = doc.info
    sh = shingles(info.text)
    counts = term_counts(info.text or "")
    if info.headline:
        counts.update(term_counts(info.headline))  # as StoryFeatures.build counts them
    ents = {
        e.id: ((dumps(e.aliases), dumps(e.roles), dumps(e.geo.to_dict()) if e.geo else None,
                dumps([s.to_dict() for s in e.mentions]), dumps([e.name, *e.aliases])),
               lookup_keys(e) if e.named else [], index_keys(e) if e.named else [], resolution_rank(e))
        for e in doc.entities
    }
    claims = {
        c.id: (dumps(c.cue.to_dict()) if c.cue else None, dumps(c.hedges), dumps(c.evidence.to_dict()),
               [link.to_dict() for link in c.chain])
        for c in doc.claims
    }
    events = {
        ev.id: (dumps(ev.trigger.to_dict()), dumps(ev.time.to_dict()) if ev.time else None,
                dumps(ev.amount.to_dict()) if ev.amount else None, rev.trigger_lemma(ev.trigger.text),
                rev.trigger_groups(ev.trigger.text, info.text[ev.trigger.end : ev.trigger.end + 40]),
                parse_date(ev.time.start) if ev.time else None, parse_date(ev.time.end) if ev.time else None)
        for ev in doc.events
    }
    return Prepared(info.id, dumps(doc.to_dict()), sh, band_keys(sh), dict(counts), ents, claims, events)


def prepared(doc: Document) -> Prepared:
    """The document's :class:`Prepared`: the one made where it was analyzed, else made now."""
    prep = doc.scratch.get(PREPARED)
    if isinstance(prep, Prepared) and prep.doc_id == doc.info.id:
        return prep
    return prepare(doc)


@dataclass
class ResolverState:
    """The resolvers' indexes and id counters, mirrored from the store."""

    actors: ActorIndex = field(default_factory=ActorIndex)
    events: rev.EventIndex = field(default_factory=rev.EventIndex)
    lsh: dict[str, list[str]] = field(default_factory=dict)
    next_actor: int = 1
    next_event: int = 1
    next_seq: int = 1
    generation: tuple[int, int] = (-1, -1)
    stale: bool = True
    stories: StoryIndex | None = None  # loaded on the first story assignment (kb/stories.py)
    #: document id -> its event mentions (event_local_id, event id, features), in event order:
    #: the candidates of the pass inside stories (resolve_events.story_candidates)
    mentions: dict[str, list[tuple[str, str, dict[str, Any]]]] = field(default_factory=dict)

    @classmethod
    def load(cls, conn: Connection) -> ResolverState:
        st = cls()
        st.generation = _generation(conn)
        st.next_actor = _max_num(conn, "actors") + 1
        st.next_event = _max_num(conn, "events") + 1
        row = conn.execute("SELECT max(seq) FROM documents").fetchone()
        st.next_seq = int(row[0] or 0) + 1 if row else 1
        for aid, typ, name, named in conn.execute("SELECT id, type, name, named FROM actors").fetchall():
            st.actors.cards[aid] = ActorCard(aid, typ, name, bool(named))
        for key, aid in conn.execute("SELECT key, actor_id FROM actor_keys").fetchall():
            st.actors.add_key(key, aid)
            if aid in st.actors.cards:
                st.actors.cards[aid].names.add(key)
        st._load_entity_facts(conn)
        for doc_id, local, eid, typ, feats in conn.execute(
            "SELECT doc_id, event_local_id, event_id, type, features FROM doc_events ORDER BY doc_id"
        ).fetchall():
            f = _features_load(feats)
            st.events.add(eid, f)
            st.events.cards[eid].type = typ
            st.mentions.setdefault(doc_id, []).append((local, eid, f))
        for ms in st.mentions.values():
            ms.sort(key=lambda m: rev.mention_order(m[0]))
        for band, doc in conn.execute("SELECT band, doc_id FROM doc_lsh").fetchall():
            st.lsh.setdefault(band, []).append(doc)
        st.stale = False
        return st

    def _load_entity_facts(self, conn: Connection) -> None:
        rows = conn.execute(
            "SELECT doc_id, actor_id, named, roles, geonames_id, n_mentions, type "
            "FROM doc_entities ORDER BY doc_id"
        ).fetchall()
        by_doc: dict[str, list[str]] = {}
        for doc_id, aid, named, roles, gid, n, typ in rows:
            card = self.actors.cards.get(aid)
            if card is None:
                continue
            card.roles.update(json.loads(roles))
            if gid is not None:
                card.geonames.add(int(gid))
            card.mentions += max(1, int(n or 0))
            if named and typ not in NO_CONTEXT_TYPES:
                by_doc.setdefault(doc_id, []).append(aid)
        for aids in by_doc.values():
            ctx = set(aids)
            for aid in aids:
                card = self.actors.cards[aid]
                if len(card.context) < CONTEXT_CAP:
                    card.context.update(sorted(ctx - {aid})[: CONTEXT_CAP - len(card.context)])


class Writer:
    """The one place that writes. Use through :meth:`KnowledgeBase.writing`."""

    def __init__(self, conn: Connection, state: ResolverState | None) -> None:
        self.conn = conn
        self.shared = dialect(conn) == "postgres"  # other processes may write meanwhile
        self._rows: dict[str, list[Any]] = {}  # table -> rows not yet sent (this transaction's)
        self._new_events: dict[str, tuple[Any, ...]] = {}  # the events table's, by id (some get deleted)
        self._docs: dict[str, tuple[str, str | None, str | None]] = {}  # id -> text, publisher, syndicated_from
        self._doc_events: dict[str, list[list[Any]]] = {}  # id -> its doc_events rows (changed by the story pass)
        self._stories = story_store.StoryWrites(self._actor_names)
        if self.shared:  # brought up to date under the write lock, by the first write (_catch_up)
            self.state = state or ResolverState()
            return
        gen = _generation(conn)
        if state is None or state.stale or state.generation != gen:
            state = ResolverState.load(conn)
        self.state = state

    # -- rows held until the transaction ends -----------------------------------------------------
    def _pend(self, table: str, rows: list[Any]) -> None:
        if rows:
            self._rows.setdefault(table, []).extend(rows)

    def _flush(self) -> None:
        """Send the rows held to the store: one insert per table (inside the transaction)."""
        self._rows["events"] = list(self._new_events.values())
        for table, (types, tail) in COLUMNS.items():
            insert_rows(self.conn, table, types, self._rows.get(table) or [], tail)
        if self.state.stories is not None:
            story_store.flush(self.conn, self.state.stories, self._stories)
        self._discard()

    def _discard(self) -> None:
        self._rows.clear()
        self._new_events.clear()
        self._docs.clear()
        self._doc_events.clear()
        self._stories.rows.clear()
        self._stories.new.clear()
        self._stories.touched.clear()

    def _actor_names(self, ids: set[str]) -> dict[str, str]:
        cards = self.state.actors.cards
        return {a: cards[a].name for a in ids if a in cards}

    def known(self, doc_id: str) -> bool:
        return self.conn.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone() is not None

    def stored_ids(self, ids: list[str]) -> set[str]:
        """Which of ``ids`` the store holds (one query)."""
        rows = self.conn.execute(
            "SELECT id FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [list(ids)]
        ).fetchall()
        return {str(r[0]) for r in rows}

    # -- one document --------------------------------------------------------------
    def add(self, doc: Document) -> bool:
        """Store ``doc`` in one transaction; ``False`` if its id is already stored."""
        if self.known(doc.info.id):
            return False
        if self.state.stale and not self.shared:
            self.state = ResolverState.load(self.conn)
        self.conn.execute("BEGIN TRANSACTION")
        try:
            serialise_writes(self.conn)
            if self.shared:
                if self.known(doc.info.id):  # another process stored it while this one analyzed
                    self.conn.execute("COMMIT")
                    return False
                self._catch_up()
            seq = self._add(doc)
            self._flush()
            self.conn.execute("COMMIT")
            self.state.generation = (seq, self.state.generation[1])
        except BaseException as exc:
            self._discard()
            self.conn.execute("ROLLBACK")
            self.state.stale = True
            if isinstance(exc, DB_ERRORS):
                raise StoreError(
                    f"Storing document {doc.info.id[:12]} ({doc.info.source}) failed and was rolled back: "
                    f"{exc}. Nothing of it was stored; fix the cause and ingest it again."
                ) from exc
            raise
        return True

    def batch(self) -> AbstractContextManager[None]:
        """Hold the store's write lock for a batch of :meth:`add` calls: on PostgreSQL other
        writers then wait between batches, and the indexes are reloaded at most once a batch."""
        return writes_held(self.conn)

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """``BEGIN`` ... ``COMMIT`` under the store's write lock, the indexes up to date; any error
        rolls back (and marks the indexes stale). For writes other than :meth:`add`."""
        self.conn.execute("BEGIN TRANSACTION")
        try:
            serialise_writes(self.conn)
            if self.shared or self.state.stale:
                self._catch_up()
            yield
            self.conn.execute("COMMIT")
        except BaseException:
            self._discard()
            self.conn.execute("ROLLBACK")
            self.state.stale = True
            raise

    def add_many(self, docs: list[Document]) -> list[bool]:
        """Store ``docs`` in ONE transaction (one commit for a batch: the Ray driver's writes);
        per document ``False`` if its id is already stored (or comes twice). Their rows are held
        in memory and sent at the end, one insert per table. Any failure rolls all of them back
        and raises :class:`StoreError`; store them one by one with :meth:`add` to find the culprit."""
        out: list[bool] = []
        try:
            with self.transaction():
                seen = self.stored_ids([d.info.id for d in docs])
                for doc in docs:
                    if doc.info.id in seen:
                        out.append(False)
                        continue
                    seen.add(doc.info.id)
                    seq = self._add(doc)
                    self.state.generation = (seq, self.state.generation[1])
                    out.append(True)
                self._flush()
        except DB_ERRORS as exc:
            raise StoreError(
                f"Storing {len(docs)} documents in one transaction failed and was rolled back: {exc}. "
                "Nothing of them was stored; store them one at a time to find the one at fault."
            ) from exc
        return out

    def add_all(self, docs: list[Document]) -> list[bool | StoreError]:
        """Store ``docs`` in one transaction (:meth:`add_many`); if that fails, one at a time, so
        that only the document at fault is left out: per document ``True`` (stored), ``False``
        (already stored) or the :class:`StoreError` that refused it."""
        if not docs:
            return []
        try:
            return list(self.add_many(docs))
        except StoreError:
            pass  # rolled back whole: find the culprit, store the others
        out: list[bool | StoreError] = []
        for doc in docs:
            try:
                out.append(bool(self.add(doc)))
            except StoreError as exc:
                out.append(exc)
        return out

    def _catch_up(self) -> None:
        """Reload the indexes if another process wrote since this one last looked (under the lock)."""
        if self.state.stale or _generation(self.conn) != self.state.generation:
            self.state = ResolverState.load(self.conn)

    def _add(self, doc: Document) -> int:
        """Resolve ``doc`` and hold its rows (sent by :meth:`_flush`); its sequence number."""
        info = doc.info
        prep = prepared(doc)
        seq = self.state.next_seq
        self.state.next_seq += 1
        bands = prep.bands
        root, score = self._syndication(prep.shingles, bands)
        self._pend("documents", [(
            info.id, seq, info.source, info.url, info.publisher, info.headline, dumps(info.authors),
            info.published, parse_date(info.published), info.language, info.text,
            prep.record, root, score,
        )])
        self._docs[info.id] = (info.text, info.publisher, root)
        entity_actor = self._resolve_entities(doc, seq, prep)
        pub_key = self._publisher_key(doc, root)
        origins = self._store_claims(doc, entity_actor, pub_key, prep)
        mentions = self._resolve_events(doc, entity_actor, origins, pub_key, root, prep)
        self._store_relations(doc, entity_actor)
        self._pend("doc_lsh", [(b, info.id) for b in bands])
        for b in bands:
            self.state.lsh.setdefault(b, []).append(info.id)
        actors = {entity_actor[e.id] for e in doc.entities
                  if e.named and e.type in story_store.STORY_ENTITY_TYPES and e.id in entity_actor}
        facts = story_store.doc_facts(info.id, seq, info.text, info.headline, info.published, actors,
                                      {str(row[_EV_ID]) for row, _ in mentions}, prep.counts)
        story = self._assign_story(facts)
        self._join_within_story(info.id, story, mentions)
        return seq

    # -- stories ---------------------------------------------------------------------------
    def _assign_story(self, facts: story_store.DocFacts) -> str:
        """Put the document into its story (kb/stories.py); older documents first when missing."""
        if self.state.stories is None:
            self.state.stories = story_store.load_index(self.conn)
            for old_id, old_seq in story_store.unassigned(self.conn):
                if old_id != facts.doc_id and old_id not in self._docs:
                    story_store.assign(self.conn, self.state.stories, old_id, old_seq)
        return story_store.assign(self.conn, self.state.stories, facts.doc_id, facts.seq, facts, self._stories)

    def _join_within_story(self, doc_id: str, story: str, mentions: list[tuple[list[Any], dict[str, Any]]]) -> None:
        """The second event pass once the document is in its story (resolve_events), on the rows held."""
        index = self.state.stories
        assert index is not None
        members = [(index.members[d].seq, d) for d in index.story_docs.get(story, ())]
        own = [(str(row[1]), str(row[_EV_ID]), str(row[_EV_RULE]), f) for row, f in mentions]
        joins = rev.within_story_joins(
            self.state.events, own,
            lambda groups: rev.story_candidates(self.state.mentions, members, doc_id, groups))
        for eid, target, how in joins:
            for row, _f in mentions:
                if row[_EV_ID] == eid:
                    row[_EV_ID], row[_EV_RULE], row[_EV_SCORE] = target, how, 1.0
            if self._new_events.pop(eid, None) is None:
                self.conn.execute("DELETE FROM events WHERE id = ?", [eid])
        if joins:  # no story feature keeps the id of an event the pass deleted
            story_store.events_deleted(index, self._stories, doc_id, {eid for eid, _target, _how in joins})
        self.state.mentions[doc_id] = sorted(((str(row[1]), str(row[_EV_ID]), f) for row, f in mentions),
                                             key=lambda m: rev.mention_order(m[0]))

    # -- syndication -----------------------------------------------------------------
    def _syndication(self, sh: set[int], bands: list[str]) -> tuple[str | None, float | None]:
        cands: list[str] = []
        for b in bands:
            for d in self.state.lsh.get(b, ()):
                if d not in cands:
                    cands.append(d)
            if len(cands) >= MAX_SYNDICATION_CANDIDATES:
                break
        cands = cands[:MAX_SYNDICATION_CANDIDATES]
        if not cands:
            return (None, None)
        texts = {d: (held[0], held[2]) for d in cands if (held := self._docs.get(d)) is not None}
        stored = [d for d in cands if d not in texts]
        if stored:
            for d, text, synd in self.conn.execute(
                "SELECT id, text, syndicated_from FROM documents WHERE id IN (SELECT unnest(?::VARCHAR[]))", [stored]
            ).fetchall():
                texts[str(d)] = (text, synd)
        best: tuple[str | None, float | None] = (None, None)
        for d in cands:
            row = texts.get(d)
            if row is None:
                continue
            ov = overlap(sh, shingles(row[0]))
            if ov >= SYNDICATION_OVERLAP and (best[1] is None or ov > best[1]):
                best = (row[1] or d, round(ov, 4))
        return best

    def _publisher_key(self, doc: Document, root: str | None) -> str:
        if root is None:
            return publisher_origin(doc.info.publisher, doc.info.id)
        if root in self._docs:
            return publisher_origin(self._docs[root][1], root)
        row = self.conn.execute("SELECT publisher FROM documents WHERE id = ?", [root]).fetchone()
        return publisher_origin(row[0] if row else None, root)

    # -- actors ----------------------------------------------------------------------
    def _new_actor(self, e: Entity, seq: int, rows: list[tuple[Any, ...]], keys: list[str]) -> str:
        aid = f"A{self.state.next_actor}"
        self.state.next_actor += 1
        rows.append((aid, e.type, e.name, e.named, seq))
        self.state.actors.cards[aid] = card_from_entity(aid, e, keys)
        self.state.actors.cards[aid].mentions = 0
        return aid

    def _resolve_entities(self, doc: Document, seq: int, prep: Prepared) -> dict[str, str]:
        """Strong rules first; context rules once the document's other actors are known."""
        index = self.state.actors
        entity_actor: dict[str, str] = {}
        chosen: list[tuple[Entity, Match]] = []
        deferred: list[Entity] = []
        actor_rows: list[tuple[Any, ...]] = []
        pe = prep.entities
        for e in resolution_order(doc.entities, {k: v[3] for k, v in pe.items()}):
            m = match_entity(e, index, set(), allow_context=False, keys=pe[e.id][1])
            if m is None and e.named and e.type == "PERSON":
                deferred.append(e)
                continue
            chosen.append((e, m or Match(self._new_actor(e, seq, actor_rows, pe[e.id][2]), "new", 1.0)))
            entity_actor[e.id] = chosen[-1][1].actor_id
        context = {m.actor_id for e, m in chosen if e.named and e.type not in NO_CONTEXT_TYPES}
        for e in deferred:
            m = match_entity(e, index, context, keys=pe[e.id][1]) or Match(
                self._new_actor(e, seq, actor_rows, pe[e.id][2]), "new", 1.0)
            chosen.append((e, m))
            entity_actor[e.id] = m.actor_id
            context.add(m.actor_id)
        ent_rows: list[tuple[Any, ...]] = []
        key_rows: list[tuple[Any, ...]] = []
        ev_rows: list[tuple[Any, ...]] = []
        for e, m in chosen:
            aid = m.actor_id
            (aliases, roles, geo, spans, names), _lookup, keys, _rank = pe[e.id]
            for k in absorb(index.cards[aid], e, context if e.named else set(), keys):
                index.add_key(k, aid)
                key_rows.append((k, aid, doc.info.id))
            gid = e.geo.geonames_id if e.geo is not None else None
            ent_rows.append((doc.info.id, e.id, aid, e.type, e.name, e.named, aliases, roles, geo, gid, spans,
                             len(e.mentions)))
            ev_rows.append((aid, doc.info.id, e.id, m.rule, names, m.key, m.matched_name, m.score))
        self._pend("actors", actor_rows)
        self._pend("doc_entities", ent_rows)
        self._pend("actor_keys", key_rows)
        self._pend("merge_evidence", ev_rows)
        return entity_actor

    # -- claims ------------------------------------------------------------------------
    def _store_claims(self, doc: Document, entity_actor: dict[str, str], pub_key: str,
                      prep: Prepared) -> dict[str, str]:
        origins: dict[str, str] = {}
        rows: list[tuple[Any, ...]] = []
        for c in doc.claims:
            origin = claim_origin(c, doc, entity_actor, pub_key)
            origins[c.id] = origin
            cue, hedges, evidence, links = prep.claims[c.id]
            chain = []
            for link, d in zip(c.chain, links, strict=True):
                d = dict(d)
                d["actor"] = entity_actor.get(link.entity) if link.entity else None
                chain.append(d)
            rows.append((doc.info.id, c.id, c.kind, dumps(chain), cue, hedges, evidence, origin))
        self._pend("claims", rows)
        return origins

    # -- events --------------------------------------------------------------------------
    @staticmethod
    def _doc_context(doc: Document, entity_actor: dict[str, str], top: int = 3) -> list[str]:
        """The document's most mentioned named people/organisations (resolved actor ids)."""
        ranked = sorted(
            (e for e in doc.entities if e.named and e.type not in NO_CONTEXT_TYPES and e.id in entity_actor),
            key=lambda e: (-len(e.mentions), e.id),
        )
        out: list[str] = []
        for e in ranked:
            if entity_actor[e.id] not in out:
                out.append(entity_actor[e.id])
            if len(out) == top:
                break
        return sorted(out)

    def _features(self, doc: Document, ev: Event, entity_actor: dict[str, str], prep: Prepared) -> dict[str, Any]:
        actors: dict[str, str] = {}
        for p in ev.participants:
            ent = doc.entity(p.entity)
            if ent is not None and ent.named and p.entity in entity_actor:
                actors.setdefault(entity_actor[p.entity], p.role)
        loc = doc.entity(ev.location)
        _trigger, _time, _amount, lemma, groups, start, end = prep.events[ev.id]
        return {
            "type": ev.type,
            "mode": ev.mode,
            "lemma": lemma,
            "groups": list(groups),
            "actors": actors,
            "location": entity_actor.get(ev.location) if ev.location and loc is not None and loc.named else None,
            "geonames": loc.geo.geonames_id if loc is not None and loc.geo is not None else None,
            "start": start,
            "end": end,
            "published": parse_date(doc.info.published),
        }

    def _syndicated_events(self, root: str | None) -> dict[tuple[str, str], list[str]]:
        if root is None:
            return {}
        if root in self._doc_events:
            rows = [(r[3], r[6], r[_EV_ID]) for r in sorted(self._doc_events[root], key=lambda r: str(r[1]))]
        else:
            rows = self.conn.execute(
                "SELECT type, trigger, event_id FROM doc_events WHERE doc_id = ? ORDER BY event_local_id", [root]
            ).fetchall()
        out: dict[tuple[str, str], list[str]] = {}
        for typ, trig, eid in rows:
            out.setdefault((typ, json.loads(trig)["text"].lower()), []).append(eid)
        return out

    def _new_event(self, ev: Event, seq: int) -> str:
        eid = f"V{self.state.next_event}"
        self.state.next_event += 1
        self._new_events[eid] = (eid, ev.type, ev.mode, seq)
        return eid

    def _resolve_events(
        self, doc: Document, entity_actor: dict[str, str], origins: dict[str, str], pub_key: str,
        root: str | None, prep: Prepared,
    ) -> list[tuple[list[Any], dict[str, Any]]]:
        """Resolve the document's events; their ``doc_events`` rows (held) with their features."""
        copies = self._syndicated_events(root)
        seq = self.state.next_seq - 1
        out: list[tuple[list[Any], dict[str, Any]]] = []
        context = self._doc_context(doc, entity_actor)
        for ev in doc.events:
            f = self._features(doc, ev, entity_actor, prep)
            f["context"] = context
            same = copies.get((ev.type, ev.trigger.text.lower()))
            if same:
                eid, rule, score = same.pop(0), "syndicated", 1.0
            else:
                best = self.state.events.best_match(f)
                if best is not None:
                    eid, rule, score = best[0], "same_event", best[1]
                else:
                    eid, rule, score = self._new_event(ev, seq), "new", 1.0
            self.state.events.add(eid, f)
            parts = [
                {"role": p.role, "entity": p.entity, "actor": entity_actor.get(p.entity)} for p in ev.participants
            ]
            origin = origins.get(ev.claim or "", pub_key)
            trigger, time, amount = prep.events[ev.id][:3]
            out.append(([
                doc.info.id, ev.id, eid, ev.type, ev.mode, ev.status, trigger, dumps(parts),
                ev.location, entity_actor.get(ev.location) if ev.location else None,
                time, f["start"], f["end"] or f["start"], amount, ev.claim, origin, rule, score,
                _features_json(f),
            ], f))
        rows = [row for row, _ in out]
        self._doc_events[doc.info.id] = rows
        self._pend("doc_events", rows)
        return out

    def _store_relations(self, doc: Document, entity_actor: dict[str, str]) -> None:
        rows = [
            (doc.info.id, i, r.type, r.subject, r.object, entity_actor.get(r.subject), entity_actor.get(r.object),
             r.claim)
            for i, r in enumerate(doc.relations)
        ]
        self._pend("doc_relations", rows)

    # -- undoing a merge -------------------------------------------------------------------
    def unmerge(self, actor_id: str, doc_id: str) -> str:
        """Detach document ``doc_id``'s mentions from ``actor_id`` into a new actor."""
        c = self.conn
        ents = c.execute(
            "SELECT entity_id, type, name, named FROM doc_entities WHERE doc_id = ? AND actor_id = ?",
            [doc_id, actor_id],
        ).fetchall()
        if not ents:
            raise StoreError(
                f"Document {doc_id[:12]} has no mention of actor {actor_id}; see `claimgraph actor "
                f"{actor_id} --json` for its documents."
            )
        others = c.execute(
            "SELECT count(DISTINCT doc_id) FROM doc_entities WHERE actor_id = ? AND doc_id <> ?", [actor_id, doc_id]
        ).fetchone()
        if not others or not others[0]:
            raise StoreError(f"Actor {actor_id} is only mentioned in document {doc_id[:12]}; there is no merge to undo.")
        c.execute("BEGIN TRANSACTION")
        try:
            serialise_writes(c)
            if self.shared:
                self._catch_up()
            new_id = self._split(actor_id, doc_id, ents[0])
            c.execute("COMMIT")
        except BaseException as exc:
            c.execute("ROLLBACK")
            self.state.stale = True
            if isinstance(exc, DB_ERRORS):
                raise StoreError(f"Undoing the merge of {actor_id} in {doc_id[:12]} failed: {exc}") from exc
            raise
        self.state = ResolverState.load(c)
        return new_id

    def _split(self, actor_id: str, doc_id: str, first: tuple[Any, ...]) -> str:
        c = self.conn
        new_id = f"A{self.state.next_actor}"
        self.state.next_actor += 1
        c.execute("INSERT INTO actors VALUES (?, ?, ?, ?, ?)", [new_id, first[1], first[2], first[3], 0])
        args = [new_id, doc_id, actor_id]
        c.execute("UPDATE doc_entities SET actor_id = ? WHERE doc_id = ? AND actor_id = ?", args)
        c.execute("UPDATE actor_keys SET actor_id = ? WHERE doc_id = ? AND actor_id = ?", args)
        c.execute(
            "UPDATE merge_evidence SET undone = TRUE WHERE doc_id = ? AND actor_id = ?", [doc_id, actor_id]
        )
        c.execute(
            "INSERT INTO merge_evidence VALUES (?, ?, ?, 'unmerge', ?, NULL, ?, 1.0, current_timestamp, FALSE)",
            [new_id, doc_id, first[0], dumps([first[2]]), actor_id],
        )
        c.execute("INSERT INTO actor_splits VALUES (?, ?, ?, current_timestamp)", [actor_id, new_id, doc_id])
        c.execute("UPDATE doc_relations SET subject_actor = ? WHERE doc_id = ? AND subject_actor = ?", args)
        c.execute("UPDATE doc_relations SET object_actor = ? WHERE doc_id = ? AND object_actor = ?", args)
        c.execute("UPDATE doc_events SET location_actor = ? WHERE doc_id = ? AND location_actor = ?", args)
        old, new = f"actor:{actor_id}", f"actor:{new_id}"
        c.execute("UPDATE claims SET origin = ? WHERE doc_id = ? AND origin = ?", [new, doc_id, old])
        c.execute("UPDATE doc_events SET origin = ? WHERE doc_id = ? AND origin = ?", [new, doc_id, old])
        for local, parts, feats in c.execute(
            "SELECT event_local_id, participants, features FROM doc_events WHERE doc_id = ?", [doc_id]
        ).fetchall():
            p = json.loads(parts)
            for x in p:
                if x.get("actor") == actor_id:
                    x["actor"] = new_id
            f = json.loads(feats)
            f["actors"] = {(new_id if k == actor_id else k): v for k, v in (f.get("actors") or {}).items()}
            if f.get("location") == actor_id:
                f["location"] = new_id
            c.execute(
                "UPDATE doc_events SET participants = ?, features = ? WHERE doc_id = ? AND event_local_id = ?",
                [dumps(p), dumps(f), doc_id, local],
            )
        return new_id
