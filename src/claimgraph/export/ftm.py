"""``ftm``: FollowTheMoney entities as JSON lines (``{"id", "schema", "properties"}``).

Mapping onto the FtM schemata (property names exactly as FtM defines them; every value is
a list of strings):

- PERSON -> ``Person``; ORG -> ``Organization`` (``PublicBody`` when its name reads as a
  state body: ministry, police, army, security service ...); GPE / LOC / FAC ->
  ``Address`` (``full``, ``country``, ``latitude``, ``longitude``); VEHICLE -> ``Vehicle``.
  NORP, WEAPON and OBJECT have no FtM schema and are named inside the events instead.
- each event -> ``Event`` (``name``, ``summary``, ``date``/``startDate``/``endDate``,
  ``organizer`` for the actor role, ``involved`` for every participant, ``addressEntity``
  and ``location`` for its place, ``keywords`` with type, mode and ``status:<status>``);
- each document -> ``Article`` (``title``, ``author``, ``publisher``, ``publishedAt``,
  ``sourceUrl``, ``bodyText``, ``fileName``, ``contentHash``);
- ``Documentation`` links each article to the actors and events it mentions;
- relations -> ``Membership`` (``member_of`` to an organization), ``Employment``
  (``works_for``: person -> organization), ``Associate`` (between two persons) and
  ``UnknownLink`` (anything else, with the relation type as ``role``).

Ids are ``cg-`` + the first 40 hex digits of sha1 of the knowledge-base id, stable across
re-exports. :data:`SCHEMA_PROPERTIES` lists the properties used per schema; every entity
is checked against it before it is written.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Iterator
from datetime import UTC, datetime
from typing import Any

from ..errors import ExportError
from . import register
from .output import text_output
from .selection import Selection, Snapshot, chain_text, participant_actor

_COMMON = {"name", "alias", "weakAlias", "description", "summary", "notes", "country", "keywords",
           "sourceUrl", "publisher", "proof", "topics"}
_LEGAL = _COMMON | {"position", "nationality", "mainCountry", "sector", "classification", "status"}
_INTEREST = {"role", "summary", "description", "date", "startDate", "endDate", "sourceUrl", "publisher",
             "proof", "recordId", "status"}

#: The FtM properties this exporter writes, per schema (a subset of what FtM defines).
SCHEMA_PROPERTIES: dict[str, set[str]] = {
    "Person": _LEGAL - {"sector", "classification"} | {"title"},
    "Organization": _LEGAL,
    "PublicBody": _LEGAL,
    "Address": _COMMON | {"full", "city", "latitude", "longitude"},
    "Vehicle": _COMMON | {"type"},
    "Event": _COMMON | {"date", "startDate", "endDate", "involved", "organizer", "location",
                        "addressEntity", "important"},
    "Article": _COMMON | {"title", "author", "publishedAt", "bodyText", "fileName", "contentHash",
                          "language", "mimeType"},
    "Documentation": {"document", "entity"} | _INTEREST,
    "Membership": {"member", "organization"} | _INTEREST,
    "Employment": {"employer", "employee"} | _INTEREST,
    "Associate": {"person", "associate", "relationship", "summary", "description", "date", "startDate",
                  "endDate", "sourceUrl", "publisher", "proof", "recordId"},
    "UnknownLink": {"subject", "object"} | _INTEREST,
}
REQUIRED: dict[str, tuple[str, ...]] = {
    "Person": ("name",), "Organization": ("name",), "PublicBody": ("name",), "Vehicle": ("name",),
    "Event": ("name",), "Article": ("fileName",), "Documentation": ("document", "entity"),
    "Membership": ("member", "organization"), "Employment": ("employer", "employee"),
    "Associate": ("person", "associate"), "UnknownLink": ("subject", "object"),
}
_PUBLIC_BODY = re.compile(
    r"\b(ministry|ministries|police|army|armed forces|military|navy|air force|security service|"
    r"intelligence|government|parliament|court|prosecutor|border guard|guards?|corps|force|"
    r"agency|department|council|cabinet|embassy|consulate|authorit(?:y|ies)|state)\b",
    re.IGNORECASE,
)
_DATE_PREFIX = re.compile(r"^\d{4}(?:-\d{2}){0,2}")
_LEGAL_SCHEMAS = ("Person", "Organization", "PublicBody")
_SCHEMA_BY_TYPE = {"PERSON": "Person", "ORG": "Organization", "GPE": "Address", "LOC": "Address",
                   "FAC": "Address", "VEHICLE": "Vehicle"}


def ftm_id(kind: str, kb_id: str) -> str:
    return "cg-" + hashlib.sha1(f"{kind}:{kb_id}".encode()).hexdigest()[:40]


def entity(schema: str, eid: str, **props: Any) -> dict[str, Any]:
    """An FtM entity; values become lists of non-empty strings; checked against the schema."""
    allowed = SCHEMA_PROPERTIES[schema]
    clean: dict[str, list[str]] = {}
    for key, value in props.items():
        if key not in allowed:
            raise ExportError(f"FtM schema {schema} has no property {key!r}; this is a claimgraph bug, "
                              "please report it with the export command you ran.")
        values = value if isinstance(value, list | tuple) else [value]
        strings = [str(v) for v in values if v not in (None, "")]
        if strings:
            clean[key] = list(dict.fromkeys(strings))
    missing = [p for p in REQUIRED.get(schema, ()) if p not in clean]
    if missing:
        raise ExportError(f"FtM {schema} {eid} lacks required {missing}; this is a claimgraph bug.")
    return {"id": eid, "schema": schema, "properties": clean}


def actor_schema(a: dict[str, Any]) -> str | None:
    schema = _SCHEMA_BY_TYPE.get(str(a.get("type")))
    if schema == "Organization" and _PUBLIC_BODY.search(a.get("name") or ""):
        return "PublicBody"
    return schema


def _actor(a: dict[str, Any], schema: str) -> dict[str, Any]:
    geo = a.get("geo") or {}
    country = (geo.get("country_code") or "").lower() or None
    aliases = [x for x in a.get("aliases") or [] if x != a.get("name")]
    named = a.get("named", True)
    props: dict[str, Any] = {"name": a.get("name"), "country": country,
                             "alias" if named else "weakAlias": aliases,
                             "notes": None if named else "unnamed: a description, not a proper name"}
    if schema == "Address":
        props.update(full=a.get("name"), latitude=geo.get("lat"), longitude=geo.get("lon"))
    elif schema == "Person":
        props["position"] = a.get("roles")
    elif schema != "Vehicle":
        props["classification"] = a.get("roles")
    return entity(schema, ftm_id("actor", a["id"]), **props)


def _event(ev: dict[str, Any], snap: Snapshot, ids: dict[str, str], schemas: dict[str, str]) -> dict[str, Any]:
    trigger = next((m.get("trigger", {}).get("text") for m in ev.get("mentions") or []), None)
    names = {p.get("role"): snap.actor.get(participant_actor(p) or "", {}).get("name")
             for p in ev.get("participants") or []}
    label = (ev.get("type") or "EVENT") + (f"/{ev['mode']}" if ev.get("mode") else "")
    involved = [participant_actor(p) for p in ev.get("participants") or []]
    legal = [ids[a] for a in involved if a in ids and schemas[a] in _LEGAL_SCHEMAS]
    organizers = [ids[a] for p in ev.get("participants") or [] if p.get("role") == "actor"
                  and (a := participant_actor(p)) in ids and schemas[a] in _LEGAL_SCHEMAS]
    place = snap.actor.get(ev.get("location") or "", {})
    time = ev.get("time") or {}
    claim = snap.claim.get(next(iter(ev.get("claims") or []), ""), {})
    docs = {m.get("document") for m in ev.get("mentions") or []}
    return entity(
        "Event", ftm_id("event", ev["id"]),
        name=f"{label}: {trigger or '?'} [{ev.get('status')}]",
        summary=(claim.get("evidence") or {}).get("text"),
        description="; ".join(f"{role}: {name}" for role, name in names.items() if name) or None,
        date=ftm_date(time.get("start")) if time.get("start") == time.get("end") else None,
        startDate=ftm_date(time.get("start")), endDate=ftm_date(time.get("end")),
        involved=legal, organizer=organizers,
        location=place.get("name"),
        addressEntity=ids.get(place["id"]) if schemas.get(place.get("id") or "") == "Address" else None,
        country=((place.get("geo") or {}).get("country_code") or "").lower() or None,
        keywords=[ev.get("type"), ev.get("mode"), f"status:{ev.get('status')}"],
        notes=[f"source: {chain_text(c)}" for c in ev.get("sources") or []],
        proof=[ftm_id("document", d) for d in sorted(d for d in docs if d in snap.document)],
    )


def _article(d: dict[str, Any]) -> dict[str, Any]:
    source = str(d.get("source") or d["id"])
    file_name = source.rsplit("/", 1)[-1] or f"{d['id'][:16]}.txt"
    return entity("Article", ftm_id("document", d["id"]), title=d.get("headline"), name=d.get("headline"),
                  author=d.get("authors") or [], publisher=d.get("publisher"), publishedAt=ftm_date(d.get("published")),
                  sourceUrl=d.get("url"), bodyText=d.get("text"), fileName=file_name, contentHash=d["id"],
                  language=_language(d.get("language")), mimeType="text/plain")


def ftm_date(value: str | None) -> str | None:
    """An ISO 8601 date/datetime as FtM writes dates: UTC, no offset (``2025-04-07T16:11:00``)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        prefix = _DATE_PREFIX.match(str(value))
        return prefix.group(0) if prefix else None
    if parsed.tzinfo is not None:
        parsed = parsed.astimezone(UTC).replace(tzinfo=None)
    return parsed.isoformat(timespec="seconds") if "T" in str(value) else parsed.date().isoformat()


