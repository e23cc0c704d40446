"""The outbound-request guard: hosts nobody configured are reached only at public addresses.

Why at connect time: a search feed's entries point at articles anywhere, and Pulso opens them to
find their comment feeds — the one place it fetches a host no one chose. Checking the URL's
host name is not enough (a name can resolve to 127.0.0.1, or resolve differently a second later),
so the check runs where the socket is opened, on the address actually dialled, for every
connection including each redirect hop. Addresses that are not globally routable are refused:
loopback, private, link-local (cloud metadata at 169.254.169.254), CGNAT, multicast, reserved,
unspecified, and IPv4 hidden in IPv6.
"""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Callable, Iterable
from typing import Any

import httpcore
import httpx

AddressCheck = Callable[[ipaddress.IPv4Address | ipaddress.IPv6Address], str | None]


class OutboundRefused(Exception):
    """A connection the guard would not open; the message says why, for the health page."""


def public_only(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    """None for a globally routable unicast address, else what kind of address it is."""
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        return public_only(ip.ipv4_mapped)
    for kind, flag in (("loopback", ip.is_loopback), ("link-local", ip.is_link_local),
                       ("multicast", ip.is_multicast), ("unspecified", ip.is_unspecified),
                       ("private", ip.is_private), ("reserved", ip.is_reserved)):
        if flag:
            return f"a {kind} address"
    if not ip.is_global:
        return "not a public address"
    return None


def literal_refusal(host: str, check: AddressCheck = public_only) -> str | None:
    """The refusal for a host written as an IP address (no lookup needed); None for names."""
    try:
        ip = ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None
    reason = check(ip)
    return f"{host} is {reason}" if reason else None


def _literal(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    try:
        return ipaddress.ip_address(host.strip("[]"))
    except ValueError:
        return None


async def _addresses(host: str, port: int,
                     timeout: float | None) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The addresses `host` names: itself when written as one (no lookup, so nothing leaves the machine
    to resolve `10.0.0.1`), else what the resolver answers."""
    if (ip := _literal(host)) is not None:
        return [ip]
    loop = asyncio.get_running_loop()
    try:
        infos = await asyncio.wait_for(loop.getaddrinfo(host, port, type=socket.SOCK_STREAM), timeout)
    except OSError as exc:
        raise httpcore.ConnectError(f"DNS lookup failed for {host}: {exc}") from exc
    return [ipaddress.ip_address(info[4][0].split("%")[0]) for info in infos]


class GuardedBackend(httpcore.AsyncNetworkBackend):
    """Resolves, checks every address, and dials only an allowed one (so no second lookup can differ)."""

    def __init__(self, check: AddressCheck = public_only, inner: httpcore.AsyncNetworkBackend | None = None) -> None:
        self._check = check
        self._inner = inner or httpcore.AnyIOBackend()

    async def connect_tcp(self, host: str, port: int, timeout: float | None = None,
                          local_address: str | None = None,
                          socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        addresses = await _addresses(host, port, timeout)
        refusals = [(ip, self._check(ip)) for ip in addresses]
        allowed = [ip for ip, reason in refusals if reason is None]
        if not allowed or len(allowed) < len(addresses):
            ip, reason = next((ip, r) for ip, r in refusals if r is not None)
            where = f"{host} is" if _literal(host) else f"{host} resolves to {ip},"
            raise OutboundRefused(f"{where} {reason}: not fetched (set allow_private = true "
                                  "only for tests on your own machine)")
        return await self._inner.connect_tcp(str(allowed[0]), port, timeout=timeout, local_address=local_address,
                                             socket_options=socket_options)

    async def connect_unix_socket(self, path: str, timeout: float | None = None,
                                  socket_options: Iterable[Any] | None = None) -> httpcore.AsyncNetworkStream:
        raise OutboundRefused("unix sockets are never fetched")

    async def sleep(self, seconds: float) -> None:
        await self._inner.sleep(seconds)


def guarded_transport(limits: httpx.Limits, check: AddressCheck = public_only) -> httpx.AsyncHTTPTransport:
    """An httpx transport whose every connection goes through GuardedBackend.

    httpx has no public switch for the network backend, so the transport's connection pool is
    replaced by an httpcore pool (public API) built with the same limits; tests/hardening checks
    that hostile URLs are refused, which would catch an httpx change that bypassed it.
    """
    transport = httpx.AsyncHTTPTransport(limits=limits, trust_env=False)
    transport._pool = httpcore.AsyncConnectionPool(  # private attribute: see the docstring
        ssl_context=httpx.create_ssl_context(trust_env=False),
        max_connections=limits.max_connections, max_keepalive_connections=limits.max_keepalive_connections,
        keepalive_expiry=limits.keepalive_expiry, network_backend=GuardedBackend(check))
    return transport
