"""Language and sentiment for the rows about to be written (new or changed texts only).

Which scorer runs is decided once per run: a user-trained model when one is active (it was only
activated because it beat the default on the user's own labels), else the lexicon scorer.
Overrides from `data/overrides.csv` win over both.

Calls are serialised: scoring is pure Python (threads gain nothing under the GIL), and the language
model loads on first use, so concurrent first calls each loaded it again (~2 s apiece on a busy machine).
"""

from __future__ import annotations

import threading
from collections.abc import Sequence
from pathlib import Path

import pandas as pd

from collector.sentiment.language import detect_languages
from collector.sentiment.overrides import apply_overrides, read_overrides
from collector.sentiment.scorer import default_scorer


class Enrich:
    """Callable `(frame, source_lang) -> frame` used by collect and rescore."""

    def __init__(self, languages: Sequence[str], *, model_dir: Path | None = None,
                 overrides_path: Path | None = None) -> None:
        self.languages = tuple(languages)
        model = None
        if model_dir and model_dir.is_dir() and any(model_dir.iterdir()):
            from collector.sentiment.training import load_active_model  # scikit-learn costs 1.5 s to import

            model = load_active_model(model_dir)
        self.scorer = model or default_scorer()
        self.scorer_name = "trained model" if model else "lexicon"
        self.overrides = read_overrides(overrides_path) if overrides_path else {}
        self._lock = threading.Lock()

    def __call__(self, frame: pd.DataFrame, source_lang: str | None) -> pd.DataFrame:
        if frame.empty:
            return frame
        with self._lock:
            return self._enrich(frame.copy(), source_lang)

    def _enrich(self, frame: pd.DataFrame, source_lang: str | None) -> pd.DataFrame:
        texts = _texts(frame)
        frame["lang"] = detect_languages(texts, self.languages, fallback=source_lang or self.languages[0])
        scores = self.scorer.score_many(texts, list(frame["lang"]))
        if self.overrides:
            ids = list(frame["comment_id"] if "comment_id" in frame else frame["post_id"])
            scores = list(apply_overrides(dict(zip(ids, scores, strict=True)), self.overrides).values())
        frame["sentiment"] = [round(s.score, 4) for s in scores]
        frame["sentiment_label"] = [s.label for s in scores]
        return frame


def _texts(frame: pd.DataFrame) -> list[str]:
    """Posts are judged on title + text; comments on their text."""
    text = frame["text"].fillna("")
    if "title" in frame:
        text = frame["title"].fillna("") + "\n\n" + text
    return [t.strip() for t in text]
