"""A source's first collect reads its history, not only the newest page of its feed.

Why: a WordPress posts feed holds the newest `posts_per_rss` (10) posts, so a blog added today would
have its numbers built on ten posts. WordPress pages every feed with `?paged=N` (404 past the end);
pages are read until one holds only posts older than `[collect] backfill_days`, or none. Blogger
pages its feeds with `rel=next`, which every read follows already.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from collector.batch import Page

MAX_HISTORY_PAGES = 50


def paged(url: str, number: int) -> str:
    """`url` asking for page `number` of the feed (WordPress `paged`)."""
    parts = urlsplit(url)
    query = [(k, v) for k, v in parse_qsl(parts.query, keep_blank_values=True) if k != "paged"]
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode([*query, ("paged", str(number))]), ""))


def _reaches_back(page: Page, cutoff: datetime) -> bool:
    """The page holds a post published after `cutoff`: the history goes on past it."""
    return bool(page.feed) and any(p.published_at is None or p.published_at >= cutoff
                                   for p in page.feed.posts)  # type: ignore[union-attr]


async def read_history(read: Callable[[str], Awaitable[list[Page]]], feed_url: str, cutoff: datetime,
                       first: Page) -> list[Page]:
    """Pages 2, 3, … of a WordPress feed whose first page is `first`, back to `cutoff`.

    The 404 that ends the history is not kept: it is the feed's way of saying "no more", not a failure.
    """
    pages: list[Page] = []
    last = first
    for number in range(2, MAX_HISTORY_PAGES + 2):
        if not _reaches_back(last, cutoff):
            break
        chain = await read(paged(feed_url, number))
        last = chain[0]
        if last.result.http_status == 404 or (last.feed is not None and not last.feed.posts):
            break
        pages.extend(chain)
    return pages
