"""Today's alerts, read from the database: the named alert_*.sql queries, then the pure rules of
scripts.alerts.detect, examples and themes for each spike.

`con` is a connection as `scripts.open_database(db, config, now)` gives it: the `texts` view and the
`responses` view pinned at `now`. Every query is bounded by `now`, so a replay at an earlier instant
(benchmarks/alerts.py) sees only what had been published by then.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta

import duckdb
import pandas as pd

from collector import Config, fold, sql
from scripts import safe
from scripts.alerts.detect import DayCounts, Spike, sensitivity_k, spikes
from scripts.alerts.model import Alert, Example
from scripts.themes import explain

#: Examples shown per alert; themes and rising terms named per spike.
EXAMPLES, THEMES, TERMS = 3, 3, 3
#: A source that answered at least MIN_ANSWERED needs-reply comments in the baseline days and then was silent
#: for STOPPED_DAYS while a comment waited has stopped answering (3 days: a weekend is not a silence).
STOPPED_DAYS, MIN_ANSWERED = 3, 3
#: Overdue comments are looked for since the last good run, and at least a cooldown back (those a source's
#: cooldown held back are still in the window when it ends); on the first run at least FIRST_SINCE back;
#: never more than MAX_SINCE (a month without runs does not bring a month of overdue comments at once).
FIRST_SINCE, MAX_SINCE = timedelta(hours=24), timedelta(days=7)
TEXT_LIMIT = 200


@dataclass(frozen=True)
class Window:
    """The local day being judged: [start, end) as instants; `partial` for today so far."""

    day: date
    start: datetime
    end: datetime
    partial: bool


def _df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return con.execute(sql(name, "scripts"), params).df()


def local_midnight(day: date, config: Config) -> datetime:
    return datetime.combine(day, time(), tzinfo=config.tz)


def elapsed_seconds(now: datetime, config: Config) -> float:
    """Local wall-clock seconds since today's midnight (brand time zone)."""
    local = now.astimezone(config.tz)
    return float(local.hour * 3600 + local.minute * 60 + local.second)


def daily_counts(con: duckdb.DuckDBPyConnection, config: Config, now: datetime, days: int, *,
                 elapsed: float | None = None) -> tuple[dict[date, DayCounts], date | None]:
    """alert_counts.sql from `days` + 1 days before today to `now`, and the first day with any text.
    `elapsed`: the part of each day counted "so far", in seconds (default: as much as has passed today)."""
    tz = config.brand.timezone
    first = con.execute(sql("alert_first_day", "scripts"), {"tz": tz}).fetchall()[0][0]
    today = now.astimezone(config.tz).date()
    frame = _df(con, "alert_counts", tz=tz, now=now, first_day=today - timedelta(days=days + 1),
                elapsed_seconds=elapsed_seconds(now, config) if elapsed is None else elapsed)
    counts = {pd.Timestamp(r.day).date(): DayCounts(int(r.texts), int(r.negative), int(r.texts_so_far),
                                                    int(r.negative_so_far))
              for r in frame.itertuples(index=False)}
    return counts, first


def window(spike: Spike, now: datetime, config: Config) -> Window:
    start = local_midnight(spike.day, config)
    end = now if spike.partial else local_midnight(spike.day + timedelta(days=1), config)
    return Window(spike.day, start, end, spike.partial)


def _hidden(config: Config) -> frozenset[str]:
    return frozenset(fold(name) for name in config.privacy.hide_authors)


def _example(row: pd.Series, config: Config, url: str) -> Example:
    """A text as an alert shows it: cleaned (one line, no e-mail addresses, cut), http(s) link or none."""
    return Example(text=safe.clean(row["text"], TEXT_LIMIT) or safe.clean(row["title"], TEXT_LIMIT),
                   url=safe.safe_url(row[url]), source=safe.clean(row["source_title"], 60),
                   author=safe.author(row["author"], hidden=_hidden(config)),
                   published_at=pd.Timestamp(row["published_at"]).to_pydatetime(), label=row["sentiment_label"])


def _texts(frame: pd.DataFrame) -> list[str]:
    return [f"{t or ''} {x or ''}".strip() for t, x in zip(frame["title"], frame["text"], strict=True)]


