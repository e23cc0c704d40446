"""Run the site's named queries once against a read-only database and hand back what the pages need.

Every number on the site comes from one of the `scripts/sql/*.sql` files; this module only binds
parameters and keeps the results together, so page writers never touch the database. What grows with the
data never becomes a whole pandas table: the open queue is read as its first rows plus a count, its CSV
download streamed from DuckDB in Arrow batches when it is written; the feed table is one Arrow table.
"""

from __future__ import annotations

import tempfile
import uuid
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Protocol

import duckdb
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from collector import Config, check_readable, pin_responses, sql
from scripts import competitors
from scripts.competitors import CompetitorData
from scripts.themes.data import Topics, site_topics
from scripts.weekly.summary import WeeklyData, load_weekly, this_week_windows

#: Weeks of history behind the overview's small trend charts.
TREND_WEEKS = 12
#: Rows per source on the source pages, and rows of "most negative" on the sentiment page.
RECENT_PER_SOURCE = 10
MOST_NEGATIVE = 15
#: "Recent" for the most negative list.
NEGATIVE_SINCE = timedelta(days=30)
#: Table caps: the site's size must not grow with the number of comments (the CSV downloads have every row).
QUEUE_ROWS, HEALTH_ROWS, SOURCE_FEED_ROWS = 200, 300, 50
#: The queue page: open items published longer ago than this are the collapsed backlog ("atrasados"), of
#: which BACKLOG_ROWS are shown; DECIDED_ROWS of the handled / no-reply decisions are listed apart.
QUEUE_HORIZON_DAYS, BACKLOG_ROWS, DECIDED_ROWS = 30, 20, 20
#: Rows per Arrow batch when a download is written.
BATCH_ROWS = 20_000
#: DuckDB's memory budget while a build reads the database; past it DuckDB spills to a temporary folder
#: instead of growing. At 1M comments the build's queries fit in it (measured: 890 -> 640 MB peak RSS of
#: the queries, no spill, same time).
MEMORY_LIMIT = "256MB"


class Rows(Protocol):
    """Rows a download is written from, batch by batch."""

    def reader(self, con: duckdb.DuckDBPyConnection) -> pa.RecordBatchReader: ...


@dataclass(frozen=True)
class QueryRows:
    """A named query run again when its rows are written, streamed: DuckDB hands over one batch at a time."""

    query: str
    params: Mapping[str, object] = field(default_factory=dict)

    def reader(self, con: duckdb.DuckDBPyConnection) -> pa.RecordBatchReader:
        return con.sql(sql(self.query, "scripts"), params=dict(self.params)).to_arrow_reader(BATCH_ROWS)


@dataclass(frozen=True, eq=False)
class FeedHealth:
    """feed_health.sql's rows (one per feed ever requested, problems first) as one Arrow table — compact, and
    read once for the health page, the source pages and the CSV download."""

    table: pa.Table

    @property
    def total(self) -> int:
        return self.table.num_rows

    def head(self, rows: int) -> pd.DataFrame:
        return self.table.slice(0, rows).to_pandas()

    def failing(self) -> pd.DataFrame:
        """Feeds whose latest attempt failed (few), in the table's order."""
        return self.table.filter(pc.field("failing")).to_pandas()

    def per_source(self) -> dict[str, int]:
        """How many feeds each source has."""
        counts = self.table.group_by("source_id").aggregate([("url", "count")])
        return dict(zip(counts["source_id"].to_pylist(), counts["url_count"].to_pylist(), strict=True))

    def reader(self, con: duckdb.DuckDBPyConnection) -> pa.RecordBatchReader:
        return pa.RecordBatchReader.from_batches(self.table.schema, self.table.to_batches(BATCH_ROWS))


@dataclass(frozen=True)
class SiteData:
    """Query results the pages are written from. Columns are documented in each .sql file."""

    now: datetime
    freshness: dict[str, object]
    current: dict[str, object]       # window_kpis for this ISO week so far (summary.this_week_windows)
    previous: dict[str, object]      # window_kpis for the same elapsed part of last week
    queue_asof: pd.DataFrame         # at, kind (week|now|prev), open_gaps, overdue
    weekly: pd.DataFrame             # source_id NULL = all sources
    open_queue: pd.DataFrame         # the first QUEUE_ROWS open items within the horizon, most urgent first
    open_total: int                  # how many open items there are within the horizon
    open_rows: Rows                  # all open items (backlog too, flagged), for the CSV download
    response_bins: pd.DataFrame      # source_id NULL = all sources
    sentiment_mix: pd.DataFrame
    most_negative: pd.DataFrame
    sources: pd.DataFrame            # source_id NULL = all sources
    source_recent: pd.DataFrame
    feed_health: FeedHealth
    backlog: pd.DataFrame = field(default_factory=pd.DataFrame)   # the first BACKLOG_ROWS older open items
    backlog_total: int = 0           # open items older than the horizon
    decided: pd.DataFrame = field(default_factory=pd.DataFrame)   # queue_decided.sql: handled / no_reply
    decided_total: int = 0
    weekly_summaries: WeeklyData | None = None   # the weekly summary pages' extra queries (scripts/weekly.py)
    #: ((start, end), (prev_start, prev_end)) of `current` and `previous`
    windows: tuple[tuple[datetime, datetime], tuple[datetime, datetime]] | None = None
    source_labels: pd.DataFrame = field(default_factory=pd.DataFrame)   # source_labels.sql
    topics: Topics | None = None    # scripts.themes.data: themes and rising terms of the last weeks
    competitors: CompetitorData | None = None   # scripts.competitors: share of voice, replies per brand


