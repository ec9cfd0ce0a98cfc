"""Attribution cues: :func:`find_attributions` over a parsed sentence.

It reads the lexicons of :mod:`.lexicons`: plain frozensets looked up per token, so the
attribution step costs a few dictionary lookups per token; general English news vocabulary
(PARC/PolNeAR-style reporting verbs, epistemic hedges), not tuned to any one article.

:func:`find_attributions` reads the dependency parse of one sentence and returns every
(cue, source, content) relation in it:

* a speech verb ("said", "reported", "told", "accused", "called for") with its subject as
  source (the agent for a passive; inherited along conj/advcl/xcomp) and its clausal
  complement, object (verbs such as "deny", "confirm", "cite") or, for "Y, X said" / "Y,
  as X reported", the rest of the clause as content; inference verbs ("suggest", "show")
  only with a source-like subject (a person, organisation, pronoun, source noun);
* "according to X": X is the source, the rest of the sentence the content;
* "This information comes from / is based on X": X is the origin of the report just
  made (kind ``specify``);
* a direct quotation next to the verb ("X said: “...”", "“...,” said X") is the content;
  further quotations of the same sentence go with the nearest quote relation;
* a source phrase "sources cited by X" yields X as the citing source (``cited_by``);
* "Y, X said." where the parse left Y unattached: Y is the content.
PolNeAR's broader cues give relations of class ``learned`` (``belief`` claims, see
:func:`stands_apart`): verbs of the lexicon learned from its train split
(:mod:`claimgraph.nlp.attribution.cue_lexicon`: "endorsed", "blasted") with their complement or
object, "X's claim that Y" / "X's claims about Y", and "Sanders: Y" headlines.
A quotation cut by a sentence boundary runs to the sentence's edge (:func:`quote_ranges`).

Relations the parse hides: a "that" clause hung on the last noun after the verb's object or
adverbials ("told a meeting of leaders that ...", "reported at the time that ..."); a
speaker the parse took as an object ("... the Washington Post Trump said that ..."); the
subject of the clause a gerund hangs on ("After saying ..., she was taken ..."); a relative
word before source and cue ("which he said were ...", "what she called a rant": kind
``relative``, content from the relative word on); speakers' turns ("WALLACE: ...", kind
``turn``: :func:`turn_relation`); report nouns with a compounded name ("a New York Times
report that ...", "his plan to cut taxes"). A speech or report verb whose content the rules
do not find ("noted Bill Clinton's comments") is offered to the cue model as a candidate.

Span edges follow PolNeAR's conventions, measured on its train split: a clause interrupted
by its source and cue ("The museum, Mr. Bush said, celebrated ...") is content in both parts
(``Found.lead``); an infinitive keeps the object it is about ("urged North Korea to
resume"); an object content keeps the rest of its verb phrase ("mocked Romney for ...") and
a stance preposition's object is content ("warned against hackers", cue "warned against");
a sentence-opening "But" stays in the content, a closing participle clause (", arguing
that ...") and a dangling "and" stay out; the cue keeps auxiliaries before its adverb ("has
long said") and "in a statement", not time words ("said Friday"); a subject starts after a
separator the parse took in ("Back when ..., Mr. McKinley said") and ends before a participle
clause set off by commas ("Trump, speaking to veterans, said"); words of a quotation are no
subject of its cue ("Full panic mode,” said X"). With ``candidates``, verbs acting on an
object with a source-like subject ("attacked law enforcement") are proposed for the cue
model too.
A speech verb inside the quotation or content it would govern is not a relation.

Candidates for the cue model (``candidates``) go further than the rules: a speech or report
verb the rules refuse is offered with any subject ("The crowd understood that ...": not a
verb of inference, "The timing suggests ..." stays the writer's opinion) or none ("facing
criticism for saying that ..."), a participle takes the noun it hangs on as its speaker
("a video showing ..."), an object named by a speech noun is content ("is defending
his tweets"), and a broader cue's content may be the object of the first preposition after
it ("responded with attacks", "spoke out Tuesday about"). A preposition after the cue's
adverbs belongs to the cue ("spoke favorably of"), and a verb of phase or effort runs on to
the verb it governs ("continued to push for", :data:`PHASE_VERBS`).

The relation finders live here; what they read is in the modules below them (each imports
only from those before it): :mod:`.lexicons` (the word lists), :mod:`.spans` (the
:class:`Found` record and token ranges), :mod:`.content` (where a cue's content lies and who
speaks it). Their public names are re-exported here.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span, Token

from ..quotemarks import QUOTE_CHARS
from .content import (
    _SUBJ,
    STANCE_PREPS,
    WIDE_PREPS,
    _agent,
    _asked_content,
    _asked_participle,
    _fronted_content,
    _is_prep_of,
    _late_that_clause,
    _lead,
    _learned_content,
    _orphan_source,
    _parenthetical_content,
    _phase_verb,
    _quote_candidate,
    _raised_subject,
    _relative_content_word,
    _relative_relation,
    _stance_candidate,
    _subjects,
    _verb_content,
)
from .cue_lexicon import learned_cues
from .lexicons import (
    _OFFENCE_PREP,
    _SOURCELESS_PASSIVES,
    APPEARANCE_VERBS,
    CITING_PARTICIPLES,
    CONCLUSION_NOUNS,
    DOCUMENT_NOUNS,
    EVALUATIVE_ADJECTIVES,
    HEDGE_WORDS,
    INFERENCE_VERBS,
    INFO_NOUNS,
    LIKELIHOOD_ADVERBS,
    OBJECT_CONTENT_VERBS,
    OBLIGATION_MODALS,
    OPINION_ADVERBS,
    SOURCE_NOUNS,
    SOURCE_PRONOUNS,
    SPECIFY_PREDICATES,
    SPECULATION_MODALS,
    SPEECH_VERBS,
    WEAK_VERBS,
    modal_misread,
)
from .spans import (
    CITING_VERBS,
    Found,
    Range,
    _adjacent_quote,
    _clamp,
    _close_quote,
    _cut_trailing_relative,
    _entity_range,
    _expand_to_quote,
    _extend_cue,
    _pobj,
    _strip,
    _subtree,
    _with_opening_conj,
    cited_source,
    citing_sources,
    cue_range,
    is_source_like,
    quote_ranges,
    source_range,
)

_CONTENT_DEPS = frozenset({"ccomp", "xcomp"})


_TRIM_DEPS = frozenset({"relcl", "acl", "punct", "cc"})


_DISCOURSE = frozenset("but and so yet however still meanwhile also moreover indeed".split())


#: Verbs of phase and effort: with one of them PolNeAR's cue runs on to the verb after it
#: ("continued to refute", "tried to portray", "has had to defend"), the content being that
#: verb's object (train: 121 such cues with the second verb, 8 without).
PHASE_VERBS = frozenset(
    "try attempt continue begin start keep fail struggle tend manage need help have scramble stop".split()
)


def _verb_relation(
    doc: Doc, sent: Span, verb: Token, quotes: list[Range], learned: bool = False, strict: bool = True
) -> Found | None:
    """The relation of ``verb``, or None. ``learned``: the complement or object of a broader
    cue; not ``strict``: a candidate for the cue model, also with a subject that is no
    source ("The crowd understood that ...") or none ("criticism for saying that ...")."""
    lemma = verb.lemma_.lower()
    phase_end: int | None = None
    subj, passive = _subjects(verb)
    if not passive and _asked_participle(verb):
        subj, passive = [], True  # "Asked if he was bullied, Trump said": Trump was asked
    # "Full panic mode,” said Leslie Wimes": words of the quotation are no subject
    outside = [h for h in subj if not any(q[0] <= h.i < q[1] for q in quotes)]
    heads = outside if outside else subj
    lead: Range | None = None
    wh = _relative_content_word(verb, heads) if not learned and not passive else None
    if wh is not None:
        heads = [h for h in heads if h.i != wh.i]
    if passive:
        agent = _agent(verb)
        heads = [agent] if agent is not None else []
        if agent is None and lemma not in _SOURCELESS_PASSIVES:
            return None
        if agent is None and lemma in _OFFENCE_PREP and not any(
                c.dep_ == "prep" and c.lower_ == _OFFENCE_PREP[lemma] for c in verb.children):
            return None  # "was charged a fee": no offence named
    if not heads and not passive and not learned and lemma in SPEECH_VERBS:
        heads = _orphan_source(doc, sent, verb)  # "... the Washington Post Trump said that"
    if not heads and learned and verb.dep_ == "acl" and verb.tag_ == "VBG" and verb.head.pos_ in ("NOUN", "PROPN", "PRON"):
        heads = [verb.head]  # "a letter urging ...", "one saying that ...": the noun speaks
    if not heads and not passive and strict:
        return None  # "so-called", "a much-discussed plan": no one is speaking
    if (strict or lemma in INFERENCE_VERBS and heads) and lemma in WEAK_VERBS and not (heads and is_source_like(heads[0])):
        return None  # ("The timing of the strike suggests ...": the writer's inference, an opinion)
    if strict and heads and heads[0].lower_ in ("it", "this") and not passive and lemma in WEAK_VERBS:
        return None
    if lemma in WEAK_VERBS and not learned:
        content = next((_subtree(c) for c in verb.children if c.dep_ == "ccomp"), None)
        if content is None and lemma in ("show", "indicate", "reveal", "find", "suggest"):
            # "The poll shows Clinton ahead": a document's finding, not a person's conduct
            if heads and heads[0].lemma_.lower() in DOCUMENT_NOUNS:
                content = next((_subtree(c) for c in verb.children if c.dep_ == "dobj"), None)
    elif learned:
        content = _learned_content(verb)
        phase = _phase_verb(verb) if lemma in PHASE_VERBS else None
        if phase is not None:
            content, phase_end = phase
    else:
        content = _verb_content(verb, lemma, sent)
        if content is None:
            content = _parenthetical_content(doc, sent, verb)
            lead = _lead(doc, sent, verb, content) if content is not None else None
        if content is None:
            content = _late_that_clause(doc, sent, verb)
    if lemma in APPEARANCE_VERBS and any(
            c.dep_ == "xcomp" and c.lemma_.lower() in SPEECH_VERBS | WEAK_VERBS | BELIEF_VERBS for c in verb.children):
        return None  # "He appeared to suggest that ...": the relation of "suggest", cued "appeared to suggest"
    cue = cue_range(verb)
    if lemma == "ask" and passive and content is None:
        content = _asked_content(verb)
    src: Range | None = None
    cited: list[tuple[Range, Range, int]] = []
    if heads:
        src, cited = source_range(doc, heads)
        if not passive and heads[0].dep_ not in _SUBJ and heads[0].head.i != verb.i:
            src, cited = _entity_range(doc, heads[0]), []  # an orphan source: the name alone
        elif heads[0].dep_ in _SUBJ and heads[0].head.i != verb.i:
            # inherited subject sits outside this clause; keep it only when nearby
            if abs(heads[0].i - verb.i) > 25:
                src, cited = None, []
    block = (min(cue[0], src[0]) if src else cue[0], max(cue[1], src[1]) if src else cue[1])
    is_quote = False
    if wh is not None:
        # "which he said were at his side", "what she called a rant": the relative word and
        # the rest of its clause (PolNeAR's content in two parts around source and cue)
        return _relative_relation(doc, sent, verb, wh, content, cue, src, heads, cited)
    if content is None:
        q = _adjacent_quote(verb, block, quotes)
        if q is None:
            content = _fronted_content(doc, sent, verb, block) if not learned else None
            if content is None:
                return None
        else:
            content, is_quote = q, True
    else:
        content, is_quote = _expand_to_quote(doc, content, quotes, cue)
    if content[0] <= cue[0] < content[1]:
        return None  # a speech verb inside a quotation belongs to the quoted speaker's words
    content = _strip(doc, _cut_trailing_relative(doc, content)) if not is_quote else content
    while not is_quote and content[1] - content[0] > 2 and doc[content[0]].lower_ in _DISCOURSE:
        content = _strip(doc, (content[0] + 1, content[1]))
    if not is_quote:
        content = _with_opening_conj(doc, sent, content)  # "But the plan is tilted to the rich, he said"
    if content[1] <= content[0] or (src and src[0] <= content[0] and content[1] <= src[1]):
        return None
    if src is not None and src[0] < content[1] and content[0] < src[1]:
        src = None
    if src is not None and src[1] < len(doc) and doc[src[1]].text == "," and src[1] + 1 == cue[0]:
        # an apposition's closing comma belongs to the source ("X, director of Y, said")
        if any(t.text == "," for t in doc[src[0] : src[1]]):
            src = (src[0], src[1] + 1)
    if not is_quote and content[0] == cue[1] + 1:
        # the preposition of "called for X", "believe in X", "told about X" belongs to the cue
        prep = doc[cue[1]]
        if prep.dep_ in ("prep", "prt") and prep.head.i == verb.i and prep.pos_ == "ADP":
            cue = (cue[0], content[0])
    wide = _extend_cue(verb, cue, [content, src] if src else [content], sent.end - 1)
    if phase_end is not None and wide[1] < phase_end <= content[0]:
        wide = (wide[0], phase_end)  # "continued to refute", "tried to portray"
    if not is_quote and content[0] == wide[1] + 1 and wide[1] > cue[1]:
        # "spoke favorably of", "is looking forward to": the preposition after the cue's
        # adverbs belongs to it too (PolNeAR train: 58 such cues, 52 with the preposition)
        if _is_prep_of(verb, wide[1]):
            wide = (wide[0], content[0])
    wide = _close_quote(doc, wide, sent)
    if verb.dep_ == "xcomp" and verb.head.i < wide[0] and wide[0] - verb.head.i <= 2:
        # "continued to call for", "try to convince": the governing verb is part of the cue
        wide = (cue_range(verb.head)[0], wide[1])
    cls = "learned" if learned else "speech"
    if is_quote or lead is None or lead[1] > cue[0]:
        lead = None
    else:
        lead = _with_opening_conj(doc, sent, lead)
    raised = _raised_subject(verb, content, src) if lemma in APPEARANCE_VERBS and not is_quote else None
    if lemma in APPEARANCE_VERBS and heads and heads[0].lower_ == "it" and heads[0].dep_ == "nsubj":
        src, heads, cited = None, [], []  # "It appears that ...": nobody's view
    if raised is not None:
        # "Melania seems to have vanished": what seems is "Melania ... to have vanished", nobody's
        # view; the content runs over the cue (PolNeAR's gap), and there is no source
        return Found(wide, content, None, None, [], "verb", False, core=cue, cue_class=cls, lead=raised,
                     raised_head=heads[0].i)
    return Found(wide, content, src, heads[0].i if heads else None, cited, "verb", is_quote, core=cue,
                 cue_class=cls, lead=lead)


def _according_relation(doc: Doc, sent: Span, tok: Token) -> Found | None:
    to = next((c for c in tok.children if c.lower_ == "to"), None)
    if to is None or to.i != tok.i + 1:
        return None
    pobj = _pobj(to)
    if pobj.i == to.i:
        return None
    src, cited = source_range(doc, [pobj])
    ps, pe = _subtree(tok)
    left = _strip(doc, (sent.start, ps))
    right = _strip(doc, (pe, sent.end))
    content = right if right[1] - right[0] >= left[1] - left[0] else left
    if content[1] <= content[0]:
        return None
    return Found((tok.i, to.i + 1), content, src, pobj.i, cited, "according")


def _specify_relation(doc: Doc, tok: Token) -> Found | None:
    preps = SPECIFY_PREDICATES.get(tok.lemma_.lower())
    if preps is None:
        return None
    subj = [c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")]
    if not subj or subj[0].lemma_.lower() not in INFO_NOUNS:
        return None
    for c in tok.children:
        if c.dep_ in ("prep", "agent") and c.lower_ in preps:
            pobj = _pobj(c)
            if pobj.i == c.i:
                continue
            src, cited = source_range(doc, [pobj])
            cs, _ = cue_range(tok)
            return Found((cs, c.i + 1), _subtree(subj[0]), src, pobj.i, cited, "specify")
    return None


#: Propose verbs acting on an object with a source-like subject as candidates too.
STANCE_CANDIDATES = True


#: Cue words of the learned lexicon rare or ambiguous enough to be only candidates.
CANDIDATE_MIN_COUNT = 3


CANDIDATE_MIN_PRECISION = 0.04


#: Verbs of intention, belief and perception: their relations are ``belief`` claims.
BELIEF_VERBS = frozenset(
    """
    believe think feel hope fear expect doubt suspect guess imagine wonder worry want plan
    intend wish seek aim hope consider assume trust dream prefer desire need""".split()
)


def is_report(doc: Doc, rel: Found) -> bool:
    """Does ``rel`` report what a source says (a claim of the body), rather than what it
    intends, believes or perceives (a ``belief`` claim, kept apart from the events)?"""
    if rel.cue_class != "speech":
        return False
    if rel.kind not in ("verb", "relative"):
        return True
    head = doc[(rel.core or rel.cue)[1] - 1]
    return head.lemma_.lower() not in BELIEF_VERBS


#: Verbs that, governing a cue, say the source kept its words back ("declined to say").
WITHHOLD_VERBS = frozenset({"decline", "refuse"})


#: Objects of a cue that say nothing was said ("said little about", "made no mention").
_NOTHING = frozenset({"nothing", "little", "no"})


def unsaid(doc: Doc, rel: Found) -> bool:
    """Is ``rel`` a report the source did not make: "Authorities haven't said whether the
    devices were built to explode", "The indictment made no mention of whether Mr. Trump
    played a role", "declined to say whether he seeks a pardon"? Its content is nobody's
    claim but the outlet's own question."""
    head = doc[(rel.core or rel.cue)[1] - 1]
    for c in head.children:
        if c.dep_ == "neg" or c.lower_ == "never" and c.dep_ == "advmod":
            return True
        if c.dep_ in {"det", "dobj"} and c.lower_ in _NOTHING:
            return True  # "no mention of", "said nothing about"
    gov = head.head
    if head.dep_ == "xcomp" and gov.pos_ in {"VERB", "AUX"}:
        if gov.lemma_.lower() in WITHHOLD_VERBS:
            return True
        if any(c.dep_ == "neg" for c in gov.children) and gov.lemma_.lower() in {"want", "wish", "care"}:
            return True  # "did not want to say"
    if head.dep_ == "pobj" and head.head.dep_ == "prep":
        noun = head.head.head  # "made no mention of": the cue word after the light noun
        return any(c.dep_ == "det" and c.lower_ == "no" for c in noun.children)
    return False


