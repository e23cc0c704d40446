"""comments.intent and intent_cues: worked out over whole stored threads after each source's batch is written,
again when a parent's text or a brand flag changes, only written when they change, and all of them again by
`pulso sentiment rescore`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from email.utils import format_datetime
from pathlib import Path

from collector.config import load_config
from collector.sentiment.enrich import Enrich
from collector.storage import intents, maintain, store
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer

NOW = datetime.now(UTC).replace(microsecond=0)
POSTED = NOW - timedelta(days=2)
QUESTION = "¿Alguien sabe si hay cobertura de fibra en Soria?"
PRAISE = "Qué bien que por fin haya llegado la fibra a Soria, enhorabuena al equipo."
ANSWER = "Sí, en el centro ya hay fibra desde mayo."


def posts_feed(base: str) -> bytes:
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Blog</title><link>{base}/wp</link>
<item><title>Fibra en Castilla</title><link>{base}/wp/fibra/</link><pubDate>{format_datetime(POSTED)}</pubDate>
<guid isPermaLink="false">{base}/wp/?p=1</guid><description>Llevamos la fibra de Acme a más pueblos.</description>
<wfw:commentRss>{base}/wp/fibra/feed/</wfw:commentRss></item></channel></rss>""".encode()


def comments_feed(base: str, *comments: tuple[int, str, str, int | None]) -> bytes:
    """(number, author, text, number replied to) -> a WordPress comment feed ("En respuesta a" links)."""
    items = []
    for n, author, text, parent in comments:
        reply = f'<p>En respuesta a <a href="{base}/wp/fibra/#comment-{parent}">alguien</a>.</p>' if parent else ""
        items.append(f"""<item><title>Por: {author}</title><link>{base}/wp/fibra/#comment-{n}</link>
<dc:creator>{author}</dc:creator><pubDate>{format_datetime(POSTED + timedelta(hours=n))}</pubDate>
<guid isPermaLink="false">{base}/wp/?p=1#comment-{n}</guid>
<content:encoded><![CDATA[{reply}<p>{text}</p>]]></content:encoded></item>""")
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Comentarios</title><link>{base}/wp/fibra/</link>{"".join(items)}</channel></rss>""".encode()


def blog(server: FeedServer, tmp_path: Path, *comments: tuple[int, str, str, int | None],
         responders: str = "[]") -> Path:
    server.add("/wp/feed/", posts_feed(server.base))
    server.add("/wp/fibra/feed/", comments_feed(server.base, *comments))
    return write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "blog"\nurl = "{server.base}/wp/feed/"\n'
                        'owned = true\n', brand=f'[brand]\nname = "Acme"\nresponders = {responders}\n')


def intents_by_author(db: Path) -> dict[str, tuple[str, str]]:
    return {a: (i, c) for a, i, c in query(db, "SELECT author, intent, intent_cues FROM comments")}


def test_collect_stores_each_comments_intent_and_the_cues_that_decided_it(server: FeedServer, tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    collect_once(blog(server, tmp_path, (1, "Ana", QUESTION, None), (2, "Luis", ANSWER, 1)), db)
    got = intents_by_author(db)
    assert got["Ana"][0] == "question" and "?" in got["Ana"][1].split("; ")
    assert got["Luis"] == ("peer_answer", got["Luis"][1]) and "reply to another customer's question" in got["Luis"][1]
    assert query(db, "SELECT count(*) FROM responses WHERE open") == [(1,)]


def test_a_reply_is_classified_again_when_its_parents_text_changes(server: FeedServer, tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    collect_once(blog(server, tmp_path, (1, "Ana", QUESTION, None), (2, "Luis", ANSWER, 1)), db)
    assert intents_by_author(db)["Luis"][0] == "peer_answer"
    collect_once(blog(server, tmp_path, (1, "Ana", PRAISE, None), (2, "Luis", ANSWER, 1)), db)
    got = intents_by_author(db)
    assert got["Ana"][0] == "praise"
    assert got["Luis"][0] != "peer_answer"          # nobody asked anything: the reply answers no question now


def test_a_new_responder_re_decides_the_thread_on_the_next_collect(server: FeedServer, tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    comments = ((1, "Ana", QUESTION, None), (2, "Acme Soporte", ANSWER, 1))
    collect_once(blog(server, tmp_path, *comments), db)
    assert intents_by_author(db)["Acme Soporte"][0] == "peer_answer"
    collect_once(blog(server, tmp_path, *comments, responders='["Acme Soporte"]'), db)
    assert intents_by_author(db)["Acme Soporte"][0] != "peer_answer"   # the brand is never a peer
    assert query(db, "SELECT answered FROM responses JOIN comments USING (comment_id) WHERE author = 'Ana'") == [
        (True,)]


def test_only_changed_intents_are_written_and_a_killed_run_is_caught_up(server: FeedServer, tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    collect_once(blog(server, tmp_path, (1, "Ana", QUESTION, None), (2, "Luis", ANSWER, 1)), db)
    con = store.connect(db)
    try:
        assert intents.classify_source(con, "blog", everything=True) == 0
        con.execute("UPDATE comments SET intent = NULL WHERE author = 'Ana'")   # as if killed before classifying
        assert intents.classify_source(con, "blog") == 1
        assert con.execute("SELECT count(*) FROM comments WHERE intent IS NULL").fetchall() == [(0,)]
    finally:
        con.close()


def test_rescore_works_out_every_intent_again(server: FeedServer, tmp_path: Path):
    db = tmp_path / "pulso.duckdb"
    cfg = blog(server, tmp_path, (1, "Ana", QUESTION, None), (2, "Luis", ANSWER, 1))
    collect_once(cfg, db)
    before = intents_by_author(db)
    con = store.connect(db)
    try:
        con.execute("UPDATE comments SET intent = 'spam', intent_cues = 'stale'")
        config = load_config(cfg)
        maintain.rescore(con, config, Enrich(config.languages))
    finally:
        con.close()
    assert intents_by_author(db) == before
