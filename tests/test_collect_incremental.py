"""A nightly collect costs what changed: which comment feeds it re-reads, and that it still lands every
new comment, whether the run parses in this process or in worker processes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from collector import workers
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer

NOW = datetime.now(UTC).replace(microsecond=0)
OLD, RECENT = NOW - timedelta(days=200), NOW - timedelta(days=2)


def posts_feed(base: str, *, recent_title: str, old_count: int) -> bytes:
    def item(slug: str, title: str, when: datetime, count: int) -> str:
        return f"""<item><title>{title}</title><link>{base}/wp/{slug}/</link>
<pubDate>{format_datetime(when)}</pubDate><guid isPermaLink="false">{base}/wp/?p={slug}</guid>
<description>Texto de {title}.</description><wfw:commentRss>{base}/wp/{slug}/feed/</wfw:commentRss>
<slash:comments>{count}</slash:comments></item>"""

    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/" xmlns:slash="http://purl.org/rss/1.0/modules/slash/">
<channel><title>Blog</title><link>{base}/wp</link>
{item("reciente", recent_title, RECENT, 1)}{item("antiguo", "Un post antiguo", OLD, old_count)}
</channel></rss>""".encode()


def comments_feed(base: str, slug: str, numbers: list[int], when: datetime) -> bytes:
    items = "".join(f"""<item><title>Por: Persona {n}</title><link>{base}/wp/{slug}/#comment-{n}</link>
<dc:creator>Persona {n}</dc:creator><pubDate>{format_datetime(when + timedelta(hours=n))}</pubDate>
<guid isPermaLink="false">{base}/wp/?p={slug}#comment-{n}</guid>
<description>Comentario número {n} sobre el servicio de atención al cliente.</description></item>"""
                    for n in numbers)
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/"><channel><title>Comentarios</title>
<link>{base}/wp/{slug}/</link>{items}</channel></rss>""".encode()


def test_an_old_posts_comment_feed_is_reread_when_its_post_changes_not_when_another_does(
        server: FeedServer, tmp_path: Path):
    base = server.base
    server.add("/wp/feed/", posts_feed(base, recent_title="Reciente", old_count=1),
               posts_feed(base, recent_title="Reciente (editado)", old_count=1),
               posts_feed(base, recent_title="Reciente (editado)", old_count=2))
    server.add("/wp/antiguo/feed/", comments_feed(base, "antiguo", [1], OLD),
               comments_feed(base, "antiguo", [1, 2], OLD))
    server.add("/wp/reciente/feed/", comments_feed(base, "reciente", [5], RECENT))
    cfg = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "blog"\nurl = "{base}/wp/feed/"\n')
    db = tmp_path / "pulso.duckdb"

    collect_once(cfg, db)
    assert server.count("/wp/antiguo/feed/") == 1
    # another post changed: the old post's feed was read once already and is not asked again
    collect_once(cfg, db)
    assert server.count("/wp/antiguo/feed/") == 1
    assert server.count("/wp/reciente/feed/") == 2          # recent posts' feeds are always asked (a 304 here)
    # the old post's own entry changed (its comment count): its feed is read, the new comment lands
    reports = collect_once(cfg, db)
    assert server.count("/wp/antiguo/feed/") == 2
    assert reports[0].comments_new == 1
    assert query(db, "SELECT count(*) FROM comments") == [(3,)]


def test_worker_processes_and_in_process_parsing_store_the_same_rows(server: FeedServer, tmp_path: Path,
                                                                      monkeypatch):
    base = server.base
    server.add("/wp/feed/", posts_feed(base, recent_title="Reciente", old_count=2))
    server.add("/wp/antiguo/feed/", comments_feed(base, "antiguo", [1, 2], OLD))
    server.add("/wp/reciente/feed/", comments_feed(base, "reciente", [5], RECENT))
    cfg = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "blog"\nurl = "{base}/wp/feed/"\n')
    rows = "SELECT * EXCLUDE (first_seen_at, updated_at) FROM comments ORDER BY comment_id"

    collect_once(cfg, tmp_path / "inline.duckdb")
    monkeypatch.setattr(workers, "INLINE_PARSE_BYTES", 0)
    collect_once(cfg, tmp_path / "pool.duckdb")
    assert query(tmp_path / "inline.duckdb", rows) == query(tmp_path / "pool.duckdb", rows)
    assert len(query(tmp_path / "pool.duckdb", rows)) == 3
