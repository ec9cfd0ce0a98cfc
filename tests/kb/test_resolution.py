"""Cross-document resolution of actors and events, independent sources, contradictions."""

from __future__ import annotations

from datetime import date

import pytest

from claimgraph.kb import AmbiguousNameError, KnowledgeBase
from claimgraph.kb.resolve_events import THRESHOLD, same_event, trigger_lemma

from .conftest import BAKU, GEORGIA_COUNTRY, GEORGIA_STATE, Cl, Ent, Ev, build

KIDNAP_A = (
    "Gunmen kidnapped aid worker Lena Varga in Baku on Sunday. The kidnappers drove off in a grey van "
    "and have not contacted her family. Neighbours said the street was busy at the time."
)
KIDNAP_C = (
    "Aid worker Lena Varga was abducted by armed men in Baku at the weekend, her employer Relief Now "
    "confirmed on Monday. The charity said it was working with the police."
)
FOILED_D = (
    "Police foiled a plot to kidnap aid worker Lena Varga in Baku on Sunday, officials said. "
    "Two suspects were questioned."
)


def kidnap_a(publisher: str = "Caspian Daily", text: str = KIDNAP_A):
    return build(
        text, publisher=publisher, published="2025-03-10T09:00:00+04:00",
        entities=[Ent("e1", "PERSON", "Gunmen", named=False), Ent("e2", "PERSON", "Lena Varga", roles=["aid worker"]),
                  Ent("e3", "GPE", "Baku", geo=BAKU)],
        events=[Ev("v1", "ASSAULT", "kidnapped", mode="abduction", participants=[("actor", "e1"), ("target", "e2")],
                   location="e3", time=("2025-03-09", "2025-03-09"), claim="c1")],
        claims=[Cl("c1", "Gunmen kidnapped aid worker Lena Varga in Baku on Sunday")],
    )


def kidnap_c():
    return build(
        KIDNAP_C, publisher="Tbilisi Times", published="2025-03-10T18:00:00+04:00",
        entities=[Ent("e1", "PERSON", "Lena Varga", roles=["aid worker"]), Ent("e2", "PERSON", "armed men", named=False),
                  Ent("e3", "GPE", "Baku", geo=BAKU), Ent("e4", "ORG", "Relief Now")],
        events=[Ev("v1", "ASSAULT", "abducted", mode="abduction", participants=[("target", "e1"), ("actor", "e2")],
                   location="e3", time=("2025-03-08", "2025-03-09"), claim="c1")],
        claims=[Cl("c1", "Aid worker Lena Varga was abducted by armed men in Baku at the weekend",
                   chain=[("Relief Now", "organization", "e4")], kind="attributed")],
    )


def test_resolve_three_outlets_one_event_two_independent_sources(kb: KnowledgeBase) -> None:
    copy_text = KIDNAP_A + "\n\nThis story was first published by Caspian Daily."
    assert kb.add(kidnap_a())
    assert kb.add(kidnap_a(publisher="Regional Wire", text=copy_text))
    assert kb.add(kidnap_c())
    evs = kb.events()
    assert len(evs) == 1
    ev = evs[0]
    assert len(ev["mentions"]) == 3
    assert len(ev["sources"]) == 3
    assert ev["independent_sources"] == 2
    copy = kb.document(kidnap_a(publisher="Regional Wire", text=copy_text).info.id)
    assert copy["kb"]["syndicated_from"] == kidnap_a().info.id
    varga = kb.actor("lena varga")
    assert varga["actor"]["type"] == "PERSON"
    assert {d["publisher"] for d in varga["documents"]} == {"Caspian Daily", "Regional Wire", "Tbilisi Times"}
    assert varga["events"][0]["independent_sources"] == 2


def test_resolve_same_source_twice_counts_once(kb: KnowledgeBase) -> None:
    other_text = "Masked gunmen kidnapped Lena Varga in Baku on Sunday, the aid worker's colleagues said."
    kb.add(kidnap_a())
    kb.add(build(
        other_text, publisher="Caspian Daily", published="2025-03-11T09:00:00+04:00",
        entities=[Ent("e1", "PERSON", "Lena Varga"), Ent("e2", "GPE", "Baku", geo=BAKU)],
        events=[Ev("v1", "ASSAULT", "kidnapped", mode="abduction", participants=[("target", "e1")], location="e2",
                   time=("2025-03-09", "2025-03-09"))],
    ))
    (ev,) = kb.events()
    assert len(ev["mentions"]) == 2
    assert ev["independent_sources"] == 1


