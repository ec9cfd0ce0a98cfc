"""Turning inputs (files, directories, URLs, feeds, stdin) into cleaned documents.

:func:`read_inputs` is the one entry point: it yields, in input order, either a
:class:`~claimgraph.models.DocumentInfo` (cleaned body text plus metadata, ``id`` set) or
an :class:`~claimgraph.errors.InputError` naming the input that failed. It never raises
for a bad input, so the rest of a batch goes on.
"""

from __future__ import annotations

from .sources import read_inputs
from .text import document_id, make_info

__all__ = ["read_inputs", "make_info", "document_id"]
