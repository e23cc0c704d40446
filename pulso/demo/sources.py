"""The demo's sources (who publishes what, where the hostile items live) and their feed files.

`pulso.demo.generate` simulates posts and threads; this module decides the catalogue and turns one
source's posts and threads into WordPress, Blogger or news files with the URLs real hosts use.
"""

from __future__ import annotations

import hashlib
import heapq
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from functools import cached_property
from html import escape as esc_html
from html import unescape
from pathlib import Path
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from pulso.demo.feeds import (
    AtomAuthor,
    Feed,
    atom_entry,
    blogger_time,
    rfc822,
    rss_item,
    write_atom_paged,
    write_rss,
)
from pulso.demo.server import disk_path

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post

FILE_COMMENTS = "file:///etc/passwd"
FOREIGN_COMMENTS = "http://comments.example.net/feed/"
JS_LINK = "javascript:alert(document.cookie)"
BROKEN_POST_DATE = "lunes, 14 de abril de 2026, 10:30"
BROKEN_FEED = ("<!DOCTYPE html>\n<html><head><title>Error de base de datos</title></head>\n"
               "<body><h1>Error establishing a database connection</h1></body></html>\n")
EPOCH = datetime(2020, 1, 1, tzinfo=UTC)  # `updated` of a feed with nothing in it yet


@dataclass(frozen=True)
class DemoSummary:
    """What was written, for `pulso demo` to print and tests to check ranges on."""

    sources: int
    files: int
    posts: int
    comments: int
    comments_es: int
    brand_replies: int
    hostile: int

    def __str__(self) -> str:
        return (f"{self.sources} sources, {self.posts} posts, {self.comments} comments "
                f"({self.comments_es} in Spanish, {self.brand_replies} brand replies), "
                f"{self.hostile} hostile items, {self.files} files")


@dataclass
class Tally:
    sources: int = 0
    files: int = 0
    posts: int = 0
    comments: int = 0
    comments_es: int = 0
    brand_replies: int = 0
    hostile: int = 0

    def frozen(self) -> DemoSummary:
        return DemoSummary(**vars(self))

    def comment(self, c: Comment) -> None:
        self.comments += 1
        self.comments_es += c.lang == "es"
        self.brand_replies += c.brand


@dataclass(frozen=True)
class Spec:
    name: str
    title: str
    kind: str  # wp | blogger | news | broken
    lang: str
    owned: bool
    posts_per_year: float
    comments_mean: float
    mention_rate: float = 1.0
    max_comments: int = 400
    blogwide: bool = False  # also write the blog-wide comments feed
    hostile_posts: dict[int, tuple[str, ...]] = field(default_factory=dict)

    @cached_property
    def zone(self) -> ZoneInfo:
        return ZoneInfo("Europe/Madrid" if self.lang == "es" else "America/New_York"
                        if self.kind == "blogger" else "Europe/London")

    @property
    def feed_path(self) -> str:
        return {"wp": f"/wp/{self.name}/feed/", "broken": f"/wp/{self.name}/feed/",
                "blogger": f"/blogger/{self.name}/feeds/posts/default", "news": f"/news/{self.name}/rss.xml"}[self.kind]

    @property
    def blogwide_path(self) -> str:
        if self.kind == "wp":
            return f"/wp/{self.name}/comments/feed/"
        return f"/blogger/{self.name}/feeds/comments/default"


