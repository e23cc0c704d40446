"""A deterministic, realistic demo dataset: a year of blog and news feeds about a fictional telco.

`pulso demo`, the tests and the benchmarks all need the same thing: real feed files in the three
formats Pulso reads (WordPress RSS with per-post comment feeds and its REST API, Blogger Atom with
threaded comment feeds paged on Blogger's feed host, plain news RSS), with conversations where the
brand answers some people fast, some slowly and some never — plus a few hostile items the collector
must survive. Serve the tree with `pulso.demo.server.serve_demo` (both hosts) or `serve` (one host:
Blogger's pages are then linked on the blogs' own host).

Everything is a function of `seed` and absolute time. Each source's timeline starts at a fixed
anchor (`DEFAULT_END - days`) and every post's thread is simulated to completion from its own
seeded RNG; `end` only decides what has already happened. So a later `end` gives a superset and
the items both runs share are byte-identical (counts and build dates aside).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from random import Random
from urllib.parse import urlsplit

from pulso.demo import rivals
from pulso.demo import text as txt
from pulso.demo.sources import DemoSummary, Spec, Tally, build_specs, write_source
from pulso.demo.writer import Hosts

DEFAULT_END = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
ALIASES = ["movilia", "atención al cliente movilia"]
RESPONDERS = ["Movilia Atención al Cliente", "Lucía Ortega (Movilia)", "Movilia Customer Care"]
STAFF = {name: user for user, name in enumerate(RESPONDERS, start=2)}  # WordPress user ids on the brand's blogs
PINGBACK_SITES = [("mundo-movil", "Mundo Móvil"), ("tecnoahorro", "TecnoAhorro"),
                  ("la-casa-conectada", "La casa conectada"), ("tech-in-madrid", "Tech in Madrid")]

__all__ = ["ALIASES", "DEFAULT_END", "RESPONDERS", "DemoSummary", "generate"]


def generate(out_dir: Path, base_url: str, *, scale: float = 1.0, seed: int = 7, end: datetime | None = None,
             days: int = 365, blogger_url: str | None = None) -> DemoSummary:
    """Write the feed tree under `out_dir` and `out_dir/monitor.toml` pointing at `base_url`.

    `scale` multiplies the number of sources (and, below 1, the comments per post too, so tests stay
    quick); `end` is "now" for the simulation and defaults to a fixed date so the demo is reproducible.
    `blogger_url` is the stand-in for Blogger's feed host (`serve_demo`'s `blogger_url`), where Blogger
    feeds link their next pages; without it they link them on `base_url`.
    """
    end = DEFAULT_END if end is None else end
    if end.tzinfo is None:
        raise ValueError("end must be timezone-aware (e.g. datetime(..., tzinfo=UTC))")
    if scale <= 0 or days <= 0:
        raise ValueError("scale and days must be positive")
    end = end.astimezone(UTC)
    base = base_url.rstrip("/")
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    start = DEFAULT_END - timedelta(days=days)
    specs = build_specs(scale)
    tally = Tally()
    hosts = Hosts(base, blogger_url.rstrip("/") if blogger_url else None)
    for spec in specs:
        posts = _timeline(spec, seed, start, end)
        write_source(out_dir, hosts, spec, posts, lambda post, s=spec: _thread(s, post, seed, scale), end, seed,
                     tally)
    feed_host = urlsplit(hosts.blogger or base).hostname or ""
    (out_dir / "monitor.toml").write_text(config_toml(specs, base, blogger_feed_host=feed_host), encoding="utf-8")
    return tally.frozen()


# ----------------------------------------------------------------------------------------- posts


@dataclass(slots=True)
class Post:
    idx: int
    when: datetime
    title: str
    slug: str
    author: str
    paras: list[str]
    mention: bool
    categories: list[str]
    hostile: set[str] = field(default_factory=set)


def _slugify(title: str) -> str:
    ascii_ = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode().lower()
    return re.sub(r"[^a-z0-9]+", "-", ascii_).strip("-")[:90].rstrip("-") or "entrada"


_CATEGORIES = {"es": ["Atención al cliente", "Tarifas", "Fibra", "Móvil", "Consumo", "Noticias"],
               "en": ["Customer care", "Plans", "Fibre", "Mobile", "Consumer", "News"]}
_AUTHORS = {"owned": ["Redacción Movilia", "Equipo Movilia", "Lucía Ortega"],
            "news": ["Redacción", "Agencias", "Marta Peña", "Newsdesk"]}


def _timeline(spec: Spec, seed: int, start: datetime, end: datetime) -> Iterator[Post]:
    """Posts in publication order from the fixed anchor until `end`; each index has its own RNG."""
    clock = Random(f"{seed}:{spec.name}:timeline")
    rate = spec.posts_per_year / 365.0
    t, used, idx = start, set[str](), 0
    blogger_name = txt.person(spec.lang, Random(f"{seed}:{spec.name}:owner")).replace("Anónimo", "Carmen Soler")
    while True:
        day = t + timedelta(days=clock.expovariate(rate))
        local = day.astimezone(spec.zone).replace(hour=clock.randint(7, 21), minute=clock.randint(0, 59),
                                                  second=clock.randint(0, 59), microsecond=0)
        t = max(local.astimezone(UTC), t + timedelta(minutes=37))
        if t > end:
            return
        rng = Random(f"{seed}:{spec.name}:{idx}:post")
        kind = "owned" if spec.owned or spec.owner else "news" if spec.kind == "news" else (
            "mention" if rng.random() < spec.mention_rate else "other")
        title = txt.post_title(kind, spec.lang, rng, brand=rivals.voice(spec))
        mention = (kind in ("owned", "mention") and not spec.owner) or txt.BRAND in title
        slug = base = _slugify(title)
        n = 2
        while slug in used or slug in ("feed", "comments"):
            slug, n = f"{base}-{n}", n + 1
        used.add(slug)
        author = rng.choice(_AUTHORS["owned"]) if spec.owned else (
            rng.choice(_AUTHORS["news"]) if spec.kind == "news" else blogger_name)
        paras = txt.post_paragraphs(spec.lang, rng, owned=spec.owned or bool(spec.owner), mention=mention)
        paras = rivals.post_mentions(spec, idx, seed, paras)
        cats = rng.sample(_CATEGORIES[spec.lang], k=rng.randint(1, 2))
        yield Post(idx, t, title, slug, author, paras, mention, cats, set(spec.hostile_posts.get(idx, ())))
        idx += 1


# -------------------------------------------------------------------------------------- comments


@dataclass(slots=True)
class Comment:
    when: datetime
    author: str
    html: str  # the body as an HTML fragment (already escaped, except on purpose in hostile items)
    lang: str
    parent: Comment | None = None
    brand: bool = False
    intent: str = ""
    depth: int = 0
    k: int = 0  # 1-based position in the post's thread by time: the basis of every comment id
    raw_date: str | None = None  # a deliberately broken date string to print instead of `when`
    kind: str = "comment"  # or "pingback" (WordPress only)
    url: str = ""  # the author's site (a pingback's linking page); a path is on the demo's own host
    account: int = 0  # WordPress user id: the brand's staff answer logged in on its own blogs


def _hours(h: float) -> timedelta:
    """Millisecond resolution, like Blogger's timestamps (WordPress prints whole seconds)."""
    return timedelta(milliseconds=round(h * 3_600_000))


