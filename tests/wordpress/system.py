"""Processes and packages behind the WordPress harness: requirement checks, ports, start-up waits, clean stops.

Kept apart from harness.py so the blog API stays readable; nothing here knows about WordPress internals.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import time
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

APT_COMMAND = "apt-get install -y --no-install-recommends wordpress mariadb-server php-cli php-mysql"
WP_ROOT = Path("/usr/share/wordpress")
ETC = Path("/etc/wordpress")
BINARIES = {"mariadbd": "/usr/sbin/mariadbd", "install_db": "/usr/bin/mariadb-install-db",
            "client": "/usr/bin/mariadb", "php": "/usr/bin/php"}
STALE = re.compile(r"config-pulso-(\d+)-[0-9a-f]+-\d+\.php")


class WordPressUnavailable(RuntimeError):
    """The Debian packages (or root, for /etc/wordpress) are missing: say how to get them, never skip."""


def check_requirements() -> None:
    """Fail loudly with the install command; a silently skipped integration test proves nothing."""
    missing = [path for path in [*BINARIES.values(), str(WP_ROOT / "wp-load.php")] if not Path(path).exists()]
    if not missing:
        probe = subprocess.run([BINARIES["php"], "-r", "exit(extension_loaded('mysqli') ? 0 : 1);"], check=False)
        missing += [] if probe.returncode == 0 else ["php mysqli extension (php-mysql)"]
    if missing:
        raise WordPressUnavailable(f"missing {', '.join(missing)}; install with: sudo {APT_COMMAND}")
    if not os.access(ETC, os.W_OK):
        raise WordPressUnavailable(f"{ETC} is not writable: the WordPress tests must run as root")


def utc_text(when: datetime | str) -> str:
    """WordPress stores `Y-m-d H:i:s` without zone; naive datetimes are taken as UTC."""
    if isinstance(when, str):
        return when
    return (when.astimezone(UTC) if when.tzinfo else when).strftime("%Y-%m-%d %H:%M:%S")


def free_port(host: str) -> int:
    with socket.socket() as sock:
        sock.bind((host, 0))
        return int(sock.getsockname()[1])


def wait_for(
    check: Callable[[], bool], what: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 20.0
) -> None:
    """Poll `check()` until true; fail early, with the log's tail, if the process died."""
    deadline = time.monotonic() + timeout
    while not check():
        if proc.poll() is not None or time.monotonic() > deadline:
            tail = log.read_text(errors="replace")[-2000:] if log.exists() else ""
            raise RuntimeError(f"{what} did not come up (exit {proc.poll()}):\n{tail}")
        time.sleep(0.05)


def stop_group(proc: subprocess.Popen[bytes] | None, grace: float = 10.0) -> None:
    """php -S workers outlive their parent on SIGTERM, so signal the whole group we created for it."""
    if proc is None or proc.poll() is not None:
        return
    try:
        os.killpg(proc.pid, signal.SIGTERM)
        proc.wait(grace)
    except subprocess.TimeoutExpired:
        os.killpg(proc.pid, signal.SIGKILL)
        proc.wait()
    except ProcessLookupError:
        pass



def remove_stale_configs() -> None:
    """Config files left by a killed session (its pid is gone) would otherwise pile up in /etc/wordpress."""
    for path in ETC.glob("config-pulso-*.php"):
        match = STALE.fullmatch(path.name)
        if match and not Path(f"/proc/{match.group(1)}").exists():
            path.unlink(missing_ok=True)
