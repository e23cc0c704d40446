"""The demo has two competitors with their own blogs — served on loopback like the others, their staff
answering at their own pace — and mentions of them in everybody else's posts and comments; collected as
`pulso demo` does, each blog's replies count for whoever runs it."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from collector import load_config, sql
from pulso.demo.generate import DEFAULT_END
from pulso.demo.rivals import RIVALS
from scripts.queries import open_database
from scripts.weekly.voice import mentions_view
from tests.conftest import query
from tests.demokit import CollectedDemo

RIVAL_BLOGS = {"telvia-blog": "Telvia", "nubefon-comunidad": "Nubefon"}


@pytest.fixture(scope="module")
def collected(demo_collected: CollectedDemo) -> tuple[Path, Path]:
    """The session's collected demo (tests/conftest.py), read-only."""
    return demo_collected.root, demo_collected.db


def test_the_demo_config_names_both_competitors_and_their_blogs(collected) -> None:
    root, _ = collected
    config = load_config(root / "monitor.toml")
    assert config.brand_names == ("Movilia", "Telvia", "Nubefon")
    assert {c.name: c.responders for c in config.competitors} == {r.name: r.responders for r in RIVALS}
    assert {s.name: s.owner for s in config.sources if s.owner} == RIVAL_BLOGS


def test_competitors_are_mentioned_on_other_blogs_and_the_brand_on_theirs(collected) -> None:
    _, db = collected
    named = dict(query(db, """SELECT brand, count(*) FROM (
        SELECT unnest(p.brands) AS brand, s.owner FROM posts p JOIN sources s USING (source_id)
        UNION ALL SELECT unnest(c.brands), s.owner FROM comments c JOIN sources s USING (source_id))
        WHERE owner IS NULL GROUP BY brand"""))
    assert named["Movilia"] > named["Telvia"] > 20 and named["Nubefon"] > 20
    on_rivals = query(db, """SELECT count(*) FROM comments c JOIN sources s USING (source_id)
                             WHERE s.owner IS NOT NULL AND list_contains(c.brands, 'Movilia')""")[0][0]
    assert on_rivals > 0
    assert dict(query(db, "SELECT source_id, owner FROM sources WHERE owner IS NOT NULL")) == RIVAL_BLOGS


def test_each_competitor_answers_on_its_own_blog_at_its_own_pace(collected) -> None:
    root, db = collected
    replies = query(db, """SELECT s.owner, c.author, count(*) FROM comments c JOIN sources s USING (source_id)
                           WHERE c.is_brand AND s.owner IS NOT NULL GROUP BY ALL""")
    staff = {r.name: set(r.responders) for r in RIVALS}
    assert {owner for owner, _, _ in replies} == {"Telvia", "Nubefon"}
    assert all(author in staff[owner] for owner, author, _ in replies)
    config = load_config(root / "monitor.toml")
    con = open_database(db, config, DEFAULT_END)
    try:
        mentions_view(con)
        rows = con.execute(sql("competitors_replies", "scripts"),
                           {"brand": "Movilia", "brands": list(config.brand_names),
                            "start": DEFAULT_END - timedelta(days=365), "end": DEFAULT_END}).df()
        queue = con.execute("""SELECT count(*) FROM responses r JOIN sources s USING (source_id)
                               WHERE s.owner IS NOT NULL AND (r.eligible OR r.needs_reply OR r.open)""").fetchone()
    finally:
        con.close()
    by = rows.set_index("brand")
    assert list(by.index) == ["Movilia", "Telvia", "Nubefon"]
    assert (by["answered"] > 0).all()
    assert by.loc["Nubefon", "median_hours"] < by.loc["Movilia", "median_hours"] < by.loc["Telvia", "median_hours"]
    assert by.loc["Nubefon", "response_rate"] < by.loc["Movilia", "response_rate"]
    assert queue == (0,)                                     # their comments never wait for Movilia
