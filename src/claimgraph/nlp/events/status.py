"""The ``status`` step: did each event occur, or was it planned, attempted, foiled ...

Every mention of an event (``scratch["event_mentions"]`` from the ``events`` step) gets a
status from its own clause:

* prevention: "the foiled attack", "the plot failed", "thwarted the plot", and an arrest
  "before they could act" -> ``foiled`` for the plotted event;
* attempt: "assassination attempt", "tried to kill", "a failed attack" -> ``attempted``;
* counterfactuals: "if X had succeeded, it would have ...", "Had X succeeded" ->
  ``hypothetical`` for the antecedent's and the consequent's events;
* negation: "did not attack", "never", "denied that ..." -> ``negated``;
* modality and intention: will, would, could, may, plan, intend, "is expected",
  "upcoming", "scheduled", infinitives of purpose -> ``planned``;
* otherwise past/present indicative clauses -> ``occurred``.

Mention statuses are combined by precedence (foiled > attempted > occurred > planned >
negated > hypothetical); a nominal mention with no cue only counts when nothing else
does. Reporting verbs ("said", "reported") never change the status of what they report.
An event stated only inside ``opinion`` claims is never ``occurred``.
"""

from __future__ import annotations

import re
from typing import Any

from ...models import Document, Event
from ...pipeline import step
from ..attribution.cues import modal_misread, unsaid
from ..quotemarks import quoted_ranges
from .features import governor_class, imperative, negative_argument
from .lexicon import FOIL_VERBS, PLOT_NOUNS, plot_of, refuses, to_infinitive, verb_lemma
from .participants.vocabulary import WEAPON_HEADS

PRECEDENCE = ("foiled", "attempted", "occurred", "planned", "negated", "hypothetical")
WEAK_OCCURRED = "occurred?"

_FOIL_ADJ = frozenset({"foiled", "thwarted", "prevented", "aborted", "disrupted", "averted",
                       "frustrated", "botched", "uncovered", "dismantled", "neutralized"})
_FAIL_ADJ = frozenset({"failed", "unsuccessful", "abortive", "attempted", "would-be"})
_PLANNED_ADJ = frozenset({"upcoming", "planned", "proposed", "scheduled", "expected", "future",
                          "forthcoming", "impending", "intended", "imminent", "pending", "next"})
#: "a possible meeting", "potential collusion": speculated, not scheduled (the guideline's
#: hypothetical; statuschain-dev nominals with these words: 10 hypothetical, 0 planned).
#: Words that put a possessive time ahead: "next week's meeting".
_NEXT_WORDS = frozenset({"next", "coming"})
_POSSIBLE_ADJ = frozenset({"possible", "potential", "prospective", "hypothetical", "eventual"})
_PLANNED_HEADS = frozenset({"expect", "schedule", "plan", "set", "due", "intend", "propose",
                            "prepare", "announce", "go"})
_MODALS = frozenset({"will", "would", "could", "may", "might", "shall", "should", "can",
                     "must", "'ll", "wo", "ca"})
_NEG_WORDS = frozenset({"not", "n't", "never", "no"})
_DENY_VERBS = frozenset({"deny", "refute", "dismiss", "reject"})
#: Verbs whose object event is only intended: "planning a bombing", "prepared an attack",
#: "threatened prosecution", "promised a stern, swift response". Not "mastermind": who
#: "masterminded the attack" planned one that was carried out.
_PLAN_OBJ_VERBS = frozenset({"plan", "plot", "prepare", "intend", "contemplate", "organize",
                             "organise", "scheme", "threaten", "promise", "vow", "pledge"})
_BEFORE_AUX = frozenset({"could", "can", "would", "might", "had"})


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


#: Adjectives that say the actor cannot or will not do it, and their positive forms that do
#: when negated: the act is ruled out.
_UNABLE = frozenset({"unable", "unwilling", "reluctant", "hesitant", "loath"})
_ABLE = frozenset({"able", "willing"})
#: Adjectives of ability and readiness: what follows them is no more asserted than a bare verb
#: of the clause ("whether they were even capable of detonating", "if he is able to attack").
_ABILITY = _ABLE | _UNABLE | {"capable", "incapable", "ready", "prepared", "poised"}


_PAST_MODALS = frozenset({"may", "might", "could", "would", "should", "must", "'d"})


