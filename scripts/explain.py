"""Why a text scored as it did, in a few words next to it: people trust a number they can check.

The collector stores scores, not their reasons (reasons would double the database for the few rows
anyone reads), so the reasons are recomputed here for the handful of items a page lists, with the
same lexicon scorer the collector uses. An item a person labelled (data/overrides.csv) says so.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from typing import Any

from collector import default_scorer

TOP_TERMS = 3


def _quoted(terms: list[str]) -> str:
    return ", ".join(terms)


def reasons(rows: Iterable[Mapping[str, Any]], overrides: Mapping[str, str], *, manual_label: str,
            no_terms_label: str, phrase: str = "{terms}",
            join: Callable[[list[str]], str] = _quoted) -> list[str]:
    """One short explanation per row in words: the strongest terms that pull the way the text was labelled,
    quoted and joined in the site language (`phrase` = "{terms} la hacen negativa"), or the manual label.
    No raw weights: readers need the words that decided it, not the lexicon's numbers.

    No terms means the stored score came from elsewhere (a trained model, an older lexicon): say so.
    """
    scorer = default_scorer()
    out = []
    for row in rows:
        if row.get("item_id") in overrides:
            out.append(manual_label)
            continue
        text = row.get("text") or ""
        if row.get("kind") == "post" and row.get("title"):
            text = f"{row['title']}\n\n{text}"
        found = scorer.score(text, row.get("lang")).terms
        sign = 1 if row.get("sentiment_label") == "pos" else -1
        pulling = [t for t in found if t.valence * sign > 0] or list(found)
        terms = sorted(pulling, key=lambda t: -abs(t.valence))[:TOP_TERMS]
        words = list(dict.fromkeys(f"«{t.text}»" for t in terms))
        out.append(phrase.format(terms=join(words)) if words else no_terms_label)
    return out
