"""Article-extraction benchmark: claimgraph's ingest body text vs trafilatura's ``extract()``.

Data: ``../shared/data/articles`` (the Zyte/ScrapingHub article-extraction benchmark: 181
gzipped HTML pages and ``ground-truth.json``). The metric is the benchmark's own, implemented
here from its description in that folder's SOURCE.md:

1. tokens are ``\\w+`` runs (Unicode, case kept); 2. each text becomes a multiset of token
4-gram shingles; 3. per page, TP/FP/FN are the overlap / extra predicted / missing shingle
counts, each divided by TP+FP+FN; 4. precision and recall are averaged over pages (1.0 when
FP = FN = 0; pages with TP+FP = 0 are left out of precision, TP+FN = 0 out of recall);
5. F1 = 2PR/(P+R) of the averages; 6. accuracy = share of pages whose token list equals the
truth's. ``±`` is the bootstrap standard deviation of F1 (1000 resamples, fixed seed).

Run: ``python bench/eval_articles.py [--limit N] [--data DIR]``. It prints our figure and
trafilatura's, both computed in this run on the same pages, beside the published table.
"""

from __future__ import annotations

import argparse
import gzip
import json
import random
import re
import sys
import time
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "articles"

#: The published figures (SOURCE.md, upstream README at the pinned commit): F1, P, R, accuracy.
PUBLISHED: dict[str, tuple[float, float, float, float]] = {
    "rs_trafilatura 9261e08": (0.970, 0.951, 0.990, 0.287),
    "AutoExtract (2019)": (0.970, 0.984, 0.956, 0.470),
    "go_trafilatura ae7ea06": (0.960, 0.940, 0.980, 0.287),
    "trafilatura 2.0.0": (0.958, 0.938, 0.978, 0.293),
    "newspaper4k 0.9.3.1": (0.949, 0.964, 0.934, 0.326),
    "readability_js 0.6.0": (0.947, 0.914, 0.982, 0.166),
    "readability 0.8.4.1": (0.922, 0.913, 0.931, 0.315),
    "goose3 3.1.20": (0.896, 0.940, 0.856, 0.232),
}

_TOKEN = re.compile(r"\w+")
SHINGLE = 4


def tokens(text: str) -> list[str]:
    return _TOKEN.findall(text or "")


def shingles(toks: list[str], n: int = SHINGLE) -> Counter[tuple[str, ...]]:
    return Counter(tuple(toks[i : i + n]) for i in range(max(len(toks) - n + 1, 0)))


@dataclass(slots=True)
class PageScore:
    tp: float
    fp: float
    fn: float
    exact: bool

    @property
    def precision(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp > 0 else None

    @property
    def recall(self) -> float | None:
        if self.fp == 0 and self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn > 0 else None


def score_page(truth: str, pred: str) -> PageScore:
    t_toks, p_toks = tokens(truth), tokens(pred)
    t_sh, p_sh = shingles(t_toks), shingles(p_toks)
    tp = sum((t_sh & p_sh).values())
    fp = sum((p_sh - t_sh).values())
    fn = sum((t_sh - p_sh).values())
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn, t_toks == p_toks)


@dataclass(slots=True)
class Figures:
    f1: float
    precision: float
    recall: float
    accuracy: float
    f1_std: float = 0.0


def _mean(values: Iterable[float | None]) -> float:
    vals = [v for v in values if v is not None]
    return sum(vals) / len(vals) if vals else 0.0


def aggregate(scores: list[PageScore], bootstrap: int = 0, seed: int = 0) -> Figures:
    def f1_of(sample: list[PageScore]) -> tuple[float, float, float]:
        p = _mean(s.precision for s in sample)
        r = _mean(s.recall for s in sample)
        return (2 * p * r / (p + r) if p + r else 0.0), p, r

    f1, p, r = f1_of(scores)
    acc = sum(s.exact for s in scores) / len(scores) if scores else 0.0
    std = 0.0
    if bootstrap and scores:
        rng = random.Random(seed)
        vals = [f1_of(rng.choices(scores, k=len(scores)))[0] for _ in range(bootstrap)]
        mean = sum(vals) / len(vals)
        std = (sum((v - mean) ** 2 for v in vals) / len(vals)) ** 0.5
    return Figures(f1, p, r, acc, std)