def speculative_past(tok: Any) -> bool:
    """The event's own verb is a modal perfect: "may have passed through", "could have been
    sent", "would have appeared" (speculated or counterfactual, never reported as done: the
    guideline's ``hypothetical``, all 16 such dev events)."""
    if tok.pos_ not in {"VERB", "AUX"}:
        return False
    auxes = [a.lower_ for a in _children(tok, {"aux", "auxpass"})]
    return "have" in auxes and any(a in _PAST_MODALS for a in auxes)


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


#: Verbs whose infinitive, when they are stated as done, was done too: "forced that nation to
#: dismantle its program", "managed to leave" (implicatives).
_IMPLICATIVE_HEADS = frozenset({"force", "compel", "manage", "cause", "oblige"})
#: Verbs of phase: what one began, started, continued or kept doing is being done.
_PHASE_HEADS = frozenset({"begin", "start", "continue", "resume", "keep"})
#: Verbs that praise, blame or punish someone "for" a deed: the deed was done ("praised the
#: officers for quickly arresting a suspect", "fired him for lying").
_DEED_FOR_HEADS = frozenset({"praise", "thank", "blame", "criticize", "criticise", "fault", "punish",
                             "fire", "commend", "congratulate", "condemn", "credit", "apologize",
                             "apologise"})


def carried_out(tok: Any) -> bool:
    """The event is what a verb stated as done says was done: the infinitive of an implicative
    ("forced that nation to dismantle"), what was begun or continued ("started to attack",
    "continued to allege": statuschain-dev occurred 6 of 8, the other two modal) or the deed
    someone was praised, thanked, blamed or fired for ("praised law enforcement officials for
    quickly arresting a suspect"; statuschain-dev: occurred 6 of 6). The governor must be a plain statement of the past or
    present: not denied, not modal, not in a condition ("would thank them for").
    """
    if tok.pos_ != "VERB":
        return False
    if tok.dep_ == "xcomp" and verb_lemma(tok.head) in _PHASE_HEADS:
        gov = tok.head  # "started to attack", "began crossing", "were continuing to occupy"
        if gov.tag_ == "VBG" and any(c.dep_ == "aux" and c.lemma_ == "be" for c in gov.children):
            return not (_is_negated(gov) or _is_negated(tok) or in_condition(gov))
    elif tok.dep_ == "xcomp" and to_infinitive(tok):
        gov = tok.head
        if verb_lemma(gov) not in _IMPLICATIVE_HEADS:
            return False
    elif tok.dep_ == "pcomp" and tok.head.lower_ == "for" and tok.head.dep_ == "prep":
        gov = tok.head.head
        if verb_lemma(gov) not in _DEED_FOR_HEADS:
            return False
    else:
        return False
    if gov.pos_ != "VERB" or gov.tag_ not in {"VBD", "VBN", "VBZ", "VBP"}:
        return False
    return not (_is_negated(gov) or _is_negated(tok) or _modal(gov) or in_condition(gov))


#: Verbs whose object, owned by their subject, is the verb's own act ("give his blessing",
#: "make his case"): the noun takes the verb's status, no presupposition.
_OWN_OBJECT_VERBS = frozenset({"give", "make", "take", "have", "offer", "lodge", "file", "deliver",
                               "present", "state", "voice", "express", "announce", "help", "hurt"})


def presupposed(tok: Any) -> bool:
    """An event noun someone's possessive marks as known ("Kim's announcement", "Mr. Macron's
    entreaties", "President Obama's veto"): the text takes it as having happened, whatever a
    modal around it says of something else ("Kim's announcement may simply be a ploy";
    statuschain-dev: of the possessed event nouns the classifier read ``hypothetical``, 5 of 7
    occurred). Not a noun a verb takes as its subject's own act ("would give his blessing")."""
    if tok.pos_ != "NOUN" or not any(c.dep_ == "poss" for c in tok.children):
        return False
    return not (tok.dep_ == "dobj" and verb_lemma(tok.head) in _OWN_OBJECT_VERBS)


#: Verbs that end or undo what already is: their event object exists to be undone ("override
#: his veto", "cease their ongoing attacks", "drop its long-held demand", "lift the sanctions").
#: Not "cancel", "postpone", "call off": what they take is still to come.
_UNDO_VERBS = frozenset({"override", "overturn", "overrule", "reverse", "repeal", "revoke", "rescind",
                         "lift", "end", "drop", "cease", "halt", "stop", "suspend", "terminate",
                         "undo", "withdraw", "quit", "exit"})


