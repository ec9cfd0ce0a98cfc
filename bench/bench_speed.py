"""Speed and memory of the whole claimgraph pipeline against spaCy's own ``nlp.pipe``.

Both run on the same texts (BBC articles from ../shared/data/bbc), with the same model;
the figure that matters is the ratio claimgraph / spaCy (target <= 1.3) and the peak
memory (target <= 1.5 GB). spaCy runs twice per round, in batches of 64 (the pipeline's
batch) and of 16 (what the parse step hands spaCy at a time), and the ratio is taken
against the faster. claimgraph parses the batches after its first in a child process
(``parse_worker``), so the peak memory is this process's plus the child's.

    python bench/bench_speed.py [--n 1000] [--rounds 2]
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc"


def bbc_files(n: int) -> list[Path]:
    files = sorted(BBC.rglob("*.txt"))
    files = [f for f in files if f.name != "README.TXT"]
    if not files:
        sys.exit(f"no BBC texts under {BBC}")
    # interleave categories so any n is a mix
    by_cat: dict[str, list[Path]] = {}
    for f in files:
        by_cat.setdefault(f.parent.name, []).append(f)
    mixed: list[Path] = []
    while len(mixed) < n and any(by_cat.values()):
        for cat in sorted(by_cat):
            if by_cat[cat] and len(mixed) < n:
                mixed.append(by_cat[cat].pop(0))
    return mixed


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--rounds", type=int, default=2)
    args = ap.parse_args()

    from claimgraph.api import analyze_inputs
    from claimgraph.config import load_settings
    from claimgraph.nlp.model import load_nlp
    try:
        from claimgraph.nlp.parse_worker import peak_memory_mb
    except ImportError:  # a tree from before the parse worker (for paired runs)
        def peak_memory_mb() -> float:
            return 0.0

    files = bbc_files(args.n)
    settings = load_settings()
    nlp = load_nlp(verify=settings.verify_model)
    # warm-up: model, lexicons and gazetteers loaded once before timing
    list(analyze_inputs([str(f) for f in files[:5]], settings=settings))
    list(nlp.pipe([f.read_text(encoding="utf-8", errors="replace") for f in files[:5]]))

    base_times, ours_times = [], []
    words = 0
    for r in range(args.rounds):
        round_base = []
        for size in (settings.batch_size, 16):
            t0 = time.perf_counter()
            texts = [f.read_text(encoding="utf-8", errors="replace") for f in files]
            for d in nlp.pipe(texts, batch_size=size):
                if r == 0 and size == 16:
                    words += len(d)
            round_base.append(time.perf_counter() - t0)
        base_times.append(min(round_base))

        t0 = time.perf_counter()
        n_ok = sum(1 for o in analyze_inputs([str(f) for f in files], settings=settings) if o.ok)
        ours_times.append(time.perf_counter() - t0)
        print(f"round {r + 1}: spaCy nlp.pipe {round_base[0]:.1f}s / {round_base[1]:.1f}s (batches of "
              f"{settings.batch_size} / 16)  claimgraph {ours_times[-1]:.1f}s "
              f"({n_ok}/{len(files)} documents)  ratio {ours_times[-1] / base_times[-1]:.2f}", flush=True)

    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    child_mb = peak_memory_mb()
    base, ours = min(base_times), min(ours_times)
    print(f"\n{len(files)} BBC articles, {words} tokens")
    print(f"spaCy nlp.pipe (baseline): {base:.1f}s  ({words / base:,.0f} tokens/s)")
    print(f"claimgraph analyze:        {ours:.1f}s  ({words / ours:,.0f} tokens/s)")
    print(f"ratio claimgraph / spaCy:  {ours / base:.2f}  (target <= 1.30)")
    print(f"peak memory:               {peak_mb + child_mb:,.0f} MB  (target <= 1536 MB; this process "
          f"{peak_mb:,.0f} MB + parse worker {child_mb:,.0f} MB)")


if __name__ == "__main__":
    main()
