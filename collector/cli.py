"""The `pulso` command: parse arguments, call the library, print. Exit codes: 0 ok, 1 some sources
failed, 2 bad config or usage."""

from __future__ import annotations

import contextlib
import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from collector import __version__
from collector.cli_sentiment import score_command, sentiment_group
from collector.config import Config, ConfigError, load_config
from collector.lock import LockError

DEFAULT_CONFIG = Path("data/monitor.toml")
DEFAULT_DB = Path("data/pulso.duckdb")

config_option = click.option("--config", "config_path", type=click.Path(path_type=Path), default=DEFAULT_CONFIG,
                             show_default=True, help="The monitor's TOML config.")
db_option = click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB,
                         show_default=True, help="The DuckDB database file.")


def _load(config_path: Path) -> Config:
    try:
        return load_config(config_path)
    except ConfigError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)


def _interactive() -> bool:
    return sys.stderr.isatty() and not os.environ.get("CI")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="pulso")
def cli() -> None:
    """Pulso: what blogs and news say about a brand, and how fast the brand answers."""


@cli.command()
@config_option
@db_option
@click.option("--quiet", is_flag=True, help="Only the summary lines.")
def collect(config_path: Path, db_path: Path, quiet: bool) -> None:
    """Fetch every source and its comment feeds into the database.

    Example: pulso collect --config data/monitor.toml --db data/pulso.duckdb
    """
    config = _load(config_path)
    sys.exit(run_collect_command(config, db_path, quiet=quiet))


def run_collect_command(config: Config, db_path: Path, *, quiet: bool = False) -> int:
    """Shared by `collect`, `demo` and `nightly`: lock, collect with progress, print per-source lines."""
    from collector import store
    from collector.collect import SourceReport, run_collect
    from collector.enrich import Enrich
    from collector.lock import exclusive

    data_dir = config.path.parent
    try:
        with exclusive(db_path, "pulso collect"):
            con = store.connect(db_path)
            enrich = Enrich(config.languages, model_dir=data_dir / "model",
                            overrides_path=data_dir / "overrides.csv")
            total = len(config.sources)
            if _interactive() and not quiet:
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


@cli.command()
@config_option
@db_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where the static site goes (replaced).")
def build(config_path: Path, db_path: Path, out: Path) -> None:
    """Query the database, write charts and pages, and run a strict MkDocs build.

    Example: pulso build --out site/
    """
    config = _load(config_path)
    if not db_path.exists():
        click.echo(f"error: {db_path} does not exist; run `pulso collect` first", err=True)
        sys.exit(2)
    sys.exit(run_build_command(config, db_path, out))


def run_build_command(config: Config, db_path: Path, out: Path) -> int:
    from collector.lock import exclusive
    from collector.store import StorageError
    from scripts.build import build_site

    try:
        with exclusive(db_path, "pulso build"):
            report = build_site(config, db_path, out)
    except (LockError, StorageError) as exc:
        click.echo(f"error: {exc}", err=True)
        return 2
    except OSError as exc:
        click.echo(f"error: cannot write the site to {out}/: {exc.strerror or exc} ({exc.filename or out}); "
                   "the previous site, if any, is unchanged", err=True)
        return 2
    stages = ", ".join(f"{k} {v:.1f} s" for k, v in report.timings.items())
    click.echo(f"site built in {out}/: {report.pages} pages, {report.charts} charts ({stages})")
    if report.stale:
        click.echo("warning: the data is stale (no successful fetch in the last 36 hours); the site says so",
                   err=True)
    return 0


@cli.command()
@click.option("--out", type=click.Path(path_type=Path), default=Path("data/demo"), show_default=True,
              help="Where the demo feeds, config and database go.")
@click.option("--scale", type=float, default=1.0, show_default=True, help="Multiply sources and comments.")
@click.option("--site/--no-site", default=True, help="Also build the site into site/.")
@click.option("--site-dir", type=click.Path(path_type=Path), default=Path("site"), show_default=True)
def demo(out: Path, scale: float, site: bool, site_dir: Path) -> None:
    """Generate a realistic demo dataset, serve it on 127.0.0.1, collect it over HTTP, build the site.

    Example: pulso demo --scale 1
    """
    from collector.demo import generate
    from collector.localserver import serve

    feeds = out / "feeds"
    # The demo's "now" is the present hour, so the overview's last-7-days window has data in it.
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with serve(feeds) as server:
        summary = generate(feeds, server.base_url, scale=scale, end=end)
        click.echo(f"demo data: {summary}")
        config = _load(feeds / "monitor.toml")
        code = run_collect_command(config, out / "pulso.duckdb")
    if code == 2:
        sys.exit(code)
    if site:
        code = run_build_command(config, out / "pulso.duckdb", site_dir)
        click.echo(f"open {site_dir}/index.html, or run `pulso serve`")
    # The demo feeds include a deliberately malformed source, so collect's exit 1 is expected here.
    sys.exit(code if code == 2 else 0)


@cli.command()
@click.option("--dir", "site_dir", type=click.Path(path_type=Path, exists=True, file_okay=False),
              default=Path("site"), show_default=True)
@click.option("--port", type=int, default=8000, show_default=True)
def serve(site_dir: Path, port: int) -> None:
    """Serve the built site on http://127.0.0.1:PORT/ (Ctrl-C to stop).

    Example: pulso serve --port 8000
    """
    import functools
    from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(site_dir))
    with ThreadingHTTPServer(("127.0.0.1", port), handler) as httpd:
        click.echo(f"serving {site_dir}/ on http://127.0.0.1:{port}/")
        with contextlib.suppress(KeyboardInterrupt):
            httpd.serve_forever()


@sentiment_group.command("rescore")
@config_option
@db_option
def rescore(config_path: Path, db_path: Path) -> None:
    """Re-score every stored post and comment (after a lexicon, model or override change).

    Example: pulso sentiment rescore
    """
    from collector import store
    from collector.enrich import Enrich
    from collector.lock import exclusive
    from collector.maintain import rescore as rescore_all

    config = _load(config_path)
    data_dir = config.path.parent
    try:
        with exclusive(db_path, "pulso sentiment rescore"):
            con = store.connect(db_path)
            enrich = Enrich(config.languages, model_dir=data_dir / "model", overrides_path=data_dir / "overrides.csv")
            count = rescore_all(con, config, enrich)
            con.close()
    except (LockError, store.StorageError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"re-scored {count:,} texts with the {enrich.scorer_name}")


cli.add_command(score_command, "score")
cli.add_command(sentiment_group, "sentiment")

from collector.cli_weekly import nightly_command, weekly_command  # noqa: E402  (it imports this module)

cli.add_command(weekly_command, "weekly")
cli.add_command(nightly_command, "nightly")


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
