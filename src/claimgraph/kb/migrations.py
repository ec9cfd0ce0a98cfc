"""Schema changes as named migrations, applied once each, in order.

The table ``schema_migrations(name, applied_at)`` records what has been applied. A
migration is ``(name, step)`` where ``step`` is SQL text (statements separated by ``;``)
or a callable taking the connection. Add new migrations at the end; never edit one that
has shipped.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import duckdb

from ..errors import StoreError

Step = str | Callable[[Any], None]

_INITIAL = """
CREATE TABLE documents (
    id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    source VARCHAR,
    url VARCHAR,
    publisher VARCHAR,
    headline VARCHAR,
    authors VARCHAR,
    published VARCHAR,
    published_date DATE,
    language VARCHAR,
    text VARCHAR NOT NULL,
    record VARCHAR NOT NULL,
    syndicated_from VARCHAR,
    syndication_overlap DOUBLE,
    ingested_at TIMESTAMP NOT NULL
);
CREATE TABLE actors (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    named BOOLEAN NOT NULL,
    created_seq BIGINT NOT NULL
);
CREATE TABLE doc_entities (
    doc_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    named BOOLEAN NOT NULL,
    aliases VARCHAR NOT NULL,
    roles VARCHAR NOT NULL,
    geo VARCHAR,
    geonames_id BIGINT,
    mentions VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, entity_id)
);
CREATE TABLE actor_keys (
    key VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE TABLE merge_evidence (
    actor_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    entity_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    names VARCHAR NOT NULL,
    matched_key VARCHAR,
    matched_name VARCHAR,
    score DOUBLE,
    created_at TIMESTAMP NOT NULL,
    undone BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE actor_splits (
    actor_id VARCHAR NOT NULL,
    other_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE events (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    created_seq BIGINT NOT NULL
);
CREATE TABLE doc_events (
    doc_id VARCHAR NOT NULL,
    event_local_id VARCHAR NOT NULL,
    event_id VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    mode VARCHAR,
    status VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    participants VARCHAR NOT NULL,
    location_entity VARCHAR,
    location_actor VARCHAR,
    time VARCHAR,
    time_start DATE,
    time_end DATE,
    amount VARCHAR,
    claim_id VARCHAR,
    origin VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    score DOUBLE,
    features VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, event_local_id)
);
CREATE TABLE claims (
    doc_id VARCHAR NOT NULL,
    claim_id VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    chain VARCHAR NOT NULL,
    cue VARCHAR,
    hedges VARCHAR NOT NULL,
    evidence VARCHAR NOT NULL,
    origin VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, claim_id)
);
CREATE TABLE doc_relations (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    type VARCHAR NOT NULL,
    subject_entity VARCHAR,
    object_entity VARCHAR,
    subject_actor VARCHAR,
    object_actor VARCHAR,
    claim_id VARCHAR,
    PRIMARY KEY (doc_id, idx)
);
CREATE TABLE doc_lsh (
    band VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE TABLE kb_meta (
    key VARCHAR PRIMARY KEY,
    value VARCHAR NOT NULL
);
"""

# Per-entity mention counts, kept on write, so dossiers and actor lists never parse the
# (large) mention span JSON to count.
_MENTION_COUNTS = """
ALTER TABLE doc_entities ADD COLUMN n_mentions INTEGER;
UPDATE doc_entities SET n_mentions = json_array_length(mentions)
"""

#: The migrations, in order. Append only.
MIGRATIONS: list[tuple[str, Step]] = [
    ("0001_initial", _INITIAL),
    ("0002_entity_mention_counts", _MENTION_COUNTS),
]


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def applied(conn: duckdb.DuckDBPyConnection) -> set[str]:
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {r[0] for r in conn.execute("SELECT name FROM schema_migrations").fetchall()}


def pending(conn: duckdb.DuckDBPyConnection) -> list[str]:
    done = applied(conn)
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: duckdb.DuckDBPyConnection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction."""
    conn.execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
    )
    done = applied(conn)
    ran: list[str] = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        try:
            conn.execute("BEGIN TRANSACTION")
            if callable(step):
                step(conn)
            else:
                for stmt in _statements(step):
                    conn.execute(stmt)
            conn.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)", [name])
            conn.execute("COMMIT")
        except duckdb.Error as exc:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"Migration {name!r} failed: {exc}. The store was left at the previous schema; "
                "check the file is a claimgraph store or use a new --db path."
            ) from exc
        ran.append(name)
    return ran
