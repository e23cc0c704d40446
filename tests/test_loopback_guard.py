"""The test suite itself cannot reach past loopback (tests/loopback_guard.py)."""

from __future__ import annotations

import socket

import httpx
import pytest

from tests.loopback_guard import OffMachineTraffic


def test_a_name_lookup_of_a_real_host_fails_loudly() -> None:
    with pytest.raises(OffMachineTraffic):
        socket.getaddrinfo("www.blogger.com", 443)


def test_a_connection_to_a_public_address_fails_before_any_packet() -> None:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock, pytest.raises(OffMachineTraffic):
        sock.connect(("93.184.216.34", 80))


def test_loopback_still_works(server) -> None:
    url = server.add("/ok", b"fine", content_type="text/plain")
    assert httpx.get(url, trust_env=False).text == "fine"
