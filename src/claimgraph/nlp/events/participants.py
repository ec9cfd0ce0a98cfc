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

from ...models import Document, Entity
from ..entities.coref import clause_subjects
from ..places.gazetteer import COUNTRY_ALIASES, DEMONYMS, fold, gazetteer
from ..places.toponyms import is_dateline
from .lexicon import FOIL_VERBS, NOUN_TRIGGERS, plot_of, verb_lemma

PERSON_HEADS = frozenset({
    "man", "woman", "person", "people", "gunman", "guerrilla", "terrorist", "rebel",
    "soldier", "policeman", "civilian", "peasant", "student", "worker", "member",
    "assailant", "attacker", "individual", "youth", "child", "boy", "girl", "priest",
    "journalist", "judge", "official", "agent", "bodyguard", "driver", "passenger",
    "militant", "insurgent", "hitman", "killer", "kidnapper", "suspect", "trafficker",
    "national", "citizen", "resident", "employee", "farmer", "businessman", "diplomat",
    "ambassador", "minister", "mayor", "candidate", "activist", "unionist", "politician",
    "jesuit", "nun", "guard", "leader", "commander", "assassin", "sniper", "mercenary",
    "subversive", "extremist", "bandit", "criminal", "rabbi", "cleric", "informant",
    "spy", "operative", "proxy", "accomplice", "fighter", "paramilitary", "sympathizer",
    "teacher", "doctor", "nurse", "lawyer", "prosecutor", "senator", "deputy", "councilman",
    "colonel", "general", "captain", "lieutenant", "sergeant", "major", "officer", "cop",
    "hostage", "victim", "president", "king", "queen", "premier", "pope", "chancellor",
    "secretary", "spokesman", "spokeswoman", "governor", "envoy", "bishop",
    "archbishop", "congressman", "legislator", "businesswoman", "engineer", "technician", "pedestrian", "villager", "inhabitant", "family", "wife", "son",
    "daughter", "brother", "father", "mother", "husband", "relative", "friend",
})

#: Modifiers of an attack noun that name who carried it out ("a terrorist attack").
PERPETRATOR_MODIFIERS = frozenset({"terrorist", "guerrilla", "rebel", "insurgent", "militant",
                                   "subversive", "gunman", "sniper"})

ORG_HEADS = frozenset({
    "authority", "government", "army", "police", "force", "troop", "intelligence", "service",
    "agency", "group", "organization", "organisation", "party", "front", "command", "unit",
    "cartel", "ministry", "movement", "commando", "squad", "column", "battalion", "patrol",
    "brigade", "regime", "military", "cell", "faction", "network", "gang", "mafia",
    "committee", "council", "court", "embassy staff", "guerrilla column", "death squad",
    "law enforcement",
    "detachment", "platoon", "company", "community", "union", "federation", "association",
})

WEAPON_HEADS = frozenset({
    "bomb", "grenade", "rifle", "gun", "pistol", "dynamite", "explosive", "mine", "mortar",
    "rocket", "missile", "machinegun", "submachinegun", "revolver", "knife", "machete",
    "device", "weapon", "firearm", "ammunition", "launcher", "rpg", "cocktail",
    "tnt", "shotgun", "carbine", "m-16", "ak-47", "bullet", "shell", "artillery", "bazooka",
    "poison", "drone",
})

VEHICLE_HEADS = frozenset({
    "bus", "car", "truck", "vehicle", "jeep", "helicopter", "plane", "aircraft", "airplane",
    "boat", "ship", "train", "motorcycle", "van", "taxi", "ambulance", "pickup", "minibus",
    "automobile", "tanker", "vessel", "airliner", "jet",
})

FAC_HEADS = frozenset({
    "embassy", "home", "house", "residence", "building", "office", "headquarters", "farm",
    "substation", "tower", "station", "bank", "school", "church", "bridge", "plant",
    "facility", "store", "shop", "hotel", "airport", "base", "barracks", "post",
    "installation", "pylon", "restaurant", "hospital", "university", "workplace",
    "mission", "consulate", "market", "prison", "jail", "port", "dam", "pipeline",
    "factory", "warehouse", "site", "synagogue", "mosque", "temple", "cathedral", "line",
    "antenna", "garrison", "camp", "apartment", "property", "premises", "ranch",
    "estate", "dealership", "agency office", "pharmacy", "supermarket", "club", "center",
    "centre", "studio", "radio", "newspaper", "offices", "court", "courthouse", "hall",
    "palace", "stadium", "terminal", "refinery", "mill", "mine shaft", "well",
})

OBJECT_HEADS = frozenset({
    "equipment", "cargo", "merchandise", "money", "document", "file", "network", "grid",
    "infrastructure", "installation", "power", "crop", "machinery", "post",
})

_SUBJECT_PRONOUNS_PERSON = frozenset({"he", "him", "his", "she", "her", "hers"})
_PLURAL_PRONOUNS = frozenset({"they", "them", "their", "both"})
_POSSESSIVE_PRONOUNS = frozenset({"his", "her", "their", "its"})
_FIRST_PERSON = frozenset({"i", "me", "my", "myself"})
_REFLEXIVES = frozenset({"himself", "herself", "themselves", "itself"})
_FIRST_PLURAL = frozenset({"we", "us", "our", "ourselves"})
_NAME_DETS_DROP = re.compile(r"^(?:its|their|his|her|this|that|these|those)\s+", re.I)
_PHRASE_DEPS = frozenset({
    "det", "amod", "compound", "nummod", "poss", "nmod", "quantmod", "advmod", "case",
    "predet", "npadvmod",
})
_OF_GROUP_HEADS = frozenset({"member", "members", "group", "column", "squad", "unit", "cell",
                             "commando", "leader", "faction"})


#: Types for descriptions that :data:`PERSON_HEADS` and friends leave out, used only when an
#: event argument would otherwise have no entity (everything else described is OBJECT).
DESCRIBED_TYPES = {
    **{w: "PERSON" for w in (
        "lawmaker", "republican", "democrat", "voter", "immigrant", "migrant", "refugee",
        "protester", "protestor", "ally", "critic", "supporter", "aide", "adviser", "advisor",
        "staffer", "negotiator", "inspector", "investigator", "reporter", "prisoner", "detainee",
        "asylum-seeker", "defendant", "witness", "director", "chief", "head", "representative",
        "lobbyist", "donor", "owner", "neighbor", "neighbour", "user", "hacker", "customer",
        "citizen", "host", "founder", "chairman", "chairwoman", "speaker", "nominee", "opponent",
        "rival", "partner", "counterpart", "successor", "predecessor", "administrator", "analyst",
        "expert", "scientist", "observer", "monitor", "emissary", "delegate", "crowd",
        "participant", "counsel", "attorney")},
    **{w: "ORG" for w in (
        "administration", "chamber", "congress", "senate", "parliament", "legislature",
        "coalition", "alliance", "campaign", "team", "staff", "delegation", "firm", "industry",
        "media", "press", "caravan", "department", "bureau", "office", "institution",
        "opposition", "majority", "minority", "side", "camp", "board", "panel", "jury",
        "cabinet", "leadership", "establishment", "caucus", "corporation", "bank", "network")},
    **{w: "GPE" for w in ("country", "nation", "state", "city", "region", "province", "capital")},
}
#: Named-entity labels that never make a participant (dates, amounts, ordinals).
_NOT_PARTICIPANT_ENTS = frozenset({"DATE", "TIME", "CARDINAL", "ORDINAL", "MONEY", "PERCENT",
                                   "QUANTITY"})
