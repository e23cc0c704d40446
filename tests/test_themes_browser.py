"""The Themes page in Debian chromium, served from 127.0.0.1: fits a 390 px phone, draws its chart, runs
nothing from hostile examples and requests nothing off loopback."""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import urlsplit

import pytest

from scripts.build.site import build_site
from tests import browserkit
from tests.test_themes_page import NOW, _config, _db

pytestmark = pytest.mark.browser


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    tmp = tmp_path_factory.mktemp("themes-browser")
    build_site(_config(tmp, "es"), _db(tmp / "pulso.duckdb"), tmp / "site", now=NOW)
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Quiet, directory=str(tmp / "site")))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}/"
    server.shutdown()
    server.server_close()


@pytest.mark.parametrize("width", [390, 1280])
def test_themes_page_in_a_browser(base: str, width: int):
    offsite, errors = [], []
    with browserkit.chromium() as browser:
        context = browser.new_context(viewport={"width": width, "height": 900})
        try:
            def route(r):
                if urlsplit(r.request.url).hostname != "127.0.0.1":
                    offsite.append(r.request.url)
                    return r.abort()
                return r.continue_()

            context.route("**/*", route)
            page = context.new_page()
            page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
            page.goto(base + "themes.html", wait_until="networkidle")
            assert page.evaluate("document.documentElement.scrollWidth") <= width
            assert page.evaluate("window.__xss") is None
            assert page.locator("img[src$='themes-weeks.svg']").evaluate("i => i.naturalWidth") > 0
            assert page.get_by_text("cobro duplicado").first.is_visible()
        finally:
            context.close()
    assert offsite == [] and errors == []
