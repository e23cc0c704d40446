"""Which URLs found inside a source's feeds may be requested: the same-host rule, plus the platform's hosts.

Why a class: the platform is not always known before the first page is read. A `*.blogspot.*` blog
is Blogger from its URL, but a custom-domain Blogger blog says so only in its feed's `<generator>`,
and its page 2 is linked on Blogger's feed host. The rule learns the platform from the first page
(`learn`) and from then on allows that host too, without the user listing it in `follow_hosts`.
"""

from __future__ import annotations

from urllib.parse import urlsplit

from collector.config import Source
from collector.feeds.records import ParsedFeed
from collector.platforms import blogger


def _host(url: str) -> str:
    try:
        return (urlsplit(url).hostname or "").lower()
    except ValueError:
        return ""


class HostRule:
    """`rule(url)` is None when `url` may be requested, else the reason not to (for the health log)."""

    def __init__(self, source: Source, *, blogger_feed_host: str = blogger.FEED_HOST) -> None:
        self.source = source
        self._blogger_host = blogger_feed_host.lower()
        own = {_host(source.url)} if not source.is_local_file else set()
        if source.comments_url and urlsplit(source.comments_url).scheme in ("http", "https"):
            own.add(_host(source.comments_url))
        self.hosts = own | set(source.follow_hosts)
        self.platform = source.platform
        if self.platform == "blogger" or (not self.platform and blogger.is_blogger(_host(source.url))):
            self._become_blogger()

    def _become_blogger(self) -> None:
        self.platform = "blogger"
        self.hosts.add(self._blogger_host)

    def learn(self, feed: ParsedFeed | None) -> None:
        """What the source's own first page says about its platform (only when the config did not say)."""
        if feed is None or self.source.platform:
            return
        if blogger.is_blogger(None, feed.generator):
            self._become_blogger()

    def __call__(self, url: str) -> str | None:
        try:
            parts = urlsplit(url)
        except ValueError:
            return "not a valid URL"
        if parts.scheme not in ("http", "https"):
            return f"not an http(s) URL ({parts.scheme or 'no scheme'}:)"
        host = (parts.hostname or "").lower()
        if host not in self.hosts:
            return f"host {host!r} is not the source's host; add it to follow_hosts to allow it"
        return None

    @property
    def salt(self) -> bytes:
        """What the rule reads, for entry digests: a change of rules has every entry read again."""
        s = self.source
        return repr((s.url, s.comments_url, sorted(s.follow_hosts), s.platform, self._blogger_host)).encode()
