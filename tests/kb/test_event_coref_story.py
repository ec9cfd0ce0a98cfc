"""Events resolved inside stories (kb/resolve_events.py, second pass) on reports written here.

Two outlets tell one happening in their own words ("address" and "speech", "detained" and
"arrest"): inside their story the mentions must become one KB event; two different events
of one story (different targets, days apart) and same-word events of other stories must
not. The documents state the pipeline's output directly (tests/kb/conftest.py), so each test
controls the events the store resolves; the texts are real sentences for story assignment.
"""

from __future__ import annotations

import json
from typing import Any

from claimgraph.kb import KnowledgeBase
from claimgraph.kb.event_coref import derivation_roots, trigger_group
from claimgraph.kb.resolve_events import cross_story_compatible, story_clash, story_match, trigger_groups
from claimgraph.kb.stories import story_of

from .conftest import Ent, Ev, build

SPEECH_A = (
    "Kenyan President William Ruto will address a joint sitting of Uganda's parliament in Kampala on Thursday, "
    "his office said, the first such address by a Kenyan leader. Ruto is expected to press for the reopening of "
    "the Malaba border crossing, where lorries have queued for weeks."
)
SPEECH_B = (
    "William Ruto's speech to the Ugandan parliament in Kampala on Thursday will focus on the Malaba border "
    "crossing, Kenyan officials said. Lorry drivers have waited for weeks at Malaba while the two governments "
    "argue over customs checks."
)
ARREST_A = (
    "Ugandan police detained opposition organiser Grace Akello in Kampala on Monday after a rally against fuel "
    "prices, her party said. Akello was taken to the Central Police Station in Kampala."
)
ARREST_B = (
    "The arrest of opposition organiser Grace Akello in Kampala on Monday drew protests from her party. Separately, "
    "police in Kampala arrested journalist Peter Okello on Friday while he covered the fuel price protests."
)


def _ents(text: str) -> list[Ent]:
    names = {"William Ruto": "PERSON", "Ruto": "PERSON", "Kampala": "GPE", "Uganda": "GPE", "Malaba": "GPE",
             "Grace Akello": "PERSON", "Peter Okello": "PERSON"}
    out: list[Ent] = []
    for name, typ in names.items():
        if name in text and not any(name in e.name or e.name in name for e in out):
            out.append(Ent(f"e{len(out) + 1}", typ, name))
    return out


def _eid(ents: list[Ent], name: str) -> str:
    return next(e.id for e in ents if name in e.name)


def _events_by_trigger(kb: KnowledgeBase) -> dict[str, set[str]]:
    out: dict[str, set[str]] = {}
    for e in kb.events():
        for m in e["mentions"]:
            out.setdefault(m["trigger"]["text"], set()).add(e["id"])
    return out


def test_event_coref_story_address_and_speech_of_two_outlets_are_one_event(kb: KnowledgeBase) -> None:
    ea, eb = _ents(SPEECH_A), _ents(SPEECH_B)
    doc_a = build(SPEECH_A, publisher="Nairobi Daily", published="2025-05-06T08:00:00+03:00", entities=ea,
                  events=[Ev("v1", "CONSULT", "address", status="planned",
                             participants=[("actor", _eid(ea, "Ruto"))], location=_eid(ea, "Kampala"))],
                  source="nairobi")
    doc_b = build(SPEECH_B, publisher="Kampala Monitor", published="2025-05-06T12:00:00+03:00", entities=eb,
                  events=[Ev("v1", "OTHER", "speech", status="planned",
                             participants=[("actor", _eid(eb, "Ruto"))])],
                  source="kampala")
    kb.add(doc_a)
    kb.add(doc_b)
    with kb.writing() as w:
        assert story_of(w.conn, doc_a.info.id) == story_of(w.conn, doc_b.info.id)
    ids = _events_by_trigger(kb)
    assert ids["address"] == ids["speech"] and len(ids["address"]) == 1
    (event,) = [e for e in kb.events() if e["id"] in ids["speech"]]
    assert len(event["documents"]) == 2


def test_event_coref_story_two_arrests_of_one_story_stay_apart(kb: KnowledgeBase) -> None:
    ea, eb = _ents(ARREST_A), _ents(ARREST_B)
    akello_a, akello_b, okello = _eid(ea, "Akello"), _eid(eb, "Grace Akello"), _eid(eb, "Okello")
    doc_a = build(ARREST_A, publisher="Daily Monitor", published="2025-05-05T18:00:00+03:00", entities=ea,
                  events=[Ev("v1", "COERCE", "detained", participants=[("target", akello_a)],
                             time=("2025-05-05", "2025-05-05"))],
                  source="monitor")
    doc_b = build(ARREST_B, publisher="New Vision", published="2025-05-10T09:00:00+03:00", entities=eb,
                  events=[Ev("v1", "COERCE", "arrest", participants=[("target", akello_b)],
                             time=("2025-05-05", "2025-05-05")),
                          Ev("v2", "COERCE", "arrested", participants=[("target", okello)],
                             time=("2025-05-09", "2025-05-09"))],
                  source="vision")
    kb.add(doc_a)
    kb.add(doc_b)
    ids = _events_by_trigger(kb)
    assert ids["detained"] == ids["arrest"]  # Akello's arrest, told twice
    assert not ids["arrested"] & ids["arrest"]  # the journalist's arrest is another event


