"""Storing into PostgreSQL: one writer and four concurrent writers, against DuckDB in the same run.

Texts: the first ``--analyze`` BBC/Reuters articles of bench_scale (analyzed once, cached in
bench/out/postgres_records.jsonl); ``--n`` documents are made from them with bench_scale's
letter-rotated variants (new names and texts, real types and dates). Only storing is timed,
through the ingest path (``kb.writing()`` and ``Writer.batch()`` per batch of 64). Printed:
documents per second for

- ``duckdb x1``: one process into a DuckDB file (the baseline);
- ``postgres x1``: one process into a PostgreSQL database;
- ``postgres x4``: four processes at once into one database, each a quarter of the documents
  (wall time from a common start to the last finish), with the times each writer reloaded
  its indexes because another had written in between.

Needs PostgreSQL: ``--url`` of a server where the user may create databases, else a
server is started from a temporary folder (initdb/pg_ctl on PATH, /usr/local/bin or
/usr/lib/postgresql/*/bin; via runuser as ``postgres`` when run as root).

    python bench/bench_postgres.py --n 400 --analyze 50
"""

from __future__ import annotations

import argparse
import glob
import json
import os
import pwd
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "bench" / "out"
CACHE = OUT / "postgres_records.jsonl"
BATCH = 64


def records(n: int) -> list[dict]:
    """``n`` analyzed records of real articles, from the cache where possible."""
    from bench_scale import _analyze_chunk, texts
    from claimgraph.api import get_pipeline
    from claimgraph.ingest import make_info
    from claimgraph.models import Document

    OUT.mkdir(parents=True, exist_ok=True)
    have = [json.loads(line) for line in CACHE.open(encoding="utf-8")][:n] if CACHE.exists() else []
    todo = texts(n)[len(have):]
    if todo:
        pipe = get_pipeline()
        docs = [Document(info=make_info(body, src, headline=head, published=pub, publisher=publisher))
                for src, head, pub, body, publisher in todo]
        with CACHE.open("a", encoding="utf-8") as f:
            for i in range(0, len(docs), 16):
                for rec in _analyze_chunk(pipe, docs[i : i + 16]):
                    if rec is not None:
                        have.append(rec)
                        f.write(json.dumps(rec, ensure_ascii=False) + "\n")
    return have


