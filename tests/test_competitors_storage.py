"""Every stored text records the brands it names, and a competitor's own blog stores its owner: a config
change (a new competitor alias, a new competitor, an owner) re-derives `brands` and `is_brand` on the next
collect, equal to what a fresh collect stores — the same matcher both ways."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
POSTS = {"blog": [("compara", "Acme contra Rival", "Probé los dos."), ("nuevo", "Un operador", "Se llama RivalTel.")],
         "rival": [("oferta", "Nuestra oferta", "Tarifas nuevas.")]}
COMMENTS = {("blog", "nuevo"): [("Ana", "Me pasé a rivaltel y a Zeta"), ("Acme Soporte", "¡Te esperamos en Acme!")],
            ("rival", "oferta"): [("Luis", "¿Cuándo llega la fibra?"), ("Rival Atención", "La semana próxima"),
                                  ("Acme Soporte", "En Acme ya la tienes")]}
RIVAL_BEFORE = '[[competitors]]\nname = "Rival"\naliases = ["rival"]\nresponders = ["Rival Atención"]\n'
RIVALS_AFTER = ('[[competitors]]\nname = "Rival"\naliases = ["rival", "rivaltel"]\nresponders = ["Rival Atención"]\n'
                '[[competitors]]\nname = "Zeta"\n')


def feed(base: str, blog: str) -> bytes:
    items = "".join(f"""<item><title>{title}</title><link>{base}/{blog}/{slug}/</link>
<pubDate>{format_datetime(WHEN)}</pubDate><guid isPermaLink="false">{base}/{blog}/?p={slug}</guid>
<description>{text}</description><wfw:commentRss>{base}/{blog}/{slug}/feed/</wfw:commentRss></item>"""
                    for slug, title, text in POSTS[blog])
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>{blog}</title>
<link>{base}/{blog}/</link>{items}</channel></rss>""".encode()


def comment_feed(base: str, blog: str, slug: str) -> bytes:
    items = "".join(f"""<item><title>Por: {author}</title><link>{base}/{blog}/{slug}/#comment-{n}</link>
<dc:creator>{author}</dc:creator><pubDate>{format_datetime(WHEN + timedelta(hours=n))}</pubDate>
<guid isPermaLink="false">{base}/{blog}/?p={slug}#comment-{n}</guid><description>{text}</description></item>"""
                    for n, (author, text) in enumerate(COMMENTS.get((blog, slug), []), start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>c</title>
<link>{base}/{blog}/{slug}/</link>{items}</channel></rss>""".encode()


def serve(server: FeedServer) -> None:
    for blog, posts in POSTS.items():
        server.add(f"/{blog}/feed/", feed(server.base, blog))
        for slug, _, _ in posts:
            server.add(f"/{blog}/{slug}/feed/", comment_feed(server.base, blog, slug))


def sources(base: str, owner: str) -> str:
    return (f'[[sources]]\nname = "blog"\nurl = "{base}/blog/feed/"\n'
            f'[[sources]]\nname = "rival-blog"\nurl = "{base}/rival/feed/"\n{owner}')


def stored(db: Path) -> dict:
    posts = query(db, "SELECT title, brands FROM posts ORDER BY title")
    comments = query(db, "SELECT author, source_id, brands, is_brand, is_mention FROM comments ORDER BY ALL")
    owners = query(db, "SELECT source_id, owner FROM sources ORDER BY source_id")
    return {"posts": posts, "comments": comments, "owners": owners}


def test_a_new_competitor_alias_and_owner_refresh_stored_rows_equal_to_a_fresh_collect(
        server: FeedServer, tmp_path: Path):
    serve(server)
    cfg = tmp_path / "monitor.toml"
    refreshed, fresh = tmp_path / "refreshed.duckdb", tmp_path / "fresh.duckdb"
    write_config(cfg, RIVAL_BEFORE + sources(server.base, ""))
    collect_once(cfg, refreshed)
    before = stored(refreshed)
    assert dict(before["posts"])["Un operador"] == []                  # "RivalTel" is not an alias yet
    assert ("Rival Atención", "rival-blog", [], False, False) in before["comments"]   # no owner yet
    assert ("Ana", "blog", [], False, False) in before["comments"]

    write_config(cfg, RIVALS_AFTER + sources(server.base, 'owner = "rival"\n'))
    collect_once(cfg, refreshed)          # the feeds did not change: only the refresh can set the new values
    collect_once(cfg, fresh)

    assert stored(refreshed) == stored(fresh)
    after = stored(fresh)
    assert after["posts"] == [("Acme contra Rival", ["Acme", "Rival"]), ("Nuestra oferta", []),
                              ("Un operador", ["Rival"])]
    assert after["owners"] == [("blog", None), ("rival-blog", "Rival")]   # the competitor's own spelling
    assert after["comments"] == [
        ("Acme Soporte", "blog", ["Acme"], True, True),
        ("Acme Soporte", "rival-blog", ["Acme"], False, True),       # on the rival's blog Acme's voice is a guest
        ("Ana", "blog", ["Rival", "Zeta"], False, False),
        ("Luis", "rival-blog", [], False, False),
        ("Rival Atención", "rival-blog", [], True, False),           # ... and the rival's responders answer
    ]


def test_a_config_without_competitors_records_only_the_brand(server: FeedServer, tmp_path: Path):
    serve(server)
    db = tmp_path / "pulso.duckdb"
    collect_once(write_config(tmp_path / "monitor.toml", sources(server.base, "")), db)
    brands = query(db, "SELECT list_sort(flatten(list(brands))) FROM (SELECT brands FROM posts "
                       "UNION ALL SELECT brands FROM comments)")[0][0]
    assert brands == ["Acme", "Acme", "Acme"]