def asked_of(doc: Doc, rel: Found) -> bool:
    """Is ``rel`` a question put to someone ("Barr was asked if the president would have
    committed a crime", "Asked if he was ever bullied")? It asserts nothing: like a report
    not made (:func:`unsaid`), its content is the outlet's to tell (on the status-and-chain
    dev articles the gold origin of such events is the publisher)."""
    head = doc[(rel.core or rel.cue)[1] - 1]
    return head.lemma_.lower() == "ask" and (
        _asked_participle(head) or any(c.dep_ in ("nsubjpass", "auxpass") for c in head.children))


def spoken_quotation(rel: Found) -> bool:
    """Is ``rel``'s content a direct quotation next to its verb ("“...,” Carson continued.",
    "“We can win,” the crowd chanted.")? Whatever the verb, the quotation is the source's
    words: a quote of the body, not a stance kept apart, so the quotations that follow it
    in the paragraph go on with its cue. On 150 PolNeAR train articles the cue model kept
    57 relations whose content was a quotation as stances ("continued" 14 times, "chanted",
    "shouted", "asks", "jokes", "shot back")."""
    return rel.quote and rel.kind == "verb"


def stands_apart(doc: Doc, rel: Found) -> bool:
    """A belief kept apart from the events (added after them): the source's own intended
    act ("authorities planned to assassinate": the plot is the publisher's report, not the
    authorities'), a bare object, and every relation of the broader cues learned from
    PolNeAR ("blasted the plan", "accepted the invitation to meet": on the status-and-chain
    dev articles their events are in the publisher's voice). A belief verb with a clause of
    its own ("officials believe the group planted the bomb") is a claim like a report: the
    events inside it are the source's claim. So is a report the source did not make
    (:func:`unsaid`): the events of its content are the outlet's to tell."""
    if unsaid(doc, rel) or asked_of(doc, rel):
        return True
    if is_report(doc, rel) or spoken_quotation(rel):
        return False
    if rel.cue_class != "speech" or rel.kind != "verb":
        return True  # the broader cues (stances, endorsements): measured better apart
    head = doc[(rel.core or rel.cue)[1] - 1]
    words = doc[rel.content[0] : rel.content[1]]
    if not any(t.pos_ in ("VERB", "AUX") for t in words):
        return True
    if any(c.dep_ == "dobj" for c in head.children):
        return False
    for c in head.children:
        if c.dep_ == "xcomp" and rel.content[0] <= c.i < rel.content[1]:
            return not any(g.dep_ in _SUBJ for g in c.children)
    return False


