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

from collector import CONFIDENT_SCORE, Config, sql
from scripts.weekly.topics import Topics, summary_lines
from scripts.weekly.verdict import MIN_ELAPSED, Metric, Verdict, band, spike, verdict
from scripts.weekly.verdict import rules as rules  # re-exported: the Method page reads the rules from here
from scripts.weekly.voice import Voice, load_voice, voice_lines

# ---- the rules (documented on the Method page; the verdict's own are in scripts/weekly/verdict.py) ----
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
    (start, end, _), (prev_start, prev_end, _) = comparison_windows(week_of(now, tz), now, tz)
    return (start, end), (prev_start, prev_end)


Window = tuple[datetime, datetime, datetime]   # [start, end) and the instant replies are counted by (as_of)


def comparison_windows(monday: date, now: datetime, tz: ZoneInfo) -> tuple[Window, Window]:
    """The two windows a week's summary compares: the week (up to `now` while in progress), and the same
    elapsed part of the week before as it stood then (its replies counted by `now` - 7 days). For weeks long
    past both are whole weeks and the replies of the last 7 days change nothing."""
    start, end = week_bounds(monday, tz)
    prev_start, _ = week_bounds(monday - timedelta(weeks=1), tz)
    elapsed = min(max(now - start, timedelta(0)), end - start)
    return (start, start + elapsed, now), (prev_start, prev_start + elapsed, prev_start + (now - start))


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
    #: weekly_windows.sql by week: (the week, the same part of the week before) — the verdict's inputs
    compared: dict[date, tuple[dict[str, object], dict[str, object]]] = field(default_factory=dict, repr=False)
    #: weekly_overdue.sql: clearly negative comments on owned sources that fell overdue during each week, and
    #: the sum over posts of that count squared (their noise)
    new_escalations: dict[date, tuple[int, float]] = field(default_factory=dict, repr=False)
    labels: dict[str, str] = field(default_factory=dict, repr=False)   # source_id -> title (source_labels.sql)
    topics: Topics | None = field(default=None, repr=False)   # scripts.themes.data: themes and rising terms
    voice: Voice | None = field(default=None, repr=False)     # scripts/weekly/voice.py: share of voice per brand


def _df(con: duckdb.DuckDBPyConnection, name: str, **params: object) -> pd.DataFrame:
    return con.execute(sql(name, "scripts"), params).df()


def _dates(column: pd.Series) -> list[date]:
    return [pd.Timestamp(v).date() for v in column]


def load_weekly(con: duckdb.DuckDBPyConnection, config: Config, now: datetime, *,
                weekly: pd.DataFrame | None = None, first: date | None = None, last: date | None = None,
                last_ok_at: datetime | None = None, topics: Topics | None = None) -> WeeklyData:
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
    early = first - timedelta(weeks=BASELINE_WEEKS)   # the new escalations' baseline needs 4 weeks before
    overdue = _df(con, "weekly_overdue", first=early, last=last, tz=config.brand.timezone, now=now,
                  lookback_days=LOOKBACK_DAYS, since=week_bounds(early, tz)[0] - timedelta(days=LOOKBACK_DAYS),
                  limit=max(OVERDUE_EXAMPLES, 5), confident=CONFIDENT_SCORE)
    for frame in (examples, overdue):
        frame["week_start"] = _dates(frame["week_start"])
    late = _by_week(overdue)
    weeks = [w for w in weeks_between(early, last) if w in series.index or w == week_of(now, tz)]
    labels = _df(con, "source_labels")
    return WeeklyData(now=now, tz=tz, sla_hours=sla_hours, series=series,
                      median_4w={d: _num(v) for d, v in zip(_dates(median["week_start"]),
                                                             median["median_hours_4w"], strict=True)},
                      examples=examples, overdue=overdue, first=data_first, last_ok_at=last_ok_at,
                      rows=dict(zip(series.index, series.to_dict("records"), strict=True)),
                      picks=_by_week(examples), late={w: rows for w, rows in late.items() if w >= first},
                      compared=_compared(con, weeks, now, tz),
                      new_escalations={w: (int(rows[0]["escalate_new"]), float(rows[0]["escalate_new_sq"]))  # type: ignore[call-overload, arg-type]
                                       for w, rows in late.items()},
                      labels=dict(zip(labels["source_id"], labels["label"], strict=True)),
                      topics=topics if topics is not None else _topics(con, config, first, last),
                      voice=load_voice(con, config, {w: comparison_windows(w, now, tz) for w in weeks}))


