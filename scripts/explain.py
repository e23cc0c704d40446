"""Why a text scored as it did, in a few words next to it: people trust a number they can check.

The collector stores scores, not their reasons (reasons would double the database for the few rows
anyone reads), so the reasons are recomputed here for the handful of items a page lists, with the
same lexicon scorer the collector uses. An item a person labelled (data/overrides.csv) says so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from collector import default_scorer

TOP_TERMS = 3


def reasons(rows: Iterable[Mapping[str, Any]], overrides: Mapping[str, str], *, manual_label: str,
            no_terms_label: str) -> list[str]:
    """One short explanation per row: the strongest terms and rules, or the manual label.

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
        terms = sorted(scorer.score(text, row.get("lang")).terms, key=lambda t: -abs(t.valence))[:TOP_TERMS]
        out.append(", ".join(f"{t.text} ({t.valence:+.1f})" for t in terms) or no_terms_label)
    return out
