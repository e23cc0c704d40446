"""`pulso alert`: a thin command over scripts.alerts, and the alert step `pulso nightly` runs after its build.

The environment is read here, in the CLI, and passed down: the webhook URL from the variable named by
`[alerts].webhook_env`, SMTP credentials from PULSO_SMTP_USER / PULSO_SMTP_PASSWORD (as `pulso weekly`).
Exit codes: 0 sent (or nothing to send); 1 a channel failed (its alerts are retried by the next run);
2 bad config or usage, lock held, storage failure.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Mapping
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

import click

from collector import Config, ExitCode, LockError, StorageError, TriageError, exclusive
from pulso.common import config_option, db_option, load_or_exit

if TYPE_CHECKING:
    from scripts.alerts import Channels


class ChannelError(Exception):
    """A channel is configured in a way that cannot work (the message says how to fix it)."""


def channels_for(config: Config, *, smtp: str | None, mail_to: tuple[str, ...], mail_from: str,
                 environ: Mapping[str, str] | None = None) -> Channels:
    """The delivery channels from the config, the options and the environment; ChannelError when a channel
    is half set up (addresses but no --smtp, a webhook variable that is empty or not an http(s) URL)."""
    from scripts import weekly_mail
    from scripts.alerts import FORMATS, Channels

    env: Mapping[str, str] = os.environ if environ is None else environ
    a = config.alerts
    addresses = tuple(mail_to) or a.mail_to
    settings = None
    if addresses and not smtp:
        raise ChannelError("alerts have addresses to mail ([alerts].mail_to or --mail-to) but no --smtp host:port")
    if smtp:
        try:
            host, port = weekly_mail.parse_smtp(smtp)
        except ValueError as exc:
            raise ChannelError(str(exc)) from None
        if not addresses:
            raise ChannelError("--smtp given but no address to mail: set [alerts].mail_to or pass --mail-to")
        settings = weekly_mail.SmtpSettings(host, port, user=env.get("PULSO_SMTP_USER"),
                                            password=env.get("PULSO_SMTP_PASSWORD"))
    url = None
    if a.webhook_env:
        url = env.get(a.webhook_env, "").strip()
        if not url:
            raise ChannelError(f"[alerts].webhook_env names {a.webhook_env}, but that environment variable is empty")
        if not url.lower().startswith(("http://", "https://")):
            raise ChannelError(f"${a.webhook_env} must be an http(s) URL")
    if a.webhook_format not in FORMATS:
        raise ChannelError(f"[alerts].webhook_format must be one of {', '.join(FORMATS)}")
    return Channels(mail_to=addresses, smtp=settings, mail_from=mail_from, webhook_url=url,
                    webhook_format=a.webhook_format)


def run_alert_command(config: Config, db_path: Path, now: datetime, channels: Channels, *,
                      dry_run: bool = False) -> int:
    """Shared by `alert` and `nightly`: the run under the database lock, its summary lines, its exit code."""
    import duckdb

    from scripts.alerts import run_alerts

    if not db_path.exists():
        click.echo(f"error: {db_path} does not exist; run `pulso collect` first", err=True)
        return ExitCode.UNUSABLE
    try:
        with exclusive(db_path, "pulso alert"):
            run = run_alerts(config, db_path, now, channels, dry_run=dry_run, echo=click.echo)
    except (LockError, StorageError, TriageError, ValueError) as exc:
        click.echo(f"error: {exc}", err=True)
        return ExitCode.UNUSABLE
    except duckdb.Error as exc:       # a damaged or foreign database: nothing was recorded
        click.echo(f"error: cannot read or record alerts in {db_path}: {exc}", err=True)
        return ExitCode.UNUSABLE
    for line in run.lines():
        click.echo(line, err=True)
    for channel, reason in run.failures.items():
        click.echo(f"error: alerts not sent by {channel}: {reason}", err=True)
    return ExitCode.SOURCES_FAILED if run.failures else ExitCode.OK


def nightly_alert(smtp: str | None) -> Callable[[Config, Path], int]:
    """The alert step of `pulso nightly`: skipped (0) when no channel is configured, else one run now."""

    def step(config: Config, db_path: Path) -> int:
        a = config.alerts
        if not a.mail_to and not a.webhook_env:
            click.echo("nightly: no alert channel configured ([alerts].mail_to or webhook_env); alerts skipped",
                       err=True)
            return ExitCode.OK
        try:
            channels = channels_for(config, smtp=smtp, mail_to=(), mail_from="pulso@localhost")
        except ChannelError as exc:
            click.echo(f"error: alerts: {exc}", err=True)
            return ExitCode.UNUSABLE
        return run_alert_command(config, db_path, datetime.now(UTC), channels)

    return step


@click.command("alert")
@config_option
@db_option
@click.option("--smtp", help="SMTP server as host:port for the e-mail ([alerts].mail_to or --mail-to).")
@click.option("--mail-to", "mail_to", multiple=True, help="Mail the alerts to this address instead of "
              "[alerts].mail_to (repeatable).")
@click.option("--mail-from", "mail_from", default="pulso@localhost", show_default=True, help="Sender address.")
@click.option("--dry-run", is_flag=True, help="Print what would be sent; send and record nothing.")
@click.option("--at", "at", help="Judge as of this ISO instant instead of now (e.g. 2026-11-25T18:00+01:00).")
def alert_command(config_path: Path, db_path: Path, smtp: str | None, mail_to: tuple[str, ...], mail_from: str,
                  dry_run: bool, at: str | None) -> None:
    """Send today's alerts once: spikes of mentions or negative texts (today so far against the same hours
    of the last [alerts].baseline_days days, and yesterday whole), comments on owned sources newly
    overdue, and owned sources that stopped answering. By e-mail (--smtp; credentials from
    PULSO_SMTP_USER / PULSO_SMTP_PASSWORD) and/or the webhook whose URL is in the environment variable
    [alerts].webhook_env. Each alert is recorded in the database and not sent again; the same kind of
    alert about the same subject waits [alerts].cooldown_hours. Exit 1: a channel failed (retried next
    run); 2: bad config.

    Example: pulso alert --smtp smtp.example.com:587 --mail-to comunicacion@example.com
    """
    config = load_or_exit(config_path)
    try:
        now = _instant(at) if at else datetime.now(UTC)
        channels = channels_for(config, smtp=smtp, mail_to=mail_to, mail_from=mail_from)
    except (ValueError, ChannelError) as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(ExitCode.UNUSABLE)
    if not channels.names and not dry_run:
        click.echo("error: no alert channel: set [alerts].mail_to and pass --smtp host:port, or set "
                   "[alerts].webhook_env (or use --dry-run)", err=True)
        sys.exit(ExitCode.UNUSABLE)
    sys.exit(run_alert_command(config, db_path, now, channels, dry_run=dry_run))


def _instant(value: str) -> datetime:
    moment = datetime.fromisoformat(value)
    if moment.tzinfo is None:
        raise ValueError(f"--at {value!r}: give a time zone (e.g. 2026-11-25T18:00+01:00 or ...Z)")
    return moment.astimezone(UTC)
