"""The demo's Blogger blogs: Atom posts feed, per-post and blog-wide comment feeds, and a home page.

As on Blogger, the feeds are served from the blog's host (`/blogger/<name>/feeds/posts/default`) but
their `self`/`next` links, and the entries' `self`/`related` links, are on Blogger's feed host
(`<feed host>/feeds/<blog id>/...`), which the demo serves on a second loopback address. The entries
are stored once per feed (`pulso.demo.blogger_feeds`) and paged per request.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from html import escape as esc_html
from html import unescape
from typing import TYPE_CHECKING

from pulso.demo.blogger_feeds import write_blog_id, write_feed
from pulso.demo.feeds import AtomAuthor, Feed, atom_entry, blogger_time
from pulso.demo.writer import Writer, digits, post_html

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post


class BloggerWriter(Writer):
    def setup(self) -> None:
        self.home = f"{self.base}/blogger/{self.spec.name}/"
        self.feeds = f"{self.base}/blogger/{self.spec.name}/feeds"
        self.blog_id = digits(f"{self.seed}:{self.spec.name}")
        # Blogger's feed host: the stand-in when there is one, else the blog's own host (one server).
        self.api = f"{self.hosts.blogger}/feeds/{self.blog_id}" if self.hosts.blogger else self.feeds
        self.all_comments: list[tuple[datetime, str]] = []

    def _local(self, dt: datetime) -> str:
        return blogger_time(dt.astimezone(self.spec.zone))

    def _store(self, feed: Feed, entries: list[str], paging_path: str) -> None:
        self.tally.files += write_feed(self.root, self.base, feed, entries, self.api + paging_path)

    def post(self, post: Post, comments: list[Comment]) -> None:
        pid = digits(f"{self.seed}:{self.spec.name}:{post.idx}")
        local = post.when.astimezone(self.spec.zone)
        url = f"{self.home}{local:%Y/%m}/{post.slug}.html"
        self.links.append((url, post.title))
        tag = f"tag:blogger.com,1999:blog-{self.blog_id}.post-{pid}"
        ids = {id(c): digits(f"{self.seed}:{self.spec.name}:{post.idx}:{c.k}") for c in comments}
        comments_path = f"/blogger/{self.spec.name}/feeds/{pid}/comments/default"
        entries = [self._comment(c, ids, pid, url, tag) for c in reversed(comments)]
        if self.spec.blogwide:
            self.all_comments.extend(zip((c.when for c in reversed(comments)), entries, strict=True))
        latest = self.touch(max([post.when, *(c.when for c in comments)]))
        feed = Feed(self.L["comments_on"].format(post.title), comments_path, url, self.spec.title, self.spec.lang,
                    latest.astimezone(self.spec.zone),
                    feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}.post{pid}..comments")
        self._store(feed, entries, f"/{pid}/comments/default")
        self.items.append(atom_entry(
            entry_id=tag, published=self._local(post.when),
            updated=self._local(post.when + timedelta(minutes=1 + post.idx % 47)), title=post.title,
            content_html=post_html(post), author=AtomAuthor(post.author, self._profile(post.author)),
            categories=post.categories, total=len(comments), links=[
                ("replies", "application/atom+xml", self.base + comments_path, self.L["post_comments"]),
                ("replies", "text/html", f"{url}#comment-form", self.L["n_comments"].format(len(comments))),
                ("self", "application/atom+xml", f"{self.api}/posts/default/{pid}", None),
                ("alternate", "text/html", url, post.title)]))

    def _profile(self, name: str) -> str | None:
        return None if name in ("Anónimo", "Anonymous") else f"https://www.blogger.com/profile/{digits(name)[:20]}"

    def _comment(self, c: Comment, ids: dict[int, str], pid: str, url: str, post_tag: str) -> str:
        cid = ids[id(c)]
        links = [("self", "application/atom+xml", f"{self.api}/{pid}/comments/default/{cid}", None),
                 ("alternate", "text/html", f"{url}?showComment={int(c.when.timestamp() * 1000)}#c{cid}", "")]
        if c.parent is not None:
            links.append(("related", "application/atom+xml", f"{self.api}/{pid}/comments/default/{ids[id(c.parent)]}",
                          None))
        return atom_entry(entry_id=f"tag:blogger.com,1999:blog-{self.blog_id}.post-{cid}",
                          published=c.raw_date or self._local(c.when), updated=c.raw_date or self._local(c.when),
                          title="Comentario" if "<" in c.html else unescape(c.html)[:60],
                          content_html=c.html.replace("\n", "<br />"), comment_kind=True,
                          author=AtomAuthor(c.author, self._profile(c.author)), links=links,
                          in_reply_to=(post_tag, url, f"{self.api}/posts/default/{pid}"))

    def finish(self) -> None:
        updated = self.updated.astimezone(self.spec.zone)
        feed = Feed(self.spec.title, self.spec.feed_path, self.home, self.L["desc"], self.spec.lang, updated,
                    feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}")
        self._store(feed, self.items[::-1], "/posts/default")
        if self.spec.blogwide:
            self.all_comments.sort(key=lambda x: x[0], reverse=True)
            feed = Feed(self.spec.title, self.spec.blogwide_path, self.home, self.L["desc"], self.spec.lang, updated,
                        feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}.comments")
            self._store(feed, [e for _, e in self.all_comments], "/comments/default")
        self.tally.files += write_blog_id(self.root, self.blog_id, f"/blogger/{self.spec.name}/feeds")
        self.home_page(f"/blogger/{self.spec.name}/", [
            '<meta content="blogger" name="generator"/>',
            f'<link rel="alternate" type="application/atom+xml" title="{esc_html(self.spec.title)} - Atom" '
            f'href="{self.base}{self.spec.feed_path}" />'])
