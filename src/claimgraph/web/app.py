"""The app factory: :func:`create_app` builds the workbench (pages + HTTP API) on one store.

The app holds one :class:`~claimgraph.kb.KnowledgeBase` (DuckDB allows one writer), opened
on first use and shared by all requests behind a lock. Ingest jobs run on one worker
thread (see :mod:`claimgraph.web.jobs`).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import AsyncIterator, Iterator
from contextlib import ExitStack, asynccontextmanager, contextmanager
from pathlib import Path
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from ..config import Settings, load_settings, resolve_db
from ..errors import (
    ClaimgraphError,
    ConfigError,
    ExportError,
    InputError,
    InputTooLargeError,
    NotFoundError,
    StoreError,
)
from ..models import Document
from .jobs import JobRunner
from .security import BodyTooLarge, SecurityConfig, SecurityMiddleware

HERE = Path(__file__).resolve().parent
TEMPLATES = HERE / "templates"
STATIC = HERE / "static"

#: Seconds a request waits for a store another process is writing (then 503, "busy").
WEB_LOCK_TIMEOUT = 5.0
#: Largest text field accepted (characters), as for any other input.
MAX_TEXT_CHARS = 2_000_000
_STATUS_CODES = {400: "bad_request", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
                 413: "too_large", 415: "unsupported_media_type", 422: "bad_request", 500: "internal_error",
                 503: "unavailable"}


class Workbench:
    """The shared state behind the routes: the store, its lock, the ingest jobs.

    Opening the DuckDB file costs far more than a dossier query, so the workbench keeps
    the store's connection open while requests keep coming (``kb.writing()``: reads then
    run on cursors of that connection) and lets it go after ``idle_s`` without requests,
    or after ``max_hold_s`` in any case, so a `claimgraph ingest` in another terminal
    gets its turn.
    """

    def __init__(self, db_path: str | Path, settings: Settings, kb: Any = None,
                 idle_s: float = 2.0, max_hold_s: float = 20.0, lock_timeout: float | None = None) -> None:
        self.db_path = db_path
        self.lock_timeout = lock_timeout
        self.settings = settings
        self.lock = threading.RLock()
        self._kb = kb
        self._session: ExitStack | None = None
        self._opened = self._used = 0.0
        self.idle_s, self.max_hold_s = idle_s, max_hold_s
        self._closed = threading.Event()
        self._reaper = threading.Thread(target=self._reap, name="claimgraph-kb-reaper", daemon=True)
        self._reaper.start()
        self.jobs = JobRunner(self.store_document, settings)

    @contextmanager
    def kb(self) -> Iterator[Any]:
        """The knowledge base, held under the app's lock for the ``with`` block."""
        with self.lock:
            if self._kb is None:
                self._kb = open_kb(self.db_path, self.lock_timeout)
            self._hold()
            try:
                yield self._kb
            finally:
                self._used = time.monotonic()

    def _hold(self) -> None:
        if self._session is not None or not hasattr(self._kb, "writing"):
            return
        stack = ExitStack()
        stack.enter_context(self._kb.writing())
        self._session, self._opened = stack, time.monotonic()

    def release(self) -> None:
        """Close the held connection now (the next request opens it again)."""
        with self.lock:
            if self._session is not None:
                session, self._session = self._session, None
                session.close()

    def _reap(self) -> None:
        while not self._closed.wait(0.5):
            now = time.monotonic()
            if self._session is None:
                continue
            if now - self._used > self.idle_s or now - self._opened > self.max_hold_s:
                if self.lock.acquire(timeout=0.1):
                    try:
                        self.release()
                    finally:
                        self.lock.release()

    def store_document(self, doc: Document) -> bool:
        with self.kb() as kb:
            return bool(kb.add(doc))

    def close(self) -> None:
        self._closed.set()
        self.jobs.shutdown()
        self.release()
        with self.lock:
            if self._kb is not None:
                self._kb.close()
                self._kb = None


def open_kb(path: str | Path, lock_timeout: float | None = None) -> Any:
    try:
        from ..kb import KnowledgeBase
    except ImportError as exc:
        raise StoreError(
            "The knowledge base module is not available in this install; reinstall claimgraph."
        ) from exc
    if isinstance(path, Path):  # a DuckDB file (a str is a postgresql:// URL)
        path.parent.mkdir(parents=True, exist_ok=True)
    # A page should not hang for the CLI's 30 s when another process holds the store.
    timeout = lock_timeout
    if timeout is None and not os.environ.get("CLAIMGRAPH_LOCK_TIMEOUT"):
        timeout = WEB_LOCK_TIMEOUT
    return KnowledgeBase(path=str(path), lock_timeout=timeout)


