"""One collect run: every source, its pages and comment feeds, into the database.

Sources run concurrently; each is written in its own transaction as soon as it is complete, so a
broken source is recorded and the others still land, and a killed run leaves every source either
as it was before or as it is after. `collect_into` is the whole workflow as the commands run it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import urlsplit

import duckdb
import pandas as pd

from collector.batch import Page, SourceBatch, SourceFeed, entries_table, failure_batch, health_tables
from collector.config import Config, Source
from collector.feeds.delta import Entries, entries_read, find_entries, without
from collector.feeds.records import CommentRecord, ParsedFeed, PostRecord
from collector.feeds.threads import Enricher, PostIndex, Scope, comment_rows, dedupe_posts, post_rows, stable_id
from collector.fetching.client import Fetcher, FetchPolicy, FetchResult, read_local
from collector.report import CollectReport, SourceReport
from collector.sentiment.enrich import Enrich
from collector.storage import retention, store
from collector.storage.lock import LockError, exclusive
from collector.storage.maintain import refresh_flags_if_changed
from collector.workers import Database, Parsers, ReadEntries

ParseFn = Callable[..., Awaitable[tuple[ParsedFeed, Entries | None]]]   # see workers.Parsers
# (comment ids, their links) -> None: fills the source state with the stored comments they may be.
CommentStateFn = Callable[[list[str], list[str]], Awaitable[None]]
Allow = Callable[[str], str | None]   # None when a URL may be requested, else the reason not to
MAX_PAGES = 20
COMMENTS_MAX_AGE_DAYS = 90   # older posts' comment feeds are re-read only until first success


def host_rule(source: Source) -> Allow:
    """The same-host rule for URLs found inside a feed: http(s), and on the source's host or follow_hosts."""
    own = {(urlsplit(source.url).hostname or "").lower()} if not source.is_local_file else set()
    if source.comments_url and urlsplit(source.comments_url).scheme in ("http", "https"):
        own.add((urlsplit(source.comments_url).hostname or "").lower())
    allowed = own | set(source.follow_hosts)

    def allow(url: str) -> str | None:
        parts = urlsplit(url)
        if parts.scheme not in ("http", "https"):
            return f"not an http(s) URL ({parts.scheme or 'no scheme'}:)"
        host = (parts.hostname or "").lower()
        if host not in allowed:
            return f"host {host!r} is not the source's host; add it to follow_hosts to allow it"
        return None

    return allow


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
    allow: Allow
    salt: bytes                       # salts entry digests: what host_rule reads, so a rule change re-reads

    @classmethod
    def of(cls, source: Source, **kwargs: object) -> _SourceRun:
        salt = repr((source.url, source.comments_url, sorted(source.follow_hosts))).encode()
        return cls(source=source, allow=host_rule(source), salt=salt, **kwargs)  # type: ignore[arg-type]

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


def _comment_feeds(source: Source, posts: list[PostRecord], state: store.SourceState,
                   allow: Allow, now: datetime,
                   changed: set[str]) -> tuple[dict[str, str | None], list[str]]:
    """Comment feeds to read this run (url -> post_id, None for blog-wide) and URLs refused.

    A post older than COMMENTS_MAX_AGE_DAYS has its comment feed re-read only until it is read once,
    whether the post comes from the database or from the posts feed; in the feed, also whenever the
    post itself is new or changed (`changed`: post ids), as it is when its comment count goes up.
    """
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
        if p.comments_feed_url and p.comments_feed_url not in state.gone:
            post_id = stable_id("post", source.name, p.key)
            if allow(p.comments_feed_url):
                refused.append(p.comments_feed_url)
            elif (post_id in changed or state.comment_feeds.get(p.comments_feed_url) != post_id
                  or not settled(p.comments_feed_url, post_id)):
                feeds[p.comments_feed_url] = post_id
    if source.comments_url:
        feeds[source.comments_url] = None
    return feeds, refused


