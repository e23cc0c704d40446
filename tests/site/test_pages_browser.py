"""Every page of a demo site in a real browser (Debian chromium via Playwright, served from 127.0.0.1), at a
phone's 390 px and a laptop's 1366 px: nothing wider than the screen, no table column pushed out of sight,
no chart label cut at the chart's edge, KPI cards with their direction, and a search for a comment's author
that lands on that comment. Screenshots of the main pages at both widths go to test-artifacts/screenshots/.
"""

from __future__ import annotations

import functools
import json
import re
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests import browserkit

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PHONE, LAPTOP = 390, 1366

# Elements reaching past the right edge of the screen, unless inside a horizontally scrollable container
# (overflow-x auto/scroll) that itself fits: a wide table may scroll inside its own box, never the page.
TOO_WIDE = """(vw) => {
  const scrolls = el => { for (let p = el.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p).overflowX;
      if ((s === 'auto' || s === 'scroll') && p.getBoundingClientRect().right <= vw + 0.5) return true; }
    return false; };
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const r = el.getBoundingClientRect();
    if (r.width === 0 || r.height === 0 || r.right <= vw + 0.5 || scrolls(el)) continue;
    wide.push(`${el.tagName.toLowerCase()}.${el.className} right=${Math.round(r.right)}`);
  }
  return {page: document.scrollingElement.scrollWidth, wide: wide.slice(0, 5)};
}"""
# Table cells whose right edge lies beyond what their scroll container (or the screen) shows.
HIDDEN_CELLS = """(vw) => {
  const hidden = [];
  for (const cell of document.querySelectorAll('article th, article td')) {
    const r = cell.getBoundingClientRect();
    if (r.width === 0) continue;
    let edge = vw;
    for (let p = cell.parentElement; p && p !== document.body; p = p.parentElement) {
      const s = getComputedStyle(p).overflowX;
      if (s !== 'visible') {
        const b = p.getBoundingClientRect(); edge = Math.min(edge, b.left + p.clientWidth); break; }
    }
    if (r.right > edge + 0.5)
      hidden.push(`${cell.textContent.trim().slice(0, 30)} right=${Math.round(r.right)} > ${Math.round(edge)}`);
  }
  return hidden.slice(0, 5);
}"""
# Boxes in the page that scroll sideways at this width (a table wider than its box hides its last columns).
SCROLLING = """() => [...document.querySelectorAll('article *')].filter(el => {
    const s = getComputedStyle(el).overflowX;
    return (s === 'auto' || s === 'scroll') && el.scrollWidth > el.clientWidth + 1; })
  .map(el => `${el.tagName.toLowerCase()}.${el.className} ${el.scrollWidth} > ${el.clientWidth}`)"""
