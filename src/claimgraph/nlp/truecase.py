"""Restoring case to case-less text (lower- or upper-case wire copy).

A first pass: sentence-initial capitals and the pronoun "I". The extraction issue
replaces this with a truecaser learned from cased news.
"""

from __future__ import annotations

import re


def needs_truecasing(text: str) -> bool:
    letters = [c for c in text[:5000] if c.isalpha()]
    if len(letters) < 40:
        return False
    upper = sum(c.isupper() for c in letters)
    share = upper / len(letters)
    return share < 0.01 or share > 0.9


_SENT_START = re.compile(r"(^|[.!?]\s+|\n\s*)([a-z])")


def truecase(text: str) -> str:
    t = text.lower()
    t = _SENT_START.sub(lambda m: m.group(1) + m.group(2).upper(), t)
    t = re.sub(r"\bi\b", "I", t)
    assert len(t) == len(text)
    return t