def load_pages(data: Path, limit: int | None = None) -> list[tuple[str, bytes, str, str]]:
    """``(item_id, html_bytes, url, truth)`` sorted by id; the first ``limit`` when given."""
    truth = json.loads((data / "ground-truth.json").read_text(encoding="utf-8"))
    out = []
    for key in sorted(truth)[: limit or None]:
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        out.append((key, html, truth[key].get("url") or "", truth[key]["articleBody"]))
    return out


@dataclass(slots=True)
class Extraction:
    """What one system read from one page: body text and the three metadata fields."""

    body: str = ""
    title: str | None = None
    authors: list[str] = field(default_factory=list)
    date: str | None = None


def claimgraph_page(html: bytes, url: str) -> Extraction:
    """What claimgraph's ingest layer reads from one HTML page (the ``claimgraph ingest`` path)."""
    from claimgraph.config import Settings
    from claimgraph.errors import InputError
    from claimgraph.ingest.html import html_document

    result = html_document(html, source=url or "<page>", url=url or None, settings=Settings())
    if isinstance(result, InputError):
        return Extraction()
    return Extraction(result.text, result.headline, list(result.authors or []), result.published)


def trafilatura_page(html: bytes, url: str) -> Extraction:
    """trafilatura with its defaults: ``extract()`` for the body (as the published tables ran it),
    ``bare_extraction(with_metadata=True)`` for title, author and date."""
    import trafilatura

    body = trafilatura.extract(html, url=url or None) or ""
    doc = trafilatura.bare_extraction(html, url=url or None, with_metadata=True)
    if doc is None:
        return Extraction(body)
    author = getattr(doc, "author", None)
    return Extraction(
        body, getattr(doc, "title", None), [author] if author else [], getattr(doc, "date", None)
    )


def claimgraph_body(html: bytes, url: str) -> str:
    """The body text claimgraph's ingest layer gives for one HTML page ('' on failure)."""
    return claimgraph_page(html, url).body


def trafilatura_body(html: bytes, url: str) -> str:
    """trafilatura's own ``extract()`` with its defaults, as the published table ran it."""
    import trafilatura

    return trafilatura.extract(html, url=url or None) or ""


def evaluate(
    pages: list[tuple[str, bytes, str, str]], system: Callable[[bytes, str], str]
) -> tuple[list[PageScore], float]:
    t0 = time.perf_counter()
    scores = [score_page(truth, system(html, url)) for _key, html, url, truth in pages]
    return scores, time.perf_counter() - t0


def _row(name: str, f: Figures, std: bool = True) -> str:
    pm = f" ± {f.f1_std:.3f}" if std else "        "
    return f"{name:<28} {f.f1:.3f}{pm}  {f.precision:.3f}  {f.recall:.3f}  {f.accuracy:.3f}"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the articles data folder")
    ap.add_argument("--limit", type=int, default=None, help="evaluate the first N pages (sorted by id)")
    args = ap.parse_args(argv)
    if not (args.data / "ground-truth.json").is_file():
        print(f"No ground-truth.json under {args.data}; pass --data DIR.", file=sys.stderr)
        return 2
    pages = load_pages(args.data, args.limit)
    ours, t_ours = evaluate(pages, claimgraph_body)
    base, t_base = evaluate(pages, trafilatura_body)
    f_ours, f_base = aggregate(ours, 1000), aggregate(base, 1000)
    print(f"article extraction, {len(pages)} pages ({args.data})")
    print(f"{'system':<28} F1              prec.  recall accuracy")
    print(_row("claimgraph ingest", f_ours) + f"   ({t_ours:.1f}s)")
    print(_row("trafilatura extract (this run)", f_base) + f"   ({t_base:.1f}s)")
    print("published (181 pages):")
    for name, (f1, p, r, acc) in PUBLISHED.items():
        print(_row(name, Figures(f1, p, r, acc), std=False))
    print(f"difference ours - trafilatura: {f_ours.f1 - f_base.f1:+.4f} F1")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
