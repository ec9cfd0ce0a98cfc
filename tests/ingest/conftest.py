"""A real HTTP server on 127.0.0.1 (in a thread) for the fetch and feed tests."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest


@dataclass
class Route:
    status: int = 200
    body: bytes = b""
    headers: dict[str, str] = field(default_factory=dict)
    #: when set, the body is sent in chunks without Content-Length (size announced by nobody)
    stream_chunks: int = 0
    #: seconds to wait before answering (to trip the read timeout)
    delay: float = 0.0
    #: with ``stream_chunks``, seconds to wait before each chunk (a server trickling its body)
    chunk_delay: float = 0.0


class LocalServer:
    """Serves ``routes`` (path -> Route); records the Host header and path of every request."""

    def __init__(self) -> None:
        self.routes: dict[str, Route] = {}
        self.hosts: list[str] = []
        self.paths: list[str] = []
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:  # noqa: N802 (http.server's naming)
                server.hosts.append(self.headers.get("Host", ""))
                server.paths.append(self.path)
                route = server.routes.get(self.path, Route(404, b"not here"))
                if route.delay:
                    time.sleep(route.delay)
                self.send_response(route.status)
                for k, v in route.headers.items():
                    self.send_header(k, v)
                if route.stream_chunks:
                    self.send_header("Transfer-Encoding", "chunked")
                    self.send_header("Connection", "close")
                    self.end_headers()
                    size = max(len(route.body) // route.stream_chunks, 1)
                    try:
                        for i in range(0, len(route.body), size):
                            if route.chunk_delay:
                                time.sleep(route.chunk_delay)
                            part = route.body[i : i + size]
                            self.wfile.write(f"{len(part):x}\r\n".encode() + part + b"\r\n")
                        self.wfile.write(b"0\r\n\r\n")
                    except (BrokenPipeError, ConnectionResetError):
                        pass
                    return
                self.send_header("Content-Length", str(len(route.body)))
                self.end_headers()
                try:
                    self.wfile.write(route.body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_address[1]
        self.thread = threading.Thread(
            target=self.httpd.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True
        )

    def add(
        self,
        path: str,
        status: int = 200,
        body: bytes = b"",
        headers: dict[str, str] | None = None,
        stream_chunks: int = 0,
        delay: float = 0.0,
        chunk_delay: float = 0.0,
    ) -> None:
        self.routes[path] = Route(status, body, dict(headers or {}), stream_chunks, delay, chunk_delay)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.port}{path}"


@pytest.fixture
def server() -> Iterator[LocalServer]:
    srv = LocalServer()
    srv.thread.start()
    try:
        yield srv
    finally:
        srv.httpd.shutdown()
        srv.httpd.server_close()
