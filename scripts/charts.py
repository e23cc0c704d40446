"""Chart functions: a DataFrame with documented columns in, an `alt.Chart` out, nothing else.

Labels arrive already translated, so these stay pure and testable through `chart.to_dict()`.
`to_spec` adds the site language's number/time locale and `render_svg` draws the chart with
vl-convert at build time: the SVG works without JavaScript, in print and in e-mail.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

from scripts.i18n import VEGA_LOCALES

# Okabe–Ito: distinguishable with every common colour-vision deficiency.
BLUE, ORANGE, SKY, GREEN, VERMILLION, PURPLE, GREY = (
    "#0072B2", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#CC79A7", "#8C8C8C",
)
SENTIMENT_COLOURS = {"neg": VERMILLION, "neu": GREY, "pos": BLUE, "none": "#D9D9D9"}
WIDTH, HEIGHT = 640, 240
#: The charts' font. The SVG's text is measured when it is drawn (vl-convert) and shown in whatever font the
#: viewer has: a wide font first (DejaVu Sans / Verdana) makes the measurement an upper bound, so a label
#: drawn in a narrower fallback still fits and is never cut at the chart's edge.
FONT = "DejaVu Sans, Verdana, Bitstream Vera Sans, sans-serif"
#: Longest category label in pixels before Vega cuts it with "…" (a name is never cut at its start).
LABEL_LIMIT = 200


def _value_axis(value_format: str) -> alt.Axis:
    """Whole-number formats get whole-number ticks: no "1, 1, 2, 2" on a small count axis."""
    if value_format.endswith(".0f"):
        # tickMinStep is lost when layers merge their axes: blank the labels of fractional ticks as well.
        return alt.Axis(format=value_format, tickMinStep=1, tickCount=6, labelExpr="datum.value % 1 ? '' : datum.label")
    return alt.Axis(format=value_format, tickCount=6)


def _base(df: pd.DataFrame, title: str, *, width: int = WIDTH, height: int = HEIGHT) -> alt.Chart:
    return alt.Chart(df, title=alt.TitleParams(title, anchor="start", fontSize=14)).properties(
        width=width, height=height
    )


def every_week(df: pd.DataFrame) -> pd.DataFrame:
    """`df` with a row for each week between its first and last (missing weeks empty): a line breaks at a
    week with no data instead of drawing a straight segment across it as if it had been measured."""
    if df.empty:
        return df
    frame = df.assign(week_start=pd.to_datetime(df["week_start"])).set_index("week_start")
    weeks = pd.date_range(frame.index.min(), frame.index.max(), freq="7D")
    if len(weeks) == len(frame) or not frame.index.isin(weeks).all():
        return df
    return frame.reindex(weeks).rename_axis("week_start").reset_index()


def weekly_line(
    df: pd.DataFrame, *, value: str, title: str, x_title: str, y_title: str, value_format: str = ",.0f",
    colour: str = BLUE, volume: str | None = None, volume_title: str = "", reference: float | None = None,
    reference_label: str = "",
) -> alt.Chart:
    """A weekly series with tooltips; gaps where a week has no value. Columns: `week_start` (date),
    `week_label` (str), `value`, and `volume` (how many it is a rate of: in the tooltip, and small weeks get
    small points). `reference` draws a dashed rule (the SLA) labelled `reference_label`."""
    df = every_week(df)
    x = alt.X("week_start:T", title=x_title, axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=6))
    y = alt.Y(f"{value}:Q", title=y_title, axis=_value_axis(value_format))
    tooltip = [alt.Tooltip("week_label:N", title=x_title),
               alt.Tooltip(f"{value}:Q", title=y_title, format=value_format)]
    size: Any = alt.value(45)
    if volume:
        tooltip.append(alt.Tooltip(f"{volume}:Q", title=volume_title, format=",.0f"))
        size = alt.Size(f"{volume}:Q", title=volume_title, scale=alt.Scale(range=[12, 90]),
                        legend=alt.Legend(orient="bottom", format=",.0f"))
    base = _base(df, title)
    line = base.mark_line(color=colour, strokeWidth=2, invalid="break-paths-show-domains").encode(x=x, y=y)
    points = base.mark_point(color=colour, filled=True).encode(x=x, y=y, size=size, tooltip=tooltip)
    layers: list[Any] = [line, points]
    if reference is not None:
        rule = alt.Chart(pd.DataFrame({"ref": [reference], "label": [reference_label]}))
        layers.append(rule.mark_rule(color=GREY, strokeDash=[5, 4]).encode(y="ref:Q"))
        layers.append(rule.mark_text(align="left", dx=4, dy=-6, color=GREY, fontSize=11).encode(
            y="ref:Q", x=alt.value(0), text="label:N"))
    return alt.layer(*layers)


def sparkline(df: pd.DataFrame, *, x: str, value: str, title: str, colour: str = BLUE) -> alt.Chart:
    """A 200×48 trend with no axes, for a KPI card; the last point is marked."""
    base = alt.Chart(df).properties(width=200, height=48, title=alt.TitleParams(title, fontSize=10, color=GREY))
    enc = {"x": alt.X(f"{x}:T", axis=None), "y": alt.Y(f"{value}:Q", axis=None, scale=alt.Scale(zero=False))}
    line = base.mark_line(color=colour, strokeWidth=2).encode(**enc)
    last = base.transform_window(rank="rank()", sort=[alt.SortField(x, order="descending")]).transform_filter(
        "datum.rank == 1"
    ).mark_point(color=colour, filled=True, size=30).encode(**enc)
    return alt.layer(line, last).configure_view(stroke=None)


def bars(
    df: pd.DataFrame, *, category: str, value: str, title: str, category_title: str, value_title: str,
    value_format: str = ",.0f", sort: list[str] | str = "-x", diverging: bool = False, colour: str = BLUE,
    volume: str | None = None, volume_title: str = "", min_volume: int = 30,
) -> alt.Chart:
    """Horizontal bars, one per category; `diverging` colours negatives vermillion and positives blue.
    With `volume` (a column: how many texts or comments each value is a rate of) the volume is said in the
    category's label ("Comunidad Movilia · 7.771") and bars on fewer than `min_volume` are pale: 88 % of
    25 comments is not ahead of 77 % of 7,771."""
    height = max(60, 26 * len(df))
    colour_enc: Any = alt.value(colour)
    if diverging:
        colour_enc = alt.condition(f"datum['{value}'] < 0", alt.value(VERMILLION), alt.value(BLUE))
    encoding: dict[str, Any] = {}
    if volume:
        encoding["opacity"] = alt.condition(f"datum['{volume}'] < {min_volume}", alt.value(0.35), alt.value(1.0))
    tooltip = [alt.Tooltip(f"{category}:N", title=category_title),
               alt.Tooltip(f"{value}:Q", title=value_title, format=value_format)]
    if volume:
        tooltip.append(alt.Tooltip(f"{volume}:Q", title=volume_title, format=",.0f"))
    return _base(df, title, height=height).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=category_title, sort=sort,
                axis=alt.Axis(labelLimit=LABEL_LIMIT, labelPadding=4)),
        x=alt.X(f"{value}:Q", title=value_title, axis=_value_axis(value_format)),
        color=colour_enc, tooltip=tooltip, **encoding,
    )


def stacked_labels(
    df: pd.DataFrame, *, category: str, label: str, label_text: str, value: str, title: str,
    category_title: str, value_title: str, label_title: str, order: list[str],
) -> alt.Chart:
    """Stacked horizontal bars of sentiment labels per category (`order` = label codes, neg first)."""
    texts = df.drop_duplicates(label).set_index(label)[label_text].to_dict()
    present = [code for code in order if code in texts]      # a legend lists only what the chart shows
    domain = [texts[code] for code in present]
    return _base(df, title, height=max(60, 40 * df[category].nunique())).mark_bar().encode(
        y=alt.Y(f"{category}:N", title=category_title, axis=alt.Axis(labelLimit=LABEL_LIMIT)),
        x=alt.X(f"{value}:Q", title=value_title, stack="normalize", axis=alt.Axis(format="%")),
        color=alt.Color(f"{label_text}:N", title=label_title,
                        scale=alt.Scale(domain=domain, range=[SENTIMENT_COLOURS[c] for c in present]),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("order:Q"),
        tooltip=[alt.Tooltip(f"{category}:N", title=category_title),
                 alt.Tooltip(f"{label_text}:N", title=label_title),
                 alt.Tooltip(f"{value}:Q", title=value_title, format=",.0f")],
    ).transform_calculate(order=f"indexof({order!r}, datum['{label}'])")


def to_spec(chart: alt.Chart | alt.LayerChart, lang: str, *, validate: bool = True) -> dict[str, Any]:
    """The Vega-Lite spec with the site's locale and a white background (readable in dark mode too).

    `validate=False` skips Altair's JSON-schema check (~30 ms a chart; the same spec either way): the site
    build uses it for its hundreds of charts, the chart tests keep validating every chart function."""
    spec = chart.to_dict(validate=False) if not validate and isinstance(chart, alt.TopLevelMixin) else chart.to_dict()
    spec.pop("$schema", None)  # a URL the page never needs; vega-embed is told the mode instead
    config = spec.setdefault("config", {})
    config["locale"] = VEGA_LOCALES[lang]
    config.setdefault("background", "white")
    config.setdefault("font", FONT)
    return spec


def render_svg(spec: dict[str, Any], lang: str) -> str:
    """Draw the spec offline (vl-convert bundles Vega); the locale is passed twice to be sure axes follow it."""
    return svg_renderer(lang)(spec)


def draw(make: Callable[..., alt.TopLevelMixin], args: dict[str, Any], lang: str) -> tuple[dict[str, Any], str]:
    """Spec and SVG of the chart `make(**args)` (what the site build needs; runs in its worker processes)."""
    spec = to_spec(make(**args), lang, validate=False)
    return spec, render_svg(spec, lang)


def svg_renderer(lang: str) -> Callable[[dict[str, Any]], str]:
    """`render_svg` for one language as a picklable callable, for worker processes (it imports only vl-convert)."""
    locale = VEGA_LOCALES[lang]
    return functools.partial(vlc.vegalite_to_svg, format_locale=locale["number"], time_format_locale=locale["time"])


def weekly_trend(df: pd.DataFrame, *, title: str, x_title: str, y_title: str, labels: tuple[str, str],
                 width: int = 520, height: int = 150) -> alt.LayerChart:
    """The weekly summary's 12-week chart, small enough for a 600 px e-mail: mentions as bars (the summary's
    week opaque, the others pale) and negative texts as a vermillion line. Both share one axis, so a legend
    (`labels`, e.g. "Menciones", "Textos negativos") says which is which and `y_title` names what both count.
    Columns: `week_start` (date), `week_label` (str), `mentions`, `neg` (numbers), `current` (bool)."""
    base = _base(df, title, width=width, height=height)
    x = alt.X("week_start:T", title=x_title, axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=6))
    # tickMinStep is lost when layers merge their axes: blank the labels of fractional ticks instead.
    axis = alt.Axis(format=",.0f", tickCount=5, labelExpr="datum.value % 1 ? '' : datum.label")
    colour = alt.Color("series:N", title=None, scale=alt.Scale(domain=list(labels), range=[BLUE, VERMILLION]),
                       legend=alt.Legend(orient="bottom"))
    bars_ = base.transform_calculate(series=alt.expr.toString(labels[0])).mark_bar(size=22).encode(
        x=x, y=alt.Y("mentions:Q", title=y_title, axis=axis), color=colour,
        opacity=alt.condition("datum.current", alt.value(1.0), alt.value(0.45)))
    line = base.transform_calculate(series=alt.expr.toString(labels[1])).mark_line(
        strokeWidth=2, point=alt.OverlayMarkDef(size=30)).encode(
        x=x, y=alt.Y("neg:Q", title=y_title, axis=axis), color=colour)
    return alt.layer(bars_, line)
