"""Built sites for the build and browser tests: the hostile, accented fixture database, per language."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from scripts.build.site import BuildReport, build_site
from tests.demokit import CollectedDemo
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
def demo_site(demo_collected: CollectedDemo, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The demo as `pulso demo` makes it (generated, served on 127.0.0.1, collected over HTTP, built), at a
    tenth of its size: every page kind a real site has (source, weekly, Estado with failing feeds), built
    once per test session from the session's collected demo."""
    from collector import load_config

    out = tmp_path_factory.mktemp("demo-site") / "site"
    build_site(load_config(demo_collected.config), demo_collected.db, out)
    return out
