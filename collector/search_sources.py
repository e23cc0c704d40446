"""Search sources (Google News, Google Alerts and Bing News RSS searches): each entry is a mention elsewhere.

Why a stage of its own: a search feed's entries are not its posts but articles on sites nobody configured.
Each becomes a post at the article's own URL (wrappers unwrapped, tracking parameters removed:
collector.platforms.search), keyed by that URL, so that the same article is one post however many searches
find it, and an article a configured blog has is the blog's post only. The database says which articles
other sources hold (collector.storage.mentions); the search sources of one run, collected concurrently,
share their claims (`Articles.claim`), and what neither can see (a blog collected in the same run) is
settled after the run's writes.

With follow_articles, each new article page is opened to find its comment feed, which collector.source then
reads like any post's — the one place Pulso fetches hosts nobody chose, so every such request goes through
the outbound guard (public addresses only, unless allow_private), the article's host is allowed for that
article's comment feed only (`ArticleRule`), and at most `article_fetch_limit` pages are opened per run: the
rest are neither stored nor marked read, and wait for the next run.
"""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator, Awaitable, Callable, Iterable
from dataclasses import dataclass, field, replace
from urllib.parse import parse_qsl, urlsplit, urlunsplit

from collector.batch import Page
from collector.config import Config, Source
from collector.feeds.records import PostRecord
from collector.feeds.threads import stable_id
from collector.fetching.client import Fetcher
from collector.fetching.guard import AddressCheck, public_only
from collector.hosts import HostRule
from collector.platforms.discover import Discovery, discover_feed, looks_like_html
from collector.platforms.search import SEARCH_HOSTS, article_url
from collector.storage.store import SourceState

# (source, article URLs) -> those already the URL of another source's post
Lookup = Callable[[str, list[str]], Awaitable[set[str]]]
# Site-wide comment feeds (WordPress, Blogger): never one article's thread.
_SITE_WIDE_PATHS = ("/comments/feed", "/feeds/comments/")
_SITE_WIDE_QUERIES = ("feed=comments-rss2", "feed=comments-atom")


@dataclass
class Articles:
    """What the search sources of one run share: the fetcher for other sites, the budget, the claims."""

    fetcher: Fetcher                  # article pages and their comment feeds: guarded unless allow_private
    limit: int                        # article pages opened per run, all search sources together
    posted_elsewhere: Lookup
    opened: int = 0
    claims: dict[str, str] = field(default_factory=dict)   # article URL -> the search source storing it

    def taken_by_other(self, url: str, source: str) -> bool:
        return self.claims.get(url, source) != source

    def claim(self, url: str, source: str) -> None:
        """Called with no await since `taken_by_other`: sources share one event loop, so no other can
        claim the article in between."""
        self.claims.setdefault(url, source)

    def budget(self) -> bool:
        """One more article page may be opened this run (and is counted)."""
        if self.opened >= self.limit:
            return False
        self.opened += 1
        return True


@contextlib.asynccontextmanager
async def articles_for(config: Config, fetcher: Fetcher, posted_elsewhere: Lookup, *,
                       check: AddressCheck = public_only) -> AsyncIterator[Articles]:
    """The run's Articles: a fetcher with the run's policy that dials public addresses only (`check`),
    or, with allow_private (tests, the demo) or no search source to use it, the run's own fetcher (a
    guarded one costs ~85 ms to build, its TLS contexts)."""
    limit = int(config.collect.article_fetch_limit)
    if config.collect.allow_private or not any(s.kind == "search" for s in config.sources):
        yield Articles(fetcher, limit, posted_elsewhere)
        return
    async with Fetcher(fetcher.policy, guard=check) as guarded:
        yield Articles(guarded, limit, posted_elsewhere)


def _place(url: str) -> tuple[str, str]:
    parts = urlsplit(url)
    return (parts.hostname or "").lower(), parts.path.rstrip("/")


