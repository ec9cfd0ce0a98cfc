#!/usr/bin/env python3
"""Cross-validated statuschain figures through the shared scorer (held-out protocol).

The event models are trained on statuschain-dev itself, so scoring the committed models on
it would score articles they saw. This runs ``scripts/train_models.py --cv-out DIR`` first
(one model set per fold, whole stories held out), analyzes each fold's held-out articles
with ``claimgraph analyze`` under ``CLAIMGRAPH_MODELS_DIR=DIR/foldK``, joins the records and
scores them with ``../shared/eval/statuschain.py score``, whose last line it prints.

    python bench/eval_statuschain_cv.py [--cv-dir /tmp/cv] [--skip-train] [-v]
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--cv-dir", type=Path, default=None, help="where the per-fold models go (kept)")
    ap.add_argument("--skip-train", action="store_true", help="reuse the fold models in --cv-dir")
    ap.add_argument("--claimgraph", default=shutil.which("claimgraph") or "claimgraph")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--train-arg", action="append", default=[],
                    help="passed on to scripts/train_models.py (repeat; e.g. --train-arg=--ecb-weight=1)")
    args = ap.parse_args(argv)
    gold = SHARED / "data" / "statuschain-dev" / "articles"
    if not gold.is_dir():
        print(f"no statuschain-dev at {gold}", file=sys.stderr)
        return 2
    cv_dir = args.cv_dir or Path(tempfile.mkdtemp(prefix="claimgraph-cv-"))
    if not args.skip_train:
        cv_dir.mkdir(parents=True, exist_ok=True)
        with open(cv_dir / "train_report.json", "wb") as report:  # the trainer's CV figures
            subprocess.run([sys.executable, str(ROOT / "scripts" / "train_models.py"), "--only", "events",
                            "--out", str(cv_dir / "all"), "--cv-out", str(cv_dir), *args.train_arg],
                           check=True, stdout=report)
    folds = json.loads((cv_dir / "folds.json").read_text(encoding="utf-8"))
    _add_committed_non_event_models([cv_dir / f for f in folds])
    articles = {}
    for p in sorted(gold.glob("*.json")):
        d = json.loads(p.read_text(encoding="utf-8"))
        articles[d["id"]] = d["input"]
    records = cv_dir / "records.jsonl"
    with open(records, "w", encoding="utf-8") as out:
        for fold, ids in sorted(folds.items()):
            inp = cv_dir / f"{fold}.inputs.jsonl"
            inp.write_text("".join(json.dumps(articles[i], ensure_ascii=False) + "\n" for i in ids),
                           encoding="utf-8")
            env = dict(os.environ, CLAIMGRAPH_MODELS_DIR=str(cv_dir / fold),
                       CLAIMGRAPH_DB=str(cv_dir / "kb.duckdb"))
            res = subprocess.run([args.claimgraph, "analyze", str(inp), "--format", "jsonl"],
                                 stdout=subprocess.PIPE, env=env, check=False)
            out.write(res.stdout.decode("utf-8"))
            if not res.stdout.endswith(b"\n"):
                out.write("\n")
    cmd = [sys.executable, str(SHARED / "eval" / "statuschain.py"), "score", str(records)]
    if args.verbose:
        cmd.append("-v")
    return subprocess.run(cmd, check=False).returncode


def _add_committed_non_event_models(folders: list[Path]) -> None:
    """Give each fold the committed models that statuschain-dev did not train (attribution,
    trained on PolNeAR), so the fold analyses run the whole pipeline; rewrite their manifests."""
    from claimgraph.nlp.learned import models_dir
    from claimgraph.training.events import write_manifest

    committed = models_dir()
    for folder in folders:
        for src in sorted(committed.glob("*.json.gz")):
            if not src.name.startswith("event_") and not (folder / src.name).exists():
                shutil.copyfile(src, folder / src.name)
        write_manifest(folder)


if __name__ == "__main__":
    sys.exit(main())
