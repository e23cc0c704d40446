"""The `pulso` command: parse arguments, call the library, print. Exit codes: 0 ok, 1 some sources
failed, 2 bad config or usage."""

from __future__ import annotations

import contextlib
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from collector import ExitCode, LockError, __version__
from pulso.cmd_sentiment import score_command, sentiment_group
from pulso.common import (
    config_option,
    db_option,
    load_or_exit,
    run_build_command,
    run_collect_command,
)


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
    config = load_or_exit(config_path)
    sys.exit(run_collect_command(config, db_path, quiet=quiet))


@cli.command()
@config_option
@db_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where the static site goes (replaced).")
@click.option("--cache", "cache_dir", type=click.Path(file_okay=False, path_type=Path), default=None,
              help="Where drawn charts are kept for the next build [default: .pulso-cache beside the database].")
@click.option("--no-cache", is_flag=True, help="Draw every chart again (the cache is left alone).")
def build(config_path: Path, db_path: Path, out: Path, cache_dir: Path | None, no_cache: bool) -> None:
    """Query the database, write charts and pages, and run a strict MkDocs build.

    Charts that came out the same as in the previous build are reused from the cache folder, which
    is always safe to delete.

    Example: pulso build --out site/
    """
    config = load_or_exit(config_path)
    if not db_path.exists():
        click.echo(f"error: {db_path} does not exist; run `pulso collect` first", err=True)
        sys.exit(2)
    sys.exit(run_build_command(config, db_path, out, cache_dir=cache_dir, use_cache=not no_cache))


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
    from pulso.demo.generate import generate
    from pulso.demo.server import serve_demo

    feeds = out / "feeds"
    # The demo's "now" is the present hour, so the overview's last-7-days window has data in it.
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with serve_demo(feeds) as servers:  # the blogs, and Blogger's feed host on 127.0.0.3
        summary = generate(feeds, servers.base_url, blogger_url=servers.blogger_url, scale=scale, end=end)
        click.echo(f"demo data: {summary}")
        config = load_or_exit(feeds / "monitor.toml")
        code = run_collect_command(config, out / "pulso.duckdb")
    if code == ExitCode.UNUSABLE:
        sys.exit(code)
    if site:
        code = run_build_command(config, out / "pulso.duckdb", site_dir)
        click.echo(f"open {site_dir}/index.html, or run `pulso serve --dir {site_dir}`")
    # The demo's config and database are not the defaults: say how to reach them from the next command.
    flags = f"--config {feeds / 'monitor.toml'} --db {out / 'pulso.duckdb'}"
    click.echo("next, with the demo's data:\n"
               f"  pulso weekly {flags}\n"
               f"  pulso build {flags} --out {site_dir}\n"
               f"  echo 'Llevo tres días sin línea, ¿alguien sabe algo?' | pulso score --explain")
    # The demo feeds include a deliberately malformed source, so collect's exit 1 is expected here.
    sys.exit(code if code == ExitCode.UNUSABLE else ExitCode.OK)


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
    from collector import Enrich, StorageError, connect, exclusive
    from collector import rescore as rescore_all

    config = load_or_exit(config_path)
    try:
        with exclusive(db_path, "pulso sentiment rescore"):
            con = connect(db_path)
            enrich = Enrich(config.languages, model_dir=config.model_dir, overrides_path=config.overrides_path)
            count = rescore_all(con, config, enrich)
            con.close()
    except (LockError, StorageError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(f"re-scored {count:,} texts with the {enrich.scorer_name}")


cli.add_command(score_command, "score")
cli.add_command(sentiment_group, "sentiment")

from pulso.cmd_weekly import nightly_command, weekly_command  # noqa: E402

cli.add_command(weekly_command, "weekly")
cli.add_command(nightly_command, "nightly")

from pulso.cmd_sources import sources_group  # noqa: E402

cli.add_command(sources_group, "sources")

from pulso.cmd_triage import triage_group  # noqa: E402

cli.add_command(triage_group, "triage")

from pulso.cmd_alert import alert_command  # noqa: E402

cli.add_command(alert_command, "alert")


@cli.command()
@db_option
@click.option("--parquet", "parquet_dir", type=click.Path(path_type=Path), required=True,
              help="Folder for the hive-partitioned Parquet export (replaced).")
def export(db_path: Path, parquet_dir: Path) -> None:
    """Export the database to partitioned Parquet that Spark, Trino or DuckDB over S3 read unchanged.

    Example: pulso export --parquet export/
    """
    from collector import export_parquet

    try:
        report = export_parquet(db_path, parquet_dir)
    except (FileNotFoundError, duckdb_errors()) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    click.echo(str(report))
    click.echo(f"views: {report.out_dir}/views.sql, then {report.out_dir}/responses.sql")


def duckdb_errors() -> type[Exception]:
    import duckdb

    return duckdb.Error


def main() -> None:
    cli()


if __name__ == "__main__":
    main()
