"""``graphml``: actors and events as nodes, relations and participation as edges.

Nodes carry ``kind`` (``actor`` or ``event``) and typed attributes (strings, ints, doubles,
booleans declared with ``<key attr.type=...>``) so Gephi, yEd and networkx read them.
Edges: ``relation`` (actor -> actor, with ``type`` and ``count``), ``participation``
(event -> actor, with ``role``) and ``location`` (event -> place). Every element gets a
``label`` and every edge a ``weight``.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any
from xml.sax.saxutils import escape, quoteattr

from . import register
from .output import text_output
from .selection import Selection, Snapshot, participant_actor

#: (key id, domain, attr.type) for every attribute written.
NODE_KEYS = (
    ("label", "string"), ("kind", "string"), ("type", "string"), ("name", "string"),
    ("named", "boolean"), ("aliases", "string"), ("roles", "string"),
    ("country_code", "string"), ("lat", "double"), ("lon", "double"), ("mention_count", "int"),
    ("mode", "string"), ("status", "string"), ("contested", "boolean"), ("time_start", "string"),
    ("time_end", "string"), ("independent_sources", "int"), ("source_count", "int"),
)
EDGE_KEYS = (
    ("label", "string"), ("kind", "string"), ("type", "string"), ("role", "string"),
    ("count", "int"), ("weight", "double"),
)
_XML_BAD = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
_TYPES = {key: typ for key, typ in NODE_KEYS} | {f"e_{key}": typ for key, typ in EDGE_KEYS}


def _value(value: Any, typ: str) -> str | None:
    if value is None or value == [] or value == "":
        return None
    if typ == "boolean":
        return "true" if value else "false"
    if typ == "int":
        return str(int(value))
    if typ == "double":
        return repr(float(value))
    if isinstance(value, list | dict):
        value = json.dumps(value, ensure_ascii=False)
    return escape(_XML_BAD.sub("", str(value)))


def _data(attrs: dict[str, Any], prefix: str = "") -> Iterator[str]:
    for key, value in attrs.items():
        text = _value(value, _TYPES[prefix + key])
        if text is not None:
            yield f'<data key="{prefix}{key}">{text}</data>'


def _actor_node(a: dict[str, Any]) -> dict[str, Any]:
    geo = a.get("geo") or {}
    return {
        "label": a.get("name"), "kind": "actor", "type": a.get("type"), "name": a.get("name"),
        "named": a.get("named", True), "aliases": a.get("aliases"), "roles": a.get("roles"),
        "country_code": geo.get("country_code"), "lat": geo.get("lat"), "lon": geo.get("lon"),
        "mention_count": len(a.get("mentions") or []),
    }


def _event_label(ev: dict[str, Any]) -> str:
    trigger = next((m.get("trigger", {}).get("text") for m in ev.get("mentions") or []), None)
    kind = ev.get("type") or "EVENT"
    if ev.get("mode"):
        kind += f"/{ev['mode']}"
    return f"{kind}: {trigger} [{ev.get('status')}]" if trigger else f"{kind} [{ev.get('status')}]"


def _event_node(ev: dict[str, Any]) -> dict[str, Any]:
    time = ev.get("time") or {}
    return {
        "label": _event_label(ev), "kind": "event", "type": ev.get("type"), "mode": ev.get("mode"),
        "status": ev.get("status"), "contested": ev.get("contested"),
        "time_start": time.get("start"), "time_end": time.get("end"),
        "independent_sources": ev.get("independent_sources"), "source_count": len(ev.get("sources") or []),
        "mention_count": len(ev.get("mentions") or []),
    }


def _edges(snap: Snapshot) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for r in snap.relations:
        if r.get("subject") in snap.actor and r.get("object") in snap.actor:
            count = int(r.get("count") or 1)
            yield r["subject"], r["object"], {"label": r.get("type"), "kind": "relation", "type": r.get("type"),
                                              "count": count, "weight": float(count)}
    for ev in snap.events:
        for p in ev.get("participants") or []:
            actor = participant_actor(p)
            if actor in snap.actor:
                yield ev["id"], actor, {"label": p.get("role"), "kind": "participation", "role": p.get("role"),
                                        "count": 1, "weight": 1.0}
        if ev.get("location") in snap.actor:
            yield ev["id"], ev["location"], {"label": "located_at", "kind": "location", "type": "located_at",
                                             "count": 1, "weight": 1.0}


def graphml_lines(snap: Snapshot) -> Iterator[str]:
    yield '<?xml version="1.0" encoding="UTF-8"?>'
    yield ('<graphml xmlns="http://graphml.graphdrawing.org/xmlns" '
           'xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" '
           'xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns '
           'http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">')
    for key, typ in NODE_KEYS:
        yield f'<key id="{key}" for="node" attr.name="{key}" attr.type="{typ}"/>'
    for key, typ in EDGE_KEYS:
        yield f'<key id="e_{key}" for="edge" attr.name="{key}" attr.type="{typ}"/>'
    yield '<graph id="claimgraph" edgedefault="directed">'
    for a in snap.actors:
        yield f'<node id={quoteattr(a["id"])}>{"".join(_data(_actor_node(a)))}</node>'
    for ev in snap.events:
        yield f'<node id={quoteattr(ev["id"])}>{"".join(_data(_event_node(ev)))}</node>'
    for i, (source, target, attrs) in enumerate(_edges(snap)):
        yield (f'<edge id="e{i}" source={quoteattr(source)} target={quoteattr(target)}>'
               f'{"".join(_data(attrs, "e_"))}</edge>')
    yield "</graph>"
    yield "</graphml>"


@register("graphml", suffix=".graphml", media_type="application/graphml+xml",
          description="actors and events as nodes; relations and participation as edges (Gephi, networkx)")
def export_graphml(selection: Selection, target: Any) -> dict[str, int]:
    snap = selection.load()
    edges = 0
    with text_output(target) as out:
        for line in graphml_lines(snap):
            out.write(line)
            out.write("\n")
            edges += line.startswith("<edge ")
    return {"nodes": len(snap.actors) + len(snap.events), "edges": edges}
