"""The ``entities`` step: named-entity mentions, cleaned, typed and grouped by referent.

spaCy's NER spans (PERSON, ORG, GPE, LOC, FAC, NORP) are the starting point. Each span
is cleaned by general rules: leading articles and titles come off the name ("the Quds
Force" -> "Quds Force", "Rabbi Shneor Segal" -> "Shneor Segal" with role "rabbi"), a
trailing possessive comes off ("Iran's" -> "Iran"), a demonym is NORP whatever spaCy
said ("Azerbaijani"), a country name is GPE. Roles come from title words, premodifier
chains ("Georgian national and convicted drug trafficker Agil Aslanov"), appositions
("X, a member of Y") and predicate nominals ("X is a Y").

Grouping mentions into entities (surnames, titled forms, definite descriptions,
pronouns) is :mod:`claimgraph.nlp.coref`. The step assigns ``doc.entities`` (ids "e1",
"e2", ... in order of first mention) and ``doc.scratch["token_entity"]``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..models import Document
from ..pipeline import step
from .gazetteer import COUNTRY_ALIASES, DEMONYMS, NORP_WORDS, fold

KEEP = frozenset({"PERSON", "ORG", "GPE", "LOC", "FAC", "NORP"})

#: title words (lower case, without a final dot) that precede a name
TITLES = frozenset(
    """president vice prime minister rabbi general gen mp senator sen colonel col lt
    lieutenant captain capt major maj sergeant sgt admiral adm ayatollah imam sheikh sheik
    king queen prince princess pope cardinal bishop archbishop reverend rev father
    dr doctor professor prof mr mrs ms miss sir dame lord lady judge justice governor gov
    mayor chancellor secretary ambassador commissioner chief director chairman chairwoman
    spokesman spokeswoman spokesperson representative rep congressman congresswoman
    councilman councilwoman councillor councilor deputy commander officer detective
    inspector sheriff attorney emir sultan crown speaker premier ceo leader foreign defense
    defence interior finance justice state pastor cleric mullah brigadier marshal
    private corporal agent superintendent constable officer trooper coach president-elect
    former late acting senior assistant associate executive managing general-secretary
    cheikh hajji haji""".split()
)
#: courtesy titles: stripped from names but not roles
HONORIFICS = frozenset("mr mrs ms miss sir dame dr lady lord".split())
#: adjectival modifiers worth keeping in a role ("former president", "convicted trafficker")
ROLE_AMODS = frozenset(
    "former convicted suspected alleged retired acting senior chief deputy vice prime "
    "foreign interior defense defence top supreme".split()
)
#: words that end a publication's name: "The Washington Post", "The New York Times"
PUBLICATION_WORDS = frozenset(
    """post times journal guardian telegraph independent economist herald tribune globe
    observer mirror sun star chronicle gazette standard express atlantic hill intercept
    mail review monitor courier examiner inquirer register record bee dispatch bulletin
    age australian hindu nation spectator daily news week newsweek""".split()
)
PUB_NOUNS = frozenset("newspaper paper daily outlet publication magazine broadsheet tabloid".split())
_POSSESSIVE = frozenset({"'s", "’s", "'", "’"})
_STRIP_HEAD = frozenset({"the", "a", "an", "this", "that", "these", "those"})


@dataclass(slots=True)
class Mention:
    """One mention: token range of the whole mention and of the bare name within it."""

    start: int  # first token of the mention (title included)
    end: int
    name_start: int  # the bare name, without article or title
    name_end: int
    label: str
    name: str
    kind: str = "name"  # name | desc | pron
    roles: list[str] = field(default_factory=list)
    titled: str | None = None  # "Rabbi Segal" when a title precedes the name
    entity: int = -1  # index of its cluster

    @property
    def key(self) -> str:
        return fold(self.name)


def _title_key(tok: Any) -> str:
    return tok.lower_.rstrip(".")


def is_demonym(word: str) -> bool:
    w = fold(word)
    return w in DEMONYMS or w in NORP_WORDS or w.rstrip("s") in DEMONYMS


def is_country_name(word: str) -> bool:
    return fold(word) in COUNTRY_ALIASES


def _is_publication(tokens: list[Any]) -> bool:
    return len(tokens) >= 2 and tokens[0].text == "The" and tokens[-1].lower_ in PUBLICATION_WORDS


def _clean_tokens(sdoc: Any, start: int, end: int, label: str) -> tuple[int, int, list[str]]:
    """Strip articles, possessives, titles and junk; return the name's range and titles."""
    toks = list(sdoc[start:end])
    titles: list[str] = []
    keep_the = label == "ORG" and _is_publication(toks)
    while end > start and (sdoc[end - 1].text in _POSSESSIVE or sdoc[end - 1].is_punct):
        end -= 1
    while end - start > 1 and sdoc[start].lower_ in _STRIP_HEAD and not keep_the:
        start += 1
    while end > start and ("@" in sdoc[end - 1].text or sdoc[end - 1].like_url):
        end -= 1
    if label == "PERSON":
        while end - start > 1 and _title_key(sdoc[start]) in TITLES:
            titles.append(_title_key(sdoc[start]))
            start += 1
    return start, end, titles


