"""A page's own metadata: headline, authors and publication time, from its markup.

trafilatura reads these too (``bare_extraction``), but its reading is one guess per field.
Here each field has candidates from the places publishers put them, and a general rule picks
among them, with trafilatura's guess as one candidate:

* headline: the page's visible ``<h1>`` when there is one that agrees with the metadata
  titles (or the only one there is); else the metadata title (``og:title``, JSON-LD
  ``headline``, ``<title>``) without a trailing site name (``"... | Site"``);
* authors: the JSON-LD ``author`` of the article (``@id`` references followed), then
  ``<meta name="author">`` and its kin, then trafilatura's; names are cleaned of "By",
  dates and roles-as-prefix, and a name that only repeats a longer one, or the site name
  beside real names, is dropped;
* published: the page's own metadata first (``article:published_time``, JSON-LD
  ``datePublished``, ``<time datetime>`` ...) because those keep the time and UTC offset,
  then trafilatura's date, then the modified date; the first of these whose day is also
  *shown* on the page wins (a page that says "Updated March 3" beside a stale
  ``datePublished`` shows the date its readers see), else the first at all.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Iterator

from lxml import etree

from .dates import find_dates, normalise_datetime

DATE_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "publishdate",
    "publish-date",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "dc.date.issued",
    "dcterms.created",
    "dc.date",
    "date",
    "article.published",
    "publish_date",
    "published_time",
)
MODIFIED_META = (
    "article:modified_time",
    "og:modified_time",
    "og:updated_time",
    "datemodified",
    "dcterms.modified",
)
AUTHOR_META = (
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "cxenseparse:author",
    "dc.creator",
    "dcterms.creator",
    "byl",
)
TITLE_META = ("og:title", "twitter:title", "dc.title", "headline")

#: JSON-LD types of the thing a page is about, searched first for headline and author.
_ARTICLE_TYPES = frozenset(
    "article newsarticle blogposting reportagenewsarticle analysisnewsarticle opinionnewsarticle "
    "reviewnewsarticle backgroundnewsarticle techarticle scholarlyarticle socialmediaposting "
    "liveblogposting webpage medicalwebpage report review howto recipe".split()
)
#: How many dates shown on the page (in reading order) count as "the page's dates".
SHOWN_DATES = 12
#: Words a headline may have; a longer <h1> is a paragraph dressed as one.
HEADLINE_WORDS = 30

_TOKEN = re.compile(r"\w+")
_SITE_SEPARATOR = re.compile(r"\s+[|•·»–—-]\s+|\s+::\s+")
_NAME_PREFIX = re.compile(
    r"^(?:(?:written|posted|published|reviewed|edited|updated)\s+by|by|author|authors|"
    r"written|words|story|text)\b[\s:|]*",
    re.IGNORECASE,
)
_NAME_SPLIT = re.compile(r"\s*(?:;|\||/|,\s*and\s+|\s+and\s+|\s+&\s+)\s*")
_GENERIC_NAMES = frozenset({"the author", "author", "admin", "administrator", "unknown", "guest", "editor"})
_LETTERS = re.compile(r"[^\W\d_]")
#: A role after a name: "Jane Roe - Editorial Team", "Jane Roe | Contributor".
_ROLE_TAIL = re.compile(r"\s+[|–—-]\s+.*$")
#: A person's name as bylines write it: 2-4 capitalised words (initials, particles allowed).
_PERSON = re.compile(r"^[A-Z][\w'’.-]*(?:\s+(?:[A-Z][\w'’.-]*|de|van|von|der|da|di|la|le|del|bin|al)){1,3}$")
_AUTHOR_HREF = re.compile(r"/(?:authors?|writers?|contributors?)/[\w.-]+/?(?:$|[?#])")
_BY_LINE = re.compile(r"^(?:written by|posted by|words by|by|author)\b\s*:?\s*(?P<rest>.*)$", re.IGNORECASE)
_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?|"
    r"sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?(?!\w)"
)
#: Months that are never surnames, read as a date even without a day after them.
_LONE_MONTHS = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
#: A date after a name ("Jane Roe February 8, 2022", "Jane Roe 8 Feb", "Jane Roe November").
_TRAILING_DATE = re.compile(
    rf"\s+(?:(?:on|updated|published)\s+)?"
    rf"(?:{_MONTHS}\s+\d{{1,2}}.*|{_LONE_MONTHS}|\d{{1,2}}\s+{_MONTHS}.*|\d{{4}}-\d{{2}}.*)$",
    re.IGNORECASE,
)


def norm(text: str | None) -> str:
    """Case-folded word tokens of ``text``, space-joined (for comparing titles and names)."""
    return " ".join(_TOKEN.findall((text or "").casefold()))


def meta_map(tree: etree._Element) -> dict[str, str]:
    """``<meta>`` values by lower-cased ``property``/``name``/``itemprop`` (first one wins)."""
    out: dict[str, str] = {}
    for m in tree.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or "").strip().lower()
        val = (m.get("content") or "").strip()
        if key and val and key not in out and len(val) < 2000:
            out[key] = val
    return out


def jsonld_objects(tree: etree._Element) -> list[dict]:
    """Every JSON-LD object of the page, ``@graph`` members flattened, in document order.

    A script that is not JSON, or is nested too deeply for the parser, is skipped (the page
    is then read without it); the walk is iterative, so depth never raises.
    """
    out: list[dict] = []
    for s in tree.iter("script"):
        if (s.get("type") or "").lower() != "application/ld+json" or not s.text or len(s.text) >= 500_000:
            continue
        try:
            data = json.loads(s.text)
        except (ValueError, RecursionError):
            continue
        stack: list[object] = [data]
        while stack:
            obj = stack.pop()
            if isinstance(obj, dict):
                out.append(obj)
                stack.extend(v for v in reversed(list(obj.values())) if isinstance(v, (dict, list)))
            elif isinstance(obj, list):
                stack.extend(reversed(obj))
    return out


def jsonld_values(tree: etree._Element, key: str) -> list[object]:
    """The values of ``key`` in every JSON-LD object of the page."""
    return [o[key] for o in jsonld_objects(tree) if key in o]


def _types(obj: dict) -> set[str]:
    t = obj.get("@type")
    items = t if isinstance(t, list) else [t]
    return {x.lower() for x in items if isinstance(x, str)}


def _article_first(objects: list[dict]) -> list[dict]:
    return [o for o in objects if _types(o) & _ARTICLE_TYPES] + [
        o for o in objects if not _types(o) & _ARTICLE_TYPES
    ]


# --- headline -------------------------------------------------------------------------------


def _h1s(tree: etree._Element) -> list[str]:
    out = []
    for h in tree.iter("h1"):
        text = " ".join(h.text_content().split())
        if text and len(text.split()) <= HEADLINE_WORDS and text not in out:
            out.append(text)
    return out


def _agrees(h1: str, title: str) -> bool:
    a, b = norm(h1), norm(title)
    return bool(a and b) and (a in b or b in a)


def strip_site_name(title: str, site_names: list[str]) -> str:
    """``title`` without a leading or trailing ``"Site |"``/``"| Site"`` part naming the site."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return title
    sites = {norm(s) for s in site_names if s}
    sites |= {s.replace(" ", "") for s in sites}

    def is_site(part: str) -> bool:
        n = norm(part)
        return bool(n) and (n in sites or n.replace(" ", "") in sites)

    while len(parts) > 1 and is_site(parts[-1]):
        parts.pop()
    while len(parts) > 1 and is_site(parts[0]):
        parts.pop(0)
    return " - ".join(parts) if len(parts) > 1 else parts[0]


