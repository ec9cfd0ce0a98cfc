"""Schema changes as named migrations, applied once each, in order.

The table ``schema_migrations(name, applied_at)`` records what has been applied. A
migration is ``(name, step)`` where ``step`` is SQL text (statements separated by ``;``)
or a callable taking the connection. Add new migrations at the end; never edit one that
has shipped.

The same migrations build a DuckDB file and a PostgreSQL database, so their SQL is the
common subset of the two (VARCHAR, BIGINT, INTEGER, DOUBLE PRECISION, BOOLEAN, DATE,
TIMESTAMP; JSON functions on an explicit ``CAST(... AS JSON)``). Each runs in its own
transaction under the store's write lock (:func:`~.backends.serialise_writes`), so several
processes opening a new PostgreSQL store at once apply each migration exactly once.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from ..errors import StoreError
from .backends import DB_ERRORS, Connection, serialise_writes

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
    syndication_overlap DOUBLE PRECISION,
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
    score DOUBLE PRECISION,
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
    score DOUBLE PRECISION,
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
UPDATE doc_entities SET n_mentions = json_array_length(CAST(mentions AS JSON))
"""

# Stories (kb/stories.py): every document belongs to one story; a join keeps the signals
# that made it (story_evidence, undoable); story_features/story_keys are the candidate index
# (hashed term counts, actor and event ids; keys: a document's rare terms, actors, events).
# Portable SQL (VARCHAR, BIGINT, DOUBLE PRECISION, BOOLEAN, TIMESTAMP) for DuckDB and PostgreSQL.
_STORIES = """
CREATE TABLE IF NOT EXISTS stories (
    id VARCHAR PRIMARY KEY,
    title VARCHAR,
    created_seq BIGINT NOT NULL,
    first_published VARCHAR,
    first_doc VARCHAR
);
CREATE TABLE IF NOT EXISTS story_members (
    story_id VARCHAR NOT NULL,
    doc_id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    rule VARCHAR NOT NULL,
    score DOUBLE PRECISION,
    matched_doc VARCHAR,
    evidence VARCHAR NOT NULL,
    joined_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS story_evidence (
    story_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    score DOUBLE PRECISION,
    matched_doc VARCHAR,
    evidence VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL,
    undone BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE TABLE IF NOT EXISTS story_splits (
    story_id VARCHAR NOT NULL,
    new_story_id VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL,
    created_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS story_features (
    doc_id VARCHAR PRIMARY KEY,
    day BIGINT,
    terms VARCHAR NOT NULL,
    actors VARCHAR NOT NULL,
    events VARCHAR NOT NULL
);
CREATE TABLE IF NOT EXISTS story_keys (
    key VARCHAR NOT NULL,
    doc_id VARCHAR NOT NULL
);
CREATE INDEX IF NOT EXISTS story_members_story ON story_members (story_id)
"""

# The feed watcher (watch/state.py): each feed's validators and backoff, every item key seen
# (guid/url/text hash; a restart resumes from them), and the alerts raised. Portable SQL.
_WATCH = """
CREATE TABLE IF NOT EXISTS watch_feeds (
    feed VARCHAR PRIMARY KEY,
    etag VARCHAR,
    last_modified VARCHAR,
    failures INTEGER NOT NULL DEFAULT 0,
    next_poll VARCHAR,
    last_status VARCHAR,
    last_error VARCHAR,
    polled_at TIMESTAMP
);
CREATE TABLE IF NOT EXISTS watch_seen (
    key VARCHAR PRIMARY KEY,
    feed VARCHAR NOT NULL,
    doc_id VARCHAR,
    outcome VARCHAR NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    seen_at TIMESTAMP NOT NULL
);
CREATE TABLE IF NOT EXISTS watch_alerts (
    event_id VARCHAR PRIMARY KEY,
    seq BIGINT NOT NULL,
    created_at TIMESTAMP NOT NULL,
    feed VARCHAR,
    doc_id VARCHAR NOT NULL,
    rule VARCHAR NOT NULL,
    record VARCHAR NOT NULL,
    written BOOLEAN NOT NULL DEFAULT FALSE
)
"""

#: The migrations, in order. Append only.
MIGRATIONS: list[tuple[str, Step]] = [
    ("0001_initial", _INITIAL),
    ("0002_entity_mention_counts", _MENTION_COUNTS),
    ("0003_stories", _STORIES),
    ("0004_watch", _WATCH),
]


def _statements(sql: str) -> list[str]:
    return [s.strip() for s in sql.split(";") if s.strip()]


def applied(conn: Connection) -> set[str]:
    exists = conn.execute(
        "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations' "
        "AND table_schema = current_schema()"
    ).fetchone()
    if not exists or not exists[0]:
        return set()
    return {r[0] for r in conn.execute("SELECT name FROM schema_migrations").fetchall()}


def pending(conn: Connection) -> list[str]:
    done = applied(conn)
    return [name for name, _ in MIGRATIONS if name not in done]


def migrate(conn: Connection) -> list[str]:
    """Apply every migration not yet applied, each in its own transaction (see the module doc)."""
    done = applied(conn)
    ran: list[str] = []
    for name, step in MIGRATIONS:
        if name in done:
            continue
        try:
            conn.execute("BEGIN TRANSACTION")
            serialise_writes(conn)
            conn.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations "
                "(name VARCHAR PRIMARY KEY, applied_at TIMESTAMP NOT NULL)"
            )
            if name in applied(conn):  # another process applied it while this one waited
                conn.execute("COMMIT")
                continue
            if callable(step):
                step(conn)
            else:
                for stmt in _statements(step):
                    conn.execute(stmt)
            conn.execute("INSERT INTO schema_migrations VALUES (?, current_timestamp)", [name])
            conn.execute("COMMIT")
        except DB_ERRORS as exc:
            conn.execute("ROLLBACK")
            raise StoreError(
                f"Migration {name!r} failed: {exc}. The store was left at the previous schema; "
                "check the file is a claimgraph store or use a new --db path."
            ) from exc
        ran.append(name)
    return ran
