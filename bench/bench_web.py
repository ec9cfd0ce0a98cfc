"""Workbench page latency: the dossier of the most-connected actor on a large store.

The store: ``bench/out/scale_<N>.duckdb`` left by bench/bench_scale.py when it exists
(copied, so that bench is not disturbed), else one filled here from the analyzed records
bench_scale caches in ``bench/out/scale_records.jsonl`` (BBC + Reuters-21578 texts from
../shared/data); ``--analyze`` analyzes and caches whatever is missing the same way.

Measured in one run: ``GET /actors/<id>`` over a real HTTP connection to
`claimgraph serve` (uvicorn on 127.0.0.1), p50/p95 over ``--requests`` requests, beside
the raw knowledge-base query the page makes (``kb.actor``), timed both on a connection
held open (as the workbench holds it while requests keep coming) and with a new
connection per call.
Target: page p95 < 300 ms.

    python bench/bench_web.py --n 10000 --requests 200
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
TARGET_P95_MS = 300.0


def _bench_scale() -> Any:
    spec = importlib.util.spec_from_file_location("bench_scale", ROOT / "bench" / "bench_scale.py")
    if spec is None or spec.loader is None:
        sys.exit("bench/bench_scale.py is missing; it provides the texts and the record cache.")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def cached_records(n: int) -> list[dict[str, Any]]:
    """Up to ``n`` analyzed records from bench_scale's cache, first occurrence of each document."""
    cache = OUT / "scale_records.jsonl"
    out: list[dict[str, Any]] = []
    seen: set[str] = set()
    if cache.exists():
        with cache.open(encoding="utf-8") as f:
            for line in f:
                try:
                    rec = json.loads(line)
                except ValueError:
                    continue  # a line another process is still writing
                if rec["document"]["id"] not in seen:
                    seen.add(rec["document"]["id"])
                    out.append(rec)
                if len(out) >= n:
                    break
    return out


def build_store(n: int, analyze: bool) -> tuple[Path, int]:
    """A store of (up to) ``n`` articles for this bench, and how many it holds."""
    OUT.mkdir(parents=True, exist_ok=True)
    scale_store = OUT / f"scale_{n}.duckdb"
    if scale_store.exists() and not scale_store.with_suffix(".duckdb.wal").exists():
        target = OUT / f"web_{n}.duckdb"
        print(f"copying {scale_store.name} (left by bench_scale.py)", file=sys.stderr)
        shutil.copyfile(scale_store, target)
        return target, n
    records = cached_records(n)
    if len(records) < n and analyze:
        records = _bench_scale().analyzed(n)[:n]
    if len(records) < n:
        print(f"only {len(records)} analyzed records are cached in bench/out/scale_records.jsonl; "
              f"the store repeats them with their dates shifted by whole years (run "
              f"bench/bench_scale.py --sizes {n}, or this bench with --analyze, for {n} distinct texts)",
              file=sys.stderr)
        records = replicate(records, n)
    target = OUT / f"web_{len(records)}.duckdb"
    ready = target.with_suffix(".ready")
    if not (target.exists() and ready.exists()):
        for p in (target, target.with_suffix(".duckdb.wal"), ready):
            p.unlink(missing_ok=True)
        fill(target, records)
        ready.write_text("ok\n")
    return target, len(records)


_YEAR = re.compile(r"^(\d{4})")


def _shift(value: Any, years: int) -> Any:
    if isinstance(value, str):
        return _YEAR.sub(lambda m: str(int(m.group(1)) + years), value, count=1)
    return value


def replicate(records: list[dict[str, Any]], n: int) -> list[dict[str, Any]]:
    """``n`` records: the originals, then copies whose every date is ``k`` years later.

    A copy's text gains one closing line (so it is a new document), and its times,
    event times and publication date move by whole years, so the store resolves its
    events as new events rather than as reports of the originals' events.
    """
    from claimgraph.ingest import document_id

    out = list(records)
    k = 0
    while records and len(out) < n:
        k += 1
        for rec in records:
            if len(out) >= n:
                break
            copy = json.loads(json.dumps(rec))
            doc = copy["document"]
            doc["text"] = doc["text"] + f"\n\n(Archive copy {k}.)"
            doc["id"] = document_id(doc["text"])
            doc["source"] = f"{doc['source']}#copy{k}"
            doc["published"] = _shift(doc.get("published"), k)
            for t in copy.get("times") or []:
                t["value"] = _shift(t.get("value"), k)
            for ev in copy.get("events") or []:
                if ev.get("time"):
                    ev["time"]["start"] = _shift(ev["time"].get("start"), k)
                    ev["time"]["end"] = _shift(ev["time"].get("end"), k)
            out.append(copy)
    return out


