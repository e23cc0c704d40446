"""Alert benchmark (issue 15): how many alerts each sensitivity level fires per month on the demo's year, and
whether injected spikes are caught. One command:

    .venv/bin/python benchmarks/alerts.py [--spikes 12] [--db DEMO.duckdb --config monitor.toml] [--workdir DIR]

1. The demo (pulso.demo.generate, its fixed end date, scale 1: a year of 28 blogs) served on 127.0.0.1 and
   collected over HTTP into a fresh database, as `pulso demo` does — or `--db`/`--config` to reuse one.
2. Replays `pulso alert` as an hourly cron over every day that has 28 days of history before it: at each
   local hh:00 the spikes of today so far and of yesterday whole (scripts.alerts.detect.spikes on
   scripts.alerts.find.daily_counts), then the ledger (scripts.alerts.ledger.to_send: once per key, the
   cooldown) — the same functions `pulso alert` runs. The counts so far are read once per hour of the day
   (texts published before each run's instant: what a run at that instant would have seen).
   Overdue and stopped-answering alerts (not tied to the sensitivity) are replayed once a day at 09:00 with
   the real queries (find.overdue_alerts, find.stopped_alerts).
3. For each burst size (1, 2 and 4 usual days' texts in three hours), copies the database and injects
   `--spikes` bursts, alternating negative and mentions, on days spread over the year: in 10:00-13:00 local,
   size x the median whole day of the 28 days before (at least 3 x min_count) texts, cloned from stored
   in-scope comments (negative ones for a negative burst, positive/neutral ones for a mentions burst). A
   burst is caught when an alert of its kind is sent for its day (by a run that day, or by the next day's
   "yesterday whole").
Prints alerts (and messages: runs that sent any) per month per level, the overdue / stopped numbers, and
injected spikes caught per level and size.
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import UTC, date, datetime, timedelta
from datetime import time as clock
from pathlib import Path

import duckdb

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from collector import Config, SentAlert, collect_into, load_config  # noqa: E402
from scripts.alerts.detect import SENSITIVITY_K, DayCounts, spikes  # noqa: E402
from scripts.alerts.find import daily_counts, overdue_alerts, overdue_since, stopped_alerts  # noqa: E402
from scripts.alerts.ledger import to_send  # noqa: E402
from scripts.alerts.model import Alert  # noqa: E402
from scripts.queries import open_database  # noqa: E402

BURST_HOURS = (10, 13)        # local: the injected texts arrive in [10:00, 13:00)
BURST_SIZES = (1, 2, 4)       # x the median whole day of the 28 days before
RUN_EVERY = 6                 # hours between runs in the overdue / stopped replay


def build_demo(work: Path) -> tuple[Path, Path]:
    from pulso.demo.generate import generate
    from pulso.demo.server import serve_demo

    feeds = work / "feeds"
    db = work / "demo.duckdb"
    with serve_demo(feeds) as servers:
        t0 = time.perf_counter()
        summary = generate(feeds, servers.base_url, blogger_url=servers.blogger_url)
        report = collect_into(load_config(feeds / "monitor.toml"), db)
    print(f"demo: {summary}; collected in {time.perf_counter() - t0:.0f} s (exit {int(report.exit_code)})")
    return feeds / "monitor.toml", db


def local_instant(day: date, hour: int, config: Config) -> datetime:
    return datetime.combine(day, clock(hour), tzinfo=config.tz).astimezone(UTC)


def counts_by_hour(db: Path, config: Config, end: datetime) -> tuple[dict[int, dict[date, DayCounts]], date]:
    """For each local hour h, every day's counts with "so far" = its first h hours (one query per hour)."""
    con = open_database(db, config, end)
    try:
        span = (end - datetime(2000, 1, 1, tzinfo=UTC)).days
        out = {}
        first = None
        for hour in range(24):
            out[hour], first = daily_counts(con, config, end, span, elapsed=hour * 3600.0)
    finally:
        con.close()
    assert first is not None
    return out, first


