"""The progress bar of long ``ingest`` runs (both engines), drawn on stderr.

On a terminal it redraws one line at most ten times a second::

    ingest [##########..........]  120/240 documents  3.1 docs/s  2 errors  ETA 0:39

The total is an estimate counted from the inputs before the run (:func:`estimate_total`:
files of the supported kinds; a URL, feed, JSON Lines file or standard input may hold any
number of documents, so any of them makes it unknown); without one, or once the count
passes it, the line shows the count, rate and errors without a bar. When stderr is not a
terminal nothing is drawn: the command's summary line is all that is written.

The bar is called as ``bar(source, status)`` with ``status`` one of ``new``, ``known``,
``failed``: the :data:`claimgraph.kb.knowledge_base.Progress` callback both engines take.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterable
from pathlib import Path
from typing import TextIO

from ..ingest.sources import kind_of_name

#: Seconds between two redraws.
REDRAW_EVERY = 0.1
#: Width of the bar itself, in characters.
BAR_WIDTH = 20
#: File kinds that hold exactly one document.
_ONE_DOCUMENT = {"text", "html"}


def estimate_total(inputs: Iterable[str]) -> int | None:
    """How many documents ``inputs`` hold, when that is known from file names; else ``None``."""
    total = 0
    for inp in inputs:
        if inp == "-" or "://" in inp:
            return None
        path = Path(inp)
        if path.is_dir():
            files = [
                p for p in path.rglob("*")
                if p.is_file()
                and not any(part.startswith(".") for part in p.relative_to(path).parts)
                and kind_of_name(p.name) is not None
            ]
        else:
            files = [path]
        for f in files:
            if kind_of_name(f.name) not in _ONE_DOCUMENT:
                return None  # feeds, JSON (Lines), unknown kinds: any number of documents
            total += 1
    return total


def _clock(seconds: float) -> str:
    s = int(seconds)
    return f"{s // 3600}:{s % 3600 // 60:02d}:{s % 60:02d}" if s >= 3600 else f"{s // 60}:{s % 60:02d}"


class ProgressBar:
    """Documents done, rate and errors so far on a terminal; silent elsewhere."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None,
                 enabled: bool | None = None, label: str = "ingest") -> None:
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_terminal(self.stream) if enabled is None else enabled
        self.total = total if total else None
        self.label = label
        self.counts = {"new": 0, "known": 0, "failed": 0}
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._shown = False

    @property
    def done(self) -> int:
        return sum(self.counts.values())

    def __call__(self, source: str, status: str) -> None:
        self.counts[status] = self.counts.get(status, 0) + 1
        if not self.enabled:
            return
        now = time.monotonic()
        if now - self._drawn_at >= REDRAW_EVERY or self.done == self.total:
            self._drawn_at = now
            self._draw(self.line(now))

    def line(self, now: float | None = None) -> str:
        """The text of the progress line (no control characters)."""
        now = time.monotonic() if now is None else now
        done = self.done
        elapsed = max(now - self.started, 1e-6)
        rate = done / elapsed
        errors = self.counts.get("failed", 0)
        err = f"{errors} error" + ("" if errors == 1 else "s")
        if self.total is not None and done <= self.total:
            filled = int(BAR_WIDTH * done / self.total)
            bar = "#" * filled + "." * (BAR_WIDTH - filled)
            eta = f"  ETA {_clock((self.total - done) / rate)}" if rate > 0 and done < self.total else ""
            return f"{self.label} [{bar}] {done:>{len(str(self.total))}}/{self.total} documents  " \
                   f"{rate:.1f} docs/s  {err}{eta}"
        return f"{self.label} {done} documents  {rate:.1f} docs/s  {err}  {_clock(elapsed)}"

    def _draw(self, text: str) -> None:
        self.stream.write("\r\x1b[K" + text)
        self.stream.flush()
        self._shown = True

    def clear(self) -> None:
        """Take the line away (before another message is written, and at the end)."""
        if self._shown:
            self.stream.write("\r\x1b[K")
            self.stream.flush()
            self._shown = False

    def finish(self) -> None:
        self.clear()


def _is_terminal(stream: TextIO) -> bool:
    try:
        return stream.isatty()
    except (AttributeError, ValueError):
        return False
