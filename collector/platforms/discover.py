"""Find a blog's feed from its home page, the way feed readers do.

People paste the address of a blog, not of its feed. The page says where its feeds are in
`<link rel="alternate" type="application/rss+xml" href>` (Atom likewise); WordPress lists its posts
feed and its comments feed there, Blogger its posts feed in Atom and RSS. When a page lists none,
the two platforms Pulso knows have fixed addresses: WordPress `/feed/`, Blogger
`/feeds/posts/default`. Parsing is selectolax (lexbor, an HTML5 parser): pages are tag soup, and
regexes over HTML miss what browsers find.

Pure: bytes and the page's URL in, a `Discovery` out; nothing is fetched here.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass
from email.message import Message
from urllib.parse import urljoin, urlsplit, urlunsplit

from selectolax.lexbor import LexborHTMLParser

from collector.platforms.blogger import is_blogger
from collector.platforms.wordpress import API_REL

FEED_TYPES = {"application/rss+xml": "rss", "application/atom+xml": "atom", "application/rdf+xml": "rdf"}
# Comment feeds, by address: WordPress (pretty and plain permalinks), Blogger.
_COMMENT_PATHS = ("/comments/feed", "/feeds/comments/")
_COMMENT_QUERIES = ("feed=comments-rss2", "feed=comments-atom")
# ... and by title: WordPress titles its feeds "<blog> » Feed" and "<blog> » Comments Feed" (es: "Feed
# de los comentarios"; a post's: "<blog> » <post> Comments Feed"), so the words after the last "»" count.
_COMMENT_TITLE = re.compile(r"\b(comments?|comentarios?)\b", re.IGNORECASE)


@dataclass(frozen=True)
class FeedCandidate:
    """One feed a page declares, resolved to an absolute http(s) URL."""

    url: str
    title: str | None
    format: str            # rss | atom | rdf
    comments: bool         # a comments feed, not the posts feed


@dataclass(frozen=True)
class Discovery:
    """The feed chosen for a page (None: none found), why, and the platform the page shows."""

    page_url: str
    feed_url: str | None
    reason: str
    platform: str | None = None                     # wordpress | blogger | None (unknown)
    candidates: tuple[FeedCandidate, ...] = ()      # every declared feed, best first
    wordpress_api: str | None = None                # the page's <link rel="https://api.w.org/">, absolute

    def describe(self) -> str:
        """One phrase for a summary line: which feed was chosen and why."""
        if self.feed_url is None:
            return f"no feed found on {self.page_url}: {self.reason}"
        return f"feed {self.feed_url} ({self.reason})"


def looks_like_html(body: bytes | None, content_type: str | None = None) -> bool:
    """Whether a response is a web page rather than a feed: its type says so, or it starts like one."""
    mime = (content_type or "").split(";")[0].strip().lower()
    if mime in ("text/html", "application/xhtml+xml"):
        return True
    head = (body or b"")[:1024].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    return head.startswith((b"<!doctype html", b"<html"))


def _charset(content_type: str | None) -> str | None:
    """The charset an HTTP Content-Type names, if Python knows it (the header outranks <meta>)."""
    if not content_type:
        return None
    msg = Message()
    msg["content-type"] = content_type
    name = msg.get_param("charset")
    if not isinstance(name, str):
        return None
    try:
        return codecs.lookup(name.strip()).name
    except LookupError:
        return None


def _parse(html: bytes | str, content_type: str | None) -> LexborHTMLParser:
    if isinstance(html, bytes) and (charset := _charset(content_type)):
        html = html.decode(charset, errors="replace")
    # With bytes, lexbor follows the HTML standard: BOM, then <meta charset> in the first 1024 bytes.
    return LexborHTMLParser(html, encoding=isinstance(html, bytes))


def _http(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("http", "https") and bool(parts.hostname)


def _base_url(tree: LexborHTMLParser, page_url: str) -> str:
    """The document's base URL: the first `<base href>`, itself relative to the page (HTML standard)."""
    base = tree.css_first("base[href]")
    href = (base.attributes.get("href") or "").strip() if base else ""
    return urljoin(page_url, href) if href else page_url


def _is_comments(url: str, title: str | None) -> bool:
    parts = urlsplit(url)
    path, query = parts.path.lower(), parts.query.lower()
    return (any(p in path for p in _COMMENT_PATHS) or any(q in query for q in _COMMENT_QUERIES)
            or bool(title and _COMMENT_TITLE.search(title.rsplit("»", 1)[-1])))


