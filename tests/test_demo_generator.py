"""The demo generator writes real-format feeds, deterministically, with the conversations and traps promised.

File-level checks read the tree a fixed base URL was written for; whatever is cut per request (Blogger's
pages, the WordPress API) is read from the demo served on its two loopback hosts (`tests/demokit.py`).
"""

from __future__ import annotations

import json
import re
import statistics
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import datetime, timedelta
from pathlib import Path

import feedparser
import pytest

from collector.config import load_config
from pulso.demo.feeds import ATOM_NS
from pulso.demo.generate import DEFAULT_END, RESPONDERS, generate
from pulso.demo.server import BLOGGER_FEED_HOST, disk_path
from pulso.demo.sources import build_specs
from tests.demokit import SMALL, Demo, atom_pages, client, host, served_demo

BASE = "http://127.0.0.1:8123"
REPLY = re.compile(r'^<p>(En respuesta a|In reply to) <a href="([^"]+)#comment-(\d+)">[^<]+</a>\.</p>')
BRAND_NAMES = {*RESPONDERS, "movilia atencion al cliente"}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo-small")
    generate(out, BASE, scale=SMALL)
    return out


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Demo]:
    with served_demo(tmp_path_factory.mktemp("demo-served")) as demo:
        yield demo


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, float]:
    out = tmp_path_factory.mktemp("demo-full")
    t0 = time.perf_counter()
    summary = generate(out, BASE)
    return out, summary, time.perf_counter() - t0


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _parse(root: Path, url: str) -> feedparser.FeedParserDict:
    return feedparser.parse(disk_path(root, url.removeprefix(BASE)).read_bytes())


NS = {"a": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "wfw": "http://wellformedweb.org/CommentAPI/"}


def _items(path: Path) -> list[dict[str, str]]:
    """Items of one of our (well-formed) RSS files via ElementTree: feedparser is too slow for 30k comments.

    feedparser's view of the same files is checked separately, on the small dataset.
    """
    return [{"id": i.findtext("guid", ""), "published": i.findtext("pubDate", ""), "title": i.findtext("title", ""),
             "link": i.findtext("link", ""), "author": i.findtext("dc:creator", "", NS),
             "content": i.findtext("content:encoded", "", NS) or i.findtext("description", ""),
             "comment_rss": i.findtext("wfw:commentRss", "", NS)} for i in ET.parse(path).getroot().iter("item")]


def _atom(entry: str) -> tuple[str, tuple[str, str, str]]:
    e = ET.fromstring(f"<feed {ATOM_NS}>{entry}</feed>")[0]
    return e.findtext("a:id", "", NS), (e.findtext("a:published", "", NS), e.findtext("a:title", "", NS),
                                        e.findtext("a:content", "", NS))


def _entries_by_feed(root: Path) -> dict[tuple[str, str], tuple[str, ...]]:
    """(feed, entry id) -> its content, over everything a later `end` may only add to: posts feeds, news,
    Blogger's stored feeds and the WordPress API. Comment feeds are left out: they hold the newest ten."""
    out: dict[tuple[str, str], tuple[str, ...]] = {}
    rss = [p for p in root.rglob("index.xml") if re.fullmatch(r"wp/[^/]+/feed", str(p.parent.relative_to(root)))
           and p.read_bytes().startswith(b"<?xml")]
    for p in [*rss, *root.rglob("rss.xml")]:
        rel = str(p.parent.relative_to(root))
        out.update(((rel, e["id"]), (e["published"], e["title"], e["content"])) for e in _items(p))
    for p in root.rglob("blogger.json"):
        rel = str(p.parent.relative_to(root))
        out.update(((rel, k), v) for k, v in map(_atom, json.loads(p.read_text(encoding="utf-8"))["entries"]))
    for p in root.rglob("comments.json"):
        rel = str(p.parent.relative_to(root))
        out.update(((rel, str(c["id"])), (json.dumps(c, sort_keys=True),))
                   for c in json.loads(p.read_text(encoding="utf-8")))
    return out


def _api_threads(root: Path, blog: str) -> dict[int, list[dict]]:
    """post id -> its approved comments, oldest first, from the store the demo's REST API answers from."""
    threads: dict[int, list[dict]] = {}
    for c in json.loads((root / "wp" / blog / "wp-api" / "comments.json").read_text(encoding="utf-8")):
        threads.setdefault(c["post"], []).append(c)
    return threads


def _gmt(c: dict) -> datetime:
    return datetime.fromisoformat(c["date_gmt"])