class ArticleRule(HostRule):
    """A search source's host rule: its own hosts (as `base` stands), plus each followed article's comment
    feed — that feed's address, any page of it (same host and path), not the rest of the article's site."""

    def __init__(self, base: HostRule, feeds: Iterable[str]) -> None:   # the base's state, not a fresh one
        vars(self).update(vars(base))
        self.threads = frozenset(_place(url) for url in feeds)

    def __call__(self, url: str) -> str | None:
        try:
            scheme = urlsplit(url).scheme
        except ValueError:
            return "not a valid URL"
        if scheme in ("http", "https") and _place(url) in self.threads:
            return None
        return super().__call__(url)


def canonical(link: str) -> str:
    """The article's URL, its post's key: wrappers unwrapped, tracking parameters and fragment removed."""
    url = article_url(link)
    parts = urlsplit(url)
    return urlunsplit(parts._replace(fragment="")) if parts.fragment else url


def _site_wide(url: str) -> bool:
    parts = urlsplit(url)
    return any(p in parts.path.lower() for p in _SITE_WIDE_PATHS) or \
        any(q in parts.query.lower() for q in _SITE_WIDE_QUERIES)


def _wordpress_post_feed(page_url: str) -> str:
    """WordPress's feed of one post's comments: `<post>/feed/`, or `?feed=rss2&p=ID` on plain permalinks."""
    parts = urlsplit(page_url)
    post_id = dict(parse_qsl(parts.query)).get("p")
    if post_id:
        return urlunsplit(parts._replace(query=f"feed=rss2&p={post_id}", fragment=""))
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(parts._replace(path=path + "feed/", query="", fragment=""))


def thread_feed(found: Discovery, article: str) -> str | None:
    """The article's own comment feed: a comments feed its page declares on the article's host (as linked,
    or after redirects) that is not the site-wide one, else WordPress's convention for a post."""
    hosts = {_place(article)[0], _place(found.page_url)[0]}
    own = [c.url for c in found.candidates if c.comments and _place(c.url)[0] in hosts and not _site_wide(c.url)]
    if own:
        return own[0]
    return _wordpress_post_feed(found.page_url) if found.platform == "wordpress" else None


def _article_page(url: str) -> bool:
    """Not a search engine's own page: a wrapper that could not be unwrapped (Google News' newer opaque ids)
    leads to the engine's page, never to the article's comment feed, so it is not worth a request."""
    return _place(url)[0] not in SEARCH_HOSTS


def _web_url(url: str) -> str | None:
    """The request rule for article pages: http(s); which addresses may be dialled is the guard's to say."""
    return None if urlsplit(url).scheme in ("http", "https") else "not an http(s) URL"


async def _open(fetcher: Fetcher, post: PostRecord) -> tuple[PostRecord, Page]:
    """The article page, and the post with its comment feed (None when the page names none)."""
    result = await fetcher.get(post.url or "", allow=_web_url)
    feed = None
    content_type = result.headers.get("content-type")
    if result.status == "ok" and result.body and looks_like_html(result.body, content_type):
        found = discover_feed(result.body, result.final_url or result.url, content_type=content_type)
        feed = thread_feed(found, result.url)
    return replace(post, comments_feed_url=feed), Page(result, "article")


def _by_article(posts: list[PostRecord]) -> dict[str, PostRecord]:
    """The entries by their article's URL (the first entry of an article wins), keyed and linked by it, the
    publisher as author when the entry names none; the search feed's own comment links are not the
    article's. Entries without a link name no article and are left out."""
    found: dict[str, PostRecord] = {}
    for p in posts:
        if p.url and (url := canonical(p.url)) not in found:
            found[url] = replace(p, key=url, url=url, author=p.author or p.publisher, comments_feed_url=None,
                                 comment_count=None)
    return found


@dataclass(frozen=True)
class Mentions:
    """What a search source stores this run, and how its threads are read."""

    posts: list[PostRecord]       # new articles and its own stored ones, keyed by the article's URL
    pages: list[Page]             # the article pages opened (kind "article"), for the health log
    rule: ArticleRule
    fetcher: Fetcher              # for the articles' comment feeds (guarded)
    notes: tuple[str, ...] = ()


