"""Turning inputs (files, directories, URLs, feeds, stdin) into cleaned documents.

:func:`read_inputs` is the one entry point: it yields, in input order, either a
:class:`~claimgraph.models.DocumentInfo` (cleaned body text plus metadata, ``id`` set) or
an :class:`~claimgraph.errors.InputError` naming the input that failed. It never raises
for a bad input, so the rest of a batch goes on.

Modules by concern: ``sources`` (expanding INPUT arguments, routing by name and content),
``decode`` (binary sniffing, capped gunzip, charsets), ``fetch`` (HTTP behind a
:class:`Transport`), ``safety`` (SSRF address rules), ``html`` (trafilatura + cleaning),
``textscrape`` (plain-text page scrapes), ``furniture`` (boilerplate lexicon and line
shapes), ``dates`` (datelines), ``jsonin`` (JSON / JSON Lines), ``feeds`` (RSS/Atom/JSON
Feed), ``text`` (:func:`make_info`, :func:`document_id`).
"""

from __future__ import annotations

from .fetch import Fetcher, HttpxTransport, Transport
from .sources import read_inputs
from .text import document_id, make_info

__all__ = ["read_inputs", "make_info", "document_id", "Fetcher", "HttpxTransport", "Transport"]