_NOT_PARTICIPANT_NOUNS = frozenset({
    "time", "day", "week", "month", "year", "today", "yesterday", "tomorrow", "morning",
    "afternoon", "evening", "night", "hour", "minute", "moment", "decade", "century",
    "weekend", "period", "season", "date", "way", "lot", "thing", "something", "anything",
    "nothing", "everything", "fact", "point", "case", "end", "beginning", "start", "instance",
    "reason", "sense", "kind", "sort",
})
#: Pronouns that stand for an unnamed person ("someone hacked into his account").
_INDEFINITE_PEOPLE = frozenset({"someone", "somebody", "anyone", "anybody", "everyone", "everybody"})
#: Heads that only quantify the noun after "of" ("any part of the wall", "some of them").
_QUANTIFIER_HEADS = frozenset({"part", "some", "all", "most", "many", "rest", "portion", "half",
                               "number", "majority", "series", "one", "none", "each", "any",
                               "several", "both", "few", "dozens", "hundreds", "thousands"})


def _quantified(tok: Any) -> Any:
    """``tok``, or the noun after "of" when ``tok`` only quantifies it ("some of them",
    "hundreds of participants", "more than 150 of the migrants")."""
    if tok.lemma_.lower() in _QUANTIFIER_HEADS or tok.lower_ in _QUANTIFIER_HEADS or tok.pos_ == "NUM":
        inner = _of_object(tok)
        if inner is not None:
            return inner
    return tok


def unnamed_type(head_lemma: str, compound_lemmas: tuple[str, ...] = ()) -> str | None:
    """The entity type of an unnamed description by its head noun, or None."""
    lemma = head_lemma.lower()
    joined = " ".join((*compound_lemmas, lemma))
    for t, heads in (("WEAPON", WEAPON_HEADS), ("VEHICLE", VEHICLE_HEADS), ("ORG", ORG_HEADS)):
        if joined in heads:
            return t
    if lemma in WEAPON_HEADS:
        return "WEAPON"
    if lemma in VEHICLE_HEADS:
        return "VEHICLE"
    if lemma in PERSON_HEADS:
        return "PERSON"
    if lemma in ORG_HEADS:
        return "ORG"
    if lemma in FAC_HEADS:
        return "FAC"
    if lemma in OBJECT_HEADS:
        return "OBJECT"
    return None


def noun_lemma(tok: Any) -> str:
    """A noun's lower-case lemma, also for common nouns mis-tagged as proper nouns."""
    if tok.pos_ != "PROPN":
        return tok.lemma_.lower()
    low = tok.lower_
    for cand in (low, low[:-1] if low.endswith("s") else "", low[:-2] if low.endswith("es") else ""):
        if cand and unnamed_type(cand) is not None:
            return cand
    return low


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
        """A reflexive object is its verb's subject, or the subject that controls the verb:
        "the president to distance himself" is the president."""
        verb = tok.head
        subj = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"} and c.i != tok.i]
        if subj:
            return _clause_arg(subj[0], self)
        if verb.dep_ in {"xcomp", "advcl", "conj", "acl", "relcl"}:
            return _controller(verb, self, frozenset())
        return []

    def _pronoun(self, tok: Any) -> list[str]:
        low = tok.lower_
        own = self._clause_subjects(tok)
        if low in _SUBJECT_PRONOUNS_PERSON:
            found = self.recent(tok, {"PERSON"}, 1, skip=own | self._quoted_speakers(tok), singular=True)
            if found:
                return found
            for prev in reversed(list(tok.sent[: tok.i - tok.sent.start])):
                if prev.pos_ == "NOUN" and prev.tag_ == "NN" and unnamed_type(prev.lemma_) == "PERSON":
                    return self._unnamed_for(prev)
            return []
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
            return [e for e in found if self.is_named(e)]
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
        if child.dep_ in _PHRASE_DEPS:
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
    return out


# -- roles from the dependency parse ---------------------------------------------------

_TARGET_PREPS = frozenset({"on", "against", "at"})
_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around"})
_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_PLACE_NOUNS = frozenset({"city", "town", "village", "department", "province", "municipality",
                          "capital", "neighborhood", "district", "region", "state", "area",
                          "port", "jurisdiction", "outskirts", "suburb", "zone"})
#: Verbs whose object noun names the event their subject does ("made an attack", "gave a speech").
_LIGHT_VERBS = frozenset({"make", "give", "have", "hold", "take", "deliver", "issue", "raise", "lodge", "pay",
                          "file", "offer", "express", "voice", "wage", "pursue", "begin", "start",
                          "continue", "resume", "lead", "host", "sign", "announce", "undertake",
                          "pose", "extend", "press", "level", "post", "send", "seek", "reach",
                          "broker", "negotiate", "initiate", "escalate", "step", "intensify"})
_CARRY_VERBS = frozenset({"carry", "launch", "perpetrate", "stage", "conduct", "commit",
                          "mount", "plan", "organize", "direct", "execute", "organise", "order", "mastermind",
                          "claim", "plot", "prepare", "cause", "perform", "open"})
_PHYSICAL = frozenset({"FAC", "VEHICLE", "OBJECT"})
#: Types where "on/against X" names the target ("attack on", "sanctions against").
_AGAINST_TYPES = frozenset({"ASSAULT", "THREATEN", "SANCTION", "PROTEST", "ACCUSE", "SURVEIL"})

Role = tuple[str, str]


def _pobj(prep: Any) -> Any | None:
    for g in prep.children:
        if g.dep_ == "pobj":
            return g
    return None


def _add_roles(out: list[Role], role: str, eids: list[str]) -> None:
    for eid in eids:
        if (role, eid) not in out:
            out.append((role, eid))


def object_role(event_type: str, recipient_types: frozenset[str]) -> str:
    return "recipient" if event_type in recipient_types else "target"


def _subject_role(res: EntityResolver, eids: list[str]) -> list[Role]:
    out: list[Role] = []
    for eid in eids:
        out.append(("instrument" if res.entity_type(eid) == "WEAPON" else "actor", eid))
    return out


