"""Participants of events: from parse tokens to entities, named or not.

:class:`EntityResolver` maps a spaCy token (the head of a noun phrase) to the id of an
entity in the document. It uses the ``entities`` step's ``token_entity`` map when there
is one (falling back to the entities' mention offsets), follows appositions
("a local Azerbaijani, Jeyhun Ismailov"), resolves "both"/"they"/"he" to recent person
entities, and creates unnamed entities (``named=False``) for descriptions such as
"unidentified gunmen" (PERSON), "a car bomb" (WEAPON) or "a bus" (VEHICLE).
"""

from __future__ import annotations

import re
from typing import Any

from ....models import Document, Entity
from ...entities.coref import clause_subjects
from ...places.gazetteer import COUNTRY_ALIASES, DEMONYMS, fold, gazetteer
from ...places.toponyms import is_dateline
from .vocabulary import (
    _FIRST_PERSON,
    _FIRST_PLURAL,
    _INDEFINITE_PEOPLE,
    _NAME_DETS_DROP,
    _NOT_PARTICIPANT_ENTS,
    _NOT_PARTICIPANT_NOUNS,
    _OF_GROUP_HEADS,
    _PHRASE_DEPS,
    _PLURAL_PRONOUNS,
    _POSSESSIVE_PRONOUNS,
    _QUANTIFIER_HEADS,
    _REFLEXIVES,
    _RELATIVE_PRONOUNS,
    _SUBJECT_PRONOUNS_PERSON,
    _TITLE_HEADS,
    DESCRIBED_TYPES,
    noun_lemma,
    unnamed_type,
)


def _pobj(prep: Any) -> Any | None:
    """The object of a preposition, or None."""
    for g in prep.children:
        if g.dep_ == "pobj":
            return g
    return None


#: Heads that quantify only after "a": "sent to a host of Democrats", not "the host of the
#: summit" (a person).
_A_QUANTIFIER_HEADS = frozenset({"host", "score", "raft"})


def _quantified(tok: Any) -> Any:
    """``tok``, or the noun after "of" when ``tok`` only quantifies it ("some of them",
    "hundreds of participants", "more than 150 of the migrants")."""
    if tok.lemma_.lower() in _QUANTIFIER_HEADS or tok.lower_ in _QUANTIFIER_HEADS or tok.pos_ == "NUM" or (
            tok.lower_ in _A_QUANTIFIER_HEADS and any(c.dep_ == "det" and c.lower_ == "a" for c in tok.children)):
        inner = _of_object(tok)
        if inner is not None:
            return inner
        if tok.pos_ in {"DET", "PRON", "ADJ"}:
            for c in tok.rights:  # "some on the committee", "many in his own party"
                if c.dep_ == "prep" and c.lower_ in {"on", "in", "among", "within"}:
                    inner = next((g for g in c.children if g.dep_ == "pobj"), None)
                    if inner is not None and inner.ent_type_ not in {"GPE", "LOC", "FAC", "DATE", "TIME"}:
                        return inner
    return tok



def _common_noun_named(tok: Any, ent: Entity) -> bool:
    if not ent.named or ent.type in {"GPE", "LOC", "NORP"}:
        return False
    if len(ent.name.split()) > 2 or tok.pos_ not in {"PROPN", "NOUN"}:
        return False
    if unnamed_type(noun_lemma(tok)) is None or not ent.name.lower().endswith(tok.lower_):
        return False
    # "Quds Force": a proper modifier makes a real name; "Rockets" alone is a common noun
    for t in tok.lefts:
        if t.dep_ == "compound" and t.pos_ == "PROPN" and unnamed_type(noun_lemma(t)) is None:
            return False
    return True


def _build_token_map(doc: Document, sdoc: Any) -> dict[int, str]:
    mapping: dict[int, str] = {}
    for e in doc.entities:
        for m in e.mentions:
            span = sdoc.char_span(m.start, m.end, alignment_mode="expand")
            if span is None:
                continue
            for tok in span:
                mapping.setdefault(tok.i, e.id)
    return mapping


