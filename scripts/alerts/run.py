"""One `pulso alert` run: read what was sent, find today's alerts, send what each channel has not had, record it.

Order, and why: the ledger (what was sent) is read first; the alerts are found on a read-only connection
pinned at `now` (the same reading a build does); each channel gets one message with its alerts; only then,
in one transaction, each alert a channel accepted is recorded (collector.record_alert) — a channel that
failed records nothing, so the next run sends those alerts again. When every channel succeeded, `now` is
remembered as the last good run: the next run looks for overdue comments from there. The caller holds
the database lock (collector.exclusive) for the whole run, so two runs cannot both send.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path

from collector import Config, connect, last_alert_run, mark_alert_run, record_alert, sent_alerts, transaction
from scripts.alerts import render, webhook
from scripts.alerts.find import find_alerts
from scripts.alerts.ledger import to_send
from scripts.alerts.model import Alert
from scripts.queries import open_database
from scripts.weekly.mail import SmtpSettings, build_message, send

#: How far back the ledger is read: longer than any cooldown or alert day a run can produce.
LEDGER_DAYS = 90


@dataclass(frozen=True)
class Channels:
    """Where alerts go: e-mail (addresses + SMTP server) and/or one webhook."""

    mail_to: tuple[str, ...] = ()
    smtp: SmtpSettings | None = None
    mail_from: str = "pulso@localhost"
    webhook_url: str | None = None
    webhook_format: str = "slack"

    @property
    def names(self) -> list[str]:
        return (["mail"] if self.mail_to and self.smtp else []) + (["webhook"] if self.webhook_url else [])


@dataclass
class AlertRun:
    """What a run found and did; `failures` maps a channel to why it failed."""

    found: int = 0
    planned: dict[str, list[Alert]] = field(default_factory=dict)
    sent: dict[str, int] = field(default_factory=dict)
    failures: dict[str, str] = field(default_factory=dict)
    dry_run: bool = False

    def lines(self) -> list[str]:
        """The summary lines the command prints (one per channel)."""
        out = [f"alerts: {self.found} found"]
        for channel, alerts in self.planned.items():
            if channel in self.failures:
                out.append(f"  {channel}: FAILED, {len(alerts)} not sent (retried next run): {self.failures[channel]}")
            elif self.dry_run:
                out.append(f"  {channel}: would send {len(alerts)} ({self._kinds(alerts)})")
            else:
                out.append(f"  {channel}: sent {self.sent.get(channel, 0)}"
                           + (f" ({self._kinds(alerts)})" if alerts else " (nothing new)"))
        return out

    @staticmethod
    def _kinds(alerts: Sequence[Alert]) -> str:
        counts: dict[str, int] = {}
        for a in alerts:
            counts[a.kind] = counts.get(a.kind, 0) + 1
        return ", ".join(f"{n} {kind}" for kind, n in counts.items()) or "none"


def deliver(channel: str, alerts: Sequence[Alert], channels: Channels, config: Config, now: datetime) -> None:
    """Send one message with `alerts` on `channel`; raises webhook.DeliveryError with the reason."""
    outline = render.outline(alerts, config, now)
    if channel == "webhook":
        assert channels.webhook_url is not None
        webhook.post(channels.webhook_url, webhook.payload(channels.webhook_format, outline))
        return
    assert channels.smtp is not None
    msg = build_message(subject=outline.subject, sender=channels.mail_from, to=list(channels.mail_to),
                        text=render.text(outline), html=render.html_body(outline), png=None, cid=None)
    try:
        send(msg, channels.smtp)
    except (OSError, RuntimeError) as exc:   # smtplib errors are OSErrors; RuntimeError: no STARTTLS
        raise webhook.DeliveryError(f"SMTP {channels.smtp.host}:{channels.smtp.port}: {exc}") from exc


def preview(alerts: Sequence[Alert], config: Config, now: datetime) -> str:
    """What a dry run prints: the e-mail's text."""
    return render.text(render.outline(alerts, config, now)) if alerts else ""


def run_alerts(config: Config, db_path: Path, now: datetime, channels: Channels, *, dry_run: bool = False,
               echo: Callable[[str], None] = print) -> AlertRun:
    """Find, send once per channel, record. With `dry_run`, print what would be sent and change nothing."""
    con = connect(db_path)             # writable: upgrades an older database, reads the ledger
    try:
        last_ok = last_alert_run(con)
        sent = sent_alerts(con, now - timedelta(days=LEDGER_DAYS))
    finally:
        con.close()
    con = open_database(db_path, config, now)
    try:
        alerts = find_alerts(con, config, now, last_ok=last_ok)
    finally:
        con.close()
    names = channels.names or (["preview"] if dry_run else [])
    if names == ["preview"]:             # no channel configured: a dry run shows what no channel has had
        sent = [dataclasses.replace(s, channel="preview") for s in sent]
    run = AlertRun(found=len(alerts), dry_run=dry_run,
                   planned={ch: to_send(alerts, sent, ch, now, config.alerts.cooldown_hours) for ch in names})
    if dry_run:
        for channel, planned in run.planned.items():
            if planned:
                echo(f"--- {channel}: would send ---\n{preview(planned, config, now)}")
        return run
    delivered: dict[str, list[Alert]] = {}
    for channel, planned in run.planned.items():
        if not planned:
            continue
        try:
            deliver(channel, planned, channels, config, now)
        except webhook.DeliveryError as exc:
            run.failures[channel] = str(exc)
            continue
        delivered[channel] = planned
        run.sent[channel] = len(planned)
    con = connect(db_path)
    try:
        with transaction(con):
            for channel, done in delivered.items():
                for a in done:
                    record_alert(con, key=a.key, channel=channel, kind=a.kind, subject=a.cooldown_subject[1],
                                 day=a.day, sent_at=now, summary=_summary(a))
            if not run.failures:
                mark_alert_run(con, now)
    finally:
        con.close()
    return run


def _summary(alert: Alert) -> str:
    count = alert.facts.get("count")
    return f"{alert.kind} {alert.subject}" + (f": {count} (usual {alert.facts.get('usual')})" if count else "")
