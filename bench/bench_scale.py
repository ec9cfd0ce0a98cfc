"""Store cost per article as the knowledge base grows (1k, 5k, 10k articles).

Texts: BBC News (../shared/data/bbc) and Reuters-21578 bodies (../shared/data/reuters,
SGML parsed here). Each text is analyzed once with the pipeline and the records are
cached as JSONL in bench/out/ (ignored by git); only ``kb.add`` is timed. For each size
a fresh store is filled and the per-article cost of the last 500 articles (the marginal
cost at that size) and the mean are printed; the target is max/min <= 1.5.

Analysis runs at well under 10 articles a second on 2 cores, so by default only
``--analyze`` real articles are analyzed and larger sizes are filled with *letter-rotated
variants* of them (every letter of the text and of every name/span in the record shifted
by an affine map of the alphabet, so offsets stay valid, texts share no shingles and names are new, while
GeoNames ids, types and dates stay real). Pass ``--analyze 10000`` to use real texts only.

    python bench/bench_scale.py --sizes 1000,5000,10000 --analyze 1000
    python bench/bench_scale.py --sizes 1000,10000 --analyze 0 --records bench/out/newscluster_records.jsonl --stories-only

``--stories-only`` times story assignment (kb/stories.py) alone, per article, at each size.
"""

from __future__ import annotations

import argparse
import html
import json
import re
import resource
import sys
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
OUT = ROOT / "bench" / "out"
CACHE = OUT / "scale_records.jsonl"

_REUTERS = re.compile(r"<REUTERS[^>]*>(.*?)</REUTERS>", re.S)
_FIELD = {k: re.compile(rf"<{k}>(.*?)</{k}>", re.S) for k in ("DATE", "TITLE", "BODY")}
_CTRL = re.compile(r"&#\d+;")
_MONTHS = {m: i + 1 for i, m in enumerate("JAN FEB MAR APR MAY JUN JUL AUG SEP OCT NOV DEC".split())}


def reuters_texts() -> Iterator[tuple[str, str, str | None, str]]:
    """(source, headline, published, body) of every Reuters-21578 document with a body."""
    for path in sorted((DATA / "reuters").glob("reut2-*.sgm")):
        raw = path.read_bytes().decode("latin-1")
        for n, m in enumerate(_REUTERS.finditer(raw)):
            doc = m.group(1)
            body = _FIELD["BODY"].search(doc)
            if not body:
                continue
            title = _FIELD["TITLE"].search(doc)
            date = _FIELD["DATE"].search(doc)
            text = html.unescape(_CTRL.sub("", body.group(1))).replace("Reuter\n", "").strip()
            yield (f"{path.name}#{n}", html.unescape(title.group(1)) if title else "", _reuters_date(date), text)


def _reuters_date(m: re.Match[str] | None) -> str | None:
    if not m:
        return None
    try:
        d, mon, rest = m.group(1).strip().split("-", 2)
        return f"{rest[:4]}-{_MONTHS[mon.upper()]:02d}-{int(d):02d}"
    except (ValueError, KeyError):
        return None


def bbc_texts() -> Iterator[tuple[str, str, str | None, str]]:
    for path in sorted((DATA / "bbc" / "bbc").glob("*/*.txt")):
        raw = path.read_bytes().decode("utf-8", errors="replace")
        head, _, body = raw.partition("\n")
        yield (str(path.relative_to(DATA)), head.strip(), None, body.strip())


def texts(n: int) -> list[tuple[str, str, str | None, str, str]]:
    out = []
    for src, head, pub, body in bbc_texts():
        out.append((src, head, pub, body, "BBC"))
    for src, head, pub, body in reuters_texts():
        if len(out) >= n:
            break
        out.append((src, head, pub, body, "Reuters"))
    return out[:n]


def analyzed(n: int) -> list[dict]:
    """``n`` analyzed records, from the cache where possible."""
    from claimgraph.api import get_pipeline
    from claimgraph.ingest import make_info
    from claimgraph.models import Document

    OUT.mkdir(parents=True, exist_ok=True)
    have: list[dict] = []
    if CACHE.exists():
        with CACHE.open(encoding="utf-8") as f:
            have = [json.loads(line) for line in f][:n]
    todo = texts(n)[len(have):]
    if todo:
        pipe = get_pipeline()
        t0 = time.perf_counter()
        docs = [Document(info=make_info(body, src, headline=head, published=pub, publisher=publisher))
                for src, head, pub, body, publisher in todo]
        done = skipped = 0
        with CACHE.open("a", encoding="utf-8") as f:
            for i in range(0, len(docs), 32):
                for rec in _analyze_chunk(pipe, docs[i : i + 32]):
                    if rec is None:
                        skipped += 1
                        continue
                    have.append(rec)
                    f.write(json.dumps(rec, ensure_ascii=False) + "\n")
                done += len(docs[i : i + 32])
                if done % 512 == 0:
                    print(f"  analyzed {done}/{len(todo)} ({(time.perf_counter() - t0) / done * 1000:.0f} "
                          f"ms/article, {skipped} skipped)", file=sys.stderr, flush=True)
    return have


