"""Who does an act the parse gives no subject: the controller of an infinitive ("vowed to
attack": the one who vowed), the doer of a gerund, the owner of an intention, the one a
passive or a charge names, the undergoer of an act done to someone.
"""

from __future__ import annotations

from typing import Any

from ...quotemarks import quoted_ranges
from ..lexicon import FOIL_VERBS, plot_agent, plot_of, refuses, to_infinitive, verb_lemma
from .arguments import _AGENT_TYPES
from .resolver import EntityResolver, _clause_arg, _of_object, _pobj
from .vocabulary import _QUANTIFIER_HEADS, _RELATIVE_PRONOUNS, noun_lemma

#: Verbs whose object noun names the event their subject does ("made an attack", "gave a speech").
_LIGHT_VERBS = frozenset({"make", "give", "have", "hold", "take", "deliver", "issue", "raise", "lodge", "pay",
                          "file", "offer", "express", "voice", "wage", "pursue", "begin", "start",
                          "continue", "resume", "lead", "host", "sign", "announce", "undertake",
                          "pose", "extend", "press", "level", "post", "send", "seek", "reach",
                          "broker", "negotiate", "initiate", "escalate", "step", "intensify"})


_CARRY_VERBS = frozenset({"carry", "launch", "perpetrate", "stage", "conduct", "commit",
                          "mount", "plan", "organize", "direct", "execute", "organise", "order", "mastermind",
                          "claim", "plot", "prepare", "cause", "perform", "open"})


def _participle_adjunct(tok: Any) -> bool:
    """A present participle set beside its clause ("have been tracking the caravan, calling
    it a threat", "shot the man, killing him"): its doer is the clause's subject, never the
    clause's object, unlike an infinitive's ("urged Iran to stop"). Not one inside a
    quotation its clause opens ("characterized Kaine as, “a little desperate there, jumping
    in all the time”": the quoted words describe the object)."""
    return tok.dep_ == "advcl" and tok.tag_ == "VBG" and not any(
        c.dep_ in {"aux", "mark"} for c in tok.children) and not _quoted_after(tok.head, tok)


_QUOTES_KEY = "claimgraph.quoted_chars"


def _quoted_after(head: Any, tok: Any) -> bool:
    """Whether ``tok`` stands in a quotation (:func:`~claimgraph.nlp.quotemarks.quoted_ranges`,
    found once per parse) that opens after ``head``; a quotation may run on over sentences."""
    doc = tok.doc
    ranges = doc.user_data.get(_QUOTES_KEY)
    if ranges is None:
        ranges = doc.user_data[_QUOTES_KEY] = quoted_ranges(doc.text)
    return any(head.idx < a <= tok.idx < b for a, b in ranges)


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
            if "dobj" in deps and not _participle_adjunct(tok):
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


#: What can do what an infinitive says: someone, or a weapon or vehicle ("sent the missile to strike").
_DOER_TYPES = _AGENT_TYPES | {"WEAPON", "VEHICLE"}


#: Nouns whose "to" infinitive is done by their owner ("Iran's attempt to acquire", "a plan to").
_INTENT_NOUNS = frozenset({"plot", "plan", "conspiracy", "attempt", "order", "effort", "bid", "threat",
                           "decision", "promise", "pledge", "move", "push", "intention", "desire",
                           "commitment", "vow", "offer", "proposal", "call", "request", "demand",
                           "ability", "right", "refusal", "failure", "willingness", "readiness",
                           "determination", "campaign", "drive", "scheme", "ambition", "goal",
                           "aim", "intent", "wish", "resolve", "agreement", "deal"})


#: Nouns that name an aim besides the plan-like ones (:data:`_INTENT_NOUNS`: "intention",
#: "goal", "aim"), so that "the X is to do" is done by whoever has it.
_AIM_NOUNS = frozenset({"purpose", "hope", "mission", "strategy", "priority", "idea", "job",
                        "task", "objective", "dream"})


#: Verbs whose subject is what their object event is done to: "accepted an invitation",
#: "faces prosecution", "is awaiting confirmation", "merited investigation".
_UNDERGO_OBJECT_VERBS = frozenset({"accept", "receive", "get", "face", "merit", "deserve", "undergo",
                                   "suffer", "endure", "await", "risk", "escape", "survive"})


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
