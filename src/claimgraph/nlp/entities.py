"""The ``entities`` step (first pass: spaCy NER, merged by exact name)."""

from __future__ import annotations

from ..models import Document, Entity
from ..pipeline import step

KEEP = {"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"}


@step("entities", requires=("sdoc",), assigns=("entities",))
def entities(doc: Document) -> Document:
    """Find named entities and group their mentions."""
    by_key: dict[tuple[str, str], Entity] = {}
    for ent in doc.scratch["sdoc"].ents:
        if ent.label_ not in KEEP:
            continue
        key = (ent.label_, ent.text)
        e = by_key.get(key)
        if e is None:
            e = Entity(id=f"e{len(by_key) + 1}", type=ent.label_, name=ent.text)
            by_key[key] = e
        e.mentions.append(doc.span(ent.start_char, ent.end_char))
    doc.entities = list(by_key.values())
    return doc
