"""Turning untrusted feed text into something safe to publish.

Everything a feed wrote (titles, authors, comment text, links) is hostile until shown otherwise:
templates autoescape it (so `<script>` shows as text), links survive only as http(s), e-mail
addresses never reach a page or a CSV, and long values are cut so one comment cannot swamp a table.
"""

from __future__ import annotations

import ipaddress
import json
import re
from typing import Any
from urllib.parse import urlsplit

from collector import fold, strip_tracking

EMAIL_RE = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_SPACE_RE = re.compile(r"\s+")
_CONTROL_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_SLUG_RE = re.compile(r"[^a-z0-9_-]+")
# http(s)://host[:port][/path][#fragment] with an ASCII host and no query: what safe_url keeps unchanged.
_PLAIN_URL_RE = re.compile(r"(?i)https?://[a-z0-9.-]+(?::[0-9]+)?(?:/[^?#]*)?(?:#.*)?")
# A URL (kept, minus tracking parameters), else an IPv4 or IPv6-looking token (checked, then masked).
_URL_OR_IP_RE = re.compile(
    r"(?P<url>https?://[^\s<>\"']+)"
    r"|(?<![\w.:])(?P<ip4>(?:\d{1,3}\.){3}\d{1,3})(?![\w]|\.\d)"
    r"|(?<![\w:])(?P<ip6>[0-9A-Fa-f]{0,4}(?::[0-9A-Fa-f]{0,4}){2,7})(?![\w:])")
#: Every URL has "http", every IPv4 a digit-dot-digit, every IPv6 two colons: the cheap test before the regex.
_DIGIT_DOT_DIGIT = re.compile(r"\d\.\d")
#: What an IP address in feed text becomes on a page.
IP_LABEL = "[IP]"
#: Default cuts, in characters.
TITLE_LIMIT, AUTHOR_LIMIT, EXCERPT_LIMIT = 90, 40, 160


def clean(text: object, limit: int | None = None, *, email_label: str = "[…]") -> str:
    """One line of plain text: whitespace collapsed, control characters and e-mail addresses removed, cut at `limit`."""
    if text is None or (isinstance(text, float) and text != text):
        return ""
    value = _CONTROL_RE.sub("", str(text))
    # the two costly patterns run only on text that could hold a match (an open queue has 100k+ rows)
    if "@" in value:
        value = EMAIL_RE.sub(email_label, value)
    if "http" in value or value.count(":") >= 2 or _DIGIT_DOT_DIGIT.search(value):
        value = _URL_OR_IP_RE.sub(_url_or_ip, value)
    value = _SPACE_RE.sub(" ", value).strip()
    return truncate(value, limit) if limit else value


def _url_or_ip(m: re.Match[str]) -> str:
    """URLs in text lose their tracking parameters; IP addresses outside URLs are masked."""
    if m.group("url"):
        return strip_tracking(m.group("url"))
    token = m.group("ip4") or m.group("ip6")
    try:
        ipaddress.ip_address(token)
    except ValueError:
        return token                  # a time like 10:30:00, a version like 1.2.300.4
    return IP_LABEL


def truncate(value: str, limit: int) -> str:
    """Cut at a word boundary when one is near, and say so with an ellipsis."""
    if len(value) <= limit:
        return value
    cut = value[: limit - 1]
    space = cut.rfind(" ")
    if space > limit * 0.6:
        cut = cut[:space]
    return cut.rstrip(" ,.;:") + "…"


def safe_url(url: object) -> str | None:
    """The URL when it is an absolute http(s) URL with a host, else None (no javascript:, data:, file:)."""
    if not isinstance(url, str):
        return None
    value = url.strip()
    if not value or _CONTROL_RE.search(value) or _SPACE_RE.search(value):  # \s is str.isspace
        return None
    if _PLAIN_URL_RE.fullmatch(value) and "utm_" not in value:
        return value   # the common case, decided without urlsplit: plain host, no query, nothing to strip
    try:
        parts = urlsplit(value)
    except ValueError:
        return None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        return None
    return strip_tracking(value)


def author(name: object, *, hidden: frozenset[str] = frozenset(), hidden_label: str = "–",
           email_label: str = "[…]") -> str:
    """A display name fit to show: never an e-mail address, blank for names the config hides."""
    value = clean(name, email_label=email_label)
    if value and fold(value) in hidden:
        return hidden_label
    return truncate(value, AUTHOR_LIMIT)


def slug(name: str) -> str:
    """A file name for a source page; config names are already URL-safe, this also folds accents and spaces."""
    return _SLUG_RE.sub("-", fold(name)).strip("-") or "source"


FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: Any) -> Any:
    """Neutralise spreadsheet formulas (=, +, -, @ at the start) in text that came from a feed."""
    if isinstance(value, str) and value[:1] in FORMULA_STARTS:
        return "'" + value
    return value


def json_for_script(data: Any) -> str:
    """JSON that cannot close its `<script>` element or start a comment there."""
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"), default=str)
    return (text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


_MD_SPECIAL_RE = re.compile(r"([\\`*_{}\[\]()#+!|])")


def md_escape(text: object) -> str:
    """Backslash-escape Markdown syntax in feed text, so `[x](javascript:…)` or `**` stays literal text
    in chat tools and in Python-Markdown (HTML escaping alone leaves Markdown links live)."""
    return _MD_SPECIAL_RE.sub(r"\\\1", "" if text is None else str(text))


def md_url(url: object) -> str | None:
    """An http(s) URL fit for a Markdown link target: parentheses and spaces percent-encoded."""
    target = safe_url(url)
    if target is None:
        return None
    return target.replace("(", "%28").replace(")", "%29").replace("<", "%3C").replace(">", "%3E")
