"""Status across reports, corroboration and the Admiralty credibility grade, on hand-written cases.

Every rule of docs/credibility.md has a case here: the pure functions over plain
:class:`Report` records first, then the same through a real store.
"""

from __future__ import annotations

import json
from datetime import date
from typing import Any

import pytest
from stix2validator import ValidationOptions, validate_instance

from claimgraph.export import export
from claimgraph.export.stix_objects import EXTENSION_ID
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.corroboration import Report, corroboration, status_across_reports
from claimgraph.kb.credibility import (
    Credibility,
    Evidence,
    credibility_of_reports,
    event_credibility,
    evidence_from_reports,
    grade,
)

from .conftest import BAKU, Cl, Ent, Ev, build

OFFICIALS = ({"name": "Daily", "kind": "publisher"}, {"name": "officials", "kind": "anonymous"})
MINISTRY = ({"name": "Daily", "kind": "publisher"}, {"name": "Interior Ministry", "kind": "government"})


def rep(doc: str, status: str, day: int | None, origin: str | None = None, *, publisher: str | None = None,
        chain: tuple[dict[str, Any], ...] = (), hedges: tuple[str, ...] = (), kind: str | None = None,
        copy_of: str | None = None) -> Report:
    pub = publisher or f"Outlet {doc}"
    return Report(document=doc, status=status, origin=origin or f"publisher:{pub.lower()}", chain=chain,
                  publisher=pub, published=f"2025-03-{day:02d}" if day else None,
                  day=date(2025, 3, day) if day else None, seq=int(doc[1:]) if doc[1:].isdigit() else 0,
                  hedges=hedges, claim_kind=kind, syndicated_from=copy_of)


# -- status across reports -----------------------------------------------------------------------

def test_status_planned_then_foiled_is_foiled() -> None:
    v = status_across_reports([rep("d1", "planned", 1), rep("d2", "planned", 2), rep("d3", "foiled", 5)])
    assert (v.status, v.contested) == ("foiled", False)
    assert set(v.superseded) == {"d1", "d2"}
    assert "planned" in v.rule


def test_status_planned_reported_after_the_outcome_does_not_undo_it() -> None:
    v = status_across_reports([rep("d1", "foiled", 5), rep("d2", "planned", 9)])
    assert (v.status, v.contested) == ("foiled", False)


def test_status_disagreeing_reports_at_the_same_time_are_contested() -> None:
    v = status_across_reports([
        rep("d1", "occurred", 4, "publisher:a"), rep("d2", "foiled", 4, "publisher:b"),
        rep("d3", "foiled", 5, "publisher:c"),
    ])
    assert v.contested is True
    assert v.status == "foiled"  # two independent origins against one
    assert "disagree" in v.rule


def test_status_later_outcome_supersedes_an_older_one() -> None:
    v = status_across_reports([rep("d1", "occurred", 1), rep("d2", "foiled", 6), rep("d3", "foiled", 7)])
    assert (v.status, v.contested) == ("foiled", False)
    assert v.superseded == ("d1",)


def test_status_undated_disagreement_is_contested() -> None:
    v = status_across_reports([rep("d1", "occurred", None), rep("d2", "negated", 3)])
    assert v.contested is True


def test_status_hypothetical_and_unknown_do_not_count() -> None:
    v = status_across_reports([rep("d1", "hypothetical", 1), rep("d2", "occurred", 2), rep("d3", "unknown", 3)])
    assert (v.status, v.contested) == ("occurred", False)
    only = status_across_reports([rep("d1", "hypothetical", 1), rep("d2", "hypothetical", 2)])
    assert only.status == "hypothetical" and "no report asserts" in only.rule


def test_status_compatible_reports_agree() -> None:
    v = status_across_reports([rep("d1", "attempted", 1), rep("d2", "attempted", 1)])
    assert (v.status, v.contested) == ("attempted", False)
    assert status_across_reports([]).status == "unknown"


# -- corroboration -----------------------------------------------------------------------------