def documents(n: int, analyze: int) -> list[dict]:
    from bench_scale import variant

    base = records(analyze)
    return [variant(base[i % len(base)], i // len(base)) for i in range(n)]


# -- one writer process -------------------------------------------------------------------------
def store(db: str, docs_path: str, part: int, parts: int, start: float) -> dict[str, float]:
    """Store every ``parts``-th document from ``part``; seconds taken and index reloads."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.kb import store as kb_store
    from claimgraph.models import Document

    recs = [json.loads(line) for line in open(docs_path, encoding="utf-8")][part::parts]
    docs = [Document.from_dict(r) for r in recs]
    kb = KnowledgeBase(db)
    reloads = 0
    load = kb_store.ResolverState.load.__func__  # type: ignore[attr-defined]

    def counted(cls, conn):  # noqa: ANN001
        nonlocal reloads
        reloads += 1
        return load(cls, conn)

    kb_store.ResolverState.load = classmethod(counted)  # type: ignore[method-assign,assignment]
    while time.time() < start:
        time.sleep(0.005)
    t0 = time.perf_counter()
    new = 0
    for i in range(0, len(docs), BATCH):
        with kb.writing() as w, w.batch():
            new += sum(1 for d in docs[i : i + BATCH] if w.add(d))
    return {"seconds": time.perf_counter() - t0, "stored": new, "reloads": reloads}


def run_writers(db: str, docs_path: str, parts: int) -> tuple[float, list[dict]]:
    start = time.time() + 3.0
    procs = [subprocess.Popen([sys.executable, __file__, "--store", db, docs_path, str(p), str(parts), str(start)],
                              stdout=subprocess.PIPE, text=True) for p in range(parts)]
    outs = [json.loads(p.communicate()[0]) for p in procs]
    if any(p.returncode for p in procs):
        raise SystemExit("a writer failed")
    return max(o["end"] for o in outs) - start, outs


# -- a PostgreSQL server for the run ----------------------------------------------------------------
@contextmanager
def server(url: str | None) -> Iterator[str]:
    if url:
        yield url
        return
    bindir = next((d for d in ["/usr/local/bin", *sorted(glob.glob("/usr/lib/postgresql/*/bin"), reverse=True)]
                   if Path(d, "initdb").is_file()), None) or str(Path(shutil.which("initdb") or "initdb").parent)
    prefix: list[str] = []
    root = Path(tempfile.mkdtemp(prefix="claimgraph-pgbench-"))
    if os.geteuid() == 0:
        pw = pwd.getpwnam("postgres")
        prefix = ["runuser", "-u", "postgres", "--"]
        os.chown(root, pw.pw_uid, pw.pw_gid)
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    data = root / "data"
    subprocess.run([*prefix, f"{bindir}/initdb", "-D", str(data), "-A", "trust", "-U", "claimgraph", "-E", "UTF8",
                    "--locale=C.UTF-8"], check=True, capture_output=True)
    pg_ctl = [*prefix, f"{bindir}/pg_ctl", "-D", str(data)]
    subprocess.run([*pg_ctl, "-l", str(root / "log"), "-w", "-o",
                    f"-p {port} -k {root} -c listen_addresses=127.0.0.1", "start"], check=True, capture_output=True)
    try:
        yield f"postgresql://claimgraph@127.0.0.1:{port}/postgres"
    finally:
        subprocess.run([*pg_ctl, "-m", "fast", "-w", "stop"], capture_output=True)
        shutil.rmtree(root, ignore_errors=True)


def fresh_database(admin: str, name: str) -> str:
    import psycopg

    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        conn.execute(f'CREATE DATABASE "{name}"')
    return admin.rsplit("/", 1)[0] + "/" + name


def main() -> None:
    if len(sys.argv) > 1 and sys.argv[1] == "--store":
        db, docs_path, part, parts, start = sys.argv[2:7]
        r = store(db, docs_path, int(part), int(parts), float(start))
        print(json.dumps({**r, "end": time.time()}))
        return
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--n", type=int, default=400, help="Documents stored in each configuration.")
    ap.add_argument("--analyze", type=int, default=50, help="Real articles analyzed (the rest are variants).")
    ap.add_argument("--url", default=None, help="PostgreSQL server URL (default: start one in a temp folder).")
    args = ap.parse_args()
    docs = documents(args.n, args.analyze)
    with tempfile.TemporaryDirectory(prefix="claimgraph-pgbench-") as tmp:
        docs_path = str(Path(tmp) / "docs.jsonl")
        Path(docs_path).write_text("".join(json.dumps(d, ensure_ascii=False) + "\n" for d in docs), encoding="utf-8")
        rows = []
        duck_s, outs = run_writers(str(Path(tmp) / "bench.duckdb"), docs_path, 1)
        rows.append(("duckdb x1", duck_s, outs))
        with server(args.url) as admin:
            pg1_s, outs = run_writers(fresh_database(admin, "bench_pg1"), docs_path, 1)
            rows.append(("postgres x1", pg1_s, outs))
            pg4_s, outs = run_writers(fresh_database(admin, "bench_pg4"), docs_path, 4)
            rows.append(("postgres x4", pg4_s, outs))
    print(f"{args.n} documents ({args.analyze} real articles and variants), batches of {BATCH}")
    for name, secs, outs in rows:
        stored = sum(o["stored"] for o in outs)
        reloads = [o["reloads"] for o in outs]
        print(f"  {name:12s} {secs:7.1f} s  {args.n / secs:6.1f} docs/s  x{duck_s / secs:.2f} of duckdb x1  "
              f"stored {stored}  index loads per writer {reloads}")


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    main()
