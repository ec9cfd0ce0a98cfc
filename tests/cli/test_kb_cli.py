"""The knowledge-base commands on the bundled example article (real pipeline, real store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> str:
    path = str(tmp_path_factory.mktemp("cli") / "kb.duckdb")
    assert main(["ingest", str(example_path.parent), "--db", path]) == 0
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def test_kb_cli_ingest_twice_reports_known(db: str, example_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["ingest", str(example_path), "--db", db]) == 0
    assert "0 new, 1 already known, 0 failed" in capsys.readouterr().err


def test_kb_cli_ingest_names_failed_input(tmp_path: Path, example_path: Path,
                                         capsys: pytest.CaptureFixture[str]) -> None:
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    path = str(tmp_path / "k.duckdb")
    assert main(["ingest", str(empty), str(example_path), "--db", path]) == 1
    err = capsys.readouterr().err
    assert str(empty) in err
    assert "1 new, 0 already known, 1 failed" in err


def test_kb_cli_actor_json_has_contract_keys(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    d = _json(capsys, ["actor", "Agil Aslanov", "--json", "--db", db])
    assert isinstance(d, dict)
    assert {"actor", "events", "relations", "documents"} <= set(d)
    assert {"id", "type", "name", "aliases", "roles", "geo"} <= set(d["actor"])
    assert d["actor"]["name"] == "Agil Aslanov" and d["actor"]["type"] == "PERSON"
    assert {"id", "headline", "publisher", "published"} <= set(d["documents"][0])
    for ev in d["events"]:
        assert {"sources", "independent_sources", "status", "contested"} <= set(ev)
        assert ev["independent_sources"] >= 1


def test_kb_cli_views_and_json(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    evs = _json(capsys, ["events", "--json", "--db", db])
    assert isinstance(evs, list) and evs
    dates = [e["date"] for e in evs if e["date"]]
    assert dates == sorted(dates, reverse=True)
    tl = _json(capsys, ["timeline", "--json", "--db", db])
    assert [e["date"] for e in tl if e["date"]] == sorted(dates)
    net = _json(capsys, ["network", "aslanov", "--json", "--db", db])
    assert isinstance(net, dict) and net["center"]["name"] == "Agil Aslanov"
    assert main(["actor", "agil aslanov", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "Agil Aslanov" in out and "DOCUMENTS (1)" in out


def test_kb_cli_unknown_actor_is_one_line(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["actor", "Nobody Atall", "--db", db]) == 1
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "No actor named" in err[0]


def test_kb_cli_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    for cmd in ("ingest", "actor", "events", "timeline", "network"):
        capsys.readouterr()
        assert main([cmd, "--help"]) == 0
        assert "Example" in capsys.readouterr().out


def test_kb_cli_events_since_skips_untimed_events(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _json(capsys, ["events", "--json", "--db", db])
    untimed = [e for e in everything if e["time"] is None]
    assert untimed and all(e["date_source"] == "published" for e in untimed)
    assert all(e["date_source"] == "time" for e in everything if e["time"] is not None)
    later = _json(capsys, ["events", "--since", "2025-04-01", "--json", "--db", db])
    assert all(e["time"] is not None and e["time"]["end"] >= "2025-04-01" for e in later)
    assert not {e["id"] for e in untimed} & {e["id"] for e in later}


def test_kb_cli_actor_finds_unnamed_actor_listed_in_dossiers(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    everything = _json(capsys, ["events", "--json", "--db", db])
    unnamed = _json(capsys, ["actor", "Iranian intelligence", "--json", "--db", db])
    assert unnamed["actor"]["name"].lower() == "iranian intelligence" and unnamed["actor"]["named"] is False
    ids = {p["actor"] for e in everything for p in e["participants"]}
    assert unnamed["actor"]["id"] in ids


def test_kb_cli_unwritable_db_directory_is_named(example_path: Path, tmp_path: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    blocker = tmp_path / "plain-file"
    blocker.write_text("x")
    capsys.readouterr()
    assert main(["ingest", str(example_path), "--db", str(blocker / "kb.duckdb")]) != 0
    err = capsys.readouterr().err
    assert "directory" in err or "folder" in err
    assert "Is it a claimgraph DuckDB file" not in err
