"""Where a cue's content lies and who speaks it: the complement, the object, the object of
a stance preposition, a clause before, around or after the cue, a relative word before
source and cue; the subjects a cue shares or inherits.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from .lexicons import _OFFENCE_PREP, OBJECT_CONTENT_VERBS, SPEECH_VERBS
from .spans import (
    Found,
    Range,
    _extend_cue,
    _interrupts,
    _is_time,
    _pobj,
    _strip,
    _subtree,
    cue_range,
    is_source_like,
)

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})


def _subjects(verb: Token) -> tuple[list[Token], bool]:
    """The subject heads of ``verb`` (inherited along conj/acl/advcl) and whether passive."""
    v: Token | None = verb
    via_prep = False
    for _ in range(3):
        if v is None:
            break
        subj = [c for c in v.children if c.dep_ in _SUBJ] or _share_subject(v)
        if subj:
            # the subject of the clause a gerund hangs on speaks, whatever that clause's voice
            passive = not via_prep and any(c.dep_ == "nsubjpass" for c in subj)
            return subj, passive
        if v.dep_ in ("conj", "advcl", "xcomp") and v.head.i != v.i:
            v = v.head
        elif v.dep_ == "pcomp" and v.tag_ == "VBG" and v.head.dep_ == "prep" and v.head.head.pos_ in ("VERB", "AUX"):
            v = v.head.head  # "After saying ..., she was whisked off", "responded by saying"
            via_prep = True
        else:
            break
    return [], False


#: Words that, as a number does, name a share of those polled ("a third agreed", "half said").
_SHARE_WORDS = frozenset({"half", "third", "thirds", "quarter", "quarters", "fifth", "fifths", "majority", "percent"})


def _share_subject(verb: Token) -> list[Token]:
    """A share of those polled that the parse hung on the verb as a number or an adverbial
    ("About 4 in 10 say they want ...": "10" a nummod of "say"; "Less than a third agreed
    that ...": "third" an npadvmod): the subject of a verb that has none."""
    for c in verb.lefts:
        if c.dep_ in ("nummod", "npadvmod", "quantmod") and (c.tag_ == "CD" or c.lower_ in _SHARE_WORDS):
            return [c]
    return []


def _asked_participle(verb: Token) -> bool:
    """Is ``verb`` a participle of "ask" standing for a passive ("Asked if he was ever
    bullied, Trump said ...", "When asked about the Florida Standards, Bush said ...")? The
    one asked is the subject of the clause it hangs on, never the source: on PolNeAR's train
    split the passive cues of "ask" have no source 93 times in 110 (the others an agent:
    "asked by host Bill Maher"), the active ones a source 120 times in 128."""
    return verb.lemma_.lower() == "ask" and verb.tag_ == "VBN" and verb.dep_ in ("advcl", "acl") and not any(
        c.dep_ in _SUBJ or c.dep_ in ("aux", "auxpass") for c in verb.children)


def _raised_subject(verb: Token, content: Range, src: Range | None) -> Range | None:
    """The subject of "seem" / "appear" raised from its complement ("Melania seems to have
    vanished", "The statistics appear to be fabricated", "Trump's supporters seemed
    unperturbed"): part of what seems, not a source. PolNeAR's train split marks these cues
    with no source 154 times in 158, the subject and the complement as content. None when
    the subject is an expletive ("It appears that ...") or the complement is no clause or
    predicate of the verb."""
    if src is None or not src[1] <= verb.i < content[0]:
        return None
    subj = [c for c in verb.children if c.dep_ == "nsubj" and c.i < verb.i]
    if not subj or subj[0].lower_ in ("it", "there", "this", "that", "which", "who"):
        return None
    if not any(c.dep_ in ("xcomp", "acomp", "oprd") and content[0] <= c.i < content[1] for c in verb.children):
        return None
    return src


def _asked_content(verb: Token) -> Range | None:
    """What a passive "asked" asks: an "if" / "whether" clause the parse hung as an adverbial
    ("Asked if he was ever bullied"), "about" its object ("asked about the Florida
    Standards"), or its object ("was asked the question")."""
    for c in verb.children:
        if c.dep_ == "advcl" and c.i > verb.i and any(k.dep_ == "mark" and k.lower_ in ("if", "whether") for k in c.children):
            return _subtree(c)
    return _prep_object(verb) or next((_subtree(c) for c in verb.children if c.dep_ == "dobj" and c.i > verb.i), None)


def _agent(verb: Token) -> Token | None:
    for c in verb.children:
        if c.dep_ == "agent":
            p = _pobj(c)
            if p.i != c.i:
                return p
    return None


def _verb_content(verb: Token, lemma: str, sent: Span | None = None) -> Range | None:
    """The content governed by a reporting verb, or None (a clause the parse hung on it
    from outside ``sent``, across a line break, is not its content)."""
    for c in verb.children:
        if c.dep_ == "ccomp" and (sent is None or sent.start <= c.i < sent.end):
            if any(k.dep_ in ("mark", "nsubj", "nsubjpass", "expl") for k in c.children):
                return _subtree(c)
            return _with_object(verb, _subtree(c))  # "demanding Obama make a pledge"
    for c in verb.children:
        if c.dep_ == "xcomp" and c.i > verb.i:
            return _with_object(verb, _subtree(c))
    if lemma == "call":
        return _call_content(verb)
    if lemma in ("accuse", "charge", "blame", "criticize", "criticise", "describe"):
        objs = [c for c in verb.children if c.dep_ in ("dobj", "prep") and c.i > verb.i]
        if len(objs) == 1 and objs[0].dep_ == "prep" and objs[0].lower_ == _OFFENCE_PREP.get(lemma):
            # "was charged with murder": the offence; its preposition goes to the cue
            obj = next((c for c in objs[0].children if c.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return (obj.left_edge.i, objs[0].right_edge.i + 1)
        if objs:
            return (min(o.left_edge.i for o in objs), max(o.right_edge.i for o in objs) + 1)
    if lemma in OBJECT_CONTENT_VERBS:
        for c in verb.children:
            if c.dep_ == "dobj":
                return _object_phrase(verb, _subtree(c))
    return _prep_object(verb)


def _with_object(verb: Token, r: Range) -> Range:
    """ "urged North Korea to resume talks": the object the infinitive is about belongs to
    the content, as PolNeAR marks it."""
    for c in verb.children:
        if verb.i < c.i < r[0] and c.right_edge.i + 1 == r[0]:
            if c.dep_ == "dobj":
                return (c.left_edge.i, r[1])
            if c.dep_ in ("prep", "prt") and c.lower_ == "on" and c.i == verb.i + 1:  # "called on police to"
                obj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if obj is not None:
                    return (obj.left_edge.i, r[1])
    return r


def _call_content(verb: Token) -> Range | None:
    """ "called X a Y" (X..Y) and "called for X" (X)."""
    kids = [c for c in verb.children if c.i > verb.i]
    obj = [c for c in kids if c.dep_ in ("dobj", "oprd", "ccomp")]
    if len(obj) >= 2 or any(c.dep_ == "oprd" for c in obj):
        return (min(o.left_edge.i for o in obj), max(o.right_edge.i for o in obj) + 1)
    for c in kids:
        if c.dep_ == "prep" and c.lower_ == "for":
            p = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), c)
            if p.i != c.i:
                return _subtree(p)
    return None


def _parenthetical_content(doc: Doc, sent: Span, verb: Token) -> Range | None:
    """For "Y, X said" / "Y, as X reported": the rest of the governing clause."""
    head = verb.head
    if head.i == verb.i or verb.dep_ not in ("parataxis", "advcl", "ccomp"):
        return None
    if verb.dep_ == "advcl" and not any(c.lower_ == "as" and c.dep_ == "mark" for c in verb.children):
        return None
    vs, ve = _subtree(verb)
    if verb.dep_ == "ccomp":
        # only a comma-separated clause after the content ("Y, X said"), never "says that Y"
        if verb.i < head.i or vs == 0 or doc[vs - 1].text not in (",", "—", "--", "”", "''"):
            return None
        if any(c.dep_ == "mark" for c in verb.children):
            return None
    hs, he = (head.left_edge.i, head.right_edge.i + 1) if head.dep_ != "ROOT" else (sent.start, sent.end)
    left = _strip(doc, (hs, vs))
    right = _strip(doc, (ve, he))
    if _interrupts(doc, left, right, (vs, ve)):
        return right
    if left[1] - left[0] >= right[1] - right[0]:
        return left if left[1] > left[0] else None
    return right if right[1] > right[0] else None


def _lead(doc: Doc, sent: Span, verb: Token, content: Range) -> Range | None:
    """The first part of a clause that the source and cue interrupt, when ``content`` is
    its second part."""
    if verb.dep_ not in ("parataxis", "advcl", "ccomp") or verb.head.i == verb.i:
        return None
    vs, ve = _subtree(verb)
    subj = [c for c in verb.children if c.dep_ in _SUBJ and c.i < verb.i]
    # a clause the parse hung on the cue verb ("If this fails, X argues, there are ...")
    vs = max(vs, min(subj[0].left_edge.i, verb.i)) if subj else vs
    head = verb.head
    hs = min(head.left_edge.i if head.dep_ != "ROOT" else sent.start, _subtree(verb)[0])
    left = _strip(doc, (hs, vs))
    return left if _interrupts(doc, left, content, (vs, ve)) and content[0] >= ve else None


_TRAILING_DEPS = frozenset({"npadvmod", "prep", "advmod", "punct", "agent", "advcl"})


#: Dependents of a verb that may stand between it and a "that" clause the parse cut off.
_BEFORE_THAT_DEPS = frozenset({"prep", "npadvmod", "advmod", "dobj", "dative"})


def _late_that_clause(doc: Doc, sent: Span, verb: Token) -> Range | None:
    """ "reported at the time that X", "told a meeting of leaders that X": a "that" clause the
    parse hung elsewhere (a relative clause of the last noun) after the verb's object or
    adverbials is the content, to the end of the sentence."""
    if not any(c.dep_ in _BEFORE_THAT_DEPS and c.i > verb.i for c in verb.children):
        return None
    for k in range(verb.i + 2, min(verb.i + 10, sent.end - 3)):
        t = doc[k]
        if t.is_punct or t.pos_ in ("VERB", "AUX"):
            return None
        if t.lower_ != "that":
            continue
        if t.head.i == verb.i or t.dep_ in ("det", "nsubj", "dobj") or doc[k + 1].is_punct:
            return None
        # the words between the verb and "that" hang on the verb or on each other
        if all(verb.i <= doc[j].head.i < k for j in range(verb.i + 1, k)):
            r = _strip(doc, (k, sent.end))
            return r if r[1] - r[0] >= 3 else None
        return None
    return None


def _orphan_source(doc: Doc, sent: Span, verb: Token) -> list[Token]:
    """The source of a speech verb that the parse left without a subject ("In a meeting with
    the Washington Post Trump said that ...": "Trump" taken as the object of "of"): the
    name or pronoun right before the cue, when the verb governs the sentence."""
    k = cue_range(verb)[0] - 1
    if verb.dep_ != "ROOT" or k < sent.start or verb.i + 1 >= sent.end:
        return []
    t = doc[k]
    if t.pos_ == "PRON" and t.lower_ in ("he", "she", "they", "we", "i"):
        return [t]
    if t.pos_ == "PROPN" and t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") and t.dep_ in ("pobj", "dobj", "appos"):
        return [t]
    return []


_RELATIVE_WORDS = frozenset({"which", "what", "whom"})


def _relative_content_word(verb: Token, heads: list[Token]) -> Token | None:
    """The relative word that opens what a speech verb reports, set before its source ("which
    he said were ...", "what the senators said was ...", "what she called a rant"): the
    verb's object, the subject of its clause, or a second subject the parse gave the verb;
    never the only subject ("the senator, who said ...")."""
    found = [c for c in verb.children if c.lower_ in _RELATIVE_WORDS and c.i < verb.i and c.dep_ in ("dobj", "nsubj")]
    for c in verb.children:
        if c.dep_ == "ccomp" and c.i > verb.i:
            found += [g for g in c.children if g.lower_ in _RELATIVE_WORDS and g.i < verb.i and g.dep_ in _SUBJ]
    for w in found:
        others = [h for h in heads if h.i != w.i]
        if w.dep_ in _SUBJ and w.head.i == verb.i and not others:
            continue
        if others and all(w.i < h.i < verb.i for h in others):
            return w
    return None


def _relative_relation(doc: Doc, sent: Span, verb: Token, wh: Token, content: Range | None, cue: Range,
                       src: Range | None, heads: list[Token], cited: list[tuple[Range, Range, int]]) -> Found | None:
    # "what Liz Wahl said" with nothing after the cue: the relative word alone
    end = content[1] if content is not None and content[1] > cue[1] else wh.i + 1
    if src is None or not wh.i < src[0] or end > sent.end:
        return None
    wide = _extend_cue(verb, cue, [(wh.i, wh.i + 1), src], sent.end - 1)
    return Found(wide, _strip(doc, (wh.i, end)), src, heads[0].i, cited, "relative", core=cue)


def _fronted_content(doc: Doc, sent: Span, verb: Token, block: Range) -> Range | None:
    """ "Y, X said (on Monday)." with a misparse that left Y unattached: the words before
    the comma that opens the source/cue block, when nothing but modifiers follows it."""
    k = block[0] - 1
    if k < sent.start + 3 or doc[k].text not in (",", "”", "''", "--", "—"):
        return None
    if any(c.i > verb.i and c.dep_ not in _TRAILING_DEPS for c in verb.children):
        return None
    if verb.left_edge.i < block[0] and verb.dep_ != "ROOT":
        return None
    content = _strip(doc, (sent.start, k + (doc[k].text in ("”", "''"))))
    return content if content[1] - content[0] >= 3 else None


def _learned_content(verb: Token) -> Range | None:
    """The complement or object of a learned cue verb, never a speech verb's clause."""
    for dep in ("ccomp", "xcomp", "dobj"):
        for c in verb.children:
            if c.dep_ == dep and c.i > verb.i:
                if c.lemma_.lower() in SPEECH_VERBS and c.pos_ in ("VERB", "AUX"):
                    return None  # (an object noun "his tweets", "the comments" is content)
                if dep == "dobj":
                    return _object_phrase(verb, _subtree(c))
                if dep == "xcomp":
                    return _with_object(verb, _subtree(c))  # "encouraged European nations to bolster"
                return _with_as_phrase(verb, _subtree(c))
    return _prep_object(verb) or _first_prep_object(verb)


def _phase_verb(verb: Token) -> tuple[Range, int] | None:
    """For a verb of :data:`PHASE_VERBS`: the content of the verb it governs and where the
    cue ends (after that verb), or None."""
    x = next((c for c in verb.children if c.dep_ == "xcomp" and c.i > verb.i and c.pos_ == "VERB"), None)
    if x is None or x.lemma_.lower() in SPEECH_VERBS:
        return None
    content = _learned_content(x)
    if content is None or content[0] <= x.i:
        return None
    end = cue_range(x)[1]
    if content[0] == end + 1 and _is_prep_of(x, end):
        end += 1  # "continued to push for"
    return content, end


def _is_prep_of(verb: Token, i: int) -> bool:
    """Is token ``i`` a preposition of ``verb``?"""
    t = verb.doc[i]
    return t.dep_ == "prep" and t.head.i == verb.i and t.pos_ == "ADP"


def _prep_object(verb: Token) -> Range | None:
    """ "warned against hackers", "spoke of his flights": the object of a stance preposition
    right after the verb."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ in STANCE_PREPS and verb.i < c.i <= verb.i + 2 and not _is_time(c):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _subtree(obj)
    return None


_BEFORE_PREP_DEPS = frozenset({"prt", "advmod", "npadvmod"})


def _first_prep_object(verb: Token) -> Range | None:
    """The object of the first phrase after a verb when it is a preposition of
    :data:`WIDE_PREPS` (particles and adverbs may come between: "spoke out Tuesday about")."""
    for c in verb.rights:
        if c.dep_ in _BEFORE_PREP_DEPS:
            continue
        if c.dep_ == "prep" and c.lower_ in WIDE_PREPS and not _is_time(c):
            obj = next((g for g in c.children if g.dep_ in ("pobj", "pcomp")), None)
            if obj is not None:
                return _subtree(obj)
        return None
    return None


def _stance_candidate(verb: Token) -> bool:
    """A verb outside the lexicons whose source-like subject acts on an object ("attacked
    law enforcement", "warned against hackers"): PolNeAR counts many such stances; the cue
    model decides which."""
    if verb.pos_ != "VERB" or not any(
        c.dep_ == "dobj" and c.i > verb.i or c.dep_ == "prep" and c.lower_ in STANCE_PREPS and verb.i < c.i <= verb.i + 2
        for c in verb.children
    ):
        return False
    subj, passive = _subjects(verb)
    return bool(subj) and not passive and is_source_like(subj[0])


def _quote_candidate(verb: Token, quotes: list[Range]) -> bool:
    """A verb outside the lexicons next to a quotation, its subject a source ("“Go back to
    Univision,” Trump barked", "a man yelled “Stay there!”", "“This is fantastic!” beamed
    Donald Hartley"): in news such a verb tells how the words were said; the cue model
    decides."""
    if verb.pos_ != "VERB" or any(q[0] <= verb.i < q[1] for q in quotes):
        return False
    subj, passive = _subjects(verb)
    if not subj or passive or not is_source_like(subj[0]) or subj[0].head.i != verb.i:
        return False
    left = min(verb.i, subj[0].left_edge.i)
    right = max(verb.i, subj[0].right_edge.i)
    return any(0 <= left - q[1] <= 1 or 0 <= q[0] - right <= 2 for q in quotes)


def _with_as_phrase(verb: Token, r: Range) -> Range:
    """An object's "as ..." complement belongs to the content ("cited X as Y")."""
    for c in verb.children:
        if c.dep_ == "prep" and c.lower_ == "as" and c.i == r[1]:
            return (r[0], c.right_edge.i + 1)
    return r


_PHRASE_DEPS = frozenset({"prep", "dative", "oprd", "acomp", "advmod", "npadvmod"})


def _object_phrase(verb: Token, r: Range) -> Range:
    """An object content with the rest of the verb phrase after it ("mocked Romney for not
    releasing his returns", "endorsed Clinton in the race"), as PolNeAR marks it; a clause
    set off by a comma stays out."""
    s, e = _with_as_phrase(verb, r)
    for c in verb.rights:
        if c.i < e:
            continue
        if c.dep_ in _PHRASE_DEPS and c.left_edge.i == e and not c.is_punct and not _is_time(c):
            e = c.right_edge.i + 1
        else:
            break
    return (s, e)


#: Prepositions whose object is what a stance is about ("warned against", "spoke of").
STANCE_PREPS = frozenset({"against", "about", "of", "with", "for", "on", "over"})


#: Prepositions whose object a broader cue may act on ("responded with attacks", "pointed to
#: reports", "bristled at"); their relations are candidates for the cue model.
WIDE_PREPS = STANCE_PREPS | frozenset({"to", "at", "by", "in", "into", "toward", "towards", "from", "under"})
