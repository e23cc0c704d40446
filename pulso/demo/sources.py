"""The demo's sources (who publishes what, where the hostile items live) and their feed files.

`pulso.demo.generate` simulates posts and threads; this module decides the catalogue and hands one
source's posts and threads to its writer (`pulso.demo.wordpress`, `pulso.demo.blogger`, the news
writer in `pulso.demo.writer`), which uses the URLs real hosts use.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from pulso.demo.blogger import BloggerWriter
from pulso.demo.rivals import BLOGS
from pulso.demo.routing import disk_path
from pulso.demo.wordpress import WordPressWriter
from pulso.demo.writer import Hosts, NewsWriter

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post

BROKEN_FEED = ("<!DOCTYPE html>\n<html><head><title>Error de base de datos</title></head>\n"
               "<body><h1>Error establishing a database connection</h1></body></html>\n")


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
    pingbacks: int  # counted in `comments` too; in WordPress comment feeds, never in its API's answer
    long_threads: int  # WordPress posts with more comments than their comment feed holds (10)

    def __str__(self) -> str:
        return (f"{self.sources} sources, {self.posts} posts, {self.comments} comments "
                f"({self.comments_es} in Spanish, {self.brand_replies} brand replies, {self.pingbacks} pingbacks), "
                f"{self.long_threads} WordPress threads longer than their comment feed, "
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
    pingbacks: int = 0
    long_threads: int = 0

    def frozen(self) -> DemoSummary:
        return DemoSummary(**vars(self))

    def comment(self, c: Comment) -> None:
        self.comments += 1
        self.comments_es += c.lang == "es"
        self.brand_replies += c.brand
        self.pingbacks += c.kind == "pingback"


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
    blogwide: bool = False  # Blogger: also write the blog-wide comments feed (WordPress always has one)
    api: str = "on"  # WordPress: its REST API is on, "forbidden" (401) or "unrouted" (the home page)
    hostile_posts: dict[int, tuple[str, ...]] = field(default_factory=dict)
    owner: str | None = None  # a competitor's own blog (pulso.demo.rivals): its staff answer there

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
_GROUPS: list[tuple[str, bool, dict[str, Any], list[tuple[str, str, str]]]] = [
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
    # WordPress blogs whose REST API is off, so the collector's comment-feed fallback runs (and misses comments).
    ("wp", False, {"posts_per_year": 20, "comments_mean": 35, "mention_rate": 0.6, "api": "forbidden"},
     [("ahorro-y-consumo", "Ahorro y consumo", "es")]),
    ("wp", False, {"posts_per_year": 20, "comments_mean": 35, "mention_rate": 0.6, "api": "unrouted"},
     [("vida-en-valencia", "Vida en Valencia", "es")]),
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
    for name, title, kind, owner in BLOGS:   # the competitors' own blogs, one each at any scale
        specs.append(Spec(name, title, kind, "es", False, 24 if kind == "wp" else 18, 24 if kind == "wp" else 18,
                          max_comments=200, owner=owner))
    return specs


ThreadFn = Callable[["Post"], list["Comment"]]
_WRITERS = {"wp": WordPressWriter, "blogger": BloggerWriter, "news": NewsWriter}


def write_source(root: Path, hosts: Hosts, spec: Spec, posts: Iterable[Post], thread: ThreadFn, end: datetime,
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
    writer = _WRITERS[spec.kind](root, hosts, spec, seed, tally)
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
