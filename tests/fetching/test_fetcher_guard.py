"""A Fetcher built with the outbound guard answers a refused connection as a "refused" result with the reason,
never an exception, and the refused server sees no request (collector.fetching.client, .guard).

127.0.0.2 stands in for a public host through a custom address check; 127.0.0.1 stays private.
"""

from __future__ import annotations

import asyncio
import ipaddress
from collections.abc import Iterator

import pytest

from collector.fetching.client import Fetcher, FetchResult
from collector.fetching.guard import public_only
from tests.conftest import FAST
from tests.feedserver import FeedServer, Step


def _as_public(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str | None:
    return None if str(ip) == "127.0.0.2" else public_only(ip)


def _get(url: str, check=public_only) -> FetchResult:
    async def run() -> FetchResult:
        async with Fetcher(FAST, guard=check) as fetcher:
            return await fetcher.get(url, allow=lambda _u: None)
    return asyncio.run(run())


@pytest.fixture
def public_host() -> Iterator[FeedServer]:
    srv = FeedServer(host="127.0.0.2")
    yield srv
    srv.close()


def test_a_guarded_fetcher_refuses_loopback_with_the_reason(server: FeedServer) -> None:
    url = server.add("/article", b"<html>secret</html>", content_type="text/html")
    result = _get(url)
    assert result.status == "refused" and "loopback" in (result.error or ""), result
    assert server.count("/article") == 0


@pytest.mark.parametrize("host", ["10.0.0.1", "169.254.169.254", "[::1]", "[::ffff:127.0.0.1]"])
def test_a_literal_private_address_is_refused_without_a_lookup(host: str) -> None:
    """No name lookup either: the tests' loopback guard would turn one for 10.0.0.1 into a DNS error."""
    result = _get(f"http://{host}/latest/meta-data/")
    assert result.status == "refused", result
    assert "address" in (result.error or ""), result


def test_a_redirect_to_a_private_address_is_refused_and_named(server: FeedServer, public_host: FeedServer) -> None:
    private = server.add("/metadata", b"token", content_type="text/plain")
    start = public_host.add("/go", Step(status=302, headers={"Location": private}))
    result = _get(start, _as_public)
    assert result.status == "refused", result
    assert result.error and result.error.startswith(f"redirect to {private} refused") and "loopback" in result.error
    assert public_host.count("/go") == 1 and server.count("/metadata") == 0


def test_a_public_address_is_fetched(public_host: FeedServer) -> None:
    result = _get(public_host.add("/ok", b"fine", content_type="text/plain"), _as_public)
    assert result.status == "ok" and result.body == b"fine", result
