"""Sent once, with a cooldown: which of today's alerts each channel still has to get. Pure.

Per channel, an alert is sent when
  * its key (kind:subject:day) was never accepted by that channel — a replayed run, or the next hourly run
    on the same spike, finds the key and sends nothing; a delivery that failed left no record, so it is
    sent again;
  * and no alert of the same kind about the same subject reached that channel in the last
    `[alerts].cooldown_hours` — a spike that goes on past midnight is a new day (a new key) but not news;
    overdue comments count by source (Alert.cooldown_subject): the ones that fall overdue after a blog's
    message wait for the next one, which lists them all (scripts.alerts.find looks back a cooldown at least).
Within one run, only the newest day of a kind and subject is kept (yesterday's spike and today's, found
together by a run once a night, are one message).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import datetime, timedelta
from typing import Protocol

from scripts.alerts.model import KINDS, Alert


class Sent(Protocol):
    """What a channel accepted before (collector.SentAlert); `subject` is the alert's cooldown subject."""

    key: str
    channel: str
    kind: str
    subject: str
    sent_at: datetime


def newest_per_subject(alerts: Iterable[Alert]) -> list[Alert]:
    """One alert per kind and subject: the newest day. Ordered by kind (KINDS), then day, then subject."""
    best: dict[tuple[str, str], Alert] = {}
    for alert in alerts:
        kept = best.get((alert.kind, alert.subject))
        if kept is None or alert.day > kept.day:
            best[(alert.kind, alert.subject)] = alert
    return sorted(best.values(), key=lambda a: (KINDS.index(a.kind), a.day, a.subject))


def to_send(alerts: Sequence[Alert], sent: Iterable[Sent], channel: str, now: datetime,
            cooldown_hours: float) -> list[Alert]:
    """The alerts `channel` has not had (by key) and is not cooling down from (by kind and subject)."""
    mine = [s for s in sent if s.channel == channel]
    keys = {s.key for s in mine}
    cutoff = now - timedelta(hours=cooldown_hours)
    cooling = {(s.kind, s.subject) for s in mine if s.sent_at > cutoff}
    return [a for a in newest_per_subject(alerts) if a.key not in keys and a.cooldown_subject not in cooling]
