"""Train-on-your-own-labels: TF-IDF + logistic regression, used only if it beats the rules.

Why "only if better": a model trained on a few hundred of the user's labels can easily be worse
than the lexicon, and a silent downgrade would be invisible on the site. So `train` measures both
with the same stratified 5-fold cross-validation on the user's texts and saves the model (with
its provenance: source file, sha256, rows, date, scores, scikit-learn version) only when its
macro-F1 is higher. `load_active_model` returns a `ModelScorer` with the `Scorer` interface, or
None, so the collector can use whichever is active.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline

from collector.sentiment import Score, Scorer, Term, default_scorer
from collector.sentiment_rules import fold

LABELS = ("neg", "neu", "pos")
MODEL_FILE = "sentiment_model.joblib"
PROVENANCE_FILE = "sentiment_model.json"
FOLDS = 5
SEED = 13


class TrainingError(ValueError):
    """The labelled file cannot be used; the message says which file, line and why."""


@dataclass(frozen=True)
class TrainReport:
    """What `train` measured and decided; printed by `pulso sentiment train`."""

    source: str
    rows: int
    label_counts: dict[str, int]
    model_macro_f1: float
    default_macro_f1: float
    activated: bool
    model_path: str | None
    reason: str

    def to_text(self) -> str:
        counts = ", ".join(f"{k} {v}" for k, v in self.label_counts.items())
        return (
            f"trained on {self.rows} rows of {self.source} ({counts})\n"
            f"{FOLDS}-fold cross-validated macro-F1: model {self.model_macro_f1:.3f}, "
            f"default scorer {self.default_macro_f1:.3f}\n"
            f"{'ACTIVE' if self.activated else 'NOT USED'}: {self.reason}"
        )


def read_labelled(path: Path) -> tuple[list[str], list[str]]:
    """Read a `text,label` CSV (UTF-8); labels must be neg, neu or pos."""
    texts: list[str] = []
    labels: list[str] = []
    try:
        with path.open(encoding="utf-8-sig", newline="") as fh:
            reader = csv.DictReader(fh)
            if reader.fieldnames is None or not {"text", "label"} <= set(reader.fieldnames):
                raise TrainingError(f"{path}:1: header must contain 'text' and 'label' columns")
            for row in reader:
                label = (row.get("label") or "").strip().lower()
                if label not in LABELS:
                    raise TrainingError(
                        f"{path}:{reader.line_num}: label {row.get('label')!r} is not one of neg, neu, pos"
                    )
                texts.append(row.get("text") or "")
                labels.append(label)
    except UnicodeDecodeError as exc:
        raise TrainingError(f"{path}: not UTF-8 ({exc})") from None
    counts = {lab: labels.count(lab) for lab in LABELS}
    if min(counts.values()) < FOLDS:
        raise TrainingError(f"{path}: need at least {FOLDS} rows of each label, got {counts}")
    return texts, labels


def make_pipeline() -> Pipeline:
    """Word 1-2-grams plus character 2-5-grams (robust to typos and missing accents)."""
    features = FeatureUnion(
        [
            ("word", TfidfVectorizer(preprocessor=_prep, ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            (
                "char",
                TfidfVectorizer(
                    preprocessor=_prep, analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
                ),
            ),
        ]
    )
    clf = LogisticRegression(C=3.0, max_iter=2000, class_weight="balanced")
    return Pipeline([("features", features), ("clf", clf)])


def _prep(text: str) -> str:
    # a module-level function (not a lambda) so that joblib can pickle the pipeline
    import re

    text = re.sub(r"https?://\S+|@\w+", " ", text)
    return fold(text)


def cross_validate(texts: Sequence[str], labels: Sequence[str], scorer: Scorer | None = None
                   ) -> tuple[float, float]:
    """Macro-F1 of the TF-IDF model and of the rule-based scorer over the same 5 folds."""
    scorer = scorer or default_scorer()
    y = np.array(labels)
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    model_pred = np.empty(len(y), dtype=object)
    for train_idx, test_idx in skf.split(np.zeros(len(y)), y):
        pipe = make_pipeline()
        pipe.fit([texts[i] for i in train_idx], y[train_idx])
        model_pred[test_idx] = pipe.predict([texts[i] for i in test_idx])
    rule_pred = [s.label for s in scorer.score_many(list(texts), [None] * len(texts))]
    # the rule scorer has no parameters fitted on these texts, so its out-of-fold predictions
    # are its plain predictions; scoring them on the same folds is the same as scoring them all
    model_f1 = float(f1_score(y, list(model_pred), average="macro", labels=list(LABELS)))
    rule_f1 = float(f1_score(y, rule_pred, average="macro", labels=list(LABELS)))
    return model_f1, rule_f1


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(labelled_csv: Path, model_dir: Path, scorer: Scorer | None = None) -> TrainReport:
    """Fit, compare with the default scorer, and activate the model only if it is better.

    A model that is not better is not written, and a previously active model is left alone.
    """
    labelled_csv = Path(labelled_csv)
    texts, labels = read_labelled(labelled_csv)
    model_f1, rule_f1 = cross_validate(texts, labels, scorer)
    counts = {lab: labels.count(lab) for lab in LABELS}
    if model_f1 <= rule_f1:
        return TrainReport(str(labelled_csv), len(texts), counts, round(model_f1, 4), round(rule_f1, 4),
                           False, None, "the default scorer is at least as good on these texts")
    pipe = make_pipeline()
    pipe.fit(texts, labels)
    model_dir = Path(model_dir)
    model_dir.mkdir(parents=True, exist_ok=True)
    model_path = model_dir / MODEL_FILE
    tmp = model_path.with_suffix(".tmp")
    joblib.dump(pipe, tmp)
    report = TrainReport(str(labelled_csv), len(texts), counts, round(model_f1, 4), round(rule_f1, 4),
                         True, str(model_path), "the trained model beats the default scorer")
    provenance = {
        **asdict(report),
        "source_sha256": _sha256(labelled_csv),
        "trained_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "sklearn_version": sklearn.__version__,
        "folds": FOLDS,
        "metric": "macro-F1",
    }
    tmp.replace(model_path)  # model first, provenance last: provenance marks it active
    (model_dir / PROVENANCE_FILE).write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    return report


class ModelScorer:
    """A trained pipeline behind the `Scorer` interface: score = P(pos) - P(neg), label = argmax."""

    def __init__(self, pipeline: Pipeline, provenance: dict | None = None) -> None:
        self.pipeline = pipeline
        self.provenance = provenance or {}
        self._classes = list(pipeline.classes_)

    def score(self, text: str, lang: str | None) -> Score:
        return self.score_many([text], [lang])[0]

    def score_many(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Score]:
        if len(texts) != len(langs):
            raise ValueError(f"score_many got {len(texts)} texts but {len(langs)} languages")
        out: list[Score | None] = [None] * len(texts)
        todo = [i for i, t in enumerate(texts) if t and t.strip()]
        for i, t in enumerate(texts):
            if not (t and t.strip()):
                out[i] = Score(0.0, "neu", ())
        if todo:
            probs = self.pipeline.predict_proba([texts[i] for i in todo])
            ipos, ineg = self._classes.index("pos"), self._classes.index("neg")
            for row, i in zip(probs, todo, strict=True):
                label = self._classes[int(row.argmax())]
                value = round(float(row[ipos] - row[ineg]), 4)
                term = Term("(trained model)", value, f"model P({label})={row.max():.2f}")
                out[i] = Score(value, label, (term,))
        return [s for s in out if s is not None]


def load_active_model(model_dir: Path) -> ModelScorer | None:
    """The active trained model in `model_dir`, or None when there is none (or it is unreadable)."""
    model_dir = Path(model_dir)
    prov_path, model_path = model_dir / PROVENANCE_FILE, model_dir / MODEL_FILE
    if not (prov_path.is_file() and model_path.is_file()):
        return None
    provenance = json.loads(prov_path.read_text(encoding="utf-8"))
    if not provenance.get("activated"):
        return None
    return ModelScorer(joblib.load(model_path), provenance)
