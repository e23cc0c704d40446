"""One source's collect: its posts feed and pages, its comment threads, and the batch they make.

Nothing is written here: `collect_source` returns the source's report and the batch that
collector.collect writes in one transaction. Threads are read the way the platform allows best:
WordPress through its REST API (collector.wordpress_threads), Blogger and other blogs through their
comment feeds (Blogger's in large pages, on its own feed host), each URL vetted by the host rule.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pandas as pd

from collector import search_sources, wordpress_threads
from collector.batch import Page, SourceBatch, SourceFeed, entries_table, health_tables
from collector.config import Source
from collector.feeds.delta import Entries, entries_read, find_entries, without
from collector.feeds.records import ParsedFeed, PostRecord
from collector.feeds.threads import PostIndex, Scope, comment_rows, dedupe_posts, post_rows, stable_id
from collector.fetching.client import Fetcher, FetchResult, read_local
from collector.history import read_history
from collector.hosts import HostRule
from collector.platforms import wordpress
from collector.platforms.blogger import large_pages
from collector.platforms.discover import Discovery, discover_feed, looks_like_html
from collector.report import SourceReport
from collector.storage import store
from collector.workers import ReadEntries

ParseFn = Callable[..., Awaitable[tuple[ParsedFeed, Entries | None]]]   # see workers.Parsers
# (comment ids, their links) -> None: fills the source state with the stored comments they may be.
CommentStateFn = Callable[[list[str], list[str]], Awaitable[None]]
Allow = Callable[[str], str | None]   # None when a URL may be requested, else the reason not to
MAX_PAGES = 20
COMMENTS_MAX_AGE_DAYS = 90   # older posts' comment feeds are re-read only until first success


def _config_url_allowed(allow: Allow, url: str) -> Allow:
    """`allow`, except that `url` itself, written in the config by the user, may always be requested."""
    return lambda u: None if u == url else allow(u)


@dataclass(frozen=True)
class _SourceRun:
    """What every step of one source's collect reads."""

    source: Source
    fetcher: Fetcher
    state: store.SourceState
    scope: Scope
    now: datetime
    parse: ParseFn
    read_before: ReadEntries | None   # the entries read by earlier runs (None: none, as on a first run)
    allow: HostRule
    backfill_days: float = 180.0      # history read on the source's first collect

    @property
    def salt(self) -> bytes:
        """Salts entry digests with what the host rule reads, so a rule change re-reads every entry."""
        return self.allow.salt

    @property
    def blogger(self) -> bool:
        return self.allow.platform == "blogger"

    def feed_url(self, url: str) -> str:
        """A comment or posts feed URL as it is asked for: Blogger's in large pages."""
        return large_pages(url) if self.blogger else url

    async def cut_keys(self, pages: list[Page]) -> dict[int, str]:
        """The keys of the entries cut out of `pages` because an earlier run read them."""
        if self.read_before is None:
            return {}
        return await self.read_before.keys({d for p in pages for d in p.cut})


async def _fetch_chain(run: _SourceRun, url: str, *, kind: str, allow: Allow, local: bool = False) -> list[Page]:
    """A feed and the pages it declares (rel=next), stopping at MAX_PAGES or a repeated URL.

    With `run.read_before`, the entries read by an earlier run are cut out of a changed page before
    parsing; the entries parsed are listed on each page (`read`) with digests salted by `run.salt`."""
    pages: list[Page] = []
    seen: set[str] = set()
    next_url: str | None = url
    while next_url and next_url not in seen and len(pages) < MAX_PAGES:
        seen.add(next_url)
        etag, modified = run.state.validators.get(next_url, (None, None))
        if local and not pages:
            result = read_local(next_url, last_modified=modified, max_bytes=run.fetcher.policy.max_bytes)
        else:
            result = await run.fetcher.get(next_url, allow=allow, etag=etag, last_modified=modified)
        page = Page(result, kind)
        pages.append(page)
        if result.status != "ok" or result.body is None:
            break
        await _parse_page(run, page, result.final_url or next_url)
        if kind == "posts" and len(pages) == 1:
            run.allow.learn(page.feed)      # a custom-domain Blogger blog pages on Blogger's feed host
        next_url = page.feed.next_url if page.feed else None
    return pages


