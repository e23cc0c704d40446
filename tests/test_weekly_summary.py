"""The weekly summary's numbers and rules on small hand-built databases with known answers."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pandas as pd
import pytest

from scripts.queries import open_database
from scripts.weekly.summary import Metric, parse_week, verdict, week_bounds, week_label
from tests.site.dbkit import NOW, MiniDB, make_config, site_fixture
from tests.weeklykit import summary_for, weekly_data


def test_iso_week_labels_round_trip_and_bad_labels_say_how_to_write_them():
    assert parse_week("2026-W47").isoformat() == "2026-11-16"
    assert week_label(parse_week("2020-W53")) == "2020-W53"
    with pytest.raises(ValueError, match="2026-W47"):
        parse_week("2026-47")
    assert parse_week("2026-W53").isoformat() == "2026-12-28"
    with pytest.raises(ValueError, match="no week 53"):
        parse_week("2027-W53")


def test_week_bounds_are_local_midnights_of_the_brand_time_zone(tmp_path):
    config = make_config(tmp_path)
    start, end = week_bounds(parse_week("2026-W44"), config.tz)   # DST ended on 25 Oct 2026
    assert start.astimezone(UTC) == datetime(2026, 10, 25, 23, 0, tzinfo=UTC)
    assert end - start == timedelta(days=7)


def test_key_numbers_agree_with_the_site_window_query_for_the_same_week(tmp_path):
    db = site_fixture(tmp_path / "p.duckdb")
    config = make_config(tmp_path, sources=(("blog-a", True), ("noticias-b", False)))
    summary = summary_for(db, config, "2026-W47")
    con = open_database(db)
    from collector.storage.store import sql

    site = con.execute(sql("window_kpis", "scripts"), {"start": summary.start, "end": summary.end}).df().iloc[0]
    con.close()
    for key in ("mentions", "net_sentiment", "response_rate", "median_hours"):
        ours, theirs = summary.metrics[key].value, site[key]
        assert (ours is None and pd.isna(theirs)) or ours == pytest.approx(theirs), key
    assert summary.metrics["mentions"].value == 2   # known from the fixture: not a zero by accident


def test_the_current_week_is_labelled_partial_and_past_weeks_are_not(tmp_path):
    db = site_fixture(tmp_path / "p.duckdb")
    config = make_config(tmp_path)
    assert summary_for(db, config, "2026-W48").partial          # NOW is Wednesday of W48
    assert not summary_for(db, config, "2026-W47").partial


def test_a_week_without_data_says_so_instead_of_showing_zeros(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a")
    db.post("p1", "blog-a", NOW - timedelta(weeks=3), label="neu", score=0.0)
    db.post("p2", "blog-a", NOW - timedelta(hours=2), label="neu", score=0.0)
    config = make_config(tmp_path)
    summary = summary_for(db.close(), config, "2026-W47")
    assert summary.no_data and summary.verdict.level == "nodata"
    assert summary.metrics["net_sentiment"].value is None


def test_a_negative_unanswered_comment_on_an_owned_source_past_the_sla_escalates(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a", owned=True)
    db.post("p1", "blog-a", NOW - timedelta(days=6))
    db.comment("angry", "p1", NOW - timedelta(days=5), text="Pésimo servicio", label="neg", score=-0.8)
    db.comment("fine", "p1", NOW - timedelta(days=5, hours=1), text="Bien", label="pos", score=0.5)
    db.comment("reply", "p1", NOW - timedelta(days=5) + timedelta(hours=2), author="Acme Soporte", brand=True,
               parent="fine")
    config = make_config(tmp_path)
    summary = summary_for(db.close(), config, "2026-W48")   # no new texts in W48: still escalates
    assert summary.no_data
    esc = {e.rule: e for e in summary.escalations}
    assert esc["overdue_negative"].count == 1
    assert [e.text for e in esc["overdue_negative"].items] == ["Pésimo servicio"]
    assert summary.verdict.reasons[0][0] == "reason.overdue_negative"
    assert summary.verdict.level == "nodata"     # listed (it needs an owner), but one comment is no spike
    assert any(e.pick == "overdue" for e in summary_for(db.path, config, "2026-W47").examples)


def test_a_comment_answered_after_the_week_ended_was_still_overdue_in_that_week(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("blog-a", owned=True)
    monday = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)
    db.post("p1", "blog-a", monday)
    db.comment("late", "p1", monday + timedelta(hours=1), label="neg", score=-0.5)
    db.comment("reply", "p1", monday + timedelta(days=9), author="Acme Soporte", brand=True, parent="late")
    config = make_config(tmp_path)
    data = weekly_data(db.close(), config)
    from scripts.weekly.summary import summarize

    assert summarize(data, parse_week("2026-W47")).overdue_total == 1
    assert summarize(data, parse_week("2026-W48")).overdue_total == 0


def test_a_negative_spike_needs_twice_the_four_week_average_a_minimum_and_more_than_noise(tmp_path):
    db = MiniDB(tmp_path / "p.duckdb").source("news", owned=False)
    base = parse_week("2026-W43")
    for week in range(4):                       # one negative mention a week in W43..W46
        at = datetime.combine(base + timedelta(weeks=week, days=2), datetime.min.time(), tzinfo=UTC)
        db.post(f"p{week}", "news", at, label="neg", score=-0.5)
    for i in range(4):          # four in W47: >= 2 x 1, >= 3, and 3 above the average (noise: 2 x sqrt(1.25))
        db.post(f"s{i}", "news", datetime(2026, 11, 18, 10 + i, tzinfo=UTC), label="neg", score=-0.5)
    config = make_config(tmp_path, sources=(("news", False),))
    summary = summary_for(db.close(), config, "2026-W47")
    spike = [e for e in summary.escalations if e.rule == "negative_spike"]
    assert spike and spike[0].count == 4 and spike[0].baseline == pytest.approx(1.0)
    assert not [e for e in summary_for(db.path, config, "2026-W46").escalations if e.rule == "negative_spike"]


@pytest.mark.parametrize(("rate", "net", "median", "headline"), [
    ((0.70, 0.80), (0, 0), (2, 2), "verdict.response_worse"),
    ((0.80, 0.80), (0, 0), (4, 2), "verdict.response_worse"),
    ((0.80, 0.80), (-20, 0), (2, 2), "verdict.sentiment_worse"),
    ((0.60, 0.80), (-20, 0), (2, 2), "verdict.both_worse"),
    ((0.90, 0.80), (0, 0), (2, 2), "verdict.response_better"),
    ((0.82, 0.80), (5, 0), (2, 2.2), "verdict.stable"),
    ((0.90, 0.80), (12, 0), (2, 2), "verdict.both_better"),
    ((0.80, 0.80), (12, 0), (1.5, 3), "verdict.both_better"),
])
def test_verdict_headline_follows_the_changes_beyond_their_noise_bands(rate, net, median, headline):
    # bands as weekly_windows.sql's noise would give them: 5 pp of rate, 10 pp of sentiment, 1 h of median
    metrics = {"mentions": Metric("mentions", 10, 10, 10), "response_rate": Metric("response_rate", *rate, None, 5.0),
               "net_sentiment": Metric("net_sentiment", *net, None, 10.0),
               "median_hours": Metric("median_hours", *median, None, 1.0)}
    assert verdict(metrics, [], no_data=False, sla_hours=24).headline == headline
