"""Derive ``src/claimgraph/data/cue_lexicon.json`` from the PolNeAR *train* split.

For every lower-case word form, counts how often it occurs in the train articles and how
often it is the main word of an annotated cue (a cue of at most four words; function
words, auxiliaries and negation are not main words). Keeps word forms seen as a cue at
least ``--min-count`` times, with their precision (cue count / occurrences). Only these
derived counts are written, never text.

Usage: ``python bench/build_cue_lexicon.py [--min-count 4]``.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT.parent / "shared" / "data" / "polnear" / "train"
OUT = ROOT / "src" / "claimgraph" / "data" / "cue_lexicon.json"
_WORD = re.compile(r"[A-Za-z]+(?:[’'-][A-Za-z]+)*")
_FUNCTION = frozenset(
    """
    a an the to of in on at for with by as that this it its he she they we i you his her their
    our my be is are was were been being am have has had having do does did not n't no never
    will would can could may might shall should must also just still even only then so and or
    but about from up out into over said""".split()
) - {"said"}


def count(train: Path) -> tuple[Counter[str], Counter[str]]:
    """(occurrences, cue main-word occurrences) per lower-case word form."""
    occ: Counter[str] = Counter()
    cue: Counter[str] = Counter()
    for txt in sorted((train / "text").glob("*.txt")):
        anns = sorted((train / "attributions").glob(txt.stem + "_*.ann"))
        if not anns:
            continue
        text = txt.read_text(encoding="utf-8")
        occ.update(w.lower() for w in _WORD.findall(text))
        for line in anns[0].read_text(encoding="utf-8").splitlines():
            parts = line.split("\t")
            if len(parts) < 3 or not parts[1].startswith("Cue "):
                continue
            words = [w.lower() for w in _WORD.findall(parts[2])]
            main = [w for w in words if w not in _FUNCTION]
            if 0 < len(words) <= 4 and main:
                cue[main[-1] if len(main) == 1 else main[0]] += 1
    return occ, cue


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-count", type=int, default=4, help="least cue occurrences to keep a word")
    args = ap.parse_args(argv)
    occ, cue = count(TRAIN)
    lex = {
        w: {"cue": n, "seen": occ[w], "precision": round(n / occ[w], 3)}
        for w, n in sorted(cue.items())
        if n >= args.min_count and occ[w]
    }
    out = {"source": "PolNeAR v1.0.0 train split (derived counts only)", "min_count": args.min_count, "words": lex}
    OUT.write_text(json.dumps(out, indent=0, sort_keys=True) + "\n", encoding="utf-8")
    print(f"{len(lex)} word forms -> {OUT}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
