"""Roles from the dependency parse: who does what to whom for a verbal or nominal trigger
(actor, target, recipient, instrument), who controls an infinitive or a gerund, and where the
event happens."""

from __future__ import annotations

from typing import Any

from ..lexicon import FOIL_VERBS, NOUN_TRIGGERS, plot_agent, plot_of, refuses, to_infinitive, verb_lemma
from .resolver import EntityResolver, _clause_arg, _of_object, _pobj, _with_conjuncts
from .vocabulary import (
    _NOT_PARTICIPANT_ENTS,
    _NOT_PARTICIPANT_NOUNS,
    _QUANTIFIER_HEADS,
    _RELATIVE_PRONOUNS,
    PERPETRATOR_MODIFIERS,
    noun_lemma,
    unnamed_type,
)

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
        found = _gerund_doer(tok.head.head, res, tok.head.lower_ in _ADJUNCT_PREPS)
        gov = tok.head.head
        if found or gov.pos_ != "VERB" or any(c.dep_ in {"nsubj", "nsubjpass"} for c in gov.children):
            return found
        tok = gov  # "called on Mr. Fox to apologize for using foul language": who apologizes
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
            if _bare_quantity(head):
                doers = []  # "muster a two-thirds majority to override": not the majority
            if not doers and head.lemma_.lower() in _INVITATION_NOUNS:
                return _undergoer(head, res)  # "turned down an invitation to meet": the invitee
            if not doers and head.lemma_.lower() in _STATEMENT_NOUNS:
                return _issuer(head, res)  # "released a statement disputing": who released it
            # "an active program to manufacture": not the program, whoever has it
            owners = doers or _intent_owner(head, res)
            if not owners and head.dep_ == "dobj" and to_infinitive(tok):
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
        if "nsubjpass" in deps and _shares_passive(tok):
            # "were charged with lying and accused of destroying evidence": the officials
            return _clause_arg(deps["nsubjpass"], res)
        if (tok.dep_ == "conj" and "nsubjpass" in deps and "nsubj" not in deps and tok.tag_ != "VBN"
                and any(c.dep_ == "aux" for c in tok.children)):
            # "the teenager had been radicalised online and was planning a knife attack":
            # an active verb with its own auxiliary conjoined to a passive one shares its
            # subject, not the reporter's ("police said ..."); a bare past form after a
            # passive is more often the parse's wrong attachment ("said that the account had
            # been hacked and dismissed the episode")
            return _clause_arg(deps["nsubjpass"], res)
        if "nsubj" in deps:
            if head.lemma_.lower() == "be" and noun_lemma(deps["nsubj"]) in _INTENT_NOUNS | _AIM_NOUNS:
                # "my sole intention was to voice", "the goal is to end": whoever has the aim
                return _intent_owner(deps["nsubj"], res)
            return _clause_arg(deps["nsubj"], res)  # "Kim, who plans to discuss": Kim
        if "agent" in deps:
            ag = _pobj(deps["agent"])
            if ag is not None:
                return res.resolve_arg(ag)
        tok = head
    if tok.dep_ == "pcomp" and tok.head.dep_ == "prep":  # "men suspected of planning to bomb"
        return _gerund_doer(tok.head.head, res, tok.head.lower_ in _ADJUNCT_PREPS)
    return []


def _bare_quantity(noun: Any) -> bool:
    """A quantity with nothing after "of" ("a two-thirds majority"): it counts, it does not act."""
    return noun_lemma(noun) in _QUANTIFIER_HEADS and _of_object(noun) is None


def _verb_subject(verb: Any, res: EntityResolver, plan_verbs: frozenset[str]) -> list[str]:
    """Who does ``verb``: its own subject, else whoever controls it."""
    subj = [c for c in verb.children if c.dep_ == "nsubj"]
    if subj:
        return _clause_arg(subj[0], res)
    if any(c.dep_ == "nsubjpass" for c in verb.children):
        return []
    return _controller(verb, res, plan_verbs)


