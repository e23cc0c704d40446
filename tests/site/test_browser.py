"""The built site in a real browser (Debian chromium via Playwright), served from 127.0.0.1.

Every page must load with no console error and no request leaving loopback, draw every chart,
find "atención" when searching "atencion", execute nothing from hostile comments, and fit a 390 px
phone screen. Screenshots go to test-artifacts/screenshots/ for a human to look at.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests import browserkit


pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PAGES = ("index.html", "responses.html", "sentiment.html", "sources/index.html", "sources/blog-a.html",
         "weekly/index.html", "health.html", "method.html")
LOOPBACK = {"127.0.0.1", "localhost", "::1"}


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    with browserkit.chromium() as chromium:
        yield chromium


def _serve(site: Path) -> tuple[ThreadingHTTPServer, str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}/"


@pytest.fixture(scope="module", params=["es", "en"])
def served(request: pytest.FixtureRequest, build_fixture_site) -> Iterator[tuple[str, str]]:
    site, _ = build_fixture_site(request.param)
    server, base = _serve(site)
    yield request.param, base
    server.shutdown()
    server.server_close()


class Visit:
    """A browser context that refuses every non-loopback request and records console errors."""

    def __init__(self, browser, *, width: int = 1280, height: int = 900) -> None:
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.offsite: list[str] = []
        self.errors: list[str] = []
        self.context.route("**/*", self._guard)
        self.page = self.context.new_page()
        self.page.on("console", lambda msg: self.errors.append(msg.text) if msg.type == "error" else None)
        self.page.on("pageerror", lambda exc: self.errors.append(str(exc)))

    def _guard(self, route) -> None:
        url = route.request.url
        parts = urlsplit(url)
        if parts.scheme in ("data", "blob") or parts.hostname in LOOPBACK:
            route.continue_()
        else:
            self.offsite.append(url)
            route.abort()

    def open(self, url: str) -> None:
        self.page.goto(url, wait_until="load")
        self.page.wait_for_load_state("networkidle")

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def visit(browser) -> Iterator[Visit]:
    v = Visit(browser)
    yield v
    v.close()


def _shot(page, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), full_page=True)


@pytest.mark.parametrize("path", PAGES)
def test_page_loads_offline_with_every_chart_drawn(served, visit: Visit, path: str) -> None:
    lang, base = served
    visit.open(base + path)
    page = visit.page
    specs = page.locator("script.pulso-spec").count()
    if specs:
        page.wait_for_function(
            "n => document.querySelectorAll('.pulso-chart--live .pulso-live svg').length >= n", arg=specs,
            timeout=15_000)
    broken = page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(img => { img.scrollIntoView(); return !(img.complete && img.naturalWidth > 0); })
        .map(img => img.getAttribute('src'))""")
    page.wait_for_timeout(200)
    broken = page.evaluate("""() => [...document.querySelectorAll('article img')]
        .filter(img => !(img.complete && img.naturalWidth > 0)).map(img => img.getAttribute('src'))""")
    assert broken == []
    empty_live = page.evaluate("""() => [...document.querySelectorAll('.pulso-live svg')]
        .filter(svg => svg.getBBox().width === 0 || svg.querySelectorAll('path, rect, symbol').length === 0).length""")
    assert empty_live == 0
    page.evaluate("window.scrollTo(0, 0)")
    _shot(page, f"{lang}-{path.replace('/', '-').replace('.html', '')}.png")
    assert visit.offsite == []
    assert visit.errors == []


def test_search_without_accents_finds_accented_words(served, visit: Visit) -> None:
    lang, base = served
    visit.open(base + "index.html")
    page = visit.page
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("atencion", delay=30)   # Material reacts to key events, not to fill()
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    assert "atención" in page.locator(".md-search-result").inner_text().lower()
    assert page.evaluate("window.__xss") is None     # result snippets carry the hostile comment, as text
    _shot(page, f"{lang}-search-atencion.png")
    assert visit.offsite == [] and visit.errors == []


def test_hostile_comment_executes_nothing_and_reads_as_text(served, visit: Visit) -> None:
    _, base = served
    for path in ("responses.html", "sentiment.html", "sources/blog-a.html", "health.html"):
        visit.open(base + path)
        page = visit.page
        page.mouse.move(5, 5)
        page.locator("td").first.hover()
        assert page.evaluate("window.__xss") is None, path
    visit.open(base + "responses.html")
    cell = visit.page.get_by_text("<script>window.__xss=2</script>", exact=False).first
    assert cell.is_visible()
    assert "<img src=x onerror=" in cell.inner_text()
    assert visit.offsite == []


def test_phone_screen_has_no_horizontal_scroll(served, browser) -> None:
    lang, base = served
    v = Visit(browser, width=390, height=844)
    try:
        for path in PAGES:
            v.open(base + path)
            width = v.page.evaluate("document.documentElement.scrollWidth")
            if path in ("index.html", "responses.html"):
                _shot(v.page, f"{lang}-mobile-{path.replace('.html', '')}.png")
            assert width <= 390, (path, width)
        assert v.offsite == [] and v.errors == []
    finally:
        v.close()
