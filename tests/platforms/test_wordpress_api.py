"""The WordPress REST API seam: URLs it asks for and the records it reads (collector.platforms.wordpress)."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import parse_qs, urlsplit

from collector.feeds.records import PostRecord
from collector.platforms.wordpress import (
    Api,
    api_from_link_header,
    api_off_reason,
    default_api,
    is_wordpress,
    parse_comments,
    post_number,
)


def _query(url: str) -> dict[str, list[str]]:
    return parse_qs(urlsplit(url).query)


def test_plain_permalink_api_puts_the_route_in_rest_route() -> None:
    url = Api("http://127.0.0.2:8080/index.php?rest_route=/").comments_url(post=7, page=2)
    q = _query(url)
    assert urlsplit(url).path == "/index.php"
    assert q["rest_route"] == ["/wp/v2/comments"]
    assert q["post"] == ["7"] and q["page"] == ["2"] and q["per_page"] == ["100"]
    assert q["orderby"] == ["date_gmt"] and q["order"] == ["asc"]


def test_pretty_permalink_api_appends_the_route_to_wp_json() -> None:
    url = Api("https://blog.example.com/wp-json/").comments_url(post=7)
    assert url.startswith("https://blog.example.com/wp-json/wp/v2/comments?")
    assert "page" not in _query(url)


def test_after_is_sent_with_an_explicit_utc_offset() -> None:
    """WordPress compares `after` with the site-local date: without an offset it would mean site time."""
    madrid = timezone(timedelta(hours=1))
    url = default_api("http://127.0.0.2/").comments_url(after=datetime(2026, 11, 30, 10, 0, tzinfo=madrid))
    assert _query(url)["after"] == ["2026-11-30T09:00:00+00:00"]


def test_api_root_comes_from_the_link_header() -> None:
    header = ('<http://127.0.0.2/index.php?rest_route=/>; rel="https://api.w.org/", '
              '<http://127.0.0.2/?p=4>; rel=shortlink')
    assert api_from_link_header(header) == "http://127.0.0.2/index.php?rest_route=/"
    assert api_from_link_header('<http://x/>; rel="alternate"') is None
    assert is_wordpress("https://wordpress.org/?v=6.1.9") and not is_wordpress("Blogger")
    assert is_wordpress(None, header)


def test_post_number_is_read_from_the_guid_or_the_comment_feed() -> None:
    def post(key: str, feed: str | None = None) -> PostRecord:
        return PostRecord(key, None, "t", None, None, "", feed, None)

    assert post_number(post("http://127.0.0.2/?p=12")) == 12
    assert post_number(post("urn:x", "http://127.0.0.2/?feed=rss2&p=9")) == 9
    assert post_number(post("urn:x")) is None


def test_api_comments_keep_parent_kind_account_and_utc_time() -> None:
    body = json.dumps([
        {"id": 5, "post": 4, "parent": 0, "author": 0, "author_name": "Ana <ana@example.com>",
         "date_gmt": "2026-11-01T12:03:00", "link": "http://127.0.0.2/?p=4#comment-5",
         "content": {"rendered": "<p>¿Alguien sabe <b>cómo</b> darse de baja?</p>"}, "type": "comment"},
        {"id": 6, "post": 4, "parent": 5, "author": 2, "author_name": "Acme Soporte",
         "date_gmt": "2026-11-01T14:03:00", "link": "http://127.0.0.2/?p=4#comment-6",
         "content": {"rendered": "<p>Hola Ana</p>"}, "type": "comment"},
    ]).encode()
    page = parse_comments(body)
    assert page.problem is None
    first, reply = page.comments
    assert first.key == "wp:5" and first.parent_key is None and first.has_account is False
    assert first.published_at == datetime(2026, 11, 1, 12, 3, tzinfo=UTC)
    assert first.text == "¿Alguien sabe cómo darse de baja?"
    assert "@" not in (first.author or "")
    assert reply.parent_key == "wp:5" and reply.has_account is True and reply.kind == "comment"
    assert reply.post_url == "http://127.0.0.2/?p=4"


def test_an_html_home_page_or_a_refusal_means_the_api_is_off() -> None:
    assert "401" in (api_off_reason(401, "application/json", b"{}") or "")
    assert "HTML" in (api_off_reason(200, "text/html; charset=UTF-8", b"<html>") or "")
    assert api_off_reason(200, "application/json; charset=UTF-8", b"[]") is None
    assert parse_comments(b"<html>").problem is not None
