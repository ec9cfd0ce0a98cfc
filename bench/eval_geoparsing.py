"""Geoparsing benchmark: toponym recognition P/R/F1 and end-to-end accuracy@161 km.

Runs claimgraph's ``parse``, ``entities`` and ``places`` steps over the article texts of
the geoparsing corpora in ``../shared/data/geoparsing/`` (LGL, TR-News, GeoVirus; see
SOURCE.md there) and compares with the gold toponyms.

Recognition. A prediction is a name mention of a GPE/LOC/FAC entity (pronouns and
descriptions are left out). *Exact*: same start and end. *Overlap*: the spans share at
least one character; each gold and each predicted span is matched at most once (left to
right). Gold offsets that are off by a few characters in the corpus files (GeoVirus is
1-based) are re-aligned to the nearest occurrence of the gold phrase within 5 characters.

LGL and TR-News annotate demonyms as toponyms of their country ("Sudanese" -> Sudan);
for those corpora a NORP entity named by a demonym counts as a prediction, at the point
of its country (GeoVirus does not mark them, so there it does not).

Resolution, end to end. Over gold toponyms that have coordinates: a hit is an
overlap-matched prediction whose entity's point lies within 161 km (100 miles) of the gold
point; an unrecognised toponym or an entity without a point is a miss. The published
figures (acc@161, gold toponyms *given*, so an upper bound for ours) are printed beside.

Usage: ``python bench/eval_geoparsing.py [--corpus lgl|trnews|geovirus|all] [--limit N]``
"""

from __future__ import annotations

import argparse
import math
import sys
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "geoparsing"
FILES = {"lgl": "lgl.xml", "trnews": "TR-News.xml", "geovirus": "GeoVirus.xml"}
#: acc@161 with gold toponyms given (Gritta et al. 2018, Table 1)
PUBLISHED = {
    "lgl": {"CamCoder": 76, "Edinburgh Geoparser": 76, "Population baseline": 70},
    "geovirus": {"CamCoder": 82, "Edinburgh Geoparser": 78, "Population baseline": 80},
    "trnews": {},
}
PLACE_TYPES = ("GPE", "LOC", "FAC")
#: corpora whose annotators marked demonyms ("Sudanese", "Israeli") as toponyms of the country
DEMONYM_CORPORA = frozenset({"lgl", "trnews"})
_PRONOUNS = frozenset({"it", "its", "they", "them", "their"})


@dataclass(slots=True)
class Gold:
    start: int
    end: int
    lat: float | None
    lon: float | None


@dataclass(slots=True)
class Article:
    text: str
    gold: list[Gold]


@dataclass(slots=True)
class Scores:
    gold: int = 0
    pred: int = 0
    exact: int = 0
    overlap: int = 0
    with_coords: int = 0
    hits: int = 0
    resolved_matched: int = 0
    hits_matched: int = 0
    errors_km: list[float] = field(default_factory=list)

    def prf(self, tp: int) -> tuple[float, float, float]:
        p = tp / self.pred if self.pred else 0.0
        r = tp / self.gold if self.gold else 0.0
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)

    @property
    def acc161(self) -> float:
        return self.hits / self.with_coords if self.with_coords else 0.0


def _align(text: str, start: int, end: int, phrase: str | None) -> tuple[int, int]:
    if not phrase or text[start:end] == phrase:
        return start, end
    for d in range(1, 6):
        for s in (start - d, start + d):
            if 0 <= s and text[s : s + len(phrase)] == phrase:
                return s, s + len(phrase)
    return start, end


def _float(el: ET.Element | None) -> float | None:
    if el is None or el.text is None or not el.text.strip():
        return None
    return float(el.text)


def load(corpus: str) -> list[Article]:
    root = ET.parse(DATA / FILES[corpus]).getroot()
    out: list[Article] = []
    for art in root:
        text = art.findtext("text") or ""
        gold: list[Gold] = []
        for t in [*art.iter("toponym"), *art.iter("location")]:
            s, e = int(t.findtext("start") or 0), int(t.findtext("end") or 0)
            phrase = t.findtext("phrase") or t.findtext("name")
            s, e = _align(text, s, e, phrase)
            g = t.find("gaztag")
            src = g if g is not None else t
            gold.append(Gold(s, e, _float(src.find("lat")), _float(src.find("lon"))))
        out.append(Article(text, gold))
    return out