def _controller(tok: Any, res: EntityResolver, plan_verbs: frozenset[str]) -> list[str]:
    """The actor of an infinitive or conjoined verb, from the verb that governs it."""
    seen = 0
    if tok.dep_ == "pobj" and tok.head.lower_ == "to":  # "going to Explode" (case-damaged)
        for c in tok.head.head.children:
            if c.dep_ in {"nsubj", "nsubjpass"}:
                return res.resolve_arg(c)
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":
        return _gerund_doer(tok.head.head, res, tok.head.lower_ in _ADJUNCT_PREPS)
    plot = plot_of(tok)
    if plot is not None:  # "a plot by the Quds Force to kill", "Iran's plot to kill"
        owners = _intent_owner(plot, res)
        if owners or verb_lemma(plot.head) in FOIL_VERBS:
            return owners  # "thwarted an Iranian plot to kill": never the thwarters
    # an adjective in between passes the subject on: "he is willing to engage", "appear
    # ready to confront", "is determined to ... follow"
    while tok.dep_ in {"xcomp", "advcl", "conj", "ccomp", "acl", "acomp", "oprd"} and seen < 4:
        head = tok.head
        seen += 1
        if tok.dep_ == "acl" and head.pos_ in {"NOUN", "PROPN"}:
            # "plot to assassinate" -> the plot's owner; "men to kill" -> the men
            if head.lemma_.lower() in _INTENT_NOUNS:
                return _intent_owner(head, res)
            # "A SWAT team, searching the house": the team, named or described
            doers = [e for e in res.resolve_arg(head) if res.entity_type(e) in _DOER_TYPES]
            if not doers and head.lemma_.lower() in _INVITATION_NOUNS:
                return _undergoer(head, res)  # "turned down an invitation to meet": the invitee
            if not doers and head.lemma_.lower() in _STATEMENT_NOUNS:
                return _issuer(head, res)  # "released a statement disputing": who released it
            # "an active program to manufacture": not the program, whoever has it
            owners = doers or _intent_owner(head, res)
            if not owners and head.dep_ == "dobj" and any(
                    c.dep_ == "aux" and c.lower_ == "to" for c in tok.children):
                # "pledged to find ways to improve the measure", "needed to muster a majority
                # to override": the one who finds the ways or musters the majority
                owners = _verb_subject(head.head, res, plan_verbs)
            return owners
        deps = {c.dep_: c for c in head.children}
        if tok.dep_ in {"xcomp", "advcl"} and verb_lemma(head) not in plan_verbs | {
            "try", "attempt", "want", "seek", "manage", "fail", "use", "employ"
        }:  # ("used the ammunition to attack the guards": the means, not the doer)
            # "urged Iran to stop", "sent the missile to strike": the object controls the
            # infinitive when it is someone (or a weapon); an object that is neither ("made
            # the visit to prepare", "spent the night sleeping") leaves it to the subject
            if "dobj" in deps:
                doers = [e for e in _clause_arg(deps["dobj"], res)
                         if res.entity_type(e) in _DOER_TYPES]
                if doers:
                    return doers
            if "nsubjpass" in deps:  # "Biden, who would be expected to attend": Biden
                return _clause_arg(deps["nsubjpass"], res)
            for c in head.children:  # "called for Trump to cancel", "pressure on the US to accept"
                if c.dep_ == "prep" and c.lower_ in {"for", "on", "upon"} and c.i < tok.i:
                    p = _pobj(c)
                    doers = [e for e in res.resolve_arg(p) if res.entity_type(e) in _AGENT_TYPES] if p is not None else []
                    if doers:
                        return doers
        if tok.dep_ in {"xcomp", "advcl"} and "dobj" in deps and verb_lemma(head) in {
            "hire", "recruit", "order", "pay", "send", "train", "instruct", "force"
        }:
            return res.resolve_arg(deps["dobj"])
        if "nsubjpass" in deps and verb_lemma(head) in {"recruit", "hire", "pay", "send",
                                                           "order", "train"}:
            return res.resolve_arg(deps["nsubjpass"])
        if "nsubj" in deps:
            if deps["nsubj"].lower_ in _RELATIVE_PRONOUNS and head.dep_ == "relcl":
                return res.resolve_arg(head.head)  # "Kim, who plans to discuss": Kim
            if head.lemma_.lower() == "be" and noun_lemma(deps["nsubj"]) in _INTENT_NOUNS | _AIM_NOUNS:
                # "my sole intention was to voice", "the goal is to end": whoever has the aim
                return _intent_owner(deps["nsubj"], res)
            return res.resolve_arg(deps["nsubj"])
        if "agent" in deps:
            ag = _pobj(deps["agent"])
            if ag is not None:
                return res.resolve_arg(ag)
        tok = head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "men suspected of planning to bomb"
        return _gerund_doer(tok.head.head, res, tok.head.lower_ in _ADJUNCT_PREPS)
    return []