def test_resolve_contradiction_is_contested(kb: KnowledgeBase) -> None:
    kb.add(kidnap_a())
    kb.add(build(
        FOILED_D, publisher="Baku Observer", published="2025-03-10T12:00:00+04:00",
        entities=[Ent("e1", "PERSON", "Lena Varga"), Ent("e2", "GPE", "Baku", geo=BAKU), Ent("e3", "ORG", "Police")],
        events=[Ev("v1", "ASSAULT", "kidnap", status="foiled", mode="abduction", participants=[("target", "e1")],
                   location="e2", time=("2025-03-09", "2025-03-09"), claim="c1")],
        claims=[Cl("c1", "Police foiled a plot to kidnap aid worker Lena Varga", chain=[("officials", "government", None)],
                   kind="attributed")],
    ))
    (ev,) = kb.events()
    assert ev["contested"] is True
    assert ev["statuses"] == {"occurred": 1, "foiled": 1}
    assert ev["independent_sources"] == 2
    assert [e["id"] for e in kb.events(status="foiled")] == [ev["id"]]


def test_resolve_repeated_reports_are_one_abduction(kb: KnowledgeBase) -> None:
    """The GDELT failure: one abduction reported many times must stay one event."""
    verbs = ["kidnapped", "abducted", "seized", "kidnapping"]
    for i in range(12):
        verb = verbs[i % len(verbs)]
        text = f"Report {i}: armed men {verb} aid worker Lena Varga in Baku, outlet number {i} reported."
        kb.add(build(
            text, publisher=f"Outlet {i}", published=f"2025-03-{10 + i % 3:02d}T08:00:00+00:00",
            entities=[Ent("e1", "PERSON", "Lena Varga"), Ent("e2", "GPE", "Baku", geo=BAKU)],
            events=[Ev("v1", "ASSAULT", verb, mode="abduction", participants=[("target", "e1")], location="e2",
                       time=("2025-03-09", "2025-03-09") if i % 2 else None)],
        ))
    other = "Armed men kidnapped engineer Omar Haddad in Baku on Tuesday."
    kb.add(build(
        other, publisher="Outlet 1", published="2025-03-12T08:00:00+00:00",
        entities=[Ent("e1", "PERSON", "Omar Haddad"), Ent("e2", "GPE", "Baku", geo=BAKU)],
        events=[Ev("v1", "ASSAULT", "kidnapped", mode="abduction", participants=[("target", "e1")], location="e2",
                   time=("2025-03-11", "2025-03-11"))],
    ))
    later = "Lena Varga was kidnapped again in Baku in July."
    kb.add(build(
        later, publisher="Outlet 2", published="2025-07-03T08:00:00+00:00",
        entities=[Ent("e1", "PERSON", "Lena Varga"), Ent("e2", "GPE", "Baku", geo=BAKU)],
        events=[Ev("v1", "ASSAULT", "kidnapped", mode="abduction", participants=[("target", "e1")], location="e2",
                   time=("2025-07-02", "2025-07-02"))],
    ))
    evs = kb.events()
    assert sorted(len(e["mentions"]) for e in evs) == [1, 1, 12]
    big = max(evs, key=lambda e: len(e["mentions"]))
    assert big["independent_sources"] == 12
    assert [e["date"] for e in kb.timeline(actor="Lena Varga")] == ["2025-03-09", "2025-07-02"]


def test_resolve_namesakes_stay_apart(kb: KnowledgeBase) -> None:
    texts = [
        ("MP Fazil Mustafa survived an assassination attempt in Baku.", Ent("e1", "PERSON", "Fazil Mustafa", roles=["mp"])),
        ("Historians remember Mustafa Kemal as the founder of modern Turkey.", Ent("e1", "PERSON", "Mustafa Kemal")),
        ("Mustafa scored twice for the club in Istanbul.", Ent("e1", "PERSON", "Mustafa", roles=["striker"])),
        ("Mustafa, a baker in Cairo, opened a new shop.", Ent("e1", "PERSON", "Mustafa", roles=["baker"])),
    ]
    for text, ent in texts:
        kb.add(build(text, publisher="Desk", published="2025-01-01", entities=[ent]))
    assert kb.stats()["named_actors"] == 4
    assert kb.actor("Fazil Mustafa")["actor"]["aliases"] == []
    with pytest.raises(AmbiguousNameError) as err:
        kb.actor("Mustafa")
    assert len(err.value.candidates) == 2


