"""The weekly executive summary: numbers, verdict, examples and escalations for one ISO week.

Executives read one page a week, so every judgement on it comes from explicit rules written down
here (and on the Method page), never from taste: the thresholds are the module constants below.
The numbers reuse the site's own queries (`weekly.sql` over the `texts` view and the `responses`
view), so a summary can never disagree with the site. `load_weekly` runs every query once for a range
of weeks (the site writes a page per week); `summarize` is pure and turns that into a `Summary`.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import duckdb
import pandas as pd

from collector import Config, sql

# ---- the rules (documented on the Method page; change both together) ------------------------------
#: Response is "worse" when the rate drops by at least this many points week over week ...
RATE_PP = 5.0
#: ... or the median first reply grows by at least this factor (and by at least MEDIAN_MIN_HOURS).
MEDIAN_RATIO, MEDIAN_MIN_HOURS = 1.25, 1.0
#: Sentiment is "worse" (or better) when net sentiment moves by at least this many points.
NET_PP = 10.0
#: A negative spike: negative texts this week >= SPIKE_RATIO x the 4-week average, and >= SPIKE_MIN.
SPIKE_RATIO, SPIKE_MIN = 2.0, 3
#: Overdue comments are looked for among those published in the last LOOKBACK_DAYS before the week ends.
LOOKBACK_DAYS = 28
#: Baseline and chart lengths, in weeks; examples shown.
BASELINE_WEEKS, TREND_WEEKS = 4, 12
OVERDUE_EXAMPLES, NEGATIVE_EXAMPLES, POSITIVE_EXAMPLES = 3, 4, 2

_WEEK_RE = re.compile(r"^(\d{4})-W(\d{2})$")


def parse_week(label: str) -> date:
    """`2026-W47` -> the Monday starting that ISO week; ValueError with the expected form otherwise."""
    match = _WEEK_RE.match(label.strip())
    if not match:
        raise ValueError(f"{label!r} is not an ISO week; write it like 2026-W47")
    try:
        return date.fromisocalendar(int(match[1]), int(match[2]), 1)
    except ValueError:
        raise ValueError(f"{label!r}: year {match[1]} has no week {match[2]}") from None


def week_label(monday: date) -> str:
    year, week, _ = monday.isocalendar()
    return f"{year}-W{week:02d}"


def week_of(moment: datetime, tz: ZoneInfo) -> date:
    """The Monday of the ISO week containing `moment` in the brand's time zone."""
    local = moment.astimezone(tz).date()
    return local - timedelta(days=local.weekday())


def week_bounds(monday: date, tz: ZoneInfo) -> tuple[datetime, datetime]:
    """[start, end) of the ISO week as instants: local midnight Monday to local midnight next Monday."""
    start = datetime.combine(monday, time(), tzinfo=tz)
    return start, datetime.combine(monday + timedelta(days=7), time(), tzinfo=tz)


def this_week_windows(now: datetime, tz: ZoneInfo) -> tuple[tuple[datetime, datetime], tuple[datetime, datetime]]:
    """"This week" on every page: the ISO week containing `now` in the brand's time zone, up to `now`, and the
    same elapsed part of the week before (Monday 00:00 + the same time since Monday). A week in progress is
    never compared with a whole one: on Tuesday at 10:00 both windows are 1 day 10 h long."""
    monday = week_of(now, tz)
    start, _ = week_bounds(monday, tz)
    prev_start, _ = week_bounds(monday - timedelta(weeks=1), tz)
    return (start, now), (prev_start, prev_start + (now - start))


@dataclass(frozen=True)
class WeeklyData:
    """Query results for the weeks [first, last]; columns are documented in the .sql files."""

    now: datetime
    tz: ZoneInfo
    sla_hours: float
    series: pd.DataFrame          # weekly.sql, all sources, indexed by week_start (date)
    median_4w: dict[date, float]  # weekly_median_4w.sql
    examples: pd.DataFrame        # weekly_examples.sql
    overdue: pd.DataFrame         # weekly_overdue.sql
    first: date | None            # the first week with any data (None: an empty database)
    last_ok_at: datetime | None
    rows: dict[date, dict[str, object]] = field(default_factory=dict, repr=False)  # series by week, as dicts
    picks: dict[date, list[dict[str, object]]] = field(default_factory=dict, repr=False)  # examples by week
    late: dict[date, list[dict[str, object]]] = field(default_factory=dict, repr=False)   # overdue by week


