"""`build_site` on the hand-built fixture: every page exists, nothing points off-site, text is escaped."""

from __future__ import annotations

import csv
import io
import re
from datetime import timedelta
from pathlib import Path

import pytest

from scripts.build.site import build_site
from tests.site.dbkit import NOW, MiniDB, hours_ago, make_config

PAGES = ("index.html", "responses.html", "sentiment.html", "themes.html", "competitors.html", "sources/index.html",
         "sources/blog-a.html", "sources/noticias-b.html", "weekly/index.html", "health.html", "method.html")
EXTERNAL = re.compile(r"""(?:src|href)\s*=\s*["']?(?:https?:)?//(?!127\.0\.0\.1)""", re.I)


def html(site: Path, page: str) -> str:
    return (site / page).read_text(encoding="utf-8")


def test_every_page_and_chart_is_built(build_fixture_site) -> None:
    site, report = build_fixture_site("es")
    for page in PAGES:
        assert (site / page).is_file(), page
    weeks = list((site / "weekly").glob("20*-W*.html"))   # one summary page per ISO week since the data began
    assert len(weeks) >= 8
    assert report.pages == len(PAGES) + len(weeks)
    assert report.charts == len(list((site / "charts").glob("*.svg"))) > 10
    assert set(report.timings) == {"queries", "charts", "pages", "mkdocs"}
    assert (site / "assets" / "vendor" / "vega-bundle.js").stat().st_size > 500_000
    assert (site / "search" / "search_index.js").is_file()


def test_no_page_loads_anything_from_another_host(build_fixture_site) -> None:
    site, _ = build_fixture_site("es")
    for path in site.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        # feed links (<a href>) are fine; nothing the browser would load on its own
        loaded = [m for m in re.findall(r"<(?:script|link|img|iframe)[^>]*>", text) if EXTERNAL.search(m)]
        assert loaded == [], (path, loaded)
        assert "fonts.googleapis" not in text and "unpkg.com" not in text


def test_hostile_feed_text_is_shown_as_text(build_fixture_site) -> None:
    site, _ = build_fixture_site("es")
    for page in ("responses.html", "sentiment.html", "sources/blog-a.html", "health.html"):
        text = html(site, page)
        for raw in ("<script>window.__xss", "<img src=x", "<b onmouseover", "onerror=\"window"):
            assert raw not in text, (page, raw)
    assert "&lt;script&gt;window.__xss=2&lt;/script&gt;" in html(site, "responses.html")
    assert "troll@example.com" not in html(site, "responses.html")
    assert 'href="javascript:' not in "".join(html(site, p) for p in PAGES)


def test_overview_states_freshness_and_compares_two_weeks_in_spanish(build_fixture_site) -> None:
    site, report = build_fixture_site("es")
    text = html(site, "index.html")
    assert "Datos hasta" in text and "25 nov 2026" in text
    assert "Esta semana frente a la anterior" in text and "mismo tramo de la semana anterior" in text
    assert "Tasa de respuesta" in text and "Fuera de plazo" in text
    assert report.stale is False and "desactualizados" not in text
    assert '<html lang="es"' in text


def test_english_site_uses_english_labels_and_numbers(build_fixture_site) -> None:
    site, _ = build_fixture_site("en")
    text = html(site, "index.html")
    assert '<html lang="en"' in text
    assert "This week vs last week" in text and "Data up to" in text
    assert ">Response gaps<" in text or "Response gaps" in text
    assert "week " in html(site, "responses.html")


def test_queue_page_is_capped_and_the_csv_has_every_row(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("scripts.queries.QUEUE_ROWS", 5)   # the cap is applied when the queue is read
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True).post("p1", "blog-a", hours_ago(200))
    for i in range(12):
        db.comment(f"c{i:02}", "p1", hours_ago(100 - i), text=f"=cmd {i} ana@example.com")
    db.fetch("blog-a", "https://blog-a.example.com/feed/", hours_ago(1))
    site = tmp_path / "site"
    build_site(make_config(tmp_path), db.close(), site, now=NOW)
    text = html(site, "responses.html")
    assert "Mostrando 5 de 12." in text
    rows = list(csv.DictReader(io.StringIO((site / "responses" / "open-queue.csv").read_text(encoding="utf-8-sig")),
                               delimiter=";"))
    assert len(rows) == 12
    # the CSV keeps the queue's order: the most recently overdue first
    assert rows[0]["Texto"].startswith("'=cmd 11") and "@" not in rows[0]["Texto"]


def test_stale_data_shows_a_warning(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True).post("p1", "blog-a", hours_ago(100))
    db.fetch("blog-a", "https://blog-a.example.com/feed/", NOW - timedelta(hours=40))
    site = tmp_path / "site"
    report = build_site(make_config(tmp_path), db.close(), site, now=NOW)
    assert report.stale
    assert "Datos desactualizados" in html(site, "index.html")
    assert "Datos desactualizados" in html(site, "health.html")


def test_an_empty_database_still_builds(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True)
    site = tmp_path / "site"
    report = build_site(make_config(tmp_path), db.close(), site, now=NOW)
    assert report.stale
    assert "Todavía no hay ninguna lectura correcta" in html(site, "index.html")
    assert "No hay comentarios pendientes" in html(site, "responses.html")


def test_search_index_carries_accent_folded_copies(build_fixture_site) -> None:
    site, _ = build_fixture_site("es")
    index = (site / "search" / "search_index.json").read_text(encoding="utf-8")
    assert '"title_folded"' in index and "atencion" in index


def test_a_source_whose_feed_failed_last_is_named_on_the_overview(build_fixture_site) -> None:
    site, report = build_fixture_site("es")
    html = (site / "index.html").read_text(encoding="utf-8")
    assert not report.stale                     # other feeds are fresh: the site is published, not stale
    assert "Sin datos nuevos de estas fuentes (su última lectura falló): noticias-b." in html
    assert "blog-a." not in html.split("Sin datos nuevos")[1].split("</p>")[0]


def test_most_negative_items_say_why_they_are_negative(build_fixture_site) -> None:
    site, _ = build_fixture_site("es")
    page = (site / "sentiment.html").read_text(encoding="utf-8")
    assert "<th>Por qué</th>" in page
    cells = page.split('class="pulso-why">')[1:]
    reasons = [cell.split("</td>")[0] for cell in cells]
    assert "«Pésima» y «!» la hacen negativa" in reasons   # words, in the site language, no raw weights
    assert not any("(-" in r for r in reasons)
    assert all(reasons)   # never an empty cell: terms, a manual label, or "no lexicon term"


def test_a_source_whose_threads_came_from_feeds_is_marked_possibly_incomplete_on_estado(tmp_path: Path) -> None:
    db = MiniDB(tmp_path / "t.duckdb")
    db.source("blog-a", owned=True).post("p1", "blog-a", hours_ago(20))
    db.fetch("blog-a", "https://blog-a.example.com/feed/", hours_ago(1))
    db.con.execute("UPDATE sources SET platform = 'wordpress', threads_via = 'feeds', threads_note = "
                   "'the REST API refused access (HTTP 401)' WHERE source_id = 'blog-a'")
    site = tmp_path / "site"
    build_site(make_config(tmp_path), db.close(), site, now=NOW)
    text = html(site, "health.html")
    assert "Hilos posiblemente incompletos." in text and "HTTP 401" in text
