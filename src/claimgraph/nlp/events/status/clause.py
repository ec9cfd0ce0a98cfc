"""What a clause says about its verb: negation, modals, "if" and "whether" clauses,
counterfactuals, prevention and a noun's own schedule. The lowest layer of the
``status`` package: every other module of it reads these.
"""

from __future__ import annotations

from typing import Any

from ...attribution.cues import modal_misread
from ..lexicon import FOIL_VERBS, PLOT_NOUNS, to_infinitive, verb_lemma

_PLANNED_ADJ = frozenset({"upcoming", "planned", "proposed", "scheduled", "expected", "future",
                          "forthcoming", "impending", "intended", "imminent", "pending", "next"})


#: Words that put a possessive time ahead: "next week's meeting".
_NEXT_WORDS = frozenset({"next", "coming"})


_PLANNED_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "intend", "propose",
                            "prepare", "announce", "go"})


_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can",
                     "must", "'ll", "wo", "ca"})


_DENY_VERBS = frozenset({"deny", "refute", "dismiss", "reject"})


def _children(tok: Any, deps: set[str]) -> list[Any]:
    return [c for c in tok.children if c.dep_ in deps]


def _clause_verb(tok: Any) -> Any:
    """The verb heading the clause a token is in (the token itself for verbs)."""
    t = tok
    for _ in range(8):
        if t.pos_ in {"VERB", "AUX"} or t.head.i == t.i:
            return t
        t = t.head
    return t


def _is_negated(verb: Any, ceased: bool = True) -> bool:
    """Whether ``verb`` is denied ("did not", "never"), or with ``ceased`` no longer done."""
    for c in verb.children:
        if c.dep_ == "neg" or (c.dep_ == "advmod" and c.lower_ == "never"):
            nxt = c.doc[c.i + 1] if c.i + 1 < len(c.doc) else None
            if nxt is not None and nxt.lower_ in {"only", "just", "merely"}:
                continue
            return True
        if ceased and c.dep_ == "advmod" and c.lower_ == "longer" and any(g.lower_ == "no" for g in c.children):
            return True  # "the North no longer insisted on the withdrawal"
    return False


def _counterfactual(verb: Any) -> bool:
    """"if ... had succeeded", "Had this operation succeeded", "would have been traced"."""
    auxes = _children(verb, {"aux", "auxpass"})
    lemmas = [a.lower_ for a in auxes]
    if "have" in lemmas and "would" in lemmas:
        return True
    if "have" in lemmas and ("could" in lemmas or "might" in lemmas) and _conditional_sentence(verb):
        return True
    marks = [c.lower_ for c in _children(verb, {"mark"})]
    if "if" in marks or "unless" in marks:
        return "had" in lemmas or any(m in lemmas for m in ("were", "would"))
    if verb.dep_ == "advcl" and auxes and auxes[0].lower_ == "had" and auxes[0].i < verb.i:
        subj = _children(verb, {"nsubj", "nsubjpass"})
        if subj and auxes[0].i < subj[0].i:
            return True
    return False


def _conditional_sentence(verb: Any) -> bool:
    sent = verb.sent
    return any(t.lower_ in {"if", "unless"} for t in sent) or sent[0].lower_ == "had"


def _in_counterfactual(verb: Any) -> bool:
    t = verb
    for _ in range(4):
        if _counterfactual(t):
            return True
        if t.dep_ not in {"conj", "xcomp", "advcl", "ccomp"} or t.head.i == t.i:
            return False
        if t.dep_ == "advcl" and not _children(t, {"mark"}) and t.tag_ == "VBG":
            t = t.head  # "derailing ...", a participle riding on the main clause
            continue
        if t.dep_ in {"advcl", "ccomp"}:
            return False
        t = t.head
    return False


def _modal(verb: Any) -> bool:
    auxes = _children(verb, {"aux", "auxpass"})
    if any(a.lower_ == "have" for a in auxes):
        return False  # "may have been carried out": about the past, not a plan
    if modal_misread(verb):
        return False  # no modal governs a bare past form: "on 11 may a bomb destroyed" is a date
    for a in auxes:
        if a.lower_ in _MODALS or a.lemma_ in _MODALS:
            return True
    if verb.dep_ in {"xcomp", "ccomp"} and verb_lemma(verb.head) in _PLANNED_HEADS:
        # "announced that it will close", not "announced that gunmen placed 11 bombs": a
        # complement clause in a past tense of its own reports what was done
        return verb.dep_ == "xcomp" or not _past_clause(verb)
    if verb.dep_ == "pobj" and verb.head.lower_ == "to" and verb_lemma(verb.head.head) in _PLANNED_HEADS:
        return True  # "were going to Explode" parsed as a prepositional object
    return False


