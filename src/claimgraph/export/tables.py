"""``csv``: one CSV file per table, into a directory or a ``.zip``.

Tables: ``actors``, ``events``, ``claims``, ``relations``, ``documents``,
``event_participants`` (event, role, actor) and ``event_sources`` (one row per source
chain of an event). Lists and objects are JSON-encoded in their cell; ``None`` is an
empty cell; booleans are ``true``/``false``. Files are UTF-8 with a header row.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO

from . import register
from .output import binary_output, is_path, text_output
from .selection import Selection, chain_text, participant_actor

Row = dict[str, Any]
Getter = Callable[[Row], Any]


def _get(*path: str) -> Getter:
    def get(row: Row) -> Any:
        value: Any = row
        for key in path:
            if not isinstance(value, dict):
                return None
            value = value.get(key)
        return value

    return get


def _count(key: str) -> Getter:
    return lambda row: len(row.get(key) or [])


ACTOR_COLUMNS: dict[str, Getter] = {
    "id": _get("id"), "type": _get("type"), "name": _get("name"), "named": _get("named"),
    "aliases": _get("aliases"), "roles": _get("roles"),
    "geonames_id": _get("geo", "geonames_id"), "country_code": _get("geo", "country_code"),
    "feature": _get("geo", "feature"), "lat": _get("geo", "lat"), "lon": _get("geo", "lon"),
    "mention_count": _count("mentions"),
    "documents": lambda r: sorted({m.get("document") for m in r.get("mentions") or [] if m.get("document")}),
    "mentions": _get("mentions"),
}
EVENT_COLUMNS: dict[str, Getter] = {
    "id": _get("id"), "type": _get("type"), "mode": _get("mode"), "status": _get("status"),
    "contested": _get("contested"), "location": _get("location"),
    "time_text": _get("time", "text"), "time_start": _get("time", "start"), "time_end": _get("time", "end"),
    "amount_text": _get("amount", "text"), "amount_value": _get("amount", "value"),
    "amount_currency": _get("amount", "currency"),
    "independent_sources": _get("independent_sources"), "source_count": _count("sources"),
    "trigger": lambda r: next((m.get("trigger", {}).get("text") for m in r.get("mentions") or []), None),
    "claims": _get("claims"), "mentions": _get("mentions"),
}
CLAIM_COLUMNS: dict[str, Getter] = {
    "id": _get("id"), "document": _get("document"),
    "claim_kind": lambda r: r.get("claim_kind") or r.get("kind_of_claim"),
    "chain_text": lambda r: chain_text(r.get("chain") or []), "chain": _get("chain"),
    "cue": _get("cue", "text"), "hedges": _get("hedges"),
    "evidence": _get("evidence", "text"), "evidence_start": _get("evidence", "start"),
    "evidence_end": _get("evidence", "end"),
}
RELATION_COLUMNS: dict[str, Getter] = {
    "subject": _get("subject"), "type": _get("type"), "object": _get("object"),
    "count": _get("count"), "claims": _get("claims"),
}
DOCUMENT_COLUMNS: dict[str, Getter] = {
    name: _get(name) for name in ("id", "source", "url", "publisher", "headline", "authors", "published", "language", "text")
}
PARTICIPANT_COLUMNS = ("event", "role", "actor")
SOURCE_COLUMNS = ("event", "index", "chain_text", "origin", "origin_kind", "length", "chain")


def cell(value: Any) -> str:
    """One CSV cell: JSON for lists/objects, ``true``/``false``, empty for None."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return str(value)


def _rows(columns: dict[str, Getter], rows: Iterator[Row]) -> Iterator[list[str]]:
    yield list(columns)
    for row in rows:
        yield [cell(get(row)) for get in columns.values()]


def _participant_rows(events: list[Row]) -> Iterator[list[str]]:
    yield list(PARTICIPANT_COLUMNS)
    for ev in events:
        for p in ev.get("participants") or []:
            yield [cell(ev.get("id")), cell(p.get("role")), cell(participant_actor(p))]


def _source_rows(events: list[Row]) -> Iterator[list[str]]:
    yield list(SOURCE_COLUMNS)
    for ev in events:
        for i, chain in enumerate(ev.get("sources") or []):
            last = chain[-1] if chain else {}
            yield [cell(ev.get("id")), str(i), chain_text(chain), cell(last.get("name")),
                   cell(last.get("kind")), str(len(chain)), cell(chain)]


def tables(selection: Selection) -> Iterator[tuple[str, Iterator[list[str]]]]:
    """``(file name, rows)`` for every table, header row first."""
    events = list(selection.events())
    yield "actors.csv", _rows(ACTOR_COLUMNS, selection.actors())
    yield "events.csv", _rows(EVENT_COLUMNS, iter(events))
    yield "event_participants.csv", _participant_rows(events)
    yield "event_sources.csv", _source_rows(events)
    yield "claims.csv", _rows(CLAIM_COLUMNS, selection.claims())
    yield "relations.csv", _rows(RELATION_COLUMNS, selection.relations())
    yield "documents.csv", _rows(DOCUMENT_COLUMNS, selection.documents())


def _write_csv(fh: TextIO, rows: Iterator[list[str]]) -> int:
    writer = csv.writer(fh, lineterminator="\n")
    n = -1
    for n, row in enumerate(rows):  # noqa: B007
        writer.writerow(row)
    return max(n, 0)


@register("csv", suffix=".zip", media_type="application/zip",
          description="one CSV file per table, into a directory (or a .zip when PATH ends with .zip)")
def export_csv(selection: Selection, target: Any) -> dict[str, int]:
    if is_path(target) and not str(target).lower().endswith(".zip"):
        return _to_directory(selection, Path(target))
    return _to_zip(selection, target)


def _to_directory(selection: Selection, folder: Path) -> dict[str, int]:
    folder.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for name, rows in tables(selection):
        with text_output(folder / name, newline="") as fh:
            counts[name.removesuffix(".csv")] = _write_csv(fh, rows)
    return counts


def _to_zip(selection: Selection, target: Any) -> dict[str, int]:
    counts: dict[str, int] = {}
    with binary_output(target) as raw, zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, rows in tables(selection):
            with zf.open(name, "w") as member, io.TextIOWrapper(member, encoding="utf-8", newline="") as fh:
                counts[name.removesuffix(".csv")] = _write_csv(fh, rows)
    return counts
