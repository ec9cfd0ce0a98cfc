"""Stories on the multi-outlet development sets, replayed from analyzed records.

``newscluster.py run --keep DIR`` (../shared/eval) leaves DIR/store.duckdb holding the
analyzed record of every input. This script stores those records again in a fresh
knowledge base (in input order, or shuffled with ``--shuffle SEED``), exports the stories
and scores them with newscluster.py's own functions (pair P/R/F1, B-cubed; TF-IDF@0.3
single-link on the same articles), so story constants can be checked without analyzing
again. ``gold`` writes the AllSides and NewsWCL50 golds in newscluster.py's simple JSON
Lines form ({id, text, cluster, published, publisher, headline, url}) to bench/out/.

    python bench/eval_stories.py gold [--allsides-events 150]
    python ../shared/eval/newscluster.py run --claimgraph "$(command -v claimgraph)" --keep /tmp/basil
    python bench/eval_stories.py replay /tmp/basil [--gold bench/out/allsides_gold.jsonl] [--shuffle 1]
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import random
import re
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
MULTI = SHARED / "data" / "multi-outlet"
OUT = ROOT / "bench" / "out"
WCL_OUTLETS = {"LL": "HuffPost", "L": "The New York Times", "M": "USA Today", "R": "Fox News", "RR": "Breitbart"}


def newscluster():
    sys.path.insert(0, str(SHARED / "eval"))
    import newscluster as nc  # type: ignore[import-not-found]

    return nc


# ---------------------------------------------------------------------------- golds

def allsides_gold(n_events: int) -> list[dict]:
    out = []
    path = MULTI / "allsides" / "headline_11_2021-10-19_crawled_all.jsonl"
    with path.open(encoding="utf-8") as f:
        events = [json.loads(line) for line in f]
    for ev in events[:n_events]:
        day = str(ev.get("date") or "")[:10] or None
        for side, art in sorted((ev.get("news") or {}).items()):
            body = "\n\n".join(p.strip() for p in art.get("newBody") or [] if p and p.strip())
            if not body:
                continue
            out.append({"id": f"allsides-{ev['id']}-{side}", "text": body, "cluster": str(ev["id"]),
                        "published": day, "publisher": art.get("newsSource"), "headline": art.get("newsTitle"),
                        "url": art.get("newsLink")})
    return out


_NO_SPACE_BEFORE = re.compile(r" ([,.;:!?%)\]}]|'s|n't|'re|'ve|'ll|'d|'m)")
_NO_SPACE_AFTER = re.compile(r"([(\[{$]) ")


def _detok(tokens: list[str]) -> str:
    s = " ".join(tokens)
    s = _NO_SPACE_BEFORE.sub(r"\1", s)
    return _NO_SPACE_AFTER.sub(r"\1", s).replace("`` ", '"').replace(" ''", '"')


def newswcl50_gold() -> list[dict]:
    base = MULTI / "newswcl50"
    urls = {}
    for line in (base / "urls.tsv").read_text(encoding="utf-8").splitlines()[1:]:
        ev, outlet, url = line.split("\t")
        urls[(ev, outlet)] = url
    sents: dict[str, dict[int, list[str]]] = {}
    for line in (base / "NewsWCL50.conll").read_text(encoding="utf-8").splitlines():
        if not line or line.startswith("#"):
            continue
        cols = line.split("\t")
        if cols[3] != "\\n":  # the CoNLL marks paragraph ends with a literal backslash-n token
            sents.setdefault(cols[0], {}).setdefault(int(cols[1]), []).append(cols[3])
    out = []
    for doc, by_sent in sorted(sents.items()):
        ev, outlet = doc.split("/")[-1].split("_", 1)
        lines = [_detok(by_sent[k]) for k in sorted(by_sent)]
        url = urls.get((ev, outlet))
        m = re.search(r"/(20\d\d)/(\d\d)/(\d\d)/", url or "")
        out.append({"id": f"wcl-{ev}-{outlet}", "text": "\n\n".join(lines[1:]), "cluster": ev,
                    "published": "-".join(m.groups()) if m else None, "publisher": WCL_OUTLETS.get(outlet),
                    "headline": lines[0].title() if lines[0].isupper() else lines[0], "url": url})
    return out


def write_golds(n_events: int) -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, rows in (("allsides_gold.jsonl", allsides_gold(n_events)), ("newswcl50_gold.jsonl", newswcl50_gold())):
        with (OUT / name).open("w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({k: v for k, v in r.items() if v is not None}, ensure_ascii=False) + "\n")
        print(f"{OUT / name}: {len(rows)} articles, {len({r['cluster'] for r in rows})} clusters")


# ---------------------------------------------------------------------------- replay

def stored_records(store: Path) -> list[dict]:
    import duckdb

    con = duckdb.connect(str(store), read_only=True)
    try:
        rows = con.execute("SELECT record FROM documents ORDER BY seq").fetchall()
    finally:
        con.close()
    return [json.loads(r[0]) for r in rows]


def replay(records: list[dict], db: Path) -> list[dict]:
    """Store ``records`` in a fresh knowledge base; the export's story and document rows."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.models import Document

    kb = KnowledgeBase(db)
    with kb.writing() as w:
        for r in records:
            w.add(Document.from_dict(r))
    objs = [dict(d, kind="document") for d in kb.iter_documents()]
    objs += list(kb.iter_stories())
    return objs


