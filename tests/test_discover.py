"""A blog's home page leads to its posts feed: declared links first, then the platform's convention.

Each page in tests/fixtures/discover/ has a JSON twin with what discovery must find in it.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from collector.platforms.discover import Discovery, discover_feed, looks_like_html

FIXTURES = Path(__file__).parent / "fixtures" / "discover"
PAGES = sorted(FIXTURES.glob("*.html"))


@pytest.mark.parametrize("page", PAGES, ids=[p.stem for p in PAGES])
def test_each_fixture_page_gives_its_expected_feed(page: Path):
    expected = json.loads(page.with_suffix(".json").read_text(encoding="utf-8"))
    found = discover_feed(page.read_bytes(), expected["page_url"])
    assert found.feed_url == expected["feed_url"], expected["description"]
    assert found.platform == expected["platform"]
    assert [c.url for c in found.candidates] == expected["candidates"]
    if "reason" in expected:
        assert found.reason == expected["reason"]


def test_the_fixture_folder_covers_both_platforms_and_the_failure():
    platforms = {json.loads(p.with_suffix(".json").read_text())["platform"] for p in PAGES}
    assert {"wordpress", "blogger", None} <= platforms
    assert len(PAGES) >= 8


def test_comments_feeds_are_marked_and_ranked_last():
    found = discover_feed((FIXTURES / "comments-feed-listed-first.html").read_bytes(), "https://o.example/")
    assert [c.comments for c in found.candidates] == [False, True]


def test_a_blog_named_comentarios_is_not_taken_for_a_comments_feed():
    html = ('<link rel="alternate" type="application/rss+xml" title="Comentarios de Ana &raquo; Feed" href="/feed/">'
            '<link rel="alternate" type="application/rss+xml" '
            'title="Comentarios de Ana &raquo; Feed de los comentarios" href="/comments/feed/">')
    found = discover_feed(html, "https://ana.example/")
    assert found.feed_url == "https://ana.example/feed/"
    assert [c.comments for c in found.candidates] == [False, True]


def test_a_post_page_comment_feed_is_recognised_by_its_title():
    html = ('<link rel="alternate" type="application/rss+xml" title="Blog &raquo; Feed" href="/feed/">'
            '<link rel="alternate" type="application/rss+xml" title="Blog &raquo; Mi entrada Comments Feed" '
            'href="/2024/05/mi-entrada/feed/">')
    found = discover_feed(html, "https://b.example/2024/05/mi-entrada/")
    assert found.feed_url == "https://b.example/feed/"
    assert found.candidates[1].comments


def test_the_http_charset_outranks_the_pages_meta():
    body = ('<meta charset="utf-8"><link rel="alternate" type="application/rss+xml" title="Atención" href="/f">'
            ).encode("cp1252")
    found = discover_feed(body, "https://x.example/", content_type="text/html; charset=windows-1252")
    assert found.candidates[0].title == "Atención"


def test_an_unknown_http_charset_falls_back_to_the_page():
    body = '<link rel="alternate" type="application/rss+xml" title="Atención" href="/f">'.encode()
    found = discover_feed(body, "https://x.example/", content_type="text/html; charset=x-nonsense")
    assert found.candidates[0].title == "Atención"


@pytest.mark.parametrize("body", [b"", b"\x00\xff\xfe<<<", b"<html>" * 10_000, "<p>opinión</p>".encode()])
def test_pages_without_feeds_give_none_with_a_reason(body: bytes):
    found = discover_feed(body, "https://plain.example/")
    assert found.feed_url is None and found.platform is None
    assert "use the blog's feed URL" in found.reason
    assert found.describe().startswith("no feed found on https://plain.example/")


def test_the_description_says_which_feed_was_chosen_and_why():
    found = discover_feed((FIXTURES / "wordpress-home.html").read_bytes(), "https://blog.example.com/")
    assert isinstance(found, Discovery)
    assert found.describe() == ("feed https://blog.example.com/feed/ "
                                "(discovered from <link rel=alternate> titled 'Blog de Acme » Feed')")


def test_the_wordpress_api_link_alone_marks_wordpress_and_names_its_home():
    html = '<link rel="https://api.w.org/" href="https://site.example/blog/wp-json/">'
    found = discover_feed(html, "https://site.example/blog/")
    assert (found.platform, found.feed_url) == ("wordpress", "https://site.example/blog/feed/")


@pytest.mark.parametrize(("body", "ctype", "html"), [
    (b"<!DOCTYPE html><html></html>", None, True),
    (b"\xef\xbb\xbf\n  <HTML lang=es>", None, True),
    (b"<?xml version='1.0'?><rss/>", "application/rss+xml", False),
    (b"<?xml version='1.0'?><rss/>", "text/html; charset=utf-8", True),
    (b"<?xml version='1.0'?><feed xmlns='http://www.w3.org/2005/Atom'/>", None, False),
    (None, None, False),
])
def test_looks_like_html_by_type_or_first_bytes(body: bytes | None, ctype: str | None, html: bool):
    assert looks_like_html(body, ctype) is html


@pytest.mark.parametrize(("page", "url", "api"), [
    ("wordpress-home", "https://blog.example.com/", "https://blog.example.com/wp-json/"),
    ("wordpress-plain-permalinks", "http://rival.example.net/support/",
     "http://rival.example.net/support/index.php?rest_route=/"),
    ("blogger-home", "https://quejas-telefonia.blogspot.com/", None),
])
def test_the_wordpress_api_root_the_page_announces_is_kept_for_the_comments_path(page: str, url: str, api: str | None):
    assert discover_feed((FIXTURES / f"{page}.html").read_bytes(), url).wordpress_api == api
