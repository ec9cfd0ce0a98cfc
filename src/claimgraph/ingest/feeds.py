"""RSS / Atom / JSON Feed inputs: one document per item, its page fetched, feed metadata kept.

Each item's link is fetched (through the same :class:`~.fetch.Fetcher`, so the same SSRF and
size rules hold) and its page extracted; the item's feed metadata — title as headline, author,
published time, and the feed's own title as publisher — wins over the page's. When the link
cannot be fetched or yields no text, the item's own content or summary stands in if it has at
least :data:`MIN_FALLBACK_WORDS` words; otherwise the item becomes an error naming its link.
(The reader never follows a feed from a feed item: see ``sources.MAX_FEED_DEPTH``.)

XML that declares a DTD with an internal subset (``<!DOCTYPE rss [ <!ENTITY ...> ]>``) is
refused before any parser sees it (:func:`declares_entities`): its entities can expand to
gigabytes ("billion laughs"). A plain ``<!DOCTYPE rss PUBLIC "..." "...">`` (RSS 0.91) is read.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin

from ..config import Settings
from ..errors import EmptyInputError, FetchError, InputError, MalformedInputError
from ..models import DocumentInfo
from .dates import normalise_datetime
from .furniture import words
from .html import block_text, clean_body, parse_tree
from .text import SourceMeta, make_info

MIN_FALLBACK_WORDS = 60
_FEED_ROOT = re.compile(
    r"^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*|<!DOCTYPE[^>]*>\s*)*"
    r"<(?:rss|feed|rdf:RDF|RDF)[\s>]",
    re.IGNORECASE | re.DOTALL,
)
_DTD_SUBSET = re.compile(
    r"^(?:\ufeff)?\s*(?:<\?xml[^>]*>\s*)?(?:<!--.*?-->\s*|<\?[^>]*>\s*)*<!DOCTYPE\s[^>\[]*\[",
    re.IGNORECASE | re.DOTALL,
)
#: The refusal, for an input whose DTD declares entities.
DTD_REFUSED = (
    "it declares a DTD with its own entities (<!DOCTYPE ... [ <!ENTITY ...> ]>); claimgraph refuses "
    "feeds and XML that declare a DTD or entities, because entity expansion can blow up to "
    "gigabytes; remove the DOCTYPE declaration"
)
_JSON_FEED = re.compile(r'"version"\s*:\s*"https?://jsonfeed\.org/', re.IGNORECASE)

#: ``(link) -> document or error``: how a feed item's page is fetched and read.
PageReader = Callable[[str], DocumentInfo | InputError]


def looks_like_feed(text: str) -> bool:
    """True when ``text`` is an RSS, Atom or RDF document, or a JSON Feed (by content)."""
    head = text[:4096]
    if _FEED_ROOT.match(head):
        return True
    return head.lstrip().startswith("{") and bool(_JSON_FEED.search(head))


def declares_entities(text: str) -> bool:
    """True when ``text`` opens with a DOCTYPE that has an internal subset (where entities live)."""
    return bool(_DTD_SUBSET.match(text[:65536]))


def _iso(entry: Any, key: str) -> str | None:
    raw = entry.get(key)
    iso = normalise_datetime(raw) if isinstance(raw, str) else None
    if iso:
        return iso
    parsed = entry.get(f"{key}_parsed")
    if parsed:
        try:
            return datetime(*parsed[:6]).replace(tzinfo=UTC).isoformat()
        except (TypeError, ValueError):
            return None
    return None


def _authors(entry: Any) -> list[str]:
    names: list[str] = []
    for a in entry.get("authors") or []:
        name = (a.get("name") or "").strip() if isinstance(a, dict) else ""
        if name and name not in names:
            names.append(name)
    if not names and isinstance(entry.get("author"), str) and entry["author"].strip():
        names.append(entry["author"].strip())
    return names


def _fragment_text(html: str, source: str) -> str:
    if not html.strip():
        return ""
    if "<" not in html:
        return html.strip()
    try:
        return clean_body(block_text(parse_tree(f"<html><body>{html}</body></html>", source)))
    except InputError:
        return ""


def _item_text(entry: Any, source: str) -> str:
    best = ""
    for c in entry.get("content") or []:
        text = _fragment_text(c.get("value") or "", source)
        if len(text) > len(best):
            best = text
    summary = _fragment_text(entry.get("summary") or "", source)
    return best if len(best) >= len(summary) else summary


def _item(
    entry: Any,
    n: int,
    base: str,
    publisher: str | None,
    read_page: PageReader,
    settings: Settings,
    feed_source: str,
) -> DocumentInfo | InputError:
    link = (entry.get("link") or "").strip()
    link = urljoin(base, link) if link and base.startswith(("http://", "https://")) else link
    source = link or f"{feed_source}#{n}"
    meta: SourceMeta = {
        "url": link or None,
        "publisher": publisher,
        "headline": (entry.get("title") or "").strip() or None,
        "authors": _authors(entry),
    }
    published = _iso(entry, "published") or _iso(entry, "updated")
    page: DocumentInfo | InputError | None = None
    if link.startswith(("http://", "https://")):
        page = read_page(link)
        if isinstance(page, DocumentInfo):
            page.source = source
            page.url = page.url or link
            page.publisher = publisher or page.publisher
            page.headline = meta["headline"] or page.headline
            page.authors = meta["authors"] or page.authors
            page.published = published or page.published
            return page
    text = _item_text(entry, source)
    if words(text) >= MIN_FALLBACK_WORDS:
        return make_info(text, source, published=published or settings.published, **meta)
    why = page.reason if isinstance(page, InputError) else "it has no http(s) link"
    return FetchError(
        source,
        f"the feed item cannot be read: {why}; and its feed content/summary is too short "
        f"({words(text)} words) to stand in for the article",
    )


def _json_feed(data: bytes, source: str) -> dict[str, Any] | None:
    """A JSON Feed (jsonfeed.org) in feedparser's shape, or None when ``data`` is not one."""
    import json

    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except ValueError:
        return None
    except RecursionError as exc:
        raise MalformedInputError(
            source, "the JSON Feed is nested too deeply to read (hundreds of levels); check the feed"
        ) from exc
    if not isinstance(obj, dict) or "jsonfeed.org" not in str(obj.get("version", "")):
        return None
    entries = []
    for it in obj.get("items") or []:
        if not isinstance(it, dict):
            continue
        authors = it.get("authors") or ([it["author"]] if isinstance(it.get("author"), dict) else [])
        body = it.get("content_html") or it.get("content_text") or ""
        entries.append(
            {
                "link": it.get("url") or it.get("external_url") or "",
                "title": it.get("title") or "",
                "authors": [a for a in authors if isinstance(a, dict)],
                "published": it.get("date_published"),
                "updated": it.get("date_modified"),
                "content": [{"value": body}] if isinstance(body, str) else [],
                "summary": it.get("summary") or "",
            }
        )
    return {"feed": {"title": obj.get("title"), "link": obj.get("home_page_url")}, "entries": entries}


def feed_documents(
    data: bytes, source: str, settings: Settings, read_page: PageReader, *, base_url: str | None = None
) -> Iterator[DocumentInfo | InputError]:
    """Each item of the feed in ``data`` as a document (or the error that names its link)."""
    import feedparser

    try:
        parsed = _json_feed(data, source) if data.lstrip()[:1] == b"{" else None
        parsed = parsed or feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    except InputError as exc:
        yield exc
        return
    except Exception as exc:  # feedparser raises assorted parser errors on hostile input
        yield MalformedInputError(source, f"the feed cannot be parsed ({exc}); check it is RSS/Atom")
        return
    entries = parsed.get("entries") or []
    if not entries:
        if parsed.get("bozo"):
            err = parsed.get("bozo_exception")
            yield MalformedInputError(
                source, f"the feed is not well-formed XML ({err}); check it is RSS/Atom"
            )
        else:
            yield EmptyInputError(source, "the feed has no items")
        return
    feed = parsed.get("feed") or {}
    publisher = (feed.get("title") or "").strip() or None
    base = base_url or feed.get("link") or ""
    for n, entry in enumerate(entries, start=1):
        yield _item(entry, n, base, publisher, read_page, settings, source)