def score(objs: list[dict], gold: str | None, label: str) -> dict:
    nc = newscluster()
    arts = nc.load_articles(gold)
    pred = nc.predictions_from_export(objs, arts)
    res = nc.evaluate(pred, arts)
    base = nc.baselines(arts)
    buf = io.StringIO()
    with contextlib.redirect_stdout(buf):
        nc.report(res, base, arts, label, pred.stats)
    print(buf.getvalue())
    return {"pair": res["pair"], "b3": res["b3"], "tfidf": base["tfidf"]["pair"]["f1"],
            "labels": {a: k for k, members in enumerate(pred.stories) for a in members}}


def agreement(a: dict, b: dict) -> float:
    """B-cubed F1 of partition ``b`` against partition ``a`` (article -> story index)."""
    from collections import defaultdict

    ca: dict = defaultdict(set)
    cb: dict = defaultdict(set)
    for x, k in a.items():
        ca[k].add(x)
    for x, k in b.items():
        cb[k].add(x)
    p = r = 0.0
    for x in a:
        inter = len(ca[a[x]] & cb[b[x]])
        p += inter / len(cb[b[x]])
        r += inter / len(ca[a[x]])
    p, r = p / len(a), r / len(a)
    return 100 * 2 * p * r / (p + r) if p + r else 0.0


def set_constants(pairs: list[str]) -> None:
    """``NAME=VALUE`` overrides of claimgraph.kb.story_index constants (for sweeps)."""
    from claimgraph.kb import story_index

    for pair in pairs:
        name, _, value = pair.partition("=")
        old = getattr(story_index, name)
        setattr(story_index, name, type(old)(value))
        print(f"{name} = {getattr(story_index, name)} (default {old})")


def cmd_replay(args: argparse.Namespace) -> None:
    set_constants(args.set)
    store = Path(args.kept) / "store.duckdb"
    records = stored_records(store)
    print(f"{len(records)} analyzed records from {store}")
    results = []
    orders = [None] + [int(s) for s in (args.shuffle or "").split(",") if s]
    for seed in orders:
        recs = list(records)
        if seed is not None:
            random.Random(seed).shuffle(recs)
        with tempfile.TemporaryDirectory() as tmp:
            objs = replay(recs, Path(tmp) / "kb.duckdb")
        results.append(score(objs, args.gold, f"stories (order {'input' if seed is None else f'shuffled {seed}'})"))
    for seed, res in zip(orders[1:], results[1:], strict=True):
        print(f"order shuffled {seed}: B-cubed agreement with input order {agreement(results[0]['labels'], res['labels']):.1f}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("gold")
    g.add_argument("--allsides-events", type=int, default=150)
    r = sub.add_parser("replay")
    r.add_argument("kept", help="a folder kept by newscluster.py run --keep")
    r.add_argument("--gold", default=None, help="the gold that run used (default BASIL)")
    r.add_argument("--shuffle", default="", help="comma-separated seeds: replay in shuffled orders too")
    r.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                   help="override a constant of claimgraph.kb.story_index, e.g. THRESHOLD=0.35")
    args = ap.parse_args()
    if args.cmd == "gold":
        write_golds(args.allsides_events)
    else:
        cmd_replay(args)


if __name__ == "__main__":
    main()
