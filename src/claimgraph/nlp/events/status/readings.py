"""The guideline's conventions for requests, intentions, questions, predictions and
speculation, and :func:`guideline_reading`, which applies every reading to a status the
classifier (or the rules) gave.
"""

from __future__ import annotations

import re
from typing import Any

from ...attribution.cues import modal_misread
from ...quotemarks import quoted_ranges
from ..features import governor_class, imperative
from ..lexicon import to_infinitive, verb_lemma
from .clause import (
    _CONDITIONABLE,
    _MODALS,
    _children,
    _clause_verb,
    _in_counterfactual,
    _is_negated,
    _kept_from,
    _modal,
    in_condition,
    in_counterfactual,
    scheduled,
)
from .negation import _reads_negated, modal_denial
from .outcomes import (
    called_off,
    carried_out,
    condemned,
    escaped,
    failed_attempt,
    failed_device,
    presupposed,
    took_part,
    undone,
)

#: Clauses a question takes for given: "in killing the Jesuits", "after killing the priests",
#: "the man who attacked him".
_GIVEN_CLAUSES = frozenset({"pcomp", "pobj", "advcl", "acl", "relcl", "amod"})


_CLAUSE_END = re.compile(r"[.!;:]\s")


def asked(tok: Any) -> bool:
    """The event's verb stands in a direct question, asked, not asserted: "does anyone get
    attacked more than me?", "who alerted CNN to be there?" (statuschain-dev: 6 of the 6 events
    inside a question are ``hypothetical``, all verbs). The question mark closes the verb's own
    clause: it follows the verb in the sentence with no full stop between, inside the same
    quotation as the verb or outside any, so the verb that reports a quoted question
    ("questioned “who alerted CNN?”", "“Who's gonna pay?” he asks") is no part of it. An event
    noun, or a verb in an adjunct or relative clause, is not read so: what the question takes
    for given stays as it is ("Following the murder of the Jesuits, what are relations like
    ...?", "What intention did the general staff have in killing the Jesuits?", "how could the
    murderers remain ... after killing the priests?": MUC-4, where each happened)."""
    if tok.pos_ not in {"VERB", "AUX"} or tok.dep_ in _GIVEN_CLAUSES:
        return False
    sent = tok.sent
    text = sent.text
    at = tok.idx - sent.start_char
    mark = text.find("?", at)
    if mark < 0 or _CLAUSE_END.search(text, at, mark):
        return False
    quotes = quoted_ranges(text)
    here = next((q for q in quotes if q[0] <= at < q[1]), None)
    there = next((q for q in quotes if q[0] <= mark < q[1]), None)
    return here == there


def requested(tok: Any) -> bool:
    """The event is the infinitive of a verb of request: "called for Mr. Trump to cancel the
    meeting", "urged Obama to stop it", "implored the president to veto" (the guideline's
    demanded act, ``hypothetical``: 20 of 24 such statuschain-dev events)."""
    if tok.dep_ not in {"xcomp", "advcl", "ccomp"} or tok.head.i == tok.i:
        return False
    if not any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children):
        return False
    return governor_class(tok.head) == "request"


#: Governors that ask for the event noun they take: "called for the cancellation of the
#: meeting", "insisted on the withdrawal", "urged restraint" (the guideline's demanded act).
_REQUEST_FOR = frozenset({"call", "ask", "push", "press", "appeal", "clamor", "clamour", "lobby"})


_REQUEST_OBJECT = frozenset({"demand", "urge", "request", "recommend", "seek"})


