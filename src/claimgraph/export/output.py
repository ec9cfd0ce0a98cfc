"""Where an export's bytes go: a file written atomically, or a caller's binary stream."""

from __future__ import annotations

import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import BinaryIO, TextIO


def is_path(target: object) -> bool:
    return isinstance(target, str | Path)


@contextmanager
def binary_output(target: str | Path | BinaryIO) -> Iterator[BinaryIO]:
    """A binary stream onto ``target``; a path is written to a temporary file then renamed,
    so a failed export never leaves a half-written file behind."""
    if not is_path(target):
        yield target  # type: ignore[misc]
        return
    path = Path(target)  # type: ignore[arg-type]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@contextmanager
def text_output(target: str | Path | BinaryIO, newline: str | None = "\n") -> Iterator[TextIO]:
    """A UTF-8 text stream onto ``target`` (see :func:`binary_output`)."""
    with binary_output(target) as raw:
        text = io.TextIOWrapper(raw, encoding="utf-8", newline=newline, write_through=False)
        try:
            yield text
            text.flush()
        finally:
            text.detach()
