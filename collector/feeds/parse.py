"""Feed bytes -> typed records (feedparser does the XML; this module does the meaning).

Pure: no I/O, no database, no config. The same function reads post feeds and comment feeds,
because real feeds mix them (Blogger exports hold posts and comments side by side).
"""

from __future__ import annotations

import calendar
import codecs
import hashlib
import io
import re
from datetime import UTC, datetime
from typing import Any
from urllib.parse import urljoin, urlsplit, urlunsplit

import feedparser

from collector.feeds.records import CommentRecord, ParsedFeed, PostRecord
from collector.feeds.text import display_name, html_to_text, strip_tracking

_BLOGGER_TAG = re.compile(r"tag:blogger\.com,1999:blog-\d+\.(?:post|page)-(\d+)$")
_BLOGGER_KIND = "http://schemas.google.com/blogger/2008/kind#"
_WP_COMMENT = re.compile(r"#comment-(\d+)\b")
_BLOGGER_COMMENT_LINK = re.compile(r"/comments/default/(\d+)(?:[?#]|$)")
_BLOGGER_FRAGMENT = re.compile(r"[?&]showComment=\d+#c(\d+)$")
# WordPress prefixes a threaded reply with a localised "In reply to <a href=…#comment-N>Name</a>."
_REPLY_PREFIX = re.compile(
    r"^\s*(?:<p>\s*)?(?:In reply to|En respuesta a|Em resposta a|En réponse à|Als Antwort auf|"
    r"In risposta a|Als antwoord op|W odpowiedzi do)\s*"
    r"(?:<a\b[^>]*?href=(?P<q>[\"'])(?P<href>[^\"']*)(?P=q)[^>]*>.*?</a>|[^.<]{1,80})\s*\.\s*(?:</p>)?",
    re.IGNORECASE | re.DOTALL,
)
# WordPress writes a pingback's text as "[…] excerpt of the linking post […]" (core's pingback()).
_PINGBACK_TEXT = re.compile(r"^\s*\[(?:…|\.\.\.|&#8230;)\].*\[(?:…|\.\.\.|&#8230;)\]\s*$", re.DOTALL)
_FEEDISH_HREF = re.compile(r"(?:\.(?:atom|rss|rdf|xml)|/feed/?|/comments/default)(?:\?[^#]*)?$", re.I)
_FEED_TYPES = ("application/atom+xml", "application/rss+xml", "application/rdf+xml", "application/xml",
               "text/xml")


def _http_url(url: str | None, base: str | None = None) -> str | None:
    """An absolute http(s) URL, or None: `javascript:`, `data:` and friends are dropped here."""
    if not url:
        return None
    url = url.strip()
    if base:
        url = urljoin(base, url)
    try:
        parts = urlsplit(url)
        host = parts.hostname
    except ValueError:       # "http://[::1" and other unparseable hosts
        return None
    if parts.scheme not in ("http", "https") or not host:
        return None
    return strip_tracking(url)


def _page_url(url: str | None) -> str | None:
    """The page a comment link points into: fragment and query dropped."""
    if not url:
        return None
    p = urlsplit(url)
    return urlunsplit((p.scheme, p.netloc.lower(), p.path, "", ""))


def normalise_ref(ref: str | None) -> str | None:
    """One key per item whatever link form names it (guid, permalink, Blogger tag, #comment-N)."""
    if not ref:
        return None
    ref = ref.strip()
    if m := _BLOGGER_TAG.search(ref):
        return f"blogger:{m.group(1)}"
    if m := _WP_COMMENT.search(ref):
        return f"wp:{m.group(1)}"
    if m := _BLOGGER_FRAGMENT.search(ref) or _BLOGGER_COMMENT_LINK.search(ref):
        return f"blogger:{m.group(1)}"
    return ref


def _when(entry: Any) -> datetime | None:
    for key in ("published_parsed", "updated_parsed", "created_parsed"):
        value = entry.get(key)
        if value:
            try:
                return datetime.fromtimestamp(calendar.timegm(value), UTC)
            except (OverflowError, ValueError, TypeError):
                continue
    return None


def _fallback_key(*parts: object) -> str:
    return "h:" + hashlib.sha1("\x1f".join(str(p) for p in parts).encode()).hexdigest()[:20]


