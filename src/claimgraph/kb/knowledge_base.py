"""The knowledge base: the one interface cli/, web/ and export/ use.

Connections are short-lived: a read opens the file, runs its query and closes it; a write
holds the file only while it stores one batch (``with kb.writing(): ...``), so a
`claimgraph actor` in another terminal gets in between the batches of a long ingest.
Inside one process every connection shares one database, and readers see committed
documents only.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import InputError, StoreError
from ..models import Document
from . import catalog, queries
from .backends import DB_ERRORS, Connection, connect, locate
from .catalog import ExportView
from .connection import DEFAULT_LOCK_TIMEOUT
from .migrations import migrate, pending
from .store import ResolverState, Writer


@dataclass(slots=True)
class IngestSummary:
    """What one ingest did: counts, the ids stored, and one error per failed input."""

    new: int = 0
    known: int = 0
    failed: int = 0
    errors: list[InputError] = field(default_factory=list)
    new_ids: list[str] = field(default_factory=list)

    def line(self) -> str:
        return f"{self.new} new, {self.known} already known, {self.failed} failed"


Progress = Callable[[str, str], None]


class KnowledgeBase:
    """A knowledge base in a DuckDB file or a PostgreSQL database (see docs/DEVELOPING.md)."""

    def __init__(self, path: str | os.PathLike[str] | None = None, read_only: bool = False,
                 lock_timeout: float | None = None) -> None:
        self.location = locate(path)  # a DuckDB file, or a postgresql:// database (kb/backends)
        self.path: Path | None = self.location.path
        self.read_only = read_only
        env = os.environ.get("CLAIMGRAPH_LOCK_TIMEOUT")
        self.lock_timeout = lock_timeout if lock_timeout is not None else float(env or DEFAULT_LOCK_TIMEOUT)
        self._conn: Connection | None = None
        self._writer: Writer | None = None
        self._state: ResolverState | None = None
        if not read_only:
            with self.writing():
                pass

    # -- connections ------------------------------------------------------------------------
    @contextmanager
    def writing(self) -> Iterator[Writer]:
        """Hold the write connection for a batch of :meth:`add` calls."""
        if self.read_only:
            raise StoreError(f"The knowledge base {self.location} was opened read-only; open it without read_only to write.")
        if self._writer is not None:
            yield self._writer
            return
        conn = connect(self.location, read_only=False, timeout=self.lock_timeout)
        try:
            migrate(conn)
            self._conn = conn
            self._writer = Writer(conn, self._state)
            yield self._writer
        finally:
            if self._writer is not None:
                self._state = self._writer.state
            self._writer = None
            self._conn = None
            conn.close()

    @contextmanager
    def _reading(self) -> Iterator[Connection]:
        if self._conn is not None:
            cur = self._conn.cursor()
            try:
                yield cur
            finally:
                cur.close()
            return
        conn = connect(self.location, read_only=True, timeout=self.lock_timeout)
        try:
            if pending(conn):
                conn.close()
                self._upgrade()
                conn = connect(self.location, read_only=True, timeout=self.lock_timeout)
            yield conn
        except DB_ERRORS as exc:
            raise StoreError(f"Reading the knowledge base {self.location} failed: {exc}") from exc
        finally:
            conn.close()

    def _upgrade(self) -> None:
        """Apply pending schema migrations to a store written by an older claimgraph."""
        try:
            conn = connect(self.location, read_only=False, timeout=self.lock_timeout)
        except StoreError as exc:
            raise StoreError(
                f"The knowledge base {self.location} needs schema migrations and could not be opened to apply "
                f"them ({exc}); run any `claimgraph ingest --db {self.location}` on it once to upgrade."
            ) from exc
        try:
            migrate(conn)
        finally:
            conn.close()

    def close(self) -> None:
        """Nothing stays open between calls; kept for symmetry with other stores."""
        self._state = None

    def __enter__(self) -> KnowledgeBase:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing ------------------------------------------------------------------------------
    def add(self, document: Document) -> bool:
        """Store one analyzed document in ONE transaction; ``False`` if already known."""
        with self.writing() as w:
            return w.add(document)

    def ingest(self, inputs: Iterable[str], settings: Settings | None = None,
               progress: Progress | None = None) -> IngestSummary:
        """Analyze ``inputs`` and store each document; the store is held one batch at a time."""
        from ..api import analyze_inputs
        from ..config import load_settings

        settings = settings or load_settings()
        summary = IngestSummary()
        batch: list[Any] = []
        for outcome in analyze_inputs(inputs, settings=settings):
            batch.append(outcome)
            if len(batch) >= max(1, settings.batch_size):
                self._store_batch(batch, summary, progress)
                batch = []
        if batch:
            self._store_batch(batch, summary, progress)
        return summary

    def _store_batch(self, batch: list[Any], summary: IngestSummary, progress: Progress | None) -> None:
        """Store a batch's analysed documents in one transaction (one insert per table); a
        document the store refuses is left out alone and named, the others are stored."""
        with self.writing() as w, w.batch():
            stored = iter(w.add_all([o.document for o in batch if o.error is None]))
            for o in batch:
                status = self._store_one(o, None if o.error is not None else next(stored), summary)
                if progress is not None:
                    progress(o.source, status)

    def _store_one(self, outcome: Any, stored: bool | StoreError | None, summary: IngestSummary) -> str:
        if outcome.error is not None:
            summary.failed += 1
            summary.errors.append(outcome.error)
            return "failed"
        if isinstance(stored, StoreError):
            summary.failed += 1
            summary.errors.append(InputError(outcome.source, str(stored)))
            return "failed"
        if stored:
            summary.new += 1
            summary.new_ids.append(outcome.document.info.id)
            return "new"
        summary.known += 1
        return "known"

    def unmerge(self, actor_id: str, document_id: str) -> str:
        """Undo a merge: ``document_id``'s mentions of ``actor_id`` become a new actor (its id)."""
        with self.writing() as w:
            return w.unmerge(actor_id, document_id)

    def detach_from_story(self, story_id: str, document_id: str) -> str:
        """Undo a story join: ``document_id`` leaves ``story_id`` for a new story of its own (its id)."""
        from . import stories

        with self.writing() as w, w.transaction():  # under the store's write lock (kb/backends)
            return stories.detach(w.conn, w.state.stories, story_id, document_id, w.state.next_seq - 1)

    # -- stories --------------------------------------------------------------------------------
    def stories(self, since: str | None = None, actor: str | None = None, limit: int | None = None,
                offset: int = 0) -> list[dict[str, Any]]:
        """Stories, the most recently reported first (``actor``: a name, alias or id)."""
        from . import stories

        with self._reading() as c:
            aid = queries.resolve_actor(c, actor) if actor else None
            return stories.list_stories(c, since, aid, limit, offset)

    def story(self, story_id: str) -> dict[str, Any]:
        """One story with its documents, events, sources and join evidence; NotFoundError if none."""
        from . import stories

        with self._reading() as c:
            return stories.story_detail(c, story_id)

    def iter_stories(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        from . import stories

        with self._reading() as c:
            yield from stories.iter_stories(c, None if ids is None else list(ids))

    # -- reading --------------------------------------------------------------------------------
    def actor(self, name_or_id: str, limit: int | None = queries.DOSSIER_LIMIT) -> dict[str, Any]:
        """The dossier; its lists hold the ``limit`` newest/most linked rows (``None``: all),
        with ``events_total``, ``documents_total`` ... beside them."""
        with self._reading() as c:
            return queries.actor_dossier(c, name_or_id, limit)

    def find_actors(self, query: str, limit: int = 20) -> list[dict[str, Any]]:
        with self._reading() as c:
            return queries.find_actors(c, query, limit)

    def resolve_actor(self, name_or_id: str) -> str:
        with self._reading() as c:
            return queries.resolve_actor(c, name_or_id)

    def events(self, actor: str | None = None, type: str | None = None, status: str | None = None,
               since: str | None = None, until: str | None = None, min_sources: int | None = None,
               limit: int | None = None, offset: int = 0) -> list[dict[str, Any]]:
        with self._reading() as c:
            return queries.events(c, actor, type, status, since, until, min_sources, limit, offset)

    def event(self, event_id: str) -> dict[str, Any]:
        from ..errors import NotFoundError
        from .event_rows import load_events

        with self._reading() as c:
            evs = load_events(c, [event_id])
        if not evs:
            raise NotFoundError(f"No event {event_id!r} in the knowledge base. List them with `claimgraph events`.")
        return evs[0]

    def timeline(self, actor: str | None = None) -> list[dict[str, Any]]:
        with self._reading() as c:
            return queries.events(c, actor=actor, newest_first=False)

    def network(self, name: str, depth: int = 1) -> dict[str, Any]:
        with self._reading() as c:
            return queries.network(c, queries.resolve_actor(c, name), depth)

    def document(self, doc_id: str) -> dict[str, Any]:
        with self._reading() as c:
            return catalog.document(c, doc_id)

    def documents(self, limit: int = 50, offset: int = 0, query: str | None = None) -> list[dict[str, Any]]:
        with self._reading() as c:
            return catalog.documents(c, limit, offset, query)

    def search(self, query: str, limit: int = 20) -> dict[str, Any]:
        with self._reading() as c:
            actors = queries.find_actors(c, query, limit)
            evs: list[dict[str, Any]] = []
            if len(actors) == 1 or (actors and actors[0]["name"].lower() == query.lower()):
                evs = queries.events(c, actor=actors[0]["id"], limit=limit)
            elif query.upper() == query and query.isalpha():
                evs = queries.events(c, type=query, limit=limit)
            return {"actors": actors, "events": evs, "documents": catalog.documents(c, limit, 0, query)}

    def top_events(self, limit: int = 10) -> list[dict[str, Any]]:
        with self._reading() as c:
            return catalog.top_events(c, limit)

    def top_actors(self, limit: int = 10) -> list[dict[str, Any]]:
        with self._reading() as c:
            return catalog.top_actors(c, limit)

    def stats(self) -> dict[str, int]:
        with self._reading() as c:
            return catalog.stats(c)

    # -- whole-store iteration (exporters) ----------------------------------------------------------
    def iter_actors(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        with self._reading() as c:
            yield from catalog.iter_actors(c, None if ids is None else list(ids))

    def iter_events(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        with self._reading() as c:
            yield from catalog.iter_events(c, None if ids is None else list(ids))

    def iter_claims(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        with self._reading() as c:
            yield from catalog.iter_claims(c, None if ids is None else list(ids))

    def iter_relations(self) -> Iterator[dict[str, Any]]:
        with self._reading() as c:
            yield from catalog.iter_relations(c)

    def iter_documents(self, ids: Iterable[str] | None = None) -> Iterator[dict[str, Any]]:
        with self._reading() as c:
            yield from catalog.iter_documents(c, None if ids is None else list(ids))

    def view(self, actor: str | None = None, type: str | None = None, status: str | None = None,
             since: str | None = None, until: str | None = None, min_sources: int | None = None) -> ExportView:
        """The ids behind an events query, for "export the current view"."""
        evs = self.events(actor, type, status, since, until, min_sources)
        v = catalog.view_of_events(evs)
        if actor:
            v.actors.add(self.resolve_actor(actor))
        return v
