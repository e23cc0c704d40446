"""Run the site's named queries once against a read-only database and hand back DataFrames.

Every number on the site comes from one of the `scripts/sql/*.sql` files; this module only binds
parameters and keeps the results together, so page writers never touch the database.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path

import duckdb
import pandas as pd

from collector import Config, sql
from scripts.weekly.summary import WeeklyData, load_weekly

#: Weeks of history behind the overview's small trend charts.
TREND_WEEKS = 12
#: Rows per source on the source pages, and rows of "most negative" on the sentiment page.
RECENT_PER_SOURCE = 10
MOST_NEGATIVE = 15
#: "Recent" for the most negative list.
NEGATIVE_SINCE = timedelta(days=30)


@dataclass(frozen=True)
class SiteData:
    """Query results the pages are written from. Columns are documented in each .sql file."""

    now: datetime
    freshness: dict[str, object]
    current: dict[str, object]       # window_kpis for [now - 7 d, now)
    previous: dict[str, object]      # window_kpis for [now - 14 d, now - 7 d)
    queue_asof: pd.DataFrame         # at, kind (week|now|prev), open_gaps, overdue
    weekly: pd.DataFrame             # source_id NULL = all sources
    open_queue: pd.DataFrame
    response_bins: pd.DataFrame      # source_id NULL = all sources
    sentiment_mix: pd.DataFrame
    most_negative: pd.DataFrame
    sources: pd.DataFrame            # source_id NULL = all sources
    source_recent: pd.DataFrame
    feed_health: pd.DataFrame
    weekly_summaries: WeeklyData | None = None   # the weekly summary pages' extra queries (scripts/weekly.py)


def _df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return con.execute(sql(name, "scripts"), params).df()


def _row(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> dict[str, object]:
    frame = _df(con, name, **params)
    return {k: (None if pd.isna(v) else v) for k, v in frame.iloc[0].items()}


def open_database(db_path: Path) -> duckdb.DuckDBPyConnection:
    """Read-only, so a build can never change the contract data; the `texts` temp view is per connection."""
    if not Path(db_path).is_file():
        raise FileNotFoundError(f"{db_path}: no database here; run `pulso collect` first")
    con = duckdb.connect(str(db_path), read_only=True)
    con.execute("SET TimeZone = 'UTC'")
    con.execute(sql("texts", "scripts"))
    # The `responses` view is read by most queries; evaluate it once per build into a temp table that
    # shadows the view for this connection (same rows; `overdue` is measured once, at build start).
    con.execute("CREATE TEMP TABLE responses AS SELECT * FROM main.responses")
    return con


def load_site_data(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> SiteData:
    """Run each named query exactly once."""
    brand = config.brand
    week = timedelta(days=7)
    freshness = _row(con, "freshness")
    weekly = _df(con, "weekly", tz=brand.timezone)
    return SiteData(
        now=now,
        freshness=freshness,
        current=_row(con, "window_kpis", start=now - week, end=now),
        previous=_row(con, "window_kpis", start=now - 2 * week, end=now - week),
        queue_asof=_df(con, "queue_asof", now=now, prev=now - week, weeks=TREND_WEEKS, tz=brand.timezone,
                       sla_hours=brand.response_sla_hours),
        weekly=weekly,
        open_queue=_df(con, "open_queue", now=now),
        response_bins=_df(con, "response_time_bins"),
        sentiment_mix=_df(con, "sentiment_mix"),
        most_negative=_df(con, "most_negative", since=now - NEGATIVE_SINCE, limit=MOST_NEGATIVE),
        sources=_df(con, "source_summary"),
        source_recent=_df(con, "source_recent", limit=RECENT_PER_SOURCE),
        feed_health=_df(con, "feed_health"),
        weekly_summaries=load_weekly(con, config, now, weekly=weekly,
                                     last_ok_at=freshness["last_ok_at"]),  # type: ignore[arg-type]
    )