def _f(groups: list[str], **kw: Any) -> dict[str, Any]:
    from datetime import date

    base: dict[str, Any] = {"type": "OTHER", "lemma": groups[0], "groups": groups, "actors": {}, "context": []}
    for k in ("start", "end", "published"):
        if isinstance(kw.get(k), str):
            kw[k] = date.fromisoformat(kw[k])
    base.update(kw)
    return base


def test_event_coref_story_derived_nouns_meet_their_verbs() -> None:
    assert "close" in derivation_roots("closure") and "arrive" in derivation_roots("arrival")
    assert trigger_group("suspension") == trigger_group("halt") == "suspend"
    assert trigger_group("overrule") == trigger_group("override")
    assert set(trigger_groups("discussion")) & set(trigger_groups("discussed"))
    assert set(trigger_groups("address")) == set(trigger_groups("remarks")) == {"speech"}
    assert trigger_groups("turning themselves in") == ["turn"]  # no "in" to meet "chipping in"
    assert trigger_groups("cancelling") == trigger_groups("cancel")  # British spelling
    assert trigger_groups("fire", " on the protesters") == trigger_groups("shooting")  # "opened fire on"
    assert not set(trigger_groups("statement")) & set(trigger_groups("testimony"))


def test_event_coref_story_clash_on_type_targets_place_and_exact_days() -> None:
    assert story_clash(_f(["speech"], type="CONSULT"), _f(["speech"], type="OTHER")) is None
    assert story_clash(_f(["speech"], type="CONSULT", lemma="address"),
                       _f(["speech"], type="ACCUSE", lemma="speech")) == "type"
    assert story_clash(_f(["arrest"], actors={"A1": "target"}), _f(["arrest"], actors={"A2": "target"})) == "targets"
    assert story_clash(_f(["arrest"], geonames=1), _f(["arrest"], geonames=2)) == "place"
    day_a = _f(["arrest"], start="2025-05-01", end="2025-05-01")
    assert story_clash(day_a, _f(["arrest"], start="2025-05-20", end="2025-05-20")) == "time"
    # a month is too vague to veto a join ("in January" may be another part of the story)
    assert story_clash(day_a, _f(["arrest"], start="2025-01-01", end="2025-01-31")) is None


def test_event_coref_story_match_takes_the_best_compatible_mention() -> None:
    f = _f(["arrest"], actors={"A1": "target"})
    other_target = _f(["arrest"], actors={"A2": "target"})
    same_target = _f(["arrest"], actors={"A1": "target"})
    # V1's only mention is about another target (a clash): f joins V2, which shares its target
    assert story_match(f, [("V1", other_target), ("V2", same_target)]) == "V2"
    assert story_match(f, [("V1", other_target)]) is None
    # no participant on either side: the earliest event of that meaning
    assert story_match(_f(["arrest"]), [("V1", _f(["arrest"])), ("V2", _f(["arrest"]))]) == "V1"
    # the shared participant outranks the earlier event
    assert story_match(f, [("V1", _f(["arrest"])), ("V2", same_target)]) == "V2"
    assert story_match(f, [("V1", _f(["quake"]))]) is None  # another meaning


def test_event_coref_story_other_stories_need_a_shared_participant() -> None:
    # The president is in both documents' context, but neither event names a participant:
    # his "remarks" in two stories are two events.
    a = _f(["speech"], context=["A1", "A2"], published="2025-03-01")
    b = _f(["speech"], context=["A1", "A2"], published="2025-03-02")
    assert not cross_story_compatible(a, b)
    assert cross_story_compatible(_f(["speech"], actors={"A1": "actor"}, published="2025-03-01"),
                                  _f(["speech"], actors={"A1": "actor"}, published="2025-03-02"))