def _km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _demonym_point(e) -> tuple[float | None, float | None] | None:
    """The country point of a NORP entity named by a demonym ("Sudanese"), else None."""
    from claimgraph.nlp.places.gazetteer import DEMONYMS, fold, gazetteer

    key = fold(e.name).replace(" ", "-")
    cc = DEMONYMS.get(key) or DEMONYMS.get(key.rstrip("s"))
    if e.type != "NORP" or cc is None:
        return None
    country = gazetteer().countries.get(cc)
    return (country.lat, country.lon) if country else (None, None)


def predictions(doc, demonyms: bool = False) -> list[tuple[int, int, float | None, float | None]]:
    out = []
    for e in doc.entities:
        point = _demonym_point(e) if demonyms else None
        if e.type not in PLACE_TYPES and point is None:
            continue
        lat = e.geo.lat if e.geo else None
        lon = e.geo.lon if e.geo else None
        if point is not None:
            lat, lon = point
        for m in e.mentions:
            if m.text[:1].isupper() and m.text.lower() not in _PRONOUNS and not m.text.startswith("The "):
                out.append((m.start, m.end, lat, lon))
    return sorted(out)


def score_article(art: Article, preds: list[tuple[int, int, float | None, float | None]], sc: Scores) -> None:
    sc.gold += len(art.gold)
    sc.pred += len(preds)
    exact = {(p[0], p[1]) for p in preds}
    sc.exact += sum((g.start, g.end) in exact for g in art.gold)
    used: set[int] = set()
    for g in art.gold:
        match = None
        for k, p in enumerate(preds):
            if k not in used and p[0] < g.end and g.start < p[1]:
                match = k
                break
        if match is not None:
            used.add(match)
            sc.overlap += 1
        if g.lat is None or g.lon is None:
            continue
        sc.with_coords += 1
        if match is None:
            continue
        plat, plon = preds[match][2], preds[match][3]
        if plat is None or plon is None:
            continue
        sc.resolved_matched += 1
        d = _km(g.lat, g.lon, plat, plon)
        sc.errors_km.append(d)
        if d <= 161.0:
            sc.hits += 1
            sc.hits_matched += 1


def evaluate(corpus: str, limit: int | None = None, offset: int = 0) -> Scores:
    from claimgraph.models import Document, DocumentInfo
    from claimgraph.pipeline import Pipeline

    arts = load(corpus)[offset:]
    if limit is not None:
        arts = arts[:limit]
    pipe = Pipeline(names=("parse", "entities", "places"))
    docs = [Document(DocumentInfo(id=str(i), source=corpus, text=a.text)) for i, a in enumerate(arts)]
    sc = Scores()
    for art, doc in zip(arts, pipe.pipe(docs, batch_size=32), strict=True):
        score_article(art, predictions(doc, corpus in DEMONYM_CORPORA), sc)
    return sc


def report(corpus: str, sc: Scores, secs: float) -> None:
    pe, re_, fe = sc.prf(sc.exact)
    po, ro, fo = sc.prf(sc.overlap)
    print(f"== {corpus}: {sc.gold} gold toponyms, {sc.pred} predicted, {secs:.1f}s")
    print(f"   recognition exact   P {100 * pe:5.1f}  R {100 * re_:5.1f}  F1 {100 * fe:5.1f}")
    print(f"   recognition overlap P {100 * po:5.1f}  R {100 * ro:5.1f}  F1 {100 * fo:5.1f}")
    res = sc.hits_matched / sc.resolved_matched if sc.resolved_matched else 0.0
    print(f"   end-to-end acc@161  {100 * sc.acc161:5.1f}  ({sc.hits}/{sc.with_coords} gold with coordinates)")
    print(f"   acc@161 on recognised toponyms with a point: {100 * res:5.1f} ({sc.hits_matched}/{sc.resolved_matched})")
    for name, fig in PUBLISHED.get(corpus, {}).items():
        print(f"   published acc@161 (gold toponyms given) {name}: {fig}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--corpus", default="all", choices=[*FILES, "all"])
    ap.add_argument("--limit", type=int, default=None, help="first N articles of each corpus")
    ap.add_argument("--offset", type=int, default=0)
    args = ap.parse_args(argv)
    if not DATA.is_dir():
        print(f"no data at {DATA}", file=sys.stderr)
        return 2
    for corpus in FILES if args.corpus == "all" else [args.corpus]:
        t0 = time.perf_counter()
        sc = evaluate(corpus, args.limit, args.offset)
        report(corpus, sc, time.perf_counter() - t0)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
