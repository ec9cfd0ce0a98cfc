"""Acceptance of the command line as a user runs it: analyze, ingest, the KB queries, help.

Real pipeline, real DuckDB files in tmp_path, the bundled example article and short
texts written here. Commands run in-process through ``claimgraph.cli.main`` (the function
the ``claimgraph`` script calls), except standard input, which goes through a real pipe.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import duckdb
import pytest

from claimgraph.cli import main
from claimgraph.models import STATUSES

pytestmark = pytest.mark.slow

COMMANDS = ("analyze", "ingest", "actor", "events", "timeline", "network", "export", "serve")

ARREST = (
    "Police in Tbilisi arrested two men on Monday who were suspected of smuggling weapons "
    "across the border, the Interior Ministry said.\n"
)
VISIT = "The foreign minister of Kenya will visit Oslo next month to sign a trade agreement, his office said.\n"
RAID = "Soldiers raided a village near Goma on Sunday and detained a local official, residents said.\n"


def _run(capsys: pytest.CaptureFixture[str], argv: list[str]) -> tuple[int, str, str]:
    capsys.readouterr()
    rc = main(argv)
    out, err = capsys.readouterr()
    return rc, out, err


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    rc, out, err = _run(capsys, argv)
    assert rc == 0, err
    return json.loads(out)


def _spans_hold(rec: dict) -> None:
    text = rec["document"]["text"]
    for ev in rec["events"]:
        t = ev["trigger"]
        assert text[t["start"]:t["end"]] == t["text"]
    for ent in rec["entities"]:
        for m in ent["mentions"]:
            assert text[m["start"]:m["end"]] == m["text"]


def _row_counts(db: str) -> dict[str, int]:
    con = duckdb.connect(db, read_only=True)
    try:
        tables = [r[0] for r in con.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
        return {t: con.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0] for t in tables}
    finally:
        con.close()


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> str:
    """A store holding the example article, ingested through the CLI."""
    db = str(tmp_path_factory.mktemp("e2e") / "kb.duckdb")
    assert main(["ingest", str(example_path), "--db", db]) == 0
    return db


# --- analyze -------------------------------------------------------------------------------

def test_analyze_one_input_prints_one_json_record(example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    rec = _json(capsys, ["analyze", str(example_path)])
    assert isinstance(rec, dict) and rec["schema"] == "claimgraph.document/1"
    doc = rec["document"]
    assert doc["source"] == str(example_path)
    assert doc["publisher"] == "Azernews" and doc["published"].startswith("2025-04-07")
    assert rec["events"] and rec["entities"] and rec["claims"]
    assert {ev["status"] for ev in rec["events"]} <= set(STATUSES)
    assert "foiled" in {ev["status"] for ev in rec["events"]}
    _spans_hold(rec)


def test_analyze_many_inputs_jsonl_in_input_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a = tmp_path / "a_arrest.txt"
    a.write_text(ARREST)
    objs = tmp_path / "wire.jsonl"
    objs.write_text(
        json.dumps({"id": "wire-1", "text": VISIT, "publisher": "Example Wire"}) + "\n"
        + json.dumps({"id": "wire-2", "text": RAID, "published": "2023-06-20T08:00:00+01:00"}) + "\n"
    )
    b = tmp_path / "0_first_alphabetically.txt"  # input order, not name order
    b.write_text(RAID)
    rc, out, err = _run(capsys, ["analyze", str(a), str(objs), str(b), "--published", "2024-05-02T10:00:00+00:00"])
    assert rc == 0, err
    recs = [json.loads(line) for line in out.splitlines()]
    assert [r["document"]["source"] for r in recs] == [str(a), "wire-1", "wire-2", str(b)]
    published = [r["document"]["published"] for r in recs]
    assert published[0].startswith("2024-05-02") and published[1].startswith("2024-05-02")
    assert published[2].startswith("2023-06-20")  # the input's own date wins over --published
    assert recs[1]["document"]["publisher"] == "Example Wire"
    # relative times resolve against the publication time that applies to each input
    arrest = next(e for e in recs[0]["events"] if e["trigger"]["text"] == "arrested")
    assert arrest["time"]["start"] == "2024-04-29"  # the Monday before Thu 2 May 2024
    visit = next(e for e in recs[1]["events"] if e["trigger"]["text"] == "visit")
    assert visit["status"] == "planned" and visit["time"]["start"].startswith("2024-06")
    raid = next(e for e in recs[2]["events"] if e["trigger"]["text"] == "raided")
    assert raid["time"]["start"] == "2023-06-18"  # the Sunday before Tue 20 June 2023
    for r in recs:
        _spans_hold(r)


def test_analyze_text_format_is_a_human_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    p = tmp_path / "arrest.txt"
    p.write_text(ARREST)
    rc, out, err = _run(capsys, ["analyze", str(p), "--format", "text"])
    assert rc == 0, err
    lines = out.strip().splitlines()
    assert lines[0].startswith("# ")
    assert any(line.startswith("- [occurred]") and "'arrested'" in line for line in lines)
    assert lines[-1].endswith("claims") and "events" in lines[-1]
    with pytest.raises(json.JSONDecodeError):
        json.loads(out)


def test_analyze_directory_reads_files_recursively(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "one.txt").write_text(ARREST)
    (tmp_path / "sub" / "two.txt").write_text(RAID)
    rc, out, err = _run(capsys, ["analyze", str(tmp_path)])
    assert rc == 0, err
    sources = sorted(json.loads(line)["document"]["source"] for line in out.splitlines())
    assert sources == [str(tmp_path / "one.txt"), str(tmp_path / "sub" / "two.txt")]


def test_analyze_stdin_reads_a_real_pipe(tmp_path: Path) -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "claimgraph", "analyze", "-", "--published", "2024-05-02"],
        input=ARREST.encode("utf-8"), capture_output=True, timeout=300, cwd=tmp_path,
    )
    assert proc.returncode == 0, proc.stderr.decode()
    (line,) = proc.stdout.decode("utf-8").splitlines()
    rec = json.loads(line)
    assert rec["document"]["text"].startswith("Police in Tbilisi arrested")
    assert rec["document"]["published"].startswith("2024-05-02")
    assert any(e["trigger"]["text"] == "arrested" for e in rec["events"])


# --- ingest --------------------------------------------------------------------------------

def test_ingest_twice_leaves_the_store_unchanged(tmp_path: Path, example_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "kb.duckdb")
    p = tmp_path / "arrest.txt"
    p.write_text(ARREST)
    rc, _, err = _run(capsys, ["ingest", str(p), "--db", db])
    assert rc == 0 and "1 new, 0 already known, 0 failed" in err
    before = _row_counts(db)
    assert before["documents"] == 1 and before["events"] >= 1
    copy = tmp_path / "copy.txt"  # the same text under another name is the same document
    copy.write_text(ARREST)
    rc, _, err = _run(capsys, ["ingest", str(p), str(copy), "--db", db])
    assert rc == 0 and "0 new, 2 already known, 0 failed" in err
    assert _row_counts(db) == before


# --- help ----------------------------------------------------------------------------------

@pytest.mark.parametrize("command", COMMANDS)
def test_help_every_command_shows_an_example(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, _ = _run(capsys, [command, "--help"])
    assert rc == 0
    assert "Example" in out and f"claimgraph {command}" in out.split("Example", 1)[1]


def test_help_bare_command_prints_help_and_exits_zero(capsys: pytest.CaptureFixture[str]) -> None:
    rc, out, err = _run(capsys, [])
    assert rc == 0 and not err
    for command in COMMANDS:
        assert command in out


# --- knowledge-base queries on the example's store -----------------------------------------

def test_actor_json_has_the_contract_keys(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _json(capsys, ["actor", "Agil Aslanov", "--json", "--db", store])
    assert isinstance(d, dict) and {"actor", "events", "relations", "documents"} <= set(d)
    actor = d["actor"]
    assert {"id", "type", "name", "aliases", "roles", "geo"} <= set(actor)
    assert actor["name"] == "Agil Aslanov" and actor["type"] == "PERSON"
    assert "Aslanov" in actor["aliases"] and any("trafficker" in r for r in actor["roles"])
    assert d["events"]
    for ev in d["events"]:
        assert {"sources", "independent_sources"} <= set(ev)
        assert ev["independent_sources"] >= 1 and ev["sources"]
        assert ev["sources"][0][0]["name"] == "Azernews"  # chains run from the publisher outward
    assert isinstance(d["relations"], list)
    (doc,) = d["documents"]
    assert {"id", "headline", "publisher", "published"} <= set(doc)
    assert doc["publisher"] == "Azernews" and len(doc["id"]) == 64


def test_actor_lookup_ignores_case_and_accepts_an_alias(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    full = _json(capsys, ["actor", "Agil Aslanov", "--json", "--db", store])
    lower = _json(capsys, ["actor", "agil aslanov", "--json", "--db", store])
    alias = _json(capsys, ["actor", "Aslanov", "--json", "--db", store])
    assert full["actor"]["id"] == lower["actor"]["id"] == alias["actor"]["id"]  # type: ignore[index]


def test_events_status_foiled_lists_only_foiled(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    evs = _json(capsys, ["events", "--status", "foiled", "--json", "--db", store])
    assert isinstance(evs, list) and evs
    assert all(e["status"] == "foiled" or "foiled" in e.get("statuses", []) for e in evs)
    everything = _json(capsys, ["events", "--json", "--db", store])
    assert isinstance(everything, list) and len(everything) > len(evs)


def test_events_since_until_bound_the_dates(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _json(capsys, ["events", "--json", "--db", store])
    assert isinstance(everything, list)
    dated = [e for e in everything if e["date"]]
    assert len({e["date"] for e in dated}) >= 2, "the example has events on several dates"
    dates = [e["date"] for e in dated]
    assert dates == sorted(dates, reverse=True)  # newest first
    cut = sorted(set(dates))[1]
    later = _json(capsys, ["events", "--since", cut, "--json", "--db", store])
    earlier = _json(capsys, ["events", "--until", cut, "--json", "--db", store])
    assert later and all(e["date"] and (e["time"] or {}).get("end", e["date"]) >= cut for e in later)
    assert earlier and all(e["date"] and e["date"] <= cut for e in earlier)
    assert len(earlier) < len(everything)
    # a month or a year as --until covers its whole span
    month = _json(capsys, ["events", "--until", cut[:7], "--json", "--db", store])
    assert {e["id"] for e in month} >= {e["id"] for e in earlier}
    none = _json(capsys, ["events", "--since", "2999-01-01", "--json", "--db", store])
    assert none == []


def test_events_bad_filters_are_one_line_usage_errors(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    for argv in (["events", "--status", "thwarted"], ["events", "--since", "last week"]):
        rc, out, err = _run(capsys, [*argv, "--db", store])
        assert rc == 2 and not out
        lines = err.strip().splitlines()
        assert len(lines) == 1 and "claimgraph events: error:" in lines[0], err


def test_timeline_is_in_time_order(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    tl = _json(capsys, ["timeline", "--json", "--db", store])
    assert isinstance(tl, list) and tl
    dates = [e["date"] for e in tl if e["date"]]
    assert dates == sorted(dates)
    mine = _json(capsys, ["timeline", "--actor", "Agil Aslanov", "--json", "--db", store])
    assert isinstance(mine, list) and 0 < len(mine) < len(tl)
    rc, out, _ = _run(capsys, ["timeline", "--db", store])
    assert rc == 0 and "date" in out.splitlines()[0]


def test_network_lists_related_actors(store: str, capsys: pytest.CaptureFixture[str]) -> None:
    net = _json(capsys, ["network", "Agil Aslanov", "--depth", "2", "--json", "--db", store])
    assert isinstance(net, dict) and net["center"]["name"] == "Agil Aslanov"
    assert net["edges"] and all({"source", "target", "type", "count"} <= set(e) for e in net["edges"])
    ids = {n["id"] for n in net["nodes"]}
    assert all(e["source"] in ids and e["target"] in ids for e in net["edges"])


def test_export_jsonl_writes_every_kind(store: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "kb.jsonl"
    rc, _, err = _run(capsys, ["export", "--format", "jsonl", "-o", str(out), "--db", store])
    assert rc == 0, err
    rows = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert {"actor", "event", "claim", "document"} <= {r["kind"] for r in rows}