def _verb_subject(verb: Any, res: EntityResolver, plan_verbs: frozenset[str]) -> list[str]:
    """Who does ``verb``: its own subject, else whoever controls it."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj:
        return _clause_arg(subj[0], res)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    return _controller(verb, res, plan_verbs)


def _clause_arg(arg: Any, res: EntityResolver) -> list[str]:
    """A verb's argument, a relative pronoun standing for the noun its clause describes
    ("Biden, who would be expected to attend": Biden)."""
    verb = arg.head
    if arg.lower_ in _RELATIVE_PRONOUNS and verb.dep_ == "relcl" and verb.head.i != verb.i:
        return res.resolve_arg(verb.head)
    return res.resolve_arg(arg)


def _intent_owner(noun: Any, res: EntityResolver) -> list[str]:
    """Whose plan, attempt or threat ``noun`` is: its possessor, its "by" phrase, a people or
    state before it ("an Iranian plot"), or the subject of the light verb that has it ("Iran
    made an attempt")."""
    for c in noun.children:
        if c.dep_ == "poss":
            return res.resolve(c)
        if c.dep_ == "prep" and c.lower_ == "by" and _pobj(c) is not None:
            return [e for e in res.resolve(_pobj(c)) if res.entity_type(e) in _AGENT_TYPES]
    for c in noun.children:
        if c.dep_ in {"amod", "compound"} and c.i < noun.i:
            owners = [e for e in res.resolve(c) if res.entity_type(e) in _AGENT_TYPES]
            if owners:
                return owners
    return [e for e in _carrier(noun, res) if res.entity_type(e) in _AGENT_TYPES]


#: Prepositions of time, manner and means: the gerund after them is done by the subject of
#: the verb they modify, never its object ("told reporters before leaving", "called her
#: actions careless without recommending charges", "by extending an olive branch, North
#: Korea ...").
_ADJUNCT_PREPS = frozenset({"before", "after", "without", "while", "since", "upon", "despite",
                            "by", "instead", "besides"})


def _gerund_doer(gov: Any, res: EntityResolver, adjunct: bool = False) -> list[str]:
    """Who does the gerund after a preposition: the accused in "accused Cohen of lying", the
    subject in "pleaded guilty to lying" or "was charged with obstructing"; after a
    preposition of time or means (``adjunct``), the subject ("told reporters before
    leaving")."""
    if gov.pos_ == "ADJ" and gov.dep_ in {"acomp", "oprd", "amod"}:
        gov = gov.head
    if adjunct and gov.pos_ in {"NOUN", "PROPN"} and gov.dep_ in {"nsubj", "nsubjpass"}:
        return res.resolve_arg(gov)  # "The president, without offering specifics, said"
    if not adjunct and gov.pos_ == "NOUN":
        # "his comments about building a wall", "Iran's promise of opening": the owner
        return [e for e in _intent_owner(gov, res) if res.entity_type(e) in _AGENT_TYPES]
    if gov.pos_ not in {"VERB", "AUX"}:
        return []
    if adjunct and any(c.dep_ == "auxpass" for c in gov.children):
        for c in gov.children:  # "was arranged by Mr. Boehner without consulting": Boehner
            if c.dep_ == "agent" and _pobj(c) is not None:
                return res.resolve_arg(_pobj(c))
    if gov.dep_ == "acl" and gov.tag_ == "VBN" and gov.head.pos_ in {"NOUN", "PROPN"}:
        return res.resolve_arg(gov.head)  # "three men suspected of planning": the men
    deps = {c.dep_: c for c in gov.children}
    for d in ("nsubj", "nsubjpass") if adjunct else ("dobj", "nsubjpass", "nsubj"):
        if d in deps and deps[d].lower_ not in _RELATIVE_PRONOUNS:
            return res.resolve_arg(deps[d])
    return []


def verb_roles(tok: Any, event_type: str, res: EntityResolver, recipient_types: frozenset[str],
               plan_verbs: frozenset[str]) -> list[Role]:
    """Participants of a verbal trigger."""
    out: list[Role] = []
    obj_role = object_role(event_type, recipient_types)
    has_subject = False
    for c in tok.children:
        dep = c.dep_
        if dep in {"nsubj", "csubj"}:
            has_subject = True
            if c.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                out.extend(_subject_role(res, res.resolve_arg(tok.head)))
            elif _undergoes(tok):  # "the negotiations ended", "the bill will become law"
                found = res.resolve_arg(c)
                _add_roles(out, "target", [e for e in found if res.entity_type(e) not in _DOER_TYPES])
                out.extend(_subject_role(res, [e for e in found if res.entity_type(e) in _DOER_TYPES]))
            else:
                out.extend(_subject_role(res, res.resolve_arg(c)))
        elif dep == "nsubjpass":
            has_subject = True
            if c.lower_ in {"who", "that", "which"} and tok.dep_ == "relcl":
                _add_roles(out, obj_role, res.resolve_arg(tok.head))
            else:
                _add_roles(out, obj_role, res.resolve_arg(c))
        elif dep == "dobj":
            if c.lower_ in {"whom", "which"} and tok.dep_ == "relcl":
                _add_roles(out, obj_role, res.resolve_arg(tok.head))  # "Flynn, whom he fired"
            elif _predicate_object(tok, c):
                # "took aim at Reid", "took credit for the run": the object is part of the
                # predicate; what its preposition names is the target
                for g in tok.children:
                    if g.dep_ == "prep" and g.lower_ in _PREDICATE_PREPS and _pobj(g) is not None:
                        _add_roles(out, "target", res.resolve_arg(_pobj(g)))
                for g in c.children:
                    if g.dep_ == "prep" and g.lower_ in _PREDICATE_PREPS and _pobj(g) is not None:
                        _add_roles(out, "target", res.resolve_arg(_pobj(g)))
            else:
                _add_roles(out, obj_role, res.resolve_arg(c))
                _add_roles(out, obj_role, _object_phrase_objects(c, res))
        elif dep == "dative":
            # "gave him the award"; "sent to prominent Democrats" (the preposition as dative)
            arg = _pobj(c) if c.pos_ == "ADP" else c
            if arg is not None:
                _add_roles(out, "recipient", res.resolve_arg(arg))
        elif dep == "attr" and verb_lemma(tok) == "become" and c.lemma_.lower() != "law":
            _add_roles(out, "target", res.resolve_arg(c))  # "becoming New York's mayor"
        elif dep == "agent":
            ag = _pobj(c)
            if ag is not None:
                out.extend(_subject_role(res, res.resolve_arg(ag)))
        elif dep == "prep":
            _prep_roles(out, c, event_type, res, obj_role)
        elif dep in {"prt", "advmod", "prep"} and c.lower_ in {"out", "off", "away"}:
            for g in c.children:  # "pull out of the agreement", "walk away from the deal"
                if g.dep_ == "prep" and g.lower_ in {"of", "from"} and _pobj(g) is not None:
                    _add_roles(out, "target", res.resolve_arg(_pobj(g)))
    if tok.dep_ == "acl" and tok.tag_ == "VBN" and tok.head.pos_ in {"NOUN", "PROPN"} and not has_subject:
        _add_roles(out, obj_role, res.resolve_arg(tok.head))
        has_subject = True
    misparsed = _gerund_as_modifier(tok)
    if misparsed is not None and not has_subject:
        # "accused of hacking emails", parsed as if "hacking" described the emails
        _add_roles(out, obj_role, res.resolve_arg(tok.head))
        out.extend(_subject_role(res, _gerund_doer(misparsed.head, res, misparsed.lower_ in _ADJUNCT_PREPS)))
        has_subject = True
    gap = _relative_gap(tok) if tok.dep_ == "relcl" and has_subject else None
    if gap == "dobj" and not any(r in {obj_role, "target", "recipient"} for r, _ in out):
        _add_roles(out, obj_role, res.resolve_arg(tok.head))  # "the missiles North Korea has developed"
    elif gap is not None and gap != "dobj":  # "the student the image was sent to"
        _add_roles(out, "recipient" if gap == "to" else "target", res.resolve_arg(tok.head))
    named_before = _verb_as_modifier(tok)
    if named_before is not None and not has_subject:
        # "that said President Donald Trump directed attorney Michael Cohen to lie", parsed as
        # if "directed" described the attorney: the name before it acts on the phrase after
        out.extend(_subject_role(res, res.resolve(named_before)))
        _add_roles(out, obj_role, res.resolve_arg(tok.head))
        has_subject = True
    if tok.dep_ == "relcl" and not has_subject:
        infinitive = any(c.lower_ == "to" and c.dep_ == "aux" for c in tok.children)
        if infinitive and (tok.head.lemma_.lower() in _INTENT_NOUNS or not any(
                res.entity_type(e) in _DOER_TYPES for e in res.resolve(tok.head))):
            # "a plot to assassinate", "a program to manufacture": whoever has it, not the plot
            owners = _intent_owner(tok.head, res)
            if not owners and tok.head.dep_ == "dobj" and tok.head.lemma_.lower() not in _INTENT_NOUNS:
                owners = _verb_subject(tok.head.head, res, plan_verbs)  # "find ways to improve"
            out.extend(_subject_role(res, owners))
        else:
            _add_roles(out, obj_role if tok.tag_ == "VBN" else "actor", res.resolve_arg(tok.head))
        has_subject = True
    passive = any(c.dep_ == "auxpass" for c in tok.children)
    if passive and not has_subject and tok.dep_ == "pcomp" and not any(r == obj_role for r, _ in out):
        # "taken into custody after being indicted by a grand jury": the one indicted
        _add_roles(out, obj_role, _controller(tok, res, plan_verbs))
        has_subject = True
    if not any(r == "actor" for r, _ in out) and not has_subject:
        for role, eid in _subject_role(res, _controller(tok, res, plan_verbs)):
            # "... and was published": the shared subject is what the passive verb was done to
            _add_roles(out, obj_role if passive and role == "actor" else role, [eid])
    _oblique_target(out, tok, res, obj_role)
    return out


#: Verbs whose subject, when it is a thing, is what the event happens to: "the negotiations
#: ended", "the bill will become law" (on statuschain-dev the gold makes such a subject a
#: target 6 times in 6, while every other intransitive verb's thing-subject was an actor
#: 40 times in 47).
_UNDERGO_VERBS = frozenset({"end", "become", "expire", "lapse", "collapse"})


def _verb_as_modifier(tok: Any) -> Any | None:
    """The name right before a past-tense verb the parse made a modifier inside a run of
    names ("President Donald Trump directed attorney Michael Cohen"), when that name belongs
    to the same noun phrase as the verb's head; else None."""
    if tok.dep_ != "amod" or tok.tag_ not in {"VBD", "VBN"} or tok.i == 0 or tok.head.i < tok.i:
        return None
    prev = tok.doc[tok.i - 1]
    if prev.ent_type_ not in {"PERSON", "ORG", "GPE", "NORP"} or prev.dep_ != "compound":
        return None
    phrase_head = tok.head
    while phrase_head.dep_ == "compound" and phrase_head.head.i != phrase_head.i:
        phrase_head = phrase_head.head
    return prev if prev.head.i == phrase_head.i else None


def _relative_gap(verb: Any) -> str | None:
    """What the noun a bare relative clause describes fills in it: "dobj" in "the missiles
    North Korea has developed", the stranded preposition in "the student the image was sent
    to"; None when the clause has its own object or a relative word."""
    kids = list(verb.children)
    if any(t.tag_ in {"WDT", "WP", "WP$", "WRB"} or t.lower_ == "that" and t.i < verb.i
           for t in verb.subtree):
        return None  # "the agreement that he signed", "in which case I would have gotten back"
    if noun_lemma(verb.head) in _NOT_PARTICIPANT_NOUNS or verb.head.pos_ not in {"NOUN", "PROPN"}:
        return None
    for c in kids:
        if c.dep_ == "prep" and not any(g.dep_ in {"pobj", "pcomp"} for g in c.children) and c.i > verb.i:
            return c.lower_
    if any(c.dep_ in {"dobj", "ccomp", "xcomp", "attr", "acomp", "auxpass", "dative"} for c in kids):
        return None
    return "dobj" if verb.pos_ == "VERB" and verb.tag_ in {"VBD", "VBN", "VBZ", "VBP"} else None


def _gerund_as_modifier(tok: Any) -> Any | None:
    """The preposition before a gerund the parse made a modifier of its own object ("accused
    of hacking emails": "hacking" as an adjective on "emails"), when the gerund follows the
    preposition at once and the preposition hangs on a verb or an adjective; else None."""
    if tok.dep_ != "amod" or tok.tag_ != "VBG" or tok.head.dep_ != "pobj" or tok.head.i < tok.i:
        return None
    prep = tok.head.head
    if prep.dep_ != "prep" or prep.i != tok.i - 1 or prep.head.pos_ not in {"VERB", "AUX", "ADJ"}:
        return None
    return prep


#: Nouns that complete a light verb into one predicate ("take aim", "take credit", "play a
#: role", "take action"), and the prepositions that then name what it is aimed at.
_PREDICATE_OBJECTS = {
    "take": frozenset({"aim", "credit", "action", "step", "steps", "issue", "exception", "note",
                       "notice", "advantage", "responsibility", "offense", "umbrage", "part",
                       "swipe", "shot", "stand", "measure", "measures"}),
    "play": frozenset({"role", "part"}),
    "have": frozenset({"role", "part", "hand"}),
    "make": frozenset({"decision", "move", "case", "use", "attempt", "effort", "push"}),
    "pay": frozenset({"tribute", "attention"}),
}
_PREDICATE_PREPS = frozenset({"at", "for", "in", "on", "against", "of", "to", "with"})


def _predicate_object(verb: Any, obj: Any) -> bool:
    """Whether ``obj`` completes ``verb`` into one predicate ("took aim", "played a role")."""
    return obj.lemma_.lower() in _PREDICATE_OBJECTS.get(verb_lemma(verb), frozenset())


def _undergoes(verb: Any) -> bool:
    return verb_lemma(verb) in _UNDERGO_VERBS and not any(
        c.dep_ in {"dobj", "attr"} and c.lemma_.lower() != "law" for c in verb.children)


#: Prepositions inside a verb's direct object whose object the verb acts on as well: "ruined
#: the life of his adviser", "voiced concerns about the visit", "accepted an invitation from
#: Boehner", "cancel the meeting with Putin", "drive a wedge between A and B".
_OBJECT_PHRASE_PREPS = frozenset({"of", "about", "from", "with", "against", "on", "between", "to"})


def _object_phrase_objects(obj: Any, res: EntityResolver) -> list[str]:
    """What a prepositional phrase on a verb's common-noun object names. On statuschain-dev,
    where the verb's gold target was otherwise missed, that phrase's object was a gold target
    36 times in 47 (the object itself being "the life", "concerns", "an invitation", or
    nothing at all: "the end of the war", "some kind of deal", "44 percent of the vote")."""
    if obj.pos_ != "NOUN":
        return []
    objects = [_pobj(c) for c in obj.children if c.dep_ == "prep" and c.lower_ in _OBJECT_PHRASE_PREPS]
    return [e for p in objects if p is not None for e in res.resolve_arg(p)]


#: Prepositions whose object is what an event with no other target acts on: "banging on
#: Stone's door", "returning to El Salvador", "went through a postal facility",
#: "a deal with Iran". On statuschain-dev's matched events with no target found, the object of
#: the first of these prepositions was a gold target 45 times in 56; "in", "at", "from" and
#: "for" were gold about half the time or less, and stay out.
_OBLIQUE_TARGET_PREPS = frozenset({"on", "to", "through", "with"})


def _oblique_target(out: list[Role], tok: Any, res: EntityResolver, obj_role: str) -> None:
    """The last resort for an event's target, when no rule gave it a target or recipient
    (or an instrument: "with a knife"): the object of its verbal complement ("voted to
    override the veto"), else the subject of its clausal complement ("vowed that birthright
    citizenship will end"; on statuschain-dev these gave 22 gold target names and no wrong
    one to a matched event), else the object of its first preposition of
    :data:`_OBLIQUE_TARGET_PREPS`."""
    if any(r in {"target", "recipient", "instrument"} for r, _ in out):
        return
    for c in tok.children:  # "voted to override the veto", "stopped testing its weapons"
        if c.dep_ == "xcomp" and c.pos_ == "VERB":
            objects = [g for g in c.children if g.dep_ == "dobj"]
            if objects:
                _add_roles(out, obj_role, res.resolve_arg(objects[0]))
                return
    for c in tok.children:  # "vowed that birthright citizenship will end", "refused to certify
        if c.dep_ == "ccomp":  # that Iran was in compliance": what the clause is about
            subjects = [g for g in c.children if g.dep_ in {"nsubj", "nsubjpass"} and g.pos_ != "PRON"]
            if subjects:
                _add_roles(out, obj_role, res.resolve_arg(subjects[0]))
                return
    # the phrase may hang on an adjective the verb takes: "pleaded not guilty to the charges"
    preps = [c for c in tok.children if c.dep_ == "prep"] + [
        g for c in tok.children if c.dep_ in {"acomp", "oprd"} and c.pos_ == "ADJ"
        for g in c.children if g.dep_ == "prep"]
    for c in preps:
        if c.lower_ not in _OBLIQUE_TARGET_PREPS:
            continue
        pobj = _pobj(c)
        if pobj is not None and pobj.ent_type_ not in _NOT_PARTICIPANT_ENTS:
            _add_roles(out, obj_role, res.resolve_arg(pobj))
        return


def _prep_roles(out: list[Role], prep: Any, event_type: str, res: EntityResolver,
                obj_role: str) -> None:
    word = prep.lower_
    if word in {"out", "off", "away"}:
        for g in prep.children:  # "pull out of the agreement" parsed as two prepositions
            if g.dep_ == "prep" and g.lower_ in {"of", "from"} and _pobj(g) is not None:
                _add_roles(out, "target", res.resolve_arg(_pobj(g)))
        return
    pobj = _pobj(prep)
    if pobj is None:
        return
    head_lemma = _lemma_of(prep.head)
    if word in {"with", "using"}:
        eids = [e for e in res.resolve(pobj) if res.entity_type(e) == "WEAPON"]
        _add_roles(out, "instrument", eids)
        if not eids and word == "with" and event_type != "ASSAULT" and head_lemma not in _WITH_NOT_PARTNER:
            partners = [e for e in res.resolve_arg(pobj) if res.entity_type(e) in _AGENT_TYPES]
            _add_roles(out, "target", partners)  # "met with Kim", "a deal with Iran"
    elif word == "on" and pobj.lemma_.lower() == "life":
        for g in pobj.children:
            if g.dep_ == "poss":
                _add_roles(out, "target", res.resolve(g))
    elif word in {"on", "against", "targeting"} and event_type in _AGAINST_TYPES:
        eids = [e for e in res.resolve(pobj) if res.entity_type(e) not in {"GPE", "LOC"}
                or event_type != "ASSAULT" or word != "on"]
        _add_roles(out, "target", eids)
    elif word in {"against", "targeting", "into"} or word == "on" and head_lemma in _ON_TARGET_HEADS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "vote on the bill", "inquiry into"
    elif word == "to" and obj_role == "recipient":
        _add_roles(out, "recipient", res.resolve_arg(pobj))
    elif word == "to" and head_lemma in _TO_RECIPIENT_HEADS:
        _add_roles(out, "recipient", res.resolve_arg(pobj))  # "lied to the vice president"
    elif word == "of" and any(c.dep_ == "prt" and c.lower_ in {"out", "off"} for c in prep.head.children):
        _add_roles(out, "target", res.resolve_arg(pobj))  # "pull out of the agreement"
    elif word == "for" and head_lemma in _FOR_TARGET_HEADS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "pay for the wall"
    elif word == "at" and event_type == "ASSAULT":
        eids = [e for e in res.resolve(pobj) if res.entity_type(e) in _PHYSICAL]
        _add_roles(out, "target", eids)
    elif word == "in" and head_lemma in _IN_TARGET_HEADS and pobj.ent_type_ not in _NOT_PARTICIPANT_ENTS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "interference in the election"
    elif word == "at" and head_lemma in _AT_TARGET_HEADS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "took aim at Reid", "a hard look at"


#: Nouns and verbs of stepping into something, whose "in" phrase is what they act on (not
#: where they happen): "interference in the 2016 election", "meddled in the vote".
_IN_TARGET_HEADS = frozenset({"interference", "interfere", "meddling", "meddle", "intervention",
                              "intervene", "involvement", "participation", "participate",
                              "chaos", "investment", "invest"})
#: Heads whose "at" phrase names what they are aimed at: "took aim at", "a hard look at".
_AT_TARGET_HEADS = frozenset({"aim", "look", "glance", "swipe", "jab", "shot", "dig", "lash",
                              "lunge", "laugh", "scoff", "balk", "bristle"})


def _lemma_of(tok: Any) -> str:
    return verb_lemma(tok) if tok.pos_ in {"VERB", "AUX"} else tok.lemma_.lower()


_AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})
#: Titles that can hold the name of the one who bears them (see ``_titled_person``).
_TITLE_HEADS = frozenset({"member", "leader", "head", "chief", "director", "spokesman", "spokeswoman",
                          "spokesperson", "minister", "president", "chairman", "chairwoman", "chair",
                          "secretary", "deputy", "lawmaker", "legislator", "senator", "representative",
                          "governor", "mayor", "commander", "founder", "editor", "ambassador", "envoy"})
