"""Train-on-your-own-labels: an ensemble of TF-IDF linear models, used only if it beats the rules.

Why "only if better": a model trained on a few hundred of the user's labels can easily be worse
than the lexicon, and a silent downgrade would be invisible on the site. So `train` measures both
with the same stratified 5-fold cross-validation on the user's texts and saves the model (with
its provenance: source file, sha256, rows, date, scores, scikit-learn version) only when its
macro-F1 is higher. `load_active_model` returns a `ModelScorer` with the `Scorer` interface, or
None, so the collector can use whichever is active. The model itself (features and members) is
in `collector.sentiment.features`.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import json
import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

import joblib
import numpy as np
import sklearn
from sklearn.metrics import f1_score
from sklearn.model_selection import StratifiedKFold

from collector.sentiment.features import LABELS, SentimentEnsemble, TextFeatures, fit_members, members_proba
from collector.sentiment.scorer import Score, Scorer, Term, default_scorer

MODEL_FILE = "sentiment_model.joblib"
#: Bumped whenever the pickled model's classes change; a model saved in another format is not
#: loaded (it would fail, or worse, load and mis-score) and the user is told to train again.
MODEL_FORMAT = 2
PROVENANCE_FILE = "sentiment_model.json"
FOLDS = 5
SEED = 13

log = logging.getLogger(__name__)


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


#: Scales of every member's regularisation strength tried by cross-validation (`train` keeps the
#: best). The feature matrices are built once per fold and shared, so each extra scale costs only
#: the members' solver runs.
C_GRID = (0.25, 0.5, 1.0)
DEFAULT_C = 0.5


def make_model(c: float = DEFAULT_C, bias: Sequence[float] = (0.0, 0.0, 0.0)) -> SentimentEnsemble:
    """The model `train` fits (see `collector.sentiment.features`): word, character, NB-SVM and
    rule-scorer members, probabilities averaged, then a class-prior shift."""
    b_neg, b_neu, b_pos = (float(b) for b in bias)
    return SentimentEnsemble(c_scale=c, prior_shift=(b_neg, b_neu, b_pos))


def _cv_probabilities(texts: Sequence[str], y: np.ndarray, grid: Sequence[float]) -> dict[float, np.ndarray]:
    """Out-of-fold class probabilities (columns in `LABELS` order, before any prior shift) for
    each C scale; the features are fitted once per fold."""
    codes = np.array([LABELS.index(lab) for lab in y])
    skf = StratifiedKFold(n_splits=FOLDS, shuffle=True, random_state=SEED)
    probs = {c: np.zeros((len(y), len(LABELS))) for c in grid}
    for train_idx, test_idx in skf.split(np.zeros(len(y)), codes):
        features = TextFeatures()
        x_train = features.fit_transform([texts[i] for i in train_idx])
        x_test = features.transform([texts[i] for i in test_idx])
        for c in grid:
            probs[c][test_idx] = members_proba(fit_members(x_train, codes[train_idx], c), x_test)
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
    """Macro-F1 of the model (best C scale of `C_GRID`, with or without a class-prior shift) and
    of the rule-based scorer on the same 5 folds, that C scale and that shift.

    Choosing among six variants on the same folds makes the model's number very slightly
    optimistic; the rule scorer, which has no parameters fitted on these texts, is not.
    """
    scorer = scorer or default_scorer()
    y = np.array(labels)
    model_f1, best_c, bias = tune(texts, labels)
    rule_pred = [s.label for s in scorer.score_many(list(texts), [None] * len(texts))]
    # the rule scorer has no parameters fitted on these texts, so its out-of-fold predictions
    # are its plain predictions; scoring them on the same folds is the same as scoring them all
    rule_f1 = float(f1_score(y, rule_pred, average="macro", labels=list(LABELS)))
    return model_f1, rule_f1, best_c, bias


def tune(texts: Sequence[str], labels: Sequence[str]) -> tuple[float, float, tuple[float, float, float]]:
    """(cross-validated macro-F1, C scale, prior shift) chosen on these texts only: 5-fold
    out-of-fold probabilities for each C scale of `C_GRID`, then `_choose`."""
    y = np.array(labels)
    return _choose(y, _cv_probabilities(texts, y, C_GRID))


def fit_model(texts: Sequence[str], labels: Sequence[str], c: float | None = None,
              bias: Sequence[float] | None = None) -> SentimentEnsemble:
    """Fit the model on all texts; the C scale and the class-prior shift are chosen by
    cross-validation on these texts when C is not given (the benchmark relies on this: it
    must never see the dev file while choosing)."""
    if c is None:
        _, c, bias = tune(texts, labels)
    return make_model(c, bias or (0.0, 0.0, 0.0)).fit(list(texts), list(labels))


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
        "model": "word LR + char LR + NB-SVM + rule-scorer LR, mean probability, prior shift",
        "model_format": MODEL_FORMAT,
        "C_scale": best_c,
        "prior_shift": list(bias),
    }
    tmp.replace(model_path)  # model first, provenance last: provenance marks it active
    (model_dir / PROVENANCE_FILE).write_text(json.dumps(provenance, indent=2), encoding="utf-8")
    return report


class ModelScorer:
    """A trained model behind the `Scorer` interface: score = P(pos) - P(neg), label = argmax."""

    def __init__(self, model: SentimentEnsemble, provenance: dict | None = None) -> None:
        self.model = model
        self.provenance = provenance or {}
        self._classes = list(model.classes_)

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
            probs = self.model.predict_proba([texts[i] for i in todo], [langs[i] for i in todo])
            ipos, ineg = self._classes.index("pos"), self._classes.index("neg")
            for row, i in zip(probs, todo, strict=True):
                label = self._classes[int(row.argmax())]
                value = round(float(row[ipos] - row[ineg]), 4)
                term = Term("(trained model)", value, f"model P({label})={row.max():.2f}")
                out[i] = Score(value, label, (term,))
        return [s for s in out if s is not None]


def load_active_model(model_dir: Path) -> ModelScorer | None:
    """The active trained model in `model_dir`, or None when there is none.

    A model that cannot be used (saved by an older Pulso in another format, or a damaged file)
    is also None, with a logged warning saying to train again: the default scorer then takes
    over, which is better than a crashed collect.
    """
    model_dir = Path(model_dir)
    prov_path, model_path = model_dir / PROVENANCE_FILE, model_dir / MODEL_FILE
    if not (prov_path.is_file() and model_path.is_file()):
        return None
    try:
        provenance = json.loads(prov_path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        log.warning("ignoring the trained sentiment model in %s: unreadable %s (%s); "
                    "using the default scorer", model_dir, PROVENANCE_FILE, exc)
        return None
    if not provenance.get("activated"):
        return None
    if provenance.get("model_format") != MODEL_FORMAT:
        log.warning("ignoring the trained sentiment model in %s: it was saved by an older version of Pulso "
                    "(format %s, this version reads %s); using the default scorer. Run `pulso sentiment train` "
                    "on your labelled file again.", model_dir, provenance.get("model_format", 1), MODEL_FORMAT)
        return None
    try:
        model = joblib.load(model_path)
        scorer = ModelScorer(model, provenance)
    except Exception as exc:  # unpickling can raise nearly anything (missing class, truncated file)
        log.warning("ignoring the trained sentiment model in %s: cannot load %s (%s: %s); using the default "
                    "scorer. Run `pulso sentiment train` again.", model_dir, MODEL_FILE, type(exc).__name__, exc)
        return None
    return scorer
