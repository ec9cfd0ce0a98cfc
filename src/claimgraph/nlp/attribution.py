"""The ``attribution`` and ``quotes`` steps (first pass: one reported claim per sentence)."""

from __future__ import annotations

from ..models import ChainLink, Claim, Document
from ..pipeline import step


@step("attribution", requires=("sdoc", "entities"), assigns=("claims",))
def attribution(doc: Document) -> Document:
    """Group content into claims with their source chains."""
    publisher = doc.info.publisher or "unknown publisher"
    for i, sent in enumerate(doc.scratch["sdoc"].sents):
        doc.claims.append(
            Claim(
                id=f"c{i + 1}",
                kind="reported",
                chain=[ChainLink(publisher, "publisher")],
                evidence=doc.span(sent.start_char, sent.end_char),
            )
        )
    return doc


@step("quotes", requires=("claims",), assigns=("quotes",))
def quotes(doc: Document) -> Document:
    """Find direct quotes and their speakers."""
    return doc
