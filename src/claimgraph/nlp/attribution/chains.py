"""Source links of attribution chains: who a source mention is, and what kind of source.

A chain runs from the publisher outward: ``[publisher, outer source, ..., origin]``.
This module turns one source mention (a token range of the parse) into a
:class:`~claimgraph.models.ChainLink`:

* ``entity``: the entity id of the mention's head token from ``scratch["token_entity"]``
  (or, before the entities step fills it, from the entities' mention offsets), looking at
  the head, its name parts and a same-role sibling ("The American newspaper The
  Washington Post"). A description that points back at a news outlet ("the newspaper",
  "the paper", "the agency", "the outlet") resolves to the most recent entity mentioned
  before it whose name looks like an outlet.
* ``kind``: ``person`` / ``outlet`` / ``government`` / ``organization`` from the entity type
  and name (government words are checked before outlet words, so "National Security
  Agency" is government and "Anadolu Agency" an outlet); unnamed groups and unnamed
  officials ("sources", "officials", "a source close to ...") are ``anonymous``.
* ``name``: the entity's canonical name when resolved, else the mention text.
"""

from __future__ import annotations

import re
from bisect import bisect_right

from spacy.tokens import Doc as SpacyDoc
from spacy.tokens import Token

from ...models import ChainLink, Document, Entity
from ..quotemarks import QuotedTokens
from .cues import Range
from .link_words import (
    ANONYMOUS_NOUNS,
    GOVERNMENT_NOUNS,
    GOVERNMENT_RE,
    OUTLET_ANAPHORS,
    OUTLET_NOUNS,
    OUTLET_RE,
    PERSON_NOUNS,
)

_NAME_DEPS = frozenset({"compound", "appos", "flat", "nmod", "poss"})
_LETTERS = re.compile(r"[^a-z0-9]+")
_BREAK = re.compile(r"\n\s*")


def token_entities(doc: Document, sdoc: SpacyDoc) -> dict[int, str]:
    """Token index -> entity id: the entities step's map, else built from mention offsets."""
    tok_ent = doc.scratch.get("token_entity")
    if tok_ent:
        return tok_ent
    out: dict[int, str] = {}
    for ent in doc.entities:
        for m in ent.mentions:
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is not None:
                for t in span:
                    out.setdefault(t.i, ent.id)
    doc.scratch["token_entity"] = out
    return out


def _norm(name: str) -> str:
    return _LETTERS.sub("", name.lower())


def publisher_link(doc: Document) -> ChainLink:
    """The first link of every chain: the publisher, with its entity when it is mentioned."""
    name = doc.info.publisher or "unknown"
    key = _norm(name)
    entity = None
    if key and doc.info.publisher:
        for e in doc.entities:
            names = [e.name, *e.aliases]
            if any(_norm(n) == key or (len(key) > 3 and _norm(n).startswith(key)) for n in names):
                entity = e.id
                break
    return ChainLink(name=name, kind="publisher", entity=entity)


def _outlet_key(name: str) -> str:
    name = re.sub(r"^(?:the\s+|www\.)", "", name.strip().lower())  # not "thehill.com"
    name = re.sub(r"\.(?:com|org|net|co\.uk|co|news)$", "", name)
    return _norm(name)


def is_publisher(name: str, publisher: str | None) -> bool:
    """Whether a source name is the publisher itself, by another form of its name: "Fox
    News" or "FoxNews.com" in a foxnews.com article, "The New York Times" in nytimes.com's,
    "HuffPost" in huffingtonpost.com's. The guideline adds no link for the outlet's own
    network ("in an interview with Fox News" on foxnews.com)."""
    if not publisher:
        return False
    pub, key = _outlet_key(publisher), _outlet_key(name)
    if len(pub) < 4 or len(key) < 4:
        return False
    if _norm(name) == pub:
        return True  # "The Hill" in thehill.com's article
    if key == pub or (min(len(key), len(pub)) >= 6 and (key.startswith(pub) or pub.startswith(key))):
        return True
    words = [w for w in re.split(r"[^a-z0-9]+", re.sub(r"^the\s+", "", name.strip().lower())) if w]
    if len(words) >= 2 and "".join(w[0] for w in words[:-1]) + words[-1] == pub:
        return True  # "The New York Times" -> "nytimes"
    return len(key) >= 6 and key[:4] == pub[:4] and key[-4:] == pub[-4:]  # "HuffPost"


