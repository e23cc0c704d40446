"""Where a collect run's heavy work happens: feed parsing, and the database, each off the event loop.

A nightly run is mostly 304s and a few changed feeds, a first run is tens of MB of feeds: the same
code serves both by starting worker processes only once the parsing is worth them, and by writing
the sources that finish close together in one transaction on a thread of its own.
"""

from __future__ import annotations

import asyncio
import functools
import multiprocessing
import os
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, ThreadPoolExecutor
from typing import Any, TypeVar

import duckdb

from collector.batch import SourceBatch
from collector.feeds.delta import Entries, parse_with_entries
from collector.feeds.parse import parse_feed
from collector.feeds.records import ParsedFeed
from collector.storage import store

T = TypeVar("T")

# feedparser reads ~1 MB/s. A worker process costs ~1 s of CPU to start (a fresh interpreter importing
# the CLI and feedparser), so below a few MB in a run, parsing in this process is cheaper.
INLINE_PARSE_BYTES = 3 * 1024 * 1024


class Parsers:
    """`await parsers(body, url, as_comments, headers)`: inline (on a thread) until INLINE_PARSE_BYTES
    have been parsed in this run, then in worker processes, one per core, started on first need.
    With `entry_salt`, also the document's entries and digests (collector.delta), found by the same
    job: a first run records them, and finding them costs ~5 % of the parsing."""

    def __init__(self, workers: int | None = None, inline_bytes: int | None = None) -> None:
        self.workers = workers or os.cpu_count() or 1
        self.inline_left = INLINE_PARSE_BYTES if inline_bytes is None else inline_bytes
        self.pool: ProcessPoolExecutor | None = None

    async def __call__(self, body: bytes, url: str, as_comments: bool, headers: dict[str, str], *,
                       entry_salt: bytes | None = None) -> tuple[ParsedFeed, Entries | None]:
        job: Callable[[], tuple[ParsedFeed, Entries | None]] = (
            functools.partial(parse_with_entries, body, url, as_comments=as_comments, headers=headers,
                              salt=entry_salt) if entry_salt is not None
            else functools.partial(_parse_only, body, url, as_comments=as_comments, headers=headers))
        if self.pool is None and len(body) <= self.inline_left:
            self.inline_left -= len(body)
            return await asyncio.to_thread(job)
        if self.pool is None:
            # "spawn" because forking a process that runs DuckDB and asyncio threads is not safe.
            self.pool = ProcessPoolExecutor(max_workers=self.workers, mp_context=multiprocessing.get_context("spawn"))
        return await asyncio.get_running_loop().run_in_executor(self.pool, job)

    def close(self) -> None:
        if self.pool is not None:
            self.pool.shutdown()
            self.pool = None


def _parse_only(body: bytes, url: str, *, as_comments: bool, headers: dict[str, str]
                ) -> tuple[ParsedFeed, Entries | None]:
    return parse_feed(body, url, as_comments=as_comments, headers=headers), None


class Database:
    """The run's database work, on two threads so the event loop keeps fetching meanwhile.

    Reads go through a cursor (DuckDB's way of using one database from two threads) and see only
    committed data, which is all they need: each source is read and written by its own task alone.
    Writes are queued: a write waits for the one under way, then writes everything queued meanwhile
    in one transaction, fewer commits for the same all-or-nothing per source.
    """

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        self.con = con
        self.reader = con.cursor()
        self.reader.execute("SET TimeZone = 'UTC'")
        self._read_thread = ThreadPoolExecutor(1, thread_name_prefix="pulso-db-read")
        self._write_thread = ThreadPoolExecutor(1, thread_name_prefix="pulso-db-write")
        self._queue: list[tuple[SourceBatch, asyncio.Future[None]]] = []
        self._writing = asyncio.Lock()

    async def read(self, fn: Callable[..., T], *args: Any) -> T:
        """`fn(cursor, *args)` on the read thread."""
        loop = asyncio.get_running_loop()
        return await loop.run_in_executor(self._read_thread, functools.partial(fn, self.reader, *args))

    async def write(self, batch: SourceBatch) -> None:
        """Write one source's batch; returns once it is committed (or raises what the write raised)."""
        loop = asyncio.get_running_loop()
        done: asyncio.Future[None] = loop.create_future()
        self._queue.append((batch, done))
        async with self._writing:
            if self._queue:
                queued, self._queue = self._queue, []
                try:
                    await loop.run_in_executor(self._write_thread, store.write_source_batches, self.con,
                                               [b.as_store_dict() for b, _ in queued])
                except asyncio.CancelledError:
                    for _, future in queued:
                        future.cancel()
                    raise
                except BaseException as exc:  # every source of the failed transaction gets its error
                    for _, future in queued:
                        future.set_exception(exc)
                else:
                    for _, future in queued:
                        future.set_result(None)
        await done

    def close(self) -> None:
        self._read_thread.shutdown()
        self._write_thread.shutdown()
        self.reader.close()


class ReadEntries:
    """The entries one source has read on earlier runs (collector.delta), for its changed pages.

    The source's digests are loaded once, when a changed page first needs them (one query instead of
    one per page, each scanning the table); the keys only of the entries actually cut out.
    """

    def __init__(self, db: Database, source_id: str) -> None:
        self.db, self.source_id = db, source_id
        self._digests: asyncio.Future[set[int]] | None = None

    async def known(self, digests: list[int]) -> set[int]:
        if self._digests is None:
            self._digests = asyncio.ensure_future(self.db.read(store.source_entry_digests, self.source_id))
        have = await self._digests
        return {d for d in digests if d in have}

    async def keys(self, digests: set[int]) -> dict[int, str]:
        return await self.db.read(store.entry_keys, self.source_id, sorted(digests)) if digests else {}