def _site_part(title: str, sites: set[str]) -> str:
    """The part of ``"Headline | Site"`` (or ``"Site | Headline"`` when the first part is the
    known site name) that names the site; '' for a title without parts, or when the last
    part is longer than the rest ("Left - right debate" is a headline, not "Left" on a site)."""
    parts = _SITE_SEPARATOR.split(title)
    if len(parts) < 2:
        return ""
    if norm(parts[0]) in sites:
        return parts[0]
    rest = " ".join(parts[:-1])
    return parts[-1] if len(parts[-1].split()) <= len(rest.split()) or norm(parts[-1]) in sites else ""


def _host_name(url: str | None) -> str:
    host = re.sub(r"^[a-z]+://(?:www\.)?", "", url or "", flags=re.I).split("/")[0]
    return host.rsplit(".", 1)[0] if "." in host else host


def _words(text: str) -> set[str]:
    return {w for w in norm(text).split() if len(w) >= 4}


def page_headline(
    tree: etree._Element, fallback: str | None, site: str | None, url: str | None
) -> str | None:
    """The article's headline (see the module doc); ``fallback`` is trafilatura's title.

    A lone ``<h1>`` that agrees with no metadata title is still taken when it shares a word
    with one, unless it is the site's name (a logo set as ``<h1>``, or the part of
    ``<title>`` after the separator).
    """
    meta = meta_map(tree)
    titles = [meta[k] for k in TITLE_META if k in meta]
    for obj in _article_first(jsonld_objects(tree)):
        if isinstance(obj.get("headline"), str):
            titles.append(obj["headline"])
            break
    title_el = tree.find(".//title")
    if title_el is not None and title_el.text_content().strip():
        titles.append(" ".join(title_el.text_content().split()))
    if fallback:
        titles.append(fallback)
    site_names = [site or "", meta.get("og:site_name", ""), meta.get("application-name", ""), _host_name(url)]
    sites = {norm(s) for s in site_names if norm(s)}
    ends = [_site_part(t, sites) for t in titles]
    stripped = [strip_site_name(t, [*site_names, end]) for t, end in zip(titles, ends, strict=True)]
    stripped = [x for x in stripped if norm(x) and norm(x) not in sites]
    h1s = [h for h in _h1s(tree) if norm(h) not in sites]
    for h in h1s:
        if any(_agrees(h, t) for t in stripped):
            return h
    for h in h1s:
        if any(_agrees(h, t) and norm(h) != norm(end) for t, end in zip(titles, ends, strict=True)):
            return h
    if len(h1s) == 1 and (not stripped or any(_words(h1s[0]) & _words(t) for t in stripped)):
        return h1s[0]
    if stripped:
        return stripped[0]
    return h1s[0] if h1s else (titles[0] if titles else None)


