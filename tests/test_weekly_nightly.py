"""`pulso nightly` end to end: the demo blogs served on 127.0.0.1, two nights on one database."""

from __future__ import annotations

import socket
from datetime import timedelta
from pathlib import Path

import duckdb
import pytest
from click.testing import CliRunner

from pulso.cli import cli
from pulso.demo.generate import DEFAULT_END, generate
from pulso.demo.server import serve


def _ids(db: Path) -> tuple[set[str], set[str]]:
    con = duckdb.connect(str(db), read_only=True)
    try:
        posts = {r[0] for r in con.execute("SELECT post_id FROM posts").fetchall()}
        comments = {r[0] for r in con.execute("SELECT comment_id FROM comments").fetchall()}
    finally:
        con.close()
    return posts, comments


def _nightly(config: Path, db: Path, site: Path):
    return CliRunner().invoke(cli, ["nightly", "--config", str(config), "--db", str(db), "--out", str(site)])


@pytest.mark.slow
def test_two_nights_on_one_database_add_the_new_items_keep_the_old_and_publish_weekly_pages(tmp_path):
    feeds, db, site = tmp_path / "feeds", tmp_path / "pulso.duckdb", tmp_path / "site"
    with serve(feeds) as server:
        generate(feeds, server.base_url, scale=0.3, days=70, end=DEFAULT_END - timedelta(days=10))
        first = _nightly(feeds / "monitor.toml", db, site)
        # The demo has one deliberately broken source: published, exit 1, the failure named.
        assert first.exit_code == 1, first.output
        assert "sources failed" in first.output
        posts1, comments1 = _ids(db)
        weeks1 = sorted(p.name for p in (site / "weekly").glob("20*-W*.html"))
        generate(feeds, server.base_url, scale=0.3, days=70, end=DEFAULT_END)
        second = _nightly(feeds / "monitor.toml", db, site)
        assert second.exit_code == 1, second.output
    posts2, comments2 = _ids(db)
    assert posts1 < posts2 and comments1 < comments2, "the second night adds items and keeps every old one"
    weeks2 = sorted(p.name for p in (site / "weekly").glob("20*-W*.html"))
    assert len(weeks1) >= 10 and set(weeks1) <= set(weeks2)
    index = (site / "weekly" / "index.html").read_text(encoding="utf-8")
    assert weeks2[-1] in index and "feed.xml" in index
    assert (site / "weekly" / "feed.xml").is_file()
    assert "weekly/index.html" in (site / "index.html").read_text(encoding="utf-8"), "linked from the overview"


def test_when_every_source_fails_nothing_is_built_and_the_exit_code_says_so(tmp_path):
    with socket.socket() as probe:              # a loopback port nobody listens on
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    config = tmp_path / "monitor.toml"
    config.write_text(f'[brand]\nname = "Acme"\n\n[[sources]]\nname = "gone"\nurl = "http://127.0.0.1:{port}/feed/"\n'
                      "comments = false\n", encoding="utf-8")
    result = _nightly(config, tmp_path / "pulso.duckdb", tmp_path / "site")
    assert result.exit_code == 3, result.output
    assert "every source failed" in result.output
    assert not (tmp_path / "site").exists()