def test_corroboration_origins_first_report_copies_relays_contradictions() -> None:
    relay = ({"name": "Azernews", "kind": "publisher"}, {"name": "The Washington Post", "kind": "outlet"},
             {"name": "security services", "kind": "anonymous"})
    reports = [
        rep("d2", "foiled", 3, "name:security services", publisher="Azernews", chain=relay),
        rep("d1", "foiled", 2, "publisher:wire", publisher="Wire"),
        rep("d3", "foiled", 4, "publisher:wire", publisher="Copy Daily", copy_of="d1"),
        rep("d4", "occurred", 4, "publisher:rumour", publisher="Rumour"),
    ]
    c = corroboration(reports)
    assert c.independent_sources == 3
    wire = next(o for o in c.origins if o["origin"] == "publisher:wire")
    assert wire["documents"] == ["d1", "d3"] and wire["publishers"] == ["Wire", "Copy Daily"]
    assert c.first_report is not None and c.first_report["document"] == "d1"
    assert c.copies == [{"copy": "d3", "publisher": "Copy Daily", "original": "d1", "original_reported_here": True}]
    assert c.relays == [{"document": "d2", "publisher": "Azernews", "as_reported_by": "The Washington Post"}]
    assert {x["status"] for x in c.contradictions} == {"foiled", "occurred"}
    anon = next(o for o in c.origins if o["origin"] == "name:security services")
    assert anon["kind"] == "anonymous"


# -- the grade, rule by rule ----------------------------------------------------------------------

def ev(**kw: Any) -> Evidence:
    base = {"reports": 1, "asserting": 1, "hedged": 0, "supporting": 1, "named_supporting": 1, "contradicting": 0,
            "status": "occurred"}
    base.update(kw)
    return Evidence(**base)


@pytest.mark.parametrize(("evidence", "expected", "rule"), [
    (ev(reports=0, asserting=0, supporting=0, named_supporting=0), 6, "R1"),
    (ev(reports=2, asserting=0, hedged=2, supporting=0, named_supporting=0), 6, "R2"),
    (ev(reports=3, supporting=1, contradicting=2), 5, "R3"),
    (ev(reports=2, supporting=1, contradicting=1), 4, "R4"),
    (ev(reports=3, supporting=2, named_supporting=2, contradicting=1), 3, "R5"),
    (ev(reports=3, supporting=3, named_supporting=2), 1, "R6"),
    (ev(reports=2, supporting=2, named_supporting=1), 2, "R7"),
    (ev(reports=3, hedged=2, supporting=2, named_supporting=2), 2, "R7"),
    (ev(hedged=1, named_supporting=0), 4, "R8"),
    (ev(named_supporting=0), 3, "R9"),
    (ev(), 3, "R9"),
    (ev(reports=4, supporting=1, named_supporting=1), 3, "R9"),
])
def test_grade_rules(evidence: Evidence, expected: int, rule: str) -> None:
    c = grade(evidence)
    assert isinstance(c, Credibility)
    assert c.grade == expected, c.reasons
    assert c.reasons[0].startswith(rule + ":")
    assert c.label == {1: "confirmed", 2: "probably true", 3: "possibly true", 4: "doubtful", 5: "improbable",
                       6: "truth cannot be judged"}[expected]


def test_grade_single_anonymous_source_is_never_confirmed_however_often_repeated() -> None:
    reports = [rep(f"d{i}", "foiled", 3, "name:officials", chain=OFFICIALS) for i in range(1, 8)]
    c = credibility_of_reports(reports)
    assert c.grade == 3
    hedged = [rep(f"d{i}", "foiled", 3, "name:officials", chain=OFFICIALS, hedges=("reportedly",)) for i in range(1, 4)]
    assert credibility_of_reports(hedged).grade == 4


def test_grade_two_named_independent_sources_confirm() -> None:
    reports = [rep("d1", "foiled", 3, "actor:A7", chain=MINISTRY), rep("d2", "foiled", 4, "publisher:outlet d2")]
    c = credibility_of_reports(reports)
    assert (c.grade, c.label) == (1, "confirmed")


def test_grade_syndicated_copies_add_no_source() -> None:
    reports = [rep("d1", "occurred", 3, "publisher:wire", publisher="Wire"),
               rep("d2", "occurred", 3, "publisher:wire", publisher="Copy Daily", copy_of="d1")]
    e = evidence_from_reports(reports)
    assert (e.supporting, e.named_supporting) == (1, 1)
    assert grade(e).grade == 3


