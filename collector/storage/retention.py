"""Bounds for the tables that grow with every run, applied at the start of each collect.

The health log (`fetches`) keeps one row per request for FETCH_LOG_DAYS, enough to read what happened
night by night; older rows are rolled up into one row per source, feed URL and UTC day (`fetch_days`),
enough for the Estado page's attempts, failures, last success and last error, read through the view
`fetch_history`. The entries-read cache (`feed_entries`) loses what no run can use again.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import UTC, datetime, timedelta

import duckdb

from collector.feeds import delta
from collector.storage.store import sql

#: Days of raw health-log rows kept (whole UTC days: a day is rolled up once all of it is older).
FETCH_LOG_DAYS = 30


def fetch_log_cutoff(now: datetime, days: int = FETCH_LOG_DAYS) -> datetime:
    """The UTC midnight before which raw rows are rolled up: `days` whole days are always kept."""
    return (now.astimezone(UTC) - timedelta(days=days)).replace(hour=0, minute=0, second=0, microsecond=0)


def apply(con: duckdb.DuckDBPyConnection, source_ids: Iterable[str], now: datetime, *,
          fetch_log_days: int = FETCH_LOG_DAYS) -> None:
    """Roll up the health log older than `fetch_log_days` and purge the entries of other parser versions
    and of sources not in `source_ids` (the config's). Call inside the caller's transaction: a roll-up
    must land together with the delete of the rows it replaces."""
    cutoff = {"cutoff": fetch_log_cutoff(now, fetch_log_days)}
    con.execute(sql("roll_up_fetches"), cutoff)
    con.execute(sql("delete_rolled_up_fetches"), cutoff)
    con.execute(sql("purge_feed_entries"), {"version": delta.CODE_VERSION.decode(), "sources": list(source_ids)})