def test_resolve_full_name_merges_with_evidence_and_unmerges(kb: KnowledgeBase) -> None:
    t1 = "Rabbi Shneor Segal leads prayers in Baku. Rabbi Segal said the community is safe."
    t2 = "Shneor Segal, the chief rabbi of Baku, met the mayor on Friday."
    d1 = build(t1, publisher="A", published="2025-04-01",
               entities=[Ent("e1", "PERSON", "Rabbi Shneor Segal", aliases=["Rabbi Segal"], roles=["rabbi"])])
    d2 = build(t2, publisher="B", published="2025-04-02",
               entities=[Ent("e1", "PERSON", "Shneor Segal", roles=["chief rabbi"])])
    kb.add(d1)
    kb.add(d2)
    dossier = kb.actor("rabbi segal")
    assert {d["id"] for d in dossier["documents"]} == {d1.info.id, d2.info.id}
    merged = [m for m in dossier["merge_evidence"] if m["rule"] == "name"]
    assert merged and merged[0]["document"] == d2.info.id and merged[0]["names"] == ["Shneor Segal"]
    new_id = kb.unmerge(dossier["actor"]["id"], d2.info.id)
    assert new_id != dossier["actor"]["id"]
    assert {d["id"] for d in kb.actor(dossier["actor"]["id"])["documents"]} == {d1.info.id}
    assert {d["id"] for d in kb.actor(new_id)["documents"]} == {d2.info.id}


def test_resolve_places_by_geonames(kb: KnowledgeBase) -> None:
    for i, geo in enumerate([GEORGIA_COUNTRY, GEORGIA_STATE, GEORGIA_COUNTRY]):
        kb.add(build(f"Story {i} about Georgia and its people.", publisher="P", published="2025-01-01",
                     entities=[Ent("e1", "GPE", "Georgia", geo=geo)]))
    found = kb.find_actors("Georgia")
    assert len(found) == 2
    by_docs = sorted(kb.actor(a["id"])["actor"]["geo"]["country_code"] for a in found)
    assert by_docs == ["GE", "US"]


def test_resolve_incremental_ingest_joins_existing(tmp_path) -> None:
    path = tmp_path / "inc.duckdb"
    KnowledgeBase(path).add(kidnap_a())
    later = KnowledgeBase(path)
    assert later.add(kidnap_c())
    (ev,) = later.events()
    assert len(ev["mentions"]) == 2
    assert KnowledgeBase(path, read_only=True).stats()["documents"] == 2


def test_same_event_scores() -> None:
    base = {"type": "ASSAULT", "mode": "abduction", "lemma": trigger_lemma("kidnapped"), "actors": {"A1": "target"},
            "location": "A2", "geonames": 587084, "start": date(2025, 3, 9), "end": date(2025, 3, 9)}
    same = dict(base, lemma=trigger_lemma("abduction"), start=date(2025, 3, 8))
    assert trigger_lemma("kidnapped") == trigger_lemma("abducted") == "kidnap"
    assert same_event(base, same) >= THRESHOLD
    assert same_event(base, dict(base, type="COERCE")) == 0.0
    assert same_event(base, dict(base, start=date(2025, 5, 1), end=date(2025, 5, 1))) == 0.0
    assert same_event(base, dict(base, actors={"A9": "target"})) == 0.0
    assert same_event(base, dict(base, actors={}, location="A7", geonames=1)) == 0.0


def test_resolve_surname_joins_full_name_only_with_context(kb: KnowledgeBase) -> None:
    full = "Barack Obama met Angela Merkel and officials of the European Union in Berlin."
    short = "Obama told Angela Merkel that the European Union must act, aides said."
    stranger = "Obama, a shopkeeper in Kisumu, sold his first bicycle."
    people = [Ent("e2", "PERSON", "Angela Merkel"), Ent("e3", "ORG", "European Union")]
    kb.add(build(full, publisher="P", published="2016-11-17", entities=[Ent("e1", "PERSON", "Barack Obama"), *people]))
    kb.add(build(short, publisher="Q", published="2016-11-18", entities=[Ent("e1", "PERSON", "Obama"), *people]))
    kb.add(build(stranger, publisher="R", published="2016-11-18", entities=[Ent("e1", "PERSON", "Obama")]))
    found = kb.find_actors("Obama")
    assert len(found) == 2
    president = kb.actor("Barack Obama")
    assert "Obama" in president["actor"]["aliases"]
    assert len(president["documents"]) == 2
    rules = {m["rule"] for m in president["merge_evidence"]}
    assert "surname_context" in rules


def test_resolve_middle_initials(kb: KnowledgeBase) -> None:
    names = ["John A. Boehner", "John Boehner", "George H. W. Bush", "George W. Bush"]
    for i, n in enumerate(names):
        kb.add(build(f"Item {i}: {n} spoke in Washington.", publisher="P", published="2011-01-01",
                     entities=[Ent("e1", "PERSON", n)]))
    assert kb.stats()["named_actors"] == 3
    boehner = kb.actor("John Boehner")
    assert boehner["actor"]["name"] == "John A. Boehner" and len(boehner["documents"]) == 2
    assert boehner["merge_evidence"][-1]["rule"] == "first_last"
