"""The HTTP API under ``/api``: the CLI's commands as JSON endpoints.

Errors are ``{"error": {"code", "message"}}`` with 400 (bad input), 403 (token or
cross-site), 404 (unknown id), 413 (too large) or 415 (wrong content type).
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from dataclasses import replace
from typing import Any, TypedDict

from fastapi import APIRouter, HTTPException, Query, Request
from fastapi.responses import FileResponse, JSONResponse
from starlette.background import BackgroundTask
from starlette.datastructures import UploadFile

from ..errors import ExportError, InputTooLargeError
from .app import Workbench
from .jobs import ANALYSIS_LOCK, JobInput
from .security import CSRF_FIELD, csrf_ok, needs_csrf

router = APIRouter(prefix="/api", tags=["api"])

#: The formats the contract promises (the registry may hold more).
EXPORT_FORMATS = ("stix", "jsonl", "csv", "graphml", "ftm")
MAX_LIMIT = 1000
MAX_INPUTS = 100


def bench_of(request: Request) -> Workbench:
    return request.app.state.bench


def _limit(limit: int) -> int:
    return max(1, min(limit, MAX_LIMIT))


# -- request bodies ---------------------------------------------------------------------
def _content_type(request: Request) -> str:
    return request.headers.get("content-type", "").split(";")[0].strip().lower()


async def read_json(request: Request) -> dict[str, Any]:
    """The JSON object body, or 415/400 with a message that says what to send."""
    if _content_type(request) != "application/json":
        raise HTTPException(415, "Send a JSON object with Content-Type: application/json.")
    try:
        body = json.loads(await request.body() or b"null")
    except (ValueError, UnicodeDecodeError) as exc:
        raise HTTPException(400, f"The body is not valid JSON ({exc}).") from exc
    except RecursionError as exc:
        raise HTTPException(
            400, 'The body\'s JSON is nested too deeply; send a flat object, e.g. {"text": "..."}.'
        ) from exc
    if not isinstance(body, dict):
        raise HTTPException(400, "The body must be a JSON object, e.g. {\"text\": \"...\"}.")
    return body


def check_text(request: Request, text: Any, field_name: str = "text") -> str:
    if not isinstance(text, str):
        raise HTTPException(400, f"'{field_name}' must be a string.")
    limit = request.app.state.max_text_chars
    if len(text) > limit:
        raise InputTooLargeError(field_name, f"the text has {len(text):,} characters; the limit is {limit:,}")
    if not text.strip():
        raise HTTPException(400, f"'{field_name}' is empty; give an article body to analyze.")
    return text


def check_url(url: Any) -> str:
    if not isinstance(url, str) or not url.lower().startswith(("http://", "https://")):
        raise HTTPException(400, "'url' must be an http:// or https:// address.")
    return url.strip()


class _InputMeta(TypedDict):
    """Metadata given with pasted text, as :class:`JobInput` takes it."""

    published: str | None
    headline: str | None
    publisher: str | None


def _meta_str(body: Mapping[str, Any], key: str) -> str | None:
    value = body.get(key)
    if value is not None and not isinstance(value, str):
        raise HTTPException(400, f"'{key}' must be a string.")
    return value or None


def _meta(body: dict[str, Any]) -> _InputMeta:
    return _InputMeta(
        published=_meta_str(body, "published"),
        headline=_meta_str(body, "headline"),
        publisher=_meta_str(body, "publisher"),
    )


def inputs_from_json(request: Request, body: dict[str, Any]) -> list[JobInput]:
    """``{"text"}``, ``{"texts": [str | {"text", ...}]}``, ``{"url"}``, ``{"urls": [...]}``."""
    items: list[JobInput] = []
    meta = _meta(body)
    if body.get("text") is not None:
        items.append(JobInput("text", "pasted text", text=check_text(request, body["text"]), **meta))
    for i, t in enumerate(body.get("texts") or []):
        if isinstance(t, dict):
            items.append(JobInput("text", str(t.get("source") or f"text {i + 1}"),
                                  text=check_text(request, t.get("text"), f"texts[{i}].text"), **_meta(t)))
        else:
            items.append(JobInput("text", f"text {i + 1}", text=check_text(request, t, f"texts[{i}]"), **meta))
    urls = list(body.get("urls") or []) + ([body["url"]] if body.get("url") else [])
    items.extend(JobInput("url", check_url(u), url=check_url(u), published=meta["published"]) for u in urls)
    return _checked(items)


async def inputs_from_form(request: Request) -> list[JobInput]:
    """The Add form: ``text`` (pasted), ``files`` (uploads), ``urls`` (one a line)."""
    form = await request.form(max_files=MAX_INPUTS, max_fields=50, max_part_size=request.app.state.max_body)
    if needs_csrf(dict(request.headers)) and not csrf_ok(dict(request.headers), _str(form.get(CSRF_FIELD))):
        raise HTTPException(403, "The form's CSRF token is missing or stale; reload the page and send it again.")
    meta = _InputMeta(
        published=_str(form.get("published")) or None,
        headline=_str(form.get("headline")) or None,
        publisher=_str(form.get("publisher")) or None,
    )
    items: list[JobInput] = []
    text = _str(form.get("text"))
    if text.strip():
        items.append(JobInput("text", "pasted text", text=check_text(request, text), **meta))
    for upload in form.getlist("files"):
        if isinstance(upload, UploadFile) and upload.filename:
            items.append(JobInput("file", upload.filename, data=await upload.read(), published=meta["published"]))
    for line in _str(form.get("urls")).splitlines():
        if line.strip():
            items.append(JobInput("url", line.strip(), url=check_url(line.strip()), published=meta["published"]))
    return _checked(items)


def _str(value: Any) -> str:
    return value if isinstance(value, str) else ""


def _checked(items: list[JobInput]) -> list[JobInput]:
    if not items:
        raise HTTPException(400, "Nothing to ingest: give text, a file or a URL.")
    if len(items) > MAX_INPUTS:
        raise HTTPException(400, f"At most {MAX_INPUTS} inputs at once; split the batch.")
    return items


# -- analyze & ingest ---------------------------------------------------------------------
def _body(properties: dict[str, str], *types: str) -> dict[str, Any]:
    schema = {"type": "object", "properties": {k: {"type": v} for k, v in properties.items()}}
    return {"requestBody": {"required": True, "content": {t: {"schema": schema} for t in types}}}


_META = {"published": "string", "headline": "string", "publisher": "string"}


@router.post("/analyze", summary="Analyze text or a URL without storing; returns the document record",
             openapi_extra=_body({"text": "string", "url": "string", **_META}, "application/json", "text/plain"))
async def analyze_endpoint(request: Request) -> JSONResponse:
    bench = bench_of(request)
    if _content_type(request) == "text/plain":
        if needs_csrf(dict(request.headers)) and not csrf_ok(dict(request.headers), None):
            raise HTTPException(403, "Send the X-CSRF-Token header with text/plain bodies from a browser.")
        body: dict[str, Any] = {"text": (await request.body()).decode("utf-8", errors="replace")}
    else:
        body = await read_json(request)
    if body.get("text") is None and not body.get("url"):
        raise HTTPException(400, "Give 'text' (the article body) or 'url' to analyze.")
    meta = _meta(body)
    from starlette.concurrency import run_in_threadpool

    if body.get("text") is not None:
        text = check_text(request, body["text"])
        doc = await run_in_threadpool(_analyze_text, bench, text, meta)
    else:
        doc = await run_in_threadpool(_analyze_url, bench, check_url(body["url"]), meta)
    return JSONResponse(doc.to_dict())


def _analyze_text(bench: Workbench, text: str, meta: _InputMeta) -> Any:
    from ..api import analyze

    with ANALYSIS_LOCK:
        return analyze(text, source="api", settings=bench.settings, **meta)


def _analyze_url(bench: Workbench, url: str, meta: _InputMeta) -> Any:
    from ..api import analyze_inputs

    settings = replace(bench.settings, allow_private=False, published=meta["published"] or bench.settings.published)
    with ANALYSIS_LOCK:
        outcomes = list(analyze_inputs([url], settings=settings))
    if not outcomes:
        raise HTTPException(400, f"{url}: nothing to analyze there.")
    if outcomes[0].error is not None:
        raise outcomes[0].error
    return outcomes[0].document


@router.post("/ingest", status_code=202, summary="Analyze and store texts, URLs or uploaded files (a job)",
             openapi_extra=_body({"text": "string", "texts": "array", "url": "string", "urls": "array", "files": "array", **_META},
                                 "application/json", "multipart/form-data"))
async def ingest_endpoint(request: Request, wait: bool = False) -> JSONResponse:
    if _content_type(request) in ("multipart/form-data", "application/x-www-form-urlencoded"):
        items = await inputs_from_form(request)
    else:
        items = inputs_from_json(request, await read_json(request))
    bench = bench_of(request)
    job = bench.jobs.submit(items)
    if wait:
        from starlette.concurrency import run_in_threadpool

        await run_in_threadpool(bench.jobs.wait, job)
        return JSONResponse(job.to_dict(), status_code=200)
    return JSONResponse({**job.to_dict(), "poll": f"/api/jobs/{job.id}"}, status_code=202,
                        headers={"Location": f"/api/jobs/{job.id}"})


@router.get("/jobs/{job_id}", summary="Progress of an ingest job")
def job_endpoint(request: Request, job_id: str) -> dict[str, Any]:
    job = bench_of(request).jobs.get(job_id)
    if job is None:
        raise HTTPException(404, f"No ingest job {job_id!r}; jobs are kept only while the server runs.")
    return job.to_dict()


# -- the knowledge base -----------------------------------------------------------------
@router.get("/documents", summary="Stored documents, newest first")
def documents_endpoint(request: Request, q: str | None = None, limit: int = 50, offset: int = 0) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return {"documents": kb.documents(limit=_limit(limit), offset=max(0, offset), query=q or None)}


@router.get("/documents/{doc_id}", summary="One stored document record")
def document_endpoint(request: Request, doc_id: str) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.document(doc_id)


@router.get("/actors", summary="Actors matching a name, best first")
def actors_endpoint(request: Request, q: str = Query("", max_length=500), limit: int = 20) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        if not q.strip():
            return {"actors": kb.top_actors(limit=_limit(limit))}
        return {"actors": kb.find_actors(q, limit=_limit(limit))}


@router.get("/actors/{actor}", summary="An actor's dossier (by id or name)")
def actor_endpoint(request: Request, actor: str) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.actor(actor)


def event_filters(actor: str | None, type: str | None, status: str | None, since: str | None,
                  until: str | None, min_sources: int | None) -> dict[str, Any]:
    return {"actor": actor or None, "type": (type or None) and type.upper(), "status": status or None,
            "since": since or None, "until": until or None, "min_sources": min_sources}


@router.get("/events", summary="Events, newest first, filtered")
def events_endpoint(request: Request, actor: str | None = None, type: str | None = None,
                    status: str | None = None, since: str | None = None, until: str | None = None,
                    min_sources: int | None = None, limit: int = 100, offset: int = 0) -> dict[str, Any]:
    filters = event_filters(actor, type, status, since, until, min_sources)
    with bench_of(request).kb() as kb:
        return {"events": kb.events(**filters, limit=_limit(limit), offset=max(0, offset))}


@router.get("/events/{event_id}", summary="One event with its sources")
def event_endpoint(request: Request, event_id: str) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.event(event_id)


@router.get("/timeline", summary="Events in time order")
def timeline_endpoint(request: Request, actor: str | None = None) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return {"events": kb.timeline(actor=actor or None)}


@router.get("/network/{actor}", summary="Actors related to an actor, with relation types and counts")
def network_endpoint(request: Request, actor: str, depth: int = Query(1, ge=1, le=3)) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.network(actor, depth=depth)


@router.get("/search", summary="Actors, events and documents matching a query")
def search_endpoint(request: Request, q: str = Query(..., min_length=1, max_length=500), limit: int = 20) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.search(q, limit=_limit(limit))


@router.get("/stats", summary="Counts of what the store holds")
def stats_endpoint(request: Request) -> dict[str, Any]:
    with bench_of(request).kb() as kb:
        return kb.stats()


@router.get("/export/{fmt}", summary="Download the store (or one actor's view) as STIX, JSONL, CSV, GraphML or FtM")
def export_endpoint(request: Request, fmt: str, actor: str | None = None) -> FileResponse:
    exporter = get_exporter(fmt)
    fd, path = tempfile.mkstemp(prefix="claimgraph-export-", suffix=exporter.suffix)
    os.close(fd)
    try:
        with bench_of(request).kb() as kb:
            if actor:
                export(kb, fmt, path, view=kb.view(actor=actor))
            else:
                export(kb, fmt, path)
    except BaseException:
        os.unlink(path)
        raise
    name = f"claimgraph{'-' + _slug(actor) if actor else ''}-{fmt}{exporter.suffix}"
    return FileResponse(path, media_type=exporter.media_type, filename=name,
                        background=BackgroundTask(os.unlink, path))


def get_exporter(fmt: str) -> Any:
    """The registered exporter; 404 naming the known formats if there is none."""
    try:
        from ..export import EXPORTERS, formats
        from ..export import get_exporter as lookup
    except ImportError as exc:
        raise ExportError("The exporters are not available in this install; reinstall claimgraph.") from exc
    if fmt not in formats():
        raise HTTPException(404, f"No export format {fmt!r}. Formats: {', '.join(formats())}.")
    return EXPORTERS.get(fmt) or lookup(fmt)


def export(kb: Any, fmt: str, path: str, view: Any = None) -> None:
    from ..export import export as run

    run(kb, fmt, path, view=view)


def export_formats() -> list[str]:
    try:
        from ..export import formats
    except ImportError:
        return list(EXPORT_FORMATS)
    return formats()


def _slug(text: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in text.lower()).strip("-")[:40] or "view"
