"""Where the site build finds its hand-written inputs: the MkDocs config and site_src/ (assets, hooks).

A checkout has them at the top level; an installed wheel has a copy beside this module, made by the
build step in `scripts.build.package_site`. The copy is tried first, so an installed Pulso never reads
some unrelated folder two levels above site-packages; a missing pair is an error that names both places.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
#: The wheel's copy (scripts/build/_site/), then the checkout's top level.
CANDIDATES = (HERE / "_site", HERE.parents[1])


class SiteFilesMissing(RuntimeError):
    """Neither an installed copy nor a checkout holds mkdocs.yml and site_src/."""


@dataclass(frozen=True)
class SiteFiles:
    """A folder holding `mkdocs.yml` and `site_src/` side by side, as mkdocs.yml's relative paths expect."""

    root: Path

    @property
    def mkdocs_yml(self) -> Path:
        return self.root / "mkdocs.yml"

    @property
    def site_src(self) -> Path:
        return self.root / "site_src"

    @property
    def hooks(self) -> Path:
        return self.site_src / "hooks"

    def missing(self) -> list[Path]:
        return [path for path in (self.mkdocs_yml, self.site_src) if not path.exists()]


def site_files(candidates: tuple[Path, ...] = CANDIDATES) -> SiteFiles:
    """The first candidate folder with both files; else an error saying what is missing where, and the fix."""
    found = [SiteFiles(root) for root in candidates]
    for files in found:
        if not files.missing():
            return files
    missing = "; ".join(", ".join(str(path) for path in files.missing()) for files in found)
    raise SiteFilesMissing(
        f"the site build needs the MkDocs config and its site_src/ folder, and found neither complete "
        f"(missing: {missing}). Reinstall Pulso from a wheel built from the source tree "
        f"(`pip wheel --no-deps .`, which copies them into scripts/build/_site/), or run it from a checkout.")
