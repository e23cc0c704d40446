"""Shared fixtures: a real HTTP server on 127.0.0.1, real config files and DuckDB files in tmp dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.config import load_config
from collector.fetching.client import FetchPolicy
from collector.storage import store
from tests import loopback_guard
from tests.feedserver import FeedServer

loopback_guard.install()
FIXTURES = Path(__file__).parent / "fixtures"
# Blogger's feed host is a loopback stand-in in tests: links to www.blogger.com in fixtures are refused.
TEST_COLLECT = '\n[collect]\nblogger_feed_host = "127.0.0.3"\n'
FAST = FetchPolicy(backoff=0.01, connect_timeout=2, read_timeout=2, total_timeout=5, max_retry_after=2)


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


def write_config(path: Path, sources: str, *, brand: str = "") -> Path:
    path.write_text((brand or (
        '[brand]\nname = "Acme"\naliases = ["acme"]\nresponders = ["Acme Soporte"]\n'
        'timezone = "Europe/Madrid"\nlanguage = "es"\nresponse_sla_hours = 24\n'
    )) + TEST_COLLECT + "\n" + sources, encoding="utf-8")
    return path


def collect_once(cfg_path: Path, db_path: Path, **kwargs):
    from collector.collect import run_collect

    config = load_config(cfg_path)
    con = store.connect(db_path)
    try:
        return run_collect(config, con, policy=kwargs.pop("policy", FAST), **kwargs)
    finally:
        con.close()


def query(db_path: Path, text: str, params: dict | None = None) -> list[tuple]:
    con = store.connect(db_path, read_only=True)
    try:
        return con.execute(text, params or {}).fetchall()
    finally:
        con.close()