# Text of an SVG drawn outside the SVG's own box (cut off when shown).
CLIPPED_TEXT = """(svg) => {
  const box = svg.getBoundingClientRect();
  return [...svg.querySelectorAll('text')].filter(t => t.textContent.trim())
    .map(t => [t.textContent, t.getBoundingClientRect()])
    .filter(([_, r]) => r.width > 0 && (r.left < box.left - 0.5 || r.right > box.right + 0.5 || r.top < box.top - 0.5
                                        || r.bottom > box.bottom + 0.5))
    .map(([s, r]) => `${s} [${Math.round(r.left - box.left)}..${Math.round(r.right - box.left)}`
                     + ` of ${Math.round(box.width)}]`);
}"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def served(demo_site: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(demo_site)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with browserkit.chromium() as chromium:
        yield chromium


def _page(browser: Any, width: int) -> Any:
    context = browser.new_context(viewport={"width": width, "height": 844 if width == PHONE else 900})
    context.route("**/*", lambda route: route.continue_() if route.request.url.startswith(("http://127.0.0.1", "data:",
                                                                                           "blob:")) else route.abort())
    return context.new_page()


def _open(page: Any, url: str) -> None:
    page.goto(url, wait_until="load")
    page.wait_for_load_state("networkidle")


def site_pages(demo_site: Path) -> list[str]:
    """Every page in the navigation, plus one source page and the latest weekly page (linked from their index)."""
    index = (demo_site / "index.html").read_text(encoding="utf-8")
    nav = re.findall(r'<a href="([^"#]+\.html)" class="md-nav__link', index)
    pages = list(dict.fromkeys(p.removeprefix("./") for p in nav))
    source = re.search(r'<a href="([^"]+\.html)">', (demo_site / "sources" / "index.html").read_text(encoding="utf-8")
                       .split("<table", 1)[1])
    weekly = re.search(r'href="(\d{4}-W\d\d\.html)"', (demo_site / "weekly" / "index.html").read_text(encoding="utf-8"))
    assert source and weekly, "the demo has source and weekly pages"
    return [*pages, f"sources/{source.group(1)}", f"weekly/{weekly.group(1)}"]


@pytest.fixture(scope="module")
def pages(demo_site: Path) -> list[str]:
    found = site_pages(demo_site)
    assert {"index.html", "responses.html", "sentiment.html", "health.html", "method.html"} <= set(found)
    return found


def _name(path: str) -> str:
    return {"index.html": "overview"}.get(path, path.removesuffix(".html").replace("/", "-"))


def test_no_page_is_wider_than_a_phone_screen(served: str, browser: Any, pages: list[str]) -> None:
    page = _page(browser, PHONE)
    problems = {}
    for path in pages:
        _open(page, served + path)
        found = page.evaluate(TOO_WIDE, PHONE)
        if found["page"] > PHONE or found["wide"]:
            problems[path] = found
    page.context.close()
    assert problems == {}


def test_no_table_column_is_out_of_sight_at_laptop_width(served: str, browser: Any, pages: list[str]) -> None:
    page = _page(browser, LAPTOP)
    problems = {}
    for path in pages:
        _open(page, served + path)
        assert page.evaluate("document.scrollingElement.scrollWidth") <= LAPTOP, path
        hidden = page.evaluate(HIDDEN_CELLS, LAPTOP) + page.evaluate(SCROLLING)
        if hidden:
            problems[path] = hidden
    page.context.close()
    assert problems == {}


def test_no_chart_label_is_cut_at_the_charts_edge(served: str, browser: Any, pages: list[str]) -> None:
    page = _page(browser, LAPTOP)
    charts: set[str] = set()
    for path in pages:
        _open(page, served + path)
        charts |= set(page.evaluate("""() => [...document.querySelectorAll('article img')]
            .map(img => img.src).filter(src => /\\/charts\\/[^/]+\\.svg$/.test(src))"""))
    assert len(charts) >= 8
    clipped = {}
    for url in sorted(charts):
        # a chart file is one SVG document, no script or linked resource: laid out once it has loaded and its
        # fonts are ready (networkidle would only add its 500 ms of quiet per chart)
        page.goto(url, wait_until="load")
        page.evaluate("document.fonts.ready.then(() => true)")
        cut = page.evaluate(CLIPPED_TEXT, page.locator("svg").first.element_handle())
        if cut:
            clipped[url.rsplit("/", 1)[1]] = cut
    page.context.close()
    assert clipped == {}


def test_every_kpi_card_says_which_way_its_number_went(served: str, browser: Any) -> None:
    page = _page(browser, LAPTOP)
    _open(page, served + "index.html")
    signals = page.evaluate("""() => [...document.querySelectorAll('.pulso-kpi')].map(card =>
        [...card.classList].filter(c => /^pulso-kpi--(good|bad|flat|neutral)$/.test(c)))""")
    page.context.close()
    assert len(signals) >= 6
    assert all(len(classes) == 1 for classes in signals), signals


def test_a_source_pages_open_count_opens_the_queue_filtered_to_that_source(served: str, browser: Any,
                                                                          demo_site: Path) -> None:
    page = _page(browser, LAPTOP)
    _open(page, served + "sources/index.html")
    sources = page.evaluate("() => [...document.querySelectorAll('td a[href$=\".html\"]')].map(a => a.href)")
    shown = None
    for url in sources:
        _open(page, url)
        link = page.locator("a[href*='responses.html?source=']")
        if link.count():
            wanted = link.first.get_attribute("href").split("source=", 1)[1].split("#", 1)[0]
            link.first.click()
            page.wait_for_load_state("load")
            shown = page.evaluate("""() => [...document.querySelectorAll('#pulso-queue > li.pulso-q')]
                .filter(li => !li.hidden).map(li => li.getAttribute('data-source'))""")
            if shown:
                break
    page.context.close()
    assert shown, "no source page links to a non-empty filtered queue"
    assert set(shown) == {__import__("urllib.parse").parse.unquote(wanted)}


def _searchable_item(demo_site: Path) -> tuple[str, str]:
    """(author, anchor) of a queue item whose author is named in as few search entries as possible."""
    index = json.loads((demo_site / "search" / "search_index.json").read_text(encoding="utf-8"))
    items = [doc for doc in index["docs"] if doc["location"].startswith("responses.html#")
             and len(doc["title"].split(" · ")) == 3]
    assert items, "the queue's items are search entries"

    def mentions(author: str) -> int:
        return sum(author in doc["title"] or author in doc["text"] for doc in index["docs"])

    best = min(items, key=lambda doc: (mentions(doc["title"].split(" · ")[0]), doc["location"]))
    return best["title"].split(" · ")[0], best["location"].split("#")[1]


def test_searching_a_comment_authors_name_lands_on_that_comment(served: str, browser: Any, demo_site: Path) -> None:
    author, anchor = _searchable_item(demo_site)
    page = _page(browser, LAPTOP)
    _open(page, served + "index.html")
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially(author, delay=30)          # Material reacts to key events, not to fill()
    # Material's links carry the highlight query: responses.html?h=…#anchor
    result = page.locator(f'a.md-search-result__link[href*="responses.html"][href$="#{anchor}"]').first
    result.wait_for(timeout=15_000)
    assert author in result.inner_text()
    result.click()
    page.wait_for_url(lambda url: "/responses.html" in url and url.endswith(f"#{anchor}"))
    box = page.evaluate("""(id) => { const el = document.getElementById(id), r = el.getBoundingClientRect();
        return [r.top, r.bottom, window.innerHeight, el.matches('li.pulso-q'), el.textContent]; }""", anchor)
    page.context.close()
    top, bottom, height, is_item, text = box
    assert is_item and author in text                # that comment, not a section of the page
    assert 0 <= top < height and bottom > 0, box     # and it is on screen


@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_screenshots_of_the_main_pages(served: str, browser: Any, pages: list[str], width: int) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    wanted = ["index.html", "responses.html", "sentiment.html",
              next(p for p in pages if p.startswith("sources/") and p != "sources/index.html"),
              next(p for p in pages if p.startswith("weekly/") and p != "weekly/index.html")]
    page = _page(browser, width)
    for path in wanted:
        _open(page, served + path)
        # shown images only: a live chart hides its SVG <img>, which then never loads (loading=lazy)
        unloaded = page.evaluate("""async () => {
            const shown = [...document.querySelectorAll('article img')].filter(img => img.getClientRects().length);
            for (const img of shown) {
              img.scrollIntoView();
              if (!img.complete) await Promise.race([new Promise(done => {
                img.addEventListener('load', done); img.addEventListener('error', done); }),
                new Promise(done => setTimeout(done, 5000))]); }
            window.scrollTo(0, 0);
            return shown.filter(img => !img.naturalWidth).map(img => img.src); }""")
        assert unloaded == [], path       # lazy charts are drawn in the screenshot too
        page.wait_for_timeout(300)
        kind = path.split("/")[0] if path.startswith(("sources/", "weekly/")) else path   # one of each
        target = SHOTS / f"demo-{width}-{_name(kind)}.png"
        page.screenshot(path=str(target), full_page=True)
        assert target.stat().st_size > 10_000
    page.context.close()
