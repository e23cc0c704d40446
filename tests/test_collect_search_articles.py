"""follow_articles: a search source opens each new article page, through the outbound guard, to read its comment
thread. Hostile entries (private addresses, a name resolving to loopback, a redirect to a private host) are
refused with the reason and no server sees them; at most article_fetch_limit pages are opened per run.

Every server is on loopback: 127.0.0.2 stands in for a public host through the guard's address check
(tests.searchkit.as_public), 127.0.0.1 and ::1 stay private.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.platforms.discover import discover_feed
from collector.search_sources import thread_feed
from tests.conftest import collect_once, query
from tests.feedserver import FeedServer, Step
from tests.searchkit import MULTA, RESPONDE, as_public, bing_feed, render, search_config, search_source

HTML = {"content_type": "text/html; charset=utf-8"}


@pytest.fixture
def public() -> Iterator[FeedServer]:
    srv = FeedServer(host="127.0.0.2")
    yield srv
    srv.close()


@pytest.fixture
def v6() -> Iterator[FeedServer]:
    srv = FeedServer(host="::1")
    yield srv
    srv.close()


def _serve_articles(site: FeedServer) -> None:
    """Two WordPress articles on `site`, each with a three-comment thread (comment ids 1-3 on both)."""
    multa, responde = site.url(MULTA), site.url(RESPONDE)
    site.add(MULTA, render("article_wordpress.html", site.base, multa).encode(), **HTML)
    site.add(RESPONDE, render("article_wordpress_no_links.html", site.base, responde).encode(), **HTML)
    for post in (MULTA, RESPONDE):
        site.add(post + "feed/", render("article_comments.xml", site.base, site.url(post)).encode())
    site.add("/comments/feed/", render("article_comments.xml", site.base, site.url("/otro/")).encode())


def test_hostile_article_links_are_refused_and_no_server_sees_them(server: FeedServer, public: FeedServer,
                                                                   v6: FeedServer, tmp_path: Path) -> None:
    secret = server.add("/secret/", b"<html>secret</html>", **HTML)
    moved = public.add("/moved/", Step(status=302, headers={"Location": server.url("/target/")}))
    links = {
        secret: "a loopback address",
        "http://10.0.0.1/admin/": "a private address",
        "http://169.254.169.254/latest/meta-data/": "a link-local address",
        v6.add("/secret/", b"<html>secret</html>", **HTML): "a loopback address",
        server.url("/by-name/").replace("127.0.0.1", "localhost"): "localhost resolves to",
        moved: f"redirect to {server.url('/target/')} refused",
    }
    feed = server.add("/news/search?q=acme&format=rss", bing_feed(list(links)).encode())
    cfg = search_config(tmp_path / "m.toml", search_source("bing", feed, follow=True))
    db = tmp_path / "p.duckdb"
    report = collect_once(cfg, db, address_check=as_public)[0]

    assert [path for path, _, _ in server.hits] == ["/news/search?q=acme&format=rss"]   # the feed only
    assert v6.hits == [] and public.count("/moved/") == 1                              # the allowed hop only
    logged = dict(query(db, "SELECT url, error FROM fetches WHERE kind = 'article' AND status = 'refused'"))
    assert set(logged) == set(links)
    for url, reason in links.items():
        assert reason in logged[url], (url, logged[url])
    assert report.partial and report.refused == len(links), report.line()
    assert "6 URL(s) refused" in report.line()
    assert query(db, "SELECT count(*) FROM posts") == [(6,)]          # the mentions are stored all the same
    assert query(db, "SELECT count(*) FROM comments") == [(0,)]


def test_a_public_articles_comment_thread_is_read_through_the_guard(server: FeedServer, public: FeedServer,
                                                                   tmp_path: Path) -> None:
    """The search feed is on 127.0.0.1 (the config's own URL), the articles on the "public" 127.0.0.2.
    One article declares its comment feed, one is a WordPress page that declares none (<post>/feed/), one
    is gone; the site-wide comments feed is never read as an article's thread."""
    _serve_articles(public)
    feed = server.add("/rss/search?q=acme", render("google_news.xml", public.base).encode())
    cfg = search_config(tmp_path / "m.toml", search_source("noticias", feed, follow=True))
    db = tmp_path / "p.duckdb"
    report = collect_once(cfg, db, address_check=as_public)[0]

    assert not report.failed and not report.partial, report.line()
    assert "3 article page(s) asked for, 2 with a comment feed" in report.notes, report.notes
    assert any(n.startswith("1 article page(s) not read") and "HTTP 404" in n for n in report.notes), report.notes
    assert public.count("/comments/feed/") == 0
    assert query(db, "SELECT url, status FROM fetches WHERE kind = 'article' ORDER BY url") == [
        (public.url(MULTA), "ok"), (public.url(RESPONDE), "ok"), (public.url("/tiempo/fin-de-semana.html"), "error")]
    rows = query(db, """SELECT p.url, c.author, parent.author, c.is_brand FROM comments c JOIN posts p USING (post_id)
                        LEFT JOIN comments parent ON parent.comment_id = c.parent_id ORDER BY p.url, c.published_at""")
    thread = [("Marta", None, False), ("Acme Soporte", "Marta", True), ("Luis", None, False)]
    assert rows == [(public.url(MULTA), *c) for c in thread] + [(public.url(RESPONDE), *c) for c in thread]
    assert query(db, "SELECT url FROM feed_state ORDER BY url") == [   # an article page is opened once: no validators
        (feed,), (public.url(MULTA + "feed/"),), (public.url(RESPONDE + "feed/"),)]

    again = collect_once(cfg, db, address_check=as_public)[0]
    assert public.count(MULTA) == public.count(RESPONDE) == 1            # a stored article is not opened again
    assert public.count(MULTA + "feed/") == 2 and again.comments_new == again.comments_updated == 0, again.line()
    assert query(db, "SELECT count(*) FROM comments") == [(6,)]


def test_with_allow_private_a_loopback_articles_thread_is_read(server: FeedServer, tmp_path: Path) -> None:
    _serve_articles(server)
    feed = server.add("/rss/search?q=acme", render("google_news.xml", server.base).encode())
    cfg = search_config(tmp_path / "m.toml", search_source("noticias", feed, follow=True), allow_private=True)
    db = tmp_path / "p.duckdb"
    collect_once(cfg, db)
    assert query(db, "SELECT count(*) FROM comments") == [(6,)]
    assert query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(3,)]


