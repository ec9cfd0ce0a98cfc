"""Token ranges of an attribution relation: the :class:`Found` record, the ranges of a
source, a cue and a quotation, who cites whom ("sources cited by X"), and the trimming of
the edges PolNeAR's conventions ask for.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from spacy.tokens import Doc, Span, Token

from ..quotemarks import QUOTE_CHARS
from .lexicons import CITING_PARTICIPLES, DOCUMENT_NOUNS, SOURCE_NOUNS, SOURCE_PRONOUNS

#: Token ranges are ``(start, end)`` spaCy token indices, end exclusive.
Range = tuple[int, int]


_LEFT_CUE_DEPS = frozenset({"aux", "auxpass", "neg"})


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


def _close_quote(doc: Doc, r: Range, sent: Span) -> Range:
    """A cue that took in an opening quotation mark ("said on CNN's “State of the Union")
    runs to its closing mark."""
    opens = sum(1 for k in range(*r) if doc[k].text in ("“", "``"))
    if opens and not any(doc[k].text in ("”", "''") for k in range(*r)):
        for k in range(r[1], min(sent.end + 1, len(doc))):
            if doc[k].text in ("”", "''"):
                return (r[0], k + 1)
    return r


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