#: What can do what an infinitive says: someone, or a weapon or vehicle ("sent the missile to strike").
_DOER_TYPES = _AGENT_TYPES | {"WEAPON", "VEHICLE"}
#: Nouns whose "to" infinitive is done by their owner ("Iran's attempt to acquire", "a plan to").
_INTENT_NOUNS = frozenset({"plot", "plan", "conspiracy", "attempt", "order", "effort", "bid", "threat",
                           "decision", "promise", "pledge", "move", "push", "intention", "desire",
                           "commitment", "vow", "offer", "proposal", "call", "request", "demand",
                           "ability", "right", "refusal", "failure", "willingness", "readiness",
                           "determination", "campaign", "drive", "scheme", "ambition", "goal",
                           "aim", "intent", "wish", "resolve", "agreement", "deal"})
_RELATIVE_PRONOUNS = frozenset({"whom", "who", "which", "that"})
#: Heads whose "with" phrase is not a partner ("charged with obstruction").
_WITH_NOT_PARTNER = frozenset({"charge", "accuse", "credit", "replace", "provide", "supply", "equip",
                               "arm", "fill", "cover", "associate", "comply", "begin", "start",
                               "end", "continue", "proceed", "go", "move", "come", "do", "satisfy",
                               "concern", "pleased", "happy", "familiar"})