# (name, title, lang) per group; the group fixes kind and volumes. The first of a group carries its hostile items.
_GROUPS: list[tuple[str, bool, dict[str, float], list[tuple[str, str, str]]]] = [
    ("wp", True, {"posts_per_year": 70, "comments_mean": 70}, [("movilia-blog", "El blog de Movilia", "es")]),
    ("blogger", True, {"posts_per_year": 55, "comments_mean": 45}, [("movilia-comunidad", "Comunidad Movilia", "es")]),
    ("wp", True, {"posts_per_year": 35, "comments_mean": 35}, [("movilia-en", "Movilia Newsroom", "en")]),
    ("wp", False, {"posts_per_year": 18, "comments_mean": 35, "mention_rate": 0.45},
     [("el-blog-del-consumidor", "El blog del consumidor", "es"), ("tecnoahorro", "TecnoAhorro", "es"),
      ("quejas-y-reclamaciones", "Quejas y reclamaciones", "es"),
      ("diario-de-una-autonoma", "Diario de una autónoma", "es"),
      ("mundo-movil", "Mundo Móvil", "es"), ("la-casa-conectada", "La casa conectada", "es"),
      ("blog-de-pepe-bcn", "El blog de Pepe", "es"), ("spain-expat-life", "Spain Expat Life", "en"),
      ("tech-in-madrid", "Tech in Madrid", "en"), ("budget-nomad", "The Budget Nomad", "en")]),
    ("blogger", False, {"posts_per_year": 12, "comments_mean": 22, "mention_rate": 0.4},
     [("mis-cosas-de-logrono", "Mis cosas de Logroño", "es"), ("el-rincon-de-begona", "El rincón de Begoña", "es"),
      ("teleco-al-dia", "Teleco al día", "es"), ("vivir-en-cadiz", "Vivir en Cádiz", "es"),
      ("papas-conectados", "Papás conectados", "es"), ("costa-tech-notes", "Costa Tech Notes", "en"),
      ("sunny-spain-diaries", "Sunny Spain Diaries", "en"), ("the-broadband-guy", "The Broadband Guy", "en")]),
    ("news", False, {"posts_per_year": 40, "comments_mean": 0, "mention_rate": 0.5},
     [("diario-digital", "Diario Digital", "es"), ("economia-hoy", "Economía Hoy", "es"),
      ("tecnonoticias", "Tecnonoticias", "es"), ("spain-business-news", "Spain Business News", "en")]),
]
_HOSTILE = {  # (group index, hostile posts, blog-wide comments feed)
    0: ({1: ("script-comment",), 2: ("email-author",), 3: ("js-link",)}, True),
    1: ({1: ("img-comment",)}, True),
    3: ({0: ("file-comments",), 1: ("foreign-comments",), 2: ("broken-post-date",), 3: ("broken-comment-date",)},
        False),
}


def build_specs(scale: float) -> list[Spec]:
    """Every group grows with `scale` (at least one each); clones get a numeric suffix."""
    specs = []
    for g, (kind, owned, params, catalogue) in enumerate(_GROUPS):
        count = max(1, round(len(catalogue) * scale))
        for i in range(count):
            name, title, lang = catalogue[i % len(catalogue)]
            if i >= len(catalogue):
                name, title = f"{name}-{i // len(catalogue) + 1}", f"{title} ({i // len(catalogue) + 1})"
            hostile, blogwide = _HOSTILE.get(g, ({}, False)) if i == 0 else ({}, False)
            specs.append(Spec(name, title, kind, lang, owned, hostile_posts=hostile, blogwide=blogwide,
                              max_comments=600 if kind == "wp" else 350, **params))
    specs.append(Spec("foro-telecos", "Foro Telecos", "broken", "es", False, 0, 0))
    return specs


_L = {
    "es": {"comments_on": "Comentarios en: {}", "by": "Por: {}", "comment_on": "Comentario en {} por {}",
           "comments_for": "Comentarios para {}", "reply": "En respuesta a", "post_comments": "Publicar comentarios",
           "n_comments": "{} comentarios", "desc": "Atención al cliente, tarifas y tecnología"},
    "en": {"comments_on": "Comments on: {}", "by": "By: {}", "comment_on": "Comment on {} by {}",
           "comments_for": "Comments for {}", "reply": "In reply to", "post_comments": "Post Comments",
           "n_comments": "{} Comments", "desc": "Customer care, plans and technology"},
}

ThreadFn = Callable[["Post"], list["Comment"]]


def write_source(root: Path, base: str, spec: Spec, posts: Iterable[Post], thread: ThreadFn, end: datetime,
                 seed: int, tally: Tally) -> None:
    """Write one source's files; posts arrive oldest first, threads are cut at `end` here."""
    tally.sources += 1
    if spec.kind == "broken":
        path = disk_path(root, spec.feed_path)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(BROKEN_FEED, encoding="utf-8")
        tally.files += 1
        tally.hostile += 1
        return
    writer = {"wp": _WordPress, "blogger": _Blogger, "news": _News}[spec.kind](root, base, spec, seed, tally)
    for post in posts:
        comments = [c for c in thread(post) if c.when <= end]
        tally.posts += 1
        tally.hostile += len(post.hostile & {"js-link", "file-comments", "foreign-comments", "broken-post-date"})
        tally.hostile += sum(1 for c in comments if c.raw_date or c.author == "maria@example.com"
                             or "<script" in c.html or "<img" in c.html)
        for c in comments:
            tally.comment(c)
        writer.post(post, comments)
    writer.finish()


