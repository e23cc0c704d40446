"""Collector benchmark: the WordPress REST API path against the feeds-only path, ratios measured in the same run.

    .venv/bin/python benchmarks/collect.py [--scale 1] [--rounds 2] [--workdir DIR]

Two rounds at scale 1 (28 sources, ~33,000 comments) take ~5 minutes on 2 cores at a load average of 4-8;
at scale 3 (82 sources, ~105,000 comments) ~18 minutes. Wall times swing with the load: read both rounds.

Generates the demo at `--scale` (its "now" is the present hour, as `pulso demo` does) and serves it with
`serve_demo` (the blogs on 127.0.0.1, the stand-in for www.blogger.com on 127.0.0.3). Then, per round:

  api         `pulso collect` of the demo config as written: WordPress sources as detected, threads
              through the REST API (two blogs have it off and fall back to their comment feeds);
  api score   `pulso sentiment rescore` of a copy of that database: language, sentiment and intents of
              every stored text, the part of a collect that no baseline does;
  api again   the same collect again into the same database (nothing changed on the servers);
  api base    the baseline for the API path: every request the first api collect made, fetched again
              by benchmarks/bare_fetch.py and parsed (JSON: json.loads; feeds: feedparser.parse);
  feeds ...   the same four with the config's `platform = "feed"` on every source the api collect
              detected as WordPress, into a fresh database; `feed base` parses every body with
              feedparser.parse (the old baseline parsed the *.xml files on disk; Blogger's pages are no
              longer files and WordPress comment feeds hold only 10 comments).

`startup` is a collect of one local one-item feed into a fresh database: the fixed cost in every collect
(interpreter, imports, schema, language model).

The requests are read from the demo servers' own logs (exact path and query of every GET, both hosts):
the `fetches` table logs an API thread's later pages under its first page's URL. Every program runs as a
child process measured by `os.wait4`: wall time from spawn to exit, user+sys CPU and peak RSS (the
largest of the process and its parse workers). The servers run in this process, idle in between.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import duckdb
import tomlkit

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from pulso.demo.generate import generate  # noqa: E402
from pulso.demo.server import DemoServers, LocalServer, serve_demo  # noqa: E402

BARE_FETCH = Path(__file__).with_name("bare_fetch.py")
TINY_FEED = ("<?xml version='1.0'?><rss version='2.0'><channel><title>t</title><link>http://example.com/</link>"
             "<item><title>Movilia</title><link>http://example.com/1</link><guid>1</guid>"
             "<pubDate>Mon, 30 Nov 2026 10:00:00 GMT</pubDate></item></channel></rss>\n")


@dataclass(frozen=True)
class Child:
    """One child process, as the kernel accounted for it."""

    wall_s: float
    cpu_s: float          # user + sys, the process and its reaped children (parse workers)
    rss_mb: float         # peak RSS: the largest of the process and its reaped children
    returncode: int
    stdout: str
    stderr: str


@dataclass(frozen=True)
class Hit:
    host: str             # "blogs" | "blogger" (the stand-in for www.blogger.com)
    url: str
    status: int

    @property
    def category(self) -> str:
        """wp api | comment feeds | posts feeds, by the demo's URL layout (pulso.demo.sources)."""
        if "rest_route=" in self.url or "/wp-json" in self.url:
            return "wp api"
        path = urlsplit(self.url).path
        wordpress_post_feed = path.startswith("/wp/") and len(path.split("/")) >= 6   # /wp/blog/slug/feed/
        return "comment feeds" if "/comments/" in path or wordpress_post_feed else "posts feeds"


@dataclass(frozen=True)
class Phase:
    name: str
    round: int
    child: Child
    hits: tuple[Hit, ...] = ()
    baseline: dict[str, Any] = field(default_factory=dict)   # bare_fetch's tally, for baselines

    def statuses(self) -> Counter[str]:
        if self.baseline:
            return Counter(self.baseline["statuses"])
        return Counter(str(h.status) for h in self.hits)


