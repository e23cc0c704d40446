"""News and alert search feeds (Google News, Google Alerts, Bing News): each entry is a mention elsewhere.

Why unwrap: these feeds link through their own click-tracking redirects, so the same article
found by two searches (or by a search and a configured blog) would be two posts. The real
article URL is inside the wrapper — a query parameter (Alerts, Bing) or, for Google News' older
article ids, base64 inside the path — and becomes the post's key and link, tracking parameters
removed. Google News' newer opaque ids cannot be decoded offline; those stay as they are and the
entry's `<source>`/description link is used when it names the article.
"""

from __future__ import annotations

import base64
import re
from urllib.parse import parse_qsl, urlsplit

from collector.feeds.text import strip_tracking

_WRAPPERS = {            # host -> the query parameter that holds the article
    "www.google.com": "url", "google.com": "url",
    "www.bing.com": "url", "bing.com": "url",
}
_GNEWS_ARTICLE = re.compile(r"^/(?:rss/)?articles/([A-Za-z0-9_-]+)")
_URL_IN_BYTES = re.compile(rb"https?://[\x21-\x7e]+")
SEARCH_HOSTS = ("news.google.com", "www.google.com", "google.com", "www.bing.com", "bing.com")


def is_search_feed(url: str) -> bool:
    """A news/alerts search feed URL, so `kind = "search"` can be suggested or checked."""
    parts = urlsplit(url)
    host, path = (parts.hostname or "").lower(), parts.path
    return ((host == "news.google.com" and path.startswith("/rss"))
            or (host in ("www.google.com", "google.com") and path.startswith("/alerts/feeds"))
            or (host in ("www.bing.com", "bing.com") and path.startswith("/news")
                and "format=rss" in parts.query.lower()))


def article_url(link: str) -> str:
    """The article a search entry points at, without redirect wrappers or tracking parameters."""
    for _ in range(3):                                   # wrappers can nest (Alerts inside Bing…)
        unwrapped = _unwrap_once(link)
        if unwrapped == link:
            break
        link = unwrapped
    return strip_tracking(link)


def _unwrap_once(link: str) -> str:
    try:
        parts = urlsplit(link)
    except ValueError:
        return link
    host = (parts.hostname or "").lower()
    param = _WRAPPERS.get(host)
    if param and parts.path in ("/url", "/news/apiclick.aspx", "/ck/a"):
        for key, value in parse_qsl(parts.query):
            if key.lower() == param and urlsplit(value).scheme in ("http", "https"):
                return value
    if host == "news.google.com" and (m := _GNEWS_ARTICLE.match(parts.path)):
        return _gnews_decoded(m.group(1)) or link
    return link


def _gnews_decoded(article_id: str) -> str | None:
    """Older Google News ids ("CBMi…") are base64 of a small protobuf holding the URL."""
    try:
        raw = base64.urlsafe_b64decode(article_id + "=" * (-len(article_id) % 4))
    except (ValueError, TypeError):
        return None
    m = _URL_IN_BYTES.search(raw)
    if not m:
        return None
    url = m.group(0)
    # protobuf: the URL's length byte precedes it; trust it over the printable run when it is shorter
    start = m.start()
    if start > 0 and raw[start - 1] <= len(url):
        url = url[: raw[start - 1]]
    try:
        return url.decode("ascii")
    except UnicodeDecodeError:
        return None
