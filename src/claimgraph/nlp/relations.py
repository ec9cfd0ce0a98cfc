"""The ``relations`` step: relations stated between entities, each with its claim.

* ``national_of`` / ``citizen_of``: "Georgian national X", "X, an Iranian citizen" -> X to
  the country of the demonym (an existing GPE entity when the document has one, else a
  new GPE entity whose mention is the demonym);
* ``member_of`` / ``works_for``: "X, a member of the Jewish community", "X, spokesman of
  the army", "X is a member of Y";
* ``located_in``: "Baku, Azerbaijan"; an ORG/FAC "in" a place ("the embassy in Tehran");
* ``recruited_by``: from RECRUIT events ("X was recruited by the Quds Force").
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from ..models import Document, Entity, Relation
from ..pipeline import step
from .events.participants import EntityResolver, _of_object, _pobj
from .places.gazetteer import DEMONYMS, gazetteer

_NATIONAL_WORDS = {"national": "national_of", "citizen": "citizen_of", "native": "national_of",
                   "resident": "national_of"}
_MEMBER_ROLES = frozenset({"member", "leader", "head", "chief", "commander", "founder",
                           "militant", "fighter", "activist", "chairman", "chair", "secretary"})
_WORK_ROLES = frozenset({"spokesman", "spokeswoman", "spokesperson", "official", "officer",
                         "director", "agent", "employee", "minister", "ambassador", "envoy",
                         "adviser", "advisor", "correspondent", "editor", "reporter",
                         "president", "governor", "representative", "staff", "analyst",
                         "manager", "executive", "general", "colonel", "judge", "lawyer"})
_ORGISH = frozenset({"ORG", "NORP", "GPE"})


@lru_cache(maxsize=1)
def demonym_table() -> dict[str, str]:
    """Lower-case demonym -> country name.

    Regular forms are generated from pycountry's short names ("georgia" -> "georgian");
    the hand-written demonym table of :mod:`claimgraph.nlp.places.gazetteer` (irregular forms such
    as "dutch", "azeri") overrides them, named after the gazetteer's country record.
    """
    table: dict[str, str] = {}
    try:
        import pycountry

        for c in sorted(pycountry.countries, key=lambda c: -len(c.name)):
            name = getattr(c, "common_name", None) or c.name
            base = name.split(",")[0]
            if " " in base:
                continue
            low = base.lower()
            stem = low[:-1] if low[-1] in "aeoy" else low
            for form in (low + "n", low + "an", low + "ian", low + "i", low + "ese",
                         stem + "an", stem + "ian", stem + "ese", stem + "i", low + "ish"):
                table.setdefault(form, base)
    except ImportError:  # pragma: no cover
        pass
    countries = gazetteer().countries
    table.update({w: countries[cc].name.removeprefix("The ") for w, cc in DEMONYMS.items() if cc in countries})
    return table


def country_of_demonym(word: str) -> str | None:
    return demonym_table().get(word.lower())


class _Builder:
    def __init__(self, doc: Document) -> None:
        self.doc = doc
        self.sdoc = doc.scratch["sdoc"]
        self.res = EntityResolver(doc)
        self.out: list[Relation] = []
        self._seen: set[tuple[str, str, str]] = set()

    def mapped_tokens(self) -> list[Any]:
        """The tokens that belong to an entity, in text order (most tokens belong to none,
        and walking the whole parse costs more than the rest of this step)."""
        sdoc = self.sdoc
        return [sdoc[i] for i in sorted(self.res.token_entity)]

    def claim_at(self, tok: Any) -> str | None:
        sent_map: dict[int, str] = self.doc.scratch.get("claim_sentences") or {}
        cid = sent_map.get(tok.sent.start_char)
        if cid is not None:
            return cid
        best = None
        for c in self.doc.claims:
            ev = c.evidence
            if ev.start <= tok.idx < ev.end and (
                best is None or ev.end - ev.start < best.evidence.end - best.evidence.start
            ):
                best = c
        return best.id if best else None

    def add(self, rtype: str, subj: str | None, obj: str | None, tok: Any) -> None:
        if not subj or not obj or subj == obj:
            return
        key = (rtype, subj, obj)
        if key in self._seen:
            return
        self._seen.add(key)
        self.out.append(Relation(rtype, subj, obj, self.claim_at(tok)))

    def country_entity(self, norp_tok: Any, country: str) -> str:
        low = country.lower()
        for e in self.doc.entities:
            if e.type == "GPE" and (e.name.lower() == low or low in (a.lower() for a in e.aliases)
                                    or (e.geo and e.geo.name.lower() == low)):
                return e.id
        eid = f"e{self.res._next}"
        self.res._next += 1
        ent = Entity(id=eid, type="GPE", name=country, named=True,
                     mentions=[self.doc.span(norp_tok.idx, norp_tok.idx + len(norp_tok.text))])
        self.doc.entities.append(ent)
        self.res.by_id[eid] = ent
        return eid


def _person_heads(b: _Builder) -> list[tuple[Any, str]]:
    """(head token, entity id) for the head token of each PERSON mention."""
    out = []
    seen: set[int] = set()
    for tok in b.mapped_tokens():
        eid = b.res.mapped(tok)
        if eid is None or b.res.entity_type(eid) != "PERSON":
            continue
        if tok.head.i != tok.i and b.res.mapped(tok.head) == eid:
            continue
        if tok.i not in seen:
            seen.add(tok.i)
            out.append((tok, eid))
    return out


def _nationality(b: _Builder, head: Any, eid: str) -> None:
    """"Georgian national ... Agil Aslanov", "X, an Iranian citizen"."""
    candidates = [c for c in head.subtree if c.i < head.i]
    for c in head.children:
        if c.dep_ == "appos":
            candidates.extend(c.subtree)
    words = {t.lemma_.lower(): t for t in candidates}
    rtype = next((_NATIONAL_WORDS[w] for w in words if w in _NATIONAL_WORDS), None)
    if rtype is None:
        return
    for t in candidates:
        if t.ent_type_ == "NORP" or (t.pos_ in {"ADJ", "PROPN"} and country_of_demonym(t.text)):
            country = country_of_demonym(t.text)
            if country:
                b.add(rtype, eid, b.country_entity(t, country), t)
                return


def _membership(b: _Builder, head: Any, eid: str) -> None:
    """"X, a member of Y" / "X is a member of Y" / "Y spokesman X"."""
    role_toks = [c for c in head.children if c.dep_ == "appos"]
    if head.dep_ == "nsubj":
        role_toks += [c for c in head.head.children if c.dep_ == "attr"]
    for r in role_toks:
        lemma = r.lemma_.lower()
        if lemma not in _MEMBER_ROLES and lemma not in _WORK_ROLES:
            continue
        rtype = "member_of" if lemma in _MEMBER_ROLES else "works_for"
        obj = _of_object(r)
        if obj is None:
            continue
        org = b.res.resolve(obj)
        for oid in org:
            if b.res.entity_type(oid) in _ORGISH or oid.startswith("e"):
                b.add(rtype, eid, oid, r)


def _located(b: _Builder) -> None:
    """"Baku, Azerbaijan" and ORG/FAC "in" a place."""
    for tok in b.mapped_tokens():
        eid = b.res.mapped(tok)
        if eid is None:
            continue
        etype = b.res.entity_type(eid)
        if etype == "GPE" and tok.i + 2 < len(b.sdoc) and b.sdoc[tok.i + 1].text == ",":
            nxt = b.sdoc[tok.i + 2]
            oid = b.res.mapped(nxt)
            if oid and oid != eid and b.res.entity_type(oid) == "GPE" and nxt.dep_ in {
                "appos", "npadvmod", "conj"
            } and _is_country(b.res.by_id[oid]) and not _is_country(b.res.by_id[eid]):
                b.add("located_in", eid, oid, tok)
        if etype in {"ORG", "FAC"} and (tok.head.i == tok.i or b.res.mapped(tok.head) != eid):
            for c in tok.children:
                if c.dep_ == "prep" and c.lower_ == "in":
                    p = _pobj(c)
                    pid = b.res.mapped(p) if p is not None else None
                    if pid and b.res.entity_type(pid) in {"GPE", "LOC"}:
                        b.add("located_in", eid, pid, tok)


def _is_country(e: Entity) -> bool:
    if e.geo is not None and e.geo.feature:
        return e.geo.feature == "country"
    return country_of_demonym(e.name) is None and e.name in set(demonym_table().values())


def _recruited(b: _Builder) -> None:
    for ev in b.doc.events:
        if ev.type != "RECRUIT" or ev.status in {"negated", "hypothetical"}:
            continue
        actors = [p.entity for p in ev.participants if p.role == "actor"]
        targets = [p.entity for p in ev.participants if p.role == "target"]
        span = b.sdoc.char_span(ev.trigger.start, ev.trigger.end, alignment_mode="expand")
        if span is None:
            continue
        for t in targets:
            for a in actors:
                if b.res.entity_type(a) in {"ORG", "PERSON", "GPE", "NORP"}:
                    b.add("recruited_by", t, a, span.root)


def find_relations(doc: Document) -> list[Relation]:
    b = _Builder(doc)
    for head, eid in _person_heads(b):
        _nationality(b, head, eid)
        _membership(b, head, eid)
    _located(b)
    _recruited(b)
    return b.out


@step("relations", requires=("entities", "claims"), assigns=("relations",))
def relations(doc: Document) -> Document:
    """Find relations stated between entities."""
    doc.relations.extend(find_relations(doc))
    return doc


__all__ = ["relations", "find_relations", "country_of_demonym", "demonym_table"]
