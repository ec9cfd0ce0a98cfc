"""Expanding INPUT arguments (files, directories, ``-``, URLs, feeds) into documents.

:func:`read_inputs` yields, in input order, one :class:`DocumentInfo` or one
:class:`InputError` per document (a directory, a JSON Lines file or a feed gives several).
A bad input never raises out of it; the batch goes on.

The kind of a file is taken from its name (``.txt``, ``.html``, ``.json``, ``.jsonl``,
``.xml``/``.rss``/``.atom``, each optionally ``.gz``) and then checked against its content:
feeds are recognised by content whatever the name, a ``.txt`` that is really a web page is
read as HTML, and a file with no extension is sniffed. In a directory only files with those
extensions are read (recursively, sorted, hidden files and folders skipped).

A feed item's link is read like any URL, but never expanded as a feed in turn: a link back to
a feed being read is not fetched again, and a link that turns out to be another feed is an
error for that item (:data:`MAX_FEED_DEPTH`), so a feed linking to itself cannot loop.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

from ..config import Settings
from ..errors import (
    EmptyInputError,
    InputError,
    InputTooLargeError,
    MalformedInputError,
    UnreadableInputError,
    UnsupportedInputError,
)
from ..models import DocumentInfo
from .decode import GZIP_MAGIC, binary_reason, check_text_bytes, decode_bytes, gunzip
from .feeds import DTD_REFUSED, declares_entities, feed_documents, looks_like_feed
from .fetch import Fetcher
from .html import html_document
from .jsonin import json_documents
from .text import make_info
from .textscrape import scrape_text

Item = DocumentInfo | InputError

KINDS: dict[str, str] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
_CONTENT_TYPES: tuple[tuple[str, str], ...] = (
    ("html", "html"),
    ("rss", "feed"),
    ("atom", "feed"),
    ("xml", "feed"),
    ("ndjson", "jsonl"),
    ("jsonl", "jsonl"),
    ("json", "json"),
    ("text/plain", "text"),
)
_HTML_START = re.compile(
    r"^\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html)[\s>]", re.I | re.S
)
_HTML_ANY = re.compile(r"<(?:html|head|body|p|div|article|br|h[1-6])[\s/>]", re.I)
_LETTER = re.compile(r"[^\W\d_]")
STDIN = "<stdin>"
#: How many feeds deep reading may go: 1 reads a feed's items but no feed found through an item.
MAX_FEED_DEPTH = 1


def kind_of_name(name: str) -> str | None:
    """``text``/``html``/``json``/``jsonl``/``feed`` by file name (``.gz`` looked through), else None."""
    lower = name.lower()
    if lower.endswith(".gz"):
        lower = lower[:-3]
    return KINDS.get(Path(lower).suffix)


def _kind_of_content_type(content_type: str | None) -> str | None:
    ct = (content_type or "").split(";")[0].strip().lower()
    for needle, kind in _CONTENT_TYPES:
        if needle in ct:
            return kind
    return None


def _sniff(text: str, hint: str | None) -> str:
    if declares_entities(text):
        return "dtd"
    if looks_like_feed(text):
        return "feed"
    if hint in ("json", "jsonl"):
        return hint
    if hint == "html" or _HTML_START.match(text[:4096]):
        return "html"
    if hint is None:
        s = text.lstrip()[:1]
        if s in ("{", "["):
            return "json"
        if _HTML_ANY.search(text[:4096]):
            return "html"
    if hint == "feed":
        return "not-a-feed"
    return "text"


class Reader:
    """Reads inputs under one settings object, sharing one fetcher for the whole batch."""

    def __init__(self, settings: Settings, fetcher: Fetcher | None = None) -> None:
        self.settings = settings
        self.fetcher = fetcher or Fetcher(settings)
        #: the feeds being read now, outermost first: each as the names it goes by
        self._feeds: list[set[str]] = []

    def read(self, inp: str) -> Iterator[Item]:
        try:
            if inp == "-":
                yield from self._stdin()
            elif re.match(r"^[a-zA-Z][a-zA-Z0-9+.-]*://", inp):
                yield from self._url(inp)
            else:
                yield from self._path(Path(inp), inp)
        except InputError as exc:
            yield exc

    def _stdin(self) -> Iterator[Item]:
        data = sys.stdin.buffer.read(self.settings.max_bytes + 1)
        yield from self._bytes(self._capped(data, STDIN), STDIN, None)

    def _url(self, url: str) -> Iterator[Item]:
        if urlsplit(url).scheme.lower() not in ("http", "https"):
            raise UnsupportedInputError(
                url, "only http:// and https:// URLs are supported; give a local path instead"
            )
        got = self.fetcher.fetch(url)
        hint = _kind_of_content_type(got.content_type) or kind_of_name(urlsplit(got.final_url).path)
        yield from self._bytes(got.data, url, hint, url=got.final_url, content_type=got.content_type)

    def _path(self, path: Path, name: str) -> Iterator[Item]:
        if path.is_dir():
            yield from self._directory(path)
            return
        if not path.exists():
            raise UnreadableInputError(name, "no such file or directory; check the path")
        hint = kind_of_name(path.name)
        if hint is None and path.suffix and path.suffix.lower() != ".gz":
            self._unsupported(path, name)
        try:
            if path.stat().st_size > self.settings.max_bytes:
                raise InputTooLargeError(
                    name,
                    f"the file has {path.stat().st_size:,} bytes, over max_bytes={self.settings.max_bytes:,}",
                )
            data = path.read_bytes()
        except OSError as exc:
            raise UnreadableInputError(
                name, f"cannot read the file ({exc.strerror or exc}); check its permissions"
            ) from exc
        yield from self._bytes(data, name, hint)

    def _unsupported(self, path: Path, name: str) -> None:
        try:
            with path.open("rb") as fh:
                head = fh.read(8192)
        except OSError as exc:
            raise UnreadableInputError(name, f"cannot read the file ({exc.strerror or exc})") from exc
        reason = binary_reason(head)
        if reason:
            check_text_bytes(head, name)
        raise UnsupportedInputError(
            name,
            f"unsupported file type {path.suffix!r}; give .txt, .html, .json, .jsonl, an RSS/Atom feed or their .gz",
        )

    def _directory(self, root: Path) -> Iterator[Item]:
        files = sorted(
            p
            for p in root.rglob("*")
            if p.is_file()
            and not any(part.startswith(".") for part in p.relative_to(root).parts)
            and kind_of_name(p.name) is not None
        )
        if not files:
            yield EmptyInputError(str(root), "the directory holds no .txt/.html/.json/.jsonl/feed files")
        for p in files:
            try:
                yield from self._path(p, str(p))
            except InputError as exc:
                yield exc

    def _capped(self, data: bytes, source: str) -> bytes:
        if len(data) > self.settings.max_bytes:
            raise InputTooLargeError(source, f"the input passes max_bytes={self.settings.max_bytes:,}")
        return data

    def _bytes(
        self,
        data: bytes,
        source: str,
        hint: str | None,
        *,
        url: str | None = None,
        content_type: str | None = None,
    ) -> Iterator[Item]:
        if data.startswith(GZIP_MAGIC):
            data = gunzip(data, source, self.settings.max_bytes)
            content_type = None
        if not data.strip():
            raise EmptyInputError(source, "the input is empty")
        text = decode_bytes(data, source, content_type)
        kind = _sniff(text, hint)
        if kind == "dtd":
            raise MalformedInputError(source, DTD_REFUSED)
        if kind == "feed":
            if len(self._feeds) >= MAX_FEED_DEPTH:
                raise UnsupportedInputError(
                    source, "it is a feed, not an article page; feeds linked from feed items are not followed"
                )
            self._feeds.append({urldefrag(name).url for name in (source, url) if name})
            try:
                yield from feed_documents(data, source, self.settings, self._feed_page, base_url=url)
            finally:
                self._feeds.pop()
        elif kind in ("json", "jsonl"):
            yield from json_documents(text, source, self.settings, lines=kind == "jsonl")
        elif kind == "html":
            yield html_document(text, source, url=url, settings=self.settings)
        elif kind == "not-a-feed":
            raise MalformedInputError(
                source, "the file is XML but not an RSS/Atom feed (no <rss>, <feed> or <rdf:RDF> root)"
            )
        else:
            yield self._text(text, source, url)

    def _text(self, text: str, source: str, url: str | None) -> Item:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        if len(text) > self.settings.max_chars:
            return InputTooLargeError(
                source, f"the text has {len(text):,} characters, over max_chars={self.settings.max_chars:,}"
            )
        page = scrape_text(text)
        if not page.body.strip():
            return EmptyInputError(source, "no article text left after removing page furniture")
        if not _LETTER.search(page.body):
            return EmptyInputError(source, "the text has no words; give an article body")
        return make_info(
            page.body,
            source,
            url=url,
            publisher=page.publisher,
            headline=page.headline,
            authors=page.authors,
            published=page.published or self.settings.published,
        )

    def _feed_page(self, link: str) -> Item:
        if any(urldefrag(link).url in names for names in self._feeds):
            return UnsupportedInputError(link, "it links back to the feed being read; not followed")
        items = list(self.read(link))
        first = items[0] if items else EmptyInputError(link, "nothing came back")
        return first


def _one_line(item: Item) -> Item:
    """Errors print as one line: collapse whitespace (parser messages may hold newlines)."""
    if isinstance(item, InputError) and any(c in item.reason for c in "\r\n\t"):
        return type(item)(item.source, " ".join(item.reason.split()))
    return item


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[Item]:
    """Every document (or the error naming its input) of ``inputs``, in order."""
    reader = Reader(settings)
    try:
        for inp in inputs:
            try:
                for item in reader.read(inp):
                    yield _one_line(item)
            except InputError as exc:
                yield _one_line(exc)
            except RecursionError:  # a parser (JSON, markup) lost in hostile nesting
                yield MalformedInputError(
                    inp,
                    "cannot read this input: it is nested too deeply (markup or JSON hundreds of "
                    "levels inside each other); check that it is a news article",
                )
            except Exception as exc:  # a parser bug on hostile input must not end the batch
                yield _one_line(
                    MalformedInputError(inp, f"cannot read this input ({type(exc).__name__}: {exc})")
                )
    finally:
        reader.fetcher.close()
