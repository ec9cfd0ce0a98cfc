"""The Admiralty (NATO) information-credibility grade of an event or a story, 1-6.

The scale analysts use (STANAG 2511 / FM 2-22.3 "information credibility"):

====  ====================  =============================================================
1     confirmed             confirmed by other independent sources
2     probably true         not confirmed, but consistent with other information
3     possibly true         not confirmed, reasonably logical, agrees somewhat
4     doubtful              not confirmed, possible but not logical, or contradicted
5     improbable            contradicted by other information on the subject
6     cannot be judged      no basis exists to evaluate the validity of the information
====  ====================  =============================================================

The grade comes from documented rules (docs/credibility.md) over a plain evidence record,
:class:`Evidence`, built from an event's reports (:mod:`claimgraph.kb.corroboration`):
how many independent origins back the event's status across reports, how many contradict
it, how many reports hedge or only imagine it, and what kind the origins are (a single
anonymous source is never "confirmed"). :func:`grade` is the pure rule function;
:func:`event_credibility` and :func:`story_credibility` are thin readers over the store.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from .corroboration import (
    CONFLICTING,
    NON_ASSERTING,
    Corroboration,
    Report,
    StatusVerdict,
    corroboration,
    status_across_reports,
)

LABELS = {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
          6: "truth cannot be judged"}


@dataclass(frozen=True)
class Credibility:
    """An Admiralty information-credibility grade (1 best, 6 cannot be judged) and why."""

    grade: int
    label: str
    reasons: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"grade": self.grade, "label": self.label, "reasons": list(self.reasons)}


@dataclass(frozen=True)
class Evidence:
    """What the rules read: counts over one event's (or story's) reports.

    ``supporting`` / ``contradicting`` are independent origins (syndicated copies and
    repeated reports of one source count once) whose reports give the status across
    reports, or a status that conflicts with it; ``named_supporting`` those of them whose
    originating source is not anonymous. ``asserting`` reports assert or deny the event
    (status other than unknown/hypothetical); ``hedged`` reports carry hedge words
    ("allegedly", "reportedly"), state a belief or opinion, or only imagine the event.
    """

    reports: int
    asserting: int
    hedged: int
    supporting: int
    named_supporting: int
    contradicting: int
    status: str = "unknown"
    contested: bool = False


def _make(grade: int, *reasons: str) -> Credibility:
    return Credibility(grade, LABELS[grade], tuple(r for r in reasons if r))


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def grade(e: Evidence) -> Credibility:
    """The grade of an evidence record: the first rule that applies (docs/credibility.md).

    R1 no report -> 6. R2 no report asserts or denies it (all hypothetical or unknown) -> 6.
    R3 more independent origins contradict the status than support it -> 5.
    R4 as many contradict as support -> 4. R5 contradicted by fewer than support -> 3.
    R6 two or more supporting origins, at least two of them named, most reports unhedged
    -> 1. R7 two or more supporting origins otherwise -> 2. R8 one supporting origin,
    anonymous and hedged -> 4. R9 one supporting origin otherwise -> 3 (a single source,
    named or anonymous, is never confirmed).
    """
    hedge_note = f"{e.hedged} of {_plural(e.reports, 'report')} hedged" if e.hedged else ""
    if e.reports == 0:
        return _make(6, "R1: no report of it")
    if e.asserting == 0:
        return _make(6, "R2: no report asserts or denies it (hypothetical or unknown status only)")
    support = (f"{_plural(e.supporting, 'independent source')} ({e.named_supporting} named) report it as "
               f"{e.status}")
    if e.contradicting > e.supporting:
        return _make(5, f"R3: contradicted by {_plural(e.contradicting, 'independent source')}, more than the "
                        f"{e.supporting} that report it as {e.status}", hedge_note)
    if e.contradicting and e.contradicting == e.supporting:
        return _make(4, f"R4: independent sources disagree evenly ({e.supporting} against {e.contradicting})",
                     hedge_note)
    if e.contradicting:
        return _make(3, f"R5: {support}, contradicted by {e.contradicting}", hedge_note)
    mostly_hedged = 2 * e.hedged > e.reports
    if e.supporting >= 2 and e.named_supporting >= 2 and not mostly_hedged:
        return _make(1, f"R6: confirmed: {support}, none contradicts", hedge_note)
    if e.supporting >= 2:
        why = "most reports hedged" if mostly_hedged else "fewer than two named sources"
        return _make(2, f"R7: {support}, none contradicts; {why}", hedge_note)
    anonymous = e.named_supporting == 0
    if anonymous and e.hedged:
        return _make(4, "R8: a single anonymous source, hedged", hedge_note)
    who = "anonymous" if anonymous else "named"
    return _make(3, f"R9: a single {who} source, not confirmed by another", hedge_note)


def evidence_from_reports(reports: list[Report], verdict: StatusVerdict | None = None) -> Evidence:
    """The evidence record of one event's reports (its status across reports computed when not given)."""
    verdict = verdict or status_across_reports(reports)
    superseded = set(verdict.superseded)
    live = [r for r in reports if r.document not in superseded]
    supporting = {r.origin for r in live if r.status == verdict.status}
    named = {r.origin for r in live if r.status == verdict.status and r.origin_kind != "anonymous"}
    against = set()
    if verdict.status in CONFLICTING:
        against = {r.origin for r in live if r.status in CONFLICTING and r.status != verdict.status}
    elif verdict.status == "planned":
        against = {r.origin for r in live if r.status == "negated"}
    return Evidence(
        reports=len(reports),
        asserting=sum(1 for r in reports if r.status not in NON_ASSERTING),
        hedged=sum(1 for r in reports if r.hedged),
        supporting=len(supporting),
        named_supporting=len(named),
        contradicting=len(against - supporting),
        status=verdict.status,
        contested=verdict.contested,
    )