_ON_TARGET_HEADS = frozenset({"vote", "crack", "crackdown", "sanction", "ruling", "rule", "decide",
                              "decision", "deal", "agreement", "talk", "negotiation", "hearing",
                              "report", "briefing", "spy", "impose", "tariff", "ban", "restriction",
                              "pressure", "focus", "act", "action", "move", "embargo", "veto",
                              "compromise", "bill", "limit", "cap", "tax", "strike", "attack",
                              "raid", "assault", "war", "call", "demand", "insist"})
_TO_RECIPIENT_HEADS = frozenset({"deploy", "dispatch", "present", "stream", "ship", "submit", "grant",
                                 "deny", "extend", "hand", "refer", "extradite", "deport", "return",
                                 "lie", "talk", "speak", "write", "send", "give", "offer", "appeal",
                                 "sell", "deliver", "explain", "apologize", "apologise", "complain",
                                 "reach", "respond", "reply", "turn", "pledge", "promise",
                                 "propose", "suggest", "announce", "admit", "confess", "tweet",
                                 "letter", "message", "threat", "aid",
                                 "assistance", "support", "loan", "donation", "invitation",
                                 "invite", "commit", "transfer", "provide", "pay", "leak"})
_FOR_TARGET_HEADS = frozenset({"pay", "vote", "call", "ask", "push", "fight", "lobby", "apply",
                               "search", "look", "account", "compensate", "chip", "fund",
                               "funding", "campaign", "advocate", "press", "argue", "seek",
                               "petition", "endorse", "endorsement", "nominate", "run", "support",
                               "bid"})

#: Nominal events whose "of" phrase names the doer ("the visit of the president").
AGENTIVE_NOMINALS = frozenset({
    "visit", "speech", "statement", "announcement", "decision", "testimony", "remark", "comment",
    "trip", "arrival", "departure", "resignation", "return", "response", "refusal", "victory",
    "campaign", "threat", "demand", "warning", "plan", "proposal", "offer", "call", "request",
    "claim", "effort", "attempt", "move", "policy", "meeting", "summit", "reaction", "tweet",
    "vote", "action", "behavior", "behaviour", "conduct", "rise", "fall", "failure", "success",
    "intervention", "involvement", "participation", "presence", "withdrawal", "retreat",
})


def _has_of_object(noun: Any) -> bool:
    return any(c.dep_ == "prep" and c.lower_ == "of" and _pobj(c) is not None for c in noun.children)


def _of_is_patient(tok: Any) -> bool:
    """Whether "the X of Y" makes Y the one it is done to: so for event nouns the lexicon does
    not know, unless the noun names something done by Y ("the visit of the president")."""
    lemma = tok.lemma_.lower()
    return lemma not in AGENTIVE_NOMINALS and lemma not in NOUN_TRIGGERS


#: Nouns that name an aim besides the plan-like ones (:data:`_INTENT_NOUNS`: "intention",
#: "goal", "aim"), so that "the X is to do" is done by whoever has it.
_AIM_NOUNS = frozenset({"purpose", "hope", "mission", "strategy", "priority", "idea", "job",
                        "task", "objective", "dream"})
#: Nouns whose "from" names what is left, not who acts ("withdrawal from Syria", "his
#: resignation from the board", "a release from prison").
_AWAY_NOUNS = frozenset({
    "withdrawal", "exit", "departure", "retreat", "release", "escape", "return", "expulsion",
    "deportation", "removal", "resignation", "defection", "extradition", "transfer", "evacuation",
    "flight", "ouster", "dismissal", "absence", "independence", "break", "separation", "secession",
    "retirement", "recusal", "pullout", "exclusion", "ban", "exemption", "distance", "shift",
    "move", "travel", "trip", "journey", "visit", "arrival", "migration", "exodus", "import",
    "transition", "switch", "change", "recovery", "rescue", "theft", "seizure",
})
#: Who a "from" phrase can name as the one acting: people and bodies, not places or things.
_FROM_AGENT_TYPES = frozenset({"PERSON", "ORG", "NORP"})


