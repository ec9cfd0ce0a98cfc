"""TempEval-3 Task A bench: claimgraph's ``times`` step against TimeML gold TIMEX3s.

Reads the TimeML files of ``../shared/data/tempeval3/train/TBAQ-cleaned`` (or ``--data``),
runs ``Pipeline(names=("parse", "times"))`` on each document's ``<TEXT>`` with the DCT as
``document.published``, and prints the official TempEval-3 figures (as computed by the TE3
toolkit): strict and relaxed extent P/R/F1, type accuracy/F1 and value accuracy/F1
(value F1 = relaxed F1 x value accuracy over relaxed matches), beside the published
TE3-platinum figures of HeidelTime (77.61) and SUTime (67.38).

Splits (fixed, by file name, never by content):
  dev   = AQUAINT + every TimeBank file whose sorted index is divisible by 4
  train = the other TimeBank files (what the rules were developed on)

  gate  = every third file of dev (what tests/quality/test_gate_tempeval.py re-scores)

Values are compared as strings, as the official TE3 scorer does. The corpora disagree on
week numbers (TimeBank writes 1998-W08, AQUAINT 2000-W7; claimgraph writes ISO 2000-W07),
so a second value figure is printed with week numbers compared without leading zeros
("value F1, W7 = W07"); the gate and the baseline use the official string comparison.

Usage: python bench/eval_tempeval.py [--split dev|train|gate|all] [--limit N] [--errors]
  --errors prints every miss / spurious / extent / type / value error, then a count per kind.
"""

from __future__ import annotations

import argparse
import html
import re
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "tempeval3" / "train" / "TBAQ-cleaned"
PUBLISHED = {"HeidelTime-t": 77.61, "SUTime": 67.38}

_TAG = re.compile(r"<(/?)([A-Za-z0-9]+)([^>]*?)(/?)>")
_ATTR = re.compile(r'(\w+)="([^"]*)"')
_DCT = re.compile(r"<DCT>\s*<TIMEX3[^>]*value=\"([^\"]+)\"")
_BODY = re.compile(r"<TEXT>(.*?)</TEXT>", re.S)
_WEEK_ZERO = re.compile(r"-W0(\d)\b")


@dataclass(slots=True)
class GoldTimex:
    start: int
    end: int
    text: str
    type: str
    value: str


@dataclass(slots=True)
class TimeMLDoc:
    name: str
    dct: str | None
    text: str
    timexes: list[GoldTimex] = field(default_factory=list)


def read_timeml(path: Path) -> TimeMLDoc:
    """The plain ``<TEXT>`` of a TimeML file and its TIMEX3s as character offsets."""
    raw = path.read_text(encoding="utf-8")
    m = _DCT.search(raw)
    dct = m.group(1) if m else None
    body = _BODY.search(raw)
    src = body.group(1) if body else ""
    out: list[str] = []
    pos = 0
    length = 0
    open_timex: list[tuple[int, dict[str, str]]] = []
    golds: list[GoldTimex] = []
    for tag in _TAG.finditer(src):
        chunk = html.unescape(src[pos : tag.start()])
        out.append(chunk)
        length += len(chunk)
        pos = tag.end()
        closing, name = tag.group(1) == "/", tag.group(2)
        if name != "TIMEX3":
            continue
        if not closing:
            open_timex.append((length, dict(_ATTR.findall(tag.group(3)))))
        elif open_timex:
            start, attrs = open_timex.pop()
            golds.append(GoldTimex(start, length, "", attrs.get("type", ""), attrs.get("value", "")))
    out.append(html.unescape(src[pos:]))
    text = "".join(out)
    for g in golds:
        g.text = text[g.start : g.end]
    golds.sort(key=lambda g: g.start)
    return TimeMLDoc(path.stem, dct, text, golds)


def gate_files(data: Path) -> list[Path]:
    """The fixed subset the quality gate re-scores: every third file of the dev split."""
    return split_files(data, "dev")[::3]


