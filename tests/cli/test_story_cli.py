"""`claimgraph stories` and `claimgraph story` on five reports (real pipeline, real store)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.cli import main

pytestmark = pytest.mark.slow

ARTICLES = Path(__file__).resolve().parents[1] / "fixtures" / "story_articles.jsonl"


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("stories") / "kb.duckdb")
    assert main(["ingest", str(ARTICLES), "--db", path]) == 0
    return path


def _json(capsys: pytest.CaptureFixture[str], argv: list[str]) -> object:
    capsys.readouterr()
    assert main(argv) == 0
    return json.loads(capsys.readouterr().out)


def _plot_story(stories: list[dict]) -> dict:
    (plot,) = [s for s in stories if "Marneuli" in (s["title"] or "")]
    return plot


def test_story_cli_lists_one_story_per_happening(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    stories = _json(capsys, ["stories", "--json", "--db", db])
    assert isinstance(stories, list) and len(stories) == 2
    plot = _plot_story(stories)
    assert plot["n_documents"] == 4
    assert plot["publishers"] == ["Caucasus Wire", "Tbilisi Herald", "Regional Monitor", "Caspian Post"]
    # the Regional Monitor text is a copy of Caucasus Wire's: three outlets report independently
    assert plot["independent_sources"] == 3
    assert plot["first_published"] == "2025-05-12T09:10:00+04:00"
    text = capsys.readouterr().out
    assert main(["stories", "--db", db]) == 0
    table = capsys.readouterr().out
    assert plot["id"] in table and "Police foil plot to bomb Marneuli" in table, text


def test_story_cli_filters_by_actor_and_date(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    by_actor = _json(capsys, ["stories", "--actor", "Levan Kapanadze", "--json", "--db", db])
    assert isinstance(by_actor, list) and [s["n_documents"] for s in by_actor] == [4]
    later = _json(capsys, ["stories", "--since", "2025-05-14", "--json", "--db", db])
    assert isinstance(later, list) and [s["title"] for s in later] == ["Azerbaijan and Turkey agree to expand TANAP pipeline"]
    capsys.readouterr()
    assert main(["stories", "--since", "last week", "--db", db]) == 2
    assert "not a date" in capsys.readouterr().err


def test_story_cli_one_story_shows_first_report_copies_and_events(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    plot = _plot_story(_json(capsys, ["stories", "--json", "--db", db]))  # type: ignore[arg-type]
    s = _json(capsys, ["story", plot["id"], "--json", "--db", db])
    assert isinstance(s, dict)
    docs = s["document_details"]
    assert [d["publisher"] for d in docs if d["first_report"]] == ["Caucasus Wire"]
    (copy,) = [d for d in docs if d["copy_of"]]
    assert copy["publisher"] == "Regional Monitor" and copy["copy_in_story"] is True
    assert all(d["rule"] == "joined" for d in docs if not d["first_report"])
    assert s["events"] and {e["id"] for e in s["event_details"]} == set(s["events"])
    assert any(e["status"] == "foiled" for e in s["event_details"])
    capsys.readouterr()
    assert main(["story", plot["id"], "--db", db]) == 0
    out = capsys.readouterr().out
    assert "first report: 2025-05-12" in out and "Regional Monitor" in out and "copy" in out


def test_story_cli_unknown_story_is_one_clear_error(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["story", "S999", "--db", db]) == 1
    err = capsys.readouterr().err
    assert "No story 'S999'" in err and "claimgraph stories" in err


def test_story_cli_detach_undoes_a_join(tmp_path: Path, db: str, capsys: pytest.CaptureFixture[str]) -> None:
    copy_db = tmp_path / "copy.duckdb"
    copy_db.write_bytes(Path(db).read_bytes())
    plot = _plot_story(_json(capsys, ["stories", "--json", "--db", str(copy_db)]))  # type: ignore[arg-type]
    court = next(d for d in _json(capsys, ["story", plot["id"], "--json", "--db", str(copy_db)])["document_details"]  # type: ignore[index]
                 if d["publisher"] == "Caspian Post")
    capsys.readouterr()
    assert main(["story", plot["id"], "--detach", court["id"], "--json", "--db", str(copy_db)]) == 0
    captured = capsys.readouterr()
    assert "moved from" in captured.err
    assert len(json.loads(captured.out)["documents"]) == 3
    after = _json(capsys, ["stories", "--json", "--db", str(copy_db)])
    assert isinstance(after, list) and sorted(s["n_documents"] for s in after) == [1, 1, 3]
