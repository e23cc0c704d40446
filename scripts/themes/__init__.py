"""Themes: what people talk and complain about — configured themes and emerging terms.

The one call other parts use (the alerts explain a spike with it, the weekly summary and the Themes
page are built on the same pieces)::

    from scripts.themes import explain
    found = explain(texts, baseline, config.themes, extra_stop=config.brand_names)
    found.themes   # [ThemeHit(name, count, baseline_count, share, baseline_share, examples)], most texts first
    found.terms    # [Term(term, count, baseline_count, share, baseline_share, z, examples)], most risen first

`texts` are the texts to explain (e.g. today's negative mentions), `baseline` the usual ones (e.g. the
last 28 days'); both plain strings. `examples` are positions in `texts` (the first ones that match), so
the caller shows its own rows with their links. Pure: no database, no config file, no clock.
Themes are matched like mentions (`scripts.themes.match`); terms are ranked by prior-smoothed
log-odds (`scripts.themes.terms`, whose docstring states the rules).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from scripts.themes.match import ThemeLike, ThemeMatcher
from scripts.themes.terms import EXAMPLES, LIMIT, MIN_COUNT, Term, rising

__all__ = ["Explanation", "Term", "ThemeHit", "ThemeLike", "ThemeMatcher", "explain", "rising"]


@dataclass(frozen=True)
class ThemeHit:
    """A configured theme among the texts: `count` texts about it (`baseline_count` in the baseline), their
    shares of each set, and `examples`: positions in the texts of the first ones about it."""

    name: str
    count: int
    baseline_count: int
    share: float
    baseline_share: float
    examples: tuple[int, ...]


@dataclass(frozen=True)
class Explanation:
    themes: list[ThemeHit]
    terms: list[Term]


def theme_hits(texts: Sequence[str], baseline: Sequence[str], themes: Iterable[ThemeLike]) -> list[ThemeHit]:
    """Each configured theme found in `texts`, most texts first (config order breaks ties)."""
    matcher = ThemeMatcher(themes)
    found: list[list[int]] = [[] for _ in range(len(matcher))]
    for row, text in enumerate(texts):
        for i in matcher.of(text):
            found[i].append(row)
    base = matcher.counts(baseline)
    hits = [ThemeHit(name=name, count=len(rows), baseline_count=base[i],
                     share=len(rows) / len(texts) if texts else 0.0,
                     baseline_share=base[i] / len(baseline) if baseline else 0.0,
                     examples=tuple(rows[:EXAMPLES]))
            for i, (name, rows) in enumerate(zip(matcher.names, found, strict=True)) if rows]
    return sorted(hits, key=lambda h: -h.count)


def explain(texts: Sequence[str], baseline: Sequence[str], themes: Iterable[ThemeLike] = (), *,
            extra_stop: Iterable[str] = (), min_count: int = MIN_COUNT, limit: int = LIMIT) -> Explanation:
    """What `texts` are about compared with `baseline`: the configured themes they touch (with counts in
    both) and the terms whose share rose most (at least `min_count` texts, at most `limit` terms).
    `extra_stop`: names never worth reporting as a term (the brand's and competitors' names)."""
    return Explanation(themes=theme_hits(texts, baseline, themes),
                       terms=rising(texts, baseline, min_count=min_count, limit=limit, extra_stop=extra_stop))
