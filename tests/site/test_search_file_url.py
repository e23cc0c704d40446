"""Search on the built site opened from disk (file://), in Debian chromium: Pulso's own Worker stand-in at work.

Browsers refuse to start Material's search worker from a file:// URL; site_src/assets/iframe-worker.js
runs it in a hidden iframe instead. The page may load nothing over the network: every http(s) request
is refused, so a CDN copy of a shim (the offline plugin's default) could not help.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import browserkit


pytestmark = pytest.mark.browser



@pytest.fixture(scope="module")
def chromium() -> Iterator[object]:
    with browserkit.chromium() as browser:
        yield browser


def test_search_works_from_a_site_opened_from_disk(build_fixture_site, chromium) -> None:
    site, _ = build_fixture_site("es")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert 'src="assets/iframe-worker.js"' in html and "unpkg" not in html
    context = chromium.new_context()
    network: list[str] = []

    def refuse_network(route) -> None:
        network.append(route.request.url)
        route.abort()

    context.route(lambda url: urlsplit(url).scheme in ("http", "https"), refuse_network)
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        page.goto((site / "index.html").as_uri(), wait_until="load")
        assert page.evaluate("location.protocol") == "file:"
        assert page.evaluate("window.Worker === window.IFrameWorker")
        search = page.locator("input.md-search__input")
        search.click()
        search.press_sequentially("atencion", delay=30)   # Material reacts to key events, not to fill()
        page.locator(".md-search-result__item").first.wait_for(timeout=10_000)
        assert "atención" in page.locator(".md-search-result").inner_text().lower()
        assert page.evaluate("window.__xss") is None
    finally:
        context.close()
    assert network == []
    assert errors == []