def _entry_key(entry: Any, link: str | None, title: str, when: datetime | None) -> str:
    guid = (entry.get("id") or "").strip()
    if guid:
        return normalise_ref(guid) or guid
    if link:
        return normalise_ref(link) or link
    return _fallback_key(title, when.isoformat() if when else "", html_to_text(_raw_html(entry))[:200])


def _raw_html(entry: Any) -> str:
    content = entry.get("content")
    if content:
        return content[0].get("value") or ""
    return entry.get("summary") or ""


def _author(entry: Any) -> str | None:
    detail = entry.get("author_detail") or {}
    return display_name(detail.get("name") or entry.get("author"))


def _kind(entry: Any) -> str | None:
    for tag in entry.get("tags") or ():
        term = tag.get("term") or ""
        if term.startswith(_BLOGGER_KIND):
            return term[len(_BLOGGER_KIND):]
    return None


def _reply_to(entry: Any) -> str | None:
    """feedparser names `thr:in-reply-to` after the document's prefix (thr_, t_, ns1_…)."""
    for key, value in entry.items():
        if key.endswith("_in-reply-to") and isinstance(value, dict):
            return value.get("ref") or value.get("href")
    return None


def _comments_feed(entry: Any, base: str) -> str | None:
    url = entry.get("wfw_commentrss")
    if url:
        return _absolute(base, url)
    for link in _replies_links(entry):
        href = link.get("href") or ""
        kind = (link.get("type") or "").split(";")[0].strip()
        # feedparser reports a missing type as text/html; a feed-looking href settles it.
        if kind in _FEED_TYPES or (kind == "text/html" and _FEEDISH_HREF.search(href)):
            return _absolute(base, href)
    return None


def _absolute(base: str, url: str) -> str:
    """Resolve a relative URL; leave one with a scheme exactly as written (so the refusal log shows it)."""
    url = url.strip()
    return url if urlsplit(url).scheme else urljoin(base, url)


def _replies_links(entry: Any) -> list[Any]:
    return [link for link in entry.get("links") or () if link.get("rel") == "replies" and link.get("href")]


def _count(entry: Any) -> int | None:
    counts = [link.get("thr:count") for link in _replies_links(entry) if link.get("thr:count")]
    for value in (entry.get("slash_comments"), entry.get("thr_total"), *counts):
        if value is not None:
            try:
                return int(str(value).strip())
            except ValueError:
                continue
    return None


def _comment(entry: Any, base: str) -> CommentRecord:
    raw = _raw_html(entry)
    parent_key = None
    m = _REPLY_PREFIX.match(raw)
    if m:
        parent_key = normalise_ref(m.group("href"))
        raw = raw[m.end():]
    for link in entry.get("links") or ():
        if link.get("rel") == "related" and link.get("href"):
            parent_key = parent_key or normalise_ref(urljoin(base, link["href"]))
    link = _http_url(entry.get("link"), base)
    when = _when(entry)
    title = html_to_text(entry.get("title") or "")
    text = html_to_text(raw)
    return CommentRecord(
        key=_entry_key(entry, link, title, when), url=link, author=_author(entry), published_at=when,
        text=text, parent_key=parent_key, reply_to_ref=normalise_ref(_reply_to(entry)),
        post_url=_page_url(link), kind=comment_kind(text),
    )


def comment_kind(text: str) -> str:
    """`pingback` for WordPress's pingback text, else `comment` (feeds do not say; the API does)."""
    return "pingback" if _PINGBACK_TEXT.match(text) else "comment"


def _post(entry: Any, base: str) -> PostRecord:
    link = _http_url(entry.get("link"), base)
    when = _when(entry)
    title = html_to_text(entry.get("title") or "")
    return PostRecord(
        key=_entry_key(entry, link, title, when), url=link, title=title, author=_author(entry),
        published_at=when, text=html_to_text(_raw_html(entry)), comments_feed_url=_comments_feed(entry, base),
        comment_count=_count(entry), publisher=_publisher(entry),
    )


def _publisher(entry: Any) -> str | None:
    """The publisher an aggregated item names: RSS `<source>` (Google News), Bing News' `News:Source`."""
    source = entry.get("source")
    name = source.get("title") if isinstance(source, dict) else None
    return display_name(name or entry.get("news_source"))


