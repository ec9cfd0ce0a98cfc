"""Restoring case to case-less text (all lower- or all upper-case wire copy, e.g. MUC-4).

A lookup truecaser: each word takes its most frequent cased form in cased news, from the
table ``claimgraph/data/truecase.tsv.gz`` (built by ``scripts/build_truecase.py``: words
whose majority casing, away from sentence starts, is not lower case, plus place names,
countries and demonyms from the gazetteer). Multi-word names from the table ("new york",
"san salvador") are matched first, longest first; a word the table does not know at all
(neither as a name nor as a common lower-case word) is capitalised when it stands next to
a capitalised name word ("joe biden", "rabbi shneor segal" after a known first name). Rules then capitalise sentence starts
and the pronoun "I". The output always has the input's length, so offsets into the
truecased text are offsets into the original.
"""

from __future__ import annotations

import gzip
import re
from functools import lru_cache
from importlib import resources

DATA_FILE = "truecase.tsv.gz"
_WORD = re.compile(r"[^\W\d_]+(?:[.'’&-][^\W\d_]+)*\.?")
_SENT_START = re.compile(r"(?:^|[.!?]['\"’”)]*\s+|\n\s*|[\"“]\s*)([^\W\d_])")


def needs_truecasing(text: str) -> bool:
    """True when the text has (almost) no case information: all lower or all upper."""
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 40:
        return False
    upper = sum(c.isupper() for c in letters)
    share = upper / len(letters)
    return share < 0.01 or share > 0.9


@lru_cache(maxsize=1)
def _tables() -> tuple[dict[str, str], dict[str, list[tuple[list[str], str]]]]:
    try:
        raw = resources.files("claimgraph.data").joinpath(DATA_FILE).read_bytes()
    except FileNotFoundError:  # pragma: no cover - the file ships with the package
        return {}, {}
    words: dict[str, str] = {}
    phrases: dict[str, list[tuple[list[str], str]]] = {}
    for line in gzip.decompress(raw).decode("utf-8").splitlines():
        low, _, cased = line.partition("\t")
        if not cased or len(low) != len(cased):
            continue
        parts = low.split(" ")
        if len(parts) == 1:
            words[low] = cased
        else:
            phrases.setdefault(parts[0], []).append((parts, cased))
    for lst in phrases.values():
        lst.sort(key=lambda p: -len(p[0]))
    return words, phrases


def _lower(text: str) -> str:
    """Lower case, character by character, keeping the length."""
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _apply(chars: list[str], start: int, cased: str) -> None:
    for k, ch in enumerate(cased):
        chars[start + k] = ch


#: capitalise words unknown to the table when next to a name ("joe biden" -> "Joe Biden")
CAPITALISE_UNKNOWN = True


def _capitalise_unknown(chars: list[str], toks: list[tuple[int, int, str]], named: list[bool], unknown: list[int]) -> None:
    """An unknown word beside a capitalised name word is taken for part of the name."""
    pending = set(unknown)
    changed = True
    while changed:
        changed = False
        for i in sorted(pending):
            near = [j for j in (i - 1, i + 1) if 0 <= j < len(toks) and named[j]]
            if near and all(" " == chars[min(toks[i][0], toks[j][0]) + len(toks[min(i, j)][2])] for j in near):
                chars[toks[i][0]] = chars[toks[i][0]].upper()
                named[i] = True
                pending.discard(i)
                changed = True


def truecase(text: str) -> str:
    """``text`` with likely casing restored; same length as ``text``."""
    low = _lower(text)
    words, phrases = _tables()
    chars = list(low)
    toks = [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low)]
    named = [False] * len(toks)
    unknown: list[int] = []
    i = 0
    while i < len(toks):
        s, e, w = toks[i]
        done = False
        for parts, cased in phrases.get(w.rstrip("."), ()):
            n = len(parts)
            if i + n <= len(toks):
                seg = low[s : toks[i + n - 1][1]]
                if seg == cased.lower() and " ".join(t[2].rstrip(".") for t in toks[i : i + n]) == " ".join(parts):
                    _apply(chars, s, cased)
                    named[i : i + n] = [True] * n
                    i += n
                    done = True
                    break
        if done:
            continue
        known = words.get(w) or words.get(w.rstrip("."))
        if known is not None:
            _apply(chars, s, known)
            named[i] = known[:1].isupper()
        elif words and len(w) >= 3 and w.isalpha():
            unknown.append(i)
        i += 1
    if CAPITALISE_UNKNOWN:
        _capitalise_unknown(chars, toks, named, unknown)
    out = "".join(chars)
    out = _SENT_START.sub(lambda m: m.group(0)[:-1] + m.group(1).upper(), out)
    out = re.sub(r"\bi\b", "I", out)
    assert len(out) == len(text)
    return out