def _topics(con: duckdb.DuckDBPyConnection, config: Config, first: date, last: date) -> Topics:
    """Themes and rising terms of the (at most SITE_WEEKS) last weeks asked for: the topic lines' data."""
    from scripts.themes.data import SITE_WEEKS, load_topics

    return load_topics(con, config, max(first, last - timedelta(weeks=SITE_WEEKS - 1)), last)


def _compared(con: duckdb.DuckDBPyConnection, weeks: list[date], now: datetime,
              tz: ZoneInfo) -> dict[date, tuple[dict[str, object], dict[str, object]]]:
    """weekly_windows.sql over every week's two comparison windows, in one query."""
    if not weeks:
        return {}
    windows = [w for monday in weeks for w in comparison_windows(monday, now, tz)]
    frame = _df(con, "weekly_windows", starts=[w[0] for w in windows], ends=[w[1] for w in windows],
                as_ofs=[w[2] for w in windows], tz=tz.key)
    rows = [{k: (None if isinstance(v, float) and math.isnan(v) else v) for k, v in r.items()}
            for r in frame.to_dict("records")]
    return {monday: (rows[2 * i], rows[2 * i + 1]) for i, monday in enumerate(weeks)}


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
    new: int = 0                  # overdue_negative: how many fell due during the week
    alarming: bool = True         # makes the verdict "needs attention" (a spike); else listed, needing an owner


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
    lines: tuple[tuple[str, dict[str, object]], ...] = ()   # extra lines under the key numbers (voice, topics)


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


def _example(pick: str, row: dict[str, object], labels: dict[str, str]) -> Example:
    """A row as an example; its source by the title people know it by (config, else the feed's), not the slug."""
    source = labels.get(str(row.get("source_id")), str(row["source_name"]))
    return Example(pick=pick, kind=str(row.get("kind") or "comment"), source_name=source,
                   author=row.get("author"), published_at=row["published_at"], text=row.get("text"),  # type: ignore[arg-type]
                   title=row.get("title"), url=row.get("url"), age_hours=_num(row.get("age_hours")))  # type: ignore[arg-type]


def too_early(data: WeeklyData, monday: date) -> bool:
    """The week began less than MIN_ELAPSED ago: shown, not compared yet (as on the overview)."""
    start, _ = week_bounds(monday, data.tz)
    return start <= data.now < start + MIN_ELAPSED


def _metrics(data: WeeklyData, monday: date, base: dict[str, float | None]) -> dict[str, Metric]:
    """The key numbers: the week against the same elapsed part of the week before (weekly_windows.sql), each
    with its noise band; weeks outside the loaded range fall back to weekly.sql's rows."""
    pair = data.compared.get(monday)
    if pair is None:
        now_row, before = _row(data, monday), _row(data, monday - timedelta(weeks=1))
    else:
        now_row, before = pair

    def value(row: dict[str, object] | None, key: str) -> float | None:
        if row is None:
            return 0.0 if key == "mentions" and data.first else None
        return _num(row.get(key))

    early = pair is not None and too_early(data, monday)
    return {key: Metric(key, value(now_row, key), None if early else value(before, key), base.get(key),
                        band(key, now_row, before) if pair and not early else None)
            for key in ("mentions", "net_sentiment", "response_rate", "median_hours")}


def _base_weeks(data: WeeklyData, monday: date) -> list[date]:
    """The (up to) 4 weeks before `monday` since the data began: the spikes' baseline."""
    weeks = [monday - timedelta(weeks=i) for i in range(1, BASELINE_WEEKS + 1)]
    return [w for w in weeks if data.first is not None and w >= data.first]


