"""Refusing URLs that point at non-public addresses (server-side request forgery).

A host is resolved once; every address it resolves to must be public, and the fetcher then
connects to one of exactly those addresses (see :mod:`.fetch`), so a DNS answer cannot change
between the check and the connection. Addresses embedded in IPv6 forms (IPv4-mapped, 6to4,
Teredo, NAT64) are checked as the IPv4 address they carry.
"""

from __future__ import annotations

import ipaddress
import socket
from collections.abc import Callable

from ..errors import BlockedAddressError, FetchError

IPAddress = ipaddress.IPv4Address | ipaddress.IPv6Address
#: ``(host, port) -> addresses``; the default asks the system resolver.
Resolver = Callable[[str, int], list[str]]
#: ``address -> allowed?``; the default allows public addresses only.
AddressPolicy = Callable[[IPAddress], bool]

_NAT64 = ipaddress.ip_network("64:ff9b::/96")
_NAT64_LOCAL = ipaddress.ip_network("64:ff9b:1::/48")


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    found: list[ipaddress.IPv4Address] = []
    if ip.ipv4_mapped is not None:
        found.append(ip.ipv4_mapped)
    if ip.sixtofour is not None:
        found.append(ip.sixtofour)
    if ip.teredo is not None:
        found.extend(ip.teredo)
    if ip in _NAT64:
        found.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return found


def _plain_public(ip: IPAddress) -> bool:
    bad = (
        ip.is_private
        or ip.is_loopback
        or ip.is_link_local
        or ip.is_multicast
        or ip.is_reserved
        or ip.is_unspecified
        or not ip.is_global
    )
    if isinstance(ip, ipaddress.IPv6Address):
        bad = bad or ip.is_site_local or ip in _NAT64_LOCAL
    return not bad


def is_public_address(ip: IPAddress) -> bool:
    """True when ``ip`` (and any IPv4 address embedded in it) is a public, unicast address."""
    if isinstance(ip, ipaddress.IPv6Address):
        embedded = _embedded_v4(ip)
        if embedded:
            return all(_plain_public(v4) for v4 in embedded)
    return _plain_public(ip)


def system_resolver(host: str, port: int) -> list[str]:
    """Every address ``host`` resolves to (an IP literal resolves to itself)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError, OSError) as exc:
        raise FetchError(host, f"cannot resolve host {host!r} ({exc}); check the URL") from exc
    out: list[str] = []
    for info in infos:
        addr = str(info[4][0]).split("%", 1)[0]
        if addr not in out:
            out.append(addr)
    return out


def checked_addresses(
    url: str,
    host: str,
    port: int,
    *,
    allow_private: bool,
    resolver: Resolver = system_resolver,
    policy: AddressPolicy = is_public_address,
) -> list[str]:
    """Resolve ``host`` once and return its addresses, refusing the URL if any is not allowed."""
    try:
        addresses = resolver(host, port)
    except FetchError as exc:
        raise FetchError(url, exc.reason) from exc
    if not addresses:
        raise FetchError(url, f"host {host!r} resolves to no address; check the URL")
    if allow_private:
        return addresses
    for addr in addresses:
        try:
            ip = ipaddress.ip_address(addr)
        except ValueError as exc:
            raise BlockedAddressError(url, f"host {host!r} resolves to an unusable address {addr!r}") from exc
        if not policy(ip):
            raise BlockedAddressError(
                url,
                f"host {host!r} resolves to the non-public address {addr}; claimgraph refuses "
                "loopback/private/link-local/reserved addresses (pass --allow-private, or set allow_private, to fetch it anyway)",
            )
    return addresses