def _past_clause(verb: Any) -> bool:
    """A finite clause in a past tense: "placed", "had placed", "was placed", "has been seen"."""
    if verb.tag_ == "VBD":
        return True
    return any(a.dep_ in {"aux", "auxpass"} and a.lower_ in {"had", "has", "have", "was", "were", "did"}
               for a in verb.children)


def _denied(verb: Any) -> bool:
    return verb.dep_ == "ccomp" and verb_lemma(verb.head) in _DENY_VERBS


def _prevented(tok: Any) -> bool:
    """The mention is the object of "foil/thwart/prevent", or the subject of "fail"; or the
    antecedent of "which was thwarted" (also when the parse hangs the clause on the last noun
    of the plot's own phrase: "a plot to assassinate the rabbi, which was thwarted by ...")."""
    head = tok.head
    if verb_lemma(head) == "break" and tok.lemma_.lower() not in PLOT_NOUNS:
        return False  # "broke his promise", "broke the ceasefire": made, then not kept
    if tok.dep_ in {"dobj", "nsubjpass"} and verb_lemma(head) in FOIL_VERBS and not (_is_negated(head) or any(
            c.dep_ in {"aux", "auxpass"} and (c.lower_ == "to" or c.lower_ in _MODALS) for c in head.children)):
        return True  # only a prevention that happened: not "tried to stop the plan", "could thwart it"
    return _thwarted_within(tok)


def _thwarted_within(tok: Any) -> bool:
    """A "which was thwarted" clause on ``tok`` or on a noun of its own phrase after it (where
    the parse may hang the clause that describes the whole)."""
    return any(_foiling_clause(r) for t in tok.subtree if t.i >= tok.i for r in t.children if r.dep_ == "relcl")


#: Verbs that keep someone "from" doing something.
_KEEP_FROM = FOIL_VERBS | {"stop", "block", "keep", "deter"}


#: Attempt nouns whose infinitive a foiling verb stops: "foiled an attempt to smuggle weapons".
_ATTEMPT_NOUNS = frozenset({"attempt", "bid", "effort"})


def _kept_from(verb: Any) -> str | None:
    """What someone was kept from doing was stopped before it was done: "prevented the suicide
    bomber from detonating his vest", "stopped the men from boarding the plane" (the guideline's
    ``foiled``); and the infinitive of an attempt that was foiled ("foiled an attempt to
    smuggle weapons"). What a law or rule keeps people from doing, in the present, is
    ``negated`` ("the bill prevents Saudi Arabia from invoking its immunity": statuschain-dev's
    reading). None when the keeping is denied or only possible ("did not stop him from
    leaving", "could prevent them from voting")."""
    gov = None
    if verb.dep_ == "pcomp" and verb.head.lower_ == "from" and verb.head.dep_ == "prep":
        gov = verb.head.head
        for _ in range(4):  # "prevents countries with ties to terrorist groups from invoking":
            if gov.pos_ not in {"NOUN", "PROPN", "ADP"} or gov.head.i == gov.i:  # "from" on a noun
                break
            gov = gov.head
        if gov.pos_ != "VERB" or verb_lemma(gov) not in _KEEP_FROM:
            return None
    elif verb.dep_ == "acl" and verb.head.lemma_.lower() in _ATTEMPT_NOUNS and to_infinitive(verb):
        noun = verb.head
        if not (noun.dep_ in {"dobj", "nsubjpass"} and verb_lemma(noun.head) in FOIL_VERBS):
            return None
        gov = noun.head
    if gov is None or _is_negated(gov) or _modal(gov) or in_condition(gov) or to_infinitive(gov):
        return None  # nor "any practical way to stop them from crossing"
    if gov.tag_ not in {"VBD", "VBN", "VBZ", "VBP"}:
        return None
    return "negated" if gov.tag_ in {"VBZ", "VBP"} else "foiled"


def _foiling_clause(rel: Any) -> bool:
    """"which was thwarted / foiled / disrupted ...": a relative clause that stopped what it
    describes (passive, with "which" or "that" as its subject; not denied, not modal)."""
    return (verb_lemma(rel) in FOIL_VERBS
            and any(c.dep_ == "nsubjpass" and c.lower_ in {"which", "that"} for c in rel.children)
            and not (_is_negated(rel) or _modal(rel)))


def _failed_subject(tok: Any) -> bool:
    return tok.dep_ == "nsubj" and verb_lemma(tok.head) in {"fail", "collapse", "falter"}


def _plan_content(verb: Any) -> bool:
    """"The plan involved surveillance ... and included recruitment": the content of a plan."""
    v = verb
    for _ in range(3):
        if any(c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in PLOT_NOUNS
               for c in v.children):
            return True
        if v.dep_ != "conj":
            return False
        v = v.head
    return False


