"""What an export covers: the whole store, or a query's view of it, read through the KB interface.

:class:`Selection` streams rows (``kb.iter_actors`` ... ``kb.iter_documents``, each a dict in
the contract's JSONL shape) for the formats that write row by row, and :meth:`Selection.load`
builds a :class:`Snapshot` with indexes for the formats that need the whole graph. A
snapshot is *closed*: every actor, claim and document an included event or relation points
at is included too, so no exported reference dangles.

Also here: the helpers several formats share (source chains as text, a confidence score).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

_KINDS = ("actors", "events", "claims", "documents")
_ANONYMOUS_KINDS = {"anonymous"}


def _view_ids(view: Any, kind: str) -> set[str] | None:
    """The ids of ``kind`` ("actors", "events", ...) a view selects; None means all."""
    if view is None:
        return None
    singular = kind[:-1]
    for name in (kind, f"{singular}_ids", f"{kind}_ids"):
        value = view.get(name) if isinstance(view, dict) else getattr(view, name, None)
        if value is not None:
            return {str(v if isinstance(v, str) else v["id"]) for v in value}
    return set()


class Selection:
    """The rows an export writes, read lazily from a knowledge base."""

    def __init__(self, kb: Any, view: Any = None) -> None:
        self.kb = kb
        self.view = view
        self.ids: dict[str, set[str] | None] = {k: _view_ids(view, k) for k in _KINDS}
        self._snapshot: Snapshot | None = None

    def actors(self) -> Iterator[dict[str, Any]]:
        return self._rows("actors", self.kb.iter_actors)

    def events(self) -> Iterator[dict[str, Any]]:
        return self._rows("events", self.kb.iter_events)

    def claims(self) -> Iterator[dict[str, Any]]:
        return self._rows("claims", self.kb.iter_claims)

    def documents(self) -> Iterator[dict[str, Any]]:
        return self._rows("documents", self.kb.iter_documents)

    def relations(self) -> Iterator[dict[str, Any]]:
        """Relations touching a selected actor (all relations for the whole store)."""
        if self.view is not None:
            return iter(self.load().relations)
        return (_with_kind(r, "relation") for r in self.kb.iter_relations())

    def _rows(self, kind: str, source: Any) -> Iterator[dict[str, Any]]:
        if self.view is not None:
            return iter(getattr(self.load(), kind))
        return (_with_kind(r, kind[:-1]) for r in source())

    def load(self) -> Snapshot:
        """Every selected row in memory, closed over references (computed once)."""
        if self._snapshot is None:
            self._snapshot = _build_snapshot(self.kb, self.ids)
        return self._snapshot


def _with_kind(row: dict[str, Any], kind: str) -> dict[str, Any]:
    if row.get("kind") != kind:
        row = {"kind": kind, **{k: v for k, v in row.items() if k != "kind"}}
    return row


@dataclass(slots=True)
class Snapshot:
    """Selected rows in memory, each list in store order, with id indexes."""

    actors: list[dict[str, Any]] = field(default_factory=list)
    events: list[dict[str, Any]] = field(default_factory=list)
    claims: list[dict[str, Any]] = field(default_factory=list)
    relations: list[dict[str, Any]] = field(default_factory=list)
    documents: list[dict[str, Any]] = field(default_factory=list)
    actor: dict[str, dict[str, Any]] = field(default_factory=dict)
    event: dict[str, dict[str, Any]] = field(default_factory=dict)
    claim: dict[str, dict[str, Any]] = field(default_factory=dict)
    document: dict[str, dict[str, Any]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        return {k: len(getattr(self, k)) for k in ("actors", "events", "claims", "relations", "documents")}


def _fetch(it: Iterable[dict[str, Any]], kind: str) -> list[dict[str, Any]]:
    return [_with_kind(r, kind) for r in it]


def _by_ids(source: Any, ids: set[str] | None, kind: str) -> list[dict[str, Any]]:
    if ids is None:
        return _fetch(source(), kind)
    if not ids:
        return []
    return _fetch(source(ids=sorted(ids)), kind)


def _build_snapshot(kb: Any, ids: dict[str, set[str] | None]) -> Snapshot:
    snap = Snapshot()
    snap.events = _by_ids(kb.iter_events, ids["events"], "event")
    actor_ids = ids["actors"]
    claim_ids = ids["claims"]
    doc_ids = ids["documents"]
    if actor_ids is not None:
        actor_ids = set(actor_ids) | {a for ev in snap.events for a in event_actor_ids(ev)}
    if claim_ids is not None:
        claim_ids = set(claim_ids) | {c for ev in snap.events for c in ev.get("claims") or []}
    snap.relations = _fetch(kb.iter_relations(), "relation")
    if actor_ids is not None:
        snap.relations = [r for r in snap.relations if r.get("subject") in actor_ids or r.get("object") in actor_ids]
        actor_ids |= {r[k] for r in snap.relations for k in ("subject", "object") if r.get(k)}
    snap.actors = _by_ids(kb.iter_actors, actor_ids, "actor")
    if claim_ids is not None:
        claim_ids |= {c for r in snap.relations for c in r.get("claims") or []}
    snap.claims = _by_ids(kb.iter_claims, claim_ids, "claim")
    if doc_ids is not None:
        doc_ids = set(doc_ids) | {c["document"] for c in snap.claims if c.get("document")}
        doc_ids |= {m["document"] for ev in snap.events for m in ev.get("mentions") or []}
    snap.documents = _by_ids(kb.iter_documents, doc_ids, "document")
    snap.actor = {a["id"]: a for a in snap.actors}
    snap.event = {e["id"]: e for e in snap.events}
    snap.claim = {c["id"]: c for c in snap.claims}
    snap.document = {d["id"]: d for d in snap.documents}
    return snap


def participant_actor(p: dict[str, Any]) -> str | None:
    """The actor id of an event participant (``actor``; ``entity`` in per-document records)."""
    return p.get("actor") or p.get("entity")


def event_actor_ids(event: dict[str, Any]) -> list[str]:
    """Actors an event points at: participants, then its location."""
    out = [a for p in event.get("participants") or [] if (a := participant_actor(p))]
    if event.get("location"):
        out.append(event["location"])
    return out


def chain_text(chain: list[dict[str, Any]]) -> str:
    """``"Azernews -> The Washington Post -> security services"``."""
    return " -> ".join(str(link.get("name") or link.get("kind") or "?") for link in chain)


def event_hedges(event: dict[str, Any], claims: dict[str, dict[str, Any]]) -> list[str]:
    """Distinct hedge words of the claims that report an event, in first-seen order."""
    seen: dict[str, None] = {}
    for cid in event.get("claims") or []:
        for h in (claims.get(cid) or {}).get("hedges") or []:
            seen.setdefault(str(h).lower(), None)
    return list(seen)


def confidence(independent_sources: int, hedges: Iterable[str] = (), *, contested: bool = False,
               anonymous_origin: bool = False) -> int:
    """A 0-100 confidence score from how many independent sources back a fact.

    One source gives 50, two 70, three 80, four or more up to 90. Each distinct hedge
    ("allegedly", "reportedly") removes 10 (at most 30), a contested fact (sources disagree
    on its status) removes 20, and an anonymous originating source removes 10. Never below 5.
    """
    n = max(0, int(independent_sources or 0))
    base = {0: 30, 1: 50, 2: 70, 3: 80}.get(n, 90 if n >= 5 else 85)
    score = base - min(30, 10 * len(set(hedges)))
    if contested:
        score -= 20
    if anonymous_origin:
        score -= 10
    return max(5, min(100, score))


def anonymous_origin(sources: list[list[dict[str, Any]]]) -> bool:
    """True when every source chain ends at an anonymous source."""
    ends = [chain[-1].get("kind") for chain in sources if chain]
    return bool(ends) and all(k in _ANONYMOUS_KINDS for k in ends)


def event_confidence(event: dict[str, Any], claims: dict[str, dict[str, Any]]) -> int:
    sources = event.get("sources") or []
    n = event.get("independent_sources")
    if n is None:
        n = len({chain_text(c[-1:]) for c in sources if c}) or (1 if event.get("claims") else 0)
    return confidence(n, event_hedges(event, claims), contested=bool(event.get("contested")),
                      anonymous_origin=anonymous_origin(sources))


def relation_confidence(relation: dict[str, Any], claims: dict[str, dict[str, Any]]) -> int:
    cids = relation.get("claims") or []
    origins = {chain_text(claims[c]["chain"][-1:]) for c in cids if c in claims and claims[c].get("chain")}
    hedges = {str(h).lower() for c in cids for h in (claims.get(c) or {}).get("hedges") or []}
    n = len(origins) or int(relation.get("count") or 1)
    return confidence(n, hedges)
