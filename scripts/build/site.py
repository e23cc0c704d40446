"""Build the site: queries -> charts -> pages -> MkDocs, each stage timed.

`build_site` is what `pulso build` calls. It opens the database read-only, runs each named query
once, draws every chart to SVG with vl-convert (or takes it from the build cache), renders the Markdown
pages into a temporary docs folder next to the hand-written assets of `site_src/`, and runs a clean
`--strict` MkDocs build into `out_dir` (`scripts.build.publish`). Nothing is fetched from the network,
and nothing generated is written into the repo.
"""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import duckdb
from jinja2 import Environment

from collector import Config
from scripts.build.cache import BuildCache
from scripts.build.docs import DocsFolder
from scripts.build.drawing import ChartDrawer
from scripts.build.layout import SiteFilesMissing, site_files
from scripts.build.publish import SiteBuildError, publish, run_mkdocs
from scripts.i18n import Locale
from scripts.pages.downloads import CsvDownload
from scripts.pages.kit import Output, SiteContext, make_env, render_page
from scripts.pages.writers import PAGE_WRITERS
from scripts.queries import load_site_data, open_database

__all__ = ["BuildReport", "SiteBuildError", "SiteFilesMissing", "build_site"]

#: Hand-written parts of site_src copied into the docs folder (hooks and generated/ are not).
STATIC_DIRS = ("assets",)

log = logging.getLogger(__name__)


@dataclass
class BuildReport:
    """What a build produced and how long each stage took (seconds), for the CLI and the benchmark."""

    out_dir: Path
    pages: int = 0
    charts: int = 0
    charts_cached: int = 0
    files: int = 0
    stale: bool = False
    last_ok_at: datetime | None = None
    timings: dict[str, float] = field(default_factory=dict)

    def pages_text(self) -> str:
        return f"{self.pages} pages"

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
    """Adds the block's seconds to `report.timings[stage]`. The debug records at each end of the block
    (`extra` stage and event start|end) let a benchmark measure what the stage costs beyond time."""
    log.debug("stage %s started", stage, extra={"stage": stage, "event": "start"})
    start = time.perf_counter()
    try:
        yield
    finally:
        report.timings[stage] = report.timings.get(stage, 0.0) + time.perf_counter() - start
        log.debug("stage %s ended", stage, extra={"stage": stage, "event": "end"})


def build_site(config: Config, db_path: Path, out_dir: Path, *, now: datetime | None = None,
               docs_dir: Path | None = None, cache_dir: Path | None = None) -> BuildReport:
    """Build the whole site into `out_dir` (its previous content is replaced).

    `now` pins "the present" (windows, ages, the freshness check) for reproducible builds and tests;
    the `responses` view's `overdue` flag still uses the database clock. `docs_dir` keeps the
    generated Markdown for inspection (emptied first); by default it lives in a temporary folder.
    `cache_dir` keeps drawn charts, the Vega bundle and compiled templates (`scripts.build.cache`) for the
    next build; None draws everything. Every page is rendered by MkDocs every time.
    """
    now = now or datetime.now(UTC)
    files = site_files()             # before any work: an install without them fails at once, saying why
    out_dir = Path(out_dir).resolve()
    report = BuildReport(out_dir=out_dir)
    L = Locale(config.brand.language, config.tz)
    cache = BuildCache(cache_dir, L.lang)
    # the database stays open until the downloads are written (they stream from it), then closes
    with closing(open_database(Path(db_path), config, now)) as con, \
            tempfile.TemporaryDirectory(prefix="pulso-docs-") as tmp:
        with _timed(report, "queries"):
            data = load_site_data(con, config, now)
        ctx = SiteContext(data=data, config=config, L=L)
        docs = DocsFolder(Path(docs_dir or tmp).resolve())
        for name in STATIC_DIRS:
            docs.copy_tree(files.site_src / name, name)
        with ChartDrawer(docs, cache) as drawer:
            outputs = []
            for writer in PAGE_WRITERS:
                with _timed(report, "pages"):
                    outputs.append(writer(ctx))
                with _timed(report, "charts"):
                    drawer.add(outputs[-1].charts)   # drawn in workers while the next writer runs
            with _timed(report, "pages"):
                report.files = _write_files(outputs, docs, con)
            con.close()                    # DuckDB's memory is given back before the rest of the build
            with _timed(report, "charts"):
                report.charts = drawer.finish()
                # Vega, Vega-Lite and vega-embed (BSD-3-Clause) for live charts: written from the installed
                # vl-convert at every build, never committed (the tree holds only Pulso's own files).
                docs.write("assets/vendor/vega-bundle.js", drawer.vega_bundle())
        report.charts_cached = cache.hits
        with _timed(report, "pages"):
            report.pages = _write_pages(outputs, docs, make_env(ctx, cache.subfolder("jinja")))
        with _timed(report, "mkdocs"):
            publish(out_dir, lambda staging: run_mkdocs(
                files, docs.root, staging, site_name=f"Pulso · {config.brand.name}", L=L,
                compiled=cache.subfolder("jinja-theme")))
    cache.prune()
    fresh = data.freshness.get("last_ok_at")
    report.last_ok_at = fresh  # type: ignore[assignment]
    report.stale = fresh is None or (now - fresh).total_seconds() > 36 * 3600  # type: ignore[operator]
    return report


def _write_pages(outputs: list[Output], docs: DocsFolder, env: Environment) -> int:
    pages = 0
    for output in outputs:
        for page in output.pages:
            docs.write(page.path, render_page(env, page))
            pages += 1
    return pages


def _write_files(outputs: list[Output], docs: DocsFolder, con: duckdb.DuckDBPyConnection) -> int:
    """The writers' other files: bytes as they are, CSV downloads streamed from the database."""
    for output in outputs:
        for path, content in output.files.items():
            if isinstance(content, CsvDownload):
                content.write(con, docs.root / path)
            else:
                docs.write(path, content)
    return sum(len(output.files) for output in outputs)
