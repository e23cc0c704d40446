"""What the site says and hands out, read from the built files: fetch errors in the site language with the raw
error kept for admins, Estado listing each URL once, uncertain scores marked, search entries per item (tables
of URLs out of the index), CSV files Excel opens right, and charts without misleading legends or lines."""

from __future__ import annotations

import csv
import io
import json
import re
from pathlib import Path

import pandas as pd
import pytest

from scripts import charts
from scripts.build.site import build_site
from scripts.i18n import Locale
from scripts.pages.downloads import BOM
from scripts.pages.feed_words import error_key, error_words
from tests.site.dbkit import NOW, MiniDB, hours_ago, make_config

ES, EN = Locale("es", NOW.tzinfo), Locale("en", NOW.tzinfo)  # type: ignore[arg-type]


@pytest.mark.parametrize("status,http,error,es", [
    ("error", None, "timed out (read 20 s, total 60 s)", "no responde (tiempo agotado)"),
    ("error", None, "connection timed out after 10 s", "no responde (tiempo de conexión agotado)"),
    ("error", 404, "HTTP 404 Not Found", "404 no encontrado"),
    ("gone", 410, "HTTP 410 Gone", "410 ya no existe"),
    ("error", None, "TLS error: [SSL: CERTIFICATE_VERIFY_FAILED] certificate verify failed", "certificado no válido"),
    ("error", None, "DNS lookup failed for the host: [Errno -2] Name or service not known",
     "el dominio no existe o no se encuentra (DNS)"),
    ("error", None, "connection refused", "el servidor rechaza la conexión"),
    ("error", 200, "not a feed: the server sent a web page (HTML); use the blog's feed URL",
     "no es un feed: la dirección da una página web"),
    ("error", 401, "the REST API refused access (HTTP 401): a security plugin or setting turned it off",
     "la API REST de WordPress niega el acceso (HTTP 401)"),
    ("refused", None, "127.0.0.1 is a loopback address", "dirección no pública: no se consulta"),
    ("error", 503, "HTTP 503 Service Unavailable", "503 servicio no disponible"),
    ("error", 418, "HTTP 418 I'm a teapot", "418 la petición falla"),
    ("error", None, "ValueError: something nobody foresaw", "error (ver el detalle técnico)"),
])
def test_fetch_errors_are_said_in_the_site_language(status: str, http: int | None, error: str, es: str) -> None:
    assert error_words(ES, status, http, error) == es
    assert error_words(EN, status, http, error) not in ("", es)


def test_a_feed_that_did_not_fail_has_no_problem_words() -> None:
    assert error_key("ok", 200, None) is None
    assert error_words(ES, "ok", 200.0, None) == ""


def health_db(path: Path) -> Path:
    db = MiniDB(path)
    db.source("blog-a", owned=True)
    db.post("p1", "blog-a", hours_ago(50), title="Entrada")
    db.comment("doubt", "p1", hours_ago(30), author="Dudosa Pérez", text="No sé si esto va bien, la verdad",
               label="neg", score=-0.3)
    db.comment("clear", "p1", hours_ago(29), author="Clara Núñez", text="Un desastre de servicio, sin línea",
               label="neg", score=-0.9)
    for i in range(3):
        db.fetch("blog-a", f"https://blog-a.example.com/p{i}/feed/", hours_ago(2), kind="comments")
        db.fetch("blog-a", f"https://blog-a.example.com/p{i}/feed/", hours_ago(1), kind="comments")
    db.fetch("blog-a", "https://blog-a.example.com/feed/", hours_ago(1), status="error", http_status=None,
             error="timed out (read 20 s, total 60 s)", entries=None)
    return db.close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("words")
    out = tmp / "site"
    build_site(make_config(tmp), health_db(tmp / "pulso.duckdb"), out, now=NOW)
    return out


def test_estado_says_the_error_in_words_and_keeps_the_raw_error_for_admins(site: Path) -> None:
    html = (site / "health.html").read_text(encoding="utf-8")
    assert 'title="timed out (read 20 s, total 60 s)">no responde (tiempo agotado)</span>' in html
    assert "<code>timed out (read 20 s, total 60 s)</code>" in html      # the technical detail, collapsed


def test_estado_lists_each_feed_url_once(site: Path) -> None:
    html = (site / "health.html").read_text(encoding="utf-8")
    for i in range(3):
        assert html.count(f"https://blog-a.example.com/p{i}/feed/") == 1
    assert html.count("https://blog-a.example.com/feed/") == 1


def test_scores_below_the_confidence_threshold_are_marked_uncertain(site: Path) -> None:
    html = (site / "sentiment.html").read_text(encoding="utf-8")
    doubtful = re.search(r'<span class="pulso-uncertain" title="([^"]+)">([^<]+)</span>', html)
    assert doubtful and doubtful.group(2) == "≈ −0,30 (dudoso)"
    assert "0,5" in doubtful.group(1)
    assert "−0,90" in html                                              # a clear score reads as it is
    queue = (site / "responses.html").read_text(encoding="utf-8")
    assert queue.count("negativo (dudoso)") == 1


def test_each_listed_item_is_its_own_search_entry_and_url_tables_are_not_indexed(site: Path) -> None:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    entries = {doc["location"]: doc for doc in index["docs"]}
    clara = [doc for doc in index["docs"] if doc["title"].startswith("Clara Núñez · ")]
    assert {doc["location"].split("#")[0] for doc in clara} == {"responses.html", "sentiment.html",
                                                                "sources/blog-a.html"}
    for doc in clara:
        page, anchor = doc["location"].split("#")
        assert f'id="{anchor}"' in (site / page).read_text(encoding="utf-8")
        assert doc["title"] == "Clara Núñez · blog-a · Un desastre de servicio, sin línea"
    assert not any("blog-a.example.com/p1/feed" in doc["text"] for doc in entries.values())
    assert not any("AutorTexto" in doc["text"].replace(" ", "") for doc in entries.values())


