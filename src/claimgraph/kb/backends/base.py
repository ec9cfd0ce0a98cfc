"""What every engine shares: the error class a non-DuckDB driver's errors become."""

from __future__ import annotations

import duckdb


class BackendError(Exception):
    """A database error from an engine other than DuckDB (the driver's error is its cause)."""


#: What a failed statement raises, whatever the engine: catch this, not one driver's class.
DB_ERRORS: tuple[type[Exception], ...] = (duckdb.Error, BackendError)
