"""One post per article in the database (collector.storage.mentions): a search post that another post already is
goes, with its comments; a blog's post wins, else the search post stored first."""

from __future__ import annotations

from pathlib import Path

from collector.storage import mentions, store

ARTICLE = "https://diario.example/2026/11/30/acme-multa/"


def _db(tmp_path: Path, posts: list[tuple[str, str, str, str]]):
    """`posts`: (post_id, source_id, url, first_seen_at); sources s* are search sources, others blogs."""
    con = store.connect(tmp_path / "p.duckdb")
    for source_id in sorted({p[1] for p in posts}):
        con.execute("INSERT INTO sources (source_id, name, url, owned, comments, kind) VALUES ($s, $s, 'x', false, "
                    "true, $kind)", {"s": source_id, "kind": "search" if source_id.startswith("s") else "blog"})
    for post_id, source_id, url, seen in posts:
        con.execute("INSERT INTO posts (post_id, source_id, url, published_at, date_estimated, is_mention, "
                    "content_hash, first_seen_at, updated_at) VALUES ($p, $s, $u, $t, false, true, 'h', $t, $t)",
                    {"p": post_id, "s": source_id, "u": url, "t": seen})
        con.execute("INSERT INTO comments (comment_id, post_id, source_id, is_brand, published_at, date_estimated, "
                    "is_mention, content_hash, first_seen_at, updated_at) VALUES ($c, $p, $s, false, $t, false, "
                    "false, 'h', $t, $t)", {"c": "c" + post_id, "p": post_id, "s": source_id, "t": seen})
    return con


def _left(con) -> list[tuple]:
    return con.execute("SELECT p.post_id, count(c.comment_id) FROM posts p LEFT JOIN comments c USING (post_id) "
                       "GROUP BY ALL ORDER BY 1").fetchall()


def test_a_blogs_post_of_the_article_wins_over_search_posts(tmp_path: Path) -> None:
    con = _db(tmp_path, [("p1", "s1", ARTICLE, "2026-11-30 09:00Z"), ("p2", "blog", ARTICLE, "2026-12-01 09:00Z"),
                         ("p3", "s1", ARTICLE + "otro/", "2026-11-30 09:00Z")])
    assert mentions.drop_duplicate_mentions(con) == 1
    assert _left(con) == [("p2", 1), ("p3", 1)]


def test_between_search_posts_the_first_stored_stays(tmp_path: Path) -> None:
    con = _db(tmp_path, [("p2", "s2", ARTICLE, "2026-11-30 08:00Z"), ("p1", "s1", ARTICLE, "2026-11-30 09:00Z")])
    assert mentions.drop_duplicate_mentions(con) == 1
    assert _left(con) == [("p2", 1)]
    assert mentions.drop_duplicate_mentions(con) == 0


def test_urls_posted_elsewhere_leaves_the_sources_own_posts_out(tmp_path: Path) -> None:
    con = _db(tmp_path, [("p1", "s1", ARTICLE, "2026-11-30 09:00Z"),
                         ("p2", "blog", ARTICLE + "b/", "2026-11-30 10:00Z")])
    assert mentions.urls_posted_elsewhere(con, "s1", [ARTICLE, ARTICLE + "b/", ARTICLE + "c/"]) == {ARTICLE + "b/"}
    assert mentions.urls_posted_elsewhere(con, "s2", [ARTICLE]) == {ARTICLE}
    assert mentions.urls_posted_elsewhere(con, "s2", []) == set()