def _intent_owner(noun: Any, res: EntityResolver) -> list[str]:
    """Whose plan, attempt or threat ``noun`` is: its possessor, its "by" phrase, a people or
    state before it ("an Iranian plot"), or the subject of the light verb that has it ("Iran
    made an attempt")."""
    for c in (*noun.children, plot_agent(noun)):
        if c is None:
            continue
        if c.dep_ == "poss":
            return res.resolve(c)
        if c.dep_ == "prep" and c.lower_ == "by" and _pobj(c) is not None:
            return [e for e in res.resolve(_pobj(c)) if res.entity_type(e) in _AGENT_TYPES]
    for c in noun.children:
        if c.dep_ in {"amod", "compound"} and c.i < noun.i:
            owners = [e for e in res.resolve(c) if res.entity_type(e) in _AGENT_TYPES]
            if owners:
                return owners
    carried = [e for e in _carrier(noun, res) if res.entity_type(e) in _AGENT_TYPES]
    if carried or noun_lemma(noun) not in _INTENT_NOUNS | _AIM_NOUNS | _STANCE_NOUNS:
        return carried
    verb = noun.head
    if noun.lower_ == "order" and verb.lower_ == "in":
        return []  # "in order to": a purpose, whoever does the nearest act
    if noun.dep_ == "pobj" and verb.lower_ in {"with", "in"} and verb.dep_ == "prep":
        verb = verb.head  # "traveled ... with the aim of forging", "In an attempt to deter them, Trump"
    elif not (noun.dep_ == "dobj" and verb_lemma(verb) in _STANCE_VERBS):
        return []  # ("signaled more optimism about brokering" below)
    if verb.pos_ != "VERB":
        return []
    return [e for e in _verb_subject(verb, res, frozenset()) if res.entity_type(e) in _AGENT_TYPES]


#: Nouns of a stance toward an act, and the verbs that state one: "signaled more optimism
#: about brokering", "expressed interest in meeting", "voiced confidence in reaching".
_STANCE_NOUNS = frozenset({"optimism", "confidence", "interest", "enthusiasm", "skepticism",
                           "openness", "eagerness", "reluctance", "hope", "hopes"})
_STANCE_VERBS = frozenset({"signal", "express", "voice", "show", "indicate", "convey", "reiterate",
                           "harbor", "harbour", "display", "demonstrate", "declare", "state"})


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
    if not adjunct and verb_lemma(gov) == "join" and "nsubj" in deps:
        # "Feinstein joined a chorus of her colleagues in threatening": all of them
        joined = _clause_arg(deps["nsubj"], res)
        if "dobj" in deps:
            joined += [e for e in res.resolve_arg(deps["dobj"]) if e not in joined]
        return joined
    for d in ("nsubj", "nsubjpass") if adjunct else ("dobj", "nsubjpass", "nsubj"):
        if d in deps:
            # "Flynn, whom he fired for lying", "who has been criticized for lacing": the
            # noun the relative pronoun stands for
            return _clause_arg(deps[d], res)
    if _shares_passive(gov):
        # "were charged with lying and accused of destroying evidence": the one accused
        for c in gov.head.children:
            if c.dep_ == "nsubjpass":
                return _clause_arg(c, res)
    return []


