"""The ``events`` step (first pass: none)."""

from __future__ import annotations

from ..models import Document
from ..pipeline import step


@step("events", requires=("sdoc", "entities", "claims"), assigns=("events",))
def events(doc: Document) -> Document:
    """Find events, their participants, place, time and amount."""
    return doc
