"""The workbench's guards: access token, cross-site checks, CSRF, body size, headers.

Everything here is plain ASGI middleware or small helpers, so the rules hold for every
route (pages, API, static files) without each route remembering them.

Rules
-----
* **Token.** When the app has a token, every request must carry it: an
  ``Authorization: Bearer T`` header, or the cookie set by visiting any page once with
  ``?token=T``. Otherwise 403.
* **Host.** On a loopback bind only loopback host names are served (``127.0.0.1``,
  ``localhost``, ``[::1]``), which defeats DNS-rebinding attacks from web pages.
* **Cross-site writes.** POST/PUT/PATCH/DELETE are refused (403) when the browser says the
  request is cross-site (``Sec-Fetch-Site``) or its ``Origin``/``Referer`` is not this
  server. Browser form posts must also carry the CSRF token of the page they came from.
* **Size.** Request bodies over ``max_body`` bytes are refused with 413.
* **Headers.** Every response gets a strict Content-Security-Policy (no inline scripts),
  ``X-Content-Type-Options: nosniff``, ``Referrer-Policy`` and frame denial.
"""

from __future__ import annotations

import hmac
import html
import json
import secrets
from collections.abc import Awaitable, Callable, MutableMapping
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlencode, urlsplit

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
ASGIApp = Callable[[Scope, Receive, Send], Awaitable[None]]

TOKEN_COOKIE = "claimgraph_token"
CSRF_COOKIE = "claimgraph_csrf"
CSRF_FIELD = "csrf_token"
CSRF_HEADER = "x-csrf-token"

LOOPBACK_HOSTS = frozenset({"127.0.0.1", "localhost", "::1", "[::1]"})
UNSAFE_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data", "text/plain")

CSP = (
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
)
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"same-origin"),
    (b"x-frame-options", b"DENY"),
    (b"cross-origin-opener-policy", b"same-origin"),
)


@dataclass(slots=True)
class SecurityConfig:
    """What the guards enforce. ``token`` None means no token is asked for."""

    token: str | None = None
    max_body: int = 10 * 1024 * 1024
    allowed_hosts: frozenset[str] | None = None  # None: any host name
    secure_cookies: bool = False
    extra_origins: frozenset[str] = field(default_factory=frozenset)


def is_loopback(host: str) -> bool:
    """True for the host names a local-only server binds to."""
    return host.strip().lower() in LOOPBACK_HOSTS


def new_csrf_token() -> str:
    return secrets.token_urlsafe(24)


def tokens_equal(a: str | None, b: str | None) -> bool:
    """Constant-time comparison that treats a missing value as a mismatch."""
    if not a or not b:
        return False
    return hmac.compare_digest(a.encode(), b.encode())


def _headers(scope: Scope) -> dict[str, str]:
    out: dict[str, str] = {}
    for k, v in scope.get("headers") or []:
        out[k.decode("latin-1").lower()] = v.decode("latin-1")
    return out


def parse_cookies(header: str | None) -> dict[str, str]:
    jar: dict[str, str] = {}
    for part in (header or "").split(";"):
        name, sep, value = part.strip().partition("=")
        if sep and name:
            jar[name] = value
    return jar


def _host_name(host_header: str) -> str:
    """The name part of a Host header (``[::1]:8000`` -> ``[::1]``, ``a:80`` -> ``a``)."""
    h = host_header.strip().lower()
    if h.startswith("["):
        return h[: h.find("]") + 1] if "]" in h else h
    return h.rsplit(":", 1)[0] if ":" in h else h


def _origin_of(url: str) -> str | None:
    parts = urlsplit(url)
    if not parts.scheme or not parts.netloc:
        return None
    return f"{parts.scheme}://{parts.netloc}".lower()


async def send_json_error(send: Send, status: int, code: str, message: str, as_html: bool = False) -> None:
    """Send ``{"error": {"code", "message"}}`` (or a small escaped HTML page) with the security headers."""
    if as_html:
        body = (f"<!doctype html><title>Error {status}</title><link rel=stylesheet href=/static/style.css>"
                f"<main><section class='card error'><h1>{status}</h1><p>{html.escape(message)}</p>"
                "<p><a href='/'>Back to the workbench</a></p></section></main>").encode()
        ctype = b"text/html; charset=utf-8"
    else:
        body = json.dumps({"error": {"code": code, "message": message}}).encode()
        ctype = b"application/json"
    headers = [(b"content-type", ctype), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers + list(SECURITY_HEADERS)})
    await send({"type": "http.response.body", "body": body})