async def _parse_page(run: _SourceRun, page: Page, base: str) -> None:
    """Parse a fetched page in place, without the entries an earlier run read (`page.cut`)."""
    result, as_comments = page.result, page.kind == "comments"
    body = result.body or b""
    if run.read_before is None:
        page.parsed, entries = await run.parse(body, base, as_comments, result.headers, entry_salt=run.salt)
    else:
        entries = await asyncio.to_thread(find_entries, body, base, as_comments=as_comments,
                                          headers=result.headers, salt=run.salt)
        if entries is not None:
            page.cut = await run.read_before.known(list(entries.digests))
            body = without(body, entries, page.cut) if page.cut else body
        page.parsed, _ = await run.parse(body, base, as_comments, result.headers)
    if entries is not None and page.feed:
        page.read = entries_read(entries, page.cut, page.feed)


def _comment_feeds(run: _SourceRun, posts: list[PostRecord],
                   changed: set[str]) -> tuple[dict[str, str | None], list[str]]:
    """Comment feeds to read this run (url -> post_id, None for blog-wide) and URLs refused.

    A post older than COMMENTS_MAX_AGE_DAYS has its comment feed re-read only until it is read once,
    whether the post comes from the database or from the posts feed; in the feed, also whenever the
    post itself is new or changed (`changed`: post ids), as it is when its comment count goes up.
    A post whose feed counts 0 comments (`thr:total`, `slash:comments`) costs no request.
    """
    source, state, allow, now = run.source, run.state, run.allow, run.now
    feeds: dict[str, str | None] = {}
    refused: list[str] = []
    cutoff = now - timedelta(days=COMMENTS_MAX_AGE_DAYS)

    def settled(url: str, post_id: str) -> bool:
        published = state.published.get(post_id)
        return published is not None and published < cutoff and url in state.validators

    for url, post_id in state.comment_feeds.items():
        if url not in state.gone and not settled(url, post_id):
            feeds[url] = post_id
    for p in posts:
        url = run.feed_url(p.comments_feed_url) if p.comments_feed_url else None
        if url and url not in state.gone:
            post_id = stable_id("post", source.name, p.key)
            if allow(url):
                refused.append(url)      # logged even when empty: a hostile link is worth seeing
            elif p.comment_count != 0 and (post_id in changed or state.comment_feeds.get(url) != post_id
                                           or not settled(url, post_id)):
                feeds[url] = post_id
    if source.comments_url:
        feeds[source.comments_url] = None
    return feeds, refused


@dataclass(frozen=True)
class _Posts:
    pages: list[Page]                 # the feed's pages, its first page first; a home page read to find it last
    posts: list[PostRecord]           # deduplicated against the stored posts
    cut_keys: dict[int, str]          # keys of the entries cut out as read before
    found: Discovery | None = None    # the feed discovered on the home page the config names

    @property
    def head(self) -> Page:
        return self.pages[0]


async def _discovered(run: _SourceRun, home: Page) -> tuple[list[Page], Discovery] | None:
    """When the config's URL is a web page, its feed (found the way feed readers do) and that feed's pages."""
    r = home.result
    if not home.problem or not looks_like_html(r.body, r.headers.get("content-type")):
        return None
    found = await asyncio.to_thread(discover_feed, r.body or b"", r.final_url or r.url,
                                    content_type=r.headers.get("content-type"))
    if found.feed_url is None:
        home.parsed = replace(home.parsed, problem=found.describe()) if home.parsed else None
        return None
    if reason := run.allow(found.feed_url):
        home.parsed = replace(home.parsed, problem=f"{found.describe()}, refused: {reason}") if home.parsed else None
        return None
    home.kind, home.parsed = "page", None          # read fine: it is a page, not a feed that failed
    feed_url = run.feed_url(found.feed_url)
    return await _fetch_chain(run, feed_url, kind="posts", allow=_config_url_allowed(run.allow, feed_url)), found


