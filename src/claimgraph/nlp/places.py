"""The ``places`` step (first pass: no resolution yet)."""

from __future__ import annotations

from ..models import Document
from ..pipeline import step


@step("places", requires=("entities",), assigns=("geo",))
def places(doc: Document) -> Document:
    """Resolve places to GeoNames records."""
    return doc