class EntityResolver:
    """Token -> entity id for one document, adding unnamed entities as needed."""

    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sdoc = doc.scratch["sdoc"]
        token_map = doc.scratch.get("token_entity")
        self.token_entity: dict[int, str] = (
            dict(token_map) if token_map else _build_token_map(doc, self.sdoc)
        )
        self.by_id: dict[str, Entity] = {e.id: e for e in doc.entities}
        self._unnamed: dict[tuple[Any, ...], str] = {}
        for e in doc.entities:
            if not e.named:
                self._unnamed[(e.type, _norm(e.name))] = e.id
        nums = [int(e.id[1:]) for e in doc.entities if e.id[1:].isdigit()]
        self._next = max(nums, default=0) + 1
        #: entities already seen as targets of violence (not the ones later arrested)
        self.victims: set[str] = set()
        #: ids of the entities this resolver added
        self.created: set[str] = set()
        #: entity id -> (start, end) of the noun phrase that last referred to it
        self.phrases: dict[str, tuple[int, int]] = {}
        #: whether :meth:`resolve_arg` makes a description an entity (set per event: the
        #: lexicon's conflict events keep to the typed heads their figures were measured with)
        self.describe = True
        doc.scratch["token_entity"] = self.token_entity

    # -- entity lookup -----------------------------------------------------------------

    def prune(self, keep: set[str]) -> None:
        """Drop the entities this resolver added that nothing ended up referring to."""
        drop = self.created - keep
        if not drop:
            return
        self.doc.entities[:] = [e for e in self.doc.entities if e.id not in drop]
        for i in [i for i, e in self.token_entity.items() if e in drop]:
            del self.token_entity[i]
        for eid in drop:
            self.by_id.pop(eid, None)
        self.created -= drop

    def entity_type(self, entity_id: str) -> str | None:
        e = self.by_id.get(entity_id)
        return e.type if e else None

    def is_named(self, entity_id: str) -> bool:
        e = self.by_id.get(entity_id)
        return bool(e and e.named)

    def mapped(self, tok: Any) -> str | None:
        return self.token_entity.get(tok.i)

    def resolve(self, tok: Any, allow_unnamed: bool = True) -> list[str]:
        """Entities the noun phrase headed by ``tok`` refers to (with its conjuncts)."""
        out: list[str] = []
        past = _past_dateline(tok)
        if past is None:
            return out
        for t in _with_conjuncts(past):
            for eid in self._resolve_one(t, allow_unnamed):
                if eid not in out:
                    out.append(eid)
                self._note_phrase(t, eid)
        return out

    def resolve_arg(self, tok: Any) -> list[str]:
        """Entities of an event argument headed by ``tok``: as :meth:`resolve`, and where that
        finds nothing, the description itself as an unnamed entity ("the bill", "both
        chambers", "their mail"): who did what to whom holds for things and groups too."""
        out: list[str] = []
        past = _past_dateline(tok)
        if past is None:
            return out
        for t in _with_conjuncts(_quantified(past)):
            for eid in self._resolve_one(t, True) or (self._described(t) if self.describe else []):
                if eid not in out:
                    out.append(eid)
                self._note_phrase(t, eid)
        return out

    def possessor(self, tok: Any) -> list[str]:
        """Whose event a possessive names ("his speech", "their talks"): a possessive pronoun
        is the most recent fitting entity before it, not the entity the coreference step gave
        the pronoun (which prefers the clause's subject: in "Obama said he will not meet
        Netanyahu ahead of his speech" the speech is Netanyahu's). On statuschain-dev's
        possessives of event nouns, the most recent mention named the gold participant 21
        times in 31, the coreference step's 13."""
        if tok.pos_ == "PRON" and tok.lower_ in _POSSESSIVE_PRONOUNS:
            found = self._pronoun(tok)
            if found:
                return found
        return self.resolve_arg(tok)

    def _described(self, tok: Any) -> list[str]:
        if tok.pos_ == "PRON" and tok.lower_ in _INDEFINITE_PEOPLE:
            # "someone hacked into his account": a person, unnamed, and never the same as
            # another "someone" of the article
            return [self._add(tok, "PERSON", named=False, distinct=True)]
        if tok.pos_ not in {"NOUN", "PROPN"} or tok.ent_type_ in _NOT_PARTICIPANT_ENTS:
            return []
        lemma = noun_lemma(tok)
        if lemma in _NOT_PARTICIPANT_NOUNS or not tok.is_alpha:
            return []
        eid = self.mapped(tok)
        if eid is not None and eid in self.by_id:
            # a group named by its nationality or party ("Republicans", "Democrats")
            return [eid] if tok.tag_ in {"NNS", "NNPS"} else []
        if tok.pos_ == "PROPN":
            # a name no tagger typed ("repeal Obamacare", "tear apart JCPOA"): a named thing,
            # never a person or a body, whose names the tagger knows
            return [self._add(tok, "OBJECT", named=True)] if eid is None and tok.ent_type_ == "" else []
        return [self._add(tok, DESCRIBED_TYPES.get(lemma, "OBJECT"), named=False)]

    def _note_phrase(self, tok: Any, eid: str) -> None:
        """Remember the noun phrase that last referred to ``eid`` (not for pronouns)."""
        if tok.pos_ == "PRON" or tok.lower_ == "both":
            return
        if self.mapped(tok) != eid:
            for c in tok.children:
                if c.dep_ == "appos" and self.mapped(c) == eid:
                    tok = c
                    break
        self.phrases[eid] = phrase_bounds(tok)

    def _titled_person(self, tok: Any) -> str | None:
        """The person a title names when the parse hung the name inside it: "member of
        parliament Fazil Mustafa" (the name as the object of "of"), "the leader of the group
        Abu Bakr"; the person's name must end the phrase."""
        if tok.pos_ != "NOUN" or tok.lemma_.lower() not in _TITLE_HEADS:
            return None
        end = tok.right_edge
        eid = self.mapped(end)
        if eid is None or eid not in self.by_id or self.entity_type(eid) != "PERSON":
            return None
        return eid if end.dep_ in {"pobj", "compound", "appos"} or end.head.dep_ == "pobj" else None

    def _resolve_one(self, tok: Any, allow_unnamed: bool) -> list[str]:
        if tok.lower_ in _REFLEXIVES and tok.head.pos_ in {"VERB", "AUX"}:
            return self._reflexive(tok)
        eid = self.mapped(tok)
        if eid is not None and eid not in self.by_id:
            eid = None
        if eid is not None and _common_noun_named(tok, self.by_id[eid]):
            eid = None  # "Rockets", "Guerrillas": a common noun capitalised by truecasing
            if allow_unnamed:
                return self._unnamed_for(tok)
        if eid is not None and tok.pos_ == "PRON" and tok.lower_ in _SUBJECT_PRONOUNS_PERSON \
                and eid in self._quoted_speakers(tok):
            eid = None  # "“He should pay for it,” Fox said": he is not the one speaking
        if eid is not None and self.entity_type(eid) != "NORP":
            return [eid]
        for child in tok.children:
            if child.dep_ == "appos":
                ceid = self.mapped(child)
                if ceid is not None and self.entity_type(ceid) != "NORP":
                    out = [ceid]
                    for conj in _with_conjuncts(child)[1:]:
                        c2 = self.mapped(conj)
                        if c2 is not None and c2 not in out and self.entity_type(c2) == "PERSON":
                            out.append(c2)
                    return out
        if eid is not None and tok.tag_ in {"NNS", "NNPS"}:
            return [eid]  # a people by its plural ("Republicans are attacked"), never "Russian"
        titled = self._titled_person(tok)
        if titled is not None:
            return [titled]
        low = tok.lower_
        if tok.pos_ == "PRON" or low == "both" and tok.dep_ in {"nsubj", "nsubjpass", "dobj"}:
            return self._pronoun(tok)
        if tok.lemma_.lower() in _OF_GROUP_HEADS:
            of_obj = _of_object(tok)
            if of_obj is not None and tok.lemma_.lower() != "member":
                inner = self.mapped(of_obj)
                if inner is not None and self.entity_type(inner) == "ORG":
                    return [inner]
        if tok.pos_ == "PROPN" and eid is None and unnamed_type(noun_lemma(tok)) is None:
            return self._unmapped_proper(tok) if allow_unnamed else []
        if not allow_unnamed or tok.pos_ not in {"NOUN", "PROPN"}:
            return []
        return self._unnamed_for(tok)

    def _reflexive(self, tok: Any) -> list[str]:
        """A reflexive object is its verb's subject, or the subject of the clause its verb
        depends on: "the president to distance himself" is the president."""
        verb = tok.head
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i]
        if subj:
            return _clause_arg(subj[0], self)
        for _ in range(3):  # "wanted to distance himself": the subject of the verb above
            if verb.dep_ not in {"xcomp", "advcl", "conj"} or verb.head.i == verb.i:
                return []
            verb = verb.head
            subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
            if subj:
                return _clause_arg(subj[0], self)
        return []

    def _pronoun(self, tok: Any) -> list[str]:
        low = tok.lower_
        own = self._clause_subjects(tok)
        if low in _SUBJECT_PRONOUNS_PERSON:
            found = self.recent(tok, {"PERSON"}, 1, skip=own | self._quoted_speakers(tok), singular=True)
            return found or self._described_before(tok, "PERSON")
        if low in _FIRST_PERSON:
            return self._speaker(tok)
        if low in _FIRST_PLURAL:
            return self._speakers_body(tok)
        if low == "it" and tok.dep_ in _THING_PRONOUN_DEPS:
            thing = self._thing_antecedent(tok)
            if thing is not None:  # "lobbied him to preserve it": the pact named before
                return self.resolve_arg(thing)
        if low in {"it", "its"}:
            found = self.recent(tok, {"GPE", "ORG"}, 1, window=60, skip=own)
            found = [e for e in found if self.is_named(e)]
            if found or low != "its":
                return found
            return self._described_before(tok, "ORG")  # "an interview to the bureau during its investigation"
        if low in _PLURAL_PRONOUNS:
            group = _plural_subject(tok)
            if group is not None:
                found = [e for e in self.resolve_arg(group) if e not in own]
                if found:
                    return found
            named = [e for e in self.recent(tok, {"PERSON"}, 2, skip=self.victims | own)
                     if self.is_named(e)]
            if len(named) == 2:
                return named
            group = _plural_subject(tok, previous=True)
            if group is not None:  # "The 150 migrants ... waited. By Monday, they had yet to"
                found = [e for e in self.resolve_arg(group) if e not in own]
                if found:
                    return found
            return self.recent(tok, {"PERSON", "ORG"}, 1, skip=self.victims | own)
        return []

    def _described_before(self, pron: Any, etype: str) -> list[str]:
        """The nearest singular description of an ``etype`` before the pronoun in its sentence
        ("the bureau", "the congressman"), when no named one fits."""
        for prev in reversed(list(pron.sent[: pron.i - pron.sent.start])):
            if prev.pos_ == "NOUN" and prev.tag_ == "NN" and unnamed_type(prev.lemma_) == etype:
                return self._unnamed_for(prev)
        return []

    def _thing_antecedent(self, pron: Any) -> Any | None:
        """The thing an object "it" stands for: the head of the nearest singular noun phrase
        before it, in its sentence or the one before, that names no person, group, time or
        number, is not its own clause's subject ("Trump is bashing the agreement and will end
        it", "urged the president to stop the bill ... stop it") and does not hold the pronoun
        in its own phrase ("a deadline to decide whether to re-ratify it": not the deadline)."""
        bound = {t.i for t in clause_subjects(pron)}
        bound.update(t.i for t in pron.ancestors)  # "made an attempt to fight it": not the attempt
        sent = pron.sent
        start = sent.start
        if start > 0:
            start = self.sdoc[start - 1].sent.start
        for t in reversed(list(self.sdoc[start : pron.i])):
            if t.dep_ not in _THING_ANTECEDENT_DEPS or t.pos_ not in {"NOUN", "PROPN"} or t.i in bound:
                continue
            if t.tag_ in _PLURAL_TAGS or t.ent_type_ in _NOT_PARTICIPANT_ENTS or not t.is_alpha:
                continue
            if t.ent_type_ in {"PERSON", "ORG", "NORP"}:
                continue  # "pay for it" after "an interview for Fusion": the wall, not the network
            if noun_lemma(t) in _NOT_PARTICIPANT_NOUNS or unnamed_type(noun_lemma(t)) in {"PERSON", "ORG"}:
                continue
            if t.dep_ == "pobj" and t.tag_ == "NN" and not any(
                    c.dep_ in {"det", "poss", "amod", "compound", "nummod"} for c in t.children):
                continue  # a bare noun in a set phrase: "on track", "in office", "at stake"
            eid = self.mapped(t)
            if eid is not None and self.entity_type(eid) in {"PERSON", "NORP", "ORG", "GPE"}:
                continue
            return t
        return None

    def _clause_subjects(self, tok: Any) -> set[str]:
        """Entities a pronoun object cannot be (:func:`~..entities.coref.clause_subjects`)."""
        return {e for e in (self.mapped(t) for t in clause_subjects(tok)) if e is not None}

    def _quoted_speakers(self, tok: Any) -> set[str]:
        """Who speaks the direct quotations ``tok`` stands in: a third-person pronoun in
        them is somebody else ("“He tried to silence me,” the journalist said")."""
        out: set[str] = set()
        for claim in self.doc.claims:
            ev = claim.evidence
            if claim.kind != "quote" or not (ev.start <= tok.idx < ev.end) or not claim.chain:
                continue
            if claim.chain[-1].entity is not None:
                out.add(claim.chain[-1].entity)
        return out

    def _speakers_body(self, tok: Any) -> list[str]:
        """"we" inside a quoted or attributed claim: the body its speaker speaks for, by the
        words that introduce the speaker ("BuzzFeed's editor in chief, Ben Smith", "a Twitter
        spokesman", "President Emmanuel Macron of France", "French President Emmanuel
        Macron"), or the speaker itself when it is a body ("the White House said"). Nobody
        when the words name no body: "we" is never the one person speaking."""
        best: tuple[int, list[str]] | None = None
        for claim in self.doc.claims:
            ev = claim.evidence
            if claim.kind not in {"quote", "attributed"} or not (ev.start <= tok.idx < ev.end):
                continue
            last = claim.chain[-1] if claim.chain else None
            if last is None or last.entity is None and last.span is None:
                continue
            kind = self.entity_type(last.entity) if last.entity is not None else "PERSON"
            bodies: list[str]
            if last.entity is not None and kind in {"ORG", "GPE", "NORP"}:
                bodies = [last.entity]
            elif kind == "PERSON" and last.span is not None:
                bodies = self._affiliation(last.span.start, last.span.end)
            else:
                bodies = []
            width = ev.end - ev.start
            if bodies and (best is None or width < best[0]):
                best = (width, bodies)
        return best[1] if best else []

    def _affiliation(self, start: int, end: int) -> list[str]:
        """The body a person's introducing words tie them to (see :meth:`_speakers_body`)."""
        span = self.sdoc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return []
        heads = [span.root]
        if span.root.dep_ == "appos":
            heads.append(span.root.head)  # "BuzzFeed's editor in chief, Ben Smith"
        heads += [c for c in span.root.children if c.dep_ == "appos"]  # "Ben Smith, a spokesman for"
        near: list[Any] = list(span)  # "French President Emmanuel Macron", "a Twitter spokesman"
        for h in heads:
            for c in h.subtree:
                if c.i == h.i or c.head.i == h.i and c.dep_ in {"poss", "compound", "amod"} or (
                        c.dep_ == "pobj" and c.head.lower_ in {"of", "for", "at"}):
                    near.append(c)
        out: list[str] = []
        for c in near:
            eid = self.mapped(c)
            etype = self.entity_type(eid) if eid is not None else None
            if etype in {"ORG", "GPE"}:
                body: str | None = eid
            elif etype == "NORP" or c.lower_ in DEMONYMS:
                body = self._country_of(c.lower_)
            else:
                body = None
            if body is not None and body not in out:
                out.append(body)
        return out

    def _country_of(self, demonym: str) -> str | None:
        """The country entity of the document a demonym names ("French" -> France)."""
        cc = DEMONYMS.get(demonym) or DEMONYMS.get(demonym.rstrip("s"))
        country = gazetteer().countries.get(cc) if cc is not None else None
        if country is None:
            return None
        names = {fold(country.name), fold(country.name.removeprefix("The "))}
        for e in self.doc.entities:
            if e.type == "GPE" and (fold(e.name) in names or COUNTRY_ALIASES.get(fold(e.name)) == cc):
                return e.id
        return None

    def _speaker(self, tok: Any) -> list[str]:
        """"I" inside a quoted or attributed claim: the person the claim comes from."""
        best: tuple[int, str] | None = None
        for claim in self.doc.claims:
            ev = claim.evidence
            if claim.kind not in {"quote", "attributed"} or not (ev.start <= tok.idx < ev.end):
                continue
            last = claim.chain[-1] if claim.chain else None
            if last is None or last.entity is None or self.entity_type(last.entity) != "PERSON":
                continue
            width = ev.end - ev.start
            if best is None or width < best[0]:
                best = (width, last.entity)
        return [best[1]] if best else []

    def recent(self, tok: Any, types: set[str], n: int, window: int = 120,
               skip: set[str] | frozenset[str] = frozenset(), singular: bool = False) -> list[str]:
        """The ``n`` most recent distinct entities of ``types`` mentioned before ``tok``
        (with ``singular``, never by a plural noun: "he" is not "reporters")."""
        out: list[str] = []
        i = tok.i - 1
        stop = max(0, tok.i - window)
        while i >= stop and len(out) < n:
            eid = self.token_entity.get(i)
            if singular and self.sdoc[i].tag_ in _PLURAL_TAGS:
                eid = None
            if (eid is not None and eid not in out and eid not in skip
                    and self.entity_type(eid) in types):
                e = self.by_id[eid]
                if e.named or n == 1:
                    out.append(eid)
            i -= 1
        return list(reversed(out))

    def _unmapped_proper(self, tok: Any) -> list[str]:
        for c in tok.children:  # "Dr Jose Antonio Rodriguez Porth" with NER on the first names
            if c.dep_ == "compound":
                ceid = self.mapped(c)
                if ceid is not None and self.entity_type(ceid) in {"PERSON", "ORG"}:
                    return [ceid]
        label = tok.ent_type_
        etype = label if label in {"PERSON", "ORG", "GPE", "LOC", "FAC"} else None
        if etype is None:
            etype = unnamed_type(tok.lemma_)
            if etype is None and any(c.dep_ == "det" and c.lower_ == "the" for c in tok.children):
                etype = "ORG"  # "the Shining Path": a definite proper name is a group
        if etype is None:
            return []
        return [self._add(tok, etype, named=True)]

    def unnamed_for(self, tok: Any) -> list[str]:
        """An unnamed entity for the description headed by ``tok`` (by its head noun)."""
        return self._unnamed_for(tok)

    def _unnamed_for(self, tok: Any) -> list[str]:
        compounds = tuple(c.lemma_.lower() for c in tok.children if c.dep_ == "compound")
        etype = unnamed_type(noun_lemma(tok), compounds[-1:])
        if etype is None:
            return []
        return [self._add(tok, etype, named=False)]

    # -- creating entities ---------------------------------------------------------------

    def _add(self, tok: Any, etype: str, named: bool, distinct: bool = False) -> str:
        start, end = phrase_bounds(tok)
        text = self.doc.text
        name = text[start:end]
        key: tuple[Any, ...] = (etype, _norm(name), start) if distinct else (etype, _norm(name))
        eid = self._unnamed.get(key)
        if eid is None:
            eid = f"e{self._next}"
            self._next += 1
            ent = Entity(id=eid, type=etype, name=name, named=named)
            self.doc.entities.append(ent)
            self.created.add(eid)
            self.by_id[eid] = ent
            self._unnamed[key] = eid
        ent = self.by_id[eid]
        span = self.doc.span(start, end)
        if all(m.start != span.start for m in ent.mentions):
            ent.mentions.append(span)
        if len(name) > len(ent.name) and not named:
            ent.name = name
        self.token_entity.setdefault(tok.i, eid)
        return eid


