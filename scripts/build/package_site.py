"""Build step (setuptools, not run time): put the MkDocs config and site_src/ into the wheel.

The checkout keeps `mkdocs.yml` and `site_src/` at the top level (site_src/ is the MkDocs docs_dir that
the design fixes), where a wheel cannot reach them. `pyproject.toml` names `BuildPy` as setuptools'
`build_py`, which copies both into `scripts/build/_site/` of the build tree, so an installed Pulso finds
them beside its code (`scripts.build.layout`). Nothing is duplicated in git; an editable install reads
the checkout directly. Only setuptools and the standard library are imported: this module runs inside
the isolated build environment, before Pulso's dependencies exist.
"""

from __future__ import annotations

import shutil
from fnmatch import fnmatch
from pathlib import Path

from setuptools.command.build_py import build_py

#: What the site build reads, relative to the project root; the wheel gets them under PACKAGED.
MKDOCS_YML = "mkdocs.yml"
SITE_SRC = "site_src"
PACKAGED = Path("scripts", "build", "_site")
#: Never shipped: generated pages of a local build (git-ignored) and bytecode.
SKIPPED = ("generated", "__pycache__", "*.pyc")


def site_files(root: Path) -> list[Path]:
    """The config and every file under site_src/ except the skipped ones, relative to `root`."""
    files = [Path(MKDOCS_YML)]
    for path in sorted((root / SITE_SRC).rglob("*")):
        rel = path.relative_to(root)
        if path.is_file() and not any(fnmatch(part, skip) for part in rel.parts for skip in SKIPPED):
            files.append(rel)
    return files


class BuildPy(build_py):
    """setuptools' build_py, plus the site files copied into the package (skipped for editable installs)."""

    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        root, target = Path.cwd(), Path(self.build_lib) / PACKAGED
        shutil.rmtree(target, ignore_errors=True)
        for rel in site_files(root):
            self.mkpath(str((target / rel).parent))
            self.copy_file(str(root / rel), str(target / rel))

    def get_source_files(self) -> list[str]:
        """Also the site files, so an sdist carries them and a wheel built from it has them too."""
        return [*super().get_source_files(), *(rel.as_posix() for rel in site_files(Path.cwd()))]
