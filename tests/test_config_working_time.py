"""[brand] business_hours, workdays and holidays: read, normalised, and every mistake named with its fix."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from collector.config import ConfigError, parse_config
from collector.storage.decisions import settings

SOURCES = [{"name": "a", "url": "https://a.example/feed/"}]


def brand(**keys: Any):
    return parse_config({"brand": {"name": "Acme", **keys}, "sources": SOURCES}, Path("monitor.toml")).brand


def problems(**keys: Any) -> list[str]:
    with pytest.raises(ConfigError) as info:
        brand(**keys)
    return info.value.problems


def test_working_time_is_off_unless_business_hours_is_set() -> None:
    b = brand()
    assert b.opening_hours is None and b.workday_numbers == (1, 2, 3, 4, 5)
    assert settings(b)["business_hours"] == ""


@pytest.mark.parametrize(("workdays", "numbers"), [
    ("mon-fri", (1, 2, 3, 4, 5)), ("Mon-Sat", (1, 2, 3, 4, 5, 6)), ("mon,wed,fri", (1, 3, 5)),
    ("sun-thu", (1, 2, 3, 4, 7)), ("lun-vie", (1, 2, 3, 4, 5)), ("mon-fri, sun", (1, 2, 3, 4, 5, 7)),
])
def test_workdays_are_ranges_or_lists_of_days(workdays: str, numbers: tuple[int, ...]) -> None:
    b = brand(business_hours="9:00-19:00", workdays=workdays, holidays=["2026-12-25", "2026-12-08"])
    assert b.workday_numbers == numbers
    assert settings(b) == {"response_sla_hours": "24.0", "timezone": "Europe/Madrid", "business_hours": "09:00-19:00",
                           "workdays": ",".join(map(str, numbers)), "holidays": "2026-12-08,2026-12-25"}


def test_a_whole_day_closes_at_24_00() -> None:
    assert brand(business_hours="00:00-24:00").opening_hours == ("00:00", "24:00")


@pytest.mark.parametrize("hours", ["19:00-09:00", "9-19", "09:00-25:00", "09:00", "09:60-10:00", "nueve a siete"])
def test_business_hours_that_are_not_opening_before_closing_are_refused(hours: str) -> None:
    assert any(p.startswith("brand.business_hours:") and "09:00-19:00" in p for p in problems(business_hours=hours))


def test_unknown_days_and_dates_are_named() -> None:
    found = problems(business_hours="09:00-19:00", workdays="mon-fry", holidays=["2026-12-08", "8/12/2026"])
    assert any(p.startswith("brand.workdays: 'mon-fry'") for p in found)
    assert any(p.startswith("brand.holidays: '8/12/2026' is not an ISO date") for p in found)
    assert len(found) == 2


def test_workdays_or_holidays_without_business_hours_say_what_is_missing() -> None:
    (problem,) = problems(holidays=["2026-12-08"])
    assert "only used with business_hours" in problem and 'business_hours = "09:00-19:00"' in problem
