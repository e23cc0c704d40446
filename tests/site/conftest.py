"""Built sites for the build and browser tests: the hostile, accented fixture database, per language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.build.site import BuildReport, build_site
from tests.site.dbkit import NOW, make_config, site_fixture


@pytest.fixture(scope="session")
def build_fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Callable[[str], tuple[Path, BuildReport]]:
    """Build the fixture site once per language; returns (site dir, report)."""
    built: dict[str, tuple[Path, BuildReport]] = {}

    def build(language: str) -> tuple[Path, BuildReport]:
        if language not in built:
            tmp = tmp_path_factory.mktemp(f"site-{language}")
            db = site_fixture(tmp / "pulso.duckdb")
            config = make_config(tmp, language=language, sources=(("blog-a", True), ("noticias-b", False)))
            out = tmp / "site"
            built[language] = (out, build_site(config, db, out, now=NOW))
        return built[language]

    return build


@pytest.fixture(scope="session")
def demo_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as `pulso demo` makes it (generated, served on 127.0.0.1, collected over HTTP, built), at a
    tenth of its size: every page kind a real site has (source, weekly, Estado with failing feeds), once
    per test session."""
    from datetime import UTC, datetime

    from collector import collect_into, load_config
    from pulso.demo.generate import generate
    from pulso.demo.server import serve_demo

    root = tmp_path_factory.mktemp("demo-site")
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)   # as `pulso demo`: its now is the present
    with serve_demo(root / "feeds") as servers:
        generate(root / "feeds", servers.base_url, blogger_url=servers.blogger_url, scale=0.1, end=end)
        config = load_config(root / "feeds" / "monitor.toml")
        collect_into(config, root / "pulso.duckdb")
    build_site(config, root / "pulso.duckdb", root / "site")
    return root / "site"
