"""The demo dataset served on its two loopback hosts, for tests that read it over HTTP as the collector does."""

from __future__ import annotations

import contextlib
import fcntl
import json
import pickle
import shutil
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import feedparser
import httpx

from collector import CollectReport, collect_into, load_config
from pulso.demo.generate import generate
from pulso.demo.server import DemoServers, serve_demo
from pulso.demo.sources import DemoSummary

SMALL = 0.1  # one source per group: every format, hostile item and API mode, a fraction of the comments
API_ORDER = {"per_page": 100, "orderby": "date_gmt", "order": "asc"}  # what the collector asks for


@dataclass(frozen=True)
class Demo:
    root: Path
    servers: DemoServers
    summary: DemoSummary

    @property
    def base(self) -> str:
        return self.servers.base_url

    def api_store(self, blog: str) -> list[dict[str, Any]]:
        """The generator's list of a blog's approved comments: the truth the API answers from."""
        return json.loads((self.root / "wp" / blog / "wp-api" / "comments.json").read_text(encoding="utf-8"))


@contextlib.contextmanager
def served_demo(root: Path, scale: float = SMALL, end: datetime | None = None) -> Iterator[Demo]:
    with serve_demo(root) as servers:
        summary = generate(root, servers.base_url, blogger_url=servers.blogger_url, scale=scale, end=end)
        yield Demo(root, servers, summary)


@dataclass(frozen=True)
class CollectedDemo:
    """The demo collected over HTTP as `pulso demo` does. Its servers are stopped by then: only files are
    left (the generator's tree, the truth, and the database), so it pickles for another xdist worker."""

    root: Path              # the feed tree and monitor.toml
    summary: DemoSummary
    db: Path                # what the collector stored from it
    report: CollectReport

    @property
    def config(self) -> Path:
        return self.root / "monitor.toml"

    def api_store(self, blog: str) -> list[dict[str, Any]]:
        """The generator's list of a blog's approved comments: the truth the API answers from."""
        return json.loads((self.root / "wp" / blog / "wp-api" / "comments.json").read_text(encoding="utf-8"))


def collect_demo(root: Path, scale: float = SMALL) -> CollectedDemo:
    """Generate, serve, collect: the expensive part (seconds) that several test modules read.

    `end` is the present rounded to the hour, as `pulso demo` has it, so a site built from it has this
    week's pages and fresh feeds; the generator's threads are fixed in absolute time, so everything
    up to the fixed DEFAULT_END is the same whatever the day (pulso.demo.generate)."""
    end = datetime.now(UTC).replace(minute=0, second=0, microsecond=0)
    with served_demo(root, scale, end) as demo:
        report = collect_into(load_config(root / "monitor.toml"), root / "pulso.duckdb")
    return CollectedDemo(root, demo.summary, root / "pulso.duckdb", report)


@contextlib.contextmanager
def run_lock(path: Path) -> Iterator[None]:
    """An exclusive lock on `path` held by one process of the test run at a time (xdist workers included)."""
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def collected_once(shared: Path, scale: float = SMALL) -> CollectedDemo:
    """`collect_demo` into `shared` unless another process of this run did already: then its result.

    Under pytest-xdist `shared` is in the run's common temporary folder, so the workers build the demo
    once between them; the first one holds the lock while it builds, the others wait and read."""
    done = shared / "collected.pickle"
    with run_lock(shared.with_name(shared.name + ".lock")):
        if done.is_file():
            return pickle.loads(done.read_bytes())
        shutil.rmtree(shared, ignore_errors=True)         # a build that failed half-way is not reused
        collected = collect_demo(shared, scale)
        done.write_bytes(pickle.dumps(collected))
        return collected


def client() -> httpx.Client:
    """trust_env=False: a proxy from the environment must never see loopback test traffic."""
    return httpx.Client(trust_env=False, timeout=15.0)


def feed(http: httpx.Client, url: str) -> feedparser.FeedParserDict:
    answer = http.get(url)
    assert answer.status_code == 200, (url, answer.status_code, answer.text[:200])
    return feedparser.parse(answer.content)


def next_link(d: feedparser.FeedParserDict) -> str | None:
    return next((link.href for link in d.feed.get("links", []) if link.rel == "next"), None)


def atom_pages(http: httpx.Client, url: str) -> Iterator[feedparser.FeedParserDict]:
    """Follow rel=next wherever it points, as a collector allowed on Blogger's feed host does."""
    while url:
        d = feed(http, url)
        yield d
        url = next_link(d) or ""


def api_pages(http: httpx.Client, blog_url: str, **params: Any) -> tuple[list[dict[str, Any]], list[httpx.Response]]:
    """Every page of `/wp/v2/comments` (`?rest_route=` form), paged by X-WP-TotalPages."""
    items, answers, page = [], [], 1
    while True:
        answer = http.get(blog_url, params={"rest_route": "/wp/v2/comments", **API_ORDER, **params, "page": page})
        assert answer.status_code == 200, answer.text[:300]
        answers.append(answer)
        items += answer.json()
        if page >= int(answer.headers["X-WP-TotalPages"]):
            return items, answers
        page += 1


def host(url: str) -> str:
    return urlsplit(url).hostname or ""