def find_attributions(sent: Span, quotes: list[Range] | None = None, candidates: bool = False) -> list[Found]:
    """Every attribution relation whose cue lies in the parsed sentence ``sent``.

    ``quotes`` are the token ranges (marks included) of the quotations touching the
    sentence; found within the sentence when not given. With ``candidates``, verbs outside
    the lexicons that take a clausal complement, and the rarer cue words of the learned
    lexicon, are proposed too (class ``candidate``), for the learned cue model
    (:mod:`claimgraph.nlp.attribution.tagger`) to keep or drop.
    """
    doc = sent.doc
    if quotes is None:
        quotes = quote_ranges(doc, sent)
    found: list[Found] = []
    used_cues: set[int] = set()
    learned = learned_cues()
    broad = learned_cues(CANDIDATE_MIN_COUNT, CANDIDATE_MIN_PRECISION) if candidates else frozenset()
    for t in sent:
        low = t.lower_
        rel: Found | None = None
        if low == "according":
            rel = _according_relation(doc, sent, t)
        elif t.pos_ in ("VERB", "AUX"):
            lemma = t.lemma_.lower()
            if lemma in SPEECH_VERBS or lemma in WEAK_VERBS:
                rel = _verb_relation(doc, sent, t, quotes)
                if rel is None and candidates:
                    # "noted Bill Clinton's comments", "responded with attacks", "Obama sees
                    # 'personal insult'": the object or stance phrase of a speech or report
                    # verb that the rules do not take; the model decides
                    rel = _verb_relation(doc, sent, t, quotes, learned=True, strict=False)
                    if rel is not None:
                        rel.cue_class = "candidate"
            elif lemma in SPECIFY_PREDICATES:
                rel = _specify_relation(doc, t)
            elif low in learned:
                rel = _verb_relation(doc, sent, t, quotes, learned=True)
            elif candidates and (low in broad or any(c.dep_ in _CONTENT_DEPS and c.i > t.i for c in t.children)
                                 or STANCE_CANDIDATES and _stance_candidate(t) or _quote_candidate(t, quotes)):
                rel = _verb_relation(doc, sent, t, quotes, learned=True)
                if rel is not None:
                    rel.cue_class = "candidate"
        elif t.pos_ == "NOUN" and t.lemma_.lower() in CUE_NOUNS:
            rel = _noun_relation(doc, t)
        if rel is not None:
            rel = _clamp(rel, sent)
        if rel is not None and rel.cue[0] not in used_cues:
            used_cues.update(range(*rel.cue))
            found.append(rel)
    if not found:
        rel = _colon_relation(doc, sent)
        if rel is not None:
            found.append(rel)
    _attach_quotes(found, quotes, sent)
    return found


