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
import re
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from functools import lru_cache
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import FeatureUnion, Pipeline
from sklearn.preprocessing import FunctionTransformer, StandardScaler

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


#: Regularisation strengths tried by cross-validation (`train` keeps the best; the others are
#: measured on the same folds, so the choice costs only a few extra solver runs).
C_GRID = (1.0, 3.0)
DEFAULT_C = 3.0
#: Weight of the rule-scorer block next to the TF-IDF blocks (after standard scaling).
RULE_WEIGHT = 0.5
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@(\w+)")


def make_features() -> FeatureUnion:
    """Word 1-2-grams, character 2-5-grams (robust to typos and missing accents), and a small
    dense block with what the rule scorer saw (see `RuleFeatures`)."""
    return FeatureUnion(
        [
            ("word", TfidfVectorizer(preprocessor=_prep, ngram_range=(1, 2), min_df=2, sublinear_tf=True)),
            (
                "char",
                TfidfVectorizer(
                    preprocessor=_prep, analyzer="char_wb", ngram_range=(2, 5), min_df=2, sublinear_tf=True
                ),
            ),
            ("rules", Pipeline([("raw", RuleFeatures()), ("scale", StandardScaler()),
                                ("weight", FunctionTransformer(_times_rule_weight))])),
        ]
    )


def make_classifier(c: float = DEFAULT_C) -> LogisticRegression:
    # newton-cg reaches the same optimum as lbfgs here in a few iterations (5-10x faster fits)
    return LogisticRegression(C=c, max_iter=2000, class_weight="balanced", solver="newton-cg")


def make_pipeline(c: float = DEFAULT_C) -> Pipeline:
    """The model `train` fits: `make_features()` then balanced logistic regression."""
    return Pipeline([("features", make_features()), ("clf", make_classifier(c))])


def _times_rule_weight(x: np.ndarray) -> np.ndarray:
    return x * RULE_WEIGHT


def _prep(text: str) -> str:
    # a module-level function (not a lambda) so that joblib can pickle the pipeline. Links become
    # one token (news and shares are mostly neutral); @handles stay as tokens ("at_iberia": who a
    # text addresses says something about it); accents and case are folded.
    text = _URL.sub(" xurlx ", text)
    text = _MENTION.sub(r" at_\1 ", text)
    return fold(text)


class RuleFeatures(BaseEstimator, TransformerMixin):
    """What the default scorer saw, as 11 numbers per text: the compound score, the sums and
    counts of positive and negative terms, whether a negation or a contrast shaped a term, "?"
    and "!" present, and the scorer's neg/pos label. The model learns how far to trust the rules
    on the user's texts. Stateless (the scorer is the process-wide one, never pickled)."""

    def fit(self, texts: Sequence[str], y: object = None) -> RuleFeatures:
        return self

    def transform(self, texts: Sequence[str]) -> np.ndarray:
        return np.array([_rule_row(t) for t in texts], dtype=float)


@lru_cache(maxsize=65536)
def _rule_row(text: str) -> tuple[float, ...]:
    s = default_scorer().score(text, None)
    pos = [t.valence for t in s.terms if t.valence > 0]
    neg = [t.valence for t in s.terms if t.valence < 0]
    rules = " ".join(t.rule for t in s.terms)
    return (s.score, sum(pos), sum(neg), len(pos), len(neg), "negated" in rules, "contrast" in rules,
            "?" in text, "!" in text, s.label == "neg", s.label == "pos")


def _cv_probabilities(texts: Sequence[str], y: np.ndarray, grid: Sequence[float]) -> dict[float, np.ndarray]:
    """Out-of-fold class probabilities (columns in `LABELS` order) for each C; the features are
    fitted once per fold."""
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    probs = {c: np.zeros((len(y), len(LABELS))) for c in grid}
    for train_idx, test_idx in skf.split(np.zeros(len(y)), y):
        features = make_features()
        x_train = features.fit_transform([texts[i] for i in train_idx])
        x_test = features.transform([texts[i] for i in test_idx])
        for c in grid:
            clf = make_classifier(c).fit(x_train, y[train_idx])
            order = [list(clf.classes_).index(lab) for lab in LABELS]
            probs[c][test_idx] = clf.predict_proba(x_test)[:, order]
    return probs


#: Class-prior shifts tried on the log-probabilities of neg and pos (neu stays 0): balanced class
#: weights fix the training prior, but the best operating point of a 3-class macro-F1 is often a
#: little off it. Chosen on out-of-fold predictions only, and measured nested (see `_choose`).
BIAS_GRID = tuple(round(-0.6 + 0.1 * k, 1) for k in range(13))


def _macro_f1(y: np.ndarray, pred: np.ndarray) -> float:
    """Macro-F1 over the three classes for integer-coded labels (fast: called ~2,000 times)."""
    conf = np.bincount(y * 3 + pred, minlength=9).reshape(3, 3)
    tp = np.diag(conf).astype(float)
    denom = conf.sum(0) + conf.sum(1)
    return float(np.mean(np.divide(2 * tp, denom, out=np.zeros(3), where=denom > 0)))


def _fit_bias(logp: np.ndarray, y: np.ndarray) -> tuple[float, float, float]:
    best, best_f1 = (0.0, 0.0, 0.0), _macro_f1(y, logp.argmax(1))
    for b_neg in BIAS_GRID:
        for b_pos in BIAS_GRID:
            bias = (b_neg, 0.0, b_pos)
            f1 = _macro_f1(y, (logp + bias).argmax(1))
            if f1 > best_f1 + 1e-9:
                best, best_f1 = bias, f1
    return best


