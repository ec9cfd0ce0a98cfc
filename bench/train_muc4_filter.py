"""Train the MUC-4 incident-document filter used by ``bench/eval_muc4.py``.

A logistic regression (plain numpy, no scikit-learn) over document features that the
pipeline already computes (incident events, their statuses, participants, armed-group
names) predicts whether a document reports a MUC-4 incident at all (84 of the 200 dev
documents have no template). It learns from the TRAIN split only and writes derived
weights (no text) to ``src/claimgraph/data/muc_roles.json``.

Usage: ``python bench/train_muc4_filter.py [--limit N]``.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "src" / "claimgraph" / "data" / "muc_roles.json"


def _bench():
    spec = importlib.util.spec_from_file_location("eval_muc4", ROOT / "bench" / "eval_muc4.py")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def fit(x: np.ndarray, y: np.ndarray, l2: float = 60.0, steps: int = 3000,
        lr: float = 0.1) -> tuple[np.ndarray, float]:
    """Gradient descent on the L2-regularised logistic loss; returns (weights, bias)."""
    w = np.zeros(x.shape[1])
    b = 0.0
    n = len(y)
    for _ in range(steps):
        p = 1.0 / (1.0 + np.exp(-(x @ w + b)))
        g = p - y
        w -= lr * (x.T @ g / n + l2 * w / n)
        b -= lr * g.mean()
    return w, b


def select_vocabulary(lemma_sets: list[set[str]], y: np.ndarray, k: int,
                      min_docs: int = 15) -> list[str]:
    """The ``k`` lemmas whose presence best separates the classes (smoothed log-odds)."""
    from collections import Counter

    pos, neg = Counter(), Counter()
    for lemmas, label in zip(lemma_sets, y, strict=True):
        (pos if label > 0.5 else neg).update(lemmas)
    n_pos, n_neg = float(y.sum()), float(len(y) - y.sum())
    scored = []
    for lemma in set(pos) | set(neg):
        if pos[lemma] + neg[lemma] < min_docs:
            continue
        lo = np.log((pos[lemma] + 1) / (n_pos + 2)) - np.log((neg[lemma] + 1) / (n_neg + 2))
        scored.append((abs(lo) * np.sqrt(pos[lemma] + neg[lemma]), lemma))
    return [lemma for _, lemma in sorted(scored, reverse=True)[:k]]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None)
    ap.add_argument("--words", type=int, default=150, help="lemma features to keep")
    ap.add_argument("--cache", default=None, help="a pickle of (rows, docs) made beforehand")
    args = ap.parse_args(argv)
    bench = _bench()
    if args.cache:
        import pickle

        with open(args.cache, "rb") as fh:
            rows, docs = pickle.load(fh)
    else:
        rows = bench.load("train", args.limit)
        docs = bench.analyze_rows(rows)
    y = np.array([1.0 if any(bench.gold_of(r).values()) else 0.0 for r in rows])
    vocab = select_vocabulary([bench.doc_lemmas(d) for d in docs], y, args.words)
    feats = np.array([bench.doc_features(d, vocab=vocab) for d in docs], dtype=float)
    mu, sd = feats.mean(0), feats.std(0) + 1e-6
    w, b = fit((feats - mu) / sd, y)
    acc = float((((((feats - mu) / sd) @ w + b) > 0) == (y > 0.5)).mean())
    OUT.write_text(json.dumps({
        "what": "MUC-4 incident-document filter: logistic regression over bench.doc_features",
        "features": list(bench.FEATURE_NAMES), "vocabulary": vocab, "mean": mu.round(5).tolist(),
        "scale": sd.round(5).tolist(), "weights": w.round(5).tolist(), "bias": round(b, 5),
        "trained_on": f"MUC-4 train, {len(rows)} documents", "train_accuracy": round(acc, 4),
    }, indent=1) + "\n", encoding="utf-8")
    print(f"{len(rows)} documents, {int(y.sum())} with a template, train accuracy {acc:.3f}")
    names = [*bench.FEATURE_NAMES, *vocab]
    for name, wt in sorted(zip(names, w, strict=True), key=lambda t: -abs(t[1]))[:25]:
        print(f"  {name:<24} {wt:+.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
