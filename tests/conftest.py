"""Shared fixtures: a real HTTP server on 127.0.0.1, real config files and DuckDB files in tmp dirs."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.config import load_config
from collector.fetching.client import FetchPolicy
from collector.storage import store
from tests import loopback_guard
from tests.demokit import CollectedDemo, collect_demo
from tests.feedserver import FeedServer

loopback_guard.install()
FIXTURES = Path(__file__).parent / "fixtures"
# Blogger's feed host is a loopback stand-in in tests: links to www.blogger.com in fixtures are refused.
TEST_COLLECT = '\n[collect]\nblogger_feed_host = "127.0.0.3"\n'
FAST = FetchPolicy(backoff=0.01, connect_timeout=2, read_timeout=2, total_timeout=5, max_retry_after=2)


# Under pytest-xdist (`make test`: -n 2 --dist loadgroup --no-loadscope-reorder) a session fixture is built once
# per worker that needs it: the tests reading one are sent to one worker, and every module stays whole on one
# worker so its module-scoped fixtures are built once too.
SHARED_GROUPS = {"demo_collected": "demo-collected", "wordpress": "wordpress"}


def _xdist_group(item: pytest.Item) -> str:
    names = getattr(item, "fixturenames", ())
    return next((group for fixture, group in SHARED_GROUPS.items() if fixture in names),
                item.nodeid.split("::", 1)[0])


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Groups for xdist, longest first: the worker that draws a slow test (crash loops, wheel install) or a
    browser module early has time to finish it while the other works through the many quick modules;
    drawn last, one of them alone would be the run's tail. Without xdist the order is untouched."""
    if not getattr(config.option, "loadgroup", False):
        return
    groups = {item: _xdist_group(item) for item in items}
    weight: dict[str, int] = {}
    for item in items:
        rank = 0 if item.get_closest_marker("slow") else 1 if item.get_closest_marker("browser") else 2
        weight[groups[item]] = min(weight.get(groups[item], rank), rank)
    items.sort(key=lambda item: weight[groups[item]])          # stable: each group keeps its own order
    for item in items:
        item.add_marker(pytest.mark.xdist_group(groups[item]))


@pytest.fixture
def server() -> Iterator[FeedServer]:
    srv = FeedServer()
    yield srv
    srv.close()


@pytest.fixture(scope="session")
def demo_collected(tmp_path_factory: pytest.TempPathFactory) -> CollectedDemo:
    """The demo at a tenth of its size (every format, hostile item, API mode and both competitors' blogs),
    generated, served on 127.0.0.1 and collected once per session: the thread, competitor and site tests
    all read it. Read-only: a test that must change it works on its own copy (shutil.copytree)."""
    return collect_demo(tmp_path_factory.mktemp("demo-collected"))


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
