"""The ``events`` step: PLOVER events with participants, place, time, amount and claim.

Triggers come from the lemma lexicon in :mod:`claimgraph.nlp.events.lexicon` (verbal and
nominal). Participants come from the dependency parse (:mod:`claimgraph.nlp.events.participants`).
Repeated references to one event in a document ("the plot", "This failed plot", "the
foiled attack") are merged into one event whose trigger is the most specific mention.

For the ``status`` step the step leaves ``scratch["event_mentions"]``: event id -> the
spaCy token indices of every mention's trigger head, and ``scratch["mention_cues"]``:
token index -> cues found while extracting ("plan": an intended event, "attempt": tried,
"purpose": an infinitive of purpose, "plot": a plot noun, "nominal": a noun trigger); and
``scratch["participant_phrases"]``: event id -> entity id -> the (start, end) character
bounds of the noun phrases through which the entity took part.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ...models import Document, Event, EventTime, Participant
from ...pipeline import step
from ..attribution.cues import cited_source
from ..learned import linear_model
from ..temporal.timex import event_time as _event_time
from .amounts import find_amounts
from .features import MODALS, detect_features, is_candidate, lexicon_trigger, news_type, type_features
from .lexicon import (
    ANAPHORIC_EVENT_NOUNS,
    ATTEMPT_VERBS,
    INFLECTIONS,
    NOUN_TRIGGERS,
    PATIENT_NOMINALS,
    PHRASAL_TRIGGERS,
    PLAN_VERBS,
    PLOT_NOUNS,
    RECIPIENT_TYPES,
    VERB_TRIGGERS,
    VIOLENT_PLOT_MODIFIERS,
    Trigger,
    other_mode,
    verb_lemma,
)
from .participants import EntityResolver, _pobj, location_of, noun_roles, unnamed_type, verb_roles
from .scope import candidates, choose
from .status import in_counterfactual

#: The committed models (``claimgraph/data/models``, trained by ``scripts/train_models.py``).
DETECT_MODEL = "event_detect.json.gz"
TYPE_MODEL = "event_type.json.gz"

#: Verbs whose object only counts as an attack when it is physical or a person.
_PHYSICAL_ONLY = frozenset({"damage", "destroy", "burn", "sabotage", "execute", "beat", "shell",
                            "strike", "seize", "capture", "hijack", "torch"})
#: Verbs whose object must be a person or group ("kill", "kidnap", "arrest").
_PERSON_ONLY = frozenset({"kill", "murder", "assassinate", "slay", "kidnap", "abduct", "arrest",
                          "detain", "massacre", "behead", "torture", "imprison", "deport",
                          "recruit", "enlist", "wound", "injure", "stab"})
_NON_PERSON = frozenset({"bill", "deal", "plan", "proposal", "idea", "project", "motion",
                         "talks", "law", "measure", "story", "engine", "time", "mood", "hope",
                         "chance", "momentum", "crop", "tree", "plant", "fish", "bacteria"})
#: Objects that make a violent verb a figure of speech ("attack the election", "kill the
#: policy", "shoot down the idea").
_ABSTRACT_OBJECTS = _NON_PERSON | frozenset({
    "policy", "election", "democracy", "program", "programme", "agreement", "treaty", "rule",
    "regulation", "legislation", "veto", "nomination", "notion", "suggestion", "claim", "report",
    "narrative", "argument", "theory", "reputation", "credibility", "record", "process",
    "reform", "effort", "initiative", "strategy", "approach", "case", "investigation", "probe",
    "inquiry", "system", "institution", "order", "rhetoric", "tradition", "economy",
    "amendment", "provision", "ruling", "decision", "budget", "tax", "tariff", "stance", "position",
})
_DEFINITE = frozenset({"the", "this", "that", "these", "those"})
_HEAD_EXTENDERS = frozenset({"attempt", "plot", "plan", "operation", "campaign"})


@dataclass(slots=True)
class Mention:
    """One trigger occurrence before merging."""

    tok: Any
    start: int
    end: int
    trigger: Trigger
    nominal: bool
    kind: str = "trigger"  # trigger | plot | anaphor
    cues: set[str] = field(default_factory=set)
    roles: list[tuple[str, str]] = field(default_factory=list)
    phrases: dict[str, tuple[int, int]] = field(default_factory=dict)
    extra_heads: tuple[Any, ...] = ()

    @property
    def definite(self) -> bool:
        return any(c.dep_ == "poss" or c.dep_ == "det" and c.lower_ in _DEFINITE
                   for c in self.tok.children) or any(
            c.dep_ == "det" and c.lower_ in _DEFINITE for h in self.extra_heads for c in h.children)


# -- finding triggers ----------------------------------------------------------------------


def _verb_trigger(tok: Any) -> Trigger | None:
    trig = _lexicon_verb_trigger(tok)
    if trig is not None and trig.type == "ASSAULT" and _has_abstract_object(tok):
        return None  # "attack the 2016 election", "shot down Trump's idea": words, not force
    return trig


def _has_abstract_object(tok: Any) -> bool:
    """Whether the verb's object is an idea, a policy or a process, not a body or a thing."""
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NOUN":
            return c.lemma_.lower() in _ABSTRACT_OBJECTS
    return False


