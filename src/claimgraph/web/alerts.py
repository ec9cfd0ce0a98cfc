"""Recent watch alerts: the ``/alerts`` page and ``GET /api/alerts`` (see claimgraph.watch).

Alerts are written by ``claimgraph watch`` into the store's ``watch_alerts`` table; these
routes only read them, newest first.
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse

from ..watch.state import recent_alerts
from .api import bench_of

router = APIRouter()

#: Alerts the page lists (the API takes ``limit`` up to :data:`MAX_ALERTS`).
PAGE_ALERTS = 100
MAX_ALERTS = 1000


def _alerts(request: Request, limit: int) -> list[dict[str, Any]]:
    with bench_of(request).kb() as kb:
        return recent_alerts(kb, max(1, min(limit, MAX_ALERTS)))


@router.get("/api/alerts", tags=["api"], summary="Recent watch alerts, newest first")
def alerts_endpoint(request: Request, limit: int = Query(50, ge=1, le=MAX_ALERTS)) -> dict[str, Any]:
    return {"alerts": _alerts(request, limit)}


@router.get("/alerts", response_class=HTMLResponse, include_in_schema=False)
def alerts_page(request: Request) -> HTMLResponse:
    from .pages import render

    return render(request, "alerts.html", {"title": "Alerts", "alerts": _alerts(request, PAGE_ALERTS)})
