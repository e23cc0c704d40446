"""What one source's collect hands to storage: its pages as read, and the batch written from them.

A batch is all or nothing per source (one transaction, collector.workers). It is a frozen
dataclass so that every batch, a broken source's included, carries every table: a field cannot be
forgotten the way a key of a dict could.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from typing import Any

import pandas as pd
import pyarrow as pa

from collector.feeds.records import ParsedFeed
from collector.feeds.threads import ENTRIES, FEED_STATE, FETCHES, PostIndex, Scope, arrow_table, comment_rows, post_rows
from collector.fetching.client import FetchResult


@dataclass
class Page:
    """One fetched page of a feed, and what parsing it gave (filled in as the chain is read)."""

    result: FetchResult
    kind: str                                                  # posts | comments
    parsed: ParsedFeed | None = None
    cut: set[int] = field(default_factory=set)                # digests of entries not parsed, read before
    read: list[tuple[int, str]] = field(default_factory=list)  # entries parsed: (digest, key), to record

    @property
    def problem(self) -> str | None:
        return self.parsed.problem if self.parsed else None

    @property
    def feed(self) -> ParsedFeed | None:
        """The parsed page, when it parsed cleanly."""
        return self.parsed if self.parsed and not self.parsed.problem else None

    @property
    def error(self) -> str | None:
        """What went wrong with this page, in words, or None."""
        if self.problem:
            return self.problem
        return self.result.error if self.result.status in ("error", "gone") else None


@dataclass(frozen=True)
class SourceFeed:
    """The source's own feed as read this run: the parameters of `update_source_feed`."""

    source_id: str
    now: datetime
    feed_title: str | None
    site_url: str | None
    feed_format: str | None
    platform: str | None = None       # wordpress | blogger | feed, as configured or detected
    threads_via: str | None = None    # api | feeds: how this run read the comments (None: none read)
    threads_note: str | None = None   # why a WordPress source's threads came from feeds (may be partial)

    @classmethod
    def of(cls, source_id: str, now: datetime, feed: ParsedFeed | None, **threads: str | None) -> SourceFeed:
        return cls(source_id, now, feed.title if feed else None, feed.site_url if feed else None,
                   feed.format if feed else None, **threads)


@dataclass(frozen=True)
class SourceBatch:
    """Everything one source's run writes (collector.storage.store.write_source_batches)."""

    source_id: str
    posts: pd.DataFrame
    comments: pd.DataFrame
    fetches: pa.Table
    feed_state: pa.Table
    entries: pa.Table
    source_feed: SourceFeed | None      # None when the source's own feed was not read

    def as_store_dict(self) -> dict[str, Any]:
        """The batch in the form storage takes it."""
        return {"posts": self.posts, "comments": self.comments, "fetches": self.fetches,
                "feed_state": self.feed_state, "entries": self.entries,
                "source_feed": asdict(self.source_feed) if self.source_feed else None}


def health_tables(source_id: str, pages: list[Page]) -> tuple[pa.Table, pa.Table]:
    """The health-log rows (`fetches`) of every page, and the validators (`feed_state`) of those read."""
    fetch_rows, state_rows = [], []
    for page in pages:
        r = page.result
        fetch_rows.append({
            "source_id": source_id, "url": r.url, "kind": page.kind, "fetched_at": r.fetched_at,
            "status": "error" if page.problem else r.status, "http_status": r.http_status,
            "error": page.problem or r.error,
            "entries": (len(page.parsed.posts) + len(page.parsed.comments) + len(page.cut)) if page.parsed else None,
            "bytes": len(r.body) if r.body is not None else None, "duration_ms": r.duration_ms,
        })
        # A home page (discovery) and API answers keep no validators: the page is read again each run to
        # find its feed, and the API sends none; a search source's article page is opened only once.
        if page.kind not in ("page", "api", "article") and r.status in ("ok", "not_modified", "gone") \
                and not page.problem:
            state_rows.append({
                "url": r.url, "source_id": source_id, "etag": r.etag, "last_modified": r.last_modified,
                "last_ok_at": r.fetched_at if r.status != "gone" else None, "gone": r.status == "gone",
            })
    return arrow_table(fetch_rows, FETCHES), arrow_table(state_rows, FEED_STATE)


def entries_table(source_id: str, page_posts: list[tuple[Page, str | None]], index: PostIndex) -> pa.Table:
    """The entries this run read, to record with its rows. A page with a comment whose post is not
    known yet records none: those entries must be parsed again, once the post may be known."""
    rows: dict[int, str] = {}
    for page, post_id in page_posts:
        if page.read and not any(index.resolve(c, post_id) is None for c in page.parsed.comments):  # type: ignore
            for digest, key in page.read:
                rows.setdefault(digest, key)
    return arrow_table([{"source_id": source_id, "digest": d, "key": k} for d, k in rows.items()], ENTRIES)


def failure_batch(source_id: str, url: str, error: str, scope: Scope, now: datetime) -> SourceBatch:
    """A source that broke before it had anything to write: only the health-log row that says why."""
    fetches, feed_state = health_tables(source_id, [Page(FetchResult(
        url=url, status="error", fetched_at=now, error=error), "posts")])
    no_index = PostIndex({}, {})
    return SourceBatch(
        source_id=source_id,
        posts=post_rows(source_id, [], scope=scope, known_hashes={}, now=now, feed_urls={}),
        comments=comment_rows(source_id, [], index=no_index, scope=scope, known_hashes={}, now=now)[0],
        fetches=fetches, feed_state=feed_state, entries=entries_table(source_id, [], no_index), source_feed=None)
