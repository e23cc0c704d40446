"""The Themes page's chart: texts per configured theme and week, one line per theme (pure)."""

from __future__ import annotations

import altair as alt
import pandas as pd

from scripts import charts

#: Okabe–Ito, in the order themes are configured (then repeated): readable with colour-vision deficiencies.
PALETTE = (charts.BLUE, charts.ORANGE, charts.GREEN, charts.VERMILLION, charts.PURPLE, charts.SKY, charts.GREY)


def theme_lines(df: pd.DataFrame, *, themes: list[str], title: str, x_title: str, y_title: str,
                theme_title: str, neg_title: str) -> alt.LayerChart:
    """Columns: `week_start` (date), `week_label` (str), `theme` (str), `texts` (int), `neg_share` (0..1 or
    None). `themes` fixes the legend's order and colours (the config's order)."""
    colour = alt.Color("theme:N", title=theme_title, legend=alt.Legend(orient="bottom", columns=3, labelLimit=200),
                       scale=alt.Scale(domain=themes, range=[PALETTE[i % len(PALETTE)] for i in range(len(themes))]))
    x = alt.X("week_start:T", title=x_title, axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=6))
    y = alt.Y("texts:Q", title=y_title, axis=alt.Axis(format=",.0f", tickMinStep=1, tickCount=6))
    tooltip = [alt.Tooltip("theme:N", title=theme_title), alt.Tooltip("week_label:N", title=x_title),
               alt.Tooltip("texts:Q", title=y_title, format=",.0f"),
               alt.Tooltip("neg_share:Q", title=neg_title, format=".0%")]
    base = alt.Chart(df, title=alt.TitleParams(title, anchor="start", fontSize=14)).properties(
        width=charts.WIDTH, height=charts.HEIGHT)
    line = base.mark_line(strokeWidth=2).encode(x=x, y=y, color=colour)
    points = base.mark_point(filled=True, size=40).encode(x=x, y=y, color=colour, tooltip=tooltip)
    return alt.layer(line, points)
