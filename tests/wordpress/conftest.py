"""Fixtures for tests that need a real WordPress: one database server per session, a fresh blog per test."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.wordpress.harness import Blog, WordPressServer


def pytest_configure(config: pytest.Config) -> None:
    # Registered here because pyproject.toml belongs to the lead; --strict-markers needs it.
    config.addinivalue_line("markers", "wordpress: starts a real WordPress (Debian packages, mariadbd, php -S)")


@pytest.fixture(scope="session")
def wordpress() -> Iterator[WordPressServer]:
    """Started once (~2 s); add_blog() is ~1 s more. Raises WordPressUnavailable if the packages are missing."""
    with WordPressServer() as server:
        yield server


@pytest.fixture
def blog(wordpress: WordPressServer) -> Iterator[Blog]:
    """A fresh, empty blog on the next free loopback address, stopped after the test."""
    site = wordpress.add_blog()
    yield site
    site.close()