def _lognormal_hours(rng: Random, median_h: float, sigma: float, lo: float, hi: float) -> float:
    return min(hi, max(lo, rng.lognormvariate(math.log(median_h), sigma)))


INTENTS = {  # (intent, weight, chance the brand answers it)
    "owned": [("complaint", 45, 0.93), ("question", 20, 0.93), ("praise", 12, 0.75), ("neutral", 8, 0.7),
              ("peer", 15, 0.55)],
    "mention": [("complaint", 30, 0.9), ("question", 12, 0.9), ("praise", 10, 0.6), ("neutral", 33, 0.55),
                ("peer", 15, 0.4)],
    "other": [("general", 70, 0.0), ("peer", 20, 0.0), ("neutral", 10, 0.0)],
}
FOLLOWUP_ANSWER = {"followup_bad": 0.9, "followup_ok": 0.5}


def _first_name(name: str) -> str:
    return name.split(" ")[0] if " " in name and "@" not in name else name


def _responder(lang: str, rng: Random) -> str:
    if lang == "en":
        return RESPONDERS[2]
    r = rng.random()  # a few lower-case, unaccented spellings: matching must fold both
    return RESPONDERS[0] if r < 0.7 else RESPONDERS[1] if r < 0.95 else "movilia atencion al cliente"


