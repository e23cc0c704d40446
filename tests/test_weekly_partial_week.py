"""A week in progress is compared with the same elapsed part of the week before, as it stood then; the
overview and the weekly summary mean the same thing by "this week"."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from scripts.queries import load_site_data, open_database
from scripts.weekly.summary import this_week_windows
from tests.site.dbkit import MiniDB, make_config
from tests.weeklykit import summary_for

#: Tuesday 1 December 2026, 09:00 in Madrid: the first of the month, early in the ISO week.
TUESDAY = datetime(2026, 12, 1, 8, 0, tzinfo=UTC)


def _db(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a", owned=True)
    # last week: two mentions before Tuesday 09:00, three after it
    for i, at in enumerate([datetime(2026, 11, 23, 9, tzinfo=UTC), datetime(2026, 11, 24, 7, tzinfo=UTC),
                            datetime(2026, 11, 24, 9, tzinfo=UTC), datetime(2026, 11, 26, 9, tzinfo=UTC),
                            datetime(2026, 11, 28, 9, tzinfo=UTC)]):
        db.post(f"last{i}", "blog-a", at, label="neu", score=0.0)
    # this week so far: three mentions
    for i, at in enumerate([datetime(2026, 11, 30, 9, tzinfo=UTC), datetime(2026, 11, 30, 15, tzinfo=UTC),
                            datetime(2026, 12, 1, 7, tzinfo=UTC)]):
        db.post(f"this{i}", "blog-a", at, label="neu", score=0.0)
    # a comment of last Monday answered on Wednesday: by last Tuesday 09:00 it was still unanswered
    db.comment("q1", "last0", datetime(2026, 11, 23, 10, tzinfo=UTC), text="¿Hay cobertura?")
    db.comment("r1", "last0", datetime(2026, 11, 25, 10, tzinfo=UTC), author="Acme Soporte", brand=True, parent="q1")
    db.comment("q2", "this0", datetime(2026, 11, 30, 10, tzinfo=UTC), text="¿Y la factura?")
    return db.close()


def test_mentions_on_a_tuesday_morning_compare_with_last_monday_to_last_tuesday_same_hour(tmp_path):
    db = _db(tmp_path)
    summary = summary_for(db, make_config(tmp_path), "2026-W49", now=TUESDAY)
    mentions = summary.metrics["mentions"]
    assert summary.partial
    assert (mentions.value, mentions.previous) == (3, 2)   # not 3 against last week's whole 5


def test_last_weeks_part_counts_only_the_replies_it_had_by_then(tmp_path):
    db = _db(tmp_path)
    rate = summary_for(db, make_config(tmp_path), "2026-W49", now=TUESDAY).metrics["response_rate"]
    assert rate.previous == 0.0      # q1 was answered on Wednesday, after last week's same point
    assert rate.value == 0.0


def test_the_overview_and_the_weekly_summary_use_the_same_windows_and_numbers(tmp_path):
    db = _db(tmp_path)
    config = make_config(tmp_path)
    (start, end), (prev_start, prev_end) = this_week_windows(TUESDAY, config.tz)
    assert start == datetime(2026, 11, 30, 0, 0, tzinfo=config.tz) and end == TUESDAY
    assert prev_start == datetime(2026, 11, 23, 0, 0, tzinfo=config.tz)
    assert prev_end == datetime(2026, 11, 24, 9, 0, tzinfo=config.tz)
    con = open_database(db, config, TUESDAY)
    try:
        site = load_site_data(con, config, TUESDAY)
    finally:
        con.close()
    summary = summary_for(db, config, "2026-W49", now=TUESDAY)
    assert (site.current["mentions"], site.previous["mentions"]) == (3, 2)
    assert site.previous["answered"] == 0 == summary.metrics["response_rate"].previous
    assert summary.metrics["mentions"].value == site.current["mentions"]


def test_a_whole_past_week_is_compared_with_the_whole_week_before(tmp_path):
    db = _db(tmp_path)
    summary = summary_for(db, make_config(tmp_path), "2026-W48", now=TUESDAY + timedelta(weeks=3))
    assert not summary.partial
    assert summary.metrics["mentions"].value == 5


def test_a_week_a_few_hours_old_is_shown_but_not_compared_yet_as_on_the_overview(tmp_path):
    db = _db(tmp_path)
    config = make_config(tmp_path)
    monday_morning = datetime(2026, 11, 30, 10, 30, tzinfo=UTC)   # 11:30 in Madrid: 11.5 hours into the week
    summary = summary_for(db, config, "2026-W49", now=monday_morning)
    assert summary.metrics["mentions"].value == 1
    assert all(m.previous is None and m.band is None for m in summary.metrics.values())
    from scripts.weekly import render
    from tests.weeklykit import locale

    assert "aún no se compara" in render.markdown(summary, locale(config), config)
