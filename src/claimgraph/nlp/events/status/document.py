"""Readings across sentences and claims: prevention ("arrested ... before they could
act"), an event stated only in opinion, what a source left unsaid, and bare conjoined
verbs that share their head's status.
"""

from __future__ import annotations

from typing import Any

from ....models import Document, Event
from ...attribution.cues import unsaid
from ..lexicon import verb_lemma
from .clause import _is_negated, _modal
from .negation import ruled_out

_BEFORE_AUX = frozenset({"could", "can", "would", "might", "had"})


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