def run_child(argv: Sequence[str]) -> Child:
    """Spawn, wait with os.wait4 (so the rusage is this child's alone), read its output files."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.perf_counter()
        proc = subprocess.Popen(list(argv), stdout=out, stderr=err, cwd=ROOT)
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        return Child(wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024, proc.returncode, out.read(),
                     err.read())


def collect_child(config: Path, db: Path) -> Child:
    child = run_child([sys.executable, "-m", "pulso.cli", "collect", "--quiet", "--config", str(config),
                       "--db", str(db)])
    if child.returncode not in (0, 1):   # 1: the demo has a broken source on purpose
        sys.exit(f"collect failed ({child.returncode}):\n{child.stderr}")
    return child


def server_hits(servers: DemoServers) -> list[Hit]:
    """Every GET both demo hosts answered since the last clear, as full URLs."""
    hosts: list[tuple[str, LocalServer]] = [("blogs", servers.site), ("blogger", servers.blogger)]
    return [Hit(name, server.base_url + r.path, r.status) for name, server in hosts for r in server.requests
            if r.method == "GET"]


def clear(servers: DemoServers) -> None:
    servers.site.clear_requests()
    servers.blogger.clear_requests()


def timed_collect(servers: DemoServers, name: str, rnd: int, config: Path, db: Path) -> Phase:
    clear(servers)
    child = collect_child(config, db)
    return Phase(name, rnd, child, tuple(server_hits(servers)))


def timed_baseline(work: Path, name: str, rnd: int, of: Phase) -> Phase:
    """bare_fetch.py over exactly the URLs `of` requested (repeats kept), in request-log order."""
    urls = work / f"urls-{name.replace(' ', '-')}-{rnd}.json"
    urls.write_text(json.dumps([h.url for h in of.hits]), encoding="utf-8")
    child = run_child([sys.executable, str(BARE_FETCH), str(urls)])
    if child.returncode != 0:
        sys.exit(f"baseline failed ({child.returncode}):\n{child.stderr}")
    return Phase(name, rnd, child, baseline=json.loads(child.stdout))


def wordpress_sources(db: Path) -> list[str]:
    with duckdb.connect(str(db), read_only=True) as con:
        return [row[0] for row in con.execute(
            "SELECT name FROM sources WHERE platform = 'wordpress' ORDER BY name").fetchall()]


def stored_comments(db: Path) -> dict[str, int]:
    with duckdb.connect(str(db), read_only=True) as con:
        total, pingbacks, on_wp = con.execute(
            "SELECT count(*), count(*) FILTER (WHERE c.kind <> 'comment'), "
            "count(*) FILTER (WHERE s.platform = 'wordpress' OR s.url LIKE '%/wp/%') "
            "FROM comments c JOIN sources s USING (source_id)").fetchone()
    return {"comments": total, "pingbacks": pingbacks, "on wordpress blogs": on_wp}


def feeds_only_config(config: Path, names: set[str], out: Path) -> Path:
    """The same config with `platform = "feed"` on the named sources (tomlkit keeps the rest as written)."""
    doc = tomlkit.parse(config.read_text(encoding="utf-8"))
    for source in doc["sources"]:  # type: ignore[union-attr]
        if source["name"] in names:
            source["platform"] = "feed"
    out.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return out


def startup_config(work: Path, config: Path) -> Path:
    """The demo's [brand] and one local one-item feed: what a collect costs before any source work."""
    doc = tomlkit.parse(config.read_text(encoding="utf-8"))
    feed = work / "tiny.xml"
    feed.write_text(TINY_FEED, encoding="utf-8")
    sources = tomlkit.aot()
    sources.append(tomlkit.table().add("name", "tiny").add("url", str(feed)).add("comments", False))
    doc["sources"] = sources
    out = work / "startup.toml"
    out.write_text(tomlkit.dumps(doc), encoding="utf-8")
    return out


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


# ----------------------------------------------------------------------------------------- running


def timed_score(work: Path, name: str, rnd: int, config: Path, db: Path) -> Phase:
    """`pulso sentiment rescore` of a copy of `db`: what scoring and intents cost for the stored texts."""
    copy = work / f"score-{rnd}.duckdb"
    shutil.copyfile(db, copy)
    child = run_child([sys.executable, "-m", "pulso.cli", "sentiment", "rescore", "--config", str(config),
                       "--db", str(copy)])
    copy.unlink()
    if child.returncode != 0:
        sys.exit(f"rescore failed ({child.returncode}):\n{child.stderr}")
    return Phase(name, rnd, child)