def scheduled(tok: Any) -> bool:
    """Whether a nominal event carries its own schedule: "the upcoming summit", "a planned
    speech", "a visit ... expected later this month" (a modifier of the noun itself)."""
    for c in tok.children:
        dep, low = c.dep_, c.lower_
        if dep in {"amod", "compound", "acl", "advmod"} and low in _PLANNED_ADJ:
            return True
        if dep in {"acl", "amod"} and c.lemma_.lower() in _PLANNED_HEADS:
            return True
        if dep == "amod" and low == "coming" or dep == "poss" and any(
                w.lower_ in _NEXT_WORDS for w in c.children):
            return True  # "the coming summit", "next week's meeting" (not "the version coming in at")
    # "a summit between the two, scheduled for June": the participle after the comma modifies
    # the noun phrase, though the parser often hangs it on the main verb
    after = tok.right_edge.i + 1
    doc = tok.doc
    if after + 1 < len(doc) and doc[after].text == "," and tok.right_edge.sent == tok.sent:
        part = doc[after + 1]
        return (part.tag_ == "VBN" and part.lemma_.lower() in _PLANNED_HEADS
                and part.dep_ in {"advcl", "acl"}
                and not any(c.dep_ in {"nsubj", "nsubjpass"} for c in part.children))
    return False


_CONDITION_MARKS = frozenset({"if", "whether", "unless"})


#: Arguments an event noun may hold in the marked clause and still be what it conditions.
_CONDITION_ARGS = frozenset({"nsubj", "nsubjpass", "dobj", "attr", "compound", "conj"})


def in_condition(tok: Any) -> bool:
    """The event stands in its own "if", "whether" or "unless" clause: "if Iran threatens
    us", "examining whether the campaign colluded", "unless there is a nuclear threat".

    The clause states a condition or an open question, not a happening (the guideline's
    ``hypothetical``: 39 of 39 such statuschain-dev events). The walk stops at the clause's
    own head, so "said that he would go if asked" marks "asked", never "go"; and it climbs
    only from a subject, object or predicate noun of the marked verb, so what the question
    presupposes stays as it is ("whether the bands were responsible for his assassination":
    the assassination happened).
    """
    t = tok
    for _ in range(3):
        if any(c.dep_ == "mark" and c.lower_ in _CONDITION_MARKS for c in t.children):
            return True
        able = _ability_verb(t)
        if able is not None:
            t = able
            continue
        if t.dep_ not in _CONDITION_ARGS or t.head.i == t.i:
            return False
        t = t.head
    return False


def _ability_verb(tok: Any) -> Any | None:
    """The verb that predicates an ability adjective governing ``tok`` ("were" in "were
    capable of detonating", "is" in "is able to attack"), else None."""
    if tok.dep_ in {"pcomp", "pobj"} and tok.head.dep_ == "prep":
        adj = tok.head.head
    elif tok.dep_ == "xcomp":
        adj = tok.head
    else:
        return None
    if adj.lower_ in _ABILITY and adj.dep_ == "acomp" and adj.head.i != adj.i:
        return adj.head
    return None


#: Adjectives that say the actor cannot or will not do it, and their positive forms that do
#: when negated: the act is ruled out.
_UNABLE = frozenset({"unable", "unwilling", "reluctant", "hesitant", "loath"})


_ABLE = frozenset({"able", "willing"})


#: Adjectives of ability and readiness: what follows them is no more asserted than a bare verb
#: of the clause ("whether they were even capable of detonating", "if he is able to attack").
_ABILITY = _ABLE | _UNABLE | {"capable", "incapable", "ready", "prepared", "poised"}


def _conditional_consequent(verb: Any) -> bool:
    """"would hurt the economy if they were extended": a "would", "could" or "might" clause
    with its own "if" or "unless" condition is conditional, not a plan (the guideline's
    hypothetical), whoever reports it."""
    if not any(a.lower_ in {"would", "could", "might", "'d"} for a in _children(verb, {"aux", "auxpass"})):
        return False
    return any(m.lower_ in {"if", "unless"} for c in _children(verb, {"advcl"}) for m in _children(c, {"mark"}))


def in_counterfactual(tok: Any) -> bool:
    """Whether a trigger token stands in a counterfactual clause (antecedent or consequent)."""
    verb = _clause_verb(tok)
    return verb.pos_ in {"VERB", "AUX"} and _in_counterfactual(verb)


#: Statuses an "if" / "whether" / "unless" clause turns into ``hypothetical`` (an attempt or a
#: prevention keeps its own cue's reading).
_CONDITIONABLE = frozenset({"occurred", "planned", "negated", "unknown"})