def replay_spikes(by_hour: dict[int, dict[date, DayCounts]], first: date, last: date, config: Config,
                  level: str) -> list[tuple[datetime, Alert]]:
    """Hourly runs from first + baseline days to `last`; the spike alerts the ledger lets through."""
    a = config.alerts
    days = int(a.baseline_days)
    sent: list[SentAlert] = []
    fired = []
    day = first + timedelta(days=days)
    while day <= last:
        for hour in range(24):
            now = local_instant(day, hour, config)
            found = spikes(by_hour[hour], day, first, k=SENSITIVITY_K[level], min_count=a.min_count, days=days)
            alerts = [Alert(f"spike_{'mentions' if s.measure == 'mentions' else 'negative'}", config.brand.name,
                            s.day, {"count": s.count}) for s in found]
            for alert in to_send(alerts, sent, "bench", now, a.cooldown_hours):
                sent.append(SentAlert(alert.key, "bench", alert.kind, alert.subject, alert.day, now))
                fired.append((now, alert))
        day += timedelta(days=1)
    return fired


def replay_replies(db: Path, config: Config, first: date, last: date,
                   end: datetime) -> tuple[Counter, Counter, Counter]:
    """Overdue comments on owned sources (alerted, and messages: one per source and cooldown) and
    stopped-answering sources per month, a run every RUN_EVERY hours, through the ledger like `pulso alert`."""
    con = open_database(db, config, end)
    items, messages, stopped = Counter(), Counter(), Counter()
    sent: list[SentAlert] = []
    cooldown = config.alerts.cooldown_hours
    try:
        now = local_instant(first + timedelta(days=int(config.alerts.baseline_days)), 0, config)
        last_ok, stop = None, local_instant(last + timedelta(days=1), 0, config)
        while now < stop:
            month = f"{now.astimezone(config.tz):%Y-%m}"
            found = overdue_alerts(con, config, now, overdue_since(last_ok, now, cooldown))
            found += stopped_alerts(con, config, now)
            out = to_send(found, sent, "bench", now, cooldown)
            sent += [SentAlert(x.key, "bench", x.kind, x.cooldown_subject[1], x.day, now) for x in out]
            overdue = [x for x in out if x.kind == "overdue"]
            items[month] += len(overdue)
            messages[month] += len({x.cooldown_subject for x in overdue})
            stopped[month] += sum(1 for x in out if x.kind == "stopped_answering")
            last_ok, now = now, now + timedelta(hours=RUN_EVERY)
    finally:
        con.close()
    return items, messages, stopped


