"""The numbers everyone quotes, on hand-built databases with known answers.

Each test builds the smallest thread that exercises one rule of DESIGN.md "Definitions" and reads
it back through the `responses` view and the site's own named queries.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from scripts.queries import load_site_data, open_database
from tests.site.dbkit import NOW, MiniDB, hours_ago, make_config

T0 = datetime(2026, 11, 20, 10, 0, tzinfo=UTC)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def responses(db_path: Path) -> dict[str, tuple]:
    con = open_database(db_path)
    try:
        rows = con.execute("SELECT comment_id, eligible, answered, response_hours FROM responses").fetchall()
    finally:
        con.close()
    return {row[0]: row[1:] for row in rows}


@pytest.fixture
def db(tmp_path: Path) -> MiniDB:
    mini = MiniDB(tmp_path / "t.duckdb")
    mini.source("blog-a", owned=True)
    mini.post("p1", "blog-a", at(0))
    return mini


def test_threaded_reply_answers_its_parent_only(db: MiniDB) -> None:
    db.comment("a", "p1", at(1)).comment("b", "p1", at(2))
    db.comment("r", "p1", at(4), brand=True, parent="a")
    got = responses(db.close())
    assert got["a"] == (True, True, pytest.approx(3.0))
    assert got["b"] == (True, False, None)


def test_unthreaded_reply_answers_every_comment_since_the_previous_brand_reply(db: MiniDB) -> None:
    db.comment("a", "p1", at(1)).comment("b", "p1", at(2))
    db.comment("r", "p1", at(5), brand=True)
    got = responses(db.close())
    assert got["a"] == (True, True, pytest.approx(4.0))
    assert got["b"] == (True, True, pytest.approx(3.0))


def test_unthreaded_reply_does_not_reach_back_past_the_previous_brand_reply(db: MiniDB) -> None:
    db.comment("a", "p1", at(1))
    db.comment("r1", "p1", at(2), brand=True, parent="x-unknown")   # threaded to something else
    db.comment("b", "p1", at(3))
    db.comment("r2", "p1", at(4), brand=True)
    got = responses(db.close())
    assert got["a"][1] is False
    assert got["b"] == (True, True, pytest.approx(1.0))


def test_reply_published_before_the_comment_does_not_answer_it(db: MiniDB) -> None:
    db.comment("r", "p1", at(1), brand=True, parent="a")     # clock skew: reply dated before its parent
    db.comment("a", "p1", at(2))
    db.comment("r2", "p1", at(3), brand=True)
    got = responses(db.close())
    assert got["a"] == (True, True, pytest.approx(1.0))      # answered by the later unthreaded reply


def test_brand_replies_are_not_eligible_and_third_party_comments_need_a_mention(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True).source("news", owned=False)
    db.post("p1", "blog-a", at(0)).post("n1", "news", at(0), mention=True).post("n2", "news", at(0), mention=False)
    db.comment("r", "p1", at(1), brand=True)
    db.comment("m", "n1", at(1), source_id="news").comment("o", "n2", at(1), source_id="news")
    got = responses(db.close())
    assert got["r"][0] is False
    assert got["m"][0] is True
    assert got["o"][0] is False


def test_window_numbers_have_known_answers(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", hours_ago(60), label="pos", score=0.5)   # this ISO week began 61 h ago
    # three eligible comments this week: answered after 1 h and 3 h, one open
    db.comment("a", "p1", hours_ago(50), label="neg", score=-0.5)
    db.comment("ra", "p1", hours_ago(49), brand=True, parent="a", label="pos", score=0.9)
    db.comment("b", "p1", hours_ago(40), label="pos", score=0.4)
    db.comment("rb", "p1", hours_ago(37), brand=True, parent="b")
    db.comment("c", "p1", hours_ago(10))                      # not scored yet
    config = make_config(tmp_path)
    con = open_database(db.close())
    try:
        data = load_site_data(con, config, NOW)
    finally:
        con.close()
    cur = data.current
    assert cur["texts"] == 4                # p1 + a, b, c; the brand's replies are not texts in scope
    assert cur["scored"] == 3 and cur["pos"] == 2 and cur["neg"] == 1
    assert cur["net_sentiment"] == pytest.approx(100 * (2 - 1) / 3)
    assert cur["eligible"] == 3 and cur["answered"] == 2
    assert cur["response_rate"] == pytest.approx(2 / 3)
    assert cur["median_hours"] == pytest.approx(2.0)
    assert cur["p90_hours"] == pytest.approx(1 + 0.9 * 2)
    queue = data.queue_asof.set_index("kind")
    assert queue.loc["now", "open_gaps"] == 1 and queue.loc["now", "overdue"] == 0
    # a week ago none of them existed yet
    assert queue.loc["prev", "open_gaps"] == 0


def test_queue_as_of_now_matches_the_views_own_flags(tmp_path: Path) -> None:
    now = datetime.now(UTC)
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", now - timedelta(days=5))
    for i, age in enumerate((100, 30, 23, 2)):
        db.comment(f"c{i}", "p1", now - timedelta(hours=age))
    db.comment("r", "p1", now - timedelta(hours=60), brand=True, parent="c0")
    con = open_database(db.close())
    try:
        view = con.execute("SELECT count(*) FILTER (WHERE eligible AND NOT answered), "
                           "count(*) FILTER (WHERE overdue) FROM responses").fetchall()[0]
        data = load_site_data(con, make_config(tmp_path), now)
    finally:
        con.close()
    row = data.queue_asof.set_index("kind").loc["now"]
    assert (row["open_gaps"], row["overdue"]) == view == (3, 1)


@pytest.mark.parametrize(("utc_time", "week"), [
    ("2026-11-22 22:30:00+00", "2026-W47"),   # Sunday 23:30 in Madrid: still week 47
    ("2026-11-22 23:30:00+00", "2026-W48"),   # Monday 00:30 in Madrid: week 48
    ("2026-11-16 00:30:00+00", "2026-W47"),   # Monday 01:30 in Madrid
])
def test_weeks_are_iso_weeks_in_the_brand_time_zone(tmp_path: Path, utc_time: str, week: str) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", datetime.fromisoformat(utc_time), label="neg", score=-1)
    con = open_database(db.close())
    try:
        data = load_site_data(con, make_config(tmp_path), NOW)
    finally:
        con.close()
    overall = data.weekly[data.weekly["source_id"].isna()]
    assert overall["week"].tolist() == [week]
    assert overall["net_sentiment"].tolist() == [-100.0]
