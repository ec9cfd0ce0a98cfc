"""The engines behind the knowledge base: DuckDB (the embedded default) and PostgreSQL.

``--db`` (or ``$CLAIMGRAPH_DB``) picks the engine: a ``postgresql://`` (or ``postgres://``)
URL is a PostgreSQL database shared by a team, anything else a DuckDB file. Both speak
the same SQL to the rest of kb/: statements are written once with ``?`` placeholders and
the PostgreSQL connection translates them (:mod:`.postgres`); the few constructs the two
engines spell differently are named fragments here (:func:`fragment`). Migrations and
document writes call :func:`serialise_writes` inside their transaction: a no-op on DuckDB
(one writing process per file), a transaction-scoped advisory lock on PostgreSQL, so that
concurrent writers resolve actors and events one document at a time.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Protocol

from ...config import redact_database_url, resolve_db
from ..connection import connect as connect_duckdb
from .base import DB_ERRORS, BackendError

#: Key of the PostgreSQL advisory lock that serialises writers (an arbitrary constant:
#: the bytes of "claimgph" as a signed 64-bit integer).
WRITE_LOCK_KEY = int.from_bytes(b"claimgph", "big", signed=True)


class Connection(Protocol):
    """What kb/ uses of a connection: DuckDB's, and :class:`.postgres.PgConnection`."""

    def execute(self, query: str, parameters: Any = ..., /) -> Any: ...

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


@dataclass(frozen=True, slots=True)
class StoreLocation:
    """Where the knowledge base lives: a DuckDB file (``path``) or a PostgreSQL URL (``url``)."""

    engine: str
    path: Path | None = None
    url: str | None = None

    def __str__(self) -> str:
        return redact_database_url(self.url) if self.url is not None else str(self.path)

    @property
    def shared(self) -> bool:
        """Whether other processes may write while this one does (PostgreSQL)."""
        return self.engine == "postgres"


def locate(db: str | os.PathLike[str] | None = None) -> StoreLocation:
    """``--db``, else ``$CLAIMGRAPH_DB``, else the user data directory's DuckDB file."""
    where = resolve_db(db)
    if isinstance(where, str):
        return StoreLocation("postgres", url=where)
    return StoreLocation("duckdb", path=where)


def connect(where: StoreLocation, *, read_only: bool, timeout: float) -> Connection:
    """Open a connection to ``where``; :class:`~claimgraph.errors.StoreError` says what to do."""
    if where.url is not None:
        from .postgres import connect as connect_postgres

        return connect_postgres(where.url, read_only=read_only, timeout=timeout)
    assert where.path is not None
    return connect_duckdb(where.path, read_only=read_only, timeout=timeout)


def dialect(conn: Any) -> str:
    """``"postgres"`` or ``"duckdb"``: the SQL dialect ``conn`` speaks."""
    return str(getattr(conn, "dialect", "duckdb"))


def serialise_writes(conn: Any) -> None:
    """Inside a write transaction: wait until no other writer holds the store (PostgreSQL)."""
    if dialect(conn) == "postgres":
        conn.execute(f"SELECT pg_advisory_xact_lock({WRITE_LOCK_KEY})")


@contextmanager
def writes_held(conn: Any) -> Iterator[None]:
    """Hold the write lock across several transactions (a batch): other writers wait for the
    batch, not between its documents. PostgreSQL: a session advisory lock, which the
    per-transaction lock of :func:`serialise_writes` re-enters; DuckDB: nothing to do."""
    if dialect(conn) != "postgres":
        yield
        return
    conn.execute(f"SELECT pg_advisory_lock({WRITE_LOCK_KEY})")
    try:
        yield
    finally:
        try:
            conn.execute(f"SELECT pg_advisory_unlock({WRITE_LOCK_KEY})")
        except DB_ERRORS:
            pass  # the connection is gone, and the lock with it


_FRAGMENTS: dict[str, dict[str, str]] = {
    # A column giving rows their insertion order (DuckDB's row id; PostgreSQL's tuple id,
    # which also follows insertion until a row is updated).
    "row_order": {"duckdb": "rowid", "postgres": "ctid"},
    # A FROM item yielding p(actor), the actor of each participant of doc_events {alias}.
    "participant_actors": {
        "duckdb": "unnest(CAST(json_extract_string({alias}.participants, '$[*].actor') AS VARCHAR[])) AS p(actor)",
        "postgres": "LATERAL (SELECT x ->> 'actor' AS actor "
                    "FROM jsonb_array_elements(CAST({alias}.participants AS JSONB)) AS x) AS p",
    },
}


def insert_rows(conn: Any, table: str, types: tuple[str, ...], rows: list[tuple[Any, ...]] | list[list[Any]],
                tail: str = "") -> None:
    """Append ``rows`` (in order) to ``table`` in ONE statement: each column goes as one typed array
    parameter, unnested in parallel (``INSERT INTO t SELECT unnest(?::T[]), ...``). Both engines
    read it; DuckDB binds a multi-row ``VALUES`` list a value at a time, 10-20x slower. ``types``
    are the SQL types of the columns given, in table order; ``tail`` adds constant trailing
    columns (``", current_timestamp"``)."""
    if not rows:
        return
    columns = ", ".join(f"unnest(?::{t}[])" for t in types)
    conn.execute(f"INSERT INTO {table} SELECT {columns}{tail}", [list(c) for c in zip(*rows, strict=True)])


def fragment(conn: Any, name: str, **values: str) -> str:
    """The SQL text of fragment ``name`` in ``conn``'s dialect, with ``values`` filled in."""
    text = _FRAGMENTS[name][dialect(conn)]
    return text.format(**values) if values else text


__all__ = [
    "DB_ERRORS", "BackendError", "Connection", "StoreLocation", "WRITE_LOCK_KEY", "connect", "dialect",
    "fragment", "insert_rows", "locate", "serialise_writes", "writes_held",
]
