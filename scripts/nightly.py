"""The nightly sequence, written once: collect -> build. The CI workflow and cron both call it.

Exit codes say whether a site was published, so the caller never has to parse output:
0 collected cleanly and built; 1 some sources failed but the site was built (it shows the failures
on the health page and a stale-data warning when nothing fresh arrived); 2 bad config or another run
holds the lock; 3 every source failed — nothing built, so yesterday's site stays up; 4 the build broke.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path

import duckdb

from collector import Config, sql

OK, SOME_FAILED, USAGE, ALL_FAILED, BUILD_FAILED = 0, 1, 2, 3, 4
log = logging.getLogger(__name__)


def sources_ok_since(db_path: Path, since: datetime) -> tuple[int, int]:
    """(sources whose own feed was read, sources tried) by the run that started at `since`."""
    con = duckdb.connect(str(db_path), read_only=True)
    try:
        ok, tried = con.execute(sql("nightly_sources_ok", "scripts"), {"since": since}).fetchall()[0]
    finally:
        con.close()
    return int(ok or 0), int(tried or 0)


def run_nightly(config: Config, db_path: Path, out: Path, *, collect: Callable[[Config, Path], int],
                build: Callable[[Config, Path, Path], int], echo: Callable[[str], None] = print) -> int:
    """Collect, decide whether there is anything worth publishing, build. `collect`/`build` are the CLI's
    own runners (passed in, so this module does not import the CLI)."""
    started = datetime.now(UTC)
    try:
        code = collect(config, db_path)
    except Exception as exc:  # a crash must not look like "some sources failed" (exit 1 publishes)
        log.exception("collect crashed")
        echo(f"nightly: collect crashed: {exc}; nothing published")
        return ALL_FAILED
    if code == USAGE:
        echo("nightly: collect could not run (config or lock); nothing published")
        return USAGE
    if not Path(db_path).is_file():
        echo("nightly: no database after collect; nothing published")
        return ALL_FAILED
    ok, tried = sources_ok_since(db_path, started)
    if tried and ok == 0:
        echo(f"nightly: every source failed ({tried} of {tried}); not building, the published site stays as it was")
        return ALL_FAILED
    try:
        build_code = build(config, db_path, out)
    except Exception as exc:  # a broken build must fail the night loudly, whatever broke
        log.exception("build failed")
        echo(f"nightly: the site build failed: {exc}; nothing published")
        return BUILD_FAILED
    if build_code != 0:
        echo(f"nightly: the site build exited {build_code}; nothing published")
        return BUILD_FAILED
    if code == SOME_FAILED:
        echo(f"nightly: site built; {tried - ok} of {tried} sources failed (see the Estado page)")
        return SOME_FAILED
    echo("nightly: collected and built cleanly")
    return OK
