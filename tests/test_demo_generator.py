"""The demo generator writes real-format feeds, deterministically, with the conversations and traps promised."""

from __future__ import annotations

import re
import statistics
import time
import tomllib
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from datetime import timedelta
from email.utils import parsedate_to_datetime
from pathlib import Path

import feedparser
import pytest

from collector.config import load_config
from pulso.demo.generate import DEFAULT_END, RESPONDERS, generate
from pulso.demo.server import disk_path
from pulso.demo.sources import build_specs

BASE = "http://127.0.0.1:8123"
SMALL = 0.1  # one source per group: the same formats and hostile items, a fraction of the comments
REPLY = re.compile(r'^<p>(En respuesta a|In reply to) <a href="([^"]+)#comment-(\d+)">[^<]+</a>\.</p>')


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("demo-small")
    generate(out, BASE, scale=SMALL)
    return out


@pytest.fixture(scope="module")
def full(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object, float]:
    out = tmp_path_factory.mktemp("demo-full")
    t0 = time.perf_counter()
    summary = generate(out, BASE)
    return out, summary, time.perf_counter() - t0


def _files(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def _parse(root: Path, url: str, query: str = "") -> feedparser.FeedParserDict:
    path = url.removeprefix(BASE).split("?")[0]
    return feedparser.parse(disk_path(root, path, query).read_bytes())


def _pages(root: Path, url: str) -> Iterator[feedparser.FeedParserDict]:
    """Follow rel=next through the files, as a collector follows it over HTTP."""
    query = ""
    while True:
        d = _parse(root, url, query)
        yield d
        nxt = next((link.href for link in d.feed.get("links", []) if link.rel == "next"), None)
        if not nxt:
            return
        query = nxt.split("?", 1)[1]


NS = {"a": "http://www.w3.org/2005/Atom", "content": "http://purl.org/rss/1.0/modules/content/",
      "dc": "http://purl.org/dc/elements/1.1/", "wfw": "http://wellformedweb.org/CommentAPI/"}


def _items(path: Path) -> list[dict[str, str]]:
    """Items of one of our (well-formed) files via ElementTree: feedparser is too slow for 30k comments.

    feedparser's view of the same files is checked separately, on the small dataset.
    """
    root = ET.parse(path).getroot()
    if root.tag == "rss":
        return [{"id": i.findtext("guid", ""), "published": i.findtext("pubDate", ""), "title": i.findtext("title", ""),
                 "link": i.findtext("link", ""), "author": i.findtext("dc:creator", "", NS),
                 "content": i.findtext("content:encoded", "", NS) or i.findtext("description", ""),
                 "comment_rss": i.findtext("wfw:commentRss", "", NS)} for i in root.iter("item")]
    return [{"id": e.findtext("a:id", "", NS), "published": e.findtext("a:published", "", NS),
             "title": e.findtext("a:title", "", NS), "content": e.findtext("a:content", "", NS),
             "author": e.findtext("a:author/a:name", "", NS)} for e in root.iter(f"{{{NS['a']}}}entry")]


def _entries_by_feed(root: Path) -> dict[tuple[str, str], tuple[str, str, str]]:
    """(feed directory, entry id) -> (published, title, content) over every well-formed feed file."""
    out = {}
    for p in root.rglob("*.xml"):
        if p.read_bytes().startswith(b"<?xml"):
            for e in _items(p):
                out[(str(p.parent.relative_to(root)), e["id"])] = (e["published"], e["title"], e["content"])
    return out


def _wp_threads(root: Path, blog: str) -> Iterator[tuple[dict[str, str], list[dict[str, str]]]]:
    for post in _items(disk_path(root, f"/wp/{blog}/feed/")):
        yield post, _items(disk_path(root, post["comment_rss"].removeprefix(BASE)))


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
    # The WordPress blog-wide feed is "the latest 50": it moves on by design.
    before = {k: v for k, v in before.items() if not k[0].endswith("comments/feed")}
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
            assert d.version in ("rss20", "atom10"), path


def test_config_points_every_source_at_the_served_tree(small: Path) -> None:
    config = load_config(small / "monitor.toml")
    raw = tomllib.loads((small / "monitor.toml").read_text(encoding="utf-8"))
    assert config.brand.name == "Movilia" and list(config.brand.responders) == RESPONDERS
    assert raw["brand"]["timezone"] == "Europe/Madrid" and raw["brand"]["response_sla_hours"] == 24
    owned = [s for s in config.sources if s.owned]
    assert {s.name for s in owned} >= {"movilia-blog", "movilia-comunidad"}
    for source in config.sources:
        assert source.url.startswith(BASE + "/")
        assert disk_path(small, source.url.removeprefix(BASE)).is_file(), source.url
    blogger = next(s for s in config.sources if s.name == "movilia-comunidad")
    assert blogger.comments_url == f"{BASE}/blogger/movilia-comunidad/feeds/comments/default"


def test_wordpress_posts_link_their_comment_feeds_with_matching_counts(small: Path) -> None:
    d = _parse(small, f"{BASE}/wp/movilia-blog/feed/")
    assert len(d.entries) > 20
    for e in d.entries:
        assert e.guid.startswith(f"{BASE}/wp/movilia-blog/?p=")
        comments = _parse(small, e.wfw_commentrss)
        assert comments.feed.title == f"Comentarios en: {e.title}"
        assert len(comments.entries) == int(e.slash_comments)
        for c in comments.entries:
            assert c.title.startswith("Por: ")
            assert re.fullmatch(re.escape(e.guid) + r"#comment-\d+", c.id)
            assert c.link.startswith(e.link + "#comment-")


@pytest.mark.parametrize(("blog", "prefix"), [("movilia-blog", "En respuesta a"), ("movilia-en", "In reply to")])
def test_wordpress_replies_name_an_earlier_comment_of_the_same_post(full: tuple, blog: str, prefix: str) -> None:
    replies = 0
    for post, comments in _wp_threads(full[0], blog):
        when = {c["link"].rsplit("-", 1)[1]: parsedate_to_datetime(c["published"]) for c in comments}
        for c in comments:
            m = REPLY.match(c["content"])
            if m:
                replies += 1
                assert m.group(1) == prefix and m.group(2) == post["link"]
                assert when[m.group(3)] <= when[c["link"].rsplit("-", 1)[1]]
    assert replies > 100


def test_blogger_threads_use_replies_related_and_in_reply_to_the_post(small: Path) -> None:
    posts = [e for page in _pages(small, f"{BASE}/blogger/movilia-comunidad/feeds/posts/default") for e in page.entries]
    related = 0
    for post in posts:
        feed_link = next(x for x in post.links if x.rel == "replies" and x.type == "application/atom+xml")
        assert any(x.rel == "replies" and x.type == "text/html" for x in post.links)
        comments = [c for page in _pages(small, feed_link.href) for c in page.entries]
        assert len(comments) == int(post.thr_total)
        ids = {c.id.rsplit("-", 1)[1] for c in comments}
        for c in comments:
            irt = c["thr_in-reply-to"]
            assert irt["ref"] == post.id and irt["href"] == post.link
            parent = [x.href for x in c.links if x.rel == "related"]
            if parent:
                related += 1
                assert parent[0].rsplit("/", 1)[1] in ids
            assert "showComment=" in c.link and c.author_detail.email == "noreply@blogger.com"
    assert related > 20


def test_blogger_feeds_page_by_25_with_opensearch_and_next(small: Path) -> None:
    pages = list(_pages(small, f"{BASE}/blogger/movilia-comunidad/feeds/posts/default"))
    total = int(pages[0].feed.opensearch_totalresults)
    assert len(pages) >= 2 and all(len(p.entries) <= 25 for p in pages)
    assert sum(len(p.entries) for p in pages) == total
    assert len({e.id for p in pages for e in p.entries}) == total
    assert pages[1].feed.opensearch_startindex == "26"
    assert (small / "blogger/movilia-comunidad/feeds/posts/default/index@max-results=25&start-index=26.xml").is_file()


def test_blog_wide_comment_feeds_repeat_per_post_comments(small: Path) -> None:
    wide = _parse(small, f"{BASE}/wp/movilia-blog/comments/feed/")
    assert len(wide.entries) == 50 and wide.entries[0].title.startswith("Comentario en ")
    ids = {k[1] for k in _entries_by_feed(small) if not k[0].endswith("comments/feed")}
    assert all(e.id in ids for e in wide.entries)
    blogger = next(_pages(small, f"{BASE}/blogger/movilia-comunidad/feeds/comments/default"))
    assert int(blogger.feed.opensearch_totalresults) > 100
    assert all(e.id in ids for e in blogger.entries)


def test_hostile_items_are_present(small: Path) -> None:
    text = "\n".join(b.decode() for b in _files(small).values() if b.startswith(b"<?xml"))
    assert '<script>alert("xss")</script>' in text
    assert "&lt;img src=x onerror=alert(1)&gt;" in text  # Blogger's escaped HTML content
    assert 'href="javascript:alert(document.cookie)"' in text
    assert "<wfw:commentRss>file:///etc/passwd</wfw:commentRss>" in text
    assert "<wfw:commentRss>http://comments.example.net/feed/</wfw:commentRss>" in text
    assert "<dc:creator><![CDATA[maria@example.com]]></dc:creator>" in text
    posts = _parse(small, f"{BASE}/wp/el-blog-del-consumidor/feed/").entries
    assert any("published_parsed" not in e or e.published_parsed is None for e in posts)
    comment_files = (small / "wp/el-blog-del-consumidor").glob("*/feed/index.xml")
    undated = [c for f in comment_files for c in feedparser.parse(f.read_bytes()).entries if not c.published_parsed]
    assert len(undated) == 1
    assert b"Error establishing a database connection" in disk_path(small, "/wp/foro-telecos/feed/").read_bytes()


def test_brand_replies_come_minutes_to_days_later_and_some_never(full: tuple) -> None:
    delays, customers, answered, unthreaded = [], 0, 0, 0
    brand_names = {*RESPONDERS, "movilia atencion al cliente"}
    for _, comments in _wp_threads(full[0], "movilia-blog"):
        by_num = {c["link"].rsplit("-", 1)[1]: c for c in comments}
        parents_answered = set()
        for c in comments:
            m = REPLY.match(c["content"])
            if c["author"] in brand_names and m:
                parents_answered.add(m.group(3))
                delay = parsedate_to_datetime(c["published"]) - parsedate_to_datetime(by_num[m.group(3)]["published"])
                delays.append(delay.total_seconds() / 3600)
            elif c["author"] in brand_names:
                unthreaded += 1
            else:
                customers += 1
        answered += len(parents_answered)
    assert min(delays) < 0.25 and max(delays) > 72
    assert 0.5 < statistics.median(delays) < 12
    assert unthreaded >= 3
    assert 0.1 < 1 - answered / customers < 0.4


def test_full_scale_counts_and_speed(full: tuple) -> None:
    _, summary, seconds = full
    assert summary.sources >= 10 + 1
    assert 200 <= summary.posts <= 1000
    assert 20_000 <= summary.comments <= 40_000
    assert 0.6 <= summary.comments_es / summary.comments <= 0.8
    assert 0.15 * summary.comments < summary.brand_replies < 0.5 * summary.comments
    assert summary.hostile == 9
    assert seconds < 15


def test_scale_multiplies_sources() -> None:
    assert len(build_specs(8.0)) >= 200
    assert len(build_specs(1.0)) >= 11
    kinds = {s.kind for s in build_specs(0.01)}
    assert kinds == {"wp", "blogger", "news", "broken"}
