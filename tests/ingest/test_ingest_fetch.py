"""URL fetching against a real HTTP server on 127.0.0.1: SSRF refusal, redirects, size cap, feeds."""

from __future__ import annotations

import ipaddress
import shutil
import ssl
import subprocess
import zlib

import pytest

from claimgraph.config import Settings
from claimgraph.errors import BlockedAddressError, FetchError, InputTooLargeError
from claimgraph.ingest import read_inputs
from claimgraph.ingest.fetch import Fetcher, HttpxTransport
from claimgraph.ingest.safety import is_public_address
from claimgraph.ingest.sources import Reader
from claimgraph.models import DocumentInfo

PARA = (
    "The ferry service between Oskarby and the islands resumed on Monday after a week of storms, "
    "the operator said, adding that extra sailings would clear the backlog of passengers."
)
PAGE = f"""<html><head><meta property="og:site_name" content="Oskarby Post"><title>Ferries resume</title></head>
<body><article><h1>Ferries resume</h1><p>{PARA}</p><p>{PARA.replace("Monday", "Tuesday")}</p></article></body></html>"""
HTML = {"Content-Type": "text/html; charset=utf-8"}
LOCAL = Settings(allow_private=True, connect_timeout=3.0, read_timeout=3.0)


def _only_loopback_is_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> bool:
    """Treat 127.0.0.1 (the test server) as if it were public; everything else by the real rule."""
    return str(ip) == "127.0.0.1" or is_public_address(ip)


def test_fetch_page_from_local_server_when_private_allowed(server):
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    (info,) = list(read_inputs([server.url("/ferry")], LOCAL))
    assert isinstance(info, DocumentInfo), info
    assert info.source == server.url("/ferry") and info.url == server.url("/ferry")
    assert info.publisher == "Oskarby Post" and info.text.startswith("The ferry service")
    assert server.hosts == [f"127.0.0.1:{server.port}"]


def test_fetch_refuses_loopback_without_allow_private(server):
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    url = server.url("/ferry")
    (err,) = list(read_inputs([url], Settings()))
    assert isinstance(err, BlockedAddressError) and err.source == url and "127.0.0.1" in str(err)
    assert server.hosts == []  # refused before any connection


def test_fetch_refuses_name_that_resolves_to_loopback(server):
    (err,) = list(read_inputs([f"http://localhost:{server.port}/ferry"], Settings()))
    assert isinstance(err, BlockedAddressError)
    assert server.hosts == []


def test_fetch_redirect_to_private_address_refused(server):
    server.add("/start", 302, headers={"Location": "http://169.254.169.254/latest/meta-data/"})
    fetcher = Fetcher(Settings(connect_timeout=3.0), policy=_only_loopback_is_public)
    items = list(Reader(Settings(), fetcher).read(server.url("/start")))
    (err,) = items
    assert isinstance(err, BlockedAddressError)
    assert "169.254.169.254" in str(err) and "redirect" in str(err)
    assert len(server.hosts) == 1


def test_fetch_redirect_followed_and_limited(server):
    server.add("/old", 301, headers={"Location": "/new"})
    server.add("/new", body=PAGE.encode(), headers=HTML)
    server.add("/loop", 302, headers={"Location": "/loop"})
    ok, loop = list(
        read_inputs([server.url("/old"), server.url("/loop")], LOCAL.with_overrides(max_redirects=3))
    )
    assert isinstance(ok, DocumentInfo) and ok.url == server.url("/new") and ok.source == server.url("/old")
    assert isinstance(loop, FetchError) and "more than 3 redirects" in str(loop)


def test_fetch_size_cap_announced_and_streamed(server):
    big = b"<html><body><p>" + b"word " * 5000 + b"</p></body></html>"
    server.add("/announced", body=big, headers=HTML)
    server.add("/streamed", body=big, headers=HTML, stream_chunks=20)
    settings = LOCAL.with_overrides(max_bytes=10_000)
    a, s = list(read_inputs([server.url("/announced"), server.url("/streamed")], settings))
    assert isinstance(a, InputTooLargeError) and "announces" in str(a)
    assert isinstance(s, InputTooLargeError) and "download stopped" in str(s)


def test_fetch_http_error_and_unreachable(server):
    port = server.port
    server.httpd.shutdown()
    server.httpd.server_close()
    missing, closed = list(read_inputs([f"http://127.0.0.1:{port}/gone", "http://127.0.0.1:9/x"], LOCAL))
    assert isinstance(missing, FetchError) and isinstance(closed, FetchError)
    assert closed.source == "http://127.0.0.1:9/x" and "check the address" in str(closed)


def test_fetch_http_status_error(server):
    (err,) = list(read_inputs([server.url("/nothing")], LOCAL))
    assert isinstance(err, FetchError) and "HTTP 404" in str(err)