def _left_titles(sdoc: Any, start: int) -> tuple[int, list[str]]:
    """Title words just before a name ("Iranian President | Masoud Pezeshkian")."""
    i = start
    titles: list[str] = []
    while i > 0 and _title_key(sdoc[i - 1]) in TITLES and sdoc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
        i -= 1
        titles.insert(0, _title_key(sdoc[i]))
    return i, titles


def _title_roles(titles: list[str]) -> list[str]:
    words = [t for t in titles if t not in HONORIFICS]
    if not words:
        return []
    return [" ".join(words)]


_NOMINAL_ADJ = frozenset({"national", "resident", "native", "official", "hopeful"})
_CHAIN_POS = frozenset({"NOUN", "ADJ", "CCONJ", "VERB", "PROPN"})


def _premodifier_roles(sdoc: Any, start: int) -> list[str]:
    """Roles from a premodifier chain: "Georgian national and convicted drug trafficker X"."""
    i = start
    sent_start = sdoc[start].sent.start
    while i > sent_start:
        t = sdoc[i - 1]
        if t.pos_ not in _CHAIN_POS or t.ent_type_ in ("PERSON", "ORG", "GPE", "DATE", "MONEY"):
            break
        if t.pos_ == "VERB" and t.tag_ not in ("VBN", "VBG"):
            break
        if t.pos_ == "PROPN" and not is_demonym(t.text) and _title_key(t) not in TITLES:
            break
        if "\n" in sdoc.text[t.idx : sdoc[i].idx]:
            break
        i -= 1
    roles: list[str] = []
    chunk: list[Any] = []
    for t in [*sdoc[i:start], None]:
        if t is None or t.pos_ == "CCONJ":
            words = [w for w in chunk if not is_demonym(w.text)]
            while words and words[0].pos_ == "ADJ" and words[0].lower_ not in ROLE_AMODS and len(words) > 1:
                words = words[1:]
            if words and (words[-1].pos_ in ("NOUN", "PROPN") or words[-1].lower_ in _NOMINAL_ADJ):
                roles.append(" ".join(_title_key(w) for w in words))
            chunk = []
        else:
            chunk.append(t)
    return roles


def _noun_role(tok: Any) -> str | None:
    """A role phrase from a common-noun head: compounds and role adjectives + the noun."""
    if tok.pos_ != "NOUN":
        return None
    mods = [
        c
        for c in tok.lefts
        if c.dep_ == "compound" and c.pos_ == "NOUN"
        or c.dep_ == "amod" and c.lower_ in ROLE_AMODS
    ]
    return " ".join([*(m.lower_ for m in mods), tok.lemma_.lower()])


def _syntactic_roles(sdoc: Any, name_start: int, name_end: int) -> list[str]:
    """Roles from appositions ("X, a member of Y") and predicate nominals ("X is a Y")."""
    head = sdoc[name_end - 1]
    for t in sdoc[name_start:name_end]:
        if t.head.i < name_start or t.head.i >= name_end:
            head = t
            break
    roles: list[str] = []
    for c in head.children:
        if c.dep_ == "appos" and c.i >= name_end:
            r = _noun_role(c)
            if r and not is_demonym(c.text):
                roles.append(r)
    if head.dep_ == "appos" and head.head.i < name_start and not is_demonym(head.head.text):
        r = _noun_role(head.head)
        if r:
            roles.append(r)
    if head.dep_ == "nsubj" and head.head.lemma_ == "be":
        for c in head.head.children:
            if c.dep_ == "attr" and c.i > head.i:
                r = _noun_role(c)
                if r:
                    roles.append(r)
    return roles


