"""`pulso weekly` and `pulso nightly`: thin commands over scripts.weekly*, scripts.nightly.

Registered at the end of collector/cli.py. Environment variables are read here, in the CLI, and passed
down (PULSO_SMTP_USER / PULSO_SMTP_PASSWORD), so no library module reads os.environ on its own.
"""

from __future__ import annotations

import os
import sys
from datetime import UTC, datetime
from pathlib import Path

import click

from pulso.common import config_option, db_option, load_or_exit, print_collect_report, run_build_command


@click.command("weekly")
@config_option
@db_option
@click.option("--week", help="ISO week such as 2026-W47 (default: the current week, brand time zone).")
@click.option("--format", "fmt", type=click.Choice(["md", "html"]), default="md", show_default=True,
              help="md for chat tools; html for e-mail (one file, CSS inlined, chart as inline PNG).")
@click.option("--out", type=click.Path(path_type=Path), help="Write to this file instead of stdout.")
@click.option("--mail-to", "mail_to", multiple=True, help="Send the HTML summary to this address (repeatable).")
@click.option("--smtp", help="SMTP server as host:port (needed with --mail-to).")
@click.option("--mail-from", "mail_from", default="pulso@localhost", show_default=True, help="Sender address.")
def weekly_command(config_path: Path, db_path: Path, week: str | None, fmt: str, out: Path | None,
                   mail_to: tuple[str, ...], smtp: str | None, mail_from: str) -> None:
    """Print (or mail) one weekly executive summary.

    Credentials for --smtp come from PULSO_SMTP_USER and PULSO_SMTP_PASSWORD; STARTTLS is used
    whenever the server offers it.

    Example: pulso weekly --week 2026-W47 --format html --out resumen.html
    """
    from scripts import Locale, load_weekly, open_database, parse_week, summarize, week_of, weekly_mail, weekly_render

    config = load_or_exit(config_path)
    if mail_to and not smtp:
        raise click.UsageError("--mail-to needs --smtp host:port")
    try:
        monday = parse_week(week) if week else week_of(datetime.now(UTC), config.tz)
        smtp_host = weekly_mail.parse_smtp(smtp) if smtp else None
    except ValueError as exc:
        raise click.UsageError(str(exc)) from None
    if not db_path.exists():
        click.echo(f"error: {db_path} does not exist; run `pulso collect` first", err=True)
        sys.exit(2)
    now = datetime.now(UTC)
    con = open_database(db_path, config, now)
    try:
        data = load_weekly(con, config, now, first=monday, last=monday)
    finally:
        con.close()
    summary = summarize(data, monday)
    L = Locale(config.brand.language, config.tz)
    if fmt == "md":
        text = weekly_render.markdown(summary, L, config)
    else:
        text = weekly_render.html_email(summary, L, config,
                                        image_src=weekly_render.data_uri(weekly_render.trend_png(summary, L)))
    if out:
        out.write_text(text, encoding="utf-8")
        click.echo(f"wrote {out}", err=True)
    elif not mail_to:
        click.echo(text)
    if mail_to and smtp_host:
        png = weekly_render.trend_png(summary, L)
        cid = weekly_mail.chart_cid()
        html = weekly_render.html_email(summary, L, config, image_src=f"cid:{cid[1:-1]}")
        subject = L.t("weekly.subject", brand=config.brand.name, week=L.week(summary.week_start),
                      verdict=weekly_render.verdict_text(summary, L))
        msg = weekly_mail.build_message(subject=subject, sender=mail_from, to=list(mail_to),
                                        text=weekly_render.markdown(summary, L, config), html=html, png=png, cid=cid)
        settings = weekly_mail.SmtpSettings(smtp_host[0], smtp_host[1], user=os.environ.get("PULSO_SMTP_USER"),
                                            password=os.environ.get("PULSO_SMTP_PASSWORD"))
        try:
            weekly_mail.send(msg, settings)
        except (OSError, RuntimeError) as exc:
            click.echo(f"error: could not send the summary via {smtp}: {exc}", err=True)
            sys.exit(1)
        click.echo(f"sent {summary.week} to {', '.join(mail_to)} via {smtp}", err=True)


@click.command("nightly")
@config_option
@db_option
@click.option("--out", type=click.Path(path_type=Path), default=Path("site"), show_default=True,
              help="Where the static site goes (replaced only when there is something to publish).")
@click.option("--smtp", help="SMTP server as host:port for the alerts' e-mail ([alerts].mail_to).")
def nightly_command(config_path: Path, db_path: Path, out: Path, smtp: str | None) -> None:
    """Collect, build the site, then send the alerts (`pulso alert`, when [alerts] names a channel): the
    sequence the nightly CI job and cron run.

    Exit codes: 0 ok; 1 some sources failed or some alerts could not be sent, but the site was built
    (publish it: it shows the failures); 2 bad config or locked; 3 every source failed (nothing
    built); 4 the build broke.

    Example: pulso nightly --config data/monitor.toml --db data/pulso.duckdb --out site
    """
    from pulso.cmd_alert import nightly_alert
    from scripts import run_nightly

    config = load_or_exit(config_path)
    code = run_nightly(config, db_path, out, build=run_build_command, on_collected=print_collect_report,
                       alert=nightly_alert(smtp),
                       echo=lambda line: click.echo(line, err=True))
    sys.exit(code)
