"""The ``status`` step (first pass: every event unknown)."""

from __future__ import annotations

from ..models import Document
from ..pipeline import step


@step("status", requires=("events",), assigns=("status",))
def status(doc: Document) -> Document:
    """Decide whether each event occurred, was planned, foiled ..."""
    return doc
