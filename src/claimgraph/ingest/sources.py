"""Expanding INPUT arguments into documents (first pass: text files only)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from pathlib import Path

from ..config import Settings
from ..errors import EmptyInputError, InputError, UnsupportedInputError
from ..models import DocumentInfo
from .text import make_info


def read_inputs(inputs: Iterable[str], settings: Settings) -> Iterator[DocumentInfo | InputError]:
    for inp in inputs:
        p = Path(inp)
        if p.suffix != ".txt":
            yield UnsupportedInputError(inp, "unsupported input type")
            continue
        text = p.read_text(encoding="utf-8", errors="replace").strip()
        if not text:
            yield EmptyInputError(inp, "the file is empty")
            continue
        yield make_info(text, str(p), published=settings.published)
