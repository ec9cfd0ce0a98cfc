"""Fetching URLs over HTTP(S) with timeouts, a size cap, checked redirects and SSRF refusal.

The network sits behind :class:`Transport` (one method, ``open``), so the fetcher's rules —
resolve once, check every address, connect only to a checked address, follow redirects by
hand and check each target, stop reading past ``max_bytes``, give up on the whole fetch after
``fetch_timeout`` seconds however slowly the server trickles — are the same whichever
transport runs. :class:`HttpxTransport` is the real one.
"""

from __future__ import annotations

import contextlib
import ipaddress
import ssl
import time
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Protocol
from urllib.parse import SplitResult, urljoin, urlsplit, urlunsplit

import httpx

from ..config import Settings
from ..errors import FetchError, InputTooLargeError, UnsupportedInputError
from .safety import AddressPolicy, Resolver, checked_addresses, is_public_address, system_resolver

_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_ACCEPT = (
    "text/html,application/xhtml+xml,application/rss+xml,application/atom+xml,"
    "application/xml;q=0.9,application/json;q=0.8,text/plain;q=0.8,*/*;q=0.5"
)


@dataclass(slots=True)
class WireRequest:
    """One GET to a pinned address: ``url`` names the IP, ``host`` the original host name.

    ``time_left``: seconds left of the fetch's overall deadline; a transport waits no longer
    than that to connect or for any one read.
    """

    url: str
    host: str
    headers: dict[str, str]
    tls_server_name: str | None = None
    time_left: float | None = None


@dataclass(slots=True)
class WireResponse:
    status: int
    headers: Mapping[str, str]
    chunks: Iterator[bytes]


class Transport(Protocol):
    def open(self, request: WireRequest) -> contextlib.AbstractContextManager[WireResponse]:
        """Send ``request`` and give the response, whose body is read lazily from ``chunks``."""
        ...


class HttpxTransport:
    """The real transport: ``httpx`` clients that never follow redirects or proxies themselves.

    Connections are pinned to IP addresses, and a connection pool is keyed by address, so
    one client is kept per host name: a TLS connection verified for one name is never reused
    for another name that happens to share its address.
    """

    MAX_CLIENTS = 16

    def __init__(self, settings: Settings, *, verify: ssl.SSLContext | bool = True) -> None:
        """``verify``: TLS verification (an ``SSLContext`` trusting a private CA in tests)."""
        self._settings = settings
        self._timeout = self._timeouts(None)
        self._verify = verify
        self._clients: dict[str, httpx.Client] = {}

    def _timeouts(self, time_left: float | None) -> httpx.Timeout:
        s = self._settings
        cap = max(time_left, 0.001) if time_left is not None else None

        def capped(seconds: float) -> float:
            return seconds if cap is None else min(seconds, cap)

        return httpx.Timeout(
            connect=capped(s.connect_timeout),
            read=capped(s.read_timeout),
            write=capped(s.read_timeout),
            pool=capped(s.connect_timeout),
        )

    def _client(self, host: str) -> httpx.Client:
        client = self._clients.pop(host, None)
        if client is None:
            client = httpx.Client(
                timeout=self._timeout, follow_redirects=False, trust_env=False, verify=self._verify
            )
            if len(self._clients) >= self.MAX_CLIENTS:
                oldest = next(iter(self._clients))
                self._clients.pop(oldest).close()
        self._clients[host] = client  # most recently used last
        return client

    @contextlib.contextmanager
    def open(self, request: WireRequest) -> Iterator[WireResponse]:
        client = self._client(request.host.lower())
        req = client.build_request(
            "GET", request.url, headers=request.headers, timeout=self._timeouts(request.time_left)
        )
        if request.tls_server_name:
            req.extensions["sni_hostname"] = request.tls_server_name
        try:
            resp = client.send(req, stream=True)
        except httpx.TimeoutException as exc:
            raise FetchError(request.url, f"timed out ({exc.__class__.__name__})") from exc
        except httpx.HTTPError as exc:
            raise FetchError(request.url, f"cannot connect ({exc})") from exc
        try:
            yield WireResponse(resp.status_code, resp.headers, _chunks(resp, request.url))
        finally:
            resp.close()

    def close(self) -> None:
        for client in self._clients.values():
            client.close()
        self._clients.clear()


def _chunks(resp: httpx.Response, url: str) -> Iterator[bytes]:
    try:
        yield from resp.iter_bytes()
    except httpx.TimeoutException as exc:
        raise FetchError(
            url, "timed out while reading the response; try again or raise read_timeout"
        ) from exc
    except httpx.HTTPError as exc:
        raise FetchError(url, f"the connection broke while reading ({exc})") from exc


@dataclass(slots=True)
class Fetched:
    """A fetched body: the URL asked for, the final URL after redirects, bytes and type."""

    url: str
    final_url: str
    data: bytes
    content_type: str | None = None
    redirects: list[str] = field(default_factory=list)


def _pinned(parts: SplitResult, address: str) -> str:
    ip = ipaddress.ip_address(address)
    host = f"[{ip}]" if ip.version == 6 else str(ip)
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit((parts.scheme, netloc, parts.path or "/", parts.query, ""))


