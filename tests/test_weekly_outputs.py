"""The summary in words: chat Markdown, e-mail HTML (inlined CSS, inline PNG, no script), Atom feed."""

from __future__ import annotations

import base64
import re

import feedparser
import pytest

from scripts.weekly import render
from tests.site.dbkit import XSS_TEXT, make_config, site_fixture
from tests.weeklykit import locale, summary_for, weekly_data


@pytest.fixture(scope="module")
def fixture_db(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("weekly")
    return site_fixture(tmp / "p.duckdb"), tmp


@pytest.mark.parametrize("language", ["es", "en"])
def test_chat_markdown_has_verdict_numbers_and_links_in_the_site_language(fixture_db, language):
    db, tmp = fixture_db
    config = make_config(tmp, language=language, sources=(("blog-a", True), ("noticias-b", False)))
    text = render.markdown(summary_for(db, config, "2026-W48"), locale(config), config)
    assert ("Resumen semanal" if language == "es" else "Weekly summary") in text
    assert ("Semana en curso" if language == "es" else "Week in progress") in text
    assert ("Cifras clave" if language == "es" else "Key numbers") in text
    assert "](https://blog-a.example.com/" in text


def test_hostile_feed_text_stays_text_in_markdown_and_html(fixture_db):
    db, tmp = fixture_db
    config = make_config(tmp, sources=(("blog-a", True), ("noticias-b", False)))
    summary = summary_for(db, config, "2026-W48")
    assert any("Pésima" in (e.text or "") for e in summary.examples), "the fixture's hostile comment is an example"
    md = render.markdown(summary, locale(config), config)
    html = render.html_email(summary, locale(config), config, image_src=None)
    for out in (md, html):
        assert "<script" not in out and "<img src=x" not in out and "javascript:" not in out
        assert "troll@example.com" not in out
    assert "&lt;script&gt;" in html
    assert XSS_TEXT not in md


def test_email_html_is_one_file_with_inlined_css_inline_png_and_no_script(fixture_db):
    db, tmp = fixture_db
    config = make_config(tmp, sources=(("blog-a", True), ("noticias-b", False)))
    summary = summary_for(db, config, "2026-W47")
    L = locale(config)
    png = render.trend_png(summary, L)
    assert png[:8] == b"\x89PNG\r\n\x1a\n"
    html = render.html_email(summary, L, config, image_src=render.data_uri(png))
    assert "<script" not in html.lower()
    assert re.search(r'<p class="verdict[^"]*" style="[^"]*font-weight: bold', html), "CSS is inlined"
    assert "@media (prefers-color-scheme: dark)" in html and 'name="color-scheme"' in html
    match = re.search(r'src="data:image/png;base64,([^"]+)"', html)
    assert match and base64.b64decode(match[1]) == png
    assert not re.search(r'(src|href)="(?!https?://|data:image/png|#)', html), "nothing else to fetch"


def test_atom_feed_of_the_summaries_parses_with_one_entry_per_week_newest_first(fixture_db):
    db, tmp = fixture_db
    config = make_config(tmp, sources=(("blog-a", True), ("noticias-b", False)))
    data = weekly_data(db, config)
    from scripts.weekly.summary import summarize, week_of, weeks_between

    weeks = weeks_between(data.first, week_of(data.now, data.tz))
    xml = render.atom_feed([summarize(data, w) for w in weeks], locale(config), config, now=data.now)
    feed = feedparser.parse(xml)
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert len(feed.entries) == len(weeks) >= 8
    assert feed.entries[0].link.endswith("2026-W48.html")
    assert feed.entries[0].id == "urn:pulso:acme:weekly:2026-W48"
    assert "semana 48" in feed.entries[0].title
    assert "<script" not in feed.entries[0].content[0].value
