"""The ``parse`` step: spaCy tokenisation, tagging, parsing and NER, batched.

Runs the shared model through ``nlp.pipe`` over whole batches. Text without case
information (all lower- or upper-case wire copy, as in MUC-4) is first restored to
likely casing by :mod:`claimgraph.nlp.entities.truecase`; truecasing never changes the length, so
every character offset into the parse is an offset into ``document.text``.
"""

from __future__ import annotations

from ..config import Settings
from ..models import Document
from ..pipeline import step
from .model import load_nlp


def _parse_batch(docs: list[Document], settings: Settings) -> list[Document]:
    from .entities.truecase import needs_truecasing, truecase

    nlp = load_nlp(verify=settings.verify_model)
    texts = []
    for d in docs:
        t = d.text
        if needs_truecasing(t):
            t = truecase(t)
            d.scratch["truecased"] = True
        d.scratch["parse_text"] = t
        texts.append(t)
    for d, sdoc in zip(docs, nlp.pipe(texts, batch_size=max(1, len(texts))), strict=True):
        d.scratch["sdoc"] = sdoc
    return docs


@step("parse", assigns=("sdoc",), batch=_parse_batch)
def parse(doc: Document) -> Document:
    """Parse one document with spaCy (the batch function is used inside pipelines)."""
    from ..config import load_settings

    return _parse_batch([doc], load_settings())[0]
