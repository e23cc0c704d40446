"""The charts stage: chart jobs -> charts/<name>.svg in the docs folder, from the cache or drawn (in worker
processes when there are many)."""

from __future__ import annotations

import multiprocessing
import os
from concurrent.futures import Future, ProcessPoolExecutor
from typing import Any

import vl_convert as vlc

from scripts import charts
from scripts.build.cache import BuildCache
from scripts.build.docs import DocsFolder
from scripts.pages.kit import ChartJob

#: From this many charts on, charts are drawn in worker processes, overlapping with the page writers:
#: vl-convert draws one chart at a time per process (~60 ms) and a 300-source site has 400+ charts.
#: Below it (the demo, the tests), starting workers would cost more than it saves.
PARALLEL_CHARTS = 60


class ChartDrawer:
    """Turns chart jobs into `job.spec` and charts/<name>.svg: from the cache when an earlier build drew the
    same chart, else in this process for a few charts, else in worker processes that start once enough jobs
    have queued and draw while the writers keep going."""

    def __init__(self, docs: DocsFolder, cache: BuildCache) -> None:
        self.docs, self.cache = docs, cache
        self.queued: list[tuple[ChartJob, str | None]] = []
        self.pending: list[tuple[ChartJob, str | None, Future[tuple[dict[str, Any], str]]]] = []
        self.done = 0
        self.pool: ProcessPoolExecutor | None = None
        self.workers = min(os.cpu_count() or 1, 4)

    def __enter__(self) -> ChartDrawer:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)

    def add(self, jobs: list[ChartJob]) -> None:
        for job in jobs:
            key = self.cache.key(job.make, job.args)
            cached = self.cache.get(key)
            if cached is None:
                self.queued.append((job, key))
            else:
                self._store(job, *cached)
        if self.pool is None and len(self.queued) >= PARALLEL_CHARTS and self.workers > 1:
            # "spawn": this process may already run vl-convert's engine; fork would copy it
            self.pool = ProcessPoolExecutor(self.workers, mp_context=multiprocessing.get_context("spawn"))
        if self.pool is not None:
            lang = self.cache.lang
            self.pending += [(job, key, self.pool.submit(charts.draw, job.make, job.args, lang))
                             for job, key in self.queued]
            self.queued = []

    def finish(self) -> int:
        """Wait for the drawings; how many charts the site has."""
        drawn = [(job, key, charts.draw(job.make, job.args, self.cache.lang)) for job, key in self.queued]
        drawn += [(job, key, future.result()) for job, key, future in self.pending]
        for job, key, (spec, svg) in drawn:
            self.cache.put(key, spec, svg)
            self._store(job, spec, svg)
        return self.done

    def vega_bundle(self) -> str:
        """The Vega bundle from the cache, or written by a worker when there are workers: vl-convert's engine
        costs the process that runs it ~120 MB, which the build process need not carry into MkDocs."""
        if self.pool is None:
            return self.cache.vega_bundle()
        pool = self.pool
        return self.cache.vega_bundle(lambda: pool.submit(vlc.javascript_bundle).result())

    def _store(self, job: ChartJob, spec: dict[str, Any], svg: str) -> None:
        job.spec = spec
        self.docs.write(f"charts/{job.name}.svg", svg)
        self.done += 1

