"""`pulso sources import FILE.opml [--owned]` and `pulso sources export [--out FILE]`: blogrolls in and out.

Thin: parse, call collector.sources_file, print. Any problem exits 2 with nothing written.
Export: `sources_group`.
"""

from __future__ import annotations

import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from collector import ConfigError, sources_file
from pulso.common import config_option, load_or_exit


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _read_opml_bytes(path: Path) -> bytes:
    try:
        return path.read_bytes()
    except FileNotFoundError:
        _fail(f"{path}: file not found")
    except IsADirectoryError:
        _fail(f"{path}: is a folder, not an OPML file")
    except OSError as exc:
        _fail(f"{path}: cannot read the file: {exc.strerror}")


@click.group("sources")
def sources_group() -> None:
    """Blogrolls in and out of the config, as OPML."""


@sources_group.command("import")
@click.argument("opml_file", metavar="FILE.opml", type=click.Path(path_type=Path))
@click.option("--owned", is_flag=True, help="Mark every imported source as run by the brand (owned = true).")
@config_option
def import_command(opml_file: Path, owned: bool, config_path: Path) -> None:
    """Add the feeds of an OPML blogroll to the config as [[sources]].

    The config keeps every existing line, comment and space: the new tables are appended, and the
    old file is kept as <config>.bak. Outlines whose URL is already a source are skipped. An outline
    with only a site address (htmlUrl) is added with that address: its feed is discovered from the
    page when it is collected. Outlines filed under an "owned" category are owned.

    Example: pulso sources import blogroll.opml --owned --config data/monitor.toml
    """
    try:
        blogroll = sources_file.read_opml(_read_opml_bytes(opml_file))
    except sources_file.OpmlError as exc:
        _fail(f"{opml_file}: {exc}")
    if not blogroll.outlines:
        links = f" (it only links {len(blogroll.links)} other list(s))" if blogroll.links else ""
        _fail(f"{opml_file}: no feeds in this OPML: no outline has an xmlUrl or htmlUrl{links}")
    try:
        text = sources_file.read_config_text(config_path)
        existing = sources_file.existing_sources(text, config_path)
        plan = sources_file.plan_import(blogroll.outlines, existing, owned=owned)
        if plan.added:
            stamp = datetime.now(UTC).strftime("%Y-%m-%d")
            note = f"Imported from {opml_file.name} on {stamp} by `pulso sources import`"
            new_text = sources_file.insert_sources(text, [entry for entry, _ in plan.added], config_path, note=note)
    except ConfigError as exc:
        _fail(f"{exc}\nnothing was written")
    if plan.added:
        try:
            backup = sources_file.write_config(config_path, new_text)
        except OSError as exc:
            _fail(f"cannot write {config_path}: {exc.strerror or exc}; the file is unchanged")
        click.echo(f"added {len(plan.added)} source(s) to {config_path} (the previous file is {backup.name}):")
        for entry, outline in plan.added:
            via = "  (a site: its feed is discovered at collect)" if outline.site_only else ""
            click.echo(f"  + {entry.name}  {entry.url}{'  owned' if entry.owned else ''}{via}")
    else:
        click.echo(f"nothing to add to {config_path}: every feed in {opml_file} is already a source or unusable")
    for url, why in plan.skipped:
        click.echo(f"  skipped {url}: {why}")
    for url in blogroll.links:
        click.echo(f"  skipped {url}: a link to another list (type=include/link), not followed")


@sources_group.command("export")
@config_option
@click.option("--out", type=click.Path(path_type=Path, dir_okay=False), default=None,
              help="Write the OPML to this file (replaced atomically) instead of standard output.")
def export_command(config_path: Path, out: Path | None) -> None:
    """Write the config's sources as an OPML 2.0 blogroll, for a feed reader or another Pulso.

    A feed URL goes into xmlUrl, a blog's page into htmlUrl; owned sources carry the category
    "owned". Sources read from local files are left out.

    Example: pulso sources export --out blogroll.opml
    """
    config = load_or_exit(config_path)
    entries = [sources_file.SourceEntry(name=s.name, url=s.url, title=s.title, owned=s.owned)
               for s in config.sources if not s.is_local_file]
    data = sources_file.to_opml(entries, title=f"{config.brand.name}: Pulso sources")
    local = [s.name for s in config.sources if s.is_local_file]
    if local:
        click.echo(f"left out {len(local)} source(s) read from local files: {', '.join(local)}", err=True)
    if out is None:
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return
    try:
        sources_file.replace_file(out, data)
    except OSError as exc:
        _fail(f"cannot write {out}: {exc.strerror or exc}")
    click.echo(f"wrote {len(entries)} source(s) to {out}", err=True)
