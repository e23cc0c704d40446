"""A changed feed is parsed only for its new or edited entries, and the rows that land are the ones a
whole parse would give (collector.delta)."""

from __future__ import annotations

from pathlib import Path

import pytest

from collector import workers
from collector.feeds.delta import find_entries, without
from collector.feeds.parse import parse_feed
from tests.conftest import FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer
from tests.test_collect_threads import serve_threads

T = FIXTURES / "threads"
URL = "http://127.0.0.1:9/wp/cambios-atencion/feed/"
RSS = {"content-type": "application/rss+xml; charset=UTF-8"}
NEW_COMMENT = """	<item>
		<title>Por: Marta</title>
		<link>{base}/wp/cambios-atencion/#comment-190</link>
		<dc:creator><![CDATA[Marta]]></dc:creator>
		<pubDate>Wed, 11 Nov 2026 09:00:00 +0000</pubDate>
		<guid isPermaLink="false">{base}/wp/?p=11#comment-190</guid>
		<description><![CDATA[Un texto con </item> dentro, que no cierra nada.]]></description>
	</item>
"""


def fixture(name: str, base: str = "http://127.0.0.1:9") -> bytes:
    return (T / name).read_text(encoding="utf-8").replace("{base}", base).encode()


@pytest.mark.parametrize("name, as_comments", [("wp_comments_11.xml", True), ("wp_posts.xml", False),
                                               ("blogger_comments_1001.xml", True)])
def test_cutting_read_entries_leaves_the_records_of_the_others_unchanged(name: str, as_comments: bool):
    body = fixture(name)
    entries = find_entries(body, URL, as_comments=as_comments, headers=RSS)
    assert entries is not None and len(entries.digests) >= 2
    whole = parse_feed(body, URL, as_comments=as_comments)
    records = whole.comments if as_comments else whole.posts
    known = set(entries.digests[::2])
    part = parse_feed(without(body, entries, known), URL, as_comments=as_comments)
    assert (part.comments if as_comments else part.posts) == records[1::2]
    assert (part.title, part.format, part.next_url) == (whole.title, whole.format, whole.next_url)


def test_an_entry_reads_the_same_wherever_it_sits_but_not_under_another_feed_or_charset():
    body = fixture("wp_comments_11.xml")
    first = find_entries(body, URL, as_comments=True, headers=RSS)
    moved = body.replace(b"<item>", NEW_COMMENT.replace("{base}", "http://127.0.0.1:9").strip().encode()
                         + b"\n\t<item>", 1)
    again = find_entries(moved, URL + "?paged=2", as_comments=True, headers=RSS)
    assert first is not None and again is not None
    assert set(first.digests) < set(again.digests) and len(again.digests) == len(first.digests) + 1
    other = find_entries(body, "http://127.0.0.1:9/wp/otro/feed/", as_comments=True, headers=RSS)
    assert other is not None and not set(other.digests) & set(first.digests)
    assert find_entries(body, URL, as_comments=True, headers={"content-type": "text/xml; charset=latin-1"}) is None


@pytest.mark.parametrize("body", [
    b'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY a "b">]><rss><channel><item>&a;</item></channel></rss>',
    '<?xml version="1.0" encoding="utf-16"?><rss><channel><item/></channel></rss>'.encode("utf-16"),
    b"<rss><channel><item><item></item></item></channel></rss>",
    b"<rss><channel><item>unclosed</channel></rss>",
    b"<rss><channel><item>a</item></channel><item>b</item></rss>",
    b"<rss><channel><item>\xe9t\xe9</item></channel></rss>",
    b"<html><body><item>x</item></body></html>",
])
def test_a_document_that_is_not_plain_is_parsed_whole(body: bytes):
    assert find_entries(body, URL, as_comments=True, headers={}) is None


def test_a_new_comment_is_the_only_entry_parsed_and_the_rows_match_a_fresh_collect(
        server: FeedServer, tmp_path: Path, monkeypatch):
    serve_threads(server)
    cfg = write_config(tmp_path / "monitor.toml",
                       f'[[sources]]\nname = "acme-blog"\nurl = "{server.url("/wp/feed/")}"\nowned = true\n')
    db = tmp_path / "pulso.duckdb"
    collect_once(cfg, db)
    comments = (T / "wp_comments_11.xml").read_text(encoding="utf-8").replace("</channel>", NEW_COMMENT + "</channel>")
    server.add_text("/wp/cambios-atencion/feed/", comments, content_type="application/rss+xml")
    parsed: list[int] = []

    def counting(body: bytes, url: str, **kwargs: object):
        result = parse_feed(body, url, **kwargs)  # type: ignore[arg-type]
        parsed.append(len(result.posts) + len(result.comments))
        return result

    monkeypatch.setattr(workers, "parse_feed", counting)
    reports = collect_once(cfg, db)
    assert parsed == [1] and reports[0].comments_new == 1
    assert "dentro, que no cierra nada" in query(db, "SELECT text FROM comments WHERE url LIKE '%#comment-190'")[0][0]

    fresh = tmp_path / "fresh.duckdb"
    collect_once(cfg, fresh)
    for table in ("comments", "posts"):
        rows = f"SELECT * EXCLUDE (first_seen_at, updated_at) FROM {table} ORDER BY 1"
        assert query(db, rows) == query(fresh, rows)


def test_allowing_a_host_rereads_the_posts_already_read_and_follows_their_comment_feeds(
        server: FeedServer, tmp_path: Path):
    local = server.base.replace("127.0.0.1", "localhost")   # another host name for the same loopback server

    def item(n: int) -> str:
        return (f"<item><title>Post {n}</title><link>{server.base}/p/{n}/</link><guid>{server.base}/?p={n}</guid>"
                f"<pubDate>Mon, 09 Nov 2026 0{n}:00:00 +0000</pubDate><description>Texto {n}.</description>"
                f"<wfw:commentRss>{local}/p/{n}/feed/</wfw:commentRss></item>")

    def feed(*items: int) -> bytes:
        return (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0" '
                f'xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Blog</title>'
                f'<link>{server.base}/</link>{"".join(item(n) for n in items)}</channel></rss>').encode()

    server.add("/feed/", feed(1), feed(2, 1))
    server.add("/p/1/feed/", fixture("wp_comments_11.xml", server.base))
    source = f'[[sources]]\nname = "blog"\nurl = "{server.url("/feed/")}"\n'
    db = tmp_path / "pulso.duckdb"
    collect_once(write_config(tmp_path / "monitor.toml", source), db)
    assert query(db, "SELECT count(*) FROM comments") == [(0,)]             # localhost refused
    collect_once(write_config(tmp_path / "monitor.toml", source + 'follow_hosts = ["localhost"]\n'), db)
    assert server.count("/p/1/feed/") == 1                                   # post 1 was read again
    assert query(db, "SELECT count(*) FROM comments c JOIN posts p USING (post_id) WHERE p.title = 'Post 1'") \
        == [(7,)]
