"""Stories: incremental assignment, evidence, undo, order independence, the candidate index."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from claimgraph.errors import NotFoundError, StoreError
from claimgraph.kb import KnowledgeBase, story_index
from claimgraph.kb.migrations import MIGRATIONS
from claimgraph.kb.stories import story_documents, story_of
from claimgraph.kb.story_index import StoryFeatures, StoryIndex
from claimgraph.models import Document

from .conftest import BAKU, Cl, Ent, Ev, build

# Three stories told by several outlets, and two articles that belong to no other story.
FLOOD = [
    ("Flash floods swept through the city of Ganja on Tuesday after two days of torrential rain, killing four people "
     "and forcing hundreds of families from their homes, the Emergency Situations Ministry said. Rescue teams used "
     "boats to reach residents trapped on rooftops near the Ganjachay river.", "Caspian Daily", "2025-06-03T10:00"),
    ("Four people died when the Ganjachay river burst its banks in Ganja, Azerbaijan's second city, after torrential "
     "rain. The Emergency Situations Ministry evacuated hundreds of families and sent boats to rescue residents stuck "
     "on rooftops.", "Tbilisi Times", "2025-06-03T16:00"),
    ("Residents of Ganja began clearing mud from flooded streets on Wednesday as the Ganjachay river fell back. The "
     "Emergency Situations Ministry said four people were killed in the floods and hundreds of families evacuated by "
     "boats would get temporary shelter.", "Regional Wire", "2025-06-04T09:00"),
]
WINE = [
    ("Georgia and Armenia signed a deal in Yerevan on Thursday to scrap tariffs on wine and brandy, the two economy "
     "ministries said. Georgian winemakers from Kakheti expect exports of saperavi to Armenia to double.",
     "Tbilisi Times", "2025-06-05T12:00"),
    ("Armenia and Georgia agreed to abolish tariffs on wine and brandy under an agreement signed in Yerevan. Kakheti "
     "producers said saperavi exports could double within a year.", "Caspian Daily", "2025-06-05T18:30"),
]
ELECTION = [
    ("Voters in Batumi elected Nino Lomidze as mayor on Sunday with 54 percent of the vote, the Central Election "
     "Commission said. Lomidze promised to build a new tram line along the seafront.", "Black Sea News",
     "2025-06-08T22:00"),
    ("Nino Lomidze won the Batumi mayoral election with a majority of 54 percent, according to the Central Election "
     "Commission. Her rival conceded and congratulated the new mayor on her tram plans.", "Tbilisi Times",
     "2025-06-09T08:00"),
    ("Batumi's new mayor Nino Lomidze took office on Monday and said the seafront tram line would be her first "
     "project, a day after the Central Election Commission declared her the winner.", "Regional Wire",
     "2025-06-09T19:00"),
]
LONE = [
    ("Neftchi Baku beat Sabah 2-1 in the Azerbaijan Premier League on Saturday with a late goal from their captain "
     "in front of a sold-out stadium.", "Caspian Daily", "2025-06-07T21:00"),
    ("A new direct flight between Tbilisi and Lisbon will start in September, the airline Georgian Skies said, "
     "with two flights a week in the first season.", "Black Sea News", "2025-06-06T11:00"),
]
NAMES = {
    "Ganja": "GPE", "Ganjachay": "LOC", "Emergency Situations Ministry": "ORG", "Georgia": "GPE", "Armenia": "GPE",
    "Yerevan": "GPE", "Kakheti": "GPE", "Batumi": "GPE", "Nino Lomidze": "PERSON",
    "Central Election Commission": "ORG", "Neftchi Baku": "ORG", "Sabah": "ORG", "Tbilisi": "GPE", "Lisbon": "GPE",
    "Georgian Skies": "ORG",
}


def report(text: str, publisher: str, published: str, tag: str = "") -> Document:
    ents = [Ent(f"e{i}", typ, name) for i, (name, typ) in enumerate(sorted(NAMES.items()), 1)
            if re.search(rf"\b{re.escape(name)}\b", text)]
    return build(text, publisher=publisher, published=published + ":00+04:00", entities=ents,
                 source=f"{publisher}{tag}")


def all_reports() -> list[tuple[str, Document]]:
    out = []
    for label, group in (("flood", FLOOD), ("wine", WINE), ("election", ELECTION), ("lone0", LONE[:1]),
                         ("lone1", LONE[1:])):
        out += [(label, report(*r)) for r in group]
    return out


def partition(kb: KnowledgeBase, docs: list[tuple[str, Document]]) -> set[frozenset[str]]:
    with kb.writing() as w:
        sid = {d.info.id: story_of(w.conn, d.info.id) for _, d in docs}
    groups: dict[str | None, set[str]] = {}
    for label, d in docs:
        groups.setdefault(sid[d.info.id], set()).add(label)
    return {frozenset(g) for g in groups.values()}


def test_stories_reports_of_one_happening_share_a_story(kb: KnowledgeBase) -> None:
    docs = all_reports()
    for _, d in docs:
        assert kb.add(d)
    with kb.writing() as w:
        ids = {label: set() for label, _ in docs}
        for label, d in docs:
            ids[label].add(story_of(w.conn, d.info.id))
        assert all(len(v) == 1 for v in ids.values()), ids
        assert len({next(iter(v)) for v in ids.values()}) == 5
        flood = next(iter(ids["flood"]))
        assert story_documents(w.conn, flood) == [d.info.id for label, d in docs if label == "flood"]
        assert story_of(w.conn, "no-such-document") is None
    s = kb.story(flood)
    assert s["title"] == FLOOD[0][0].split(".")[0]
    assert s["first_published"] == "2025-06-03T10:00:00+04:00"
    assert s["publishers"] == ["Caspian Daily", "Tbilisi Times", "Regional Wire"]
    assert s["independent_sources"] == 3
    joined = [d for d in s["document_details"] if d["rule"] == "joined"]
    assert len(joined) == 2
    for d in joined:  # the evidence names what made the join
        ev = d["evidence"]
        assert "text" in ev["signals"] and "actors" in ev["signals"] and "time" in ev["signals"]
        names = {a["name"] for link in ev["links"] for a in link["actors"]}
        assert {"Ganja", "Emergency Situations Ministry"} <= names
        assert all(link["days_apart"] <= 1 for link in ev["links"])
    assert s["document_details"][0]["first_report"] is True


def test_stories_same_words_months_apart_are_two_stories(kb: KnowledgeBase) -> None:
    text, pub, _ = FLOOD[0]
    kb.add(report(text, pub, "2025-06-03T10:00"))
    later = text.replace("Tuesday", "Friday")
    kb.add(report(later, "Tbilisi Times", "2025-09-12T10:00"))
    assert len(kb.stories()) == 2
    kb.add(report(FLOOD[1][0], "Regional Wire", "2025-06-04T10:00"))
    assert [s["n_documents"] for s in kb.stories()] == [1, 2]


def test_stories_shared_event_is_a_signal(kb: KnowledgeBase) -> None:
    first = build(
        "Protesters marched through Baku on Friday against the new parking fees, organisers from the Green Youth "
        "Union said.", publisher="Caspian Daily", published="2025-05-02T10:00:00+04:00",
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
        events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1",
                   time=("2025-05-02", "2025-05-02"), claim="c1")],
        claims=[Cl("c1", "marched", chain=[("Green Youth Union", "organization", "e2")], kind="attributed")],
    )
    second = build(
        "The Green Youth Union marched in Baku on Friday, a rally against parking fees that police said drew a "
        "thousand people.", publisher="Regional Wire", published="2025-05-02T18:00:00+04:00",
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
        events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1",
                   time=("2025-05-02", "2025-05-02"), claim="c1")],
        claims=[Cl("c1", "marched", chain=[("police", "organization", None)], kind="attributed")],
    )
    kb.add(first)
    kb.add(second)
    (s,) = kb.stories()
    (event,) = kb.events()
    assert s["events"] == [event["id"]]
    link = kb.story(s["id"])["document_details"][1]["evidence"]["links"][0]
    assert link["events"] == [event["id"]]
    assert "events" in kb.story(s["id"])["document_details"][1]["evidence"]["signals"]


@pytest.mark.parametrize("seed", range(6))
def test_stories_do_not_depend_on_ingest_order(tmp_path, seed: int) -> None:
    docs = all_reports()
    expected = {frozenset({"flood"}), frozenset({"wine"}), frozenset({"election"}), frozenset({"lone0"}),
                frozenset({"lone1"})}
    order = list(docs)
    random.Random(seed).shuffle(order)
    kb = KnowledgeBase(tmp_path / f"o{seed}.duckdb")
    for _, d in order:
        kb.add(d)
    assert partition(kb, docs) == expected


def test_stories_every_order_of_one_story_gives_one_story(tmp_path) -> None:
    for n, perm in enumerate(itertools.permutations(range(3))):
        kb = KnowledgeBase(tmp_path / f"p{n}.duckdb")
        for i in perm:
            kb.add(report(*ELECTION[i]))
        assert [s["n_documents"] for s in kb.stories()] == [3], perm


def test_stories_detach_undoes_a_join_and_keeps_the_log(kb: KnowledgeBase) -> None:
    docs = [report(*r) for r in FLOOD]
    for d in docs:
        kb.add(d)
    (s,) = kb.stories()
    third = docs[2].info.id
    with pytest.raises(StoreError, match="not in story"):
        kb.detach_from_story("S999", third)
    new_id = kb.detach_from_story(s["id"], third)
    assert new_id != s["id"]
    assert {x["id"]: x["n_documents"] for x in kb.stories()} == {s["id"]: 2, new_id: 1}
    detail = kb.story(new_id)
    assert detail["document_details"][0]["rule"] == "detached"
    assert detail["splits"] == [{"story": s["id"], "new_story": new_id, "document": third,
                                 "at": detail["splits"][0]["at"]}]
    with kb.writing() as w:
        log = w.conn.execute("SELECT story_id, rule, undone FROM story_evidence WHERE doc_id = ? ORDER BY created_at",
                             [third]).fetchall()
    assert [(r[0], r[1], bool(r[2])) for r in log] == [(s["id"], "joined", True), (new_id, "detached", False)]
    with pytest.raises(StoreError, match="only document"):
        kb.detach_from_story(new_id, third)
    # later reports still find the story through the index
    kb.add(report(FLOOD[1][0].replace("Four people", "Four residents"), "Caucasus Post", "2025-06-03T20:00"))
    assert max(x["n_documents"] for x in kb.stories()) == 3


def test_stories_store_written_before_stories_is_assigned_on_next_write(kb: KnowledgeBase) -> None:
    for r in FLOOD[:2] + WINE[:1]:
        kb.add(report(*r))
    with kb.writing() as w:  # what a store from before the stories migration looks like
        for table in ("stories", "story_members", "story_evidence", "story_features", "story_keys"):
            w.conn.execute(f"DELETE FROM {table}")
        w.state.stories = None
    assert kb.stories() == []
    kb.add(report(*FLOOD[2]))
    assert sorted(s["n_documents"] for s in kb.stories()) == [1, 3]


def test_stories_list_filters_and_contract_rows(kb: KnowledgeBase) -> None:
    for _, d in all_reports():
        kb.add(d)
    assert {s["title"].split()[0] for s in kb.stories(since="2025-06-08")} == {"Voters"}
    (mine,) = kb.stories(actor="Nino Lomidze")
    assert mine["n_documents"] == 3
    rows = list(kb.iter_stories())
    assert len(rows) == 5
    keys = {"kind", "id", "title", "documents", "events", "publishers", "first_published", "independent_sources",
            "credibility"}
    for row in rows:
        assert keys <= set(row) and row["kind"] == "story"
        assert row["credibility"] is None or 1 <= row["credibility"] <= 6
    assert sum(len(r["documents"]) for r in rows) == len(all_reports())
    with pytest.raises(NotFoundError, match="claimgraph stories"):
        kb.story("S999")


def test_stories_index_skips_common_keys_and_caps_candidates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(story_index, "POSTING_CAP", 5)
    monkeypatch.setattr(story_index, "MAX_CANDIDATES", 3)
    idx = StoryIndex()
    common = "parliament budget vote"
    for i in range(8):  # eight documents share "parliament budget vote", each has its own rare word
        f = StoryFeatures.build(f"{common} alpha{chr(97 + i)}word", None, set(), set(), 739000)
        idx.add(f"d{i}", f"S{i}", i, f, idx.keys(f, query=False))
    new = StoryFeatures.build(f"{common} alphacword", None, set(), set(), 739000)
    # the common words are posted under 8 > 5 documents: only the rare word finds a candidate
    assert idx.candidates(new) == ["d2"]
    for i in range(8, 12):
        f = StoryFeatures.build("alphacword", None, set(), set(), 739000 + (100 if i == 11 else 0))
        idx.add(f"d{i}", f"S{i}", i, f, idx.keys(f, query=False))
    # out of the window (d11) never; at most MAX_CANDIDATES, newest first on ties
    assert idx.candidates(new) == ["d10", "d9", "d8"]


def test_stories_migration_uses_portable_types() -> None:
    (sql,) = [step for name, step in MIGRATIONS if name == "0003_stories"]
    assert isinstance(sql, str)
    types = set(re.findall(r"^ +\w+ ([A-Z]+(?: PRECISION)?)", sql, re.M))
    assert types <= {"VARCHAR", "BIGINT", "DOUBLE PRECISION", "BOOLEAN", "TIMESTAMP"}, types
    assert "story_members" in sql and "doc_id VARCHAR PRIMARY KEY" in sql


def test_stories_refresh_events_follows_re_resolved_events(kb: KnowledgeBase) -> None:
    from claimgraph.kb.stories import refresh_events

    doc = build(
        "Protesters marched through Baku on Friday against the new parking fees, organisers from the Green Youth "
        "Union said.", publisher="Caspian Daily", published="2025-05-02T10:00:00+04:00",
        entities=[Ent("e1", "GPE", "Baku", geo=BAKU), Ent("e2", "ORG", "Green Youth Union")],
        events=[Ev("v1", "PROTEST", "marched", participants=[("actor", "e2")], location="e1")],
    )
    kb.add(doc)
    with kb.writing() as w:
        (old,) = [r[0] for r in w.conn.execute("SELECT event_id FROM doc_events").fetchall()]
        w.conn.execute("UPDATE doc_events SET event_id = 'V77' WHERE doc_id = ?", [doc.info.id])
        refresh_events(w.conn, w.state.stories, doc.info.id)
        keys = {r[0] for r in w.conn.execute("SELECT key FROM story_keys WHERE key LIKE 'v:%'").fetchall()}
        assert keys == {"v:V77"}
        row = w.conn.execute("SELECT events FROM story_features WHERE doc_id = ?", [doc.info.id]).fetchone()
        assert row[0] == '["V77"]'
        if w.state.stories is not None:
            assert w.state.stories.members[doc.info.id].features.events == frozenset({"V77"})
            assert doc.info.id not in w.state.stories.postings.get(f"v:{old}", [])


def test_stories_first_report_is_the_earliest_instant_not_the_first_stored(kb: KnowledgeBase) -> None:
    later, earlier = report(*FLOOD[1]), report(*FLOOD[0])  # same day, 16:00 stored before 10:00
    kb.add(later)
    kb.add(earlier)
    (s,) = kb.stories()
    assert s["first_published"] == "2025-06-03T10:00:00+04:00"
    assert s["title"] == earlier.info.headline
    detail = kb.story(s["id"])
    assert [d["id"] for d in detail["document_details"]] == [earlier.info.id, later.info.id]
    assert detail["document_details"][0]["first_report"] is True
    with kb.writing() as w:
        assert story_documents(w.conn, s["id"]) == [earlier.info.id, later.info.id]
