"""The knowledge base: an embedded DuckDB store with cross-document resolution.

``KnowledgeBase`` is the one interface the CLI, the web app and the exporters use (see
docs/DEVELOPING.md). All writes go through :class:`claimgraph.kb.store.Writer`; the
schema is created by the named migrations in :mod:`claimgraph.kb.migrations`.
"""

from __future__ import annotations

from .catalog import ExportView
from .knowledge_base import IngestSummary, KnowledgeBase
from .queries import AmbiguousNameError
from .resolve_events import same_event

__all__ = ["AmbiguousNameError", "ExportView", "IngestSummary", "KnowledgeBase", "same_event"]