_PLURAL_TAGS = frozenset({"NNS", "NNPS"})
#: Where an "it" that stands for a thing (not a body) is found, and where what it stands for.
_THING_PRONOUN_DEPS = frozenset({"dobj", "pobj", "nsubjpass"})
_THING_ANTECEDENT_DEPS = frozenset({"dobj", "pobj", "nsubj", "nsubjpass", "attr", "appos", "conj"})


def _plural_subject(pron: Any, previous: bool = False) -> Any | None:
    """The group a plural pronoun stands for: the nearest noun subject before it in its
    sentence that is plural or conjoined ("the Democrats have said they will skip the
    event", "families who say they are still seeking", "29 FBI agents arrived ... when they
    could have contacted"); with ``previous``, the last such subject of the sentence before
    (asked only when no two named people come just before it). None when there is none; a
    single named person is never "they" by this rule."""
    sent = pron.sent
    if previous:  # the sentence before ("The 150 migrants ... waited. By Monday, they ...")
        found = _plural_subjects(list(pron.doc[sent.start - 1].sent)) if sent.start > 0 else []
    else:
        found = _plural_subjects(list(sent[: pron.i - sent.start]))
    # people before things: "29 FBI agents arrived ..., with lights flashing, when they"
    return next((t for t in found if _people_like(t)), found[0] if found else None)