def _df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return con.execute(sql(name, "scripts"), params).df()


def _arrow(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pa.Table:
    return con.sql(sql(name, "scripts"), params=params).to_arrow_table()


def _row(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> dict[str, object]:
    frame = _df(con, name, **params)
    return {k: (None if pd.isna(v) else v) for k, v in frame.iloc[0].items()}


def queue_params(now: datetime, section: str | None, limit: int | None) -> dict[str, object]:
    """open_queue.sql's parameters: one section ('recent' | 'backlog', None = both) of the queue at `now`."""
    return {"now": now, "horizon_days": QUEUE_HORIZON_DAYS, "section": section, "limit": limit}


def _head(frame: pd.DataFrame, total: str) -> tuple[pd.DataFrame, int]:
    """A capped query's rows without its count column, and the count."""
    count = int(frame[total].iloc[0]) if len(frame) else 0
    return frame.drop(columns=[c for c in ("total", "recent_total", "backlog_total") if c in frame]), count


def open_database(db_path: Path, config: Config | None = None,
                  now: datetime | None = None) -> duckdb.DuckDBPyConnection:
    """Read-only, so a build can never change the contract data; the `texts` temp view is per connection.

    With `config`, the responses are pinned at `now` with the config's SLA and working hours and the
    triage decisions in the config's triage.csv as they are now (collector.pin_responses): the pages
    then agree with the `responses` definition at one instant, even when triage.csv changed after the
    last collect. A broken triage.csv raises collector.TriageError, naming the file and line."""
    if not Path(db_path).is_file():
        raise FileNotFoundError(f"{db_path}: no database here; run `pulso collect` first")
    spill = Path(tempfile.gettempdir()) / f"pulso-duckdb-{uuid.uuid4().hex}"   # made (and removed) by DuckDB
    con = duckdb.connect(str(db_path), read_only=True,
                         config={"memory_limit": MEMORY_LIMIT, "temp_directory": str(spill)})
    try:
        check_readable(con, db_path)
    except BaseException:
        con.close()
        raise
    con.execute("SET TimeZone = 'UTC'")
    con.execute(sql("texts", "scripts"))
    # The `responses` view is read by most queries; evaluate it once per build into a temp table that
    # shadows the view for this connection (`overdue` measured once, at the build's `now`).
    if config is not None:
        try:
            pin_responses(con, config, now or datetime.now(UTC))
        except BaseException:
            con.close()
            raise
    else:
        con.execute("CREATE TEMP TABLE responses AS SELECT * FROM main.responses")
    return con


def load_site_data(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> SiteData:
    """Run each named query exactly once."""
    brand = config.brand
    week = timedelta(days=7)
    freshness = _row(con, "freshness")
    this_week, last_week = this_week_windows(now, config.tz)
    weekly = _df(con, "weekly", tz=brand.timezone)
    queue, open_total = _head(_df(con, "open_queue", **queue_params(now, "recent", QUEUE_ROWS)), "recent_total")
    backlog, backlog_total = _head(_df(con, "open_queue", **queue_params(now, "backlog", BACKLOG_ROWS)),
                                   "backlog_total")
    decided, decided_total = _head(_df(con, "queue_decided", now=now, limit=DECIDED_ROWS), "total")
    topics = site_topics(con, config, now)      # the Themes page and the weekly pages' topic lines share it
    return SiteData(
        now=now,
        freshness=freshness,
        windows=(this_week, last_week),
        current=_row(con, "window_kpis", start=this_week[0], end=this_week[1]),
        previous=_row(con, "window_kpis", start=last_week[0], end=last_week[1]),
        queue_asof=_df(con, "queue_asof", now=now, prev=now - week, weeks=TREND_WEEKS, tz=brand.timezone),
        weekly=weekly,
        open_queue=queue,
        open_total=open_total,
        open_rows=QueryRows("open_queue", queue_params(now, None, None)),
        backlog=backlog, backlog_total=backlog_total, decided=decided, decided_total=decided_total,
        response_bins=_df(con, "response_time_bins"),
        sentiment_mix=_df(con, "sentiment_mix"),
        most_negative=_df(con, "most_negative", since=now - NEGATIVE_SINCE, limit=MOST_NEGATIVE),
        sources=_df(con, "source_summary"),
        source_recent=_df(con, "source_recent", limit=RECENT_PER_SOURCE),
        feed_health=FeedHealth(_arrow(con, "feed_health")),
        source_labels=_df(con, "source_labels"),
        topics=topics,
        competitors=competitors.load(con, config, now),
        weekly_summaries=load_weekly(con, config, now, weekly=weekly, topics=topics,
                                     last_ok_at=freshness["last_ok_at"]),  # type: ignore[arg-type]
    )
