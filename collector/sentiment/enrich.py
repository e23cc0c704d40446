"""Language and sentiment for the rows about to be written (new or changed texts only).

Which scorer runs is decided once per run: a user-trained model when one is active (it was only
activated because it beat the default on the user's own labels), else the lexicon scorer.
Overrides from `data/overrides.csv` win over both.

Language: each text's detected language, unless the detector is unsure (short replies are, often),
in which case the thread's — its parent comment's, its post's, then the source's
(`language.thread_language`). Parents in the same frame are resolved first; parents and posts
stored earlier come from `thread_langs` (id -> language), which the caller passes.

Calls are serialised: scoring is pure Python (threads gain nothing under the GIL), and the language
model loads on first use, so concurrent first calls each loaded it again (~2 s apiece on a busy machine).
"""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping, Sequence
from functools import cache
from pathlib import Path

import pandas as pd

from collector.sentiment.language import detect_with_confidence, thread_language
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
        parts = [rules_digest(), self.scorer_name, _file_digest(overrides_path)]
        if model is not None and model_dir is not None:
            from collector.sentiment.training import MODEL_FILE, PROVENANCE_FILE  # loaded with the model

            parts += [_file_digest(model_dir / name) for name in (PROVENANCE_FILE, MODEL_FILE)]
        #: What the stored scores and intents depend on: the scorer's and intent's code and lexicons, the
        #: trained model and the overrides. Collect re-scores everything stored when it differs from the
        #: last run's (collector.storage.maintain.rescore_if_changed), so an upgrade never leaves a
        #: thank-you note in the queue that today's rules read as thanks.
        self.fingerprint = hashlib.sha1("|".join(parts).encode()).hexdigest()[:16]

    def __call__(self, frame: pd.DataFrame, source_lang: str | None,
                 thread_langs: Mapping[str, str | None] | None = None) -> pd.DataFrame:
        """`frame` with lang, sentiment and sentiment_label; `thread_langs` maps the ids of posts and
        comments not in `frame` (stored earlier) to their language, for replies to them."""
        if frame.empty:
            return frame
        with self._lock:
            return self._enrich(frame.copy(), source_lang, thread_langs or {})

    def _enrich(self, frame: pd.DataFrame, source_lang: str | None,
                thread_langs: Mapping[str, str | None]) -> pd.DataFrame:
        texts = _texts(frame)
        frame["lang"] = self._languages(frame, texts, source_lang or self.languages[0], thread_langs)
        scores = self.scorer.score_many(texts, list(frame["lang"]))
        if self.overrides:
            ids = list(frame["comment_id"] if "comment_id" in frame else frame["post_id"])
            scores = list(apply_overrides(dict(zip(ids, scores, strict=True)), self.overrides).values())
        frame["sentiment"] = [round(s.score, 4) for s in scores]
        frame["sentiment_label"] = [s.label for s in scores]
        return frame

    def _languages(self, frame: pd.DataFrame, texts: list[str], source_lang: str,
                   thread_langs: Mapping[str, str | None]) -> list[str | None]:
        """Each row's language: detected when the detector is sure, else its thread's (parents
        in the frame first, so a reply to a reply in the same batch inherits the resolved one)."""
        found = [detect_with_confidence(t, self.languages) for t in texts]
        parents = _column(frame, "parent_id")
        is_comment = "comment_id" in frame
        posts = _column(frame, "post_id") if is_comment else [None] * len(texts)  # a post's thread is its source
        row_of = {cid: k for k, cid in enumerate(_column(frame, "comment_id")) if cid is not None}
        out: list[str | None] = [None] * len(texts)
        done = [False] * len(texts)
        for k in range(len(texts)):
            if done[k]:
                continue
            chain = [k]  # k and its unresolved ancestors in this frame, nearest first
            while (p := parents[chain[-1]]) in row_of and not done[row_of[p]] and row_of[p] not in chain:
                chain.append(row_of[p])
            for j in reversed(chain):
                parent = parents[j]
                if parent in row_of:
                    parent_lang = out[row_of[parent]]
                else:
                    parent_lang = thread_langs.get(parent) if parent is not None else None
                post_lang = thread_langs.get(posts[j]) if posts[j] is not None else None
                out[j] = thread_language(texts[j], *found[j], parent_lang=parent_lang, post_lang=post_lang,
                                         source_lang=source_lang)
                done[j] = True
        return out


def _column(frame: pd.DataFrame, name: str) -> list[str | None]:
    """A frame's id column as strings and None (missing values and a missing column as None)."""
    if name not in frame:
        return [None] * len(frame)
    return [None if pd.isna(v) else str(v) for v in frame[name]]


def _texts(frame: pd.DataFrame) -> list[str]:
    """Posts are judged on title + text; comments on their text."""
    text = frame["text"].fillna("")
    if "title" in frame:
        text = frame["title"].fillna("") + "\n\n" + text
    return [t.strip() for t in text]


@cache
def rules_digest() -> str:
    """A digest of this package's code and lexicon files: every file a score or an intent comes from."""
    here = Path(__file__).parent
    files = sorted([*here.glob("*.py"), *(here / "lexicons").glob("*.tsv")])
    h = hashlib.sha1()
    for f in files:
        h.update(f.name.encode())
        h.update(f.read_bytes())
    return h.hexdigest()[:16]


def _file_digest(path: Path | None) -> str:
    if path is None or not Path(path).is_file():
        return "-"
    return hashlib.sha1(Path(path).read_bytes()).hexdigest()[:16]
