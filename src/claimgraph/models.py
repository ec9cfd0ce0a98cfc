"""Plain record types of the document record (``claimgraph.document/1``).

Every record is a slotted dataclass with ``to_dict``/``from_dict``. Offsets in a
:class:`Span` are Python ``str`` indices into ``DocumentInfo.text`` (end exclusive), so
``text[span.start:span.end] == span.text`` always holds.

The pipeline passes one :class:`Document` from step to step; each step fills the lists
it is responsible for. Working state that is not part of the record (the spaCy parse,
intermediate mention lists) lives in ``Document.scratch`` and is never serialised.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

SCHEMA = "claimgraph.document/1"

ENTITY_TYPES = ("PERSON", "ORG", "GPE", "LOC", "FAC", "NORP", "WEAPON", "VEHICLE", "OBJECT")
STATUSES = ("occurred", "planned", "attempted", "foiled", "hypothetical", "negated", "unknown")
CLAIM_KINDS = ("reported", "attributed", "quote", "opinion")
LINK_KINDS = ("publisher", "outlet", "person", "organization", "government", "anonymous")
ROLES = ("actor", "target", "recipient", "instrument", "beneficiary")


@dataclass(slots=True)
class Span:
    start: int
    end: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        return {"start": self.start, "end": self.end, "text": self.text}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Span | None:
        if d is None:
            return None
        return cls(int(d["start"]), int(d["end"]), str(d["text"]))

    @classmethod
    def of(cls, text: str, start: int, end: int) -> Span:
        """A span over ``text[start:end]`` (the one way spans should be made)."""
        return cls(start, end, text[start:end])

    def overlaps(self, other: Span) -> bool:
        return self.start < other.end and other.start < self.end

    def contains(self, other: Span) -> bool:
        return self.start <= other.start and other.end <= self.end


def _span_dict(s: Span | None) -> dict[str, Any] | None:
    return s.to_dict() if s is not None else None


@dataclass(slots=True)
class Geo:
    geonames_id: int | None
    name: str
    country_code: str | None = None
    feature: str | None = None
    lat: float | None = None
    lon: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "geonames_id": self.geonames_id,
            "name": self.name,
            "country_code": self.country_code,
            "feature": self.feature,
            "lat": self.lat,
            "lon": self.lon,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Geo | None:
        if d is None:
            return None
        return cls(
            d.get("geonames_id"),
            d.get("name", ""),
            d.get("country_code"),
            d.get("feature"),
            d.get("lat"),
            d.get("lon"),
        )


@dataclass(slots=True)
class Entity:
    id: str
    type: str
    name: str
    named: bool = True
    aliases: list[str] = field(default_factory=list)
    roles: list[str] = field(default_factory=list)
    mentions: list[Span] = field(default_factory=list)
    geo: Geo | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "named": self.named,
            "name": self.name,
            "aliases": list(self.aliases),
            "roles": list(self.roles),
            "mentions": [m.to_dict() for m in self.mentions],
            "geo": self.geo.to_dict() if self.geo else None,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Entity:
        return cls(
            id=d["id"],
            type=d["type"],
            name=d["name"],
            named=bool(d.get("named", True)),
            aliases=list(d.get("aliases") or []),
            roles=list(d.get("roles") or []),
            mentions=[Span.from_dict(m) for m in d.get("mentions") or []],  # type: ignore[misc]
            geo=Geo.from_dict(d.get("geo")),
        )


@dataclass(slots=True)
class Participant:
    role: str
    entity: str

    def to_dict(self) -> dict[str, Any]:
        return {"role": self.role, "entity": self.entity}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Participant:
        return cls(d["role"], d["entity"])


@dataclass(slots=True)
class EventTime:
    text: str
    start: str | None
    end: str | None

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> EventTime | None:
        if d is None:
            return None
        return cls(d.get("text", ""), d.get("start"), d.get("end"))


@dataclass(slots=True)
class Amount:
    text: str
    value: float | None
    currency: str | None

    def to_dict(self) -> dict[str, Any]:
        v = self.value
        if isinstance(v, float) and v.is_integer():
            v = int(v)
        return {"text": self.text, "value": v, "currency": self.currency}

    @classmethod
    def from_dict(cls, d: dict[str, Any] | None) -> Amount | None:
        if d is None:
            return None
        return cls(d.get("text", ""), d.get("value"), d.get("currency"))


@dataclass(slots=True)
class Event:
    id: str
    type: str
    trigger: Span
    mode: str | None = None
    status: str = "unknown"
    participants: list[Participant] = field(default_factory=list)
    location: str | None = None
    time: EventTime | None = None
    amount: Amount | None = None
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "type": self.type,
            "mode": self.mode,
            "trigger": self.trigger.to_dict(),
            "status": self.status,
            "participants": [p.to_dict() for p in self.participants],
            "location": self.location,
            "time": self.time.to_dict() if self.time else None,
            "amount": self.amount.to_dict() if self.amount else None,
            "claim": self.claim,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Event:
        return cls(
            id=d["id"],
            type=d["type"],
            trigger=Span.from_dict(d["trigger"]),  # type: ignore[arg-type]
            mode=d.get("mode"),
            status=d.get("status", "unknown"),
            participants=[Participant.from_dict(p) for p in d.get("participants") or []],
            location=d.get("location"),
            time=EventTime.from_dict(d.get("time")),
            amount=Amount.from_dict(d.get("amount")),
            claim=d.get("claim"),
        )


@dataclass(slots=True)
class ChainLink:
    name: str
    kind: str
    entity: str | None = None
    span: Span | None = None

    def to_dict(self) -> dict[str, Any]:
        d: dict[str, Any] = {"name": self.name, "kind": self.kind, "entity": self.entity}
        if self.span is not None:
            d["span"] = self.span.to_dict()
        return d

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> ChainLink:
        return cls(d["name"], d["kind"], d.get("entity"), Span.from_dict(d.get("span")))


@dataclass(slots=True)
class Claim:
    id: str
    kind: str
    chain: list[ChainLink]
    evidence: Span
    cue: Span | None = None
    hedges: list[str] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "kind": self.kind,
            "chain": [c.to_dict() for c in self.chain],
            "cue": _span_dict(self.cue),
            "hedges": list(self.hedges),
            "evidence": self.evidence.to_dict(),
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Claim:
        return cls(
            id=d["id"],
            kind=d["kind"],
            chain=[ChainLink.from_dict(c) for c in d.get("chain") or []],
            evidence=Span.from_dict(d["evidence"]),  # type: ignore[arg-type]
            cue=Span.from_dict(d.get("cue")),
            hedges=list(d.get("hedges") or []),
        )


@dataclass(slots=True)
class Timex:
    span: Span
    type: str
    value: str

    def to_dict(self) -> dict[str, Any]:
        return {"span": self.span.to_dict(), "type": self.type, "value": self.value}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Timex:
        return cls(Span.from_dict(d["span"]), d["type"], d["value"])  # type: ignore[arg-type]


@dataclass(slots=True)
class Quote:
    speaker: str | None
    text: str
    span: Span
    cue: str | None = None
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "speaker": self.speaker,
            "text": self.text,
            "span": self.span.to_dict(),
            "cue": self.cue,
            "claim": self.claim,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Quote:
        return cls(
            d.get("speaker"),
            d.get("text", ""),
            Span.from_dict(d["span"]),  # type: ignore[arg-type]
            d.get("cue"),
            d.get("claim"),
        )


@dataclass(slots=True)
class Relation:
    type: str
    subject: str
    object: str
    claim: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"type": self.type, "subject": self.subject, "object": self.object, "claim": self.claim}

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Relation:
        return cls(d["type"], d["subject"], d["object"], d.get("claim"))


@dataclass(slots=True)
class DocumentInfo:
    """Metadata and cleaned body text of one article."""

    id: str
    source: str
    text: str
    url: str | None = None
    publisher: str | None = None
    headline: str | None = None
    authors: list[str] = field(default_factory=list)
    published: str | None = None
    language: str | None = "en"

    def to_dict(self) -> dict[str, Any]:
        return {
            "id": self.id,
            "source": self.source,
            "url": self.url,
            "publisher": self.publisher,
            "headline": self.headline,
            "authors": list(self.authors),
            "published": self.published,
            "language": self.language,
            "text": self.text,
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> DocumentInfo:
        return cls(
            id=d["id"],
            source=d.get("source", ""),
            text=d.get("text", ""),
            url=d.get("url"),
            publisher=d.get("publisher"),
            headline=d.get("headline"),
            authors=list(d.get("authors") or []),
            published=d.get("published"),
            language=d.get("language"),
        )


@dataclass(slots=True)
class Document:
    """The whole document record: metadata plus everything extracted from it."""

    info: DocumentInfo
    entities: list[Entity] = field(default_factory=list)
    events: list[Event] = field(default_factory=list)
    claims: list[Claim] = field(default_factory=list)
    times: list[Timex] = field(default_factory=list)
    quotes: list[Quote] = field(default_factory=list)
    relations: list[Relation] = field(default_factory=list)
    scratch: dict[str, Any] = field(default_factory=dict, repr=False, compare=False)

    @property
    def text(self) -> str:
        return self.info.text

    def span(self, start: int, end: int) -> Span:
        return Span.of(self.info.text, start, end)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        for e in self.entities:
            if e.id == entity_id:
                return e
        return None

    def claim(self, claim_id: str | None) -> Claim | None:
        if claim_id is None:
            return None
        for c in self.claims:
            if c.id == claim_id:
                return c
        return None

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema": SCHEMA,
            "document": self.info.to_dict(),
            "entities": [e.to_dict() for e in self.entities],
            "events": [e.to_dict() for e in self.events],
            "claims": [c.to_dict() for c in self.claims],
            "times": [t.to_dict() for t in self.times],
            "quotes": [q.to_dict() for q in self.quotes],
            "relations": [r.to_dict() for r in self.relations],
        }

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Document:
        return cls(
            info=DocumentInfo.from_dict(d["document"]),
            entities=[Entity.from_dict(e) for e in d.get("entities") or []],
            events=[Event.from_dict(e) for e in d.get("events") or []],
            claims=[Claim.from_dict(c) for c in d.get("claims") or []],
            times=[Timex.from_dict(t) for t in d.get("times") or []],
            quotes=[Quote.from_dict(q) for q in d.get("quotes") or []],
            relations=[Relation.from_dict(r) for r in d.get("relations") or []],
        )


def iter_spans(obj: Any):
    """Yield every span-shaped dict inside a serialised record (for validation)."""
    if isinstance(obj, dict):
        if isinstance(obj.get("start"), int) and isinstance(obj.get("end"), int) and "text" in obj:
            yield obj
        for v in obj.values():
            yield from iter_spans(v)
    elif isinstance(obj, list):
        for v in obj:
            yield from iter_spans(v)
