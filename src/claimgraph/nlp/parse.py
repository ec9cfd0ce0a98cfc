"""The ``parse`` step: spaCy tokenisation, tagging, parsing and NER, batched.

Runs the shared model through ``nlp.pipe`` over whole batches. Text without case
information (all lower- or upper-case wire copy, as in MUC-4) is first restored to
likely casing by :mod:`claimgraph.nlp.entities.truecase`; truecasing never changes the length, so
every character offset into the parse is an offset into ``document.text``. In a run of
several batches the next batch is parsed in a child process (:mod:`.parse_worker`) while
the other steps run on this one.
"""

from __future__ import annotations

from ..config import Settings
from ..models import Document
from ..pipeline import step
from .model import load_nlp
from .parse_worker import PARSE_CHUNK, ParseWorker, parse_texts


def _worker(settings: Settings) -> ParseWorker:
    return ParseWorker(verify_model=settings.verify_model)


def _parse_batch(docs: list[Document], settings: Settings) -> list[Document]:
    nlp = load_nlp(verify=settings.verify_model)
    texts = parse_texts(docs)
    for d, sdoc in zip(docs, nlp.pipe(texts, batch_size=PARSE_CHUNK), strict=True):
        d.scratch["sdoc"] = sdoc
    return docs


@step("parse", assigns=("sdoc",), batch=_parse_batch, worker=_worker)
def parse(doc: Document) -> Document:
    """Parse one document with spaCy (the batch function is used inside pipelines)."""
    from ..config import load_settings

    return _parse_batch([doc], load_settings())[0]