# --- authors --------------------------------------------------------------------------------


def clean_name(raw: str) -> str:
    """One author name without "By"/"Author:" in front, a date behind, or stray punctuation."""
    name = " ".join(raw.split())
    name = _NAME_PREFIX.sub("", name)
    name = _TRAILING_DATE.sub("", name)
    return name.strip(" ,;:|-–—•·")


def split_authors(raw: str | None, *, organisation: bool = False) -> list[str]:
    """Names in one author string (``"A, B and C"``); an organisation's name is kept whole."""
    if not raw or "://" in raw or raw.lstrip().startswith("www."):
        return []
    raw = html.unescape(raw)
    parts = [raw] if organisation else _NAME_SPLIT.split(raw)
    if not organisation:
        parts = [piece for part in parts for piece in _comma_names(part)]
    out: list[str] = []
    for part in parts:
        name = _ROLE_TAIL.sub("", clean_name(part)) if not organisation else clean_name(part)
        if is_name(name) and name not in out:
            out.append(name)
    return out


def _comma_names(part: str) -> list[str]:
    """``"A B, C D"`` as two names when every piece looks like one (2-4 capitalised words);
    ``"Jane Roe, Dietitian"`` stays whole."""
    pieces = [p.strip() for p in part.split(",")]
    if len(pieces) > 1 and all(2 <= len(p.split()) <= 4 and p[:1].isupper() for p in pieces):
        return pieces
    return [part]


def is_name(name: str) -> bool:
    """Could be an author's or an organisation's name: short, not a link, a handle or a placeholder."""
    return (
        len(name) >= 2
        and len(name) < 80
        and len(name.split()) <= 8
        and not name.startswith(("http", "@", "www."))
        and name.casefold() not in _GENERIC_NAMES
        and bool(_LETTERS.search(name))
    )


def _jsonld_authors(objects: list[dict]) -> tuple[list[str], bool]:
    """The article's JSON-LD author names, and whether they are all organisations."""
    by_id = {o["@id"]: o for o in objects if isinstance(o.get("@id"), str) and "name" in o}
    for obj in _article_first(objects):
        if "author" not in obj:
            continue
        value = obj["author"]
        items = value if isinstance(value, list) else [value]
        names: list[str] = []
        orgs = True
        for item in items:
            if isinstance(item, dict) and "name" not in item and isinstance(item.get("@id"), str):
                item = by_id.get(item["@id"], item)
            if isinstance(item, dict) and isinstance(item.get("name"), str):
                types = _types(item)
                org = bool(types) and "person" not in types
                orgs = orgs and org
                names += split_authors(item["name"], organisation=org)
            elif isinstance(item, str):
                orgs = False
                names += split_authors(item)
        if names:
            return names, orgs
    return [], False


def _publisher_names(objects: list[dict]) -> list[str]:
    out = []
    for obj in objects:
        pub = obj.get("publisher")
        if isinstance(pub, dict) and isinstance(pub.get("name"), str):
            out.append(pub["name"])
    return out


def prune_names(names: list[str]) -> list[str]:
    """Drop a name that only repeats part of a longer one ("Tina Huffman" beside "Tina Flint Huffman")."""
    out: list[str] = []
    for name in names:
        toks = set(norm(name).split())
        if not toks or any(toks <= set(norm(o).split()) for o in out):
            continue
        out = [o for o in out if not set(norm(o).split()) < toks]
        out.append(name)
    return out


def _is_site(name: str, sites: set[str]) -> bool:
    toks = set(norm(name).split())
    squashed = norm(name).replace(" ", "")
    return any(squashed == s.replace(" ", "") or (toks and toks <= set(s.split())) for s in sites) or any(
        set(s.split()) <= toks for s in sites if len(s.split()) >= 2
    )


