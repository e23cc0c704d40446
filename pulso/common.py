"""What the commands share: the --config/--db options, config loading, and the collect and build runs
that `collect`, `build`, `demo` and `nightly` all perform. Kept apart from cli.py so command modules
can import it without importing the command group (a cycle under `python -m pulso.cli`)."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import click

from collector import CollectReport, Config, ConfigError, ExitCode, LockError, SourceReport, load_config

DEFAULT_CONFIG = Path("data/monitor.toml")
DEFAULT_DB = Path("data/pulso.duckdb")

config_option = click.option("--config", "config_path", type=click.Path(path_type=Path), default=DEFAULT_CONFIG,
                             show_default=True, help="The monitor's TOML config.")
db_option = click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The DuckDB database file.")


def load_or_exit(config_path: Path) -> Config:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.UNUSABLE)


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def run_collect_command(config: Config, db_path: Path, *, quiet: bool = False) -> int:
    """Shared by `collect` and `demo`: the library's collect, with progress, then the per-source lines."""
    from collector import collect_into

    notice = None if quiet else (lambda line: click.echo(line, err=True))
    with collect_progress(len(config.sources), quiet=quiet) as progress:
        report = collect_into(config, db_path, progress, notice=notice)
    return print_collect_report(report)


@contextmanager
def collect_progress(total: int, *, quiet: bool) -> Iterator[Callable[[SourceReport], None]]:
    """The callback that shows a run's progress: a bar on a terminal, a line per source in a log,
    nothing with --quiet."""
    if quiet:
        yield lambda report: None
    elif interactive():
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        with Progress(TextColumn("collecting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                      TextColumn("{task.description}"), transient=True) as bar:
            task = bar.add_task("", total=total)
            yield lambda report: bar.update(task, advance=1, description=report.name)
    else:
        count = iter(range(1, total + 1))
        yield lambda report: click.echo(f"[{next(count)}/{total}] {report.name} "
                                        f"{'failed' if report.failed else 'done'}", err=True)


def print_collect_report(report: CollectReport) -> int:
    """Print what a collect run did (or why it could not run); returns its exit code."""
    if report.error is not None:
        click.echo(f"error: {report.error}", err=True)
    else:
        for line in report.lines():
            click.echo(line)
    return int(report.exit_code)


def run_build_command(config: Config, db_path: Path, out: Path, *, cache_dir: Path | None = None,
                      use_cache: bool = True) -> int:
    """`cache_dir` None = the default folder beside the database; `use_cache=False` draws everything."""
    from collector import StorageError, TriageError, exclusive
    from scripts import SiteBuildError, SiteFilesMissing, build_site, default_cache_dir

    cache = (cache_dir or default_cache_dir(db_path)) if use_cache else None
    try:
        with exclusive(db_path, "pulso build"):
            report = build_site(config, db_path, out, cache_dir=cache)
    except (LockError, StorageError, TriageError, SiteBuildError, SiteFilesMissing) as exc:
        click.echo(f"error: {exc}", err=True)
        return ExitCode.UNUSABLE
    except OSError as exc:
        click.echo(f"error: cannot write the site to {out}/: {exc.strerror or exc} ({exc.filename or out}); "
                   "the previous site, if any, is unchanged", err=True)
        return ExitCode.UNUSABLE
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    click.echo(f"site built in {out}/: {report.pages_text()}, {report.charts_text()} ({stages})")
    if report.stale:
        click.echo("warning: the data is stale (no successful fetch in the last 36 hours); the site says so",
                   err=True)
    return ExitCode.OK