def _fix_label(text: str, label: str, ntoks: int) -> str:
    key = fold(text)
    if ntoks == 1 and (key in DEMONYMS or key in NORP_WORDS or key.rstrip("s") in DEMONYMS):
        return "NORP"
    if key in COUNTRY_ALIASES and label in ("NORP", "PERSON", "ORG", "LOC", "FAC"):
        return "GPE"
    return label


_LOCATIVE = frozenset(
    "in at near from to outside across toward towards into throughout around via inside "
    "between within of".split()
)
_STRONG_LOCATIVE = _LOCATIVE - {"of", "to", "from", "between"}


def _place_label(sdoc: Any, start: int, end: int, label: str) -> str:
    """ORG/PERSON spans that are places by the gazetteer and their context ("in Alexandria")."""
    from .gazetteer import gazetteer

    name = sdoc[start:end].text
    cands = gazetteer().lookup(name)
    if not cands:
        return label
    top = cands[0]
    if top.feature in ("country", "admin", "continent") and label == "ORG":
        return "GPE"
    prev = sdoc[start - 1] if start > 0 else None
    after = sdoc.text[sdoc[end - 1].idx + len(sdoc[end - 1]) : sdoc[end - 1].idx + len(sdoc[end - 1]) + 1]
    nxt = sdoc[end] if end < len(sdoc) else None
    locative = prev is not None and prev.lower_ in (_STRONG_LOCATIVE if label == "PERSON" else _LOCATIVE)
    qualified = after == "," and nxt is not None and nxt.i + 1 <= len(sdoc) and _is_qualifier(sdoc, end + 1)
    dateline = start == 0 or (prev is not None and "\n" in prev.text)
    if locative or qualified or (dateline and name.isupper()):
        return "GPE"
    return label


def _is_qualifier(sdoc: Any, i: int) -> bool:
    from .gazetteer import US_STATE_ABBR, gazetteer

    if i >= len(sdoc):
        return False
    t = sdoc[i]
    if fold(t.text) in US_STATE_ABBR or fold(t.text) in COUNTRY_ALIASES:
        return True
    return any(p.feature in ("admin", "country") for p in gazetteer().lookup(t.text))


def collect_mentions(sdoc: Any) -> list[Mention]:
    """Cleaned NER mentions of the kept types, with their roles, in text order."""
    out: list[Mention] = []
    for ent in sdoc.ents:
        if ent.label_ not in KEEP:
            continue
        label = ent.label_
        start, end, titles = _clean_tokens(sdoc, ent.start, ent.end, label)
        if end <= start:
            continue
        name = sdoc[start:end].text
        label = _fix_label(name, label, end - start)
        if label in ("ORG", "PERSON") and not titles:
            label = _place_label(sdoc, start, end, label)
        if label == "PERSON" and end - start == 1 and is_demonym(name):
            label = "NORP"
        m_start = start if not titles else ent.start + (1 if sdoc[ent.start].lower_ in _STRIP_HEAD else 0)
        roles: list[str] = []
        if label in ("PERSON", "ORG"):
            left, more = _left_titles(sdoc, m_start) if label == "PERSON" else (m_start, [])
            titles = more + titles
            m_start = left
            roles += _title_roles(titles)
            roles += _premodifier_roles(sdoc, m_start)
            roles += _syntactic_roles(sdoc, start, end)
        titled = sdoc[m_start:end].text if m_start < start and label == "PERSON" else None
        out.append(Mention(m_start, end, start, end, label, name, roles=_dedupe(roles), titled=titled))
    return out


def _dedupe(items: list[str]) -> list[str]:
    seen: dict[str, None] = {}
    for x in items:
        if x:
            seen.setdefault(x, None)
    return list(seen)


@step("entities", requires=("sdoc",), assigns=("entities",))
def entities(doc: Document) -> Document:
    """Find named entities, merge mentions of one referent, map tokens to entities."""
    from .coref import resolve

    sdoc = doc.scratch["sdoc"]
    mentions = collect_mentions(sdoc)
    doc.entities, doc.scratch["token_entity"] = resolve(doc, sdoc, mentions)
    return doc
