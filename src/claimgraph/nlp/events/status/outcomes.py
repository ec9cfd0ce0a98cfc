"""Readings of what became of an act: a failed attempt, a device that did not go off,
an escape, what a verb carries out, ends or calls off, condemns or takes part in.
"""

from __future__ import annotations

from typing import Any

from ..features import negative_argument
from ..lexicon import to_infinitive, verb_lemma
from ..participants.vocabulary import WEAPON_HEADS
from .clause import _is_negated, _modal, in_condition, scheduled
from .mention import _ESCAPE_VERBS, _IMPLICATIVE_HEADS, _POSSIBLE_ADJ

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