def test_same_seed_writes_identical_bytes(small: Path, tmp_path: Path) -> None:
    generate(tmp_path, BASE, scale=SMALL)
    assert _files(tmp_path) == _files(small)


def test_another_seed_writes_another_dataset(small: Path, tmp_path: Path) -> None:
    generate(tmp_path, BASE, scale=SMALL, seed=8)
    assert _files(tmp_path) != _files(small)


def test_later_end_keeps_every_earlier_item_byte_identical(tmp_path: Path) -> None:
    early, late = tmp_path / "early", tmp_path / "late"
    generate(early, BASE, scale=SMALL, end=DEFAULT_END - timedelta(days=45))
    generate(late, BASE, scale=SMALL, end=DEFAULT_END + timedelta(days=30))
    before, after = _entries_by_feed(early), _entries_by_feed(late)
    assert {k[0] for k in before if k[0].endswith("wp-api")} and {k[0] for k in before if "feeds" in k[0]}
    missing = [k for k in before if k not in after]
    assert not missing, missing[:5]
    changed = [k for k, v in before.items() if after[k] != v]
    assert not changed, changed[:5]
    assert len(after) > len(before) + 500


def test_end_must_be_timezone_aware(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="timezone"):
        generate(tmp_path, BASE, end=DEFAULT_END.replace(tzinfo=None))


def test_every_feed_file_is_well_formed_except_the_broken_source(small: Path) -> None:
    broken = disk_path(small, "/wp/foro-telecos/feed/")
    for path in small.rglob("*.xml"):
        d = feedparser.parse(path.read_bytes())
        if path == broken:
            assert not d.entries and not d.version, "the broken source must not look like a feed"
        else:
            assert not d.bozo, f"{path}: {d.get('bozo_exception')}"
            assert d.version == "rss20", path


def test_served_blogger_pages_are_well_formed_atom(served: Demo) -> None:
    with client() as http:
        for url in (f"{served.base}/blogger/movilia-comunidad/feeds/posts/default",
                    f"{served.base}/blogger/movilia-comunidad/feeds/comments/default?max-results=500"):
            for page in atom_pages(http, url):
                assert not page.bozo and page.version == "atom10", page.get("bozo_exception")


def test_config_points_every_source_at_the_served_tree(served: Demo) -> None:
    raw = tomllib.loads((served.root / "monitor.toml").read_text(encoding="utf-8"))
    assert raw["brand"]["name"] == "Movilia" and raw["brand"]["responders"] == RESPONDERS
    assert raw["brand"]["timezone"] == "Europe/Madrid" and raw["brand"]["response_sla_hours"] == 24
    assert raw["collect"] == {"allow_private": True, "blogger_feed_host": BLOGGER_FEED_HOST}
    assert {s["name"] for s in raw["sources"] if s["owned"]} >= {"movilia-blog", "movilia-comunidad"}
    with client() as http:
        for source in raw["sources"]:
            assert source["url"].startswith(served.base + "/")
            status = http.get(source["url"]).status_code
            assert status == 200, (source["url"], status)
    blogger = next(s for s in raw["sources"] if s["name"] == "movilia-comunidad")
    assert blogger["comments_url"] == f"{served.base}/blogger/movilia-comunidad/feeds/comments/default"


def test_config_loads_with_the_feed_host_stand_in_and_private_addresses_allowed(served: Demo, small: Path) -> None:
    config = load_config(served.root / "monitor.toml")
    assert config.collect.allow_private and config.collect.blogger_feed_host == BLOGGER_FEED_HOST
    assert config.brand.name == "Movilia" and list(config.brand.responders) == RESPONDERS
    # Written for one server only, Blogger's pages stay on the blogs' host, and the config says so.
    assert load_config(small / "monitor.toml").collect.blogger_feed_host == "127.0.0.1"


def test_wordpress_comment_feeds_hold_the_newest_ten_and_count_them_all(small: Path) -> None:
    d = _parse(small, f"{BASE}/wp/movilia-blog/feed/")
    assert len(d.entries) > 20 and d.feed.generator == "https://wordpress.org/?v=6.1.9"
    threads, long = _api_threads(small, "movilia-blog"), 0
    for e in d.entries:
        assert e.guid.startswith(f"{BASE}/wp/movilia-blog/?p=")
        comments = _parse(small, e.wfw_commentrss)
        assert comments.feed.title == f"Comentarios en: {e.title}"
        assert len(comments.entries) == min(10, int(e.slash_comments))
        api = threads.get(int(e.guid.rsplit("=", 1)[1]), [])
        pingbacks = [c for c in comments.entries if c.content[0].value.startswith("<p>[&#8230;]")]
        assert int(e.slash_comments) >= len(api) + len(pingbacks)
        long += int(e.slash_comments) > 10
        # The feed's other entries are the API's newest comments: the window is the thread's tail.
        k = len(comments.entries) - len(pingbacks)
        assert {c.link for c in comments.entries if c not in pingbacks} == {c["link"] for c in api[len(api) - k:]}
        for c in comments.entries:
            assert c.title.startswith("Por: ")
            assert re.fullmatch(re.escape(e.guid) + r"#comment-\d+", c.id)
            assert c.link.startswith(e.link + "#comment-")
    assert long >= 10


