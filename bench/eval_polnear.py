"""PolNeAR attribution bench: source, cue and content span F1 beside CofeNet.

Data: ``../shared/data/polnear/cofenet_bio/valid.txt`` (CofeNet's sentence-level BIO
conversion of the PolNeAR *dev* articles; one JSON object a line with ``tokens`` and
``labels``). The test split is withheld; this bench never reads it.

How it scores (as CofeNet does, Wang et al. COLING 2022, Table 6):

* Each sentence is parsed by the project's spaCy model **on the gold tokens** (PTB quote
  tokens `````/``''`` are shown to spaCy as curly quotes), so predicted and gold spans
  share token boundaries.
* :func:`claimgraph.nlp.attribution.cues.find_attributions` (the rules the ``attribution`` step runs)
  yields cue, source and content token ranges; gold spans are the B-/I- runs of each type.
* PolNeAR annotation is univocal (a token has one role in at most one attribution), so a
  relation whose cue lies inside another relation's content or inside a quotation — kept
  by the pipeline as a nested claim — is left out of the comparison.
* **exact**: a predicted span counts when a gold span of the same type has the same start
  and end; micro P/R/F1 over all sentences.
* **overlap**: a predicted span counts when it shares at least one token with a gold span
  of the same type (each gold span matched once) — a lenient figure, reported beside.

Published (PolNeAR test, exact, F1): CofeNet 83.2 source / 75.3 cue / 72.9 content; the
rule-based baseline in the same table 10.7 / 22.8 / 5.6.

A second, document-level figure (``--standoff``) runs the real pipeline steps (parse,
entities, attribution) over each whole dev article and scores the relations' character
spans against the brat standoff files (``dev/attributions``, the first ``.ann`` of each
article; a discontinuous gold span counts as one span per fragment; whitespace at span
edges is ignored). No published system reports this figure; it shows what the pipeline
does on running text, with paragraphs and quotations that cross sentences.

Usage: ``python bench/eval_polnear.py [--limit N] [--standoff] [--json]``.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections.abc import Iterable
from pathlib import Path

from jsonl_rows import read_jsonl

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "polnear" / "cofenet_bio" / "valid.txt"
TYPES = ("source", "cue", "content")
PUBLISHED = {"CofeNet (BERT)": (83.2, 75.3, 72.9), "BERT-CRF": (82.2, 74.9, 71.0), "rule-based": (10.7, 22.8, 5.6)}
_PTB = {"``": "“", "''": "”", "-LRB-": "(", "-RRB-": ")", "-LSB-": "[", "-RSB-": "]", "-LCB-": "{", "-RCB-": "}"}

Spans = dict[str, set[tuple[int, int]]]


def load(path: Path = DATA, limit: int | None = None) -> list[dict]:
    """The sentences of the BIO file (the first ``limit`` when given)."""
    return read_jsonl(path, limit)


def gold_spans(labels: list[str]) -> Spans:
    """The B-/I- runs of each type as (start, end) token ranges."""
    out: Spans = {t: set() for t in TYPES}
    cur: str | None = None
    start = 0
    for i, lab in enumerate([*labels, "O"]):
        kind = lab[2:] if lab != "O" else None
        if cur is not None and (lab == "O" or lab.startswith("B-") or kind != cur):
            out[cur].add((start, i))
            cur = None
        if lab.startswith("B-") or (lab.startswith("I-") and cur is None):
            cur, start = kind, i
    return out


def predicted_spans(sdoc) -> Spans:
    """Cue, source and content ranges found by the attribution rules."""
    from claimgraph.nlp.attribution.cues import find_attributions, quote_ranges

    out: Spans = {t: set() for t in TYPES}
    all_quotes = quote_ranges(sdoc, sdoc[:])
    spoken: int | None = None
    for sent in sdoc.sents:
        quotes = [q for q in all_quotes if q[0] < sent.end + 2 and sent.start < q[1]]
        rels = find_attributions(sent, quotes)
        for rel in rels:
            if _nested(rel, rels, quotes):
                continue
            out["cue"].add(rel.cue)
            out["content"].add(rel.content)
            out["content"].update(rel.extra)
            if rel.quote and spoken is None:
                spoken = rel.content[0]
            if rel.source is not None:
                out["source"].add(rel.source)
    if spoken is not None:
        # a later quotation with no verb of its own continues the speaker's (as the step does)
        held = {i for t in ("content", "cue", "source") for a, b in out[t] for i in range(a, b)}
        out["content"].update(
            q for q in all_quotes if q[0] > spoken and not any(i in held for i in range(*q))
        )
    return out


def _nested(rel, rels: list, quotes: list[tuple[int, int]]) -> bool:
    """PolNeAR is univocal: a cue inside another relation's content or a quote is not annotated."""
    c = rel.cue[0]
    return any(o is not rel and o.content[0] <= c < o.content[1] for o in rels) or any(
        q[0] <= c < q[1] for q in quotes
    )


