"""Fetching for the watcher: conditional GET, per-host politeness, seen items never fetched.

:class:`WatchFetcher` is the ingest layer's :class:`~claimgraph.ingest.fetch.Fetcher` (so
the same address rules, size cap, redirect checks and timeouts hold, and ``--allow-private``
means what it means for ``ingest``) with three additions:

- :meth:`WatchFetcher.fetch_feed` sends ``If-None-Match`` / ``If-Modified-Since`` from the
  feed's last validators and reports a ``304 Not Modified`` as ``None``, with the new
  ``ETag`` / ``Last-Modified`` of a full answer;
- every request waits for the host's turn (:class:`HostClock`: at least ``delay`` seconds
  from the end of one request to a host to the start of the next), a wait that a stop
  request cuts short;
- links in :attr:`WatchFetcher.skip` (items seen before) are refused without a request.
"""

from __future__ import annotations

import contextlib
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass
from urllib.parse import urldefrag, urlsplit

from ..config import Settings
from ..errors import FetchError
from ..ingest.fetch import Fetched, Fetcher, HttpxTransport, Transport, WireRequest, WireResponse


class StopRequested(Exception):
    """Raised inside a poll when the watcher was asked to stop (SIGINT/SIGTERM)."""


class SeenItemError(FetchError):
    """A feed item's link that the watcher has read before: never fetched again."""


class HostClock:
    """At least ``delay`` seconds from the end of one request to a host to the start of the next."""

    def __init__(self, delay: float, stop: threading.Event) -> None:
        self.delay = max(0.0, delay)
        self._stop = stop
        self._last: dict[str, float] = {}

    def wait_turn(self, url: str) -> None:
        """Sleep until ``url``'s host may be asked again; :class:`StopRequested` if told to stop."""
        host = (urlsplit(url).hostname or "").lower()
        last = self._last.get(host)
        if last is not None:
            left = last + self.delay - time.monotonic()
            if left > 0 and self._stop.wait(left):
                raise StopRequested()
        if self._stop.is_set():
            raise StopRequested()
        self._last[host] = time.monotonic()

    def done(self, url: str) -> None:
        """The request to ``url`` is over: the host's next turn counts from now."""
        self._last[(urlsplit(url).hostname or "").lower()] = time.monotonic()


class RecordingTransport:
    """Wraps a :class:`Transport`: adds validator headers, remembers the last response's head."""

    def __init__(self, inner: Transport) -> None:
        self.inner = inner
        self.extra_headers: dict[str, str] = {}
        self.status: int | None = None
        self.headers: dict[str, str] = {}

    @contextlib.contextmanager
    def open(self, request: WireRequest) -> Iterator[WireResponse]:
        if self.extra_headers:
            request.headers = {**request.headers, **self.extra_headers}
        with self.inner.open(request) as resp:
            self.status = resp.status
            self.headers = {k.lower(): v for k, v in resp.headers.items()}
            yield resp

    def close(self) -> None:
        closer = getattr(self.inner, "close", None)
        if callable(closer):
            closer()


@dataclass(slots=True)
class FeedFetch:
    """A feed fetched: ``fetched`` is ``None`` when the server answered 304 Not Modified."""

    fetched: Fetched | None
    etag: str | None
    last_modified: str | None
    status: int | None


class WatchFetcher(Fetcher):
    """A :class:`Fetcher` for one poll round (see the module docstring)."""

    def __init__(self, settings: Settings, clock: HostClock, transport: Transport | None = None) -> None:
        self.recorder = RecordingTransport(transport or HttpxTransport(settings))
        super().__init__(settings, self.recorder)
        self.clock = clock
        self.skip: set[str] = set()
        self._primed: dict[str, Fetched] = {}

    def prime(self, url: str, fetched: Fetched) -> None:
        """The next :meth:`fetch` of ``url`` returns ``fetched`` without a request."""
        self._primed[url] = fetched

    def fetch(self, url: str) -> Fetched:
        primed = self._primed.pop(url, None)
        if primed is not None:
            return primed
        if urldefrag(url).url in self.skip:
            raise SeenItemError(url, "an item read before; not fetched again")
        self.clock.wait_turn(url)
        try:
            return super().fetch(url)
        finally:
            self.clock.done(url)

    def fetch_feed(self, url: str, etag: str | None, last_modified: str | None) -> FeedFetch:
        """GET ``url`` with the validators given; ``fetched`` is ``None`` on 304 Not Modified."""
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        self.recorder.extra_headers = headers
        self.recorder.status = None
        try:
            got = self.fetch(url)
        except FetchError:
            if self.recorder.status == 304 and headers:
                return FeedFetch(None, etag, last_modified, 304)
            raise
        finally:
            self.recorder.extra_headers = {}
        head = self.recorder.headers
        return FeedFetch(got, head.get("etag"), head.get("last-modified"), self.recorder.status)
