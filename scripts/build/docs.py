"""The docs folder MkDocs reads: generated pages, charts and downloads next to site_src's assets."""

from __future__ import annotations

import shutil
from pathlib import Path


class DocsFolder:
    """A folder emptied when the build starts, so nothing a previous build wrote can be published again."""

    def __init__(self, root: Path) -> None:
        self.root = root
        if root.exists():
            shutil.rmtree(root)
        root.mkdir(parents=True)

    def write(self, rel: str, data: bytes | str) -> None:
        target = self.root / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_bytes(data.encode("utf-8") if isinstance(data, str) else data)

    def copy_tree(self, source: Path, rel: str, *, skip_suffix: str = ".md") -> None:
        """Hand-written files (site_src/assets); Markdown there would become stray pages, so it is left out."""
        for path in sorted(source.rglob("*")):
            if path.is_file() and path.suffix != skip_suffix:
                self.write(f"{rel}/{path.relative_to(source).as_posix()}", path.read_bytes())
