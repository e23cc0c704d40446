"""SIGKILL `pulso collect` at random points: the database always reopens, every source is wholly
before or wholly after its batch, and the next run completes.

The demo generator (scale 0.3: 10 sources, ~300 posts, ~6,000 comments) is served on 127.0.0.1 by
collector.localserver; every kill takes the whole process group (the command and its parse workers),
as an OOM killer or a power cut would. Set PULSO_CRASH_RUNS to change the number of kills (default 20).
"""

from __future__ import annotations

import os
import random
import time
from pathlib import Path

import pytest

from collector.storage import store
from pulso.demo.generate import generate
from pulso.demo.server import serve
from tests.hardening.procs import kill_group, pulso

pytestmark = pytest.mark.slow

RUNS = int(os.environ.get("PULSO_CRASH_RUNS", "20"))


def snapshot(db: Path) -> dict[str, tuple[int, int]]:
    """Opens the database read-write (replaying any WAL) and checks the contract; per-source counts."""
    con = store.connect(db)
    try:
        orphans = con.execute("SELECT count(*) FROM comments c LEFT JOIN posts p USING (post_id) "
                              "WHERE p.post_id IS NULL").fetchall()[0][0]
        assert orphans == 0, f"{orphans} comments whose post is missing"
        cross = con.execute("SELECT count(*) FROM comments c JOIN posts p USING (post_id) "
                            "WHERE c.source_id <> p.source_id").fetchall()[0][0]
        assert cross == 0
        # the view the site reads still evaluates over everything
        con.execute("SELECT count(*), count(response_hours) FROM responses").fetchall()
        # a fetch log row for every source that has posts (they land in the same transaction)
        unlogged = con.execute("SELECT count(*) FROM (SELECT DISTINCT source_id FROM posts) p "
                               "WHERE p.source_id NOT IN (SELECT source_id FROM fetches)").fetchall()[0][0]
        assert unlogged == 0
        rows = con.execute("""
            SELECT s.source_id,
                   (SELECT count(*) FROM posts p WHERE p.source_id = s.source_id),
                   (SELECT count(*) FROM comments c WHERE c.source_id = s.source_id)
            FROM sources s""").fetchall()
    finally:
        con.close()
    return {s: (p, c) for s, p, c in rows}


def run_to_end(cfg: Path, db: Path) -> tuple[int, float, str]:
    started = time.perf_counter()
    proc = pulso("collect", "--config", str(cfg), "--db", str(db))
    out, err = proc.communicate(timeout=600)
    assert "Traceback" not in err, err
    return proc.returncode, time.perf_counter() - started, out


def test_sigkill_at_random_points_never_leaves_a_half_written_source(tmp_path: Path):
    rng = random.Random(int(os.environ.get("PULSO_CRASH_SEED", "20261125")))
    feeds = tmp_path / "feeds"
    with serve(feeds) as server:
        generate(feeds, server.base_url, scale=0.3)
        cfg = feeds / "monitor.toml"
        reference_db = tmp_path / "reference.duckdb"
        code, full_seconds, _ = run_to_end(cfg, reference_db)
        assert code in (0, 1)                  # the demo has one deliberately broken source
        final = snapshot(reference_db)
        assert sum(c for _, c in final.values()) > 1000

        # An unchanged re-run is mostly 304s: far shorter than a first run. Kill times are drawn from the
        # expected length of *this* run (re-run time plus the share of sources still missing), so most
        # kills land mid-run whether the run starts empty or resumes a partly collected database.
        _, rerun_seconds, _ = run_to_end(cfg, reference_db)
        db = tmp_path / "p.duckdb"
        state: dict[str, tuple[int, int]] = {}
        states_seen: list[dict[str, tuple[int, int]]] = []
        killed_midway = 0
        for run in range(RUNS):
            if run % 4 == 0 and db.exists():    # every fourth run starts again from an empty database
                db.unlink()
                for extra in db.parent.glob(db.name + ".*"):
                    if extra.is_file():
                        extra.unlink()
            missing = 1.0 if not db.exists() else sum(
                1 for source, counts in final.items() if counts != (0, 0) and state.get(source) != counts
            ) / len(final)
            expected = rerun_seconds + (full_seconds - rerun_seconds) * missing
            proc = pulso("collect", "--config", str(cfg), "--db", str(db))
            time.sleep(rng.uniform(0.3, max(0.6, expected)))
            finished = proc.poll() is not None
            kill_group(proc)
            killed_midway += not finished
            state = snapshot(db)
            for source, counts in state.items():
                assert counts in ((0, 0), final[source]), (run, source, counts, final[source])
            states_seen.append(state)
        assert killed_midway >= RUNS // 2
        # some kill landed between sources: partly collected databases were seen
        assert any(0 < sum(1 for c in s.values() if c != (0, 0)) < len(final) for s in states_seen)

        code, _, out = run_to_end(cfg, db)
        assert code in (0, 1), out
        assert snapshot(db) == final
