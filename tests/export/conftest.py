"""Fixtures for the exporter tests: a real DuckDB store holding the example article and a second text."""

from __future__ import annotations

from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
SECOND = HERE / "second_article.txt"
SECOND_META = {
    "published": "2025-05-13T09:00:00+04:00",
    "publisher": "Caucasus Wire",
    "headline": "Two held over foiled Marneuli bus station bombing",
    "url": "https://example.org/news/marneuli-bombing-plot",
}


@pytest.fixture(scope="session")
def store_path(tmp_path_factory, example_path) -> Path:
    """A knowledge base file with the example article (ingested) and the second text (added)."""
    from claimgraph.api import analyze
    from claimgraph.kb import KnowledgeBase

    path = tmp_path_factory.mktemp("kb") / "export.duckdb"
    kb = KnowledgeBase(path)
    summary = kb.ingest([str(example_path)])
    assert summary.failed == 0, summary.errors
    assert kb.add(analyze(SECOND.read_text(encoding="utf-8"), source=str(SECOND), **SECOND_META))
    kb.close()
    return path


@pytest.fixture(scope="session")
def kb(store_path):
    from claimgraph.kb import KnowledgeBase

    store = KnowledgeBase(store_path, read_only=True)
    yield store
    store.close()


@pytest.fixture(scope="session")
def rows(store_path) -> dict[str, list[dict]]:
    """Every row of the store, by kind, read through the KB interface (the reference to compare against)."""
    from claimgraph.kb import KnowledgeBase

    store = KnowledgeBase(store_path, read_only=True)
    out = {
        "actors": list(store.iter_actors()),
        "events": list(store.iter_events()),
        "claims": list(store.iter_claims()),
        "relations": list(store.iter_relations()),
        "documents": list(store.iter_documents()),
        "stories": list(store.iter_stories()),
    }
    store.close()
    return out