#: Nouns that carry an attribution with a possessive source ("Trump's claim that ...").
CUE_NOUNS = frozenset(
    """
    claim assertion allegation statement argument suggestion accusation warning promise
    pledge view belief assessment contention insistence prediction insinuation charge
    report remark comment denial admission estimate proposal call demand plan decision
    determination criticism message announcement acknowledgment theory concern fear hope
    intention commitment refusal vow threat endorsement opposition""".split()
)


_NOUN_CONTENT_PREPS = frozenset({"about", "of", "on", "for"})


def _noun_relation(doc: Doc, noun: Token) -> Found | None:
    """ "X's claim that Y", "X's claims about Y": X the source, Y the content (class
    ``learned``: scored, kept out of the product's claims)."""
    poss = next((c for c in noun.children if c.dep_ == "poss"), None)
    if poss is None:
        # "a New York Times report that ...": a name compounded with the noun
        names = [c for c in noun.lefts if c.dep_ == "compound" and c.pos_ == "PROPN"
                 and c.ent_type_ in ("ORG", "PERSON", "GPE", "NORP")]
        if not names:
            return None
        src = (names[0].left_edge.i, names[-1].right_edge.i + 1)
        poss = names[-1]
    elif poss.pos_ not in ("PROPN", "NOUN", "PRON") or not is_source_like(poss):
        return None
    else:
        src = (poss.left_edge.i, poss.right_edge.i + 1)
    cue_start = noun.i
    for c in noun.children:
        clause = c.dep_ in ("acl", "ccomp") and any(m.dep_ == "mark" for m in c.children)
        # "a report that X had ..." (parsed as a relative clause), "his plan to cut taxes"
        clause = clause or c.dep_ == "relcl" and any(m.dep_ == "mark" and m.lower_ == "that" for m in c.children)
        clause = clause or c.dep_ == "acl" and c.tag_ == "VB" and doc[c.left_edge.i].lower_ == "to"
        if c.i > noun.i and clause:
            return Found((cue_start, noun.i + 1), _subtree(c), src, poss.i, [], "noun", cue_class="learned")
        if c.i == noun.i + 1 and c.dep_ == "prep" and c.lower_ in _NOUN_CONTENT_PREPS:
            p = _pobj(c)
            if p.i != c.i:
                return Found((cue_start, c.i + 1), _subtree(p), src, poss.i, [], "noun", cue_class="learned")
    return None


