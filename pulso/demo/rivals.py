"""The demo's two competitors: their names, their own blogs and how their staff answer, and the mentions of
them in everybody else's posts and comments.

Telvia answers most questions, slowly (a median of ~9 h); Nubefon answers fewer, fast (~1.5 h) — so the
Competencia page has something to compare. Every random draw here comes from its own seeded RNG, so adding
the competitors leaves every other source's simulated thread as it was, only some texts gain a sentence.
"""

from __future__ import annotations

from dataclasses import dataclass
from random import Random
from typing import TYPE_CHECKING

from pulso.demo import text as txt

if TYPE_CHECKING:
    from pulso.demo.generate import Comment, Post
    from pulso.demo.sources import Spec


@dataclass(frozen=True)
class Rival:
    name: str
    aliases: tuple[str, ...]
    responders: tuple[str, ...]
    reply_median_h: float   # the median delay of a first reply on its own blog
    answer_scale: float     # x the brand's chance of answering a comment of the same intent


RIVALS = (
    Rival("Telvia", ("telvia", "telvia móvil"), ("Telvia Responde", "Equipo Telvia"), 9.0, 0.8),
    Rival("Nubefon", ("nubefon",), ("Nubefon Soporte",), 1.5, 0.55),
)
_BY_NAME = {r.name: r for r in RIVALS}
#: (name, title, kind, owner) of the competitors' own blogs: a WordPress blog and a Blogger community.
BLOGS = (("telvia-blog", "El blog de Telvia", "wp", "Telvia"), ("nubefon-comunidad", "Comunidad Nubefon", "blogger",
                                                                "Nubefon"))
#: How often a text elsewhere names a competitor: third-party posts, comments (brand's blogs, others).
POST_RATE, COMMENT_RATE, OWNED_COMMENT_RATE = 0.35, 0.08, 0.04

_POST_LINES = {
    "es": ["También hemos preguntado a {rival}, que ofrece condiciones parecidas.",
           "En la comparativa entran {rival} y {other}, con precios muy similares.",
           "Varios lectores nos cuentan que se han pasado a {rival} este año."],
    "en": ["We also asked {rival}, which offers similar terms.",
           "{rival} and {other} are in the comparison too, at very similar prices."],
}
_COMMENT_LINES = {
    "es": ["Por cierto, en {rival} me pasó lo mismo.", "Estoy comparando con {rival}.",
           "Mi cuñado está en {rival} y dice que tampoco contestan rápido.", "Me estoy planteando irme a {rival}."],
    "en": ["By the way, the same happened to me with {rival}.", "I'm comparing it with {rival}.",
           "Thinking of moving to {rival}."],
}
#: On a competitor's blog, some readers bring up the brand.
_BRAND_LINES = {"es": ["En {brand} me lo solucionaron en un día.", "Vengo de {brand}, a ver qué tal."],
                "en": ["{brand} sorted this out for me in a day."]}


def rival_of(spec: Spec) -> Rival | None:
    return _BY_NAME.get(spec.owner) if spec.owner else None


def voice(spec: Spec) -> str:
    """Whom a blog's readers address: its owner (a competitor) or the brand."""
    rival = rival_of(spec)
    return rival.name if rival else txt.BRAND


def reply_median(spec: Spec) -> float:
    rival = rival_of(spec)
    return rival.reply_median_h if rival else 3.0


def answer_scale(spec: Spec) -> float:
    rival = rival_of(spec)
    return rival.answer_scale if rival else 1.0


def responder(spec: Spec, rng: Random) -> str:
    rival = rival_of(spec)
    assert rival is not None
    return rng.choice(rival.responders)


def _names(rng: Random) -> tuple[str, str]:
    first, other = rng.sample([r.name for r in RIVALS], 2)
    return first, other


def post_mentions(spec: Spec, post_idx: int, seed: int, paras: list[str]) -> list[str]:
    """Third-party posts (blogs and news) sometimes compare the brand with a competitor: a sentence added."""
    if spec.owned or spec.owner:
        return paras
    rng = Random(f"{seed}:{spec.name}:{post_idx}:rivals")
    if rng.random() >= POST_RATE:
        return paras
    rival, other = _names(rng)
    return [*paras, rng.choice(_POST_LINES[spec.lang]).format(rival=rival, other=other)]


def comment_mentions(spec: Spec, post: Post, seed: int, thread: list[Comment]) -> None:
    """Some readers name a competitor (or, on a competitor's blog, the brand): a sentence appended to their
    comment. Brand replies, pingbacks and hostile items are left as they are."""
    rng = Random(f"{seed}:{spec.name}:{post.idx}:rival-comments")
    rate = OWNED_COMMENT_RATE if spec.owned else COMMENT_RATE
    for c in thread:
        if c.brand or c.kind != "comment" or c.raw_date or "<" in c.html or rng.random() >= rate:
            continue
        if spec.owner:
            line = rng.choice(_BRAND_LINES[c.lang]).format(brand=txt.BRAND)
        else:
            line = rng.choice(_COMMENT_LINES[c.lang]).format(rival=_names(rng)[0])
        c.html = f"{c.html} {line}"


def config_lines(q: object) -> list[str]:
    """The [[competitors]] tables of the demo's monitor.toml (`q` quotes a TOML string)."""
    lines: list[str] = []
    for r in RIVALS:
        lines += ["", "[[competitors]]", f"name = {q(r.name)}",  # type: ignore[operator]
                  f"aliases = [{', '.join(map(q, r.aliases))}]",  # type: ignore[arg-type]
                  f"responders = [{', '.join(map(q, r.responders))}]"]  # type: ignore[arg-type]
    return lines
