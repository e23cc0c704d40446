"""Build the site: queries -> charts -> pages -> MkDocs, each stage timed.

`build_site` is what `pulso build` calls. It opens the database read-only, runs each named query
once, draws every chart to SVG with vl-convert, renders the Markdown pages into a temporary docs
folder next to the hand-written assets of `site_src/`, and runs a `--strict` MkDocs build into
`out_dir`. Nothing is fetched from the network, and nothing generated is written into the repo.
"""

from __future__ import annotations

import logging
import multiprocessing
import os
import shutil
import tempfile
import time
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from jinja2 import Environment
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort

from collector import Config
from scripts import charts
from scripts.build.cache import BuildCache
from scripts.i18n import Locale
from scripts.build.incremental import (
    CompiledThemeTemplates,
    DocsFolder,
    DropDirtyWarning,
    PreviousSite,
    fingerprint,
    previous_search_entries,
    prime_search,
    remove_outputs,
)
from scripts.pages.kit import ChartJob, Output, SiteContext, make_env, render_page
from scripts.pages.writers import PAGE_WRITERS
from scripts.queries import load_site_data, open_database

ROOT = Path(__file__).resolve().parents[2]
MKDOCS_YML = ROOT / "mkdocs.yml"
SITE_SRC = ROOT / "site_src"
#: Hand-written parts of site_src copied into the docs folder (hooks and generated/ are not).
STATIC_DIRS = ("assets",)
NAV_KEYS = {"index.md": "nav.overview", "responses.md": "nav.responses", "sentiment.md": "nav.sentiment",
            "sources/index.md": "nav.sources", "weekly/index.md": "nav.weekly", "health.md": "nav.health",
            "method.md": "nav.method"}

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build produced and how long each stage took (seconds), for the CLI and the benchmark."""

    out_dir: Path
    pages: int = 0
    charts: int = 0
    charts_cached: int = 0
    pages_rendered: int = 0
    files: int = 0
    stale: bool = False
    last_ok_at: datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def pages_text(self) -> str:
        unchanged = self.pages - self.pages_rendered
        return f"{self.pages} pages" + (f" ({unchanged} unchanged, not rendered again)" if unchanged > 0 else "")

    def charts_text(self) -> str:
        cached = f" ({self.charts_cached} unchanged, from the cache)" if self.charts_cached else ""
        return f"{self.charts} charts{cached}"

    @property
    def total_seconds(self) -> float:
        return sum(self.timings.values())

    def summary(self) -> str:
        stages = ", ".join(f"{name} {seconds:.2f}s" for name, seconds in self.timings.items())
        stale = " — DATA IS STALE" if self.stale else ""
        return (f"built {self.pages_text()}, {self.charts_text()} into {self.out_dir} "
                f"in {self.total_seconds:.2f}s ({stages}){stale}")


@contextmanager
def _timed(report: BuildReport, stage: str) -> Iterator[None]:
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start


def build_site(config: Config, db_path: Path, out_dir: Path, *, now: datetime | None = None,
               docs_dir: Path | None = None, cache_dir: Path | None = None) -> BuildReport:
    """Build the whole site into `out_dir` (its previous content is replaced).

    `now` pins "the present" (windows, ages, the freshness check) for reproducible builds and tests;
    the `responses` view's `overdue` flag still uses the database clock. `docs_dir` keeps the
    generated Markdown for inspection; by default it lives in a temporary folder. `cache_dir` keeps drawn
    charts, the Vega bundle and compiled templates (`scripts.build.cache`), and the docs and output so that
    the next build renders only changed pages (`scripts.build.incremental`); None builds everything.
    """
    now = now or datetime.now(UTC)
    out_dir = Path(out_dir).resolve()
    report = BuildReport(out_dir=out_dir)
    L = Locale(config.brand.language, config.tz)
    cache = BuildCache(cache_dir, L.lang)
    with _timed(report, "queries"):
        con = open_database(Path(db_path))
        try:
            data = load_site_data(con, config, now)
        finally:
            con.close()
    ctx = SiteContext(data=data, config=config, L=L)
    # docs and output kept for the next build (not when the caller asked to see the docs in a folder of its own)
    kept = Path(cache_dir) if cache_dir is not None and docs_dir is None else None
    with tempfile.TemporaryDirectory(prefix="pulso-docs-") as tmp:
        docs = DocsFolder(kept / "docs" if kept else Path(docs_dir or tmp).resolve(), fresh=kept is None)
        for name in STATIC_DIRS:
            docs.copy_tree(SITE_SRC / name, name)
        with _ChartDrawer(docs, cache) as drawer:
            outputs = []
            for writer in PAGE_WRITERS:
                with _timed(report, "pages"):
                    outputs.append(writer(ctx))
                with _timed(report, "charts"):
                    drawer.add(outputs[-1].charts)   # drawn in workers while the next writer runs
            with _timed(report, "charts"):
                report.charts = drawer.finish()
        report.charts_cached = cache.hits
        with _timed(report, "pages"):
            report.pages, report.files = _write_pages(outputs, docs, make_env(ctx, cache.subfolder("jinja")))
        with _timed(report, "charts"):
            docs.write("assets/vendor/vega-bundle.js", cache.vega_bundle())
        docs.finish()
        with _timed(report, "mkdocs"):
            report.pages_rendered = _publish(out_dir, lambda staging: _run_mkdocs(config, docs, staging, kept))
    cache.prune()
    fresh = data.freshness.get("last_ok_at")
    report.last_ok_at = fresh  # type: ignore[assignment]
    report.stale = fresh is None or (now - fresh).total_seconds() > 36 * 3600  # type: ignore[operator]
    return report


def _publish(out_dir: Path, build: Callable[[Path], int]) -> int:
    """Build into a hidden sibling folder, then swap it in: a failed build (strict warning, full disk,
    a kill) leaves the previous site untouched instead of a half-written one."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(0o755)      # mkdtemp's 0700 would hide the site from a web server's user
    old = out_dir.parent / f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}"
    try:
        result = build(staging)
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)
    return result


