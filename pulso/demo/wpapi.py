"""The WordPress REST API of the demo's WordPress blogs: `/wp/v2/comments`, as WordPress 6.1.9 answers it.

Why: a WordPress comment feed holds only a post's newest `posts_per_rss` (10) comments, so the collector
reads whole threads from the API, and the demo must offer that path or `make demo` never exercises it.
`after=` can be any instant, so answers are cut per request from one stored list per blog, which the
generator writes (`write_store`) next to the blog's feeds:

- `{blog}/wp-api/site.json`: the site's time zone, home, and whether its API is "on", "forbidden"
  (a security plugin: 401 JSON) or "unrouted" (unplugged: `?rest_route=` falls through to the home page);
- `{blog}/wp-api/comments.json`: every approved comment (pingbacks excluded: anonymous visitors only get
  `type=comment`) as the API's objects.

Behaviour copied from a real WordPress 6.1.9 (tests/wordpress): `?rest_route=/wp/v2/comments` or
`/wp-json/wp/v2/comments`; `per_page` 1-100 (default 10), `page` >= 1, a page past the end is `[]`;
`orderby=date_gmt` with the id breaking ties; `after`/`before` exclusive, read in site time unless they
carry an offset; an invalid parameter is a 400 `rest_invalid_param`; `X-WP-Total`, `X-WP-TotalPages`
and `Link` `rel="prev"/"next"` headers; JSON as PHP encodes it (`\\/`, `\\uXXXX`).
"""

from __future__ import annotations

import hashlib
import json
import math
import re
import threading
from dataclasses import dataclass
from datetime import UTC, datetime
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode
from zoneinfo import ZoneInfo

from pulso.demo.routing import Answer, Ask, folder, php_json

API_DIR = "wp-api"
JSON_TYPE = "application/json; charset=UTF-8"
API_REL = "https://api.w.org/"
MODES = ("on", "forbidden", "unrouted")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt ]\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}(?::?\d{2})?)?$")
_ORDERBY = {"date_gmt": 0, "date": 0, "id": 1}  # index into a row's sort key
_COMMON = (("X-Robots-Tag", "noindex"), ("X-Content-Type-Options", "nosniff"),
           ("Access-Control-Expose-Headers", "X-WP-Total, X-WP-TotalPages, Link"), ("Allow", "GET"),
           ("Vary", "Origin"))


# --------------------------------------------------------------------------------- writing (generator)


def wp_time(when: datetime, zone: ZoneInfo | None = None) -> str:
    """WordPress's API dates: whole seconds, no offset (`date_gmt` in UTC, `date` in site time)."""
    local = when.astimezone(zone or UTC)
    return local.strftime("%Y-%m-%dT%H:%M:%S")


def comment_object(*, number: int, post: int, parent: int, user: int, author: str, author_url: str,
                   when: datetime, zone: ZoneInfo, html: str, link: str, api_root: str,
                   kind: str = "comment") -> dict[str, Any]:
    """One comment as `/wp/v2/comments` lists it, with the avatar and `_links` WordPress adds."""
    avatar = hashlib.md5(author.lower().encode(), usedforsecurity=False).hexdigest()
    links: dict[str, Any] = {"self": [{"href": f"{api_root}wp/v2/comments/{number}"}],
                             "collection": [{"href": f"{api_root}wp/v2/comments"}]}
    if user:
        links["author"] = [{"embeddable": True, "href": f"{api_root}wp/v2/users/{user}"}]
    links["up"] = [{"embeddable": True, "post_type": "post", "href": f"{api_root}wp/v2/posts/{post}"}]
    if parent:
        links["in-reply-to"] = [{"embeddable": True, "href": f"{api_root}wp/v2/comments/{parent}"}]
    return {"id": number, "post": post, "parent": parent, "author": user, "author_name": author,
            "author_url": author_url, "date": wp_time(when, zone), "date_gmt": wp_time(when),
            "content": {"rendered": html}, "link": link, "status": "approved", "type": kind,
            "author_avatar_urls": {s: f"http://{int(avatar[0], 16) % 3}.gravatar.com/avatar/{avatar}?s={s}&d=mm&r=g"
                                   for s in ("24", "48", "96")},
            "meta": [], "_links": links}


