"""The batched writer stores exactly what the one-document-at-a-time writer stores.

``Writer.add_many`` (the Ray driver's writes) holds a batch's rows in memory and sends each
table in one insert at the end; a Ray worker hands over documents already prepared
(``kb.store.prepare``). On real BBC articles (actors merge, documents join stories and events
join inside them, across the documents of a batch) the result must equal the plain path's, row for row,
on DuckDB and on PostgreSQL, and a batch that fails stores nothing.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from claimgraph.errors import StoreError
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.backends import connect, locate
from claimgraph.kb.store import PREPARED, prepare
from claimgraph.models import Document

N_ARTICLES = 30

# Every table the writer appends to, without its timestamps.
_TABLES = {
    "documents": "id, seq, source, url, publisher, headline, authors, published, published_date, language, text, "
                 "record, syndicated_from, syndication_overlap",
    "actors": "*", "doc_entities": "*", "actor_keys": "*", "events": "*", "doc_events": "*", "claims": "*",
    "doc_relations": "*", "doc_lsh": "*", "stories": "*", "story_features": "*", "story_keys": "*",
    "merge_evidence": "actor_id, doc_id, entity_id, rule, names, matched_key, matched_name, score, undone",
    "story_members": "story_id, doc_id, seq, rule, score, matched_doc, evidence",
    "story_evidence": "story_id, doc_id, rule, score, matched_doc, evidence, undone",
}


@pytest.fixture(scope="module")
def records(shared_dir: Path) -> list[dict[str, Any]]:
    from claimgraph.api import analyze_inputs

    folder = shared_dir / "data" / "bbc" / "bbc"
    by_topic = [sorted(d.glob("*.txt")) for d in sorted(folder.glob("*")) if d.is_dir()]
    # The first articles of each topic in turn: documents of one topic join stories (and their
    # events join inside them) across documents of the batch.
    files = [f for group in zip(*by_topic, strict=False) for f in group][:N_ARTICLES]
    if len(files) < N_ARTICLES:
        pytest.skip(f"fewer than {N_ARTICLES} BBC articles under {folder}")
    out = [o.document.to_dict() for o in analyze_inputs([str(f) for f in files]) if o.document is not None]
    assert len(out) == N_ARTICLES
    return out


def _docs(records: list[dict[str, Any]]) -> list[Document]:
    return [Document.from_dict(r) for r in records]


def _dump(db: str) -> dict[str, list[tuple[str, ...]]]:
    con = connect(locate(db), read_only=True, timeout=5)
    try:
        return {t: sorted(tuple(map(str, r)) for r in con.execute(f"SELECT {cols} FROM {t}").fetchall())
                for t, cols in _TABLES.items()}
    finally:
        con.close()


def _one_at_a_time(records: list[dict[str, Any]], db: str) -> None:
    kb = KnowledgeBase(db)
    for doc in _docs(records):
        assert kb.add(doc)


def test_batched_writes_equal_one_document_at_a_time(records: list[dict[str, Any]], store_db: str,
                                                     tmp_path: Path) -> None:
    reference = str(tmp_path / "one_at_a_time.duckdb")
    _one_at_a_time(records, reference)
    docs = _docs(records)
    for doc in docs[::2]:  # as a Ray worker hands them over; the writer prepares the others itself
        doc.scratch[PREPARED] = prepare(doc)
    kb = KnowledgeBase(store_db)
    stored: list[bool] = []
    for i in range(0, len(docs), 8):
        with kb.writing() as w:
            stored += w.add_many(docs[i : i + 8] + docs[i : i + 1])  # a document twice in one batch
    assert stored.count(True) == N_ARTICLES
    with kb.writing() as w:
        assert w.add_many(_docs(records[:5])) == [False] * 5  # keyed: stored documents are skipped
    ours, theirs = _dump(store_db), _dump(reference)
    for table in _TABLES:
        assert ours[table] == theirs[table], table
    # The comparison covers resolution, not only inserts: merges, story joins, events joined.
    rules = {r[16] for r in ours["doc_events"]}
    assert rules & {"same_event", "same_story", "cross_story"}, rules
    assert any(r[3] == "joined" for r in ours["story_members"])
    assert len(ours["actors"]) < len(ours["doc_entities"])


def test_a_failed_batch_stores_nothing_and_the_next_one_resolves_as_before(
        records: list[dict[str, Any]], store_db: str, tmp_path: Path) -> None:
    reference = str(tmp_path / "one_at_a_time.duckdb")
    _one_at_a_time(records[:6], reference)
    _one_at_a_time(records[6:12], reference)  # a new writer: its indexes loaded from the store, as after a failure
    kb = KnowledgeBase(store_db)
    with kb.writing() as w:
        assert w.add_many(_docs(records[:6])) == [True] * 6
    bad = _docs(records[6:12])
    bad[3].entities.append(bad[3].entities[0])  # one entity id twice: its rows fail when the batch is sent
    with pytest.raises(StoreError, match="rolled back"), kb.writing() as w:
        w.add_many(bad)
    assert kb.stats()["documents"] == 6  # none of the failed batch, the first batch whole
    with kb.writing() as w:
        assert w.add_many(_docs(records[6:12])) == [True] * 6
    ours, theirs = _dump(store_db), _dump(reference)
    for table in _TABLES:
        assert ours[table] == theirs[table], table


def test_the_writers_memory_matches_the_store(records: list[dict[str, Any]], store_db: str) -> None:
    """What the writer keeps in memory instead of reading it back (each document's event
    mentions, the story candidates of the pass inside stories, each story's first report)
    equals what the store holds after the batches committed."""
    from claimgraph.kb import resolve_events as rev
    from claimgraph.kb import stories
    from claimgraph.kb.store import ResolverState, _features_load

    kb = KnowledgeBase(store_db)
    docs = _docs(records)
    for i in range(0, len(docs), 8):
        with kb.writing() as w:
            w.add_many(docs[i : i + 8])
    with kb.writing() as w:
        held, index = w.state, w.state.stories
        assert index is not None
        stored = ResolverState.load(w.conn)
        assert held.mentions == stored.mentions
        compared = 0
        for doc_id, mentions in held.mentions.items():
            story = stories.story_of(w.conn, doc_id)
            assert story is not None and index.members[doc_id].story_id == story
            members = [(index.members[d].seq, d) for d in index.story_docs[story]]
            for _local, _eid, f in mentions:
                groups = set(f.get("groups") or [f.get("lemma")])
                from_memory = rev.story_candidates(held.mentions, members, doc_id, groups)
                assert from_memory == rev._story_candidates(w.conn, story, doc_id, groups, _features_load)
                compared += len(from_memory)
        assert compared > 0  # documents share stories, so there were candidates to compare
        assert index.heads
        for sid, head in index.heads.items():
            assert head == stories._stored_head(w.conn, sid)
            row = w.conn.execute("SELECT title, first_published, first_doc FROM stories WHERE id = ?", [sid]).fetchone()
            assert tuple(row) == (head[2], head[3], head[1])
