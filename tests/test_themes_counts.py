"""Theme counts per ISO week (brand time zone) and sentiment label, from a real DuckDB file.

The database below is written by hand; every expected count is counted by hand from it."""

from __future__ import annotations

from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from collector import parse_config
from scripts.queries import open_database
from scripts.themes.data import load_topics
from tests.site.dbkit import MiniDB

W47, W48 = date(2026, 11, 16), date(2026, 11, 23)   # Mondays
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
THEMES = [{"name": "Facturación", "words": ["factura", "facturacion", "cobro", "me han cobrado"]},
          {"name": "Cobertura", "words": ["cobertura", "sin señal"]}]


def _config(tmp_path: Path):
    return parse_config({
        "brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"], "timezone": "Europe/Madrid"},
        "sources": [{"name": "blog-a", "url": "https://blog-a.example.com/feed/", "owned": True},
                    {"name": "news", "url": "https://news.example.com/feed/", "owned": False}],
        "themes": THEMES}, tmp_path / "monitor.toml")


def _db(path: Path) -> Path:
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("news", owned=False)
    at = lambda d, h, m=0: datetime(2026, 11, d, h, m, tzinfo=UTC)  # noqa: E731
    # week 47 (16–22 Nov, Madrid = UTC+1)
    db.post("p1", "blog-a", at(16, 9), title="FACTURACIÓN de noviembre", text="Os contamos novedades", label="neu")
    db.comment("c1", "p1", at(17, 10), text="Me han cobrado dos veces", label="neg")           # F neg
    db.comment("c2", "p1", at(18, 10), text="La factura llegó bien, gracias", label="pos")    # F pos
    db.comment("c3", "p1", at(19, 10), text="Sigo sin señal en casa", label="neg")            # C neg
    db.comment("c4", "p1", at(20, 10), text="Cobro raro y sin SEÑAL", label="neg")            # F neg + C neg
    db.comment("c5", "p1", at(21, 10), text="Hola a todos")                                   # nothing, unscored
    db.comment("r1", "p1", at(21, 11), text="Revisamos tu factura", author="Acme Soporte", brand=True)  # brand: out
    # Sunday 22 Nov 23:30 in Madrid is 22:30 UTC: still week 47
    db.comment("c6", "p1", at(22, 22, 30), text="la facturacion otra vez", label="neg")       # F neg
    # Monday 23 Nov 00:30 in Madrid is Sunday 23:30 UTC: week 48
    db.comment("c7", "p1", at(22, 23, 30), text="Factura duplicada", label="neg")             # F neg (W48)
    # week 48
    db.comment("c8", "p1", at(24, 10), text="Me han cobradoo algo", label="neu")              # not a whole word
    db.comment("c9", "p1", at(24, 11), text="Sin cobertura y con cobro extra", label="neg")   # F neg + C neg
    db.comment("c10", "p1", at(24, 12), text="Todo bien", label="pos")                        # nothing
    # a post whose title names a theme: its comments are not about it unless they say so
    db.post("p2", "blog-a", at(24, 13), title="Cobertura en Cádiz", text="Ampliamos la red", label="pos")  # C pos
    db.comment("c11", "p2", at(24, 14), text="¡Genial!", label="pos")                         # nothing
    # out of scope: a post on a source that is not owned and does not mention the brand
    db.post("n1", "news", at(24, 15), title="Factura de la luz", mention=False, label="neg")
    db.post("n2", "news", at(24, 16), title="Acme y su facturación", mention=True)             # F none (unscored)
    return db.close()


@pytest.fixture(scope="module")
def topics(tmp_path_factory: pytest.TempPathFactory):
    tmp = tmp_path_factory.mktemp("themes-counts")
    config = _config(tmp)
    con = open_database(_db(tmp / "pulso.duckdb"), config, NOW)
    try:
        return load_topics(con, config, W47, W48)
    finally:
        con.close()


def _counts(topics, week: date) -> dict[str, tuple[int, dict[str, int]]]:
    return {t.name: (t.texts, t.labels) for t in topics.week(week).themes}


def test_theme_counts_per_week_and_label_are_the_hand_counts(topics):
    assert topics.themes == ("Facturación", "Cobertura")
    assert _counts(topics, W47) == {"Facturación": (5, {"neu": 1, "neg": 3, "pos": 1}),
                                    "Cobertura": (2, {"neg": 2})}
    assert _counts(topics, W48) == {"Facturación": (3, {"neg": 2, "none": 1}),
                                    "Cobertura": (2, {"neg": 1, "pos": 1})}


def test_week_totals_count_texts_in_scope_without_brand_replies(topics):
    # W47: p1, c1..c6 = 7 texts (r1 is the brand's, out); W48: c7..c11, p2, n2 = 7 (n1 is out of scope)
    assert (topics.week(W47).texts, topics.week(W47).neg) == (7, 4)
    assert (topics.week(W48).texts, topics.week(W48).neg) == (7, 2)


def test_negative_share_is_over_scored_texts(topics):
    facturacion = topics.week(W48).themes[0]
    assert facturacion.neg == 2 and facturacion.neg_share == 1.0      # n2 is not scored: 2 of 2
    assert topics.week(W47).themes[0].neg_share == 3 / 5


def test_no_themes_configured_still_counts_texts(tmp_path: Path):
    config = parse_config({"brand": {"name": "Acme"},
                           "sources": [{"name": "blog-a", "url": "https://blog-a.example.com/feed/",
                                        "owned": True}]}, tmp_path / "monitor.toml")
    con = open_database(_db(tmp_path / "pulso.duckdb"), config, NOW)
    try:
        found = load_topics(con, config, W48, W48)
    finally:
        con.close()
    assert found.themes == () and found.week(W48).themes == ()
    assert found.week(W48).texts == 7      # scope is the stored flags: the same 7 texts as with themes
