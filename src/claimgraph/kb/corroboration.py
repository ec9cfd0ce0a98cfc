"""Corroboration: one event's reports side by side, their status across time, who said it first.

A pure module over plain records (no store): :class:`Report` is one document's mention of an
event with the status that document gives it, its source chain and its origin (the
originating source key of :mod:`claimgraph.kb.sources`). From a list of reports:

* :func:`status_across_reports` -- the event's status once every report is read in time
  order (docs/credibility.md, "Status across reports"): a plot reported as planned and
  later as foiled is ``foiled``; reports that disagree at the same time make it contested.
* :func:`corroboration` -- the independent origins and which reports back each, who
  reported first, who copied whom (syndicated copies and "as reported by" chains) and the
  contradictions between reports.

:mod:`claimgraph.kb.event_rows` builds reports from the tables and puts both results on
every event dict; :mod:`claimgraph.kb.credibility` grades them.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Statuses that cannot all be true of one event at one time.
CONFLICTING = frozenset({"occurred", "foiled", "attempted", "negated"})
#: Statuses that neither assert nor deny the event.
NON_ASSERTING = frozenset({"unknown", "hypothetical"})
#: Statuses that say how a plan ended (they supersede ``planned``).
OUTCOMES = frozenset({"occurred", "foiled", "attempted", "negated"})
#: Reports published at most this many days apart count as "at the same time".
SAME_TIME_DAYS = 1
#: Chain link kinds whose source is named (anything but ``anonymous``).
ANONYMOUS = "anonymous"
#: Claim kinds that state a stance rather than a fact (a modal claim).
MODAL_CLAIM_KINDS = frozenset({"belief", "opinion"})


@dataclass(frozen=True, slots=True)
class Report:
    """One document's report of an event."""

    document: str
    status: str
    origin: str
    chain: tuple[dict[str, Any], ...] = ()
    publisher: str | None = None
    published: str | None = None
    day: date | None = None
    seq: int = 0
    hedges: tuple[str, ...] = ()
    claim_kind: str | None = None
    syndicated_from: str | None = None

    @property
    def origin_kind(self) -> str:
        """Kind of the originating source: the last chain link's kind (``publisher`` for the outlet's own voice)."""
        if len(self.chain) <= 1:
            return "publisher"
        return str(self.chain[-1].get("kind") or "publisher")

    @property
    def origin_name(self) -> str:
        if len(self.chain) <= 1:
            return self.publisher or "(publisher unknown)"
        return str(self.chain[-1].get("name") or self.chain[-1].get("kind") or "?")

    @property
    def hedged(self) -> bool:
        """Hedged or modal: hedge words, a belief/opinion claim, or a status that asserts nothing."""
        return bool(self.hedges) or self.claim_kind in MODAL_CLAIM_KINDS or self.status in NON_ASSERTING

    @property
    def source(self) -> str:
        """The chain as text, publisher first: ``"Azernews -> The Washington Post -> officials"``."""
        if not self.chain:
            return self.publisher or "(publisher unknown)"
        return " -> ".join(str(link.get("name") or link.get("kind") or "?") for link in self.chain)

    def to_dict(self) -> dict[str, Any]:
        return {"document": self.document, "publisher": self.publisher, "published": self.published,
                "status": self.status, "source": self.source, "origin": self.origin,
                "origin_kind": self.origin_kind, "hedges": list(self.hedges),
                "syndicated_from": self.syndicated_from}


@dataclass(frozen=True, slots=True)
class StatusVerdict:
    """The event's status across reports and why."""

    status: str
    contested: bool
    rule: str
    superseded: tuple[str, ...] = ()   # documents whose status a later report replaced

    def to_dict(self) -> dict[str, Any]:
        return {"status": self.status, "contested": self.contested, "rule": self.rule,
                "superseded": list(self.superseded)}


def _origins_by_status(reports: list[Report]) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for r in reports:
        out.setdefault(r.status, set()).add(r.origin)
    return out


def _best_backed(reports: list[Report]) -> str:
    """The status backed by most independent origins, then most reports, then first reported."""
    origins = _origins_by_status(reports)
    counts = Counter(r.status for r in reports)
    first: dict[str, int] = {}
    for i, r in enumerate(sorted(reports, key=_time_key)):
        first.setdefault(r.status, i)
    return max(origins, key=lambda s: (len(origins[s]), counts[s], -first[s]))


def _time_key(r: Report) -> tuple[int, date, int]:
    return (0 if r.day is not None else 1, r.day or date.max, r.seq)


