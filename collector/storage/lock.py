"""One writer at a time: an advisory lock file beside the database.

`flock` is released by the kernel when the holder dies, so a lock left by a killed run is taken
over without anyone deleting files; the pid written inside names the live holder in the message.
"""

from __future__ import annotations

import contextlib
import fcntl
import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path


class LockError(Exception):
    """The run cannot take the lock (see the two kinds below)."""


class LockedError(LockError):
    """Another Pulso process holds the lock."""


class LockFileError(LockError):
    """The lock file cannot be created or opened (a read-only folder, a full disk)."""


@contextmanager
def exclusive(db_path: Path | str, purpose: str) -> Iterator[Path]:
    lock_path = Path(f"{db_path}.lock")
    try:
        lock_path.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path, os.O_RDWR | os.O_CREAT, 0o644)
    except OSError as exc:
        raise LockFileError(
            f"cannot create the lock file {lock_path}: {exc.strerror}; the database folder must be writable "
            "(or pass --db with a writable path)") from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = os.pread(fd, 200, 0).decode("utf-8", "replace").strip() or "unknown process"
            raise LockedError(
                f"{lock_path} is held by another Pulso run ({holder}); wait for it to finish. "
                "A lock from a process that died is released automatically."
            ) from None
        with contextlib.suppress(OSError):     # the flock is what excludes; the pid only names it
            os.ftruncate(fd, 0)
            os.pwrite(fd, f"pid {os.getpid()}, {purpose}".encode(), 0)
        yield lock_path
    finally:
        os.close(fd)