def one_round(servers: DemoServers, work: Path, config: Path, rnd: int,
              feeds_config: Callable[[Path], Path]) -> list[Phase]:
    """Per path: the first collect, a rescore of what it stored, its unchanged re-run, then the baseline
    of the first collect's requests."""
    phases: list[Phase] = []
    for path in ("api", "feeds"):
        db = work / f"{path}-{rnd}.duckdb"
        toml = config if path == "api" else feeds_config(work / f"api-{rnd}.duckdb")
        first = timed_collect(servers, path, rnd, toml, db)
        phases += [first, timed_score(work, f"{path} score", rnd, toml, db),
                   timed_collect(servers, f"{path} again", rnd, toml, db),
                   timed_baseline(work, f"{path[:4]} base", rnd, first)]
    return phases


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--scale", type=float, default=1.0, help="demo scale (1: 28 sources, ~33,000 comments)")
    ap.add_argument("--rounds", type=int, default=2, help="run every timed phase this many times")
    ap.add_argument("--workdir", type=Path, default=None, help="keep the demo, configs and databases here")
    args = ap.parse_args()
    work = args.workdir or Path(tempfile.mkdtemp(prefix="pulso-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    for stale in [p for p in (work / "feeds", *work.glob("*.duckdb*")) if p.exists()]:
        shutil.rmtree(stale) if stale.is_dir() else stale.unlink()
    feeds = work / "feeds"
    load_start = load()
    print(f"load average at start: {load_start}  ({os.cpu_count()} cores)   work dir: {work}")
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with serve_demo(feeds) as servers:
        t0 = time.perf_counter()
        summary = generate(feeds, servers.base_url, blogger_url=servers.blogger_url, scale=args.scale, end=end)
        print(f"demo at scale {args.scale:g}, now = {end:%Y-%m-%d %H:%M} UTC, generated in "
              f"{time.perf_counter() - t0:.1f} s: {summary}")
        config = feeds / "monitor.toml"
        startup = collect_child(startup_config(work, config), work / "startup.duckdb")
        wordpress: list[str] = []

        def feeds_config(api_db: Path) -> Path:
            if not wordpress:
                wordpress.extend(wordpress_sources(api_db))
            return feeds_only_config(config, set(wordpress), work / "monitor-feeds.toml")

        phases = [p for rnd in range(1, args.rounds + 1)
                  for p in one_round(servers, work, config, rnd, feeds_config)]
    report(phases, startup, wordpress, summary.comments, work, args.rounds)
    print(f"\nload average at start: {load_start}; at end: {load()}")
    if args.workdir is None:
        shutil.rmtree(work)   # ~100 MB of databases at scale 3; --workdir keeps them


# ---------------------------------------------------------------------------------------- printing


def pick(phases: list[Phase], name: str, rnd: int) -> Phase:
    return next(p for p in phases if p.name == name and p.round == rnd)


def print_phases(phases: list[Phase], startup: Child) -> None:
    print(f"\n{'phase':11} {'round':>5} {'requests':>8}  {'answers':28} {'wall s':>7} {'cpu s':>7} {'rss MB':>7}")
    rows = [("startup", "-", 1, "local file, fresh DB", startup)]
    for p in phases:
        answers = " ".join(f"{code}:{n}" for code, n in sorted(p.statuses().items())) or "(no requests)"
        requests = p.baseline["requests"] if p.baseline else len(p.hits) or "-"
        rows.append((p.name, str(p.round), requests, answers, p.child))
    for name, rnd, requests, answers, child in rows:
        print(f"{name:11} {rnd:>5} {requests:>8}  {answers:28} {child.wall_s:7.2f} {child.cpu_s:7.2f} "
              f"{child.rss_mb:7.0f}")


def print_requests(phases: list[Phase]) -> None:
    """Where each collect's requests went, and any URL asked twice in one run (a wasted request)."""
    kinds = ("posts feeds", "comment feeds", "wp api")
    print(f"\n{'requests (x 200)':16} {'round':>5}  " + " ".join(f"{k:>16}" for k in kinds)
          + f" {'on blogger host':>16}  repeated URLs")
    for p in phases:
        if not p.hits:
            continue
        cells = []
        for kind in kinds:
            hits = [h for h in p.hits if h.category == kind]
            cells.append(f"{len(hits)} ({sum(h.status == 200 for h in hits)})")
        repeats = sum(n - 1 for n in Counter(h.url for h in p.hits).values() if n > 1)
        print(f"{p.name:16} {p.round:>5}  " + " ".join(f"{c:>16}" for c in cells)
              + f" {sum(h.host == 'blogger' for h in p.hits):>16}  {repeats}")


BASELINE_IS = """baselines (benchmarks/bare_fetch.py, a child process): every GET the collect made (same URLs, same
order, repeats kept, 404s too), unconditional, from one process through one httpx client with the collector's
limits and headers (16 connections, 4 per host, gzip); each 200 body parsed as it arrives on the loop -
JSON by json.loads, the rest by feedparser.parse with default options. No storing, matching or scoring."""


def print_baselines(phases: list[Phase]) -> None:
    print("\n" + BASELINE_IS)
    print(f"\n{'baseline':10} {'round':>5} {'xml docs':>8} {'entries':>8} {'parse s':>8} {'json docs':>9} "
          f"{'items':>7} {'parse s':>8} {'MB':>6} {'loop s':>7}")
    for p in phases:
        if b := p.baseline:
            print(f"{p.name:10} {p.round:>5} {b['xml_docs']:8} {b['xml_entries']:8} {b['xml_parse_s']:8.2f} "
                  f"{b['json_docs']:9} {b['json_items']:7} {b['json_parse_s']:8.2f} {b['bytes'] / 1e6:6.1f} "
                  f"{b['wall_s']:7.2f}")


def print_full_answers(phases: list[Phase], examples: int = 6) -> None:
    """What an unchanged re-run still downloads whole (anything but a 304): each is worth a look."""
    for p in phases:
        if p.round != 1 or not p.name.endswith("again"):
            continue
        full = [h for h in p.hits if h.status != 304]
        print(f"\n{p.name}: {len(full)} of {len(p.hits)} requests answered in full "
              f"({', '.join(f'{k}: {n}' for k, n in sorted(Counter(h.category for h in full).items())) or '-'})")
        by_site = Counter((h.category, "/".join(urlsplit(h.url).path.split("/")[:3])) for h in full)
        print("  by site: " + ", ".join(f"{site} ({kind}) {n}" for (kind, site), n in by_site.most_common()))
        for h in full[:examples]:
            print(f"  {h.status} {h.url}")
        if len(full) > examples:
            print(f"  ... and {len(full) - examples} more")


def print_comments(phases: list[Phase], work: Path, generated: int, wordpress: list[str]) -> None:
    api, feeds = stored_comments(work / "api-1.duckdb"), stored_comments(work / "feeds-1.duckdb")
    print(f"\ncomments stored (round 1; the demo generated {generated}, pingbacks included; "
          f"{len(wordpress)} sources detected as WordPress)")
    print(f"{'':22} {'api':>9} {'feeds':>9} {'api - feeds':>12}")
    for key in api:
        print(f"{key:22} {api[key]:9} {feeds[key]:9} {api[key] - feeds[key]:+12}")
    ms = [1000 * pick(phases, name, 1).child.cpu_s / max(1, stored["comments"])
          for name, stored in (("api", api), ("feeds", feeds))]
    print(f"{'collect cpu ms/comment':22} {ms[0]:9.2f} {ms[1]:9.2f}")


def print_figures(phases: list[Phase], rounds: int) -> None:
    def ratio(a: str, b: str, attr: str) -> list[float]:
        return [getattr(pick(phases, a, r).child, attr) / getattr(pick(phases, b, r).child, attr)
                for r in range(1, rounds + 1)]

    def unscored(a: str, b: str) -> list[float]:
        """The collect's CPU less its texts' rescore CPU (each has one interpreter start), over the baseline's."""
        return [(pick(phases, a, r).child.cpu_s - pick(phases, f"{a} score", r).child.cpu_s)
                / pick(phases, b, r).child.cpu_s for r in range(1, rounds + 1)]

    rows: list[tuple[str, list[float], str]] = [
        ("feeds collect / feed base, wall", ratio("feeds", "feed base", "wall_s"), "<= 1.00"),
        ("feeds collect / feed base, cpu", ratio("feeds", "feed base", "cpu_s"), ""),
        ("(feeds - score) / feed base, cpu", unscored("feeds", "feed base"), ""),
        ("api collect / api base, wall", ratio("api", "api base", "wall_s"), "<= 1.00"),
        ("api collect / api base, cpu", ratio("api", "api base", "cpu_s"), ""),
        ("(api - score) / api base, cpu", unscored("api", "api base"), ""),
        ("api collect / feed base, wall", ratio("api", "feed base", "wall_s"), ""),
        ("api again / api, wall", ratio("api again", "api", "wall_s"), "<= 0.10"),
        ("api again / api, cpu", ratio("api again", "api", "cpu_s"), ""),
        ("feeds again / feeds, wall", ratio("feeds again", "feeds", "wall_s"), ""),
        ("feeds again / feeds, cpu", ratio("feeds again", "feeds", "cpu_s"), ""),
        ("peak RSS of a collect, MB", [max(p.child.rss_mb for p in phases if p.round == r and p.hits)
                                       for r in range(1, rounds + 1)], "<= 1024"),
    ]
    print(f"\n{'figure':34} " + " ".join(f"{'round ' + str(r):>8}" for r in range(1, rounds + 1)) + "   target")
    for name, values, target in rows:
        print(f"{name:34} " + " ".join(f"{v:8.2f}" for v in values) + f"   {target}")
    print("(ratios of process wall times and of user+sys CPU, each collect against the baseline of the requests "
          "it made itself, in the same round)")


def report(phases: list[Phase], startup: Child, wordpress: list[str], generated: int, work: Path,
           rounds: int) -> None:
    print_phases(phases, startup)
    print_requests(phases)
    print_full_answers(phases)
    print_baselines(phases)
    print_comments(phases, work, generated, wordpress)
    print_figures(phases, rounds)


if __name__ == "__main__":
    main()
