"""The workbench's pages, rendered on the server with Jinja2 (autoescape on).

Pages only read the store through the knowledge-base interface and hand plain data to
the templates; every piece of article text reaches the browser escaped.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

import jinja2
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from starlette.templating import Jinja2Templates

from ..errors import NotFoundError
from ..models import STATUSES
from .api import bench_of, event_filters, export_formats, inputs_from_form
from .app import TEMPLATES
from .graphics import network_from_related, network_picture, timeline_picture
from .highlight import chain_text, marks_of, segments
from .security import CSRF_COOKIE, csrf_cookie_header, new_csrf_token, parse_cookies

router = APIRouter(include_in_schema=False)

#: Rows of events and documents a dossier page lists (the rest via /events?actor=).
MAX_DOSSIER_ROWS = 300

_env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(TEMPLATES)), autoescape=True,
                          trim_blocks=True, lstrip_blocks=True)
_env.filters["chain"] = chain_text
templates = Jinja2Templates(env=_env)

EVENT_TYPES = ("AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
               "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
               "RECRUIT", "SURVEIL")


def render(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    """Render a page; make sure the browser holds a CSRF cookie the forms can echo."""
    token = parse_cookies(request.headers.get("cookie")).get(CSRF_COOKIE)
    fresh = token is None
    token = token or new_csrf_token()
    ctx = {"csrf_token": token, "statuses": STATUSES, "path": request.url.path, **context}
    response = templates.TemplateResponse(request, name, ctx, status_code=status)
    if fresh:
        response.headers.append("set-cookie", csrf_cookie_header(token))
    response.headers["cache-control"] = "no-store"
    return response


def render_error(request: Request, status: int, message: str) -> HTMLResponse:
    return render(request, "error.html", {"status": status, "message": message, "title": f"Error {status}"}, status)


# -- home, search ----------------------------------------------------------------------------
@router.get("/", response_class=HTMLResponse)
def home(request: Request) -> HTMLResponse:
    with bench_of(request).kb() as kb:
        ctx = {"documents": kb.documents(limit=12), "top_events": kb.top_events(limit=10),
               "top_actors": kb.top_actors(limit=12), "stats": kb.stats()}
    return render(request, "home.html", {"title": "claimgraph", **ctx})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: str = "") -> HTMLResponse:
    q = q.strip()[:500]
    results: dict[str, Any] = {"actors": [], "events": [], "documents": []}
    if q:
        with bench_of(request).kb() as kb:
            results = kb.search(q, limit=25)
    return render(request, "search.html", {"title": f"Search: {q}", "q": q, "results": results})


# -- document -------------------------------------------------------------------------------------
@router.get("/documents/{doc_id}", response_class=HTMLResponse)
def document(request: Request, doc_id: str) -> HTMLResponse:
    with bench_of(request).kb() as kb:
        rec = kb.document(doc_id)
    return render(request, "document.html", document_context(rec))


def document_context(rec: dict[str, Any]) -> dict[str, Any]:
    info = rec.get("document") or {}
    entities = {e["id"]: e for e in rec.get("entities") or []}
    claims = {c["id"]: c for c in rec.get("claims") or []}
    segs = segments(info.get("text") or "", marks_of(rec), claims)
    kb_events = event_ids(rec)
    events = [event_card(v, entities, claims, actor_ids(rec), kb_events.get(v["id"])) for v in rec.get("events") or []]
    opinions = [c for c in claims.values() if c.get("kind") == "opinion"]
    return {"title": info.get("headline") or info.get("source") or "Document", "info": info,
            "segments": segs, "events": events, "entities": sorted(entities.values(), key=_entity_order),
            "claims": list(claims.values()), "opinions": opinions, "actor_ids": actor_ids(rec)}


def _entity_order(e: dict[str, Any]) -> tuple[int, int, str]:
    return (0 if e.get("named", True) else 1, -len(e.get("mentions") or []), str(e.get("name")))


def actor_ids(rec: dict[str, Any]) -> dict[str, str]:
    """Document entity id -> knowledge-base actor id (the store's ``kb.actors`` map)."""
    return {str(k): str(v) for k, v in ((rec.get("kb") or {}).get("actors") or {}).items()}


def event_ids(rec: dict[str, Any]) -> dict[str, str]:
    """Document event id -> knowledge-base event id."""
    return {str(k): str(v) for k, v in ((rec.get("kb") or {}).get("events") or {}).items()}


def event_card(v: dict[str, Any], entities: dict[str, Any], claims: dict[str, Any],
               actors: dict[str, str], kb_event: str | None = None) -> dict[str, Any]:
    claim = claims.get(v.get("claim") or "") or {}
    place = entities.get(v.get("location") or "")
    parts = []
    for p in v.get("participants") or []:
        ent = entities.get(p.get("entity")) or {}
        parts.append({"role": p.get("role"), "name": ent.get("name") or p.get("entity"),
                      "type": ent.get("type"), "actor": actors.get(str(p.get("entity")))})
    return {"id": v["id"], "type": v.get("type"), "mode": v.get("mode"), "status": v.get("status") or "unknown",
            "trigger": (v.get("trigger") or {}).get("text"), "participants": parts,
            "time": v.get("time"), "amount": v.get("amount"),
            "place": place.get("name") if place else None, "claim": claim,
            "chain": chain_text(claim.get("chain") or []), "opinion": claim.get("kind") == "opinion",
            "kb_event": kb_event}


# -- actor dossier ------------------------------------------------------------------------------
@router.get("/actors/{actor}", response_class=HTMLResponse)
def actor(request: Request, actor: str) -> HTMLResponse:
    with bench_of(request).kb() as kb:
        try:
            dossier = kb.actor(actor)
        except NotFoundError as exc:
            candidates = getattr(exc, "candidates", None)
            if not candidates:
                raise
            return render(request, "choose.html", {"title": f"Which {actor}?", "name": actor,
                                                   "candidates": candidates, "message": str(exc)})
        if "related_actors" in dossier:
            net = network_from_related(dossier["actor"], dossier["related_actors"] or [])
        else:
            net = kb.network(str(dossier["actor"].get("id")), depth=1)
    events = dossier.get("events") or []
    ctx = {"title": dossier["actor"].get("name"), "dossier": dossier, "a": dossier["actor"],
           "events": events[:MAX_DOSSIER_ROWS], "n_events": dossier.get("events_total", len(events)),
           "n_documents": dossier.get("documents_total", len(dossier.get("documents") or [])),
           "documents": (dossier.get("documents") or [])[:MAX_DOSSIER_ROWS], "timeline": timeline_picture(events), "network": network_picture(net),
           "net": net, "contested": sum(1 for e in events if e.get("contested")),
           "formats": export_formats()}
    return render(request, "actor.html", ctx)


# -- events -------------------------------------------------------------------------------------
@router.get("/events", response_class=HTMLResponse)
def events(request: Request, actor: str = "", type: str = "", status: str = "", since: str = "",
           until: str = "", min_sources: str = "", page: int = 1) -> HTMLResponse:
    try:
        min_src = int(min_sources) if min_sources.strip() else None
    except ValueError as exc:
        raise HTTPException(400, "Minimum sources must be a whole number.") from exc
    if status and status not in STATUSES:
        raise HTTPException(400, f"Unknown status {status!r}; use one of {', '.join(STATUSES)}.")
    filters = event_filters(actor, type, status, since, until, min_src)
    per_page, page = 50, max(1, page)
    with bench_of(request).kb() as kb:
        rows = kb.events(**filters, limit=per_page + 1, offset=(page - 1) * per_page)
    form = {"actor": actor, "type": type, "status": status, "since": since, "until": until,
            "min_sources": min_sources}
    query = {k: v for k, v in form.items() if v}
    return render(request, "events.html", {
        "title": "Events", "rows": rows[:per_page], "form": form, "event_types": EVENT_TYPES, "page": page,
        "next": f"/events?{urlencode({**query, 'page': page + 1})}" if len(rows) > per_page else None,
        "prev": f"/events?{urlencode({**query, 'page': page - 1})}" if page > 1 else None})


@router.get("/events/{event_id}", response_class=HTMLResponse)
def event(request: Request, event_id: str) -> HTMLResponse:
    with bench_of(request).kb() as kb:
        ev = kb.event(event_id)
    return render(request, "event.html", {"title": f"{ev.get('type')} event", "ev": ev})


# -- add, jobs ------------------------------------------------------------------------------
@router.get("/add", response_class=HTMLResponse)
def add_form(request: Request) -> HTMLResponse:
    return render(request, "add.html", {"title": "Add articles"})


@router.post("/add")
async def add_submit(request: Request) -> Response:
    items = await inputs_from_form(request)
    job = bench_of(request).jobs.submit(items)
    return RedirectResponse(f"/jobs/{job.id}", status_code=303)


@router.get("/jobs/{job_id}", response_class=HTMLResponse)
def job_page(request: Request, job_id: str) -> HTMLResponse:
    job = bench_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"No ingest job {job_id!r}; jobs are kept only while the server runs.")
    return render(request, "job.html", {"title": "Ingesting", "job": job.to_dict()})


# -- export, docs -------------------------------------------------------------------------------
@router.get("/export", response_class=HTMLResponse)
def export_page(request: Request, actor: str = "") -> HTMLResponse:
    return render(request, "export.html", {"title": "Export", "formats": export_formats(), "actor": actor})


@router.get("/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    endpoints = []
    for path, ops in schema.get("paths", {}).items():
        for method, op in ops.items():
            params = [{"name": p.get("name"), "in": p.get("in"), "required": p.get("required", False),
                       "type": (p.get("schema") or {}).get("type", "")} for p in op.get("parameters", [])]
            content = (op.get("requestBody") or {}).get("content") or {}
            body = sorted({k for c in content.values() for k in (c.get("schema") or {}).get("properties", {})})
            endpoints.append({"method": method.upper(), "path": path, "summary": op.get("summary", ""),
                              "params": params, "body": body, "types": list(content)})
    return render(request, "apidocs.html", {"title": "HTTP API", "endpoints": endpoints})
