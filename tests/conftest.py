"""Shared fixtures: a real HTTP server on 127.0.0.1, real config files and DuckDB files in tmp dirs."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.config import load_config
from collector.fetching.client import FetchPolicy
from collector.sentiment.scorer import Score, Scorer, default_scorer
from collector.storage import store
from tests import loopback_guard
from tests.demokit import CollectedDemo, collected_once
from tests.feedserver import FeedServer

loopback_guard.install()
FIXTURES = Path(__file__).parent / "fixtures"
# Blogger's feed host is a loopback stand-in in tests: links to www.blogger.com in fixtures are refused.
TEST_COLLECT = '\n[collect]\nblogger_feed_host = "127.0.0.3"\n'
FAST = FetchPolicy(backoff=0.01, connect_timeout=2, read_timeout=2, total_timeout=5, max_retry_after=2)


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Under pytest-xdist (`make test`: -n 2 --dist loadscope --no-loadscope-reorder) each module goes whole to
    one worker, in collection order: so modules with a slow test (crash loops, the wheel install) or a browser
    come first, and the worker that draws one finishes it while the other works through the many quick
    modules; drawn last, one of them alone would be the run's tail. Without xdist the order is untouched."""
    if not hasattr(config, "workerinput"):
        return

    def rank(item: pytest.Item) -> int:
        return 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2

    module: dict[str, int] = {}
    for item in items:
        path = item.nodeid.split("::", 1)[0]
        module[path] = min(module.get(path, 2), rank(item))
    items.sort(key=lambda item: module[item.nodeid.split("::", 1)[0]])     # stable: each module keeps its order


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


@pytest.fixture(scope="module")
def scorer() -> Scorer:
    """The process-wide sentiment scorer (lexicons parsed once)."""
    return default_scorer()


def rules_of(score: Score) -> str:
    """A score's rules as one string: `"mocking" in rules_of(score)`."""
    return " ".join(t.rule for t in score.terms)


@pytest.fixture(scope="session")
def demo_collected(tmp_path_factory: pytest.TempPathFactory) -> CollectedDemo:
    """The demo at a tenth of its size (every format, hostile item, API mode and both competitors' blogs),
    generated, served on 127.0.0.1 and collected once per session: the thread, competitor and site tests
    all read it. Read-only: a test that must change it works on its own copy (shutil.copytree)."""
    base = tmp_path_factory.getbasetemp()
    if os.environ.get("PYTEST_XDIST_WORKER"):
        base = base.parent                            # the folder every worker's own basetemp is in
    return collected_once(base / "demo-collected")


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