def _thread(spec: Spec, post: Post, seed: int, scale: float) -> list[Comment]:
    """The post's whole comment thread, simulated to completion and numbered by time."""
    if spec.kind == "news" or post.hostile & {"file-comments", "foreign-comments"}:
        return []
    rng = Random(f"{seed}:{spec.name}:{post.idx}:thread")
    context = "owned" if spec.owned or spec.owner else "mention" if post.mention else "other"
    mean = spec.comments_mean * min(1.0, scale)
    n = min(spec.max_comments, int(rng.lognormvariate(math.log(max(mean, 0.5)) - 0.4, 0.9)))
    other = "en" if spec.lang == "es" else "es"
    intents, weights = zip(*[(i, w) for i, w, _ in INTENTS[context]], strict=True)
    answer_p = {i: p * rivals.answer_scale(spec) for i, _, p in INTENTS[context]} | FOLLOWUP_ANSWER
    people: list[Comment] = []
    for when in sorted(post.when + _hours(_lognormal_hours(rng, 18, 1.4, 0.02, 24 * 90)) for _ in range(n)):
        lang = spec.lang if rng.random() < 0.9 else other
        author = txt.person(lang, rng)
        intent = rng.choices(intents, weights)[0]
        parent = None
        if intent == "peer":
            if not people:
                intent = "neutral" if context != "other" else "general"
            else:
                parent = rng.choice(people[-8:])
                when = max(when, parent.when + timedelta(minutes=rng.randint(4, 900)))
        text = txt.comment(intent, lang, rng, name=_first_name(parent.author) if parent else "",
                           brand=rivals.voice(spec))
        people.append(Comment(when, author, _esc(text), lang, parent, intent=intent))

    brand: list[Comment] = []
    engaged = spec.owned or spec.owner is not None or (post.mention and rng.random() < 0.8)
    covered_until = None
    if spec.owned and len(people) >= 6 and rng.random() < 0.3:  # one unthreaded "hola a todos" reply
        j = rng.randint(2, min(len(people) - 1, 8))
        covered_until = people[j].when + _hours(_lognormal_hours(rng, 4, 0.8, 0.1, 72))
        name = _responder(spec.lang, rng)
        brand.append(Comment(covered_until, name, _esc(txt.comment("brand_all", spec.lang, rng)), spec.lang,
                             brand=True, account=_account(spec, name)))
    queue, i = list(people), 0
    while engaged and i < len(queue):
        c, i = queue[i], i + 1
        if c.depth > 2 or rng.random() >= answer_p.get(c.intent, 0.0):
            continue
        at = c.when + _hours(_lognormal_hours(rng, rivals.reply_median(spec), 1.6, 0.05, 24 * 14))
        if covered_until and c.when < covered_until < at and rng.random() < 0.8:
            continue  # the collective reply already covered this one
        name = rivals.responder(spec, rng) if spec.owner else _responder(c.lang, rng)
        reply = Comment(at, name, _esc(txt.comment("brand", c.lang, rng, name=_first_name(c.author),
                                                   brand=rivals.voice(spec))), c.lang, c,
                        brand=True, depth=c.depth + 1, account=_account(spec, name))
        brand.append(reply)
        if rng.random() < 0.3:
            intent = "followup_ok" if rng.random() < 0.6 else "followup_bad"
            follow = Comment(at + _hours(_lognormal_hours(rng, 2, 1.2, 0.03, 24 * 7)), c.author,
                             _esc(txt.comment(intent, c.lang, rng, brand=rivals.voice(spec))), c.lang, reply,
                             intent=intent,
                             depth=c.depth + 1)
            queue.append(follow)
    thread = queue + brand
    last = max((c.when for c in thread), default=post.when)
    rivals.comment_mentions(spec, post, seed, thread)   # before the hostile items and pingbacks join
    thread.extend(_hostile_comments(post, rng, last))
    thread.extend(_pingbacks(spec, post, seed))
    thread.sort(key=lambda x: x.when)
    for k, c in enumerate(thread, 1):
        c.k = k
    return thread


def _account(spec: Spec, name: str) -> int:
    """Staff reply logged in on the brand's own WordPress blogs; elsewhere (and typed by hand) as visitors."""
    return STAFF.get(name, 0) if spec.owned and spec.kind == "wp" else 0


def _pingbacks(spec: Spec, post: Post, seed: int) -> list[Comment]:
    """Another blog linking the post: WordPress lists it among the comments (its feed, not its API).

    Its own RNG, so adding pingbacks leaves every simulated comment as it was."""
    rng = Random(f"{seed}:{spec.name}:{post.idx}:pingback")
    if spec.kind != "wp" or rng.random() >= (0.35 if post.mention else 0.1):
        return []
    site, blog = rng.choice([s for s in PINGBACK_SITES if s[0] != spec.name])
    title = txt.post_title("mention", spec.lang, rng)
    excerpt = txt.post_paragraphs(spec.lang, rng, owned=False, mention=True)[0][:140].rsplit(" ", 1)[0]
    when = post.when + _hours(_lognormal_hours(rng, 20, 1.0, 0.5, 24 * 30))
    return [Comment(when, f"{title} | {blog}", f"[&#8230;] {_esc(excerpt)} [&#8230;]", spec.lang,
                    kind="pingback", url=f"/wp/{site}/{_slugify(title)}/")]


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