def _digits(key: str) -> str:
    """A Blogger-looking 19-digit id that depends only on `key` (stable across runs and ends)."""
    return str(10**18 + int.from_bytes(hashlib.blake2b(key.encode(), digest_size=8).digest()) % (9 * 10**18))


def _post_html(post: Post) -> str:
    html = "".join(f"<p>{esc_html(p, quote=False)}</p>\n" for p in post.paras)
    if "js-link" in post.hostile:
        html += f'<p>Descarga la nueva app <a href="{JS_LINK}">desde aquí</a>.</p>\n'
    return html


class _Writer:
    def __init__(self, root: Path, base: str, spec: Spec, seed: int, tally: Tally) -> None:
        self.root, self.base, self.spec, self.seed, self.tally = root, base, spec, seed, tally
        self.L = _L[spec.lang]
        self.items: list[str] = []  # posts feed items, oldest first
        self.updated = EPOCH  # latest post or comment: lastBuildDate / Last-Modified
        self.setup()

    def setup(self) -> None:
        """Per-format state; the base class needs none."""

    def touch(self, when: datetime) -> datetime:
        self.updated = max(self.updated, when)
        return when


class _WordPress(_Writer):
    """feed-rss2.php for posts, feed-rss2-comments.php per post and (optionally) blog-wide."""

    def setup(self) -> None:
        self.home = f"{self.base}/wp/{self.spec.name}/"
        self.recent: list[tuple[datetime, int, int, str]] = []  # bounded heap for the blog-wide feed

    def post(self, post: Post, comments: list[Comment]) -> None:
        link, wp_id = f"{self.home}{post.slug}/", 100 + 13 * post.idx + (post.idx * 7) % 5
        path = f"/wp/{self.spec.name}/{post.slug}/feed/"
        latest = self.touch(max([post.when, *(c.when for c in comments)]))
        count = len(comments)
        if "file-comments" in post.hostile or "foreign-comments" in post.hostile:
            comment_rss, count = (FILE_COMMENTS, 3) if "file-comments" in post.hostile else (FOREIGN_COMMENTS, 2)
        else:
            comment_rss = self.base + path
            numbers = {id(c): (post.idx + 1) * 10_000 + c.k for c in comments}  # unique per blog
            feed = Feed(self.L["comments_on"].format(post.title), path, link, self.L["desc"], self.spec.lang, latest)
            write_rss(self.root, self.base, feed,
                      (self._comment(post, link, wp_id, c, numbers) for c in reversed(comments)))
            self.tally.files += 1
        pub = BROKEN_POST_DATE if "broken-post-date" in post.hostile else rfc822(post.when)
        self.items.append(rss_item(
            title=post.title, link=link, guid=f"{self.home}?p={wp_id}", pub=pub, creator=post.author,
            description=esc_html(post.paras[0], quote=False) + " [&#8230;]", content=_post_html(post),
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
        if self.spec.blogwide:
            wide = item.replace(f"<title>{_xml(self.L['by'].format(c.author))}</title>",
                                f"<title>{_xml(self.L['comment_on'].format(post.title, c.author))}</title>", 1)
            entry = (c.when, post.idx, c.k, wide)
            (heapq.heappush if len(self.recent) < 50 else heapq.heappushpop)(self.recent, entry)
        return item

    def finish(self) -> None:
        feed = Feed(self.spec.title, self.spec.feed_path, self.home, self.L["desc"], self.spec.lang, self.updated)
        write_rss(self.root, self.base, feed, reversed(self.items))
        self.tally.files += 1
        if self.spec.blogwide:
            feed = Feed(self.L["comments_for"].format(self.spec.title), self.spec.blogwide_path, self.home,
                        self.L["desc"], self.spec.lang, self.updated)
            write_rss(self.root, self.base, feed, (e[3] for e in sorted(self.recent, reverse=True)))
            self.tally.files += 1


def _xml(s: str) -> str:
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


class _Blogger(_Writer):
    """Blogger's Atom: paged posts feed, paged per-post comment feeds, optional blog-wide comments."""

    def setup(self) -> None:
        self.home = f"{self.base}/blogger/{self.spec.name}/"
        self.feeds = f"{self.base}/blogger/{self.spec.name}/feeds"
        self.blog_id = _digits(f"{self.seed}:{self.spec.name}")
        self.all_comments: list[tuple[datetime, str]] = []

    def _local(self, dt: datetime) -> str:
        return blogger_time(dt.astimezone(self.spec.zone))

    def post(self, post: Post, comments: list[Comment]) -> None:
        pid = _digits(f"{self.seed}:{self.spec.name}:{post.idx}")
        local = post.when.astimezone(self.spec.zone)
        url = f"{self.home}{local:%Y/%m}/{post.slug}.html"
        tag = f"tag:blogger.com,1999:blog-{self.blog_id}.post-{pid}"
        ids = {id(c): _digits(f"{self.seed}:{self.spec.name}:{post.idx}:{c.k}") for c in comments}
        comments_path = f"/blogger/{self.spec.name}/feeds/{pid}/comments/default"
        entries = [self._comment(c, ids, pid, url, tag) for c in reversed(comments)]
        if self.spec.blogwide:
            self.all_comments.extend(zip((c.when for c in reversed(comments)), entries, strict=True))
        latest = self.touch(max([post.when, *(c.when for c in comments)]))
        feed = Feed(self.L["comments_on"].format(post.title), comments_path, url, self.spec.title, self.spec.lang,
                    latest.astimezone(self.spec.zone),
                    feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}.post{pid}..comments")
        self.tally.files += write_atom_paged(self.root, self.base, feed, entries)
        self.items.append(atom_entry(
            entry_id=tag, published=self._local(post.when),
            updated=self._local(post.when + timedelta(minutes=1 + post.idx % 47)), title=post.title,
            content_html=_post_html(post), author=AtomAuthor(post.author, self._profile(post.author)),
            categories=post.categories, total=len(comments), links=[
                ("replies", "application/atom+xml", self.base + comments_path, self.L["post_comments"]),
                ("replies", "text/html", f"{url}#comment-form", self.L["n_comments"].format(len(comments))),
                ("self", "application/atom+xml", f"{self.feeds}/posts/default/{pid}", None),
                ("alternate", "text/html", url, post.title)]))

    def _profile(self, name: str) -> str | None:
        return None if name in ("Anónimo", "Anonymous") else f"https://www.blogger.com/profile/{_digits(name)[:20]}"

    def _comment(self, c: Comment, ids: dict[int, str], pid: str, url: str, post_tag: str) -> str:
        cid = ids[id(c)]
        links = [("self", "application/atom+xml", f"{self.feeds}/{pid}/comments/default/{cid}", None),
                 ("alternate", "text/html", f"{url}?showComment={int(c.when.timestamp() * 1000)}#c{cid}", "")]
        if c.parent is not None:
            links.append(("related", "application/atom+xml", f"{self.feeds}/{pid}/comments/default/{ids[id(c.parent)]}",
                          None))
        return atom_entry(entry_id=f"tag:blogger.com,1999:blog-{self.blog_id}.post-{cid}",
                          published=c.raw_date or self._local(c.when), updated=c.raw_date or self._local(c.when),
                          title="Comentario" if "<" in c.html else unescape(c.html)[:60],
                          content_html=c.html.replace("\n", "<br />"), comment_kind=True,
                          author=AtomAuthor(c.author, self._profile(c.author)), links=links,
                          in_reply_to=(post_tag, url, f"{self.feeds}/posts/default/{pid}"))

    def finish(self) -> None:
        feed = Feed(self.spec.title, self.spec.feed_path, self.home, self.L["desc"], self.spec.lang,
                    self.updated.astimezone(self.spec.zone), feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}")
        self.tally.files += write_atom_paged(self.root, self.base, feed, self.items[::-1])
        if self.spec.blogwide:
            self.all_comments.sort(key=lambda x: x[0], reverse=True)
            feed = Feed(self.spec.title, self.spec.blogwide_path, self.home, self.L["desc"], self.spec.lang,
                        self.updated.astimezone(self.spec.zone),
                        feed_id=f"tag:blogger.com,1999:blog-{self.blog_id}.comments")
            self.tally.files += write_atom_paged(self.root, self.base, feed, [e for _, e in self.all_comments])


class _News(_Writer):
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
