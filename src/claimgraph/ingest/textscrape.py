"""Plain-text page scrapes: find the article body and read the header around it.

A scrape of a news page (copy-paste or a text dump) has a header block before the first
real paragraph — masthead, site date, headline (often twice), dateline, byline, "Read more"
— and a trailer after the last one — subscription pitches, social links, "Latest". The body
runs from the first unit that is not header to the last real paragraph, minus furniture
lines in between. Rules are general (position, line shape, the furniture lexicon); a bare
article body, or a BBC-style file (headline, blank line, body), passes through with only
the headline taken off.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from .dates import DateHit, find_dates
from .furniture import is_edge_furniture, is_furniture, is_paragraph, is_reader_pitch, is_sentence, words

_DOMAIN = re.compile(r"^(?:www\.)?(?P<name>[A-Za-z0-9][\w-]*)(?:\.[A-Za-z]{2,6}){1,2}$")
_BY = re.compile(r"^(?:written |reported |words |text )?by\s*:?\s+(?P<names>.+)$", re.IGNORECASE)
_NAME_SPLIT = re.compile(r"\s*(?:,\s*(?:and\s+)?|\s+and\s+|\s*&\s*)\s*", re.IGNORECASE)
_NAME_TOKEN = re.compile(
    r"^(?:[A-Z][a-zà-ÿ'’\-]+(?:-[A-Z][a-zà-ÿ'’]+)?|[A-Z]\.(?:[A-Z]\.)?|Mc[A-Z][a-z]+|O[’'][A-Z][a-z]+)$"
)
_PARTICLES = frozenset(
    {
        "de",
        "van",
        "von",
        "der",
        "den",
        "al",
        "el",
        "bin",
        "ibn",
        "la",
        "le",
        "da",
        "del",
        "di",
        "du",
        "dos",
        "bint",
    }
)
_NOT_NAME = frozenset(
    """news latest home world politics business opinion editorial analysis sport sports
    culture tech technology science health economy society region regions staff reporter
    correspondent desk editor editors agency agencies wire press read more share subscribe
    live video photo photos breaking report reports update updates today daily weekly times
    post herald tribune journal gazette monday tuesday wednesday thursday friday saturday
    sunday january february march april may june july august september october november
    december comments comment follow contact about privacy terms menu search login the a an
    of v vs""".split()
)
_ROLE_TAIL = re.compile(r"\s*[,|–—-]\s*(?P<tail>.*)$")
_ROLE_WORDS = re.compile(
    r"\b(?:reporter|correspondent|editor|writer|staff|contributor|columnist|analyst|journalist|"
    r"bureau|chief|senior|news|agency|desk|for|in)\b",
    re.IGNORECASE,
)
_PROSE_LINE = 40
#: A sentence of at least this many words after the last long paragraph still belongs to the body.
_CLOSING_WORDS = 10


@dataclass(slots=True)
class Unit:
    """A line (or a hard-wrapped paragraph block) of the scrape."""

    text: str
    first_line: int


@dataclass(slots=True)
class Scrape:
    body: str
    headline: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None


def _units(text: str) -> list[Unit]:
    """Blank-line blocks that read as one wrapped paragraph stay whole; others split by line."""
    units: list[Unit] = []
    lines = text.split("\n")
    block: list[tuple[int, str]] = []
    for i, line in enumerate([*lines, ""]):
        if line.strip():
            block.append((i, line.rstrip()))
            continue
        if not block:
            continue
        joined = " ".join(s.strip() for _, s in block)
        if _wrapped([s.strip() for _, s in block]) and is_paragraph(joined):
            units.append(Unit("\n".join(s.strip() for _, s in block), block[0][0]))
        else:
            units.extend(Unit(s.strip(), j) for j, s in block)
        block = []
    return units


def _wrapped(lines: list[str]) -> bool:
    """A hard-wrapped paragraph: long lines that mostly break mid-sentence, none of them furniture."""
    if len(lines) < 2 or any(len(s) < _PROSE_LINE for s in lines[:-1]):
        return False
    if sum(is_sentence(s) for s in lines[:-1]) * 2 > len(lines) - 1:
        return False
    return not any(is_edge_furniture(s) for s in lines)


def _date_line(text: str) -> DateHit | None:
    """The date of a line that is (nearly) only a dateline."""
    hits = find_dates(text)
    if not hits:
        return None
    rest = text[: hits[0].start] + text[hits[-1].end :]
    return hits[0] if words(rest) <= 4 and not is_sentence(text) or words(text) <= 8 else None


def _name_ok(name: str) -> bool:
    toks = name.split()
    if not 2 <= len(toks) <= 5:
        return False
    real = [t for t in toks if t.lower() not in _PARTICLES]
    if len(real) < 2 or len(real) > 4:
        return False
    return all(_NAME_TOKEN.match(t) and t.lower().strip(".") not in _NOT_NAME for t in real)


def byline_names(line: str) -> list[str]:
    """Person names of a byline line ("By A and B", "A, Staff writer", "Akbar Novruz"), else []."""
    s = line.strip().strip("|·•").strip()
    m = _BY.match(s)
    if m:
        parts = _NAME_SPLIT.split(m.group("names").split("|")[0].strip())
        names = [_ROLE_TAIL.sub("", p).strip() if not _name_ok(p) else p for p in parts]
        return [n for n in names if _name_ok(n)]
    if is_sentence(s) and not s.endswith(".") or words(s) > 8:
        return []
    if _name_ok(s):
        return [s]
    m = _ROLE_TAIL.search(s)
    if m and _ROLE_WORDS.search(m.group("tail")) and _name_ok(s[: m.start()].strip()):
        return [s[: m.start()].strip()]
    return []


def _publisher_of(line: str) -> str | None:
    m = _DOMAIN.match(line.strip())
    return m.group("name") if m else None


def _headline_ok(text: str) -> bool:
    n = words(text)
    end = text.rstrip()
    stops = end.endswith((".", ":", ",", ";")) and not end.endswith(("...", "…"))
    return 2 <= n <= 30 and not stops and not is_furniture(text)


def _masthead_ok(first: str, units: list[Unit], later_heads: list[int]) -> bool:
    """A first line like "CNN" or "The Daily Star": a short name above a longer headline."""
    toks = first.split()
    if not 1 <= len(toks) <= 3 or len(first) > 30 or is_sentence(first):
        return False
    if not all(t[:1].isupper() or t[:1].isdigit() for t in toks):
        return False
    return any(i > 0 and words(units[i].text) >= max(4, len(toks) + 2) for i in later_heads)


@dataclass(slots=True)
class _Header:
    consumed: set[int] = field(default_factory=set)
    headline: str | None = None
    publisher: str | None = None
    authors: list[str] = field(default_factory=list)
    dates: list[tuple[int, DateHit]] = field(default_factory=list)


def _read_header(units: list[Unit]) -> _Header:
    h = _Header()
    seen: dict[str, int] = {}
    for u in units:
        seen[u.text] = seen.get(u.text, 0) + 1
    for i, u in enumerate(units):
        prose = is_sentence(u.text) and words(u.text) >= 8
        if (hit := _date_line(u.text)) is not None:
            h.dates.append((i, hit))
            h.consumed.add(i)
        elif is_furniture(u.text) or (is_edge_furniture(u.text) and not prose):
            h.consumed.add(i)
        elif h.publisher is None and not h.consumed and (pub := _publisher_of(u.text)):
            h.publisher = pub
            h.consumed.add(i)
    free = [i for i in range(len(units)) if i not in h.consumed]
    heads = [i for i in free if _headline_ok(units[i].text) and not byline_names(units[i].text)]
    if h.publisher is None and free and free[0] == 0 and _masthead_ok(units[0].text, units, heads):
        h.publisher = units[0].text
        h.consumed.add(0)
        free, heads = free[1:], [i for i in heads if i != 0]
    if heads:
        best = max(heads, key=lambda i: (seen[units[i].text] > 1, -i))
        h.headline = units[best].text
        h.consumed.update(i for i in free if units[i].text == h.headline)
    for i in free:
        if i in h.consumed:
            continue
        names = byline_names(units[i].text)
        if names:
            h.consumed.add(i)
            h.authors.extend(n for n in names if n not in h.authors)
    return h


def _published(h: _Header, headline_at: int | None) -> str | None:
    if not h.dates:
        return None

    def rank(item: tuple[int, DateHit]) -> tuple[int, int, int, int]:
        i, hit = item
        label = 0 if hit.label == "updated" or hit.label == "modified" else 1
        after = 1 if headline_at is not None and i > headline_at else 0
        return (hit.has_time, label, after, -i)

    return max(h.dates, key=rank)[1].iso


def _body_end(units: list[Unit], start: int) -> int:
    """Index one past the last body unit: the last real paragraph plus short closing sentences."""
    last = None
    for i in range(len(units) - 1, start - 1, -1):
        t = units[i].text
        if (
            words(t) >= _CLOSING_WORDS
            and is_sentence(t)
            and not is_edge_furniture(t)
            and not is_reader_pitch(t)
        ):
            last = i
            break
    if last is None:
        return len(units)
    end = last + 1
    while end < len(units):
        t = units[end].text
        if is_edge_furniture(t) or is_reader_pitch(t):
            break
        end += 1
    return end


def scrape_text(text: str) -> Scrape:
    """Split a plain-text page into header metadata and the article body."""
    units = _units(text)
    if not units:
        return Scrape(body="")
    first = next((i for i, u in enumerate(units) if is_paragraph(u.text)), None)
    if first is None:
        first = next(
            (i for i, u in enumerate(units) if is_sentence(u.text) and words(u.text) >= 8), len(units)
        )
    header = _read_header(units[:first])
    start = max(header.consumed, default=-1) + 1
    end = _body_end(units, start)
    body_units = [u.text for u in units[start:end] if not is_furniture(u.text)]
    headline_at = next((i for i in sorted(header.consumed) if units[i].text == header.headline), None)
    return Scrape(
        body="\n\n".join(body_units),
        headline=header.headline,
        publisher=header.publisher,
        authors=header.authors,
        published=_published(header, headline_at),
    )