def _choose(y_labels: np.ndarray, probs: dict[float, np.ndarray]) -> tuple[float, float, tuple[float, float, float]]:
    """Best (macro-F1, C, prior shift) over C and "shift or not".

    The shift's own score is nested: it is fitted on four fifths of the out-of-fold rows and
    scored on the remaining fifth, so choosing it is not rewarded for fitting noise. The shift
    kept for the final model is then fitted on all out-of-fold rows.
    """
    y = np.array([LABELS.index(lab) for lab in y_labels])
    options: list[tuple[float, bool, float, tuple[float, float, float]]] = []
    for c, p in probs.items():
        logp = np.log(p + 1e-12)
        plain = _macro_f1(y, logp.argmax(1))
        nested = np.empty(len(y), dtype=int)
        inner = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED + 1)
        for fit_idx, eval_idx in inner.split(np.zeros(len(y)), y):
            bias = _fit_bias(logp[fit_idx], y[fit_idx])
            nested[eval_idx] = (logp[eval_idx] + bias).argmax(1)
        options.append((plain, c == DEFAULT_C, c, (0.0, 0.0, 0.0)))
        options.append((_macro_f1(y, nested), c == DEFAULT_C, c, _fit_bias(logp, y)))
    # ties: no shift (listed first, max keeps the first) and the default C
    f1, _, c, bias = max(options, key=lambda o: (round(o[0], 6), o[1]))
    return f1, c, bias


def cross_validate(texts: Sequence[str], labels: Sequence[str], scorer: Scorer | None = None
                   ) -> tuple[float, float, float, tuple[float, float, float]]:
    """Macro-F1 of the model (best C of `C_GRID`, with or without a class-prior shift) and of the
    rule-based scorer on the same 5 folds, that C and that shift.

    Choosing among four variants on the same folds makes the model's number very slightly
    optimistic; the rule scorer, which has no parameters fitted on these texts, is not.
    """
    scorer = scorer or default_scorer()
    y = np.array(labels)
    model_f1, best_c, bias = _choose(y, _cv_probabilities(texts, y, C_GRID))
    rule_pred = [s.label for s in scorer.score_many(list(texts), [None] * len(texts))]
    # the rule scorer has no parameters fitted on these texts, so its out-of-fold predictions
    # are its plain predictions; scoring them on the same folds is the same as scoring them all
    rule_f1 = float(f1_score(y, rule_pred, average="macro", labels=list(LABELS)))
    return model_f1, rule_f1, best_c, bias


def fit_model(texts: Sequence[str], labels: Sequence[str], c: float | None = None,
              bias: Sequence[float] | None = None) -> Pipeline:
    """Fit the model on all texts; C and the class-prior shift chosen by cross-validation when
    C is not given."""
    if c is None:
        y = np.array(labels)
        _, c, bias = _choose(y, _cv_probabilities(texts, y, C_GRID))
    pipe = make_pipeline(c).fit(list(texts), list(labels))
    if bias is not None and any(bias):
        clf = pipe.steps[-1][1]
        pipe.steps[-1] = ("clf", PriorShift(clf, tuple(float(b) for b in bias)))
    return pipe


class PriorShift(BaseEstimator):
    """A fitted classifier whose log-probabilities get a per-class shift (neg, neu, pos): moves
    the decision point without refitting. The shift is chosen by cross-validation in `_choose`."""

    def __init__(self, clf: LogisticRegression, bias: tuple[float, float, float]) -> None:
        self.clf = clf
        self.bias = bias

    def fit(self, x: object, y: Sequence[str]) -> PriorShift:
        self.clf.fit(x, y)
        return self

    def __sklearn_is_fitted__(self) -> bool:
        return hasattr(self.clf, "classes_")

    @property
    def classes_(self) -> np.ndarray:
        return self.clf.classes_

    def predict_proba(self, x: object) -> np.ndarray:
        shift = np.array([self.bias[LABELS.index(c)] for c in self.clf.classes_])
        logp = np.log(self.clf.predict_proba(x) + 1e-12) + shift
        p = np.exp(logp - logp.max(1, keepdims=True))
        return p / p.sum(1, keepdims=True)

    def predict(self, x: object) -> np.ndarray:
        return self.clf.classes_[self.predict_proba(x).argmax(1)]


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def train(labelled_csv: Path, model_dir: Path, scorer: Scorer | None = None) -> TrainReport:
    """Fit, compare with the default scorer, and activate the model only if it is better.

    A model that is not better is not written, and a previously active model is left alone.
    """
    labelled_csv = Path(labelled_csv)
    texts, labels = read_labelled(labelled_csv)
    model_f1, rule_f1, best_c, bias = cross_validate(texts, labels, scorer)
    counts = {lab: labels.count(lab) for lab in LABELS}
    if model_f1 <= rule_f1:
        return TrainReport(str(labelled_csv), len(texts), counts, round(model_f1, 4), round(rule_f1, 4),
                           False, None, "the default scorer is at least as good on these texts")
    pipe = fit_model(texts, labels, best_c, bias)
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
        "C": best_c,
        "prior_shift": list(bias),
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