def _plural_subjects(tokens: list[Any]) -> list[Any]:
    """The plural or conjoined noun subjects among ``tokens``, the last first."""
    found = []
    for t in reversed(tokens):
        if t.dep_ not in {"nsubj", "nsubjpass"}:
            continue
        if t.lower_ in _RELATIVE_PRONOUNS and t.head.dep_ == "relcl":
            t = t.head.head  # "families who say they are still seeking": the families
        if t.pos_ not in {"NOUN", "PROPN"}:
            continue
        if t.tag_ in _PLURAL_TAGS or any(c.dep_ == "conj" for c in t.children):
            found.append(t)
    return found


def _people_like(tok: Any) -> bool:
    """A noun that names people or a body of them, by its tag or its head word."""
    if tok.ent_type_ in {"PERSON", "NORP", "ORG", "GPE"}:
        return True
    lemma = noun_lemma(tok)
    return unnamed_type(lemma) in {"PERSON", "ORG"} or DESCRIBED_TYPES.get(lemma) in {"PERSON", "ORG"}


def phrase_bounds(tok: Any) -> tuple[int, int]:
    """Character bounds of the noun phrase headed by ``tok``: its pre-modifiers, and an
    "of"-phrase for group heads ("members of the FMLN")."""
    lo = tok.i
    for child in tok.lefts:
        if child.dep_ in _PHRASE_DEPS and not _gerund_before(child):
            lo = min(lo, child.left_edge.i)
    right = tok
    for _ in range(3):
        if right.lemma_.lower() not in _OF_GROUP_HEADS:
            break
        of_obj = _of_object(right)
        if of_obj is None:
            break
        right = of_obj
    sdoc = tok.doc
    text = sdoc[lo:right.i + 1].text
    start = sdoc[lo].idx
    end = start + len(text)
    stripped = _NAME_DETS_DROP.sub("", text)
    start += len(text) - len(stripped)
    return start, end


