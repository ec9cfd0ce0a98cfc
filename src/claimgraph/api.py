"""The library's public calls: analyze text or inputs, ingest into the store."""

from __future__ import annotations

from collections import deque
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
    # every input in order, failed reads included; the documents stream through the pipeline
    # (which parses the next batch while the steps run on this one)
    waiting: deque[Outcome] = deque()

    def documents() -> Iterator[Document]:
        for item in read_inputs(inputs, settings):
            if isinstance(item, InputError):
                waiting.append(Outcome(source=item.source, error=item))
            else:
                doc = Document(info=item)
                waiting.append(Outcome(source=item.source, document=doc))
                yield doc

    for doc, error in pipeline.pipe_outcomes(documents(), batch_size=settings.batch_size):
        while waiting[0].document is not doc:
            yield waiting.popleft()  # inputs that failed to read before this one
        done = waiting.popleft()
        if error is not None:
            done.document, done.error = None, error
        yield done
    yield from waiting
