"""Feed discovery against a real WordPress 6.1 home page: its own <head>, not a hand-written copy of one."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest
from selectolax.lexbor import LexborHTMLParser

from collector.feeds.parse import parse_feed
from collector.platforms.discover import discover_feed, looks_like_html
from tests.wordpress.harness import Blog

pytestmark = pytest.mark.wordpress


def home_and_feed(blog: Blog) -> tuple[str, object]:
    """Discover from the home page, then read the chosen feed: both as Pulso would."""
    with blog.client() as http:
        home = http.get("/")
        assert home.status_code == 200 and looks_like_html(home.content, home.headers.get("content-type"))
        found = discover_feed(home.content, str(home.url), content_type=home.headers.get("content-type"))
        assert found.feed_url is not None, found.reason
        feed = http.get(found.feed_url)
    return found, parse_feed(feed.content, found.feed_url, headers=dict(feed.headers))


def test_a_real_wordpress_home_page_leads_to_its_posts_feed_not_its_comments_feed(blog: Blog):
    blog.add_post("Retrasos en Barajas", "<p>¿Qué pasó?</p>", datetime(2026, 11, 2, 9, 0, tzinfo=UTC))
    found, parsed = home_and_feed(blog)
    assert found.feed_url == blog.feed_url()          # plain permalinks: /?feed=rss2
    assert found.platform == "wordpress"
    assert found.wordpress_api == blog.url("/index.php?rest_route=/")   # what 6.1 announces without permalinks
    assert [c.comments for c in found.candidates] == [False, True]
    assert found.reason.startswith("discovered from <link rel=alternate> titled")
    assert not parsed.problem and [p.title for p in parsed.posts] == ["Retrasos en Barajas"]


def test_with_pretty_permalinks_the_feed_is_slash_feed(blog: Blog):
    blog.enable_pretty_permalinks()
    blog.add_post("Hola", "<p>Primera</p>", datetime(2026, 11, 3, 9, 0, tzinfo=UTC))
    found, parsed = home_and_feed(blog)
    assert found.feed_url == blog.url("/feed/")
    assert found.wordpress_api == blog.url("/wp-json/")
    assert not parsed.problem and len(parsed.posts) == 1


@pytest.mark.parametrize("pretty", [False, True], ids=["plain-permalinks", "pretty-permalinks"])
def test_without_feed_links_the_wordpress_convention_gives_a_feed_the_real_site_serves(blog: Blog, pretty: bool):
    # A theme without automatic-feed-links: the real page with its <link rel=alternate> elements removed.
    if pretty:
        blog.enable_pretty_permalinks()
    blog.add_post("Sin enlaces", "<p>Texto</p>", datetime(2026, 11, 4, 9, 0, tzinfo=UTC))
    with blog.client() as http:
        home = http.get("/")
        tree = LexborHTMLParser(home.content)
        for link in tree.css('link[rel="alternate"]'):
            link.decompose()
        found = discover_feed(tree.html or "", str(home.url))
        assert found.candidates == () and found.platform == "wordpress"
        assert found.reason == ("WordPress convention /feed/" if pretty else "WordPress convention ?feed=rss2")
        feed = http.get(found.feed_url or "")
    parsed = parse_feed(feed.content, str(feed.url), headers=dict(feed.headers))
    assert feed.status_code == 200 and not parsed.problem and [p.title for p in parsed.posts] == ["Sin enlaces"]
