"""A source given as a blog's home page: its feed is discovered, read, and named in the summary line."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer

FEED = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Opiniones</title>
<link>{base}/</link><item><title>Acme cambia su horario</title><link>{base}/p1/</link>
<guid>{base}/p1/</guid><pubDate>Mon, 30 Nov 2026 10:00:00 +0000</pubDate><description>hola</description></item>
</channel></rss>"""


def _serve(server: FeedServer) -> None:
    server.add("/", (FIXTURES / "discover" / "comments-feed-listed-first.html").read_bytes(),
               content_type="text/html; charset=utf-8")
    server.add_text("/feed/", FEED.replace("{base}", server.base))
    server.add_text("/comments/feed/", FEED.replace("{base}", server.base).replace("Acme", "Comentario"))


def test_a_home_page_url_reads_the_posts_feed_it_declares_and_says_which(server: FeedServer, tmp_path: Path):
    _serve(server)
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "op"\nurl = "{server.url("/")}"\n')
    db = tmp_path / "p.duckdb"
    report = collect_once(cfg, db)[0]
    assert not report.failed and not report.partial, report.line()
    assert report.notes and report.notes[0].startswith(f"discovered feed {server.url('/feed/')}"), report.notes
    assert query(db, "SELECT title FROM posts") == [("Acme cambia su horario",)]
    assert query(db, "SELECT kind, status FROM fetches ORDER BY kind") == [("page", "ok"), ("posts", "ok")]
    assert server.count("/comments/feed/") == 0                      # the comments feed is not the posts feed
    again = collect_once(cfg, db)[0]
    assert not again.failed and again.posts_new == 0 and again.not_modified == 1, again.line()


def test_a_home_page_with_no_feed_says_so(server: FeedServer, tmp_path: Path):
    server.add("/", b"<!doctype html><html><head><title>x</title></head><body>hola</body></html>",
               content_type="text/html")
    cfg = write_config(tmp_path / "m.toml", f'[[sources]]\nname = "op"\nurl = "{server.url("/")}"\n')
    report = collect_once(cfg, tmp_path / "p.duckdb")[0]
    assert report.failed and "no feed found" in report.errors[0], report.line()