def byline_authors(tree: etree._Element, page_text: str) -> tuple[list[str], bool]:
    """Authors from the visible byline, and whether the markup says so.

    Marked: ``itemprop="author"``, a ``rel="author"`` link or a link to an author's page.
    Unmarked: a "By ..." line of the page's text (a person-shaped name after it).
    """
    for el in tree.iter():
        if not isinstance(el.tag, str):
            continue
        if "author" in (el.get("itemprop") or "").lower().split():
            named = [n for n in el.iter() if isinstance(n.tag, str) and (n.get("itemprop") or "") == "name"]
            names = split_authors(" ".join((named[0] if named else el).text_content().split()))
            if names and len(names) <= 3:
                return names, True
    for a in tree.iter("a"):
        href = (a.get("href") or "").lower()
        if "author" in (a.get("rel") or "").lower() or _AUTHOR_HREF.search(href):
            names = split_authors(" ".join(a.text_content().split()))
            if len(names) == 1 and _PERSON.match(names[0]):
                return names, True
    lines = [ln.strip() for ln in page_text.split("\n") if ln.strip()]
    for i, line in enumerate(lines):
        m = _BY_LINE.match(line)
        if m:
            rest = m.group("rest") or (lines[i + 1] if i + 1 < len(lines) else "")
            names = split_authors(rest)
            if names and all(_PERSON.match(n) for n in names):
                return names, False
    return [], False


def _without_site_tail(name: str, sites: set[str]) -> str:
    """``"Jane Roe, The Daily"`` -> ``"Jane Roe"`` when the part after the comma names the site."""
    head, sep, tail = name.rpartition(",")
    return head.strip() if sep and head.strip() and _is_site(tail, sites) else name


def page_authors(
    tree: etree._Element, fallback: str | None, site_names: list[str], page_text: str = ""
) -> list[str]:
    """The article's authors (see the module doc); ``fallback`` is trafilatura's author string.

    The sources are tried in order (JSON-LD, ``<meta>``, trafilatura) and the first that
    names a person wins; then a byline the markup marks; then names that are only the
    site's or an organisation's; last a "By ..." line of the text.
    """
    objects = jsonld_objects(tree)
    sites = {norm(s) for s in [*site_names, *_publisher_names(objects)] if norm(s)}
    ld_names, ld_orgs = _jsonld_authors(objects)
    meta = meta_map(tree)
    meta_names = next((n for n in (split_authors(meta.get(k)) for k in AUTHOR_META) if n), [])
    weak: list[str] = []
    for names, orgs in ((ld_names, ld_orgs), (meta_names, False), (split_authors(fallback), False)):
        names = prune_names([_without_site_tail(n, sites) for n in names])
        if not names:
            continue
        people = [n for n in names if not _is_site(n, sites)]
        if people and not orgs:
            return people
        weak = weak or names
    shown, marked = byline_authors(tree, page_text)
    shown = prune_names([n for n in shown if not _is_site(n, sites)])
    if shown and marked:
        return shown
    return weak or shown


# --- publication time -----------------------------------------------------------------------


def _time_elements(tree: etree._Element) -> Iterator[str]:
    for t in tree.iter("time"):
        if t.get("datetime") and (
            t.get("pubdate") is not None or "publish" in (t.get("itemprop") or "").lower()
        ):
            yield t.get("datetime") or ""


def page_published(tree: etree._Element) -> str | None:
    """The publication time in the page's own metadata, with its offset when the page gives one."""
    meta = meta_map(tree)
    candidates: list[str] = [meta[k] for k in DATE_META if k in meta]
    candidates += [v for v in jsonld_values(tree, "datePublished") if isinstance(v, str)]
    candidates += list(_time_elements(tree))
    timed = [n for n in (normalise_datetime(c) for c in candidates) if n]
    with_time = [n for n in timed if "T" in n]
    best = with_time or timed
    return best[0] if best else None


def page_modified(tree: etree._Element) -> str | None:
    meta = meta_map(tree)
    candidates = [meta[k] for k in MODIFIED_META if k in meta]
    candidates += [v for v in jsonld_values(tree, "dateModified") if isinstance(v, str)]
    for c in candidates:
        n = normalise_datetime(c)
        if n:
            return n
    return None


def shown_days(page_text: str, limit: int = SHOWN_DATES) -> list[str]:
    """The calendar days (``YYYY-MM-DD``) written in the page's visible text, first ``limit``."""
    return [hit.iso[:10] for hit in find_dates(page_text[:200_000])][:limit]


def choose_published(candidates: list[str | None], page_text: str) -> str | None:
    """The first candidate whose day the page shows, else the first candidate."""
    present = [c for c in candidates if c]
    if not present:
        return None
    shown = set(shown_days(page_text))
    for c in present:
        if c[:10] in shown:
            return c
    return present[0]
