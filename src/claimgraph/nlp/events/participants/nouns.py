"""The roles of a nominal trigger ("the attack on the embassy", "Iran's violation", "the
man charged with the bombing"): :func:`noun_roles`.
"""

from __future__ import annotations

from typing import Any

from ..lexicon import NOUN_TRIGGERS, verb_lemma
from .arguments import (
    _AGENT_TYPES,
    Role,
    _add_roles,
    _modifier_role,
    _oblique_target,
    _prep_roles,
    _subject_role,
    object_role,
)
from .control import _CARRY_VERBS, _LIGHT_VERBS, _carrier, _undergoer
from .resolver import EntityResolver, _clause_arg, _pobj
from .vocabulary import _RELATIVE_PRONOUNS, noun_lemma

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
    if not any(r == "actor" for r, _ in out):
        _add_roles(out, "actor", [e for e in _accused(tok, res) if res.entity_type(e) in _AGENT_TYPES])
    if not any(r in {"target", "recipient"} for r, _ in out):
        _add_roles(out, obj_role, _undergoer(tok, res))
    if not any(r in {"target", "recipient"} for r, _ in out):
        _add_roles(out, obj_role, _held_on(tok, res))
    if not any(r in {"target", "recipient"} for r, _ in out) and noun_lemma(tok) in _DEMAND_NOUNS:
        for c in tok.children:  # "its demand that the U.S. withdraw its troops": the U.S.
            if c.dep_ in {"acl", "ccomp"} and c.pos_ in {"VERB", "AUX"} and c.i > tok.i:
                for g in c.children:
                    if g.dep_ in {"nsubj", "nsubjpass"}:
                        _add_roles(out, "target", _clause_arg(g, res))
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


#: Nouns of a demand whose "that" clause names whom it is made of ("its demand that the U.S.
#: withdraw").
_DEMAND_NOUNS = frozenset({"demand", "call", "request", "insistence", "ultimatum", "plea", "appeal",
                           "order", "requirement", "condition"})


#: Nouns of an accusation one is held on, and the verbs that hold someone on it: "was arrested on
#: criminal charges", "held on suspicion of", "indicted on 12 counts".
_HELD_ON_NOUNS = frozenset({"charge", "count", "allegation", "suspicion", "accusation", "warrant"})


_HELD_ON_VERBS = frozenset({"arrest", "hold", "detain", "indict", "jail", "convict", "book",
                            "charge", "extradite", "sentence", "try", "acquit", "prosecute"})


def _held_on(noun: Any, res: EntityResolver) -> list[str]:
    """Whom an accusation noun is against when someone is arrested, held or indicted on it: the
    one arrested ("Roger Stone was arrested early Friday on criminal charges")."""
    if noun_lemma(noun) not in _HELD_ON_NOUNS or noun.dep_ != "pobj":
        return []
    prep = noun.head
    verb = prep.head
    if prep.lower_ not in {"on", "for", "over"} or verb.pos_ != "VERB" or verb_lemma(verb) not in _HELD_ON_VERBS:
        return []
    for c in verb.children:
        if c.dep_ in {"nsubjpass", "dobj"}:
            return _clause_arg(c, res)
    return []


#: Gatherings and appearances: the one who acts in the sentence they are the setting of
#: takes part in them ("In a joint press conference at the White House, Trump doubled
#: down", "he said at a rally", "during his visit").
_SETTING_NOUNS = frozenset({"conference", "rally", "interview", "speech", "address", "hearing",
                            "briefing", "session", "meeting", "summit", "visit", "trip", "talks",
                            "appearance", "debate", "ceremony", "event", "tour", "campaign"})


#: Verbs of being in a state: "was in talks with", "remained in contact with".
_STATE_VERBS = frozenset({"be", "remain", "stay"})


def _setting_subject(noun: Any, res: EntityResolver) -> list[str]:
    """The subject of the verb a gathering noun is the setting of (:data:`_SETTING_NOUNS`),
    and of a "be in" any event noun: one is in what one does ("the United States was in
    direct talks with North Korea", "Iran was in violation of the agreement", "being in
    contact with Julian Assange")."""
    if noun.dep_ != "pobj":
        return []
    prep = noun.head
    state = prep.lower_ == "in" and prep.head.lemma_.lower() in _STATE_VERBS
    if noun.lemma_.lower() not in _SETTING_NOUNS and not state:
        return []
    if prep.lower_ not in {"in", "at", "during", "on"} or prep.head.pos_ not in {"VERB", "AUX"}:
        return []
    verb = prep.head
    subjects = [c for c in verb.children if c.dep_ == "nsubj" and c.lower_ not in _RELATIVE_PRONOUNS]
    if not subjects:
        return []
    return [e for e in res.resolve_arg(subjects[0]) if res.entity_type(e) in _AGENT_TYPES]


#: Verbs and adjectives that name someone's offence: who is charged with, accused, convicted,
#: suspected or guilty of it did it, in the charge's telling.
_CHARGE_HEADS = frozenset({"charge", "accuse", "indict", "convict", "suspect", "arrest", "guilty",
                           "acquit", "prosecute", "sentence", "jail", "fine"})


#: Nouns of a charge whose "of" or "include" names the offence: "seven counts of obstruction",
#: "charges that include witness tampering".
_CHARGE_NOUNS = frozenset({"count", "charge", "indictment", "allegation", "accusation"})


def _accused(noun: Any, res: EntityResolver) -> list[str]:
    """The one a charge names as the doer of an offence noun: "Stone was charged with seven
    counts of obstruction", "accuses him of witness tampering", "arrested on charges that
    include obstruction" -> Stone / him (the charge's own status and source are the claim's
    business; here only who is said to have done it)."""
    t = noun
    for _ in range(3):  # through "counts of", "charges of" and conjuncts
        if t.dep_ == "conj":
            t = t.head
            continue
        if t.dep_ == "pobj" and t.head.lower_ == "of" and t.head.head.lemma_.lower() in _CHARGE_NOUNS:
            t = t.head.head
            continue
        break
    gov = None
    if t.dep_ == "pobj" and t.head.lower_ in {"with", "of", "for"} and t.head.dep_ == "prep":
        gov = t.head.head
    elif t.dep_ == "dobj" and t.head.lemma_.lower() == "include" and t.head.dep_ == "relcl" \
            and t.head.head.lemma_.lower() in _CHARGE_NOUNS:
        charge = t.head.head  # "charges that include obstruction": whoever the charges are on
        if charge.dep_ == "pobj" and charge.head.lower_ in {"on", "under"}:
            gov = charge.head.head
    if gov is None or gov.lemma_.lower() not in _CHARGE_HEADS or gov.pos_ not in {"VERB", "ADJ"}:
        return []
    if gov.dep_ in {"acl", "relcl", "amod"} and gov.head.pos_ in {"NOUN", "PROPN"}:
        return res.resolve(gov.head)  # "a man suspected of murder"
    kids = list(gov.children)
    for c in kids:
        if c.dep_ == "nsubjpass":
            return res.resolve_arg(c)
    for c in kids:
        if c.dep_ == "dobj":
            return res.resolve_arg(c)
    if gov.pos_ == "ADJ" and gov.dep_ == "acomp":  # "Flynn was found guilty of lying"
        return next((res.resolve_arg(c) for c in gov.head.children if c.dep_ in {"nsubj", "nsubjpass"}), [])
    return []
