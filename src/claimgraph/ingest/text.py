"""Making a :class:`DocumentInfo` from body text and metadata."""

from __future__ import annotations

import hashlib
from typing import TypedDict

from ..models import DocumentInfo


class SourceMeta(TypedDict):
    """The metadata an input format gives beside the body, as :func:`make_info` takes it."""

    url: str | None
    publisher: str | None
    headline: str | None
    authors: list[str]


def normalise_body(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def document_id(text: str) -> str:
    """The document id: sha256 hex of the cleaned body text (UTF-8)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def make_info(
    text: str,
    source: str,
    *,
    url: str | None = None,
    publisher: str | None = None,
    headline: str | None = None,
    authors: list[str] | None = None,
    published: str | None = None,
    language: str | None = "en",
) -> DocumentInfo:
    text = normalise_body(text)
    return DocumentInfo(
        id=document_id(text),
        source=source,
        text=text,
        url=url,
        publisher=publisher,
        headline=headline,
        authors=list(authors or []),
        published=published,
        language=language,
    )
