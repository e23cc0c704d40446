"""What the demo's loopback servers share: the URL -> file convention and the shape of a dynamic answer.

Most of the demo is files on disk, but two things real blog hosts do cannot be files: the WordPress REST
API (`after=` is any instant) and Blogger's paging (any `max-results` up to 500). Those are small
routes (`pulso.demo.wpapi`, `pulso.demo.blogger_feeds`) that read what the generator stored and cut the
answer per request. They live in their own modules; this one holds only what both sides need, so the
writers and the server can import it without importing each other.

URL -> file convention (the generator writes, the server reads):
- `/a/b/rss.xml` (last segment has a dot) -> `ROOT/a/b/rss.xml`;
- `/a/b/` or `/a/b` (a directory) -> `ROOT/a/b/index.xml` (or `index.html`, a home page);
- `/a/b?start-index=26&max-results=25` -> `ROOT/a/b/index@max-results=25&start-index=26.xml`
  (parameters sorted, so the order a client sends them in does not matter).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl


def canonical_query(query: str) -> str:
    return "&".join(sorted(p for p in query.split("&") if p))


def disk_path(root: Path, url_path: str, query: str = "") -> Path:
    """The file that serves `url_path?query` under `root` (see the module docstring)."""
    rel = url_path.lstrip("/")
    last = rel.rstrip("/").rsplit("/", 1)[-1]
    if not query and not url_path.endswith("/") and "." in last:
        return root / rel
    name = "index.xml" if not query else f"index@{canonical_query(query)}.xml"
    return root / rel / name


def folder(root: Path, url_path: str) -> Path:
    """The directory a path names (`/wp/blog/` and `/wp/blog` alike): where a route looks for its data."""
    return root / url_path.strip("/")


@dataclass(frozen=True)
class Ask:
    """A request as a route sees it: the path is already unquoted and checked to stay inside `root`."""

    root: Path
    path: str
    query: str  # raw, as sent
    origin: str  # the server's own scheme://host:port, for absolute links in the answer

    def params(self) -> list[tuple[str, str]]:
        """Decoded like PHP and Blogger decode them: `%2B` is a plus sign, a bare `+` a space."""
        return parse_qsl(self.query, keep_blank_values=True)


@dataclass(frozen=True)
class Answer:
    """A dynamic response. `modified` (a timestamp) turns on Last-Modified, ETag and 304s, as for files."""

    status: int
    body: bytes
    content_type: str
    headers: tuple[tuple[str, str], ...] = ()
    modified: float | None = None


Route = Callable[[Ask], Answer | None]  # None: not mine, try the next route (then the files)


def php_json(value: Any) -> bytes:
    """JSON as PHP's json_encode writes it (what WordPress sends): ASCII only, `/` escaped, no spaces."""
    return json.dumps(value, ensure_ascii=True, separators=(",", ":")).replace("/", "\\/").encode("ascii")
