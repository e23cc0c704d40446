"""The outbound guard refuses non-public addresses where the socket is opened (collector.fetching.guard).

Every server here is on loopback; to show that a *public* address still gets through, one test
treats 127.0.0.2 as "public" through the guard's address check, and 127.0.0.1 as private.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator

import httpx
import pytest

from collector.fetching.guard import OutboundRefused, guarded_transport, literal_refusal, public_only
from tests.feedserver import FeedServer, Step

LIMITS = httpx.Limits(max_connections=4, max_keepalive_connections=4)


@pytest.fixture
def second_host() -> Iterator[FeedServer]:
    srv = FeedServer(host="127.0.0.2")
    yield srv
    srv.close()


def _get(url: str, check=public_only) -> httpx.Response:
    async def run() -> httpx.Response:
        async with httpx.AsyncClient(transport=guarded_transport(LIMITS, check), trust_env=False) as client:
            return await client.get(url)
    return asyncio.run(run())


@pytest.mark.parametrize("address", ["127.0.0.1", "10.0.0.1", "169.254.169.254", "::1", "::ffff:127.0.0.1",
                                     "100.64.0.1", "0.0.0.0", "224.0.0.1", "fd00:ec2::254"])
def test_non_public_addresses_are_refused(address: str) -> None:
    assert public_only(ipaddress.ip_address(address)) is not None
    assert literal_refusal(f"[{address}]" if ":" in address else address)


def test_public_addresses_pass() -> None:
    assert public_only(ipaddress.ip_address("93.184.216.34")) is None
    assert public_only(ipaddress.ip_address("2606:2800:220:1:248:1893:25c8:1946")) is None
    assert literal_refusal("example.com") is None       # names are checked when resolved


def test_a_loopback_server_is_never_contacted(server: FeedServer) -> None:
    url = server.add("/article", b"<html>secret</html>", content_type="text/html")
    with pytest.raises(OutboundRefused, match="loopback"):
        _get(url)
    assert server.count("/article") == 0


def test_a_name_that_resolves_to_loopback_is_refused(server: FeedServer) -> None:
    url = server.add("/article", b"<html>secret</html>", content_type="text/html").replace("127.0.0.1", "localhost")
    with pytest.raises(OutboundRefused, match="localhost resolves to"):
        _get(url)
    assert server.count("/article") == 0


def test_a_redirect_from_an_allowed_host_to_a_private_one_is_refused(server: FeedServer,
                                                                      second_host: FeedServer) -> None:
    """127.0.0.2 stands in for a public host; 127.0.0.1 stays private."""
    def check(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
        return None if str(ip) == "127.0.0.2" else public_only(ip)

    private = server.add("/metadata", b"token", content_type="text/plain")
    start = second_host.add("/go", Step(status=302, headers={"Location": private}, body=b""))
    assert _get(second_host.add("/ok", b"fine", content_type="text/plain"), check).text == "fine"

    async def follow() -> None:
        async with httpx.AsyncClient(transport=guarded_transport(LIMITS, check), trust_env=False,
                                     follow_redirects=True) as client:
            await client.get(start)

    with pytest.raises(OutboundRefused, match=r"127\.0\.0\.1"):
        asyncio.run(follow())
    assert server.count("/metadata") == 0