def parse(rows: list[dict]) -> Iterable:
    """spaCy docs built on the gold tokens, tagged and parsed by the project's model."""
    from spacy.tokens import Doc

    from claimgraph.nlp.model import load_nlp

    nlp = load_nlp()
    docs = (Doc(nlp.vocab, words=[_PTB.get(t, t) for t in r["tokens"]]) for r in rows)
    return nlp.pipe(docs, batch_size=64)


def _overlap_hits(pred: set[tuple[int, int]], gold: set[tuple[int, int]]) -> int:
    free = sorted(gold)
    hits = 0
    for p in sorted(pred):
        for g in free:
            if p[0] < g[1] and g[0] < p[1]:
                free.remove(g)
                hits += 1
                break
    return hits


def score(rows: list[dict]) -> dict[str, dict[str, dict[str, float]]]:
    """Micro P/R/F1 (percent) per span type, exact and overlap."""
    counts = {m: {t: [0, 0, 0] for t in TYPES} for m in ("exact", "overlap")}  # hit, pred, gold
    for row, sdoc in zip(rows, parse(rows), strict=True):
        gold = gold_spans(row["labels"])
        pred = predicted_spans(sdoc)
        for t in TYPES:
            for m in ("exact", "overlap"):
                c = counts[m][t]
                c[0] += len(pred[t] & gold[t]) if m == "exact" else _overlap_hits(pred[t], gold[t])
                c[1] += len(pred[t])
                c[2] += len(gold[t])
    return {m: {t: _prf(*counts[m][t]) for t in TYPES} for m in counts}


def _prf(hit: int, pred: int, gold: int) -> dict[str, float]:
    p = 100.0 * hit / pred if pred else 0.0
    r = 100.0 * hit / gold if gold else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"p": round(p, 1), "r": round(r, 1), "f1": round(f, 1)}


STANDOFF = DATA.parents[1] / "dev"
_GOLD_TYPES = {"Source": "source", "Cue": "cue", "Content": "content"}


def _gold_standoff(ann: Path, text: str) -> Spans:
    out: Spans = {t: set() for t in TYPES}
    for line in ann.read_text(encoding="utf-8").splitlines():
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].startswith("T"):
            continue
        label, _, offsets = parts[1].partition(" ")
        kind = _GOLD_TYPES.get(label)
        if kind is None:
            continue
        for frag in offsets.split(";"):
            a, b = (int(x) for x in frag.split())
            out[kind].add(_trim(text, a, b))
    return out


def _trim(text: str, a: int, b: int) -> tuple[int, int]:
    while a < b and text[a].isspace():
        a += 1
    while b > a and text[b - 1].isspace():
        b -= 1
    return (a, b)


