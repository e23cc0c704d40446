"""Test traffic stays on this machine: name lookups and connections to anything but loopback fail.

Real-world fixture feeds link to real hosts (www.blogger.com, news sites); the host rules should keep
Pulso from following them, and this guard makes a slip a loud test failure instead of a packet on
the network. Installed for the whole pytest process by tests/conftest.py.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

_real_getaddrinfo = socket.getaddrinfo
_real_connect = socket.socket.connect


class OffMachineTraffic(socket.gaierror):
    """A test tried to reach past loopback. A name lookup fails as an unknown name does, so the code under
    test takes its "DNS lookup failed" path (reserved `.invalid` names included) and nothing is sent."""


def _loopback_host(host: Any) -> bool:
    if host is None:
        return True
    name = host.decode() if isinstance(host, bytes) else str(host)
    if name in ("localhost", ""):
        return True
    try:
        return ipaddress.ip_address(name.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        return False


def _getaddrinfo(host: Any, *args: Any, **kwargs: Any) -> Any:
    if not _loopback_host(host):
        raise OffMachineTraffic(socket.EAI_NONAME, f"tests may only reach loopback; refused name lookup of {host!r}")
    return _real_getaddrinfo(host, *args, **kwargs)


def _connect(self: socket.socket, address: Any) -> Any:
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _loopback_host(address[0]):
        raise OffMachineTraffic(socket.EAI_FAIL, f"tests may only reach loopback; refused connection to {address!r}")
    return _real_connect(self, address)


def install() -> None:
    socket.getaddrinfo = _getaddrinfo          # type: ignore[assignment]
    socket.socket.connect = _connect           # type: ignore[method-assign]
