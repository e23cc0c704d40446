"""The Themes page (Temas) built with real MkDocs from a real DuckDB file: counts, rising terms with
escaped, linked examples, the nav entry after Sentimiento, both languages, and the weekly topic lines."""

from __future__ import annotations

import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from collector import parse_config
from scripts.build.site import build_site
from tests.site.dbkit import MiniDB

NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)       # Wednesday of week 48
HOSTILE = '<img src=x onerror="window.__xss=1"> cobro duplicado'


def _db(path: Path) -> Path:
    db = MiniDB(path)
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", NOW - timedelta(days=30), title="Novedades", text="Nuevas tarifas", label="neu")
    for i in range(8):   # the four weeks before: calm
        db.comment(f"old{i}", "p1", NOW - timedelta(days=9 + 2 * i), text="Todo correcto con el router", label="pos")
    db.comment("w47", "p1", NOW - timedelta(days=8), text="Sin señal otra vez", label="neg")   # last week
    db.comment("c1", "p1", NOW - timedelta(hours=5), text="Me han cobrado dos veces: cobro duplicado", label="neg")
    db.comment("c2", "p1", NOW - timedelta(hours=4), text="Otro cobro duplicado en la FACTURA", label="neg")
    db.comment("c3", "p1", NOW - timedelta(hours=3), text=HOSTILE, label="neg", url="javascript:alert(1)")
    db.comment("c4", "p1", NOW - timedelta(hours=2), text="Sin cobertura en Cádiz", label="neu")
    db.fetch("blog-a", "https://blog-a.example.com/feed/", NOW - timedelta(hours=1))
    return db.close()


def _config(tmp: Path, language: str):
    return parse_config({
        "brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"], "timezone": "Europe/Madrid",
                  "language": language},
        "sources": [{"name": "blog-a", "url": "https://blog-a.example.com/feed/", "owned": True}],
        "themes": [{"name": "Facturación", "words": ["factura", "cobro", "me han cobrado"]},
                   {"name": "Cobertura", "words": ["cobertura", "sin señal"]}]}, tmp / "monitor.toml")


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory):
    sites = {}
    for language in ("es", "en"):
        tmp = tmp_path_factory.mktemp(f"themes-{language}")
        out = tmp / "site"
        build_site(_config(tmp, language), _db(tmp / "pulso.duckdb"), out, now=NOW, docs_dir=tmp / "docs")
        sites[language] = (out, tmp / "docs")
    return sites


def _rows(html: str) -> list[str]:
    return [re.sub(r"<[^>]+>", "|", row) for row in re.findall(r"<tr>(.*?)</tr>", html, flags=re.S)]


def test_themes_page_shows_this_weeks_hand_counts(built):
    html = (built["es"][0] / "themes.html").read_text(encoding="utf-8")
    assert "<h1" in html and "Temas" in html
    rows = _rows(html)
    # Facturación: c1, c2, c3 this week (3 negative of 3); Cobertura: c4 (neutral) and w47 last week (negative)
    assert any(r.startswith("|Facturación||3||0||3||100 %|") for r in rows), rows
    assert any(r.startswith("|Cobertura||1||1||2||50 %|") for r in rows), rows
    assert (built["es"][0] / "charts" / "themes-weeks.svg").is_file()


def test_rising_terms_have_counts_and_escaped_examples_with_safe_links(built):
    html = (built["es"][0] / "themes.html").read_text(encoding="utf-8")
    term_rows = [r for r in _rows(html) if r.startswith("|cobro duplicado|")]
    assert len(term_rows) == 2                    # all texts, and negative texts
    assert term_rows[0].startswith("|cobro duplicado||3|")
    assert 'onerror="window' not in html and "&lt;img src=x" in html
    assert "javascript:" not in html              # c3's link is dropped, its text kept
    assert html.count('href="https://blog-a.example.com/p#c2"') == 2


def test_ranking_is_explained_in_words(built):
    docs = (built["es"][1] / "themes.md").read_text(encoding="utf-8")
    assert "## Cómo se ordenan los términos" in docs and "stop-words" in docs and "al menos 3 textos" in docs


def test_nav_lists_themes_after_sentiment_in_both_languages(built):
    for language, (sentiment, themes) in {"es": ("Sentimiento", "Temas"), "en": ("Sentiment", "Themes")}.items():
        index = (built[language][0] / "index.html").read_text(encoding="utf-8")
        nav = re.findall(r'href="(sentiment|themes)\.html"[^>]*>\s*<span[^>]*>\s*([^<]+?)\s*<', index)
        titles = [title for _, title in nav]
        assert titles[:2] == [sentiment, themes], nav


def test_english_page_and_weekly_lines(built):
    en = (built["en"][0] / "themes.html").read_text(encoding="utf-8")
    assert "Configured themes by week" in en and "How terms are ranked" in en
    weekly = (built["es"][1] / "weekly" / "2026-W48.md").read_text(encoding="utf-8")
    # the only rising term, «cobro duplicado», is about Facturación: it adds nothing to the line
    assert "- De qué se habla: Facturación (3) y Cobertura (1)\n" in weekly
    assert "- De qué se quejan: Facturación (3)\n" in weekly


def test_theme_chart_keeps_the_config_order_and_colours():
    import pandas as pd

    from scripts.themes.chart import PALETTE, theme_lines

    frame = pd.DataFrame([{"week_start": pd.Timestamp("2026-11-16"), "week_label": "semana 47 (2026)", "theme": name,
                           "texts": n, "neg_share": share} for name, n, share in
                          (("Facturación", 3, 1.0), ("Cobertura", 0, None))])
    spec = theme_lines(frame, themes=["Facturación", "Cobertura"], title="t", x_title="x", y_title="y",
                       theme_title="Tema", neg_title="Negativos").to_dict()     # validated against the schema
    colour = spec["layer"][0]["encoding"]["color"]["scale"]
    assert colour == {"domain": ["Facturación", "Cobertura"], "range": list(PALETTE[:2])}
    assert {"field": "neg_share", "format": ".0%", "title": "Negativos", "type": "quantitative"} in \
        spec["layer"][1]["encoding"]["tooltip"]
