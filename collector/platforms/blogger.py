"""Blogger: its feeds page on `www.blogger.com`, whatever host the blog itself is on.

Why: a `*.blogspot.*` blog (or a custom-domain one) links page 2 of every feed to
`https://www.blogger.com/feeds/<blog id>/…?start-index=26`, which the same-host rule would refuse
(25 of 39 posts read on a real blog). Blogger's own feed host is part of the platform, so it is
allowed without the user listing it in `follow_hosts`. Pages are asked for large (`max-results`)
to save requests; Blogger caps the number silently.
"""

from __future__ import annotations

import re
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

FEED_HOST = "www.blogger.com"
MAX_RESULTS = 500
_BLOGSPOT = re.compile(r"^[^.]+\.blogspot\.(?:com|co)(?:\.[a-z]{2})?$|^[^.]+\.blogspot\.[a-z]{2}$")


def is_blogger(host: str | None, generator: str | None = None) -> bool:
    """A blogspot host, or a feed whose `<generator>` is Blogger (custom domains)."""
    return bool(host and _BLOGSPOT.search(host.lower())) or (generator or "").strip().lower().startswith("blogger")


def is_feed_url(url: str) -> bool:
    """A Blogger feed URL (posts, comments, per-post comments), on the blog or on www.blogger.com."""
    return "/feeds/" in urlsplit(url).path


def large_pages(url: str) -> str:
    """`url` asking for MAX_RESULTS entries a page, unless it already names a page size."""
    parts = urlsplit(url)
    query = parse_qsl(parts.query, keep_blank_values=True)
    if not is_feed_url(url) or any(k == "max-results" for k, _ in query):
        return url
    return urlunsplit((parts.scheme, parts.netloc, parts.path, urlencode([*query, ("max-results", str(MAX_RESULTS))]),
                       parts.fragment))