def _df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return con.execute(sql(name, "scripts"), params).df()


def _dates(column: pd.Series) -> list[date]:
    return [pd.Timestamp(v).date() for v in column]


def load_weekly(con: duckdb.DuckDBPyConnection, config: Config, now: datetime, *,
                weekly: pd.DataFrame | None = None, first: date | None = None, last: date | None = None,
                last_ok_at: datetime | None = None) -> WeeklyData:
    """Run the weekly queries once for every week from `first` (default: the first week with data) to
    `last` (default: the current week). `weekly` is weekly.sql's result when the caller already has it."""
    tz, sla_hours = config.tz, float(config.brand.response_sla_hours)
    if weekly is None:
        weekly = _df(con, "weekly", tz=config.brand.timezone)
    series = weekly[weekly["source_id"].isna()].copy()
    series.index = _dates(series["week_start"])
    data_first = min(series.index) if len(series) else None
    first = first or data_first or week_of(now, tz)
    last = last or week_of(now, tz)
    if last < first:
        first = last
    start, _ = week_bounds(first, tz)
    _, end = week_bounds(last, tz)
    params = {"first": first, "last": last, "tz": config.brand.timezone}
    median = _df(con, "weekly_median_4w", **params)
    examples = _df(con, "weekly_examples", tz=config.brand.timezone, start=start, end=end,
                   neg_limit=NEGATIVE_EXAMPLES, pos_limit=POSITIVE_EXAMPLES)
    overdue = _df(con, "weekly_overdue", **params, now=now, lookback_days=LOOKBACK_DAYS,
                  since=start - timedelta(days=LOOKBACK_DAYS), limit=max(OVERDUE_EXAMPLES, 5))
    for frame in (examples, overdue):
        frame["week_start"] = _dates(frame["week_start"])
    return WeeklyData(now=now, tz=tz, sla_hours=sla_hours, series=series,
                      median_4w={d: _num(v) for d, v in zip(_dates(median["week_start"]),
                                                             median["median_hours_4w"], strict=True)},
                      examples=examples, overdue=overdue, first=data_first, last_ok_at=last_ok_at,
                      rows=dict(zip(series.index, series.to_dict("records"), strict=True)),
                      picks=_by_week(examples), late=_by_week(overdue))


def _by_week(frame: pd.DataFrame) -> dict[date, list[dict[str, object]]]:
    """Rows grouped by week as plain dicts, converted once (pandas row access is slow per week)."""
    out: dict[date, list[dict[str, object]]] = {}
    for row in frame.to_dict("records"):
        clean = {k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in row.items()}
        out.setdefault(row["week_start"], []).append(clean)  # type: ignore[arg-type]
    return out


def _num(value: object) -> float | None:
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return None if math.isnan(number) else number


# ---- the summary ----------------------------------------------------------------------------------

@dataclass(frozen=True)
class Metric:
    """One key number: this week, the week before, and the mean of the 4 weeks before (pooled)."""

    key: str                      # mentions | net_sentiment | response_rate | median_hours
    value: float | None
    previous: float | None
    avg4: float | None


@dataclass(frozen=True)
class Example:
    pick: str                     # overdue | neg | pos
    kind: str                     # post | comment
    source_name: str
    author: str | None
    published_at: datetime
    text: str | None
    title: str | None
    url: str | None
    age_hours: float | None = None


@dataclass(frozen=True)
class Escalation:
    rule: str                     # overdue_negative | negative_spike
    count: int
    baseline: float | None = None
    items: tuple[Example, ...] = ()


@dataclass(frozen=True)
class Verdict:
    """`headline` and `reasons` are i18n keys with their values; the renderers put them into words."""

    level: str                    # nodata | alert | worse | better | stable
    headline: str
    reasons: tuple[tuple[str, dict[str, object]], ...] = ()


@dataclass(frozen=True)
class Summary:
    week: str
    week_start: date
    start: datetime
    end: datetime
    now: datetime
    partial: bool
    no_data: bool
    sla_hours: float
    metrics: dict[str, Metric]
    verdict: Verdict
    escalations: tuple[Escalation, ...]
    examples: tuple[Example, ...]
    trend: tuple[dict[str, object], ...] = field(repr=False)  # week_start, mentions, neg, net_sentiment, …
    overdue_total: int = 0
    last_ok_at: datetime | None = None


def weeks_between(first: date, last: date) -> list[date]:
    return [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]