def undone(tok: Any) -> bool:
    """An event noun that is the object of a verb ending or undoing it ("voted to override his
    veto", "will cease their ongoing attacks", "agreed to drop its long-held demand", "withdraw
    from the agreement"): whatever becomes of the undoing, the thing undone has happened, so
    the noun is ``occurred`` and does not take the undoing's ``planned`` or ``hypothetical``
    (statuschain-dev: 4 of 4 such nouns occurred; the fold models read them planned). A noun
    with its own schedule, a possibility or "no" keeps its own reading ("halt the planned
    strike")."""
    if tok.pos_ != "NOUN":
        return False
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ in {"from", "to"} and gov.dep_ == "prep":
        gov = gov.head  # "withdraw from the agreement", "put an end to the war" is not this
        if verb_lemma(gov) not in {"withdraw", "exit"}:
            return False
    elif tok.dep_ != "dobj":
        return False
    if gov.pos_ != "VERB" or verb_lemma(gov) not in _UNDO_VERBS:
        return False
    mods = {c.lower_ for c in tok.children if c.dep_ in {"amod", "compound", "acl", "advmod"}}
    return not (mods & _POSSIBLE_ADJ or negative_argument(tok) or scheduled(tok))


#: Verbs that undo a planned event: what they take will not happen.
_CANCEL_VERBS = frozenset({"cancel", "scrap", "abandon", "scuttle", "annul", "axe"})


def called_off(tok: Any) -> bool:
    """An event noun called off, cancelled or scrapped, in a plain statement that it was: it
    will not take place, ``negated`` ("A planned bombing of the embassy was called off", "Trump
    cancelled the summit"). Not a cancellation asked for, planned or only possible ("called on
    him to cancel the meeting", "may scrap the deal": another cue's reading)."""
    if tok.pos_ != "NOUN":
        return False
    gov = tok.head
    if tok.dep_ == "pobj" and gov.lower_ == "off" and gov.dep_ in {"prep", "prt"}:
        gov = gov.head  # "called off the attack", parsed with "off" as a preposition
        off = verb_lemma(gov) == "call"
    elif tok.dep_ in {"dobj", "nsubjpass"}:
        off = verb_lemma(gov) == "call" and any(c.dep_ == "prt" and c.lower_ == "off" for c in gov.children)
    else:
        return False
    if gov.pos_ != "VERB" or gov.tag_ not in {"VBD", "VBN", "VBZ", "VBP"} or gov.dep_ in {"xcomp", "advcl"}:
        return False
    lemma = verb_lemma(gov)
    if not (off or lemma in _CANCEL_VERBS):
        return False
    return not (_is_negated(gov) or _modal(gov) or in_condition(gov))


#: Verbs that judge or answer a deed done: their event object happened ("condemned the
#: murders", "repudiate the violent murder of a policeman", "mourned the victims of the attack").
_CONDEMN_VERBS = frozenset({"condemn", "denounce", "repudiate", "deplore", "decry", "lament", "mourn",
                            "avenge", "protest"})


def condemned(tok: Any) -> bool:
    """An event noun that a verb of condemnation takes as its object: the deed condemned was
    done, whatever mood the condemning verb is in ("we would like to say that we condemn the
    murders"). Not a generic or denied one ("condemned any attack on civilians")."""
    if tok.pos_ != "NOUN" or tok.dep_ != "dobj" or verb_lemma(tok.head) not in _CONDEMN_VERBS:
        return False
    return not any(c.dep_ == "det" and c.lower_ in {"any", "all", "every", "no", "future"} for c in tok.children)


#: Nouns of a plan or a demand: their own status is ahead even when they did something.
_PLAN_LIKE_NOUNS = frozenset({"plan", "proposal", "idea", "threat", "promise", "pledge", "vow", "offer",
                              "demand", "request", "call", "plot", "scheme", "order", "intention",
                              "goal", "aim", "bid", "effort", "attempt"})


def took_part(tok: Any) -> bool:
    """An event noun that did something in a plain past statement, as the subject of a past
    verb or the time of one: "Mr. Kim's announcement came just days before", "a public speech
    ... unveiled facts", "gave an interview during its investigation" (statuschain-dev: of
    these the classifier read ``planned``, 3 of 3 occurred). Not a copula ("the vote was"),
    not a plan's or demand's own noun ("Mr. Trump's plan met with pushback")."""
    if tok.pos_ != "NOUN" or tok.lemma_.lower() in _PLAN_LIKE_NOUNS:
        return False
    verb = None
    if tok.dep_ in {"nsubj", "nsubjpass"}:
        verb = tok.head
    elif tok.dep_ == "pobj" and tok.head.lower_ in {"during", "amid", "after"} and tok.head.dep_ == "prep":
        verb = tok.head.head
    if verb is None or verb.pos_ != "VERB" or verb.tag_ != "VBD" or verb.lemma_.lower() == "be":
        return False
    return not (_is_negated(verb) or _modal(verb) or in_condition(verb))


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


