"""Headlines in Title Case, parsed again in sentence case.

spaCy's small English model reads "Obama Sees 'Personal Insult' if Blacks Don't Rally for
Hillary Clinton" as a run of proper nouns, so no verb is there to be a cue. A headline line
whose words are nearly all capitalised is lower-cased, given back the case of its names by
the truecaser (:mod:`claimgraph.nlp.entities.truecase`: "Obama sees 'personal insult' if
Blacks don't rally for Hillary Clinton") and the names spaCy found in it, and parsed alone.
The text keeps its length and its offsets (it is padded with the spaces before it), so the
relations found on that parse move onto the body's tokens by character offsets
(:func:`move_relation`).
"""

from __future__ import annotations

from dataclasses import replace

from spacy.tokens import Doc, Span

from .cues import Found, Range

#: Share of a line's longer words (four letters or more, outside names) that must be capitalised.
TITLE_SHARE = 0.8
_MIN_WORDS = 2
_NAMES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


def is_title_case(unit: Span) -> bool:
    """Are (nearly) all of the unit's longer words outside names capitalised, as in a Title
    Case headline ("Obama Sees 'Personal Insult' if Blacks Don't Rally"), not only its names
    ("Senator Bernie Sanders spoke in Iowa")?"""
    words = [t for t in unit if t.is_alpha and len(t) > 3 and not t.ent_type_]
    if len(words) < _MIN_WORDS:
        return False
    return sum(t.text[0].isupper() for t in words) >= TITLE_SHARE * len(words) and not all(t.is_upper for t in words)


def sentence_case(unit: Span) -> str:
    """The unit's text in sentence case: lower case, then the truecaser's names, then the case
    of the tokens spaCy tagged as names in the Title Case parse."""
    from ..entities.truecase import truecase

    text = unit.doc.text
    start = unit.start_char
    chars = list(truecase(text[start : unit.end_char].lower()))
    for t in unit:
        if t.ent_type_ in _NAMES and t.pos_ == "PROPN":
            a = t.idx - start
            chars[a : a + len(t.text)] = list(t.text)
    return "".join(chars)


def headline_parse(unit: Span) -> Span | None:
    """The Title Case headline ``unit`` parsed again in sentence case (a span of a new doc
    whose character offsets are the body's), or None when the unit is no such headline."""
    if not is_title_case(unit):
        return None
    from ...config import load_settings
    from ..model import load_nlp

    nlp = load_nlp(verify=load_settings().verify_model)
    parsed: Doc = nlp(" " * unit.start_char + sentence_case(unit))
    return parsed.char_span(unit.start_char, unit.end_char, alignment_mode="expand")


def move_relation(rel: Found, src: Doc, dst: Doc) -> Found | None:
    """``rel`` (token ranges of ``src``) with the ranges of the same characters in ``dst``;
    None when a range has no counterpart."""

    def rng(r: Range | None) -> Range | None:
        if r is None:
            return None
        last = src[r[1] - 1]
        span = dst.char_span(src[r[0]].idx, last.idx + len(last.text), alignment_mode="expand")
        return (span.start, span.end) if span is not None else None

    def tok(i: int | None) -> int | None:
        got = rng((i, i + 1)) if i is not None else None
        return got[0] if got is not None else None

    cue, content = rng(rel.cue), rng(rel.content)
    if cue is None or content is None:
        return None
    cited = []
    for c, s, h in rel.cited_by:
        cr, sr, hi = rng(c), rng(s), tok(h)
        if cr is None or sr is None or hi is None:
            return None
        cited.append((cr, sr, hi))
    extra = [e for e in (rng(x) for x in rel.extra) if e is not None]
    source = rng(rel.source)
    head = tok(rel.source_head) if source is not None else None
    return replace(rel, cue=cue, content=content, source=source if head is not None else None,
                   source_head=head, cited_by=cited, extra=extra, core=rng(rel.core), lead=rng(rel.lead))


__all__ = ["headline_parse", "is_title_case", "move_relation", "sentence_case"]