_COLON_SOURCE_MAX = 6


def _colon_relation(doc: Doc, sent: Span) -> Found | None:
    """ "Sanders: Clinton needs to ...", "Poll: ...", "PENCE: Well, ...": a short name or
    source noun opening the sentence, a colon, then what it says (class ``learned``: a
    headline or transcript convention, scored but kept out of the product's claims)."""
    s = sent.start
    while s < sent.end and (doc[s].text in QUOTE_CHARS or doc[s].text in ("--", "—", "``")):
        s += 1
    colon = next((t.i for t in doc[s : min(s + _COLON_SOURCE_MAX + 1, sent.end)] if t.text == ":"), None)
    if colon is None or colon == s or sent.end - colon < 4:
        return None
    words = doc[s:colon]
    if any(t.pos_ in ("VERB", "AUX", "PRON", "ADP", "SCONJ") or (t.is_punct and t.text != ".") for t in words):
        return None
    named = all(t.is_title or t.is_upper or t.is_punct for t in words)
    if not named and not any(t.pos_ == "PROPN" or t.lemma_.lower() in SOURCE_NOUNS for t in words):
        return None
    content = _strip(doc, (colon + 1, sent.end))
    if content[1] - content[0] < 3:
        return None
    head = words.root.i
    return Found((colon, colon + 1), content, (s, colon), head, [], "colon", cue_class="learned")


