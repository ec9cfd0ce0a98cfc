"""The ``places`` step: each GPE/LOC/FAC entity resolved to one GeoNames record.

Candidates come from :mod:`claimgraph.nlp.places.gazetteer`. A candidate's score is a prior
(countries and states before towns, then population) plus the document's context:

* an explicit qualifier right after a mention ("Paris, Texas", "Albany, Ga.",
  "Tbilisi, Georgia") restricts the candidates to that state or country;
* the other places of the document: a candidate in a country or state that other places
  of the document resolve to, or near them, gains (so "Georgia" beside Baku and Tehran is
  the country, beside Atlanta the US state).

* the document's home region (:func:`claimgraph.nlp.places.toponyms.home_region`, the US states
  and countries it names without ambiguity): a town there gains;
* spatial support: a town candidate near a candidate of another name of the document
  gains ("Kent" beside "Sharon" and "Cornwall");
* a record whose own name is the name written beats one that only has it as an
  alternate name ("Alexandria" is not Mashhad).

Resolution runs twice: the first pass uses prior and qualifiers only, the second adds the
context of the first pass's picks. A US county ("Rapides Parish", "Mercer County") has no
record in the bundled data; it gets ``geonames_id: null`` and the point of its namesake
town, else the mean point of the document's towns in its state, else its state's point. A place with no candidate keeps ``geo: null``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from dataclasses import dataclass
from typing import Any

from ...models import Document, Entity, Geo
from ...pipeline import step
from .gazetteer import COUNTRY_ALIASES, US_STATE_ABBR, Gazetteer, Place, fold, gazetteer
from .toponyms import Home, us_counties

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w.'’]*\.?)(?:\s+[A-Z][\w.'’]*\.?){0,2})")
_ADMIN2 = re.compile(r"^(.+?)\s+(County|Parish|Borough)$")
#: a record of these kinds whose own name is the name written wins over towns of that name
_NAMED_FEATURES = frozenset({"country", "admin", "region", "continent", "sea", "gulf"})
_FEATURE_PRIOR = {"continent": 3.2, "country": 3.0, "admin": 2.4, "region": 3.0, "sea": 3.0, "gulf": 3.0}


@dataclass(slots=True)
class Constraint:
    country: str | None
    admin1: str | None


def _state_code(text: str, gaz: Gazetteer) -> Constraint | None:
    """A qualifier's meaning: a US state (name, AP or postal abbreviation) or a country."""
    t = text.strip()
    low = fold(t)
    if low in US_STATE_ABBR:
        return Constraint("US", US_STATE_ABBR[low])
    if len(t) == 2 and t.isupper() and ("US", t) in gaz.states:
        return Constraint("US", t)
    for p in gaz.lookup(t):
        if p.feature == "admin":
            return Constraint(p.country_code, p.admin1)
        if p.feature == "country":
            return Constraint(p.country_code, None)
    if low in COUNTRY_ALIASES:
        return Constraint(COUNTRY_ALIASES[low], None)
    return None


def _qualifier(text: str, end: int, gaz: Gazetteer) -> Constraint | None:
    m = _QUALIFIER.match(text, end)
    if not m:
        return None
    words = m.group(1).split()
    for n in range(len(words), 0, -1):
        c = _state_code(" ".join(words[:n]), gaz)
        if c is not None:
            return c
    return None


def _prior(p: Place) -> float:
    if p.feature in _FEATURE_PRIOR:
        return _FEATURE_PRIOR[p.feature]
    bonus = 0.9 if p.feature == "capital" else 0.0
    return 2.0 * math.log10(p.population + 10) / 7.0 + bonus


def _dist_km(a: Place, b: Place) -> float:
    if a.lat is None or b.lat is None or a.lon is None or b.lon is None:
        return 20000.0
    p1, p2 = math.radians(a.lat), math.radians(b.lat)
    dp, dl = p2 - p1, math.radians(b.lon - a.lon)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


@dataclass(slots=True)
class _Ctx:
    countries: Counter[str]
    admins: Counter[tuple[str, str]]
    points: list[tuple[int, Place]]
    home: Home | None = None