def _gerund_before(mod: Any) -> bool:
    """A gerund the parse made a modifier of its object right after a preposition ("accused of
    allegedly hacking party emails"): the act, not part of the name of what it acts on."""
    if mod.dep_ != "amod" or mod.tag_ != "VBG":
        return False
    head = mod.head
    return head.dep_ == "pobj" and all(t.dep_ == "advmod" for t in mod.doc[head.head.i + 1:mod.i])


def _of_object(tok: Any) -> Any | None:
    for child in tok.rights:
        if child.dep_ == "prep" and child.lower_ == "of":
            for g in child.children:
                if g.dep_ == "pobj":
                    return g
    return None


#: The dash that ends a dateline (toponyms' own set also takes the comma and bracket after a place).
_DATELINE_DASHES = frozenset({"-", "--", "—", "–"})


def _past_dateline(tok: Any) -> Any | None:
    """The argument behind a dateline the parse took for it: in "WASHINGTON — Representative
    Anthony D. Weiner, trying to ..., denied ..." or "BAKU, March 28 (Reuters) - Azerbaijani
    member of parliament Fazil Mustafa was wounded" the subject is the apposition after the
    dash, not the place or the agency (None when there is none)."""
    doc = tok.doc
    start = tok.i
    while start > 0 and doc[start - 1].dep_ == "compound" and doc[start - 1].head.i == tok.i:
        start -= 1
    dash = _wire_dateline_dash(doc, start)
    if dash is None or dash <= tok.i:
        if not is_dateline(doc, start, tok.i + 1) or any(c.dep_ == "relcl" for c in tok.children):
            return tok  # a dateline is "WASHINGTON —", "TORRINGTON,"; never "CNN, which ..."
        dash = tok.i + 1
    return next((c for c in tok.children if c.dep_ == "appos" and c.i > dash), None)


