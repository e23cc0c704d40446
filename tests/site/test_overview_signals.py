"""The overview's cards say which way is good, ignore noise, never print "−0", and "this week" is one ISO week
compared with the same elapsed part of the week before."""

from __future__ import annotations

from datetime import UTC, datetime
from zoneinfo import ZoneInfo

from scripts.i18n import Locale
from scripts.pages.kpis import KPIS, kpi_signal
from scripts.weekly.summary import this_week_windows

MADRID = ZoneInfo("Europe/Madrid")
BY_KEY = {k.key: k for k in KPIS}


def test_a_change_that_rounds_to_nothing_reads_no_change_never_minus_zero() -> None:
    es, en = Locale("es", MADRID), Locale("en", MADRID)
    assert es.delta(0.7404, 0.7431, kind="rate") == "sin cambio"
    assert en.delta(10.2, 10.4, kind="points") == "no change"
    assert "−0" not in es.delta(100, 100.2)
    assert es.delta(0.74, 0.70, kind="rate") == "+4 pp"


def test_down_is_good_for_reply_times_and_overdue_up_is_good_for_response_rate() -> None:
    assert kpi_signal(BY_KEY["median_hours"], 2.0, 4.0) == "good"
    assert kpi_signal(BY_KEY["overdue"], 120, 100) == "bad"
    assert kpi_signal(BY_KEY["response_rate"], 0.80, 0.70) == "good"
    assert kpi_signal(BY_KEY["net_sentiment"], -30, -10) == "bad"


def test_changes_within_the_noise_band_are_flat_and_mentions_have_no_good_direction() -> None:
    assert kpi_signal(BY_KEY["response_rate"], 0.74, 0.73) == "flat"
    assert kpi_signal(BY_KEY["median_hours"], 4.1, 4.0) == "flat"
    assert kpi_signal(BY_KEY["mentions"], 150, 100) == "neutral"
    assert kpi_signal(BY_KEY["mentions"], None, 100) == "none"


def test_this_week_is_the_iso_week_so_far_against_the_same_elapsed_part_of_last_week() -> None:
    now = datetime(2026, 12, 1, 10, 5, tzinfo=UTC)          # Tuesday 11:05 in Madrid
    (start, end), (prev_start, prev_end) = this_week_windows(now, MADRID)
    assert start == datetime(2026, 11, 30, 0, 0, tzinfo=MADRID) and end == now
    assert prev_start == datetime(2026, 11, 23, 0, 0, tzinfo=MADRID)
    assert prev_end - prev_start == end - start


def test_ages_read_in_words() -> None:
    es = Locale("es", MADRID)
    now = datetime(2026, 12, 1, tzinfo=UTC)
    assert es.age(now, datetime(2026, 11, 30, 19, tzinfo=UTC)) == "hace 5 horas"
    assert es.hours(50) == "2 días"