def credibility_of_reports(reports: list[Report], verdict: StatusVerdict | None = None) -> Credibility:
    return grade(evidence_from_reports(reports, verdict))


# -- thin readers over the store ------------------------------------------------------------------

_REPORTS_SQL = """
SELECT de.event_id, de.doc_id, de.status, de.origin, c.chain, c.kind, c.hedges,
       d.publisher, d.published, d.published_date, d.seq, d.syndicated_from
FROM doc_events de
JOIN documents d ON d.id = de.doc_id
LEFT JOIN claims c ON c.doc_id = de.doc_id AND c.claim_id = de.claim_id
WHERE de.event_id IN ({marks})
ORDER BY de.event_id, d.seq, de.event_local_id
"""


def report_from_row(doc_id: str, status: str, origin: str, chain: str | None, claim_kind: str | None,
                    hedges: str | None, publisher: str | None, published: str | None, day: Any, seq: Any,
                    syndicated_from: str | None) -> Report:
    """A :class:`Report` from the columns of a doc_events row joined with its claim and document."""
    links = tuple(json.loads(chain)) if chain else ({"name": publisher or "(publisher unknown)", "kind": "publisher"},)
    return Report(document=doc_id, status=status, origin=origin, chain=links, publisher=publisher,
                  published=published, day=day, seq=int(seq or 0),
                  hedges=tuple(json.loads(hedges)) if hedges else (), claim_kind=claim_kind,
                  syndicated_from=syndicated_from)


def load_reports(conn: Any, event_ids: list[str]) -> dict[str, list[Report]]:
    """Each event's reports, in storage order."""
    out: dict[str, list[Report]] = {}
    ids = list(dict.fromkeys(event_ids))
    for i in range(0, len(ids), 500):
        chunk = ids[i : i + 500]
        sql = _REPORTS_SQL.format(marks=",".join(["?"] * len(chunk)))
        for row in conn.execute(sql, chunk).fetchall():
            out.setdefault(str(row[0]), []).append(report_from_row(*row[1:]))
    return out


def event_credibility(conn: Any, event_id: str) -> Credibility:
    """The grade of stored event ``event_id`` (6, "no report of it", for an unknown id)."""
    return credibility_of_reports(load_reports(conn, [event_id]).get(event_id, []))


def _story_event_ids(conn: Any, story_id: str) -> tuple[list[str], list[str]]:
    """The story's documents and the events they report (most reported first)."""
    from .stories import story_documents  # stories import this module to grade their rows

    docs = story_documents(conn, story_id)
    if not docs:
        return [], []
    rows = conn.execute(
        f"SELECT event_id, count(DISTINCT doc_id) AS n FROM doc_events WHERE doc_id IN ({','.join(['?'] * len(docs))}) "
        "GROUP BY event_id ORDER BY n DESC, event_id",
        docs,
    ).fetchall()
    return docs, [str(r[0]) for r in rows]


def story_corroboration(conn: Any, story_id: str) -> Corroboration:
    """The corroboration of a story: over the reports, in the story's documents, of every event
    they report (origins, first report, copies, relays, contradictions; docs/credibility.md)."""
    docs, events = _story_event_ids(conn, story_id)
    inside = set(docs)
    reports = [r for rs in load_reports(conn, events).values() for r in rs if r.document in inside]
    return corroboration(reports)


def story_credibility(conn: Any, story_id: str) -> Credibility:
    """The grade of a story: the grade of its main event (the event most of its documents
    report; docs/credibility.md, "Stories"), with the story's spread beside it. A story
    whose documents report no event is graded from the documents alone: each outlet's own
    voice is one origin (a syndicated copy counts as its original's)."""
    docs, events = _story_event_ids(conn, story_id)
    if not docs:
        return _make(6, "R1: no report of it")
    if events:
        main = events[0]
        reports = load_reports(conn, [main]).get(main, [])
        c = credibility_of_reports(reports)
        in_story = sum(1 for r in {r.document for r in reports} if r in set(docs))
        note = f"main event {main}, reported by {in_story} of the story's {_plural(len(docs), 'document')}"
        return Credibility(c.grade, c.label, (*c.reasons, note))
    rows = conn.execute(
        f"SELECT id, publisher, published, published_date, seq, syndicated_from FROM documents "
        f"WHERE id IN ({','.join(['?'] * len(docs))})",
        docs,
    ).fetchall()
    publisher_of = {str(r[0]): r[1] for r in rows}

    def origin(doc_id: str, publisher: str | None, copied_from: str | None) -> str:
        if copied_from:  # a copy speaks with its original's voice
            root = publisher_of.get(copied_from)
            return f"publisher:{root.lower()}" if root else f"doc:{copied_from}"
        return f"publisher:{publisher.lower()}" if publisher else f"doc:{doc_id}"

    reports = [
        Report(document=str(r[0]), status="occurred", origin=origin(str(r[0]), r[1], r[5]),
               publisher=r[1], published=r[2], day=r[3], seq=int(r[4] or 0), syndicated_from=r[5])
        for r in rows
    ]
    c = credibility_of_reports(reports)
    return Credibility(c.grade, c.label, (*c.reasons, "no event extracted: graded from the outlets' own reports"))


__all__ = [
    "LABELS",
    "Credibility",
    "Evidence",
    "credibility_of_reports",
    "event_credibility",
    "evidence_from_reports",
    "grade",
    "load_reports",
    "story_corroboration",
    "story_credibility",
]
