"""The weekly summary's "cuota de voz" line: each brand's share of voice this week and its change against the
same elapsed part of the week before (scripts/weekly/summary.comparison_windows decides the windows).

The counts come from competitors_voice_windows.sql over the `brand_mentions` view — the same mentions and the
same share as the Competencia page. `shares` (rows -> data) and `voice_lines` (data -> the line's words) are
pure; `load_voice` only runs the query. No competitors configured: no line (one brand always has 100 %).
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime

import duckdb

from collector import Config, sql
from scripts.i18n import Locale

Window = tuple[datetime, datetime, datetime]   # [start, end) and as_of, as summary.comparison_windows gives


@dataclass(frozen=True)
class Share:
    brand: str
    mentions: int
    share: float | None          # mentions ÷ all brands' mentions in the window (None: no brand was named)
    previous: float | None       # the same in the same elapsed part of the week before


@dataclass(frozen=True)
class Voice:
    lang: str
    weeks: dict[date, tuple[Share, ...]] = field(default_factory=dict)


def mentions_view(con: duckdb.DuckDBPyConnection) -> None:
    """Install the `brand_mentions` temp view and `voice_share` macro on this connection (idempotent)."""
    con.execute(sql("competitors_mentions", "scripts"))


def _ratio(value: object) -> float | None:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return None
    return float(value)  # type: ignore[arg-type]


def shares(rows: Sequence[Mapping[str, object]], mondays: Sequence[date]) -> dict[date, tuple[Share, ...]]:
    """competitors_voice_windows.sql's rows for the windows of `mondays`, two per week in order (window 2k+1
    the week k, 2k+2 its comparison), into each week's shares in brand order."""
    by_window: dict[int, list[Mapping[str, object]]] = {}
    for row in sorted(rows, key=lambda r: (int(r["i"]), int(r["brand_order"]))):  # type: ignore[call-overload]
        by_window.setdefault(int(row["i"]), []).append(row)  # type: ignore[call-overload]
    out = {}
    for k, monday in enumerate(mondays):
        this, before = by_window.get(2 * k + 1, []), by_window.get(2 * k + 2, [])
        previous = {str(r["brand"]): _ratio(r["share"]) for r in before}
        out[monday] = tuple(Share(str(r["brand"]), int(r["mentions"]), _ratio(r["share"]),  # type: ignore[call-overload]
                                  previous.get(str(r["brand"]))) for r in this)
    return out


def load_voice(con: duckdb.DuckDBPyConnection, config: Config,
               windows: Mapping[date, tuple[Window, Window]]) -> Voice | None:
    """Every week's two windows in one query; None without competitors."""
    if not config.competitors or not windows:
        return None
    mentions_view(con)
    mondays = list(windows)
    flat = [w for monday in mondays for w in windows[monday]]
    frame = con.execute(sql("competitors_voice_windows", "scripts"),
                        {"starts": [w[0] for w in flat], "ends": [w[1] for w in flat],
                         "brands": list(config.brand_names)}).df()
    return Voice(config.brand.language, shares(frame.to_dict("records"), mondays))


def item(share: Share, L: Locale) -> str:
    """"Acme 52 % (+4 pp)": the share, and its change in points when the week before had mentions."""
    change = L.delta(share.share, share.previous, kind="rate")
    text = L.t("weekly.voice_item", brand=share.brand, share=L.percent(share.share), change=change)
    return text if change else text.rsplit(" (", 1)[0]


def voice_lines(voice: Voice | None, monday: date) -> list[tuple[str, dict[str, object]]]:
    """The line as (i18n key, values) for `Summary.lines`; none without competitors or for a week not loaded."""
    week = voice.weeks.get(monday) if voice else None
    if voice is None or week is None:
        return []
    L = Locale(voice.lang, UTC)
    if not any(s.mentions for s in week):
        return [("weekly.voice_none", {})]
    return [("weekly.voice", {"items": L.words([item(s, L) for s in week])})]