def feed_links(tree: LexborHTMLParser, base: str) -> list[FeedCandidate]:
    """The page's `<link rel=alternate>` feeds, in document order, duplicates and non-http(s) dropped."""
    found: list[FeedCandidate] = []
    seen: set[str] = set()
    for link in tree.css("link[href]"):
        attrs = link.attributes
        rels = (attrs.get("rel") or "").lower().split()
        kind = FEED_TYPES.get((attrs.get("type") or "").split(";")[0].strip().lower())
        href = (attrs.get("href") or "").strip()
        if "alternate" not in rels or kind is None or not href:
            continue
        url = urlunsplit(urlsplit(urljoin(base, href))._replace(fragment=""))
        if not _http(url) or url in seen:
            continue
        seen.add(url)
        title = " ".join((attrs.get("title") or "").split()) or None
        found.append(FeedCandidate(url=url, title=title, format=kind, comments=_is_comments(url, title)))
    return found


def rank(candidates: list[FeedCandidate]) -> list[FeedCandidate]:
    """Posts feeds before comments feeds; otherwise the page's own order (the main feed comes first)."""
    return sorted(candidates, key=lambda c: c.comments)


def _generators(tree: LexborHTMLParser) -> list[str]:
    return [" ".join((m.attributes.get("content") or "").split()).lower() for m in tree.css("meta[name]")
            if (m.attributes.get("name") or "").strip().lower() == "generator"]


def wordpress_api_link(tree: LexborHTMLParser, base: str) -> str | None:
    """The REST API root WordPress announces in `<link rel="https://api.w.org/">`, absolute http(s)."""
    for link in tree.css("link[href]"):
        if API_REL in (link.attributes.get("rel") or "").split():
            url = urljoin(base, (link.attributes.get("href") or "").strip())
            if _http(url):
                return url
    return None


def platform_of(tree: LexborHTMLParser, base: str, page_url: str) -> str | None:
    """WordPress or Blogger: the page's generator ("WordPress 6.1.9", "blogger"), WordPress's REST API
    link, or a blogspot host."""
    generators = _generators(tree)
    if any(g.startswith("wordpress") for g in generators) or wordpress_api_link(tree, base):
        return "wordpress"
    if any(is_blogger(urlsplit(page_url).hostname, g) for g in generators or [None]):
        return "blogger"
    return None


def _wordpress_feed(api: str | None, page_url: str) -> tuple[str, str]:
    """WordPress's posts feed. Its REST API link names the site's home, which may be a subfolder;
    a `?rest_route=` link means plain permalinks, where only `?feed=rss2` works."""
    if api:
        parts = urlsplit(api)
        if "rest_route=" in parts.query:
            # 6.1 announces `…/index.php?rest_route=/`; `index.php?feed=rss2` answers 301 to the folder's.
            home = parts.path.removesuffix("index.php")
            return urlunsplit(parts._replace(path=home, query="feed=rss2", fragment="")), \
                "WordPress convention ?feed=rss2"
        if parts.path.rstrip("/").endswith("/wp-json"):
            home = parts.path.rstrip("/")[: -len("wp-json")]
            return urlunsplit(parts._replace(path=home + "feed/", query="", fragment="")), \
                "WordPress convention /feed/"
    parts = urlsplit(page_url)
    path = parts.path if parts.path.endswith("/") else parts.path + "/"
    return urlunsplit(parts._replace(path=path + "feed/", query="", fragment="")), "WordPress convention /feed/"


def _blogger_feed(page_url: str) -> tuple[str, str]:
    parts = urlsplit(page_url)
    return (urlunsplit((parts.scheme, parts.netloc, "/feeds/posts/default", "", "")),
            "Blogger convention /feeds/posts/default")


def discover_feed(html: bytes | str, page_url: str, *, content_type: str | None = None) -> Discovery:
    """The posts feed of the page at `page_url` (its final URL, after redirects).

    A declared posts feed wins; then the platform's convention; a page that declares only comment
    feeds and shows no platform gets none, since a comments feed would be collected as posts.
    """
    tree = _parse(html, content_type)
    base = _base_url(tree, page_url)
    candidates = rank(feed_links(tree, base))
    platform = platform_of(tree, base, page_url)
    api = wordpress_api_link(tree, base)
    found = {"page_url": page_url, "platform": platform, "candidates": tuple(candidates), "wordpress_api": api}
    posts = [c for c in candidates if not c.comments]
    if posts:
        titled = f" titled {posts[0].title!r}" if posts[0].title else ""
        return Discovery(feed_url=posts[0].url, reason=f"discovered from <link rel=alternate>{titled}", **found)
    # The conventions are about the site's address, which is the page's (a <base href> may point anywhere).
    if platform == "wordpress":
        url, why = _wordpress_feed(api, page_url)
    elif platform == "blogger":
        url, why = _blogger_feed(page_url)
    else:
        why = ("the page lists only comment feeds" if candidates else
               "the page declares no feed (<link rel=alternate type=application/rss+xml>) and is not "
               "a WordPress or Blogger page")
        return Discovery(feed_url=None, reason=why + "; use the blog's feed URL", **found)
    return Discovery(feed_url=url, reason=why, **found)
