"""Language and sentiment for the rows about to be written (new or changed texts only).

Which scorer runs is decided once per run: a user-trained model when one is active (it was only
activated because it beat the default on the user's own labels), else the lexicon scorer.
Overrides from `data/overrides.csv` win over both.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from collector.language import detect_languages
from collector.overrides import load_overrides
from collector.sentiment import default_scorer
from collector.training import load_active_model


class Enrich:
    """Callable `(frame, source_lang) -> frame` used by collect and rescore."""

    def __init__(self, languages: Sequence[str], *, model_dir: Path | None = None,
                 overrides_path: Path | None = None) -> None:
        self.languages = tuple(languages)
        model = load_active_model(model_dir) if model_dir else None
        self.scorer = model or default_scorer()
        self.scorer_name = "trained model" if model else "lexicon"
        self.overrides = load_overrides(overrides_path) if overrides_path and overrides_path.exists() else {}

    def __call__(self, frame: pd.DataFrame, source_lang: str | None) -> pd.DataFrame:
        if frame.empty:
            return frame
        frame = frame.copy()
        texts = _texts(frame)
        frame["lang"] = detect_languages(texts, self.languages, fallback=source_lang or self.languages[0])
        scores = self.scorer.score_many(texts, list(frame["lang"]))
        frame["sentiment"] = [round(s.score, 4) for s in scores]
        frame["sentiment_label"] = [s.label for s in scores]
        if self.overrides:
            ids = frame["post_id"] if "comment_id" not in frame else frame["comment_id"]
            for i, item_id in enumerate(ids):
                label = self.overrides.get(item_id)
                if label:
                    frame.iloc[i, frame.columns.get_loc("sentiment_label")] = label
                    frame.iloc[i, frame.columns.get_loc("sentiment")] = {"neg": -1.0, "neu": 0.0, "pos": 1.0}[label]
        return frame


def _texts(frame: pd.DataFrame) -> list[str]:
    """Posts are judged on title + text; comments on their text."""
    text = frame["text"].fillna("")
    if "title" in frame:
        text = frame["title"].fillna("") + "\n\n" + text
    return [t.strip() for t in text]
