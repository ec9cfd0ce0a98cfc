"""The ``entities`` step: named-entity mentions, cleaned, typed and grouped by referent.

spaCy's NER spans (PERSON, ORG, GPE, LOC, FAC, NORP) are the starting point. Each span
is cleaned by general rules: leading articles and titles come off the name ("the Quds
Force" -> "Quds Force", "Rabbi Shneor Segal" -> "Shneor Segal" with role "rabbi"), a
trailing possessive comes off ("Iran's" -> "Iran"), a demonym is NORP whatever spaCy
said ("Azerbaijani"), a country name is GPE. Roles come from title words, premodifier
chains ("Georgian national and convicted drug trafficker Agil Aslanov"), appositions
("X, a member of Y") and predicate nominals ("X is a Y").

Place names the model missed or mislabelled (towns labelled PERSON/ORG, places inside
organisation names, unlabelled towns and counties) are added by
:mod:`claimgraph.nlp.places.toponyms`.

Grouping mentions into entities (surnames, titled forms, definite descriptions,
pronouns) is :mod:`claimgraph.nlp.entities.coref`. The step assigns ``doc.entities`` (ids "e1",
"e2", ... in order of first mention) and ``doc.scratch["token_entity"]``.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from ...models import Document
from ...pipeline import step
from ..places.gazetteer import COUNTRY_ALIASES, DEMONYMS, NORP_WORDS, fold
from ..places.toponyms import (
    Home,
    home_region,
    is_dateline,
    is_locative,
    is_qualified,
    missed_places,
    nested_places,
    place_here,
    us_counties,
)

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
#: courtesy titles that tell a man from a woman ("Mr Blair" is not "Mrs Blair")
HONORIFIC_GENDER = {"mr": "m", "sir": "m", "lord": "m", "mrs": "f", "ms": "f", "miss": "f", "lady": "f", "dame": "f"}
#: plain courtesy titles and titles of rank: a knight ("Sir Ian Blair") is never "Mr Blair"
HONORIFIC_STYLE = {**dict.fromkeys(("mr", "mrs", "ms", "miss"), "plain"), **dict.fromkeys(("sir", "dame", "lord", "lady"), "rank")}
#: role words that do the same ("his wife Cherie Blair", "Labour chairwoman Jane Kennedy")
ROLE_GENDER = {
    **dict.fromkeys(
        "wife widow mother daughter sister girlfriend queen princess duchess countess baroness "
        "actress chairwoman spokeswoman congresswoman councilwoman businesswoman sportswoman".split(), "f"),
    **dict.fromkeys(
        "husband widower father son brother boyfriend king prince duke baron "
        "chairman spokesman congressman councilman businessman sportsman".split(), "m"),
}
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
    nested: bool = False  # a place name inside an organisation's name: maps no tokens

    @property
    def key(self) -> str:
        return fold(self.name)

    @property
    def titles(self) -> list[str]:
        """The title words before the name (lower case, no dot): ``["mrs"]`` for "Mrs Blair"."""
        if not self.titled or not self.titled.endswith(self.name):
            return []
        return [w.lower().rstrip(".") for w in self.titled[: len(self.titled) - len(self.name)].split()]

    @property
    def gender(self) -> str | None:
        """"m" or "f" when a courtesy title or a role says so ("Mrs Blair", "his wife"), else ``None``."""
        g = title_gender(self.titles)
        if g is not None:
            return g
        return next((g for r in self.roles if (g := ROLE_GENDER.get(r.split()[-1])) is not None), None)

    @property
    def style(self) -> str | None:
        """"plain" for "Mr Blair", "rank" for "Sir Ian Blair", else ``None``."""
        return title_style(self.titles)


def title_gender(titles: Iterable[str]) -> str | None:
    """"m" or "f" from the first courtesy title among ``titles`` (lower case, no dot)."""
    for t in titles:
        g = HONORIFIC_GENDER.get(t)
        if g is not None:
            return g
    return None


def title_style(titles: Iterable[str]) -> str | None:
    """"plain" (Mr, Mrs) or "rank" (Sir, Lord) from the first such title among ``titles``."""
    return next((HONORIFIC_STYLE[t] for t in titles if t in HONORIFIC_STYLE), None)


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


def left_titles(sdoc: Any, start: int) -> tuple[int, list[str]]:
    """Title words just before a name ("Iranian President | Masoud Pezeshkian")."""
    i = start
    titles: list[str] = []
    while i > 0 and _title_key(sdoc[i - 1]) in TITLES and sdoc[i - 1].pos_ in ("PROPN", "NOUN", "ADJ"):
        i -= 1
        titles.insert(0, _title_key(sdoc[i]))
    return i, titles


def title_roles(titles: list[str]) -> list[str]:
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
        if "\n" in t.text_with_ws:  # the text between t and sdoc[i] (never sdoc.text: built anew)
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
    if ntoks == 2 and key.replace(" ", "-").rstrip("s") in DEMONYMS:
        return "NORP"  # "Sri Lankan", "North Koreans"
    if key in COUNTRY_ALIASES and label in ("NORP", "PERSON", "ORG", "LOC", "FAC"):
        return "GPE"
    if key in PLATFORMS and label in ("PERSON", "GPE", "NORP", "PRODUCT", "WORK_OF_ART"):
        return "ORG"  # the small model reads "Twitter" as a person: "he" then resolves to it
    return label


#: Online platforms, which are companies (the small model often labels them PERSON).
PLATFORMS = frozenset({"twitter", "facebook", "youtube", "instagram", "whatsapp", "telegram", "tiktok",
                       "snapchat", "linkedin", "reddit", "truth social", "wikileaks", "google"})


def _place_label(sdoc: Any, start: int, end: int, label: str, home: Home, surnames: set[str]) -> str:
    """ORG/PERSON spans that are places by the gazetteer and their context ("in Alexandria")."""
    from ..places.gazetteer import gazetteer

    if end - start > 1 and label != "FAC":
        head = sdoc[end - 1].text
        if head in ROAD_HEADS:
            return "FAC"  # "Freeman Drive", "Rivers Avenue"
        if head in NATURE_HEADS:
            return "LOC"  # "Kanawha River", "Dolly Sods Wilderness"
    cands = gazetteer().lookup(sdoc[start:end].text)
    if not cands:
        return label
    if cands[0].feature in ("country", "admin", "continent") and label == "ORG":
        return "GPE"
    if label in ("ORG", "FAC") and is_the(sdoc, start):
        return label  # "the White House", "the Titan"
    text = sdoc[start:end].text
    if label == "ORG" and not is_the(sdoc, start) and not text.isupper() and any(
        p.population >= ORG_TOWN_POP and fold(p.name) == fold(text) for p in cands
    ):
        return "GPE"  # a town's bare name tagged ORG ("Danbury", "Vicksburg")
    if label == "PERSON" and (end - start > 1 or sdoc[start].text in surnames):
        strong_ctx = is_locative(sdoc, start, True) or is_qualified(sdoc, end) or is_dateline(sdoc, start, end)
        if not strong_ctx:
            return label
    if place_here(sdoc, start, end, home, strong=label == "PERSON") is not None:
        return "GPE"
    return label


#: last words of street names and of natural features
ROAD_HEADS = frozenset(
    "Street St. Avenue Ave. Road Rd. Drive Dr. Boulevard Blvd. Lane Ln. Parkway Highway Trail "
    "Way Pike Turnpike Expressway Freeway".split()
)
NATURE_HEADS = frozenset(
    "River Lake Lakes Creek Mountain Mountains Wilderness Forest Park Lakeshore Bay Island Islands "
    "Valley Canyon Falls Ocean Sea".split()
)
#: a bare ORG name that is a town of at least this size is taken for the town
ORG_TOWN_POP = 10_000


def is_the(sdoc: Any, start: int) -> bool:
    """True when the name follows "the" ("the Titan", an organisation's usual form)."""
    return start > 0 and sdoc[start - 1].lower_ == "the"


def _surnames(sdoc: Any) -> set[str]:
    """Last words of the multi-word person names spaCy found ("Jackson" of "Mary Jackson")."""
    return {e[-1].text for e in sdoc.ents if e.label_ == "PERSON" and len(e) > 1}


def _repair_counties(sdoc: Any, out: list[Mention]) -> list[Mention]:
    """Join a county name spaCy split ("Otter" + "Tail County" -> "Otter Tail County")."""
    drop: set[int] = set()
    for k, m in enumerate(out):
        if m.label not in ("GPE", "LOC", "ORG") or sdoc[m.name_end - 1].text not in ("County", "Parish"):
            continue
        if fold(m.name) in us_counties():
            continue
        for a in (m.name_start - 1, m.name_start - 2):
            if a >= 0 and fold(sdoc[a : m.name_end].text) in us_counties():
                drop.update(j for j, o in enumerate(out) if j != k and o.start >= a and o.end <= m.name_start)
                m.start = m.name_start = a
                m.name = sdoc[a : m.name_end].text
                m.label = "GPE"
                break
    return [m for j, m in enumerate(out) if j not in drop]


def _add_places(sdoc: Any, out: list[Mention], home: Home) -> list[Mention]:
    """Nested place names in ORG/FAC names and unlabelled place names, as GPE mentions."""
    out = _repair_counties(sdoc, out)
    extra: list[Mention] = []
    for m in out:
        if m.label in ("ORG", "FAC") and sdoc[m.name_end - 1].lower_ not in PUBLICATION_WORDS:
            for a, b in nested_places(sdoc, m.name_start, m.name_end, home):
                extra.append(Mention(a, b, a, b, "GPE", sdoc[a:b].text, nested=True))
    surnames = {m.name.split()[-1] for m in out if m.label == "PERSON" and len(m.name.split()) > 1}
    taken = {i for m in out for i in range(m.start, m.end)}
    for m in out:
        if m.label == "GPE" and m.name in surnames and not is_locative(sdoc, m.name_start, True):
            m.label = "PERSON"  # "Strickland" after "Gov. Ted Strickland"
            left, titles = left_titles(sdoc, m.start)
            while titles and left in taken:
                left, titles = left + 1, titles[1:]
            if titles:  # "Rabbi | Segal": the title spaCy left out
                m.start, m.titled = left, sdoc[left : m.name_end].text
                m.roles = _dedupe([*m.roles, *title_roles(titles)])
    covered = {i for m in out for i in range(m.start, m.end)}
    for a, b in missed_places(sdoc, covered, home):
        if sdoc[a:b].text in surnames:
            continue
        extra.append(Mention(a, b, a, b, "GPE", sdoc[a:b].text))
    if not extra:
        return out
    return sorted([*out, *extra], key=lambda m: (m.start, m.nested))


def collect_mentions(sdoc: Any, home: Home | None = None) -> list[Mention]:
    """Cleaned NER mentions of the kept types, with their roles, in text order."""
    out: list[Mention] = []
    home = home or home_region(sdoc)
    surnames = _surnames(sdoc)
    for ent in sdoc.ents:
        if ent.label_ not in KEEP:
            continue
        label = ent.label_
        start, end, titles = _clean_tokens(sdoc, ent.start, ent.end, label)
        if end <= start:
            continue
        name = sdoc[start:end].text
        label = _fix_label(name, label, end - start)
        if label in ("ORG", "PERSON", "FAC") and not titles or label == "NORP" and not is_demonym(name):
            label = _place_label(sdoc, start, end, label, home, surnames)
        if label == "PERSON" and end - start == 1 and is_demonym(name):
            label = "NORP"
        m_start = start if not titles else ent.start + (1 if sdoc[ent.start].lower_ in _STRIP_HEAD else 0)
        roles: list[str] = []
        if label in ("PERSON", "ORG"):
            left, more = left_titles(sdoc, m_start) if label == "PERSON" else (m_start, [])
            titles = more + titles
            m_start = left
            roles += title_roles(titles)
            roles += _premodifier_roles(sdoc, m_start)
            roles += _syntactic_roles(sdoc, start, end)
        titled = sdoc[m_start:end].text if m_start < start and label == "PERSON" else None
        out.append(Mention(m_start, end, start, end, label, name, roles=_dedupe(roles), titled=titled))
    return _add_places(sdoc, out, home)


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
    home = home_region(sdoc)
    doc.scratch["home_region"] = home
    mentions = collect_mentions(sdoc, home)
    doc.entities, doc.scratch["token_entity"] = resolve(doc, sdoc, mentions)
    return doc
