"""The demo's Blogger blogs page like Blogger: next pages on a second loopback host standing in for
www.blogger.com, any `max-results` up to 500, every feed (posts, per-post comments, blog-wide comments)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from pulso.demo.generate import generate
from pulso.demo.server import BLOGGER_FEED_HOST, serve
from tests.demokit import Demo, atom_pages, client, feed, host, next_link, served_demo

BLOG = "movilia-comunidad"


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with served_demo(tmp_path_factory.mktemp("demo-blogger")) as d:
        yield d


def _posts_url(demo: Demo) -> str:
    return f"{demo.base}/blogger/{BLOG}/feeds/posts/default"


def test_posts_feed_pages_continue_on_the_feed_host(demo: Demo) -> None:
    with client() as http:
        pages = list(atom_pages(http, _posts_url(demo)))
    total = int(pages[0].feed.opensearch_totalresults)
    assert len(pages) >= 2 and sum(len(p.entries) for p in pages) == total
    assert len({e.id for p in pages for e in p.entries}) == total
    links = [next_link(p) for p in pages[:-1]]
    assert all(host(u) == BLOGGER_FEED_HOST for u in links), links
    assert re.fullmatch(r"http://127\.0\.0\.3:\d+/feeds/\d+/posts/default\?start-index=26&max-results=25", links[0])
    assert all(p.feed.generator == "Blogger" for p in pages)
    assert all("thr_total" in e for p in pages for e in p.entries)
    blog_id = links[0].split("/feeds/")[1].split("/")[0]
    assert pages[0].feed.id == f"tag:blogger.com,1999:blog-{blog_id}"


def test_any_max_results_up_to_500_is_honoured(demo: Demo) -> None:
    wide = f"{demo.base}/blogger/{BLOG}/feeds/comments/default"
    with client() as http:
        total = int(feed(http, wide).feed.opensearch_totalresults)
        assert total > 100
        for asked, per_page in [(7, 7), (100, 100), (500, 500), (2000, 500)]:
            page = feed(http, f"{wide}?max-results={asked}")
            assert len(page.entries) == min(per_page, total) and page.feed.opensearch_itemsperpage == str(per_page)
            nxt = next_link(page)
            assert (nxt is not None) == (per_page < total)
            assert nxt is None or nxt.endswith(f"?start-index={per_page + 1}&max-results={per_page}")
        pages = list(atom_pages(http, f"{wide}?max-results=100"))
        past = feed(http, f"{wide}?start-index={total + 1}&max-results=500")
        bad = http.get(f"{wide}?start-index=zero")
    assert len(pages) == -(-total // 100) and sum(len(p.entries) for p in pages) == total
    assert len({e.id for p in pages for e in p.entries}) == total
    assert all(host(next_link(p)) == BLOGGER_FEED_HOST for p in pages[:-1])
    assert past.entries == [] and next_link(past) is None
    assert bad.status_code == 400


def test_per_post_comment_feeds_page_on_the_feed_host(demo: Demo) -> None:
    with client() as http:
        posts = [e for p in atom_pages(http, f"{_posts_url(demo)}?max-results=500") for e in p.entries]
        long = [p for p in posts if int(p.thr_total) > 25]
        assert long, "some Blogger threads are longer than one default page"
        for post in long:
            url = next(x.href for x in post.links if x.rel == "replies" and x.type == "application/atom+xml")
            pages = list(atom_pages(http, url))
            assert len(pages) >= 2 and host(next_link(pages[0])) == BLOGGER_FEED_HOST
            assert re.search(r"/feeds/\d+/\d+/comments/default\?start-index=26&max-results=25$", next_link(pages[0]))
            assert sum(len(p.entries) for p in pages) == int(post.thr_total)
            assert len(feed(http, f"{url}?max-results=500").entries) == int(post.thr_total)


def test_feed_host_serves_only_known_blogs_feeds(demo: Demo) -> None:
    with client() as http:
        stand_in = demo.servers.blogger_url
        assert http.get(f"{stand_in}/feeds/123456789/posts/default").status_code == 404
        assert http.get(f"{stand_in}/wp/movilia-blog/feed/").status_code == 404, "not a copy of the blogs' host"
        assert http.get(f"{stand_in}/monitor.toml").status_code == 404
        assert http.get(f"{stand_in}/feeds/1/../../monitor.toml").status_code in (403, 404)


def test_blogger_pages_answer_conditional_gets(demo: Demo) -> None:
    with client() as http:
        first = http.get(_posts_url(demo))
        again = http.get(_posts_url(demo), headers={"If-None-Match": first.headers["etag"]})
        other = http.get(f"{_posts_url(demo)}?max-results=500")
    assert first.headers["content-type"] == "application/atom+xml; charset=UTF-8"
    assert again.status_code == 304 and first.headers["last-modified"]
    assert other.headers["etag"] != first.headers["etag"]


def test_without_a_stand_in_the_pages_link_the_blogs_own_host(tmp_path: Path) -> None:
    with serve(tmp_path) as server, httpx.Client(trust_env=False) as http:
        generate(tmp_path, server.base_url, scale=0.05)
        pages = list(atom_pages(http, f"{server.base_url}/blogger/{BLOG}/feeds/posts/default"))
    assert len(pages) >= 2 and {host(next_link(p)) for p in pages[:-1]} == {"127.0.0.1"}