def create_app(
    db_path: str | os.PathLike[str] | None = None,
    token: str | None = None,
    *,
    settings: Settings | None = None,
    allowed_hosts: list[str] | None = None,
    max_body: int = 10 * 1024 * 1024,
    kb: Any = None,
    lock_timeout: float | None = None,
) -> FastAPI:
    """Build the workbench on the store at ``db_path`` (else ``$CLAIMGRAPH_DB``, else the default).

    ``token``: when set, every request must carry it (see :mod:`claimgraph.web.security`).
    ``allowed_hosts``: host names served (None: any); ``claimgraph serve`` passes the
    loopback names on a loopback bind. ``kb``: an already open knowledge base to serve.
    ``lock_timeout``: seconds to wait for a store another process is writing (default 5).
    """
    if token is not None and len(token) < 8:
        raise ConfigError("The access token is too short; use at least 8 characters (e.g. `openssl rand -hex 16`).")
    settings = settings or load_settings()
    bench = Workbench(resolve_db(db_path), settings, kb, lock_timeout=lock_timeout)

    @asynccontextmanager
    async def lifespan(_app: FastAPI) -> AsyncIterator[None]:
        yield
        bench.close()

    app = FastAPI(title="claimgraph workbench", version=_version(), docs_url=None, redoc_url=None,
                  openapi_url="/api/openapi.json", lifespan=lifespan)
    app.state.bench = bench
    app.state.max_text_chars = min(MAX_TEXT_CHARS, settings.max_chars)
    app.state.max_body = max_body
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    _install_error_handlers(app)

    from . import api, pages

    app.include_router(api.router)
    app.include_router(pages.router)
    from . import alerts

    app.include_router(alerts.router)
    from . import stories

    app.include_router(stories.router)
    hosts = frozenset(h.lower() for h in allowed_hosts) if allowed_hosts else None
    app.add_middleware(SecurityMiddleware, config=SecurityConfig(token=token, max_body=max_body, allowed_hosts=hosts))
    return app


def _version() -> str:
    from .. import __version__

    return __version__


# -- errors ---------------------------------------------------------------------------
def error_status(exc: ClaimgraphError) -> tuple[int, str]:
    """The HTTP status and code of a claimgraph error."""
    if isinstance(exc, NotFoundError):
        return 404, "not_found"
    if isinstance(exc, InputTooLargeError):
        return 413, "too_large"
    if isinstance(exc, InputError | ExportError | ConfigError):
        return 400, "bad_request"
    if isinstance(exc, StoreError):
        return 503, "store_unavailable"
    return 500, "internal_error"


def wants_html(request: Request) -> bool:
    return not request.url.path.startswith("/api/") and "text/html" in request.headers.get("accept", "")


def error_response(request: Request, status: int, code: str, message: str) -> Response:
    if wants_html(request):
        from .pages import render_error

        return render_error(request, status, message)
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status)


def _install_error_handlers(app: FastAPI) -> None:
    @app.exception_handler(ClaimgraphError)
    async def _claimgraph_error(request: Request, exc: ClaimgraphError) -> Response:
        status, code = error_status(exc)
        return error_response(request, status, code, str(exc))

    @app.exception_handler(BodyTooLarge)
    async def _too_large(request: Request, exc: BodyTooLarge) -> Response:
        return error_response(request, 413, "too_large", str(exc))

    @app.exception_handler(StarletteHTTPException)
    async def _http_error(request: Request, exc: StarletteHTTPException) -> Response:
        code = _STATUS_CODES.get(exc.status_code, "error")
        message = exc.detail if isinstance(exc.detail, str) else "Request failed."
        if exc.status_code == 404 and message == "Not Found":
            message = f"Nothing at {request.url.path}; see /docs for the API and / for the workbench."
        return error_response(request, exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def _unexpected(request: Request, exc: Exception) -> Response:
        message = (f"Internal error ({type(exc).__name__}: {exc}); the server log has the details. "
                   "Please report it with the request that caused it.")
        return error_response(request, 500, "internal_error", message)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> Response:
        first = exc.errors()[0] if exc.errors() else {}
        where = ".".join(str(x) for x in first.get("loc", ()) if x != "body")
        message = f"Bad value for {where or 'the request'}: {first.get('msg', 'invalid')}."
        return error_response(request, 400, "bad_request", message)

