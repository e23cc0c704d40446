"""Site-build benchmark (issue 4): one command, figures measured in the same run.

    .venv/bin/python benchmarks/site_build.py [--comments 1000000] [--posts 200000] [--sources 300]
                                              [--workdir DIR] [--reuse]

1. Writes a database straight through the real schema with `pulso.demo.big` (1,000,000 comments,
   200,000 posts, 300 sources, two years; the demo's text bank, brand, responders and reply model;
   language and sentiment from the real detector and scorer). Collecting that over HTTP would take most
   of an hour (see benchmarks/scale.py for the collector at scale), so the feeds are skipped here.
2. Runs `pulso build` as a child process and prints total time (target <= 60 s), peak RSS of the build
   process (target <= 1.5 GB, goal 1 GB; the chart worker processes are sampled too and reported as a
   tree total), and per stage (queries, pages, charts, mkdocs: `BuildReport.timings`) its time, its ratio
   to the queries alone and the build process's peak RSS while it ran.
3. Checks that the page count does not grow with comments: the open queue page shows "N of M" and
   links the full CSV; the same generator at a tenth of the comments must give the same page count.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulso.demo.big import generate_db  # noqa: E402

CHILD = """
import json, logging, sys
from pathlib import Path
from collector.config import load_config
from scripts.build.site import build_site


class StagePeaks(logging.Handler):
    \"\"\"Peak RSS of this process per build stage, exact rather than sampled: at each stage's start the
    kernel's high-water mark is reset (/proc/self/clear_refs, 5), at its end VmHWM is read.\"\"\"

    def __init__(self):
        super().__init__(logging.DEBUG)
        self.peaks = {}

    @staticmethod
    def hwm_kb():
        with open("/proc/self/status") as f:
            return next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))

    def emit(self, record):
        stage, event = getattr(record, "stage", None), getattr(record, "event", None)
        if event == "start":
            with open("/proc/self/clear_refs", "w") as f:
                f.write("5")
        elif event == "end":
            self.peaks[stage] = max(self.peaks.get(stage, 0), self.hwm_kb())


if __name__ == "__main__":
    peaks = StagePeaks()
    logger = logging.getLogger("scripts.build.site")
    logger.addHandler(peaks)
    logger.setLevel(logging.DEBUG)
    report = build_site(load_config(Path(sys.argv[1])), Path(sys.argv[2]), Path(sys.argv[3]))
    print("REPORT " + json.dumps({"timings": report.timings, "pages": report.pages, "charts": report.charts,
                                  "files": report.files, "stage_peak_kb": peaks.peaks}))
"""


def _tree_rss_kb(pid: int) -> int:
    """Resident memory of a process and all its descendants, from /proc (Linux)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                with open(f"/proc/{entry}/stat") as f:
                    ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(entry))
    total, stack = 0, [pid]
    while stack:
        p = stack.pop()
        stack += children.get(p, [])
        try:
            with open(f"/proc/{p}/status") as f:
                total += next((int(line.split()[1]) for line in f if line.startswith("VmRSS:")), 0)
        except OSError:
            pass
    return total


def run_build(config: Path, db: Path, out: Path) -> dict:
    """`build_site` in a child process (what `pulso build` runs, with the report as JSON)."""
    started = time.perf_counter()
    proc = subprocess.Popen([sys.executable, "-c", CHILD, str(config), str(db), str(out)], cwd=ROOT,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    peak_tree = 0
    done = threading.Event()

    def sample() -> None:
        nonlocal peak_tree
        while not done.is_set():
            peak_tree = max(peak_tree, _tree_rss_kb(proc.pid))
            done.wait(0.2)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    stdout, stderr = proc.communicate()
    done.set()
    sampler.join()
    elapsed = time.perf_counter() - started
    if proc.returncode != 0:
        sys.exit(f"build failed ({proc.returncode}):\n{stderr[-3000:]}")
    line = next(line for line in stdout.splitlines() if line.startswith("REPORT "))
    report = json.loads(line[len("REPORT "):])
    report["wall"] = elapsed
    report["peak_tree_mb"] = peak_tree / 1024
    return report


def queue_line(out: Path) -> str:
    html = (out / "responses.html").read_text(encoding="utf-8")
    csv_linked = "open-queue.csv" in html
    import re

    text = re.sub(r"<[^>]+>", " ", html)
    match = re.search(r"(Mostrando|Showing) [\d.,]+ (de|of) [\d.,]+", text)
    return (match.group(0).strip() if match else "(no 'showing N of M' line found)") + (
        "; CSV linked" if csv_linked else "; CSV NOT linked")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--comments", type=int, default=1_000_000)
    ap.add_argument("--posts", type=int, default=200_000)
    ap.add_argument("--sources", type=int, default=300)
    ap.add_argument("--workdir", type=Path, default=None)
    ap.add_argument("--reuse", action="store_true", help="Reuse the databases already in --workdir.")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pulso-sitebench-"))
    work.mkdir(parents=True, exist_ok=True)
    sizes = {"full": (args.comments, args.posts), "tenth": (args.comments // 10, args.posts // 10)}
    for name, (comments, posts) in sizes.items():
        db = work / f"{name}.duckdb"
        if args.reuse and db.exists():
            continue
        summary = generate_db(db, comments=comments, posts=posts, sources=args.sources, config_dir=work / name)
        print(f"generated {name}: {summary}")

    full = run_build(work / "full" / "monitor.toml", work / "full.duckdb", work / "site-full")
    # The build process's own high-water mark, reported from inside it (per stage; the build's peak is the
    # highest of them): RUSAGE_CHILDREN here would also count the generator's worker processes.
    stage_mb = {stage: kb / 1024 for stage, kb in full["stage_peak_kb"].items()}
    peak_mb = max(stage_mb.values())
    tenth = run_build(work / "tenth" / "monitor.toml", work / "tenth.duckdb", work / "site-tenth")

    t = full["timings"]
    q = t.get("queries") or 1e-9
    print(f"\npulso build on {args.comments:,} comments / {args.posts:,} posts / {args.sources} sources "
          f"({os.cpu_count()} cores)")
    print(f"  {full['pages']} pages, {full['charts']} charts, {full['files']} other files")
    print(f"  {'stage':10} {'seconds':>8} {'x queries':>10} {'peak RSS MB':>12}")
    for stage, seconds in t.items():
        print(f"  {stage:10} {seconds:8.1f} {seconds / q:10.2f} {stage_mb.get(stage, float('nan')):12.0f}")
    print(f"  {'total':10} {full['wall']:8.1f} {full['wall'] / q:10.2f}   (wall, child process incl. start-up)")
    print(f"  queue page: {queue_line(work / 'site-full')}")
    print(f"  same build at {args.comments // 10:,} comments: {tenth['pages']} pages in {tenth['wall']:.1f} s")
    rows = [
        ("total build time (s)", full["wall"], 60.0),
        ("peak RSS, build process (MB)", peak_mb, 1536.0),
        ("peak RSS, process tree (MB)", full["peak_tree_mb"], 1536.0),
        ("pages at 1x / pages at 0.1x", full["pages"] / max(tenth["pages"], 1), 1.0),
    ]
    print(f"\n{'figure':34} {'value':>10} {'target':>10}  verdict")
    for name, value, target in rows:
        print(f"{name:34} {value:10.2f} {target:10.2f}  {'PASS' if value <= target else 'FAIL'}")


if __name__ == "__main__":
    main()
