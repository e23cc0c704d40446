"""WordPress and Blogger threads over real HTTP: parents, dedupe, paging, and the responses view."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import FIXTURES, collect_once, query, write_config
from tests.feedserver import FeedServer

T = FIXTURES / "threads"


HOSTILE_LINKS = ("<wfw:commentRss>file:///etc/passwd</wfw:commentRss>",
                 "<wfw:commentRss>http://comments.example.net/feed/</wfw:commentRss>")


def serve_threads(server: FeedServer, *, hostile: bool = True) -> None:
    """The hand-worked threads. `hostile=False` leaves out the two posts' comment feeds that the host rule
    refuses (a local file, another host), for tests of something else: a refusal makes a source partial."""
    for path, name, ctype in [
        ("/wp/feed/", "wp_posts.xml", "application/rss+xml"),
        ("/wp/cambios-atencion/feed/", "wp_comments_11.xml", "application/rss+xml"),
        ("/wp/comments/feed/", "wp_comments_all.xml", "application/rss+xml"),
        ("/blogger/feeds/posts/default", "blogger_posts_1.xml", "application/atom+xml"),
        ("/blogger/feeds/posts/default?start-index=2&max-results=1", "blogger_posts_2.xml", "application/atom+xml"),
        # Blogger is recognised from the posts feed's generator, and its comment feeds asked for in large pages
        ("/blogger/feeds/1001/comments/default?max-results=500", "blogger_comments_1001.xml", "application/atom+xml"),
        ("/blogger/feeds/1002/comments/default?max-results=500", "blogger_comments_1002.xml", "application/atom+xml"),
        ("/blogger/feeds/comments/default", "blogger_comments_all.xml", "application/atom+xml"),
    ]:
        text = (T / name).read_text(encoding="utf-8")
        for link in () if hostile else HOSTILE_LINKS:
            assert link in text or name != "wp_posts.xml", link
            text = text.replace(link, "")
        server.add_text(path, text, content_type=ctype)


@pytest.fixture
def collected(server: FeedServer, tmp_path: Path) -> tuple[Path, FeedServer, list]:
    serve_threads(server)
    cfg = write_config(tmp_path / "monitor.toml", f"""
[[sources]]
name = "acme-blog"
url = "{server.url('/wp/feed/')}"
owned = true
comments_url = "{server.url('/wp/comments/feed/')}"

