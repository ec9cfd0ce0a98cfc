"""Readings that rule an event out or deny it: refused, not willing or able, denied,
"no" commitment, nothing done, still to come ("had yet to"), a negated possibility.
"""

from __future__ import annotations

from typing import Any

from ..features import imperative, negative_argument
from ..lexicon import refuses, to_infinitive
from .clause import (
    _ABLE,
    _CONDITIONABLE,
    _MODALS,
    _UNABLE,
    _children,
    _clause_verb,
    _in_counterfactual,
    _is_negated,
    _modal,
    in_condition,
)

#: Modals whose negation denies a possibility or forbids, rather than saying the act did not
#: happen: "you cannot end birthright citizenship with an executive order", "the deal should
#: not be tossed aside" (7 of 8 and 5 of 5 ``hypothetical`` on statuschain-dev; "could not
#: process their claims" reports a failure and stays ``negated``).
_OPEN_MODALS = frozenset({"can", "ca", "should", "must", "shall"})


def modal_denial(tok: Any) -> bool:
    """The event's own verb is a negated "can", "should" or "must": a denied possibility or
    a prohibition, which the guideline reads as ``hypothetical``, not ``negated``."""
    kids = _children(_clause_verb(tok), {"aux", "auxpass", "neg"})
    return (any(c.dep_ == "neg" for c in kids)
            and any(c.dep_ != "neg" and c.lower_ in _OPEN_MODALS for c in kids))


_REFUSALS = frozenset({"refuse", "decline"})


_PERMISSIONS = frozenset({"allow", "let", "permit"})


def ruled_out(tok: Any) -> bool:
    """The event is what its actor refuses ("refused to certify", "refusing to tone down"),
    will not allow ("would not allow the incident to distract him", "I am not going to
    allow this thing to dominate") or is not willing or able to do ("he's not willing to
    fund", "would not be able to process", "unable to pay"): the guideline's future act
    ruled out, ``negated``; so is what an invitation, offer or request turned down asks for
    ("turned down an invitation to meet", "declined a request for a private meeting"). A
    refusal that is itself only possible ("might refuse to") rules out nothing, and a
    condition keeps its own reading ("if Trump is not willing to")."""
    offer = _offer_of(tok)
    if offer is not None and offer.dep_ == "dobj" and refuses(offer.head):
        return not _is_negated(offer.head) and not _modal(offer.head) and not _in_counterfactual(offer.head)
    stopper = _stopped_short(tok) or _pledge_broken(tok)
    if stopper is not None:
        return not _is_negated(stopper) and not _modal(stopper) and not _in_counterfactual(stopper)
    if tok.dep_ not in {"xcomp", "ccomp"} or tok.head.i == tok.i:
        return False
    head = tok.head
    lemma = head.lemma_.lower()
    if lemma in _REFUSALS:
        return not _is_negated(head) and not _modal(head) and not _in_counterfactual(head)
    if lemma in _INTENTIONS and tok.dep_ == "xcomp":  # "he does not plan to testify"
        return _is_negated(head) and not _modal(head) and not in_condition(head)
    if lemma in _PERMISSIONS:
        going = head.head if head.dep_ == "xcomp" and head.head.lemma_.lower() == "go" else None
        return _is_negated(head) or (going is not None and _is_negated(going))
    clause = head.head if head.dep_ == "acomp" else head  # the copula of "is not willing"
    if lemma in _UNABLE:
        return not _is_negated(head) and not _is_negated(clause) and not in_condition(clause)
    if lemma in _ABLE:  # "he's not willing to fund", "would not be able to process"
        return (_is_negated(head) or _is_negated(clause)) and not in_condition(clause)
    return False


#: Verbs of intention whose denial rules the act out ("does not plan to testify", "did not
#: intend to run"); a denied expectation is a prediction, left to the other readings.
_INTENTIONS = frozenset({"plan", "intend"})


#: What stops short of an act: "stopped short of calling on Trump to cancel", "fell short of".
_SHORT_OF = frozenset({"stop", "fall"})


#: Nouns of a pledge, and verbs that go back on one: "reneged on pledges to give up its
#: nuclear program", "broke his promise to cut taxes".
_PLEDGE_NOUNS = frozenset({"pledge", "promise", "commitment", "vow", "undertaking"})


_GOING_BACK = frozenset({"renege", "backtrack", "break", "abandon", "betray"})