def spike_alert(con: duckdb.DuckDBPyConnection, config: Config, spike: Spike, now: datetime) -> Alert:
    """The alert for one spike: its numbers, the top examples, and what the texts are about compared with
    the baseline days' texts (scripts.themes.explain: configured themes first, then rising terms)."""
    w = window(spike, now, config)
    negative = spike.measure == "negative"
    rows = _df(con, "alert_examples", start=w.start, end=w.end, negative=negative, limit=None)
    base_start = local_midnight(spike.day - timedelta(days=spike.baseline.days), config)
    base = _df(con, "alert_examples", start=base_start, end=local_midnight(spike.day, config), negative=negative,
               limit=None)
    found = explain(_texts(rows), _texts(base), config.themes, extra_stop=config.brand_names)
    themes = [f"{h.name} ({h.count})" for h in found.themes[:THEMES]]
    themes += [f"«{t.term}» ({t.count})" for t in found.terms[:TERMS]]
    kind = "spike_negative" if negative else "spike_mentions"
    facts: dict[str, object] = {"count": spike.count, "usual": spike.baseline.median,
                                "threshold": spike.baseline.threshold, "days": spike.baseline.days,
                                "partial": spike.partial, "until": w.end, "ratio": spike.ratio}
    examples = tuple(_example(r, config, "url") for _, r in rows.head(EXAMPLES).iterrows())
    return Alert(kind, config.brand.name, spike.day, facts, examples, tuple(themes))


def overdue_alerts(con: duckdb.DuckDBPyConnection, config: Config, now: datetime, since: datetime) -> list[Alert]:
    """One alert per comment on an owned source that fell overdue since `since` and is still overdue."""
    frame = _df(con, "alert_overdue", since=since, now=now)
    out = []
    for _, row in frame.iterrows():
        due = pd.Timestamp(row["due_at"]).to_pydatetime()
        example = _example(row, config, "comment_url")
        facts: dict[str, object] = {"source": example.source, "source_name": row["source_name"], "due_at": due}
        out.append(Alert("overdue", str(row["comment_id"]), due.astimezone(config.tz).date(), facts, (example,)))
    return out


def stopped_alerts(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> list[Alert]:
    """One alert per owned source that stopped answering (alert_stopped.sql), keyed by its last reply's day."""
    frame = _df(con, "alert_stopped", now=now, baseline_days=int(config.alerts.baseline_days),
                silent_days=STOPPED_DAYS, min_answered=MIN_ANSWERED)
    out = []
    for row in frame.itertuples(index=False):
        last = pd.Timestamp(row.last_reply_at).to_pydatetime()
        facts: dict[str, object] = {"source": safe.clean(row.source_title, 60), "last_reply_at": last,
                                    "waiting": int(row.waiting), "answered": int(row.answered),
                                    "oldest_at": pd.Timestamp(row.oldest_at).to_pydatetime(),
                                    "days": int(config.alerts.baseline_days)}
        out.append(Alert("stopped_answering", str(row.source_name), last.astimezone(config.tz).date(), facts))
    return out


def overdue_since(last_ok: datetime | None, now: datetime, cooldown_hours: float) -> datetime:
    """Where this run looks for newly overdue comments from: the last good run (first run: FIRST_SINCE
    back), or a cooldown back when that is earlier; never more than MAX_SINCE back."""
    since = now - FIRST_SINCE if last_ok is None else last_ok
    return max(min(since, now - timedelta(hours=cooldown_hours)), now - MAX_SINCE)


def find_alerts(con: duckdb.DuckDBPyConnection, config: Config, now: datetime, *,
                last_ok: datetime | None = None, with_yesterday: bool = True) -> list[Alert]:
    """Every alert true at `now`: spikes (today so far, and yesterday whole), overdue comments since the last
    good run, sources that stopped answering. Whether each is still to be sent is scripts.alerts.ledger's call."""
    a = config.alerts
    days = int(a.baseline_days)
    counts, first = daily_counts(con, config, now, days)
    today = now.astimezone(config.tz).date()
    found = spikes(counts, today, first, k=sensitivity_k(a.sensitivity), min_count=a.min_count, days=days,
                   with_yesterday=with_yesterday)
    alerts = [spike_alert(con, config, s, now) for s in found]
    alerts += stopped_alerts(con, config, now)
    alerts += overdue_alerts(con, config, now, overdue_since(last_ok, now, a.cooldown_hours))
    return alerts
