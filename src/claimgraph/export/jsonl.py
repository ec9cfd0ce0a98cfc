"""``jsonl``: one JSON object a line, as CONTRACT.md's knowledge-base section describes.

Rows come in the order actors, events, claims, relations, documents, stories; each carries
``"kind"`` (``actor``, ``event``, ``claim``, ``relation``, ``document``, ``story``). A story row
is ``{"kind": "story", "id", "title", "documents", "events", "publishers", "first_published",
"independent_sources", "credibility"}`` (credibility: the Admiralty grade 1-6, or null where no
grade is computed); exporting a view keeps the stories of its documents, with their document
and event lists cut to the view. An event row carries, beside the contract's fields, its
status across reports (``status``, ``contested``, ``status_across_reports`` with each report's
status and source), its ``corroboration`` (origins, first report, copies, relays,
contradictions) and its Admiralty ``credibility`` (1-6) with ``credibility_label`` and
``credibility_reasons`` (docs/credibility.md).
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from . import register
from .output import text_output
from .selection import Selection

_ORDER = ("actors", "events", "claims", "relations", "documents", "stories")


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str)


@register("jsonl", suffix=".jsonl", media_type="application/x-ndjson",
          description="one JSON object a line: actors, events, claims, relations, documents, stories")
def export_jsonl(selection: Selection, target: Any) -> dict[str, int]:
    counts = dict.fromkeys(_ORDER, 0)
    with text_output(target) as out:
        for kind in _ORDER:
            for row in (_stories(selection) if kind == "stories" else getattr(selection, kind)()):
                out.write(dumps(row))
                out.write("\n")
                counts[kind] += 1
    return counts


def _stories(selection: Selection) -> Iterator[dict[str, Any]]:
    """Story rows: every story, or those of a view's documents (lists cut to the view)."""
    source = selection.kb.iter_stories
    if selection.view is None:
        yield from source()
        return
    snap = selection.load()
    docs, events = set(snap.document), set(snap.event)
    for row in source():
        kept = [d for d in row["documents"] if d in docs]
        if kept:
            yield {**row, "documents": kept, "events": [e for e in row["events"] if e in events]}
