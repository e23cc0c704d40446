"""A failed fetch said in the site's language: "no responde (tiempo agotado)", "404 no encontrado".

The collector records each failure in English words an operator can act on (collector/fetching/client.py
`describe_error`, the WordPress API check, the feed parser, the outbound guard). The site's readers are a
communications team, so the Estado page and the source pages show a short phrase in the site language
instead, and keep the recorded text beside it (a tooltip and a "detail" line) for whoever fixes the feed.
The recorded texts are matched by the phrases the collector writes; anything unknown falls back to the
HTTP status, then to a generic "error: see the detail".
"""

from __future__ import annotations

import re

from scripts.i18n import Locale

#: (pattern on the recorded error, lower-cased) -> label key; the first match wins, so specific before general.
ERROR_PATTERNS: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), key) for p, key in (
    (r"^connection timed out", "err.connect_timeout"),
    (r"^timed out|timeout", "err.timeout"),
    (r"^connection refused", "err.conn_refused"),
    (r"^dns lookup failed", "err.dns"),
    (r"^tls error: .*(certificate|cert_)", "err.tls_cert"),
    (r"^tls error", "err.tls"),
    (r"^cannot connect", "err.connect"),
    (r"^server broke the connection", "err.broken"),
    (r"^cannot decode", "err.decode"),
    (r"larger than the .* byte limit", "err.too_big"),
    (r"^more than \d+ redirects", "err.redirects"),
    (r"^not a feed: the server sent a web page", "err.not_feed_html"),
    (r"^not a feed", "err.not_feed"),
    (r"^no feed found", "err.no_feed_found"),
    (r"^the rest api refused access", "err.api_refused"),
    (r"^the rest api is not there", "err.api_missing"),
    (r"^the rest api answered with .* instead of json", "err.api_html"),
    (r"^the rest api answer", "err.api_bad"),
    (r"^the rest api answered http", "err.api_http"),
    (r"is (a loopback|a link-local|a multicast|a unspecified|a private|a reserved|not a public) address",
     "err.not_public"),
    (r"is not the source's host", "err.other_host"),
    (r"^not an http\(s\) url", "err.scheme"),
    (r"^cannot read file", "err.file"),
))
#: HTTP statuses with a name of their own; others read as "4xx/5xx" in general words.
HTTP_KEYS = frozenset({400, 401, 403, 404, 410, 429, 500, 502, 503, 504})
_HTTP_IN_TEXT = re.compile(r"\bhttp (\d{3})\b")


def error_key(status: str | None, http_status: int | None, error: str | None) -> str | None:
    """Which phrase describes this fetch; None when it did not fail and recorded no error."""
    text = (error or "").strip().lower()
    http_status = _whole(http_status)
    for pattern, key in ERROR_PATTERNS:
        if pattern.search(text):
            return key
    code = http_status if http_status and http_status >= 400 else None
    found = _HTTP_IN_TEXT.search(text)
    if code is None and found:
        code = int(found.group(1))
    if code is not None:
        return f"err.http.{code}" if code in HTTP_KEYS else ("err.http.5xx" if code >= 500 else "err.http.4xx")
    if status == "gone":
        return "err.http.410"
    if status == "refused":
        return "err.refused"
    if text or status == "error":
        return "err.other"
    return None


def error_words(L: Locale, status: str | None, http_status: int | None, error: str | None) -> str:
    """The phrase in the site language ("" when nothing failed)."""
    key = error_key(status, http_status, error)
    if key is None:
        return ""
    code = _whole(http_status) or _code_in(error)
    return L.t(key, code=code if code is not None else "")


def _code_in(error: str | None) -> int | None:
    found = _HTTP_IN_TEXT.search((error or "").lower())
    return int(found.group(1)) if found else None


def _whole(value: object) -> int | None:
    """An HTTP status as read from a DataFrame (500.0, NaN, None) as an int or None."""
    try:
        number = float(value)  # type: ignore[arg-type]
    except (TypeError, ValueError):
        return None
    return int(number) if number == number else None