def requested_noun(tok: Any) -> bool:
    """An event noun asked for: the object of "demand", "urge", "request", "recommend", of
    "call / ask / push / press for", or of "insist on" (statuschain-dev: hypothetical 5 of
    5). A governor that is itself denied or only possible asks for nothing."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if tok.dep_ == "dobj":
        gov = tok.head
        ok = verb_lemma(gov) in _REQUEST_OBJECT
    elif tok.dep_ == "pobj" and tok.head.dep_ == "prep":
        gov = tok.head.head
        ok = (tok.head.lower_ == "for" and verb_lemma(gov) in _REQUEST_FOR
              or tok.head.lower_ == "on" and verb_lemma(gov) == "insist")
    else:
        return False
    # ("no longer insisted on the withdrawal": asked for until now, still not done)
    return ok and gov.pos_ == "VERB" and not _is_negated(gov, ceased=False)


#: Governors that set an event noun in the future: "ahead of his speech", "to prepare for
#: direct talks", "is awaiting confirmation"; and that announce it as their own act:
#: "threatened prosecution", "promised North Korea fire and fury".
_AWAIT_OBJECT = frozenset({"await", "threaten", "promise", "vow", "pledge"})


_PREPARE_FOR = frozenset({"prepare", "preparation", "brace", "ready"})


#: Participles that put an event on the calendar: "the talks are supposed to take place",
#: "Tuesday is slated for discussions", "the vote is scheduled for Monday".
_SLATED = frozenset({"suppose", "slate", "schedule", "set", "due", "slat"})


#: Nouns of a stretch of time or a series that pass their schedule to what they hold: "a day
#: of discussions", "a round of talks".
_SPAN_NOUNS = frozenset({"day", "week", "round", "series", "evening", "morning", "night", "weekend"})


def awaited_noun(tok: Any) -> bool:
    """An event noun still to come by its governor's word (statuschain-dev: planned 6 of 6):
    the object of "await", "threaten", "promise", "vow", "pledge" (not negated, not only
    possible), the object of "ahead of" or of "prepare / preparation for", the subject of
    "supposed", "scheduled", "set", "due", and what "slated / scheduled for" names; "a day
    of" or "a round of" passes the schedule on."""
    if _looked_forward_to(tok):
        return True  # "I look forward to being fully and completely vindicated"
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    if scheduled(tok) or any(c.dep_ == "amod" and c.lower_ in _ANNOUNCED_MODIFIERS for c in tok.children):
        return True  # "the proposed executive order", "threatened prosecution" (parsed as a modifier)
    if tok.dep_ == "dobj":
        gov = tok.head
        if verb_lemma(gov) in _CALL_OFF_OBJECT and _the_one_set(tok):
            return True  # "called on Trump to cancel his meeting with Putin": it is on the calendar
        return (verb_lemma(gov) in _AWAIT_OBJECT and not _is_negated(gov) and not _modal(gov)
                and not _in_counterfactual(gov))
    if tok.dep_ in {"nsubj", "nsubjpass"}:  # "the talks are supposed to take place in May"
        gov = tok.head
        return (gov.lemma_.lower() in _SLATED and (gov.tag_ == "VBN" or gov.pos_ == "ADJ")
                and not _is_negated(gov))
    if tok.dep_ != "pobj" or tok.head.dep_ != "prep":
        return False
    prep, gov = tok.head, tok.head.head
    if prep.lower_ == "of" and gov.pos_ == "NOUN" and gov.lemma_.lower() in _SPAN_NOUNS:
        return awaited_noun(gov)  # "ahead of a day of foreign policy discussions"
    if prep.lower_ == "of" and gov.lower_ == "ahead":
        return True
    return prep.lower_ == "for" and (gov.lemma_.lower() in _PREPARE_FOR
                                    or gov.lemma_.lower() in _SLATED and gov.tag_ == "VBN")


#: Verbs whose object, a definite event, is on the calendar whatever becomes of it: one only
#: cancels, postpones, skips or attends what is set ("cancel his meeting with Putin").
_CALL_OFF_OBJECT = frozenset({"cancel", "postpone", "delay", "reschedule", "boycott", "skip", "attend"})


#: Participles of announcing that put an event noun ahead beside :func:`scheduled`'s words:
#: "threatened prosecution" (a verb and its object the parse made a modifier), "his promised
#: wall" (statuschain-dev, with :func:`scheduled`: planned 12 of 12).
_ANNOUNCED_MODIFIERS = frozenset({"promised", "threatened", "pledged", "vowed", "announced",
                                  "anticipated", "looming"})


def _looked_forward_to(tok: Any) -> bool:
    """The event is what someone looks forward to ("look forward to being vindicated",
    "looking forward to the summit"; statuschain-dev: planned 4 of 4)."""
    if tok.dep_ not in {"pobj", "pcomp"} or tok.head.lower_ != "to":
        return False
    gov = tok.head.head
    if gov.lower_ == "forward":
        gov = gov.head
    return gov.lemma_.lower() == "look" and any(c.lower_ == "forward" for c in gov.children) \
        and not _is_negated(gov)


def _the_one_set(noun: Any) -> bool:
    """A definite event noun: "his meeting", "the summit", "this week's talks", "the upcoming
    vote"."""
    return scheduled(noun) or any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in {"the", "this", "that", "these"}
                                  for c in noun.children)


