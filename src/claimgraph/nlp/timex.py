"""The ``times`` step (first pass: no TIMEX3 values yet)."""

from __future__ import annotations

from ..models import Document
from ..pipeline import step


@step("times", requires=("sdoc",), assigns=("times",))
def times(doc: Document) -> Document:
    """Find temporal expressions and resolve their TIMEX3 values."""
    return doc
