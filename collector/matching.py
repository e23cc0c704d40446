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
from dataclasses import dataclass

#: Bump when `fold`, `PhraseMatcher` or `name_key` change what they match: stored flags are then
#: re-derived once on the next collect (`collector.storage.maintain.refresh_flags_if_changed`).
RULES_VERSION = 2

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


@dataclass(frozen=True)
class Scope:
    """The brand's matching rules, compiled once per run: what makes a mention and a brand reply."""

    aliases: PhraseMatcher
    responders: frozenset[str]

    @classmethod
    def of(cls, aliases: Iterable[str], responders: Iterable[str]) -> Scope:
        return cls(aliases=PhraseMatcher(aliases), responders=same_name(responders))

    def is_mention(self, *texts: str | None) -> bool:
        return self.aliases.search(*texts)

    def is_brand(self, author: str | None) -> bool:
        return bool(author) and name_key(author) in self.responders