#: Verbs and adjectives of intention whose infinitive is the actor's plan: "planned to
#: petition", "hoped to discuss", "wanted to move on", "vowed to retaliate", "is working to
#: secure", "ready to talk" (statuschain-dev: planned 47 of 51; "willing", "prepared",
#: "intend" and "expect" split and stay with the classifier).
_INTEND_HEADS = frozenset({"plan", "hope", "want", "vow", "pledge", "promise", "threaten", "prepare",
                           "schedule", "work", "ready"})


def intended(tok: Any) -> bool:
    """The event is the infinitive of a verb of intention stated as fact: the governor itself
    not denied, not modal, not a condition's ("would want to", "if he plans to" keep their
    reading), and the event not denied on its own ("vowed not to")."""
    if tok.dep_ not in {"xcomp", "acl", "advcl"} or tok.head.i == tok.i or _is_negated(tok):
        return False
    if not to_infinitive(tok):
        return False
    head = tok.head
    if head.lemma_.lower() not in _INTEND_HEADS:
        return False
    clause = head.head if head.dep_ == "acomp" else head  # "is ready to talk"
    return not (_is_negated(head) or _is_negated(clause) or _modal(clause) or _modal(head)
                or _in_counterfactual(clause) or in_condition(clause) or imperative(head))


_PAST_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "'d"})


