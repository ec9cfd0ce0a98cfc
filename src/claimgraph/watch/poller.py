"""The poller: rounds over the feeds, each new item read, analyzed, stored and checked for alerts.

One round polls every feed that is due. A feed answered normally is due again after
``interval`` seconds; a feed that fails (unreachable, HTTP 5xx, not a feed) waits
``interval * 2**failures`` seconds, at most ``max_backoff``, and after ``max_errors``
failures in a row it is set aside for the rest of the run (a refused private address at
once: only ``--allow-private`` changes that). Every request waits for its host's turn
(``host_delay`` seconds apart).

Within a feed, items are taken in feed order. An item seen before — by GUID, else URL, else
the hash of its text — is skipped without fetching its page; a new one is analyzed, stored
(one transaction), checked against the alert rules, and its keys recorded. A stop request
(:meth:`Watcher.stop`, from SIGINT/SIGTERM) is honoured between items: the item in hand is
finished or dropped whole, and a feed left part-read keeps its old validators, so the next
run reads it again and takes the items it did not finish.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..config import Settings
from ..errors import (
    AnalysisError,
    BlockedAddressError,
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    StoreError,
    UnreadableInputError,
)
from ..ingest.fetch import Transport
from ..ingest.sources import Reader
from ..models import Document, DocumentInfo
from .alerts import AlertRules, append_alerts, document_alerts
from .conditional import HostClock, StopRequested, WatchFetcher
from .entries import EntryKey, entry_keys
from .state import MAX_ITEM_ATTEMPTS, FeedState, WatchState, item_keys, text_key
from .targets import is_url


@dataclass(slots=True)
class WatchOptions:
    """How the watcher polls; the CLI's flags map one to one onto these."""

    interval: float = 300.0
    host_delay: float = 1.0
    max_backoff: float = 3600.0
    max_errors: int = 10
    max_rounds: int | None = None
    alerts_path: Path | None = None
    rules: AlertRules = field(default_factory=AlertRules)


@dataclass(slots=True)
class FeedReport:
    """What one poll of one feed did."""

    feed: str
    status: str = "read"  # read | not modified | failed | set aside
    new: int = 0
    known: int = 0
    skipped: int = 0
    failed: int = 0
    alerts: int = 0
    error: str | None = None
    complete: bool = True

    def line(self) -> str:
        if self.status != "read":
            return f"{self.status}" + (f": {self.error}" if self.error else "")
        return (f"{self.new} new, {self.known} already known, {self.skipped} seen before, "
                f"{self.failed} failed, {self.alerts} alerts")


@dataclass(slots=True)
class WatchSummary:
    """What a whole run did."""

    rounds: int = 0
    new: int = 0
    known: int = 0
    failed: int = 0
    alerts: int = 0
    feed_errors: int = 0
    stopped: bool = False
    last_round: list[FeedReport] = field(default_factory=list)

    def add(self, rep: FeedReport) -> None:
        self.new += rep.new
        self.known += rep.known
        self.failed += rep.failed
        self.alerts += rep.alerts
        self.feed_errors += rep.status in ("failed", "set aside")

    def line(self) -> str:
        rounds = f"{self.rounds} round" + ("" if self.rounds == 1 else "s")
        return (f"{rounds}: {self.new} new, {self.known} already known, {self.failed} failed items, "
                f"{self.feed_errors} feed errors, {self.alerts} alerts")


Log = Callable[[str], None]


def _quiet(_line: str) -> None:
    return None