def failed_attempt(tok: Any) -> bool:
    """The event is what its actor failed to do: "has tried and failed to hide", "have failed to
    bridge gaps", "failed in a 2005 bid", what was done "to no avail" ("has fought against the
    bill for months, to no avail"), and what "an attempt at" names ("a clear attempt at
    silencing") (the guideline's ``attempted``: tried, and failed or its outcome untold;
    statuschain-dev 5 of 5). A failure itself denied ("did not fail to") or only possible
    ("could fail to") says nothing."""
    if tok.pos_ == "VERB" and any(c.dep_ == "prep" and c.lower_ == "to" and any(
            g.lower_ == "avail" and any(d.lower_ == "no" for d in g.children) for g in c.children)
            for c in tok.children):
        return not (_is_negated(tok) or _modal(tok))
    if tok.dep_ in {"pobj", "pcomp"} and tok.head.dep_ == "prep":
        prep, gov = tok.head, tok.head.head
        if prep.lower_ == "in" and verb_lemma(gov) == "fail" and gov.pos_ == "VERB":
            return not (_is_negated(gov) or _modal(gov))  # "failed in a 2005 bid"
        return prep.lower_ == "at" and gov.lemma_.lower() == "attempt" and gov.pos_ == "NOUN"
    if tok.dep_ != "xcomp" or tok.head.i == tok.i or not to_infinitive(tok):
        return False
    if verb_lemma(tok.head) != "fail":
        return False
    return not (_is_negated(tok.head) or _modal(tok.head))


#: Verbs whose object is an act that missed them: "escaped a dynamite attack", "survived an
#: ambush", "evaded the kidnappers' attempt".
_ESCAPE_VERBS = frozenset({"escape", "evade", "elude", "dodge", "survive"})


def escaped(tok: Any) -> bool:
    """The event is an act its target got away from, or that missed it: "Fujimori escaped a
    dynamite attack", "survived an assassination attempt", "escaped unharmed from the ambush",
    "the rocket attack missed its target" (the guideline's ``attempted``: carried out, its aim
    failed). Not when the escape itself is denied or only possible ("did not survive the
    attack", "could escape")."""
    if tok.pos_ not in {"NOUN", "PROPN"}:
        return False
    gov = tok.head
    if tok.dep_ == "nsubj" and gov.pos_ == "VERB" and verb_lemma(gov) == "miss":
        return not (_is_negated(gov) or _modal(gov))  # "the rocket attack missed its target"
    if tok.dep_ == "pobj" and gov.lower_ == "from" and gov.dep_ == "prep":
        gov = gov.head
    elif tok.dep_ != "dobj":
        return False
    return (gov.pos_ == "VERB" and verb_lemma(gov) in _ESCAPE_VERBS
            and not (_is_negated(gov) or _modal(gov)))


#: What a bomb that did not go off "failed" to do, and what is done to one found in time.
_GO_OFF = frozenset({"explode", "detonate", "blow", "go", "fire", "work"})
_DISARM_VERBS = frozenset({"defuse", "deactivate", "disarm", "dismantle", "disable", "neutralize",
                           "neutralise", "defuze"})
#: Things that go off (or are meant to): a failed one makes the act that delivered it an attempt
#: (the participants' weapon heads, and what a bomb is sent or hidden in).
DEVICE_NOUNS = WEAPON_HEADS | {"charge", "explosives", "package", "parcel", "detonator", "ied", "firebomb"}


def _device_failed(device: Any) -> bool:
    """The device never went off: "failed to explode", "did not explode", "was defused"."""
    gov = device.head
    if device.dep_ in {"dobj", "nsubjpass"} and verb_lemma(gov) in _DISARM_VERBS:
        return not (_is_negated(gov) or _modal(gov))
    if device.dep_ != "nsubj":
        return False
    if verb_lemma(gov) == "fail":
        return any(c.dep_ == "xcomp" and verb_lemma(c) in _GO_OFF for c in gov.children) and not _is_negated(gov)
    return verb_lemma(gov) in _GO_OFF and _is_negated(gov)


