"""The watcher in process against a real HTTP server on 127.0.0.1 and a real DuckDB store."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from claimgraph.config import load_settings
from claimgraph.ingest import document_id
from claimgraph.kb import KnowledgeBase
from claimgraph.watch import AlertRules, Watcher, WatchOptions, WatchState

SETTINGS = load_settings(allow_private=True)


def _watcher(feeds: list[str], kb: KnowledgeBase, **opts: object) -> tuple[Watcher, list[str]]:
    lines: list[str] = []
    options = WatchOptions(**{"interval": 0.3, "host_delay": 0.05, **opts})  # type: ignore[arg-type]
    return Watcher(feeds, kb, SETTINGS, options, log=lines.append), lines


def _doc_ids(kb: KnowledgeBase) -> list[str]:
    return [d["id"] for d in kb.documents(limit=1000)]


def test_watch_growing_feed_new_items_stored_within_two_polls(tmp_path, feed_server, paragraphs):
    feed_server.add("a1", "Plot against a rabbi in Baku", paragraphs[0:1])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    w, _lines = _watcher([feed_server.url], kb)
    runner = threading.Thread(target=w.run)
    runner.start()
    try:
        deadline = time.monotonic() + 120
        while not feed_server.requests("/articles/a1.html") and time.monotonic() < deadline:
            time.sleep(0.05)
        added_at = time.monotonic()
        feed_server.add("a2", "A drug trafficker recruited", paragraphs[1:2])
        while not feed_server.requests("/articles/a2.html") and time.monotonic() < deadline:
            time.sleep(0.05)
        # let a few unchanged polls go by
        polls_before = len(feed_server.requests("/feed.xml"))
        while len(feed_server.requests("/feed.xml")) < polls_before + 3 and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        w.stop()
        runner.join(60)
    assert not runner.is_alive()
    feeds = feed_server.requests("/feed.xml")
    page = feed_server.requests("/articles/a2.html")
    assert len(page) == 1, "each article page is fetched once"
    assert len(feed_server.requests("/articles/a1.html")) == 1
    # the new item was picked up by the first or second poll after it appeared
    polls_between = [r for r in feeds if added_at <= r.at <= page[0].at]
    assert 1 <= len(polls_between) <= 2
    # unchanged polls were conditional and answered 304; nothing was fetched or stored again
    later = [r for r in feeds if r.at > page[0].at]
    assert later and all(r.conditional for r in later)
    assert sum(r.status == 304 for r in later) >= 2
    ids = _doc_ids(kb)
    assert len(ids) == len(set(ids)) == 2
    assert {d["headline"] for d in kb.documents()} == {"Plot against a rabbi in Baku", "A drug trafficker recruited"}


def test_watch_restart_resumes_with_validators_and_seen_items(tmp_path, feed_server, paragraphs):
    feed_server.add("b1", "Plot against a rabbi in Baku", paragraphs[0:1])
    db = tmp_path / "kb.duckdb"
    w, _ = _watcher([feed_server.url], KnowledgeBase(db), max_rounds=1)
    assert w.run().new == 1
    # a new process (a new watcher on the same store): validators were kept, so 304
    w2, lines = _watcher([feed_server.url], KnowledgeBase(db), max_rounds=1)
    summary = w2.run()
    assert summary.new == 0 and summary.last_round[0].status == "not modified"
    last = feed_server.requests("/feed.xml")[-1]
    assert last.conditional and last.status == 304
    # the feed grows: only the new item's page is fetched
    feed_server.add("b2", "A drug trafficker recruited", paragraphs[1:2])
    w3, _ = _watcher([feed_server.url], KnowledgeBase(db), max_rounds=1)
    rep = w3.run().last_round[0]
    assert (rep.new, rep.skipped) == (1, 1)
    assert len(feed_server.requests("/articles/b1.html")) == 1
    assert len(_doc_ids(KnowledgeBase(db))) == 2


def test_watch_dedupes_by_url_then_text_across_feeds(tmp_path, feed_server, paragraphs):
    feed_server.add("c1", "A drug trafficker recruited", paragraphs[1:2])
    # the same article under another guid and URL, in a second feed (a local JSON Feed file)
    json_feed = tmp_path / "mirror.json"
    json_feed.write_text(json.dumps({
        "version": "https://jsonfeed.org/version/1.1", "title": "Mirror",
        "items": [
            {"id": "m1", "url": feed_server.base + "/articles/c1.html", "title": "same URL"},
            {"id": "m2", "title": "same text", "content_text": paragraphs[1] + "\n\n" + paragraphs[1]},
            {"id": "m3", "title": "copy", "content_text": paragraphs[1]},
        ],
    }), encoding="utf-8")
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    w, _ = _watcher([feed_server.url, str(json_feed)], kb, max_rounds=1)
    summary = w.run()
    first, mirror = summary.last_round
    assert (first.new, mirror.skipped) == (1, 1)  # m1: seen by URL, its page not fetched again
    assert len(feed_server.requests("/articles/c1.html")) == 1
    assert mirror.new == 1  # m2 is a different text (the paragraph twice)
    assert mirror.known == 1  # m3 has the text of c1: known by its hash
    assert len(_doc_ids(kb)) == 2
    # an unchanged feed file is not read again; seen items are counted once each
    again, _ = _watcher([str(json_feed)], kb, max_rounds=1)
    assert again.run().last_round[0].status == "not modified"
    # keys kept: c1's guid, URL and text; m2's guid and text; m3's guid (its text is c1's)
    assert WatchState(kb).seen_count() == 3 + 2 + 1


def test_watch_alert_for_new_event_with_watched_actor(tmp_path, feed_server, paragraphs):
    feed_server.add("d1", "Plot against a rabbi in Baku", paragraphs[0:1])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    alerts = tmp_path / "alerts.jsonl"
    rules = AlertRules.build(actors=["agil  ASLANOV"])
    w, lines = _watcher([feed_server.url], kb, max_rounds=1, rules=rules, alerts_path=alerts)
    w.run()
    assert not alerts.exists() or alerts.read_text() == ""  # the rabbi paragraph does not name him
    feed_server.add("d2", "A drug trafficker recruited", paragraphs[1:2])
    w2, lines = _watcher([feed_server.url], kb, max_rounds=1, rules=rules, alerts_path=alerts)
    assert w2.run().alerts >= 1
    got = [json.loads(line) for line in alerts.read_text().splitlines()]
    # the analyzer really extracted events with him as a participant, and each alert is one of them
    his = {e["id"]: e for e in kb.events(actor="Agil Aslanov")}
    assert his
    assert {a["event"] for a in got} == set(his)
    for a in got:
        assert a["rule"] == "actor=agil ASLANOV"
        assert "Agil Aslanov" in [p["name"] for p in a["actors"]]
        assert a["url"] == feed_server.base + "/articles/d2.html"
        assert a["feed"] == feed_server.url and a["document"] in _doc_ids(kb)
        assert a["type"] == his[a["event"]]["type"] and a["status"] == his[a["event"]]["status"]
        assert set(a) >= {"time", "feed", "document", "url", "event", "type", "status", "actors", "rule"}
    assert any(line.startswith("alert: actor=agil ASLANOV") for line in lines)
    # a later run raises nothing again
    w3, _ = _watcher([feed_server.url], kb, max_rounds=1, rules=rules, alerts_path=alerts)
    w3.run()
    assert len(alerts.read_text().splitlines()) == len(got)


def test_watch_alert_rules_and_across_kinds(tmp_path, feed_server, paragraphs):
    feed_server.add("e1", "A drug trafficker recruited", paragraphs[1:2])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    alerts = tmp_path / "alerts.jsonl"
    rules = AlertRules.build(actors=["Agil Aslanov"], types=["coerce"], statuses=["occurred"])
    w, _ = _watcher([feed_server.url], kb, max_rounds=1, rules=rules, alerts_path=alerts)
    w.run()
    got = [json.loads(line) for line in alerts.read_text().splitlines()]
    arrests = [e for e in kb.events(actor="Agil Aslanov", type="COERCE", status="occurred")]
    assert arrests and {a["event"] for a in got} == {e["id"] for e in arrests}
    assert all(a["rule"] == "actor=Agil Aslanov & type=COERCE & status=occurred" for a in got)


class FakeClock:
    def __init__(self) -> None:
        self.now = 1_000_000.0

    def __call__(self) -> float:
        return self.now


def test_watch_backs_off_exponentially_on_server_errors(tmp_path, feed_server, paragraphs):
    feed_server.add("f1", "Plot against a rabbi in Baku", paragraphs[0:1])
    feed_server.fail_next(100)
    db = tmp_path / "kb.duckdb"
    clock = FakeClock()
    opts = WatchOptions(interval=1.0, host_delay=0.0, max_backoff=8.0, max_errors=5)
    w = Watcher([feed_server.url], KnowledgeBase(db), SETTINGS, opts, clock=clock)
    waits = []
    for _ in range(5):
        reps = w.poll_round()
        assert reps[0].status in ("failed", "set aside")
        st = w.feed_state(feed_server.url)
        waits.append(st.next_poll - clock.now)
        # not due before its wait is over: no request
        n = len(feed_server.requests("/feed.xml"))
        clock.now += waits[-1] - 0.01
        assert w.poll_round() == [] and len(feed_server.requests("/feed.xml")) == n
        clock.now += 0.02
    assert waits == [2.0, 4.0, 8.0, 8.0, 8.0]
    assert "HTTP 500" in (w.feed_state(feed_server.url).last_error or "")
    # five failures in a row: set aside for the rest of this run
    assert feed_server.url in w.set_aside
    clock.now += 100
    n = len(feed_server.requests("/feed.xml"))
    assert w.poll_round() == [] and len(feed_server.requests("/feed.xml")) == n
    # a restart tries again (after the persisted wait) and a recovered server resets the count
    feed_server.fail_next(0)
    w2 = Watcher([feed_server.url], KnowledgeBase(db), SETTINGS, opts, clock=clock)
    assert w2.feed_state(feed_server.url).failures == 5
    rep = w2.poll_round()[0]
    assert (rep.status, rep.new) == ("read", 1)
    assert w2.feed_state(feed_server.url).failures == 0


def test_watch_waits_between_requests_to_one_host(tmp_path, feed_server, paragraphs):
    for n in range(3):
        feed_server.add(f"g{n}", f"Part {n}", paragraphs[n:n + 1])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    # two feeds on one host (the query string makes a second feed URL)
    w, _ = _watcher([feed_server.url, feed_server.url + "?page=2"], kb, max_rounds=1, host_delay=0.4)
    w.run()
    starts = [r.at for r in feed_server.requests()]
    assert len(starts) == 2 + 3  # two feed fetches, three pages (the second feed's items are seen)
    gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
    assert min(gaps) >= 0.35


def test_watch_stop_between_items_keeps_the_rest_for_next_run(tmp_path, feed_server, paragraphs):
    for n in range(4):
        feed_server.add(f"h{n}", f"Part {n}", paragraphs[n:n + 1])
    db = tmp_path / "kb.duckdb"
    kb = KnowledgeBase(db)
    w, _ = _watcher([feed_server.url], kb, max_rounds=1)
    # a stop request (as SIGTERM makes) while the second item's page is being served
    feed_server.state.on_page = lambda guid: w.stop() if guid == "h2" else None
    summary = w.run()
    assert summary.stopped
    stored = _doc_ids(kb)
    assert sorted(stored) == sorted(document_id(p) for p in paragraphs[2:4])  # the feed lists h3 first
    # the feed's validators were not kept, so the next run reads it again and takes the rest
    feed_server.state.on_page = None
    w2, _ = _watcher([feed_server.url], KnowledgeBase(db), max_rounds=1)
    rep = w2.run().last_round[0]
    assert (rep.new, rep.skipped) == (2, 2)
    assert len(_doc_ids(kb)) == 4
    for n in range(4):
        assert len(feed_server.requests(f"/articles/h{n}.html")) == 1


def test_watch_refuses_private_address_without_allow_private(tmp_path, feed_server, paragraphs):
    feed_server.add("i1", "Plot against a rabbi in Baku", paragraphs[0:1])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    w = Watcher([feed_server.url], kb, load_settings(allow_private=False), WatchOptions(interval=0.2))
    summary = w.run()  # a refused address is set aside at once, so the run ends
    rep = summary.last_round[0]
    assert rep.status == "set aside"
    assert "non-public address 127.0.0.1" in (rep.error or "") and "--allow-private" in (rep.error or "")
    assert feed_server.requests() == []
    assert _doc_ids(kb) == []


def test_watch_not_a_feed_is_a_feed_error(tmp_path, feed_server, paragraphs):
    feed_server.add("j1", "Plot against a rabbi in Baku", paragraphs[0:1])
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    w, _ = _watcher([feed_server.base + "/articles/j1.html"], kb, max_rounds=1)
    rep = w.run().last_round[0]
    assert rep.status == "failed" and "not an RSS/Atom/JSON feed" in (rep.error or "")
    assert _doc_ids(kb) == []


@pytest.mark.parametrize("bad", ["ftp://example.org/feed", "missing-file.xml"])
def test_watch_expand_feeds_names_bad_argument(tmp_path, bad):
    from claimgraph.errors import ConfigError
    from claimgraph.watch import expand_feeds

    with pytest.raises(ConfigError, match="missing-file.xml|not an http"):
        expand_feeds([bad])


def test_watch_expand_feeds_reads_a_list_file(tmp_path):
    from claimgraph.watch import expand_feeds

    feed = tmp_path / "local.rss"
    feed.write_text('<?xml version="1.0"?><rss version="2.0"><channel><title>t</title></channel></rss>')
    listing = tmp_path / "feeds.txt"
    listing.write_text("# my feeds\nhttps://example.org/a.xml\n\nlocal.rss\nhttps://example.org/a.xml\n")
    assert expand_feeds([str(listing)]) == ["https://example.org/a.xml", str(Path(feed).resolve())]


def test_watch_store_held_by_another_process_is_retried_later(tmp_path, feed_server, paragraphs):
    import subprocess
    import sys

    feed_server.add("q1", "A drug trafficker recruited", paragraphs[1:2])
    db = tmp_path / "kb.duckdb"
    kb = KnowledgeBase(db, lock_timeout=0.3)
    w, lines = _watcher([feed_server.url], kb, max_rounds=1)
    hold = "import duckdb, sys, time; c = duckdb.connect(sys.argv[1]); print('held', flush=True); time.sleep(120)"
    holder = subprocess.Popen([sys.executable, "-c", hold, str(db)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        rep = w.run().last_round[0]
        assert rep.status == "failed" and "busy" in (rep.error or "")
        assert any("the store is unavailable" in line for line in lines)
    finally:
        holder.kill()
        holder.wait()
    rep = w.run().last_round[0]  # the same watcher goes on once the store is free
    assert (rep.status, rep.new) == ("read", 1)


def test_watch_item_that_fails_is_retried_then_set_aside(tmp_path, feed_server, paragraphs):
    from claimgraph.watch.state import MAX_ITEM_ATTEMPTS

    feed_server.add("r1", "A drug trafficker recruited", paragraphs[1:2])
    feed_server.add("r2", "Plot against a rabbi in Baku", paragraphs[0:1])
    feed_server.state.broken_pages.add("r2")  # its page fails and its summary is too short to stand in
    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    reports = []
    for _ in range(MAX_ITEM_ATTEMPTS + 1):
        w, lines = _watcher([feed_server.url], kb, max_rounds=1)
        reports.append(w.run().last_round[0])
    assert [(r.status, r.new, r.failed) for r in reports] == [
        ("read", 1, 1), ("read", 0, 1), ("read", 0, 1), ("not modified", 0, 0)]
    feeds = feed_server.requests("/feed.xml")
    # while the item was to be retried the feed was fetched in full; once set aside, conditionally
    assert [r.status for r in feeds] == [200, 200, 200, 304]
    assert not any(r.conditional for r in feeds[:3])
    assert len(feed_server.requests("/articles/r2.html")) == MAX_ITEM_ATTEMPTS
    assert len(feed_server.requests("/articles/r1.html")) == 1
    assert len(_doc_ids(kb)) == 1
