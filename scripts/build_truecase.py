"""Build ``src/claimgraph/data/truecase.tsv.gz``, the truecaser's word -> cased-form table.

Sources: (1) a casing *table* counted over cased news, here the BBC corpus in
``../shared/data/bbc`` (the table holds only words and their majority casing, never text):
a word is kept when, away from sentence starts, it is seen at least twice and its most
frequent form is not all lower case; words seen mostly in lower case are kept too, marked as known common words, so that the
truecaser can capitalise *unknown* words (mostly names); (2) the gazetteer's names (countries, US states,
cities of 15,000+, continents, regions) and demonyms, capitalised always.

``--holdout CATEGORY`` leaves that BBC category out of the table, and ``--eval`` then
measures NER on it: spaCy's entities on the original text are the reference; the score
is exact span+label F1 of spaCy on the lowered text, truecased, against it.

Run: ``python scripts/build_truecase.py --holdout tech --eval 60``
"""

from __future__ import annotations

import argparse
import gzip
import re
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BBC = ROOT.parent / "shared" / "data" / "bbc" / "bbc"
OUT = ROOT / "src" / "claimgraph" / "data" / "truecase.tsv.gz"
_WORD = re.compile(r"[^\W\d_]+(?:[.'’&-][^\W\d_]+)*\.?")
_SENT_END = re.compile(r"[.!?]['\"’”)]*$")


def _read(p: Path) -> str:
    return p.read_bytes().decode("utf-8", errors="replace")


def bbc_counts(skip: str | None) -> dict[str, Counter[str]]:
    forms: dict[str, Counter[str]] = defaultdict(Counter)
    for f in sorted(BBC.glob("*/*.txt")):
        if skip and f.parent.name == skip:
            continue
        for line in _read(f).splitlines()[2:]:
            prev_end = True
            for m in _WORD.finditer(line):
                w = m.group()
                if not prev_end:
                    forms[w.lower()][w] += 1
                gap = line[m.end() : m.end() + 3]
                prev_end = bool(_SENT_END.match(w)) or gap[:1] in ("!", "?", ":", '"')
    return forms


def gazetteer_names() -> dict[str, str]:
    from claimgraph.nlp.places.gazetteer import DEMONYMS, NORP_WORDS, REGIONS, gazetteer

    out: dict[str, str] = {}
    gaz = gazetteer()
    for p in gaz.by_id.values():
        if p.feature in ("country", "admin", "continent") or p.population >= 15000:
            out.setdefault(p.name.lower(), p.name)
    for _, name, _, _, _ in REGIONS.values():
        out.setdefault(name.lower(), name)
    for w in [*DEMONYMS, *NORP_WORDS]:
        if "-" not in w:
            out.setdefault(w, w.capitalize())
    return {k: v for k, v in out.items() if len(k) == len(v) and v != k}


def build(skip: str | None) -> dict[str, str]:
    table: dict[str, str] = {}
    for low, c in bbc_counts(skip).items():
        form, n = c.most_common(1)[0]
        total = sum(c.values())
        if total >= 2 and form != low and n >= 0.7 * total and len(form) == len(low):
            table[low] = form
        elif form == low and total >= 2:
            table[low] = low  # a known common word: stays lower case
    for low, cased in gazetteer_names().items():
        if " " in low or low not in table:
            table[low] = cased
    return table


def write(table: dict[str, str]) -> None:
    rows = "\n".join(f"{k}\t{v}" for k, v in sorted(table.items())) + "\n"
    OUT.write_bytes(gzip.compress(rows.encode("utf-8"), compresslevel=9, mtime=0))
    print(f"wrote {OUT} ({len(table)} entries, {OUT.stat().st_size / 1e6:.2f} MB)")


def evaluate(category: str, n: int) -> None:
    from claimgraph.nlp.entities.truecase import _lower, truecase
    from claimgraph.nlp.model import load_nlp

    nlp = load_nlp()
    files = sorted((BBC / category).glob("*.txt"))[:n]
    texts = [_read(f) for f in files]
    ref = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in nlp.pipe(texts)]
    for label, fn in (("lowered", _lower), ("lowered+truecased", lambda t: truecase(_lower(t)))):
        hyp = [{(e.start_char, e.end_char, e.label_) for e in d.ents} for d in nlp.pipe([fn(t) for t in texts])]
        tp = sum(len(r & h) for r, h in zip(ref, hyp, strict=True))
        p = tp / max(1, sum(map(len, hyp)))
        r = tp / max(1, sum(map(len, ref)))
        f = 2 * p * r / (p + r) if p + r else 0.0
        print(f"NER vs cased original ({category}, {n} docs), {label}: P {100 * p:.1f} R {100 * r:.1f} F1 {100 * f:.1f}")


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--holdout", default="tech", help="BBC category left out of the table")
    ap.add_argument("--eval", type=int, default=0, help="evaluate NER on N held-out documents")
    args = ap.parse_args()
    write(build(args.holdout))
    if args.eval:
        evaluate(args.holdout, args.eval)


if __name__ == "__main__":
    main()
