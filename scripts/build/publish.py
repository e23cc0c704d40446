"""The MkDocs stage: a clean `mkdocs build --strict` of the generated docs folder, swapped in atomically.

Every build renders every page: MkDocs and Material are driven only through their public surface (the
config loader, `build`, a plugin's `on_env` event), so an upgrade — or Zensical, which reads the same
mkdocs.yml — cannot silently break a half-incremental build. What a nightly build saves comes earlier, from
the chart cache (`scripts.build.cache`); here only the theme's compiled templates are kept between builds.
"""

from __future__ import annotations

import logging
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.exceptions import Abort
from mkdocs.plugins import BasePlugin

from scripts.build.layout import SiteFiles
from scripts.i18n import Locale

#: mkdocs.yml's nav paths -> the i18n key of their title.
NAV_KEYS = {"index.md": "nav.overview", "responses.md": "nav.responses", "sentiment.md": "nav.sentiment",
            "themes.md": "nav.themes", "competitors.md": "nav.competitors",
            "sources/index.md": "nav.sources", "weekly/index.md": "nav.weekly", "health.md": "nav.health",
            "method.md": "nav.method"}


class SiteBuildError(RuntimeError):
    """The MkDocs build failed; the message lists each warning that made the strict build stop."""


def publish(out_dir: Path, build: Callable[[Path], None]) -> None:
    """Build into a hidden sibling folder, then swap it in: a failed build (strict warning, full disk,
    a kill) leaves the previous site untouched instead of a half-written one."""
    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{out_dir.name}.new-", dir=out_dir.parent))
    staging.chmod(0o755)      # mkdtemp's 0700 would hide the site from a web server's user
    old = out_dir.parent / f".{out_dir.name}.old-{staging.name.rsplit('-', 1)[-1]}"
    try:
        build(staging)
        if out_dir.exists():
            out_dir.rename(old)
        staging.rename(out_dir)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        if old.exists() and not out_dir.exists():
            old.rename(out_dir)
        raise
    shutil.rmtree(old, ignore_errors=True)


def run_mkdocs(files: SiteFiles, docs: Path, out_dir: Path, *, site_name: str, L: Locale,
               compiled: Path | None = None) -> None:
    """Programmatic `mkdocs build --strict` of mkdocs.yml with the docs/site folders, site name, language and
    nav titles overridden. `compiled` keeps the theme's compiled templates for the next build."""
    cfg = load_config(str(files.mkdocs_yml), docs_dir=str(docs), site_dir=str(out_dir), strict=True)
    cfg["site_name"] = site_name
    cfg.theme["language"] = L.lang
    cfg["nav"] = localized_nav(cfg["nav"], L)
    if compiled is not None:
        cfg.plugins["pulso-compiled-templates"] = CompiledThemeTemplates(compiled)
    mkdocs_logger = logging.getLogger("mkdocs")
    level = mkdocs_logger.level
    warnings = _Collect()
    mkdocs_logger.addHandler(warnings)
    mkdocs_logger.setLevel(logging.WARNING)
    try:
        mkdocs_build(cfg)
    except Abort as exc:
        details = "\n".join(f"  - {line}" for line in warnings.lines)
        raise SiteBuildError(f"MkDocs --strict build failed: {exc}\n{details}") from None
    finally:
        mkdocs_logger.removeHandler(warnings)
        mkdocs_logger.setLevel(level)


def localized_nav(nav: list[dict[str, str]], L: Locale) -> list[dict[str, str]]:
    """mkdocs.yml's nav with titles in the site language (paths stay as written there)."""
    out = []
    for item in nav:
        for title, path in item.items():
            key = NAV_KEYS.get(path) if isinstance(path, str) else None
            out.append({L.t(key) if key else title: path})
    return out


class CompiledThemeTemplates(BasePlugin):
    """Keeps the theme's compiled Jinja templates in the build cache: Material compiles ~50 templates per
    build. Jinja checks each against its source, so an upgraded theme is compiled again."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        folder.mkdir(parents=True, exist_ok=True)
        self.cache = FileSystemBytecodeCache(str(folder))

    def on_env(self, env: Environment, /, *, config: Any, files: Any) -> Environment:
        env.bytecode_cache = self.cache
        return env


class _Collect(logging.Handler):
    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.lines: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.lines.append(record.getMessage())