def test_event_coref_story_features_keep_no_deleted_event_after_a_join(kb: KnowledgeBase, store_db: str) -> None:
    """The second report opens a new event for "speech", which the pass inside the story joins
    to the first report's "address" and deletes: no story feature (stored row, index keys, the
    writer's in-memory index, a reloaded index) may name the deleted event. The survivor is
    not put in its place: story assignment keeps the events as first resolved (docs/stories.md)."""
    ea, eb = _ents(SPEECH_A), _ents(SPEECH_B)
    doc_a = build(SPEECH_A, publisher="Nairobi Daily", published="2025-05-06T08:00:00+03:00", entities=ea,
                  events=[Ev("v1", "CONSULT", "address", participants=[("actor", _eid(ea, "Ruto"))])],
                  source="nairobi")
    doc_b = build(SPEECH_B, publisher="Kampala Monitor", published="2025-05-06T12:00:00+03:00", entities=eb,
                  events=[Ev("v1", "OTHER", "speech")], source="kampala")
    kb.add(doc_a)
    with kb.writing() as w:
        w.add_many([doc_b])  # the batched path, rows held until the transaction ends
        rows = w.conn.execute("SELECT doc_id, event_id, rule FROM doc_events").fetchall()
        assert {r[2] for r in rows if r[0] == doc_b.info.id} == {"same_story"}  # a join happened
        live = {str(r[0]) for r in w.conn.execute("SELECT id FROM events").fetchall()}
        index = w.state.stories
        assert index is not None
        for doc in (doc_a, doc_b):
            (stored,) = w.conn.execute("SELECT events FROM story_features WHERE doc_id = ?", [doc.info.id]).fetchone()
            keys = {r[0] for r in w.conn.execute(
                "SELECT key FROM story_keys WHERE doc_id = ? AND key LIKE 'v:%'", [doc.info.id]).fetchall()}
            assert set(json.loads(stored)) <= live
            assert keys == {f"v:{e}" for e in json.loads(stored)}
            assert index.members[doc.info.id].features.events == frozenset(json.loads(stored))
        assert not any(doc_b.info.id in docs for key, docs in index.postings.items()
                       if key.startswith("v:") and key[2:] not in live)
        a_events = {str(r[1]) for r in rows if r[0] == doc_a.info.id}
        (stored_a,) = w.conn.execute("SELECT events FROM story_features WHERE doc_id = ?", [doc_a.info.id]).fetchone()
        assert set(json.loads(stored_a)) == a_events  # the first report's event survived
    kb.close()
    with KnowledgeBase(store_db).writing() as w:  # a reloaded index reads no deleted id back
        w.add(build("Markets in Nairobi were calm on Friday as traders waited for the budget.", publisher="Wire",
                    published="2025-05-09T10:00:00+03:00", entities=[], source="wire"))
        assert w.state.stories is not None
        assert w.state.stories.members[doc_b.info.id].features.events <= live


PLOT_A = (
    "Azerbaijan's State Security Service uncovered a plot to assassinate Rabbi Shneor Segal in Baku, Western "
    "officials said on Saturday. The suspects, Agil Aslanov and Jeyhun Ismailov, had watched the rabbi's home "
    "and workplace in Baku for weeks."
)
PLOT_B = (
    "Agil Aslanov and Jeyhun Ismailov, arrested in Baku, were part of an Iranian conspiracy to kill Rabbi Shneor "
    "Segal, security sources said on Sunday. The conspiracy echoes the 2023 plot against MP Fazil Mustafa in Baku."
)


def test_event_coref_story_one_foiled_plot_two_outlets_one_event(kb: KnowledgeBase) -> None:
    names = {"Rabbi Shneor Segal": "PERSON", "Baku": "GPE", "Agil Aslanov": "PERSON",
             "Jeyhun Ismailov": "PERSON", "Fazil Mustafa": "PERSON", "State Security Service": "ORG"}

    def ents(text: str) -> list[Ent]:
        found = [n for n in names if n in text or (n == "Rabbi Shneor Segal" and "Shneor Segal" in text)]
        return [Ent(f"e{i}", names[n], n if n in text else "Shneor Segal") for i, n in enumerate(found, 1)]

    ea, eb = ents(PLOT_A), ents(PLOT_B)
    doc_a = build(PLOT_A, publisher="Caspian Daily", published="2025-04-05T18:00:00+04:00", entities=ea,
                  events=[Ev("v1", "ASSAULT", "plot", status="planned",
                             participants=[("target", _eid(ea, "Segal"))], location=_eid(ea, "Baku"))],
                  source="caspian")
    doc_b = build(PLOT_B, publisher="Tbilisi Times", published="2025-04-06T09:00:00+04:00", entities=eb,
                  events=[Ev("v1", "ASSAULT", "conspiracy", status="foiled",
                             participants=[("target", _eid(eb, "Segal"))]),
                          Ev("v2", "ASSAULT", "plot", status="foiled",
                             participants=[("target", _eid(eb, "Mustafa"))], time=("2023-03-28", "2023-03-28"))],
                  source="tbilisi")
    kb.add(doc_a)
    kb.add(doc_b)
    by_doc_trigger: dict[tuple[str, str], str] = {}
    events = {e["id"]: e for e in kb.events()}
    for e in events.values():
        for m in e["mentions"]:
            by_doc_trigger[(m["document"], m["trigger"]["text"])] = e["id"]
    segal = by_doc_trigger[(doc_a.info.id, "plot")]
    assert by_doc_trigger[(doc_b.info.id, "conspiracy")] == segal  # "plot" ~ "conspiracy", one target
    assert by_doc_trigger[(doc_b.info.id, "plot")] != segal  # the 2023 plot against another man
    assert events[segal]["status"] == "foiled"  # planned, then foiled: foiled
    assert len(events[segal]["documents"]) == 2
