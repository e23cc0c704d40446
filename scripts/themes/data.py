"""Themes and rising terms per ISO week, read from the database at build time.

Computed when the site (or a weekly summary) is built, not stored at collect time: a change to
`[[themes]]` then shows on the next build with no migration and no re-collect. One pass over the
texts of the weeks asked for (plus the BASELINE_WEEKS before the first): each text is folded once,
matched against every theme (`ThemeMatcher`) and cut into terms once (one CountVectorizer over all of
them); each week's terms are then ranked against the sum of its previous BASELINE_WEEKS weeks.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import duckdb
import numpy as np
import pyarrow as pa
from scipy import sparse

from collector import Config, fold, sql
from scripts.themes.match import ThemeLike, ThemeMatcher
from scripts.themes.terms import LIMIT, MIN_COUNT, Term, column_counts, pieces, spelled, terms_of, vectorizer

#: A week's terms are compared with the texts of this many weeks before it.
BASELINE_WEEKS = 4
LABELS = ("neg", "neu", "pos", "none")


@dataclass(frozen=True)
class ThemeWeek:
    """One configured theme in one week: texts about it, by sentiment label (`none`: not scored yet)."""

    name: str
    texts: int
    labels: dict[str, int]

    @property
    def neg(self) -> int:
        return self.labels.get("neg", 0)

    @property
    def neg_share(self) -> float | None:
        """Negative texts over the scored ones (None when none is scored)."""
        scored = self.texts - self.labels.get("none", 0)
        return self.neg / scored if scored else None


@dataclass(frozen=True)
class RisingTerm(Term):
    """A term of the week: a `Term` (`examples` are positions among the week's texts it was ranked in), with
    those example texts as rows of themes_texts.sql, what the pages show."""

    rows: tuple[dict[str, object], ...] = ()
    themes: tuple[str, ...] = ()      # the configured themes the term itself is about ("cobro" -> Facturación)
    shown: str = ""                   # the term as its first example spells it ("explicación"; `term` is folded)


@dataclass(frozen=True)
class WeekTopics:
    """Everything about one ISO week: texts in scope, each theme (config order), the rising terms among all
    texts and among the negative ones, and the baseline's size (texts in the BASELINE_WEEKS before)."""

    week_start: date
    texts: int
    neg: int
    themes: tuple[ThemeWeek, ...]
    rising: tuple[RisingTerm, ...]
    rising_neg: tuple[RisingTerm, ...]
    baseline_texts: int = 0
    baseline_neg: int = 0


@dataclass(frozen=True)
class Topics:
    themes: tuple[str, ...]                                   # the configured names, config order
    weeks: dict[date, WeekTopics] = field(default_factory=dict)   # the weeks computed, oldest first
    lang: str = "es"                                          # the site language (the weekly lines' words)

    def week(self, monday: date) -> WeekTopics | None:
        return self.weeks.get(monday)


def brand_words(config: Config) -> tuple[str, ...]:
    """Names never reported as a term: the brand's and competitors' names and aliases."""
    names = [config.brand.name, *config.brand.aliases]
    for competitor in config.competitors:
        names += [competitor.name, *competitor.aliases]
    return tuple(names)


@dataclass
class _Texts:
    """The rows read, as parallel lists (one pass; pandas per row would cost more than the matching); the
    columns an example shows stay in the Arrow table until a term picks the row."""

    table: pa.Table
    weeks: list[date] = field(default_factory=list)
    labels: list[str] = field(default_factory=list)
    docs: list[list[str]] = field(default_factory=list)     # folded title + text, cut into pieces (terms)
    themes: list[tuple[int, ...]] = field(default_factory=list)

    def row(self, i: int) -> dict[str, object]:
        """What an example shows: kind, title, text, url, published_at, label."""
        return {k: self.table.column(k)[i].as_py() for k in ("kind", "title", "text", "url", "published_at", "label")}


def _read(con: duckdb.DuckDBPyConnection, tz: ZoneInfo, start: date, end: date,
          matcher: ThemeMatcher) -> _Texts:
    from scripts.weekly.summary import week_bounds  # the one definition of a week's instants

    params = {"tz": tz.key, "start": week_bounds(start, tz)[0], "end": week_bounds(end, tz)[0]}
    table = con.sql(sql("themes_texts", "scripts"), params=params).to_arrow_table()
    out = _Texts(table=table, weeks=table.column("week_start").to_pylist(), labels=table.column("label").to_pylist())
    for title, text in zip(table.column("title").to_pylist(), table.column("text").to_pylist(), strict=True):
        folded_title, folded_text = fold(title) if title else "", fold(text) if text else ""
        cut_title, cut_text = pieces(folded_title), pieces(folded_text)
        out.docs.append([*cut_title, ".", *cut_text] if cut_title else cut_text)
        out.themes.append(matcher.of_folded(folded_title, folded_text, runs={*cut_title, *cut_text}))
    return out


def load_topics(con: duckdb.DuckDBPyConnection, config: Config, first: date, last: date, *,
                min_count: int = MIN_COUNT, limit: int = LIMIT) -> Topics:
    """Themes and rising terms for each ISO week from `first` to `last` (Mondays, both included)."""
    themes: tuple[ThemeLike, ...] = tuple(config.themes)
    matcher = ThemeMatcher(themes)
    found = _read(con, config.tz, first - timedelta(weeks=BASELINE_WEEKS), last + timedelta(weeks=1), matcher)
    weeks = [first + timedelta(weeks=i) for i in range((last - first).days // 7 + 1)]
    per_week = _per_week(found, weeks, matcher, brand_words(config), min_count=min_count, limit=limit)
    return Topics(themes=matcher.names, weeks=dict(zip(weeks, per_week, strict=True)), lang=config.brand.language)


def _theme_weeks(found: _Texts, weeks: Iterable[date], names: tuple[str, ...]) -> dict[date, tuple[ThemeWeek, ...]]:
    counts: Counter[tuple[date, int, str]] = Counter()
    for week, label, hits in zip(found.weeks, found.labels, found.themes, strict=True):
        for i in hits:
            counts[(week, i, label)] += 1
    out = {}
    for week in weeks:
        rows = []
        for i, name in enumerate(names):
            labels = {label: counts[(week, i, label)] for label in LABELS if counts[(week, i, label)]}
            rows.append(ThemeWeek(name=name, texts=sum(labels.values()), labels=labels))
        out[week] = tuple(rows)
    return out


def _per_week(found: _Texts, weeks: list[date], matcher: ThemeMatcher, extra_stop: tuple[str, ...], *,
              min_count: int, limit: int) -> list[WeekTopics]:
    themes = _theme_weeks(found, weeks, matcher.names)
    span: dict[date, tuple[int, int]] = {}       # week -> [start, stop) of its rows (rows come week by week)
    for row, week in enumerate(found.weeks):
        begin, _ = span.get(week, (row, row))
        span[week] = (begin, row + 1)
    vec = vectorizer(extra_stop, cut=True)
    try:
        matrix = sparse.csr_matrix(vec.fit_transform(found.docs)) if found.docs else None
    except ValueError:                            # not a single term in any text
        matrix = None
    names_out = vec.get_feature_names_out() if matrix is not None else np.array([], dtype=object)
    negative = np.array([label == "neg" for label in found.labels], dtype=bool)
    sums: dict[date, tuple[np.ndarray, np.ndarray, int, int]] = {}

    def week_sums(week: date) -> tuple[np.ndarray, np.ndarray, int, int]:
        """Per-term text counts of one week (all, negative) and its sizes."""
        if week not in sums:
            if week not in span or matrix is None:
                zero = np.zeros(len(names_out))
                sums[week] = (zero, zero, 0, 0)
            else:
                begin, stop = span[week]
                block, neg = matrix[begin:stop], negative[begin:stop]
                sums[week] = (column_counts(block), column_counts(block[neg]), stop - begin, int(neg.sum()))
        return sums[week]

    out = []
    for week in weeks:
        count, neg_count, size, neg_size = week_sums(week)
        before = [week_sums(week - timedelta(weeks=i)) for i in range(1, BASELINE_WEEKS + 1)]
        base, base_neg = sum(b[0] for b in before), sum(b[1] for b in before)
        base_size, base_neg_size = sum(b[2] for b in before), sum(b[3] for b in before)
        terms, terms_neg = (), ()
        if matrix is not None and size:
            begin, stop = span[week]
            block = sparse.csc_matrix(matrix[begin:stop])
            terms = _terms(block, np.arange(begin, stop), found, names_out, count, size, base, base_size,
                           matcher, min_count=min_count, limit=limit)
            neg_rows = np.flatnonzero(negative[begin:stop])
            if len(neg_rows):
                terms_neg = _terms(sparse.csc_matrix(block[neg_rows]), begin + neg_rows, found, names_out, neg_count,
                                   neg_size, base_neg, base_neg_size, matcher, min_count=min_count, limit=limit)
        out.append(WeekTopics(week_start=week, texts=size, neg=neg_size, themes=themes[week], rising=terms,
                              rising_neg=terms_neg, baseline_texts=base_size, baseline_neg=base_neg_size))
    return out


def _terms(block: sparse.csc_matrix, rows: np.ndarray, found: _Texts, names: np.ndarray, count: np.ndarray,
           size: int, base: np.ndarray, base_size: int, matcher: ThemeMatcher, *, min_count: int,
           limit: int) -> tuple[RisingTerm, ...]:
    out = []
    for term in terms_of(block, count, size, base, base_size, names, min_count=min_count, limit=limit):
        examples = tuple(found.row(int(rows[r])) for r in term.examples)
        out.append(RisingTerm(**vars(term), rows=examples,
                              themes=tuple(matcher.names[t] for t in matcher.of_folded(term.term)),
                              shown=spelled(term.term, [t for e in examples for t in (e["title"], e["text"])])))  # type: ignore[misc]
    return tuple(out)


#: Weeks of themes and terms the site computes (the Themes page's chart and the weekly pages' topic lines).
SITE_WEEKS = 12


def site_topics(con: duckdb.DuckDBPyConnection, config: Config, now: datetime) -> Topics:
    """The SITE_WEEKS ISO weeks up to the one containing `now` (brand time zone), for one build."""
    from scripts.weekly.summary import week_of

    last = week_of(now, config.tz)
    return load_topics(con, config, last - timedelta(weeks=SITE_WEEKS - 1), last)
