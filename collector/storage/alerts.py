"""What `pulso alert` has sent: one row per alert and channel (table `alerts`, migration 008).

Why the database and not a state file: the alerts sit beside the data they are about, are backed up with
it, and a run holds the database lock while it decides and records, so two runs can never send the same
alert twice. A row is written only after its channel accepted the alert: a delivery that failed leaves no
row, and the next run sends it again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

import duckdb

from collector.storage import store

#: meta key: the last run whose every delivery succeeded (new overdue comments are looked for since then).
LAST_OK_KEY = "alerts_last_ok_at"


@dataclass(frozen=True)
class SentAlert:
    """One alert as a channel accepted it."""

    key: str
    channel: str
    kind: str
    subject: str
    day: date
    sent_at: datetime


def record_alert(con: duckdb.DuckDBPyConnection, *, key: str, channel: str, kind: str, subject: str, day: date,
                 sent_at: datetime, summary: str = "") -> None:
    """Record that `channel` accepted the alert `key`; recording it twice keeps the first time."""
    con.execute(store.sql("insert_alert"), {"alert_key": key, "channel": channel, "kind": kind, "subject": subject,
                                            "day": day, "sent_at": sent_at, "summary": summary})


def sent_alerts(con: duckdb.DuckDBPyConnection, since: datetime) -> list[SentAlert]:
    """The alerts sent at or after `since`, oldest first."""
    rows = con.execute(store.sql("sent_alerts"), {"since": since}).fetchall()
    return [SentAlert(key, channel, kind, subject, day, sent_at) for key, channel, kind, subject, day, sent_at in rows]


def last_alert_run(con: duckdb.DuckDBPyConnection) -> datetime | None:
    """When the last run that delivered everything it had to ended (None: never)."""
    value = store.get_meta(con, LAST_OK_KEY)
    return datetime.fromisoformat(value) if value else None


def mark_alert_run(con: duckdb.DuckDBPyConnection, at: datetime) -> None:
    """Remember `at` (timezone-aware) as the last run whose every delivery succeeded."""
    if at.tzinfo is None:
        raise ValueError("mark_alert_run needs a timezone-aware time")
    store.set_meta(con, LAST_OK_KEY, at.isoformat())