def _lang(value: str | None) -> str | None:
    if not value:
        return None
    return value.strip().lower().replace("_", "-").split("-")[0] or None


_XML_DECL_ENCODING = re.compile(r"""^(\s*<\?xml[^>]*?)\s+encoding\s*=\s*(["'])[^"']*\2""")


def _utf16_without_bom(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """A UTF-16 body with no byte-order mark, re-encoded as UTF-8 (feedparser cannot guess it).

    Detected by NUL bytes on one side of most ASCII characters in the first bytes ('<\0r\0s\0s\0').
    Anything else is returned unchanged.
    """
    head = body[:512]
    if b"\0" not in head or head[:2] in (b"\xff\xfe", b"\xfe\xff") or len(head) < 8:
        return body, headers
    even, odd = head[0::2], head[1::2]
    if odd.count(0) > len(odd) * 0.6 and even.count(0) < len(even) * 0.1:
        codec = "utf-16-le"
    elif even.count(0) > len(even) * 0.6 and odd.count(0) < len(odd) * 0.1:
        codec = "utf-16-be"
    else:
        return body, headers
    try:
        text = body.decode(codec)
    except UnicodeDecodeError:
        text = body.decode(codec, errors="replace")
    text = _XML_DECL_ENCODING.sub(r'\1 encoding="utf-8"', text, count=1)
    fixed = dict(headers)
    ctype = fixed.get("content-type", "application/xml").split(";")[0].strip() or "application/xml"
    fixed["content-type"] = f"{ctype}; charset=utf-8"
    return text.encode("utf-8"), fixed


_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")
_CHARSET = re.compile(r"charset\s*=\s*[\"']?([\w.:-]+)", re.I)
_XML_DECL_CHARSET = re.compile(rb"""^\s*<\?xml[^>]*?encoding\s*=\s*["']([\w.:-]+)["']""")


def _cp1252_byte(error: UnicodeDecodeError) -> tuple[str, int]:
    bad = error.object[error.start:error.end]
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in bad), error.end


codecs.register_error("pulso-cp1252", _cp1252_byte)


def _mixed_utf8(body: bytes, headers: dict[str, str]) -> tuple[bytes, dict[str, str]]:
    """A UTF-8 document with stray Windows-1252 bytes (a pasted comment), made all UTF-8.

    feedparser decodes such a body wholly as Windows-1252, turning every accent and emoji into
    mojibake ("Ã³", "ðŸ˜€"). When the body says (or leaves to default) UTF-8 and does hold valid
    UTF-8 sequences, decode it as UTF-8 and read only the bytes that are not UTF-8 as Windows-1252.
    """
    try:
        body.decode("utf-8")
        return body, headers
    except UnicodeDecodeError:
        pass
    said = _CHARSET.search(headers.get("content-type", ""))
    declared = _XML_DECL_CHARSET.match(body[:200])
    names = {m.group(1).lower() if isinstance(m.group(1), str) else m.group(1).decode().lower()
             for m in (said, declared) if m}
    if names - {"utf-8", "utf8"} or not _UTF8_MULTIBYTE.search(body):
        return body, headers
    text = body.decode("utf-8", errors="pulso-cp1252")
    fixed = dict(headers)
    ctype = fixed.get("content-type", "application/xml").split(";")[0].strip() or "application/xml"
    fixed["content-type"] = f"{ctype}; charset=utf-8"
    return text.encode("utf-8"), fixed


_DOCTYPE_SUBSET = re.compile(rb"<!DOCTYPE\s+([\w:.-]+)[^\[>]*\[(.*?)\]\s*>", re.DOTALL | re.IGNORECASE)
_ENTITY_DECL = re.compile(rb"""<!ENTITY\s+([\w.-]+)\s+(["'])(.*?)\2\s*>""", re.DOTALL)
_HARMLESS_VALUE = re.compile(rb"&#(?:\d{1,7}|x[0-9a-fA-F]{1,6});|[^&%<\"']{0,8}")


