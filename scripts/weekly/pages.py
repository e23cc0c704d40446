"""Which weeks get a page on the site, how runs of empty weeks read on the index, and how often each verdict
occurred (for the Method page). Pure: `WeeklyData` in, summaries and counts out.

A site whose sources include old blogs (posts in 2011, then nothing until 2026) would otherwise get hundreds
of "no data" pages: a week gets a page only when it has data, an escalation, or is the week in progress;
each run of other weeks is one line on the index.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from datetime import date

from scripts.weekly.summary import Summary, WeeklyData, summarize, week_label, week_of, weeks_between

#: The verdict levels in the order the Method page lists them.
LEVELS = ("better", "stable", "worse", "alert")


@dataclass(frozen=True)
class EmptyRun:
    """Consecutive weeks without data and without anything to escalate: one index line, no pages."""

    first: date
    last: date
    weeks: int


def site_weeks(data: WeeklyData | None) -> list[Summary | EmptyRun]:
    """Oldest first: a Summary for each week that gets a page, an EmptyRun for each run of the others."""
    if data is None or data.first is None:
        return []
    current = week_of(data.now, data.tz)
    out: list[Summary | EmptyRun] = []
    run: list[date] = []
    for monday in weeks_between(data.first, max(current, data.first)):
        summary = summarize(data, monday)
        if summary.no_data and not summary.escalations and monday != current:
            run.append(monday)
            continue
        if run:
            out.append(EmptyRun(run[0], run[-1], len(run)))
            run = []
        out.append(summary)
    if run:
        out.append(EmptyRun(run[0], run[-1], len(run)))
    return out


def verdict_counts(items: list[Summary | EmptyRun]) -> tuple[Counter[str], int]:
    """How often each verdict level occurred over the complete weeks with data (the week in progress and
    weeks without data left out), and how many weeks that is."""
    levels = Counter(s.verdict.level for s in items
                     if isinstance(s, Summary) and not s.partial and not s.no_data)
    return levels, sum(levels.values())


def run_labels(run: EmptyRun) -> dict[str, object]:
    """The ISO labels an index line shows for a run ("2012-W10 – 2012-W21")."""
    return {"count": run.weeks, "first": week_label(run.first), "last": week_label(run.last)}
