"""The ``csv`` export: one file per table, in a directory or a zip; cells parse back."""

from __future__ import annotations

import csv
import io
import json
import zipfile

from claimgraph.export import export

TABLES = ("actors", "events", "claims", "relations", "documents", "event_participants", "event_sources")


def _read(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text, newline="")))


def _check(tables: dict[str, list[dict[str, str]]], rows: dict[str, list[dict]]) -> None:
    for name in ("actors", "events", "claims", "relations", "documents"):
        assert len(tables[name]) == len(rows[name]), name
    events = {r["id"]: r for r in tables["events"]}
    actors = {r["id"] for r in tables["actors"]}
    assert sum(len(e["participants"]) for e in rows["events"]) == len(tables["event_participants"])
    for p in tables["event_participants"]:
        assert p["event"] in events and p["actor"] in actors
    for row in tables["actors"]:
        mentions = json.loads(row["mentions"])
        assert len(mentions) == int(row["mention_count"])
        assert isinstance(json.loads(row["aliases"]), list)
    for src in tables["event_sources"]:
        chain = json.loads(src["chain"])
        assert src["chain_text"] == " -> ".join(link["name"] for link in chain)
    docs = {d["id"]: d for d in rows["documents"]}
    for d in tables["documents"]:
        assert d["text"] == docs[d["id"]]["text"]
        assert json.loads(d["authors"]) == docs[d["id"]]["authors"]


def test_csv_directory_tables_parse_back(kb, rows, tmp_path):
    out = tmp_path / "tables"
    counts = export(kb, "csv", out)
    assert sorted(p.name for p in out.iterdir()) == sorted(f"{t}.csv" for t in TABLES)
    tables = {t: _read((out / f"{t}.csv").read_text(encoding="utf-8")) for t in TABLES}
    assert counts == {t: len(v) for t, v in tables.items()}
    _check(tables, rows)


def test_csv_zip_holds_the_same_tables(kb, rows, tmp_path):
    path = tmp_path / "tables.zip"
    export(kb, "csv", path)
    with zipfile.ZipFile(path) as zf:
        assert sorted(zf.namelist()) == sorted(f"{t}.csv" for t in TABLES)
        tables = {t: _read(zf.read(f"{t}.csv").decode("utf-8")) for t in TABLES}
    _check(tables, rows)
