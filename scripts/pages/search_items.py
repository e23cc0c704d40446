"""What makes one listed item (a queue comment, a most-negative text, a source's recent post) its own search
result: an `id` to land on and a title a person recognises ("Ana Gómez · Comunidad Movilia · Sigo sin
línea desde…"). The templates put both on the item (`id`, `data-pulso-search`); the MkDocs hook
site_src/hooks/search_fold.py turns every such element into a search entry pointing at page#id, and the
lists themselves stay out of Material's page-level index (`data-search-exclude`)."""

from __future__ import annotations

import hashlib

from scripts.i18n import Locale

#: Words of the text in a result's title: enough to recognise it, short enough for one line.
TITLE_WORDS = 8


def anchor(kind: str, key: object) -> str:
    """A stable HTML id for an item: the same comment keeps its anchor across builds, whatever its key holds."""
    digest = hashlib.blake2s(f"{kind}:{key}".encode(), digest_size=6).hexdigest()
    return f"{kind[:1] or 'i'}-{digest}"


def first_words(text: str | None, words: int = TITLE_WORDS) -> str:
    parts = (text or "").split()
    return " ".join(parts[:words]) + ("…" if len(parts) > words else "")


def search_title(L: Locale, author: str | None, source: str | None, text: str | None) -> str:
    """author · source · first words (already cleaned for publication by the caller)."""
    return L.t("search.item", author=author or "–", source=source or "–", words=first_words(text))
