"""Builds the STIX 2.1 objects of a :class:`~claimgraph.export.selection.Snapshot` (see ``stix.py``)."""

from __future__ import annotations

import hashlib
import re
import uuid
from datetime import UTC, datetime
from typing import Any

from .selection import (
    Snapshot,
    chain_text,
    event_confidence,
    participant_actor,
    relation_confidence,
)

NAMESPACE = uuid.UUID("6f1c3c1e-5b7a-5d2e-9a41-0c1a1b2c3d4e")
EXTENSION_ID = "extension-definition--1d6f2a38-7c0e-4f5b-9a1e-3c7d5b2f8e61"
TOOL_KEY = "tool:claimgraph"
HOSTILE_TYPES = {"ASSAULT", "THREATEN"}
LAWFUL_COERCION = {
    "arrest", "detention", "detain", "deportation", "deport", "expulsion", "expel", "ban",
    "curfew", "censorship", "censor", "seizure", "seize", "sanction", "raid", "search",
}
IDENTITY_CLASS = {"PERSON": "individual", "ORG": "organization", "NORP": "group"}
PLACE_TYPES = {"GPE", "LOC", "FAC"}
ROLE_RELATIONSHIP = {"actor": "attributed-to", "target": "targets"}
EXTENSION_SCHEMA = (
    "claimgraph property extension (plain-text definition). On incident: event_type (PLOVER type, "
    "upper case), mode (finer mode or null), status (occurred|planned|attempted|foiled|hypothetical|"
    "negated|unknown, its status across reports), contested (bool: reports at the same time disagree on "
    "status), status_rule (why that status), credibility {grade (Admiralty information credibility 1-6), "
    "label, reasons} (the incident's confidence is that grade through the STIX 2.1 Admiralty mapping: "
    "1->90, 2->70, 3->50, 4->30, 5->10, 6->absent), "
    "time {text,start,end}, amount {text,value,currency}, participants [{role,name,type,kb_id,ref}], "
    "location_name, independent_sources (int), source_chains [string], kb_id. On identity, "
    "threat-actor and location: kb_id, entity_type, named, aliases, roles, mention_count. On report: "
    "document_id (sha256 of the body text), source, authors, language. On relationship: kb_id, "
    "role or relation_type, count. On note (one per claim): kb_id, claim_kind (reported|attributed|quote|"
    "opinion), chain [{name,kind,entity,actor,span}] from the publisher to the originating source, cue, hedges."
)
_NOT_SLUG = re.compile(r"[^a-z0-9]+")
#: The STIX 2.1 mapping of the Admiralty information-credibility scale to ``confidence``
#: (STIX 2.1, appendix "Confidence Scales", Admiralty Credibility): 6 "truth cannot be
#: judged" has no value (the property is left out).
ADMIRALTY_CONFIDENCE: dict[int, int | None] = {1: 90, 2: 70, 3: 50, 4: 30, 5: 10, 6: None}


def admiralty_confidence(grade: int | None) -> int | None:
    """The STIX ``confidence`` of an Admiralty credibility grade (None: leave it out)."""
    return ADMIRALTY_CONFIDENCE.get(int(grade)) if grade is not None else None


def incident_confidence(ev: dict[str, Any], claims: dict[str, dict[str, Any]]) -> int | None:
    """An event's STIX confidence: its Admiralty grade through the STIX 2.1 mapping; an event
    row without a grade (an older exporter's rows) falls back to the source-count score."""
    cred = ev.get("credibility")
    if isinstance(cred, dict) and cred.get("grade") is not None:
        return admiralty_confidence(cred["grade"])
    if isinstance(cred, int):
        return admiralty_confidence(cred)
    return event_confidence(ev, claims)


def sid(stix_type: str, key: str) -> str:
    """A deterministic STIX id for ``key``: uuid5's name hashing, formatted as the UUIDv4 that
    STIX 2.1 asks SDOs and SROs to use (same key, same id)."""
    digest = uuid.uuid5(NAMESPACE, key).bytes
    return f"{stix_type}--{uuid.UUID(bytes=digest, version=4)}"


