"""Opinion in the writer's own voice: assessments, predictions, recommendations.

A sentence (or the part of it outside attributed content and quotes) is an opinion when
it carries one of these cues, decided on the parse, never on particular words of one text:

* a sentence adverb of evaluation at the start ("Unfortunately, ...", "Clearly, ...") or
  an evaluative adverb on the main verb ("it evidently does not sit well");
* a modal of obligation ("must", "should", "ought to") — a recommendation;
* a modal of speculation ("may", "might", "could") on the main verb — a prediction;
* a counterfactual: "would" on the main verb with an "if" clause, an inverted "Had ...",
  or "would have" + participle ("it would have been traced back");
* a verb of appearance with a complement as main verb ("appears to be", "seems unlikely");
* a verb of inference with a clause, whose subject is not a source ("Its timing suggests ...");
* an evaluative predicate adjective ("It is now crucial ...", "... has been consistent and
  calculated", "The broader takeaway is clear");
* a conclusion noun as subject ("The significance of the plot goes far beyond ...");
* a likelihood adverb on the main clause ("likely in an attempt to ...");
* a question in the writer's voice.
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from .cues import (
    APPEARANCE_VERBS,
    CONCLUSION_NOUNS,
    EVALUATIVE_ADJECTIVES,
    INFERENCE_VERBS,
    LIKELIHOOD_ADVERBS,
    OBLIGATION_MODALS,
    OPINION_ADVERBS,
    SPECULATION_MODALS,
    is_source_like,
    modal_misread,
)

_OPENERS = frozenset({"but", "and", "yet", "so", "still", "now", "instead", ","})
_SUBORDINATE = frozenset({"advcl", "relcl", "acl", "pcomp", "csubj"})
_APPEARANCE_COMPLEMENTS = frozenset({"xcomp", "ccomp", "acomp", "attr", "oprd"})


def _main_verbs(sent: Span, skip: set[int]) -> list[Token]:
    """The root and the verbs conjoined with it (outside skipped tokens)."""
    root = sent.root
    out = [root] if root.i not in skip else []
    out += [c for c in root.children if c.dep_ == "conj" and c.pos_ in ("VERB", "AUX") and c.i not in skip]
    return out


def _opening_adverb(sent: Span, skip: set[int]) -> Token | None:
    for t in sent:
        if t.i in skip or t.is_space:
            continue
        low = t.lower_
        if low in OPINION_ADVERBS and t.dep_ == "advmod":
            return t
        if low not in _OPENERS:
            return None
    return None


def _is_counterfactual(verb: Token, sent: Span) -> bool:
    kids = list(verb.children)
    if not any(c.lower_ == "would" for c in kids):
        return False
    if any(c.lower_ == "have" and c.dep_ == "aux" for c in kids):
        return True
    for c in kids:
        if c.dep_ == "advcl" and any(m.lower_ in ("if", "unless") and m.dep_ == "mark" for m in c.children):
            return True
    first = next((t for t in sent if not t.is_space), None)
    return first is not None and first.lower_ in ("had", "were", "should")


def _verb_cue(verb: Token, sent: Span) -> Token | None:
    for c in verb.children:
        low = c.lower_
        if c.dep_ == "aux" and (low in OBLIGATION_MODALS or low in SPECULATION_MODALS) and not modal_misread(verb):
            return c
        if c.dep_ == "advmod" and (low in OPINION_ADVERBS or low in LIKELIHOOD_ADVERBS):
            return c
        if c.dep_ == "acomp" and c.lemma_.lower() in EVALUATIVE_ADJECTIVES:
            return c
        if c.dep_ == "acomp":
            for cc in c.children:
                if cc.dep_ == "conj" and cc.lemma_.lower() in EVALUATIVE_ADJECTIVES:
                    return cc
        if c.dep_ == "prep":
            for cc in c.children:
                if cc.dep_ == "advmod" and cc.lower_ in LIKELIHOOD_ADVERBS:
                    return cc
        if c.dep_ in ("nsubj", "nsubjpass") and c.lemma_.lower() in CONCLUSION_NOUNS:
            return c
    if c_aux := next((c for c in verb.children if c.dep_ == "aux" and c.lower_ == "ought"), None):
        return c_aux
    lemma = verb.lemma_.lower()
    # "appears to be", "seems unlikely", "it appears that": a verb of appearance with a
    # complement; "he appeared in court" is an event, not the writer's impression
    if lemma in APPEARANCE_VERBS and any(c.dep_ in _APPEARANCE_COMPLEMENTS for c in verb.children):
        return verb
    # "Its timing suggests it was designed ...": an inference with a clause after it; "the
    # footage showed the van", "the special counsel revealed a link" report what was shown
    if lemma in INFERENCE_VERBS and any(c.dep_ in ("ccomp", "xcomp") for c in verb.children):
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is None or not is_source_like(subj):
            return verb
    if _is_counterfactual(verb, sent):
        return next(c for c in verb.children if c.lower_ == "would")
    return None


def opinion_cue(sent: Span, skip: set[int]) -> Token | None:
    """The token that makes ``sent`` an opinion of the writer, or None.

    ``skip`` holds token indices inside attributed content or quotes: what a source says
    is not the writer's opinion.
    """
    cue = _opening_adverb(sent, skip)
    if cue is not None:
        return cue
    for verb in _main_verbs(sent, skip):
        cue = _verb_cue(verb, sent)
        if cue is not None and cue.i not in skip:
            return cue
    for t in sent:
        if t.i in skip or t.head.dep_ in _SUBORDINATE:
            continue
        if t.lower_ in OBLIGATION_MODALS and t.dep_ == "aux":
            return t
        if t.dep_ == "nsubj" and t.lemma_.lower() in CONCLUSION_NOUNS:
            return t
        if t.dep_ == "acomp" and t.lemma_.lower() in EVALUATIVE_ADJECTIVES and t.head.lemma_ == "be":
            return t
    last = next((t for t in reversed(sent) if not t.is_space and t.text not in "”\"»’'"), None)
    if last is not None and last.text == "?" and last.i not in skip:
        return last
    return None
