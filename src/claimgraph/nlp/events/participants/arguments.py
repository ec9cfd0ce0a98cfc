"""A trigger's arguments as roles: the :data:`Role` record, the role of a subject, an object
and a prepositional phrase ("attack on the embassy": target; "talks with Iran": the
partner), the last-resort target of an oblique phrase and a modifier's role.
"""

from __future__ import annotations

from typing import Any

from ..lexicon import verb_lemma
from .resolver import EntityResolver, _pobj
from .vocabulary import _NOT_PARTICIPANT_ENTS, PERPETRATOR_MODIFIERS, noun_lemma, unnamed_type

_PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})


_PLACE_NOUNS = frozenset({"city", "town", "village", "department", "province", "municipality",
                          "capital", "neighborhood", "district", "region", "state", "area",
                          "port", "jurisdiction", "outskirts", "suburb", "zone"})


_PHYSICAL = frozenset({"FAC", "VEHICLE", "OBJECT"})


#: Types where "on/against X" names the target ("attack on", "sanctions against").
_AGAINST_TYPES = frozenset({"ASSAULT", "THREATEN", "SANCTION", "PROTEST", "ACCUSE", "SURVEIL"})


Role = tuple[str, str]


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
    if any(r in {"target", "recipient"} for r, _ in out):
        return
    armed = any(r == "instrument" for r, _ in out)  # "with a knife" is no target; "on the door" is
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
        if c.lower_ not in _OBLIQUE_TARGET_PREPS or armed and c.lower_ == "with":
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
    elif word == "on" and any(c.dep_ == "prt" and c.lower_ in _ON_PARTICLES for c in prep.head.children):
        _add_roles(out, "target", res.resolve_arg(pobj))  # "pushed back on", "cracked down on"
    elif word == "behind" and head_lemma in _BEHIND_HEADS or word == "before" and head_lemma in _BEFORE_HEADS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "lined up behind Schumer", "testified before the Senate"
    elif word == "including" and prep.head.pos_ == "VERB" and any(r in {"target", "recipient"} for r, _ in out):
        # "misled the transition team, including then Vice President-elect Mike Pence"
        _add_roles(out, next(r for r, _ in out if r in {"target", "recipient"}), res.resolve_arg(pobj))
    elif (word == "in" and head_lemma in _STAY_HEADS or word == "from" and (
            head_lemma in _LEAVE_HEADS or head_lemma in _AWAY_WITH_PARTICLE and any(
                c.dep_ == "prt" and c.lower_ in {"on", "away", "back"} for c in prep.head.children))) \
            and pobj.ent_type_ not in _NOT_PARTICIPANT_ENTS | _PLACE_TYPES \
            and noun_lemma(pobj) not in _PLACE_NOUNS \
            and not (head_lemma in {"distract", "divert"} and any(c.dep_ == "dobj" for c in prep.head.children)):
        # (not "distract him from his job": the one distracted is the target)
        _add_roles(out, "target", res.resolve_arg(pobj))  # "stay in the deal", "withdraws from the agreement"
    elif word == "at" and head_lemma in _AT_TARGET_HEADS:
        _add_roles(out, "target", res.resolve_arg(pobj))  # "took aim at Reid", "a hard look at"


#: Nouns and verbs of stepping into something, whose "in" phrase is what they act on (not
#: where they happen): "interference in the 2016 election", "meddled in the vote".
_IN_TARGET_HEADS = frozenset({"interference", "interfere", "meddling", "meddle", "intervention",
                              "intervene", "involvement", "participation", "participate",
                              "chaos", "investment", "invest"})


#: Verbs of staying in or leaving something, whose "in" or "from" phrase, when no place,
#: is what they act on: "stay in the deal", "remain in the agreement", "withdraws from the
#: nuclear agreement" (not "stay in Mexico", "withdraw from the border area").
_STAY_HEADS = frozenset({"stay", "remain"})


_LEAVE_HEADS = frozenset({"withdraw", "exit", "retreat", "resign", "step", "walk", "pull", "depart",
                          "defect", "secede", "recuse", "distract", "divert", "shy", "veer", "stray"})


#: Verbs whose "from" names what is left only with their particle: "move on from the incident",
#: "back away from the deal", "turn away from".
_AWAY_WITH_PARTICLE = frozenset({"move", "back", "turn", "get"})


#: Particles that make the "on" after a verb its target: "pushed back on the objections",
#: "cracked down on", "weighed in on", "signed off on", "doubled down on".
_ON_PARTICLES = frozenset({"back", "down", "in", "off", "up"})


#: Verbs whose "behind" names whom they back, and whose "before" names the body they face.
_BEHIND_HEADS = frozenset({"line", "rally", "unite", "stand", "get", "fall", "close"})


_BEFORE_HEADS = frozenset({"testify", "appear", "argue", "plead"})


#: Heads whose "at" phrase names what they are aimed at: "took aim at", "a hard look at".
_AT_TARGET_HEADS = frozenset({"aim", "look", "glance", "swipe", "jab", "shot", "dig", "lash",
                              "lunge", "laugh", "scoff", "balk", "bristle"})


def _lemma_of(tok: Any) -> str:
    return verb_lemma(tok) if tok.pos_ in {"VERB", "AUX"} else tok.lemma_.lower()


_AGENT_TYPES = frozenset({"PERSON", "ORG", "GPE", "NORP"})


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