def _wire_dateline_dash(doc: Any, start: int) -> int | None:
    """The dash ending a dateline that opens a paragraph at ``start`` in capitals, with a date
    or an agency before the dash ("BAKU, March 28 (Reuters) -"); None for anything else."""
    first = doc[start]
    if not first.text.isupper() or len(first.text) < 3 or not (
            start == 0 or first.is_sent_start or "\n" in doc[start - 1].text_with_ws):
        return None
    for j in range(start + 1, min(start + 12, len(doc))):
        if doc[j].text in _DATELINE_DASHES:
            return j
        if doc[j].pos_ in {"VERB", "AUX"} or "\n" in doc[j].text_with_ws:
            return None
    return None


def _with_conjuncts(tok: Any) -> list[Any]:
    """The phrase's head with its conjuncts and the members it names after "including"
    ("Some Republicans, including Ryan, shot down the idea": both)."""
    out = [tok]
    stack = [tok]
    while stack:
        t = stack.pop()
        for c in t.children:
            if c.dep_ == "conj" and (c.pos_ in {"NOUN", "PROPN", "PRON"} or c.ent_type_):
                out.append(c)
                stack.append(c)
            elif c.dep_ == "prep" and c.lower_ == "including" and t.pos_ in {"NOUN", "PROPN"}:
                member = _pobj(c)
                if member is not None and member.pos_ in {"NOUN", "PROPN"}:
                    out.append(member)
                    stack.append(member)
            elif c.dep_ == "appos" and _listed_after(t, c):
                out.append(c)
                stack.append(c)
                out.extend(g for g in c.children if g.dep_ == "appos" and g.ent_type_ == "PERSON")
    return out


