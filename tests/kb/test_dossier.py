"""Dossier queries: limits with totals, SQL-side summaries, unnamed-actor lookup, event dates."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from claimgraph.errors import StoreError
from claimgraph.kb import KnowledgeBase
from claimgraph.kb.connection import connect
from claimgraph.kb.migrations import MIGRATIONS, migrate

from .conftest import BAKU, Ent, Ev, build

EMBASSY = (
    "Iranian intelligence planned the attack on the embassy, investigators said. "
    "The attack on the embassy in Baku killed a guard. Police arrested two men in Baku on March 3."
)


def embassy_doc(published: str = "2025-04-07T10:00:00+04:00"):
    return build(
        EMBASSY, publisher="Caspian Daily", published=published,
        entities=[Ent("e1", "ORG", "Iranian intelligence", named=False), Ent("e2", "GPE", "Baku", geo=BAKU),
                  Ent("e3", "PERSON", "two men", named=False), Ent("e4", "PERSON", "a guard", named=False)],
        events=[Ev("v1", "ASSAULT", "attack", participants=[("actor", "e1"), ("target", "e4")], location="e2"),
                Ev("v2", "COERCE", "arrested", mode="arrest", participants=[("target", "e3")], location="e2",
                   time=("2025-03-03", "2025-03-03"))],
    )


def test_events_untimed_event_keeps_null_time_and_marks_date_as_published(kb: KnowledgeBase) -> None:
    kb.add(embassy_doc())
    by_trigger = {e["mentions"][0]["trigger"]["text"]: e for e in kb.events()}
    attack, arrest = by_trigger["attack"], by_trigger["arrested"]
    assert attack["time"] is None
    assert attack["date"] == "2025-04-07" and attack["date_source"] == "published"
    assert arrest["time"]["start"] == "2025-03-03" and arrest["date_source"] == "time"


def test_events_since_excludes_untimed_until_includes_by_publication(kb: KnowledgeBase) -> None:
    kb.add(embassy_doc())
    since = [e["mentions"][0]["trigger"]["text"] for e in kb.events(since="2025-04-01")]
    assert since == []  # the attack's time is unknown; its report date is not its time
    since_march = [e["mentions"][0]["trigger"]["text"] for e in kb.events(since="2025-03-01")]
    assert since_march == ["arrested"]
    until = sorted(e["mentions"][0]["trigger"]["text"] for e in kb.events(until="2025-04-30"))
    assert until == ["arrested", "attack"]  # reported by then, so it happened by then
    assert [e["mentions"][0]["trigger"]["text"] for e in kb.events(until="2025-03-31")] == ["arrested"]


def test_actor_unnamed_found_by_description(kb: KnowledgeBase) -> None:
    kb.add(embassy_doc())
    for query in ("Iranian intelligence", "iranian INTELLIGENCE"):
        d = kb.actor(query)
        assert d["actor"]["name"] == "Iranian intelligence" and d["actor"]["named"] is False
        assert [e["type"] for e in d["events"]] == ["ASSAULT"]
    with pytest.raises(Exception, match="No actor named"):
        kb.actor("Iranian")  # substring lookup stays for named actors only


def test_actor_dossier_limit_keeps_newest_and_reports_totals(kb: KnowledgeBase) -> None:
    with kb.writing() as w:
        for day in range(1, 8):  # one attack a month, seven months: seven events
            text = f"Gunmen attacked aid worker Lena Varga's convoy number {day} in Baku this month."
            w.add(build(
                text, publisher=f"Outlet {day}", published=f"2025-{day:02d}-20T09:00:00+00:00",
                entities=[Ent("e1", "PERSON", "Lena Varga", roles=["aid worker"]), Ent("e2", "GPE", "Baku", geo=BAKU),
                          Ent("e3", "PERSON", f"convoy number {day}", named=False)],
                events=[Ev("v1", "ASSAULT", "attacked", participants=[("target", "e1"), ("actor", "e3")],
                           location="e2", time=(f"2025-{day:02d}-01", f"2025-{day:02d}-20"))],
            ))
    full = kb.actor("Lena Varga", limit=None)
    short = kb.actor("Lena Varga", limit=3)
    assert full["events_total"] == short["events_total"] == len(full["events"])
    assert len(short["events"]) == 3
    assert [e["id"] for e in short["events"]] == [e["id"] for e in full["events"][:3]]
    assert [e["date"] for e in short["events"]] == sorted((e["date"] for e in short["events"]), reverse=True)
    assert short["documents_total"] == full["documents_total"] == len(full["documents"]) == 7
    assert len(short["documents"]) == 3 and len(short["related_actors"]) <= 3
    assert short["related_actors_total"] == len(full["related_actors"])
    assert full["actor"]["mentions"] == 7


def test_migrate_backfills_mention_counts(tmp_path: Path) -> None:
    path = tmp_path / "old.duckdb"
    kb = KnowledgeBase(path)
    kb.add(embassy_doc())
    conn = duckdb.connect(str(path))
    # Rewind the store to the first schema, as a store written before 0002 is.
    conn.execute("ALTER TABLE doc_entities DROP COLUMN n_mentions")
    conn.execute("DELETE FROM schema_migrations WHERE name <> ?", [MIGRATIONS[0][0]])
    ran = migrate(conn)
    assert "0002_entity_mention_counts" in ran
    rows = conn.execute("SELECT n_mentions, json_array_length(mentions) FROM doc_entities").fetchall()
    conn.close()
    assert rows and all(a == b for a, b in rows)
    assert KnowledgeBase(path, read_only=True).actor("Baku")["actor"]["mentions"] == 1  # one span built per name


def test_connect_unwritable_directory_says_so(tmp_path: Path) -> None:
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder")
    with pytest.raises(StoreError, match="directory|folder") as info:
        connect(blocker / "kb.duckdb", read_only=False, timeout=0.1)
    assert "Is it a claimgraph DuckDB file" not in str(info.value)
    if Path("/proc").is_dir():  # a directory no one may create files in, even root
        with pytest.raises(StoreError, match="not writable") as info:
            connect(Path("/proc/claimgraph-test.duckdb"), read_only=False, timeout=0.1)
        assert "Is it a claimgraph DuckDB file" not in str(info.value)


SHOT = "Gunmen shot dead journalist Lena Varga in Baku, her newspaper said."
KILLED = "The killing of journalist Lena Varga in Baku is still unsolved, her colleagues said."
DETAINED = "Police detained journalist Lena Varga in Baku, her colleagues said."


def _varga_report(text: str, trigger: str, published: str, type_: str = "ASSAULT"):
    return build(
        text, publisher=f"Outlet {published}", published=published,
        entities=[Ent("e1", "PERSON", "Lena Varga", roles=["journalist"]), Ent("e2", "GPE", "Baku", geo=BAKU)],
        events=[Ev("v1", type_, trigger, participants=[("target", "e1")], location="e2")],
    )


def test_resolve_events_synonym_groups_join_reports_weeks_apart(kb: KnowledgeBase) -> None:
    # No stated time and reports 12 days apart: only the same meaning at the same place joins.
    kb.add(_varga_report(SHOT, "shot dead", "2025-03-02T09:00:00+00:00"))
    kb.add(_varga_report(KILLED, "killing", "2025-03-14T09:00:00+00:00"))
    evs = kb.events()
    assert len(evs) == 1 and len(evs[0]["mentions"]) == 2


def test_resolve_events_different_meanings_stay_apart(kb: KnowledgeBase) -> None:
    kb.add(_varga_report(SHOT, "shot dead", "2025-03-02T09:00:00+00:00"))
    kb.add(_varga_report(DETAINED, "detained", "2025-03-14T09:00:00+00:00"))
    assert len(kb.events()) == 2


def test_trigger_groups_use_event_coref_lexicon() -> None:
    from claimgraph.kb.resolve_events import trigger_groups

    assert set(trigger_groups("shot dead")) & set(trigger_groups("killed"))
    assert trigger_groups("quake") == trigger_groups("earthquake")
    assert not set(trigger_groups("arrested")) & set(trigger_groups("killed"))


def test_iter_actors_batched_matches_single_actor_queries(kb: KnowledgeBase) -> None:
    from claimgraph.kb import queries

    kb.add(embassy_doc())
    kb.add(_varga_report(SHOT, "shot dead", "2025-03-02T09:00:00+00:00"))
    exported = {a["id"]: a for a in kb.iter_actors()}
    assert len(exported) == 5  # Baku is one actor across both
    with kb._reading() as conn:
        for aid, a in exported.items():
            assert a["mentions"] == queries.actor_mentions(conn, aid)
            assert a["merge_evidence"] == queries.merge_evidence(conn, aid)
