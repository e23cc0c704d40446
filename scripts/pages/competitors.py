"""The Competitors page (Competencia): share of voice by week, sentiment per brand, and each brand's replies on
its own blogs, side by side with the brand's.

Everything shown comes from `SiteData.competitors` (`scripts.competitors.load`, read once per build); this
module arranges it for `competitors.md.j2` and plans the charts. A config without `[[competitors]]` still gets
the page, saying how to add them: the nav, the Method page and the weekly line all name it, and a user who
follows a link to it expects an answer there rather than a missing page.
"""

from __future__ import annotations

from typing import Any

import altair as alt
import pandas as pd

from scripts import charts
from scripts.competitors import PERIOD_WEEKS, CompetitorData
from scripts.pages.kit import ChartJob, Output, Page, SiteContext

#: Brand colours, brand first (Okabe–Ito: distinguishable with every common colour-vision deficiency).
COLOURS = (charts.BLUE, charts.ORANGE, charts.GREEN, charts.PURPLE, charts.SKY, charts.VERMILLION, charts.GREY)
#: Shown when no competitor is configured.
EXAMPLE_TOML = ('[[competitors]]\nname = "Rival"\naliases = ["rival", "rival telecom"]\n'
                'responders = ["Rival Atención"]\n\n[[sources]]\nname = "blog-rival"\n'
                'url = "https://blog.rival.example/"\nowner = "Rival"')


def voice_bars(df: pd.DataFrame, *, title: str, x_title: str, y_title: str, brand_title: str, share_title: str,
               order: list[str]) -> alt.Chart:
    """Mentions per brand and week as stacked bars (the volume), the share of voice in the tooltip.
    Columns: `week_start` (date), `week_label` (str), `brand` (str), `mentions` (int), `share` (0..1)."""
    colours = [COLOURS[i % len(COLOURS)] for i in range(len(order))]
    x = alt.X("week_start:T", title=x_title, axis=alt.Axis(format="%d %b", labelAngle=0, tickCount=6))
    return alt.Chart(df, title=alt.TitleParams(title, anchor="start", fontSize=14)).properties(
        width=charts.WIDTH, height=charts.HEIGHT).mark_bar().encode(
        x=x,
        y=alt.Y("mentions:Q", title=y_title, stack="zero", axis=alt.Axis(format=",.0f", tickMinStep=1)),
        color=alt.Color("brand:N", title=brand_title, scale=alt.Scale(domain=order, range=colours),
                        legend=alt.Legend(orient="bottom")),
        order=alt.Order("brand_order:Q"),
        tooltip=[alt.Tooltip("week_label:N", title=x_title), alt.Tooltip("brand:N", title=brand_title),
                 alt.Tooltip("mentions:Q", title=y_title, format=",.0f"),
                 alt.Tooltip("share:Q", title=share_title, format=".0%")],
    )


def _voice_job(ctx: SiteContext, data: CompetitorData) -> ChartJob | None:
    L = ctx.L
    weekly = data.weekly.copy()
    if not weekly["mentions"].sum():
        return None
    weekly["week_label"] = [L.week(d) for d in weekly["week_start"]]
    weekly["week_start"] = pd.to_datetime(weekly["week_start"])
    last = weekly[weekly["week_start"] == weekly["week_start"].max()]
    items = "; ".join(f"{r.brand}: {L.percent(r.share)}" for r in last.itertuples())
    args = {"df": weekly[["week_start", "week_label", "brand", "brand_order", "mentions", "share"]],
            "title": L.t("comp.voice_chart"), "x_title": L.t("chart.week"), "y_title": L.t("chart.mentions"),
            "brand_title": L.t("comp.col.brand"), "share_title": L.t("comp.col.share"), "order": list(data.brands)}
    alt_text = L.t("comp.voice_alt", n=PERIOD_WEEKS, last=L.week(last["week_start"].iloc[0].date()), items=items)
    return ChartJob("competitors-voice", voice_bars, args, alt_text, interactive=True)


