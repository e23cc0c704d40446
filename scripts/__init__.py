"""Pulso's report layer: named SQL queries -> DataFrames -> Altair charts and Markdown pages -> MkDocs site.

This module is the package's one public face: the `pulso` application imports only the names listed
here. They are loaded lazily (PEP 562), so a command that never builds a page never imports Altair.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

# public name -> the module that defines it ("" : the name is that module itself)
_EXPORTS: dict[str, tuple[str, str]] = {
    "build_site": ("scripts.build.site", "build_site"),
    "BuildReport": ("scripts.build.site", "BuildReport"),
    "SiteBuildError": ("scripts.build.publish", "SiteBuildError"),
    "SiteFilesMissing": ("scripts.build.layout", "SiteFilesMissing"),
    "default_cache_dir": ("scripts.build.cache", "default_cache_dir"),
    "open_database": ("scripts.queries", "open_database"),
    "run_nightly": ("scripts.nightly", "run_nightly"),
    "Locale": ("scripts.i18n", "Locale"),
    "load_weekly": ("scripts.weekly.summary", "load_weekly"),
    "parse_week": ("scripts.weekly.summary", "parse_week"),
    "summarize": ("scripts.weekly.summary", "summarize"),
    "week_of": ("scripts.weekly.summary", "week_of"),
    "weekly_render": ("scripts.weekly.render", ""),
    "weekly_mail": ("scripts.weekly.mail", ""),
}

__all__ = list(_EXPORTS)


def __getattr__(name: str) -> Any:
    if name not in _EXPORTS:
        raise AttributeError(f"module 'scripts' has no attribute {name!r}")
    module, attr = _EXPORTS[name]
    value = importlib.import_module(module)
    value = getattr(value, attr) if attr else value
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


if TYPE_CHECKING:
    from scripts.build.cache import default_cache_dir  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.build.layout import SiteFilesMissing  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.build.publish import SiteBuildError  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.build.site import BuildReport, build_site  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.i18n import Locale  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.nightly import run_nightly  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.queries import open_database  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.weekly import mail as weekly_mail  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.weekly import render as weekly_render  # noqa: F401 (for type checkers; loaded lazily above)
    from scripts.weekly.summary import load_weekly, parse_week, summarize, week_of  # noqa: F401 (lazy)