#: Labels that open a paragraph with a colon but name no speaker ("Q:", "Update:",
#: "Editor's Note:", "The Latest:"); a speaker's name is longer than one letter.
_TURN_LABELS = frozenset(
    """
    latest update updated correction note editor contributing breaking video watch read
    exclusive byline email photo photos source sources related advertisement live""".split()
)


def turn_relation(doc: Doc, sent: Span, end: int) -> Found | None:
    """A speaker's turn in a transcript or a "Name: ..." line ("WALLACE: Let's start ...",
    "Pence: Gennifer Flowers Won't Be at Debate"): the name opening the paragraph
    (``sent`` is its first unit) is the source, the colon the cue, and the rest of the
    paragraph, to token ``end``, what the speaker says (PolNeAR marks the whole turn:
    121 of 146 colon cues of its train split open their paragraph, 116 of those with the
    paragraph's rest as content). Class ``speech``, kind ``turn``: kept by the rules."""
    rel = _colon_relation(doc, doc[sent.start : max(end, sent.end)])  # "WALLACE:" may be a unit alone
    if rel is None or rel.source is None or rel.cue[0] >= sent.end:
        return None
    words = [t for t in doc[rel.source[0] : rel.source[1]] if not t.is_punct]
    if not words or (len(words) == 1 and len(words[0].text) < 2):
        return None  # "Q:", "A:": an interview's turns, not attributed by PolNeAR
    if any(t.lower_.strip("'’s") in _TURN_LABELS for t in words):
        return None
    if not any(t.ent_type_ in ("PERSON", "ORG", "NORP", "GPE") or t.is_upper and len(t.text) > 1
               or t.lemma_.lower() in SOURCE_NOUNS for t in words):
        return None
    content = _strip(doc, (rel.content[0], max(end, rel.content[1])))
    return Found(rel.cue, content, rel.source, rel.source_head, [], "turn")


