"""The Themes page (Temas): configured themes by week, and this week's rising terms with examples.

Everything shown comes from `SiteData.topics` (`scripts.themes.data.load_topics`, read once per build);
this module only arranges it for `themes.md.j2` and plans the chart.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pandas as pd

from scripts.pages.kit import ChartJob, Output, Page, SiteContext
from scripts.themes.chart import theme_lines
from scripts.themes.data import BASELINE_WEEKS, RisingTerm, Topics, WeekTopics
from scripts.themes.terms import MIN_COUNT
from scripts.weekly.summary import week_of

#: Example [[themes]] shown when none is configured.
EXAMPLE_TOML = '[[themes]]\nname = "Facturación"\nwords = ["factura", "cobro", "cargo", "me han cobrado"]'


def _count(L: Any, key: str, n: int) -> str:
    """"1 texto" / "3 textos": Spanish and English use the singular for exactly one."""
    return L.t(f"{key}.one" if n == 1 else f"{key}.other", n=L.number(n))


def _share(L: Any, part: int, whole: int) -> str:
    return L.percent(part / whole) if whole else "–"


def _theme_rows(ctx: SiteContext, weeks: list[WeekTopics], this: date) -> list[dict[str, Any]]:
    """One row per configured theme: this week, last week, the whole span and its negative share."""
    L, words = ctx.L, {t.name: t.words for t in ctx.config.themes}
    by_week = {w.week_start: w for w in weeks}
    rows = []
    for i, name in enumerate(ctx.data.topics.themes if ctx.data.topics else ()):
        cells = [w.themes[i] for w in weeks]
        total, neg = sum(c.texts for c in cells), sum(c.neg for c in cells)
        scored = sum(c.texts - c.labels.get("none", 0) for c in cells)
        now, before = by_week.get(this), by_week.get(this - timedelta(weeks=1))
        rows.append({"name": name, "words": ", ".join(words.get(name, ())),
                     "this": L.number(now.themes[i].texts if now else 0),
                     "prev": L.number(before.themes[i].texts if before else 0),
                     "total": L.number(total), "neg_share": _share(L, neg, scored)})
    return rows


def _week_rows(ctx: SiteContext, weeks: list[WeekTopics]) -> list[dict[str, Any]]:
    """Newest week first; a cell per theme: texts and the negative share of the scored ones."""
    L = ctx.L
    return [{"week": L.week(w.week_start),
             "cells": [L.t("themes.cell", n=L.number(c.texts), neg=L.percent(c.neg_share))
                       if c.texts else "0" for c in w.themes]}
            for w in reversed(weeks)]


def _chart(ctx: SiteContext, weeks: list[WeekTopics]) -> ChartJob | None:
    topics = ctx.data.topics
    if not topics or not topics.themes or not weeks:
        return None
    L = ctx.L
    records = [{"week_start": pd.Timestamp(w.week_start), "week_label": L.week(w.week_start), "theme": c.name,
                "texts": c.texts, "neg_share": c.neg_share} for w in weeks for c in w.themes]
    frame = pd.DataFrame(records)
    last = weeks[-1]
    items = "; ".join(f"{c.name}: {L.number(sum(w.themes[i].texts for w in weeks))}"
                      for i, c in enumerate(last.themes))
    args = {"df": frame, "themes": list(topics.themes), "title": L.t("themes.chart"), "x_title": L.t("chart.week"),
            "y_title": L.t("chart.texts"), "theme_title": L.t("themes.col.theme"),
            "neg_title": L.t("themes.col.neg_share")}
    alt_text = L.t("themes.chart_alt", n=len(weeks), last=L.week(last.week_start), items=items)
    return ChartJob("themes-weeks", theme_lines, args, alt_text, interactive=True)


def _terms(ctx: SiteContext, terms: tuple[RisingTerm, ...]) -> list[dict[str, Any]]:
    L = ctx.L
    return [{"term": t.shown or t.term, "count": L.number(t.count),
             "share": L.t("themes.share", now=L.percent(t.share, 1), before=L.percent(t.baseline_share, 1)),
             "examples": list(t.rows)} for t in terms]


def themes(ctx: SiteContext) -> Output:
    """themes.md: the configured themes' weekly counts (chart and tables) and this week's rising terms."""
    L, config = ctx.L, ctx.config
    topics = ctx.data.topics or Topics(themes=tuple(t.name for t in config.themes))
    weeks = [topics.weeks[w] for w in sorted(topics.weeks)]
    while len(weeks) > 1 and weeks[0].texts == 0:      # no line of zeros before the data began
        weeks.pop(0)
    this = week_of(ctx.data.now, config.tz)
    chart = _chart(ctx, weeks)
    current = topics.week(this)
    out = Output(charts=[chart] if chart else [])
    out.pages.append(Page("themes.md", "themes.md.j2", {
        "tz": config.brand.timezone, "configured": bool(topics.themes), "example_toml": EXAMPLE_TOML,
        "chart": chart, "n_weeks": len(weeks), "theme_rows": _theme_rows(ctx, weeks, this),
        "theme_names": list(topics.themes), "week_rows": _week_rows(ctx, weeks) if topics.themes else [],
        "week_title": L.week(this), "baseline_weeks": BASELINE_WEEKS, "min_count": MIN_COUNT,
        "base_texts": _count(L, "themes.n_texts", current.baseline_texts if current else 0),
        "base_neg": _count(L, "themes.n_neg", current.baseline_neg if current else 0),
        "rising": _terms(ctx, current.rising) if current else [],
        "rising_neg": _terms(ctx, current.rising_neg) if current else [],
    }))
    return out
