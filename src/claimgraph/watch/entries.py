"""The keys of a feed's items (GUID and link), read before any item page is fetched.

The ingest layer's :func:`~claimgraph.ingest.feeds.feed_documents` turns a feed into one
document per item, in the feed's order; :func:`entry_keys` reads the same feed the same way
(feedparser, or JSON Feed) and gives each item's GUID and absolute link in that order, so the
watcher can skip the items it has seen without fetching their pages. A feed that declares a
DTD with entities is refused before any parser sees it, exactly as ``ingest`` refuses it.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin

from ..config import Settings
from ..errors import MalformedInputError
from ..ingest.decode import GZIP_MAGIC, decode_bytes, gunzip
from ..ingest.feeds import DTD_REFUSED, declares_entities, looks_like_feed


@dataclass(slots=True)
class EntryKey:
    """One feed item as the watcher knows it before reading it."""

    guid: str | None
    link: str | None


def _absolute(link: str, base: str) -> str:
    return urljoin(base, link) if link and base.startswith(("http://", "https://")) else link


def _json_entries(data: bytes, base: str) -> list[EntryKey] | None:
    try:
        obj = json.loads(data.decode("utf-8-sig", errors="replace"))
    except (ValueError, RecursionError):
        return None
    if not isinstance(obj, dict) or "jsonfeed.org" not in str(obj.get("version", "")):
        return None
    base = base or str(obj.get("home_page_url") or "")
    out = []
    for it in obj.get("items") or []:
        if not isinstance(it, dict):
            continue
        guid = it.get("id")
        link = str(it.get("url") or it.get("external_url") or "").strip()
        out.append(EntryKey(str(guid) if guid not in (None, "") else None, _absolute(link, base) or None))
    return out


def _xml_entries(data: bytes, base: str) -> list[EntryKey]:
    import feedparser

    parsed: Any = feedparser.parse(data, sanitize_html=True, resolve_relative_uris=True)
    feed = parsed.get("feed") or {}
    base = base or feed.get("link") or ""
    out = []
    for entry in parsed.get("entries") or []:
        guid = (entry.get("id") or "").strip() or None
        link = (entry.get("link") or "").strip()
        out.append(EntryKey(guid, _absolute(link, base) or None))
    return out


def entry_keys(data: bytes, source: str, settings: Settings, base_url: str | None = None) -> list[EntryKey] | None:
    """Each item's GUID and link, in feed order; ``None`` when ``data`` is not a feed.

    Raises :class:`~claimgraph.errors.InputError` for what the ingest layer refuses
    (a DTD with entities, an oversize gzip, undecodable bytes).
    """
    if data.startswith(GZIP_MAGIC):
        data = gunzip(data, source, settings.max_bytes)
    text = decode_bytes(data, source, None)
    if declares_entities(text):
        raise MalformedInputError(source, DTD_REFUSED)
    if not looks_like_feed(text):
        return None
    base = base_url or ""
    if data.lstrip()[:1] == b"{":
        got = _json_entries(data, base)
        if got is not None:
            return got
    return _xml_entries(data, base)
