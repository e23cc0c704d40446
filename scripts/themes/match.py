"""Configured themes ([[themes]] in monitor.toml) found in texts, with the mentions' own matcher.

A theme is a list of words and phrases ("factura", "me han cobrado"); a text is *about* the theme when
any of them occurs in it as whole words, case- and accent-insensitive. That is exactly how an alias
makes a mention (collector's `PhraseMatcher`), so "FACTURACIÓN" and "facturacion" are one word on
every page, and a theme can never disagree with the mention rule about what a word is.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Protocol

from collector import PhraseMatcher


class ThemeLike(Protocol):
    """What a theme needs to be matched: collector's config `Theme` (name, words) or any look-alike."""

    @property
    def name(self) -> str: ...

    @property
    def words(self) -> Sequence[str]: ...


class ThemeMatcher:
    """The themes of a config compiled once: which of them each text is about."""

    def __init__(self, themes: Iterable[ThemeLike]) -> None:
        themes = tuple(themes)
        self.names: tuple[str, ...] = tuple(t.name for t in themes)
        self._matchers = tuple(PhraseMatcher(t.words) for t in themes)

    def __len__(self) -> int:
        return len(self.names)

    def of(self, *texts: str | None) -> tuple[int, ...]:
        """The positions (in config order) of the themes any of `texts` is about; each text on its own,
        as for mentions (a post's title and body never join into one phrase)."""
        return tuple(i for i, matcher in enumerate(self._matchers) if matcher.search(*texts))

    def counts(self, texts: Iterable[str | None]) -> list[int]:
        """How many of `texts` are about each theme (a text about two themes counts for both)."""
        totals = [0] * len(self._matchers)
        for text in texts:
            for i in self.of(text):
                totals[i] += 1
        return totals
