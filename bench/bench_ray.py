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

With the wall-clock figures it prints CPU milliseconds per document, which a loaded machine
disturbs far less: the driver's (all its threads; its own thread's split into taking results
in, writing and reading), and that of the cluster's processes (the analyzer actors, raylet,
gcs_server, the other Ray processes), read with psutil (bundled with Ray) before and after the
run. On two cores, 2 workers can reach ``2 * A1 / (A2 + O)`` of 1 worker at best, where A1 and
A2 are the analyzers' CPU per document with 1 and 2 workers and O everything else's.

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


def _cluster_cpu(analyzers: set[int]) -> dict[int, tuple[str, float]]:
    """CPU seconds so far of each process this one started (the local cluster), by role."""
    import psutil  # Ray's bundled copy is importable once ray is

    out: dict[int, tuple[str, float]] = {}
    for p in psutil.Process().children(recursive=True):
        try:
            name, t = p.name(), p.cpu_times()
        except psutil.Error:
            continue
        role = ("analyzers" if p.pid in analyzers else "raylet" if "raylet" in name
                else "gcs_server" if "gcs_server" in name else "other Ray processes")
        out[p.pid] = (role, t.user + t.system)
    return out


def _on_ray(files: list[str], db: Path, workers: int, chunk: int) -> tuple[float, float, int, Timings, dict[str, float]]:
    """Wall seconds from the actors being up, their start-up, documents stored, the run's timings,
    and the CPU seconds of the cluster's processes over the run by role."""
    from claimgraph.kb import KnowledgeBase
    from claimgraph.scale import RayOptions
    from claimgraph.scale.ray_engine import ingest_with_ray

    ready: list[float] = []
    before: dict[int, tuple[str, float]] = {}

    def up(pids: list[int]) -> None:
        before.update(_cluster_cpu(set(pids)))
        ready.append(time.perf_counter())

    options = RayOptions(workers=workers, chunk_size=chunk, on_workers=up)
    t0 = time.perf_counter()
    run = ingest_with_ray(files, KnowledgeBase(db), options=options)
    end = time.perf_counter()
    cpu: dict[str, float] = {}
    for pid, (role, seconds) in _cluster_cpu(set(run.worker_pids)).items():
        cpu[role] = cpu.get(role, 0.0) + seconds - before.get(pid, (role, 0.0))[1]
    return end - ready[0], ready[0] - t0, run.summary.new, run.timings, cpu


def _cpu_lines(name: str, t: Timings, cpu: dict[str, float]) -> list[str]:
    n = max(t.analyzed, t.written, 1)
    d = t.driver_cpu_per_doc()
    ms = {k: v * 1000 for k, v in d.items()}
    ray_ms = {k: v / n * 1000 for k, v in cpu.items()}
    rest = sum(v for k, v in ray_ms.items() if k != "analyzers")
    return [
        f"CPU ms per document ({name}): analyzers {ray_ms.get('analyzers', 0.0):.1f}; "
        f"driver {ms['total']:.1f} (taking results in {ms['fetch']:.1f}, writing {ms['write']:.1f}, "
        f"reading {ms['read']:.1f}, other threads and the loop {ms['other']:.1f}); "
        f"Ray's processes {rest:.1f} (" + ", ".join(f"{k} {v:.1f}" for k, v in sorted(ray_ms.items())
                                            if k != "analyzers") + ")",
    ]


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
            one_s, one_start, one_new, one_t, one_cpu = _on_ray(files, work / "ray1.duckdb", 1, args.chunk)
            print(f"Ray, 1 worker:   {one_s:6.1f}s  {one_new} documents  (actors up in {one_start:.1f}s)", flush=True)
            two_s, two_start, two_new, two_t, two_cpu = _on_ray(files, work / "ray2.duckdb", 2, args.chunk)
            print(f"Ray, 2 workers:  {two_s:6.1f}s  {two_new} documents  (actors up in {two_start:.1f}s)", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)

    print(f"\n{len(files)} BBC articles, {os.cpu_count()} CPUs, load average now {os.getloadavg()[0]:.1f}")
    print(f"speedup 2 workers / 1 worker:      {one_s / two_s:.2f}x  (target >= 1.70)")
    print(f"1 Ray worker / single process:     {one_s / plain_s:.2f}   (target <= 1.15)")
    for name, t in (("1 worker", one_t), ("2 workers", two_t)):
        print(f"writer / analysis per article ({name}): {t.write_per_doc * 1000:.1f} ms / "
              f"{t.analyze_per_doc * 1000:.1f} ms = {t.writer_share:.2f}  (target < 0.15)")
    for name, t, cpu in (("1 worker", one_t, one_cpu), ("2 workers", two_t, two_cpu)):
        print(*_cpu_lines(name, t, cpu), sep="\n")
    a1 = one_cpu.get("analyzers", 0.0) / max(1, one_t.analyzed)
    a2 = two_cpu.get("analyzers", 0.0) / max(1, two_t.analyzed)
    o2 = (two_t.driver_cpu_s + sum(v for k, v in two_cpu.items() if k != "analyzers")) / max(1, two_t.analyzed)
    if a1 and a2:
        print(f"analysis CPU per document, 2 workers / 1 worker: {a2 / a1:.2f}; bound on the speedup from CPU "
              f"alone, 2 * A1 / (A2 + O): {2 * a1 / (a2 + o2):.2f}; with no overhead (O = 0): {2 * a1 / a2:.2f}")


if __name__ == "__main__":
    main()