def _predicted_standoff(doc) -> Spans:
    sdoc = doc.scratch["sdoc"]
    text = doc.text
    out: Spans = {t: set() for t in TYPES}

    def chars(r: tuple[int, int]) -> tuple[int, int]:
        return _trim(text, sdoc[r[0]].idx, sdoc[r[1] - 1].idx + len(sdoc[r[1] - 1]))

    for _, rels in doc.scratch["attribution_relations"]:
        for rel in rels:
            if _nested(rel, rels, []):
                continue
            out["cue"].add(chars(rel.cue))
            for r in (rel.content, *rel.extra):
                out["content"].add(chars(r))
            if rel.source is not None:
                out["source"].add(chars(rel.source))
    return out


def score_standoff(limit: int | None = None) -> dict[str, dict[str, dict[str, float]]]:
    """Document-level span P/R/F1 of the pipeline's relations against the standoff files."""
    from claimgraph.models import Document, DocumentInfo
    from claimgraph.pipeline import Pipeline

    pipe = Pipeline(names=("parse", "entities", "attribution"))
    texts = sorted((STANDOFF / "text").glob("*.txt"))[:limit]
    counts = {m: {t: [0, 0, 0] for t in TYPES} for m in ("exact", "overlap")}
    for path in texts:
        anns = sorted((STANDOFF / "attributions").glob(path.stem + "_*.ann"))
        if not anns:
            continue
        text = path.read_text(encoding="utf-8")
        doc = Document(info=DocumentInfo(id=path.stem, source=str(path), text=text))
        for st in pipe.steps:
            doc = st.batch([doc], pipe.settings)[0] if st.batch is not None else st.func(doc)
        gold = _gold_standoff(anns[0], text)
        pred = _predicted_standoff(doc)
        for t in TYPES:
            for m in counts:
                c = counts[m][t]
                c[0] += len(pred[t] & gold[t]) if m == "exact" else _overlap_hits(pred[t], gold[t])
                c[1] += len(pred[t])
                c[2] += len(gold[t])
    return {m: {t: _prf(*counts[m][t]) for t in TYPES} for m in counts}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--limit", type=int, default=None, help="score only the first N sentences")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--standoff", action="store_true", help="also score whole dev articles on the standoff files")
    args = ap.parse_args(argv)
    if not DATA.is_file():
        print(f"PolNeAR BIO file not found at {DATA}; put ../shared beside the repository.", file=sys.stderr)
        return 2
    rows = load(limit=args.limit)
    t0 = time.perf_counter()
    res = score(rows)
    secs = time.perf_counter() - t0
    standoff = score_standoff(args.limit and max(1, args.limit // 25)) if args.standoff else None
    if args.json:
        out = {"sentences": len(rows), "seconds": round(secs, 1), **res}
        if standoff is not None:
            out["standoff"] = standoff
        print(json.dumps(out, indent=2))
        return 0
    print(f"PolNeAR dev (CofeNet BIO valid), {len(rows)} sentences, {secs:.1f}s")
    print(f"{'system':<28}{'source':>8}{'cue':>8}{'content':>9}   (F1, %)")
    for m in ("exact", "overlap"):
        f = [res[m][t]["f1"] for t in TYPES]
        print(f"{'claimgraph rules, ' + m:<28}{f[0]:>8.1f}{f[1]:>8.1f}{f[2]:>9.1f}")
    for name, f in PUBLISHED.items():
        print(f"{name + ' (test, exact)':<28}{f[0]:>8.1f}{f[1]:>8.1f}{f[2]:>9.1f}")
    for m in ("exact", "overlap"):
        print(m, "P/R:", {t: (res[m][t]["p"], res[m][t]["r"]) for t in TYPES})
    if standoff is not None:
        print("document level (whole dev articles, standoff, no published figure):")
        for m in ("exact", "overlap"):
            f = [standoff[m][t]["f1"] for t in TYPES]
            print(f"{'claimgraph pipeline, ' + m:<28}{f[0]:>8.1f}{f[1]:>8.1f}{f[2]:>9.1f}")
            print("   P/R:", {t: (standoff[m][t]["p"], standoff[m][t]["r"]) for t in TYPES})
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
