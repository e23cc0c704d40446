"""What one build can hand to the next: drawn charts and the Vega bundle, kept in a folder beside the database.

A nightly build differs from the previous one in a few charts (this week's points, the sources that got new
comments); most charts — every past week's summary, quiet sources — come out the same. Drawing an SVG with
vl-convert costs 60–180 ms a chart and writing vl-convert's JavaScript bundle ~3 s (it holds the GIL, so it
cannot overlap with anything), so both are kept between builds:

- `charts/<key>.svg` + `<key>.json` (the Vega-Lite spec the page embeds), where the key is a SHA-256 of the
  chart function's name, its arguments (DataFrames by content), the site language and the versions of
  Altair and vl-convert. Equal keys mean equal charts, so a hit costs neither Altair nor vl-convert; a key
  that differs for equal charts only costs a redraw, never a wrong chart.
- `vega/<vl-convert version>.js`, the bundle; `jinja/`, the compiled page templates.

The cache only saves time: a missing, partial or corrupt entry is a miss, `pulso build --no-cache` ignores
it, and deleting the folder is always safe. Entries a build did not use are removed when it finishes, so
the folder holds one site's charts, not every chart ever drawn.
"""

from __future__ import annotations

import functools
import hashlib
import json
import logging
import os
import pickle
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

import altair as alt
import pandas as pd
import vl_convert as vlc

log = logging.getLogger(__name__)

FOLDER_NAME = ".pulso-cache"


def default_cache_dir(db_path: Path) -> Path:
    """Beside the database, so whatever keeps the database between nights (the Actions cache) can keep it too."""
    return Path(db_path).resolve().parent / FOLDER_NAME


def _write_atomic(path: Path, data: bytes) -> None:
    """Write then rename: a build killed mid-write leaves no half file that a later build would trust."""
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


@functools.cache
def _code_digest() -> str:
    """A digest of the code that draws charts (every `scripts` module, the SVG drawing included): a chart
    function's name and arguments say nothing about its body, so after an upgrade that changes how charts
    look (a font, a legend) an old cache must miss instead of serving the old drawing."""
    root = Path(__file__).resolve().parents[1]
    digest = hashlib.sha256()
    for path in sorted(root.rglob("*.py")):
        digest.update(path.relative_to(root).as_posix().encode() + b"\0" + path.read_bytes())
    return digest.hexdigest()[:16]


class BuildCache:
    """Charts by content key, and the Vega bundle by version. `None` folder = a cache that never hits."""

    def __init__(self, folder: Path | None, lang: str) -> None:
        self.folder = Path(folder) if folder is not None else None
        self.lang = lang
        self.used: set[str] = set()
        self.hits = 0
        self._salt = f"{lang}|{alt.__version__}|{vlc.__version__}|{_code_digest()}".encode()

    def subfolder(self, name: str) -> Path | None:
        """A folder in the cache for another kind of entry (compiled templates), made on demand."""
        if self.folder is None:
            return None
        try:
            (self.folder / name).mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            log.warning("build cache folder %s not usable: %s", self.folder / name, exc)
            return None
        return self.folder / name

    # ---- charts ---------------------------------------------------------------------------------------

    def key(self, make: Callable[..., Any], args: dict[str, Any]) -> str | None:
        """Content key of the chart `make(**args)`, or None when its arguments cannot be fingerprinted."""
        try:
            payload = pickle.dumps((make.__module__, make.__qualname__, _fingerprint(args)), protocol=5)
        except Exception:  # such a chart is drawn every time, not cached
            return None
        return hashlib.sha256(self._salt + payload).hexdigest()

    def get(self, key: str | None) -> tuple[dict[str, Any], str] | None:
        """The spec and SVG drawn for this key by an earlier build, or None."""
        if self.folder is None or key is None:
            return None
        base = self.folder / "charts" / key
        try:
            spec = json.loads(base.with_suffix(".json").read_text(encoding="utf-8"))
            svg = base.with_suffix(".svg").read_text(encoding="utf-8")
        except (OSError, ValueError):
            return None
        if not isinstance(spec, dict) or not svg.lstrip().startswith("<svg"):
            return None
        self.used.add(key)
        self.hits += 1
        return spec, svg

    def put(self, key: str | None, spec: dict[str, Any], svg: str) -> None:
        if self.folder is None or key is None:
            return
        base = self.folder / "charts" / key
        try:
            _write_atomic(base.with_suffix(".json"), json.dumps(spec, separators=(",", ":")).encode("utf-8"))
            _write_atomic(base.with_suffix(".svg"), svg.encode("utf-8"))
        except OSError as exc:  # a full or read-only cache folder slows the next build, it must not break this one
            log.warning("chart cache not written (%s): %s", base.parent, exc)
            return
        self.used.add(key)

    def prune(self) -> int:
        """Remove the chart entries this build did not use, and bundles of other vl-convert versions."""
        if self.folder is None:
            return 0
        stale = [path for path in _files(self.folder / "charts") if path.stem.split(".")[0] not in self.used]
        stale += [path for path in _files(self.folder / "vega") if path.name != f"{vlc.__version__}.js"]
        for path in stale:
            path.unlink(missing_ok=True)
        return len(stale)

    # ---- the Vega bundle -------------------------------------------------------------------------------

    def vega_bundle(self, make: Callable[[], str] | None = None) -> str:
        """vega + vega-lite + vega-embed as one script, matching the SVG renderer's versions. `make` writes it
        on a miss (default: in this process)."""
        make = make or _bundle
        if self.folder is None:
            return make()
        path = self.folder / "vega" / f"{vlc.__version__}.js"
        try:
            return path.read_text(encoding="utf-8")
        except OSError:
            bundle = make()
        try:
            _write_atomic(path, bundle.encode("utf-8"))
        except OSError as exc:
            log.warning("Vega bundle not cached (%s): %s", path, exc)
        return bundle


@functools.cache
def _bundle() -> str:
    """Once per process without a cache folder (the test suite builds many sites)."""
    return vlc.javascript_bundle()


def _fingerprint(value: Any) -> Any:
    """A picklable stand-in with the same content: a DataFrame by its columns, dtypes and a hash of its values.
    The row index is left out (the chart never shows it, and slices of a growing frame keep shifting it)."""
    if isinstance(value, pd.DataFrame):
        hashed = pd.util.hash_pandas_object(value, index=False).to_numpy().tobytes()
        return ("DataFrame", tuple(map(str, value.columns)), tuple(map(str, value.dtypes)), hashed)
    if isinstance(value, dict):
        return ("dict", tuple((key, _fingerprint(item)) for key, item in sorted(value.items())))
    if isinstance(value, list | tuple):
        return (type(value).__name__, tuple(_fingerprint(item) for item in value))
    return value


def _files(folder: Path) -> list[Path]:
    return [path for path in folder.iterdir() if path.is_file()] if folder.is_dir() else []
