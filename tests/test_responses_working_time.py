"""Response times and overdue in working time (DESIGN.md "Definitions"): `business_hours`, `workdays` and
`holidays` in the brand's time zone, at week, DST and holiday edges, read as a build reads `responses`."""

from __future__ import annotations

from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from tests.responseskit import brand_config, owned_post, pinned

MADRID = ZoneInfo("Europe/Madrid")
WORKING = {"business_hours": "09:00-19:00", "workdays": "mon-fri"}


def local(text: str) -> datetime:
    """A wall-clock time in Madrid, e.g. "2026-11-20 20:00"."""
    return datetime.fromisoformat(text).replace(tzinfo=MADRID)


def answered_after(tmp_path: Path, asked: str, replied: str, **brand: object) -> dict:
    db = owned_post(tmp_path / "t.duckdb", local(asked) - timedelta(hours=1))
    db.comment("a", "p1", local(asked), text="¿Cuándo me devolvéis el importe?")
    db.comment("r", "p1", local(replied), brand=True, parent="a", author="Acme Soporte")
    return pinned(db.close(), brand_config(tmp_path, **brand), local(replied) + timedelta(days=1))["a"]


def asked_at(tmp_path: Path, asked: str, now: str, **brand: object) -> dict:
    db = owned_post(tmp_path / "t.duckdb", local(asked) - timedelta(hours=1))
    db.comment("a", "p1", local(asked), text="¿Cuándo me devolvéis el importe?")
    return pinned(db.close(), brand_config(tmp_path, **brand), local(now))["a"]


def test_a_comment_on_friday_evening_is_not_overdue_on_saturday_night(tmp_path: Path) -> None:
    row = asked_at(tmp_path, "2026-11-20 20:00", "2026-11-21 23:00", **WORKING)
    assert row["open"] and not row["overdue"]
    # 24 working hours from Monday 09:00: Monday, Tuesday and four hours of Wednesday
    assert row["due_at"] == local("2026-11-25 13:00")


@pytest.mark.parametrize(("now", "overdue"), [("2026-11-25 12:59", False), ("2026-11-25 13:01", True)])
def test_overdue_starts_when_the_working_hours_of_the_sla_have_passed(tmp_path: Path, now: str, overdue: bool) -> None:
    assert asked_at(tmp_path, "2026-11-20 20:00", now, **WORKING)["overdue"] is overdue


def test_without_business_hours_the_sla_is_wall_clock(tmp_path: Path) -> None:
    row = asked_at(tmp_path, "2026-11-20 20:00", "2026-11-21 20:01")
    assert row["overdue"] and row["due_at"] == local("2026-11-21 20:00")
    assert answered_after(tmp_path / "b", "2026-11-20 18:00", "2026-11-23 10:00")["response_business_hours"] is None


def test_a_reply_across_the_weekend_counts_only_working_hours(tmp_path: Path) -> None:
    row = answered_after(tmp_path, "2026-11-20 18:00", "2026-11-23 10:00", **WORKING)
    assert row["response_hours"] == pytest.approx(64.0)
    assert row["response_business_hours"] == pytest.approx(2.0)   # Friday 18-19 and Monday 9-10


def test_a_comment_and_its_reply_outside_working_hours_took_no_working_time(tmp_path: Path) -> None:
    row = answered_after(tmp_path, "2026-11-21 11:00", "2026-11-22 17:00", **WORKING)   # Saturday -> Sunday
    assert row["response_hours"] == pytest.approx(30.0)
    assert row["response_business_hours"] == pytest.approx(0.0)


@pytest.mark.parametrize(("asked", "replied", "wall"), [
    ("2026-03-27 18:00", "2026-03-30 10:00", 63.0),   # Friday CET -> Monday CEST: the clocks went forward on Sunday
    ("2026-10-23 18:00", "2026-10-26 10:00", 65.0),   # Friday CEST -> Monday CET: they went back
])
def test_working_hours_across_a_dst_change_are_local_opening_hours(tmp_path: Path, asked: str, replied: str,
                                                                   wall: float) -> None:
    row = answered_after(tmp_path, asked, replied, **WORKING)
    assert row["response_hours"] == pytest.approx(wall)
    assert row["response_business_hours"] == pytest.approx(2.0)


def test_the_due_time_after_a_dst_change_is_in_local_opening_hours(tmp_path: Path) -> None:
    row = asked_at(tmp_path, "2026-03-27 20:00", "2026-03-28 12:00", **WORKING)
    assert row["due_at"] == local("2026-04-01 13:00")     # 11:00 UTC in summer time, not 12:00


@pytest.mark.parametrize(("asked", "replied", "hours"), [
    ("2026-03-28 12:00", "2026-03-30 12:00", 47.0),   # the last Sunday of March has 23 hours
    ("2026-10-24 12:00", "2026-10-26 12:00", 49.0),   # the last Sunday of October has 25
])
def test_round_the_clock_working_days_have_the_length_of_the_local_day(tmp_path: Path, asked: str, replied: str,
                                                                       hours: float) -> None:
    row = answered_after(tmp_path, asked, replied, business_hours="00:00-24:00", workdays="mon-sun")
    assert row["response_business_hours"] == pytest.approx(hours) == pytest.approx(row["response_hours"])


def test_a_holiday_is_not_working_time(tmp_path: Path) -> None:
    holiday = {**WORKING, "holidays": ["2026-12-08"]}               # a Tuesday
    row = answered_after(tmp_path, "2026-12-07 18:00", "2026-12-09 10:00", **holiday)
    assert row["response_business_hours"] == pytest.approx(2.0)     # Monday 18-19 and Wednesday 9-10
    assert answered_after(tmp_path / "b", "2026-12-07 18:00", "2026-12-09 10:00",
                          **WORKING)["response_business_hours"] == pytest.approx(12.0)


def test_the_due_time_skips_holidays_and_the_weekend(tmp_path: Path) -> None:
    row = asked_at(tmp_path, "2026-12-07 18:00", "2026-12-09 09:30",
                   **WORKING, holidays=["2026-12-08"], response_sla_hours=24)
    # Monday 1 h, Tuesday a holiday, Wednesday and Thursday 10 h each, then 3 h on Friday
    assert row["due_at"] == local("2026-12-11 12:00")
    assert not row["overdue"]


def test_working_days_can_wrap_the_week(tmp_path: Path) -> None:
    row = answered_after(tmp_path, "2026-11-19 18:00", "2026-11-22 10:00",   # Thursday -> Sunday
                         business_hours="09:00-19:00", workdays="sun-thu")
    assert row["response_business_hours"] == pytest.approx(2.0)     # Thursday 18-19 and Sunday 9-10
