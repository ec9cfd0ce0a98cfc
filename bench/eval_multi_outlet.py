"""Cross-outlet event merging on BASIL (one event told by Fox News, NYT and HuffPost).

Reads ../shared/data/multi-outlet/basil/articles/<year>/<triplet>_<n>.json (see its
SOURCE.md), analyzes every article once (records cached in bench/out/), stores all of
them in one fresh knowledge base and reports:

- events whose mentions come from two or three outlets of the same triplet (merged
  across outlets: the point of event resolution),
- events that joined articles of *different* triplets (false merges: BASIL's triplets
  are different stories),
- the share of triplets with at least one cross-outlet event,
and prints a sample of merged events for eyeballing. No published figure applies
(BASIL's paper reports bias detection, not event resolution).

    python bench/eval_multi_outlet.py [--triplets 100]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BASIL = ROOT.parent / "shared" / "data" / "multi-outlet" / "basil" / "articles"
OUT = ROOT / "bench" / "out"
CACHE = OUT / "basil_records.jsonl"
PUBLISHERS = {"fox": "Fox News", "nyt": "The New York Times", "hpo": "HuffPost"}


def articles(limit: int) -> list[dict]:
    files = sorted(BASIL.glob("*/*.json"))
    triplets: dict[str, list[Path]] = {}
    for f in files:
        triplets.setdefault(f.name.rsplit("_", 1)[0], []).append(f)
    out = []
    for tid in sorted(triplets)[:limit]:
        for f in sorted(triplets[tid]):
            a = json.loads(f.read_text(encoding="utf-8"))
            body = "\n\n".join(" ".join(s.strip() for s in para) for para in a.get("body-paragraphs", []))
            out.append({"triplet": tid, "source": str(f.relative_to(BASIL)), "text": body,
                        "publisher": PUBLISHERS.get(str(a.get("source", "")).lower(), a.get("source")),
                        "headline": a.get("title"), "published": a.get("date"), "main_event": a.get("main-event")})
    return out


def analyzed(items: list[dict], cache_path: Path | None = CACHE) -> dict[str, dict]:
    from claimgraph.api import get_pipeline
    from claimgraph.ingest import make_info
    from claimgraph.models import Document

    cache: dict[str, dict] = {}
    if cache_path is not None and cache_path.exists():
        for line in cache_path.open(encoding="utf-8"):
            r = json.loads(line)
            cache[r["document"]["source"]] = r
    todo = [a for a in items if a["source"] not in cache]
    pipe = get_pipeline()
    t0 = time.perf_counter()
    if cache_path is not None:
        cache_path.parent.mkdir(parents=True, exist_ok=True)
    with (cache_path or Path("/dev/null")).open("a", encoding="utf-8") as f:
        for i, a in enumerate(todo, 1):
            doc = Document(info=make_info(a["text"], a["source"], publisher=a["publisher"], headline=a["headline"],
                                          published=a["published"]))
            try:
                rec = next(iter(pipe.pipe([doc]))).to_dict()
            except Exception as exc:  # noqa: BLE001 - a pipeline bug must not stop the evaluation
                print(f"  skipped {a['source']}: {type(exc).__name__}: {exc}", file=sys.stderr)
                continue
            cache[a["source"]] = rec
            f.write(json.dumps(rec, ensure_ascii=False) + "\n")
            if i % 30 == 0:
                print(f"  analyzed {i}/{len(todo)} ({(time.perf_counter() - t0) / i:.2f} s/article)", file=sys.stderr)
    return cache


def evaluate(limit: int, db_path: Path, cache_path: Path | None = CACHE) -> dict:
    """Store the first ``limit`` BASIL triplets in a fresh store at ``db_path``; the figures."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.models import Document

    items = articles(limit)
    recs = analyzed(items, cache_path)
    for p in (db_path, Path(str(db_path) + ".wal")):
        p.unlink(missing_ok=True)
    kb = KnowledgeBase(db_path)
    triplet_of: dict[str, str] = {}
    with kb.writing() as w:
        for a in items:
            rec = recs.get(a["source"])
            if rec is None:
                continue
            triplet_of[rec["document"]["id"]] = a["triplet"]
            w.add(Document.from_dict(rec))
    events = kb.events()
    cross, false_merge, sample = 0, 0, []
    triplets_hit: set[str] = set()
    outlets_per: Counter[int] = Counter()
    for e in events:
        trips = {triplet_of.get(d) for d in e["documents"]}
        if len(trips) > 1:
            false_merge += 1
            continue
        if len(e["documents"]) > 1:
            cross += 1
            outlets_per[len(e["documents"])] += 1
            triplets_hit.update(t for t in trips if t)
            sample.append(e)
    return {
        "articles": len(items), "analyzed": sum(1 for a in items if a["source"] in recs), "triplets": len({a["triplet"] for a in items}),
        "events": len(events), "event_mentions": sum(len(e["mentions"]) for e in events),
        "cross_outlet_events": cross, "two_outlets": outlets_per[2], "three_outlets": outlets_per[3],
        "false_merges": false_merge, "triplets_hit": len(triplets_hit), "sample": sample,
        "main_event": {a["triplet"]: a["main_event"] for a in items}, "triplet_of": triplet_of,
    }


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--triplets", type=int, default=100)
    ap.add_argument("--sample", type=int, default=8)
    args = ap.parse_args()
    if not BASIL.is_dir():
        sys.exit(f"{BASIL} is missing: this evaluation needs ../shared/data/multi-outlet/basil.")
    r = evaluate(args.triplets, OUT / "basil.duckdb")
    n_trip = r["triplets"]
    print(f"BASIL: {r['analyzed']} articles analyzed of {r['articles']}, {n_trip} triplets, {r['events']} events "
          f"stored, {r['event_mentions']} event mentions")
    print(f"events merged across outlets of one triplet: {r['cross_outlet_events']} "
          f"(2 outlets: {r['two_outlets']}, 3 outlets: {r['three_outlets']})")
    print(f"events merged across different triplets (false merges): {r['false_merges']}")
    print(f"triplets with >= 1 cross-outlet event: {r['triplets_hit']}/{n_trip} ({r['triplets_hit'] / max(1, n_trip):.0%})")
    print("published figures: none (BASIL reports media-bias detection, not event resolution)")
    for e in sorted(r["sample"], key=lambda e: -len(e["mentions"]))[: args.sample]:
        trip = r["triplet_of"].get(e["documents"][0])
        parts = "; ".join(f"{p['role']}={p['name']}" for p in e["participants"])
        trig = ", ".join(sorted({m["trigger"]["text"] for m in e["mentions"]}))
        print(f"- [{e['status']}{' CONTESTED' if e['contested'] else ''}] {e['type']}/{e['mode']} "
              f"triggers: {trig} | {parts} | {len(e['mentions'])} mentions in {len(e['documents'])} outlets, "
              f"{e['independent_sources']} independent | BASIL main event: {r['main_event'].get(trip)}")


if __name__ == "__main__":
    main()
