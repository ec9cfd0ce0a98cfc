"""The ``times`` step: TIMEX3 temporal expressions, their values and date intervals.

Recognition is a rule grammar (:mod:`claimgraph.nlp.temporal.rules`, precompiled regular
expressions over the text); values are resolved against ``document.published`` and the
tense of the governing verb from the spaCy parse (:mod:`claimgraph.nlp.temporal.resolve`).
Intervals for events ("early 2025" -> 2025-01-01..2025-04-30, clipped to the publication
date) come from :func:`interval` and :func:`event_time` (:mod:`claimgraph.nlp.temporal.interval`).
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from ...models import Document, Timex
from ...pipeline import step
from .interval import anchor_date, event_time, interval
from .resolve import anaphoric_value, clock_value, resolve
from .rules import Candidate, find_candidates, select

__all__ = ["times", "interval", "event_time", "find_timexes", "anchor_date"]

_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo", "going"})
_MODAL_AUX = frozenset({"would", "could", "might", "may", "should", "'d", "must", "can"})
_FORWARD_PREPS = frozenset({"until", "till", "til"})
_PLAN_LEMMAS = frozenset(
    "plan schedule postpone delay set expect intend hope aim vow promise threaten prepare"
    " reschedule due slate".split()
)
_TITLE_RULES = frozenset({"relative", "duration", "vague_units"})
_PARTICIPLE_DEPS = frozenset({"advcl", "xcomp", "oprd", "acl", "conj"})
#: Entity types of names that may contain a month or a year without dating anything.
_NAME_ENTS = frozenset({"PERSON", "ORG", "EVENT", "PRODUCT", "WORK_OF_ART", "FAC", "LAW"})
_COUNT_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT"})
_REF_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T.*)?$")
_DAY_VALUE = re.compile(r"^\d{4}-\d{2}-\d{2}")
_REF_RULES = frozenset(
    {"iso", "slash", "month_day", "day_month", "month", "year", "weekday", "holiday", "clock"}
)
_QUARTER_VALUE = re.compile(r"^(\d{4})-Q([1-4])$")
_YEAR_AGO = re.compile(r"year-(?:earlier|ago)|last\s+year", re.I)
#: How far back (characters) a quarter stays the reference for "a year earlier", "the quarter".
_CONTEXT_CHARS = 400
_MERGE_GAP = re.compile(r"[ ,]*(?:on\s+)?")
_DET_PREFIX = re.compile(r"\w+(?:\s+year'?s)?\s+")
_ONCE = re.compile(r"(?:once|twice|thrice|times|\bper)\s+$", re.I)


def _verb_tense(verb: Any) -> str:
    """The grammatical tense of a verb from its tag and auxiliaries."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    lowers = {a.lower_ for a in auxes}
    if lowers & _FUTURE_AUX:
        return "FUTURE"
    if lowers & _MODAL_AUX:
        return "NONE"
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" or a.lower_ in ("has", "have") for a in auxes):
        return "PAST"
    if verb.tag_ == "VBN" and not auxes:
        return "PAST"
    if verb.tag_ in ("VBZ", "VBP", "VBG") or any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return "PRESENT"
    return "NONE"


def _is_bare_participle(verb: Any) -> bool:
    """A gerund-participle clause without auxiliaries, whose time is its head verb's."""
    return (
        verb.tag_ == "VBG"
        and verb.dep_ in _PARTICIPLE_DEPS
        and verb.head.pos_ in ("VERB", "AUX")
        and not any(c.dep_ in ("aux", "auxpass") for c in verb.children)
    )


def _tense_of(token: Any) -> str:
    """PAST / PRESENT / FUTURE / NONE for the verb governing ``token`` (spaCy Token).

    NONE (the closest date wins) when the expression hangs from an adjective ("payable
    Dec. 7") or from a past verb of planning ("planned a rally Saturday"); FUTURE after
    "until" and for what is scheduled ("is scheduled to close Monday").
    """
    verb = token
    until = False
    for _ in range(6):
        if verb.pos_ in ("VERB", "AUX") or verb.head.i == verb.i:
            break
        if verb.pos_ == "ADJ" and verb.i != token.i:
            return "NONE"
        until = until or verb.lower_ in _FORWARD_PREPS
        verb = verb.head
    if verb.pos_ not in ("VERB", "AUX"):
        return "NONE"
    tense = _verb_tense(verb)
    if _is_bare_participle(verb):  # "was found floating ... on Thanksgiving Day"
        tense = _verb_tense(verb.head)
    if until and not any(c.lower_ == "had" for c in verb.children):
        return "FUTURE"
    if verb.dep_ == "xcomp" and verb.head.lemma_ in _PLAN_LEMMAS:
        head = _verb_tense(verb.head)
        return "FUTURE" if head in ("FUTURE", "PRESENT") else "NONE"
    if verb.lemma_ in _PLAN_LEMMAS and tense != "FUTURE":
        return "NONE"
    return tense