def split_files(data: Path, split: str) -> list[Path]:
    """The fixed dev/train split described in the module docstring."""
    aquaint = sorted((data / "AQUAINT").glob("*.tml"))
    timebank = sorted((data / "TimeBank").glob("*.tml"))
    tb_dev = [p for i, p in enumerate(timebank) if i % 4 == 0]
    tb_train = [p for i, p in enumerate(timebank) if i % 4 != 0]
    if split == "dev":
        return aquaint + tb_dev
    if split == "train":
        return tb_train
    if split == "gate":
        return gate_files(data)
    return aquaint + timebank


@dataclass(slots=True)
class Counts:
    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed_gold: int = 0
    relaxed_sys: int = 0
    type_ok: int = 0
    value_ok: int = 0
    value_ok_weeknorm: int = 0
    errors: list[str] = field(default_factory=list)


def week_normalised(value: str) -> str:
    """``2000-W07`` -> ``2000-W7``: the bench's one documented value normalisation."""
    return _WEEK_ZERO.sub(r"-W\1", value)


def error_summary(errors: list[str]) -> str:
    """Counts of the error kinds (MISS, SPURIOUS, EXTENT, TYPE, VALUE) in ``errors``."""
    kinds: dict[str, int] = {}
    for line in errors:
        kind = line.split("\t")[1]
        kinds[kind] = kinds.get(kind, 0) + 1
    return "  errors: " + ", ".join(f"{k} {n}" for k, n in sorted(kinds.items()))


def _f1(p: float, r: float) -> float:
    return 2 * p * r / (p + r) if p + r else 0.0


def score_document(gold: TimeMLDoc, system: list[tuple[int, int, str, str]], c: Counts) -> None:
    """Add one document's matches to ``c`` (TE3 toolkit rules: relaxed = any overlap)."""
    c.gold += len(gold.timexes)
    c.system += len(system)
    used: set[int] = set()
    for g in gold.timexes:
        best = None
        for i, (s, e, _t, _v) in enumerate(system):
            if s < g.end and g.start < e and i not in used:
                best = i
                if s == g.start and e == g.end:
                    break
        if best is None:
            c.errors.append(f"{gold.name}\tMISS\t{g.text!r}\t{g.type}\t{g.value}")
            continue
        used.add(best)
        s, e, t, v = system[best]
        c.relaxed_gold += 1
        c.strict += s == g.start and e == g.end
        c.type_ok += t == g.type
        c.value_ok += v == g.value
        c.value_ok_weeknorm += week_normalised(v) == week_normalised(g.value)
        if v != g.value or t != g.type:
            kind = "VALUE" if v != g.value else "TYPE"
            c.errors.append(
                f"{gold.name}\t{kind}\t{g.text!r}->{gold.text[s:e]!r}\t{g.type}/{t}\t{g.value}/{v}"
            )
        elif (s, e) != (g.start, g.end):
            c.errors.append(f"{gold.name}\tEXTENT\t{g.text!r}->{gold.text[s:e]!r}")
    for i, (s, e, t, v) in enumerate(system):
        if i not in used:
            hit = any(s < g.end and g.start < e for g in gold.timexes)
            c.relaxed_sys += hit
            if not hit:
                c.errors.append(f"{gold.name}\tSPURIOUS\t{gold.text[s:e]!r}\t{t}\t{v}")
    c.relaxed_sys += len(used)