async def _read_posts(run: _SourceRun) -> tuple[list[Page], list[PostRecord], dict[int, str]]:
    """The source's own feed and its pages, the posts on them (deduplicated against the stored posts),
    and the keys of the entries cut out as read before."""
    source = run.source
    pages = await _fetch_chain(run, source.url, kind="posts", allow=_config_url_allowed(run.allow, source.url),
                               local=source.is_local_file)
    posts = [post for page in pages if page.feed for post in page.feed.posts]
    cut_keys = await run.cut_keys(pages)
    posts = dedupe_posts(posts, run.state.post_link_dates, run.state.post_ids_by_key, cut_keys.values())
    return pages, posts, cut_keys


def _head_failed(head: Page) -> bool:
    """The source's own feed could not be read: nothing this run says about the source is complete."""
    return head.result.status not in ("ok", "not_modified") or head.problem is not None


def _post_frame(run: _SourceRun, posts: list[PostRecord]) -> pd.DataFrame:
    allow = run.allow
    feed_urls = {p.key: (p.comments_feed_url if p.comments_feed_url and not allow(p.comments_feed_url) else None)
                 for p in posts}
    return post_rows(run.source.name, posts, scope=run.scope, known_hashes=run.state.post_hashes, now=run.now,
                     feed_urls=feed_urls)


async def _read_comments(run: _SourceRun, posts: list[PostRecord], changed: set[str]) -> list[tuple[Page, str | None]]:
    """Every comment feed page read this run, each with the post its comments belong to (None:
    blog-wide); the refused comment feeds are pages too, so that the health log records them."""
    source, allow = run.source, run.allow
    feeds, refused = _comment_feeds(source, posts, run.state, allow, run.now, changed)
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
                   failed: bool) -> SourceReport:
    posts_new = int((~batch.posts["post_id"].isin(run.state.post_hashes.keys())).sum())
    comments_new = int((~batch.comments["comment_id"].isin(run.state.comment_hashes.keys())).sum())
    return SourceReport(
        run.source.name, posts_new=posts_new, posts_updated=len(batch.posts) - posts_new,
        comments_new=comments_new, comments_updated=len(batch.comments) - comments_new,
        requests=sum(p.result.status != "refused" for p in pages),
        not_modified=sum(p.result.status == "not_modified" for p in pages),
        refused=sum(p.result.status == "refused" for p in pages),
        errors=tuple(f"{p.result.url}: {p.error}" for p in pages if p.error), orphans=orphans, failed=failed)


async def collect_source(source: Source, *, fetcher: Fetcher, state: store.SourceState, scope: Scope,
                         now: datetime, parse: ParseFn, comment_state: CommentStateFn,
                         read_before: ReadEntries | None = None) -> tuple[SourceReport, SourceBatch]:
    """Fetch and parse one source; returns its report and the batch to write (nothing written here).

    `state` comes with the source's posts and feeds; the stored comments that this run's parsed
    comments may be are added to it through `comment_state` once they are known. `read_before` holds
    the entries the source has read before (None: none, as on a first run), see collector.delta.
    """
    run = _SourceRun.of(source, fetcher=fetcher, state=state, scope=scope, now=now, parse=parse,
                        read_before=read_before)
    pages, posts, cut_keys = await _read_posts(run)
    failed = _head_failed(pages[0])
    post_frame = _post_frame(run, posts)
    comment_pages = await _read_comments(run, posts, set(post_frame["post_id"])) if source.comments and not failed \
        else []
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
    batch = SourceBatch(source.name, post_frame, comment_frame, fetches, feed_state,
                        entries=entries_table(source.name, page_posts, index),
                        source_feed=None if failed else SourceFeed.of(source.name, now, pages[0].feed))
    return _source_report(run, all_pages, batch, orphans=orphans, failed=failed), batch


def make_scope(config: Config) -> Scope:
    return Scope.of(config.brand.aliases, config.brand.responders)