def test_grade_superseded_plan_is_no_contradiction() -> None:
    reports = [rep("d1", "planned", 1, "publisher:a"), rep("d2", "foiled", 5, "publisher:b"),
               rep("d3", "foiled", 5, "publisher:c")]
    e = evidence_from_reports(reports)
    assert (e.status, e.supporting, e.contradicting) == ("foiled", 2, 0)
    assert grade(e).grade == 1


def test_grade_denial_contradicts_a_plan() -> None:
    e = evidence_from_reports([rep("d1", "planned", 1, "publisher:a"), rep("d2", "planned", 1, "publisher:b")])
    assert grade(e).grade == 1
    e2 = evidence_from_reports([rep("d1", "planned", 1, "publisher:a"), rep("d2", "negated", 1, "publisher:b"),
                                rep("d3", "negated", 1, "publisher:c")])
    assert e2.status == "negated" and grade(e2).grade == 1  # the denial is the outcome: two sources give it


def test_grade_contested_event_is_doubtful() -> None:
    reports = [rep("d1", "occurred", 4, "publisher:a"), rep("d2", "foiled", 4, "publisher:b")]
    c = credibility_of_reports(reports)
    assert c.grade == 4 and "disagree" in c.reasons[0]


# -- through a real store ------------------------------------------------------------------------------

PLOT_PLANNED = "Police said militants planned to bomb the Baku metro, officials said on Monday."
PLOT_FOILED = "Security services foiled a plot to bomb the Baku metro, the Interior Ministry said."
PLOT_FOILED_2 = "The plot to bomb the Baku metro was foiled by police, the State Security Service said."


def _plot(text: str, publisher: str, published: str, status: str, source: tuple[str, str]) -> Any:
    trigger = "bomb"
    return build(
        text, publisher=publisher, published=published,
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "FAC", "Baku metro")],
        events=[Ev("v1", "ASSAULT", trigger, status=status, mode="bombing", participants=[("target", "e2")],
                   location="e1", time=("2025-03-09", "2025-03-12"), claim="c1")],
        claims=[Cl("c1", text.split(",")[0], chain=[(source[0], source[1], None)], kind="attributed")],
    )


def test_store_event_status_across_reports_and_credibility(kb: KnowledgeBase) -> None:
    kb.add(_plot(PLOT_PLANNED, "Caspian Daily", "2025-03-10T09:00:00+04:00", "planned", ("officials", "anonymous")))
    kb.add(_plot(PLOT_FOILED, "Baku Observer", "2025-03-12T09:00:00+04:00", "foiled",
                 ("Interior Ministry", "government")))
    kb.add(_plot(PLOT_FOILED_2, "Tbilisi Times", "2025-03-12T18:00:00+04:00", "foiled",
                 ("State Security Service", "government")))
    (event,) = kb.events()
    assert event["status"] == "foiled" and event["contested"] is False
    across = event["status_across_reports"]
    assert [r["status"] for r in across["reports"]] == ["planned", "foiled", "foiled"]
    assert {r["publisher"] for r in across["reports"]} == {"Caspian Daily", "Baku Observer", "Tbilisi Times"}
    assert all(" -> " in r["source"] for r in across["reports"])
    assert len(across["superseded"]) == 1
    corr = event["corroboration"]
    assert corr["independent_sources"] == 3
    assert corr["first_report"]["publisher"] == "Caspian Daily"
    assert (event["credibility"], event["credibility_label"]) == (1, "confirmed")
    assert event["credibility_reasons"][0].startswith("R6:")
    with kb._reading() as conn:
        c = event_credibility(conn, event["id"])
        assert c.grade == 1 and c.label == "confirmed"
        assert event_credibility(conn, "V999999").grade == 6