@pytest.mark.parametrize(("blog", "prefix"), [("movilia-blog", "En respuesta a"), ("movilia-en", "In reply to")])
def test_wordpress_replies_name_an_earlier_comment_of_the_same_post(full: tuple, blog: str, prefix: str) -> None:
    root = full[0]
    threads = _api_threads(root, blog)
    replies = 0
    for thread in threads.values():
        by_id = {c["id"]: c for c in thread}
        for c in thread:
            if c["parent"]:
                replies += 1
                parent = by_id[c["parent"]]
                assert parent["post"] == c["post"] and _gmt(parent) <= _gmt(c)
                assert c["link"].split("#")[0] == parent["link"].split("#")[0]
    assert replies > 100
    feed_replies = 0
    for post in _items(disk_path(root, f"/wp/{blog}/feed/")):
        for c in _items(disk_path(root, post["comment_rss"].removeprefix(BASE))):
            m = REPLY.match(c["content"])
            if m:
                feed_replies += 1
                assert m.group(1) == prefix and m.group(2) == post["link"]
                number = int(c["link"].rsplit("-", 1)[1])
                assert next(a for t in threads.values() for a in t if a["id"] == number)["parent"] == int(m.group(3))
    assert feed_replies > 20


def test_blogger_threads_use_replies_related_and_in_reply_to_the_post(served: Demo) -> None:
    related = 0
    with client() as http:
        posts = [e for page in atom_pages(http, f"{served.base}/blogger/movilia-comunidad/feeds/posts/default")
                 for e in page.entries]
        for post in posts:
            feed_link = next(x for x in post.links if x.rel == "replies" and x.type == "application/atom+xml")
            assert host(feed_link.href) == "127.0.0.1", "a post links its comment feed on the blog's host"
            assert any(x.rel == "replies" and x.type == "text/html" for x in post.links)
            comments = [c for page in atom_pages(http, feed_link.href) for c in page.entries]
            assert len(comments) == int(post.thr_total)
            ids = {c.id.rsplit("-", 1)[1] for c in comments}
            for c in comments:
                irt = c["thr_in-reply-to"]
                assert irt["ref"] == post.id and irt["href"] == post.link
                parent = [x.href for x in c.links if x.rel == "related"]
                if parent:
                    related += 1
                    assert host(parent[0]) == BLOGGER_FEED_HOST and parent[0].rsplit("/", 1)[1] in ids
                assert "showComment=" in c.link and c.author_detail.email == "noreply@blogger.com"
    assert related > 20


def test_blogger_feeds_page_by_25_with_opensearch_and_next_on_the_feed_host(served: Demo) -> None:
    with client() as http:
        pages = list(atom_pages(http, f"{served.base}/blogger/movilia-comunidad/feeds/posts/default"))
    total = int(pages[0].feed.opensearch_totalresults)
    assert len(pages) >= 2 and all(len(p.entries) <= 25 for p in pages)
    assert sum(len(p.entries) for p in pages) == total
    assert len({e.id for p in pages for e in p.entries}) == total
    assert pages[1].feed.opensearch_startindex == "26"
    assert pages[0].feed.generator == "Blogger"
    nxt = next(link.href for link in pages[0].feed.links if link.rel == "next")
    assert re.fullmatch(rf"http://{BLOGGER_FEED_HOST}:\d+/feeds/\d+/posts/default\?start-index=26&max-results=25", nxt)


def test_blog_wide_comment_feeds_repeat_per_post_comments(small: Path, served: Demo) -> None:
    wide = _parse(small, f"{BASE}/wp/movilia-blog/comments/feed/")
    assert len(wide.entries) == 10 and wide.entries[0].title.startswith("Comentario en ")
    ids = {e["id"] for p in small.glob("wp/movilia-blog/*/feed/index.xml") for e in _items(p)}
    assert all(e.id in ids for e in wide.entries)
    with client() as http:
        blogger = next(atom_pages(http, f"{served.base}/blogger/movilia-comunidad/feeds/comments/default"))
        per_post = {e.id for p in served.root.glob("blogger/movilia-comunidad/feeds/*/comments/default/blogger.json")
                    for e in feedparser.parse(http.get(f"{served.base}/{p.parent.relative_to(served.root)}"
                                                       "?max-results=500").content).entries}
    assert int(blogger.feed.opensearch_totalresults) > 100
    assert all(e.id in per_post for e in blogger.entries)


