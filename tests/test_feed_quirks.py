"""One behaviour of real-world feeds per fixture (tests/fixtures/feeds/, written for Pulso), collected over HTTP.

The shared corpus of other projects' feeds (`make test-corpus`) shows these behaviours in the wild;
these small files pin each one down in `make test`. Each file's header says what it shows and what to expect.
"""

from __future__ import annotations

from pathlib import Path

from tests.conftest import FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer

FEEDS = FIXTURES / "feeds"


def _collect(server: FeedServer, tmp_path: Path, routes: dict[str, str]) -> Path:
    """Serve each fixture at its path, collect the first one as source "s"; the database path."""
    for path, name in routes.items():
        server.add(path, (FEEDS / name).read_bytes(), content_type="application/xml")
    feed = server.url(next(iter(routes)))
    db = tmp_path / "p.duckdb"
    reports = collect_once(write_config(tmp_path / "m.toml", f'[[sources]]\nname = "s"\nurl = "{feed}"\n'), db)
    assert not reports[0].failed, reports[0].errors
    return db


def test_blogger_export_keeps_posts_and_comments_and_drops_template_and_settings(server: FeedServer, tmp_path):
    db = _collect(server, tmp_path, {"/export.xml": "blogger_export.xml"})
    assert sorted(t for (t,) in query(db, "SELECT title FROM posts")) == ["Helada temprana", "Las primeras habas"]
    comments = query(db, "SELECT p.title, c.author, c.text FROM comments c JOIN posts p USING (post_id)")
    assert comments == [("Las primeras habas", "Tomás", "¿Qué variedad de habas es? Las mías aún no han salido.")]
    authors = [a for (a,) in query(db, "SELECT author FROM posts UNION ALL SELECT author FROM comments")]
    assert authors and not any("@" in (a or "") for a in authors)
    refused = [u for (u,) in query(db, "SELECT url FROM fetches WHERE status = 'refused'")]
    assert any(u.startswith("https://www.blogger.com/") for u in refused), refused
    requested = [u for (u,) in query(db, "SELECT url FROM fetches WHERE status <> 'refused'")]
    assert all(u.startswith(server.base + "/") for u in requested), requested


def test_undeclared_namespace_prefix_still_yields_posts_and_their_comment_feed(server: FeedServer, tmp_path):
    body = (FEEDS / "undeclared_prefix.xml").read_bytes()
    assert b"xmlns:wfw" not in body and b"<wfw:commentRss>" in body
    db = _collect(server, tmp_path, {"/feed": "undeclared_prefix.xml",
                                     "/2026/11/cadena/feed": "undeclared_prefix_comments.xml"})
    assert sorted(query(db, "SELECT title, author FROM posts")) == [
        ("Cambiar la cadena a tiempo", "Pablo"), ("Ruta del domingo", "Pablo")]
    assert query(db, "SELECT p.title, c.author FROM comments c JOIN posts p USING (post_id)") == [
        ("Cambiar la cadena a tiempo", "Lola")]


def test_relative_links_resolve_against_xml_base(server: FeedServer, tmp_path):
    db = _collect(server, tmp_path, {"/feeds/atom.xml": "xml_base.atom",
                                     "/blog/comentarios/horno.atom": "xml_base_comments.atom"})
    assert sorted(u for (u,) in query(db, "SELECT url FROM posts")) == [
        server.url("/blog/2026/11/horno.html"), server.url("/blog/archivo/2026/10/cierre.html")]
    assert query(db, "SELECT p.title, c.author, c.url FROM comments c JOIN posts p USING (post_id)") == [
        ("Horno nuevo", "Julia", server.url("/blog/2026/11/horno.html#comment-1"))]
    assert server.count("/blog/comentarios/horno.atom") == 1
