"""``claimgraph export``: formats, --actor, and a one-line error for an unknown format."""

from __future__ import annotations

import json
import subprocess
import sys
import zipfile

from claimgraph.cli import main


def test_cli_export_stix_writes_valid_bundle(store_path, tmp_path, capsys):
    from stix2validator import ValidationOptions, validate_instance

    out = tmp_path / "out.json"
    assert main(["export", "--format", "stix", "-o", str(out), "--db", str(store_path)]) == 0
    bundle = json.loads(out.read_text(encoding="utf-8"))
    assert bundle["type"] == "bundle"
    assert not validate_instance(bundle, ValidationOptions(version="2.1")).errors
    assert "exported" in capsys.readouterr().err


def test_cli_export_actor_csv_zip(store_path, rows, tmp_path):
    name = next(a["name"] for a in rows["actors"] if a["type"] == "PERSON" and a["named"])
    out = tmp_path / "actor.zip"
    assert main(["export", "-f", "csv", "-o", str(out), "--db", str(store_path), "--actor", name]) == 0
    with zipfile.ZipFile(out) as zf:
        assert name in zf.read("actors.csv").decode("utf-8")


def test_cli_export_unknown_actor_fails_with_one_line(store_path, tmp_path, capsys):
    code = main(["export", "-f", "jsonl", "-o", str(tmp_path / "x.jsonl"), "--db", str(store_path),
                 "--actor", "Nobody Zyxwvutsrq"])
    err = capsys.readouterr().err.strip()
    assert code != 0 and len(err.splitlines()) == 1 and "Nobody Zyxwvutsrq" in err
    assert not (tmp_path / "x.jsonl").exists()


def test_cli_export_unknown_format_fails_with_one_line(store_path, tmp_path):
    out = tmp_path / "out.xml"
    proc = subprocess.run([sys.executable, "-m", "claimgraph", "export", "--format", "xml", "-o", str(out),
                           "--db", str(store_path)], capture_output=True, text=True, timeout=120)
    assert proc.returncode != 0
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and "xml" in lines[0] and "stix" in lines[0] and "jsonl" in lines[0]
    assert not out.exists()