def _context(picks: dict[int, Place], home: Home | None = None) -> _Ctx:
    countries: Counter[str] = Counter()
    admins: Counter[tuple[str, str]] = Counter()
    for p in picks.values():
        if p.country_code:
            countries[p.country_code] += 1
        if p.country_code and p.admin1:
            admins[(p.country_code, p.admin1)] += 1
    return _Ctx(countries, admins, list(picks.items()), home)


def _score(p: Place, me: int, ctx: _Ctx | None, picks: dict[int, Place]) -> float:
    s = _prior(p)
    if ctx is None:
        return s
    if ctx.home is not None and ctx.home.has(p) and p.feature in ("city", "capital"):
        s += 0.9
    mine = picks.get(me)
    cc_n = ctx.countries[p.country_code] if p.country_code else 0
    cc_n -= 1 if mine is not None and mine.country_code == p.country_code else 0
    if p.country_code and cc_n > 0:
        s += 0.8 + 0.2 * min(cc_n, 4)
    if p.country_code and p.admin1:
        key = (p.country_code, p.admin1)
        ad_n = ctx.admins[key] - (1 if mine is not None and (mine.country_code, mine.admin1) == key else 0)
        if ad_n > 0:
            s += 0.8
    near = min((_dist_km(p, q) for i, q in ctx.points if i != me and q is not p), default=None)
    if near is not None:
        s += 1.2 * math.exp(-near / 800.0)
    return s


_DIRECTIONS = frozenset(
    "north south east west northeast northwest southeast southwest northern southern eastern "
    "western central upstate downstate greater northeastern northwestern southeastern "
    "southwestern".split()
)


def _lookup(name: str, gaz: Gazetteer) -> list[Place]:
    """Candidates for one name: as written, as a state abbreviation ("W.Va."), or without a
    direction word ("Northeast Georgia" -> Georgia, keeping the whole name's records first)."""
    found = gaz.lookup(name)
    if found:
        return found
    key = fold(name).replace(". ", ".")
    if key in US_STATE_ABBR or key + "." in US_STATE_ABBR:
        st = gaz.state("US", US_STATE_ABBR.get(key) or US_STATE_ABBR[key + "."])
        return [st] if st else []
    words = name.split()
    if len(words) > 1 and fold(words[0]) in _DIRECTIONS:
        return [p for p in gaz.lookup(" ".join(words[1:])) if p.feature in ("country", "admin")]
    return []


def _candidates(e: Entity, gaz: Gazetteer) -> tuple[list[Place], str]:
    for name in [e.name, *e.aliases]:
        base = name.split(",")[0].strip()
        found = _lookup(base, gaz)
        if found:
            return found, base
    return [], e.name.split(",")[0].strip()


def _constraints(doc: Document, e: Entity, gaz: Gazetteer) -> Constraint | None:
    for m in e.mentions:
        if "," in m.text:
            c = _state_code(m.text.split(",", 1)[1], gaz)
            if c:
                return c
        c = _qualifier(doc.text, m.end, gaz)
        if c:
            return c
    return None


def _filter(cands: list[Place], con: Constraint | None) -> list[Place]:
    if con is None:
        return cands
    keep = [
        p
        for p in cands
        if p.country_code == con.country and (con.admin1 is None or p.admin1 == con.admin1)
        and p.feature not in ("country", "admin", "continent")
    ]
    return keep or cands


def _county_geo(name: str, picks: dict[int, Place], gaz: Gazetteer, home: Home | None) -> Geo | None:
    m = _ADMIN2.match(name)
    if not m:
        return None
    states = us_counties().get(fold(name))
    if not states:
        return None
    ctx_states = Counter(p.admin1 for p in picks.values() if p.country_code == "US" and p.admin1)
    if home is not None:
        ctx_states.update(home.states)
    state = max(states, key=lambda s: (ctx_states[s], -states.index(s)))
    town = next((p for p in gaz.lookup(m.group(1)) if p.country_code == "US" and p.admin1 == state), None)
    if town is not None:
        return Geo(None, name, "US", "admin2", town.lat, town.lon)
    near = [p for p in picks.values() if p.country_code == "US" and p.admin1 == state
            and p.feature in ("city", "capital") and p.lat is not None and p.lon is not None]
    if near:
        lat = sum(p.lat for p in near if p.lat is not None) / len(near)
        lon = sum(p.lon for p in near if p.lon is not None) / len(near)
        return Geo(None, name, "US", "admin2", round(lat, 4), round(lon, 4))
    ref = gaz.state("US", state)
    if ref is None:
        return None
    return Geo(None, name, "US", "admin2", ref.lat, ref.lon)


