"""Attribution cues: the lexicons, and :func:`find_attributions` over a parsed sentence.

The lexicons are plain frozensets and precompiled regexes, looked up per token, so the
attribution step costs a few dictionary lookups per token. They are general English news
vocabulary (PARC/PolNeAR-style reporting verbs, epistemic hedges), not tuned to any one
article.

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
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..quotemarks import QUOTE_CHARS
from .cue_lexicon import learned_cues

#: Verbs that introduce reported content whatever their subject ("X said that ...").
SPEECH_VERBS = frozenset(
    """
    say tell report state claim announce add note confirm deny insist affirm declare assert
    allege write explain warn accuse acknowledge admit argue contend maintain stress
    emphasize emphasise reiterate respond reply comment remark tweet testify disclose
    predict promise vow pledge threaten urge demand complain concede boast recall mention
    estimate speculate believe think feel hope fear expect doubt learn hear cite quote
    agree disagree criticize criticise praise charge blame dismiss brief inform assure advise
    recommend propose ask question observe conclude counter retort wonder worry caution
    contend repeat answer suspect guess imagine decry lament condemn acknowledge announce
    insinuate hint signal forecast project calculate reckon recount describe characterize
    characterise label dub call mention echo propose endorse express""".split()
)

#: Verbs whose passive reports without naming who reports: "it was reported that ...", "is
#: alleged to have ...", and accusations: "was charged with murder", "has been accused of
#: fraud" (an offence named in a charge is the charge's allegation, not the writer's fact;
#: PolNeAR marks these as attributions without a source).
_SOURCELESS_PASSIVES = frozenset({"report", "say", "claim", "allege", "believe", "think", "expect", "ask",
                                  "accuse", "charge"})
#: The preposition that names the offence of an accusation: "accused of", "charged with".
_OFFENCE_PREP = {"accuse": "of", "charge": "with"}

#: Verbs that report only with a source-like subject ("Its timing suggests" is no source).
WEAK_VERBS = frozenset(
    """
    suggest show indicate demonstrate prove reveal imply mean find point know see
    understand realize realise recognize recognise""".split()
)

#: Verbs whose direct object may be the content ("denied the allegations").
OBJECT_CONTENT_VERBS = frozenset(
    """
    announce deny confirm reveal disclose acknowledge admit report predict promise demand
    dismiss criticize criticise praise condemn decry question reject welcome cite mention echo
    propose endorse express""".split()
)

#: Nouns that name a source when they head a subject ("officials said").
SOURCE_NOUNS = frozenset(
    """
    official source spokesman spokeswoman spokesperson representative minister president
    secretary senator governor mayor lawmaker legislator congressman congresswoman leader
    chief director head chairman chairwoman ceo founder expert analyst observer critic
    supporter opponent witness resident lawyer attorney prosecutor judge investigator
    police authority government ministry agency department office administration embassy
    newspaper paper outlet daily tabloid broadcaster channel magazine website agency report
    study survey poll statement document memo letter campaign aide adviser advisor staff
    officer diplomat envoy ambassador researcher scientist economist doctor activist group
    organization organisation party committee commission council court people person
    insider member voter candidate nominee team spokesperson commentator journalist reporter
    editor correspondent columnist writer author professor scholar historian average analysis
    research review audit investigation assessment estimate projection tally filing record
    data figure army military navy command commander general colonel soldier troops force
    rebel guerrilla militant insurgent""".split()
)

#: Sources that are documents: their "show"/"find" takes the finding as object.
DOCUMENT_NOUNS = frozenset(
    """
    poll survey study analysis report data average research review audit investigation
    assessment estimate projection tally filing record figure document memo count video
    footage transcript slide chart evidence photo recording datum email tape statistic""".split()
)

#: Pronouns that can be a source.
SOURCE_PRONOUNS = frozenset("i we you he she they it who that which this one someone".split())

#: Subject nouns of "X comes from / is based on Y": a sentence that names the source of a
#: report made in the previous sentence.
INFO_NOUNS = frozenset(
    """
    information report news claim allegation account detail revelation intelligence data
    assessment finding story article piece leak disclosure testimony evidence""".split()
)

#: Predicates of such a sentence: verb lemma -> the preposition that takes the source.
SPECIFY_PREDICATES: dict[str, frozenset[str]] = {
    "come": frozenset({"from"}),
    "originate": frozenset({"from", "with"}),
    "stem": frozenset({"from"}),
    "base": frozenset({"on", "upon"}),
    "provide": frozenset({"by"}),
    "leak": frozenset({"by"}),
    "obtain": frozenset({"from", "by"}),
    "attribute": frozenset({"to"}),
}

#: Participles that nest one source inside another ("sources cited by the newspaper").
CITING_PARTICIPLES = frozenset("cite quote mention name interview contact".split())

#: Words that hedge a claim (lower-case surface forms).
HEDGE_WORDS = frozenset(
    """
    allegedly reportedly purportedly apparently seemingly supposedly presumably ostensibly
    likely unlikely possibly probably perhaps maybe may might could suspected alleged
    claimed appears appear appeared seems seem seemed suggest suggests
    suggested suggesting rumored rumoured unconfirmed unverified believed purported
    possible probable""".split()
)

#: Sentence adverbs in the writer's own voice that mark an assessment.
OPINION_ADVERBS = frozenset(
    """
    unfortunately fortunately clearly obviously evidently sadly regrettably undoubtedly
    surely ironically hopefully thankfully luckily unsurprisingly predictably naturally
    certainly admittedly arguably frankly alarmingly worryingly tragically disturbingly
    importantly crucially notably inevitably undeniably""".split()
)

#: Adjectives that, as the predicate of "it is ADJ ..." or "X is ADJ", state an assessment.
EVALUATIVE_ADJECTIVES = frozenset(
    """
    clear obvious evident crucial essential vital important imperative necessary critical
    urgent surprising unsurprising worrying alarming troubling disturbing dangerous reckless
    shameful outrageous unacceptable disgraceful deplorable regrettable unfortunate
    fortunate remarkable significant telling likely unlikely inevitable undeniable wrong
    right wise unwise foolish naive calculated deliberate consistent misguided ironic
    absurd ridiculous laughable hypocritical cynical malign sinister""".split()
)

#: Nouns that, as the subject of a copula, introduce the writer's conclusion
#: ("The broader takeaway is clear", "The lesson is ...", "The significance of ...").
CONCLUSION_NOUNS = frozenset(
    """
    takeaway lesson significance importance moral message irony truth reality point
    question problem conclusion implication bottom upshot""".split()
)

#: Verbs that, with a subject that is no source, are the writer's inference.
INFERENCE_VERBS = frozenset(
    "suggest show indicate demonstrate prove reveal imply mean signal underline underscore".split()
)

#: Modal verbs of obligation/recommendation and of speculation.
OBLIGATION_MODALS = frozenset({"must", "should", "ought"})
SPECULATION_MODALS = frozenset({"may", "might", "could"})


def modal_misread(verb: Token) -> bool:
    """A past form with no "have" or "be" before it cannot be a modal's verb: the "modal"
    beside it is a misread word, most often a date in case-less text ("on 11 may a bomb
    destroyed a building"), since "may" governs "destroy", "have destroyed" or "be
    destroyed" only."""
    return verb.tag_ in {"VBD", "VBN"} and not any(
        c.dep_ in {"aux", "auxpass"} and c.lemma_ in {"have", "be"} for c in verb.children)


#: Predicates of appearance in the writer's voice ("appears to be", "seems").
APPEARANCE_VERBS = frozenset({"appear", "seem"})
#: Adverbs of likelihood in the writer's voice.
LIKELIHOOD_ADVERBS = frozenset({"likely", "probably", "possibly", "perhaps", "certainly", "maybe"})


# ---------------------------------------------------------------------------------------
# Finding attribution relations (cue, source, content) in one parsed sentence
# ---------------------------------------------------------------------------------------
# Token ranges below are ``(start, end)`` spaCy token indices, end exclusive.

Range = tuple[int, int]

_SUBJ = frozenset({"nsubj", "nsubjpass", "csubj"})
_CONTENT_DEPS = frozenset({"ccomp", "xcomp"})
_LEFT_CUE_DEPS = frozenset({"aux", "auxpass", "neg"})
_TRIM_DEPS = frozenset({"relcl", "acl", "punct", "cc"})
_EDGE_PUNCT = frozenset(",;:—–-()[]")


@dataclass(slots=True)
class Found:
    """One attribution relation in a sentence (token ranges into the spaCy doc)."""

    cue: Range
    content: Range
    source: Range | None = None
    source_head: int | None = None
    #: sources that cite this one, outermost first: (cue range, source range, head index)
    cited_by: list[tuple[Range, Range, int]] = field(default_factory=list)
    kind: str = "verb"  # verb | according | as | specify | colon | noun | turn | relative
    quote: bool = False
    #: further quotations by the same source in the sentence ("“...,” he said. “...”")
    extra: list[Range] = field(default_factory=list)
    #: the cue without the adverbials PolNeAR counts in it ("said", not "said on Friday")
    core: Range | None = None
    #: ``speech`` (the hand-made lexicons) or ``learned`` (PolNeAR's broader cues: intentions,
    #: endorsements; scored, kept out of the product's claims)
    cue_class: str = "speech"
    #: the words of the content before an interrupting source and cue ("The museum, Mr. Bush
    #: said, celebrated ...": "The museum"); the content is then ``lead[0]`` to ``content[1]``
    lead: Range | None = None
    #: the head of a subject raised into the content ("Melania seems to have vanished"): no
    #: source, but the cue model weighs it as the subject it is in the parse
    raised_head: int | None = None


def _hull(tokens: list[Token]) -> Range:
    return (min(t.i for t in tokens), max(t.i for t in tokens) + 1)


def _strip(doc: Doc, r: Range) -> Range:
    """Drop edge punctuation and conjunctions (not quote marks) from a range."""
    s, e = r
    while s < e and (doc[s].text in _EDGE_PUNCT or doc[s].dep_ == "cc" and s == r[0]):
        s += 1
    while e > s and (doc[e - 1].text in _EDGE_PUNCT or doc[e - 1].text in (".", "--")
                     or doc[e - 1].dep_ == "cc" and e - 1 > s):
        if doc[e - 1].text == ")" and any(doc[k].text == "(" for k in range(s, e)):
            break  # keep a closed parenthesis: "Paul Ryan (R-Wis.)"
        e -= 1
    return (s, e)


def _strip_source(doc: Doc, r: Range) -> Range:
    """A source range without quote marks or punctuation at its edges."""
    s, e = _strip(doc, r)
    while s < e and doc[s].text in QUOTE_CHARS | {"”", "“", "''", "``"}:
        s += 1
    return (s, e) if e > s else r


def _subtree(t: Token) -> Range:
    return (t.left_edge.i, t.right_edge.i + 1)


def is_source_like(t: Token) -> bool:
    """Can ``t`` (the head of a subject) be the source of a report?"""
    if t.ent_type_ in ("PERSON", "ORG", "GPE", "NORP"):
        return True
    if t.pos_ == "PROPN":
        return True
    if t.pos_ == "PRON":
        return t.lower_ in SOURCE_PRONOUNS and t.lower_ not in ("this", "that", "which", "it")
    return t.lemma_.lower() in SOURCE_NOUNS or t.lemma_.lower() in DOCUMENT_NOUNS


def source_range(doc: Doc, heads: list[Token]) -> tuple[Range, list[tuple[Range, Range, int]]]:
    """The source mention of subject ``heads`` and the sources citing it ("sources cited by X":
    the mention ends before "cited", and X is returned as a citing source)."""
    cited: list[tuple[Range, Range, int]] = []
    start = min(h.left_edge.i for h in heads)
    end = max(h.right_edge.i for h in heads) + 1
    for h in heads:
        for c in h.rights:
            if c.dep_ in ("acl", "advcl") and c.tag_ == "VBG" and c.i < end and doc[c.left_edge.i - 1].text == ",":
                end = min(end, c.left_edge.i - 1)  # "Trump, speaking to a veterans group, said"
                continue
            if c.dep_ in ("relcl", "acl") and c.i < end:
                agent = _citing_agent(c)
                if agent is not None:
                    pobj = _pobj(agent)
                    cited.insert(0, ((c.i, agent.i + 1), _strip(doc, _subtree(pobj)), pobj.i))
                    end = min(end, c.i)
    start = _after_separator(doc, start, min(h.i for h in heads))
    s, e = _strip_source(doc, (start, end))
    if e <= s:
        s, e = heads[0].i, heads[0].i + 1
    return (s, e), cited


_SEPARATORS = frozenset({",", ":", "—", "―", "–", "--", ";"})


def _after_separator(doc: Doc, start: int, head: int) -> int:
    """A subject the parse opened too early ("The Latest: Trump", "BRUSSELS - European
    leaders", "Back when he wrote his book, Mr. McKinley") starts after the last separator
    before its head word."""
    for k in range(head - 1, start - 1, -1):
        t = doc[k]
        spaced_dash = t.text == "-" and k > 0 and bool(doc[k - 1].whitespace_) and bool(t.whitespace_)
        if t.text in _SEPARATORS or spaced_dash:
            return k + 1
    return start



def _pobj(prep: Token) -> Token:
    for c in prep.children:
        if c.dep_ == "pobj":
            return c
    return prep


def _citing_agent(participle: Token) -> Token | None:
    if participle.lemma_.lower() not in CITING_PARTICIPLES:
        return None
    for c in participle.children:
        if c.dep_ == "agent" and any(g.dep_ == "pobj" for g in c.children):
            return c
    return None


#: Verbs by which a source names the source it relies on ("The Post, citing officials, reported").
CITING_VERBS = frozenset({"cite", "quote"})


def cited_source(verb: Token) -> Token | None:
    """The source a "citing" participle or a "which cited" clause names ("citing Western
    security officials" -> officials), None for any other verb or for what cannot be a source
    ("citing security concerns")."""
    if verb.lemma_.lower() not in CITING_VERBS:
        return None
    if not (verb.dep_ == "relcl" or verb.tag_ == "VBG" and verb.dep_ in {"acl", "advcl", "xcomp"}):
        return None
    return next((c for c in verb.children if c.dep_ == "dobj" and is_source_like(c)), None)


def citing_sources(doc: Doc, rel: Found) -> list[tuple[Range, int]]:
    """The sources a relation's own source says it relies on, innermost last: "The Washington
    Post, citing Western security officials, reported that ...", "reported, citing two police
    sources, that ...", "According to Reuters, which cited two police sources, ..."."""
    if rel.source_head is None:
        return []
    anchors = [doc[rel.source_head]]
    anchors += [t for t in doc[rel.cue[0]:rel.cue[1]] if t.pos_ in {"VERB", "AUX"}]
    out: list[tuple[Range, int]] = []
    for c in (c for a in anchors for c in a.children):
        obj = cited_source(c)
        if obj is not None and all(h != obj.i for _, h in out):
            out.append((_strip(doc, _subtree(obj)), obj.i))
    return out


def cue_range(verb: Token) -> Range:
    """The verb with its auxiliaries and negation ("has reported", "did not say", "pointed out")."""
    s = verb.i
    for c in reversed(list(verb.lefts)):
        if c.dep_ in _LEFT_CUE_DEPS and c.i == s - 1:
            s = c.i
        elif c.i < s - 1:
            break
    e = verb.i + 1
    for c in verb.rights:
        if c.dep_ == "prt" and c.i == e:
            e += 1
    return (s, e)


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


def _close_quote(doc: Doc, r: Range, sent: Span) -> Range:
    """A cue that took in an opening quotation mark ("said on CNN's “State of the Union")
    runs to its closing mark."""
    opens = sum(1 for k in range(*r) if doc[k].text in ("“", "``"))
    if opens and not any(doc[k].text in ("”", "''") for k in range(*r)):
        for k in range(r[1], min(sent.end + 1, len(doc))):
            if doc[k].text in ("”", "''"):
                return (r[0], k + 1)
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


def _interrupts(doc: Doc, left: Range, right: Range, block: Range) -> bool:
    """Do a source and cue set off by commas interrupt one clause ("The museum, Mr. Bush
    said, celebrated ...")? Both parts hold words, and neither is a quotation."""
    if left[1] <= left[0] or right[1] - right[0] < 2 or left[1] > block[0] or right[0] < block[1]:
        return False
    if not any(t.is_alpha for t in doc[left[0] : left[1]]):
        return False
    marks = (",", "—", "--")
    a, b = block
    opened = doc[a].text in marks or a > 0 and doc[a - 1].text in marks
    closed = doc[b - 1].text in marks or b < len(doc) and doc[b].text in marks
    if not (opened and closed):
        return False
    return not any(doc[k].text in QUOTE_CHARS or doc[k].text in ("“", "”", "``", "''") for k in (left[1] - 1, right[0]))


def _with_opening_conj(doc: Doc, sent: Span, r: Range) -> Range:
    """A range that starts the sentence but for its opening conjunction takes it back."""
    if r[0] == sent.start + 1 and doc[sent.start].lower_ in _OPENING_CONJ:
        return (sent.start, r[1])
    return r


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


_WH = frozenset({"which", "who", "whose", "whom"})


def _cut_trailing_relative(doc: Doc, r: Range) -> Range:
    """Content ends before a non-restrictive relative clause that closes it (", which ..."),
    and before a participle clause that closes it (", arguing that ...", ", citing ..."):
    the writer's gloss on the report, not its words."""
    for k in range(r[0] + 3, r[1] - 1):
        if doc[k].text != ",":
            continue
        nxt = doc[k + 1]
        if nxt.lower_ in _WH and nxt.head.right_edge.i >= r[1] - 2:
            return (r[0], k)
        if nxt.tag_ == "VBG" and nxt.dep_ in ("advcl", "xcomp", "acl") and nxt.right_edge.i >= r[1] - 2:
            return (r[0], k)
    return r


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


def _entity_range(doc: Doc, t: Token) -> Range:
    """The named entity ``t`` is in (``t`` alone when none)."""
    s = t.i
    while s > 0 and doc[s].ent_iob_ == "I":
        s -= 1
    e = t.i + 1
    while e < len(doc) and doc[e].ent_iob_ == "I":
        e += 1
    if not t.ent_type_ or e - s > 3 or any(doc[k].pos_ != "PROPN" for k in range(s, e)):
        return (t.i, t.i + 1)
    return (s, e)


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


def _expand_to_quote(doc: Doc, r: Range, quotes: list[Range], cue: Range) -> tuple[Range, bool]:
    """Content touching a quotation: the quotation when the content lies inside it (or,
    for a quote before its cue, spills only towards the cue: a misparse), else the content
    stretched to hold the quotations it cuts."""
    s, e = r
    for q in quotes:
        if q[0] <= s and e <= q[1]:
            return q, True
        if q[0] < e and s < q[1]:
            out = [k for k in range(s, e) if not q[0] <= k < q[1] and not doc[k].is_punct]
            # only a quote before its cue may spill (misparsed words of the source after it)
            if not out or (q[1] <= cue[0] and all(q[1] <= k < cue[0] for k in out)):
                return q, True
        if q[0] < e and s < q[1]:
            s, e = min(s, q[0]), max(e, q[1])
    return (s, e), False


_CUE_CHANNELS = frozenset({"statement", "release"})
_CUE_MODIFIERS = frozenset({"advmod", "npadvmod"})
#: A conjunction opening the sentence stays in the content that starts the sentence.
_OPENING_CONJ = frozenset({"but", "and", "so", "yet"})
_DISCOURSE = frozenset("but and so yet however still meanwhile also moreover indeed".split())


def _extend_cue(verb: Token, cue: Range, taken: list[Range], limit: int) -> Range:
    """Add adjacent adverbs to the cue with the auxiliaries before them ("often said", "has
    long said", "said:"), as PolNeAR marks cues; time phrases ("said Friday": PolNeAR leaves
    them out more often than not) and prepositional phrases stay out."""
    s, e = cue
    for c in reversed(list(verb.lefts)):
        if c.dep_ == "advmod" and c.right_edge.i == s - 1 and c.left_edge.i == c.i and c.tag_ != "WRB":
            s = c.i  # ("when asked about": PolNeAR's train split starts no cue with "when")
        elif c.dep_ in _LEFT_CUE_DEPS and c.i == s - 1 and s < cue[0]:
            s = c.i  # "has [largely] ignored": the auxiliary before the adverb
        else:
            break
    for c in verb.rights:
        if c.i < e:
            continue
        a, b = c.left_edge.i, c.right_edge.i + 1
        if any(t[0] < b and a < t[1] for t in taken) or b > limit:
            break
        if c.dep_ in _CUE_MODIFIERS and a == e and not _is_time(c):
            e = b
        elif c.dep_ == "prep" and c.lower_ == "in" and a == e and _pobj(c).lemma_.lower() in _CUE_CHANNELS:
            e = b  # "said in a statement" (PolNeAR marks it; "in an interview" it leaves out)
        elif c.text == ":" and c.i == e:
            e += 1
        else:
            break
    return (s, e)


def _is_time(t: Token) -> bool:
    """A time phrase ("Friday", "last week", "on Monday")."""
    return any(k.ent_type_ in ("DATE", "TIME") for k in t.subtree)


def _adjacent_quote(verb: Token, block: Range, quotes: list[Range]) -> Range | None:
    """A quote just before the source/cue block or just after the cue."""
    for q in quotes:
        if 0 <= block[0] - q[1] <= 1:
            return q
        if 0 <= q[0] - verb.i <= 2 or 0 <= q[0] - block[1] <= 1 or 0 <= q[0] - verb.right_edge.i <= 3:
            return q
    return None


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


#: Verbs of phase and effort: with one of them PolNeAR's cue runs on to the verb after it
#: ("continued to refute", "tried to portray", "has had to defend"), the content being that
#: verb's object (train: 121 such cues with the second verb, 8 without).
PHASE_VERBS = frozenset(
    "try attempt continue begin start keep fail struggle tend manage need help have scramble stop".split()
)


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


def _clamp(rel: Found, sent: Span) -> Found | None:
    """Keep a relation's ranges inside ``sent`` (a parse may run across a line break)."""
    lo, hi = sent.start, sent.end

    def cut(r: Range) -> Range:
        return (max(r[0], lo), min(r[1], hi))

    if not rel.quote:
        rel.content = cut(rel.content)
    if rel.lead is not None and (rel.lead[0] < lo or rel.lead[1] > hi):
        rel.lead = None
    if rel.content[1] <= rel.content[0]:
        return None
    if rel.source is not None:
        rel.source = cut(rel.source)
        if rel.source[1] <= rel.source[0] or rel.source_head is None or not lo <= rel.source_head < hi:
            rel.source, rel.source_head = None, None
    rel.cited_by = [c for c in rel.cited_by if lo <= c[2] < hi and c[1][0] >= lo and c[1][1] <= hi]
    return rel


def quote_ranges(doc: Doc, sent: Span) -> list[Range]:
    """Token ranges (marks included) of the quotations inside ``sent`` (any span).

    A quotation cut by the sentence boundary runs to the sentence's edge: a closing mark
    before any opening one closes a quote that began earlier ("I finished it,” he said"),
    an opening mark never closed opens one that goes on after the sentence.
    """
    out: list[Range] = []
    open_at: int | None = None
    seen = False
    marks = [t.text for t in sent if t.text in _OPENERS or t.text in _CLOSERS]
    # a lone run of closing marks used as openers (a tokenizer's misread straight quotes)
    paired = not any(m in _OPENERS for m in marks) and len(marks) % 2 == 0
    for t in sent:
        ch = t.text
        if open_at is None and ch in _PURE_CLOSERS and paired:
            open_at = t.i
        elif open_at is None and ch in _PURE_CLOSERS and not seen and t.i - sent.start > 1:
            out.append((sent.start, t.i + 1))
        elif open_at is None and ch in _OPENERS:
            open_at = t.i
        elif open_at is not None and ch in _CLOSERS:
            if t.i - open_at > 1:
                out.append((open_at, t.i + 1))
            open_at = None
        seen = seen or ch in _OPENERS or ch in _CLOSERS
    if open_at is not None and sent.end - open_at > 3:
        out.append((open_at, sent.end))
    return out


_OPENERS = frozenset(("“", "«", '"', "„", "``"))
_CLOSERS = frozenset(("”", "»", '"', "“", "''"))
_PURE_CLOSERS = _CLOSERS - _OPENERS


#: Prepositions whose object is what a stance is about ("warned against", "spoke of").
STANCE_PREPS = frozenset({"against", "about", "of", "with", "for", "on", "over"})
#: Prepositions whose object a broader cue may act on ("responded with attacks", "pointed to
#: reports", "bristled at"); their relations are candidates for the cue model.
WIDE_PREPS = STANCE_PREPS | frozenset({"to", "at", "by", "in", "into", "toward", "towards", "from", "under"})
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
