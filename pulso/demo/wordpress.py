"""The demo's WordPress blogs: feed-rss2.php for posts, feed-rss2-comments.php per post and blog-wide,
a home page, and the REST API's comment list (`pulso.demo.wpapi`).

Like a real WordPress 6.1.9, a comment feed holds only the newest `posts_per_rss` (10) comments of a
post, pingbacks included, while `<slash:comments>` counts them all: a collector that reads feeds only
visibly misses the start of every long thread. The API lists every approved comment with its exact
`parent` and `author` (a user id for staff accounts, 0 for visitors) and leaves pingbacks out.
"""

from __future__ import annotations

import heapq
from html import escape as esc_html
from typing import TYPE_CHECKING, Any

from pulso.demo.feeds import Feed, rss_item, write_rss
from pulso.demo.wpapi import comment_object, write_store
from pulso.demo.writer import Writer, post_html, rfc822

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post

FEED_WINDOW = 10  # posts_per_rss: what a comment feed holds
VERSION = "6.1.9"
FILE_COMMENTS = "file:///etc/passwd"
FOREIGN_COMMENTS = "http://comments.example.net/feed/"
BROKEN_POST_DATE = "lunes, 14 de abril de 2026, 10:30"


class WordPressWriter(Writer):
    def setup(self) -> None:
        self.home = f"{self.base}/wp/{self.spec.name}/"
        self.api_root = f"{self.home}wp-json/"
        self.recent: list[tuple[Any, int, int, str]] = []  # bounded heap: the blog-wide comments feed
        self.api: list[dict[str, Any]] = []

    def post(self, post: Post, comments: list[Comment]) -> None:
        link, wp_id = f"{self.home}{post.slug}/", 100 + 13 * post.idx + (post.idx * 7) % 5
        path = f"/wp/{self.spec.name}/{post.slug}/feed/"
        latest = self.touch(max([post.when, *(c.when for c in comments)]))
        self.links.append((link, post.title))
        count = len(comments)
        numbers = {id(c): (post.idx + 1) * 10_000 + c.k for c in comments}  # unique per blog
        if "file-comments" in post.hostile or "foreign-comments" in post.hostile:
            comment_rss, count = (FILE_COMMENTS, 3) if "file-comments" in post.hostile else (FOREIGN_COMMENTS, 2)
        else:
            comment_rss = self.base + path
            feed = Feed(self.L["comments_on"].format(post.title), path, link, self.L["desc"], self.spec.lang, latest)
            newest = comments[::-1][:FEED_WINDOW]
            write_rss(self.root, self.base, feed, [self._comment(post, link, wp_id, c, numbers) for c in newest])
            self.tally.files += 1
        self.tally.long_threads += len(comments) > FEED_WINDOW
        self.api.extend(self._api(link, wp_id, c, numbers) for c in comments if c.kind == "comment")
        pub = BROKEN_POST_DATE if "broken-post-date" in post.hostile else rfc822(post.when)
        self.items.append(rss_item(
            title=post.title, link=link, guid=f"{self.home}?p={wp_id}", pub=pub, creator=post.author,
            description=esc_html(post.paras[0], quote=False) + " [&#8230;]", content=post_html(post),
            comments_link=f"{link}#comments", categories=post.categories, comment_rss=comment_rss,
            comment_count=count))

    def _comment(self, post: Post, link: str, wp_id: int, c: Comment, numbers: dict[int, int]) -> str:
        n = numbers[id(c)]
        body = c.html.replace("\n", "<br />\n")
        content, text = f"<p>{body}</p>\n", c.html
        if c.parent is not None:
            prefix = (f'{self.L["reply"]} <a href="{link}#comment-{numbers[id(c.parent)]}">'
                      f"{esc_html(c.parent.author, quote=False)}</a>.")
            content, text = f"<p>{prefix}</p>\n{content}", f"{prefix}\n\n{text}"
        item = rss_item(title=self.L["by"].format(c.author), link=f"{link}#comment-{n}",
                        guid=f"{self.home}?p={wp_id}#comment-{n}", pub=c.raw_date or rfc822(c.when),
                        creator=c.author, description=esc_html(text).replace("&#x27;", "&#039;"), content=content)
        wide = item.replace(f"<title>{_xml(self.L['by'].format(c.author))}</title>",
                            f"<title>{_xml(self.L['comment_on'].format(post.title, c.author))}</title>", 1)
        entry = (c.when, post.idx, c.k, wide)
        (heapq.heappush if len(self.recent) < FEED_WINDOW else heapq.heappushpop)(self.recent, entry)
        return item

    def _api(self, link: str, wp_id: int, c: Comment, numbers: dict[int, int]) -> dict[str, Any]:
        """The comment as the REST API shows it: no "In reply to" text (the parent is a field), `&` as `&#038;`."""
        html = "<p>" + c.html.replace("&amp;", "&#038;").replace("\n", "<br />\n") + "</p>\n"
        url = self.base + c.url if c.url.startswith("/") else c.url
        return comment_object(number=numbers[id(c)], post=wp_id,
                              parent=numbers[id(c.parent)] if c.parent is not None else 0, user=c.account,
                              author=c.author, author_url=url, when=c.when, zone=self.spec.zone, html=html,
                              link=f"{link}#comment-{numbers[id(c)]}", api_root=self.api_root, kind=c.kind)

    def finish(self) -> None:
        feed = Feed(self.spec.title, self.spec.feed_path, self.home, self.L["desc"], self.spec.lang, self.updated)
        write_rss(self.root, self.base, feed, reversed(self.items))
        feed = Feed(self.L["comments_for"].format(self.spec.title), self.spec.blogwide_path, self.home,
                    self.L["desc"], self.spec.lang, self.updated)
        write_rss(self.root, self.base, feed, (e[3] for e in sorted(self.recent, reverse=True)))
        self.tally.files += 2
        blog = self.root / "wp" / self.spec.name
        self.tally.files += write_store(blog, api=self.spec.api, timezone=self.spec.zone.key, name=self.spec.title,
                                        description=self.L["desc"], home=self.home, comments=self.api)
        title = esc_html(self.spec.title)
        self.home_page(f"/wp/{self.spec.name}/", [
            f'<link rel="alternate" type="application/rss+xml" title="{title} &raquo; {self.L["feed"]}" '
            f'href="{self.base}{self.spec.feed_path}" />',
            f'<link rel="alternate" type="application/rss+xml" title="{title} &raquo; {self.L["comments_feed"]}" '
            f'href="{self.base}{self.spec.blogwide_path}" />',
            f'<link rel="https://api.w.org/" href="{self.api_root}" />',
            f'<meta name="generator" content="WordPress {VERSION}" />'])


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
