"""Fixtures for the watcher's tests: a real HTTP server on 127.0.0.1 serving a feed that grows.

``/feed.xml`` is an RSS feed of the items added so far, with an ``ETag`` and a
``Last-Modified`` that change when an item is added; a request whose validators match gets
``304 Not Modified`` (conditional requests and 304s are counted). ``/articles/N.html`` is
item N's page (HTTP 500 for a guid in ``state.broken_pages``). ``fail_next(n)`` makes the
next ``n`` feed requests answer HTTP 500.
The items are paragraphs of the real Azernews article in ``examples/``.
"""

from __future__ import annotations

import hashlib
import html
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "azernews_baku_plot.txt"


def article_paragraphs() -> list[str]:
    """The body paragraphs of the example article (real news text), in order."""
    lines = [ln.strip() for ln in EXAMPLE.read_text(encoding="utf-8").splitlines() if ln.strip()]
    return [ln for ln in lines if len(ln) > 250]


@dataclass
class Item:
    guid: str
    title: str
    paragraphs: list[str]
    published: float


@dataclass
class Request:
    path: str
    at: float
    conditional: bool
    status: int


@dataclass
class FeedState:
    items: list[Item] = field(default_factory=list)
    changed: float = field(default_factory=time.time)
    failures_left: int = 0
    broken_pages: set[str] = field(default_factory=set)
    on_page: Callable[[str], None] | None = None  # called with the guid of each page served
    requests: list[Request] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


class FeedServer:
    """Start with ``with FeedServer() as srv:``; ``srv.url`` is the feed's URL."""

    def __init__(self) -> None:
        self.state = FeedState()
        state = self.state

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: object) -> None:
                pass

            def _send(self, status: int, body: bytes, ctype: str, headers: dict[str, str] | None = None) -> None:
                self.send_response(status)
                self.send_header("Content-Type", ctype)
                self.send_header("Content-Length", str(len(body)))
                for k, v in (headers or {}).items():
                    self.send_header(k, v)
                self.end_headers()
                self.wfile.write(body)

            def do_GET(self) -> None:
                self.path = self.path.split("?", 1)[0]
                conditional = bool(self.headers.get("If-None-Match") or self.headers.get("If-Modified-Since"))
                with state.lock:
                    status = self._answer(conditional)
                    state.requests.append(Request(self.path, time.monotonic(), conditional, status))

            def _answer(self, conditional: bool) -> int:
                if self.path == "/feed.xml":
                    if state.failures_left > 0:
                        state.failures_left -= 1
                        self._send(500, b"server error", "text/plain")
                        return 500
                    etag, modified = _validators(state)
                    if self.headers.get("If-None-Match") == etag or (
                        not self.headers.get("If-None-Match") and self.headers.get("If-Modified-Since") == modified
                    ):
                        self.send_response(304)
                        self.send_header("ETag", etag)
                        self.end_headers()
                        return 304
                    body = _rss(state, f"http://{self.headers['Host']}").encode("utf-8")
                    self._send(200, body, "application/rss+xml; charset=utf-8",
                               {"ETag": etag, "Last-Modified": modified})
                    return 200
                if self.path.startswith("/articles/") and self.path.endswith(".html"):
                    guid = self.path[len("/articles/"):-len(".html")]
                    if guid in state.broken_pages:
                        self._send(500, b"server error", "text/plain")
                        return 500
                    for it in state.items:
                        if it.guid == guid:
                            if state.on_page is not None:
                                state.on_page(guid)
                            self._send(200, _page(it).encode("utf-8"), "text/html; charset=utf-8")
                            return 200
                self._send(404, b"not found", "text/plain")
                return 404

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    @property
    def base(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host}:{port}"

    @property
    def url(self) -> str:
        return self.base + "/feed.xml"

    def add(self, guid: str, title: str, paragraphs: list[str]) -> None:
        with self.state.lock:
            now = time.time()
            # Last-Modified has one-second resolution: make each change visible in it.
            self.state.changed = max(now, self.state.changed + 1.0)
            self.state.items.insert(0, Item(guid, title, paragraphs, now))

    def fail_next(self, n: int) -> None:
        with self.state.lock:
            self.state.failures_left = n

    def requests(self, path: str | None = None) -> list[Request]:
        with self.state.lock:
            return [r for r in self.state.requests if path is None or r.path == path]

    def __enter__(self) -> FeedServer:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


def _validators(state: FeedState) -> tuple[str, str]:
    digest = hashlib.sha256("|".join(it.guid for it in state.items).encode()).hexdigest()[:16]
    return f'"{digest}"', formatdate(state.changed, usegmt=True)


def _rss(state: FeedState, base: str) -> str:
    items = "".join(
        f"<item><title>{html.escape(it.title)}</title><link>{base}/articles/{it.guid}.html</link>"
        f"<guid isPermaLink=\"false\">{it.guid}</guid>"
        f"<pubDate>{formatdate(it.published, usegmt=True)}</pubDate>"
        f"<description>{html.escape(it.paragraphs[0][:120])}</description></item>"
        for it in state.items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>Azernews</title>'
            f"<link>{base}/</link><description>test feed</description>{items}</channel></rss>")


def _page(it: Item) -> str:
    body = "".join(f"<p>{html.escape(p)}</p>" for p in it.paragraphs)
    return (f"<!doctype html><html><head><title>{html.escape(it.title)}</title></head><body>"
            f"<nav><a href='/'>Home</a></nav><article><h1>{html.escape(it.title)}</h1>{body}</article>"
            f"<footer>Subscribe</footer></body></html>")


@pytest.fixture()
def feed_server() -> Iterator[FeedServer]:
    with FeedServer() as srv:
        yield srv


@pytest.fixture(scope="session")
def paragraphs() -> list[str]:
    return article_paragraphs()
