"""Collector benchmark: one command, ratios measured in the same run.

    .venv/bin/python benchmarks/collect.py [--scale 8] [--workdir DIR]

Generates the demo dataset at `--scale` (default 8: >= 200 feeds, >= 100,000 comments), serves it on
127.0.0.1, and prints:
  1. collect time / bare feedparser.parse time of the same bytes   (target <= 1.5)
  2. unchanged re-run time / first run time                         (target <= 0.10)
  3. peak RSS of the collector process                              (target <= 1 GB)
The collector runs as a child process (`pulso collect`) so its peak RSS is its own.
"""

from __future__ import annotations

import argparse
import io
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import feedparser

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulso.demo.generate import generate  # noqa: E402
from pulso.demo.server import serve  # noqa: E402


def bare_parse_seconds(feeds: Path) -> tuple[float, int, int]:
    """feedparser.parse over every feed file with default options: the floor a collector cannot beat."""
    files = [p for p in feeds.rglob("*") if p.is_file() and p.suffix != ".toml"]
    bodies = [p.read_bytes() for p in files]
    started = time.perf_counter()
    entries = 0
    for body in bodies:
        entries += len(feedparser.parse(io.BytesIO(body)).entries)
    return time.perf_counter() - started, len(files), entries


def run_collect(config: Path, db: Path) -> tuple[float, int, str]:
    started = time.perf_counter()
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    proc = subprocess.run([sys.executable, "-m", "pulso.cli", "collect", "--quiet", "--config", str(config),
                           "--db", str(db)], capture_output=True, text=True, cwd=ROOT)
    elapsed = time.perf_counter() - started
    peak_kb = max(before, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
    if proc.returncode not in (0, 1):
        sys.exit(f"collect failed ({proc.returncode}):\n{proc.stderr}")
    return elapsed, peak_kb, proc.stdout.strip().splitlines()[-1]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=8.0)
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pulso-bench-"))
    feeds = work / "feeds"
    with serve(feeds) as server:
        t0 = time.perf_counter()
        summary = generate(feeds, server.base_url, scale=args.scale)
        print(f"generated in {time.perf_counter() - t0:.1f} s: {summary}")
        parse_s, n_files, n_entries = bare_parse_seconds(feeds)
        print(f"bare feedparser.parse: {n_files} feeds, {n_entries:,} entries in {parse_s:.1f} s")
        db = work / "bench.duckdb"
        first_s, rss_kb, line = run_collect(feeds / "monitor.toml", db)
        print(f"collect (first run):  {first_s:.1f} s  - {line}")
        second_s, rss2_kb, line = run_collect(feeds / "monitor.toml", db)
        print(f"collect (unchanged):  {second_s:.1f} s  - {line}")
    peak_mb = max(rss_kb, rss2_kb) / 1024
    rows = [
        ("collect / bare feedparser", first_s / parse_s, 1.5, "<="),
        ("unchanged re-run / first run", second_s / first_s, 0.10, "<="),
        ("peak RSS (MB)", peak_mb, 1024, "<="),
    ]
    print()
    print(f"{'figure':32} {'value':>10} {'target':>10}  verdict")
    for name, value, target, _ in rows:
        print(f"{name:32} {value:10.2f} {target:10.2f}  {'PASS' if value <= target else 'FAIL'}")


if __name__ == "__main__":
    main()
