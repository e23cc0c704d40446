"""Conditional-GET validators belong to a (source, feed) pair: two sources reading one feed each keep
their own, so each gets its own 304 instead of overwriting the other's and fetching the feed whole."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer


def test_two_sources_sharing_a_feed_keep_their_own_validators(server: FeedServer, tmp_path: Path):
    server.add_text("/wp/feed/", (FIXTURES / "threads" / "wp_posts.xml").read_text(encoding="utf-8"))
    feed = server.url("/wp/feed/")
    cfg = write_config(tmp_path / "monitor.toml", f"""
[[sources]]
name = "blog"
url = "{feed}"
comments = false

[[sources]]
name = "espejo"
url = "{feed}"
comments = false
""")
    db = tmp_path / "pulso.duckdb"
    collect_once(cfg, db)
    collect_once(cfg, db)

    second_run = [status for path, _, status in server.hits if path == "/wp/feed/"][2:]
    assert second_run == [304, 304]
    assert query(db, "SELECT source_id, etag IS NOT NULL FROM feed_state WHERE url = $u ORDER BY source_id",
                 {"u": feed}) == [("blog", True), ("espejo", True)]
    assert query(db, "SELECT source_id, list(status ORDER BY fetched_at) FROM fetches GROUP BY source_id "
                     "ORDER BY source_id") == [("blog", ["ok", "not_modified"]), ("espejo", ["ok", "not_modified"])]
    assert query(db, "SELECT source_id, count(*) FROM posts GROUP BY source_id ORDER BY source_id") == [
        ("blog", 3), ("espejo", 3)]
