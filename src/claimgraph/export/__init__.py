"""Exporters, registered by name: ``jsonl``, ``csv``, ``graphml``, ``stix``, ``ftm``.

An exporter is a function ``(selection, target) -> counts`` registered with
:func:`register`, the way Datasette registers its output renderers: the built-in formats
use the same mechanism a plugin would. ``selection`` is a
:class:`~claimgraph.export.selection.Selection` (the whole store, or the subset a query
selected); ``target`` is a path or a writable binary stream.

::

    from claimgraph.export import export
    counts = export(kb, "stix", "bundle.json")                  # the whole store
    counts = export(kb, "jsonl", sys.stdout.buffer, view=kb.view(actor="Agil Aslanov"))
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib import import_module
from pathlib import Path
from typing import Any, BinaryIO

from ..errors import ExportError
from .selection import Selection

Target = str | Path | BinaryIO
ExportFunc = Callable[[Selection, Target], dict[str, int]]


@dataclass(frozen=True, slots=True)
class Exporter:
    """One registered output format."""

    name: str
    func: ExportFunc
    suffix: str
    media_type: str
    description: str


EXPORTERS: dict[str, Exporter] = {}

#: Modules holding the built-in exporters (imported on first use).
_BUILTIN_MODULES = (
    "claimgraph.export.jsonl",
    "claimgraph.export.tables",
    "claimgraph.export.graphml",
    "claimgraph.export.stix",
    "claimgraph.export.ftm",
)
_loaded = False


def register(
    name: str, *, suffix: str, media_type: str, description: str
) -> Callable[[ExportFunc], ExportFunc]:
    """Register the decorated function as the exporter called ``name``."""

    def deco(func: ExportFunc) -> ExportFunc:
        EXPORTERS[name] = Exporter(name, func, suffix, media_type, description)
        return func

    return deco


def _load_builtins() -> None:
    global _loaded
    if not _loaded:
        for module in _BUILTIN_MODULES:
            import_module(module)
        _loaded = True


def get_exporter(fmt: str) -> Exporter:
    """The exporter registered as ``fmt``; :class:`ExportError` naming the known ones if none."""
    _load_builtins()
    try:
        return EXPORTERS[fmt]
    except KeyError:
        known = ", ".join(sorted(EXPORTERS))
        raise ExportError(f"Unknown export format {fmt!r}. Known formats: {known}.") from None


def formats() -> list[str]:
    """Names of every registered format, sorted."""
    _load_builtins()
    return sorted(EXPORTERS)


def export(kb: Any, fmt: str, target: Target, view: Any = None, *, query: Any = None) -> dict[str, int]:
    """Write the store (or ``view``, the subset of a query) in format ``fmt`` to ``target``.

    ``target`` is a file path (for ``csv``: a directory, or a ``.zip`` file) or a writable
    binary stream. Returns how many records of each kind were written. ``query`` is an
    alias of ``view``.
    """
    exporter = get_exporter(fmt)
    selection = Selection(kb, view if view is not None else query)
    try:
        return exporter.func(selection, target)
    except (ExportError, BrokenPipeError):
        raise
    except OSError as exc:
        raise ExportError(f"Could not write the {fmt} export to {_describe(target)}: {exc}. "
                          "Check that the path is writable and the disk has room.") from exc


def _describe(target: Target) -> str:
    if isinstance(target, str | Path):
        return str(target)
    return getattr(target, "name", "the output stream")


__all__ = ["EXPORTERS", "Exporter", "Selection", "export", "formats", "get_exporter", "register"]
