"""What every demo source writer shares: where it writes, its labels, the running tally, a home page.

`pulso.demo.sources` picks a writer per source kind (`pulso.demo.wordpress`, `pulso.demo.blogger`, and
the news writer here); each gets the posts oldest first with their threads already cut at `end`.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime
from html import escape as esc_html
from pathlib import Path
from typing import TYPE_CHECKING

from pulso.demo.feeds import Feed, rfc822, rss_item, write_rss
from pulso.demo.routing import folder

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post
    from pulso.demo.sources import Spec, Tally

JS_LINK = "javascript:alert(document.cookie)"
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # `updated` of a feed with nothing in it yet

LABELS = {
    "es": {"comments_on": "Comentarios en: {}", "by": "Por: {}", "comment_on": "Comentario en {} por {}",
           "comments_for": "Comentarios para {}", "reply": "En respuesta a", "post_comments": "Publicar comentarios",
           "n_comments": "{} comentarios", "desc": "Atención al cliente, tarifas y tecnología",
           "feed": "Feed", "comments_feed": "Feed de los comentarios", "html_lang": "es-ES"},
    "en": {"comments_on": "Comments on: {}", "by": "By: {}", "comment_on": "Comment on {} by {}",
           "comments_for": "Comments for {}", "reply": "In reply to", "post_comments": "Post Comments",
           "n_comments": "{} Comments", "desc": "Customer care, plans and technology",
           "feed": "Feed", "comments_feed": "Comments Feed", "html_lang": "en-GB"},
}


@dataclass(frozen=True)
class Hosts:
    """Where the demo is served: the blogs, and the stand-in for Blogger's feed host (same host if none)."""

    base: str
    blogger: str | None = None


def digits(key: str) -> str:
    """A Blogger-looking 19-digit id that depends only on `key` (stable across runs and ends)."""
    return str(10**18 + int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest()) % (9 * 10**18))


def post_html(post: Post) -> str:
    html = "".join(f"<p>{esc_html(p, quote=False)}</p>\n" for p in post.paras)
    if "js-link" in post.hostile:
        html += f'<p>Descarga la nueva app <a href="{JS_LINK}">desde aquí</a>.</p>\n'
    return html


class Writer:
    def __init__(self, root: Path, hosts: Hosts, spec: Spec, seed: int, tally: Tally) -> None:
        self.root, self.hosts, self.base, self.spec, self.seed, self.tally = root, hosts, hosts.base, spec, seed, tally
        self.L = LABELS[spec.lang]
        self.items: list[str] = []  # posts feed items, oldest first
        self.links: list[tuple[str, str]] = []  # (post url, title), oldest first: the home page's list
        self.updated = EPOCH  # latest post or comment: lastBuildDate / Last-Modified
        self.setup()

    def setup(self) -> None:
        """Per-format state; the base class needs none."""

    def post(self, post: Post, comments: list[Comment]) -> None:
        raise NotImplementedError

    def finish(self) -> None:
        raise NotImplementedError

    def touch(self, when: datetime) -> datetime:
        self.updated = max(self.updated, when)
        return when

    def home_page(self, url_path: str, head: Sequence[str]) -> None:
        """The blog's HTML home page (`head`: its <link>/<meta> lines), as a reader's "add blog" would see it."""
        recent = "".join(f'<li><a href="{esc_html(u)}">{esc_html(t, quote=False)}</a></li>\n'
                         for u, t in self.links[::-1][:10])
        html = (f'<!doctype html>\n<html lang="{self.L["html_lang"]}">\n<head><meta charset="UTF-8">'
                f"<title>{esc_html(self.spec.title, quote=False)}</title>\n" + "".join(f"{h}\n" for h in head)
                + f"</head>\n<body><h1>{esc_html(self.spec.title, quote=False)}</h1>\n<ul>\n{recent}</ul>\n"
                "</body>\n</html>\n")
        out = folder(self.root, url_path) / "index.html"
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(html, encoding="utf-8")
        self.tally.files += 1


class NewsWriter(Writer):
    """A plain news RSS 2.0 feed: no comments, every item stored, some mention the brand."""

    def post(self, post: Post, comments: list[Comment]) -> None:
        home = f"{self.base}/news/{self.spec.name}/"
        link = f"{home}{post.when:%Y/%m/%d}/{post.slug}.html"
        self.touch(post.when)
        self.items.append(rss_item(title=post.title, link=link, guid=link, pub=rfc822(post.when), creator=post.author,
                                   description=esc_html(" ".join(post.paras), quote=False),
                                   categories=post.categories))

    def finish(self) -> None:
        feed = Feed(self.spec.title, self.spec.feed_path, f"{self.base}/news/{self.spec.name}/", self.L["desc"],
                    self.spec.lang, self.updated)
        write_rss(self.root, self.base, feed, reversed(self.items), wordpress=False)
        self.tally.files += 1
