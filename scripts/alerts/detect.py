"""When a day is a spike: pure functions over daily counts, no database.

The rule (stated on the README's Alerts section): a day's count of texts about the brand (or of its
negative texts) is a spike when it is at least `[alerts].min_count` and above

    median + k · spread      of the same part of each of the last `baseline_days` days,

where `spread` is the median absolute deviation (MAD), floored at √(median + 1) — the chance wobble of a
count around its usual level (Poisson): on a quiet brand most days look alike, the MAD is 0, and a day
one text above the usual would otherwise alert. k comes from `[alerts].sensitivity` (SENSITIVITY_K,
calibrated with benchmarks/alerts.py on the demo's year, whose threads make its days bursty: its busiest
day has 15 times the median day: at k 5 the default level sent about 10 spike alerts a month, at k 8
5.3 (high 8.9, low 2.8), and every burst of four usual days' texts in three hours is still caught at
normal and high, 11 of 12 at low). The median and the MAD are robust: last month's spike does not raise
the bar for this month's.

Why "the same part of each day" and not "today scaled to a whole day": activity follows the clock
(evenings busy, nights empty), so at 09:00 a third of the day has passed but far less than a third of its
texts. Comparing today until 09:00 with the other days until 09:00 (local wall clock, so DST does not
shift it) compares like with like at every hour; a run after midnight also looks at yesterday whole.
"""

from __future__ import annotations

import math
import statistics
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

#: k per `[alerts].sensitivity`: how many spreads above the median a day must be.
SENSITIVITY_K: dict[str, float] = {"high": 5.0, "normal": 8.0, "low": 12.0}
#: Fewer days of history than this and no spike is judged (a new database has no "usual" yet).
MIN_BASELINE_DAYS = 7


@dataclass(frozen=True)
class DayCounts:
    """One local day: all of it, and its first part (as much of it as has passed today)."""

    texts: int = 0
    negative: int = 0
    texts_so_far: int = 0
    negative_so_far: int = 0


@dataclass(frozen=True)
class Baseline:
    """The usual level a day is compared with."""

    median: float
    spread: float
    threshold: float
    days: int


@dataclass(frozen=True)
class Spike:
    """A count above its baseline: `measure` is "mentions" or "negative", `day` the local day, `partial`
    True for today so far (compared with the same hours of the baseline days)."""

    measure: str
    day: date
    partial: bool
    count: int
    baseline: Baseline

    @property
    def ratio(self) -> float | None:
        """How many times the usual level (None when the usual level is 0)."""
        return self.count / self.baseline.median if self.baseline.median else None


def sensitivity_k(level: str) -> float:
    """k for a sensitivity level; ValueError naming the three levels otherwise."""
    try:
        return SENSITIVITY_K[level]
    except KeyError:
        raise ValueError(f"[alerts].sensitivity must be one of {', '.join(SENSITIVITY_K)}, not {level!r}") from None


def baseline(values: Sequence[float], k: float) -> Baseline:
    """median + k · max(MAD, √(median + 1)) over `values`."""
    median = float(statistics.median(values))
    mad = float(statistics.median([abs(v - median) for v in values]))
    spread = max(mad, math.sqrt(median + 1))
    return Baseline(median=median, spread=spread, threshold=median + k * spread, days=len(values))


def is_spike(count: int, base: Baseline, min_count: float) -> bool:
    """Above the threshold and at least the minimum count."""
    return count >= min_count and count > base.threshold


def baseline_days(day: date, first_day: date | None, days: int) -> list[date]:
    """The `days` local days before `day`, none before the first day with data."""
    out = [day - timedelta(days=n) for n in range(1, days + 1)]
    return [d for d in out if first_day is not None and d >= first_day]


def _value(counts: DayCounts, measure: str, partial: bool) -> int:
    if measure == "mentions":
        return counts.texts_so_far if partial else counts.texts
    return counts.negative_so_far if partial else counts.negative


def spikes(counts: Mapping[date, DayCounts], today: date, first_day: date | None, *, k: float,
           min_count: float, days: int, with_yesterday: bool = True) -> list[Spike]:
    """Spikes of mentions and of negative mentions today so far (against the same hours of the baseline
    days) and, with `with_yesterday`, yesterday whole (against whole days): a run once a night, after
    midnight, still sees the day that just ended; an hourly run has already sent it and sends it no more."""
    found: list[Spike] = []
    windows = [(today, True)] + ([(today - timedelta(days=1), False)] if with_yesterday else [])
    for day, partial in windows:
        history = baseline_days(day, first_day, days)
        if len(history) < MIN_BASELINE_DAYS or first_day is None or day < first_day:
            continue
        empty = DayCounts()
        for measure in ("mentions", "negative"):
            base = baseline([_value(counts.get(d, empty), measure, partial) for d in history], k)
            count = _value(counts.get(day, empty), measure, partial)
            if is_spike(count, base, min_count):
                found.append(Spike(measure, day, partial, count, base))
    return found