async def _read_posts(run: _SourceRun) -> _Posts:
    """The source's own feed and its pages (discovered first when the config names a home page)."""
    source = run.source
    url = source.url if source.is_local_file else run.feed_url(source.url)
    pages = await _fetch_chain(run, url, kind="posts", allow=_config_url_allowed(run.allow, url),
                               local=source.is_local_file)
    found = None
    if not source.is_local_file and (discovered := await _discovered(run, pages[0])):
        feed_pages, found = discovered
        pages = feed_pages + pages
    head = pages[0]
    if not run.state.post_hashes and head.feed and wordpress.is_wordpress(head.feed.generator) and head.result.url:
        cutoff = run.now - timedelta(days=run.backfill_days)
        pages += await read_history(lambda u: _fetch_chain(run, u, kind="posts", allow=run.allow),
                                    head.result.url, cutoff, head)
    posts = [post for page in pages if page.feed for post in page.feed.posts]
    cut_keys = await run.cut_keys(pages)
    posts = dedupe_posts(posts, run.state.post_link_dates, run.state.post_ids_by_key, cut_keys.values())
    return _Posts(pages, posts, cut_keys, found)


def _head_failed(head: Page) -> bool:
    """The source's own feed could not be read: nothing this run says about the source is complete."""
    return head.result.status not in ("ok", "not_modified") or head.problem is not None


def _post_frame(run: _SourceRun, posts: list[PostRecord]) -> pd.DataFrame:
    allow = run.allow
    urls = {p.key: run.feed_url(p.comments_feed_url) if p.comments_feed_url else None for p in posts}
    feed_urls = {key: url if url and not allow(url) else None for key, url in urls.items()}
    return post_rows(run.source.name, posts, scope=run.scope, known_hashes=run.state.post_hashes, now=run.now,
                     feed_urls=feed_urls)


async def _read_comments(run: _SourceRun, posts: list[PostRecord], changed: set[str]) -> list[tuple[Page, str | None]]:
    """Every comment feed page read this run, each with the post its comments belong to (None:
    blog-wide); the refused comment feeds are pages too, so that the health log records them."""
    source, allow = run.source, run.allow
    feeds, refused = _comment_feeds(run, posts, changed)
    pages: list[tuple[Page, str | None]] = [
        (Page(FetchResult(url=url, status="refused", fetched_at=run.now, error=allow(url)), "comments"), None)
        for url in refused]
    chains = await asyncio.gather(*(
        _fetch_chain(run, url, kind="comments",
                     allow=_config_url_allowed(allow, url) if url == source.comments_url else allow,
                     local=url == source.comments_url and not url.startswith("http"))
        for url in feeds))
    for (_url, post_id), chain in zip(feeds.items(), chains, strict=True):
        pages.extend((page, post_id) for page in chain)
    return pages


def _post_index(run: _SourceRun, posts: list[PostRecord]) -> PostIndex:
    """The source's posts by key and by link, stored and read this run: where comments find their post."""
    by_key, by_url = dict(run.state.post_ids_by_key), dict(run.state.post_ids_by_url)
    for p in posts:
        post_id = stable_id("post", run.source.name, p.key)
        by_key[p.key] = post_id
        if p.url:
            by_url[p.url.split("#")[0]] = post_id
    return PostIndex(by_key, by_url)