def test_hostile_items_are_present(small: Path) -> None:
    text = "\n".join(b.decode() for b in _files(small).values() if b.startswith(b"<?xml"))
    assert '<script>alert("xss")</script>' in text
    assert 'href="javascript:alert(document.cookie)"' in text
    assert "<wfw:commentRss>file:///etc/passwd</wfw:commentRss>" in text
    assert "<wfw:commentRss>http://comments.example.net/feed/</wfw:commentRss>" in text
    assert "<dc:creator><![CDATA[maria@example.com]]></dc:creator>" in text
    api = (small / "wp/movilia-blog/wp-api/comments.json").read_text(encoding="utf-8")
    assert '<script>alert(\\"xss\\")</script>' in api and '"author_name": "maria@example.com"' in api
    blogger = (small / "blogger/movilia-comunidad/feeds/comments/default/blogger.json").read_text(encoding="utf-8")
    assert "&lt;img src=x onerror=alert(1)&gt;" in blogger  # Blogger's escaped HTML content
    posts = _parse(small, f"{BASE}/wp/el-blog-del-consumidor/feed/").entries
    assert any("published_parsed" not in e or e.published_parsed is None for e in posts)
    comment_files = (small / "wp/el-blog-del-consumidor").glob("*/feed/index.xml")
    undated = [c for f in comment_files for c in feedparser.parse(f.read_bytes()).entries if not c.published_parsed]
    assert len(undated) == 1
    assert b"Error establishing a database connection" in disk_path(small, "/wp/foro-telecos/feed/").read_bytes()


def test_brand_replies_come_minutes_to_days_later_and_some_never(full: tuple) -> None:
    delays, customers, answered, unthreaded = [], 0, 0, 0
    for thread in _api_threads(full[0], "movilia-blog").values():
        by_id = {c["id"]: c for c in thread}
        parents_answered = set()
        for c in thread:
            if c["author_name"] in BRAND_NAMES and c["parent"]:
                parents_answered.add(c["parent"])
                delays.append((_gmt(c) - _gmt(by_id[c["parent"]])).total_seconds() / 3600)
            elif c["author_name"] in BRAND_NAMES:
                unthreaded += 1
            else:
                customers += 1
        answered += len(parents_answered)
    assert min(delays) < 0.25 and max(delays) > 72
    assert 0.5 < statistics.median(delays) < 12
    assert unthreaded >= 3
    assert 0.1 < 1 - answered / customers < 0.4


def test_brand_staff_reply_logged_in_on_the_brands_own_wordpress_blog(full: tuple) -> None:
    root = full[0]
    own = [c for t in _api_threads(root, "movilia-blog").values() for c in t if c["author_name"] in BRAND_NAMES]
    assert {c["author"] for c in own if c["author_name"] in RESPONDERS} == {2, 3, 4}
    assert {c["author"] for c in own if c["author_name"] not in RESPONDERS} == {0}  # typed by hand, not logged in
    third = [c for t in _api_threads(root, "tecnoahorro").values() for c in t]
    assert any(c["author_name"] in BRAND_NAMES for c in third) and all(c["author"] == 0 for c in third)


def test_full_scale_counts_and_speed(full: tuple) -> None:
    _, summary, seconds = full
    assert summary.sources >= 10 + 1
    assert 200 <= summary.posts <= 1000
    assert 20_000 <= summary.comments <= 40_000
    assert 0.6 <= summary.comments_es / summary.comments <= 0.8
    assert 0.15 * summary.comments < summary.brand_replies < 0.5 * summary.comments
    assert summary.hostile == 9
    assert 50 <= summary.pingbacks <= 200 and summary.long_threads >= 200
    assert seconds < 15


def test_scale_multiplies_sources() -> None:
    assert len(build_specs(8.0)) >= 200
    assert len(build_specs(1.0)) >= 11
    kinds = {s.kind for s in build_specs(0.01)}
    assert kinds == {"wp", "blogger", "news", "broken"}
    assert {s.api for s in build_specs(0.01) if s.kind == "wp"} == {"on", "forbidden", "unrouted"}
