"""The demo's WordPress blogs answer the REST API as WordPress 6.1.9 does, over HTTP on loopback.

The behaviours pinned here are the ones `tests/wordpress` measured on a real WordPress: whole threads
from `/wp/v2/comments` while the comment feed holds ten, `after=` exclusive and compared in UTC when it
carries an offset, paging headers, `[]` past the end, pingbacks only in feeds, 401/HTML when the API is off.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta, timezone
from urllib.parse import quote
from zoneinfo import ZoneInfo

import feedparser
import pytest

from tests.demokit import API_ORDER, Demo, api_pages, client, feed, served_demo

BLOG = "movilia-blog"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with served_demo(tmp_path_factory.mktemp("demo-wpapi")) as d:
        yield d


def _blog(demo: Demo, blog: str = BLOG) -> str:
    return f"{demo.base}/wp/{blog}/"


def _long_posts(demo: Demo, blog: str = BLOG) -> list[feedparser.FeedParserDict]:
    with client() as http:
        posts = feed(http, f"{_blog(demo, blog)}feed/").entries
    return [p for p in posts if int(p.slash_comments) > 10]


def _post_id(entry: feedparser.FeedParserDict) -> int:
    return int(entry.guid.rsplit("=", 1)[1])


def test_api_answers_a_posts_whole_thread_while_its_comment_feed_holds_ten(demo: Demo) -> None:
    long = _long_posts(demo)
    assert len(long) >= 5, "several demo WordPress threads are longer than a comment feed"
    with client() as http:
        for post in long:
            thread, _ = api_pages(http, _blog(demo), post=_post_id(post))
            window = feed(http, post.wfw_commentrss).entries
            pingbacks = [e for e in window if e.content[0].value.startswith("<p>[&#8230;]")]
            assert len(window) == 10 and len(thread) > 10 - len(pingbacks)
            assert int(post.slash_comments) >= len(thread) + len(pingbacks)
            assert [c["date_gmt"] for c in thread] == sorted(c["date_gmt"] for c in thread), "oldest first"
            assert {c["link"] for c in thread} >= {e.link for e in window if e not in pingbacks}
            assert all(c["post"] == _post_id(post) and c["link"].startswith(post.link + "#comment-") for c in thread)
        assert sum(len(api_pages(http, _blog(demo), post=_post_id(p))[0]) for p in long) == sum(
            1 for c in demo.api_store(BLOG) if c["post"] in {_post_id(p) for p in long})


def test_comment_objects_carry_what_wordpress_sends(demo: Demo) -> None:
    with client() as http:
        answer = http.get(_blog(demo), params={"rest_route": "/wp/v2/comments", **API_ORDER})
    assert answer.headers["content-type"] == "application/json; charset=UTF-8"
    assert b"\\/" in answer.content and b"\\u00" in answer.content, "PHP's json_encode: escaped slashes, ASCII"
    for c in answer.json():
        assert {"id", "post", "parent", "author", "author_name", "author_url", "date", "date_gmt", "content", "link",
                "status", "type"} <= set(c)
        assert (c["status"], c["type"]) == ("approved", "comment")
        gmt, local = datetime.fromisoformat(c["date_gmt"]), datetime.fromisoformat(c["date"])
        assert gmt.tzinfo is None and local.tzinfo is None and gmt.microsecond == 0
        offset = datetime.fromisoformat(c["date_gmt"] + "+00:00").astimezone(ZoneInfo("Europe/Madrid")).utcoffset()
        assert local - gmt == offset, "date is site time (Europe/Madrid), date_gmt UTC, neither with an offset"
        assert c["content"]["rendered"].startswith("<p>") and c["content"]["rendered"].endswith("</p>\n")
        assert c["link"].endswith(f"#comment-{c['id']}")


def test_thread_has_staff_replies_with_and_without_parent_and_a_pingback_in_its_feed(demo: Demo) -> None:
    rich = 0
    with client() as http:
        for post in _long_posts(demo):
            thread, _ = api_pages(http, _blog(demo), post=_post_id(post))
            staff = [c for c in thread if c["author"] > 0]
            pingbacks = int(post.slash_comments) - len(thread)
            rich += any(c["parent"] for c in staff) and any(not c["parent"] for c in staff) and pingbacks > 0
            assert all(c["parent"] in {x["id"] for x in thread} for c in thread if c["parent"])
    assert rich >= 2


def test_pingbacks_are_in_comment_feeds_and_never_in_the_api(demo: Demo) -> None:
    with client() as http:
        posts = feed(http, f"{_blog(demo)}feed/").entries
        seen = 0
        for post in posts:
            for e in feed(http, post.wfw_commentrss).entries:
                if e.content[0].value.startswith("<p>[&#8230;]"):
                    seen += 1
                    number = int(e.link.rsplit("-", 1)[1])
                    assert number not in {c["id"] for c in demo.api_store(BLOG)}
        refused = http.get(_blog(demo), params={"rest_route": "/wp/v2/comments", "type": "pingback"})
    assert seen >= 3
    assert refused.status_code == 401 and refused.json()["code"] == "rest_forbidden_param"


def test_after_is_exclusive_and_compared_in_utc(demo: Demo) -> None:
    store = demo.api_store(BLOG)
    pivot = store[len(store) // 2]
    at = datetime.fromisoformat(pivot["date_gmt"]).replace(tzinfo=UTC)
    expected = [c["id"] for c in store if (c["date_gmt"], c["id"]) > (pivot["date_gmt"], 10**12)]
    with client() as http:
        def after(value: str) -> list[int]:
            # The collector's form: `+` percent-encoded as %2B, as urlencode does.
            url = (f"{_blog(demo)}?rest_route=/wp/v2/comments&after={quote(value)}"
                   "&per_page=100&orderby=date_gmt&order=asc")
            items, page = [], 1
            while True:
                answer = http.get(f"{url}&page={page}")
                items += [c["id"] for c in answer.json()]
                if page >= int(answer.headers["X-WP-TotalPages"]):
                    return items
                page += 1

        utc = after(at.strftime("%Y-%m-%dT%H:%M:%S+00:00"))
        assert utc == expected and pivot["id"] not in utc, "exclusive"
        elsewhere = at.astimezone(timezone(timedelta(hours=5))).isoformat()
        assert after(elsewhere) == utc, "the same instant with another offset"
        assert after(at.strftime("%Y-%m-%dT%H:%M:%SZ")) == utc
        madrid = after(pivot["date"])  # no offset: site time, the same instant here
        assert madrid == utc
        unencoded = http.get(f"{_blog(demo)}?rest_route=/wp/v2/comments&after=2026-11-30T09:00:00+00:00")
        assert unencoded.status_code == 400, "a bare + is a space, as PHP decodes it"
        assert unencoded.json()["code"] == "rest_invalid_param"


def test_site_wide_after_catches_new_comments_on_old_posts(demo: Demo) -> None:
    store = demo.api_store(BLOG)
    since = max(c["date_gmt"] for c in store[:-40])
    newest = sorted((c for c in store if c["date_gmt"] > since), key=lambda c: (c["date_gmt"], c["id"]))
    with client() as http:
        items, _ = api_pages(http, _blog(demo), after=since + "+00:00")
    assert [c["id"] for c in items] == [c["id"] for c in newest] and len({c["post"] for c in items}) > 1


def test_paging_headers_and_a_page_past_the_end(demo: Demo) -> None:
    post = _long_posts(demo)[0]
    with client() as http:
        whole, _ = api_pages(http, _blog(demo), post=_post_id(post))
        items, answers = api_pages(http, _blog(demo), post=_post_id(post), per_page=4)
        past = http.get(_blog(demo), params={"rest_route": "/wp/v2/comments", "post": _post_id(post), "per_page": 4,
                                             "page": len(answers) + 3})
    pages = math.ceil(len(whole) / 4)
    assert items == whole and len(answers) == pages
    for n, answer in enumerate(answers, 1):
        assert answer.headers["X-WP-Total"] == str(len(whole)) and answer.headers["X-WP-TotalPages"] == str(pages)
        assert ('rel="next"' in answer.headers["Link"]) == (n < pages)
        assert ('rel="prev"' in answer.headers["Link"]) == (n > 1)
    assert past.status_code == 200 and past.json() == [] and past.headers["X-WP-Total"] == str(len(whole))


def test_invalid_parameters_are_refused_like_wordpress(demo: Demo) -> None:
    with client() as http:
        for params, name in [({"per_page": 101}, "per_page"), ({"page": 0}, "page"), ({"after": "yesterday"}, "after"),
                             ({"order": "sideways"}, "order")]:
            answer = http.get(_blog(demo), params={"rest_route": "/wp/v2/comments", **params})
            assert answer.status_code == 400, params
            assert answer.json()["code"] == "rest_invalid_param" and name in answer.json()["data"]["params"]
        assert http.get(_blog(demo), params={"rest_route": "/wp/v2/nope"}).json()["code"] == "rest_no_route"


def test_pretty_wp_json_route_answers_the_same(demo: Demo) -> None:
    with client() as http:
        plain = http.get(_blog(demo), params={"rest_route": "/wp/v2/comments", **API_ORDER})
        pretty = http.get(f"{_blog(demo)}wp-json/wp/v2/comments", params=API_ORDER)
        home = http.get(_blog(demo)).text
    assert pretty.status_code == 200 and pretty.content == plain.content
    assert f'<link rel="https://api.w.org/" href="{_blog(demo)}wp-json/" />' in home


@pytest.mark.parametrize(("blog", "status", "ctype"), [("ahorro-y-consumo", 401, "application/json"),
                                                        ("vida-en-valencia", 200, "text/html")])
def test_a_blog_with_its_api_off_still_has_its_feeds(demo: Demo, blog: str, status: int, ctype: str) -> None:
    with client() as http:
        answer = http.get(_blog(demo, blog), params={"rest_route": "/wp/v2/comments", "post": 100, **API_ORDER})
        posts = feed(http, f"{_blog(demo, blog)}feed/")
        windows = [len(feed(http, p.wfw_commentrss).entries) for p in posts.entries]
    assert answer.status_code == status and answer.headers["content-type"].startswith(ctype)
    assert "X-WP-Total" not in answer.headers
    if status == 401:
        assert answer.json() == {"code": "rest_forbidden", "message": "Sorry, you are not allowed to do that.",
                                 "data": {"status": 401}}
    else:
        assert answer.text.startswith("<!doctype html>") and f"{_blog(demo, blog)}feed/" in answer.text
    assert posts.feed.generator == "https://wordpress.org/?v=6.1.9"
    assert windows and max(windows) <= 10
