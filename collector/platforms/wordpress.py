"""WordPress's REST API: every approved comment of a post, with its exact parent.

Why not the comment feed: WordPress builds it with `ORDER BY comment_date_gmt DESC LIMIT posts_per_rss`
(10 by default) and no offset, so a thread longer than that cannot be read from feeds at all, and a
reply's parent has to be guessed from its "In reply to" text. `/wp/v2/comments` pages through every
approved comment (never unapproved or spam ones) and names each parent by id.

Pure: URLs in, URLs out; bytes in, records out. Fetching and the host rule live elsewhere.
Facts measured against WordPress 6.1.9 (tests/wordpress): `date_gmt` has no offset and is UTC;
`after=` is compared with the site-local `comment_date`, exclusive, so it is sent with an explicit
offset; anonymous requests may not ask for `type=pingback` (401), so pingbacks come from feeds only;
an API unplugged by a plugin answers `?rest_route=` with the HTML home page (status 200).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from urllib.parse import parse_qsl, urlencode, urljoin, urlsplit, urlunsplit

from collector.feeds.records import CommentRecord, PostRecord
from collector.feeds.text import display_name, html_to_text

API_REL = "https://api.w.org/"
PER_PAGE = 100                                   # the API's maximum (101 answers 400)
# Only the fields Pulso reads: a third of the full answer's bytes (measured on a demo blog's 13,750 comments).
FIELDS = "id,post,parent,author,author_name,date_gmt,content,link,type"
_GENERATOR = re.compile(r"wordpress\.(?:org|com)", re.I)
_LINK_ITEM = re.compile(r'<\s*([^>]+?)\s*>\s*;([^,]*?rel\s*=\s*"?([^";,]+)"?[^,]*)', re.I)
_POST_ID_PARAM = re.compile(r"[?&](?:p|page_id)=(\d+)(?:&|$)")
_KINDS = {"comment": "comment", "": "comment", "pingback": "pingback", "trackback": "trackback"}


@dataclass(frozen=True)
class Api:
    """Where a blog's REST API answers: `https://host/wp-json/` or `https://host/?rest_route=/`."""

    root: str

    def comments_url(self, *, post: int | None = None, after: datetime | None = None, page: int = 1) -> str:
        """One page of comments, oldest first, so a page boundary never moves under a new comment."""
        params: list[tuple[str, str]] = [("per_page", str(PER_PAGE)), ("orderby", "date_gmt"), ("order", "asc"),
                                         ("_fields", FIELDS)]
        if post is not None:
            params.append(("post", str(post)))
        if after is not None:
            params.append(("after", after.astimezone(UTC).strftime("%Y-%m-%dT%H:%M:%S+00:00")))
        if page > 1:
            params.append(("page", str(page)))
        return self._route("/wp/v2/comments", params)

    def _route(self, route: str, params: list[tuple[str, str]]) -> str:
        parts = urlsplit(self.root)
        query = parse_qsl(parts.query, keep_blank_values=True)
        if any(k == "rest_route" for k, _ in query):       # plain permalinks: the route is a parameter
            query = [(k, v) for k, v in query if k != "rest_route"] + [("rest_route", route)]
            return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode(query + params, safe="/:"), ""))
        base = urljoin(self.root if self.root.endswith("/") else self.root + "/", route.lstrip("/"))
        return f"{base}?{urlencode(params, safe='/:')}"


def is_wordpress(generator: str | None, link_header: str | None = None) -> bool:
    """The feed's `<generator>` says WordPress, or the response links the WordPress API."""
    return bool(generator and _GENERATOR.search(generator)) or api_from_link_header(link_header) is not None


def api_from_link_header(value: str | None) -> str | None:
    """The API root from a `Link: <…/wp-json/>; rel="https://api.w.org/"` header, if there is one."""
    for m in _LINK_ITEM.finditer(value or ""):
        if m.group(3).strip() == API_REL and urlsplit(m.group(1)).scheme in ("http", "https"):
            return m.group(1)
    return None


def default_api(site_url: str) -> Api:
    """`?rest_route=` works with and without pretty permalinks, so it is the safe guess."""
    parts = urlsplit(site_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return Api(urlunsplit((parts.scheme, parts.netloc, path, "rest_route=/", "")))


def post_number(post: PostRecord) -> int | None:
    """The post's WordPress id: its guid (`?p=N`), else its comment feed (`?feed=rss2&p=N`)."""
    for ref in (post.key, post.comments_feed_url or "", post.url or ""):
        if m := _POST_ID_PARAM.search(ref):
            return int(m.group(1))
    return None


@dataclass(frozen=True)
class ApiPage:
    comments: tuple[CommentRecord, ...] = ()
    problem: str | None = None      # set: the answer is not the API's (the API is off or blocked)


def api_off_reason(http_status: int | None, content_type: str | None, body: bytes | None) -> str | None:
    """Why an answer shows the API is unusable here, in words for the health page; None if it is the API."""
    if http_status in (401, 403):
        return f"the REST API refused access (HTTP {http_status}): a security plugin or setting turned it off"
    if http_status == 404:
        return "the REST API is not there (HTTP 404)"
    if http_status is not None and http_status >= 400:
        return f"the REST API answered HTTP {http_status}"
    if "json" not in (content_type or "").lower():
        return (f"the REST API answered with {(content_type or 'no content type').split(';')[0]} instead of JSON "
                "(an HTML page: the API is unplugged or rewritten)")
    return None


def parse_comments(body: bytes) -> ApiPage:
    """`/wp/v2/comments` JSON -> records keyed `wp:N`, the same keys the comment feeds give."""
    try:
        items = json.loads(body)
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        return ApiPage(problem=f"the REST API answer is not valid JSON ({exc.__class__.__name__})")
    if not isinstance(items, list):
        return ApiPage(problem="the REST API answer is not a list of comments")
    records = []
    for item in items:
        record = _comment(item) if isinstance(item, dict) else None
        if record is not None:
            records.append(record)
    return ApiPage(tuple(records))


def _comment(item: dict) -> CommentRecord | None:
    number = item.get("id")
    if not isinstance(number, int):
        return None
    link = item.get("link") if isinstance(item.get("link"), str) else None
    parent = item.get("parent")
    content = item.get("content")
    rendered = content.get("rendered") if isinstance(content, dict) else None
    author = item.get("author")
    return CommentRecord(
        key=f"wp:{number}",
        url=link if link and urlsplit(link).scheme in ("http", "https") else None,
        author=display_name(item.get("author_name") if isinstance(item.get("author_name"), str) else None),
        published_at=_gmt(item.get("date_gmt")),
        text=html_to_text(rendered if isinstance(rendered, str) else ""),
        parent_key=f"wp:{parent}" if isinstance(parent, int) and parent > 0 else None,
        reply_to_ref=None,
        post_url=link.split("#")[0] if link else None,   # the post page, query kept (?p=N)
        kind=_KINDS.get(str(item.get("type") or ""), "comment"),
        has_account=(author > 0) if isinstance(author, int) else None,
    )


def _gmt(value: object) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        when = datetime.fromisoformat(value)
    except ValueError:
        return None
    return when.replace(tzinfo=UTC) if when.tzinfo is None else when.astimezone(UTC)

