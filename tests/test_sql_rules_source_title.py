"""What a source is called is one rule (texts.sql `source_title`): every page and alert query that names a source
calls it, so a padded or blank title reads the same on the source pages, the queue and in an alert."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pytest

from collector import sql
from scripts.queries import open_database, queue_params
from tests.site.dbkit import NOW, MiniDB, make_config

#: (title, feed_title) per source, and the name a person should read.
SOURCES = {"blog-a": ((" Blog de Acme ", "Feed A"), "Blog de Acme"),    # the config's title, trimmed
           "blog-b": (("   ", " Noticias B "), "Noticias B"),           # a blank title: the feed's own
           "blog-c": ((None, ""), "blog-c")}                            # neither: the config name


@pytest.mark.parametrize(("title", "feed_title", "name", "expected"), [
    ("Blog de Acme", "Feed A", "blog-a", "Blog de Acme"),
    (" Blog de Acme ", "Feed A", "blog-a", "Blog de Acme"),
    ("", "Feed A", "blog-a", "Feed A"),
    ("  ", " Feed A ", "blog-a", "Feed A"),
    (None, None, "blog-a", "blog-a"),
    (None, "  ", "blog-a", "blog-a"),
])
def test_a_source_is_called_by_its_title_else_its_feeds_title_else_its_name(tmp_path: Path, title, feed_title,
                                                                            name, expected) -> None:
    con = open_database(MiniDB(tmp_path / "t.duckdb").close())
    try:
        got = con.execute("SELECT source_title(CAST(? AS VARCHAR), CAST(? AS VARCHAR), CAST(? AS VARCHAR))",
                          [title, feed_title, name]).fetchall()[0][0]
    finally:
        con.close()
    assert got == expected


def test_every_query_that_names_a_source_names_it_the_same_way(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    for source_id, ((title, feed_title), _) in SOURCES.items():
        db.source(source_id, owned=True)
        db.con.execute("UPDATE sources SET title = ?, feed_title = ? WHERE source_id = ?",
                       [title, feed_title, source_id])
        db.post(f"p-{source_id}", source_id, NOW - timedelta(days=3))
        db.comment(f"c-{source_id}", f"p-{source_id}", NOW - timedelta(hours=30), source_id=source_id,
                   text="¿Alguien me responde?")       # overdue at NOW (SLA 24 h)
    config = make_config(tmp_path, sources=tuple((s, True) for s in SOURCES))
    con = open_database(db.close(), config, NOW)
    try:
        def names(query: str, column: str, key: str = "source_id", **params: object) -> dict[str, str]:
            frame = con.execute(sql(query, "scripts"), params).df()
            frame = frame[frame[key].notna()]          # source_summary's all-sources row has no name
            return dict(zip(frame[key], frame[column], strict=True))

        expected = {source_id: shown for source_id, (_, shown) in SOURCES.items()}
        assert names("source_labels", "label") == expected
        assert names("source_summary", "source_title") == expected
        assert names("open_queue", "source_title", **queue_params(NOW, None, None)) == expected
        assert names("alert_overdue", "source_title", since=NOW - timedelta(days=7), now=NOW) == expected
        each_text = {f"{kind}-{source_id}": shown for source_id, shown in expected.items() for kind in ("p", "c")}
        assert names("alert_examples", "source_title", key="item_id", start=NOW - timedelta(days=7), end=NOW,
                     negative=False, limit=None) == each_text
    finally:
        con.close()
