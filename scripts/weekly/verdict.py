"""The weekly verdict: better, stable, worse or needs attention, by rules that know what is only noise.

A week's response rate, net sentiment and median reply move every week by chance alone: a steady brand
must read "Semana estable" most weeks, and "better" must be possible. So a change counts only when it
is larger than what chance would give (`NOISE_Z` standard errors of the difference) *and* larger than the
overview's noise band (the same floors, so a card and a verdict never disagree about what is noise).
The standard errors are measured between conversations (a post and its comments), because comments on
one thread go together: one thread of 300 complaints moves a whole week. Pure: numbers in, a Verdict out.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

# ---- the rules (documented on the Method page, which reads them from `rules()`) -------------------
#: A change counts when it exceeds this many standard errors of the difference (about 95 % two-sided) ...
NOISE_Z = 2.0
#: ... and the floors (the overview cards' noise bands): pp of response rate, pp of net sentiment, % of median.
RATE_FLOOR_PP, NET_FLOOR_PP, MEDIAN_FLOOR_PCT = 3.0, 5.0, 15.0
#: McGill's notch: two medians differ when their notches (median +/- 1.58 IQR / sqrt(n)) do not overlap.
NOTCH = 1.58
#: Fewer comments (or scored texts, or replies) than this in either week: that number is not compared.
MIN_COUNT = 10
#: A week younger than this is not compared yet (a few hours of Monday say nothing about the week); the
#: overview cards use the same rule.
MIN_ELAPSED = timedelta(hours=12)
#: A spike: this week's count >= SPIKE_RATIO x its 4-week average, >= SPIKE_MIN, and beyond noise (`spike`).
#: Applies to negative texts, and to clearly negative comments on owned sources that fell overdue that week.
SPIKE_RATIO, SPIKE_MIN = 2.0, 3


@dataclass(frozen=True)
class Metric:
    """One key number: this week, the week before (the same elapsed part, for a week in progress), the mean
    of the 4 weeks before (pooled), and `band`: the smallest change that is more than noise, in the units of
    the change (pp for rates and sentiment, hours for the median); None when too few to compare."""

    key: str                      # mentions | net_sentiment | response_rate | median_hours
    value: float | None
    previous: float | None
    avg4: float | None
    band: float | None = None


@dataclass(frozen=True)
class Verdict:
    """`headline` and `reasons` are i18n keys with their values; the renderers put them into words."""

    level: str                    # nodata | alert | worse | better | stable
    headline: str
    reasons: tuple[tuple[str, dict[str, object]], ...] = ()


# ---- noise ------------------------------------------------------------------------------------------

def _ratio_var(k: float, total: float, ratio: float, aa: float, an: float, nn: float) -> float:
    """Cluster-robust (linearised) variance of a ratio sum(a)/sum(n) over k conversations (the callers
    floor it at the binomial variance: when every conversation is one comment the two agree)."""
    spread = aa - 2 * ratio * an + ratio * ratio * nn
    robust = k / (k - 1) * max(spread, 0.0) / (total * total) if k >= 2 else math.inf
    return robust


def rate_se(row: dict[str, Any]) -> float | None:
    """Standard error of the headline response rate (a 0..1 ratio); None with too few comments."""
    n, a = float(row.get("needs_reply") or 0), float(row.get("answered") or 0)
    if n < MIN_COUNT:
        return None
    r = a / n
    var = _ratio_var(float(row.get("resp_posts") or 0), n, r, float(row.get("resp_aa") or 0),
                     float(row.get("resp_an") or 0), float(row.get("resp_nn") or 0))
    return math.sqrt(max(var, r * (1 - r) / n))


def net_se(row: dict[str, Any]) -> float | None:
    """Standard error of net sentiment, in pp; None with too few scored texts."""
    s = float(row.get("scored") or 0)
    if s < MIN_COUNT:
        return None
    pos, neg = float(row.get("pos") or 0) / s, float(row.get("neg") or 0) / s
    net = pos - neg
    var = _ratio_var(float(row.get("sent_posts") or 0), s, net, float(row.get("sent_dd") or 0),
                     float(row.get("sent_ds") or 0), float(row.get("sent_ss") or 0))
    return 100 * math.sqrt(max(var, (pos + neg - net * net) / s))


def median_notch(row: dict[str, Any]) -> float | None:
    """Half-width of the median's notch, in hours; None with too few replies."""
    n, q1, q3 = float(row.get("replies") or 0), row.get("q1_hours"), row.get("q3_hours")
    if n < MIN_COUNT or q1 is None or q3 is None or _nan(q1) or _nan(q3):
        return None
    return NOTCH * (float(q3) - float(q1)) / math.sqrt(n)


def _nan(value: object) -> bool:
    return isinstance(value, float) and math.isnan(value)


def band(key: str, now: dict[str, Any] | None, before: dict[str, Any] | None) -> float | None:
    """The smallest change of `key` between two windows that is more than noise (see the module doc)."""
    if not now or not before:
        return None
    if key == "response_rate":
        a, b = rate_se(now), rate_se(before)
        return None if a is None or b is None else max(RATE_FLOOR_PP, 100 * NOISE_Z * math.hypot(a, b))
    if key == "net_sentiment":
        a, b = net_se(now), net_se(before)
        return None if a is None or b is None else max(NET_FLOOR_PP, NOISE_Z * math.hypot(a, b))
    if key == "median_hours":
        a, b = median_notch(now), median_notch(before)
        prev = before.get("median_hours")
        if a is None or b is None or prev is None or _nan(prev):
            return None
        return max(a + b, MEDIAN_FLOOR_PCT / 100 * float(prev))
    return None


