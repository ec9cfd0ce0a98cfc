"""What the watcher remembers, kept in the knowledge base so that a restart resumes.

Three tables (migration ``0004_watch``): ``watch_feeds`` (each feed's validators, ETag and
Last-Modified, and its run of failures with the time of its next poll), ``watch_seen``
(every item key seen: ``guid``, ``url`` and ``text`` keys, see :func:`item_keys`) and
``watch_alerts`` (one row per alerted event, with the JSON line and whether it reached the
alerts file). An item's keys and its alerts are written in one transaction, after the
document itself is stored; a process killed in between stores the document once (its id is
the hash of its text) and meets it again as already known.

Only portable SQL is used here (``?`` parameters, ``ON CONFLICT``), as in the rest of the store.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

#: How many times an item that fails (its page cannot be read) is tried before it is set aside.
MAX_ITEM_ATTEMPTS = 3
#: ``outcome`` of an item that failed and may be tried again.
RETRY = "retry"


def item_keys(feed: str, guid: str | None, link: str | None) -> list[str]:
    """The keys an item is known by before it is read: its GUID (within its feed), then its URL."""
    keys = []
    if guid:
        keys.append(f"guid:{feed}\n{guid}")
    if link:
        keys.append(f"url:{link}")
    return keys


def text_key(doc_id: str) -> str:
    """The key of an item's text: the document id (sha256 of the cleaned body)."""
    return f"text:{doc_id}"


@dataclass(slots=True)
class FeedState:
    """One feed's validators and backoff. ``next_poll``: Unix time of its next poll (0: now)."""

    feed: str
    etag: str | None = None
    last_modified: str | None = None
    failures: int = 0
    next_poll: float = 0.0
    last_status: str | None = None
    last_error: str | None = None


def _utcnow() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


@contextmanager
def _conn(kb: Any) -> Iterator[Any]:
    """The store's connection, held for the ``with`` block (the one writer of the process)."""
    with kb.writing() as writer:
        yield writer.conn


@contextmanager
def _write(kb: Any) -> Iterator[Any]:
    """The store's connection inside one write transaction of its writer (the store's write lock
    on PostgreSQL, so concurrent watchers and ingests never interleave)."""
    with kb.writing() as writer, writer.transaction():
        yield writer.conn