def _row(data: WeeklyData, monday: date) -> dict[str, object] | None:
    return data.rows.get(monday)


def _baseline(data: WeeklyData, monday: date) -> dict[str, float | None]:
    """Pooled numbers over the (up to) 4 weeks before `monday`, counting only weeks since data began."""
    if data.first is None or monday <= data.first:
        return {}
    weeks = [monday - timedelta(weeks=i) for i in range(1, BASELINE_WEEKS + 1)]
    weeks = [w for w in weeks if w >= data.first]
    rows = [r for r in (_row(data, w) for w in weeks) if r]
    total = {k: sum(float(r[k]) for r in rows) for k in ("mentions", "pos", "neg", "scored", "needs_reply", "answered")}  # type: ignore[arg-type]
    return {
        "mentions": total["mentions"] / len(weeks),
        "neg": total["neg"] / len(weeks),
        "net_sentiment": 100.0 * (total["pos"] - total["neg"]) / total["scored"] if total["scored"] else None,
        "response_rate": total["answered"] / total["needs_reply"] if total["needs_reply"] else None,  # the headline
        "median_hours": data.median_4w.get(monday),
    }


def _example(pick: str, row: dict[str, object]) -> Example:
    return Example(pick=pick, kind=str(row.get("kind") or "comment"), source_name=str(row["source_name"]),
                   author=row.get("author"), published_at=row["published_at"], text=row.get("text"),  # type: ignore[arg-type]
                   title=row.get("title"), url=row.get("url"), age_hours=_num(row.get("age_hours")))  # type: ignore[arg-type]


def summarize(data: WeeklyData, monday: date) -> Summary:
    """Apply the rules to one week. Pure: everything comes from `data`."""
    start, end = week_bounds(monday, data.tz)
    this = _row(data, monday)
    base = _baseline(data, monday)

    def get(week: date, key: str) -> float | None:
        """A week without a row had no texts: zero for counts once data began, unknown for rates."""
        row = _row(data, week)
        if row is None:
            return 0.0 if key in ("mentions", "neg") and data.first and week >= data.first else None
        return _num(row.get(key))

    previous = monday - timedelta(weeks=1)
    metrics = {key: Metric(key, get(monday, key), get(previous, key), base.get(key))
               for key in ("mentions", "net_sentiment", "response_rate", "median_hours")}
    no_data = this is None or (float(this["texts"]) == 0 and float(this["eligible"]) == 0)  # type: ignore[arg-type]
    overdue, picks = data.late.get(monday, []), data.picks.get(monday, [])
    oldest = [_example("overdue", r) for r in overdue if r["rank_all"] <= OVERDUE_EXAMPLES]  # type: ignore[operator]
    neg = [_example("neg", r) for r in picks if r["pick"] == "neg"]
    pos = [_example("pos", r) for r in picks if r["pick"] == "pos"]
    escalations = []
    escalated = [r for r in overdue if r["escalate"] and r["rank_kind"] <= OVERDUE_EXAMPLES]  # type: ignore[operator]
    if escalated:
        escalations.append(Escalation("overdue_negative", int(escalated[0]["escalate_total"]),  # type: ignore[call-overload]
                                      items=tuple(_example("overdue", r) for r in escalated)))
    neg_now, neg_avg = get(monday, "neg") or 0.0, base.get("neg")
    if neg_avg is not None and neg_now >= SPIKE_MIN and neg_now >= SPIKE_RATIO * neg_avg:
        escalations.append(Escalation("negative_spike", int(neg_now), baseline=neg_avg))
    trend_weeks = [monday - timedelta(weeks=i) for i in range(TREND_WEEKS - 1, -1, -1)]
    trend = tuple({"week_start": w, "mentions": get(w, "mentions") or 0.0, "neg": get(w, "neg") or 0.0,
                   "net_sentiment": get(w, "net_sentiment"), "response_rate": get(w, "response_rate"),
                   "current": w == monday} for w in trend_weeks)
    overdue_total = int(overdue[0]["overdue_total"]) if overdue else 0  # type: ignore[call-overload]
    return Summary(
        week=week_label(monday), week_start=monday, start=start, end=end, now=data.now,
        partial=start <= data.now < end, no_data=no_data, sla_hours=data.sla_hours, metrics=metrics,
        verdict=verdict(metrics, escalations, no_data=no_data, sla_hours=data.sla_hours,
                        future=data.now < start),
        escalations=tuple(escalations), examples=tuple(oldest + neg + pos), trend=trend,
        overdue_total=overdue_total, last_ok_at=data.last_ok_at,
    )


