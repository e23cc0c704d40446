"""The e-mail HTML opened in Debian chromium at 600 px, light and dark: fits, draws its chart, runs nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from scripts.weekly import render
from tests import browserkit
from tests.site.dbkit import make_config, site_fixture
from tests.weeklykit import locale, summary_for

pytestmark = pytest.mark.browser

SHOTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "screenshots"


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_email_html_reads_at_600px_in_chromium_with_its_chart_and_no_outside_requests(tmp_path, scheme):
    db = site_fixture(tmp_path / "p.duckdb")
    config = make_config(tmp_path, sources=(("blog-a", True), ("noticias-b", False)))
    summary = summary_for(db, config, "2026-W48")
    L = locale(config)
    page_file = tmp_path / "weekly.html"
    page_file.write_text(render.html_email(summary, L, config, image_src=render.data_uri(render.trend_png(summary, L))),
                         encoding="utf-8")
    SHOTS.mkdir(parents=True, exist_ok=True)
    with browserkit.chromium() as browser:
        page = browser.new_page(viewport={"width": 600, "height": 900}, color_scheme=scheme,
                                java_script_enabled=True)
        requests: list[str] = []
        page.on("request", lambda r: requests.append(r.url))
        page.goto(page_file.as_uri())
        page.wait_for_load_state("load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 600, "no horizontal scroll at 600 px"
        width = page.evaluate("document.querySelector('img.chart').naturalWidth")
        assert width > 500, "the inline PNG chart decoded"
        assert page.evaluate("typeof window.__xss") == "undefined"
        assert all(u.startswith(("file://", "data:")) for u in requests), requests
        if scheme == "dark":
            bg = page.evaluate("getComputedStyle(document.querySelector('.wrap')).backgroundColor")
            assert bg == "rgb(23, 24, 28)", bg
        page.screenshot(path=str(SHOTS / f"weekly-email-600-{scheme}.png"), full_page=True)
