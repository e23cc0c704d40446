"""Blogger's feed paging in the demo: one stored entry list per feed, pages cut per request.

Why: Blogger answers any `max-results` up to 500 from any `start-index`, and links the next page on
its feed host `www.blogger.com` (`/feeds/<blog id>/posts/default?start-index=26&max-results=25`), not on
the blog's own host. The collector asks for large pages and must follow `rel=next` to that other host,
so the demo serves both: the blog's host (`/blogger/<name>/feeds/...`, route `blogger_feed`) and a
second loopback host standing in for `www.blogger.com` (`/feeds/<blog id>/...`, route
`blogger_feed_host`). Both read the same stored feed:

- `{feed folder}/blogger.json`: the feed's head (id, title, links, paging URL) and its entries, newest
  first, each already an `<entry>` element;
- `blogger-ids/<blog id>`: which folder holds that blog's feeds, for the feed host.
"""

from __future__ import annotations

import json
import re
import threading
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pulso.demo.feeds import ATOM_NS, Feed, blogger_time
from pulso.demo.routing import Answer, Ask, folder

DEFAULT_PAGE = 25  # Blogger's default max-results
MAX_PAGE = 500  # and its cap: a larger ask is answered with 500
STORE = "blogger.json"
IDS = "blogger-ids"
ATOM_TYPE = "application/atom+xml; charset=UTF-8"
_FEED_HOST_PATH = re.compile(r"^/feeds/(\d{1,30})/(.+)$")


def page_query(start: int, per_page: int = DEFAULT_PAGE) -> str:
    return f"start-index={start}&max-results={per_page}"


def write_feed(root: Path, base: str, feed: Feed, entries: list[str], paging_url: str) -> int:
    """Store one feed (entries newest first); `paging_url` is where its self/next links point."""
    out = folder(root, feed.url_path)
    out.mkdir(parents=True, exist_ok=True)
    head = {"id": feed.feed_id, "updated": blogger_time(feed.updated), "modified": feed.updated.timestamp(),
            "title": feed.title, "subtitle": feed.description, "feed_url": base + feed.url_path,
            "alternate": feed.site_url, "paging_url": paging_url, "extra_links": feed.extra_links}
    with (out / STORE).open("w", encoding="utf-8", newline="\n") as fh:
        json.dump({**head, "entries": entries}, fh, ensure_ascii=False, indent=0)
    return 1


def write_blog_id(root: Path, blog_id: str, feeds_path: str) -> int:
    """Tell the feed host where blog `blog_id` keeps its feeds (`/blogger/<name>/feeds`)."""
    (root / IDS).mkdir(parents=True, exist_ok=True)
    (root / IDS / blog_id).write_text(feeds_path.strip("/") + "\n", encoding="utf-8")
    return 1


@dataclass(frozen=True)
class _Stored:
    head: dict
    entries: tuple[str, ...]


_LOADING = threading.Lock()


@lru_cache(maxsize=256)
def _parse(path: str, _mtime_ns: int, _size: int) -> _Stored:
    """Parsed once per file version (mtime and size are in the key), so a regenerated tree is re-read."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    entries = tuple(data.pop("entries"))
    return _Stored(data, entries)


def _load(store: Path) -> _Stored | None:
    try:
        st = store.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    with _LOADING:  # parallel first requests parse the file once
        return _parse(str(store), st.st_mtime_ns, st.st_size)


def blogger_feed(ask: Ask) -> Answer | None:
    """Route for the blog's own host: a folder holding `blogger.json` is a Blogger feed."""
    stored = _load(folder(ask.root, ask.path) / STORE)
    return None if stored is None else _page(ask, stored)


def blogger_feed_host(ask: Ask) -> Answer | None:
    """Route for the stand-in `www.blogger.com`: `/feeds/<blog id>/<rest>` read from that blog's folder."""
    m = _FEED_HOST_PATH.match(ask.path.rstrip("/"))
    if not m:
        return None
    try:
        feeds = (ask.root / IDS / m.group(1)).read_text(encoding="utf-8").strip()
    except (FileNotFoundError, NotADirectoryError):
        return None
    target = (ask.root / feeds / m.group(2)).resolve()
    if not target.is_relative_to(ask.root):
        return None
    stored = _load(target / STORE)
    return None if stored is None else _page(ask, stored)


def _number(value: str | None, default: int) -> int | None:
    if value is None or value == "":
        return default
    return int(value) if value.isdigit() else None


def _page(ask: Ask, stored: _Stored) -> Answer:
    params = dict(ask.params())
    start, per_page = _number(params.get("start-index"), 1), _number(params.get("max-results"), DEFAULT_PAGE)
    if start is None or start < 1:
        return Answer(400, b"Invalid start-index\n", "text/plain; charset=UTF-8")
    if per_page is None:
        return Answer(400, b"Invalid max-results\n", "text/plain; charset=UTF-8")
    per_page = min(per_page, MAX_PAGE)
    head, total = stored.head, len(stored.entries)
    paging = head["paging_url"]
    asked = "?" + page_query(start, per_page) if "start-index" in params or "max-results" in params else ""
    links = [("http://schemas.google.com/g/2005#feed", "application/atom+xml", head["feed_url"]),
             ("self", "application/atom+xml", paging + asked), ("alternate", "text/html", head["alternate"]),
             *(tuple(link) for link in head["extra_links"])]
    if start > 1:
        links.append(("previous", "application/atom+xml", f"{paging}?{page_query(max(1, start - per_page), per_page)}"))
    if start - 1 + per_page < total:
        links.append(("next", "application/atom+xml", f"{paging}?{page_query(start + per_page, per_page)}"))
    body = "".join((
        f'<?xml version="1.0" encoding="UTF-8"?><feed {ATOM_NS}><id>{escape(head["id"])}</id>',
        f'<updated>{escape(head["updated"])}</updated><title type="text">{escape(head["title"])}</title>',
        f'<subtitle type="html">{escape(head["subtitle"])}</subtitle>',
        *(f"<link rel={quoteattr(r)} type={quoteattr(t)} href={quoteattr(h)}/>" for r, t, h in links),
        "<author><name>Blogger</name><email>noreply@blogger.com</email></author>",
        '<generator version="7.00" uri="http://www.blogger.com">Blogger</generator>',
        f"<openSearch:totalResults>{total}</openSearch:totalResults>",
        f"<openSearch:startIndex>{start}</openSearch:startIndex>",
        f"<openSearch:itemsPerPage>{per_page}</openSearch:itemsPerPage>",
        *stored.entries[start - 1: start - 1 + per_page], "</feed>"))
    return Answer(200, body.encode("utf-8"), ATOM_TYPE, modified=head["modified"])
