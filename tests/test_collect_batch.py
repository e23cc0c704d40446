"""A source's batch (collector.batch.SourceBatch) is complete whatever happened to the source.

A source that breaks mid-collect writes the same tables, with the same columns, as a healthy one:
its health-log row says what went wrong, and no table is silently left out (the failure batch once
had no `entries`)."""

from __future__ import annotations

import asyncio
import dataclasses
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pyarrow as pa

from collector.batch import SourceBatch, failure_batch
from collector.collect import collect_source, make_scope
from collector.config import Source, load_config
from collector.fetching.client import Fetcher
from collector.storage import store
from collector.workers import Database, Parsers
from tests.conftest import FAST, query, write_config
from tests.feedserver import FeedServer
from tests.test_collect_threads import serve_threads


def _healthy_batch(source: Source, db_path: Path, now: datetime, scope) -> SourceBatch:
    """One source collected over real HTTP into nothing: the batch it would write."""
    con = store.connect(db_path)

    async def run() -> SourceBatch:
        db, parse = Database(con), Parsers(1)
        try:
            state = await db.read(store.load_source_state, source.name)

            async def comment_state(ids: list[str], urls: list[str]) -> None:
                await db.read(store.add_comment_state, source.name, state, ids, urls)

            async with Fetcher(FAST) as fetcher:
                _, batch = await collect_source(source, fetcher=fetcher, state=state, scope=scope, now=now,
                                                parse=parse, comment_state=comment_state)
            return batch
        finally:
            parse.close()
            db.close()

    try:
        return asyncio.run(run())
    finally:
        con.close()


def _columns(table: pd.DataFrame | pa.Table) -> list[str]:
    return list(table.schema.names) if isinstance(table, pa.Table) else list(table.columns)


def test_a_source_that_breaks_mid_collect_writes_a_batch_as_complete_as_a_healthy_ones(
        server: FeedServer, tmp_path: Path):
    serve_threads(server)
    config = load_config(write_config(tmp_path / "monitor.toml",
                                      f'[[sources]]\nname = "b"\nurl = "{server.url("/wp/feed/")}"\nowned = true\n'))
    source, scope, now, db = config.sources[0], make_scope(config), datetime.now(UTC), tmp_path / "p.duckdb"
    healthy = _healthy_batch(source, db, now, scope)
    broken = failure_batch(source.name, source.url, "ValueError: surprise", scope, now)
    assert healthy.entries.num_rows > 0 and healthy.source_feed is not None
    for field in dataclasses.fields(SourceBatch):
        if field.name in ("source_id", "source_feed"):
            continue
        ok, bad = getattr(healthy, field.name), getattr(broken, field.name)
        assert type(bad) is type(ok), field.name
        assert _columns(bad) == _columns(ok), field.name
    assert isinstance(broken.entries, pa.Table) and broken.entries.schema == healthy.entries.schema
    assert broken.source_feed is None and broken.entries.num_rows == broken.posts.shape[0] == 0
    assert broken.fetches.to_pylist()[0]["error"] == "ValueError: surprise"
    con = store.connect(db)
    try:
        store.write_source_batches(con, [healthy.as_store_dict(), broken.as_store_dict()])
    finally:
        con.close()
    assert query(db, "SELECT status FROM fetches WHERE error = 'ValueError: surprise'") == [("error",)]
