"""Article extraction on two benchmarks side by side: WCXB dev articles and ScrapingHub.

claimgraph's ingest (``html_document``, the path ``claimgraph ingest page.html`` takes) and
trafilatura with its defaults (``extract()`` for the body, ``bare_extraction`` for title,
author and date) run on the same pages in the same process.

* WCXB (``../shared/data/wcxb-dev``, 300 dev pages of page type "article"): body by the
  benchmark's own metric as its SOURCE.md describes it: lower-cased ``\\w+`` tokens compared
  as bag-of-words Counters, P = overlap/|pred|, R = overlap/|truth|, F1 per page, each
  averaged over pages (an empty extraction scores 0). Title, author and date are accuracies
  over the pages whose ground truth has the field (WCXB describes no metric for them, so
  these are ours):

  - title: equal after case-folding and keeping only ``\\w+`` tokens;
  - author: the same set of name tokens (case-folded ``\\w+``, "and"/"by" left out), all
    authors of a page taken together;
  - date: the same calendar day (the first ``YYYY-MM-DD`` of the value).

* ScrapingHub (``../shared/data/articles``): body by its own 4-gram shingle metric
  (:mod:`eval_articles`); its ground truth has no title, author or date.

Run: ``python bench/eval_wcxb.py [--limit N] [--half first|second] [--sets wcxb,scrapinghub]``.
``--half`` keeps the first or second half of the WCXB pages (sorted by id), to check that a
rule tuned on one half holds on the other.
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import eval_articles
from eval_articles import Extraction, claimgraph_page, trafilatura_page

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "wcxb-dev"

#: Published dev-set F1 on the Article page type (SOURCE.md, upstream README).
PUBLISHED_ARTICLE_F1 = {
    "rs-trafilatura": 0.932,
    "MinerU-HTML (0.6B)": 0.928,
    "Trafilatura": 0.926,
    "dom-smoothie": 0.908,
    "Readability": 0.825,
}

_TOKEN = re.compile(r"\w+")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
_NAME_STOP = frozenset({"and", "by"})

System = Callable[[bytes, str], Extraction]


@dataclass(slots=True)
class WcxbPage:
    key: str
    html: bytes
    url: str
    truth: dict


def load_wcxb(data: Path, limit: int | None = None, half: str | None = None) -> list[WcxbPage]:
    """The WCXB pages sorted by id: the first ``limit``, or the ``first``/``second`` half."""
    keys = sorted(p.name.split(".")[0] for p in (data / "html").glob("*.html.gz"))
    if half:
        mid = len(keys) // 2
        keys = keys[:mid] if half == "first" else keys[mid:]
    out = []
    for key in keys[: limit or None]:
        record = json.loads((data / "ground-truth" / f"{key}.json").read_text(encoding="utf-8"))
        html = gzip.decompress((data / "html" / f"{key}.html.gz").read_bytes())
        out.append(WcxbPage(key, html, record.get("url") or "", record["ground_truth"]))
    return out


def word_prf(truth: str, pred: str) -> tuple[float, float, float]:
    """WCXB's per-page word-level precision, recall and F1 (bag of lower-cased ``\\w+`` tokens)."""
    t = Counter(_TOKEN.findall((truth or "").lower()))
    p = Counter(_TOKEN.findall((pred or "").lower()))
    if not t and not p:
        return 1.0, 1.0, 1.0
    overlap = sum((t & p).values())
    if not overlap:
        return 0.0, 0.0, 0.0
    prec, rec = overlap / sum(p.values()), overlap / sum(t.values())
    return prec, rec, 2 * prec * rec / (prec + rec)


def _norm(text: str | None) -> str:
    return " ".join(_TOKEN.findall((text or "").casefold()))


def title_match(truth: str, pred: str | None) -> bool:
    return bool(pred) and _norm(truth) == _norm(pred)


def author_match(truth: str, pred: list[str]) -> bool:
    names = {w for w in _TOKEN.findall(truth.casefold()) if w not in _NAME_STOP}
    got = {w for a in pred for w in _TOKEN.findall(a.casefold()) if w not in _NAME_STOP}
    return bool(got) and names == got


def date_match(truth: str, pred: str | None) -> bool:
    day = _DAY.search(pred or "")
    return day is not None and day.group(0) == truth[:10]


@dataclass(slots=True)
class WcxbFigures:
    f1: float
    precision: float
    recall: float
    title: float
    author: float
    date: float
    counts: tuple[int, int, int]  # pages with a title / author / date in the ground truth
    seconds: float = 0.0

    def to_dict(self) -> dict[str, float]:
        return {
            k: round(getattr(self, k), 4) for k in ("f1", "precision", "recall", "title", "author", "date")
        }


@dataclass(slots=True)
class PageResult:
    """One page's scores; ``None`` where the ground truth has no such field."""

    prf: tuple[float, float, float]
    title: bool | None
    author: bool | None
    date: bool | None


def score_wcxb_page(truth: dict, got: Extraction) -> PageResult:
    return PageResult(
        word_prf(truth.get("main_content") or "", got.body),
        title_match(truth["title"], got.title) if truth.get("title") else None,
        author_match(truth["author"], got.authors) if truth.get("author") else None,
        date_match(truth["publish_date"], got.date) if truth.get("publish_date") else None,
    )