#: Acts that deliver a device to where it is to go off.
_DELIVER_VERBS = frozenset({"place", "plant", "throw", "hurl", "fire", "launch", "leave", "send", "mail",
                            "deliver", "drop", "set", "lob", "toss", "hide", "park", "attach", "detonate"})
#: How far up from a relative clause's noun the device may stand ("10 kg of dynamite, which
#: was thrown ..." hangs the clause on "dynamite"; the device is "a device made up of" it).
_NOUN_PATH = frozenset({"pobj", "prep", "acl", "appos", "compound", "agent"})


def _device_nouns(tok: Any) -> list[Any]:
    """The delivered things: the act's object, and the noun (or a noun above it) whose
    relative clause the act is."""
    out = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass"}]
    if tok.dep_ in {"relcl", "acl"}:
        n = tok.head
        for _ in range(8):
            if n.pos_ in {"NOUN", "PROPN"}:
                out.append(n)
            if n.dep_ not in _NOUN_PATH or n.head.i == n.i:
                break
            n = n.head
    return [d for d in out if d.lemma_.lower() in DEVICE_NOUNS]


def failed_device(tok: Any) -> bool:
    """The act sent, placed or threw a device that never went off: "a device ..., which was
    thrown from a motorcycle at a bank, failed to explode", "the rocket they fired did not
    explode", "planted a bomb that was defused" (the guideline's ``attempted``: "bombs mailed
    that never exploded")."""
    if tok.pos_ != "VERB" or verb_lemma(tok) not in _DELIVER_VERBS:
        return False
    for dev in _device_nouns(tok):
        if _device_failed(dev):
            return True
        for rel in dev.children:  # "a bomb that failed to explode": the device's own clause
            if rel.dep_ != "relcl" or rel.i == tok.i:
                continue
            subject = next((c for c in rel.children if c.dep_ in {"nsubj", "nsubjpass"}
                            and c.lower_ in {"that", "which"}), None)
            if subject is not None and _device_failed(subject):
                return True
    return False


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


def _conditional_consequent(verb: Any) -> bool:
    """"would hurt the economy if they were extended": a "would", "could" or "might" clause
    with its own "if" or "unless" condition is conditional, not a plan (the guideline's
    hypothetical), whoever reports it."""
    if not any(a.lower_ in {"would", "could", "might", "'d"} for a in _children(verb, {"aux", "auxpass"})):
        return False
    return any(m.lower_ in {"if", "unless"} for c in _children(verb, {"advcl"}) for m in _children(c, {"mark"}))


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


def in_counterfactual(tok: Any) -> bool:
    """Whether a trigger token stands in a counterfactual clause (antecedent or consequent)."""
    verb = _clause_verb(tok)
    return verb.pos_ in {"VERB", "AUX"} and _in_counterfactual(verb)


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


# -- document-level prevention: "arrested ... before they could act" -----------------------


def _preventions(doc: Document, sdoc: Any) -> list[tuple[Event, int]]:
    """Arrests, attacks on the actor and verbs of stopping him ("shot dead by police before he
    could reach the checkpoint", "was tackled by bystanders before he could fire a second
    shot"), with a "before ... could" clause (event, mention token): what that clause names
    was stopped."""
    mentions = doc.scratch.get("event_mentions", {})
    out = []
    for ev in doc.events:
        stopping = ev.type == "COERCE" and ev.mode in {"arrest", None} or ev.type == "ASSAULT"
        for i in mentions.get(ev.id, []):
            tok = sdoc[i]
            if not (stopping or tok.pos_ == "VERB" and verb_lemma(tok) in _STOPPING_VERBS):
                continue
            if any(_before_could(c) for c in tok.subtree if c.dep_ == "advcl"):
                out.append((ev, i))
    return out


def _before_could(clause: Any) -> bool:
    """"before they could act", "before it could be carried out"."""
    marks = {m.lower_ for m in clause.children if m.dep_ == "mark"}
    auxes = {a.lower_ for a in clause.children if a.dep_ in {"aux", "auxpass"}}
    return "before" in marks and bool(auxes & _BEFORE_AUX)