def is_outlet_name(name: str) -> bool:
    return bool(OUTLET_RE.search(name)) and not GOVERNMENT_RE.search(name)


class OutletIndex:
    """Where outlets are mentioned, to resolve "the newspaper" to the latest one before it;
    and the words of every entity's names, to resolve a bare surname ("Segal") that the
    entities step left unlinked; and where people are mentioned, to resolve "he"/"she" to
    the last person named before it when the entities step gave no antecedent (outside a
    quotation, a person named inside one does not count: in "“Pompeo met with Kim,” he
    tweeted" neither is the speaker)."""

    def __init__(self, entities: list[Entity], quoted: QuotedTokens | None = None) -> None:
        marks: list[tuple[int, str]] = []
        self._words: dict[str, str | None] = {}
        for e in entities:
            if e.named and e.type in ("PERSON", "ORG"):
                for n in {e.name, *e.aliases}:
                    for w in n.split():
                        if w[:1].isupper() and len(w) > 2:
                            # a word shared by two entities is ambiguous: map it to None
                            prev = self._words.setdefault(w, e.id)
                            if prev != e.id:
                                self._words[w] = None
            if e.type == "ORG" and is_outlet_name(e.name):
                marks.extend((m.start, e.id) for m in e.mentions)
        marks.sort()
        self._starts = [s for s, _ in marks]
        self._ids = [i for _, i in marks]
        people = sorted((m.start, e.id) for e in entities if e.type == "PERSON" for m in e.mentions)
        self._p_starts = [s for s, _ in people]
        self._p_ids = [i for _, i in people]
        self._quoted = quoted

    def by_word(self, word: str) -> str | None:
        return self._words.get(word)

    def person_before(self, char: int) -> str | None:
        """The person mentioned last before ``char`` ("he said" with no coreference), not
        inside a quotation unless ``char`` is inside the same one."""
        k = bisect_right(self._p_starts, char - 1)
        if self._quoted is None:
            return self._p_ids[k - 1] if k else None
        here = self._quoted.quote_at(char)
        while k:
            q = self._quoted.quote_at(self._p_starts[k - 1])
            if q is None or q == here:
                return self._p_ids[k - 1]
            k -= 1
        return None

    def before(self, char: int) -> str | None:
        k = bisect_right(self._starts, char - 1)
        return self._ids[k - 1] if k else None


def _resolve(head: Token, rng: Range, tok_ent: dict[int, str], outlets: OutletIndex) -> str | None:
    cands = [head, *[c for c in head.children if c.dep_ in _NAME_DEPS and rng[0] <= c.i < rng[1]]]
    cands += [t for t in head.doc[rng[0]:rng[1]] if t.dep_ == head.dep_ and t.head.i == head.head.i and t.i != head.i]
    for t in cands:
        if t.i in tok_ent:
            # prefer a proper name over a description when both resolve
            if t.i == head.i and t.pos_ != "PROPN" and any(c.i in tok_ent and c.pos_ == "PROPN" for c in cands[1:]):
                continue
            return tok_ent[t.i]
    for t in cands[1:]:
        if t.i in tok_ent:
            return tok_ent[t.i]
    if head.lemma_.lower() in OUTLET_ANAPHORS and any(c.lower_ in ("the", "this", "that") for c in head.children):
        return outlets.before(head.idx)
    if head.pos_ == "PROPN":
        return outlets.by_word(head.text)
    if head.lower_ in ("he", "she"):
        return outlets.person_before(head.idx)
    return None


