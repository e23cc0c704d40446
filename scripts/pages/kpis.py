"""The overview's cards: which way each number should go, what change is only noise, and what "this
week" means in words. Pure: numbers in, a signal or a sentence out (scripts/pages/writers.py draws them).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Any

import pandas as pd

from scripts.pages.kit import SiteContext
from scripts.weekly.verdict import MEDIAN_FLOOR_PCT, MIN_ELAPSED, NET_FLOOR_PP, RATE_FLOOR_PP


def isna(value: Any) -> bool:
    try:
        return bool(pd.isna(value))
    except (TypeError, ValueError):
        return False


@dataclass(frozen=True)
class Kpi:
    """One overview card: where its numbers come from, which way is good, what change is only noise, and the
    page that explains it (the Method page's section) and the page with the items behind it."""

    key: str
    origin: str           # window (this week so far vs the same part of last week) | queue (now vs a week ago)
    fmt: str              # num | pp | pct | hours
    delta: str            # how L.delta shows the change: number (%) | points | rate (pp) | hours
    better: str | None    # up | down | None (more mentions is neither good nor bad)
    band: float           # changes smaller than this are "no change": % for counts and hours, pp for rates
    explain: str          # anchor on the Method page
    drill: str            # the page with the items behind the number


KPIS = (
    Kpi("mentions", "window", "num", "number", None, 10, "que-se-cuenta", "sentiment.md"),
    # the weekly verdict's floors: a card and a verdict never disagree about what is noise
    Kpi("net_sentiment", "window", "pp", "points", "up", NET_FLOOR_PP, "sentimiento", "sentiment.md"),
    Kpi("response_rate", "window", "pct", "rate", "up", RATE_FLOOR_PP, "respuestas", "responses.md"),
    Kpi("median_hours", "window", "hours", "hours", "down", MEDIAN_FLOOR_PCT, "respuestas", "responses.md"),
    Kpi("p90_hours", "window", "hours", "hours", "down", MEDIAN_FLOOR_PCT, "respuestas", "responses.md"),
    Kpi("open_gaps", "queue", "num", "number", "down", 5, "respuestas", "responses.md"),
    Kpi("overdue", "queue", "num", "number", "down", 5, "respuestas", "responses.md"),
)
KPI_LABELS = {"mentions": "kpi.mentions", "net_sentiment": "kpi.net_sentiment", "response_rate": "kpi.response_rate",
               "median_hours": "kpi.median", "p90_hours": "kpi.p90", "open_gaps": "kpi.open_gaps",
               "overdue": "kpi.overdue"}
#: The Method page's section anchors in English (MkDocs slugs the headings of method.en.md.j2).
EXPLAIN_EN = {"que-se-cuenta": "what-is-counted", "sentimiento": "sentiment", "respuestas": "responses"}


def kpi_signal(kpi: Kpi, current: object, previous: object) -> str:
    """good | bad | flat | neutral | none: whether the change is one to welcome, worry about, or ignore.

    Within the noise band the change is "flat" whichever way it went; mentions have no good direction
    ("neutral"); nothing to compare is "none". Durations compare relatively (a 15 % slower reply)."""
    if isna(current) or isna(previous) or current is None or previous is None:
        return "none"
    cur, prev = float(current), float(previous)  # type: ignore[arg-type]
    if kpi.delta in ("points", "rate"):
        change = (cur - prev) * (100 if kpi.delta == "rate" else 1)
    elif prev == 0:
        change = 0.0 if cur == 0 else math.copysign(math.inf, cur)
    else:
        change = (cur - prev) / prev * 100
    if abs(change) < kpi.band:
        return "flat"
    if kpi.better is None:
        return "neutral"
    return "good" if (change > 0) == (kpi.better == "up") else "bad"

ARROWS = {("good", "up"): "▲", ("good", "down"): "▼", ("bad", "up"): "▲", ("bad", "down"): "▼",
           ("neutral", "up"): "▲", ("neutral", "down"): "▼", ("flat", "up"): "▶", ("flat", "down"): "▶",
           ("flat", "same"): "▶"}


def direction(current: object, previous: object) -> str:
    if isna(current) or isna(previous) or current is None or previous is None:
        return ""
    cur, prev = float(current), float(previous)  # type: ignore[arg-type]
    return "up" if cur > prev else ("down" if cur < prev else "same")


def window_text(ctx: SiteContext) -> dict[str, Any]:
    """What "this week" means on the overview, in words (the weekly pages use the same windows)."""
    L, data = ctx.L, ctx.data
    if data.windows is None:
        return {"text": "", "too_early": False}
    (start, now), (prev_start, prev_end) = data.windows
    too_early = now - start < MIN_ELAPSED
    week = L.week(start.astimezone(L.tz).date())
    text = L.t("kpi.window", week=week[:1].upper() + week[1:], start=L.day(start.astimezone(L.tz)),
               now=L.when(now), prev_start=L.day(prev_start.astimezone(L.tz)), prev_end=L.when(prev_end),
               tz=ctx.config.brand.timezone)
    return {"text": text, "too_early": too_early}