def verdict(metrics: dict[str, Metric], escalations: list[Escalation], *, no_data: bool, sla_hours: float,
            future: bool = False) -> Verdict:
    """The verdict rules, in order (the Method page lists them in the same words):

    1. no texts and no comments expecting a reply -> "no data" (never zeros shown as facts);
    2. headline: response worse (rate -RATE_PP pp or median x MEDIAN_RATIO) and/or sentiment worse
       (net -NET_PP pp) than the week before; else "needs attention" when an escalation fired; else
       better (the same thresholds the other way); else stable;
    3. reasons: every escalation first, then the changes behind the headline, else the three numbers.
    """
    escalated = tuple(_escalation_reason(esc, sla_hours) for esc in escalations)
    if no_data:   # an old overdue comment still needs an owner in a quiet week
        return Verdict("alert" if escalated else "nodata", "verdict.future" if future else "verdict.nodata",
                       escalated)
    rate, net, median = metrics["response_rate"], metrics["net_sentiment"], metrics["median_hours"]
    rate_diff = _diff(rate) * 100 if _diff(rate) is not None else None
    net_diff = _diff(net)
    rate_moved = rate_diff is not None and abs(rate_diff) >= RATE_PP
    median_worse = median_better = False
    if median.value is not None and median.previous is not None:
        grew = median.value - median.previous
        median_worse = median.value >= MEDIAN_RATIO * median.previous and grew >= MEDIAN_MIN_HOURS
        median_better = median.previous >= MEDIAN_RATIO * median.value and -grew >= MEDIAN_MIN_HOURS
    resp_worse = (rate_diff is not None and rate_diff <= -RATE_PP) or median_worse
    resp_better = not resp_worse and ((rate_diff is not None and rate_diff >= RATE_PP) or median_better)
    sent_worse = net_diff is not None and net_diff <= -NET_PP
    sent_better = net_diff is not None and net_diff >= NET_PP
    reasons: list[tuple[str, dict[str, object]]] = list(escalated)
    if resp_worse and sent_worse:
        level, headline = "worse", "verdict.both_worse"
    elif resp_worse:
        level, headline = "worse", "verdict.response_worse"
    elif sent_worse:
        level, headline = "worse", "verdict.sentiment_worse"
    elif escalations:
        level, headline = "alert", "verdict.attention"
    elif resp_better and sent_better:
        level, headline = "better", "verdict.both_better"
    elif resp_better:
        level, headline = "better", "verdict.response_better"
    elif sent_better:
        level, headline = "better", "verdict.sentiment_better"
    else:
        level, headline = "stable", "verdict.stable"
    if escalations and level in ("better", "stable"):
        level = "alert"
    if (resp_worse or resp_better) and rate_moved:
        reasons.append(("reason.rate", {"value": rate.value, "diff": rate_diff}))
    elif resp_worse or resp_better:
        reasons.append(("reason.median", {"value": median.value, "previous": median.previous}))
    if sent_worse or sent_better:
        reasons.append(("reason.net", {"value": net.value, "diff": net_diff}))
    if not reasons:
        reasons.append(("reason.numbers", {"mentions": metrics["mentions"].value, "net": net.value,
                                           "rate": rate.value}))
    return Verdict(level, headline, tuple(reasons))


def _escalation_reason(esc: Escalation, sla_hours: float) -> tuple[str, dict[str, object]]:
    if esc.rule == "overdue_negative":
        return "reason.overdue_negative", {"n": esc.count, "sla": sla_hours}
    return "reason.negative_spike", {"n": esc.count, "avg": esc.baseline}


def _diff(metric: Metric) -> float | None:
    if metric.value is None or metric.previous is None:
        return None
    return metric.value - metric.previous


def rules() -> dict[str, float]:
    """The thresholds, for the Method page (so the page can never drift from the code)."""
    return {"rate_pp": RATE_PP, "median_pct": round((MEDIAN_RATIO - 1) * 100), "median_min": MEDIAN_MIN_HOURS,
            "net_pp": NET_PP, "spike_ratio": SPIKE_RATIO, "spike_min": SPIKE_MIN, "lookback": LOOKBACK_DAYS,
            "baseline": BASELINE_WEEKS, "trend": TREND_WEEKS}