def spike(count: float, before: list[tuple[float, float]], share: float = 1.0) -> bool:
    """The spike test, shared by negative texts and new overdue negative comments. `before` holds, for each
    baseline week, its count and the sum over its conversations of their count squared; `share` scales the
    baseline for a week in progress. A spike is at least SPIKE_RATIO x the average, at least SPIKE_MIN, and
    above the average by NOISE_Z standard deviations of a weekly count. The weekly count is a sum over
    conversations arriving at random, so its variance is the expected sum of their squares (a compound
    Poisson total): weeks whose negatives come in a few big threads vary more than weeks of single comments."""
    if not before:
        return False
    k = len(before)
    average = share * sum(c for c, _ in before) / k
    variance = share * sum(q for _, q in before) / k
    noise = NOISE_Z * math.sqrt(variance * (1 + 1 / k))   # this week's own spread and the average's
    return count >= SPIKE_MIN and count >= SPIKE_RATIO * average and count - average >= noise


# ---- the verdict ------------------------------------------------------------------------------------

def _moved(metric: Metric, scale: float = 1.0) -> int:
    """+1 up, -1 down, 0 within noise or not comparable."""
    if metric.value is None or metric.previous is None or metric.band is None:
        return 0
    diff = (metric.value - metric.previous) * scale
    return 0 if abs(diff) < metric.band else (1 if diff > 0 else -1)


def verdict(metrics: dict[str, Metric], escalations: list[Any], *, no_data: bool, sla_hours: float,
            future: bool = False) -> Verdict:
    """The verdict rules, in order (the Method page lists them in the same words):

    1. no texts and no comments expecting a reply -> "no data" (an old overdue comment still alerts);
    2. response worse (rate down, or median up, beyond noise) and/or sentiment worse -> worse;
    3. else an *alarming* escalation (a spike) -> needs attention;
    4. else response and/or sentiment better beyond noise -> better; else stable.
    Reasons: the spikes first, then the changes behind the headline (else the three numbers), then the other
    escalations (listed: they still need an owner).
    """
    escalated = tuple(_escalation_reason(esc, sla_hours) for esc in escalations)
    alarming = any(getattr(esc, "alarming", True) for esc in escalations)
    if no_data:
        return Verdict("alert" if alarming else "nodata", "verdict.future" if future else "verdict.nodata",
                       escalated)
    rate, net, median = metrics["response_rate"], metrics["net_sentiment"], metrics["median_hours"]
    rate_way, net_way, median_way = _moved(rate, 100), _moved(net), _moved(median)
    resp_worse = rate_way < 0 or median_way > 0
    resp_better = not resp_worse and (rate_way > 0 or median_way < 0)
    sent_worse, sent_better = net_way < 0, net_way > 0
    if resp_worse or sent_worse:
        level = "worse"
        headline = ("verdict.both_worse" if resp_worse and sent_worse else
                    "verdict.response_worse" if resp_worse else "verdict.sentiment_worse")
    elif alarming:
        level, headline = "alert", "verdict.attention"
    elif resp_better or sent_better:
        level = "better"
        headline = ("verdict.both_better" if resp_better and sent_better else
                    "verdict.response_better" if resp_better else "verdict.sentiment_better")
    else:
        level, headline = "stable", "verdict.stable"
    alarms = [r for r, esc in zip(escalated, escalations, strict=True) if getattr(esc, "alarming", True)]
    listed = [r for r, esc in zip(escalated, escalations, strict=True) if not getattr(esc, "alarming", True)]
    reasons: list[tuple[str, dict[str, object]]] = list(alarms)
    if (resp_worse or resp_better) and rate_way:
        reasons.append(("reason.rate", {"value": rate.value, "diff": (rate.value - rate.previous) * 100}))  # type: ignore[operator]
    elif resp_worse or resp_better:
        reasons.append(("reason.median", {"value": median.value, "previous": median.previous}))
    if sent_worse or sent_better:
        reasons.append(("reason.net", {"value": net.value, "diff": net.value - net.previous}))  # type: ignore[operator]
    if len(reasons) == len(alarms):
        reasons.append(("reason.numbers", {"mentions": metrics["mentions"].value, "net": net.value,
                                           "rate": rate.value}))
    return Verdict(level, headline, tuple(reasons + listed))


def _escalation_reason(esc: Any, sla_hours: float) -> tuple[str, dict[str, object]]:
    if esc.rule == "overdue_negative":
        return "reason.overdue_negative", {"n": esc.count, "sla": sla_hours}
    return "reason.negative_spike", {"n": esc.count, "avg": esc.baseline}


def rules() -> dict[str, float]:
    """The thresholds, for the Method page (so the page can never drift from the code)."""
    from scripts.weekly.summary import BASELINE_WEEKS, LOOKBACK_DAYS, TREND_WEEKS

    return {"z": NOISE_Z, "rate_pp": RATE_FLOOR_PP, "net_pp": NET_FLOOR_PP, "median_pct": MEDIAN_FLOOR_PCT,
            "notch": NOTCH, "min_count": MIN_COUNT, "spike_ratio": SPIKE_RATIO, "spike_min": SPIKE_MIN,
            "lookback": LOOKBACK_DAYS, "baseline": BASELINE_WEEKS, "trend": TREND_WEEKS}