def speculative_past(tok: Any) -> bool:
    """The event's own verb is a modal perfect: "may have passed through", "could have been
    sent", "would have appeared" (speculated or counterfactual, never reported as done: the
    guideline's ``hypothetical``, all 16 such dev events)."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    auxes = [a.lower_ for a in _children(tok, {"aux", "auxpass"})]
    return "have" in auxes and any(a in _PAST_MODALS for a in auxes)


def guideline_reading(status: str, tok: Any) -> str:
    """The status after the readings the guideline states outright, applied to whatever the
    rules or the classifier said: an act ruled out by its actor, one nobody did and one a
    denial denies are ``negated`` (:func:`ruled_out`, :func:`nothing_done`,
    :func:`denied_act`); a condition or open question, a denied possibility or a
    prohibition, a modal perfect (:func:`speculative_past`) and a demanded act (asked of
    someone, asked for: "called for the cancellation", or an imperative: "Cancel the Putin
    meeting.") are ``hypothetical`` (an attempt or a prevention keeps its own cue's
    reading); an event noun awaited, threatened or promised (:func:`awaited_noun`) and the
    infinitive of a stated intention (:func:`intended`) are ``planned``, over the
    classifier's ``hypothetical`` too. What a verb stated as done says was done
    (:func:`carried_out`), a possessed event noun (:func:`presupposed`) and an event noun that
    did something in the past (:func:`took_part`) are ``occurred``; a future with its own
    condition is ``hypothetical`` (:func:`conditioned_future`)."""
    condition = in_condition(tok)
    question = condition or in_condition(_clause_verb(tok))  # its clause a condition or a question
    if (failed_attempt(tok) or escaped(tok) or failed_device(tok)) and status != "foiled" and not question:
        return "attempted"
    if (carried_out(tok) or condemned(tok)) and not question:
        return "occurred"
    if called_off(tok) and not question:
        return "negated"
    kept = _kept_from(tok)
    if kept is not None and not question:
        return kept  # over the classifier too: "the bill prevents ... from invoking"
    if status in {"planned", "hypothetical"} and undone(tok) and not question:
        return "occurred"
    if status in {"negated", "occurred", "planned", "unknown", "hypothetical"} and in_counterfactual(tok):
        # "Had the plot not been discovered, ...", "I wouldn't have won": imagined either way
        # (statuschain-dev: 13 of 13 events in counterfactual clauses hypothetical)
        return "hypothetical"
    if _reads_negated(status, tok) and not condition:
        return "negated"
    if status not in _CONDITIONABLE | {"hypothetical"}:
        return status
    if status in {"hypothetical", "occurred"} and presupposed(tok) and not (
            question or requested_noun(tok) or awaited_noun(tok)):
        return "occurred"
    if status == "planned" and took_part(tok) and not (question or awaited_noun(tok)):
        return "occurred"
    if (condition or requested(tok) or requested_noun(tok) or imperative(tok) or conditioned_future(tok)
            or speculative_past(tok) or (status == "negated" and (modal_denial(tok) or demanded_absence(tok)))
            or status == "occurred" and asked(tok)
            or status != "negated" and (speculative_modal(tok) or only_possible(tok) or weighed_act(tok))):
        return "hypothetical"
    if status in {"occurred", "unknown", "hypothetical"} and not question and (
            awaited_noun(tok) or intended(tok) or reported_future(tok)):
        return "planned"
    return status


#: Verbs that announce or decide what someone will do: their "would" clause is the backshifted
#: "will" of an announcement. Narrower than the attribution cues' SPEECH_VERBS on purpose: the
#: "would" after "argued", "believe" or "predicted" is a forecast ("has argued that such a
#: measure would put Americans at legal risk"), not a plan.
_ANNOUNCE_HEADS = frozenset({"say", "tell", "announce", "add", "decide", "promise", "pledge", "vow",
                             "declare", "state", "confirm", "insist", "assure", "warn"})


def reported_future(tok: Any) -> bool:
    """"Kerry said that he would be in Switzerland negotiating", "decided that he would remain
    behind": a "would" clause a past verb of announcing or deciding reports, with no condition
    in the sentence, is the backshifted "will" of an announcement, ``planned``
    (statuschain-dev: 7 of 7; the status features' ``would_reported`` reads the same clause
    for the classifier)."""
    verb = tok if tok.pos_ in {"VERB", "AUX"} else None
    if verb is None:
        return False
    if not any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in verb.children):
        if verb.dep_ not in {"advcl", "xcomp"} or verb.head.lemma_.lower() != "be":
            return False
        verb = verb.head  # "would be in Switzerland negotiating": the participle's "be"
        if not any(c.dep_ == "aux" and c.lower_ in {"would", "'d"} for c in verb.children):
            return False
    if _is_negated(verb) or verb.dep_ != "ccomp":
        return False
    head = verb.head
    if verb_lemma(head) not in _ANNOUNCE_HEADS or head.tag_ not in {"VBD", "VBN"} or _is_negated(head):
        return False
    return not any(t.lower_ in {"if", "unless", "whether"} for t in verb.sent)


def demanded_absence(tok: Any) -> bool:
    """"There should be no one-on-one meeting": an event noun under "no" whose verb carries a
    modal of obligation or possibility is asked not to happen, not reported as not having
    happened (statuschain-dev: hypothetical 2 of 2)."""
    return (tok.pos_ == "NOUN" and any(c.dep_ == "det" and c.lower_ == "no" for c in tok.children)
            and speculative_modal(tok))


def conditioned_future(tok: Any) -> bool:
    """A verb in the future ("will", "'ll", "shall", "is going to") whose own clause has an "if"
    or "unless" condition: the consequent of a conditional, ``hypothetical`` by the guideline
    ("will back up Netanyahu's intel if asked", "This nation is going to fail if it falls into
    the hands of a crazy man"; statuschain-dev: hypothetical 4 of 4). Nouns are left alone: a
    threatened "price" or "consequences" stays the threat's planned act."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    anchor = tok
    if tok.dep_ == "xcomp" and tok.head.lemma_.lower() == "go" and tok.head.tag_ == "VBG":
        anchor = tok.head  # "is going to fail"
    elif not any(c.dep_ == "aux" and c.lower_ in {"will", "'ll", "shall", "wo"} for c in tok.children):
        return False
    if _is_negated(tok) or _is_negated(anchor):
        return False  # ("will not ... unless": a refusal, the rules for refusals read it)
    return any(c.dep_ == "advcl" and any(g.dep_ == "mark" and g.lower_ in {"if", "unless"} for g in c.children)
               for c in (*anchor.children, *tok.children))


#: Modals of possibility and obligation: what they govern is speculated, demanded or
#: allowed, not scheduled (the guideline's hypothetical; "will" and "would" may be plans).
_SPECULATIVE_MODALS = frozenset({"could", "might", "may", "should", "must", "can", "ought"})


def speculative_modal(tok: Any) -> bool:
    """The event's clause verb (or the verb its infinitive depends on) carries "could",
    "might", "may", "should", "must" or "can", not negated: "it could cause additional strain",
    "Iran might resume", "the president should cancel", "we can resist" (statuschain-dev: 56
    hypothetical, 3 otherwise). A noun takes its clause verb's modal when it is the verb's
    subject or object ("such a session could compound the misperception")."""
    verb = tok
    if tok.pos_ not in {"VERB", "AUX"}:
        if tok.dep_ not in {"nsubj", "nsubjpass", "dobj", "attr"} or tok.head.pos_ not in {"VERB", "AUX"}:
            return False
        verb = tok.head
    for _ in range(3):
        kids = list(verb.children)
        auxes = [c.lower_ for c in kids if c.dep_ in {"aux", "auxpass"}]
        if any(a in _SPECULATIVE_MODALS for a in auxes) and not modal_misread(verb):
            # "so that he could meet Mattis" states a purpose, the guideline's plan
            purpose = verb.dep_ == "advcl" and any(
                c.dep_ == "mark" and c.lower_ in {"so", "that"} for c in kids)
            return not purpose and not any(c.dep_ == "neg" for c in kids) and "have" not in auxes
        if any(a in _MODALS for a in auxes) or verb.dep_ not in {"xcomp", "conj"} or verb.head.pos_ not in {"VERB", "AUX"}:
            return False
        if verb.dep_ == "conj" and (verb.tag_ != "VB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in kids)):
            return False  # a modal governs a bare conjoined verb ("could explode and kill") only
        verb = verb.head
    return False


#: Modals that weigh an act someone might do: "would", "could", "might", "may".
_WEIGHING_MODALS = frozenset({"would", "could", "might", "may"})


def weighed_act(tok: Any) -> bool:
    """A gerund that is the subject of a modal clause ("glad-handing with Putin would be an
    insult", "returning to El Salvador would be worse", "scrapping the concept would do away
    with a principle"): an act weighed, not done or planned (statuschain-dev: 5 of 5 such
    gerunds hypothetical; the nouns with "will" are scheduled events, not this)."""
    gerund = tok.tag_ == "VBG" or tok.tag_ == "NN" and tok.lower_.endswith("ing") and not any(
        c.dep_ in {"det", "poss"} for c in tok.children)  # "glad-handing", parsed as a noun
    if not gerund or tok.dep_ not in {"csubj", "nsubj", "csubjpass"}:
        return False
    verb = tok.head
    auxes = [c for c in verb.children if c.dep_ in {"aux", "auxpass"}]
    return any(a.lower_ in _WEIGHING_MODALS for a in auxes) and not any(c.dep_ == "neg" for c in verb.children)


#: Nouns whose infinitive is only possible: the features' class of capability and chance
#: ("the capability to rain down", "the range to strike", "a chance to"), without the two
#: of an actor's readiness ("willingness to engage" reads as a plan on dev), and nouns of
#: leave ("my blessing to discuss", "the right to").
_READINESS = frozenset({"willingness", "readiness"})


_LEAVE_NOUNS = frozenset({"right", "authority", "freedom", "permission", "blessing", "leverage",
                          "prowess", "wherewithal"})


def _only_possible_noun(noun: Any) -> bool:
    lemma = noun.lemma_.lower()
    return lemma in _LEAVE_NOUNS or governor_class(noun) == "possible" and lemma not in _READINESS


#: Verbs whose gerund object is an act advocated or weighed, not done: "supported staying in
#: the deal", "consider cancelling his summit", "hoped to discuss denuclearizing".
_ADVOCATE_VERBS = frozenset({"support", "favor", "favour", "oppose", "propose", "suggest", "recommend",
                             "advocate", "urge", "discuss", "explore", "envision"})


#: ("considering killing the policy" weighs the actor's own plan: left to the classifier.)
_CAPACITY_LOST = frozenset({"exhaust", "lose", "lack", "forfeit", "surrender"})


def only_possible(tok: Any) -> bool:
    """Acts the text only allows, advocates or asks for, the guideline's ``hypothetical``
    (statuschain-dev: 15 of 17): the infinitive of a noun of capability or leave ("had the
    range to strike"), the gerund a verb of advocacy takes ("supported staying in the Iran
    deal"), and a subjunctive clause ("demand that the U.S. withdraw its troops"); not a
    capacity denied or spent ("had exhausted its capacity to handle")."""
    if tok.dep_ in {"acl", "relcl"} and _only_possible_noun(tok.head) and to_infinitive(tok):
        noun = tok.head  # "did not have the capacity to handle them" rules the act out
        return not (any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
                    or noun.head.pos_ in {"VERB", "AUX"} and (
                        _is_negated(noun.head) or verb_lemma(noun.head) in _CAPACITY_LOST))
    if tok.tag_ == "VBG" and tok.dep_ in {"xcomp", "dobj", "ccomp"} and tok.head.lemma_.lower() in _ADVOCATE_VERBS:
        return not _is_negated(tok.head)
    return (tok.dep_ == "ccomp" and tok.tag_ == "VB"
            and any(c.dep_ == "nsubj" for c in tok.children)
            and not any(c.dep_ in {"aux", "auxpass"} for c in tok.children))