HOSTILE_SCRIPT = '<script>alert("xss")</script>'
HOSTILE_IMG = "<img src=x onerror=alert(1)>"
HOSTILE_EMAIL = "maria@example.com"


def _hostile_comments(post: Post, rng: Random, last: datetime) -> list[Comment]:
    """Added after the simulation (so nobody replies to them) on the posts the spec marks.

    After the thread's `last` comment, so they are among the newest ten a WordPress comment feed holds."""
    out = []
    if "script-comment" in post.hostile:
        out.append(Comment(last + _hours(5), "Troll del barrio",
                           f"Mirad qué bonito: {HOSTILE_SCRIPT} ¡la atención de Movilia es de risa!", "es",
                           intent="complaint"))
    if "img-comment" in post.hostile:
        out.append(Comment(last + _hours(7), "Pepe", f"Foto del router roto: {HOSTILE_IMG}", "es",
                           intent="complaint"))
    if "email-author" in post.hostile:
        out.append(Comment(last + _hours(9), HOSTILE_EMAIL,
                           _esc(txt.comment("complaint", "es", rng)), "es", intent="complaint"))
    if "broken-comment-date" in post.hostile:
        out.append(Comment(last + _hours(11), "Rocío Beltrán", _esc(txt.comment("neutral", "es", rng)),
                           "es", intent="neutral", raw_date="31/02/2026 a las 25:61"))
    return out


# ---------------------------------------------------------------------------------------- config


#: The demo's [[themes]]: what its commenters write about (pulso.demo.text), in Spanish and English.
THEMES = (
    ("Facturación", ("factura", "facturas", "facturación", "cobro", "cobros", "me han cobrado", "cargo", "importe",
                     "devolución", "bill", "billing", "charged", "refund")),
    ("Cobertura y red", ("cobertura", "señal", "sin datos", "no tengo datos", "incidencia", "red móvil", "5G",
                         "coverage", "outage", "no data", "network")),
    ("Fibra y router", ("fibra", "router", "wifi", "técnico", "fibre", "engineer")),
    ("Atención al cliente", ("atención al cliente", "sin respuesta", "contactar", "departamento", "reclamación",
                             "customer service", "no answer", "complaint")),
    ("Tarifas y precios", ("tarifa", "tarifas", "precio", "precios", "permanencia", "oferta", "roaming", "price",
                           "prices")),
    ("Portabilidad y bajas", ("portabilidad", "darme de baja", "di de baja", "titularidad", "number transfer",
                              "account holder", "leaving")),
)


def config_toml(specs: list[Spec], base: str, *, blogger_feed_host: str = "127.0.0.1") -> str:
    """The demo's `monitor.toml`, in exactly the design's format (JSON strings are valid TOML strings).

    `[collect]`: every demo host is loopback, so `allow_private`; and Blogger's feed host is the demo's
    stand-in (`serve_demo`), not www.blogger.com."""
    def q(s: str) -> str:
        return json.dumps(s, ensure_ascii=False)

    lines = ["# Written by pulso.demo.generate: regenerate rather than edit.", "", "[brand]",
             f"name = {q(txt.BRAND)}", f"aliases = [{', '.join(map(q, ALIASES))}]",
             f"responders = [{', '.join(map(q, RESPONDERS))}]", 'timezone = "Europe/Madrid"', 'language = "es"',
             "response_sla_hours = 24", "", "[collect]", "allow_private = true",
             f"blogger_feed_host = {q(blogger_feed_host)}"]
    for name, words in THEMES:
        lines += ["", "[[themes]]", f"name = {q(name)}", f"words = [{', '.join(map(q, words))}]"]
    lines += rivals.config_lines(q)
    for spec in specs:
        lines += ["", "[[sources]]", f"name = {q(spec.name)}", f"url = {q(base + spec.feed_path)}",
                  f"owned = {str(spec.owned).lower()}", f"comments = {str(spec.kind != 'news').lower()}",
                  f"lang = {q(spec.lang)}"]
        if spec.blogwide and spec.kind == "blogger":
            lines.append(f"comments_url = {q(base + spec.blogwide_path)}")
        if spec.owner:
            lines.append(f"owner = {q(spec.owner)}")
    return "\n".join(lines) + "\n"
