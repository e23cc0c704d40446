"""A read-only database folder and a full disk, for real: tmpfs mounts in a private mount namespace.

Running as root ignores file permissions (a chmod 444 file stays writable for root), so the tests use
what stops root too: a tmpfs remounted read-only (EROFS) and a tmpfs of a few megabytes (ENOSPC).
`unshare -Urm` gives the test its own user and mount namespace, so it needs no privileges and the
mounts vanish with the process. Each check runs inside that namespace; its JSON result comes back.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from tests.conftest import FIXTURES, collect_once, write_config
from tests.feedserver import FeedServer
from tests.hardening.procs import ROOT

GOOD = (FIXTURES / "feeds" / "wordpress_posts.xml").read_bytes()


def _can_unshare() -> bool:
    if not shutil.which("unshare"):
        return False
    probe = subprocess.run(["unshare", "-Urm", "sh", "-c", "mount -t tmpfs tmpfs /mnt && umount /mnt"],
                           capture_output=True)
    return probe.returncode == 0


pytestmark = pytest.mark.skipif(not _can_unshare(), reason="needs user+mount namespaces (unshare -Urm)")

CHECK = textwrap.dedent("""
    import json, subprocess, sys
    from pathlib import Path
    from collector.storage import store
    args = json.loads(sys.argv[1])
    run = subprocess.run([sys.executable, "-c", "from pulso.cli import main; main()", *args["cmd"]],
                         capture_output=True, text=True, cwd=args["cwd"])
    out = {"code": run.returncode, "stdout": run.stdout, "stderr": run.stderr}
    try:
        con = store.connect(args["db"], read_only=True)
        out["posts"] = dict(con.execute("SELECT source_id, count(*) FROM posts GROUP BY 1").fetchall())
        out["orphans"] = con.execute("SELECT count(*) FROM comments c LEFT JOIN posts p USING (post_id) "
                                     "WHERE p.post_id IS NULL").fetchall()[0][0]
        con.close()
    except Exception as exc:
        out["open_error"] = f"{type(exc).__name__}: {exc}"
    if args.get("site"):
        site = Path(args["site"])
        out["site_files"] = sorted(str(p.relative_to(site)) for p in site.rglob("*")) if site.exists() else None
    print(json.dumps(out))
""")


def in_namespace(setup: str, args: dict) -> dict:
    script = f"set -e\n{setup}\nexec {sys.executable} -c {_sh(CHECK)} {_sh(json.dumps(args))}"
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, cwd=ROOT,
                          timeout=600)
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def _sh(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


@pytest.fixture
def collected(server: FeedServer, tmp_path: Path) -> tuple[Path, Path]:
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "a"\nurl = "{server.add("/a", GOOD)}"\n'
                                            "comments = false\n")
    db = tmp_path / "seed" / "p.duckdb"
    db.parent.mkdir()
    collect_once(cfg, db)
    return cfg, db


def test_read_only_database_folder_is_a_clear_error_and_changes_nothing(collected, tmp_path: Path):
    cfg, seed = collected
    ro = tmp_path / "ro"
    ro.mkdir()
    setup = (f"mount -t tmpfs tmpfs {ro}\ncp {seed} {ro}/p.duckdb\nmkdir {ro}/site\necho old > {ro}/site/index.html\n"
             f"mount -o remount,ro {ro}")
    db = str(ro / "p.duckdb")
    result = in_namespace(setup, {"cmd": ["collect", "--config", str(cfg), "--db", db], "cwd": str(ROOT), "db": db})
    assert result["code"] == 2, result
    assert "error: cannot create the lock file" in result["stderr"] and "Read-only file system" in result["stderr"]
    assert "Traceback" not in result["stderr"]
    assert result["posts"] == {"a": 10}

    # the lock beside a writable copy of the config, the database itself read-only: DuckDB's own refusal
    result = in_namespace(setup, {"cmd": ["build", "--config", str(cfg), "--db", db, "--out", f"{ro}/site"],
                                  "cwd": str(ROOT), "db": db, "site": f"{ro}/site"})
    assert result["code"] == 2, result
    assert "error:" in result["stderr"] and "Traceback" not in result["stderr"]
    assert result["site_files"] == ["index.html"]          # the old site is still there, untouched


def test_store_connect_on_a_read_only_file_names_the_file_and_the_fix(collected, tmp_path: Path):
    _, seed = collected
    ro = tmp_path / "ro"
    ro.mkdir()
    probe = textwrap.dedent(f"""
        from collector.storage import store
        try:
            store.connect({str(ro / 'p.duckdb')!r})
        except store.StorageError as exc:
            print("STORAGE:", exc)
    """)
    script = (f"set -e\nmount -t tmpfs tmpfs {ro}\ncp {seed} {ro}/p.duckdb\nmount -o remount,ro {ro}\n"
              f"exec {sys.executable} -c {_sh(probe)}")
    done = subprocess.run(["unshare", "-Urm", "sh", "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert done.stdout.startswith("STORAGE: cannot open the database"), (done.stdout, done.stderr)
    assert "read-only" in done.stdout and "--db" in done.stdout


def test_disk_full_mid_collect_is_a_clear_error_and_keeps_the_last_good_state(
        collected, server: FeedServer, tmp_path: Path):
    _, seed = collected
    items = "".join(
        f"<item><title>Entrada {i}</title><guid>big-{i}</guid><link>{server.base}/big/{i}</link>"
        f"<pubDate>Mon, 02 Nov 2026 10:00:00 GMT</pubDate><description>{'texto largo ' * 800} {i}</description>"
        "</item>" for i in range(400))
    server.add("/big", f'<?xml version="1.0"?><rss version="2.0"><channel><title>Big</title>{items}'
                       "</channel></rss>".encode())
    cfg = write_config(tmp_path / "full.toml", f'[[sources]]\nname = "a"\nurl = "{server.url("/a")}"\n'
                                               "comments = false\n\n"
                                               f'[[sources]]\nname = "big"\nurl = "{server.url("/big")}"\n'
                                               "comments = false\n")
    small = tmp_path / "small"
    small.mkdir()
    size_kb = seed.stat().st_size // 1024 + 1536
    setup = f"mount -t tmpfs -o size={size_kb}k tmpfs {small}\ncp {seed} {small}/p.duckdb"
    db = str(small / "p.duckdb")
    result = in_namespace(setup, {"cmd": ["collect", "--config", str(cfg), "--db", db, "--quiet"],
                                  "cwd": str(ROOT), "db": db})
    assert result["code"] == 2, result["stderr"]
    assert "Traceback" not in result["stderr"], result["stderr"]
    assert "error: cannot write the database" in result["stderr"], result["stderr"]
    assert "disk is full" in result["stderr"], result["stderr"]
    assert "open_error" not in result, result
    assert result["posts"] == {"a": 10}                    # what was there stays; "big" did not half-land
    assert result["orphans"] == 0
