"""Feed writers for the demo dataset: one helper per real-world format.

The output mimics WordPress' `feed-rss2.php` / `feed-rss2-comments.php` and Blogger's Atom feeds
closely (element order, CDATA, `+0000` dates, Blogger's millisecond offsets), because the collector
is judged on real feeds and the demo is where it is exercised end to end. RSS files are written item
by item so a large scale never builds one huge string; Blogger's paged Atom is cut per request
(`pulso.demo.blogger_feeds`) from entries made here.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape, quoteattr

from pulso.demo.routing import disk_path

RSS_NS = ('xmlns:content="http://purl.org/rss/1.0/modules/content/"\n\txmlns:wfw="http://wellformedweb.org/CommentAPI/"'
          '\n\txmlns:dc="http://purl.org/dc/elements/1.1/"\n\txmlns:atom="http://www.w3.org/2005/Atom"'
          '\n\txmlns:sy="http://purl.org/rss/1.0/modules/syndication/"'
          '\n\txmlns:slash="http://purl.org/rss/1.0/modules/slash/"')
ATOM_NS = ('xmlns="http://www.w3.org/2005/Atom" xmlns:openSearch="http://a9.com/-/spec/opensearchrss/1.0/" '
           'xmlns:blogger="http://schemas.google.com/blogger/2008" xmlns:georss="http://www.georss.org/georss" '
           'xmlns:gd="http://schemas.google.com/g/2005" xmlns:thr="http://purl.org/syndication/thread/1.0"')


def cdata(text: str) -> str:
    """CDATA as WordPress writes it; a literal `]]>` is split so hostile text cannot close it."""
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def rfc822(dt: datetime) -> str:
    return format_datetime(dt.astimezone(UTC))


def blogger_time(dt: datetime) -> str:
    """Blogger's `2017-09-02T14:45:23.302-07:00`: local offset, milliseconds."""
    return dt.isoformat(timespec="milliseconds")


@dataclass
class Feed:
    """Channel-level data shared by both formats."""

    title: str
    url_path: str  # path of the feed itself, e.g. /wp/blog/feed/
    site_url: str  # the HTML home / post page
    description: str
    lang: str
    updated: datetime
    feed_id: str = ""  # Atom only
    extra_links: list[tuple[str, str, str]] = field(default_factory=list)  # Atom (rel, type, href)


def _write(path: Path, head: str, items: Iterable[str], tail: str, mtime: datetime) -> None:
    """Stream one feed to disk and stamp its mtime with the feed's last change (→ Last-Modified)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8", newline="\n") as fh:
        fh.write(head)
        for item in items:
            fh.write(item)
        fh.write(tail)
    ts = mtime.timestamp()
    os.utime(path, (ts, ts))


def write_rss(root: Path, base: str, feed: Feed, items: Iterable[str], *, wordpress: bool = True) -> None:
    """An RSS 2.0 document in WordPress' layout (news sites use the same skeleton, minus WP extras)."""
    wp_extra = ("\t<sy:updatePeriod>\n\thourly\t</sy:updatePeriod>\n"
                "\t<sy:updateFrequency>\n\t1\t</sy:updateFrequency>\n"
                "\t<generator>https://wordpress.org/?v=6.1.9</generator>\n") if wordpress else ""
    head = (f'<?xml version="1.0" encoding="UTF-8"?><rss version="2.0"\n\t{RSS_NS}\n\t>\n\n<channel>\n'
            f"\t<title>{escape(feed.title)}</title>\n"
            f'\t<atom:link href={quoteattr(base + feed.url_path)} rel="self" type="application/rss+xml" />\n'
            f"\t<link>{escape(feed.site_url)}</link>\n\t<description>{escape(feed.description)}</description>\n"
            f"\t<lastBuildDate>{rfc822(feed.updated)}</lastBuildDate>\n\t<language>{feed.lang}</language>\n"
            + wp_extra)
    _write(disk_path(root, feed.url_path), head, items, "\t</channel>\n</rss>\n", feed.updated)


def rss_item(*, title: str, link: str, guid: str, pub: str, creator: str, description: str,
             content: str | None = None, comments_link: str | None = None, categories: Sequence[str] = (),
             comment_rss: str | None = None, comment_count: int | None = None) -> str:
    """One `<item>`, in the element order of feed-rss2.php / feed-rss2-comments.php."""
    out = [f"\t<item>\n\t\t<title>{escape(title)}</title>\n\t\t<link>{escape(link)}</link>\n"]
    if comments_link:
        out.append(f"\t\t<comments>{escape(comments_link)}</comments>\n")
    out.append(f"\t\t<dc:creator>{cdata(creator)}</dc:creator>\n\t\t<pubDate>{escape(pub)}</pubDate>\n")
    out.extend(f"\t\t<category>{cdata(c)}</category>\n" for c in categories)
    out.append(f'\t\t<guid isPermaLink="false">{escape(guid)}</guid>\n'
               f"\t\t<description>{cdata(description)}</description>\n")
    if content is not None:
        out.append(f"\t\t<content:encoded>{cdata(content)}</content:encoded>\n")
    if comment_rss is not None:
        out.append(f"\t\t<wfw:commentRss>{escape(comment_rss)}</wfw:commentRss>\n")
    if comment_count is not None:
        out.append(f"\t\t<slash:comments>{comment_count}</slash:comments>\n")
    out.append("\t</item>\n")
    return "".join(out)


@dataclass(frozen=True)
class AtomAuthor:
    name: str
    profile: str | None = None


def atom_entry(*, entry_id: str, published: str, updated: str, title: str, content_html: str,
               author: AtomAuthor, links: Sequence[tuple[str, str, str, str | None]],
               categories: Sequence[str] = (), comment_kind: bool = False, total: int | None = None,
               in_reply_to: tuple[str, str, str] | None = None) -> str:
    """One Blogger `<entry>`; links are (rel, type, href, title-or-None) in Blogger's order."""
    kind = "comment" if comment_kind else "post"
    out = [f"<entry><id>{escape(entry_id)}</id><published>{escape(published)}</published>"
           f"<updated>{escape(updated)}</updated>"
           f'<category scheme="http://schemas.google.com/g/2005#kind" '
           f'term="http://schemas.google.com/blogger/2008/kind#{kind}"/>']
    out.extend(f'<category scheme="http://www.blogger.com/atom/ns#" term={quoteattr(c)}/>' for c in categories)
    out.append(f'<title type="text">{escape(title)}</title><content type="html">{escape(content_html)}</content>')
    for rel, typ, href, ltitle in links:
        t = f" title={quoteattr(ltitle)}" if ltitle is not None else ""
        out.append(f"<link rel={quoteattr(rel)} type={quoteattr(typ)} href={quoteattr(href)}{t}/>")
    out.append(f"<author><name>{escape(author.name)}</name>")
    if author.profile:
        out.append(f"<uri>{escape(author.profile)}</uri>")
    out.append('<email>noreply@blogger.com</email><gd:image rel="http://schemas.google.com/g/2005#thumbnail" '
               'width="16" height="16" src="https://img1.blogblog.com/img/b16-rounded.gif"/></author>')
    if in_reply_to:
        ref, href, source = in_reply_to
        out.append(f"<thr:in-reply-to href={quoteattr(href)} ref={quoteattr(ref)} source={quoteattr(source)} "
                   'type="text/html"/>')
    if total is not None:
        out.append(f"<thr:total>{total}</thr:total>")
    out.append("</entry>")
    return "".join(out)
