"""The CLI dossier shows each event's Admiralty grade, its reasons and the status report by report."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from claimgraph.cli import main

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, example_path: Path) -> str:
    path = str(tmp_path_factory.mktemp("cli-cred") / "kb.duckdb")
    assert main(["ingest", str(example_path), "--db", path]) == 0
    return path


def test_cli_dossier_shows_grade_and_status_across_reports(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    capsys.readouterr()
    assert main(["actor", "Agil Aslanov", "--json", "--db", db]) == 0
    dossier = json.loads(capsys.readouterr().out)
    event = dossier["events"][0]
    assert main(["actor", "Agil Aslanov", "--db", db]) == 0
    text = capsys.readouterr().out
    assert "cred." in text
    assert f"credibility {event['credibility']} {event['credibility_label']}: {event['credibility_reasons'][0]}" in text
    assert f"status across reports: {event['status']} ({event['status_across_reports']['rule']})" in text
    assert event["status_across_reports"]["reports"][0]["source"] in text