#: Words of plotting between an arrest and the act it stopped: "arrested men suspected of
#: planning to bomb", "detained a teenager accused of plotting an attack", "arrested on
#: charges of conspiring to assassinate" (the -ing forms for the parses that make them nouns).
_PLOTTING = frozenset({"plan", "plot", "conspire", "conspiracy", "scheme", "prepare", "plotting", "planning"})


def _arrested_plotters(doc: Document, sdoc: Any) -> None:
    """An attack the arrested were planning is ``foiled``: an occurred arrest governs the
    planned act's trigger through a word of plotting."""
    mentions = doc.scratch.get("event_mentions", {})
    arrests = {i for ev in doc.events if ev.type == "COERCE" and ev.mode in {"arrest", None}
               and ev.status == "occurred" for i in mentions.get(ev.id, [])
               if sdoc[i].pos_ == "VERB" and sdoc[i].lemma_.lower() not in _PLOTTING}
    if not arrests:
        return
    for ev in doc.events:
        if ev.type in {"ASSAULT", "CRIME"} and ev.status in {"planned", "hypothetical", "unknown"} and any(
                _plotted_under_arrest(sdoc[i], arrests) for i in mentions.get(ev.id, [])):
            ev.status = "foiled"


def _plotted_under_arrest(tok: Any, arrests: set[int]) -> bool:
    """Whether an arrest (token index in ``arrests``) governs ``tok`` within eight steps up,
    with a word of plotting on the way."""
    plotting = False
    t = tok
    for _ in range(8):
        if t.head.i == t.i:
            return False
        t = t.head
        if t.i in arrests:
            return plotting
        plotting = plotting or t.lemma_.lower() in _PLOTTING
    return False


#: What stops a plot's people before they act: "planning attacks ... before it was dismantled".
_STOPPING_VERBS = frozenset({"arrest", "detain", "dismantle", "catch", "capture", "stop", "foil", "thwart",
                             "disrupt", "intercept", "apprehend", "raid", "bust", "kill", "shoot", "neutralize",
                             "neutralise", "break", "tackle", "overpower", "subdue", "restrain", "disarm",
                             "wrestle", "block"})


def _stopped_before(tok: Any) -> bool:
    """A planned act whose clause goes on "before [its plotters] were arrested / it was
    dismantled": the plan was stopped ("The cell had been planning attacks on police
    stations for months before it was dismantled")."""
    t = tok
    for _ in range(4):
        for c in t.children:
            if c.dep_ == "advcl" and c.pos_ == "VERB" and verb_lemma(c) in _STOPPING_VERBS and any(
                    m.dep_ == "mark" and m.lower_ == "before" for m in c.children) and not (
                    _is_negated(c) or _modal(c)):
                return True
        if t.head.i == t.i or t.dep_ not in {"dobj", "xcomp", "ccomp", "conj", "pobj", "prep", "acl"}:
            return False
        t = t.head
    return False


def _foil_prevented(doc: Document, sdoc: Any) -> None:
    _arrested_plotters(doc, sdoc)
    mentions = doc.scratch.get("event_mentions", {})
    for ev in doc.events:
        if ev.type in {"ASSAULT", "COERCE", "CRIME", "THREATEN"} and ev.status == "planned" and any(
                _stopped_before(sdoc[i]) for i in mentions.get(ev.id, [])):
            ev.status = "foiled"
    for arrest, tok_i in _preventions(doc, sdoc):
        # what the "before ... could" clause itself names was stopped: "arrested before they
        # could carry out the attack"
        stopped = {t.i for c in sdoc[tok_i].subtree if c.dep_ == "advcl" and _before_could(c)
                   for t in c.subtree}
        for ev in doc.events:
            if ev is not arrest and ev.status in {"planned", "hypothetical", "unknown"} and any(
                    i in stopped for i in mentions.get(ev.id, [])):
                ev.status = "foiled"
        if arrest.type != "COERCE":
            continue
        arrested = {p.entity for p in arrest.participants if p.role == "target"}
        sent_start = sdoc[tok_i].sent.start
        candidates = [ev for ev in doc.events if ev.status in {"planned", "unknown"}
                      and ev.type in {"ASSAULT", "COERCE", "CRIME"} and ev is not arrest]
        hit = [ev for ev in candidates
               if arrested & {p.entity for p in ev.participants if p.role == "actor"}]
        if not hit:
            sent_end = sdoc[tok_i].sent.end
            hit = [ev for ev in candidates
                   if any(sent_start - 120 < i < sent_end and i != tok_i
                          for i in mentions.get(ev.id, []))]
        for ev in hit:
            ev.status = "foiled"


