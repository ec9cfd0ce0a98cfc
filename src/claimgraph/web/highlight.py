"""The article view: untrusted text cut into segments that templates escape and mark.

No HTML is ever built from article text here. :func:`segments` cuts ``text`` at every
span boundary and says, for each piece, which entity, event trigger, claim and time cover
it; the template wraps each piece in ``<mark>``/``<span>`` elements and lets Jinja2's
autoescape escape the piece itself.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

#: Layers, innermost last; a segment keeps the narrowest span of each layer.
LAYERS = ("claim", "time", "entity", "event")


@dataclass(slots=True)
class Mark:
    layer: str
    start: int
    end: int
    ref: str  # the record id (entity e1, event v1, claim c2) or the timex value
    css: str
    title: str = ""


@dataclass(slots=True)
class Segment:
    text: str
    claim: Mark | None = None
    time: Mark | None = None
    entity: Mark | None = None
    event: Mark | None = None
    badges: list[tuple[str, str]] = field(default_factory=list)  # (css, label) shown before the text
    after: list[tuple[str, str]] = field(default_factory=list)  # (css, label) shown after the text


def chain_text(chain: list[dict[str, Any]]) -> str:
    """``Azernews → The Washington Post → security services``."""
    return " → ".join(str(link.get("name") or "?") for link in chain)


def claim_badge(claim: dict[str, Any]) -> tuple[str, str]:
    kind = claim.get("kind") or claim.get("claim_kind") or "reported"
    if kind == "opinion":
        return "badge-opinion", "opinion"
    chain = claim.get("chain") or []
    if kind in ("attributed", "quote") and len(chain) > 1:
        return f"badge-{kind}", f"{'says' if kind == 'quote' else 'via'} {chain_text(chain[1:])}"
    return f"badge-{kind}", kind


def marks_of(record: dict[str, Any]) -> list[Mark]:
    """Every highlightable span of a document record, as :class:`Mark` objects."""
    marks: list[Mark] = []
    for c in record.get("claims") or []:
        ev = c.get("evidence")
        if ev:
            kind = c.get("kind") or "reported"
            marks.append(Mark("claim", ev["start"], ev["end"], c["id"], f"claim claim-{kind}",
                              f"{kind} — {chain_text(c.get('chain') or [])}"))
    for t in record.get("times") or []:
        sp = t.get("span")
        if sp:
            marks.append(Mark("time", sp["start"], sp["end"], str(t.get("value")), "time",
                              f"{t.get('type')} {t.get('value')}"))
    for e in record.get("entities") or []:
        for sp in e.get("mentions") or []:
            named = "named" if e.get("named", True) else "unnamed"
            marks.append(Mark("entity", sp["start"], sp["end"], e["id"],
                              f"ent ent-{str(e.get('type', 'x')).lower()} {named}",
                              f"{e.get('type')}: {e.get('name')}"))
    for v in record.get("events") or []:
        tr = v.get("trigger")
        if tr:
            status = v.get("status") or "unknown"
            marks.append(Mark("event", tr["start"], tr["end"], v["id"], f"ev status-{status}",
                              f"{v.get('type')} ({status})"))
    return marks


def segments(text: str, marks: list[Mark], claims: dict[str, dict[str, Any]] | None = None) -> list[Segment]:
    """Cut ``text`` at every mark boundary (a sweep, O(n log n) in the marks)."""
    n = len(text)
    valid = [m for m in marks if 0 <= m.start < m.end <= n]
    cuts = sorted({0, n, *(m.start for m in valid), *(m.end for m in valid)})
    opens: dict[int, list[Mark]] = {}
    closes: dict[int, list[Mark]] = {}
    for m in valid:
        opens.setdefault(m.start, []).append(m)
        closes.setdefault(m.end, []).append(m)
    active: dict[str, list[Mark]] = {layer: [] for layer in LAYERS}
    out: list[Segment] = []
    claims = claims or {}
    last_badge: tuple[str, str] | None = None
    for a, b in zip(cuts, cuts[1:], strict=False):
        for m in closes.get(a, ()):
            active[m.layer].remove(m)
        started = opens.get(a, [])
        for m in started:
            active[m.layer].append(m)
        seg = Segment(text=text[a:b])
        for layer in LAYERS:
            if active[layer]:
                setattr(seg, layer, min(active[layer], key=lambda m: m.end - m.start))
        for m in started:
            if m.layer == "claim" and m.ref in claims:
                badge = claim_badge(claims[m.ref])
                if badge != last_badge:  # one label for a run of claims with the same source
                    seg.badges.append(badge)
                last_badge = badge
        if seg.claim is None and seg.text.strip():
            last_badge = None
        out.append(seg)
    _status_labels(out, valid)
    return out


def _status_labels(segs: list[Segment], marks: list[Mark]) -> None:
    """Put each event's status label after the last segment of its trigger."""
    ends = {(m.ref, m.end): m for m in marks if m.layer == "event"}
    pos = 0
    for seg in segs:
        pos += len(seg.text)
        ev = seg.event
        if ev is not None and (ev.ref, pos) in ends:
            status = ev.css.split("status-", 1)[1]
            seg.after.append((f"status-label status-{status}", status))