def _token_at(sdoc: Any, start: int, end: int) -> Any | None:
    span = sdoc.char_span(start, end, alignment_mode="expand") if sdoc is not None else None
    if span is None or len(span) == 0:
        return None
    return span.root


def _plausible(c: Candidate, sdoc: Any, text: str) -> bool:
    """Vetoes: a capitalised unit word in a title, and from the parse a year that counts
    things, a month name that is a person."""
    unit = c.groups.get("unit", "")
    if c.rule in _TITLE_RULES and unit[:1].isupper() and not unit.isupper():
        return False  # a title: ABC's "This Week", CBS's "60 Minutes"
    if c.rule not in ("year", "month", "duration_hyphen"):
        return True
    tok = _token_at(sdoc, c.start, c.end)
    if tok is None:
        return True
    if c.rule == "year":
        if c.start > 0 and text[c.start - 1] in "$#£€":
            return False
        return tok.ent_type_ not in _COUNT_ENTS and tok.ent_type_ not in _NAME_ENTS
    if c.rule == "month" and not c.groups.get("y") and tok.ent_type_ in _NAME_ENTS:
        return False  # "the annual March for Life", "Orion 1980"
    return True


def _merge_clock(text: str, items: list[tuple[Candidate, str, str]]) -> list[tuple[Candidate, str, str]]:
    """Join a clock time and an adjacent day ("5 p.m. EST Nov. 9") into one TIME."""
    out: list[tuple[Candidate, str, str]] = []
    for item in items:
        if out:
            prev = out[-1]
            gap = text[prev[0].end : item[0].start]
            pair = _clock_day_pair(prev, item)
            if pair and _MERGE_GAP.fullmatch(gap):
                out[-1] = pair
                continue
        out.append(item)
    return out


def _clock_day_pair(
    a: tuple[Candidate, str, str], b: tuple[Candidate, str, str]
) -> tuple[Candidate, str, str] | None:
    clocks = [x for x in (a, b) if x[0].rule == "clock"]
    days = [x for x in (a, b) if x[1] == "DATE" and len(x[2]) == 10 and x[0].rule != "clock"]
    if len(clocks) != 1 or len(days) != 1:
        return None
    hm = clock_value(clocks[0][0].groups)
    if hm is None:
        return None
    merged = Candidate(a[0].start, b[0].end, "clock", clocks[0][0].groups)
    return merged, "TIME", f"{days[0][2]}T{hm}"


def _contextual_quarter(c: Candidate, q: tuple[int, int]) -> str | None:
    """The value of a reference to the last-mentioned quarter ("a year earlier", "the quarter")."""
    g = c.groups
    year, n = q
    adj = g.get("adj", "")
    if (
        c.rule == "quarter"
        and not g.get("ord")
        and not g.get("y")
        and not re.search(r"\d|latest|recent", adj)
    ):
        if g.get("unit", "").lower() != "quarter":
            return None
        det = g.get("det", "").lower()
        ago = re.search(r"year-(?:earlier|ago)", g.get("adj", ""), re.I) or det.startswith("last year")
        if det.startswith("this") or det.startswith("next"):
            return None
        return f"{year - 1 if ago else year}-Q{n}"
    if c.rule == "duration" and g.get("dir", "").lower() in ("ago", "earlier"):
        if g.get("unit", "").lower() == "year" and g.get("num", "").lower() in ("a", "one"):
            return f"{year - 1}-Q{n}"
    if c.rule == "year_ago" and g.get("ya", "").lower() in ("year-earlier", "year-ago"):
        return f"{year - 1}-Q{n}"
    if c.rule == "year" and g.get("period"):
        return f"{g['y']}-Q{n}"
    return None


def _as_date(value: str) -> date | None:
    m = _REF_VALUE.match(value)
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    except ValueError:
        return None