def _language(code: str | None) -> str | None:
    return {"en": "eng"}.get(code or "", None)


def _relation(r: dict[str, Any], ids: dict[str, str], schemas: dict[str, str], snap: Snapshot) -> dict[str, Any] | None:
    s, o = r.get("subject") or "", r.get("object") or ""
    if s not in ids or o not in ids:
        return None
    rtype = str(r.get("type") or "related_to")
    key = ftm_id("relation", f"{s}:{rtype}:{o}")
    docs = {snap.claim[c]["document"] for c in r.get("claims") or [] if c in snap.claim}
    common = {"proof": [ftm_id("document", d) for d in sorted(docs) if d in snap.document],
              "summary": f"{rtype} (seen {r.get('count') or 1} times)"}
    orgs = ("Organization", "PublicBody")
    if rtype == "member_of" and schemas[o] in orgs and schemas[s] in _LEGAL_SCHEMAS:
        return entity("Membership", key, member=ids[s], organization=ids[o], role=rtype, **common)
    if rtype == "works_for" and schemas[s] == "Person" and schemas[o] in orgs:
        return entity("Employment", key, employee=ids[s], employer=ids[o], role=rtype, **common)
    if schemas[s] == "Person" and schemas[o] == "Person":
        return entity("Associate", key, person=ids[s], associate=ids[o], relationship=rtype, **common)
    return entity("UnknownLink", key, subject=ids[s], object=ids[o], role=rtype, **common)