def burst_days(first: date, last: date, config: Config, n: int) -> list[date]:
    start = first + timedelta(days=int(config.alerts.baseline_days) + 7)
    step = max(1, (last - start).days // max(n, 1))
    return [start + timedelta(days=3 + i * step) for i in range(n)]


def inject(db: Path, config: Config, bursts: list[tuple[date, str]], whole: dict[date, DayCounts],
           factor: float) -> list[int]:
    """Clone stored in-scope comments into each burst window; returns the size of each burst."""
    days = int(config.alerts.baseline_days)
    con = duckdb.connect(str(db))
    con.execute("SET TimeZone = 'UTC'")
    sizes = []
    try:
        for n, (day, kind) in enumerate(bursts):
            history = [whole.get(day - timedelta(days=d), DayCounts()).texts for d in range(1, days + 1)]
            size = int(max(3 * config.alerts.min_count, factor * statistics.median(history)))
            labels = ["neg"] if kind == "negative" else ["pos", "neu"]
            start = local_instant(day, BURST_HOURS[0], config)
            span = (BURST_HOURS[1] - BURST_HOURS[0]) * 3600
            con.execute("""
                CREATE OR REPLACE TEMP TABLE picked AS
                SELECT c.* FROM comments c JOIN sources s USING (source_id)
                WHERE NOT c.is_brand AND (s.owned OR c.is_mention) AND list_contains($labels, c.sentiment_label)
                ORDER BY hash(c.comment_id || $n) LIMIT $size""", {"labels": labels, "n": str(n), "size": size})
            con.execute("""
                UPDATE picked SET comment_id = 'burst-' || $n || '-' || comment_id, parent_id = NULL,
                       published_at = CAST($start AS TIMESTAMPTZ)
                           + to_seconds(CAST(abs(hash(comment_id)) % $span AS BIGINT))""",
                        {"n": str(n), "start": start, "span": span})
            con.execute("INSERT INTO comments SELECT * FROM picked")
            sizes.append(size)
    finally:
        con.close()
    return sizes


def caught_line(sent: list[tuple[datetime, Alert]], bursts: list[tuple[date, str]], config: Config,
                level: str) -> None:
    caught, delays = 0, []
    for day, kind in bursts:
        hits = [(now, al) for now, al in sent if al.day == day and al.kind == f"spike_{kind}"]
        if hits:
            caught += 1
            delays.append((hits[0][0] - local_instant(day, BURST_HOURS[0], config)).total_seconds() / 3600)
    others = len(sent) - sum(1 for _, al in sent if (al.day, al.kind[6:]) in set(bursts))
    delay = f", first alert {statistics.median(delays):.0f} h after the burst began (median)" if delays else ""
    print(f"  {level:>6}: caught {caught} of {len(bursts)}{delay}; {others} other spike alerts in the year")


def monthly_table(title: str, rows: dict[str, Counter], months: list[str]) -> None:
    print(f"\n{title}")
    print("  month    " + "".join(f"{name:>11}" for name in rows))
    for month in months:
        print(f"  {month}  " + "".join(f"{rows[name][month]:>11}" for name in rows))
    full = months[1:-1] or months        # the first and last months are partial
    print("  mean/mo  " + "".join(f"{sum(rows[name][m] for m in full) / len(full):>11.1f}" for name in rows)
          + f"   (full months {full[0]} .. {full[-1]})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--spikes", type=int, default=12, help="bursts to inject (default 12)")
    parser.add_argument("--db", type=Path, help="an existing demo database (with --config)")
    parser.add_argument("--config", type=Path, help="the demo's monitor.toml (with --db)")
    parser.add_argument("--workdir", type=Path, help="keep the work files here")
    args = parser.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pulso-alerts-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        config_path, source_db = (args.config, args.db) if args.db else build_demo(work)
        config = load_config(config_path)
        plain = work / "plain.duckdb"
        shutil.copyfile(source_db, plain)
        end = datetime.now(UTC)
        t0 = time.perf_counter()
        by_hour, first = counts_by_hour(plain, config, end)
        last = max(by_hour[0])
        a = config.alerts
        print(f"history {first} .. {last}; [alerts] min_count {a.min_count:g}, baseline {a.baseline_days:g} days, "
              f"cooldown {a.cooldown_hours:g} h; hourly runs replayed")
        fired = {level: replay_spikes(by_hour, first, last, config, level) for level in SENSITIVITY_K}
        months = sorted({f"{d:%Y-%m}" for d in by_hour[0] if d >= first + timedelta(days=int(a.baseline_days))})
        per_level = {level: Counter(f"{al.day:%Y-%m}" for _, al in items) for level, items in fired.items()}
        per_level |= {f"{level}:msg": Counter(f"{now.astimezone(config.tz):%Y-%m}" for now in {n for n, _ in items})
                      for level, items in fired.items()}
        monthly_table("spike alerts sent per month (mentions + negative) by sensitivity, and messages (runs that "
                      "sent any):", per_level, months)
        for level, items in fired.items():
            kinds = Counter(al.kind for _, al in items)
            print(f"  {level}: {kinds['spike_mentions']} mentions, {kinds['spike_negative']} negative "
                  f"(k = {SENSITIVITY_K[level]:g})")
        items, messages, stopped = replay_replies(plain, config, first, last, end)
        monthly_table(f"overdue comments alerted on owned sources, their messages (one per source and cooldown), "
                      f"and stopped-answering sources, a run every {RUN_EVERY} h (any sensitivity):",
                      {"overdue": items, "messages": messages, "stopped": stopped}, months)
        print(f"  replay took {time.perf_counter() - t0:.1f} s")

        days = burst_days(first, last, config, args.spikes)
        bursts = [(d, "negative" if i % 2 == 0 else "mentions") for i, d in enumerate(days)]
        for factor in BURST_SIZES:
            injected = work / f"injected-{factor}.duckdb"
            shutil.copyfile(source_db, injected)
            sizes = inject(injected, config, bursts, by_hour[0], factor)
            by_hour_i, first_i = counts_by_hour(injected, config, end)
            print(f"\ninjected {len(bursts)} bursts of {factor} usual day(s) in {BURST_HOURS[0]}:00-"
                  f"{BURST_HOURS[1]}:00 local: " + ", ".join(f"{d} {k} +{n}" for (d, k), n in zip(bursts, sizes,
                                                                                                  strict=True)))
            for level in SENSITIVITY_K:
                caught_line(replay_spikes(by_hour_i, first_i, last, config, level), bursts, config, level)
    finally:
        if not args.workdir:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