[[sources]]
name = "opiniones"
url = "{server.url('/blogger/feeds/posts/default')}"
comments_url = "{server.url('/blogger/feeds/comments/default')}"
""")
    db = tmp_path / "pulso.duckdb"
    reports = collect_once(cfg, db)
    return db, server, reports


def comment_by_author_text(db: Path) -> dict[str, tuple]:
    rows = query(db, """
        SELECT split_part(c.url, '#', 2), c.author, c.is_brand, p.comment_id IS NOT NULL, r.eligible, r.answered,
               r.response_hours, r.overdue, c.parent_id, r.needs_reply, c.text
        FROM comments c JOIN responses r USING (comment_id) LEFT JOIN comments p ON p.comment_id = c.parent_id""")
    return {r[0]: r[1:] for r in rows}


def test_wordpress_threaded_and_unthreaded_brand_replies_answer_the_right_comments(collected):
    db, _, _ = collected
    rows = {k: v for k, v in comment_by_author_text(db).items() if k.startswith("comment-")}
    assert set(rows) == {f"comment-{n}" for n in range(101, 108)}
    # (author, is_brand, parent stored, eligible, answered, hours, overdue)
    assert rows["comment-101"][:7] == ("Ana", False, False, True, True, 2.5, False)
    assert rows["comment-102"][:4] == ("Acme Soporte", True, True, False)
    assert rows["comment-103"][3:7] == (True, True, 3.0, False)
    assert rows["comment-104"][0] is None            # an e-mail address is never stored as a name
    assert rows["comment-104"][3:7] == (True, True, 2.0, False)
    assert rows["comment-105"][1] is True            # "ACME soporte": responders match case-insensitively
    assert rows["comment-106"][3:7] == (True, False, None, True)
    # a thanks under the brand's reply closes the case: unanswered, yet needs no reply, so never overdue
    assert rows["comment-107"][2:7] == (True, True, False, None, False)
    assert rows["comment-107"][8] is False


def test_wordpress_reply_prefix_is_removed_and_text_is_plain(collected):
    db, _, _ = collected
    rows = comment_by_author_text(db)
    assert rows["comment-102"][-1] == "Hola Ana, te escribimos por privado."
    assert rows["comment-104"][-1] == "Otra pregunta sobre facturas & cargos."
    assert rows["comment-107"][-1].startswith("Muchas gracias")
    post_text = query(db, "SELECT text FROM posts WHERE title = 'Cambios en la atención al cliente'")[0][0]
    assert post_text == "Hemos cambiado el horario de atención & soporte.\n\nSegundo párrafo."


def test_blogger_related_link_is_the_parent_and_in_reply_to_the_post(collected):
    db, _, _ = collected
    rows = {k: v for k, v in comment_by_author_text(db).items() if k.startswith("c")}
    assert rows["c2001"][2:7] == (False, True, True, 6.0, False)     # top level, answered by 2002 in 6 h
    assert rows["c2002"][1:3] == (True, True)
    assert rows["c2003"][2:6] == (True, True, False, None)           # reply to the brand, still waiting
    assert rows["c2003"][6] == rows["c2003"][8]                      # overdue when it needs a reply
    assert rows["c2004"][1:3] == (True, True)
    assert rows["c2005"][3:6] == (True, False, None)                 # a "reply" dated before it answers nothing
    assert rows["c2005"][6] == rows["c2005"][8]
    assert rows["c2006"][3] is False                                 # post is not a mention, source not owned


def test_same_comment_from_two_feeds_is_stored_once(collected):
    db, _, _ = collected
    assert query(db, "SELECT count(*) FROM comments WHERE url LIKE '%#comment-106'")[0][0] == 1
    assert query(db, "SELECT count(*) FROM comments WHERE url LIKE '%#c2001'")[0][0] == 1
    assert query(db, "SELECT count(*) FROM comments")[0][0] == 13


def test_blogger_paging_reaches_the_second_page(collected):
    db, server, _ = collected
    titles = {r[0] for r in query(db, "SELECT title FROM posts WHERE source_id = 'opiniones'")}
    assert titles == {"Mi experiencia con ACME", "Recetas de otoño"}
    assert server.count("/blogger/feeds/posts/default?start-index=2&max-results=1") == 1


def test_mentions_are_marked_not_filtered(collected):
    db, _, _ = collected
    rows = dict(query(db, "SELECT title, is_mention FROM posts WHERE source_id = 'opiniones'"))
    assert rows == {"Mi experiencia con ACME": True, "Recetas de otoño": False}


def test_file_and_off_host_comment_feeds_are_refused_and_logged_never_fetched(collected):
    db, server, reports = collected
    refused = dict(query(db, "SELECT url, error FROM fetches WHERE status = 'refused'"))
    file_url = next(u for u in refused if u.startswith("file:"))   # feedparser spells it file://etc/passwd
    assert set(refused) == {file_url, "http://comments.example.net/feed/"}
    assert "not an http(s) URL" in refused[file_url]
    assert "follow_hosts" in refused["http://comments.example.net/feed/"]
    assert all(p.startswith(("/wp/", "/blogger/")) for p, _, _ in server.hits)
    assert reports[0].refused == 2


def test_javascript_links_are_not_stored(collected):
    db, _, _ = collected
    assert query(db, "SELECT url FROM posts WHERE title = 'Un post con un enlace raro'") == [(None,)]


def test_collecting_twice_changes_nothing_and_costs_only_304s(collected, tmp_path):
    db, server, _ = collected
    before = query(db, "SELECT * FROM comments ORDER BY comment_id") + query(db, "SELECT * FROM posts ORDER BY 1")
    hits_before = len(server.hits)
    reports = collect_once(tmp_path / "monitor.toml", db)
    after = query(db, "SELECT * FROM comments ORDER BY comment_id") + query(db, "SELECT * FROM posts ORDER BY 1")
    assert before == after
    assert all(r.posts_new == r.posts_updated == r.comments_new == r.comments_updated == 0 for r in reports)
    statuses = {s for _, _, s in server.hits[hits_before:]}
    assert statuses == {304}


def test_adding_a_responder_and_alias_rederives_flags_of_stored_rows(collected, tmp_path):
    db, _, _ = collected
    cfg = tmp_path / "monitor.toml"
    text = cfg.read_text(encoding="utf-8")
    cfg.write_text(text.replace('responders = ["Acme Soporte"]', 'responders = ["Acme Soporte", "Pedro"]')
                   .replace('aliases = ["acme"]', 'aliases = ["acme", "castañas"]'), encoding="utf-8")
    collect_once(cfg, db)
    assert query(db, "SELECT is_brand FROM comments WHERE author = 'Pedro'") == [(True,)]
    assert query(db, "SELECT is_mention FROM posts WHERE title = 'Recetas de otoño'") == [(True,)]
    # Pedro's comment (13:00) is now a brand reply: Ana's 10:00 comment was answered earlier? No - 12:30 first.
    assert query(db, "SELECT response_hours FROM responses JOIN comments USING (comment_id) "
                     "WHERE url LIKE '%#comment-101'") == [(2.5,)]