def ftm_entities(snap: Snapshot) -> Iterator[dict[str, Any]]:
    """Every FtM entity of a snapshot: actors, articles, events, relations, then documentation links."""
    schemas = {a["id"]: s for a in snap.actors if (s := actor_schema(a))}
    ids = {aid: ftm_id("actor", aid) for aid in schemas}
    for a in snap.actors:
        if a["id"] in schemas:
            yield _actor(a, schemas[a["id"]])
    for d in snap.documents:
        yield _article(d)
    for ev in snap.events:
        yield _event(ev, snap, ids, schemas)
    for r in snap.relations:
        rel = _relation(r, ids, schemas, snap)
        if rel is not None:
            yield rel
    yield from _documentation(snap, ids)


def _documentation(snap: Snapshot, ids: dict[str, str]) -> Iterator[dict[str, Any]]:
    rows = [("actor", a, ids.get(a["id"])) for a in snap.actors]
    rows += [("event", ev, ftm_id("event", ev["id"])) for ev in snap.events]
    for kind, row, target in rows:
        if target is None:
            continue
        for doc_id in dict.fromkeys(m.get("document") for m in row.get("mentions") or []):
            if doc_id in snap.document:
                yield entity("Documentation", ftm_id("documentation", f"{doc_id}:{kind}:{row['id']}"),
                             document=ftm_id("document", doc_id), entity=target,
                             role="mentions" if kind == "actor" else "reports")


@register("ftm", suffix=".ftm.json", media_type="application/x-ndjson",
          description="FollowTheMoney entities, one JSON object a line (Aleph, OpenSanctions tools)")
def export_ftm(selection: Selection, target: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    with text_output(target) as out:
        for ent in ftm_entities(selection.load()):
            out.write(json.dumps(ent, ensure_ascii=False, separators=(",", ":")))
            out.write("\n")
            counts[ent["schema"]] = counts.get(ent["schema"], 0) + 1
    return counts
