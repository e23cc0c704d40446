"""The nightly sequence, written once: collect -> build. The CI workflow and cron both call it.

Exit codes (collector.ExitCode) say whether a site was published, so the caller never has to parse
output: 0 collected cleanly and built; 1 some sources failed but the site was built (it shows the
failures on the health page and a stale-data warning when nothing fresh arrived); 2 bad config or
another run holds the lock; 3 every source failed — nothing built, so yesterday's site stays up;
4 the build broke. What the collect did is read from its report, not from the database.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path

from collector import CollectReport, Config, ExitCode, collect_into

log = logging.getLogger(__name__)


def run_nightly(config: Config, db_path: Path, out: Path, *, build: Callable[[Config, Path, Path], int],
                echo: Callable[[str], None] = print,
                on_collected: Callable[[CollectReport], object] | None = None,
                alert: Callable[[Config, Path], int] | None = None) -> ExitCode:
    """Collect, decide from the collect's report whether there is anything worth publishing, build, alert.

    `build(config, db_path, out)` is the site build as the command line runs it (lock, messages),
    returning its exit code; `on_collected(report)` lets the caller show the collect's report;
    `alert(config, db_path)` is `pulso alert` as the command line runs it, after a good build (an alert
    that could not be sent makes the night exit 1: the site is still worth publishing)."""
    try:
        report = collect_into(config, db_path)
    except Exception as exc:  # a crash must not look like "some sources failed" (exit 1 publishes)
        log.exception("collect crashed")
        echo(f"nightly: collect crashed: {exc}; nothing published")
        return ExitCode.NOTHING_COLLECTED
    if on_collected is not None:
        on_collected(report)
    if report.exit_code == ExitCode.UNUSABLE:
        echo("nightly: collect could not run (config or lock); nothing published")
        return ExitCode.UNUSABLE
    tried = len(report.sources)
    if report.every_source_failed:
        echo(f"nightly: every source failed ({tried} of {tried}); not building, the published site stays as it was")
        return ExitCode.NOTHING_COLLECTED
    try:
        build_code = build(config, db_path, out)
    except Exception as exc:  # a broken build must fail the night loudly, whatever broke
        log.exception("build failed")
        echo(f"nightly: the site build failed: {exc}; nothing published")
        return ExitCode.BUILD_FAILED
    if build_code != ExitCode.OK:
        echo(f"nightly: the site build exited {build_code}; nothing published")
        return ExitCode.BUILD_FAILED
    alerted = ExitCode.OK if alert is None else _alert(alert, config, db_path, echo)
    if report.exit_code == ExitCode.SOURCES_FAILED:
        echo(f"nightly: site built; {_unclean(report)} (see the Estado page)")
        return ExitCode.SOURCES_FAILED
    if alerted != ExitCode.OK:
        echo("nightly: collected and built cleanly, but the alerts were not all sent (see above)")
        return ExitCode.SOURCES_FAILED
    echo("nightly: collected and built cleanly")
    return ExitCode.OK


def _alert(alert: Callable[[Config, Path], int], config: Config, db_path: Path, echo: Callable[[str], None]) -> int:
    """The alert step; a crash in it is reported, and the site built before it is still published."""
    try:
        return alert(config, db_path)
    except Exception as exc:
        log.exception("alerts crashed")
        echo(f"nightly: the alerts crashed: {exc}")
        return ExitCode.SOURCES_FAILED


def _unclean(report: CollectReport) -> str:
    """'2 of 9 sources failed, 1 partial': the sources that failed, then those read only in part."""
    text = f"{len(report.failed)} of {len(report.sources)} sources failed"
    return text + (f", {len(report.partial)} partial" if report.partial else "")