def _lexicon_verb_trigger(tok: Any) -> Trigger | None:
    lemma = verb_lemma(tok)
    for c in tok.children:
        if c.dep_ == "prt" and (lemma, c.lower_) in PHRASAL_TRIGGERS:
            return PHRASAL_TRIGGERS[(lemma, c.lower_)]
        if c.dep_ in {"dobj", "oprd", "attr", "npadvmod", "advmod", "acomp"} and (
            lemma, c.lower_
        ) in PHRASAL_TRIGGERS:
            return PHRASAL_TRIGGERS[(lemma, c.lower_)]
    trig = VERB_TRIGGERS.get(lemma)
    if trig is None:
        return None
    if trig.type == "PROTEST" and any(c.dep_ in {"ccomp", "dobj"} for c in tok.children):
        return None  # "demonstrated that ...", "demonstrated its resolve"
    if lemma in _PHYSICAL_ONLY and not _has_physical_object(tok):
        return None
    if lemma in _PERSON_ONLY and _has_non_person_object(tok):
        return None  # "frost killed the crops", "killed the bill"
    return trig


def _has_non_person_object(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"} and c.pos_ == "NOUN" and not c.ent_type_:
            lemma = c.lemma_.lower()
            return lemma in _NON_PERSON or unnamed_type(lemma) in {"WEAPON", "VEHICLE", "FAC",
                                                                   "OBJECT"}
    return False


def _has_physical_object(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ in {"dobj", "nsubjpass"}:
            if c.ent_type_ in {"PERSON", "FAC", "ORG"}:
                return True
            if unnamed_type(c.lemma_) in {"FAC", "VEHICLE", "OBJECT", "PERSON", "WEAPON"}:
                return True
    if tok.dep_ in {"acl", "relcl"} and unnamed_type(tok.head.lemma_) is not None:
        return True
    return False


_VERBAL_DEPS = frozenset({"nsubj", "nsubjpass", "aux", "auxpass", "dobj", "agent"})


def _case_damaged_verb(tok: Any) -> bool:
    """A verb tagged as a proper noun after truecasing ("were going to Explode")."""
    if tok.pos_ not in {"PROPN", "ADJ"} or tok.lower_ not in INFLECTIONS:
        return False
    if tok.dep_ == "pobj" and tok.head.lower_ == "to" and tok.head.head.pos_ == "VERB":
        return True  # "were going to Explode" parsed as a prepositional object
    return any(c.dep_ in _VERBAL_DEPS for c in tok.children) or tok.dep_ in {"xcomp", "ROOT"}


def _is_generic_plural(tok: Any) -> bool:
    """Bare nouns with no determiner and no participants: "assassinations", "sabotage"."""
    for c in tok.children:
        if c.dep_ in {"det", "poss", "nummod", "acl", "relcl"}:
            return False
        if c.dep_ == "prep" and c.lower_ in {"of", "on", "against", "by", "in", "at"}:
            return False
        if c.dep_ in {"amod", "compound"} and c.ent_type_:
            return False
    return True


def find_mentions(sdoc: Any, learned: bool = True) -> list[Mention]:
    """Every event candidate, plot-noun and anaphoric event-noun mention, in text order.

    Lexicon triggers keep their type; every other verb and common noun is a ``learned``
    candidate. With ``learned`` (the default) the detector then keeps the candidates and
    lexicon triggers it judges to be events (:func:`detect`); plot nouns and anaphors stay,
    since they only ever join an event.
    """
    out: list[Mention] = []
    for tok in sdoc:
        m = find_mentions_at(tok)
        if m is not None:
            out.append(m)
        elif learned and is_candidate(tok):
            out.append(_learned_mention(tok))
    return detect(out) if learned else out


def mention_for_token(tok: Any) -> Mention:
    """A mention for any token, with the cues the status rules read (training uses this too)."""
    found = find_mentions_at(tok) or _learned_mention(tok)
    _plan_cues(found)
    return found


def _learned_mention(tok: Any) -> Mention:
    """A candidate outside the lexicon; the typer sets its type if the detector keeps it."""
    return Mention(tok, tok.idx, tok.idx + len(tok.text), Trigger("OTHER", None),
                   nominal=tok.pos_ != "VERB", kind="learned")


def find_mentions_at(tok: Any) -> Mention | None:
    """The lexicon's mention at a token (a trigger, plot noun or anaphor), or None."""
    if tok.pos_ == "VERB" or _case_damaged_verb(tok):
        trig = _verb_trigger(tok)
        return Mention(tok, tok.idx, tok.idx + len(tok.text), trig, nominal=False) if trig else None
    if tok.pos_ in {"NOUN", "PROPN"}:
        return _noun_mention(tok)
    return None


#: Lexicon types whose triggers the detector may not drop below ``LEXICON_FLOOR``: violence,
#: coercion and threats, where the lexicon was built from conflict reporting (MUC-4, plots)
#: that the detector's training articles (US politics) hardly contain.
PROTECTED_TYPES = frozenset({"ASSAULT", "COERCE", "THREATEN", "MOBILIZE", "RECRUIT", "SURVEIL"})
#: A lexicon trigger counts as an event when the detector gives it this share of its threshold.
LEXICON_FLOOR = 0.5


#: Kinds of events outside PLOVER whose words name a happening in any story (a crash, a
#: quake, a hack, a death, an indictment): they need only the lexicon's share of the
#: threshold, since the training stories (US politics) seldom show them.
HAPPENING_KINDS = frozenset({"accident", "disaster", "hack", "death", "court"})
_AMBIGUOUS_HAPPENINGS = frozenset({"fall", "rule", "appeal", "sentence", "dead", "test", "leak"})


def is_happening(tok: Any) -> bool:
    kind = other_mode(tok)
    if kind not in HAPPENING_KINDS:
        return False
    lemma = tok.lemma_.lower()
    return lemma not in _AMBIGUOUS_HAPPENINGS and tok.pos_ in {"VERB", "NOUN"}


def detect(mentions: list[Mention]) -> list[Mention]:
    """Keep the mentions the learned detector accepts; type the learned ones.

    The detector scores every candidate, lexicon triggers included (the lexicon is one of
    its features). A lexicon trigger needs half the detector's threshold, and one of the
    conflict types (:data:`PROTECTED_TYPES`) is always kept; a learned candidate needs the
    full threshold and gets its type from the typer (a lemma the lexicon knows but refused
    in this context, "killed the bill", is never given the lexicon's type).
    """
    detector = linear_model(DETECT_MODEL)
    typer = linear_model(TYPE_MODEL)
    kept: list[Mention] = []
    scores: dict[int, float] = {}  # token -> the detector's event probability
    for m in mentions:
        if m.kind not in {"trigger", "learned"}:
            kept.append(m)
            continue
        if m.kind == "trigger" and m.trigger.type in PROTECTED_TYPES:
            kept.append(m)
            continue
        p = scores[m.tok.i] = detector.proba(detect_features(m.tok))["event"]
        floor = m.kind == "trigger" or is_happening(m.tok)
        need = detector.threshold * (LEXICON_FLOOR if floor else 1.0)
        if p < need:
            continue
        if m.kind == "learned":
            etype, _ = typer.predict(type_features(m.tok))
            refused = lexicon_trigger(m.tok)
            if refused is not None and refused.type == etype and _refused_for_meaning(m.tok):
                etype = "OTHER"
            if etype == "OTHER" and refused is None:
                etype = news_type(m.tok) or "OTHER"
            m.trigger = Trigger(etype, other_mode(m.tok) if etype == "OTHER" else None)
        kept.append(m)
    kept = _without_frame_verbs(_without_light_verbs(_without_report_cues(_without_phrasal_words(kept))))
    return _with_predicate_nouns(kept, scores, detector.threshold)


_PHRASAL_DEPS = frozenset({"dobj", "oprd", "attr", "npadvmod", "advmod", "acomp", "prt"})


def _without_phrasal_words(kept: list[Mention]) -> list[Mention]:
    """A word that makes a kept verb a phrasal trigger is no event of its own: "set fire to a
    car" is one arson, not a setting and a fire; "planted a bomb" one bombing."""
    verbs = {m.tok.i for m in kept if m.kind in {"trigger", "learned"} and not m.nominal}
    return [m for m in kept if not (
        m.nominal and m.tok.head.i in verbs and m.tok.dep_ in _PHRASAL_DEPS
        and (verb_lemma(m.tok.head), m.tok.lower_) in PHRASAL_TRIGGERS)]


def _refused_for_meaning(tok: Any) -> bool:
    """Whether the lexicon refused its word here for what it means in this context ("killed the
    bill", "attacks on Obama's Iran deal"), not only for where it stands: a noun that modifies
    another ("the Boston Marathon bombing suspect") or a bare plural keeps its kind of event."""
    if tok.pos_ == "VERB" or _case_damaged_verb(tok):
        return True
    trig = NOUN_TRIGGERS.get(tok.lemma_.lower())
    return not (trig is not None and (tok.dep_ == "compound" or _is_generic_plural(tok))
                and not _abstract_target(tok))


#: Verbs that only carry the event their object names ("carried out a raid", "made the
#: secret visit", "held talks", "paid a visit", "launched an offensive", "committed the
#: attack"): the event is the noun's, as the guideline annotates it, and the verb beside it
#: is no second event. Narrower than the participants' light and carrying verbs, which pass
#: their subject on: "signed an agreement", "announced a decision", "ordered an attack" are
#: events of their own.
LIGHT_VERBS = frozenset({"make", "give", "have", "hold", "take", "carry", "conduct", "perform",
                         "stage", "do", "pay", "mount", "launch", "commit", "wage", "perpetrate"})


#: Plain verbs of saying: introducing a reported clause they are the chain's cue, not an
#: event (the guideline: "not the plain reporting verbs that introduce a source"). Speech acts
#: that are events in PLOVER ("warned", "alleged", "accused", "threatened", "testified") are
#: not here.
PLAIN_REPORT_VERBS = frozenset({
    "say", "tell", "add", "state", "note", "write", "tweet", "post", "report", "explain", "describe",
    "confirm", "acknowledge", "reveal", "announce", "claim", "insist", "argue", "contend", "predict",
    "assert", "maintain", "recall", "emphasize", "emphasise", "stress", "respond", "reply", "remark",
    "observe", "comment", "indicate", "disclose", "concede", "admit", "complain", "suggest", "point",
    "echo", "joke", "refer",
})


def _without_report_cues(kept: list[Mention]) -> list[Mention]:
    """Drop a plain verb of saying (:data:`PLAIN_REPORT_VERBS`) that introduces a clause and
    takes no object, stated plainly: "confirmed that the suspect was in custody", "tweeted
    that ...". One denied, framed or only possible ("did not assert that", "attempted to
    explain that", "may reveal that") stays, as the guideline lists such acts; so do a demand
    ("insisted that he resign") and one with an object or a preposition ("announced the
    charges", "argued over which country's weapons were more powerful"). On statuschain-dev,
    25 such events in sentences holding a gold event matched none of it."""
    out = []
    for m in kept:
        t = m.tok
        if not m.nominal and cited_source(t) is not None:
            continue  # "The Post, citing security officials, reported": a link of the chain, no event
        if not m.nominal and verb_lemma(t) in PLAIN_REPORT_VERBS and t.dep_ not in {"xcomp", "pcomp"}:
            kids = {c.dep_ for c in t.children}
            clause = min((c.i for c in t.children if c.dep_ in {"ccomp", "parataxis"}), default=None)
            demand = clause is not None and t.doc[clause].tag_ == "VB" and not any(
                g.dep_ in {"aux", "auxpass"} for g in t.doc[clause].children)  # "insisted that he resign"
            if clause is not None and not demand and not kids & {"dobj", "neg"} and not any(
                    c.dep_ == "aux" and c.lower_ in MODALS
                    or c.dep_ == "prep" and t.i < c.i < clause for c in t.children):
                continue
        out.append(m)
    return out


#: Verbs that, kept without their object, name an event together with it: "lay the
#: groundwork", "set a deadline", "made a statement", "executed a search warrant", "pay a
#: price", "issued an ultimatum" (the guideline's trigger is often the noun alone).
PREDICATE_VERBS = LIGHT_VERBS | {"lay", "set", "issue", "offer", "execute", "deliver", "serve",
                                 "strike", "launch", "open", "raise", "lodge", "file", "extend"}


#: The share of the detector's threshold an object noun must reach to widen a verb's trigger.
PREDICATE_NOUN_FLOOR = 0.3


def _with_predicate_nouns(kept: list[Mention], scores: dict[int, float], threshold: float) -> list[Mention]:
    """Widen a kept verb of :data:`PREDICATE_VERBS` that says nothing of its own (typed
    ``OTHER``) to its common-noun object when the object is no event of its own: the trigger is
    the phrase ("lay the groundwork", "set a deadline"), so a reader sees what happened and
    either word names the same event. The object must read as an event: a lexicon noun, or
    one the detector scored (``scores``) at :data:`PREDICATE_NOUN_FLOOR` of its threshold or
    more."""
    heads = {m.tok.i for m in kept}
    for m in kept:
        if m.nominal or verb_lemma(m.tok) not in PREDICATE_VERBS or m.trigger.type != "OTHER":
            continue  # ("paid the bribe": a payment, the verb alone says what happened)
        obj = next((c for c in m.tok.children if c.dep_ == "dobj"), None)
        if obj is None or obj.i in heads or obj.pos_ != "NOUN" or obj.ent_type_ or not is_candidate(obj):
            continue
        if obj.i <= m.tok.i or obj.i - m.tok.i > 4 or any(t.is_punct for t in obj.doc[m.tok.i:obj.i]):
            continue
        # an object that reads at all as an event, not a thing: "offering specifics" stays
        # "offering" (the detector's score for "specifics" or "details" is under a fifth of its
        # threshold, for "deadline", "warrant", "statement" above a third)
        # (every common noun a candidate, the detector scored it already)
        if obj.lemma_.lower() not in NOUN_TRIGGERS and scores.get(obj.i, 0.0) < threshold * PREDICATE_NOUN_FLOOR:
            continue
        m.end = obj.idx + len(obj.text)
    return kept


def _without_light_verbs(kept: list[Mention]) -> list[Mention]:
    """Drop a light verb whose direct object is itself a kept event."""
    nominal_heads = {m.tok.head.i for m in kept
                     if m.nominal and m.tok.dep_ == "dobj" and m.tok.head.i != m.tok.i}
    return [m for m in kept
            if m.nominal or m.tok.i not in nominal_heads or verb_lemma(m.tok) not in LIGHT_VERBS]


#: Verbs that frame the event of their infinitive or gerund complement: its phase ("began
#: negotiating", "continued to push"), an attempt ("tried to put to rest", "sought to block"),
#: an intention, wish or need ("plans to visit", "wants to move on", "needs to pass"), a
#: likelihood ("seems to", "is set to"), a use ("used the power to"). The complement is the
#: event, and its status carries the frame ("tried to" -> attempted, "plans to" -> planned);
#: the guideline annotates the complement alone. Acts done to others stay events of their
#: own: "urged X to", "threatened to", "vowed to", "agreed to", "refused to", "voted to".
FRAME_VERBS = frozenset({
    "try", "attempt", "seek", "strive", "endeavor", "endeavour", "struggle", "scramble", "work",
    "manage", "succeed", "proceed", "continue", "begin", "start", "keep", "go", "come",
    "want", "wish", "hope", "desire", "like", "love", "prefer", "need",
    "plan", "intend", "aim", "mean", "prepare", "expect", "decide", "set", "schedule", "poise",
    "seem", "appear", "tend", "happen", "prove", "use", "help", "fail", "neglect", "forget",
    "avoid", "hesitate", "afford", "consider", "suppose", "purport",
})


def _without_frame_verbs(kept: list[Mention]) -> list[Mention]:
    """Drop a frame verb (:data:`FRAME_VERBS`) whose verbal complement is itself a kept event."""
    heads = {m.tok.i for m in kept}
    return [m for m in kept
            if m.nominal or verb_lemma(m.tok) not in FRAME_VERBS
            or not any(c.dep_ == "xcomp" and c.i in heads for c in m.tok.children)]


def _noun_mention(tok: Any) -> Mention | None:
    lemma = tok.lemma_.lower()
    end = tok.idx + len(tok.text)
    if lemma in NOUN_TRIGGERS:
        trig = NOUN_TRIGGERS[lemma]
        if trig.type == "ASSAULT" and _abstract_target(tok):
            return None  # "attacks on Obama's Iran deal", "an attack on our democracy"
        if tok.dep_ == "compound":
            head = tok.head
            if head.lemma_.lower() not in _HEAD_EXTENDERS:
                return None
            m = Mention(tok, tok.idx, head.idx + len(head.text), trig, True, extra_heads=(head,))
            if head.lemma_.lower() == "attempt":
                m.cues.add("attempt")
            elif head.lemma_.lower() in PLOT_NOUNS:
                m.cues.add("plan")
            return m
        if _is_generic_plural(tok):
            return None
        m = Mention(tok, tok.idx, end, trig, nominal=True)
        if any(c.dep_ == "amod" and c.lemma_.lower() in {"attempt", "attempted"}
               for c in tok.children):
            m.cues.add("attempt")
        return m
    if lemma == "attempt" and _attempt_on_life(tok):
        return Mention(tok, tok.idx, end, Trigger("ASSAULT", "assassination"), True,
                       cues={"attempt"})
    if lemma in PLOT_NOUNS:
        if any(c.dep_ == "compound" and c.lemma_.lower() in NOUN_TRIGGERS for c in tok.children):
            return None  # "the assassination plot" is found from its modifier
        violent = any(c.lemma_.lower() in VIOLENT_PLOT_MODIFIERS for c in tok.children
                      if c.dep_ in {"compound", "amod"})
        return Mention(tok, tok.idx, end, Trigger("ASSAULT", "plot" if violent else None), True,
                       kind="plot", cues={"plan"})
    if lemma in ANAPHORIC_EVENT_NOUNS and tok.tag_ == "NN":
        if any(c.dep_ == "det" and c.lower_ in {"this", "that", "the"} for c in tok.children):
            return Mention(tok, tok.idx, end, Trigger("ASSAULT", None), True, kind="anaphor")
    return None


def _abstract_target(tok: Any) -> bool:
    """An event noun aimed "on" or "against" an idea, a policy or a process."""
    return any(c.dep_ == "prep" and c.lower_ in {"on", "against"} and (p := _pobj(c)) is not None
               and p.lemma_.lower() in _ABSTRACT_OBJECTS for c in tok.children)


def _attempt_on_life(tok: Any) -> bool:
    for c in tok.children:
        if c.dep_ == "prep" and c.lower_ == "on":
            for g in c.children:
                if g.dep_ == "pobj" and g.lemma_.lower() == "life":
                    return True
    return False


# -- roles and cues ------------------------------------------------------------------------


def _plan_cues(m: Mention) -> None:
    """"planned to assassinate", "plot to kill", "tried to kill", "attempt to kill"."""
    tok = m.tok
    if m.nominal:
        return
    is_inf = any(c.dep_ == "aux" and c.tag_ == "TO" for c in tok.children)
    if tok.dep_ in {"xcomp", "acl", "advcl"} and is_inf:
        head_lemma = verb_lemma(tok.head)
        if head_lemma in ATTEMPT_VERBS:
            m.cues.add("attempt")
        elif head_lemma in PLOT_NOUNS or head_lemma in PLAN_VERBS:
            m.cues.add("plan")
            if head_lemma in PLOT_NOUNS:
                m.cues.add("plot-head")
        else:
            m.cues.add("purpose")
    elif is_inf:
        m.cues.add("purpose")


def _roles(m: Mention, res: EntityResolver) -> list[tuple[str, str]]:
    etype = m.trigger.type
    # violent and coercive events from the lexicon take typed participants only (people,
    # groups, weapons, vehicles, buildings): "attacked the peace process" names no target
    res.describe = not (m.kind in {"trigger", "plot", "anaphor"} and etype in PROTECTED_TYPES)
    if m.nominal:
        if m.kind in {"plot", "anaphor"}:
            return noun_roles(m.tok, etype, res, RECIPIENT_TYPES, patient_nominal=False)
        patient = m.tok.lemma_.lower() in PATIENT_NOMINALS
        return noun_roles(m.tok, etype, res, RECIPIENT_TYPES, patient, m.extra_heads)
    return verb_roles(m.tok, etype, res, RECIPIENT_TYPES, PLAN_VERBS)


# -- merging coreferent mentions ---------------------------------------------------------


@dataclass(slots=True)
class _Group:
    mentions: list[Mention]
    closed: bool = False  # a counterfactual event takes no other mention

    @property
    def main(self) -> Mention:
        for m in self.mentions:
            if m.kind == "trigger" and not m.nominal and "plan" in m.cues:
                return m
        for m in self.mentions:
            if m.kind == "trigger":
                return m
        return self.mentions[0]

    def roles(self) -> list[tuple[str, str]]:
        out: list[tuple[str, str]] = []
        for m in self.mentions:
            for r in m.roles:
                if r not in out:
                    out.append(r)
        return out

    @property
    def planned(self) -> bool:
        return any("plan" in m.cues or m.kind == "plot" for m in self.mentions)


def _compatible(g: _Group, m: Mention, res: EntityResolver,
                roles: tuple[str, ...] = ("target", "actor", "recipient")) -> bool:
    main = g.main
    if main.trigger.type != m.trigger.type:
        return False
    if main.trigger.mode and m.trigger.mode and main.trigger.mode != m.trigger.mode:
        if "plot" not in {main.trigger.mode, m.trigger.mode}:
            return False
    have = g.roles()
    for role in roles:
        a = {e for r, e in have if r == role}
        b = {e for r, e in m.roles if r == role}
        if a and b and not a & b and not _same_names(a, b, res) and _conflict(a, b, res):
            return False
    return True


def _conflict(a: set[str], b: set[str], res: EntityResolver) -> bool:
    """Disjoint participants conflict unless one side is an unnamed description of the
    same type as the other ("the rabbi" beside "Rabbi Segal")."""
    for x in a:
        for y in b:
            if res.entity_type(x) == res.entity_type(y) and not (
                res.is_named(x) and res.is_named(y)
            ):
                return False
    return True


def _same_names(a: set[str], b: set[str], res: EntityResolver) -> bool:
    def last(eid: str) -> str:
        e = res.by_id.get(eid)
        return e.name.split()[-1].lower() if e and e.name.split() else eid

    return bool({last(x) for x in a} & {last(x) for x in b})


def _shares_participant(g: _Group, m: Mention) -> bool:
    have = {e for r, e in g.roles() if r in {"target", "recipient"}}
    return bool(have & {e for r, e in m.roles if r in {"target", "recipient"}})


def merge_mentions(mentions: list[Mention], res: EntityResolver) -> list[_Group]:
    """Group the mentions of one event; plot nouns and anaphors join the plotted event.

    A detected mention outside the conflict types (:data:`PROTECTED_TYPES`) is its own event
    of the record, with its own status and claim: "Mexico will pay", "we are not going to
    pay" and "who's gonna pay?" are three reports (planned, negated, hypothetical, each with
    its source), as the guideline annotates them, and one real-world event across them is the
    knowledge base's work (``kb.resolve_events``). A conflict-type mention ("assassinate",
    "the attack", "arrested") joins an earlier mention of the same incident: a later "the
    attack" or a second "to assassinate Rabbi Segal" refers back to it.
    """
    groups: list[_Group] = []
    floating: list[Mention] = []
    for m in mentions:
        if m.kind in {"plot", "anaphor"}:
            floating.append(m)
            continue
        if m.kind == "learned" or m.trigger.type not in PROTECTED_TYPES or in_counterfactual(m.tok):
            # a counterfactual ("if it had succeeded") is another world: it takes no mention
            groups.append(_Group([m], closed=True))
            continue
        if m.nominal and (m.definite or "attempt" in m.cues):
            target = _latest(groups, m, res, need_shared=False)
        else:
            target = _latest(groups, m, res, need_shared=True)
        if target is not None:
            target.mentions.append(m)
        else:
            groups.append(_Group([m]))
    _attach_floating(groups, floating, res)
    return groups


def _latest(groups: list[_Group], m: Mention, res: EntityResolver,
            need_shared: bool) -> _Group | None:
    for g in reversed(groups):
        if g.closed or not _compatible(g, m, res):
            continue
        if need_shared and not _shares_participant(g, m):
            continue
        if not m.roles or _shares_participant(g, m) or not need_shared:
            return g
    return None


def _attach_floating(groups: list[_Group], floating: list[Mention], res: EntityResolver) -> None:
    for m in floating:
        plotted = [g for g in groups if g.planned and g.main.trigger.type == "ASSAULT"]
        before = [g for g in plotted if g.main.start < m.start]
        target = before[-1] if before else (plotted[0] if plotted else None)
        if target is None and m.kind == "anaphor":
            assaults = [g for g in groups if g.main.trigger.type == "ASSAULT"
                        and g.main.start < m.start and not g.closed]
            target = assaults[-1] if assaults else None
        own_targets = {e for r, e in m.roles if r == "target"}
        if own_targets and target is not None and not _shares_participant(target, m):
            target = None
        if target is not None and (m.kind == "anaphor"
                                   or _compatible(target, m, res, roles=("target",))):
            target.mentions.append(m)
            continue
        if m.kind == "plot" and m.trigger.mode == "plot":
            earlier = [g for g in groups if g.main.kind == "plot" and g.main.trigger.mode == "plot"]
            if earlier and (m.definite or not m.roles):
                earlier[-1].mentions.append(m)
            else:
                groups.append(_Group([m]))


# -- assembling events ----------------------------------------------------------------------


def claim_for(doc: Document, start: int, end: int) -> str | None:
    """The claim the event at ``start:end`` belongs to: among the claims whose evidence holds
    it, the scope model's choice (:mod:`.scope`; the innermost as a rule), else the claim of
    its sentence."""
    tok, held = candidates(doc, start, end)
    if held:
        return choose(doc, tok, held).id
    sdoc = doc.scratch["sdoc"]
    sent_map: dict[int, str] = doc.scratch.get("claim_sentences") or {}
    span = sdoc.char_span(start, end, alignment_mode="expand")
    if span is not None and span.sent.start_char in sent_map:
        return sent_map[span.sent.start_char]
    return None


def _time_for(doc: Document, start: int, end: int) -> EventTime | None:
    try:
        return _event_time(doc, start, end)
    except (KeyError, ValueError, TypeError, AttributeError):
        return None


def _amount_for(doc: Document, m: Mention, trigger_heads: set[int]):
    tok = m.tok
    lo, hi = tok.left_edge.i, tok.right_edge.i
    sdoc = tok.doc
    # the subtree minus nested event clauses
    text_start = sdoc[lo].idx
    text_end = sdoc[hi].idx + len(sdoc[hi].text)
    for s, e, amt in find_amounts(doc.text[text_start:text_end], text_start):
        span = sdoc.char_span(s, e, alignment_mode="expand")
        if span is None:
            continue
        owner = _nearest_trigger(span.root, trigger_heads)
        if owner == tok.i or owner is not None and _adjunct_of(sdoc[owner], tok):
            return amt
    return None


def _adjunct_of(noun: Any, verb: Any) -> bool:
    """An event noun in a prepositional phrase on another event's verb ("recruited ... with
    the promise of $200,000", "agreed in exchange for a payment of"): the amount is the
    verb's event's too."""
    return (noun.pos_ == "NOUN" and noun.dep_ == "pobj" and noun.head.dep_ == "prep"
            and noun.head.head.i == verb.i)


def _nearest_trigger(tok: Any, trigger_heads: set[int]) -> int | None:
    t = tok
    for _ in range(12):
        if t.i in trigger_heads:
            return t.i
        if t.head.i == t.i:
            return None
        t = t.head
    return None


def build_events(doc: Document) -> list[Event]:
    sdoc = doc.scratch["sdoc"]
    res = EntityResolver(doc)
    mentions = find_mentions(sdoc)
    for m in mentions:
        _plan_cues(m)
        m.roles = _roles(m, res)
        m.phrases = {e: res.phrases[e] for _, e in m.roles if e in res.phrases}
        if m.trigger.type == "ASSAULT":
            res.victims.update(e for r, e in m.roles if r == "target")
    _inherit_roles(mentions)
    groups = merge_mentions(mentions, res)
    groups.sort(key=lambda g: g.main.start)
    heads = {g.main.tok.i for g in groups}
    events: list[Event] = []
    phrase_map: dict[str, dict[str, list[tuple[int, int]]]] = {}
    mention_map: dict[str, list[int]] = {}
    main_map: dict[str, int] = {}
    learned_ids: set[str] = set()
    cue_map: dict[int, set[str]] = {}
    for i, g in enumerate(groups, start=1):
        main = g.main
        eid = f"v{i}"
        ev = Event(
            id=eid,
            type=main.trigger.type,
            mode=_mode_of(g),
            trigger=doc.span(main.start, main.end),
            participants=[Participant(r, e) for r, e in _clean_roles(g.roles())],
            location=_first(location_of(m.tok, res) for m in g.mentions),
            time=_first(_time_for(doc, m.start, m.end) for m in g.mentions),
            amount=_first(_amount_for(doc, m, heads) for m in g.mentions),
            claim=claim_for(doc, main.start, main.end),
        )
        events.append(ev)
        mention_map[eid] = [m.tok.i for m in g.mentions]
        main_map[eid] = main.tok.i
        if main.kind == "learned":
            learned_ids.add(eid)
        phrase_map[eid] = {}
        for m in g.mentions:
            for ent_id, bounds in m.phrases.items():
                phrase_map[eid].setdefault(ent_id, [])
                if bounds not in phrase_map[eid][ent_id]:
                    phrase_map[eid][ent_id].append(bounds)
        for m in g.mentions:
            cue_map[m.tok.i] = (set(m.cues) | ({"plot"} if m.kind == "plot" else set())
                                | ({"nominal"} if m.nominal else set()))
    used = {p.entity for ev in events for p in ev.participants}
    used |= {ev.location for ev in events if ev.location}
    res.prune(used)
    mapping = _renumber(doc, res, events)
    for per_event in phrase_map.values():
        for old in [k for k in per_event if k in mapping]:
            per_event[mapping[old]] = per_event.pop(old)
    doc.scratch["event_mentions"] = mention_map
    doc.scratch["event_main"] = main_map
    doc.scratch["learned_events"] = learned_ids
    doc.scratch["mention_cues"] = cue_map
    doc.scratch["participant_phrases"] = phrase_map
    return events


#: Event nouns that name the same kind of happening as a verb or another noun: a later
#: "the summit" or "such a session" takes up what "meet" or "the meeting" said before.
_EVENT_FAMILY = {
    "meeting": "meet", "summit": "meet", "session": "meet", "encounter": "meet",
    "talk": "talk", "talks": "talk", "discussion": "talk", "negotiation": "negotiate",
    "negotiations": "negotiate", "visit": "visit", "trip": "visit", "speech": "speak",
    "address": "speak", "remarks": "speak", "interview": "interview", "investigation": "investigate",
    "probe": "investigate", "inquiry": "investigate", "arrest": "arrest", "indictment": "indict",
    "election": "elect", "vote": "vote", "agreement": "agree", "deal": "agree", "withdrawal": "withdraw",
    "attack": "attack", "attacks": "attack", "decision": "decide", "announcement": "announce",
}


def _family(m: Mention) -> str:
    lemma = m.tok.lemma_.lower() if m.nominal else verb_lemma(m.tok)
    return _EVENT_FAMILY.get(lemma, _EVENT_FAMILY.get(m.tok.lower_, lemma))


def _inherit_roles(mentions: list[Mention]) -> None:
    """A definite event noun that names nobody ("the summit", "such a session", "the
    talks") takes the participants of the last earlier mention of the same kind of event
    that named someone: who meets whom was said when the meeting was first reported."""
    last: dict[str, Mention] = {}
    for m in mentions:
        key = _family(m)
        if (m.nominal and m.kind in {"trigger", "learned"} and not any(r == "actor" for r, _ in m.roles)
                and (m.definite or any(c.lower_ == "such" for c in m.tok.children)) and key in last):
            prev = last[key]
            have_target = any(r in {"target", "recipient"} for r, _ in m.roles)
            extra = [(r, e) for r, e in prev.roles
                     if r == "actor" or (not have_target and r in {"target", "recipient"})]
            m.roles = m.roles + [x for x in extra if x not in m.roles]
            for _, e in extra:  # they took part through the earlier mention's phrases
                if e in prev.phrases:
                    m.phrases.setdefault(e, prev.phrases[e])
        if any(r == "actor" for r, _ in m.roles):
            last[key] = m


def _renumber(doc: Document, res: EntityResolver, events: list[Event]) -> dict[str, str]:
    """Keep the e-numbering without gaps after pruning unused descriptions."""
    created = [e for e in doc.entities if e.id in res.created]
    if not created:
        return {}
    base = len(doc.entities) - len(created)
    fixed = [e for e in doc.entities if e.id not in res.created]
    nums = [int(e.id[1:]) for e in fixed if e.id[1:].isdigit()]
    start = max(nums, default=base) + 1
    mapping = {e.id: f"e{start + k}" for k, e in enumerate(created)}
    if all(k == v for k, v in mapping.items()):
        return {}
    for e in created:
        e.id = mapping[e.id]
    for ev in events:
        for p in ev.participants:
            p.entity = mapping.get(p.entity, p.entity)
        ev.location = mapping.get(ev.location, ev.location) if ev.location else None
    tm = doc.scratch.get("token_entity")
    if tm:
        for i, eid in tm.items():
            if eid in mapping:
                tm[i] = mapping[eid]
    return mapping


def _mode_of(g: _Group) -> str | None:
    for m in g.mentions:
        if m.trigger.mode and m.trigger.mode != "plot":
            return m.trigger.mode
    return g.main.trigger.mode


def _clean_roles(roles: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Drop an entity that is both actor and target (parse noise), keep the first role."""
    seen: set[str] = set()
    out: list[tuple[str, str]] = []
    for r, e in roles:
        if e in seen:
            continue
        seen.add(e)
        out.append((r, e))
    return out


def _first(values: Any) -> Any:
    for v in values:
        if v is not None:
            return v
    return None


@step("events", requires=("sdoc", "entities", "claims"), assigns=("events",))
def events(doc: Document) -> Document:
    """Find events, their participants, place, time and amount."""
    doc.events = build_events(doc)
    return doc


__all__ = ["events", "build_events", "find_mentions", "mention_for_token", "claim_for", "detect", "Mention",
           "DETECT_MODEL", "TYPE_MODEL"]
