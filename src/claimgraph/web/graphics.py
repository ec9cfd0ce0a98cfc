"""Server-side layouts for the dossier's SVG pictures: the actor network and the timeline.

These functions only compute coordinates and labels; the templates draw the SVG and
Jinja2 escapes every label, so no markup is built from stored text.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from datetime import date
from typing import Any

NET_W, NET_H = 720, 440
TL_W, TL_ROW, TL_PAD = 1200, 24, 30
MAX_NEIGHBOURS = 24
MAX_TIMELINE = 200


@dataclass(slots=True)
class Node:
    id: str
    label: str
    type: str
    x: float
    y: float
    r: float
    center: bool = False


@dataclass(slots=True)
class Edge:
    x1: float
    y1: float
    x2: float
    y2: float
    width: float
    label: str
    lx: float
    ly: float


@dataclass(slots=True)
class NetworkPicture:
    width: int
    height: int
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    hidden: int = 0


def _short(text: str, n: int = 26) -> str:
    return text if len(text) <= n else text[: n - 1] + "…"


def network_from_related(actor: dict[str, Any], related: list[dict[str, Any]]) -> dict[str, Any]:
    """The dossier's ``related_actors`` in :meth:`KnowledgeBase.network`'s shape (depth 1)."""
    cid = actor.get("id")
    edges = [{"source": cid, "target": r.get("id"), "type": kind, "count": count}
             for r in related for kind, count in (r.get("relations") or {}).items()]
    return {"center": actor, "nodes": related, "edges": edges}


def network_picture(net: dict[str, Any]) -> NetworkPicture:
    """Lay out the centre actor in the middle and its neighbours on a ring."""
    center = net.get("center") or {}
    cid = str(center.get("id", ""))
    pic = NetworkPicture(NET_W, NET_H)
    names = {str(n.get("id")): n for n in net.get("nodes") or []}
    per_pair: dict[str, dict[str, int]] = {}
    for e in net.get("edges") or []:
        s, t = str(e.get("source")), str(e.get("target"))
        other = t if s == cid else s if t == cid else None
        if other is None or other == cid:
            continue
        kinds = per_pair.setdefault(other, {})
        kinds[str(e.get("type"))] = kinds.get(str(e.get("type")), 0) + int(e.get("count") or 1)
    ranked = sorted(per_pair.items(), key=lambda kv: (-sum(kv[1].values()), kv[0]))
    pic.hidden = max(0, len(ranked) - MAX_NEIGHBOURS)
    ranked = ranked[:MAX_NEIGHBOURS]
    cx, cy = NET_W / 2, NET_H / 2
    rx, ry = NET_W / 2 - 110, NET_H / 2 - 50
    for i, (nid, kinds) in enumerate(ranked):
        angle = -math.pi / 2 + 2 * math.pi * i / max(1, len(ranked))
        x, y = cx + rx * math.cos(angle), cy + ry * math.sin(angle)
        total = sum(kinds.values())
        node = names.get(nid, {})
        label = ", ".join(f"{k} ×{c}" for k, c in sorted(kinds.items(), key=lambda kv: -kv[1])[:2])
        pic.edges.append(Edge(cx, cy, x, y, min(8.0, 1.0 + math.log2(total + 1)), label,
                              cx + (x - cx) * 0.55, cy + (y - cy) * 0.55))
        pic.nodes.append(Node(nid, _short(str(node.get("name") or nid)), str(node.get("type") or ""),
                              x, y, 7 + min(9.0, 2 * math.log2(total + 1))))
    pic.nodes.append(Node(cid, _short(str(center.get("name") or cid), 32), str(center.get("type") or ""),
                          cx, cy, 18, center=True))
    return pic


@dataclass(slots=True)
class Dot:
    event: str
    x: float
    y: float
    status: str
    label: str
    when: str


@dataclass(slots=True)
class TimelinePicture:
    width: int
    height: int
    dots: list[Dot] = field(default_factory=list)
    ticks: list[tuple[float, str]] = field(default_factory=list)
    undated: int = 0
    hidden: int = 0


def _day(value: Any) -> date | None:
    if not value:
        return None
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        try:
            return date.fromisoformat(str(value)[:7] + "-01")
        except ValueError:
            return None


def event_date(ev: dict[str, Any]) -> date | None:
    t = ev.get("time") or {}
    return _day(t.get("start")) or _day(t.get("end")) or _day(ev.get("published"))


def timeline_picture(events: list[dict[str, Any]]) -> TimelinePicture:
    """Dots on a date axis, one row per event (time order), coloured by status in the template."""
    dated = [(d, ev) for ev in events if (d := event_date(ev)) is not None]
    dated.sort(key=lambda pair: pair[0])
    shown = dated[-MAX_TIMELINE:]  # the most recent ones
    pic = TimelinePicture(TL_W, TL_PAD * 2 + TL_ROW * max(1, len(shown)), undated=len(events) - len(dated),
                          hidden=len(dated) - len(shown))
    if not shown:
        return pic
    first, last = shown[0][0].toordinal(), shown[-1][0].toordinal()
    if last - first < 14:  # one day or a few: show a month around them
        first, last = first - 15, last + 15
    span = last - first
    left, right = 170.0, TL_W - 60.0

    def xpos(d: date) -> float:
        return left + (right - left) * (d.toordinal() - first) / span

    for i, (d, ev) in enumerate(shown):
        label = f"{ev.get('type', '')} {(ev.get('mode') or '')}".strip()
        pic.dots.append(Dot(str(ev.get("id")), xpos(d), TL_PAD + TL_ROW * i + TL_ROW / 2,
                            str(ev.get("status") or "unknown"), _short(label, 22), d.isoformat()))
    for k in range(6):
        day = date.fromordinal(first + span * k // 5)
        label = day.isoformat() if span < 400 else day.isoformat()[:7]
        if not pic.ticks or pic.ticks[-1][1] != label:
            pic.ticks.append((xpos(day), label))
    return pic