def stix_time(value: str | None) -> str | None:
    """An ISO 8601 date or datetime as a STIX UTC timestamp (``...T..:..:...000Z``)."""
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(str(value).replace("Z", "+00:00"))
    except ValueError:
        return None
    if parsed.tzinfo is None:
        parsed = parsed.replace(tzinfo=UTC)
    return parsed.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")


def slug(text: str) -> str:
    return _NOT_SLUG.sub("-", text.lower()).strip("-") or "related-to"


def is_hostile_event(ev: dict[str, Any]) -> bool:
    """An event whose ``actor`` participants become STIX threat actors (the hostility rule)."""
    if ev.get("status") == "negated":
        return False
    etype = str(ev.get("type") or "").upper()
    if etype in HOSTILE_TYPES:
        return True
    return etype == "COERCE" and str(ev.get("mode") or "").lower() not in LAWFUL_COERCION


def hostile_actor_ids(snap: Snapshot) -> set[str]:
    return {
        a
        for ev in snap.events
        if is_hostile_event(ev)
        for p in ev.get("participants") or []
        if p.get("role") == "actor" and (a := participant_actor(p))
    }


def compact(value: Any) -> Any:
    """``value`` without None, empty strings, empty lists or empty objects, at any depth
    (STIX forbids null values and empty lists)."""
    if isinstance(value, dict):
        out = {k: c for k, v in value.items() if (c := compact(v)) not in (None, "", [], {})}
        return out
    if isinstance(value, list):
        return [c for v in value if (c := compact(v)) not in (None, "", [], {})]
    return value


def _by_document(snap: Snapshot) -> dict[tuple[str, str], list[str]]:
    """(``"actor"``/``"event"``, document id) -> ids of the actors/events mentioned there."""
    out: dict[tuple[str, str], dict[str, None]] = {}
    for kind, rows in (("actor", snap.actors), ("event", snap.events)):
        for row in rows:
            for m in row.get("mentions") or []:
                out.setdefault((kind, m.get("document") or ""), {})[row["id"]] = None
    return {k: list(v) for k, v in out.items()}


def _norm(name: str) -> str:
    return " ".join(name.lower().removeprefix("the ").split())


