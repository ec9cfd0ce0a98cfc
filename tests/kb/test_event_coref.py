"""Cross-document event coreference (claimgraph.kb.event_coref) on short reports written here.

The documents go through the real pipeline (``claimgraph.api.analyze``); events are the
pipeline's own, except where a test names a trigger word itself (the quake reports: the
pipeline's PLOVER lexicon has no natural disasters, and event_coref takes any event dict).
"""

from __future__ import annotations

from typing import Any

import pytest

from claimgraph.api import analyze
from claimgraph.kb.event_coref import (
    DEFAULT_THRESHOLD,
    cluster,
    event_features,
    normalise_lemma,
    score,
    trigger_group,
)

ARREST_REPORTS = [
    ("Police arrested opposition leader Ivan Petrov in Minsk on Saturday, his lawyer said. "
     "Petrov was held at a police station after a rally.", "2025-03-09"),
    ("Belarusian security forces detained Ivan Petrov, the opposition leader, in Minsk on Saturday. "
     "European governments condemned the move against Petrov.", "2025-03-09"),
    ("Officers apprehended opposition figure Ivan Petrov in the Belarusian capital Minsk on March 8, "
     "according to his party.", "2025-03-10"),
]
OTHER_ARREST = ("Police in Lagos arrested a businessman, Chukwu Obi, on Tuesday over a fraud case, "
                "a police spokesman said.", "2025-06-17")


def _record(text: str, published: str, source: str) -> dict[str, Any]:
    return analyze(text, published=published, source=source).to_dict()


def _arrest_features(text: str, published: str, source: str) -> dict[str, Any]:
    rec = _record(text, published, source)
    events = [e for e in rec["events"] if trigger_group(normalise_lemma(e["trigger"]["text"])) == "arrest"]
    assert events, f"the pipeline found no arrest in {source}: {rec['events']}"
    return event_features(events[0], rec)


def _word_event(rec: dict[str, Any], word: str) -> dict[str, Any]:
    text = rec["document"]["text"]
    start = text.index(word)
    return {"id": "q1", "type": None, "trigger": {"start": start, "end": start + len(word), "text": word}}


@pytest.fixture(scope="module")
def arrest_features() -> list[dict[str, Any]]:
    feats = [_arrest_features(t, p, f"report{i}") for i, (t, p) in enumerate(ARREST_REPORTS)]
    feats.append(_arrest_features(*OTHER_ARREST, "lagos"))
    return feats


def test_event_features_reads_record(arrest_features: list[dict[str, Any]]) -> None:
    f = arrest_features[0]
    assert f["lemma"] == "arrest" and f["group"] == "arrest"
    assert f["type"] == "COERCE"
    assert "ivan petrov" in f["names"]
    assert f["place"] is not None and f["place"]["name"] == "minsk"
    assert f["start"] == "2025-03-08"
    assert f["published"] == "2025-03-09"
    assert "rally" not in f["words"]  # only the trigger's own sentence
    assert "police" in f["words"] and "arrest" not in f["words"]


def test_cluster_three_reports_of_one_arrest_join(arrest_features: list[dict[str, Any]]) -> None:
    labels = cluster(arrest_features[:3])
    assert labels[0] == labels[1] == labels[2]


def test_cluster_arrest_elsewhere_stays_apart(arrest_features: list[dict[str, Any]]) -> None:
    labels = cluster(arrest_features)
    assert labels[0] == labels[1] == labels[2]
    assert labels[3] != labels[0]


def test_score_same_arrest_above_other_arrest(arrest_features: list[dict[str, Any]]) -> None:
    same = score(arrest_features[0], arrest_features[1])
    other = score(arrest_features[0], arrest_features[3])
    assert 0.0 <= other < same <= 1.0
    assert same >= 0.5


def test_score_other_person_same_day_below_threshold(arrest_features: list[dict[str, Any]]) -> None:
    rapper = _arrest_features(
        "Police arrested a rapper, Mike Jones, on Saturday after a concert brawl, his manager said.",
        "2025-03-09", "rapper",
    )
    # no cluster() call: the incremental use, one new event against stored ones
    assert score(arrest_features[0], rapper) < DEFAULT_THRESHOLD <= score(arrest_features[0], arrest_features[2])
    assert cluster([*arrest_features[:3], rapper])[3] not in cluster([*arrest_features[:3], rapper])[:3]


def test_score_quake_and_earthquake_link() -> None:
    a = _record("A powerful earthquake struck southern Iran on Sunday, killing 40 people in the city of Bam.",
                "2025-03-10", "quake-a")
    b = _record("The quake flattened homes in Bam, Iran, on Sunday and rescuers searched the rubble.",
                "2025-03-10", "quake-b")
    fa = event_features(_word_event(a, "earthquake"), a)
    fb = event_features(_word_event(b, "quake"), b)
    assert fa["group"] == fb["group"] == "earthquake"
    assert score(fa, fb) >= 0.5
    assert cluster([fa, fb]) == [0, 0]


def test_score_different_meanings_never_link() -> None:
    a = _record("Police arrested a man in Baku on Friday.", "2025-04-05", "arrest-baku")
    b = _record("An earthquake struck Baku on Friday.", "2025-04-05", "quake-baku")
    fa = event_features(_word_event(a, "arrested"), a)
    fb = event_features(_word_event(b, "earthquake"), b)
    assert score(fa, fb) == 0.0
    assert len(set(cluster([fa, fb]))) == 2


def test_normalise_lemma_inflections() -> None:
    assert [normalise_lemma(w) for w in ("Arrested", "quakes", "shot", "killings", "escaped", "dies")] == [
        "arrest", "quake", "shoot", "kill", "escape", "die",
    ]
    assert trigger_group("fire", nominal=True) == "blaze"
    assert trigger_group("fire", nominal=False) == "dismiss"


