"""The one definition of how Pulso compares words: the fold, the alias matcher and the responder names.

Everything that asks "is this the same word?" goes through here: a mention (an alias in a title or a
text), a brand reply (an author who is one of the responders), the sentiment lexicon's lookups, the
site's accent-insensitive search and hidden authors. Collect time and the refresh after a config
change (`collector.storage.maintain`) call the same `Scope`, so a flag never depends on which path
computed it.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collector.config_model import Config

#: Bump when `fold`, `PhraseMatcher` or `name_key` change what they match: stored flags are then
#: re-derived once on the next collect (`collector.storage.maintain.refresh_flags_if_changed`).
RULES_VERSION = 3   # 3: every brand's mentions (`brands`), owners' responders

# Typographic apostrophes -> "'", before NFKD (which would turn "´" into a space and a combining accent).
_APOSTROPHES = str.maketrans({"’": "'", "`": "'", "´": "'"})
# Combining marks of the Basic Multilingual Plane, deleted by str.translate in one C loop (a Python-level
# per-character filter cost seconds when folding a 400-page search index).
_COMBINING = dict.fromkeys(cp for cp in range(0x10000) if unicodedata.combining(chr(cp)))


def fold(text: str) -> str:
    """Case-fold, strip accents and compatibility forms: 'Atención', 'ATENCION', 'ａｔｅｎｃｉóｎ' -> 'atencion'.

    casefold turns 'ß' into 'ss' and NFKD turns fullwidth and ligature letters into plain ones, so what
    a reader sees as the same word compares equal. ASCII text (most of it) takes the short path.
    """
    if text.isascii():
        return text.lower().replace("`", "'")
    text = text.casefold()
    if "’" in text or "´" in text or "`" in text:   # three C scans cost less than a translate pass
        text = text.translate(_APOSTROPHES)
    return unicodedata.normalize("NFKD", text).translate(_COMBINING)


def name_key(name: str | None) -> str:
    """An author name as compared with the responders: folded, whitespace runs as one space."""
    return " ".join(fold(name).split()) if name else ""


def same_name(names: Iterable[str]) -> frozenset[str]:
    """The `name_key` of every name, for exact responder matching."""
    return frozenset(name_key(n) for n in names)


class PhraseMatcher:
    """Whole-word, case- and accent-insensitive matching of a fixed list of phrases."""

    def __init__(self, phrases: Iterable[str]) -> None:
        folded = sorted({fold(p).strip() for p in phrases if p.strip()}, key=len, reverse=True)
        self._pattern = (
            re.compile(r"(?<!\w)(?:" + "|".join(re.escape(p) for p in folded) + r")(?!\w)") if folded else None
        )

    def search(self, *texts: str | None) -> bool:
        """True when any of `texts` contains a phrase (each text on its own: a title and a body never join)."""
        if self._pattern is None:
            return False
        return any(t and self._pattern.search(fold(t)) for t in texts)

    def search_folded(self, folded: Iterable[str]) -> bool:
        """`search` over texts already folded (several matchers reading the same texts fold them once)."""
        return self._pattern is not None and any(self._pattern.search(t) for t in folded)


@dataclass(frozen=True)
class BrandRules:
    """One brand's words and voices: the aliases that make a text mention it, the authors who answer for it."""

    name: str
    aliases: PhraseMatcher
    responders: frozenset[str]


@dataclass(frozen=True)
class Scope:
    """Every brand's matching rules, compiled once per run: what makes a mention and a brand reply.

    `brands` holds the brand first, then each competitor, in config order: `brands_in` answers in that
    order, so a text's `brands` list is the same whichever path (collect or refresh) computed it.
    `aliases` are the brand's own (a text in the brand's scope), `responders` the voices of whoever runs
    the source being read: the brand's, or on a competitor's own blog that competitor's (`for_owner`).
    """

    aliases: PhraseMatcher
    responders: frozenset[str]
    brands: tuple[BrandRules, ...] = ()
    #: every brand's aliases in one matcher: most texts name no brand, and one search says so
    any_brand: PhraseMatcher | None = None

    @classmethod
    def of(cls, aliases: Iterable[str], responders: Iterable[str], *, name: str = "",
           competitors: Iterable[tuple[str, Iterable[str], Iterable[str]]] = ()) -> Scope:
        """The brand's (`name`, aliases, responders) and each competitor's (name, aliases, responders)."""
        own = BrandRules(name, PhraseMatcher(aliases), same_name(responders))
        competitors = [(n, tuple(a), r) for n, a, r in competitors]
        rivals = tuple(BrandRules(n, PhraseMatcher(a), same_name(r)) for n, a, r in competitors)
        everything = PhraseMatcher([*aliases, *(alias for _, a, _ in competitors for alias in a)])
        return cls(aliases=own.aliases, responders=own.responders, brands=(own, *rivals), any_brand=everything)

    @classmethod
    def of_config(cls, config: Config) -> Scope:
        """The config's brand and competitors: what collect and the refresh both compile."""
        return cls.of(config.brand.aliases, config.brand.responders, name=config.brand.name,
                      competitors=[(c.name, c.aliases, c.responders) for c in config.competitors])

    def for_owner(self, owner: str | None) -> Scope:
        """The rules for a source run by `owner` (a competitor's name, any case; None: the brand's or a
        third party's): mentions stay the same, brand replies are that owner's responders."""
        if owner is None:
            return self
        key = name_key(owner)
        rules = next((b for b in self.brands[1:] if name_key(b.name) == key), None)
        # An owner no longer among the competitors (a stored source the config dropped): nobody answers there.
        return replace(self, responders=rules.responders if rules else frozenset())

    def is_mention(self, *texts: str | None) -> bool:
        return self.aliases.search(*texts)

    def brands_in(self, *texts: str | None) -> tuple[str, ...]:
        """The names of the brands `texts` mention (each text on its own), brand first, then config order."""
        return self.flags(*texts)[1]

    def flags(self, *texts: str | None) -> tuple[bool, tuple[str, ...]]:
        """(is_mention, brands_in) of `texts` at once, as collect stores them: each text folded once, and a
        text that names no brand at all (most of them) costs one search."""
        folded = [fold(t) for t in texts if t]
        if not folded or (self.any_brand is not None and not self.any_brand.search_folded(folded)):
            return False, ()
        hits = [b.aliases.search_folded(folded) for b in self.brands]
        own = hits[0] if self.brands and self.brands[0].aliases is self.aliases else self.aliases.search_folded(folded)
        return own, tuple(b.name for b, hit in zip(self.brands, hits, strict=True) if hit)

    def is_brand(self, author: str | None) -> bool:
        return bool(author) and name_key(author) in self.responders