def noun_roles(tok: Any, event_type: str, res: EntityResolver, recipient_types: frozenset[str],
               patient_nominal: bool, extra_heads: tuple[Any, ...] = ()) -> list[Role]:
    """Participants of a nominal trigger ("the attack on its embassy", "his arrest")."""
    out: list[Role] = []
    obj_role = object_role(event_type, recipient_types)
    for head in (tok, *extra_heads):
        for c in head.children:
            dep = c.dep_
            if dep == "poss":
                # "his arrest": the one arrested; "the FBI's arrest of Stone": the one arresting
                role = obj_role if patient_nominal and not _has_of_object(head) else "actor"
                _add_roles(out, role, res.possessor(c))
            elif dep == "prep" and c.lower_ == "by":
                p = _pobj(c)
                if p is not None:
                    out.extend(_subject_role(res, res.resolve_arg(p)))
            elif dep == "prep" and c.lower_ == "of":
                p = _pobj(c)
                if p is not None:
                    role = obj_role if patient_nominal or _of_is_patient(tok) else "actor"
                    _add_roles(out, role, res.resolve_arg(p))
            elif dep == "prep" and c.lower_ == "between":
                p = _pobj(c)
                if p is not None:  # "talks between Trump and Kim": both sides do it
                    _add_roles(out, "actor", res.resolve_arg(p))
            elif dep == "prep" and c.lower_ == "from" and noun_lemma(head) not in _AWAY_NOUNS:
                p = _pobj(c)
                if p is not None:  # "pressure from Republicans", "an investigation from the FBI",
                    # "warnings from the Obama administration" (a body described)
                    _add_roles(out, "actor", [e for e in res.resolve_arg(p)
                                              if res.entity_type(e) in _FROM_AGENT_TYPES])
            elif dep == "prep":
                _prep_roles(out, c, event_type, res, obj_role)
            elif dep == "acl" and c.tag_ == "VBN" and verb_lemma(c) in _CONDUCT_VERBS and (
                    verb_lemma(c) != "carry" or any(g.dep_ == "prt" for g in c.children)):
                # ("an address carried by Israeli networks" only broadcast it)
                for g in c.children:  # "an investigation led by Robert Mueller"
                    if g.dep_ == "agent" and _pobj(g) is not None:
                        out.extend(_subject_role(res, res.resolve_arg(_pobj(g))))
            elif dep == "relcl" and verb_lemma(c) in _HARM_VERBS and not any(
                    r == "target" for r, _ in out):
                subj = [g for g in c.children if g.dep_ == "nsubj"]
                if subj and subj[0].lower_ in _RELATIVE_PRONOUNS:
                    for g in c.children:  # "the attacks that killed nearly 3,000 people"
                        if g.dep_ == "dobj":
                            _add_roles(out, "target", res.resolve_arg(g))
            elif dep == "acl" and c.lower_ in {"targeting", "targetting", "against"}:
                for g in c.children:
                    if g.dep_ == "dobj":
                        _add_roles(out, "target", res.resolve(g))
            elif dep in {"compound", "amod"} and c.i < tok.i:
                _modifier_role(out, c, event_type, res, obj_role)
    if tok.dep_ == "dobj" and verb_lemma(tok.head) in _LIGHT_VERBS | _CARRY_VERBS:
        for c in tok.head.children:  # "opened an investigation into the matter"
            if c.dep_ == "prep" and c.lower_ in {"into", "against"}:
                _prep_roles(out, c, event_type, res, obj_role)
    harm = _harm_by_means(tok)
    if harm is not None:  # "killed 3 people and injured 23 in bombings": the victims, the killer
        for verb in (harm, *[c for c in harm.conjuncts if c.pos_ == "VERB"]):
            for g in verb.children:
                if g.dep_ in {"dobj", "nsubjpass"}:
                    _add_roles(out, "target", res.resolve_arg(g))
        if not any(r == "actor" for r, _ in out):
            subj = [g for g in harm.children if g.dep_ == "nsubj"]
            if subj:
                out.extend(_subject_role(res, _clause_arg(subj[0], res)))
    if not any(r == "actor" for r, _ in out):
        for role, eid in _subject_role(res, _carrier(tok, res)):
            _add_roles(out, role, [eid])
    if not any(r == "actor" for r, _ in out):
        _add_roles(out, "actor", _setting_subject(tok, res))
    if not any(r in {"target", "recipient"} for r, _ in out):
        _add_roles(out, obj_role, _undergoer(tok, res))
    if noun_lemma(tok) in _AWAY_NOUNS and not any(r in {"target", "recipient"} for r, _ in out):
        for c in tok.children:  # "the withdrawal of troops from the peninsula": left behind
            if c.dep_ == "prep" and c.lower_ == "from" and _pobj(c) is not None:
                _add_roles(out, "target", res.resolve_arg(_pobj(c)))
    _oblique_target(out, tok, res, obj_role)
    return out


#: Verbs whose agent, on a participle describing an event noun, is who does the event: "an
#: investigation led by Mueller", "a raid carried out by the police", "talks hosted by Qatar".
_CONDUCT_VERBS = _CARRY_VERBS | {"lead", "head", "run", "host", "spearhead", "oversee", "wage",
                                 "broker", "mediate", "initiate", "sponsor"}
#: Verbs of harm whose victims an attack noun shares: "the attacks that killed 3,000
#: people", "killed 3 people in bombings".
_HARM_VERBS = frozenset({"kill", "injure", "wound", "hurt", "maim", "murder", "destroy", "damage",
                         "slay", "claim"})


