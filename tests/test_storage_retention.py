"""The tables that grow with every run stay bounded: the health log keeps raw rows for
FETCH_LOG_DAYS and one row per feed and day after that (the Estado page still shows each feed's last
success and last error), and the entries-read cache holds one row per entry of the current parser
version and of configured sources only."""

from __future__ import annotations

import importlib.util
import sys
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pyarrow as pa
import pytest

from collector.feeds import delta
from collector.storage import store
from collector.storage.retention import FETCH_LOG_DAYS
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer, Step

RSS = {"content-type": "application/rss+xml; charset=UTF-8"}


def feed(base: str, count: int) -> bytes:
    items = "".join(f"""<item><title>Entrada {n}</title><link>{base}/p/{n}/</link>
<pubDate>Mon, 0{n} Nov 2026 08:00:00 +0000</pubDate><guid isPermaLink="false">{base}/?p={n}</guid>
<description>Texto {n} sobre la atención al cliente.</description></item>""" for n in range(1, count + 1))
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel><title>Blog</title><link>{base}/</link>{items}</channel></rss>""".encode()


def sources(*pairs: tuple[str, str]) -> str:
    return "".join(f'[[sources]]\nname = "{name}"\nurl = "{url}"\ncomments = false\n\n' for name, url in pairs)


def move_fetch_log_to(db: Path, day: datetime) -> None:
    """Time passes: the fetch log so far happened on `day` (at noon UTC, in its original order)."""
    con = store.connect(db)
    try:
        con.execute("UPDATE fetches SET fetched_at = $noon + (fetched_at - (SELECT min(fetched_at) FROM fetches))",
                    {"noon": day.replace(hour=12, minute=0, second=0, microsecond=0)})
    finally:
        con.close()


def health(db: Path) -> dict[str, dict]:
    con = store.connect(db, read_only=True)
    try:
        frame = con.execute(store.sql("feed_health", "scripts")).df()
    finally:
        con.close()
    return {row["source_id"]: row for row in frame.to_dict("records")}


def test_fetch_log_older_than_retention_is_rolled_up_and_health_keeps_last_success_and_last_error(
        server: FeedServer, tmp_path: Path):
    base = server.base
    server.add("/a/feed/", Step(body=feed(base, 2)), Step(status=404, body=b"no"))     # ok, then broken
    server.add("/b/feed/", Step(status=404, body=b"no"), Step(body=feed(base, 2)))     # broken, then ok
    cfg = write_config(tmp_path / "monitor.toml", sources(("a", server.url("/a/feed/")),
                                                           ("b", server.url("/b/feed/"))))
    db = tmp_path / "pulso.duckdb"
    collect_once(cfg, db)
    collect_once(cfg, db)
    old_day = datetime.now(UTC) - timedelta(days=FETCH_LOG_DAYS + 10)
    move_fetch_log_to(db, old_day)
    old = dict(query(db, "SELECT source_id || ':' || status, fetched_at FROM fetches"))
    collect_once(cfg, db)

    assert query(db, "SELECT source_id, status FROM fetches ORDER BY source_id") == [
        ("a", "error"), ("b", "not_modified")]                      # raw rows: only the recent run
    assert query(db, """SELECT source_id, day, attempts, failures, last_status, last_error, last_error_at,
                               last_ok_at FROM fetch_days ORDER BY source_id""") == [
        ("a", old_day.date(), 2, 1, "error", "HTTP 404 Not Found", old["a:error"], old["a:ok"]),
        ("b", old_day.date(), 2, 1, "ok", "HTTP 404 Not Found", old["b:error"], old["b:ok"])]
    rows = health(db)
    assert rows["a"]["status"] == "error" and rows["a"]["last_ok_at"] == old["a:ok"]
    assert (rows["a"]["attempts"], rows["a"]["failures"]) == (3, 2)
    assert rows["b"]["status"] == "not_modified" and rows["b"]["last_ok_at"] > old["b:ok"]
    assert (rows["b"]["error"], rows["b"]["last_error_at"]) == ("HTTP 404 Not Found", old["b:error"])
    assert (rows["b"]["attempts"], rows["b"]["failures"]) == (3, 1)


def test_rolling_up_onto_a_day_already_rolled_up_adds_to_it(server: FeedServer, tmp_path: Path):
    server.add("/a/feed/", feed(server.base, 2))
    cfg = write_config(tmp_path / "monitor.toml", sources(("a", server.url("/a/feed/"))))
    db = tmp_path / "pulso.duckdb"
    old_day = datetime.now(UTC) - timedelta(days=FETCH_LOG_DAYS + 3)
    for _ in range(2):
        collect_once(cfg, db)
        move_fetch_log_to(db, old_day)
    collect_once(cfg, db)
    assert query(db, "SELECT day, attempts, failures, last_status FROM fetch_days") == [
        (old_day.date(), 2, 0, "not_modified")]
    assert query(db, "SELECT count(*) FROM fetches") == [(1,)]


def entry_count(db: Path) -> list[tuple]:
    return query(db, "SELECT source_id, count(*) FROM feed_entries GROUP BY source_id ORDER BY source_id")


def test_a_parser_version_bump_replaces_the_entries_read_instead_of_adding_a_copy(
        server: FeedServer, tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    server.add("/a/feed/", feed(server.base, 2), feed(server.base, 3))
    cfg = write_config(tmp_path / "monitor.toml", sources(("a", server.url("/a/feed/"))))
    db = tmp_path / "pulso.duckdb"
    collect_once(cfg, db)
    assert entry_count(db) == [("a", 2)]
    monkeypatch.setattr(delta, "CODE_VERSION", delta.CODE_VERSION + b" (bumped)")
    collect_once(cfg, db)
    assert entry_count(db) == [("a", 3)]
    assert query(db, "SELECT count(*) FROM posts") == [(3,)]


def test_entries_of_a_source_removed_from_the_config_are_purged(server: FeedServer, tmp_path: Path):
    server.add("/a/feed/", feed(server.base, 2))
    server.add("/b/feed/", feed(server.base, 3))
    both = sources(("a", server.url("/a/feed/")), ("b", server.url("/b/feed/")))
    db = tmp_path / "pulso.duckdb"
    collect_once(write_config(tmp_path / "monitor.toml", both), db)
    assert entry_count(db) == [("a", 2), ("b", 3)]
    collect_once(write_config(tmp_path / "monitor.toml", sources(("a", server.url("/a/feed/")))), db)
    assert entry_count(db) == [("a", 2)]
    assert query(db, "SELECT source_id, count(*) FROM posts GROUP BY 1 ORDER BY 1") == [("a", 2), ("b", 3)]


def test_recording_an_entry_twice_keeps_one_row(tmp_path: Path):
    con = store.connect(tmp_path / "pulso.duckdb")
    try:
        entries = pa.table({"source_id": ["a", "a"], "digest": pa.array([7, 8], pa.int64()), "key": ["k7", "k8"]})
        for _ in range(2):
            store.write_source_batches(con, [{"entries": entries, "source_feed": None}])
        assert con.execute("SELECT digest, key FROM feed_entries ORDER BY digest").fetchall() == [
            (7, "k7"), (8, "k8")]
    finally:
        con.close()


def test_editing_a_comment_in_the_parsing_code_keeps_the_entry_digests(tmp_path: Path,
                                                                        monkeypatch: pytest.MonkeyPatch):
    """Entries read before stay read: only a deliberate PARSER_VERSION bump makes every entry new."""
    edited = tmp_path / "delta_edited.py"
    edited.write_text(Path(delta.__file__).read_text(encoding="utf-8") + "\n# a comment, nothing else\n",
                      encoding="utf-8")
    spec = importlib.util.spec_from_file_location("delta_edited", edited)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    monkeypatch.setitem(sys.modules, "delta_edited", module)
    spec.loader.exec_module(module)
    body = feed("http://127.0.0.1:9", 3)
    before = delta.find_entries(body, "http://127.0.0.1:9/feed/", as_comments=False, headers=RSS)
    after = module.find_entries(body, "http://127.0.0.1:9/feed/", as_comments=False, headers=RSS)
    assert before is not None and after is not None and before.digests == after.digests