def _kind(head: Token, entity: Entity | None, text: str) -> str:
    if entity is not None:
        if entity.type == "PERSON":
            return "person"
        if entity.type == "GPE":
            return "government"
        if entity.type == "ORG":
            if GOVERNMENT_RE.search(entity.name):
                return "government"
            return "outlet" if OUTLET_RE.search(entity.name) else "organization"
    lemma = head.lemma_.lower()
    low = head.lower_
    if lemma in OUTLET_NOUNS and not GOVERNMENT_RE.search(text):
        return "outlet"
    if low in ANONYMOUS_NOUNS or lemma in ANONYMOUS_NOUNS:
        return "anonymous"
    if lemma in GOVERNMENT_NOUNS or low in GOVERNMENT_NOUNS:
        return "government"
    if lemma in PERSON_NOUNS or low in ("he", "she", "i") or head.ent_type_ == "PERSON":
        return "person"
    if head.ent_type_ in ("ORG", "GPE") or head.pos_ == "PROPN":
        if GOVERNMENT_RE.search(text) or head.ent_type_ == "GPE":
            return "government"
        return "outlet" if OUTLET_RE.search(text) else "organization"
    return "anonymous"


def source_link(
    doc: Document,
    sdoc: SpacyDoc,
    rng: Range,
    head_i: int,
    tok_ent: dict[int, str],
    outlets: OutletIndex,
) -> ChainLink:
    """The chain link for the source mention ``rng`` (head token ``head_i``).

    A relative pronoun ("officials, who said ...") stands for its antecedent: the link keeps
    the pronoun as its span and takes name, entity and kind from the antecedent. An unnamed
    group or an unnamed individual ("several lawmakers", "U.S. officials", "a Kaine
    spokesman", "a senior official") is ``anonymous``, whatever names qualify it."""
    head = sdoc[head_i]
    while rng[1] - rng[0] > 1 and sdoc[rng[1] - 1].is_punct and rng[1] - 1 != head_i:
        rng = (rng[0], rng[1] - 1)
    start, end = sdoc[rng[0]].idx, sdoc[rng[1] - 1].idx + len(sdoc[rng[1] - 1])
    span = doc.span(start, end)
    text = span.text
    ante = _antecedent(head)
    if ante is not None:
        head, rng = ante, (ante.left_edge.i, ante.i + 1)
        text = sdoc[rng[0] : rng[1]].text
    author = _author(head, tok_ent, outlets)
    if author is not None:  # "His comments", "a report by BuzzFeed News": whoever made them
        entity = doc.entity(author)
        if entity is not None and entity.named:
            return ChainLink(name=entity.name, kind=_kind(head, entity, entity.name), entity=author, span=span)
    if _unnamed_people(head, tok_ent):
        return ChainLink(name=text, kind="anonymous", entity=None, span=span)
    eid = _resolve(head, rng, tok_ent, outlets)
    entity = doc.entity(eid)
    name = entity.name if entity is not None and entity.named else text
    return ChainLink(name=name, kind=_kind(head, entity, text), entity=eid, span=span)


#: Nouns of what someone said or wrote: as a source they stand for their author when the
#: text names one ("His comments echoed ...", "a report by BuzzFeed News", "Mr. Kim's
#: statement said"); without one ("the indictment says") they stay the source.
_SAYING_NOUNS = frozenset({"statement", "comment", "remark", "report", "letter", "tweet", "post",
                           "interview", "announcement", "speech", "memo", "message", "testimony",
                           "op-ed", "column", "article", "story", "posting", "release", "address"})


