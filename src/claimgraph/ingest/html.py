"""HTML pages: body text and metadata through trafilatura, then our own cleaning.

trafilatura runs with comments left out and precision favoured (the settings that scored
best on the article-extraction benchmark, see ``bench/eval_articles.py``), and once more
with its defaults: when the precise reading kept less than half of the default one's words,
its rules dropped article, not furniture, and the default reading is taken (this is what
holds across the many-domain WCXB pages, ``bench/eval_wcxb.py``). A short result is checked
against a recall-favouring run (a notice kept, the article lost); last a plain
block-by-block text rendering is tried, so a short page still yields its text. The body
keeps paragraphs separated by blank lines; furniture lines left at the edges
(share/subscribe/"Read more") are trimmed.

Headline, authors and publication time are chosen in :mod:`.pagemeta` from the page's own
markup (``<h1>``, JSON-LD, ``<meta>``, the visible byline and dates), with trafilatura's
readings as candidates among them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TypedDict

from lxml import etree
from lxml import html as lxml_html

from ..config import Settings
from ..errors import EmptyInputError, InputError, InputTooLargeError, MalformedInputError
from ..models import DocumentInfo
from .dates import normalise_datetime
from .decode import decode_bytes
from .furniture import is_edge_furniture, is_furniture, is_reader_pitch, words
from .pagemeta import (
    choose_published,
    meta_map,
    page_authors,
    page_headline,
    page_modified,
    page_published,
)
from .text import make_info

#: The precise extraction gives way to the default one when it keeps less than this share of its words.
PRECISE_SHARE = 0.5
#: Below this many words a precise extraction is checked against a recall-favouring one.
SHORT_WORDS = 200
#: ... and replaced by it when the precise one has less than this share of its words.
SHORT_SHARE = 0.4


class _ExtractFlags(TypedDict):
    include_comments: bool
    include_tables: bool
    include_images: bool
    include_links: bool


_EXTRACT: _ExtractFlags = {
    "include_comments": False,
    "include_tables": True,
    "include_images": False,
    "include_links": False,
}

#: Where the publisher's name is read: og:site_name first, trafilatura's sitename next, then these.
_SITE_META = ("application-name", "publisher", "dc.publisher", "twitter:site")
_BLOCKS = frozenset(
    "p div li h1 h2 h3 h4 h5 h6 blockquote pre tr td th dd dt section article header footer "
    "figcaption caption br table ul ol main aside nav".split()
)
_DROP = frozenset(
    "script style noscript template iframe object embed svg canvas form button select textarea head".split()
)
_TRUNCATED = re.compile(r"<[^>]*\Z")
_LETTER = re.compile(r"[^\W\d_]")
_SPACES = re.compile(r"[ \t\u00a0\u200b]+")


@dataclass(slots=True)
class PageMeta:
    """What trafilatura read besides the body: candidates for :mod:`.pagemeta`'s choices."""

    publisher: str | None = None
    title: str | None = None
    author: str | None = None
    date: str | None = None
    url: str | None = None


def parse_tree(text: str, source: str) -> etree._Element:
    """An lxml tree of ``text`` (an XML declaration inside a ``str`` is tolerated)."""
    text = re.sub(r"^\s*<\?xml[^>]*>", "", text, count=1)
    try:
        tree = lxml_html.document_fromstring(
            text, parser=lxml_html.HTMLParser(huge_tree=False, remove_comments=True)
        )
    except (etree.ParserError, ValueError, etree.XMLSyntaxError) as exc:
        raise MalformedInputError(
            source, f"the HTML cannot be parsed ({exc}); check that it is a web page"
        ) from exc
    if tree is None:
        raise MalformedInputError(source, "the HTML cannot be parsed; check that it is a web page")
    return tree


def _page_publisher(tree: etree._Element, keys: tuple[str, ...]) -> str | None:
    meta = meta_map(tree)
    for k in keys:
        if meta.get(k) and not meta[k].startswith("http"):
            return meta[k].lstrip("@")
    return None


def block_text(tree: etree._Element) -> str:
    """Every visible text block of ``tree``, one paragraph per block (scripts and forms dropped)."""
    parts: list[str] = []
    buf: list[str] = []

    def flush() -> None:
        line = _SPACES.sub(" ", "".join(buf)).strip()
        if line:
            parts.append(line)
        buf.clear()

    def walk(el: etree._Element) -> None:
        tag = el.tag if isinstance(el.tag, str) else ""
        if tag in _DROP:
            if el.tail:
                buf.append(el.tail)
            return
        block = tag in _BLOCKS
        if block:
            flush()
        if el.text and tag:
            buf.append(el.text)
        for child in el:
            walk(child)
        if block:
            flush()
        if el.tail:
            buf.append(el.tail)

    body = tree.find("body")
    walk(body if body is not None else tree)
    flush()
    return "\n".join(parts)