def test_cluster_empty_and_single() -> None:
    assert cluster([]) == []
    rec = _record("Police arrested a man in Baku on Friday.", "2025-04-05", "one")
    assert cluster([event_features(_word_event(rec, "arrested"), rec)]) == [0]


# -- events resolved inside stories (kb/resolve_events.py, second pass) ----------------------------

def test_normalise_lemma_irregulars_and_typos() -> None:
    assert [normalise_lemma(w) for w in ("fell", "fallen", "fired", "arested")] == ["fall", "fall", "fire", "arrest"]
    assert normalise_lemma("commander") == "commander"  # a real word is never read as a typo


def test_trigger_groups_read_the_phrase() -> None:
    from claimgraph.kb.resolve_events import trigger_groups

    assert trigger_groups("opened", " fire on the crowd") == trigger_groups("shooting")
    assert trigger_groups("fired", " shots at the car") == ["shoot"]
    assert trigger_groups("fired", " the head coach on Monday") == trigger_groups("dismissed")


def _f(groups: list[str], **kw: Any) -> dict[str, Any]:
    from datetime import date

    base: dict[str, Any] = {"type": "ASSAULT", "lemma": groups[0], "groups": groups, "actors": {}, "context": []}
    for k in ("start", "end", "published"):
        if isinstance(kw.get(k), str):
            kw[k] = date.fromisoformat(kw[k])
    base.update(kw)
    return base


def test_story_compatible_same_meaning_without_participants() -> None:
    from claimgraph.kb.resolve_events import story_compatible

    assert story_compatible(_f(["shoot"]), _f(["shoot"], type="OTHER"))  # one word typed two ways
    assert not story_compatible(_f(["shoot"]), _f(["arrest"]))
    assert not story_compatible(_f(["shoot"], actors={"A1": "target"}), _f(["shoot"], actors={"A2": "target"}))
    assert not story_compatible(_f(["shoot"], start="2025-01-01"), _f(["shoot"], start="2025-02-01"))
    assert not story_compatible(_f(["make"], lemma="make"), _f(["make"], lemma="make"))  # light verb


def test_cross_story_needs_a_shared_actor_and_no_clash() -> None:
    from claimgraph.kb.resolve_events import cross_story_compatible

    a = _f(["arrest"], actors={"A2": "target"}, context=["A1", "A2"], published="2025-03-01")
    assert not cross_story_compatible(a, _f(["arrest"], context=["A3"], published="2025-03-01"))
    # an actor both documents are about is not enough: a named participant in common is
    assert not cross_story_compatible(a, _f(["arrest"], context=["A2"], published="2025-03-02"))
    assert cross_story_compatible(a, _f(["arrest"], actors={"A2": "target"}, published="2025-03-02"))
    assert not cross_story_compatible(a, _f(["arrest"], actors={"A2": "target"}, published="2025-04-02"))
    assert not cross_story_compatible(_f(["arrest"], actors={"A1": "actor"}, context=["A9"]),
                                      _f(["arrest"], actors={"A2": "actor"}, context=["A9"]))
    assert not cross_story_compatible(_f(["arrest"], context=["A1"], geonames=1), _f(["arrest"], context=["A1"], geonames=2))


QUAKE_STORY = [
    "A strong earthquake shook the coastal town of Ferndale on Sunday, toppling chimneys. "
    "The quake was felt across Humboldt County, and the Ferndale fire chief said crews were checking homes.",
    "Ferndale residents swept up broken glass on Monday after the earthquake rattled Humboldt County. "
    "The quake damaged chimneys in Ferndale, the fire chief said, and aftershocks continued.",
]
OTHER_QUAKE = ("An earthquake struck the mountains of northern Peru far from Lima on Friday, the "
               "geophysical institute said; no damage to Andean villages was reported.")


def test_store_joins_same_word_events_inside_a_story_only(tmp_path) -> None:
    from claimgraph.kb import KnowledgeBase
    from claimgraph.kb.stories import story_of

    kb = KnowledgeBase(tmp_path / "kb.duckdb")
    docs = [analyze(t, published="2025-03-10", source=f"quake{i}") for i, t in enumerate(QUAKE_STORY)]
    docs.append(analyze(OTHER_QUAKE, published="2025-03-11", source="peru"))
    for d in docs:
        d.events = [e for e in d.events if e.trigger.text.lower().startswith(("earthquake", "quake"))]
        if not d.events:  # the PLOVER lexicon has no disasters: state the trigger (see the module doc)
            from claimgraph.models import Event, Span

            start = d.info.text.lower().index("earthquake")
            d.events = [Event(id="v1", type="OTHER", trigger=Span.of(d.info.text, start, start + len("earthquake")),
                              mode="disaster", status="occurred")]
        kb.add(d)
    with kb._reading() as conn:
        stories = [story_of(conn, d.info.id) for d in docs]
        rows = conn.execute("SELECT doc_id, event_id, rule FROM doc_events").fetchall()
    assert stories[0] == stories[1] != stories[2]
    by_doc: dict[str, set[str]] = {}
    for doc_id, eid, _rule in rows:
        by_doc.setdefault(doc_id, set()).add(eid)
    a, b, c = (by_doc[d.info.id] for d in docs)
    assert a == b and len(a) == 1  # both reports of the Ferndale quake: one event
    assert not c & a  # the Peru quake, another story, stays apart
    assert {r for d_id, _, r in rows if d_id == docs[1].info.id} == {"same_story"}