def _net_job(ctx: SiteContext, totals: pd.DataFrame) -> ChartJob | None:
    L = ctx.L
    frame = totals.dropna(subset=["net_sentiment"])
    if frame.empty:
        return None
    title = L.t("comp.sentiment_chart")
    args = {"df": frame[["brand", "net_sentiment"]], "category": "brand", "value": "net_sentiment", "title": title,
            "category_title": "", "value_title": L.t("comp.col.net"), "value_format": "+,.0f",
            "sort": list(frame["brand"]), "diverging": True}
    items = "; ".join(f"{r.brand}: {L.points(r.net_sentiment)}" for r in frame.itertuples())
    return ChartJob("competitors-net", charts.bars, args, L.t("chart.alt_bars", title=title, items=items))


def _voice_rows(ctx: SiteContext, data: CompetitorData) -> tuple[list[str], list[dict[str, Any]]]:
    """Per brand: the period's mentions and share, then the share in each of the last two weeks."""
    L = ctx.L
    weeks = sorted(data.weekly["week_start"].unique())[-2:]
    current = max(weeks) if weeks else None
    heads = [L.t("comp.in_progress", week=L.week(w)) if w == current else L.week(w) for w in weeks]
    rows = []
    for r in data.totals.itertuples():
        cells = [data.weekly[(data.weekly["week_start"] == w) & (data.weekly["brand"] == r.brand)].iloc[0]
                 for w in weeks]
        rows.append({"brand": r.brand, "mentions": L.number(r.mentions), "share": L.percent(r.share),
                     "weeks": [f"{L.percent(c['share'])} ({L.number(c['mentions'])})" for c in cells]})
    return heads, rows


def _sentiment_rows(ctx: SiteContext, totals: pd.DataFrame) -> list[dict[str, Any]]:
    L = ctx.L
    return [{"brand": r.brand, "mentions": L.number(r.mentions), "scored": L.number(r.scored),
             "pos": L.percent(r.pos / r.scored) if r.scored else "–",
             "neg": L.percent(r.neg / r.scored) if r.scored else "–", "net": L.points(r.net_sentiment)}
            for r in totals.itertuples()]


def _reply_rows(ctx: SiteContext, replies: pd.DataFrame) -> list[dict[str, Any]]:
    L = ctx.L
    return [{"brand": r.brand, "ours": r.brand == ctx.config.brand.name, "blogs": L.number(r.blogs),
             "needs": L.number(r.needs_reply), "answered": L.number(r.answered), "rate": L.percent(r.response_rate),
             "eligible_rate": L.percent(r.eligible_response_rate), "median": L.hours(r.median_hours),
             "p90": L.hours(r.p90_hours)} for r in replies.itertuples()]


def competitors(ctx: SiteContext) -> Output:
    """competitors.md: the how-to without competitors, else the three comparisons."""
    config, data = ctx.config, ctx.data.competitors
    context: dict[str, Any] = {"brand_name": config.brand.name, "weeks": PERIOD_WEEKS, "tz": config.brand.timezone,
                               "example": EXAMPLE_TOML, "configured": bool(config.competitors) and data is not None}
    out = Output()
    if context["configured"]:
        assert data is not None
        voice, net = _voice_job(ctx, data), _net_job(ctx, data.totals)
        out.charts += [job for job in (voice, net) if job]
        heads, rows = _voice_rows(ctx, data)
        replies = _reply_rows(ctx, data.replies)
        context |= {"voice": voice, "net": net, "week_heads": heads, "voice_rows": rows,
                    "any_mentions": bool(data.totals["mentions"].sum()),
                    "sentiment_rows": _sentiment_rows(ctx, data.totals), "reply_rows": replies,
                    "rival_blogs": any(not r["ours"] for r in replies)}
    out.pages.append(Page("competitors.md", "competitors.md.j2", context))
    return out
