"""Ingest on Ray against the plain single-process ingest, on the same BBC articles in one run.

Three ingests of the same N articles (BBC, ../shared/data/bbc), each into a fresh DuckDB store:

1. the plain single-process ``KnowledgeBase.ingest`` (the baseline; model loaded beforehand);
2. ``--engine ray`` with 1 worker;
3. ``--engine ray`` with 2 workers;

both Ray runs on one local cluster of 2 CPUs started here. A Ray run's time is counted from the
moment its actors are up (models loaded), as the baseline's is counted with its model loaded;
the actors' start-up is printed beside it. Figures (targets from issue 12):

- speedup 2 workers / 1 worker (target >= 1.7 on a 2-core machine);
- 1 Ray worker / single process (target <= 1.15);
- writer seconds per article / analysis seconds per article (target < 0.15).

    python bench/bench_ray.py [--n 200] [--chunk 8]
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_speed import bbc_files  # noqa: E402
from claimgraph.scale import Timings  # noqa: E402


def _plain(files: list[str], db: Path) -> tuple[float, int]:
    from claimgraph.kb import KnowledgeBase

    kb = KnowledgeBase(db)
    t0 = time.perf_counter()
    summary = kb.ingest(files)
    return time.perf_counter() - t0, summary.new


def _on_ray(files: list[str], db: Path, workers: int, chunk: int) -> tuple[float, float, int, Timings]:
    from claimgraph.kb import KnowledgeBase
    from claimgraph.scale import RayOptions
    from claimgraph.scale.ray_engine import ingest_with_ray

    ready: list[float] = []
    options = RayOptions(workers=workers, chunk_size=chunk, on_workers=lambda pids: ready.append(time.perf_counter()))
    t0 = time.perf_counter()
    run = ingest_with_ray(files, KnowledgeBase(db), options=options)
    end = time.perf_counter()
    return end - ready[0], ready[0] - t0, run.summary.new, run.timings


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=200, help="BBC articles (default 200)")
    ap.add_argument("--chunk", type=int, default=8, help="documents per Ray task (default 8)")
    args = ap.parse_args()

    from claimgraph.api import analyze_inputs
    from claimgraph.scale import RayOptions
    from claimgraph.scale.ray_engine import ray_cluster

    files = [str(f) for f in bbc_files(args.n)]
    work = Path(tempfile.mkdtemp(prefix="bench-ray-"))
    try:
        list(analyze_inputs(files[:5]))  # the baseline's model, lexicons and gazetteers, loaded once
        plain_s, plain_new = _plain(files, work / "plain.duckdb")
        print(f"single process:  {plain_s:6.1f}s  {plain_new} documents  ({plain_s / max(1, plain_new) * 1000:.0f} ms/doc)",
              flush=True)
        with ray_cluster(RayOptions(workers=2)):
            one_s, one_start, one_new, one_t = _on_ray(files, work / "ray1.duckdb", 1, args.chunk)
            print(f"Ray, 1 worker:   {one_s:6.1f}s  {one_new} documents  (actors up in {one_start:.1f}s)", flush=True)
            two_s, two_start, two_new, two_t = _on_ray(files, work / "ray2.duckdb", 2, args.chunk)
            print(f"Ray, 2 workers:  {two_s:6.1f}s  {two_new} documents  (actors up in {two_start:.1f}s)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{len(files)} BBC articles, {os.cpu_count()} CPUs, load average now {os.getloadavg()[0]:.1f}")
    print(f"speedup 2 workers / 1 worker:      {one_s / two_s:.2f}x  (target >= 1.70)")
    print(f"1 Ray worker / single process:     {one_s / plain_s:.2f}   (target <= 1.15)")
    for name, t in (("1 worker", one_t), ("2 workers", two_t)):
        print(f"writer / analysis per article ({name}): {t.write_per_doc * 1000:.1f} ms / "
              f"{t.analyze_per_doc * 1000:.1f} ms = {t.writer_share:.2f}  (target < 0.15)")


if __name__ == "__main__":
    main()
