"""Incremental MkDocs: a nightly build renders only the pages whose Markdown changed since the last build.

MkDocs turns Markdown into themed HTML and indexes it for search at ~30 ms a page, and a 300-source site
has 400+ pages, most of them (every past week's summary, quiet sources) the same as yesterday. MkDocs'
own `dirty` mode skips a page whose output is newer than its source, so the build keeps two folders in the
build cache and lets file times carry the news:

- `docs/` — the generated Markdown, charts and files. `DocsFolder` rewrites a file only when its bytes
  change and deletes what this build did not write, so an unchanged page keeps its old mtime.
- `site/` — the previous output, copied (times preserved) into the staging folder before MkDocs runs, and
  replaced by the new output after it succeeds. The fingerprint file says which theme, config, language and
  versions produced it; any difference, or any doubt, means a clean build.

Dirty mode alone would leave two things wrong, handled here: Material's search index would hold only the
rebuilt pages (the previous index's entries for every other page are handed to the search plugin), and
pages whose Markdown was deleted would stay online (their outputs are removed).
"""

from __future__ import annotations

import hashlib
import json
import logging
import shutil
from pathlib import Path
from types import SimpleNamespace
from typing import Any

import material
import mkdocs
from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.plugins import BasePlugin

log = logging.getLogger(__name__)

DIRTY_WARNING = "A 'dirty' build is being performed"


class DocsFolder:
    """The docs folder MkDocs reads; a file's mtime changes only when its content does."""

    def __init__(self, root: Path, *, fresh: bool) -> None:
        self.root = root
        if fresh and root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True, exist_ok=True)
        self.written: set[str] = set()
        self.changed: set[str] = set()
        self.removed: set[str] = set()

    def write(self, rel: str, data: bytes | str) -> None:
        content = data.encode("utf-8") if isinstance(data, str) else data
        target = self.root / rel
        self.written.add(rel)
        try:
            if target.stat().st_size == len(content) and target.read_bytes() == content:
                return
        except OSError:
            target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(content)
        self.changed.add(rel)

    def copy_tree(self, source: Path, rel: str, *, skip_suffix: str = ".md") -> None:
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix != skip_suffix:
                self.write(f"{rel}/{path.relative_to(source).as_posix()}", path.read_bytes())

    def finish(self) -> None:
        """Delete what this build did not write (a source removed from the config, a renamed chart)."""
        for path in sorted(self.root.rglob("*"), reverse=True):
            rel = path.relative_to(self.root).as_posix()
            if path.is_file() and rel not in self.written:
                path.unlink()
                self.removed.add(rel)
            elif path.is_dir() and not any(path.iterdir()):
                path.rmdir()

    def pages(self, rels: set[str]) -> set[str]:
        """Site-relative URLs of the Markdown pages among `rels` (use_directory_urls is off)."""
        return {rel[:-3] + ".html" for rel in rels if rel.endswith(".md")}


def fingerprint(mkdocs_yml: Path, hooks: Path, settings: dict[str, Any]) -> str:
    """What, besides a page's Markdown, shapes its HTML: the MkDocs config, the hooks, the site name,
    language and nav (`settings`), and the MkDocs and Material versions."""
    digest = hashlib.sha256()
    digest.update(mkdocs_yml.read_bytes())
    for path in sorted(hooks.rglob("*.py")):
        digest.update(path.name.encode() + path.read_bytes())
    digest.update(json.dumps(settings, sort_keys=True, ensure_ascii=False).encode())
    digest.update(f"{mkdocs.__version__}|{material.__version__}".encode())
    return digest.hexdigest()


class PreviousSite:
    """The last build's output, kept in the cache so the next build can start from it."""

    def __init__(self, folder: Path | None, fingerprint: str) -> None:
        self.site = folder / "site" if folder is not None else None
        self.fingerprint = fingerprint

    @property
    def stamp(self) -> Path:
        assert self.site is not None
        return self.site.with_name("site.fingerprint")

    def seed(self, staging: Path) -> bool:
        """Copy the previous output into `staging` (empty); False = build everything from scratch."""
        if self.site is None or not (self.site / "index.html").is_file():
            return False
        try:
            if self.stamp.read_text(encoding="utf-8").strip() != self.fingerprint:
                return False
            shutil.copytree(self.site, staging, dirs_exist_ok=True)   # copy2: modification times kept
        except OSError as exc:
            log.warning("previous site in %s not usable (%s); building every page", self.site, exc)
            shutil.rmtree(staging, ignore_errors=True)
            staging.mkdir()
            return False
        return True

    def remember(self, staging: Path) -> None:
        """Keep this build's output for the next one (a failure here costs the next build time, nothing else)."""
        if self.site is None:
            return
        fresh = self.site.with_name("site.new")
        try:
            shutil.rmtree(fresh, ignore_errors=True)
            self.stamp.unlink(missing_ok=True)           # no stamp while the copy is half-made
            shutil.copytree(staging, fresh)
            shutil.rmtree(self.site, ignore_errors=True)
            fresh.rename(self.site)
            self.stamp.write_text(self.fingerprint, encoding="utf-8")
        except OSError as exc:
            log.warning("site not kept in the build cache (%s): %s", self.site, exc)


def previous_search_entries(staging: Path, rebuilt_or_gone: set[str]) -> list[dict[str, Any]]:
    """The previous search index's entries for the pages this build does not render again."""
    try:
        index = json.loads((staging / "search" / "search_index.json").read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    return [entry for entry in index.get("docs", [])
            if entry.get("location", "").split("#", 1)[0] not in rebuilt_or_gone]


def prime_search(plugins: Any, entries: list[dict[str, Any]] | None) -> None:
    """Hand the unchanged pages' entries to Material's search plugin, which merges a previous index into
    the one it writes (its dirty-reload support): it drops the entries of the first rebuilt page and
    keeps the rest, so `entries` must hold no page that is rebuilt. None for a clean build — and it must
    be said every time: MkDocs keeps plugin instances for the whole process, so a previous build's
    entries would otherwise be merged into the next clean build."""
    search = plugins["material/search"]
    search.search_index_prev = SimpleNamespace(entries=entries) if entries is not None else None


def remove_outputs(staging: Path, docs: DocsFolder) -> None:
    """Outputs of docs files deleted since the previous build (a page's HTML, a chart, a CSV)."""
    for rel in docs.removed:
        target = staging / (rel[:-3] + ".html" if rel.endswith(".md") else rel)
        target.unlink(missing_ok=True)


class CompiledThemeTemplates(BasePlugin):
    """Keeps the theme's compiled Jinja templates in the build cache: Material compiles ~50 templates per
    build, a noticeable part of a build that renders few pages. Jinja checks each against its source."""

    def __init__(self, folder: Path) -> None:
        super().__init__()
        folder.mkdir(parents=True, exist_ok=True)
        self.cache = FileSystemBytecodeCache(str(folder))

    def on_env(self, env: Environment, /, *, config: Any, files: Any) -> Environment:
        env.bytecode_cache = self.cache
        return env


class DropDirtyWarning(logging.Filter):
    """MkDocs warns that dirty builds are for development; here the stale parts are handled above, and the
    warning would fail the --strict build."""

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith(DIRTY_WARNING)
