"""Search sources (Google News, Google Alerts, Bing News): every entry is a post at the article's own URL,
one post per article however many search feeds find it, and none for an article a configured blog has."""

from __future__ import annotations

from pathlib import Path

from tests.conftest import collect_once, query
from tests.feedserver import FeedServer
from tests.searchkit import MULTA, RESPONDE, render, search_config, search_source

BLOG = """<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"><channel><title>Diario Ejemplo</title>
<link>{base}/</link><item><title>Acme, multada por su atención al cliente</title><link>{base}{post}</link>
<guid isPermaLink="false">{base}/?p=7</guid><pubDate>Mon, 30 Nov 2026 08:00:00 +0000</pubDate>
<description>La compañía Acme recibe una multa.</description></item></channel></rss>""".replace("{post}", MULTA)


def _serve(server: FeedServer) -> dict[str, str]:
    feeds = {"gnews": ("/rss/search?q=acme", "google_news.xml"), "alerts": ("/alerts/feeds/1/2", "google_alerts.atom"),
             "bing": ("/news/search?q=acme&format=rss", "bing_news.xml")}
    urls = {name: server.add(path, render(fixture, server.base).encode()) for name, (path, fixture) in feeds.items()}
    urls["blog"] = server.add("/feed/", BLOG.replace("{base}", server.base).encode())
    return urls


def _posts(db: Path) -> list[tuple]:
    return query(db, "SELECT url, source_id, title, author, is_mention FROM posts ORDER BY url")


def test_google_news_entries_are_posts_at_the_articles_url_with_the_publisher_as_author(server: FeedServer,
                                                                                      tmp_path: Path) -> None:
    urls = _serve(server)
    db = tmp_path / "p.duckdb"
    report = collect_once(search_config(tmp_path / "m.toml", search_source("noticias", urls["gnews"])), db)[0]
    assert not report.failed and not report.partial and report.posts_new == 3, report.line()
    assert _posts(db) == [
        (server.url(MULTA), "noticias", "Acme, multada por su atención al cliente - El Diario Ejemplo",
         "El Diario Ejemplo", True),
        (server.url(RESPONDE), "noticias", "Acme responde a sus clientes - Radio Ejemplo", "Radio Ejemplo", True),
        (server.url("/tiempo/fin-de-semana.html"), "noticias", "El tiempo mejora el fin de semana - Radio Ejemplo",
         "Radio Ejemplo", False),                  # the one mention rule: no alias, no mention
    ]
    assert query(db, "SELECT count(*) FROM fetches WHERE kind = 'article'") == [(0,)]   # follow_articles is off
    again = collect_once(search_config(tmp_path / "m.toml", search_source("noticias", urls["gnews"])), db)[0]
    assert again.posts_new == again.posts_updated == 0, again.line()


def test_the_same_article_from_three_search_feeds_is_one_post(server: FeedServer, tmp_path: Path) -> None:
    """Google News, Alerts and Bing wrap the article differently, each with its own utm_ parameters; the
    three sources are collected concurrently in one run."""
    urls = _serve(server)
    cfg = search_config(tmp_path / "m.toml", "".join(search_source(n, urls[n]) for n in ("gnews", "alerts", "bing")))
    db = tmp_path / "p.duckdb"
    reports = collect_once(cfg, db)
    assert all(not r.failed and not r.partial for r in reports), [r.line() for r in reports]
    rows = query(db, "SELECT url, count(*) FROM posts GROUP BY url ORDER BY url")
    assert rows == [(server.url(MULTA), 1), (server.url(RESPONDE), 1), (server.url("/tiempo/fin-de-semana.html"), 1)]
    assert sum(r.posts_new for r in reports) == 3
    again = collect_once(cfg, db)
    assert sum(r.posts_new for r in again) == 0 and query(db, "SELECT count(*) FROM posts") == [(3,)]


def test_an_article_that_a_configured_blog_has_is_the_blogs_post_only(server: FeedServer, tmp_path: Path) -> None:
    """Collected in the same run: the blog's row wins (its own guid, its whole thread)."""
    urls = _serve(server)
    cfg = search_config(tmp_path / "m.toml", search_source("alertas", urls["alerts"])
                        + f'[[sources]]\nname = "diario"\nurl = "{urls["blog"]}"\n')
    db = tmp_path / "p.duckdb"
    collect_once(cfg, db)
    assert query(db, "SELECT source_id, url FROM posts") == [("diario", server.url(MULTA))]
    collect_once(cfg, db)
    assert query(db, "SELECT source_id, url FROM posts") == [("diario", server.url(MULTA))]


def test_a_blog_added_later_takes_over_the_search_post_of_its_article(server: FeedServer, tmp_path: Path) -> None:
    urls = _serve(server)
    db = tmp_path / "p.duckdb"
    collect_once(search_config(tmp_path / "m.toml", search_source("alertas", urls["alerts"])), db)
    assert query(db, "SELECT source_id FROM posts") == [("alertas",)]
    cfg = search_config(tmp_path / "m.toml", search_source("alertas", urls["alerts"])
                        + f'[[sources]]\nname = "diario"\nurl = "{urls["blog"]}"\n')
    collect_once(cfg, db)
    assert query(db, "SELECT source_id, url FROM posts") == [("diario", server.url(MULTA))]