def _host_header(parts: SplitResult) -> str:
    host = parts.hostname or ""
    if ":" in host:
        host = f"[{host}]"
    return f"{host}:{parts.port}" if parts.port else host


class Fetcher:
    """GET URLs under the settings' limits. Reuse one fetcher for a batch; ``close`` it after."""

    def __init__(
        self,
        settings: Settings,
        transport: Transport | None = None,
        *,
        resolver: Resolver = system_resolver,
        policy: AddressPolicy = is_public_address,
    ) -> None:
        self.settings = settings
        self._transport = transport
        self._resolver = resolver
        self._resolved: dict[tuple[str, int], list[str] | FetchError] = {}
        self._policy = policy

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            self._transport = HttpxTransport(self.settings)
        return self._transport

    def _resolve(self, host: str, port: int) -> list[str]:
        """The resolver's answer, asked once per host for this fetcher's batch (failures too)."""
        key = (host.lower(), port)
        if key not in self._resolved:
            try:
                self._resolved[key] = self._resolver(host, port)
            except FetchError as exc:
                self._resolved[key] = exc
        got = self._resolved[key]
        if isinstance(got, FetchError):
            raise FetchError(got.source, got.reason)
        return list(got)

    def close(self) -> None:
        closer = getattr(self._transport, "close", None)
        if callable(closer):
            closer()

    def fetch(self, url: str) -> Fetched:
        """Fetch ``url``, following at most ``max_redirects`` redirects, each target checked.

        The whole fetch (every redirect, connection and read) must end within
        ``fetch_timeout`` seconds, or it fails with a :class:`FetchError` saying so.
        """
        deadline = time.monotonic() + self.settings.fetch_timeout
        current = url
        hops: list[str] = []
        while True:
            status, headers, data = self._get_once(url, current, deadline)
            if status in _REDIRECTS and headers.get("location"):
                if len(hops) >= self.settings.max_redirects:
                    raise FetchError(
                        url,
                        f"more than {self.settings.max_redirects} redirects; the URL loops or moved too often",
                    )
                current = urljoin(current, headers["location"].strip())
                hops.append(current)
                continue
            if status >= 400:
                raise FetchError(url, f"the server answered HTTP {status} for {current}")
            if status >= 300:
                raise FetchError(url, f"the server answered HTTP {status} without a usable Location")
            return Fetched(url, current, data, headers.get("content-type"), hops)

    def _too_slow(self, origin: str) -> FetchError:
        return FetchError(
            origin,
            f"gave up after {self.settings.fetch_timeout:g} s (fetch_timeout): the server sends too "
            "slowly or the download never ends; try again later or raise fetch_timeout",
        )

    def _check_deadline(self, origin: str, deadline: float) -> float:
        """Seconds left before ``deadline``; the fetch fails when none are left."""
        left = deadline - time.monotonic()
        if left <= 0:
            raise self._too_slow(origin)
        return left

    def _get_once(self, origin: str, url: str, deadline: float) -> tuple[int, Mapping[str, str], bytes]:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.hostname:
            where = "" if url == origin else f" (redirected to {url})"
            raise UnsupportedInputError(origin, f"only http(s) URLs can be fetched{where}")
        port = parts.port or (443 if parts.scheme == "https" else 80)
        try:
            addresses = checked_addresses(
                url,
                parts.hostname,
                port,
                allow_private=self.settings.allow_private,
                resolver=self._resolve,
                policy=self._policy,
            )
        except FetchError as exc:
            reason = exc.reason if url == origin else f"redirect to {url} refused: {exc.reason}"
            raise type(exc)(origin, reason) from exc
        headers = {
            "Host": _host_header(parts),
            "User-Agent": self.settings.user_agent,
            "Accept": _ACCEPT,
            "Accept-Encoding": "identity",
        }
        last: FetchError | None = None
        for address in addresses:
            request = WireRequest(
                _pinned(parts, address),
                parts.hostname,
                headers,
                parts.hostname if parts.scheme == "https" else None,
                time_left=self._check_deadline(origin, deadline),
            )
            try:
                with self.transport.open(request) as resp:
                    if resp.status in _REDIRECTS:
                        return resp.status, resp.headers, b""
                    return resp.status, resp.headers, self._read(origin, resp, deadline)
            except InputTooLargeError:
                raise
            except FetchError as exc:
                if time.monotonic() >= deadline:  # a read cut short by the deadline, or past it
                    raise self._too_slow(origin) from exc
                last = FetchError(origin, f"{url}: {exc.reason}; check the address or try again later")
        assert last is not None
        raise last

    def _read(self, origin: str, resp: WireResponse, deadline: float) -> bytes:
        cap = self.settings.max_bytes
        declared = resp.headers.get("content-length")
        if declared and declared.strip().isdigit() and int(declared) > cap:
            raise InputTooLargeError(
                origin,
                f"the server announces {int(declared):,} bytes, over the {cap:,}-byte limit (max_bytes)",
            )
        buf = bytearray()
        for chunk in resp.chunks:
            self._check_deadline(origin, deadline)
            buf += chunk
            if len(buf) > cap:
                raise InputTooLargeError(
                    origin, f"the download passed the {cap:,}-byte limit (max_bytes); download stopped"
                )
        return bytes(buf)
