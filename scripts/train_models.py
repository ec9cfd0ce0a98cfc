#!/usr/bin/env python3
"""Train claimgraph's event models from ../shared/data and write them to the models folder.

    python scripts/train_models.py                      # all models -> src/claimgraph/data/models
    python scripts/train_models.py --out /tmp/m --limit 6 --tempeval-limit 5   # a quick smoke run
    python scripts/train_models.py --cv-out /tmp/cv     # also per-fold models for bench/eval_statuschain_cv.py
    python scripts/train_models.py --only attribution   # the attribution models alone: cue model and content edges (PolNeAR train)
    python scripts/train_models.py --only clusters      # the word clusters alone (unlabelled text)
    python scripts/train_models.py --only events        # event models, with the committed clusters

Deterministic (fixed seed, sorted inputs, reproducible gzip); about 8 minutes on 2 CPU
cores for everything (clusters about 3, attribution about 3, events under 1). Needs scikit-learn and scipy (`pip install -e ".[train]"`); analysis does not.
Prints cross-validated figures (whole stories held out) for each model.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SHARED = ROOT.parent / "shared" / "data"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=DEFAULT_SHARED, help="the shared data folder")
    ap.add_argument("--out", type=Path, default=ROOT / "src" / "claimgraph" / "data" / "models")
    ap.add_argument("--limit", type=int, default=None, help="use only the first N statuschain articles")
    ap.add_argument("--tempeval-limit", type=int, default=None, help="use only the first N TimeML files")
    ap.add_argument("--factuality-limit", type=int, default=None,
                    help="use only the first N UW factuality sentences (train and dev)")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--cv-out", type=Path, default=None,
                    help="also write one model set per fold (held-out stories listed in folds.json)")
    ap.add_argument("--only", choices=("all", "events", "attribution", "clusters"), default="all",
                    help="train one family of models (default: all); 'events' reads the word "
                         "clusters already committed instead of retraining them")
    ap.add_argument("--clusters-limit", type=int, default=None,
                    help="word clusters: use only the first N files of each text source (a smoke "
                         "run with --limit uses 20)")
    ap.add_argument("--polnear-limit", type=int, default=None,
                    help="attribution: use only the first N PolNeAR train articles (a smoke run with "
                         "--limit trains attribution only when this is given)")
    ap.add_argument("--ecb-limit", type=int, default=None,
                    help="events: use only the first N ECB+ train documents (a smoke run with --limit uses 5)")
    ap.add_argument("--ecb-weight", type=float, default=None,
                    help="events: weight of one ECB+ detection example against one statuschain example "
                         "(default 1; 0 leaves ECB+ out)")
    args = ap.parse_args(argv)

    if args.only in ("all", "attribution"):
        from claimgraph.training.attribution import train_attribution

        polnear = args.data / "polnear"
        if args.only == "attribution" or (args.limit is None or args.polnear_limit is not None):
            if not (polnear / "train" / "text").is_dir():
                print(f"train_models: no polnear/train under {args.data}; pass --data", file=sys.stderr)
                return 2
            t0 = time.time()
            rep = train_attribution(polnear, args.out, limit=args.polnear_limit, folds=args.folds)
            rep["seconds"] = round(time.time() - t0, 1)
            print(json.dumps({"attribution": rep}, indent=1))
        if args.only == "attribution":
            return 0
    clusters = _clusters(args)
    if args.only == "clusters":
        return 0
    if not (args.data / "statuschain-dev" / "articles").is_dir():
        print(f"train_models: no statuschain-dev under {args.data}; pass --data", file=sys.stderr)
        return 2
    t0 = time.time()
    from claimgraph.training.train import train_all

    report = train_all(args.data, args.out, clusters, limit=args.limit, tempeval_limit=args.tempeval_limit,
                       folds=args.folds, cv_out=args.cv_out,
                       factuality_limit=args.factuality_limit,
                       ecb_limit=args.ecb_limit or (5 if args.limit is not None else None),
                       **({} if args.ecb_weight is None else {"ecb_weight": args.ecb_weight}))
    report["seconds"] = round(time.time() - t0, 1)
    print(json.dumps(report, indent=1))
    return 0


def _clusters(args: argparse.Namespace) -> dict:
    """The word-clusters artifact: trained (all, clusters) or the committed one (events)."""
    from claimgraph.nlp.events.features import CLUSTERS_FILE
    from claimgraph.training.events import write_artifact, write_manifest

    if args.only == "events":
        from claimgraph.nlp import learned

        with learned.use_models(learned.committed_models_dir()):
            return learned.load_artifact(CLUSTERS_FILE)
    from claimgraph.training.clusters import train_clusters

    limit = args.clusters_limit or (20 if args.limit is not None else None)
    t0 = time.time()
    artifact, rep = train_clusters(args.data, limit=limit)
    rep["seconds"] = round(time.time() - t0, 1)
    print(json.dumps({"clusters": rep}, indent=1))
    write_artifact(args.out, CLUSTERS_FILE, artifact)
    write_manifest(args.out)
    return artifact


if __name__ == "__main__":
    os.environ.setdefault("PYTHONHASHSEED", "0")
    sys.exit(main())