def _listed_after(person: Any, appos: Any) -> bool:
    """An apposition that is really the next item of a list of people the parse broke at a
    bracket: "Sen. John McCain (R-Ariz.), Senate Minority Leader Chuck Schumer (D-N.Y.) and 18
    members of the committee": the apposition goes on with "and" and a further person or
    group, so it names others, not the first person again."""
    if person.ent_type_ != "PERSON" or appos.i < person.i:
        return False
    if not any(g.dep_ == "cc" and g.lower_ in {"and", "&"} for g in appos.children):
        return False
    return any(g.dep_ == "conj" and (g.ent_type_ in {"PERSON", "ORG", "NORP"} or g.tag_ in {"NNS", "NNPS"})
               for g in appos.children)


def _clause_arg(arg: Any, res: EntityResolver) -> list[str]:
    """A verb's argument, a relative pronoun standing for the noun its clause describes
    ("Biden, who would be expected to attend": Biden), or for the name that noun stands beside
    when the noun itself names no one ("Abedi, the British-Libyan who carried out")."""
    verb = arg.head
    if arg.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        ante = verb.head
        found = res.resolve_arg(ante)
        if not found and ante.dep_ == "appos" and ante.head.i != ante.i:
            return res.resolve_arg(ante.head)  # "Abedi, the British-Libyan who carried out": Abedi
        return found
    return res.resolve_arg(arg)


def _norm(name: str) -> str:
    s = name.lower()
    s = re.sub(r"^(?:a|an|the|its|their|his|her|this|that|these|those)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()
