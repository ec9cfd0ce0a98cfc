"""The ``relations`` step (first pass: none)."""

from __future__ import annotations

from ..models import Document
from ..pipeline import step


@step("relations", requires=("entities", "claims"), assigns=("relations",))
def relations(doc: Document) -> Document:
    """Find relations stated between entities."""
    return doc
