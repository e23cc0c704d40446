"""Typed records that cross stage boundaries; raw feedparser dicts never leave `parse`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True)
class PostRecord:
    key: str                          # normalised guid (stable id source)
    url: str | None
    title: str
    author: str | None
    published_at: datetime | None     # None: the feed gave no usable date
    text: str
    comments_feed_url: str | None     # absolute, not yet vetted by the same-host rule
    comment_count: int | None
    publisher: str | None = None      # an aggregator's `<source>` (Google News) or News:Source (Bing): who published it


@dataclass(frozen=True)
class CommentRecord:
    key: str                          # normalised comment key: wp:N, blogger:N, or the guid
    url: str | None
    author: str | None
    published_at: datetime | None
    text: str
    parent_key: str | None            # from "In reply to …#comment-N" or Blogger rel=related
    reply_to_ref: str | None          # thr:in-reply-to, normalised: a parent only if it is not the post
    post_url: str | None              # the post page this comment sits on (link minus fragment/query)
    kind: str = "comment"             # comment | pingback | trackback (never eligible for a reply)
    has_account: bool | None = None   # WordPress API: the commenter was logged in (None: unknown)


@dataclass(frozen=True)
class ParsedFeed:
    """What one feed document said. `problem` is set when feedparser could not read it at all."""

    format: str
    title: str | None
    site_url: str | None
    language: str | None
    posts: tuple[PostRecord, ...] = ()
    comments: tuple[CommentRecord, ...] = ()
    next_url: str | None = None
    problem: str | None = None
    notes: tuple[str, ...] = field(default=())
    generator: str | None = None      # `<generator>`: tells WordPress and Blogger apart from other feeds
