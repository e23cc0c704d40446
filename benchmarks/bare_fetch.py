"""The collect benchmark's baseline: fetch a list of URLs and parse each body, nothing else.

    .venv/bin/python benchmarks/bare_fetch.py urls.json > result.json

Why a separate process: the demo's servers run in the benchmark's own process, so a baseline parsed
there would share the servers' GIL and look slower than it is; as a child it is measured exactly like
`pulso collect` (wall time, user+sys, peak RSS from `os.wait4`).

What it does, and so what the ratios are against: one process, one asyncio loop, one httpx client
with the collector's limits and request headers (16 connections overall, 4 per host, gzip), every URL
in the list fetched once, unconditionally, all of them queued at once (the collector must read a
posts feed before it knows its comment feeds; the baseline knows every URL up front). Each 200 body
is parsed on the loop as soon as it arrives: JSON with `json.loads`, anything else with
`feedparser.parse` and its default options. Nothing is stored, matched, scored or compared.
"""

from __future__ import annotations

import asyncio
import io
import json
import sys
import time
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import feedparser
import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from collector.fetching.client import USER_AGENT, FetchPolicy  # noqa: E402

HEADERS = {"User-Agent": USER_AGENT, "Accept-Encoding": "gzip, deflate",
           "Accept": "application/atom+xml, application/rss+xml, application/xml;q=0.9, */*;q=0.5"}


@dataclass
class Tally:
    """What the baseline did, for the benchmark to print beside its timings."""

    requests: int = 0
    statuses: dict[str, int] = field(default_factory=dict)
    bytes: int = 0                  # decoded body bytes
    xml_docs: int = 0
    xml_entries: int = 0
    xml_parse_s: float = 0.0        # time inside feedparser.parse
    json_docs: int = 0
    json_items: int = 0
    json_parse_s: float = 0.0       # time inside json.loads
    wall_s: float = 0.0             # from the first request to the last parse, imports excluded


def _parse(body: bytes, content_type: str, tally: Tally) -> None:
    started = time.perf_counter()
    if "json" in content_type:
        value = json.loads(body)
        tally.json_parse_s += time.perf_counter() - started
        tally.json_docs += 1
        tally.json_items += len(value) if isinstance(value, list) else 1
    else:
        entries = len(feedparser.parse(io.BytesIO(body)).entries)
        tally.xml_parse_s += time.perf_counter() - started
        tally.xml_docs += 1
        tally.xml_entries += entries


async def fetch_and_parse(urls: list[str], policy: FetchPolicy | None = None) -> Tally:
    """Every URL fetched (the collector's gates: per host, then overall) and its 200 body parsed."""
    policy = policy or FetchPolicy()
    tally, statuses = Tally(), Counter[str]()
    overall = asyncio.Semaphore(policy.max_connections)
    hosts: dict[str, asyncio.Semaphore] = {}
    limits = httpx.Limits(max_connections=policy.max_connections,
                          max_keepalive_connections=policy.max_connections)
    timeout = httpx.Timeout(policy.read_timeout, connect=policy.connect_timeout)

    async def one(client: httpx.AsyncClient, url: str) -> None:
        gate = hosts.setdefault(urlsplit(url).hostname or "", asyncio.Semaphore(policy.per_host))
        async with gate, overall:
            resp = await client.get(url)
        statuses[str(resp.status_code)] += 1
        tally.bytes += len(resp.content)
        if resp.status_code == 200:
            _parse(resp.content, resp.headers.get("content-type", ""), tally)

    started = time.perf_counter()
    async with httpx.AsyncClient(headers=HEADERS, limits=limits, timeout=timeout, trust_env=False,
                                 follow_redirects=False) as client:
        await asyncio.gather(*(one(client, url) for url in urls))
    tally.wall_s = time.perf_counter() - started
    tally.requests = len(urls)
    tally.statuses = dict(sorted(statuses.items()))
    return tally


def main() -> None:
    urls = json.loads(Path(sys.argv[1]).read_text(encoding="utf-8"))
    print(json.dumps(asdict(asyncio.run(fetch_and_parse(urls)))))


if __name__ == "__main__":
    main()