def _unknown_day(value: str) -> str | None:
    """``1998-10`` -> ``1998-10-XX``, ``1998`` -> ``1998-XX-XX``; None when the day is known."""
    m = _REF_VALUE.match(value)
    if m is None or m.group(3):
        return None
    return f"{m.group(1)}-{m.group(2) or 'XX'}-XX"


def _in_context(items: list[tuple[Candidate, str, str]]) -> list[tuple[Candidate, str, str]]:
    """Resolve references to earlier expressions: the last-mentioned quarter (financial
    "a year earlier", "the quarter") and the last-mentioned date ("that day", "the
    following year")."""
    out: list[tuple[Candidate, str, str]] = []
    last: tuple[int, int] | None = None
    last_end = -(10**9)
    ref: date | None = None
    ref_day: str | None = None
    ref_gran: str | None = None
    for c, t, v in items:
        if c.rule == "anaphoric" and ref is not None:
            unit = c.groups["unit"].lower()
            rel = (c.groups.get("rel") or "").lower()
            if unit == "day" and not rel and ref_gran is not None:
                out.append((c, "DATE", ref_gran))  # "that day" of a month: 1998-10-XX
                continue
            try:
                t, v = anaphoric_value(unit, rel, ref)
            except (OverflowError, ValueError):
                pass
            out.append((c, t, v))
            continue
        if c.rule == "clock" and not c.groups.get("wd") and ref_day is not None:
            hm = clock_value(c.groups)
            if hm is not None:
                out.append((c, "TIME", f"{ref_day}T{hm}"))
                continue
        if c.rule in _REF_RULES and t in ("DATE", "TIME") and _as_date(v) is not None:
            ref = _as_date(v)
            ref_gran = _unknown_day(v)
            ref_day = v[:10] if _DAY_VALUE.match(v) else ref_day
        if last is not None and c.start - last_end < _CONTEXT_CHARS:
            nv = _contextual_quarter(c, last)
            if nv is not None:
                out.append((c, "DATE", nv))
                continue
        m = _QUARTER_VALUE.match(v)
        if m and not _YEAR_AGO.search(f"{c.groups.get('adj', '')} {c.groups.get('det', '')}"):
            last, last_end = (int(m.group(1)), int(m.group(2))), c.end
        out.append((c, t, v))
    return out


def _drop_adjectival_det(c: Candidate, text: str) -> Candidate:
    """ "the third-quarter loss": a hyphenated quarter is an adjective, its determiner
    belongs to the noun (TimeBank leaves it out of the extent)."""
    g = c.groups
    if c.rule != "quarter" or "-" not in g.get("sep", "") or not g.get("det"):
        return c
    m = _DET_PREFIX.match(text, c.start, c.end)
    if m is None:
        return c
    groups = {k: v for k, v in g.items() if k != "det"}
    return Candidate(m.end(), c.end, c.rule, groups, c.priority)


def find_timexes(text: str, anchor: date | None, sdoc: Any = None) -> list[tuple[int, int, str, str]]:
    """``(start, end, type, value)`` of every temporal expression in ``text``."""
    resolved: list[tuple[Candidate, str, str]] = []
    cands = [_drop_adjectival_det(c, text) for c in find_candidates(text) if _plausible(c, sdoc, text)]
    by_id: dict[int, tuple[str, str]] = {}
    kept: list[Candidate] = []
    for c in cands:
        tok = _token_at(sdoc, c.start, c.end) if sdoc is not None else None
        tense = _tense_of(tok) if tok is not None else "NONE"
        tv = resolve(c, anchor, tense)
        if tv is not None:
            by_id[id(c)] = tv
            kept.append(c)
    for c in select(kept):
        t, v = by_id[id(c)]
        if (
            t == "DURATION"
            and c.groups.get("num", "").lower() in ("a", "an")
            and _ONCE.search(text, max(0, c.start - 12), c.start)
        ):
            t = "SET"
        resolved.append((c, t, v))
    resolved = _merge_clock(text, _in_context(resolved))
    return [(c.start, c.end, t, v) for c, t, v in resolved]


@step("times", requires=("sdoc",), assigns=("times",))
def times(doc: Document) -> Document:
    """Find temporal expressions and resolve their TIMEX3 values."""
    text = doc.scratch.get("parse_text") or doc.text
    anchor = anchor_date(doc.info.published)
    doc.times = [
        Timex(doc.span(s, e), t, v) for s, e, t, v in find_timexes(text, anchor, doc.scratch.get("sdoc"))
    ]
    return doc
