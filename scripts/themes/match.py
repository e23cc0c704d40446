"""Configured themes ([[themes]] in monitor.toml) found in texts, with the mentions' own matcher.

A theme is a list of words and phrases ("factura", "me han cobrado"); a text is *about* the theme when
any of them occurs in it as whole words, case- and accent-insensitive. That is exactly how an alias
makes a mention (collector's `PhraseMatcher`), so "FACTURACIÓN" and "facturacion" are one word on
every page, and a theme can never disagree with the mention rule about what a word is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from typing import Protocol

from collector import PhraseMatcher, fold


class ThemeLike(Protocol):
    """What a theme needs to be matched: collector's config `Theme` (name, words) or any look-alike."""

    @property
    def name(self) -> str: ...

    @property
    def words(self) -> Sequence[str]: ...


#: A run of word characters: a whole-word match of a one-word theme word is one of a text's runs.
_RUN = re.compile(r"\w+")


class ThemeMatcher:
    """The themes of a config compiled once: which of them each text is about.

    A text is folded once; a theme's `PhraseMatcher` (the judge) is asked only when the text could match:
    one of the theme's one-word entries is one of the text's word runs (a set lookup), or one of its
    other entries occurs in it as a substring — both implied by a whole-word match. A regex scan per
    theme per text cost ~15 µs (measured: 9.3 s for 6 themes x 100,000 comments, 1.6 s with a substring
    test). `fold` is idempotent, so the matcher judges a folded text exactly as it judges the original."""

    def __init__(self, themes: Iterable[ThemeLike]) -> None:
        themes = tuple(themes)
        self.names: tuple[str, ...] = tuple(t.name for t in themes)
        self._matchers = tuple(PhraseMatcher(t.words) for t in themes)
        folded = [{fold(w).strip() for w in t.words if w.strip()} for t in themes]
        self._words = tuple(frozenset(w for w in f if _RUN.fullmatch(w)) for f in folded)
        self._phrases = tuple(tuple(w for w in f if not _RUN.fullmatch(w)) for f in folded)

    def __len__(self) -> int:
        return len(self.names)

    def of_folded(self, *folded: str | None, runs: set[str] | None = None) -> tuple[int, ...]:
        """`of` for texts already folded with collector's `fold`; `runs`: their word runs when already cut."""
        texts = [t for t in folded if t]
        if runs is None:
            runs = set().union(*(_RUN.findall(t) for t in texts))
        return tuple(i for i, matcher in enumerate(self._matchers)
                     if (not runs.isdisjoint(self._words[i]) or any(p in t for p in self._phrases[i] for t in texts))
                     and matcher.search(*texts))

    def of(self, *texts: str | None) -> tuple[int, ...]:
        """The positions (in config order) of the themes any of `texts` is about; each text on its own,
        as for mentions (a post's title and body never join into one phrase)."""
        return self.of_folded(*(fold(t) for t in texts if t))

    def counts(self, texts: Iterable[str | None]) -> list[int]:
        """How many of `texts` are about each theme (a text about two themes counts for both)."""
        totals = [0] * len(self._matchers)
        for text in texts:
            for i in self.of(text):
                totals[i] += 1
        return totals
