"""One collect run: every source, its pages and comment feeds, into the database.

Sources run concurrently; each is written in its own transaction as soon as it is complete, so a
broken source is recorded and the others still land, and a killed run leaves every source either
as it was before or as it is after. `collect_into` is the whole workflow as the commands run it.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import replace
from datetime import UTC, datetime
from pathlib import Path

import duckdb
import pandas as pd

from collector import search_sources
from collector.batch import SourceBatch, failure_batch
from collector.config import Config, Source
from collector.feeds.records import CommentRecord
from collector.feeds.threads import Enricher, Scope
from collector.fetching.client import Fetcher, FetchPolicy
from collector.fetching.guard import AddressCheck, public_only
from collector.hosts import HostRule
from collector.matching import name_key
from collector.report import CollectReport, SourceReport
from collector.sentiment.enrich import Enrich
from collector.source import collect_source
from collector.storage import decisions, intents, mentions, retention, store
from collector.storage.lock import LockError, exclusive
from collector.storage.maintain import refresh_flags_if_changed, rescore_if_changed
from collector.triage import TriageError
from collector.workers import Database, Parsers, ReadEntries


def make_scope(config: Config) -> Scope:
    return Scope.of_config(config)


def owner_name(config: Config, owner: str | None) -> str | None:
    """A source's `owner` as its [[competitors]] entry spells it (the config compares names case-blind)."""
    return None if owner is None else next(c.name for c in config.competitors if name_key(c.name) == name_key(owner))


def sync_config(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> None:
    """Sources and the settings the views read, as the config says now (one transaction, one statement
    for all sources: statements that commit one by one cost ~15 ms each)."""
    columns = ["source_id", "name", "url", "owned", "comments", "lang", "title", "kind", "owner"]
    sources = pd.DataFrame([{"source_id": s.name, "name": s.name, "url": s.url, "owned": s.owned,
                             "comments": s.comments, "lang": s.lang, "title": s.title, "kind": s.kind,
                             "owner": owner_name(config, s.owner)}
                            for s in config.sources], columns=columns)
    for column in ("lang", "title", "owner"):
        sources[column] = sources[column].astype(object)
    sources["now"] = pd.Timestamp(now)
    with store.transaction(con):
        if len(sources):
            store.upsert_sources(con, sources)
        store.set_meta(con, "response_sla_hours", repr(config.brand.response_sla_hours))
        store.set_meta(con, "timezone", config.brand.timezone)
        store.set_meta(con, "language", config.brand.language)
        store.set_meta(con, "brand", config.brand.name)
        decisions.sync(con, config)   # working-time settings and data/triage.csv, for the responses view
        retention.apply(con, [s.name for s in config.sources], now,
                        fetch_log_days=int(config.collect.fetch_log_days))


async def _scored(batch: SourceBatch, enrich: Enricher, lang: str | None) -> SourceBatch:
    """The batch with language and sentiment on its new and changed texts, worked out off the event loop.
    A short comment takes its thread's language unless the detector is sure: the posts' languages first."""
    posts = await asyncio.to_thread(enrich, batch.posts, lang)
    post_langs = dict(zip(posts["post_id"], posts["lang"], strict=True)) if "lang" in posts else {}
    comments = await asyncio.to_thread(enrich, batch.comments, lang, post_langs)
    return replace(batch, posts=posts, comments=comments)


async def collect(config: Config, con: duckdb.DuckDBPyConnection, *, enrich: Enricher | None = None,
                  policy: FetchPolicy | None = None, on_done: Callable[[SourceReport], None] | None = None,
                  concurrency: int = 8, parse_workers: int | None = None,
                  address_check: AddressCheck = public_only) -> list[SourceReport]:
    """Collect every configured source; a failing source never stops the others. `address_check`: the
    addresses search sources' articles may be fetched from (tests stand a loopback address in for public)."""
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
                report, batch = await collect_source(
                    source, fetcher=fetcher, state=state, scope=scope.for_owner(source.owner), now=now,
                    parse=parse,
                    comment_state=comment_state, read_before=ReadEntries(db, source.name) if state.has_entries
                    else None, rule=HostRule(source, blogger_feed_host=config.collect.blogger_feed_host),
                    backfill_days=config.collect.backfill_days, articles=articles)
            except Exception as exc:  # a bug or surprise in one source must not sink the run
                report = SourceReport(source.name, failed=True, errors=(f"{type(exc).__name__}: {exc}",))
                batch = failure_batch(source.name, source.url, report.errors[0], scope, now)
            if enrich is not None:
                batch = await _scored(batch, enrich, source.lang)
            await db.write(batch)
            await db.read(intents.classify_source, source.name)   # intents of the threads the batch touched
            reports.append(report)
            if on_done:
                on_done(report)

    try:
        async with Fetcher(policy) as fetcher, search_sources.articles_for(
                config, fetcher, lambda name, urls: db.read(mentions.urls_posted_elsewhere, name, urls),
                check=address_check) as articles:
            await asyncio.gather(*(one(s) for s in config.sources))
        if any(s.kind == "search" for s in config.sources):
            await db.read(mentions.drop_duplicate_mentions)   # a blog's post of the same article wins
    finally:
        parse.close()
        db.close()
    order = {s.name: i for i, s in enumerate(config.sources)}
    return sorted(reports, key=lambda r: order[r.name])


def run_collect(config: Config, con: duckdb.DuckDBPyConnection, **kwargs: object) -> list[SourceReport]:
    return asyncio.run(collect(config, con, **kwargs))  # type: ignore[arg-type]


def collect_into(config: Config, db_path: Path | str, progress: Callable[[SourceReport], None] | None = None, *,
                 policy: FetchPolicy | None = None, notice: Callable[[str], None] | None = None) -> CollectReport:
    """Collect every source into the database at `db_path`, as `pulso collect` does.

    Takes the database's lock, opens (or creates) it, scores new texts with the config's languages,
    trained model and overrides, and collects. `progress(report)` is called as each source finishes.
    When the scorer changed since the stored texts were scored (an upgrade's lexicons or rules, another
    trained model, edited overrides), every stored text is re-scored first; `notice(line)` hears it before.
    Another run holding the lock, or a database that cannot be written, is the report's `error`
    (exit code UNUSABLE): the run stops before writing anything of its own.
    """
    try:
        with exclusive(db_path, "pulso collect"):
            con = store.connect(db_path)
            try:
                enrich = Enrich(config.languages, model_dir=config.model_dir, overrides_path=config.overrides_path)
                rescored = rescore_if_changed(con, config, enrich, notice)
                reports = run_collect(config, con, enrich=enrich, policy=policy, on_done=progress)
            finally:
                con.close()
    except (LockError, store.StorageError, TriageError) as exc:
        return CollectReport(error=str(exc))
    return CollectReport(sources=tuple(reports), rescored=rescored)


__all__ = ["CollectReport", "CommentRecord", "SourceReport", "collect", "collect_into", "collect_source",
           "run_collect"]
