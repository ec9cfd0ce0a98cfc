"""The watcher's state and a whole watch round on both stores: DuckDB and PostgreSQL."""

from __future__ import annotations

import pytest

from claimgraph.config import load_settings
from claimgraph.kb import KnowledgeBase
from claimgraph.watch import AlertRules, Watcher, WatchOptions, WatchState, recent_alerts
from claimgraph.watch.state import MAX_ITEM_ATTEMPTS, FeedState


@pytest.fixture(params=["duckdb", "postgresql"])
def store(request, tmp_path) -> str:
    if request.param == "duckdb":
        return str(tmp_path / "kb.duckdb")
    return request.getfixturevalue("postgres_url")


def test_watch_state_round_trips(store):
    st = WatchState(KnowledgeBase(store))
    assert st.feed("https://example.org/rss").failures == 0
    st.save_feed(FeedState("https://example.org/rss", '"abc"', "Sun, 06 Dec 2026 05:00:00 GMT", 2, 1234.5))
    again = WatchState(KnowledgeBase(store)).feed("https://example.org/rss")
    assert (again.etag, again.last_modified, again.failures, again.next_poll) == (
        '"abc"', "Sun, 06 Dec 2026 05:00:00 GMT", 2, 1234.5)
    keys = ["guid:f\n1", "url:https://example.org/1"]
    assert not st.seen(keys)
    for n in range(1, MAX_ITEM_ATTEMPTS):
        assert st.note_failure("f", keys, "HTTP 500") == n
        assert not st.seen(keys)  # failed, to be tried again
    assert st.note_failure("f", keys, "HTTP 500") == MAX_ITEM_ATTEMPTS
    assert st.seen(keys)  # given up
    st.finish_item("f", ["guid:f\n2", "text:abc"], "abc", "stored",
                   [{"event": "V1", "document": "abc", "rule": "type=ASSAULT", "feed": "f"}])
    assert st.seen(["guid:f\n2"]) and st.alerted(["V1", "V2"]) == {"V1"}
    assert [eid for eid, _ in st.unwritten_alerts()] == ["V1"]
    st.mark_written(["V1"])
    assert st.unwritten_alerts() == []
    assert recent_alerts(KnowledgeBase(store))[0]["rule"] == "type=ASSAULT"


def test_watch_round_on_each_store(store, feed_server, paragraphs):
    feed_server.add("s1", "A drug trafficker recruited", paragraphs[1:2])
    opts = WatchOptions(interval=0.3, host_delay=0.0, max_rounds=1, rules=AlertRules.build(actors=["Agil Aslanov"]))
    summary = Watcher([feed_server.url], KnowledgeBase(store), load_settings(allow_private=True), opts).run()
    assert (summary.new, summary.failed) == (1, 0) and summary.alerts >= 1
    again = Watcher([feed_server.url], KnowledgeBase(store), load_settings(allow_private=True), opts).run()
    assert again.last_round[0].status == "not modified"
    assert len(KnowledgeBase(store).documents()) == 1
