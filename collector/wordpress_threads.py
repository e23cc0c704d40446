"""A WordPress source's comment threads, read whole through the REST API.

Why: a WordPress comment feed holds only a post's newest `posts_per_rss` (10) comments, so a longer
thread is cut and every response number built on it is wrong. The API pages through every approved
comment with its exact parent. What is read each run:
- the whole thread of every post that is new or changed in the posts feed;
- once the source has been collected before, the site-wide list of every comment of the last
  RECENT_DAYS (or since the newest stored comment minus AFTER_MARGIN, if that is earlier: a comment
  held in moderation keeps its submission date), 100 a page. It catches new comments on old posts even
  when the posts feed answers 304, and edits of recent comments (comments carry no modified date, so
  an edit shows only when the comment is read again); a nightly run on a quiet blog is 2 requests.
When the API answers like an API that is off (401/403/404, an HTML page), nothing more is asked of
it and the caller reads the comment feeds instead, saying why (`ApiThreads.off`).
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable, Iterable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

from collector.batch import Page
from collector.feeds.records import ParsedFeed, PostRecord
from collector.fetching.client import FetchResult
from collector.platforms.wordpress import Api, api_off_reason, parse_comments, post_number

RECENT_DAYS = 7          # edits of comments younger than this are caught (a busy blog: ~75 comments a day)
AFTER_MARGIN = timedelta(days=7)
MAX_THREAD_PAGES = 50                    # 5,000 comments on one post

Get = Callable[[str], Awaitable[FetchResult]]


@dataclass(frozen=True)
class ApiThreads:
    pages: list[tuple[Page, str | None]]      # each API page with its comments' post id (None: site-wide)
    off: str | None = None                    # set: the API is unusable here; read the comment feeds


@dataclass(frozen=True)
class ThreadTarget:
    post_id: str
    number: int                                # the post's WordPress id


def thread_targets(posts: Iterable[PostRecord], post_id_of: Callable[[PostRecord], str],
                   changed: set[str]) -> list[ThreadTarget]:
    """The posts whose whole thread is read this run: the new or changed ones that have comments."""
    targets: dict[str, int] = {}
    for post in posts:
        post_id, number = post_id_of(post), post_number(post)
        if number is not None and post.comment_count != 0 and post_id in changed:
            targets[post_id] = number
    return [ThreadTarget(post_id, number) for post_id, number in targets.items()]


def recent_since(now: datetime, latest_comment_at: datetime | None) -> datetime:
    """Where the site-wide read starts: RECENT_DAYS back, or further if the newest stored comment is older."""
    since = now - timedelta(days=RECENT_DAYS)
    return min(since, latest_comment_at - AFTER_MARGIN) if latest_comment_at else since


def _page(result: FetchResult, url_for_log: str) -> Page:
    """An API answer as a Page, so the health log, entry bookkeeping and comment rows treat it like a feed."""
    page = Page(replace(result, url=url_for_log), "api")
    if result.status != "ok":
        return page
    off = api_off_reason(result.http_status, result.headers.get("content-type"), result.body)
    answer = parse_comments(result.body or b"") if off is None else None
    problem = off or (answer.problem if answer else None)
    page.parsed = ParsedFeed(format="wp-json", title=None, site_url=None, language=None,
                             comments=answer.comments if answer and not problem else (), problem=problem)
    return page


def _off(page: Page) -> str | None:
    """Why this first answer means the API cannot be used this run (None: it answered as the API)."""
    r = page.result
    if r.status == "refused":
        return f"the REST API is not on a host this source may reach ({r.error})"
    if r.status != "ok":
        if r.http_status is not None:
            return api_off_reason(r.http_status, r.headers.get("content-type"), r.body)
        return f"the REST API could not be reached ({r.error})"
    return page.problem


def _total_pages(result: FetchResult, comments: int) -> int:
    total = result.headers.get("x-wp-totalpages", "")
    if total.isdigit():
        return min(int(total), MAX_THREAD_PAGES)
    return 2 if comments >= 100 else 1       # no header (a proxy dropped it): ask until a short page


async def _read_list(get: Get, url_of: Callable[[int], str], log_url: str, post_id: str | None,
                     first: Page | None = None) -> list[tuple[Page, str | None]]:
    """Every page of one comment list (a thread, or the site-wide list)."""
    page = first or _page(await get(url_of(1)), log_url)
    pages = [(page, post_id)]
    number, total = 1, _total_pages(page.result, len(page.feed.comments) if page.feed else 0)
    while page.feed and number < total:
        number += 1
        page = _page(await get(url_of(number)), log_url)
        pages.append((page, post_id))
        if page.feed and len(page.feed.comments) >= 100 and "x-wp-totalpages" not in page.result.headers:
            total = min(number + 1, MAX_THREAD_PAGES)
    return pages


async def read_api_threads(get: Get, api: Api, targets: list[ThreadTarget],
                           since: datetime | None) -> ApiThreads:
    """The threads of `targets` and, with `since` (a source collected before), every comment after it."""
    lists: list[tuple[Callable[[int], str], str, str | None]] = [
        ((lambda n, t=t: api.comments_url(post=t.number, page=n)), api.comments_url(post=t.number), t.post_id)
        for t in targets]
    if since is not None:
        lists.append(((lambda n: api.comments_url(after=since, page=n)), api.comments_url(), None))
    if not lists:
        return ApiThreads([])
    url_of, log_url, post_id = lists[0]
    probe = _page(await get(url_of(1)), log_url)
    if off := _off(probe):
        return ApiThreads([(probe, post_id)], off=off)
    first = await _read_list(get, url_of, log_url, post_id, first=probe)
    rest = await asyncio.gather(*(_read_list(get, u, log, pid) for u, log, pid in lists[1:]))
    return ApiThreads(first + [page for chain in rest for page in chain])