def test_store_same_day_disagreement_is_contested(kb: KnowledgeBase) -> None:
    kb.add(_plot(PLOT_FOILED, "Baku Observer", "2025-03-12T09:00:00+04:00", "foiled",
                 ("Interior Ministry", "government")))
    kb.add(_plot(PLOT_PLANNED.replace("planned to bomb", "bombed"), "Caspian Daily", "2025-03-12T11:00:00+04:00",
                 "occurred", ("officials", "anonymous")))
    (event,) = kb.events()
    assert event["contested"] is True
    assert event["credibility"] == 4
    assert {(r["status"], r["publisher"]) for r in event["status_across_reports"]["reports"]} == {
        ("foiled", "Baku Observer"), ("occurred", "Caspian Daily")}


# -- STIX confidence through a real store ----------------------------------------------------------

def _assassination(text: str, publisher: str, published: str, status: str, source: tuple[str, str]) -> Any:
    return build(
        text, publisher=publisher, published=published,
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "PERSON", "Fazil Mustafa")],
        events=[Ev("v1", "ASSAULT", "assassinate", status=status, mode="assassination",
                   participants=[("target", "e2")], location="e1", time=("2025-03-09", "2025-03-12"), claim="c1")],
        claims=[Cl("c1", text.split(",")[0], chain=[(source[0], source[1], None)], kind="attributed")],
    )


def test_stix_incident_confidence_is_the_grade_and_bundle_validates(kb: KnowledgeBase, tmp_path: Any) -> None:
    kb.add(_assassination("A plan to assassinate Fazil Mustafa in Baku was foiled, the Interior Ministry said.",
                   "Baku Observer", "2025-03-12T09:00:00+04:00", "foiled", ("Interior Ministry", "government")))
    kb.add(_assassination("Police stopped a plot to assassinate Fazil Mustafa in Baku, prosecutors said.",
                   "Caspian Daily", "2025-03-12T12:00:00+04:00", "foiled", ("prosecutors", "government")))
    (event,) = kb.events()
    assert event["credibility"] == 1
    path = tmp_path / "bundle.json"
    export(kb, "stix", path)
    bundle = json.loads(path.read_text(encoding="utf-8"))
    result = validate_instance(bundle, ValidationOptions(version="2.1"))
    assert not result.errors, [str(e) for e in result.errors][:5]
    (incident,) = [o for o in bundle["objects"] if o["type"] == "incident"]
    assert incident["confidence"] == 90
    ext = incident["extensions"][EXTENSION_ID]
    assert ext["credibility"]["grade"] == 1 and ext["credibility"]["label"] == "confirmed"
    assert ext["status"] == "foiled"
    parts = [o for o in bundle["objects"] if o["type"] == "relationship" and o["source_ref"] == incident["id"]]
    assert parts and all(o["confidence"] == 90 for o in parts)


# -- stories --------------------------------------------------------------------------------------------

STORY_TEXTS = [
    ("Security services foiled a plot to bomb the Baku metro on Monday, the Interior Ministry said. "
     "Two suspects were detained near the Baku metro station.", "Baku Observer", ("Interior Ministry", "government")),
    ("Police foiled a plot to bomb the Baku metro on Monday, the State Security Service said. "
     "Two suspects were detained near a Baku metro station.", "Tbilisi Times", ("State Security Service", "government")),
]


def test_story_credibility_is_its_main_event_grade(kb: KnowledgeBase) -> None:
    from claimgraph.kb.credibility import story_corroboration, story_credibility
    from claimgraph.kb.stories import story_of

    docs = [_plot(text, pub, f"2025-03-1{i}T09:00:00+04:00", "foiled", src)
            for i, (text, pub, src) in enumerate(STORY_TEXTS)]
    for d in docs:
        kb.add(d)
    (event,) = kb.events()
    with kb._reading() as conn:
        sid = story_of(conn, docs[0].info.id)
        assert sid is not None and sid == story_of(conn, docs[1].info.id), "two near-identical reports, one story"
        c = story_credibility(conn, sid)
        assert (c.grade, c.label) == (event["credibility"], event["credibility_label"]) == (1, "confirmed")
        assert any(event["id"] in r and "2 of the story's 2 documents" in r for r in c.reasons)
        assert story_credibility(conn, "S999999").grade == 6
        corr = story_corroboration(conn, sid)
        assert corr.independent_sources == 2
        assert corr.first_report is not None and corr.first_report["publisher"] == "Baku Observer"