def _geo(p: Place) -> Geo:
    feature = "city" if p.feature == "capital" else p.feature
    return Geo(p.geonames_id, p.name, p.country_code, feature, p.lat, p.lon)


_SUPPORT_W = 0.5
_SUPPORT_KM = 120.0
_SUPPORT_MAX = 3


def _best(
    cands: list[Place], me: int, ctx: _Ctx, picks: dict[int, Place], support: dict[tuple[int, int], int]
) -> Place:
    """The candidate for mention ``me`` scoring highest in context, nearby support included."""

    def total(p: Place) -> float:
        return _score(p, me, ctx, picks) + _SUPPORT_W * support.get((me, id(p)), 0)

    return max(cands, key=total)


def _support(options: dict[int, list[Place]]) -> dict[tuple[int, int], int]:
    """For each town candidate: how many other ambiguous names have a candidate near it.

    Places named together in a story lie together ("Kent", "Sharon" and "Cornwall" are
    the Connecticut towns, not the English county and the Pennsylvania city), so every
    candidate of every name is put in a one-degree grid, and a town candidate earns one
    point per other name with a candidate within ``_SUPPORT_KM`` (at most ``_SUPPORT_MAX``).
    """
    grid: dict[tuple[int, int], list[tuple[int, Place]]] = {}
    for i, cands in options.items():
        for p in cands[:15]:
            if p.lat is not None and p.lon is not None and p.feature in ("city", "capital"):
                grid.setdefault((int(p.lat // 1), int(p.lon // 1)), []).append((i, p))
    out: dict[tuple[int, int], int] = {}
    for cell, members in grid.items():
        near = [m for dx in (-1, 0, 1) for dy in (-1, 0, 1) for m in grid.get((cell[0] + dx, cell[1] + dy), ())]
        for i, p in members:
            others = {j for j, q in near if j != i and _dist_km(p, q) <= _SUPPORT_KM}
            if others:
                out[(i, id(p))] = min(len(others), _SUPPORT_MAX)
    return out


def resolve_places(doc: Document, gaz: Gazetteer | None = None) -> None:
    """Set ``geo`` on every place entity of ``doc``."""
    gaz = gaz or gazetteer()
    places = [(i, e) for i, e in enumerate(doc.entities) if e.type in PLACE_TYPES]
    options: dict[int, list[Place]] = {}
    for i, e in places:
        cands, base = _candidates(e, gaz)
        if e.type == "FAC":
            cands = [p for p in cands if p.feature not in ("city", "country", "admin")]
        if cands:
            key = fold(base)
            exact = [p for p in cands[:40] if fold(p.name) == key or p.feature not in ("city", "capital")]
            named = [p for p in exact if p.feature in _NAMED_FEATURES and fold(p.name) == key]
            if named:  # "California", "Mexico": the state or country, or a capital of that name
                exact = named + [p for p in exact if p.feature == "capital" or p.population >= 1_000_000]
            options[i] = _filter(exact or cands[:40], _constraints(doc, e, gaz))
    home = doc.scratch.get("home_region")
    support = _support(options)
    picks = {i: max(c, key=_prior) for i, c in options.items()}
    for _ in range(2):
        ctx = _context(picks, home)
        picks = {i: _best(c, i, ctx, picks, support) for i, c in options.items()}
    for i, e in places:
        if i in picks:
            e.geo = _geo(picks[i])
        else:
            e.geo = _county_geo(e.name, picks, gaz, home)


@step("places", requires=("entities",), assigns=("geo",))
def places(doc: Document) -> Document:
    """Resolve places to GeoNames records using the document's context."""
    resolve_places(doc)
    return doc


def geo_of(entity: Any) -> Geo | None:  # small helper for other steps
    return getattr(entity, "geo", None)