def status_across_reports(reports: list[Report]) -> StatusVerdict:
    """The status of one event read across all its reports (the documented rule, in order):

    1. Reports that neither assert nor deny (``unknown``, ``hypothetical``) do not count,
       unless no report does more: then the most backed of them is the status.
    2. ``planned`` is superseded by any outcome (occurred, attempted, foiled, negated):
       a plot reported as planned and later as foiled is foiled.
    3. Among the outcomes, the latest reports decide: those published within
       :data:`SAME_TIME_DAYS` of the newest dated report, together with undated ones (their
       time is unknown, so they may be as recent). Older outcomes they disagree with are
       superseded (the story moved on: "attack under way" then "attack foiled").
    4. When the deciding reports disagree (two conflicting outcomes at the same time), the
       event is contested; its status is the outcome backed by most independent origins.
    """
    if not reports:
        return StatusVerdict("unknown", False, "no report")
    asserting = [r for r in reports if r.status not in NON_ASSERTING]
    if not asserting:
        return StatusVerdict(_best_backed(reports), False, "no report asserts or denies it")
    outcomes = [r for r in asserting if r.status in OUTCOMES]
    if not outcomes:
        return StatusVerdict("planned", False, "every asserting report gives it as planned")
    planned_docs = tuple(sorted({r.document for r in asserting if r.status == "planned"}))
    dated = [r.day for r in outcomes if r.day is not None]
    newest = max(dated) if dated else None
    current = [r for r in outcomes if r.day is None or newest is None or (newest - r.day).days <= SAME_TIME_DAYS]
    now = {r.status for r in current}
    older = tuple(sorted({r.document for r in outcomes if r not in current and r.status not in now}))
    superseded = tuple(sorted(set(planned_docs) | set(older)))
    if len(now & CONFLICTING) > 1:
        status = _best_backed(current)
        others = sorted(now - {status})
        return StatusVerdict(status, True, f"reports at the same time disagree ({status} vs {', '.join(others)})",
                             superseded)
    status = next(iter(now))
    if older:
        rule = f"later reports give it as {status}; earlier outcomes superseded"
    elif planned_docs:
        rule = f"reported as planned, then as {status}"
    else:
        rule = f"every asserting report gives it as {status}"
    return StatusVerdict(status, False, rule, superseded)


@dataclass(slots=True)
class Corroboration:
    """Who stands behind an event (or a story): origins, first report, copies, contradictions."""

    origins: list[dict[str, Any]] = field(default_factory=list)
    first_report: dict[str, Any] | None = None
    copies: list[dict[str, Any]] = field(default_factory=list)
    relays: list[dict[str, Any]] = field(default_factory=list)
    contradictions: list[dict[str, Any]] = field(default_factory=list)

    @property
    def independent_sources(self) -> int:
        return len(self.origins)

    def to_dict(self) -> dict[str, Any]:
        return {"independent_sources": self.independent_sources, "origins": self.origins,
                "first_report": self.first_report, "copies": self.copies, "relays": self.relays,
                "contradictions": self.contradictions}


def corroboration(reports: list[Report]) -> Corroboration:
    """Independent origins (each with its kind, name, statuses and documents), the first
    report (earliest published, then first ingested), syndicated copies (``copy`` of
    ``original``), relays ("as reported by": a report whose chain passes through another
    outlet) and contradictions (conflicting statuses, each with the documents giving it)."""
    out = Corroboration()
    by_origin: dict[str, dict[str, Any]] = {}
    for r in sorted(reports, key=_time_key):
        o = by_origin.setdefault(r.origin, {"origin": r.origin, "kind": r.origin_kind, "name": r.origin_name,
                                            "statuses": [], "documents": [], "publishers": []})
        if r.status not in o["statuses"]:
            o["statuses"].append(r.status)
        if r.document not in o["documents"]:
            o["documents"].append(r.document)
        if r.publisher and r.publisher not in o["publishers"]:
            o["publishers"].append(r.publisher)
    out.origins = list(by_origin.values())
    if reports:
        first = min(reports, key=_time_key)
        out.first_report = {"document": first.document, "publisher": first.publisher,
                            "published": first.published, "source": first.source}
    docs = {r.document for r in reports}
    seen_copies: set[tuple[str, str]] = set()
    seen_relays: set[tuple[str, str, str]] = set()
    for r in reports:
        if r.syndicated_from and (r.document, r.syndicated_from) not in seen_copies:
            seen_copies.add((r.document, r.syndicated_from))
            out.copies.append({"copy": r.document, "publisher": r.publisher, "original": r.syndicated_from,
                               "original_reported_here": r.syndicated_from in docs})
        for link in r.chain[1:]:
            if link.get("kind") == "outlet" and link.get("name"):
                key = (r.document, str(link["name"]), r.publisher or "")
                if key not in seen_relays:
                    seen_relays.add(key)
                    out.relays.append({"document": r.document, "publisher": r.publisher,
                                       "as_reported_by": link["name"]})
    statuses = _origins_by_status([r for r in reports if r.status in CONFLICTING])
    if len(statuses) > 1:
        for status in sorted(statuses):
            out.contradictions.append({"status": status, "origins": sorted(statuses[status]),
                                       "documents": sorted({r.document for r in reports if r.status == status})})
    return out


__all__ = [
    "CONFLICTING",
    "SAME_TIME_DAYS",
    "Corroboration",
    "Report",
    "StatusVerdict",
    "corroboration",
    "status_across_reports",
]
