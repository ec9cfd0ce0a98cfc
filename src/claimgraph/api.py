"""The library's public calls: analyze text or inputs, ingest into the store."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from .config import Settings, load_settings
from .errors import InputError
from .ingest import make_info, read_inputs
from .models import Document
from .pipeline import Pipeline

_pipelines: dict[int, Pipeline] = {}


def get_pipeline(settings: Settings | None = None) -> Pipeline:
    """A pipeline with the default steps (built once per settings object)."""
    settings = settings or load_settings()
    key = id(settings)
    if key not in _pipelines:
        _pipelines[key] = Pipeline(settings=settings)
    return _pipelines[key]


@dataclass(slots=True)
class Outcome:
    """What became of one input: a document, or the error that names it."""

    source: str
    document: Document | None = None
    error: InputError | None = None

    @property
    def ok(self) -> bool:
        return self.error is None


def analyze(
    text: str,
    *,
    source: str = "<text>",
    published: str | None = None,
    url: str | None = None,
    publisher: str | None = None,
    headline: str | None = None,
    authors: list[str] | None = None,
    settings: Settings | None = None,
) -> Document:
    """Analyze one body text and return its document record.

    >>> rec = analyze("Police arrested two men in Baku on Saturday.", published="2025-04-07")
    >>> rec.to_dict()["schema"]
    'claimgraph.document/1'
    """
    info = make_info(
        text,
        source,
        url=url,
        publisher=publisher,
        headline=headline,
        authors=authors,
        published=published,
    )
    if not info.text.strip():
        from .errors import EmptyInputError

        raise EmptyInputError(source, "the text is empty; give an article body to analyze")
    return get_pipeline(settings)(Document(info=info))


def analyze_inputs(
    inputs: Iterable[str], *, settings: Settings | None = None, **overrides: Any
) -> Iterator[Outcome]:
    """Analyze files, directories, URLs, feeds or ``-``; one :class:`Outcome` per document, in order."""
    settings = settings or load_settings(**overrides)
    pipeline = get_pipeline(settings)
    pending: list[Outcome] = []

    def flush() -> Iterator[Outcome]:
        docs = [o.document for o in pending if o.document is not None]
        done = iter(pipeline.pipe_outcomes(docs, batch_size=len(docs) or 1))
        for o in pending:
            if o.document is not None:
                doc, error = next(done)
                if error is not None:
                    o.document, o.error = None, error
                else:
                    o.document = doc
            yield o
        pending.clear()

    for item in read_inputs(inputs, settings):
        if isinstance(item, InputError):
            pending.append(Outcome(source=item.source, error=item))
        else:
            pending.append(Outcome(source=item.source, document=Document(info=item)))
        if len(pending) >= settings.batch_size:
            yield from flush()
    yield from flush()