def _defuse_dtd(body: bytes) -> bytes:
    """The internal DTD subset reduced to short, flat entities; everything else in it dropped.

    feedparser keeps every entity whose value holds no '&', and its lenient parser expands them: one
    100 kB entity named 1,000 times became a 100 MB title in 9 s. External (SYSTEM/PUBLIC) and
    parameter entities, nested references and long values go; `&name;` of a dropped entity stays
    literal text. A DOCTYPE without an internal subset is left for feedparser (it fetches nothing).
    """
    start = body.find(b"<!DOCTYPE", 0, 65536)
    if start < 0:
        start = body.find(b"<!doctype", 0, 65536)
    if start < 0:
        return body
    m = _DOCTYPE_SUBSET.match(body, start)
    if not m:
        return body
    kept = [b"<!ENTITY %s \"%s\">" % (e.group(1), e.group(3)) for e in _ENTITY_DECL.finditer(m.group(2))
            if _HARMLESS_VALUE.fullmatch(e.group(3))]
    # one declaration per line: feedparser's own entity filter only sees declarations that start a line
    doctype = b"<!DOCTYPE %s [\n%s\n]>" % (m.group(1), b"\n".join(kept)) if kept else b""
    return body[:start] + doctype + body[m.end():]


def _not_a_feed(body: bytes, reason: BaseException | None) -> str:
    """Why nothing could be read, in words that point at the usual fix."""
    if body.lstrip()[:200].lower().startswith((b"<!doctype html", b"<html")):
        return ("not a feed: the server sent a web page (HTML); use the blog's feed URL, "
                "e.g. WordPress …/feed/ or Blogger …/feeds/posts/default")
    return f"not a feed: {type(reason).__name__}: {reason}" if reason else "not a feed"


def parse_feed(body: bytes, url: str, *, as_comments: bool = False,
               headers: dict[str, str] | None = None) -> ParsedFeed:
    """Parse one feed document fetched from `url`.

    A bozo flag alone never rejects a feed: real feeds with a stray byte still carry good entries.
    Only a document with no feed structure and no entries is a `problem`.
    """
    response_headers = {"content-location": url, **{k.lower(): v for k, v in (headers or {}).items()}}
    response_headers.pop("content-encoding", None)
    body, response_headers = _utf16_without_bom(body, response_headers)
    body, response_headers = _mixed_utf8(body, response_headers)
    body = _defuse_dtd(body)
    # A BytesIO, never raw bytes: given bytes that spell a path (a body of b"/etc/passwd"),
    # feedparser opens that local file and parses it instead.
    d = feedparser.parse(io.BytesIO(body), response_headers=response_headers, sanitize_html=False,
                         resolve_relative_uris=False)
    feed = d.get("feed") or {}
    if not d.entries and not d.get("version") and not feed.get("title"):
        return ParsedFeed(format="unknown", title=None, site_url=None, language=None,
                          problem=_not_a_feed(body, d.get("bozo_exception")))
    posts, comments, notes = [], [], []
    for entry in d.entries:
        kind = _kind(entry)
        if kind in ("settings", "template", "page") or str(entry.get("app_draft", "")).strip().lower() == "yes":
            continue            # blog settings, layouts, pages and unpublished drafts are not posts
        base = url
        if as_comments or kind == "comment":
            comments.append(_comment(entry, base))
        else:
            post = _post(entry, base)
            if post.title or post.url or post.text or post.published_at:
                posts.append(post)
            else:
                notes.append("an entry with no title, link, text or date was skipped")
    if d.get("bozo"):
        notes.append(f"feed is not well-formed ({type(d.get('bozo_exception')).__name__}); read leniently")
    next_url = None
    for link in feed.get("links") or ():
        if link.get("rel") == "next" and link.get("href"):
            next_url = urljoin(url, link["href"])
    return ParsedFeed(
        format=d.get("version") or "unknown", title=html_to_text(feed.get("title") or "") or None,
        site_url=_http_url(feed.get("link"), url), language=_lang(feed.get("language")),
        posts=tuple(posts), comments=tuple(comments), next_url=next_url, notes=tuple(dict.fromkeys(notes)),
        generator=_generator(feed),
    )


def _generator(feed: Any) -> str | None:
    """`<generator>` as one string (text, else its uri), for platform detection."""
    detail = feed.get("generator_detail") or {}
    value = feed.get("generator") or detail.get("name") or detail.get("href")
    uri = detail.get("href") or detail.get("uri")
    return " ".join(dict.fromkeys(v for v in (value, uri) if v)) or None
