"""One writer at a time, proven with real processes: a second `pulso collect` or `pulso build` is
refused at once, naming the lock file and the process holding it; a dead holder's lock is taken over."""

from __future__ import annotations

import time
from pathlib import Path

from collector.storage.lock import exclusive
from tests.conftest import FIXTURES, write_config
from tests.feedserver import FeedServer, Step
from tests.hardening.procs import kill_group, pulso

GOOD = (FIXTURES / "feeds" / "wordpress_posts.xml").read_bytes()


def _wait_for_holder(lock: Path, pid: int, timeout: float = 60) -> str:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if lock.exists() and f"pid {pid}," in lock.read_text(encoding="utf-8", errors="replace"):
            return lock.read_text(encoding="utf-8")
        time.sleep(0.1)
    raise AssertionError(f"{lock} never named pid {pid}")


def test_second_collect_and_build_are_refused_at_once_then_a_killed_holder_is_taken_over(
        server: FeedServer, tmp_path: Path):
    server.add("/slow", Step(body=GOOD, delay=30))       # keeps the first run busy inside the lock
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "s"\nurl = "{server.url("/slow")}"\n'
                                            "comments = false\n")
    db = tmp_path / "p.duckdb"
    lock = Path(f"{db}.lock")
    first = pulso("collect", "--config", str(cfg), "--db", str(db))
    try:
        assert "pulso collect" in _wait_for_holder(lock, first.pid)
        for command in (["collect"], ["build", "--out", str(tmp_path / "site")]):
            started = time.monotonic()
            second = pulso(*command, "--config", str(cfg), "--db", str(db))
            out, err = second.communicate(timeout=60)
            assert second.returncode == 2, (command, out, err)
            assert str(lock) in err and f"pid {first.pid}, pulso collect" in err, err
            assert "Traceback" not in err
            assert time.monotonic() - started < 20           # refused at once, not after the first run
        assert not (tmp_path / "site").exists()
        assert first.poll() is None                          # the first run was not disturbed
    finally:
        kill_group(first)
    # the holder died without cleaning up: the file is still there, naming a dead pid
    assert f"pid {first.pid}," in lock.read_text(encoding="utf-8")
    server.add("/slow", Step(body=GOOD))
    third = pulso("collect", "--config", str(cfg), "--db", str(db), "--quiet")
    out, err = third.communicate(timeout=120)
    assert third.returncode == 0, (out, err)
    assert "s: ok - posts 10 new" in out


def test_a_lock_file_left_by_a_dead_process_is_taken_over(tmp_path: Path):
    db = tmp_path / "p.duckdb"
    lock = Path(f"{db}.lock")
    lock.write_text("pid 999999999, pulso collect", encoding="utf-8")   # no process holds its flock
    with exclusive(db, "pulso build") as path:
        assert path == lock
        assert lock.read_text(encoding="utf-8").startswith("pid ")
        assert "999999999" not in lock.read_text(encoding="utf-8")
