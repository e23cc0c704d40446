"""Chart functions are pure: checked through their Vega-Lite spec and the SVG vl-convert draws."""

from __future__ import annotations

import re

import pandas as pd

from scripts import charts


def weekly_frame() -> pd.DataFrame:
    return pd.DataFrame({
        "week_start": pd.to_datetime(["2026-11-02", "2026-11-09", "2026-11-16"]),
        "week_label": ["semana 45 (2026)", "semana 46 (2026)", "semana 47 (2026)"],
        "mentions": [1200.0, 2345.5, 1800.0],
    })


def svg_texts(svg: str) -> list[str]:
    return re.findall(r">([^<]+)</text>", svg)


def test_weekly_line_has_title_axis_titles_and_tooltips() -> None:
    chart = charts.weekly_line(weekly_frame(), value="mentions", title="Menciones por semana", x_title="Semana",
                               y_title="Menciones")
    spec = chart.to_dict()
    layers = spec["layer"]
    assert layers[0]["title"]["text"] == "Menciones por semana"
    assert layers[0]["encoding"]["x"]["title"] == "Semana"
    assert layers[1]["encoding"]["tooltip"][0]["field"] == "week_label"
    assert layers[0]["mark"]["color"] == charts.BLUE


def test_spanish_spec_renders_spanish_numbers_and_months() -> None:
    chart = charts.weekly_line(weekly_frame(), value="mentions", title="Menciones", x_title="Semana",
                               y_title="Menciones", value_format=",.1f")
    spec = charts.to_spec(chart, "es")
    assert spec["config"]["locale"]["number"]["decimal"] == ","
    assert "$schema" not in spec   # no URL in the page
    svg = charts.render_svg(spec, "es")
    texts = svg_texts(svg)
    assert svg.startswith("<svg") and len(svg) > 1000
    assert "1.500,0" in texts or "2.000,0" in texts
    assert any(text.endswith(" nov") for text in texts)


def test_english_spec_renders_english_numbers() -> None:
    chart = charts.weekly_line(weekly_frame(), value="mentions", title="Mentions", x_title="Week",
                               y_title="Mentions", value_format=",.1f")
    texts = svg_texts(charts.render_svg(charts.to_spec(chart, "en"), "en"))
    assert "2,000.0" in texts or "1,500.0" in texts
    assert any(text.endswith(" Nov") for text in texts)


def test_diverging_bars_colour_negatives_and_positives_differently() -> None:
    frame = pd.DataFrame({"source": ["a", "b"], "net": [-20.0, 35.0]})
    chart = charts.bars(frame, category="source", value="net", title="Sentimiento neto por fuente",
                        category_title="", value_title="pp", diverging=True)
    spec = chart.to_dict()
    colour = spec["encoding"]["color"]
    assert colour["condition"]["value"] == charts.VERMILLION and colour["value"] == charts.BLUE
    svg = charts.render_svg(charts.to_spec(chart, "es"), "es")
    assert charts.VERMILLION.lower() in svg.lower() and charts.BLUE.lower() in svg.lower()


def test_sentiment_mix_uses_the_fixed_label_colours() -> None:
    frame = pd.DataFrame({"kind_text": ["entrada", "entrada", "comentario"], "label": ["neg", "pos", "neu"],
                          "label_text": ["negativo", "positivo", "neutro"], "texts": [3, 5, 2]})
    chart = charts.stacked_labels(frame, category="kind_text", label="label", label_text="label_text",
                                  value="texts", title="Textos", category_title="", value_title="%",
                                  label_title="Etiqueta", order=["neg", "neu", "pos"])
    scale = chart.to_dict()["encoding"]["color"]["scale"]
    assert scale["domain"] == ["negativo", "neutro", "positivo"]
    assert scale["range"] == [charts.VERMILLION, charts.GREY, charts.BLUE]
    assert "negativo" in svg_texts(charts.render_svg(charts.to_spec(chart, "es"), "es"))


def test_sparkline_draws_without_axes() -> None:
    chart = charts.sparkline(weekly_frame(), x="week_start", value="mentions", title="")
    spec = chart.to_dict()
    assert spec["layer"][0]["encoding"]["x"]["axis"] is None
    assert "<path" in charts.render_svg(charts.to_spec(chart, "es"), "es")