def _opinion_only(doc: Document, ev: Event, sdoc: Any, idxs: list[int]) -> bool:
    kinds = {c.id: c.kind for c in doc.claims}
    sent_map: dict[int, str] = doc.scratch.get("claim_sentences") or {}
    found = False
    for i in idxs:
        tok = sdoc[i]
        cid = sent_map.get(tok.sent.start_char)
        if cid is None:
            for c in doc.claims:
                if c.evidence.start <= tok.idx < c.evidence.end:
                    cid = c.id
                    break
        if cid is None or kinds.get(cid) != "opinion":
            return False
        found = True
    return found


def _is_nominal(tok: Any, cues: set[str] | None) -> bool:
    if cues is not None:
        return "nominal" in cues
    return tok.pos_ != "VERB"


#: Rule statuses kept over the classifier: explicit attempt and prevention cues ("tried to",
#: "failed attempt", "foiled") are right 18 times in 21 on statuschain-dev, and too rare there
#: for the classifier to learn.
TRUSTED_RULES = frozenset({"attempted", "foiled"})
#: Lexicon events of these conflict types keep the rules' status: the rules were built on
#: conflict reporting (plots, attacks, arrests: MUC-4 dev, CEAF-REE 37.8 with them against
#: 34.7 with the classifier, which learned from US-politics articles).
RULE_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "RECRUIT", "SURVEIL", "CRIME"})
#: Statuses an "if" / "whether" / "unless" clause turns into ``hypothetical`` (an attempt or a
#: prevention keeps its own cue's reading).
_CONDITIONABLE = frozenset({"occurred", "planned", "negated", "unknown"})
#: The committed status classifier (trained by ``scripts/train_models.py``).
STATUS_MODEL = "event_status.json.gz"


def learned_status(doc: Document, tok: Any, rule: str, claim_kind: str | None,
                   opinion_only: bool = False) -> str:
    """The status classifier's decision for a trigger token, given the rules' reading.

    The rules' status is one feature; the model weighs it against the clause (modals,
    negation, conditionals, governing verbs such as "plans to", "denied", "failed to"), the
    claim kind and the words around. An event stated only in the outlet's opinion is never
    ``occurred``: the most likely other status is taken.
    """
    from ..learned import linear_model
    from .features import status_features

    model = linear_model(STATUS_MODEL)
    proba = model.proba(status_features(tok, rule, claim_kind))
    if opinion_only:
        proba.pop("occurred", None)
    return max(proba, key=proba.__getitem__)


def _claim_kind(doc: Document, ev: Event) -> str | None:
    for c in doc.claims:
        if c.id == ev.claim:
            return c.kind
    return None


@step("status", requires=("events",), assigns=("status",))
def status(doc: Document) -> Document:
    """Decide whether each event occurred, was planned, foiled ..."""
    sdoc = doc.scratch["sdoc"]
    mentions: dict[str, list[int]] = doc.scratch.get("event_mentions", {})
    mains: dict[str, int] = doc.scratch.get("event_main", {})
    cues: dict[int, set[str]] = doc.scratch.get("mention_cues", {})
    learned: set[str] = doc.scratch.get("learned_events", set())
    for ev in doc.events:
        idxs = mentions.get(ev.id, [])
        own = {i: mention_status(sdoc[i], cues.get(i, set()), _is_nominal(sdoc[i], cues.get(i)))
               for i in idxs}
        combined = combine([own[i] for i in idxs])
        main = mains.get(ev.id, idxs[0] if idxs else None)
        if main is None or combined in {"foiled", "attempted"} and len(idxs) > 1:
            ev.status = combined  # a merged plot: its mentions together say what became of it
            continue
        if ev.id not in learned and ev.type in RULE_TYPES:
            ev.status = "unknown" if combined == "occurred" and _opinion_only(
                doc, ev, sdoc, idxs) else combined
            if combined == "planned":  # "would attack": planned, or the consequent of an "if"?
                guess = learned_status(doc, sdoc[main], combined, _claim_kind(doc, ev))
                ev.status = "hypothetical" if guess == "hypothetical" else combined
            ev.status = guideline_reading(ev.status, sdoc[main])
            continue
        nominal = _is_nominal(sdoc[main], cues.get(main))
        rule = own[main] if main in own else mention_status(sdoc[main], cues.get(main, set()), nominal)
        if rule in TRUSTED_RULES or rule == "planned" and nominal and scheduled(sdoc[main]):
            ev.status = rule  # the schedule is the noun's own word (13 of 14 planned on dev)
            continue
        ev.status = learned_status(doc, sdoc[main], rule, _claim_kind(doc, ev),
                                   _opinion_only(doc, ev, sdoc, idxs))
        ev.status = "foiled" if combined == "foiled" else guideline_reading(ev.status, sdoc[main])
    _share_conjoined(doc, sdoc, mentions, mains)
    _foil_prevented(doc, sdoc)
    _left_open(doc, sdoc, mentions, mains)
    return doc


