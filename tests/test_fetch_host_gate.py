"""A slow host cannot hold up the others: requests waiting for one host's gate hold no global slot.

Two real servers on two loopback addresses, one answering slowly. With 40 requests queued on the
slow one, a request to the fast one must not wait behind them (it waited for most of the slow
queue when the global slot was taken before the per-host gate)."""

from __future__ import annotations

import asyncio
import time

from collector.fetching.client import Fetcher, FetchPolicy
from tests.feedserver import FeedServer, Step

SLOW_DELAY = 0.5
SLOW_REQUESTS = 40
POLICY = FetchPolicy(max_connections=16, per_host=4, retries=0)


async def _fast_request_behind_a_slow_queue(slow: FeedServer, fast: FeedServer) -> tuple[float, str]:
    slow_url = slow.add("/slow", Step(body=b"<rss/>", delay=SLOW_DELAY))
    fast_url = fast.add("/fast", b"<rss/>")
    async with Fetcher(POLICY) as fetcher:
        queued = [asyncio.create_task(fetcher.get(slow_url, allow=lambda u: None))
                  for _ in range(SLOW_REQUESTS)]
        await asyncio.sleep(0.1)                       # every slow request is now waiting or in flight
        started = time.perf_counter()
        result = await fetcher.get(fast_url, allow=lambda u: None)
        waited = time.perf_counter() - started
        for task in queued:
            task.cancel()
        await asyncio.gather(*queued, return_exceptions=True)
    return waited, result.status


def test_a_request_to_a_fast_host_does_not_wait_behind_requests_queued_on_a_slow_host():
    slow, fast = FeedServer("127.0.0.1"), FeedServer("127.0.0.2")
    try:
        waited, status = asyncio.run(_fast_request_behind_a_slow_queue(slow, fast))
    finally:
        slow.close()
        fast.close()
    assert status == "ok"
    slow_total = SLOW_REQUESTS / POLICY.per_host * SLOW_DELAY     # the slow queue's length in time: 5 s
    assert waited < slow_total / 3, f"the fast host's request waited {waited:.2f} s behind the slow host"