class Watcher:
    """Polls ``feeds`` (URLs or feed file paths, see :func:`~.targets.expand_feeds`) into ``kb``.

    ``transport``: the HTTP transport (default: the ingest layer's real one);
    ``clock``: Unix time now (feeds' next polls are kept in wall-clock time across restarts).
    """

    def __init__(self, feeds: list[str], kb: Any, settings: Settings, options: WatchOptions | None = None,
                 *, log: Log = _quiet, transport: Transport | None = None,
                 clock: Callable[[], float] = time.time) -> None:
        self.feeds = list(feeds)
        self.kb = kb
        self.settings = settings
        self.options = options or WatchOptions()
        self.log = log
        self.state = WatchState(kb)
        self._transport = transport
        self._clock = clock
        self._stop = threading.Event()
        self.hosts = HostClock(self.options.host_delay, self._stop)
        self.set_aside: dict[str, str] = {}
        self._feeds: dict[str, FeedState] = {}
        self._pipeline: Any = None

    # -- control -------------------------------------------------------------------------------
    def stop(self) -> None:
        """Ask the run to end: the current item is finished or dropped whole, then :meth:`run` returns."""
        self._stop.set()

    @property
    def stopping(self) -> bool:
        return self._stop.is_set()

    def run(self) -> WatchSummary:
        """Poll in rounds until stopped, ``max_rounds`` is reached or every feed is set aside."""
        summary = WatchSummary()
        while not self.stopping:
            try:
                self.flush_alerts()  # alerts a killed run stored but did not write out
            except StoreError as exc:
                self.log(f"the store is unavailable ({exc}); trying again this round")
            reports = self.poll_round(first=summary.rounds == 0)
            summary.rounds += 1
            summary.last_round = reports
            for rep in reports:
                summary.add(rep)
            if self.stopping:
                break
            if self.options.max_rounds is not None and summary.rounds >= self.options.max_rounds:
                break
            if len(self.set_aside) == len(self.feeds):
                self.log("every feed is set aside; stopping")
                break
            self._stop.wait(self._sleep_for())
        summary.stopped = self.stopping
        return summary

    def _sleep_for(self) -> float:
        now = self._clock()
        due = [st.next_poll for f, st in self._feeds.items() if f not in self.set_aside]
        wait = min(due) - now if due else self.options.interval
        return max(0.05, min(wait, self.options.interval))

    # -- one round ----------------------------------------------------------------------------
    def feed_state(self, feed: str) -> FeedState:
        if feed not in self._feeds:
            self._feeds[feed] = self.state.feed(feed)
        return self._feeds[feed]

    def poll_round(self, first: bool = False) -> list[FeedReport]:
        """Poll every feed that is due now (a stop request ends the round early).

        ``first``: the first round of a run polls every feed not backing off from failures,
        however recently it was polled (a restart, or ``--once`` from cron, looks now).
        """
        reports = []
        for feed in self.feeds:
            if self.stopping:
                break
            if feed in self.set_aside:
                continue
            try:
                st = self.feed_state(feed)
                if st.next_poll > self._clock() and not (first and st.failures == 0):
                    continue
                rep = self.poll_feed(feed)
            except StopRequested:
                self.log(f"{feed}: stopped; the rest of this feed is read on the next run")
                break
            except StoreError as exc:  # e.g. another process holds the DuckDB file too long
                if feed in self._feeds:
                    self._feeds[feed].next_poll = self._clock() + self.options.interval
                self.log(f"{feed}: the store is unavailable ({exc}); this feed is polled again later")
                reports.append(FeedReport(feed, status="failed", error=str(exc), complete=False))
                continue
            self.log(f"{feed}: {rep.line()}")
            reports.append(rep)
        return reports

    def poll_feed(self, feed: str) -> FeedReport:
        """Fetch ``feed`` (conditionally) and take its new items."""
        st = self.feed_state(feed)
        rep = FeedReport(feed)
        fetcher = WatchFetcher(self.settings, self.hosts, self._transport)
        try:
            try:
                got = self._fetch(feed, st, fetcher)
                if got is None:
                    rep.status = "not modified"
                    self._succeeded(st, st.etag, st.last_modified, "304")
                    return rep
                data, base, etag, last_modified = got
                keys = entry_keys(data, feed, self.settings, base)
                if keys is None:
                    raise MalformedInputError(
                        feed, "it is not an RSS/Atom/JSON feed (no <rss>, <feed> or JSON Feed version); "
                        "give the feed's URL, not a page's")
            except InputError as exc:
                return self._failed(st, rep, exc)
            self._read_items(feed, keys, fetcher, rep)
            if rep.status == "failed":
                return self._failed(st, rep, MalformedInputError(feed, rep.error or "unreadable"))
            if not rep.complete:  # an item to retry: read the whole feed again next time
                etag = last_modified = None
            self._succeeded(st, etag, last_modified, "200")
            return rep
        finally:
            fetcher.close()

    def _fetch(self, feed: str, st: FeedState, fetcher: WatchFetcher
               ) -> tuple[bytes, str | None, str | None, str | None] | None:
        """``(data, base URL, etag, last_modified)``, or ``None`` when the feed has not changed."""
        if is_url(feed):
            ff = fetcher.fetch_feed(feed, st.etag, st.last_modified)
            if ff.fetched is None:
                return None
            fetcher.prime(feed, ff.fetched)
            return ff.fetched.data, ff.fetched.final_url, ff.etag, ff.last_modified
        path = Path(feed)
        try:
            info = path.stat()
            if info.st_size > self.settings.max_bytes:
                raise InputTooLargeError(feed, f"the file has {info.st_size:,} bytes, over max_bytes")
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableInputError(feed, f"cannot read the feed file ({exc.strerror or exc})") from exc
        stamp = f"file:{info.st_mtime_ns}:{info.st_size}"
        if st.etag == stamp:
            return None
        return data, None, stamp, None

    def _read_items(self, feed: str, keys: list[EntryKey], fetcher: WatchFetcher, rep: FeedReport) -> None:
        per_item = [item_keys(feed, k.guid, k.link) for k in keys]
        with self.kb.writing():  # one connection for all the look-ups
            seen = [self.state.seen(ks) for ks in per_item]
        fetcher.skip = {k.link for k, s in zip(keys, seen, strict=True) if s and k.link}
        items = iter(Reader(self.settings, fetcher).read(feed))
        n = 0
        while True:
            if self.stopping:
                raise StopRequested()
            item = next(items, None)  # the item's page is fetched here
            if item is None:
                break
            if not keys:  # no items: the one thing read is about the feed itself
                if not isinstance(item, EmptyInputError):
                    rep.status, rep.error = "failed", str(item) if isinstance(item, InputError) else "not a feed"
                break
            ks, was_seen = (per_item[n], seen[n]) if n < len(keys) else ([], False)
            n += 1
            if was_seen:
                rep.skipped += 1
                continue
            self._take(feed, ks, item, rep)

    # -- one item ------------------------------------------------------------------------------
    def _take(self, feed: str, keys: list[str], item: DocumentInfo | InputError, rep: FeedReport) -> None:
        if isinstance(item, InputError):
            tries = self.state.note_failure(feed, keys, item.reason)
            rep.failed += 1
            left = MAX_ITEM_ATTEMPTS - tries
            self.log(f"{item}" + (f" (tried {tries} times; tried again next poll)" if left > 0 else
                                  f" (tried {tries} times; set aside)"))
            rep.complete = rep.complete and left <= 0
            return
        doc_id = item.id
        keys = [*keys, text_key(doc_id)]
        if self.state.document_known(doc_id) and self.state.seen([text_key(doc_id)]):
            self.state.finish_item(feed, keys, doc_id, "known")
            rep.known += 1
            return
        doc = None
        if not self.state.document_known(doc_id):
            try:
                doc = self._analyze(item)
            except AnalysisError as exc:
                self.state.finish_item(feed, keys, None, "failed")
                rep.failed += 1
                self.log(str(exc))
                return
        with self.kb.writing() as writer:
            stored = bool(doc is not None and writer.add(doc))
            alerts = self._alerts(doc_id, feed)
            self.state.finish_item(feed, keys, doc_id, "stored" if stored else "known", alerts)
        rep.new += stored
        rep.known += not stored
        rep.alerts += len(alerts)
        self.flush_alerts()

    def _analyze(self, info: DocumentInfo) -> Document:
        if self._pipeline is None:
            from ..api import get_pipeline

            self._pipeline = get_pipeline(self.settings)
        return self._pipeline(Document(info=info))

    def _alerts(self, doc_id: str, feed: str) -> list[dict[str, Any]]:
        if not self.options.rules:
            return []
        found = document_alerts(self.kb, doc_id, feed, self.options.rules)
        done = self.state.alerted([a["event"] for a in found])
        return [a for a in found if a["event"] not in done]

    def flush_alerts(self) -> None:
        """Append alerts not yet written to the alerts file (none given: just mark them done)."""
        pending = self.state.unwritten_alerts()
        if not pending:
            return
        if self.options.alerts_path is not None:
            append_alerts(self.options.alerts_path, [a for _, a in pending])
            for _, a in pending:
                self.log(f"alert: {a['rule']}: {a['type']} {a['status']} event {a['event']} "
                         f"in {a.get('url') or 'document ' + a['document'][:12]}")
        self.state.mark_written([eid for eid, _ in pending])

    # -- feed outcomes ---------------------------------------------------------------------------
    def _succeeded(self, st: FeedState, etag: str | None, last_modified: str | None, status: str) -> None:
        st.etag, st.last_modified = etag, last_modified
        st.failures, st.last_status, st.last_error = 0, status, None
        st.next_poll = self._clock() + self.options.interval
        self.state.save_feed(st)

    def _failed(self, st: FeedState, rep: FeedReport, exc: InputError) -> FeedReport:
        st.failures += 1
        delay = min(self.options.interval * 2 ** st.failures, self.options.max_backoff)
        st.next_poll = self._clock() + delay
        st.last_status, st.last_error = "error", exc.reason
        self.state.save_feed(st)
        rep.status, rep.error = "failed", exc.reason
        if isinstance(exc, BlockedAddressError) or st.failures >= self.options.max_errors:
            self.set_aside[st.feed] = exc.reason
            rep.status = "set aside"
            rep.error = (f"{exc.reason} (failed {st.failures} times in a row; not polled again in this run)"
                         if not isinstance(exc, BlockedAddressError) else exc.reason)
        else:
            rep.error = f"{exc.reason} (failure {st.failures}; next try in {delay:g} s)"
        return rep