def _shares_passive(verb: Any) -> bool:
    """A participle conjoined to a passive verb, with no subject or auxiliary of its own:
    passive too ("were charged with lying and accused of destroying evidence")."""
    if verb.dep_ != "conj" or verb.tag_ != "VBN" or verb.head.pos_ not in {"VERB", "AUX"}:
        return False
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in verb.children):
        return False
    return any(c.dep_ == "auxpass" for c in verb.head.children)


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
            clause = _relative_clause(tok) if c.lower_ in {"whom", "which"} else None
            if clause is not None:
                # "Flynn, whom he fired"; "immigrants, whom Trump has vowed to remove"
                _add_roles(out, obj_role, res.resolve_arg(clause.head))
            elif _predicate_object(tok, c):
                # "took aim at Reid", "took credit for the run": the object is part of the
                # predicate; what its preposition names is the target
                for g in (*tok.children, *c.children):
                    if g.dep_ == "prep" and g.lower_ in _PREDICATE_PREPS and _pobj(g) is not None:
                        _add_roles(out, "target", res.resolve_arg(_pobj(g)))
            else:
                found = res.resolve_arg(c)
                if event_type == "ASSAULT":  # "hurled a grenade at the patrol": the weapon is the means
                    _add_roles(out, "instrument", [e for e in found if res.entity_type(e) == "WEAPON"])
                    found = [e for e in found if res.entity_type(e) != "WEAPON"]
                _add_roles(out, obj_role, found)
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
        if _main_verb_as_modifier(tok):
            # "Mr. Trump, who has been criticized ..., called on Mr. Fox": the parse left the
            # sentence without a verb and hung its verb on the subject
            out.extend(_subject_role(res, res.resolve_arg(tok.head)))
        else:
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
        if to_infinitive(tok) and (tok.head.lemma_.lower() in _INTENT_NOUNS or _bare_quantity(tok.head) or not any(
                res.entity_type(e) in _DOER_TYPES for e in res.resolve(tok.head))):
            # "a plot to assassinate", "a program to manufacture": whoever has it, not the plot
            owners = _intent_owner(tok.head, res)
            if not owners and tok.head.dep_ == "dobj" and tok.head.lemma_.lower() not in _INTENT_NOUNS:
                owners = _verb_subject(tok.head.head, res, plan_verbs)  # "find ways to improve"
            out.extend(_subject_role(res, owners))
        else:
            _add_roles(out, obj_role if tok.tag_ == "VBN" else "actor", res.resolve_arg(tok.head))
        has_subject = True
    passive = any(c.dep_ == "auxpass" for c in tok.children) or _shares_passive(tok)
    if passive and not has_subject and tok.dep_ == "pcomp" and not any(r == obj_role for r, _ in out):
        # "taken into custody after being indicted by a grand jury": the one indicted
        _add_roles(out, obj_role, _controller(tok, res, plan_verbs))
        has_subject = True
    if not any(r == "actor" for r, _ in out) and not has_subject:
        for role, eid in _subject_role(res, _controller(tok, res, plan_verbs)):
            # "... and was published": the shared subject is what the passive verb was done to
            _add_roles(out, obj_role if passive and role == "actor" else role, [eid])
    for c in tok.children:  # "called for Mr. Trump to cancel, as did Representative Schiff": both
        if c.dep_ == "advcl" and c.lemma_.lower() == "do" and any(
                g.dep_ == "mark" and g.lower_ in {"as", "like"} for g in c.children):
            for g in c.children:
                if g.dep_ == "nsubj":
                    out.extend(r for r in _subject_role(res, _clause_arg(g, res)) if r not in out)
    if verb_lemma(tok) in _FOR_TARGET_HEADS and not any(r in {"target", "recipient"} for r, _ in out):
        for c in tok.children:  # "called for Mr. Trump to cancel": asked of Mr. Trump
            if c.dep_ in {"advcl", "ccomp", "xcomp"} and any(g.dep_ == "mark" and g.lower_ == "for"
                                                             for g in c.children):
                for g in c.children:
                    if g.dep_ == "nsubj":
                        _add_roles(out, obj_role, _clause_arg(g, res))
    if event_type != "OTHER" and not any(r in {"target", "recipient"} for r, _ in out):
        _add_roles(out, obj_role, _shared_object(tok, res))
    _oblique_target(out, tok, res, obj_role)
    return out


#: A verb with one of these has a complement of its own and shares no partner's object.
_COMPLEMENT_DEPS = frozenset({"dobj", "iobj", "dative", "ccomp", "xcomp", "attr", "acomp", "oprd",
                              "prep", "prt", "agent"})


def _shared_object(verb: Any, res: EntityResolver) -> list[str]:
    """The object a verb shares with the verb conjoined right after it: "Police arrested and
    charged the man", "attacked and looted the village" (the parse hangs the object on the
    second verb only). Only for a verb with no complement of its own, next to the
    conjunction, and a partner with no subject of its own."""
    kids = list(verb.children)
    if any(c.dep_ in _COMPLEMENT_DEPS for c in kids):
        return []
    conj = next((c for c in kids if c.dep_ == "conj" and c.pos_ == "VERB"), None)
    cc = next((c for c in kids if c.dep_ == "cc" and c.lower_ in {"and", "or"}), None)
    if conj is None or cc is None or not (verb.i + 1 == cc.i and cc.i + 1 == conj.i):
        return []
    partner = list(conj.children)
    if any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass", "neg"} for c in partner):
        return []
    obj = next((c for c in partner if c.dep_ == "dobj"), None)
    return res.resolve_arg(obj) if obj is not None else []