def figures(c: Counts) -> dict[str, float]:
    """Strict/relaxed P, R, F1 and type/value F1, in percent."""
    sp = c.strict / c.system if c.system else 0.0
    sr = c.strict / c.gold if c.gold else 0.0
    rp = c.relaxed_sys / c.system if c.system else 0.0
    rr = c.relaxed_gold / c.gold if c.gold else 0.0
    rf = _f1(rp, rr)
    type_acc = c.type_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    value_acc = c.value_ok / c.relaxed_gold if c.relaxed_gold else 0.0
    weeknorm_acc = c.value_ok_weeknorm / c.relaxed_gold if c.relaxed_gold else 0.0
    return {
        "strict_p": 100 * sp,
        "strict_r": 100 * sr,
        "strict_f1": 100 * _f1(sp, sr),
        "relaxed_p": 100 * rp,
        "relaxed_r": 100 * rr,
        "relaxed_f1": 100 * rf,
        "type_accuracy": 100 * type_acc,
        "type_f1": 100 * rf * type_acc,
        "value_accuracy": 100 * value_acc,
        "value_f1": 100 * rf * value_acc,
        "value_f1_weeknorm": 100 * rf * weeknorm_acc,
    }


def evaluate(paths: list[Path]) -> tuple[dict[str, float], Counts]:
    """Run claimgraph's ``times`` over ``paths`` and score it."""
    from claimgraph.ingest import make_info
    from claimgraph.models import Document
    from claimgraph.pipeline import Pipeline

    pipeline = Pipeline(names=("parse", "times"))
    golds = [read_timeml(p) for p in paths]
    docs = [Document(info=make_info(g.text, g.name, published=g.dct)) for g in golds]
    c = Counts()
    for g, d in zip(golds, pipeline.pipe(docs), strict=True):
        system = [(t.span.start, t.span.end, t.type, t.value) for t in d.times]
        score_document(g, system, c)
    return figures(c), c


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--split", choices=("dev", "train", "gate", "all"), default="dev")
    ap.add_argument("--limit", type=int, default=0)
    ap.add_argument("--errors", action="store_true", help="print every miss/mismatch")
    args = ap.parse_args(argv)
    if not args.data.is_dir():
        print(f"no TimeML data at {args.data}; pass --data", file=sys.stderr)
        return 2
    splits = ("dev", "train") if args.split == "all" else (args.split,)
    total = Counts()
    for split in splits:
        paths = split_files(args.data, split)
        if args.limit:
            paths = paths[: args.limit]
        t0 = time.perf_counter()
        fig, counts = evaluate(paths)
        took = time.perf_counter() - t0
        for name in (
            "gold",
            "system",
            "strict",
            "relaxed_gold",
            "relaxed_sys",
            "type_ok",
            "value_ok",
            "value_ok_weeknorm",
        ):
            setattr(total, name, getattr(total, name) + getattr(counts, name))
        if args.errors:
            print("\n".join(counts.errors))
            print(error_summary(counts.errors))
        print(f"TempEval-3 Task A, {split} split: {len(paths)} docs, {counts.gold} gold TIMEX3, {took:.1f}s")
        print(
            f"  strict   P {fig['strict_p']:.2f}  R {fig['strict_r']:.2f}  F1 {fig['strict_f1']:.2f}\n"
            f"  relaxed  P {fig['relaxed_p']:.2f}  R {fig['relaxed_r']:.2f}  F1 {fig['relaxed_f1']:.2f}\n"
            f"  type     acc {fig['type_accuracy']:.2f}  F1 {fig['type_f1']:.2f}\n"
            f"  value    acc {fig['value_accuracy']:.2f}  F1 {fig['value_f1']:.2f}"
            f"  (F1 with W7 = W07: {fig['value_f1_weeknorm']:.2f})"
        )
        published = ", ".join(f"{k} {v:.2f}" for k, v in PUBLISHED.items())
        print(f"  published value F1 on TE3 platinum test: {published}")
    if len(splits) > 1:
        fig = figures(total)
        print(
            f"All TBAQ ({total.gold} gold TIMEX3): strict F1 {fig['strict_f1']:.2f}, relaxed F1 "
            f"{fig['relaxed_f1']:.2f}, type F1 {fig['type_f1']:.2f}, value F1 {fig['value_f1']:.2f}"
            f" (W7 = W07: {fig['value_f1_weeknorm']:.2f})"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