def read_csv(path: Path, delimiter: str) -> list[dict[str, str]]:
    data = path.read_bytes()
    assert data.startswith(BOM)
    return list(csv.DictReader(io.StringIO(data[len(BOM):].decode("utf-8")), delimiter=delimiter))


def test_csv_downloads_open_in_spanish_excel(site: Path) -> None:
    rows = read_csv(site / "responses" / "open-queue.csv", ";")
    assert list(rows[0])[:4] == ["Publicado", "Antigüedad (h)", "Vence", "Fuera de plazo"]
    ages = {row["Autor"]: row["Antigüedad (h)"] for row in rows}
    assert ages == {"Dudosa Pérez": "30,0", "Clara Núñez": "29,0"}
    assert {row["Fuera de plazo"] for row in rows} == {"sí"} and {row["Sentimiento"] for row in rows} == {"negativo"}
    dictionary = read_csv(site / "responses" / "open-queue.dictionary.csv", ";")
    assert [row["Columna"] for row in dictionary] == list(rows[0])
    assert all(row["Qué contiene"] for row in dictionary)
    feeds = read_csv(site / "health" / "feeds.csv", ";")
    assert {row["Error (técnico)"] for row in feeds} >= {"timed out (read 20 s, total 60 s)"}
    assert "diccionario de datos" in (site / "health.html").read_text(encoding="utf-8")


def test_english_csv_uses_commas_and_decimal_points(tmp_path: Path) -> None:
    out = tmp_path / "site"
    build_site(make_config(tmp_path, language="en"), health_db(tmp_path / "pulso.duckdb"), out, now=NOW)
    rows = read_csv(out / "responses" / "open-queue.csv", ",")
    assert {row["Author"]: row["Age (h)"] for row in rows} == {"Dudosa Pérez": "30.0", "Clara Núñez": "29.0"}
    assert {row["Overdue"] for row in rows} == {"yes"}


def test_a_sentiment_legend_lists_only_the_labels_drawn() -> None:
    mix = pd.DataFrame({"kind_text": ["comentario"] * 2, "label": ["neg", "pos"],
                        "label_text": ["negativo", "positivo"], "texts": [3, 4]})
    spec = charts.stacked_labels(mix, category="kind_text", label="label", label_text="label_text", value="texts",
                                 title="t", category_title="", value_title="Textos", label_title="Etiqueta",
                                 order=["neg", "neu", "pos", "none"]).to_dict()
    assert spec["encoding"]["color"]["scale"]["domain"] == ["negativo", "positivo"]


def test_a_weekly_line_breaks_at_a_week_without_data() -> None:
    frame = pd.DataFrame({"week_start": pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-30"]),
                          "week_label": ["45", "46", "49"], "response_rate": [0.5, 0.6, 0.7]})
    filled = charts.every_week(frame)
    assert len(filled) == 5 and filled["response_rate"].isna().sum() == 2
    spec = charts.weekly_line(frame, value="response_rate", title="t", x_title="w", y_title="r").to_dict()
    assert spec["layer"][0]["mark"]["invalid"] == "break-paths-show-domains"


def test_rates_carry_their_volume_and_the_median_its_sla_line() -> None:
    frame = pd.DataFrame({"name": ["A · 25", "B · 7.771"], "response_rate": [0.88, 0.77], "needs_reply": [25, 7771]})
    spec = charts.bars(frame, category="name", value="response_rate", title="t", category_title="", value_title="r",
                       volume="needs_reply", volume_title="Piden respuesta").to_dict()
    assert spec["encoding"]["opacity"]["condition"]["test"] == "datum['needs_reply'] < 30"
    weeks = pd.DataFrame({"week_start": pd.to_datetime(["2026-11-02", "2026-11-09"]), "week_label": ["45", "46"],
                          "median_hours": [20.0, 30.0], "eligible_answered": [4, 9]})
    spec = charts.weekly_line(weeks, value="median_hours", title="t", x_title="w", y_title="h",
                              volume="eligible_answered", volume_title="n", reference=24,
                              reference_label="plazo: 24 h").to_dict()
    assert [layer["mark"]["type"] if isinstance(layer["mark"], dict) else layer["mark"]
            for layer in spec["layer"]][2:] == ["rule", "text"]
    assert spec["layer"][1]["encoding"]["size"]["field"] == "eligible_answered"


def test_the_weekly_trend_names_its_two_series_in_a_legend() -> None:
    frame = pd.DataFrame({"week_start": pd.to_datetime(["2026-11-02", "2026-11-09"]), "week_label": ["45", "46"],
                          "mentions": [5, 7], "neg": [1, 3], "current": [False, True]})
    chart = charts.weekly_trend(frame, title="t", x_title="Semana", y_title="Textos",
                                labels=("Menciones", "Textos negativos"))
    named = chart.to_dict()
    assert {layer["encoding"]["color"]["field"] for layer in named["layer"]} == {"series"}
    assert named["layer"][0]["encoding"]["color"]["scale"]["domain"] == ["Menciones", "Textos negativos"]
    svg = charts.render_svg(charts.to_spec(chart, "es"), "es")
    assert ">Textos negativos</text>" in svg and ">Textos</text>" in svg
