"""Helpers for the weekly-summary tests: summaries from the hand-built fixture database."""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from collector.config import Config
from scripts.i18n import Locale
from scripts.queries import open_database
from scripts.weekly.summary import Summary, WeeklyData, load_weekly, parse_week, summarize
from tests.site.dbkit import NOW


def weekly_data(db: Path, config: Config, now: datetime = NOW) -> WeeklyData:
    con = open_database(db)
    try:
        return load_weekly(con, config, now)
    finally:
        con.close()


def summary_for(db: Path, config: Config, week: str, now: datetime = NOW) -> Summary:
    return summarize(weekly_data(db, config, now), parse_week(week))


def locale(config: Config) -> Locale:
    return Locale(config.brand.language, config.tz)
