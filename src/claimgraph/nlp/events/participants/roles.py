"""Roles from the dependency parse: who does what to whom for a verbal or nominal trigger
(actor, target, recipient, instrument), who controls an infinitive or a gerund, and where the
event happens.

:func:`verb_roles` and :func:`location_of` are here; what they read is in the modules
before this one (each imports only from those before it): :mod:`.arguments` (subjects,
objects, prepositional roles), :mod:`.control` (the doer an infinitive, a gerund or a
charge leaves implicit), :mod:`.nouns` (:func:`noun_roles`, re-exported here).
"""

from __future__ import annotations

from typing import Any

from ..lexicon import to_infinitive, verb_lemma
from .arguments import (
    _FOR_TARGET_HEADS,
    _PLACE_NOUNS,
    _PLACE_TYPES,
    Role,
    _add_roles,
    _oblique_target,
    _prep_roles,
    _subject_role,
    object_role,
)
from .control import (
    _ADJUNCT_PREPS,
    _DOER_TYPES,
    _INTENT_NOUNS,
    _bare_quantity,
    _controller,
    _gerund_doer,
    _intent_owner,
    _shares_passive,
    _verb_subject,
)
from .nouns import noun_roles
from .resolver import EntityResolver, _clause_arg, _of_object, _pobj, _with_conjuncts
from .vocabulary import _NOT_PARTICIPANT_NOUNS, noun_lemma

_TARGET_PREPS = frozenset({"on", "against", "at"})


_PLACE_PREPS = frozenset({"in", "at", "near", "outside", "inside", "into", "across", "around"})


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


__all__ = [
    "Role",
    "location_of",
    "noun_roles",
    "object_role",
    "verb_roles",
]