def _attach_quotes(found: list[Found], quotes: list[Range], sent: Span) -> None:
    """Quotations of the sentence that no relation holds go to the nearest quote relation."""
    speakers = [r for r in found if r.quote]
    if not speakers:
        return
    for q in quotes:
        if not sent.start <= q[0] < sent.end or any(r.content[0] < q[1] and q[0] < r.content[1] for r in found):
            continue
        nearest = min(speakers, key=lambda r: abs(r.cue[0] - q[0]))
        nearest.extra.append(q)


__all__ = [
    "APPEARANCE_VERBS",
    "BELIEF_VERBS",
    "CANDIDATE_MIN_COUNT",
    "CANDIDATE_MIN_PRECISION",
    "CITING_PARTICIPLES",
    "CITING_VERBS",
    "CONCLUSION_NOUNS",
    "CUE_NOUNS",
    "DOCUMENT_NOUNS",
    "EVALUATIVE_ADJECTIVES",
    "Found",
    "HEDGE_WORDS",
    "INFERENCE_VERBS",
    "INFO_NOUNS",
    "LIKELIHOOD_ADVERBS",
    "OBJECT_CONTENT_VERBS",
    "OBLIGATION_MODALS",
    "OPINION_ADVERBS",
    "PHASE_VERBS",
    "Range",
    "SOURCE_NOUNS",
    "SOURCE_PRONOUNS",
    "SPECIFY_PREDICATES",
    "SPECULATION_MODALS",
    "SPEECH_VERBS",
    "STANCE_CANDIDATES",
    "STANCE_PREPS",
    "WEAK_VERBS",
    "WIDE_PREPS",
    "WITHHOLD_VERBS",
    "asked_of",
    "cited_source",
    "citing_sources",
    "cue_range",
    "find_attributions",
    "is_report",
    "is_source_like",
    "modal_misread",
    "quote_ranges",
    "source_range",
    "spoken_quotation",
    "stands_apart",
    "turn_relation",
    "unsaid",
]