def _stopped_short(tok: Any) -> Any | None:
    """The verb of "stopped short of" when ``tok`` is the act it stopped short of."""
    if tok.dep_ != "pcomp" or tok.head.lower_ != "of":
        return None
    head = tok.head.head  # "short" or, as the parse often has it, the verb itself
    verb = head.head if head.lower_ == "short" else head
    if verb.lemma_.lower() in _SHORT_OF and (head.i != verb.i or any(c.lower_ == "short" for c in verb.children)):
        return verb
    return None


def _pledge_broken(tok: Any) -> Any | None:
    """The verb that goes back on the pledge whose act ``tok`` is ("reneged on pledges to give
    up", "broke his promise to cut taxes"), else None."""
    if tok.dep_ not in {"acl", "relcl"} or not to_infinitive(tok):
        return None
    noun = tok.head
    if noun.lemma_.lower() not in _PLEDGE_NOUNS:
        return None
    verb = noun.head.head if noun.dep_ == "pobj" else noun.head if noun.dep_ == "dobj" else None
    if verb is not None and verb.lemma_.lower() in _GOING_BACK:
        return verb
    return None


#: Nouns that ask for an act: what they ask for is ruled out when they are turned down.
_OFFER_NOUNS = frozenset({"invitation", "invite", "offer", "request", "proposal", "call", "demand"})


def _offer_of(tok: Any) -> Any | None:
    """The offer or request noun whose infinitive or "for" object ``tok`` is, else None."""
    if tok.dep_ in {"acl", "relcl"} and tok.head.lemma_.lower() in _OFFER_NOUNS and to_infinitive(tok):
        return tok.head
    if tok.dep_ == "pobj" and tok.head.lower_ == "for" and tok.head.head.lemma_.lower() in _OFFER_NOUNS:
        return tok.head.head
    return None


_CORE_ARGS = frozenset({"nsubj", "nsubjpass", "dobj"})


def nothing_done(tok: Any) -> bool:
    """The event's own verb says nobody did it or nothing came of it ("nothing happened to
    her", "none of the devices have exploded", "they offered nothing in return") or that it
    is still to come ("they had yet to speak to officials"): reported as not having
    happened, the guideline's ``negated`` (all 12 such dev events)."""
    if tok.pos_ != "VERB":
        return False
    if any(c.dep_ in _CORE_ARGS and negative_argument(c) for c in tok.children):
        return True
    return (tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "have"
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in tok.children)
            and any(c.lower_ == "yet" for c in tok.head.children))


def none_such(tok: Any) -> bool:
    """An event noun that "no" says there was none of, in a plain statement ("He made no
    commitment", "there was no Russian collusion", "the two announced no agreement"):
    ``negated`` over the classifier's ``hypothetical`` (statuschain-dev: 10 of the 12 nouns
    it takes are negated, the other two a quoted "no" the detector does not find, "the lone
    “no” vote"). Under a modal it stays as it is: "There should be no one-on-one meeting" is
    a prohibition, ``hypothetical`` (2 of 2)."""
    if tok.pos_ != "NOUN" or not negative_argument(tok):
        return False
    verb = tok.head
    while verb.pos_ not in {"VERB", "AUX"} and verb.dep_ in {"pobj", "prep", "conj", "appos"} and verb.head.i != verb.i:
        verb = verb.head
    return verb.pos_ not in {"VERB", "AUX"} or not (_modal(verb) or _is_negated(verb))


def denied_act(tok: Any) -> bool:
    """The event is what a denial denies: "denied that he asked Comey", "deny ever pursuing
    nuclear weapons", "denies any role in the attacks", "denied any coaching" (the guideline's
    ``negated``, in a chain that ends at the one who denies: all 5 such dev events)."""
    head = tok.head
    if head.i == tok.i or head.lemma_.lower() != "deny" or _is_negated(head):
        return False
    if tok.pos_ in {"VERB", "AUX"}:
        return tok.dep_ in {"ccomp", "xcomp"}
    return tok.dep_ == "dobj"


def no_occasion(tok: Any) -> bool:
    """The event is what a clause on "no" occasion says will happen: "There is no circumstance
    whatsoever under which I will bear false witness, nor will I make up lies" (the guideline's
    own example of a future act ruled out, ``negated``; statuschain-dev 4 of 4)."""
    verb = tok
    for _ in range(3):
        if verb.dep_ == "relcl":
            return any(c.dep_ == "det" and c.lower_ == "no" for c in verb.head.children)
        if verb.dep_ not in {"conj", "xcomp", "ccomp"} or verb.head.i == verb.i:
            return False
        verb = verb.head
    return False


