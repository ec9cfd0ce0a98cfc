"""PostgreSQL through psycopg 3 (``pip install 'claimgraph[postgres]'``).

:class:`PgConnection` gives kb/ the same ``execute(sql, params).fetchall()`` surface as a
DuckDB connection: it rewrites DuckDB's ``?`` placeholders to psycopg's ``%s`` (doubling
literal ``%``), once per statement text, and turns psycopg's errors into
:class:`~.base.BackendError`. Write connections run in autocommit mode, so the
``BEGIN``/``COMMIT`` that kb/ issues delimit the transactions exactly as on DuckDB; read
connections run in one read-only REPEATABLE READ transaction, so everything one read
(a dossier, an export) sees comes from one consistent snapshot while writers go on.
"""

from __future__ import annotations

import functools
from typing import Any

from ...config import redact_database_url
from ...errors import StoreError
from .base import BackendError

#: Longest wait for a connection, whatever the lock timeout (seconds).
MAX_CONNECT_TIMEOUT = 30


@functools.lru_cache(maxsize=2048)
def to_pyformat(sql: str) -> str:
    """``sql`` with ``?`` placeholders (outside quotes) as ``%s`` and every ``%`` as ``%%``."""
    out: list[str] = []
    quote = ""
    for ch in sql:
        if ch == "%":
            out.append("%%")
            continue
        if quote:
            if ch == quote:
                quote = ""
        elif ch in "'\"":
            quote = ch
        elif ch == "?":
            out.append("%s")
            continue
        out.append(ch)
    return "".join(out)


class PgConnection:
    """A psycopg connection speaking kb/'s SQL (``?`` placeholders); see the module doc."""

    dialect = "postgres"

    def __init__(self, raw: Any, owner: bool = True) -> None:
        self._raw = raw
        self._owner = owner

    def execute(self, query: str, parameters: Any = None, /) -> Any:
        import psycopg

        try:
            return self._raw.execute(to_pyformat(query), tuple(parameters) if parameters is not None else ())
        except psycopg.Error as exc:
            raise BackendError(str(exc).strip() or type(exc).__name__) from exc

    def cursor(self) -> PgConnection:
        """A view on the same connection (and transaction) whose ``close`` leaves it open."""
        return PgConnection(self._raw, owner=False)

    def close(self) -> None:
        if self._owner:
            self._raw.close()


def connect(url: str, *, read_only: bool, timeout: float) -> PgConnection:
    """Connect to the database at ``url``; a :class:`StoreError` says what to do if that fails."""
    shown = redact_database_url(url)
    try:
        import psycopg
    except ImportError as exc:
        raise StoreError(
            f"--db {shown} is a PostgreSQL store and needs psycopg: pip install 'claimgraph[postgres]' "
            "(or give a DuckDB file path)."
        ) from exc
    wait = max(1, min(MAX_CONNECT_TIMEOUT, int(timeout)))
    try:
        raw = psycopg.connect(url, autocommit=not read_only, connect_timeout=wait, application_name="claimgraph")
    except psycopg.Error as exc:
        reason = " ".join(str(exc).split()) or type(exc).__name__
        raise StoreError(
            f"Cannot connect to the PostgreSQL store {shown}: {reason}. Check that the server is running, "
            "that the database exists (createdb NAME) and that the URL's user may log in to it."
        ) from exc
    if read_only:
        raw.isolation_level = psycopg.IsolationLevel.REPEATABLE_READ
        raw.read_only = True
    return PgConnection(raw)