def test_fetch_feed_url_items_fetched_with_feed_metadata(server):
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    feed = f"""<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom"><title>Oskarby Post: Islands</title>
<link href="{server.url("/")}"/><id>urn:x</id><updated>2025-05-05T10:00:00+02:00</updated>
<entry><title>Ferry service back after storms</title><link href="/ferry"/><id>urn:1</id>
<author><name>Nils Berg</name></author><published>2025-05-05T09:30:00+02:00</published>
<updated>2025-05-05T09:30:00+02:00</updated><summary>Short.</summary></entry>
<entry><title>Missing page</title><link href="/gone"/><id>urn:2</id><updated>2025-05-05T08:00:00+02:00</updated>
<summary>Too short to stand in.</summary></entry>
</feed>"""
    server.add("/islands.atom", body=feed.encode(), headers={"Content-Type": "application/octet-stream"})
    first, second = list(read_inputs([server.url("/islands.atom")], LOCAL))
    assert isinstance(first, DocumentInfo), first
    assert first.source == server.url("/ferry")
    assert first.headline == "Ferry service back after storms"
    assert first.publisher == "Oskarby Post: Islands" and first.authors == ["Nils Berg"]
    assert first.published == "2025-05-05T09:30:00+02:00"
    assert first.text.startswith("The ferry service")
    assert (
        isinstance(second, FetchError) and second.source == server.url("/gone") and "HTTP 404" in str(second)
    )


@pytest.mark.parametrize(
    ("addr", "public"),
    [
        ("8.8.8.8", True),
        ("2606:4700:4700::1111", True),
        ("127.0.0.1", False),
        ("10.1.2.3", False),
        ("172.16.0.1", False),
        ("192.168.1.1", False),
        ("169.254.169.254", False),
        ("100.64.0.1", False),
        ("0.0.0.0", False),
        ("224.0.0.1", False),
        ("240.0.0.1", False),
        ("255.255.255.255", False),
        ("::1", False),
        ("::", False),
        ("fe80::1", False),
        ("fc00::1", False),
        ("ff02::1", False),
        ("::ffff:127.0.0.1", False),
        ("::ffff:10.0.0.1", False),
        ("::ffff:8.8.8.8", True),
        ("2002:7f00:0001::1", False),
        ("64:ff9b::a00:1", False),
    ],
)
def test_safety_public_address_rule(addr, public):
    assert is_public_address(ipaddress.ip_address(addr)) is public


def test_fetch_keeps_host_header_when_pinned_to_the_checked_address(server):
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    (info,) = list(read_inputs([f"http://localhost:{server.port}/ferry"], LOCAL))
    assert isinstance(info, DocumentInfo), info
    assert server.hosts == [f"localhost:{server.port}"]


def test_fetch_read_timeout(server):
    server.add("/slow", body=PAGE.encode(), headers=HTML, delay=1.5)
    (err,) = list(read_inputs([server.url("/slow")], LOCAL.with_overrides(read_timeout=0.3)))
    assert isinstance(err, FetchError) and "timed out" in str(err)


def test_fetch_charset_from_http_header_and_plain_text_body(server):
    text = "Die Fähre nach Oskarby fährt wieder, teilte der Betreiber am Montag mit."
    server.add(
        "/note", body=text.encode("latin-1"), headers={"Content-Type": "text/plain; charset=iso-8859-1"}
    )
    (info,) = list(read_inputs([server.url("/note")], LOCAL))
    assert info.text == text and info.url == server.url("/note")


def _self_signed(tmp_path):
    """A certificate for DNS:localhost only (no IP names), made with the openssl command."""
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("the openssl command is not installed")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "ec",
            "-pkeyopt",
            "ec_paramgen_curve:prime256v1",
            "-nodes",
            "-keyout",
            str(key),
            "-out",
            str(cert),
            "-days",
            "1",
            "-subj",
            "/CN=localhost",
            "-addext",
            "subjectAltName=DNS:localhost",
        ],
        check=True,
        capture_output=True,
    )
    return cert, key


def test_fetch_https_pinned_address_still_verifies_the_host_name(server, tmp_path):
    cert, key = _self_signed(tmp_path)
    server_ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    server_ctx.load_cert_chain(cert, key)
    server.httpd.socket = server_ctx.wrap_socket(server.httpd.socket, server_side=True)
    server.add("/ferry", body=PAGE.encode(), headers=HTML)
    client_ctx = ssl.create_default_context(cafile=str(cert))
    fetcher = Fetcher(LOCAL, HttpxTransport(LOCAL, verify=client_ctx))
    reader = Reader(LOCAL, fetcher)
    (ok,) = list(reader.read(f"https://localhost:{server.port}/ferry"))
    assert isinstance(ok, DocumentInfo), ok  # connected to 127.0.0.1, verified as "localhost"
    (bad,) = list(reader.read(f"https://127.0.0.1:{server.port}/ferry"))
    assert isinstance(bad, FetchError)  # the certificate does not name 127.0.0.1
    fetcher.close()


def test_fetch_gzip_bomb_over_http_is_stopped(server):
    comp = zlib.compressobj(9, zlib.DEFLATED, 16 + zlib.MAX_WBITS)
    bomb = b"".join(comp.compress(b"a" * (1 << 20)) for _ in range(32)) + comp.flush()
    server.add("/page.txt.gz", body=bomb, headers={"Content-Type": "application/gzip"})
    server.add("/encoded", body=bomb, headers={"Content-Type": "text/plain", "Content-Encoding": "gzip"})
    settings = LOCAL.with_overrides(max_bytes=1 << 20)
    file_bomb, encoded_bomb = list(
        read_inputs([server.url("/page.txt.gz"), server.url("/encoded")], settings)
    )
    assert isinstance(file_bomb, InputTooLargeError) and "decompresses" in str(file_bomb)
    assert isinstance(encoded_bomb, InputTooLargeError)