def clean_body(text: str) -> str:
    """Paragraphs separated by blank lines; furniture trimmed from both ends and dropped inside."""
    lines = [_SPACES.sub(" ", ln).strip() for ln in text.replace("\r", "\n").split("\n")]
    lines = [ln for ln in lines if ln]
    while lines and (is_edge_furniture(lines[0]) or is_reader_pitch(lines[0])):
        lines.pop(0)
    while lines and (is_edge_furniture(lines[-1]) or is_reader_pitch(lines[-1])):
        lines.pop()
    return "\n\n".join(ln for ln in lines if not is_furniture(ln))


def _norm(s: str) -> str:
    return " ".join(re.findall(r"\w+", s.casefold()))


def drop_headline(body: str, headline: str | None) -> str:
    """``body`` without a first paragraph that only repeats the headline."""
    if not headline or not body:
        return body
    first, _, rest = body.partition("\n\n")
    return rest if rest and _norm(first) == _norm(headline) else body


def _extract_once(
    text: str, url: str | None, meta: PageMeta, *, favor_precision: bool = False, favor_recall: bool = False
) -> str:
    import trafilatura
    from trafilatura.settings import Document as TrafilaturaDocument

    doc = trafilatura.bare_extraction(
        text,
        url=url,
        with_metadata=True,
        favor_precision=favor_precision,
        favor_recall=favor_recall,
        **_EXTRACT,
    )
    if not isinstance(doc, TrafilaturaDocument):  # None when nothing was extracted
        return ""
    meta.title = meta.title or doc.title
    meta.publisher = meta.publisher or doc.sitename
    meta.author = meta.author or doc.author
    meta.date = meta.date or normalise_datetime(doc.date)
    meta.url = meta.url or doc.url
    return drop_headline(clean_body(doc.text or ""), meta.title)


def _extract(text: str, url: str | None) -> tuple[str, PageMeta]:
    """Precision-favouring extraction, checked against trafilatura's default reading.

    The precise rules drop blocks they doubt; on most pages those are furniture, but on some
    they are half the article (a list-shaped guide, a page of short paragraphs). So the
    default reading is taken when the precise one kept less than :data:`PRECISE_SHARE` of
    its words. A result still short (under :data:`SHORT_WORDS` words) is often a notice or a
    teaser kept while the article was lost; then the recall-favouring run is taken if the
    result has less than :data:`SHORT_SHARE` of its words.
    """
    meta = PageMeta(url=url)
    body = _extract_once(text, url, meta, favor_precision=True)
    default = _extract_once(text, url, meta)
    n = words(body)
    if n < PRECISE_SHARE * words(default):
        body, n = default, words(default)
    if n >= SHORT_WORDS:
        return body, meta
    wide = _extract_once(text, url, meta, favor_recall=True)
    return (wide if n < SHORT_SHARE * words(wide) else body), meta


def html_document(
    data: bytes | str,
    source: str,
    *,
    url: str | None = None,
    settings: Settings,
    content_type: str | None = None,
) -> DocumentInfo | InputError:
    """One HTML page as a :class:`DocumentInfo`, or the :class:`InputError` that says why not."""
    try:
        text = decode_bytes(data, source, content_type) if isinstance(data, bytes) else data
        if not text.strip():
            raise EmptyInputError(source, "the page is empty")
        tree = parse_tree(text, source)
        publisher = _page_publisher(tree, ("og:site_name",))
        fallback_publisher = _page_publisher(tree, _SITE_META)
        body, meta = _extract(text, url)
        page_text = block_text(tree)
        if not body:
            body = clean_body(page_text)
        if not body and _TRUNCATED.search(text):
            raise MalformedInputError(
                source, "the HTML ends inside a tag and yields no text; it looks truncated, fetch it again"
            )
        if not body:
            raise EmptyInputError(
                source, "no article text found in the page (only markup, scripts or navigation)"
            )
        if not _LETTER.search(body):
            raise MalformedInputError(source, "the page has no readable words; it may be broken HTML")
        if len(body) > settings.max_chars:
            raise InputTooLargeError(
                source,
                f"the article text has {len(body):,} characters, over max_chars={settings.max_chars:,}",
            )
    except InputError as exc:
        return exc
    site = publisher or meta.publisher or fallback_publisher
    headline = page_headline(tree, meta.title, site, url or meta.url)
    published = choose_published([page_published(tree), meta.date, page_modified(tree)], page_text)
    return make_info(
        drop_headline(body, headline),
        source,
        url=url or meta.url,
        publisher=site,
        headline=headline,
        authors=page_authors(tree, meta.author, [site or "", fallback_publisher or ""], page_text),
        published=published or settings.published,
    )