def _negatives(data: WeeklyData, week: date) -> tuple[float, float]:
    """A week's negative texts and their spread (weekly_windows.sql `neg`, `neg_sq`); zeros for a quiet week
    (load_weekly compares every week with data from 4 weeks before the first asked for)."""
    pair = data.compared.get(week)
    if pair is None:
        return 0.0, 0.0
    return _num(pair[0].get("neg")) or 0.0, _num(pair[0].get("neg_sq")) or 0.0


def _escalations(data: WeeklyData, monday: date) -> list[Escalation]:
    """Overdue clearly negative comments (always listed: they need an owner; alarming when more fell due this
    week than usual) and a spike of negative texts (against the 4-week baseline, pro rata while in progress)."""
    out = []
    base_weeks = _base_weeks(data, monday)
    overdue = data.late.get(monday, [])
    escalated = [r for r in overdue if r["escalate"] and r["rank_kind"] <= OVERDUE_EXAMPLES]  # type: ignore[operator]
    if escalated:
        before = [data.new_escalations.get(w, (0, 0.0)) for w in base_weeks]
        new = data.new_escalations.get(monday, (0, 0.0))[0]
        out.append(Escalation("overdue_negative", int(escalated[0]["escalate_total"]),  # type: ignore[call-overload]
                              baseline=sum(c for c, _ in before) / len(before) if before else None, new=new,
                              alarming=spike(new, [(float(c), q) for c, q in before]),
                              items=tuple(_example("overdue", r, data.labels) for r in escalated)))
    start, end = week_bounds(monday, data.tz)
    share = min(max((data.now - start) / (end - start), 0.0), 1.0)
    neg_now, before = _negatives(data, monday)[0], [_negatives(data, w) for w in base_weeks]
    if spike(neg_now, before, share):
        out.append(Escalation("negative_spike", int(neg_now), baseline=share * sum(c for c, _ in before) / len(before)))
    return out


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

    metrics = _metrics(data, monday, base)
    no_data = this is None or (float(this["texts"]) == 0 and float(this["eligible"]) == 0)  # type: ignore[arg-type]
    overdue, picks = data.late.get(monday, []), data.picks.get(monday, [])
    oldest = [_example("overdue", r, data.labels) for r in overdue if r["rank_all"] <= OVERDUE_EXAMPLES]  # type: ignore[operator]
    neg = [_example("neg", r, data.labels) for r in picks if r["pick"] == "neg"]
    pos = [_example("pos", r, data.labels) for r in picks if r["pick"] == "pos"]
    escalations = _escalations(data, monday)
    trend_weeks = [monday - timedelta(weeks=i) for i in range(TREND_WEEKS - 1, -1, -1)]
    trend = tuple({"week_start": w, "mentions": get(w, "mentions") or 0.0, "neg": get(w, "neg") or 0.0,
                   "net_sentiment": get(w, "net_sentiment"), "response_rate": get(w, "response_rate"),
                   "current": w == monday} for w in trend_weeks)
    overdue_total = int(overdue[0]["overdue_total"]) if overdue else 0  # type: ignore[call-overload]
    # Extra lines under the key numbers (share of voice, topics...): (i18n key, values) pairs, in this order.
    lines: list[tuple[str, dict[str, object]]] = []
    lines += voice_lines(data.voice, monday)       # "Cuota de voz" (scripts/weekly/voice.py)
    lines += summary_lines(data.topics, monday)    # "De qué se habla", "De qué se quejan" (scripts/weekly/topics.py)
    return Summary(
        week=week_label(monday), week_start=monday, start=start, end=end, now=data.now,
        partial=start <= data.now < end, no_data=no_data, sla_hours=data.sla_hours, metrics=metrics,
        verdict=verdict(metrics, escalations, no_data=no_data, sla_hours=data.sla_hours,
                        future=data.now < start),
        escalations=tuple(escalations), examples=tuple(oldest + neg + pos), trend=trend,
        overdue_total=overdue_total, last_ok_at=data.last_ok_at, lines=tuple(lines),
    )
