"""Date intervals from TIMEX3 values, and the time expression that applies to an event.

:func:`interval` maps a TIMEX3 value to an ISO date interval (``"2025-04"`` ->
``("2025-04-01", "2025-04-30")``). :func:`event_time` picks the expression that dates an
event trigger (attached to it in the dependency parse, else the nearest in its sentence)
and narrows the interval by the expression's modifier: "early 2025" is January to April
(ending at the publication date when that is earlier), "earlier this year" runs from
1 January to the publication date, "later this month" from the publication date to the
month's end.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timedelta
from typing import Any

from ...models import Document, EventTime, Timex

Interval = tuple[str | None, str | None]
#: An interval whose both ends are known (ISO dates).
Bounds = tuple[str, str]

_DAY = re.compile(r"^(\d{4})-(\d{2})-(\d{2})(?:T.*)?$")
_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_YEAR = re.compile(r"^(\d{4})$")
_WEEK = re.compile(r"^(\d{4})-W(\d{1,2})(-WE)?$")
_QUARTER = re.compile(r"^(\d{4})-Q([1-4])$")
_HALF = re.compile(r"^(\d{4})-H([12])$")
_SEASON = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")
_DECADE = re.compile(r"^(\d{3})$")
_CENTURY = re.compile(r"^(\d{2})$")
_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11), "WI": (12, 14)}

_EARLY = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:early|beginning\s+of|start\s+of|dawn\s+of|first\s+half\s+of)\b", re.I
)
_MID = re.compile(r"^(?:the\s+)?(?:mid|middle)\b", re.I)
_LATE = re.compile(
    r"^(?:the\s+)?(?:very\s+)?(?:late|end\s+of|close\s+of|turn\s+of|second\s+half\s+of)\b", re.I
)
_EARLIER = re.compile(r"^earlier\b", re.I)
_LATER = re.compile(r"^later\b", re.I)


def anchor_date(published: str | None) -> date | None:
    """The calendar date of an ISO publication time (its own offset kept), or ``None``."""
    if not published:
        return None
    try:
        return datetime.fromisoformat(published.strip().replace("Z", "+00:00")).date()
    except ValueError:
        m = re.match(r"(\d{4})-(\d{2})-(\d{2})", published)
        if not m:
            return None
        try:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return None


def _month_end(y: int, m: int) -> date:
    return date(y, m, calendar.monthrange(y, m)[1])


def _span(a: date, b: date) -> Bounds:
    return a.isoformat(), b.isoformat()


def _months(y: int, m1: int, m2: int) -> Bounds:
    """Months ``m1``..``m2`` of year ``y`` (``m2`` may run into the next year: 14 = Feb)."""
    y2, m2n = y + (m2 - 1) // 12, (m2 - 1) % 12 + 1
    return _span(date(y, m1, 1), _month_end(y2, m2n))


def _calendar_interval(value: str) -> Interval | None:
    if m := _DAY.match(value):
        d = date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        return _span(d, d)
    if m := _MONTH.match(value):
        y, mo = int(m.group(1)), int(m.group(2))
        return _months(y, mo, mo) if 1 <= mo <= 12 else None
    if m := _YEAR.match(value):
        return _months(int(m.group(1)), 1, 12)
    if m := _WEEK.match(value):
        monday = date.fromisocalendar(int(m.group(1)), int(m.group(2)), 1)
        if m.group(3):
            return _span(monday + timedelta(days=5), monday + timedelta(days=6))
        return _span(monday, monday + timedelta(days=6))
    if m := _QUARTER.match(value):
        q = int(m.group(2))
        return _months(int(m.group(1)), 3 * q - 2, 3 * q)
    if m := _HALF.match(value):
        h = int(m.group(2))
        return _months(int(m.group(1)), 6 * h - 5, 6 * h)
    if m := _SEASON.match(value):
        return _months(int(m.group(1)), *_SEASON_MONTHS[m.group(2)])
    if m := _DECADE.match(value):
        y = int(m.group(1)) * 10
        return _span(date(y, 1, 1), date(y + 9, 12, 31))
    if m := _CENTURY.match(value):
        y = int(m.group(1)) * 100
        return _span(date(max(y, 1), 1, 1), date(y + 99, 12, 31))
    return None


def interval(value: str, published: str | None = None) -> Interval:
    """The ISO date interval ``(start, end)`` a TIMEX3 value denotes.

    ``"2025"`` -> ``("2025-01-01", "2025-12-31")``, ``"2025-W14"`` -> Monday..Sunday,
    ``"2025-04-05T10:00"`` -> that day. ``PRESENT_REF`` is the publication date,
    ``PAST_REF`` ends and ``FUTURE_REF`` starts there; without ``published`` those, like
    durations and underspecified values (``XXXX-04-05``), give ``(None, None)``.
    """
    value = (value or "").strip()
    try:
        got = _calendar_interval(value)
    except ValueError:
        got = None
    if got is not None:
        return got
    pub = anchor_date(published)
    p = pub.isoformat() if pub else None
    if value == "PRESENT_REF":
        return p, p
    if value == "PAST_REF":
        return None, p
    if value == "FUTURE_REF":
        return p, None
    return None, None


def _third(start: str, end: str, which: int, value: str) -> Bounds:
    """The first (0), middle (1) or last (2) third of ``[start, end]``."""
    if _YEAR.match(value):
        y = int(value)
        return _months(y, 4 * which + 1, 4 * which + 4)
    a, b = date.fromisoformat(start), date.fromisoformat(end)
    n = (b - a).days + 1
    lo = a + timedelta(days=(n * which) // 3)
    hi = a + timedelta(days=(n * (which + 1)) // 3 - 1)
    return _span(lo, max(lo, hi))


def narrowed(timex: Timex, published: str | None) -> Interval:
    """The interval of ``timex`` narrowed by its modifier and clipped to the publication date."""
    start, end = interval(timex.value, published)
    if start is None or end is None:
        return start, end
    text = timex.span.text
    pub = anchor_date(published)
    p = pub.isoformat() if pub else None
    if _EARLIER.match(text) and p and start <= p <= end:
        return start, p
    if _LATER.match(text) and p and start <= p <= end:
        return p, end
    for pattern, which in ((_EARLY, 0), (_MID, 1), (_LATE, 2)):
        if pattern.match(text):
            start, end = _third(start, end, which, timex.value)
            break
    if p and start <= p < end and _EARLY.match(text):
        end = p
    return start, end


def _sentence_bounds(doc: Document, start: int) -> tuple[int, int]:
    sdoc = doc.scratch.get("sdoc")
    if sdoc is not None:
        span = sdoc.char_span(start, min(start + 1, len(doc.text)), alignment_mode="expand")
        if span is not None and len(span):
            sent = span[0].sent
            return sent.start_char, sent.end_char
    text = doc.text
    left = max(text.rfind(". ", 0, start), text.rfind("\n", 0, start))
    right_candidates = [i for i in (text.find(". ", start), text.find("\n", start)) if i >= 0]
    return left + 1, (min(right_candidates) + 1 if right_candidates else len(text))


def _attached(sdoc: Any, trigger: Any, timex: Timex) -> bool:
    """Whether the timex hangs from the trigger without crossing another clause's verb."""
    span = sdoc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    tok = span.root
    for _ in range(8):
        if tok.i == trigger.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if tok.i != trigger.i and tok.pos_ in ("VERB", "AUX") and tok.dep_ not in ("aux", "auxpass"):
            return tok.i == trigger.i
    return False