def _analyze_chunk(pipe, docs: list) -> list[dict | None]:
    """Records of ``docs``; a document the pipeline fails on gives ``None`` (counted as skipped)."""
    try:
        return [d.to_dict() for d in pipe.pipe(docs)]
    except Exception:  # noqa: BLE001 - a pipeline bug must not stop the bench
        out: list[dict | None] = []
        for d in docs:
            d.scratch.clear()
            try:
                out.append(next(iter(pipe.pipe([d]))).to_dict())
            except Exception:  # noqa: BLE001
                out.append(None)
        return out


_ROT_KEYS = frozenset({"text", "name", "headline"})
_ROT_LISTS = frozenset({"aliases", "roles"})


_COPRIME = (1, 3, 5, 7, 9, 11, 15, 17, 19, 21, 23, 25)


def _rot(s: str, k: int) -> str:
    """Letter ``c`` -> ``a*c + b`` (mod 26): 312 distinct bijections, k=0 the identity."""
    a, b = _COPRIME[(k // 26) % len(_COPRIME)], k % 26
    out = []
    for c in s:
        if "a" <= c <= "z":
            out.append(chr((a * (ord(c) - 97) + b) % 26 + 97))
        elif "A" <= c <= "Z":
            out.append(chr((a * (ord(c) - 65) + b) % 26 + 65))
        else:
            out.append(c)
    return "".join(out)


def _rotate(obj: object, k: int) -> object:
    if isinstance(obj, dict):
        out = {}
        for key, v in obj.items():
            if key in _ROT_KEYS and isinstance(v, str):
                out[key] = _rot(v, k)
            elif key in _ROT_LISTS and isinstance(v, list):
                out[key] = [_rot(x, k) if isinstance(x, str) else x for x in v]
            else:
                out[key] = _rotate(v, k)
        return out
    if isinstance(obj, list):
        return [_rotate(x, k) for x in obj]
    return obj


def variant(rec: dict, k: int) -> dict:
    """Record ``rec`` with every letter of its texts and names rotated by ``k`` (k=0: itself)."""
    if k == 0:
        return rec
    from claimgraph.ingest import document_id

    out = _rotate(rec, k)
    assert isinstance(out, dict)
    out["document"]["id"] = document_id(out["document"]["text"])
    out["document"]["source"] = f"{rec['document']['source']}#rot{k}"
    return out


def fill(n: int, records: list[dict]) -> dict[str, float]:
    from claimgraph.kb import KnowledgeBase
    from claimgraph.kb import stories as story_store
    from claimgraph.models import Document

    path = OUT / f"scale_{n}.duckdb"
    for p in (path, path.with_suffix(".duckdb.wal")):
        p.unlink(missing_ok=True)
    kb = KnowledgeBase(path)
    base = len(records)
    docs = [Document.from_dict(variant(records[i % base], i // base)) for i in range(n)]
    times: list[float] = []
    cpu: list[float] = []
    story_cpu: list[float] = []  # CPU time of story assignment alone (kb/stories.py), per article
    assign = story_store.assign

    def timed_assign(*args, **kwargs):
        c0 = time.process_time()
        try:
            return assign(*args, **kwargs)
        finally:
            story_cpu.append(time.process_time() - c0)

    story_store.assign = timed_assign
    try:
        with kb.writing() as w:
            w.add(docs[0])  # loads the indexes; not timed
            for d in docs[1:]:
                t0, c0 = time.perf_counter(), time.process_time()
                w.add(d)
                times.append(time.perf_counter() - t0)
                cpu.append(time.process_time() - c0)
    finally:
        story_store.assign = assign
    story_tail = story_cpu[-500:]
    tail = times[-500:]
    cpu_tail = cpu[-500:]
    stats = kb.stats()
    return {"n": n, "stored": stats["documents"], "mean_ms": sum(times) / len(times) * 1000, "last500_ms": sum(tail) / len(tail) * 1000,
            "last500_cpu_ms": sum(cpu_tail) / len(cpu_tail) * 1000,
            "story_cpu_ms": sum(story_tail) / len(story_tail) * 1000,
            "events": stats["events"], "event_mentions": stats["event_mentions"], "actors": stats["actors"],
            "syndicated": stats["syndicated_documents"]}


def fill_stories(n: int, records: list[dict]) -> dict[str, float]:
    """Story assignment alone at ``n`` stored documents: CPU ms per article of the last 500.

    The documents' rows that assignment reads (text, headline, publication date, named
    entities with one actor id per normalised name) are written directly, without actor and
    event resolution, so the fill is fast; then every document goes through the real
    ``kb/stories.py`` assignment (index lookup, scoring, evidence and index rows) and only
    that is timed. KB events are left out (their keys are one posting per event)."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.kb import stories as story_store
    from claimgraph.kb.normalise import fold, parse_date

    path = OUT / f"stories_{n}.duckdb"
    for p in (path, path.with_suffix(".duckdb.wal")):
        p.unlink(missing_ok=True)
    kb = KnowledgeBase(path)
    base = len(records)
    cpu: list[float] = []
    with kb.writing() as w:
        conn = w.conn
        index = story_store.load_index(conn)
        for i in range(n):
            rec = variant(records[i % base], i // base)
            doc = rec["document"]
            conn.execute("BEGIN TRANSACTION")
            conn.execute(
                "INSERT INTO documents (id, seq, source, url, publisher, headline, authors, published, published_date, "
                "language, text, record, ingested_at) VALUES (?, ?, ?, ?, ?, ?, '[]', ?, ?, 'en', ?, '{}', current_timestamp)",
                [doc["id"], i + 1, doc.get("source"), doc.get("url"), doc.get("publisher"), doc.get("headline"),
                 doc.get("published"), parse_date(doc.get("published")), doc["text"]])
            for e in rec.get("entities") or []:
                if e.get("named"):
                    conn.execute(
                        "INSERT INTO doc_entities (doc_id, entity_id, actor_id, type, name, named, aliases, roles, "
                        "mentions) VALUES (?, ?, ?, ?, ?, TRUE, '[]', '[]', '[]')",
                        [doc["id"], e["id"], "A:" + fold(e["name"]), e["type"], e["name"]])
            c0 = time.process_time()
            story_store.assign(conn, index, doc["id"], i + 1)
            cpu.append(time.process_time() - c0)
            conn.execute("COMMIT")
        n_stories = conn.execute("SELECT count(*) FROM stories").fetchone()[0]
    tail = cpu[-500:]
    return {"n": n, "story_cpu_ms": sum(tail) / len(tail) * 1000, "stories": n_stories,
            "postings": len(index.postings)}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000,5000,10000")
    ap.add_argument("--analyze", type=int, default=1000, help="Real articles to analyze (the rest are variants).")
    ap.add_argument("--records", action="append", default=[], metavar="JSONL",
                    help="More analyzed records to use as real articles (e.g. bench/out/basil_records.jsonl).")
    ap.add_argument("--stories-only", action="store_true",
                    help="Time story assignment alone (rows written directly, no actor/event resolution).")
    args = ap.parse_args()
    if not DATA.is_dir():
        sys.exit(f"{DATA} is missing: this bench needs ../shared/data (BBC and Reuters-21578).")
    sizes = [int(s) for s in args.sizes.split(",")]
    records = analyzed(min(max(sizes), args.analyze))
    for extra in args.records:
        with open(extra, encoding="utf-8") as f:
            records += [json.loads(line) for line in f]
    unique = {r["document"]["id"]: r for r in records}
    records = list(unique.values())
    print(f"{len(records)} analyzed real articles; larger sizes use letter-rotated variants of them")
    if args.stories_only:
        print(f"{'articles':>8}  {'story CPU ms/article (last 500)':>31}  {'stories':>7}  {'posting keys':>12}")
        srows = []
        for n in sizes:
            r = fill_stories(n, records)
            srows.append(r)
            print(f"{r['n']:>8}  {r['story_cpu_ms']:>31.2f}  {r['stories']:>7}  {r['postings']:>12}", flush=True)
        ratio = srows[-1]["story_cpu_ms"] / srows[0]["story_cpu_ms"]
        print(f"story assignment CPU per article, largest/smallest store: {ratio:.2f} (target <= 1.5)")
        return
    print(f"{'articles':>8}  {'stored':>6}  {'mean ms/article':>15}  {'last-500 ms/article':>19}  {'last-500 CPU ms':>15}  "
          f"{'story CPU ms':>12}  {'events':>7}  {'event mentions':>14}  {'actors':>7}  {'syndicated':>10}", flush=True)
    rows = []
    for n in sizes:
        r = fill(n, records)
        rows.append(r)
        print(f"{r['n']:>8}  {r['stored']:>6}  {r['mean_ms']:>15.2f}  {r['last500_ms']:>19.2f}  {r['last500_cpu_ms']:>15.2f}  "
              f"{r['story_cpu_ms']:>12.2f}  {r['events']:>7}  {r['event_mentions']:>14}  {r['actors']:>7}  "
              f"{r['syndicated']:>10}", flush=True)
    marg = [r["last500_ms"] for r in rows]
    cpu = [r["last500_cpu_ms"] for r in rows]
    print(f"marginal cost ratio (max/min over sizes): wall {max(marg) / min(marg):.2f}, "
          f"CPU {max(cpu) / min(cpu):.2f}  (target <= 1.5; CPU time is the fair figure on a shared machine)")
    story = [r["story_cpu_ms"] for r in rows]
    print(f"story assignment CPU per article (last 500), largest/smallest store: {story[-1] / story[0]:.2f} "
          f"(target <= 1.5)")
    print(f"peak memory (max RSS): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MiB")
    print("published figures: none apply (GDELT-style systems publish no per-article store cost)")


if __name__ == "__main__":
    main()
