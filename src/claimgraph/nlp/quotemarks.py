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


def _within(ranges: list[tuple[int, int]], starts: list[int], x: int) -> tuple[int, int] | None:
    k = bisect_right(starts, x) - 1
    if k >= 0 and ranges[k][0] <= x < ranges[k][1]:
        return ranges[k]
    return None


class QuotedTokens:
    """Where a parsed text quotes someone (:func:`quoted_ranges`, marks included): by token
    index and by character offset."""

    def __init__(self, sdoc: Any) -> None:
        self.chars = quoted_ranges(sdoc.text)
        ranges: list[tuple[int, int]] = []
        for a, b in self.chars:
            span = sdoc.char_span(a, b, alignment_mode="expand")
            if span is not None:
                ranges.append((span.start, span.end))
        self.ranges = sorted(ranges)
        self._starts = [a for a, _ in self.ranges]
        self._char_starts = [a for a, _ in self.chars]

    def quote_of(self, i: int) -> tuple[int, int] | None:
        """The quotation (token range) token ``i`` lies in, or None."""
        return _within(self.ranges, self._starts, i)

    def quote_at(self, char: int) -> tuple[int, int] | None:
        """The quotation (character range) character ``char`` lies in, or None."""
        return _within(self.chars, self._char_starts, char)


def quoted_tokens(doc: Any) -> QuotedTokens:
    """The document's :class:`QuotedTokens`, found once (``scratch["quoted_tokens"]``) for
    coreference, attribution and the events."""
    got = doc.scratch.get("quoted_tokens")
    if got is None:
        got = doc.scratch["quoted_tokens"] = QuotedTokens(doc.scratch["sdoc"])
    return got


__all__ = ["QUOTE_RE", "QUOTE_CHARS", "quoted_ranges", "QuotedTokens", "quoted_tokens"]