def _source_report(run: _SourceRun, pages: list[Page], batch: SourceBatch, *, orphans: int,
                   failed: bool, note: str | None = None) -> SourceReport:
    """`note`: the threads came from the comment feeds because the API is off; its answer is then no
    error of the run (it is in the health log and on the Estado page), the note says it instead."""
    posts_new = int((~batch.posts["post_id"].isin(run.state.post_hashes.keys())).sum())
    comments_new = int((~batch.comments["comment_id"].isin(run.state.comment_hashes.keys())).sum())
    return SourceReport(
        run.source.name, posts_new=posts_new, posts_updated=len(batch.posts) - posts_new,
        comments_new=comments_new, comments_updated=len(batch.comments) - comments_new,
        requests=sum(p.result.status != "refused" for p in pages),
        not_modified=sum(p.result.status == "not_modified" for p in pages),
        refused=sum(p.result.status == "refused" for p in pages),
        errors=tuple(f"{p.result.url}: {p.error}" for p in pages   # an article page's error is a note of its own
                     if p.error and p.kind != "article" and not (note and p.kind == "api")),
        refusals=tuple(f"{p.result.url}: {p.result.error}" for p in pages if p.result.status == "refused"),
        notes=(f"threads from comment feeds ({note})",) if note else (), orphans=orphans, failed=failed)


@dataclass(frozen=True)
class _Threads:
    pages: list[tuple[Page, str | None]]      # comment pages (feeds or API) with their post (None: site-wide)
    via: str | None = None                    # api | feeds
    note: str | None = None                   # why a WordPress source's threads came from its feeds


def _platform(run: _SourceRun, read: _Posts) -> str:
    """wordpress | blogger | feed: the config's word, else the feed's generator or API link (or the home
    page's), else what an earlier collect detected (a posts feed answering 304 says nothing about itself)."""
    head, feed = read.head, read.head.feed
    if run.source.platform:
        return run.source.platform
    if (feed and wordpress.is_wordpress(feed.generator, head.result.headers.get("link"))) or \
            (read.found and read.found.platform == "wordpress"):
        return "wordpress"
    if run.allow.platform == "blogger":
        return "blogger"
    return run.state.platform if feed is None and run.state.platform else "feed"


def _wordpress_api(run: _SourceRun, read: _Posts) -> wordpress.Api:
    head = read.head
    link = wordpress.api_from_link_header(head.result.headers.get("link")) or (
        read.found.wordpress_api if read.found else None)
    if link:
        return wordpress.Api(link)
    site = (head.feed.site_url if head.feed else None) or run.state.site_url or run.source.url
    return wordpress.default_api(site)


async def _read_threads(run: _SourceRun, read: _Posts, changed: set[str], platform: str) -> _Threads:
    """Comment threads: WordPress through its REST API (whole), falling back to the comment feeds, which
    hold only each post's newest comments, when the API is off; other platforms through their feeds."""
    posts = read.posts
    if platform != "wordpress":
        return _Threads(await _read_comments(run, posts, changed), via="feeds")
    if run.state.threads_note and read.head.result.status == "not_modified":
        # The API was off last time and nothing changed since: no request to learn it again.
        return _Threads(await _read_comments(run, posts, changed), via="feeds", note=run.state.threads_note)
    targets = wordpress_threads.thread_targets(posts, lambda p: stable_id("post", run.source.name, p.key), changed)
    since = wordpress_threads.recent_since(run.now, run.state.latest_comment_at) if run.state.post_hashes else None
    api = await wordpress_threads.read_api_threads(
        lambda url: run.fetcher.get(url, allow=run.allow), _wordpress_api(run, read), targets, since)
    if api.off is None:
        return _Threads(api.pages + await _pingback_feeds(run, posts, api.pages), via="api")
    note = f"{api.off}; the comment feeds hold only each post's newest comments"
    feeds = await _read_comments(run, posts, changed)
    return _Threads(api.pages + feeds, via="feeds", note=note)


