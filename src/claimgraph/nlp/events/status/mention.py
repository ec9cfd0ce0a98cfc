"""The rules' reading of one mention, from its own clause (:func:`mention_status`), and
how the readings of an event's mentions combine (:func:`combine`).
"""

from __future__ import annotations

from typing import Any

from ..lexicon import PLOT_NOUNS, plot_of, to_infinitive, verb_lemma
from .clause import (
    _PLANNED_HEADS,
    _children,
    _clause_verb,
    _conditional_consequent,
    _denied,
    _failed_subject,
    _in_counterfactual,
    _is_negated,
    _kept_from,
    _modal,
    _plan_content,
    _prevented,
    _thwarted_within,
    scheduled,
)

PRECEDENCE = ("foiled", "attempted", "occurred", "planned", "negated", "hypothetical")


WEAK_OCCURRED = "occurred?"


_FOIL_ADJ = frozenset({"foiled", "thwarted", "prevented", "aborted", "disrupted", "averted",
                       "frustrated", "botched", "uncovered", "dismantled", "neutralized"})


_FAIL_ADJ = frozenset({"failed", "unsuccessful", "abortive", "attempted", "would-be"})


#: "a possible meeting", "potential collusion": speculated, not scheduled (the guideline's
#: hypothetical; statuschain-dev nominals with these words: 10 hypothetical, 0 planned).
_POSSIBLE_ADJ = frozenset({"possible", "potential", "prospective", "hypothetical", "eventual"})


#: Verbs whose object event is only intended: "planning a bombing", "prepared an attack",
#: "threatened prosecution", "promised a stern, swift response". Not "mastermind": who
#: "masterminded the attack" planned one that was carried out.
_PLAN_OBJ_VERBS = frozenset({"plan", "plot", "prepare", "intend", "contemplate", "organize",
                             "organise", "scheme", "threaten", "promise", "vow", "pledge"})


def _nominal_status(tok: Any, plot_like: bool) -> str | None:
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "acl", "advmod"}}
    if mods & _FOIL_ADJ or _prevented(tok):
        return "foiled"
    if mods & _FAIL_ADJ or _failed_subject(tok):
        return "foiled" if plot_like else "attempted"
    if any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children):
        return "negated"
    if mods & _POSSIBLE_ADJ:
        return "hypothetical"
    if scheduled(tok):
        return "planned"
    for t in tok.subtree:  # "a visit by the minister, expected next month"
        if t.dep_ == "acl" and t.tag_ == "VBN" and t.lemma_.lower() in _PLANNED_HEADS:
            return "planned"
    return None


#: Verbs whose infinitive, when they are stated as done, was done too: "forced that nation to
#: dismantle its program", "managed to leave" (implicatives).
_IMPLICATIVE_HEADS = frozenset({"force", "compel", "manage", "cause", "oblige"})


#: Verbs whose object is an act that missed them: "escaped a dynamite attack", "survived an
#: ambush", "evaded the kidnappers' attempt".
_ESCAPE_VERBS = frozenset({"escape", "evade", "elude", "dodge", "survive"})


def _verbal_status(verb: Any) -> str | None:
    if _in_counterfactual(verb) or _conditional_consequent(verb):
        return "hypothetical"
    if _is_negated(verb) or _denied(verb):
        return "negated"
    if _modal(verb):
        return "planned"
    if verb.tag_ in {"VBD", "VBN", "VBZ", "VBP", "VBG"}:
        return "occurred"
    return None


def mention_status(tok: Any, cues: set[str], nominal: bool) -> str:
    """The status one mention's own wording gives its event."""
    plot_like = tok.lemma_.lower() in PLOT_NOUNS or "plot" in cues
    heads = [tok]
    if nominal and tok.dep_ == "compound":
        heads.append(tok.head)
    if nominal:
        for h in heads:
            s = _nominal_status(h, h.lemma_.lower() in PLOT_NOUNS or plot_like)
            if s is not None:
                return s
        verb = _clause_verb(tok)
        if verb.i != tok.i and _plan_content(verb):
            return "planned"
        if (tok.dep_ == "dobj" and verb.i == tok.head.i and verb_lemma(verb) in _PLAN_OBJ_VERBS
                and not _is_negated(verb) and not _in_counterfactual(verb)):
            return "planned"  # "suspected of planning a bombing"
        if verb.i != tok.i and verb.pos_ in {"VERB", "AUX"}:
            if _in_counterfactual(verb):
                return "hypothetical"
            if ((_is_negated(verb) or _denied(verb)) and tok.dep_ in {"dobj", "nsubj", "nsubjpass"}
                    and verb_lemma(verb) not in _ESCAPE_VERBS):  # "did not survive the attack": it hit
                return "negated"
            if _modal(verb) and tok.dep_ in {"dobj", "nsubj", "nsubjpass", "attr"}:
                return "planned"
        if "attempt" in cues:
            return "attempted"
        carried = _carried_status(tok, verb)
        if carried is not None:
            return carried
        if plot_like:
            return "planned"
        return WEAK_OCCURRED
    kept = _kept_from(tok)
    if kept is not None:
        return kept  # "police prevented the bomber from detonating his vest"
    plot = plot_of(tok)
    if plot is not None and (_nominal_status(plot, True) == "foiled" or _thwarted_within(tok)):
        # "police foiled a plot to bomb the embassy": the bombing was foiled; so in "a plot to
        # assassinate the rabbi, which was thwarted", the clause hung on the plot's last noun
        return "foiled"
    s = _verbal_status(tok)
    if s in {"hypothetical", "negated"}:
        return s
    if "attempt" in cues and tok.dep_ in {"xcomp", "acl"}:
        return "attempted"
    if {"plan", "purpose"} & cues and tok.dep_ in {"xcomp", "acl", "advcl"}:
        return "planned"
    if tok.dep_ in {"xcomp", "acl"} and _children(tok, {"aux"}) and tok.tag_ == "VB":
        head_status = _verbal_status(tok.head) if tok.head.pos_ in {"VERB", "AUX"} else None
        return "planned" if head_status != "hypothetical" else "hypothetical"
    return s or "unknown"


#: Verbs that only carry out the event their object names.
_CARRY_OUT_VERBS = frozenset({"carry", "conduct", "commit", "perpetrate", "stage", "launch", "execute",
                              "mount"})


def _carried_status(noun: Any, verb: Any) -> str | None:
    """The status of an event noun a carrying verb takes inside an infinitive: "tried to
    carry out an attack", "failed to carry out" are ``attempted``; "was paid $200,000 to
    carry out the killing", "hired a gang to carry out the attack", "planned to carry out"
    are ``planned`` (a purpose or a plan says nothing of it being done); "managed to carry
    out" (an implicative) says it was, and is left to the other readings (None); a governor
    denied ("did not try to carry out") leaves it ``negated``."""
    if noun.dep_ != "dobj" or noun.head.i != verb.i or verb_lemma(verb) not in _CARRY_OUT_VERBS:
        return None
    if verb.dep_ not in {"xcomp", "advcl", "acl"} or not to_infinitive(verb):
        return None
    gov = verb.head
    if _is_negated(gov):
        return "negated"  # "did not try to carry out the attack", "never planned to"
    if _modal(gov):
        return None
    lemma = verb_lemma(gov)
    if lemma in {"try", "attempt", "seek", "fail"}:
        return "attempted"
    return None if lemma in _IMPLICATIVE_HEADS else "planned"


def combine(statuses: list[str]) -> str:
    for s in PRECEDENCE:
        if s in statuses:
            return s
    if WEAK_OCCURRED in statuses:
        return "occurred"
    return "unknown"