def _modifies_other_noun(sdoc: Any, trigger: Any, timex: Timex) -> bool:
    """Whether the timex is a pre-modifier of another noun ("the 2023 attempt" dates the attempt)."""
    span = sdoc.char_span(timex.span.start, timex.span.end, alignment_mode="expand")
    if span is None or len(span) == 0:
        return False
    root = span.root
    if root.dep_ not in ("compound", "nummod", "amod", "poss") or root.head.pos_ not in ("NOUN", "PROPN"):
        return False
    head = root.head
    return head.i != trigger.i and trigger.head.i != head.i


def event_time(doc: Document, start_char: int, end_char: int) -> EventTime | None:
    """The time of the event whose trigger is ``text[start_char:end_char]``, or ``None``.

    The DATE/TIME expression of the trigger's sentence that the parse attaches to the
    trigger wins; else the nearest one in the sentence.
    """
    s0, s1 = _sentence_bounds(doc, start_char)
    pool = [
        t for t in doc.times
        if t.type in ("DATE", "TIME") and s0 <= t.span.start and t.span.end <= s1
        and interval(t.value, doc.info.published) != (None, None)
    ]  # fmt: skip
    if not pool:
        return None
    sdoc = doc.scratch.get("sdoc")
    trigger = None
    if sdoc is not None:
        span = sdoc.char_span(start_char, end_char, alignment_mode="expand")
        trigger = span.root if span is not None and len(span) else None
    if trigger is not None:
        attached = [t for t in pool if _attached(sdoc, trigger, t)]
        pool = attached or [t for t in pool if not _modifies_other_noun(sdoc, trigger, t)]
        if not pool:
            return None

    def distance(t: Timex) -> int:
        return max(t.span.start - end_char, start_char - t.span.end, 0)

    best = min(pool, key=distance)
    start, end = narrowed(best, doc.info.published)
    return EventTime(best.span.text, start, end)