def summarize(results: list[PageResult], seconds: float = 0.0) -> WcxbFigures:
    """Body P/R/F1 averaged over pages; each field's accuracy over the pages that have it."""
    n = len(results) or 1
    p, r, f = (sum(x.prf[i] for x in results) / n for i in range(3))
    fields = []
    for name in ("title", "author", "date"):
        hits = [getattr(x, name) for x in results if getattr(x, name) is not None]
        fields.append((sum(hits) / len(hits) if hits else 0.0, len(hits)))
    return WcxbFigures(
        f, p, r, fields[0][0], fields[1][0], fields[2][0], (fields[0][1], fields[1][1], fields[2][1]), seconds
    )


def evaluate_wcxb(pages: list[WcxbPage], system: System) -> tuple[list[PageResult], float]:
    """Per-page scores of ``system`` on ``pages`` and the seconds it took."""
    t0 = time.perf_counter()
    results = [score_wcxb_page(page.truth, system(page.html, page.url)) for page in pages]
    return results, time.perf_counter() - t0


def _wcxb_row(name: str, f: WcxbFigures) -> str:
    return (
        f"{name:<40} {f.f1:.3f}  {f.precision:.3f}  {f.recall:.3f}  "
        f"{f.title:.3f}  {f.author:.3f}  {f.date:.3f}   ({f.seconds:.1f}s)"
    )


def _articles_row(name: str, f: eval_articles.Figures, seconds: float) -> str:
    return (
        f"{name:<40} {f.f1:.3f}  {f.precision:.3f}  {f.recall:.3f}  "
        f"{'n/a':>5}  {'n/a':>5}  {'n/a':>5}   ({seconds:.1f}s)"
    )


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DEFAULT_DATA, help="the WCXB dev folder")
    ap.add_argument(
        "--articles", type=Path, default=eval_articles.DEFAULT_DATA, help="the ScrapingHub folder"
    )
    ap.add_argument("--sets", default="wcxb,scrapinghub", help="comma-separated: wcxb, scrapinghub")
    ap.add_argument("--limit", type=int, default=None, help="the first N pages of each set")
    ap.add_argument("--half", choices=("first", "second"), default=None, help="one half of WCXB")
    args = ap.parse_args(argv)
    sets = {s.strip() for s in args.sets.split(",") if s.strip()}
    header = f"{'system':<40} body F1 prec.  recall title  author date"
    if "wcxb" in sets:
        if not (args.data / "ground-truth").is_dir():
            print(f"No ground-truth/ under {args.data}; pass --data DIR.", file=sys.stderr)
            return 2
        pages = load_wcxb(args.data, args.limit, args.half)
        ours, t_ours = evaluate_wcxb(pages, claimgraph_page)
        base, t_base = evaluate_wcxb(pages, trafilatura_page)
        half = f", {args.half} half" if args.half else ""
        print(f"WCXB dev articles, {len(pages)} pages{half} ({args.data})")
        print(
            f"  word-level bag-of-words F1; title/author/date accuracy over {summarize(ours).counts} pages with each"
        )
        print(header)
        mid = len(pages) // 2
        parts = [("", slice(None))]
        if not args.half:
            parts += [
                (f" (pages 1-{mid})", slice(0, mid)),
                (f" (pages {mid + 1}-{len(pages)})", slice(mid, None)),
            ]
        for label, part in parts:
            f_ours, f_base = summarize(ours[part], t_ours), summarize(base[part], t_base)
            print(_wcxb_row("claimgraph ingest" + label, f_ours))
            print(_wcxb_row("trafilatura (this run)" + label, f_base))
            print(
                "  ours - trafilatura: "
                + ", ".join(
                    f"{k} {getattr(f_ours, k) - getattr(f_base, k):+.4f}"
                    for k in ("f1", "title", "author", "date")
                )
            )
        print(
            "published, dev Article type, body F1: "
            + ", ".join(f"{k} {v:.3f}" for k, v in PUBLISHED_ARTICLE_F1.items())
        )
        print()
    if "scrapinghub" in sets:
        if not (args.articles / "ground-truth.json").is_file():
            print(f"No ground-truth.json under {args.articles}; pass --articles DIR.", file=sys.stderr)
            return 2
        pages_sh = eval_articles.load_pages(args.articles, args.limit)
        ours_sh, t_ours = eval_articles.evaluate(pages_sh, eval_articles.claimgraph_body)
        base_sh, t_base = eval_articles.evaluate(pages_sh, eval_articles.trafilatura_body)
        f_ours, f_base = eval_articles.aggregate(ours_sh), eval_articles.aggregate(base_sh)
        print(f"ScrapingHub articles, {len(pages_sh)} pages ({args.articles})")
        print("  4-gram shingle F1 (the benchmark's metric); no title/author/date in its ground truth")
        print(header)
        print(_articles_row("claimgraph ingest", f_ours, t_ours))
        print(_articles_row("trafilatura extract (this run)", f_base, t_base))
        print(f"difference ours - trafilatura: f1 {f_ours.f1 - f_base.f1:+.4f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