def _harm_by_means(noun: Any) -> Any | None:
    """The verb of harm an event noun is the means of ("killed 3 people ... in bombings",
    "were wounded in an attack"), or None."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ not in {"in", "during", "by", "with"}:
        return None
    verb = prep.head
    while verb.dep_ == "conj" and verb.head.pos_ == "VERB" and verb_lemma(verb) in _HARM_VERBS:
        verb = verb.head  # "killed 3 people and injured 23 in bombings": the first verb
    return verb if verb.pos_ == "VERB" and verb_lemma(verb) in _HARM_VERBS else None


#: Verbs whose subject is what their object event is done to: "accepted an invitation",
#: "faces prosecution", "is awaiting confirmation", "merited investigation".
_UNDERGO_OBJECT_VERBS = frozenset({"accept", "receive", "get", "face", "merit", "deserve", "undergo",
                                   "suffer", "endure", "await", "risk", "escape", "survive"})


def _undergoer(noun: Any, res: EntityResolver) -> list[str]:
    """The subject of a verb of :data:`_UNDERGO_OBJECT_VERBS` whose object is the event noun,
    or of a refusal of an offer ("turned down an invitation", "rejected the offer") (a
    relative pronoun standing for the noun its clause describes)."""
    verb = noun.head
    lemma = verb_lemma(verb)
    refused = lemma in {"decline", "reject", "refuse"} or lemma == "turn" and any(
        c.dep_ == "prt" and c.lower_ == "down" for c in verb.children)
    if noun.dep_ != "dobj" or not (lemma in _UNDERGO_OBJECT_VERBS or refused
                                   and noun.lemma_.lower() in _INVITATION_NOUNS):
        return []
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    return _clause_arg(subj[0], res) if subj else []


#: Offers whose infinitive the one offered would do ("an invitation to meet").
_INVITATION_NOUNS = frozenset({"invitation", "invite", "offer"})
#: Texts whose participle speaks for whoever issued them ("a statement disputing parts").
_STATEMENT_NOUNS = frozenset({"statement", "letter", "report", "tweet", "post", "memo", "release",
                              "announcement", "filing", "complaint", "lawsuit", "op-ed", "column"})
_ISSUE_VERBS = frozenset({"issue", "release", "publish", "post", "send", "write", "file", "put",
                          "sign", "deliver", "make", "circulate", "tweet", "pen"})


def _issuer(noun: Any, res: EntityResolver) -> list[str]:
    """Who issued a statement: its possessor or "by" phrase, else the subject (or passive
    agent) of the verb that issued it ("Mueller releasing a statement", "a letter sent by")."""
    owners = [e for e in _intent_owner(noun, res) if res.entity_type(e) in _AGENT_TYPES]
    if owners:
        return owners
    verb = noun.head
    if noun.dep_ == "dobj" and verb_lemma(verb) in _ISSUE_VERBS:
        subj = [c for c in verb.children if c.dep_ == "nsubj"]
        if subj:
            return _clause_arg(subj[0], res)
        if verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in {"NOUN", "PROPN"}:
            return res.resolve_arg(verb.head)  # "Mueller releasing a statement"
    return []


#: Gatherings and appearances: the one who acts in the sentence they are the setting of
#: takes part in them ("In a joint press conference at the White House, Trump doubled
#: down", "he said at a rally", "during his visit").
_SETTING_NOUNS = frozenset({"conference", "rally", "interview", "speech", "address", "hearing",
                            "briefing", "session", "meeting", "summit", "visit", "trip", "talks",
                            "appearance", "debate", "ceremony", "event", "tour", "campaign"})


def _setting_subject(noun: Any, res: EntityResolver) -> list[str]:
    """The subject of the verb a gathering noun is the setting of (:data:`_SETTING_NOUNS`)."""
    if noun.lemma_.lower() not in _SETTING_NOUNS or noun.dep_ != "pobj":
        return []
    prep = noun.head
    if prep.lower_ not in {"in", "at", "during", "on"} or prep.head.pos_ not in {"VERB", "AUX"}:
        return []
    verb = prep.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE_PRONOUNS]
    if not subjects:
        return []
    return [e for e in res.resolve_arg(subjects[0]) if res.entity_type(e) in _AGENT_TYPES]


def _modifier_role(out: list[Role], mod: Any, event_type: str, res: EntityResolver,
                   obj_role: str) -> None:
    eid = res.mapped(mod)
    if eid is not None:
        etype = res.entity_type(eid)
        if etype in {"ORG", "NORP"} and event_type != "CONSULT":
            _add_roles(out, "actor", [eid])
        elif etype == "PERSON":
            _add_roles(out, obj_role, [eid])
        return
    if mod.lemma_.lower() in PERPETRATOR_MODIFIERS and event_type == "ASSAULT":
        found = res.resolve(mod) if mod.pos_ in {"NOUN", "PROPN"} else res.unnamed_for(mod)
        _add_roles(out, "actor", found)  # "a terrorist attack", "guerrilla raid"
        return
    if mod.dep_ != "compound":
        return
    utype = unnamed_type(mod.lemma_)
    if utype == "WEAPON":
        _add_roles(out, "instrument", res.resolve(mod))
    elif utype in _PHYSICAL:
        _add_roles(out, "target", res.resolve(mod))


#: Verbs whose object names an act of their own subject's: "denies any role in the attacks",
#: "threatened prosecution", "promised a swift response", "admitted the affair".
_OWN_ACT_VERBS = frozenset({"deny", "threaten", "promise", "pledge", "vow", "propose", "admit",
                            "acknowledge", "consider", "weigh", "plan", "announce", "defend"})


def _carrier(tok: Any, res: EntityResolver) -> list[str]:
    """"X carried out / launched / claimed the attack" -> X; "X made an attack on", "gave a
    speech", "held talks" -> X (light verbs), also when X is the subject of a governing verb."""
    t = tok
    if t.dep_ == "pobj" and t.head.lower_ == "for" and t.head.head.lemma_ == "responsibility":
        t = t.head.head
    if t.dep_ == "dobj" and (verb_lemma(t.head) in _LIGHT_VERBS | _OWN_ACT_VERBS) and verb_lemma(t.head) not in _CARRY_VERBS:
        verb = t.head
        subj = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE_PRONOUNS]
        if subj:
            return [e for e in res.resolve_arg(subj[0]) if res.entity_type(e) != "OBJECT"]
        if not any(c.dep_ == "nsubjpass" for c in verb.children):
            return [e for e in _controller(verb, res, frozenset()) if res.entity_type(e) != "OBJECT"]
        return []
    if t.dep_ in {"dobj", "nsubjpass"} and verb_lemma(t.head) in _CARRY_VERBS:
        verb = t.head
        for c in verb.children:
            if c.dep_ == "nsubj" and t.dep_ == "dobj":
                return res.resolve(c)
            if c.dep_ == "agent":
                p = _pobj(c)
                if p is not None:
                    return res.resolve(p)
        if t.dep_ == "dobj" and verb.dep_ == "pcomp":
            return _suspect_of(verb, res)
    return []


def _suspect_of(verb: Any, res: EntityResolver) -> list[str]:
    """"men suspected of planning a bombing", "they were accused of carrying out" -> the men."""
    prep = verb.head
    gov = prep.head if prep.dep_ == "prep" else None
    if gov is None or gov.pos_ not in {"VERB", "ADJ"}:
        return []
    if gov.dep_ in {"acl", "relcl", "amod"} and gov.head.pos_ in {"NOUN", "PROPN", "PRON"}:
        return res.resolve(gov.head)
    for c in gov.children:
        if c.dep_ in {"nsubjpass", "nsubj"}:
            return res.resolve(c)
    return []


def location_of(tok: Any, res: EntityResolver) -> str | None:
    """A place entity in an "in/at/near" phrase on the trigger or its clause's verb."""
    candidates = [tok]
    t = tok
    for _ in range(3):
        if t.head.i == t.i:
            break
        t = t.head
        candidates.append(t)
        if t.pos_ in {"VERB", "AUX"}:
            break
    for c in list(candidates[:1]):
        for child in c.children:
            if child.dep_ in {"dobj", "nsubjpass"}:
                candidates.extend(_with_conjuncts(child))
            elif child.dep_ == "prep" and child.lower_ in {"of", "on", "against"}:
                p = _pobj(child)
                if p is not None:
                    candidates.extend(_with_conjuncts(p))
    for c in candidates:
        for child in c.children:
            if child.dep_ != "prep" or child.lower_ not in _PLACE_PREPS:
                continue
            p = _pobj(child)
            if p is None:
                continue
            found = _place_entity(p, res)
            if found is not None:
                return found
    return None


def _place_entity(pobj: Any, res: EntityResolver) -> str | None:
    eid = res.mapped(pobj)
    if eid is not None and res.entity_type(eid) in _PLACE_TYPES:
        return eid
    if pobj.lemma_.lower() in _PLACE_NOUNS:
        inner = _of_object(pobj)
        if inner is not None:
            eid = res.mapped(inner)
            if eid is not None and res.entity_type(eid) in _PLACE_TYPES:
                return eid
        for c in pobj.children:
            if c.dep_ in {"compound", "appos"}:
                eid = res.mapped(c)
                if eid is not None and res.entity_type(eid) in _PLACE_TYPES:
                    return eid
    return None


def _norm(name: str) -> str:
    s = name.lower()
    s = re.sub(r"^(?:a|an|the|its|their|his|her|this|that|these|those)\s+", "", s)
    return re.sub(r"\s+", " ", s).strip()


__all__ = [
    "EntityResolver",
    "unnamed_type",
    "verb_roles",
    "noun_roles",
    "location_of",
    "phrase_bounds",
    "PERSON_HEADS",
    "ORG_HEADS",
    "WEAPON_HEADS",
    "VEHICLE_HEADS",
    "FAC_HEADS",
    "OBJECT_HEADS",
]