def _author(head: Token, tok_ent: dict[int, str], outlets: OutletIndex) -> str | None:
    """The entity that made the statement, report or comments ``head`` names, or None."""
    if head.pos_ != "NOUN" or head.lemma_.lower() not in _SAYING_NOUNS:
        return None
    for c in head.children:
        if c.dep_ == "poss":
            if c.i in tok_ent:
                return tok_ent[c.i]
            if c.lower_ in ("his", "her"):
                return outlets.person_before(c.idx)
        elif c.dep_ == "prep" and c.lower_ in ("by", "from"):
            obj = next((g for g in c.children if g.dep_ == "pobj"), None)
            if obj is not None and obj.i in tok_ent:
                return tok_ent[obj.i]
        elif c.dep_ == "compound" and c.i in tok_ent:
            return tok_ent[c.i]
    return None


_RELATIVE = frozenset({"who", "which", "that", "whom"})
_INDEFINITE = frozenset("a an one several some many two three four five few numerous various".split())


def _antecedent(head: Token) -> Token | None:
    """The noun a relative pronoun subject stands for ("X, who said": X), or None."""
    if head.lower_ not in _RELATIVE or head.head.dep_ != "relcl":
        return None
    ante = head.head.head
    return ante if ante.i != head.head.i and ante.pos_ in ("NOUN", "PROPN", "PRON") else None


def _unnamed_people(head: Token, tok_ent: dict[int, str]) -> bool:
    """An unnamed group or individual: a common noun of people, plural or indefinite."""
    if head.pos_ != "NOUN" or head.i in tok_ent:
        return False
    lemma = head.lemma_.lower()
    if lemma not in ANONYMOUS_NOUNS and lemma not in PERSON_NOUNS and head.lower_ not in ANONYMOUS_NOUNS:
        return False
    plural = head.tag_ == "NNS"
    indefinite = any(c.dep_ in ("det", "nummod", "amod") and c.lower_ in _INDEFINITE for c in head.children)
    return plural or indefinite


#: Wire agencies as datelines and copyright lines name them.
_AGENCIES = r"Reuters|AP|AFP|The Associated Press|Associated Press|Bloomberg|UPI|dpa|Xinhua|Agence France-Presse"
#: "TEL AVIV (Reuters) -", "WASHINGTON (AP) —": a dateline at the start of a line.
_WIRE_DATELINE = re.compile(r"(?m)^[^\S\n]*[A-Z][A-Za-z.,' /-]{1,50}?[^\S\n]*\((" + _AGENCIES + r")\)[^\S\n]*[-—–]")
#: "Copyright 2016 The Associated Press. All rights reserved." / "© 2016 Reuters"
_WIRE_COPYRIGHT = re.compile(r"(?:Copyright|©)[^\S\n]*(?:\d{4}[^\S\n]*)?(" + _AGENCIES + r")\b")


def wire_link(doc: Document) -> ChainLink | None:
    """The agency of republished wire copy, shown by the text itself (a "(Reuters)" dateline
    or an agency copyright line): the second link of every chain of the article. None when
    the publisher is that agency."""
    m = _WIRE_DATELINE.search(doc.text) or _WIRE_COPYRIGHT.search(doc.text)
    if m is None:
        return None
    name = m.group(1)
    key = _norm(name)
    pub = _norm(doc.info.publisher or "")
    if pub and (key in pub or pub in key):
        return None
    entity = next((e.id for e in doc.entities if any(_norm(n) == key for n in [e.name, *e.aliases])), None)
    return ChainLink(name=name, kind="outlet", entity=entity)


def unnamed_link() -> ChainLink:
    """The link for content attributed without a source ("it was reported that ...")."""
    return ChainLink(name="unnamed source", kind="anonymous", entity=None)


def paragraph_starts(text: str) -> list[int]:
    """Character offsets where paragraphs (blocks separated by a line break) begin."""
    starts = [0]
    for m in _BREAK.finditer(text):
        starts.append(m.end())
    return starts


def paragraph_of(starts: list[int], char: int) -> int:
    return bisect_right(starts, char) - 1