#: From this many charts on, charts are drawn in worker processes, overlapping with the page writers:
#: vl-convert draws one chart at a time per process (~60 ms) and a 300-source site has 400+ charts.
#: Below it (the demo, the tests), starting workers would cost more than it saves.
PARALLEL_CHARTS = 60


class _ChartDrawer:
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

    def __enter__(self) -> _ChartDrawer:
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

    def _store(self, job: ChartJob, spec: dict[str, Any], svg: str) -> None:
        job.spec = spec
        self.docs.write(f"charts/{job.name}.svg", svg)
        self.done += 1


def _write_pages(outputs: list[Output], docs: DocsFolder, env: Environment) -> tuple[int, int]:
    pages = files = 0
    for output in outputs:
        for page in output.pages:
            docs.write(page.path, render_page(env, page))
            pages += 1
        for path, content in output.files.items():
            docs.write(path, content)
            files += 1
    return pages, files


def _localized_nav(nav: list[dict[str, str]], L: Locale) -> list[dict[str, str]]:
    """mkdocs.yml's nav with titles in the site language (paths stay as written there)."""
    out = []
    for item in nav:
        for title, path in item.items():
            key = NAV_KEYS.get(path) if isinstance(path, str) else None
            out.append({L.t(key) if key else title: path})
    return out


def _run_mkdocs(config: Config, docs: DocsFolder, out_dir: Path, cache_dir: Path | None) -> int:
    """Programmatic `mkdocs build --strict` with the docs/site folders and language overridden; with a
    cache folder, only the pages whose Markdown changed are rendered (`scripts.build.incremental`). Returns
    how many pages MkDocs rendered."""
    L = Locale(config.brand.language, config.tz)
    cfg = load_config(str(MKDOCS_YML), docs_dir=str(docs.root), site_dir=str(out_dir), strict=True)
    cfg["site_name"] = f"Pulso · {config.brand.name}"
    cfg.theme["language"] = L.lang
    cfg["nav"] = _localized_nav(cfg["nav"], L)
    previous = PreviousSite(cache_dir, fingerprint(MKDOCS_YML, SITE_SRC / "hooks", {
        "site_name": cfg["site_name"], "language": L.lang, "nav": cfg["nav"]}))
    if cache_dir is not None:
        cfg.plugins["pulso-compiled-templates"] = CompiledThemeTemplates(cache_dir / "jinja-theme")
    dirty = previous.seed(out_dir)
    pages = docs.pages(docs.changed) if dirty else docs.pages(docs.written)
    prime_search(cfg.plugins, previous_search_entries(out_dir, pages | docs.pages(docs.removed)) if dirty else None)
    if dirty:
        remove_outputs(out_dir, docs)
    mkdocs_logger = logging.getLogger("mkdocs")
    level = mkdocs_logger.level
    warnings, quiet = _Collect(), DropDirtyWarning()
    mkdocs_logger.addHandler(warnings)
    mkdocs_logger.setLevel(logging.WARNING)
    logging.getLogger("mkdocs.commands.build").addFilter(quiet)
    try:
        mkdocs_build(cfg, dirty=dirty)
    except Abort as exc:
        details = "\n".join(f"  - {line}" for line in warnings.lines)
        raise SiteBuildError(f"MkDocs --strict build failed: {exc}\n{details}") from None
    finally:
        mkdocs_logger.removeHandler(warnings)
        mkdocs_logger.setLevel(level)
        logging.getLogger("mkdocs.commands.build").removeFilter(quiet)
    previous.remember(out_dir)
    return len(pages)


class SiteBuildError(RuntimeError):
    """The MkDocs build failed; the message lists each warning that made the strict build stop."""


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