class StixBuilder:
    """Turns a snapshot into a list of STIX objects (ordered: definitions, actors, events, reports)."""

    def __init__(self, snap: Snapshot) -> None:
        self.snap = snap
        self.objects: dict[str, dict[str, Any]] = {}
        self.stamp = self._stamp()
        self.tool_ref = sid("identity", TOOL_KEY)
        self.actor_ref: dict[str, str] = {}
        self.outlet_ref: dict[str, str] = {}
        self.hostile = hostile_actor_ids(snap)
        self.links: dict[str, list[str]] = {}
        self.by_document = _by_document(snap)

    def _stamp(self) -> str:
        times = [t for d in self.snap.documents if (t := stix_time(d.get("published")))]
        return max(times) if times else datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%S.000Z")

    def _common(self, stix_type: str, key: str, **props: Any) -> dict[str, Any]:
        obj: dict[str, Any] = {"type": stix_type, "spec_version": "2.1", "id": sid(stix_type, key),
                               "created": self.stamp, "modified": self.stamp}
        if key != TOOL_KEY:
            obj["created_by_ref"] = self.tool_ref
        obj.update({k: v for k, v in props.items() if v not in (None, [], "", {})})
        return obj

    def _add(self, obj: dict[str, Any]) -> str:
        self.objects.setdefault(obj["id"], obj)
        return obj["id"]

    @staticmethod
    def _ext(**props: Any) -> dict[str, Any]:
        body: dict[str, Any] = {"extension_type": "property-extension"}
        body.update(compact(props))
        return {EXTENSION_ID: body}

    def bundle(self) -> dict[str, Any]:
        self._add(self._common("identity", TOOL_KEY, name="claimgraph", identity_class="system",
                               description="Extracted by claimgraph from news articles."))
        self._add(self._extension_definition())
        for actor in self.snap.actors:
            self._actor(actor)
        self._outlets()
        event_refs = {ev["id"]: self._event(ev) for ev in self.snap.events}
        relation_refs = [self._relation(i, r) for i, r in enumerate(self.snap.relations)]
        notes = self._notes(event_refs)
        for doc in self.snap.documents:
            self._report(doc, event_refs, [r for r in relation_refs if r], notes.get(doc["id"], []))
        digest = hashlib.sha256("\n".join(sorted(self.objects)).encode()).hexdigest()
        return {"type": "bundle", "id": sid("bundle", digest), "objects": list(self.objects.values())}

    def _extension_definition(self) -> dict[str, Any]:
        obj = self._common("extension-definition", "extension:claimgraph/1", name="claimgraph event and source",
                           description="claimgraph's event status, participants, time and source chains.",
                           schema=EXTENSION_SCHEMA, version="1.0.0", extension_types=["property-extension"])
        obj["id"] = EXTENSION_ID
        return obj

    def _actor_ext(self, a: dict[str, Any]) -> dict[str, Any]:
        return self._ext(kb_id=a["id"], entity_type=a.get("type"), named=a.get("named", True),
                         aliases=a.get("aliases") or [], roles=a.get("roles") or [],
                         mention_count=len(a.get("mentions") or []))

    def _actor(self, a: dict[str, Any]) -> None:
        atype = a.get("type")
        key = f"actor:{a['id']}"
        if atype in PLACE_TYPES:
            obj = self._location(a, key)
        elif atype in IDENTITY_CLASS and a["id"] in self.hostile:
            obj = self._common("threat-actor", key, name=a["name"], threat_actor_types=["unknown"],
                               aliases=[x for x in a.get("aliases") or [] if x != a["name"]] or None,
                               description=", ".join(a.get("roles") or []) or None,
                               extensions=self._actor_ext(a))
        elif atype in IDENTITY_CLASS:
            cls = IDENTITY_CLASS[atype] if a.get("named", True) else "unknown"
            obj = self._common("identity", key, name=a["name"], identity_class=cls,
                               roles=a.get("roles") or None, extensions=self._actor_ext(a))
        else:
            return
        if obj is not None:
            self.actor_ref[a["id"]] = self._add(obj)
            if atype == "ORG":
                self.outlet_ref.setdefault(_norm(a["name"]), obj["id"])

    def _location(self, a: dict[str, Any], key: str) -> dict[str, Any] | None:
        geo = a.get("geo") or {}
        lat, lon, country = geo.get("lat"), geo.get("lon"), geo.get("country_code")
        if (lat is None or lon is None) and not country:
            return None
        coords = {"latitude": float(lat), "longitude": float(lon)} if lat is not None and lon is not None else {}
        return self._common("location", key, name=a["name"], country=country.upper() if country else None,
                            **coords, extensions=self._actor_ext(a))

    def _outlet(self, name: str) -> str:
        norm = _norm(name)
        if norm not in self.outlet_ref:
            obj = self._common("identity", f"outlet:{norm}", name=name, identity_class="organization",
                               sectors=["communications"])
            self.outlet_ref[norm] = self._add(obj)
        return self.outlet_ref[norm]

    def _outlets(self) -> None:
        for doc in self.snap.documents:
            if doc.get("publisher"):
                self._outlet(doc["publisher"])
        for claim in self.snap.claims:
            for link in claim.get("chain") or []:
                if link.get("kind") in ("publisher", "outlet") and link.get("name"):
                    actor = link.get("actor") or link.get("entity")
                    if actor in self.actor_ref:
                        self.outlet_ref.setdefault(_norm(link["name"]), self.actor_ref[actor])
                    self._outlet(link["name"])

    def _references(self, claim_ids: list[str], chains: list[list[dict[str, Any]]]) -> list[dict[str, Any]]:
        refs: dict[tuple[str, str], dict[str, Any]] = {}
        for cid in claim_ids:
            claim = self.snap.claim.get(cid)
            if claim and claim.get("chain"):
                doc = self.snap.document.get(claim.get("document") or "") or {}
                self._reference(refs, claim["chain"], doc.get("url"))
        for chain in chains:
            if chain and not any(k[0] == chain_text(chain) for k in refs):
                self._reference(refs, chain, None)
        return list(refs.values())

    @staticmethod
    def _reference(refs: dict[tuple[str, str], dict[str, Any]], chain: list[dict[str, Any]], url: str | None) -> None:
        text = chain_text(chain)
        ref: dict[str, Any] = {"source_name": str(chain[-1].get("name") or chain[-1].get("kind")),
                               "description": text}
        if url:
            ref["url"] = url
        refs.setdefault((text, url or ""), ref)

    def _event(self, ev: dict[str, Any]) -> str:
        conf = incident_confidence(ev, self.snap.claim)
        trigger = next((m.get("trigger", {}).get("text") for m in ev.get("mentions") or []), None)
        claim = self.snap.claim.get(next(iter(ev.get("claims") or []), ""), {})
        participants = [self._participant(p) for p in ev.get("participants") or []]
        place = self.snap.actor.get(ev.get("location") or "", {})
        label = ev.get("type") or "EVENT"
        if ev.get("mode"):
            label += f"/{ev['mode']}"
        names = ", ".join(f"{p['role']}: {p['name']}" for p in participants if p["name"])
        name = f"{label} '{trigger or '?'}' [{ev.get('status')}]" + (f" ({names})" if names else "")
        ext = self._ext(kb_id=ev["id"], event_type=ev.get("type"), mode=ev.get("mode"), status=ev.get("status"),
                        contested=bool(ev.get("contested")),
                        status_rule=(ev.get("status_across_reports") or {}).get("rule"),
                        credibility={"grade": ev.get("credibility"), "label": ev.get("credibility_label"),
                                     "reasons": ev.get("credibility_reasons") or []}
                        if ev.get("credibility") is not None else None,
                        time=ev.get("time"), amount=ev.get("amount"),
                        participants=participants, location_name=place.get("name"),
                        independent_sources=ev.get("independent_sources"),
                        source_chains=[chain_text(c) for c in ev.get("sources") or []])
        incident = self._common("incident", f"event:{ev['id']}", name=name,
                                description=(claim.get("evidence") or {}).get("text"), confidence=conf,
                                labels=[str(ev.get("type") or "event").lower(), str(ev.get("status") or "unknown")],
                                external_references=self._references(ev.get("claims") or [], ev.get("sources") or []),
                                extensions=ext)
        ref = self._add(incident)
        for p in participants:
            if p["ref"]:
                rtype = ROLE_RELATIONSHIP.get(p["role"], "related-to")
                self._relationship(f"part:{ev['id']}:{p['role']}:{p['kb_id']}", ref, p["ref"], rtype, conf,
                                   incident.get("external_references"), role=p["role"],
                                   description=f"{p['name']} is the {p['role']} of this {label} event")
        if place.get("id") in self.actor_ref:
            self._relationship(f"loc:{ev['id']}", ref, self.actor_ref[place["id"]], "located-at", conf,
                               incident.get("external_references"), role="location",
                               description=f"This {label} event took place in {place.get('name')}")
        return ref

    def _participant(self, p: dict[str, Any]) -> dict[str, Any]:
        actor_id = participant_actor(p) or ""
        actor = self.snap.actor.get(actor_id, {})
        return {"role": p.get("role"), "name": actor.get("name"), "type": actor.get("type"),
                "kb_id": actor_id, "ref": self.actor_ref.get(actor_id)}

    def _relationship(self, key: str, source: str, target: str, rtype: str, conf: int | None,
                      refs: list[dict[str, Any]] | None, description: str | None = None, **ext: Any) -> str:
        ref = self._add(self._common("relationship", key, relationship_type=rtype, source_ref=source,
                                      target_ref=target, confidence=conf, description=description,
                                      external_references=refs, extensions=self._ext(**ext)))
        self.links.setdefault(source, []).append(ref)
        return ref

    def _relation(self, index: int, r: dict[str, Any]) -> tuple[str, list[str]] | None:
        source, target = self.actor_ref.get(r.get("subject") or ""), self.actor_ref.get(r.get("object") or "")
        if not source or not target:
            return None
        claims = r.get("claims") or []
        rel_type = str(r.get("type") or "related_to")
        key = f"rel:{r.get('subject')}:{rel_type}:{r.get('object')}"
        ref = self._relationship(key, source, target, slug(rel_type), relation_confidence(r, self.snap.claim),
                                 self._references(claims, []) or None,
                                 description=f"{rel_type.replace('_', ' ')} (seen {r.get('count') or 1} times)",
                                 relation_type=rel_type, count=r.get("count"))
        return ref, [self.snap.claim[c]["document"] for c in claims if c in self.snap.claim]

    def _notes(self, event_refs: dict[str, str]) -> dict[str, list[str]]:
        """A ``note`` per claim (who says what, through whom); returns document id -> note ids."""
        about: dict[str, list[str]] = {}
        for ev in self.snap.events:
            for cid in ev.get("claims") or []:
                about.setdefault(cid, []).append(event_refs[ev["id"]])
        by_doc: dict[str, list[str]] = {}
        for claim in self.snap.claims:
            did = claim.get("document") or ""
            refs = about.get(claim["id"], []) + ([sid("report", f"document:{did}")] if did in self.snap.document else [])
            chain = claim.get("chain") or []
            content = (claim.get("evidence") or {}).get("text") or chain_text(chain)
            if not refs or not content:
                continue
            kind = claim.get("claim_kind") or "reported"
            url = (self.snap.document.get(did) or {}).get("url")
            refs_ext: dict[tuple[str, str], dict[str, Any]] = {}
            if chain:
                self._reference(refs_ext, chain, url)
            note = self._common(
                "note", f"claim:{claim['id']}", abstract=f"{kind}: {chain_text(chain)}"[:250], content=content,
                authors=[str(link.get("name")) for link in chain if link.get("name")], object_refs=refs,
                external_references=list(refs_ext.values()),
                extensions=self._ext(kb_id=claim["id"], claim_kind=kind, chain=chain,
                                     cue=(claim.get("cue") or {}).get("text"), hedges=claim.get("hedges") or []),
            )
            by_doc.setdefault(did, []).append(self._add(note))
        return by_doc

    def _report(self, doc: dict[str, Any], event_refs: dict[str, str],
                relation_refs: list[tuple[str, list[str]]], notes: list[str]) -> None:
        did = doc["id"]
        refs: dict[str, None] = {}
        if doc.get("publisher"):
            refs[self._outlet(doc["publisher"])] = None
        for actor_id in self.by_document.get(("actor", did), []):
            if actor_id in self.actor_ref:
                refs[self.actor_ref[actor_id]] = None
        for event_id in self.by_document.get(("event", did), []):
            refs[event_refs[event_id]] = None
            refs.update(dict.fromkeys(self.links.get(event_refs[event_id], [])))
        refs.update({ref: None for ref, docs in relation_refs if did in docs})
        refs.update(dict.fromkeys(notes))
        external = {"source_name": doc.get("publisher") or "claimgraph"}
        external.update({"url": doc["url"]} if doc.get("url") else {"external_id": did})
        self._add(self._common(
            "report", f"document:{did}", name=doc.get("headline") or doc.get("source") or did,
            published=stix_time(doc.get("published")) or self.stamp, report_types=["threat-report"],
            description=(doc.get("text") or "")[:500] or None, object_refs=list(refs) or [self.tool_ref],
            external_references=[external],
            extensions=self._ext(document_id=did, source=doc.get("source"), authors=doc.get("authors") or [],
                                 language=doc.get("language"), published_known=bool(stix_time(doc.get("published")))),
        ))
