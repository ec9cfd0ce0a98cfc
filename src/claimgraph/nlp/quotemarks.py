"""Quotation marks: where a text quotes someone, shared by coreference and attribution."""

from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any

#: A quotation: curly, angle, straight or low-high double quotes, on one line.
QUOTE_RE = re.compile(
    r"“[^“”\n]{1,2000}”|«[^«»\n]{1,2000}»|\"[^\"\n]{1,2000}\"|„[^„“\n]{1,2000}“"
    # two apostrophes open and close a quotation in some newspapers' copy (''We won,'' he said)
    r"|(?<![\w'])''(?=\S)(?:(?!'')[^\n]){1,2000}''(?!\w)"
)
QUOTE_CHARS = frozenset("“”«»\"„`'")


def quoted_ranges(text: str) -> list[tuple[int, int]]:
    """Character ranges (marks included) of the quotations of three words or more: a quoted
    word or name ("the “deal”") is the writer's, not someone else's speech."""
    return [(m.start(), m.end()) for m in QUOTE_RE.finditer(text) if len(m.group().split()) > 2]


class QuotedTokens:
    """Which tokens of a parsed text lie inside a quotation of :func:`quoted_ranges` (marks
    included), by token index."""

    def __init__(self, sdoc: Any) -> None:
        ranges: list[tuple[int, int]] = []
        for a, b in quoted_ranges(sdoc.text):
            span = sdoc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                ranges.append((span.start, span.end))
        self.ranges = sorted(ranges)
        self._starts = [a for a, _ in self.ranges]

    def quote_of(self, i: int) -> tuple[int, int] | None:
        """The quotation token ``i`` lies in, or None."""
        k = bisect_right(self._starts, i) - 1
        if k >= 0 and self.ranges[k][0] <= i < self.ranges[k][1]:
            return self.ranges[k]
        return None


__all__ = ["QUOTE_RE", "QUOTE_CHARS", "quoted_ranges", "QuotedTokens"]
