"""Opening the DuckDB file, with a clear error when another process holds it.

DuckDB allows one writing process per file (readers in other processes are shut out
while it writes). claimgraph therefore holds the write connection only while it writes
a batch of documents, and every open retries for ``timeout`` seconds before giving up
with a message that says what to do. Inside one process, connections to the same file
share one database, so readers see committed data only (MVCC).
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from ..errors import StoreError

#: Seconds an open waits for another process's lock (``$CLAIMGRAPH_LOCK_TIMEOUT``).
DEFAULT_LOCK_TIMEOUT = 30.0


def _is_lock_error(exc: Exception) -> bool:
    msg = str(exc).lower()
    return "lock" in msg or "resource temporarily unavailable" in msg


_ACCESS_WORDS = ("permission denied", "no such file", "read-only file system", "not a directory")


def _open_failure(path: Path, exc: Exception) -> str:
    """The message for a failed open: a place problem (folder missing/unwritable) or a bad file."""
    msg = str(exc)
    low = msg.lower()
    if any(w in low for w in _ACCESS_WORDS):
        if not path.exists():
            return (f"Cannot create the knowledge base {path}: the directory {path.parent} does not exist "
                    f"or is not writable ({msg}). Give a --db path in a writable directory.")
        return (f"Cannot open the knowledge base {path}: the file or its directory {path.parent} is not "
                f"readable/writable ({msg}). Fix its permissions or give another --db path.")
    return f"Cannot open the knowledge base {path}: {msg}. Is it a claimgraph DuckDB file?"


def connect(path: Path, *, read_only: bool, timeout: float) -> duckdb.DuckDBPyConnection:
    """Open ``path``; retry while another process holds the lock, up to ``timeout`` s."""
    if read_only and not path.exists():
        raise StoreError(
            f"No knowledge base at {path}. Store articles first: claimgraph ingest INPUT... --db {path}"
        )
    if not read_only:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise StoreError(f"Cannot create the folder of {path}: {exc}. Give another --db path.") from exc
    deadline = time.monotonic() + timeout
    delay = 0.05
    while True:
        try:
            return duckdb.connect(str(path), read_only=read_only)
        except duckdb.ConnectionException as exc:
            # The file is already open in this process with the other mode: share it.
            if read_only and "configuration" in str(exc).lower():
                read_only = False
                continue
            raise StoreError(f"Cannot open the knowledge base {path}: {exc}") from exc
        except duckdb.IOException as exc:
            if not _is_lock_error(exc):
                raise StoreError(_open_failure(path, exc)) from exc
            if time.monotonic() >= deadline:
                raise StoreError(
                    f"The knowledge base {path} is busy: another process is writing to it "
                    f"(waited {timeout:.0f}s). Try again when that ingest finishes, or raise "
                    "$CLAIMGRAPH_LOCK_TIMEOUT."
                ) from exc
            time.sleep(delay)
            delay = min(0.5, delay * 1.5)
        except duckdb.Error as exc:
            raise StoreError(
                f"Cannot open the knowledge base {path}: {exc}. Is it a claimgraph DuckDB file?"
            ) from exc
