"""``jsonl``: one JSON object a line, as CONTRACT.md's knowledge-base section describes.

Rows come in the order actors, events, claims, relations, documents; each carries
``"kind"`` (``actor``, ``event``, ``claim``, ``relation``, ``document``).
"""

from __future__ import annotations

import json
from typing import Any

from . import register
from .output import text_output
from .selection import Selection

_ORDER = ("actors", "events", "claims", "relations", "documents")


def dumps(row: dict[str, Any]) -> str:
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"), default=str)


@register("jsonl", suffix=".jsonl", media_type="application/x-ndjson",
          description="one JSON object a line: actors, events, claims, relations, documents")
def export_jsonl(selection: Selection, target: Any) -> dict[str, int]:
    counts = dict.fromkeys(_ORDER, 0)
    with text_output(target) as out:
        for kind in _ORDER:
            for row in getattr(selection, kind)():
                out.write(dumps(row))
                out.write("\n")
                counts[kind] += 1
    return counts