_PLAIN_AUX = frozenset({"do", "does", "did", "have", "has", "had", "be", "is", "are", "was", "were",
                        "been", "being", "am"})


def plain_negation(tok: Any) -> bool:
    """The event's own verb is negated in a plain past or present statement: "I did not send
    this", "had never met Weiner", "wasn't working on the FBI's behalf" (statuschain-dev: 40
    negated, 3 otherwise, all three conditions or imperatives, which keep their reading). A
    modal ("could not", "will not") is a denied possibility or a refusal, read elsewhere."""
    if tok.pos_ not in {"VERB", "AUX"} or imperative(tok):
        return False
    if not (_is_negated(tok) or _neither_nor(tok)):
        return False
    kids = list(tok.children)
    auxes = [c for c in kids if c.dep_ in {"aux", "auxpass"}]
    if any(a.lower_ in _MODALS or a.lemma_ in _MODALS or a.lower_ == "to" for a in auxes):
        return False
    if any(c.dep_ == "advmod" and c.lower_ == "yet" for c in kids):
        return False  # "not yet intercepted": still to come
    if tok.tag_ == "VB" and not any(c.dep_ in {"nsubj", "nsubjpass", "expl"} for c in kids):
        return False  # "Don't hand another dictator a victory": a demand
    return bool(auxes) and all(a.lemma_.lower() in _PLAIN_AUX or a.lower_ in _PLAIN_AUX for a in auxes) \
        or not auxes and tok.tag_ in {"VBD", "VBZ", "VBP"}


def _neither_nor(verb: Any) -> bool:
    """"nor did he give any hint", "it neither confirms nor denies", "neither his office nor the
    police had contacted him": a verb under "nor" or "neither", or whose subject is one
    (statuschain-dev: negated 7 of 7)."""
    if any(c.lower_ == "nor" and c.dep_ in {"cc", "preconj", "advmod", "dep"} and c.i < verb.i
           for c in verb.children):
        return True
    if any(c.dep_ == "preconj" and c.lower_ == "neither" for c in verb.children):
        return True
    if any(c.dep_ in {"nsubj", "nsubjpass"} and any(
            g.lower_ == "neither" and g.dep_ in {"preconj", "det"} for g in c.children) for c in verb.children):
        return True  # "neither Mr. Weiner's office nor any law enforcement authorities had contacted him"
    return verb.dep_ == "conj" and any(
        c.dep_ == "preconj" and c.lower_ == "neither"
        or c.dep_ == "cc" and c.lower_ == "nor" and verb.head.i < c.i < verb.i
        for c in verb.head.children)


def left_undone(tok: Any) -> bool:
    """The event is what was done without, or in place of: "passed without a single 'no'
    vote", "without consulting the White House", "rather than agreeing to disarm" (the
    guideline's ``negated``: 6 of 6 such dev events); a noun after "rather than" is only an
    alternative weighed ("rather than a courtesy phone call")."""
    if tok.dep_ not in {"pobj", "pcomp"}:
        return False
    prep = tok.head
    if prep.lower_ == "without":
        return True
    if tok.dep_ != "pcomp":  # "rather than a courtesy phone call": an alternative weighed
        return False
    return prep.lower_ == "than" and any(c.lower_ == "rather" for c in prep.children) or (
        prep.lower_ == "of" and prep.head.lower_ == "instead")


def _reads_negated(status: str, tok: Any) -> bool:
    """Whether one of the guideline's negated readings applies to an event read ``status``
    (the classifier's ``hypothetical`` gives way to a refusal or a denial, a plan to none)."""
    if status in {"occurred", "unknown"} and nothing_done(tok):
        return True
    if status in {"hypothetical", "planned"} and nothing_done(tok) and not _modal(tok):
        return True  # "She has committed no crime", "recommended no charges be filed"
    if status == "hypothetical" and none_such(tok):
        return True
    if status in {"occurred", "unknown", "hypothetical", "planned"} and (
            plain_negation(tok) or left_undone(tok)):
        return True
    if status in {"occurred", "unknown", "hypothetical"} and denied_act(tok):
        return True
    if status in {"occurred", "unknown", "hypothetical", "planned"} and no_occasion(tok):
        return True
    return status in _CONDITIONABLE | {"hypothetical"} and ruled_out(tok)