class SecurityMiddleware:
    """Token, host, cross-site and size checks for every HTTP request, plus headers."""

    def __init__(self, app: ASGIApp, config: SecurityConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = _headers(scope)
        refusal = self._refusal(scope, headers)
        if refusal is not None:
            as_html = "text/html" in headers.get("accept", "") and not scope.get("path", "").startswith("/api/")
            await send_json_error(send, *refusal, as_html=as_html)
            return
        redirect = self._token_redirect(scope)
        if redirect is not None:
            await self._send_token_redirect(send, redirect)
            return
        await self.app(scope, self._limited(receive, headers), self._with_headers(send))

    # -- checks ---------------------------------------------------------------------
    def _refusal(self, scope: Scope, headers: dict[str, str]) -> tuple[int, str, str] | None:
        cfg = self.config
        host = headers.get("host", "")
        if cfg.allowed_hosts is not None and _host_name(host) not in cfg.allowed_hosts:
            return 403, "bad_host", (
                f"Host {host!r} is not served here; open the workbench at http://127.0.0.1 "
                "or start `claimgraph serve` with --host set to this name."
            )
        if cfg.token is not None and not self._has_token(scope, headers):
            return 403, "token_required", (
                "This workbench needs its access token: send 'Authorization: Bearer TOKEN' "
                "or open any page once with ?token=TOKEN."
            )
        if scope["method"] in UNSAFE_METHODS:
            why = cross_site_reason(headers, scope.get("scheme", "http"), cfg.extra_origins)
            if why:
                return 403, "cross_site", f"Refused a cross-site write: {why}. Use the workbench's own pages."
        length = headers.get("content-length")
        if length is not None:
            try:
                if int(length) > cfg.max_body:
                    return 413, "too_large", _too_large_message(cfg.max_body)
            except ValueError:
                return 400, "bad_request", "The Content-Length header is not a number."
        return None

    def _has_token(self, scope: Scope, headers: dict[str, str]) -> bool:
        token = self.config.token
        auth = headers.get("authorization", "")
        if auth.lower().startswith("bearer ") and tokens_equal(auth[7:].strip(), token):
            return True
        if tokens_equal(parse_cookies(headers.get("cookie")).get(TOKEN_COOKIE), token):
            return True
        query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
        return scope["method"] == "GET" and tokens_equal(query.get("token"), token)

    def _token_redirect(self, scope: Scope) -> str | None:
        """For ``GET ...?token=T``: the same URL without the token (the cookie is set)."""
        if self.config.token is None or scope["method"] != "GET":
            return None
        pairs = parse_qsl(scope.get("query_string", b"").decode("latin-1"), keep_blank_values=True)
        if not any(k == "token" for k, _ in pairs):
            return None
        rest = urlencode([(k, v) for k, v in pairs if k != "token"])
        return scope.get("path", "/") + (f"?{rest}" if rest else "")

    async def _send_token_redirect(self, send: Send, location: str) -> None:
        cookie = f"{TOKEN_COOKIE}={self.config.token}; Path=/; HttpOnly; SameSite=Strict"
        if self.config.secure_cookies:
            cookie += "; Secure"
        headers = [(b"location", location.encode("latin-1")), (b"set-cookie", cookie.encode("latin-1")),
                   (b"content-length", b"0")]
        await send({"type": "http.response.start", "status": 303, "headers": headers + list(SECURITY_HEADERS)})
        await send({"type": "http.response.body", "body": b""})

    # -- wrappers -------------------------------------------------------------------
    def _limited(self, receive: Receive, headers: dict[str, str]) -> Receive:
        """Count body bytes as they arrive (chunked uploads carry no Content-Length)."""
        limit = self.config.max_body
        seen = 0

        async def wrapped() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > limit:
                    raise BodyTooLarge(limit)
            return message

        return wrapped

    def _with_headers(self, send: Send) -> Send:
        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                names = {k.lower() for k, _ in message.get("headers", [])}
                extra = [(k, v) for k, v in SECURITY_HEADERS if k not in names]
                message["headers"] = list(message.get("headers", [])) + extra
            await send(message)

        return wrapped


class BodyTooLarge(Exception):
    """Raised inside a request whose streamed body passed the size limit (answered 413)."""

    def __init__(self, limit: int) -> None:
        self.limit = limit
        super().__init__(_too_large_message(limit))


def _too_large_message(limit: int) -> str:
    return f"The request body is over the {limit // (1024 * 1024)} MB limit; send less text or fewer files at once."


def cross_site_reason(headers: dict[str, str], scheme: str, extra_origins: frozenset[str] = frozenset()) -> str | None:
    """Why a write request looks cross-site, or None when it comes from this server (or no browser)."""
    own = f"{scheme}://{headers.get('host', '')}".lower()
    allowed = {own} | set(extra_origins)
    site = headers.get("sec-fetch-site")
    if site is not None and site not in ("same-origin", "none"):
        return f"the browser marked it {site}"
    origin = headers.get("origin")
    if origin is not None:
        if origin.lower() not in allowed:
            return f"its Origin {origin!r} is not {own}"
        return None
    referer = headers.get("referer")
    if referer is not None and _origin_of(referer) not in allowed:
        return "its Referer is another site"
    return None


def needs_csrf(headers: dict[str, str]) -> bool:
    """Whether a write must carry the CSRF token: a form-type body sent by a browser.

    Browsers can send form types cross-site without a preflight; a request with none of
    the browser's tell-tales (Origin, Referer, Sec-Fetch-Site, Cookie) is a script or CLI
    client, which holds no ambient authority to abuse.
    """
    ctype = headers.get("content-type", "").split(";")[0].strip().lower()
    if ctype not in FORM_TYPES:
        return False
    if headers.get("authorization"):
        return False
    return any(h in headers for h in ("origin", "referer", "sec-fetch-site", "cookie"))


def csrf_ok(headers: dict[str, str], submitted: str | None) -> bool:
    """The submitted token (form field or header) matches the browser's CSRF cookie."""
    cookie = parse_cookies(headers.get("cookie")).get(CSRF_COOKIE)
    return tokens_equal(cookie, submitted or headers.get(CSRF_HEADER))


def csrf_cookie_header(token: str, secure: bool = False) -> str:
    value = f"{CSRF_COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict"
    return value + ("; Secure" if secure else "")


__all__ = [
    "CSP",
    "CSRF_COOKIE",
    "CSRF_FIELD",
    "BodyTooLarge",
    "SecurityConfig",
    "SecurityMiddleware",
    "cross_site_reason",
    "csrf_cookie_header",
    "csrf_ok",
    "is_loopback",
    "needs_csrf",
    "new_csrf_token",
    "parse_cookies",
    "tokens_equal",
]