def fill(path: Path, records: list[dict[str, Any]]) -> None:
    from claimgraph.kb import KnowledgeBase
    from claimgraph.models import Document

    kb = KnowledgeBase(path)
    t0 = time.perf_counter()
    with kb.writing() as writer:
        for i, rec in enumerate(records, 1):
            writer.add(Document.from_dict(rec))
            if i % 1000 == 0:
                print(f"  stored {i}/{len(records)} ({time.perf_counter() - t0:.0f} s)", file=sys.stderr, flush=True)
    kb.close()


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def time_calls(fn: Any, n: int) -> list[float]:
    out = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t0) * 1000)
    return out


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def page_latency(store: Path, actor_id: str, requests: int) -> tuple[list[float], int]:
    port = free_port()
    cmd = [sys.executable, "-c", "from claimgraph.cli import entry; entry()", "serve",
           "--port", str(port), "--db", str(store)]
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/actors/{actor_id}"
    try:
        with httpx.Client(headers={"Accept": "text/html"}, timeout=30.0) as client:
            deadline = time.monotonic() + 60
            while True:
                try:
                    client.get(f"http://127.0.0.1:{port}/static/style.css")
                    break
                except httpx.HTTPError:
                    if time.monotonic() > deadline or proc.poll() is not None:
                        raise RuntimeError("claimgraph serve did not start") from None
                    time.sleep(0.2)
            size = 0
            for _ in range(5):  # warm-up: templates compiled, caches filled
                r = client.get(url)
                r.raise_for_status()
                size = len(r.content)
            times = time_calls(lambda: client.get(url).raise_for_status(), requests)
            return times, size
    finally:
        proc.send_signal(signal.SIGINT)
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=10000, help="articles in the store")
    ap.add_argument("--requests", type=int, default=200, help="timed page requests")
    ap.add_argument("--json", action="store_true", help="also print the figures as one JSON line")
    ap.add_argument("--analyze", action="store_true",
                    help="analyze missing texts into bench_scale's cache (slow; not while bench_scale runs)")
    args = ap.parse_args()
    from claimgraph.kb import KnowledgeBase

    store, held = build_store(args.n, args.analyze)
    kb = KnowledgeBase(store, read_only=True)
    stats = kb.stats()
    top = kb.top_actors(limit=1)[0]
    aid = str(top["id"])
    kb_actor = time_calls(lambda: kb.actor(aid), args.requests)
    events = len(kb.actor(aid)["events"])
    kb.close()
    kb = KnowledgeBase(store)
    with kb.writing():  # the connection held open, as the workbench holds it between requests
        kb_held = time_calls(lambda: kb.actor(aid), args.requests)
    kb.close()
    page, size = page_latency(store, aid, args.requests)
    rows = [("GET /actors/<id> (HTTP, uvicorn)", page), ("kb.actor(id), connection held open", kb_held),
            ("kb.actor(id), a new connection per call", kb_actor)]
    print(f"store: {stats.get('documents')} documents, {stats.get('actors')} actors, {stats.get('events')} events")
    print(f"most-connected actor: {top['name']} ({aid}), {events} events; page {size / 1024:.0f} KiB")
    print(f"{'':44} {'p50 ms':>8} {'p95 ms':>8} {'mean ms':>8}")
    for name, values in rows:
        print(f"{name:44} {pct(values, .5):8.1f} {pct(values, .95):8.1f} {statistics.fmean(values):8.1f}")
    p95 = pct(page, .95)
    print(f"page p95 {p95:.1f} ms vs target < {TARGET_P95_MS:.0f} ms: {'OK' if p95 < TARGET_P95_MS else 'OVER'}; "
          f"page/kb.actor (held) p50 ratio {pct(page, .5) / max(pct(kb_held, .5), 1e-9):.2f}")
    print("published figures: none apply (no published latency for news-KB analyst workbenches)")
    if args.json:
        print(json.dumps({"n": held, "page_p50_ms": pct(page, .5), "page_p95_ms": p95,
                          "kb_actor_p50_ms": pct(kb_actor, .5), "kb_actor_p95_ms": pct(kb_actor, .95),
                          "kb_actor_held_p50_ms": pct(kb_held, .5), "kb_actor_held_p95_ms": pct(kb_held, .95)}))


if __name__ == "__main__":
    main()