#: Verbs whose subject, when it is a thing, is what the event happens to: "the negotiations
#: ended", "the bill will become law" (on statuschain-dev the gold makes such a subject a
#: target 6 times in 6, while every other intransitive verb's thing-subject was an actor
#: 40 times in 47).
_UNDERGO_VERBS = frozenset({"end", "become", "expire", "lapse", "collapse"})


def _relative_clause(verb: Any) -> Any | None:
    """The relative clause ``verb`` heads or is the infinitive of ("whom he fired", "whom Trump
    has vowed to remove"), or None."""
    for _ in range(3):
        if verb.dep_ == "relcl":
            return verb
        if verb.dep_ != "xcomp":
            return None
        verb = verb.head
    return None


def _main_verb_as_modifier(verb: Any) -> bool:
    """A past participle hung on a noun that the parse made the whole sentence's root, after a
    comma that closes a relative clause or apposition, and followed by what a main verb takes
    ("Mr. Trump, who has been criticized ..., called on Mr. Fox to apologize"): the main verb."""
    noun = verb.head
    if noun.dep_ != "ROOT" or noun.ent_type_ not in {"PERSON", "ORG", "GPE", "NORP"}:
        return False
    if verb.i < 2 or verb.doc[verb.i - 1].text != ",":
        return False
    if not any(c.dep_ in {"relcl", "appos"} and c.i < verb.i for c in noun.children):
        return False
    return any(c.dep_ in {"dobj", "prep", "xcomp", "ccomp", "prt"} for c in verb.children)


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
    if prep.dep_ != "prep" or prep.head.pos_ not in {"VERB", "AUX", "ADJ"} or prep.i >= tok.i:
        return None
    # "indicted for allegedly hacking party emails": only adverbs of the gerund in between
    if any(t.dep_ != "advmod" or t.head.i != tok.i for t in tok.doc[prep.i + 1:tok.i]):
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
#: What can do what an infinitive says: someone, or a weapon or vehicle ("sent the missile to strike").
_DOER_TYPES = _AGENT_TYPES | {"WEAPON", "VEHICLE"}
#: Nouns whose "to" infinitive is done by their owner ("Iran's attempt to acquire", "a plan to").
_INTENT_NOUNS = frozenset({"plot", "plan", "conspiracy", "attempt", "order", "effort", "bid", "threat",
                           "decision", "promise", "pledge", "move", "push", "intention", "desire",
                           "commitment", "vow", "offer", "proposal", "call", "request", "demand",
                           "ability", "right", "refusal", "failure", "willingness", "readiness",
                           "determination", "campaign", "drive", "scheme", "ambition", "goal",
                           "aim", "intent", "wish", "resolve", "agreement", "deal"})
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


#: Verbs whose subject is what their object event is done to: "accepted an invitation",
#: "faces prosecution", "is awaiting confirmation", "merited investigation".
_UNDERGO_OBJECT_VERBS = frozenset({"accept", "receive", "get", "face", "merit", "deserve", "undergo",
                                   "suffer", "endure", "await", "risk", "escape", "survive"})


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


def _undergoer(noun: Any, res: EntityResolver) -> list[str]:
    """The subject of a verb of :data:`_UNDERGO_OBJECT_VERBS` whose object is the event noun,
    or of a refusal of an offer ("turned down an invitation", "rejected the offer") (a
    relative pronoun standing for the noun its clause describes)."""
    verb = noun.head
    if noun.dep_ != "dobj" or not (verb_lemma(verb) in _UNDERGO_OBJECT_VERBS
                                   or refuses(verb) and noun.lemma_.lower() in _INVITATION_NOUNS):
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
            if c.dep_ == "nsubj" and t.dep_ == "dobj":  # "Abedi, who carried out the bombing"
                return _clause_arg(c, res)
            if c.dep_ == "agent":
                p = _pobj(c)
                if p is not None:
                    return res.resolve(p)
        if t.dep_ == "dobj" and verb.dep_ == "pcomp":
            return _suspect_of(verb, res)
        if t.dep_ == "dobj" and (verb.dep_ in {"xcomp", "advcl"} and to_infinitive(verb) or verb.dep_ == "conj"):
            # "the gang was hired to carry out the attack", "planned to carry out", "was
            # radicalised and was planning a knife attack": whoever the governing verb has do it
            return [e for e in _controller(verb, res, frozenset()) if res.entity_type(e) != "OBJECT"]
    return []


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
