"""One definition of "mention" and "brand reply": flags re-derived after an alias or responder change
equal the flags a fresh collect computes, for fullwidth letters, "ß" and names spelled differently."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from tests.conftest import collect_once, query
from tests.feedserver import FeedServer

WHEN = datetime.now(UTC).replace(microsecond=0) - timedelta(days=2)
BRAND_BEFORE = '[brand]\nname = "Acme"\naliases = ["zeta"]\nresponders = ["Nadie"]\n'
BRAND_AFTER = ('[brand]\nname = "Acme"\naliases = ["acme", "straße"]\n'
               'responders = ["Jurgen Gross", "Acme Soporte"]\n')
POSTS = [("fullwidth", "ａｃｍｅ rocks", "Una reseña."), ("sharp-s", "Paseo", "Die Straße ist lang."),
         ("plain", "Nada", "Texto sin marca.")]
COMMENTS = [("Jürgen Groß", "ＡＣＭＥ me respondió"), ("Persona", "vivo en la STRASSE"),
            ("ÁCME SOPORTE", "Gracias"), ("Otra", "nada que ver")]


def comments(base: str, slug: str) -> str:
    """Only the post without a mention has comments: their flags come from their own text and author."""
    return f"<wfw:commentRss>{base}/{slug}/feed/</wfw:commentRss>" if slug == "plain" else ""


def posts_feed(base: str) -> bytes:
    items = "".join(f"""<item><title>{title}</title><link>{base}/{slug}/</link>
<pubDate>{format_datetime(WHEN)}</pubDate><guid isPermaLink="false">{base}/?p={slug}</guid>
<description>{text}</description>{comments(base, slug)}</item>"""
                    for slug, title, text in POSTS)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Blog</title>
<link>{base}/</link>{items}</channel></rss>""".encode()


def comments_feed(base: str, slug: str) -> bytes:
    items = "".join(f"""<item><title>Por: {author}</title><link>{base}/{slug}/#comment-{n}</link>
<dc:creator>{author}</dc:creator><pubDate>{format_datetime(WHEN + timedelta(hours=n))}</pubDate>
<guid isPermaLink="false">{base}/?p={slug}#comment-{n}</guid><description>{text}</description></item>"""
                    for n, (author, text) in enumerate(COMMENTS, start=1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comentarios</title>
<link>{base}/{slug}/</link>{items}</channel></rss>""".encode()


def flags(db: Path) -> tuple[list[tuple], list[tuple]]:
    posts = query(db, "SELECT title, is_mention FROM posts ORDER BY title")
    comments = query(db, "SELECT p.title, c.author, c.is_mention, c.is_brand FROM comments c "
                         "JOIN posts p USING (post_id) ORDER BY p.title, c.author")
    return posts, comments


def test_flags_refreshed_after_an_alias_change_equal_a_fresh_collect(server: FeedServer, tmp_path: Path):
    server.add("/feed/", posts_feed(server.base))
    server.add("/plain/feed/", comments_feed(server.base, "plain"))
    sources = f'[[sources]]\nname = "blog"\nurl = "{server.base}/feed/"\n'
    cfg = tmp_path / "monitor.toml"
    refreshed, fresh = tmp_path / "refreshed.duckdb", tmp_path / "fresh.duckdb"

    cfg.write_text(BRAND_BEFORE + sources, encoding="utf-8")
    collect_once(cfg, refreshed)
    assert not any(m for _, m in flags(refreshed)[0])
    cfg.write_text(BRAND_AFTER + sources, encoding="utf-8")
    collect_once(cfg, refreshed)           # nothing in the feeds changed: only the refresh sets the flags
    collect_once(cfg, fresh)

    assert flags(refreshed) == flags(fresh)
    posts, comments = flags(fresh)
    assert dict(posts) == {"ａｃｍｅ rocks": True, "Paseo": True, "Nada": False}
    assert {author: (mention, brand) for _, author, mention, brand in comments} == {
        "Jürgen Groß": (True, True), "Persona": (True, False), "ÁCME SOPORTE": (False, True), "Otra": (False, False)}