async def _pingback_feeds(run: _SourceRun, posts: list[PostRecord],
                          api_pages: list[tuple[Page, str | None]]) -> list[tuple[Page, str | None]]:
    """The comment feeds of posts whose feed counts more comments than the API gave: the API leaves
    pingbacks and trackbacks out for visitors, the comment feed (its newest 10) has them."""
    from_api: dict[str, int] = {}
    for page, post_id in api_pages:
        if post_id and page.feed:
            from_api[post_id] = from_api.get(post_id, 0) + len(page.feed.comments)
    wanted = [p for p in posts if p.comments_feed_url and p.comment_count
              and (post_id := stable_id("post", run.source.name, p.key)) in from_api
              and p.comment_count > from_api[post_id] and not run.allow(p.comments_feed_url)]
    chains = await asyncio.gather(*(_fetch_chain(run, p.comments_feed_url, kind="comments", allow=run.allow)
                                    for p in wanted if p.comments_feed_url))
    return [(page, stable_id("post", run.source.name, p.key)) for p, chain in zip(wanted, chains, strict=True)
            for page in chain]


async def collect_source(source: Source, *, fetcher: Fetcher, state: store.SourceState, scope: Scope,
                         now: datetime, parse: ParseFn, comment_state: CommentStateFn,
                         read_before: ReadEntries | None = None,
                         rule: HostRule | None = None,
                         backfill_days: float = 180.0,
                         articles: search_sources.Articles | None = None) -> tuple[SourceReport, SourceBatch]:
    """Fetch and parse one source; returns its report and the batch to write (nothing written here).

    `state` comes with the source's posts and feeds; the stored comments that this run's parsed
    comments may be are added to it through `comment_state` once they are known. `read_before` holds
    the entries the source has read before (None: none, as on a first run), see collector.delta.
    `rule` is the source's host rule (default: the source's own hosts and Blogger's public feed host).
    `articles`: what the run's search sources share (collector.search_sources); a search source's entries
    become posts at their articles' URLs, whose comment feeds are read through its guarded fetcher.
    """
    run = _SourceRun(source=source, fetcher=fetcher, state=state, scope=scope, now=now, parse=parse,
                     read_before=read_before, allow=rule or HostRule(source), backfill_days=backfill_days)
    read = await _read_posts(run)
    mentions = await search_sources.take_mentions(source, state, run.allow, read.pages, read.posts, articles) \
        if source.kind == "search" and articles and not _head_failed(read.head) else None
    if mentions:
        read = replace(read, pages=read.pages + mentions.pages, posts=mentions.posts)
        run = replace(run, allow=mentions.rule, fetcher=mentions.fetcher)
    pages, posts, cut_keys = read.pages, read.posts, read.cut_keys
    failed = _head_failed(pages[0])
    post_frame = _post_frame(run, posts)
    platform = _platform(run, read)
    threads = await _read_threads(run, read, set(post_frame["post_id"]), platform) \
        if source.comments and not failed else _Threads([])
    comment_pages = threads.pages
    if mentions:
        search_sources.own_threads(comment_pages)
    page_posts = [(page, None) for page in pages] + comment_pages
    embedded = [(c, post_id) for page, post_id in page_posts if page.feed for c in page.feed.comments]
    if embedded:
        await comment_state([stable_id("comment", source.name, c.key) for c, _ in embedded],
                            sorted({c.url for c, _ in embedded if c.url}))
    index = _post_index(run, posts)
    cut_keys.update(await run.cut_keys([page for page, _ in comment_pages]))
    comment_frame, orphans = comment_rows(
        source.name, embedded, index=index, scope=scope, known_hashes=state.comment_hashes, now=now,
        link_dates=state.comment_link_dates,
        also_present=[stable_id("comment", source.name, k) for k in cut_keys.values()])
    all_pages = [page for page, _ in page_posts]
    fetches, feed_state = health_tables(source.name, all_pages)
    source_feed = None if failed else SourceFeed.of(source.name, now, pages[0].feed, platform=platform,
                                                    threads_via=threads.via, threads_note=threads.note)
    batch = SourceBatch(source.name, post_frame, comment_frame, fetches, feed_state,
                        entries=entries_table(source.name, page_posts, index), source_feed=source_feed)
    report = _source_report(run, all_pages, batch, orphans=orphans, failed=failed, note=threads.note)
    report = replace(report, notes=report.notes + mentions.notes) if mentions else report
    return (replace(report, notes=(f"discovered {read.found.describe()}", *report.notes)) if read.found
            else report), batch
