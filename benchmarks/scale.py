"""Scale benchmark (issue 6): collect over HTTP + build, at two sizes and incrementally. One command:

    .venv/bin/python benchmarks/scale.py [--scales 3.4,34] [--days-later 1.7] [--workdir DIR]

For each scale: the demo generator (`pulso.demo.generate.generate`, ~30k comments per scale unit) writes its
feeds, served on 127.0.0.1; `pulso collect` and `pulso build` run as child processes (time and peak RSS
of each). Growth between the sizes is printed as time ratio / comment ratio (1.0 = linear).
Then, at the largest scale, the nightly case: the feeds are regenerated with `end` 1.7 days later
(~1 % new posts and comments, the issue's case; unchanged feeds answer 304 by ETag) and `collect` +
`build` run again with the build cache the full run left; the target is <= 15 % of the full run. The
database and cache as they were before the nightly run are kept in `<workdir>/s<scale>/after-full/`.
Scale 3.4 is ~100k comments, 34 is ~1M (about an hour of collecting on 2 cores).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulso.demo.generate import DEFAULT_END, generate  # noqa: E402
from pulso.demo.server import serve  # noqa: E402


def child(*args: str) -> tuple[float, float, str]:
    """Run `pulso <args>` in a child; seconds, its own peak RSS in MB (os.wait4), stdout."""
    started = time.perf_counter()
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        proc = subprocess.Popen([sys.executable, "-m", "pulso.cli", *args], stdout=out, stderr=err, cwd=ROOT,
                                text=True)
        _, status, usage = os.wait4(proc.pid, 0)
        proc.returncode = os.waitstatus_to_exitcode(status)
        elapsed = time.perf_counter() - started
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read(), err.read()
    if proc.returncode not in (0, 1):
        sys.exit(f"pulso {args[0]} failed ({proc.returncode}):\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss / 1024, stdout


def stages(build_stdout: str) -> str:
    """The build's own account: pages and charts (how many came from the cache) and seconds per stage."""
    match = re.search(r"site built in [^:]*: (.*)", build_stdout)
    return match.group(1) if match else "?"


def run(feeds: Path, db: Path, site: Path) -> dict:
    c_s, c_mb, c_out = child("collect", "--quiet", "--config", str(feeds / "monitor.toml"), "--db", str(db))
    b_s, b_mb, b_out = child("build", "--config", str(feeds / "monitor.toml"), "--db", str(db), "--out", str(site))
    return {"collect": c_s, "collect_mb": c_mb, "build": b_s, "build_mb": b_mb, "stages": stages(b_out),
            "collect_line": c_out.strip().splitlines()[-1] if c_out.strip() else ""}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scales", default="3.4,6.8", help="Comma-separated demo scales, smallest first.")
    ap.add_argument("--days-later", type=float, default=1.7,
                    help="How much later the nightly run's `end` is (1.7 days ~ 1 %% new items, the issue's case).")
    ap.add_argument("--workdir", type=Path, default=None)
    args = ap.parse_args()
    scales = [float(s) for s in args.scales.split(",")]
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pulso-scale-"))
    results = []
    for scale in scales:
        feeds, db = work / f"s{scale}" / "feeds", work / f"s{scale}" / "pulso.duckdb"
        with serve(feeds) as server:
            t0 = time.perf_counter()
            summary = generate(feeds, server.base_url, scale=scale, end=DEFAULT_END)
            print(f"scale {scale}: generated in {time.perf_counter() - t0:.0f} s: {summary}", flush=True)
            full = run(feeds, db, work / f"s{scale}" / "site")
            full["comments"] = summary.comments
            print(f"  full: collect {full['collect']:.1f} s ({full['collect_mb']:.0f} MB), build {full['build']:.1f} s "
                  f"({full['build_mb']:.0f} MB)\n    {full['stages']}", flush=True)
            if scale == scales[-1]:
                # a copy of the state after the full run, to replay the nightly under a profiler
                snapshot = work / f"s{scale}" / "after-full"
                shutil.copytree(db.parent / ".pulso-cache", snapshot / ".pulso-cache", dirs_exist_ok=True)
                shutil.copy2(db, snapshot / db.name)
                later = generate(feeds, server.base_url, scale=scale, end=DEFAULT_END + timedelta(days=args.days_later))
                new = later.comments + later.posts - summary.comments - summary.posts
                inc = run(feeds, db, work / f"s{scale}" / "site")
                inc["new_items"], inc["new_share"] = new, new / (summary.comments + summary.posts)
                print(f"  nightly (+{args.days_later:g} days, {new:,} new items = {inc['new_share']:.1%}): "
                      f"collect {inc['collect']:.1f} s, build {inc['build']:.1f} s\n    {inc['stages']}", flush=True)
                full["incremental"] = inc
        results.append(full)

    print(f"\n{'scale':>6} {'comments':>10} {'collect s':>10} {'MB':>6} {'build s':>8} {'MB':>6}")
    for scale, r in zip(scales, results, strict=True):
        print(f"{scale:6g} {r['comments']:10,} {r['collect']:10.1f} {r['collect_mb']:6.0f} {r['build']:8.1f} "
              f"{r['build_mb']:6.0f}")
    rows = []
    if len(results) > 1:
        a, b = results[0], results[-1]
        size = b["comments"] / a["comments"]
        rows += [(f"collect growth / size growth (x{size:.1f})", (b["collect"] / a["collect"]) / size, 1.2),
                 (f"build growth / size growth (x{size:.1f})", (b["build"] / a["build"]) / size, 1.2)]
    last = results[-1]
    inc = last["incremental"]
    nightly = (inc["collect"] + inc["build"]) / (last["collect"] + last["build"])
    rows.append(("nightly (collect+build) / full run", nightly, 0.15))
    rows.append(("  of which nightly collect / full collect", inc["collect"] / last["collect"], float("nan")))
    rows.append(("  of which nightly build / full build", inc["build"] / last["build"], float("nan")))
    print(f"\n{'figure':44} {'value':>8} {'target':>8}  verdict")
    for name, value, target in rows:
        verdict = "" if target != target else ("PASS" if value <= target else "FAIL")
        print(f"{name:44} {value:8.2f} {target:8.2f}  {verdict}")


if __name__ == "__main__":
    main()
