"""Main events across outlets: do the three reports of one story's main event become one KB event?

statuschain-dev (``../shared/data/statuschain-dev/articles/*.json``) holds 15 triplets: one
story told by three outlets (10 BASIL, 5 NewsWCL50), every event annotated, the story's main
event marked ``"main": true`` in all three articles. Each article's ``input`` object is read
as ``claimgraph ingest`` reads a JSON object, analyzed once by the default pipeline (records
cached in ``bench/out/statuschain_records.jsonl``, keyed by input id and text; ``--fresh``
re-analyzes, needed after a change under ``src/claimgraph/nlp/``), and then:

* **per triplet**: its three records go into a fresh store. Gold events are located by
  trigger string and occurrence (the scorer's convention) and paired one to one with the
  document's predicted events whose trigger overlaps (larger overlaps first). The triplet's
  main event is **one KB event** when a single KB event holds a matched main mention of every
  article (of the articles with any matched main mention, at least two); **all in one** when
  every matched main mention of the triplet is in that one KB event.
* **false merges with the main event**: gold *non-main* events whose matched mention sits in a
  KB event that holds a main mention (a different gold event joined to the main one).
* **one store**: all 45 records in one fresh store (storage order: triplets in id order);
  the same figures, plus KB events that hold gold mentions of two different triplets
  (**cross-triplet false merges**: different stories joined).

Run:

    /work/venv/bin/python bench/eval_main_events.py [--fresh] [-v]

Also: **lead mentions** (the first main mention of each article are one KB event) and
**cross-article pairs**: recall = share of pairs of main mentions of two articles of one
triplet that are one KB event, precision = those over them plus the pairs of a main and a
non-main mention of two articles that are one KB event (a lower bound: gold gives no
identity across articles to non-main events, so every such pair counts as wrong), F1. The main mentions of a triplet are the story's events, not
always one happening (Weiner's denial and the photo he denies sending), so "all in one" is
shown but is no target. Last line: ``main events one KB event: N/15 per triplet (lead L/15,
pair F1 P), M/15 one store; false merges: non-main F, cross-triplet X``.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import sys
import tempfile
import time
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "data" / "statuschain-dev" / "articles"
CACHE = ROOT / "bench" / "out" / "statuschain_records.jsonl"


@dataclass(slots=True)
class Article:
    id: str
    triplet: str
    input: dict[str, Any]
    events: list[dict[str, Any]]


@dataclass(slots=True)
class Gold:
    """One gold event mention matched (or not) to a predicted event of its document."""

    article: str
    triplet: str
    index: int
    trigger: str
    main: bool
    predicted: str | None = None  # the document's local event id
    kb_event: str | None = None


@dataclass(slots=True)
class Figures:
    one_event: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    pairs: tuple[int, int] = (0, 0)
    wrong_pairs: int = 0
    all_in_one: list[str] = field(default_factory=list)
    non_main_merged: list[Gold] = field(default_factory=list)
    cross_triplet: list[str] = field(default_factory=list)


def load_articles(gold_dir: Path = GOLD) -> list[Article]:
    out = []
    for p in sorted(gold_dir.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        out.append(Article(d["id"], str(d.get("triplet") or d["id"].rsplit("-", 1)[0]), d["input"], d["events"]))
    return out


def _key(inp: dict[str, Any]) -> str:
    return f"{inp['id']}:{hashlib.sha256(inp['text'].encode('utf-8')).hexdigest()[:16]}"


def analyzed(articles: list[Article], cache: Path | None = CACHE, fresh: bool = False) -> dict[str, dict[str, Any]]:
    """Article id -> analyzed record (the CLI's JSON-object reader, the default pipeline)."""
    from claimgraph.api import get_pipeline
    from claimgraph.config import load_settings
    from claimgraph.errors import InputError
    from claimgraph.ingest.jsonin import object_document
    from claimgraph.models import Document

    known: dict[str, dict[str, Any]] = {}
    if cache is not None and cache.exists() and not fresh:
        for line in cache.open(encoding="utf-8"):
            row = json.loads(line)
            known[row["key"]] = row["record"]
    out: dict[str, dict[str, Any]] = {}
    todo = [a for a in articles if _key(a.input) not in known]
    for a in articles:
        if _key(a.input) in known:
            out[a.id] = known[_key(a.input)]
    if not todo:
        return out
    settings = load_settings()
    pipe = get_pipeline(settings)
    t0 = time.perf_counter()
    rows = []
    for i, a in enumerate(todo, 1):
        info = object_document(a.input, a.id, settings)
        if isinstance(info, InputError):
            print(f"  skipped {a.id}: {info}", file=sys.stderr)
            continue
        rec = next(iter(pipe.pipe([Document(info=info)]))).to_dict()
        out[a.id] = rec
        rows.append({"key": _key(a.input), "record": rec})
        if i % 10 == 0:
            print(f"  analyzed {i}/{len(todo)} ({(time.perf_counter() - t0) / i:.1f} s/article)", file=sys.stderr)
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        mode = "w" if fresh else "a"
        with cache.open(mode, encoding="utf-8") as f:
            for row in rows:
                f.write(json.dumps(row, ensure_ascii=False) + "\n")
    return out


def _nth(text: str, needle: str, n: int) -> int:
    pos = -1
    for _ in range(n + 1):
        pos = text.find(needle, pos + 1)
        if pos < 0:
            return -1
    return pos


def match_gold(article: Article, record: dict[str, Any]) -> list[Gold]:
    """The article's gold events, each paired with at most one predicted event (trigger overlap)."""
    text = article.input["text"]
    doc_text = record["document"]["text"]
    golds: list[Gold] = []
    spans: list[tuple[int, int]] = []
    for i, e in enumerate(article.events):
        start = _nth(text, e["trigger"], int(e.get("occurrence", 0)))
        if doc_text != text:  # the reader normalised the body: find the trigger inside its sentence
            sent = doc_text.find(e["sentence"])
            start = doc_text.find(e["trigger"], max(sent, 0)) if sent >= 0 else -1
        golds.append(Gold(article.id, article.triplet, i, e["trigger"], bool(e.get("main"))))
        spans.append((start, start + len(e["trigger"])) if start >= 0 else (-1, -1))
    pairs = []
    for gi, (gs, ge) in enumerate(spans):
        if gs < 0:
            continue
        for ev in record.get("events") or []:
            ps, pe = int(ev["trigger"]["start"]), int(ev["trigger"]["end"])
            ov = min(ge, pe) - max(gs, ps)
            if ov > 0:
                pairs.append((-(ov + (ps == gs and pe == ge)), gi, ev["id"]))
    used_g: set[int] = set()
    used_p: set[str] = set()
    for _, gi, pid in sorted(pairs):
        if gi in used_g or pid in used_p:
            continue
        used_g.add(gi)
        used_p.add(pid)
        golds[gi].predicted = pid
    return golds


def store(records: list[dict[str, Any]], path: Path) -> dict[tuple[str, str], str]:
    """Store ``records`` in order in a fresh store at ``path``: (doc id, local event id) -> KB event."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.models import Document

    kb = KnowledgeBase(path)
    try:
        with kb.writing() as w:
            for rec in records:
                w.add(Document.from_dict(rec))
        out: dict[tuple[str, str], str] = {}
        for e in kb.events():
            for m in e["mentions"]:
                out[(m["document"], m["event"])] = e["id"]
        return out
    finally:
        kb.close()


def figures(golds: list[Gold]) -> Figures:
    """The main-event figures of matched gold mentions carrying their KB event ids."""
    fig = Figures()
    by_trip: dict[str, list[Gold]] = defaultdict(list)
    for g in golds:
        if g.kb_event is not None:
            by_trip[g.triplet].append(g)
    for trip, gs in sorted(by_trip.items()):
        mains = [g for g in gs if g.main]
        articles = {g.article for g in mains}
        holders: dict[str, set[str]] = defaultdict(set)
        for g in mains:
            holders[str(g.kb_event)].add(g.article)
        if len(articles) >= 2 and any(arts == articles for arts in holders.values()):
            fig.one_event.append(trip)
            if len(holders) == 1:
                fig.all_in_one.append(trip)
        leads = {}
        for g in sorted(mains, key=lambda g: g.index):
            leads.setdefault(g.article, g.kb_event)
        if len(leads) >= 2 and len(set(leads.values())) == 1:
            fig.lead.append(trip)
        main_events = set(holders)
        fig.non_main_merged += [g for g in gs if not g.main and g.kb_event in main_events]
    joined = total = wrong = 0
    for gs in by_trip.values():
        for i, a in enumerate(gs):
            for b in gs[i + 1:]:
                if a.article == b.article or not (a.main or b.main):
                    continue
                if a.main and b.main:
                    total += 1
                    joined += a.kb_event == b.kb_event
                else:
                    wrong += a.kb_event == b.kb_event
    fig.pairs = (joined, total)
    fig.wrong_pairs = wrong
    trips_of: dict[str, set[str]] = defaultdict(set)
    for g in golds:
        if g.kb_event is not None:
            trips_of[g.kb_event].add(g.triplet)
    fig.cross_triplet = sorted(e for e, ts in trips_of.items() if len(ts) > 1)
    return fig


def evaluate(fresh: bool = False, cache: Path | None = CACHE, verbose: bool = False) -> dict[str, Any]:
    articles = load_articles()
    recs = analyzed(articles, cache, fresh)
    by_trip: dict[str, list[Article]] = defaultdict(list)
    for a in articles:
        if a.id in recs:
            by_trip[a.triplet].append(a)
    gold_of = {a.id: match_gold(a, recs[a.id]) for a in articles if a.id in recs}
    doc_of = {a.id: recs[a.id]["document"]["id"] for a in articles if a.id in recs}
    with tempfile.TemporaryDirectory(prefix="claimgraph-main-events-") as tmp:
        per: list[Gold] = []
        for trip, arts in sorted(by_trip.items()):
            kb_of = store([recs[a.id] for a in arts], Path(tmp) / f"{trip}.duckdb")
            for a in arts:
                for g in gold_of[a.id]:
                    g2 = Gold(g.article, g.triplet, g.index, g.trigger, g.main, g.predicted,
                              kb_of.get((doc_of[a.id], g.predicted)) if g.predicted else None)
                    per.append(g2)
        kb_all = store([recs[a.id] for trip in sorted(by_trip) for a in by_trip[trip]], Path(tmp) / "all.duckdb")
        one: list[Gold] = []
        for a in articles:
            for g in gold_of.get(a.id, []):
                one.append(Gold(g.article, g.triplet, g.index, g.trigger, g.main, g.predicted,
                                kb_all.get((doc_of[a.id], g.predicted)) if g.predicted else None))
    fp, fo = figures(per), figures(one)
    if verbose:
        _explain(per, fp)
    return {
        "triplets": len(by_trip), "articles": len(recs),
        "main_gold": sum(1 for g in per if g.main), "main_matched": sum(1 for g in per if g.main and g.kb_event),
        "per_triplet": {"one_event": fp.one_event, "all_in_one": fp.all_in_one, "lead": fp.lead, "pairs": fp.pairs,
                        "wrong_pairs": fp.wrong_pairs,
                        "non_main_merged": [f"{g.article}:{g.trigger}" for g in fp.non_main_merged]},
        "one_store": {"one_event": fo.one_event, "all_in_one": fo.all_in_one, "lead": fo.lead, "pairs": fo.pairs,
                      "wrong_pairs": fo.wrong_pairs,
                      "non_main_merged": [f"{g.article}:{g.trigger}" for g in fo.non_main_merged],
                      "cross_triplet": fo.cross_triplet},
    }


def _explain(golds: list[Gold], fig: Figures) -> None:
    by_trip: dict[str, list[Gold]] = defaultdict(list)
    for g in golds:
        if g.main:
            by_trip[g.triplet].append(g)
    for trip, gs in sorted(by_trip.items()):
        mark = "ONE" if trip in fig.one_event else "split"
        print(f"[{mark}] {trip}")
        for g in gs:
            print(f"    {g.article:<28} {g.trigger!r:<24} -> {g.predicted or '-':<6} {g.kb_event or '-'}")
    for g in fig.non_main_merged:
        print(f"  non-main merged with main: {g.article} {g.trigger!r} -> {g.kb_event}")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--fresh", action="store_true", help="re-analyze the articles (ignore the cache)")
    ap.add_argument("-v", "--verbose", action="store_true", help="print each triplet's main mentions")
    args = ap.parse_args(argv)
    if not GOLD.is_dir():
        print(f"{GOLD} is missing: this evaluation needs ../shared/data/statuschain-dev.", file=sys.stderr)
        return 2
    r = evaluate(args.fresh, verbose=args.verbose)
    n, p, o = r["triplets"], r["per_triplet"], r["one_store"]
    print(f"statuschain-dev: {r['articles']} articles, {n} triplets, main mentions matched "
          f"{r['main_matched']}/{r['main_gold']}")
    for name, f in (("per triplet", p), ("one store", o)):
        j, t = f["pairs"]
        prec, rec = j / max(1, j + f["wrong_pairs"]), j / max(1, t)
        f["pair_f1"] = 200 * prec * rec / max(1e-9, prec + rec)
        extra = f", KB events joining two triplets {len(f['cross_triplet'])}" if "cross_triplet" in f else ""
        print(f"{name}: one KB event {len(f['one_event'])}/{n}, lead mentions {len(f['lead'])}/{n}, "
              f"all in one {len(f['all_in_one'])}/{n}; cross-article main pairs joined {j}/{t} (R {100 * rec:.1f}), "
              f"main joined to non-main {f['wrong_pairs']} (P {100 * prec:.1f}), F1 {f['pair_f1']:.1f}; "
              f"non-main gold events in a main KB event {len(f['non_main_merged'])}{extra}")
    print(f"main events one KB event: {len(p['one_event'])}/{n} per triplet (lead {len(p['lead'])}/{n}, "
          f"pair F1 {p['pair_f1']:.1f}), {len(o['one_event'])}/{n} one store; "
          f"false merges: non-main {len(p['non_main_merged'])}, cross-triplet {len(o['cross_triplet'])}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