def _left_open(doc: Document, sdoc: Any, mentions: dict[str, list[int]], mains: dict[str, int]) -> None:
    """An event inside what a source did not say ("Authorities haven't said whether the
    devices were built to explode", "The White House did not assert that Iran was in
    violation", "the indictment does not charge Stone with conspiring") is neither reported
    nor denied: ``hypothetical`` where it would read ``occurred`` or ``negated``. On
    statuschain-dev the gold status of such events is hypothetical 8 times in 9 (the ninth
    is planned by its own "plan to")."""
    spans = [r.content for sent, rels in doc.scratch.get("attribution_relations", [])
             if sent.doc is sdoc for r in rels if unsaid(sdoc, r)]
    if not spans:
        return
    for ev in doc.events:
        idxs = mentions.get(ev.id, [])
        main = mains.get(ev.id, idxs[0] if idxs else None)
        if main is not None and ev.status in {"occurred", "negated"} and any(a <= main < b for a, b in spans):
            if ev.status == "negated" and ruled_out(sdoc[main]):
                continue  # "does not intend to sell": the actor rules it out, nothing is left open
            ev.status = "hypothetical"


#: Tags of a verb that a bare infinitive cannot be conjoined to ("backed ... and meet").
_NOT_BARE = frozenset({"VBD", "VBZ", "VBN", "VBG"})


def conjoined_to(tok: Any) -> Any:
    """The verb a conjoined verb goes with. The parse often hangs the later bare verbs of a
    list of infinitives on the clause's finite verb ("Trump backed a plan to visit Russia,
    meet Putin and begin the negotiations": "meet" on "backed"); a bare verb cannot be
    conjoined to a past, third-person or participle form, so its partner is the nearest
    infinitive ("to visit") between the two."""
    head = tok.head
    if tok.tag_ != "VB" or head.tag_ not in _NOT_BARE or head.i > tok.i:
        return head
    for j in range(tok.i - 1, head.i, -1):
        t = tok.doc[j]
        if t.tag_ == "VB" and t.dep_ != "conj" and any(c.dep_ == "aux" and c.lower_ == "to" for c in t.children):
            return t
    return head


#: What gives a conjoined verb a clause of its own: its own subject, auxiliary, negation or mark.
_OWN_CLAUSE = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "mark", "expl"})


def _share_conjoined(doc: Document, sdoc: Any, mentions: dict[str, list[int]],
                     mains: dict[str, int]) -> None:
    """A bare verb conjoined to another event's verb shares that verb's status: "has agreed
    to suspend all tests and close up a test site", "arrested him and searched his home".

    Without its own subject, auxiliary, negation or mark, the second verb has no clause of
    its own to commit it differently (on statuschain-dev the gold status of such a verb is
    its head's 25 times in 26), while a status read from the verb alone sees a bare "close".
    """
    main_of: dict[int, Event] = {}
    for ev in doc.events:
        idxs = mentions.get(ev.id, [])
        main = mains.get(ev.id, idxs[0] if idxs else None)
        if main is not None:
            main_of[main] = ev
    for i in sorted(main_of):
        tok = sdoc[i]
        if tok.dep_ != "conj" or tok.pos_ != "VERB" or tok.head.pos_ != "VERB":
            continue
        if any(c.dep_ in _OWN_CLAUSE for c in tok.children):
            continue
        head = main_of.get(conjoined_to(tok).i)
        if head is not None and head.status is not None:
            main_of[i].status = head.status


__all__ = ["status", "learned_status", "STATUS_MODEL", "mention_status", "combine", "in_counterfactual",
           "in_condition", "modal_denial", "requested", "requested_noun", "awaited_noun", "ruled_out", "speculative_past", "nothing_done",
           "denied_act", "plain_negation", "speculative_modal", "only_possible", "intended", "failed_attempt", "left_undone", "guideline_reading", "PRECEDENCE"]
