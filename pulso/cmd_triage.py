"""`pulso triage mark URL --status …`: record a team decision about a comment in data/triage.csv.

Thin: check the item against the database when there is one, append a line (collector.triage), print.
Any problem exits 2 with nothing written.
"""

from __future__ import annotations

import getpass
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import NoReturn

import click

from collector import STATUSES, Decision, StorageError, TriageError, append_decision, check_decision, connect, find_item
from pulso.common import config_option, db_option, load_or_exit


def _fail(message: str) -> NoReturn:
    click.echo(f"error: {message}", err=True)
    sys.exit(2)


def _check_item(db_path: Path, item: str) -> None:
    """The item must name exactly one stored comment; without a database there is nothing to check against."""
    if not db_path.exists():
        click.echo(f"note: {db_path} does not exist yet, so {item!r} was not checked against it", err=True)
        return
    try:
        con = connect(db_path, read_only=True)
    except StorageError as exc:
        click.echo(f"warning: {item!r} was not checked against the database ({exc}); recorded anyway", err=True)
        return
    try:
        found = find_item(con, item)
    finally:
        con.close()
    if not found:
        _fail(f"no comment in {db_path} has the id or URL {item!r}; copy the comment's link from the site "
              "(Respuestas) or its comment_id")
    if len(found) > 1:
        ids = ", ".join(row[0] for row in found[:5])
        _fail(f"{len(found)} comments share the URL {item!r} (their feed gives them one link); "
              f"mark one of them by its id: {ids}")


def _login() -> str:
    """The account's name when $USER is not set (cron, containers), or nothing."""
    try:
        return getpass.getuser()
    except (OSError, KeyError):
        return ""


@click.group("triage")
def triage_group() -> None:
    """Team decisions about comments: handled elsewhere, no reply needed, needs one, assigned."""


@triage_group.command("mark")
@click.argument("item", metavar="URL")
@click.option("--status", type=click.Choice(STATUSES), required=True,
              help="handled: answered elsewhere (phone, DM); no_reply / needs_reply: overrule the classifier; "
                   "assigned: someone is on it (give --owner).")
@click.option("--owner", default="", help="Who handles it (required with --status assigned).")
@click.option("--note", default="", help="Why, in a few words (shown in the queue).")
@click.option("--who", envvar="USER", default="", show_envvar=True, help="Who decides [default: $USER].")
@config_option
@db_option
def mark_command(item: str, status: str, owner: str, note: str, who: str, config_path: Path, db_path: Path) -> None:
    """Record a decision about the comment at URL (or with that comment_id) in triage.csv beside the config.

    The latest line about a comment wins; the next build (or collect) shows it.

    Example: pulso triage mark "https://blog.example.com/tarifas/#comment-12" --status handled --note "llamada"
    """
    config = load_or_exit(config_path)
    now = datetime.now(UTC).replace(microsecond=0)
    decision = Decision(item.strip(), status, owner.strip(), note.strip(), who.strip() or _login(), now)
    try:
        check_decision(decision, "pulso triage mark")
        _check_item(db_path, decision.item)
        append_decision(config.triage_path, decision, config.tz)
    except TriageError as exc:
        _fail(str(exc))
    except OSError as exc:
        _fail(f"cannot write {config.triage_path}: {exc.strerror or exc}")
    owner_text = f" for {decision.owner}" if decision.owner else ""
    click.echo(f"recorded in {config.triage_path}: {decision.item} {status}{owner_text}"
               + (f" (by {decision.who})" if decision.who else ""))