class WatchState:
    """The watcher's tables in one knowledge base (``kb``: a :class:`~claimgraph.kb.KnowledgeBase`)."""

    def __init__(self, kb: Any) -> None:
        self.kb = kb

    # -- feeds -------------------------------------------------------------------------------
    def feed(self, feed: str) -> FeedState:
        with _conn(self.kb) as c:
            row = c.execute(
                "SELECT etag, last_modified, failures, next_poll, last_status, last_error "
                "FROM watch_feeds WHERE feed = ?",
                [feed],
            ).fetchone()
        if row is None:
            return FeedState(feed)
        return FeedState(feed, row[0], row[1], int(row[2] or 0), float(row[3] or 0.0), row[4], row[5])

    def save_feed(self, st: FeedState) -> None:
        with _conn(self.kb) as c:
            c.execute(
                "INSERT INTO watch_feeds (feed, etag, last_modified, failures, next_poll, last_status, "
                "last_error, polled_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (feed) DO UPDATE SET "
                "etag = excluded.etag, last_modified = excluded.last_modified, failures = excluded.failures, "
                "next_poll = excluded.next_poll, last_status = excluded.last_status, "
                "last_error = excluded.last_error, polled_at = excluded.polled_at",
                [st.feed, st.etag, st.last_modified, st.failures, repr(st.next_poll), st.last_status,
                 st.last_error, _utcnow()],
            )

    # -- items ---------------------------------------------------------------------------------
    def seen(self, keys: list[str]) -> bool:
        """True when any of ``keys`` belongs to an item done with (stored, known or given up)."""
        if not keys:
            return False
        marks = ",".join("?" * len(keys))
        with _conn(self.kb) as c:
            row = c.execute(
                f"SELECT count(*) FROM watch_seen WHERE key IN ({marks}) "
                f"AND (outcome <> ? OR attempts >= ?)",
                [*keys, RETRY, MAX_ITEM_ATTEMPTS],
            ).fetchone()
        return bool(row and row[0])

    def document_known(self, doc_id: str) -> bool:
        """True when the store already holds the document (by any route: watch, ingest, web)."""
        with _conn(self.kb) as c:
            row = c.execute("SELECT 1 FROM documents WHERE id = ?", [doc_id]).fetchone()
            if row is not None:
                return True
            row = c.execute(
                "SELECT 1 FROM watch_seen WHERE key = ? AND outcome <> ?", [text_key(doc_id), RETRY]
            ).fetchone()
        return row is not None

    def finish_item(self, feed: str, keys: list[str], doc_id: str | None, outcome: str,
                    alerts: list[dict[str, Any]] | None = None) -> None:
        """Record ``keys`` as done with ``outcome`` and add ``alerts``, in one transaction."""
        now = _utcnow()
        with _write(self.kb) as c:
            for key in keys:
                c.execute(
                    "INSERT INTO watch_seen (key, feed, doc_id, outcome, attempts, seen_at) "
                    "VALUES (?, ?, ?, ?, 1, ?) ON CONFLICT (key) DO UPDATE SET doc_id = excluded.doc_id, "
                    "outcome = excluded.outcome, seen_at = excluded.seen_at",
                    [key, feed, doc_id, outcome, now],
                )
            for alert in alerts or []:
                self._insert_alert(c, alert, now)

    def note_failure(self, feed: str, keys: list[str], reason: str) -> int:
        """Count one more failed try of the item with ``keys``; return its tries so far."""
        if not keys:
            return MAX_ITEM_ATTEMPTS
        now = _utcnow()
        with _write(self.kb) as c:
            for key in keys:
                c.execute(
                    "INSERT INTO watch_seen (key, feed, doc_id, outcome, attempts, seen_at) "
                    "VALUES (?, ?, NULL, ?, 1, ?) ON CONFLICT (key) DO UPDATE SET "
                    "attempts = watch_seen.attempts + 1, seen_at = excluded.seen_at",
                    [key, feed, RETRY, now],
                )
            row = c.execute(
                f"SELECT max(attempts) FROM watch_seen WHERE key IN ({','.join('?' * len(keys))})", keys
            ).fetchone()
        return int(row[0]) if row and row[0] else 1

    def seen_count(self, feed: str | None = None) -> int:
        with _conn(self.kb) as c:
            sql = "SELECT count(*) FROM watch_seen WHERE outcome <> ?"
            params: list[Any] = [RETRY]
            if feed is not None:
                sql += " AND feed = ?"
                params.append(feed)
            row = c.execute(sql, params).fetchone()
        return int(row[0]) if row else 0

    # -- alerts ---------------------------------------------------------------------------------
    @staticmethod
    def _insert_alert(c: Any, alert: dict[str, Any], now: datetime) -> None:
        row = c.execute("SELECT coalesce(max(seq), 0) + 1 FROM watch_alerts").fetchone()
        seq = int(row[0]) if row else 1
        c.execute(
            "INSERT INTO watch_alerts (event_id, seq, created_at, feed, doc_id, rule, record, written) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, FALSE) ON CONFLICT (event_id) DO NOTHING",
            [alert["event"], seq, now, alert.get("feed"), alert["document"], alert["rule"],
             json.dumps(alert, ensure_ascii=False, sort_keys=True)],
        )

    def alerted(self, event_ids: list[str]) -> set[str]:
        """Which of ``event_ids`` have raised an alert already."""
        if not event_ids:
            return set()
        with _conn(self.kb) as c:
            rows = c.execute(
                f"SELECT event_id FROM watch_alerts WHERE event_id IN ({','.join('?' * len(event_ids))})",
                event_ids,
            ).fetchall()
        return {r[0] for r in rows}

    def unwritten_alerts(self) -> list[tuple[str, dict[str, Any]]]:
        """``(event id, alert)`` of the alerts not yet appended to the alerts file, oldest first."""
        with _conn(self.kb) as c:
            rows = c.execute(
                "SELECT event_id, record FROM watch_alerts WHERE NOT written ORDER BY seq"
            ).fetchall()
        return [(r[0], json.loads(r[1])) for r in rows]

    def mark_written(self, event_ids: list[str]) -> None:
        if not event_ids:
            return
        with _conn(self.kb) as c:
            c.execute(
                f"UPDATE watch_alerts SET written = TRUE WHERE event_id IN ({','.join('?' * len(event_ids))})",
                event_ids,
            )


def recent_alerts(kb: Any, limit: int = 50) -> list[dict[str, Any]]:
    """The newest ``limit`` alerts in the store, newest first (each the JSON line's object)."""
    with _conn(kb) as c:
        rows = c.execute(
            "SELECT record FROM watch_alerts ORDER BY seq DESC LIMIT ?", [max(1, int(limit))]
        ).fetchall()
    return [json.loads(r[0]) for r in rows]
