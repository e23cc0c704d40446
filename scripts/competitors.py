"""The Competencia page's numbers: share of voice and sentiment per brand and week, and each brand's replies
on its own blogs — read once per build from the named queries (scripts/sql/competitors_*.sql).

Kept out of `scripts.queries` so the section grows on its own; `queries.load_site_data` calls `load` and the
weekly summary reads the same `brand_mentions` view (scripts/weekly/voice.py), so the page and the summary
can never count a brand's mentions two ways.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, timedelta

import duckdb
import pandas as pd

from collector import Config, sql
from scripts.weekly.summary import week_bounds, week_of
from scripts.weekly.voice import mentions_view

#: Weeks the page shows (the current one included), like the overview's trends.
PERIOD_WEEKS = 12


@dataclass(frozen=True)
class CompetitorData:
    """competitors_voice.sql (`voice`: every week and brand, week_start NULL = the whole period) and
    competitors_replies.sql (`replies`: brands with own blogs), over [start, now)."""

    brands: tuple[str, ...]
    first: date
    start: datetime
    voice: pd.DataFrame
    replies: pd.DataFrame

    @property
    def weekly(self) -> pd.DataFrame:
        return self.voice[self.voice["week_start"].notna()]

    @property
    def totals(self) -> pd.DataFrame:
        return self.voice[self.voice["week_start"].isna()]


def load(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> CompetitorData:
    """The page's rows for the PERIOD_WEEKS ISO weeks (brand's time zone) ending with the one that holds `now`."""
    mentions_view(con)
    brands = list(config.brand_names)
    last = week_of(now, config.tz)
    first = last - timedelta(weeks=PERIOD_WEEKS - 1)
    voice = con.execute(sql("competitors_voice", "scripts"),
                        {"tz": config.brand.timezone, "first": first, "last": last, "brands": brands}).df()
    start, _ = week_bounds(first, config.tz)
    replies = con.execute(sql("competitors_replies", "scripts"),
                          {"brand": config.brand.name, "brands": brands, "start": start, "end": now}).df()
    return CompetitorData(brands=tuple(brands), first=first, start=start, voice=voice, replies=replies)