def test_article_fetch_limit_leaves_the_rest_for_the_next_run(server: FeedServer, tmp_path: Path) -> None:
    _serve_articles(server)
    feed = server.add("/rss/search?q=acme", render("google_news.xml", server.base).encode())
    cfg = search_config(tmp_path / "m.toml", search_source("noticias", feed, follow=True), allow_private=True,
                        limit=2)
    db = tmp_path / "p.duckdb"
    first = collect_once(cfg, db)[0]
    assert first.posts_new == 2 and "1 new article(s) wait for the next run (article_fetch_limit = 2 reached)" \
        in first.notes, first.line()
    assert query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(2,)]
    second = collect_once(cfg, db)[0]                    # the feed is unchanged: asked for whole all the same
    assert second.posts_new == 1 and not any("wait" in n for n in second.notes), second.line()
    assert query(db, "SELECT count(*) FROM posts") == [(3,)]
    assert query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(3,)]
    third = collect_once(cfg, db)[0]
    assert third.posts_new == 0 and query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(3,)]


def test_an_articles_comment_feed_is_its_own_on_its_own_host() -> None:
    """Never the site-wide comments feed, nor a feed on another host; WordPress's convention otherwise."""
    page = "https://diario.example/2026/11/30/acme-multa/"
    links = ('<link rel="alternate" type="application/rss+xml" title="D &raquo; Feed de los comentarios" '
             'href="/comments/feed/"><link rel="alternate" type="application/rss+xml" '
             'title="D &raquo; Acme Comments Feed" href="https://feeds.elsewhere.example/acme/feed/">')
    found = discover_feed(f"<html><head>{links}</head></html>", page)
    assert thread_feed(found, page) is None
    wordpress = discover_feed(f'<html><head>{links}<meta name="generator" content="WordPress 6.1.9"></head></html>',
                              page)
    assert thread_feed(wordpress, page) == page + "feed/"
    plain = discover_feed('<html><head><meta name="generator" content="WordPress 6.1"></head></html>',
                          "https://diario.example/?p=7")
    assert thread_feed(plain, "https://diario.example/?p=7") == "https://diario.example/?feed=rss2&p=7"
    own = discover_feed('<html><head><link rel="alternate" type="application/rss+xml" title="D &raquo; Acme '
                        'Comments Feed" href="feed/"></head></html>', page)
    assert thread_feed(own, page) == page + "feed/"


def test_links_that_lead_to_no_article_are_stored_but_never_opened(server: FeedServer, tmp_path: Path) -> None:
    """A wrapper around a file: or ftp: URL is not unwrapped, and a Google News id too new to decode stays on
    news.google.com: the search engine's own pages hold no comment feed, so no request is spent on them."""
    opaque = "https://news.google.com/rss/articles/AU_yqLOpaqueValue?oc=5"
    feed = server.add("/news/search?q=acme&format=rss",
                      bing_feed(["file:///etc/passwd", "ftp://example.com/acme", opaque]).encode())
    db = tmp_path / "p.duckdb"
    report = collect_once(search_config(tmp_path / "m.toml", search_source("bing", feed, follow=True)), db,
                          address_check=as_public)[0]
    assert not report.partial and report.requests == 1, report.line()
    assert query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(0,)]
    assert query(db, "SELECT count(*) FROM posts WHERE url LIKE 'http%://www.bing.com/%'") == [(2,)]
