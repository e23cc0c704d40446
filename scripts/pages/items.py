"""Listed texts (most negative, a source's newest) as the templates show them: a search anchor and title,
the source's title, and whether the score is too weak to quote (collector's confidence rule)."""

from __future__ import annotations

from typing import Any

from collector import CONFIDENT_SCORE, is_confident
from scripts import safe
from scripts.i18n import Locale
from scripts.pages.search_items import anchor, search_title


def uncertain(label: str | None, score: float | None) -> bool:
    """A positive or negative label on a score below the confidence threshold: show it as doubtful."""
    return label in ("pos", "neg") and score is not None and not is_confident(score)


def uncertain_title(L: Locale) -> str:
    return L.t("sent.uncertain_title", limit=L.number(CONFIDENT_SCORE, 1))


def text_rows(rows: list[dict[str, Any]], L: Locale, titles: dict[str, str], *,
              hidden: frozenset[str]) -> list[dict[str, Any]]:
    """texts rows (most_negative.sql, source_recent.sql) + anchor, search_title, source_label, uncertain."""
    email, why_not = L.t("email.hidden"), uncertain_title(L)
    out = []
    for row in rows:
        source = titles.get(row.get("source_id") or "", row.get("source_name") or "")
        author = safe.author(row.get("author"), hidden=hidden, hidden_label=L.t("hidden.author"), email_label=email)
        text = safe.clean(row.get("text") or row.get("title"), 200, email_label=email)
        label = row.get("sentiment_label")
        out.append({**row, "anchor": anchor(row.get("kind") or "text", row.get("item_id")),
                    "search_title": search_title(L, author, source, text), "source_label": source,
                    "uncertain": uncertain(label, row.get("sentiment")), "uncertain_title": why_not})
    return out