def sync_config(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> None:
    """Sources and the settings the views read, as the config says now (one transaction, one statement
    for all sources: statements that commit one by one cost ~15 ms each)."""
    columns = ["source_id", "name", "url", "owned", "comments", "lang", "title", "kind"]
    sources = pd.DataFrame([{"source_id": s.name, "name": s.name, "url": s.url, "owned": s.owned,
                             "comments": s.comments, "lang": s.lang, "title": s.title, "kind": s.kind}
                            for s in config.sources], columns=columns)
    for column in ("lang", "title"):
        sources[column] = sources[column].astype(object)
    sources["now"] = pd.Timestamp(now)
    with store.transaction(con):
        if len(sources):
            store.upsert_sources(con, sources)
        store.set_meta(con, "response_sla_hours", repr(config.brand.response_sla_hours))
        store.set_meta(con, "timezone", config.brand.timezone)
        store.set_meta(con, "language", config.brand.language)
        store.set_meta(con, "brand", config.brand.name)
        retention.apply(con, [s.name for s in config.sources], now,
                        fetch_log_days=int(config.collect.fetch_log_days))


async def _scored(batch: SourceBatch, enrich: Enricher, lang: str | None) -> SourceBatch:
    """The batch with language and sentiment on its new and changed texts, worked out off the event loop."""
    return replace(batch, posts=await asyncio.to_thread(enrich, batch.posts, lang),
                   comments=await asyncio.to_thread(enrich, batch.comments, lang))


async def collect(config: Config, con: duckdb.DuckDBPyConnection, *, enrich: Enricher | None = None,
                  policy: FetchPolicy | None = None, on_done: Callable[[SourceReport], None] | None = None,
                  concurrency: int = 8, parse_workers: int | None = None) -> list[SourceReport]:
    """Collect every configured source; a failing source never stops the others."""
    now = datetime.now(UTC)
    try:
        sync_config(con, config, now)
        refresh_flags_if_changed(con, config)
    except (duckdb.IOException, OSError) as exc:
        raise store.StorageError(f"cannot write the database: {exc} - is it read-only or the disk full?") from exc
    scope = make_scope(config)
    gate = asyncio.Semaphore(concurrency)
    reports: list[SourceReport] = []
    db = Database(con)
    parse = Parsers(parse_workers)

    async def one(source: Source) -> None:
        async with gate:
            state = await db.read(store.load_source_state, source.name)

            async def comment_state(ids: list[str], urls: list[str]) -> None:
                await db.read(store.add_comment_state, source.name, state, ids, urls)

            try:
                report, batch = await collect_source(source, fetcher=fetcher, state=state, scope=scope, now=now,
                                                     parse=parse, comment_state=comment_state,
                                                     read_before=ReadEntries(db, source.name) if state.has_entries
                                                     else None)
            except Exception as exc:  # a bug or surprise in one source must not sink the run
                report = SourceReport(source.name, failed=True, errors=(f"{type(exc).__name__}: {exc}",))
                batch = failure_batch(source.name, source.url, report.errors[0], scope, now)
            if enrich is not None:
                batch = await _scored(batch, enrich, source.lang)
            await db.write(batch)
            reports.append(report)
            if on_done:
                on_done(report)

    try:
        async with Fetcher(policy) as fetcher:
            await asyncio.gather(*(one(s) for s in config.sources))
    finally:
        parse.close()
        db.close()
    order = {s.name: i for i, s in enumerate(config.sources)}
    return sorted(reports, key=lambda r: order[r.name])


def run_collect(config: Config, con: duckdb.DuckDBPyConnection, **kwargs: object) -> list[SourceReport]:
    return asyncio.run(collect(config, con, **kwargs))  # type: ignore[arg-type]


def collect_into(config: Config, db_path: Path | str, progress: Callable[[SourceReport], None] | None = None, *,
                 policy: FetchPolicy | None = None) -> CollectReport:
    """Collect every source into the database at `db_path`, as `pulso collect` does.

    Takes the database's lock, opens (or creates) it, scores new texts with the config's languages,
    trained model and overrides, and collects. `progress(report)` is called as each source finishes.
    Another run holding the lock, or a database that cannot be written, is the report's `error`
    (exit code UNUSABLE): the run stops before writing anything of its own.
    """
    try:
        with exclusive(db_path, "pulso collect"):
            con = store.connect(db_path)
            try:
                enrich = Enrich(config.languages, model_dir=config.model_dir, overrides_path=config.overrides_path)
                reports = run_collect(config, con, enrich=enrich, policy=policy, on_done=progress)
            finally:
                con.close()
    except (LockError, store.StorageError) as exc:
        return CollectReport(error=str(exc))
    return CollectReport(sources=tuple(reports))


__all__ = ["CollectReport", "CommentRecord", "SourceReport", "collect", "collect_into", "host_rule", "run_collect"]