def write_store(blog_dir: Path, *, api: str, timezone: str, name: str, description: str, home: str,
                comments: list[dict[str, Any]]) -> int:
    """The two files the route reads; returns how many were written."""
    if api not in MODES:
        raise ValueError(f"api must be one of {MODES}, not {api!r}")
    out = blog_dir / API_DIR
    out.mkdir(parents=True, exist_ok=True)
    site = {"api": api, "timezone": timezone, "name": name, "description": description, "home": home}
    (out / "site.json").write_text(json.dumps(site, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    ordered = sorted(comments, key=lambda c: (c["date_gmt"], c["id"]))
    with (out / "comments.json").open("w", encoding="utf-8", newline="\n") as fh:
        fh.write("[\n" + ",\n".join(json.dumps(c, ensure_ascii=False) for c in ordered) + "\n]\n")
    return 2


# ------------------------------------------------------------------------------------ serving (route)


@dataclass(frozen=True)
class _Row:
    key: tuple[str, int]  # (date_gmt, id): the API's order
    number: int
    post: int
    parent: int
    at: datetime  # aware (UTC), for after/before
    text: bytes  # the object as WordPress encodes it


@dataclass(frozen=True)
class _Site:
    api: str
    zone: ZoneInfo
    raw: dict[str, Any]
    rows: tuple[_Row, ...]


def wordpress_api(ask: Ask) -> Answer | None:
    """The route: answers REST requests under a folder that holds a `wp-api/site.json`; None otherwise."""
    found = _locate(ask)
    if found is None:
        return None
    blog, route = found
    site = _load(blog)
    if site is None:
        return None
    if site.api == "forbidden":
        return _error(401, "rest_forbidden", "Sorry, you are not allowed to do that.")
    if site.api == "unrouted":
        home = blog / "index.html"
        body = home.read_bytes() if home.is_file() else b"<!doctype html><title>404</title>\n"
        return Answer(200 if home.is_file() else 404, body, "text/html; charset=UTF-8")
    if route.rstrip("/") == "":
        return _index(ask, site)
    if route.rstrip("/") != "/wp/v2/comments":
        return _error(404, "rest_no_route", "No route was found matching the URL and request method.")
    return _comments(ask, site)


def _locate(ask: Ask) -> tuple[Path, str] | None:
    """(blog folder, route) for `/blog/?rest_route=/x`, `/blog/index.php?rest_route=/x` or `/blog/wp-json/x`."""
    routes = [v for k, v in ask.params() if k == "rest_route"]
    if routes:
        path = ask.path.removesuffix("index.php")
        return folder(ask.root, path), routes[-1]
    head, sep, tail = ask.path.partition("/wp-json")
    if sep and (tail == "" or tail.startswith("/")):
        return folder(ask.root, head), tail or "/"
    return None


def _load(blog: Path) -> _Site | None:
    site, comments = blog / API_DIR / "site.json", blog / API_DIR / "comments.json"
    try:
        a, b = site.stat(), comments.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    with _LOADING:  # a collector's parallel first requests parse the file once, not once each
        return _parse(str(site), a.st_mtime_ns, str(comments), b.st_mtime_ns, b.st_size)


_LOADING = threading.Lock()


@lru_cache(maxsize=64)
def _parse(site: str, _site_mtime: int, comments: str, _mtime: int, _size: int) -> _Site:
    """Parsed once per file version (the key carries mtime and size), so a regenerated tree is re-read."""
    raw = json.loads(Path(site).read_text(encoding="utf-8"))
    zone = ZoneInfo(raw["timezone"])
    rows = []
    for c in json.loads(Path(comments).read_text(encoding="utf-8")):
        at = datetime.fromisoformat(c["date_gmt"]).replace(tzinfo=UTC)
        rows.append(_Row((c["date_gmt"], c["id"]), c["id"], c["post"], c["parent"], at, php_json(c)))
    return _Site(raw["api"], zone, raw, tuple(rows))


class _Invalid(ValueError):
    def __init__(self, name: str, message: str, code: str = "rest_invalid_param") -> None:
        super().__init__(message)
        self.name, self.code = name, code


def _ints(name: str, value: str, lo: int = 0, hi: int | None = None) -> list[int]:
    try:
        out = [int(v) for v in value.split(",") if v.strip() != ""]
    except ValueError:
        raise _Invalid(name, f"{name} is not of type integer.") from None
    for v in out:
        if v < lo or (hi is not None and v > hi):
            bound = f"between {lo} (inclusive) and {hi} (inclusive)" if hi else f"greater than or equal to {lo}"
            raise _Invalid(name, f"{name} must be {bound}", "rest_out_of_bounds")
    return out


def _instant(name: str, value: str, zone: ZoneInfo) -> datetime:
    if not _DATE.match(value):
        raise _Invalid(name, "Invalid date.", "rest_invalid_date")
    text = value.replace("Z", "+00:00").replace("z", "+00:00")
    if re.search(r"[+-]\d{2}$", text):
        text += ":00"
    when = datetime.fromisoformat(text)
    return when.replace(tzinfo=zone) if when.tzinfo is None else when


@dataclass(frozen=True)
class _Query:
    per_page: int = 10
    page: int = 1
    descending: bool = True
    orderby: int = 0
    posts: frozenset[int] = frozenset()
    parents: frozenset[int] | None = None
    after: datetime | None = None
    before: datetime | None = None


def _query(ask: Ask, zone: ZoneInfo) -> _Query:
    """Validated parameters; `post[]=1`, `post[0]=1` and `post=1,2` are the same list, as in WordPress."""
    got: dict[str, str] = {}
    for key, value in ask.params():
        name = key.split("[", 1)[0]
        got[name] = f"{got[name]},{value}" if name in got and key.endswith("]") else value
    if got.get("type", "comment") != "comment" or got.get("status", "approve") not in ("approve", "approved"):
        which = "type" if got.get("type", "comment") != "comment" else "status"
        raise _Invalid(which, f"Query parameter not permitted: {which}", "rest_forbidden_param")
    orderby, order = got.get("orderby", "date_gmt"), got.get("order", "desc")
    if orderby not in _ORDERBY:
        raise _Invalid("orderby", f"orderby is not one of {', '.join(_ORDERBY)}.")
    if order not in ("asc", "desc"):
        raise _Invalid("order", "order is not one of asc and desc.")
    per_page = _ints("per_page", got["per_page"], 1, 100) if got.get("per_page") else [10]
    page = _ints("page", got["page"], 1) if got.get("page") else [1]
    if len(per_page) != 1 or len(page) != 1:
        raise _Invalid("per_page" if len(per_page) != 1 else "page", "is not of type integer.")
    return _Query(per_page[0], page[0], order == "desc", _ORDERBY[orderby],
                  frozenset(_ints("post", got["post"])) if got.get("post") else frozenset(),
                  frozenset(_ints("parent", got["parent"])) if "parent" in got else None,
                  _instant("after", got["after"], zone) if got.get("after") else None,
                  _instant("before", got["before"], zone) if got.get("before") else None)


def _comments(ask: Ask, site: _Site) -> Answer:
    try:
        q = _query(ask, site.zone)
    except _Invalid as bad:
        if bad.code == "rest_forbidden_param":
            return _error(401, bad.code, str(bad))
        return _error(400, "rest_invalid_param", f"Invalid parameter(s): {bad.name}",
                      params={bad.name: str(bad)}, details={bad.name: {"code": bad.code, "message": str(bad),
                                                                       "data": None}})
    rows = [r for r in site.rows if (not q.posts or r.post in q.posts)
            and (q.parents is None or r.parent in q.parents)
            and (q.after is None or r.at > q.after) and (q.before is None or r.at < q.before)]
    rows.sort(key=lambda r: r.key if q.orderby == 0 else r.number, reverse=q.descending)
    total, pages = len(rows), math.ceil(len(rows) / q.per_page)
    shown = rows[(q.page - 1) * q.per_page: q.page * q.per_page]
    headers = [("X-WP-Total", str(total)), ("X-WP-TotalPages", str(pages)), ("Link", _links(ask, q.page, pages))]
    return Answer(200, b"[" + b",".join(r.text for r in shown) + b"]", JSON_TYPE, (*_COMMON, *headers))


def _links(ask: Ask, page: int, pages: int) -> str:
    """`rel="prev"`/`"next"` like WordPress (prev never points past the last page); else the API's own link."""
    keep = [(k, v) for k, v in ask.params() if k != "page"]
    base = f"{ask.origin}{ask.path}?{urlencode(keep)}"
    out = []
    if page > 1:
        out.append(f'<{base}&page={min(page - 1, max(pages, 1))}>; rel="prev"')
    if pages > page:
        out.append(f'<{base}&page={page + 1}>; rel="next"')
    return ", ".join(out) or f'<{ask.origin}{ask.path.removesuffix("index.php")}?rest_route=/>; rel="{API_REL}"'


def _index(ask: Ask, site: _Site) -> Answer:
    raw = site.raw
    body = {"name": raw["name"], "description": raw["description"], "url": raw["home"].rstrip("/"),
            "home": raw["home"].rstrip("/"), "timezone_string": raw["timezone"], "namespaces": ["wp/v2"],
            "authentication": [], "routes": {"/wp/v2/comments": {"namespace": "wp/v2", "methods": ["GET"]}}}
    return Answer(200, php_json(body), JSON_TYPE, _COMMON)


def _error(status: int, code: str, message: str, **data: Any) -> Answer:
    return Answer(status, php_json({"code": code, "message": message, "data": {"status": status, **data}}),
                  JSON_TYPE, _COMMON)
