"""What the commands share: the --config/--db options, config loading, and the collect and build runs
that `collect`, `build`, `demo` and `nightly` all perform. Kept apart from cli.py so command modules
can import it without importing the command group (a cycle under `python -m pulso.cli`)."""

from __future__ import annotations

import os
import sys
from pathlib import Path

import click

from collector.config import Config, ConfigError, load_config
from collector.storage.lock import LockError

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
        sys.exit(2)


def interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


def run_collect_command(config: Config, db_path: Path, *, quiet: bool = False) -> int:
    """Shared by `collect`, `demo` and `nightly`: lock, collect with progress, print per-source lines."""
    from collector.collect import SourceReport, run_collect
    from collector.sentiment.enrich import Enrich
    from collector.storage import store
    from collector.storage.lock import exclusive

    data_dir = config.path.parent
    try:
        with exclusive(db_path, "pulso collect"):
            con = store.connect(db_path)
            enrich = Enrich(config.languages, model_dir=data_dir / "model",
                            overrides_path=data_dir / "overrides.csv")
            total = len(config.sources)
            if interactive() and not quiet:
                from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

                with Progress(TextColumn("collecting"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                              TextColumn("{task.description}"), transient=True) as bar:
                    task = bar.add_task("", total=total)

                    def done(r: SourceReport) -> None:
                        bar.update(task, advance=1, description=r.name)

                    reports = run_collect(config, con, enrich=enrich, on_done=done)
            else:
                count = iter(range(1, total + 1))

                def done(r: SourceReport) -> None:
                    if not quiet:
                        click.echo(f"[{next(count)}/{total}] {r.name} {'failed' if r.failed else 'done'}", err=True)

                reports = run_collect(config, con, enrich=enrich, on_done=done)
            con.close()
    except (LockError, store.StorageError) as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    for r in reports:
        click.echo(r.line())
    failed = [r for r in reports if r.failed or r.errors]
    click.echo(f"{len(reports) - len(failed)} of {len(reports)} sources collected cleanly"
               + (f"; {len(failed)} with errors (see the Estado page or the fetches table)" if failed else ""))
    return 1 if failed else 0


def run_build_command(config: Config, db_path: Path, out: Path, *, cache_dir: Path | None = None,
                      use_cache: bool = True) -> int:
    """`cache_dir` None = the default folder beside the database; `use_cache=False` draws everything."""
    from collector.storage.lock import exclusive
    from collector.storage.store import StorageError
    from scripts.build.cache import default_cache_dir
    from scripts.build.site import build_site

    cache = (cache_dir or default_cache_dir(db_path)) if use_cache else None
    try:
        with exclusive(db_path, "pulso build"):
            report = build_site(config, db_path, out, cache_dir=cache)
    except (LockError, StorageError) as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except OSError as exc:
        click.echo(f"error: cannot write the site to {out}/: {exc.strerror or exc} ({exc.filename or out}); "
                   "the previous site, if any, is unchanged", err=True)
        return 2
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    click.echo(f"site built in {out}/: {report.pages_text()}, {report.charts_text()} ({stages})")
    if report.stale:
        click.echo("warning: the data is stale (no successful fetch in the last 36 hours); the site says so",
                   err=True)
    return 0
