"""The analyst's workbench: web pages and the HTTP API over the knowledge base.

``create_app(db_path=None, token=None)`` builds the FastAPI app that ``claimgraph serve``
runs with uvicorn. Modules: ``app`` (factory, shared state, errors), ``api`` (JSON
endpoints under /api), ``pages`` (server-rendered pages), ``security`` (token, host,
cross-site and size guards, headers), ``jobs`` (ingest jobs), ``highlight`` and
``graphics`` (the article view and the dossier's SVG pictures).
"""

from __future__ import annotations

from .app import create_app

__all__ = ["create_app"]
