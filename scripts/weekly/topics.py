"""The weekly summary's "De qué se habla" and "De qué se quejan" lines: three items each (pure).

The rules, in order (the Themes page and the Method page say the same):

* talk: the configured themes with the most texts this week (at most THEMES_FIRST), then this week's
  rising terms among all texts, until ITEMS; a term that is itself about a configured theme ("cobro"
  under Facturación) is counted there already and is skipped, and so is a term in less than
  TERM_MIN_SHARE of the week's texts (3 of 600 is not what a week was about); short of terms, more
  themes fill in;
* complaints: the same with negative texts only: themes by negative texts, then the rising terms among
  the negative texts.

Items carry their count (texts about the theme, or containing the term). `summary_lines` turns them into
the summary's extra lines, worded in the site language.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, date

from scripts.i18n import Locale
from scripts.themes.data import RisingTerm, Topics, WeekTopics

#: Items per line, and how many of them configured themes take first.
ITEMS, THEMES_FIRST = 3, 2
#: A rising term makes the line only when this share of the week's texts (negative ones for complaints) has it.
TERM_MIN_SHARE = 0.01


@dataclass(frozen=True)
class Topic:
    kind: str      # theme | term
    name: str
    count: int


def _choose(themes: list[tuple[str, int]], terms: Sequence[RisingTerm]) -> list[Topic]:
    ranked = sorted((t for t in themes if t[1] > 0), key=lambda t: -t[1])   # stable: config order breaks ties
    chosen = [Topic("theme", name, n) for name, n in ranked[:THEMES_FIRST]]
    for term in terms:
        if len(chosen) == ITEMS:
            break
        if not term.themes and term.share >= TERM_MIN_SHARE:
            chosen.append(Topic("term", term.shown or term.term, term.count))
    for name, n in ranked[THEMES_FIRST:]:
        if len(chosen) == ITEMS:
            break
        chosen.append(Topic("theme", name, n))
    return chosen


def talk(week: WeekTopics) -> list[Topic]:
    """What people talk about this week (the module's first rule)."""
    return _choose([(t.name, t.texts) for t in week.themes], week.rising)


def complaints(week: WeekTopics) -> list[Topic]:
    """What people complain about this week: negative texts only."""
    return _choose([(t.name, t.neg) for t in week.themes], week.rising_neg)


def _words(items: list[Topic], L: Locale) -> str:
    if not items:
        return L.t("weekly.topics_none")
    return L.words([L.t(f"weekly.topic_{t.kind}", name=t.name, n=L.number(t.count)) for t in items])


def summary_lines(topics: Topics | None, monday: date) -> list[tuple[str, dict[str, object]]]:
    """The two lines as (i18n key, values) for `Summary.lines`; none when the week's topics were not computed
    (the site computes the last weeks only, see scripts.themes.data.SITE_WEEKS) or it had no text."""
    week = topics.week(monday) if topics else None
    if topics is None or week is None or week.texts == 0:
        return []
    L = Locale(topics.lang, UTC)
    return [("weekly.talk_line", {"items": _words(talk(week), L)}),
            ("weekly.complain_line", {"items": _words(complaints(week), L)})]