async def take_mentions(source: Source, state: SourceState, rule: HostRule, pages: list[Page],
                        posts: list[PostRecord], articles: Articles) -> Mentions:
    """The search source's posts this run: its entries' articles minus those another source holds or
    claims; with follow_articles, the new ones' pages opened while the run's budget lasts."""
    by_url = _by_article(posts)
    feed_of = {post_id: url for url, post_id in state.comment_feeds.items()}
    ids = {url: stable_id("post", source.name, url) for url in by_url}
    own = {url for url in by_url if ids[url] in state.post_hashes}
    elsewhere = await articles.posted_elsewhere(source.name, sorted(set(by_url) - own))
    kept: list[PostRecord] = []
    to_open: list[PostRecord] = []
    waiting: set[str] = set()
    for url, post in by_url.items():
        if url in own:
            kept.append(replace(post, comments_feed_url=feed_of.get(ids[url])))
        elif url in elsewhere or articles.taken_by_other(url, source.name):
            continue
        elif not (source.follow_articles and _article_page(url)):
            articles.claim(url, source.name)
            kept.append(post)
        elif articles.budget():
            articles.claim(url, source.name)
            to_open.append(post)
        else:
            waiting.add(url)
    opened = await asyncio.gather(*(_open(articles.fetcher, post) for post in to_open))
    kept += [post for post, _ in opened]
    if waiting:
        _leave_unread(pages, waiting)
    feeds = [*state.comment_feeds, *(p.comments_feed_url for p in kept if p.comments_feed_url)]
    return Mentions(kept, [page for _, page in opened], ArticleRule(rule, feeds), articles.fetcher,
                    _notes(opened, len(waiting), articles.limit))


def _leave_unread(pages: list[Page], waiting: set[str]) -> None:
    """The entries of articles left for the next run are not recorded as read, and the feed is asked for
    whole next time (no validators kept): an unchanged feed answering 304 would never show them again."""
    for page in pages:
        if page.kind != "posts" or page.feed is None:
            continue
        urls = {p.key: canonical(p.url) for p in page.feed.posts if p.url}
        page.read = [(digest, key) for digest, key in page.read if urls.get(key) not in waiting]
        page.result = replace(page.result, headers={k: v for k, v in page.result.headers.items()
                                                    if k not in ("etag", "last-modified")})


def _notes(opened: list[tuple[PostRecord, Page]], waiting: int, limit: int) -> tuple[str, ...]:
    """Article pages are other sites' business: one that cannot be read is noted, not the source's error
    (a refused one is: collector.source counts it)."""
    notes = []
    if opened:
        with_feed = sum(post.comments_feed_url is not None for post, _ in opened)
        notes.append(f"{len(opened)} article page(s) asked for, {with_feed} with a comment feed")
    failed = [page.result for _, page in opened if page.result.status in ("error", "gone")]
    if failed:
        notes.append(f"{len(failed)} article page(s) not read, first {failed[0].url}: {failed[0].error}")
    if waiting:
        notes.append(f"{waiting} new article(s) wait for the next run (article_fetch_limit = {limit} reached)")
    return tuple(notes)


def own_threads(pages: list[tuple[Page, str | None]]) -> None:
    """Make each article's comment keys its own, in place: comment `wp:5` on one news site is not `wp:5` on
    another, and both come to one search source. A reply's `thr:in-reply-to` is a parent only when it names
    a comment of the same thread (it usually names the article, whose key here is its URL)."""
    thread_keys: dict[str, set[str]] = {}
    for page, post_id in pages:
        if post_id and page.parsed:
            thread_keys.setdefault(post_id, set()).update(c.key for c in page.parsed.comments)
    for page, post_id in pages:
        if not (post_id and page.parsed):
            continue
        keys = thread_keys[post_id]
        page.parsed = replace(page.parsed, comments=tuple(replace(
            c, key=_scoped(post_id, c.key), parent_key=_scoped(post_id, c.parent_key) if c.parent_key else None,
            reply_to_ref=_scoped(post_id, c.reply_to_ref) if c.reply_to_ref in keys else None)
            for c in page.parsed.comments))
        page.read = [(digest, _scoped(post_id, key)) for digest, key in page.read]


def _scoped(post_id: str, key: str) -> str:
    return f"{post_id} {key}"
