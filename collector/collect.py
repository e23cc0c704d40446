"""One collect run: every source, its pages and comment feeds, into the database.

Sources run concurrently; each is written in its own transaction as soon as it is complete, so a
broken source is recorded and the others still land, and a killed run leaves every source either
as it was before or as it is after.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from urllib.parse import urlsplit

import duckdb
import pandas as pd
import pyarrow as pa

from collector.config import Config, Source
from collector.feeds.delta import Entries, entries_read, find_entries, without
from collector.feeds.records import CommentRecord, ParsedFeed, PostRecord
from collector.feeds.threads import (
    ENTRIES,
    FEED_STATE,
    FETCHES,
    Enricher,
    PostIndex,
    Scope,
    arrow_table,
    comment_rows,
    dedupe_posts,
    post_rows,
    stable_id,
)
from collector.fetching.client import Fetcher, FetchPolicy, FetchResult, read_local
from collector.storage import store
from collector.storage.maintain import refresh_flags_if_changed
from collector.workers import Database, Parsers, ReadEntries

ParseFn = Callable[..., Awaitable[tuple[ParsedFeed, Entries | None]]]   # see workers.Parsers
# (comment ids, their links) -> None: fills the source state with the stored comments they may be.
CommentStateFn = Callable[[list[str], list[str]], Awaitable[None]]
MAX_PAGES = 20
COMMENTS_MAX_AGE_DAYS = 90   # older posts' comment feeds are re-read only until first success


@dataclass
class SourceReport:
    name: str
    posts_new: int = 0
    posts_updated: int = 0
    comments_new: int = 0
    comments_updated: int = 0
    requests: int = 0
    not_modified: int = 0
    refused: int = 0
    errors: list[str] = field(default_factory=list)
    orphans: int = 0
    failed: bool = False          # the source's own feed could not be read

    def line(self) -> str:
        state = "FAILED" if self.failed else "ok"
        text = (f"{self.name}: {state} - posts {self.posts_new} new, {self.posts_updated} updated; "
                f"comments {self.comments_new} new, {self.comments_updated} updated; "
                f"{self.requests} requests ({self.not_modified} not modified)")
        if self.refused:
            text += f"; {self.refused} URL(s) refused"
        if self.errors:
            text += f"; {len(self.errors)} error(s): {self.errors[0]}"
        return text


def host_rule(source: Source) -> Callable[[str], str | None]:
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


@dataclass
class _Page:
    result: FetchResult
    kind: str
    parsed: ParsedFeed | None = None
    cut: set[int] = field(default_factory=set)                # digests of entries not parsed, read before
    read: list[tuple[int, str]] = field(default_factory=list)  # entries parsed: (digest, key), to record


async def _fetch_chain(fetcher: Fetcher, url: str, *, kind: str, allow: Callable[[str], str | None],
                       state: store.SourceState, parse: ParseFn, read_before: ReadEntries | None, salt: bytes,
                       local: bool = False) -> list[_Page]:
    """A feed and the pages it declares (rel=next), stopping at MAX_PAGES or a repeated URL.

    With `read_before`, the entries read by an earlier run are cut out of a changed page before parsing;
    the entries parsed are listed on each page (`read`) with digests salted by `salt`."""
    pages: list[_Page] = []
    seen: set[str] = set()
    next_url: str | None = url
    while next_url and next_url not in seen and len(pages) < MAX_PAGES:
        seen.add(next_url)
        etag, modified = state.validators.get(next_url, (None, None))
        if local and not pages:
            result = read_local(next_url, last_modified=modified, max_bytes=fetcher.policy.max_bytes)
        else:
            result = await fetcher.get(next_url, allow=allow, etag=etag, last_modified=modified)
        page = _Page(result, kind)
        pages.append(page)
        if result.status != "ok" or result.body is None:
            break
        base, as_comments, body = result.final_url or next_url, kind == "comments", result.body
        if read_before is None:
            page.parsed, entries = await parse(body, base, as_comments, result.headers, entry_salt=salt)
        else:
            entries = await asyncio.to_thread(find_entries, body, base, as_comments=as_comments,
                                              headers=result.headers, salt=salt)
            if entries is not None:
                page.cut = await read_before.known(list(entries.digests))
                body = without(body, entries, page.cut) if page.cut else body
            page.parsed, _ = await parse(body, base, as_comments, result.headers)
        if entries is not None and not page.parsed.problem:
            page.read = entries_read(entries, page.cut, page.parsed)
        next_url = page.parsed.next_url if not page.parsed.problem else None
    return pages


def _comment_feeds(source: Source, posts: list[PostRecord], state: store.SourceState,
                   allow: Callable[[str], str | None], now: datetime,
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


def _log_frames(source_id: str, pages: list[_Page]) -> tuple[pa.Table, pa.Table]:
    fetch_rows, state_rows = [], []
    for page in pages:
        r = page.result
        problem = page.parsed.problem if page.parsed else None
        status = "error" if problem else r.status
        fetch_rows.append({
            "source_id": source_id, "url": r.url, "kind": page.kind, "fetched_at": r.fetched_at,
            "status": status, "http_status": r.http_status, "error": problem or r.error,
            "entries": (len(page.parsed.posts) + len(page.parsed.comments) + len(page.cut)) if page.parsed else None,
            "bytes": len(r.body) if r.body is not None else None, "duration_ms": r.duration_ms,
        })
        if r.status in ("ok", "not_modified", "gone") and not problem:
            state_rows.append({
                "url": r.url, "source_id": source_id, "etag": r.etag, "last_modified": r.last_modified,
                "last_ok_at": r.fetched_at if r.status != "gone" else None, "gone": r.status == "gone",
            })
    return arrow_table(fetch_rows, FETCHES), arrow_table(state_rows, FEED_STATE)


async def collect_source(source: Source, *, fetcher: Fetcher, state: store.SourceState, scope: Scope,
                         now: datetime, parse: ParseFn, comment_state: CommentStateFn,
                         read_before: ReadEntries | None = None) -> tuple[SourceReport, dict]:
    """Fetch and parse one source; returns its report and the frames to write (nothing written here).

    `state` comes with the source's posts and feeds; the stored comments that this run's parsed
    comments may be are added to it through `comment_state` once they are known. `read_before` holds
    the entries the source has read before (None: none, as on a first run), see collector.delta.
    """
    report = SourceReport(source.name)
    allow = host_rule(source)
    salt = repr((source.url, source.comments_url, sorted(source.follow_hosts))).encode()   # what host_rule reads
    pages = await _fetch_chain(fetcher, source.url, kind="posts", allow=lambda u: None if u == source.url
                               else allow(u), state=state, parse=parse, read_before=read_before, salt=salt,
                               local=source.is_local_file)
    head = pages[0]
    parsed_pages = [p.parsed for p in pages if p.parsed and not p.parsed.problem]
    posts = [post for parsed in parsed_pages for post in parsed.posts]
    cut_keys = await read_before.keys({d for p in pages for d in p.cut}) if read_before else {}
    posts = dedupe_posts(posts, state.post_link_dates, state.post_ids_by_key, cut_keys.values())
    embedded = [(c, None) for parsed in parsed_pages for c in parsed.comments]
    if head.result.status not in ("ok", "not_modified") or (head.parsed and head.parsed.problem):
        report.failed = True
    feed_urls = {p.key: (p.comments_feed_url if p.comments_feed_url and not allow(p.comments_feed_url) else None)
                 for p in posts}
    post_frame = post_rows(source.name, posts, scope=scope, known_hashes=state.post_hashes, now=now,
                           feed_urls=feed_urls)
    comment_pages: list[_Page] = []
    page_posts: list[tuple[_Page, str | None]] = [(p, None) for p in pages]   # page, its comments' post
    feeds: dict[str, str | None] = {}
    if source.comments and not report.failed:
        feeds, refused = _comment_feeds(source, posts, state, allow, now, set(post_frame["post_id"]))
        for url in refused:
            comment_pages.append(_Page(FetchResult(url=url, status="refused", fetched_at=now,
                                                   error=allow(url)), "comments"))
        chains = await asyncio.gather(*(
            _fetch_chain(fetcher, url, kind="comments", state=state, parse=parse, read_before=read_before, salt=salt,
                         allow=(lambda u, first=url: None if u == first and u == source.comments_url else allow(u)),
                         local=(url == source.comments_url and not url.startswith("http")))
            for url in feeds))
        for url, chain in zip(feeds, chains, strict=True):
            for page in chain:
                comment_pages.append(page)
                page_posts.append((page, feeds[url]))
                if page.parsed and not page.parsed.problem:
                    embedded.extend((c, feeds[url]) for c in page.parsed.comments)
    all_pages = pages + comment_pages
    for page in all_pages:
        r = page.result
        report.requests += r.status != "refused"
        report.not_modified += r.status == "not_modified"
        report.refused += r.status == "refused"
        if r.status in ("error", "gone") or (page.parsed and page.parsed.problem):
            report.errors.append(f"{r.url}: {page.parsed.problem if page.parsed and page.parsed.problem else r.error}")
    by_key = dict(state.post_ids_by_key)
    by_url = dict(state.post_ids_by_url)
    for p in posts:
        pid = stable_id("post", source.name, p.key)
        by_key[p.key] = pid
        if p.url:
            by_url[p.url.split("#")[0]] = pid
    if embedded:
        await comment_state([stable_id("comment", source.name, c.key) for c, _ in embedded],
                            sorted({c.url for c, _ in embedded if c.url}))
    index = PostIndex(by_key, by_url)
    cut_keys.update(await read_before.keys({d for p in comment_pages for d in p.cut}) if read_before else {})
    comment_frame, report.orphans = comment_rows(
        source.name, embedded, index=index, scope=scope, known_hashes=state.comment_hashes, now=now,
        link_dates=state.comment_link_dates,
        also_present=[stable_id("comment", source.name, k) for k in cut_keys.values()])
    report.posts_new = int((~post_frame["post_id"].isin(state.post_hashes.keys())).sum())
    report.posts_updated = len(post_frame) - report.posts_new
    report.comments_new = int((~comment_frame["comment_id"].isin(state.comment_hashes.keys())).sum())
    report.comments_updated = len(comment_frame) - report.comments_new
    fetches, feed_state = _log_frames(source.name, all_pages)
    head_parsed = head.parsed if head.parsed and not head.parsed.problem else None
    source_feed = {"source_id": source.name, "now": now,
                   "feed_title": head_parsed.title if head_parsed else None,
                   "site_url": head_parsed.site_url if head_parsed else None,
                   "feed_format": head_parsed.format if head_parsed else None} if not report.failed else None
    return report, {"posts": post_frame, "comments": comment_frame, "fetches": fetches,
                    "feed_state": feed_state, "source_feed": source_feed,
                    "entries": _entries_frame(source.name, page_posts, index)}


def _entries_frame(source_id: str, page_posts: list[tuple[_Page, str | None]], index: PostIndex) -> pa.Table:
    """The entries this run read, to record with its rows. A page with a comment whose post is not
    known yet records none: those entries must be parsed again, once the post may be known."""
    rows: dict[int, str] = {}
    for page, post_id in page_posts:
        if page.read and not any(index.resolve(c, post_id) is None for c in page.parsed.comments):  # type: ignore
            for digest, key in page.read:
                rows.setdefault(digest, key)
    return arrow_table([{"source_id": source_id, "digest": d, "key": k} for d, k in rows.items()], ENTRIES)


def _failure_frames(source: Source, error: str, scope: Scope, now: datetime) -> dict:
    """Nothing to write but the health-log row that says what went wrong."""
    fetches, feed_state = _log_frames(source.name, [_Page(FetchResult(
        url=source.url, status="error", fetched_at=now, error=error), "posts")])
    return {"posts": post_rows(source.name, [], scope=scope, known_hashes={}, now=now, feed_urls={}),
            "comments": comment_rows(source.name, [], index=PostIndex({}, {}), scope=scope,
                                     known_hashes={}, now=now)[0],
            "fetches": fetches, "feed_state": feed_state.slice(0, 0), "source_feed": None}


def make_scope(config: Config) -> Scope:
    return Scope.of(config.brand.aliases, config.brand.responders)


def sync_config(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> None:
    """Sources and the settings the views read, as the config says now (one transaction, one statement
    for all sources: statements that commit one by one cost ~15 ms each)."""
    sources = pd.DataFrame([{"source_id": s.name, "name": s.name, "url": s.url, "owned": s.owned,
                             "comments": s.comments, "lang": s.lang} for s in config.sources],
                           columns=["source_id", "name", "url", "owned", "comments", "lang"])
    sources["lang"] = sources["lang"].astype(object)
    sources["now"] = pd.Timestamp(now)
    con.execute("BEGIN TRANSACTION")
    try:
        if len(sources):
            store.upsert_sources(con, sources)
        store.set_meta(con, "response_sla_hours", repr(config.brand.response_sla_hours))
        store.set_meta(con, "timezone", config.brand.timezone)
        store.set_meta(con, "language", config.brand.language)
        store.set_meta(con, "brand", config.brand.name)
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


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
                report, frames = await collect_source(source, fetcher=fetcher, state=state, scope=scope, now=now,
                                                      parse=parse, comment_state=comment_state,
                                                      read_before=ReadEntries(db, source.name) if state.has_entries
                                                      else None)
            except Exception as exc:  # a bug or surprise in one source must not sink the run
                report = SourceReport(source.name, failed=True, errors=[f"{type(exc).__name__}: {exc}"])
                frames = _failure_frames(source, report.errors[0], scope, now)
            if enrich is not None:
                frames["posts"] = await asyncio.to_thread(enrich, frames["posts"], source.lang)
                frames["comments"] = await asyncio.to_thread(enrich, frames["comments"], source.lang)
            await db.write(frames)
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


__all__ = ["CommentRecord", "SourceReport", "collect", "host_rule", "run_collect"]
