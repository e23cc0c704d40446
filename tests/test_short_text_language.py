"""A short reply takes the language of its thread unless the detector is sure (language.thread_language)."""

from __future__ import annotations

import csv
from pathlib import Path

import pandas as pd
import pytest

from collector.config import load_config
from collector.sentiment.enrich import Enrich
from collector.sentiment.language import (
    SHORT_CONFIDENCE,
    detect_language,
    detect_with_confidence,
    thread_language,
)
from collector.storage import maintain, store
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer

REPLIES = Path(__file__).parent / "fixtures" / "language" / "short_replies.csv"
LANGS = ["es", "en"]


def _rows() -> list[dict[str, str]]:
    with REPLIES.open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


@pytest.mark.parametrize(("text", "thread", "expected"), [
    ("Thank you very much!", "es", "en"),   # sure: English in a Spanish thread
    ("Me pasa lo mismo", "en", "es"),       # sure: Spanish in an English thread
    ("ok", "en", "en"), ("ok", "es", "es"),  # says nothing: the thread's
    ("+1", "es", "es"), ("👍", "en", "en"),
    ("Genial", "es", "es"),                  # the detector only half believes it
    ("Horrible", "en", "en"), ("Horrible", "es", "es"),
])
def test_short_reply_takes_the_thread_language_unless_the_detector_is_sure(text: str, thread: str,
                                                                          expected: str) -> None:
    assert thread_language(text, *detect_with_confidence(text, LANGS), parent_lang=thread) == expected


def test_thread_language_prefers_parent_then_post_then_source() -> None:
    unsure = ("ok", "en", 0.5)
    assert thread_language(*unsure, parent_lang="es", post_lang="en", source_lang="en") == "es"
    assert thread_language(*unsure, parent_lang=None, post_lang="es", source_lang="en") == "es"
    assert thread_language(*unsure, source_lang="es") == "es"
    assert thread_language(*unsure) is None


def test_short_texts_need_more_confidence_than_long_ones() -> None:
    long_text = "I have been waiting for an engineer for three weeks now"
    assert thread_language(long_text, "en", 0.75, source_lang="es") == "en"
    assert thread_language("Same here", "en", SHORT_CONFIDENCE - 0.01, source_lang="es") == "es"
    assert thread_language("Same here", "en", SHORT_CONFIDENCE, source_lang="es") == "en"


def test_text_without_letters_is_never_detected() -> None:
    assert detect_with_confidence("👍👍 :)", LANGS) == (None, 0.0)
    assert thread_language("👍", None, 0.0, post_lang="en") == "en"


def test_short_replies_are_tagged_right_far_more_often_than_with_the_source_language() -> None:
    """The measured figure of language.py's docstring: the rule against the old one (short texts
    always got the source's language) on the labelled short replies."""
    rows = _rows()
    rule = [thread_language(r["text"], *detect_with_confidence(r["text"], LANGS), parent_lang=r["thread_lang"])
            for r in rows]
    old = [r["thread_lang"] if sum(c.isalpha() for c in r["text"]) < 20
           else detect_language(r["text"], LANGS, r["thread_lang"]) for r in rows]
    right = sum(p == r["lang"] for p, r in zip(rule, rows, strict=True)) / len(rows)
    before = sum(p == r["lang"] for p, r in zip(old, rows, strict=True)) / len(rows)
    assert len(rows) >= 150 and {r["lang"] for r in rows} == {"es", "en"}
    assert right >= 0.95 and before < 0.70


def test_enrich_gives_a_short_reply_its_parents_language_then_its_posts() -> None:
    frame = pd.DataFrame({
        "comment_id": ["c1", "c2", "c3", "c4", "c5"],
        "post_id": ["p1", "p1", "p1", "p2", "p2"],
        "parent_id": [None, "c1", "c2", None, "stored-en"],
        "text": ["I have been waiting three weeks for the engineer, does anyone know what is going on?",
                 "ok", "+1", "ok", "👍"],
    })
    out = Enrich(LANGS)(frame, "es", thread_langs={"p2": "en", "stored-en": "en"})
    # c2 and c3 follow their English parent (c3's parent is resolved in the same frame first);
    # c4 has no parent and follows its post; c5 follows its stored parent
    assert list(out["lang"]) == ["en", "en", "en", "en", "en"]
    assert list(Enrich(LANGS)(frame, "es")["lang"]) == ["en", "en", "en", "es", "es"]


def test_enrich_keeps_a_confident_short_reply_in_its_own_language() -> None:
    frame = pd.DataFrame({"comment_id": ["c1"], "post_id": ["p1"], "parent_id": [None],
                          "text": ["Thank you very much!"]})
    assert list(Enrich(LANGS)(frame, "es")["lang"]) == ["en"]


LONG_ES = "Llevo tres semanas esperando al técnico y nadie me dice nada"


def _thread_feeds(server: FeedServer) -> None:
    """A Spanish post with a Spanish comment, a short reply to it and a short top-level comment."""
    base, when = server.base, "Mon, 30 Nov 2026 10:00:00 +0000"
    server.add("/wp/feed/", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:wfw="http://wellformedweb.org/CommentAPI/"><channel><title>Blog</title><link>{base}/wp</link>
<item><title>La fibra llega a Soria</title><link>{base}/wp/fibra/</link><pubDate>{when}</pubDate>
<guid isPermaLink="false">{base}/wp/?p=1</guid><description>Llevamos la fibra a más pueblos.</description>
<wfw:commentRss>{base}/wp/fibra/feed/</wfw:commentRss></item></channel></rss>""".encode())
    items = []
    for n, text, parent in ((1, LONG_ES, None),
                            (2, "ok", 1), (3, "+1", None)):
        reply = f'<p>En respuesta a <a href="{base}/wp/fibra/#comment-{parent}">Ana</a>.</p>' if parent else ""
        items.append(f"""<item><title>Por: autor{n}</title><link>{base}/wp/fibra/#comment-{n}</link>
<dc:creator>autor{n}</dc:creator><pubDate>{when}</pubDate><guid isPermaLink="false">{base}/wp/?p=1#comment-{n}</guid>
<content:encoded><![CDATA[{reply}<p>{text}</p>]]></content:encoded></item>""")
    server.add("/wp/fibra/feed/", f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:content="http://purl.org/rss/1.0/modules/content/">
<channel><title>Comentarios</title><link>{base}/wp/fibra/</link>{"".join(items)}</channel></rss>""".encode())


def test_rescore_gives_short_replies_their_threads_language_as_collect_does(server: FeedServer,
                                                                           tmp_path: Path) -> None:
    """The source says English (its fallback), the thread is Spanish: "ok" follows its parent and
    "+1" its post, at collect time and again on `pulso sentiment rescore`."""
    _thread_feeds(server)
    cfg = write_config(tmp_path / "monitor.toml",
                       f'[[sources]]\nname = "blog"\nurl = "{server.base}/wp/feed/"\nlang = "en"\n')
    db = tmp_path / "pulso.duckdb"
    collect_once(cfg, db, enrich=Enrich(LANGS))
    langs = "SELECT text, lang FROM comments ORDER BY text"
    thread_es = {"+1": "es", "ok": "es", LONG_ES: "es"}
    assert dict(query(db, langs)) == thread_es
    con = store.connect(db)
    try:
        con.execute("UPDATE comments SET lang = 'en'; UPDATE posts SET lang = 'en'")  # as a stale scoring left them
        config = load_config(cfg)
        maintain.rescore(con, config, Enrich(config.languages))
    finally:
        con.close()
    assert dict(query(db, langs)) == thread_es
    assert query(db, "SELECT lang FROM posts") == [("es",)]
