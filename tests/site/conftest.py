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
