"""Features and members of the trained sentiment model (see `collector.sentiment.training`).

Why an ensemble of four small linear models rather than one: on short, noisy texts each view
misses different things. Word 1-2-grams (with negation marking) see phrasing, character 2-5-grams
survive typos and missing accents, NB-SVM (Wang & Manning 2012) weights rare but one-sided
n-grams, and the rule scorer's own numbers bring the lexicon the user never had to label.
Averaging their probabilities beat every single one of them in 5-fold cross-validation on the
three labelled train files of issue 3 (and the previous single word+char+rules model by 1.3-2
macro-F1 points; on the dev files the difference was within their noise, about ±0.013). The
feature matrices are built once and shared by the members, so the ensemble costs little more to
fit than one model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from scipy import sparse
from sklearn.base import BaseEstimator, ClassifierMixin
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

from collector.sentiment.rules import NEGATORS, fold
from collector.sentiment.scorer import default_scorer

LABELS = ("neg", "neu", "pos")

# --- tokenisation -----------------------------------------------------------------------------

_NEGATORS = NEGATORS["es"] | NEGATORS["en"]
_TOKEN = re.compile(
    r"""
    (?P<url>https?://\S+|www\.\S+)
  | (?P<user>@\w+)
  | (?P<tag>\#\w+)
  | (?P<num>\d+(?:[.,:]\d+)*)
  | (?P<word>[^\W\d_]+(?:['’][^\W\d_]+)*)
  | (?P<emoticon>[:;=xX8][-'^o]?[()\[\]dDpP/\\|*3oO]+(?!\w)|<3|[()\[\]][-'^]?[:;=])
  | (?P<emoji>[\U0001F000-\U0001FAFF\u2600-\u27BF\u2190-\u21FF\u2B00-\u2BFF])
  | (?P<bang>!+)
  | (?P<question>[?¿]+)
  | (?P<brk>[.,;:…¡\n]+|\s[-–—]\s)
    """,
    re.VERBOSE,
)
_ELONGATED = re.compile(r"(\w)\1{2,}")
_URL = re.compile(r"https?://\S+|www\.\S+")
_MENTION = re.compile(r"@\w+")
NEG_SUFFIX = "_neg"


def tweet_tokens(text: str) -> list[str]:
    """Word tokens for short social texts, built so that equivalent spellings meet.

    Links become `xurl` and numbers `xnum` (their value says nothing about sentiment); a
    @handle gives `xuser` plus the handle (whom a text addresses says something about it);
    words are folded (case, accents) and elongations squeezed ("buenoooo" -> "buenoo", with an
    `xelong` token, as is `xcaps` for a shouted word); emoji, emoticons, "!" and "?" are tokens.
    Negation marking: words after a negator (no, nunca, sin, not, never, -n't ...) get the
    suffix `_neg` until the next punctuation, so "no me gusta" and "me gusta" differ.
    """
    out: list[str] = []
    negating = False
    for m in _TOKEN.finditer(text):
        kind, raw = m.lastgroup, m.group()
        if kind == "url":
            out.append("xurl")
        elif kind == "user":
            out += ["xuser", raw.lower()]
        elif kind == "num":
            out.append("xnum")
        elif kind in ("bang", "question"):
            mark = "!" if kind == "bang" else "?"
            out += [mark, mark * 2] if len(raw) > 1 else [mark]
            negating = False
        elif kind == "brk":
            negating = False
        elif kind in ("emoticon", "emoji"):
            out.append(raw)
        else:
            if kind == "tag":
                out.append("#")
                raw = raw[1:]
            word = fold(raw)
            squeezed = _ELONGATED.sub(r"\1\1", word)
            if squeezed != word:
                out.append("xelong")
            if len(raw) > 2 and raw.isupper():
                out.append("xcaps")
            key = squeezed.replace("’", "'")
            if key in _NEGATORS or key.endswith("n't"):
                out.append(squeezed)
                negating = True
            else:
                out.append(squeezed + NEG_SUFFIX if negating else squeezed)
    return out


def char_text(text: str) -> str:
    """The text the character n-grams see: links and handles reduced to a marker, folded,
    elongations squeezed (so "@iberia" and "muuuy" do not flood the n-gram vocabulary)."""
    text = _MENTION.sub(" @ ", _URL.sub(" xurl ", text))
    return _ELONGATED.sub(r"\1\1", fold(text))


# --- rule-scorer features ---------------------------------------------------------------------


@lru_cache(maxsize=65536)
def rule_row(text: str, lang: str | None = None) -> tuple[float, ...]:
    """What the default scorer saw, as 11 numbers: the compound score, the sums and counts of
    positive and negative terms, whether a negation or a contrast shaped a term, "?" and "!"
    present, and its neg/pos label. Cached: cross-validation asks for each text six times.
    `lang` None lets the scorer detect it (training); scoring passes the language `collect`
    already detected, which saves a third of the cost."""
    s = default_scorer().score(text, lang)
    pos = [t.valence for t in s.terms if t.valence > 0]
    neg = [t.valence for t in s.terms if t.valence < 0]
    rules = " ".join(t.rule for t in s.terms)
    return (s.score, sum(pos), sum(neg), len(pos), len(neg), "negated" in rules, "contrast" in rules,
            "?" in text, "!" in text, s.label == "neg", s.label == "pos")


@dataclass(frozen=True)
class Blocks:
    """The feature matrices of a batch of texts, shared by the ensemble members."""

    words: sparse.csr_matrix
    chars: sparse.csr_matrix
    rules: np.ndarray


class TextFeatures(BaseEstimator):
    """Word TF-IDF (`tweet_tokens`, 1-2-grams), character TF-IDF (`char_text`, 2-5-grams within
    words) and the scaled rule-scorer row. min_df=2 keeps one-off typos out of the vocabulary."""

    def fit(self, texts: Sequence[str]) -> TextFeatures:
        self.fit_transform(texts)
        return self

    def fit_transform(self, texts: Sequence[str]) -> Blocks:
        self.words_ = TfidfVectorizer(tokenizer=tweet_tokens, lowercase=False, token_pattern=None,
                                      ngram_range=(1, 2), min_df=2, sublinear_tf=True, dtype=np.float32)
        self.chars_ = TfidfVectorizer(preprocessor=char_text, analyzer="char_wb", ngram_range=(2, 5),
                                      min_df=2, sublinear_tf=True, dtype=np.float32)
        self.rules_ = StandardScaler()
        return Blocks(self.words_.fit_transform(texts), self.chars_.fit_transform(texts),
                      self.rules_.fit_transform(_rule_matrix(texts)))

    def transform(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> Blocks:
        return Blocks(self.words_.transform(texts), self.chars_.transform(texts),
                      self.rules_.transform(_rule_matrix(texts, langs)))


def _rule_matrix(texts: Sequence[str], langs: Sequence[str | None] | None = None) -> np.ndarray:
    langs = langs if langs is not None else [None] * len(texts)
    rows = [rule_row(t, lang) for t, lang in zip(texts, langs, strict=True)]
    return np.array(rows, dtype=float).reshape(len(texts), 11)


# --- members ----------------------------------------------------------------------------------

#: Regularisation of each member at c_scale 1 (from 5-fold cross-validation on the three
#: labelled train files of issue 3; `train` scales them by a factor it chooses by cross-validation
#: on the user's file).
WORD_C, CHAR_C, NBSVM_C, RULES_C = 1.0, 1.0, 0.3, 1.0


def _logistic(c: float) -> LogisticRegression:
    # newton-cg reaches the same optimum as lbfgs in a few iterations (5-10x faster fits here)
    return LogisticRegression(C=c, max_iter=2000, class_weight="balanced", solver="newton-cg")


class NBSVM(BaseEstimator):
    """NB-SVM with a logistic loss (Wang & Manning 2012): binary n-gram features scaled by their
    log-count ratio, one classifier per class against the rest, probabilities renormalised.
    The scaling lets a strong regulariser keep the n-grams that are clearly one-sided."""

    def __init__(self, c: float = NBSVM_C, alpha: float = 1.0) -> None:
        self.c = c
        self.alpha = alpha

    def fit(self, x: sparse.csr_matrix, y: np.ndarray) -> NBSVM:
        x = _binary(x)
        self.ratios_, self.models_ = [], []
        for k in range(len(LABELS)):
            p = self.alpha + np.asarray(x[y == k].sum(0)).ravel()
            q = self.alpha + np.asarray(x[y != k].sum(0)).ravel()
            ratio = np.log((p / p.sum()) / (q / q.sum()))
            # dual: many more features than texts, where liblinear's dual solver is ~3x faster
            model = LogisticRegression(C=self.c, solver="liblinear", dual=True, class_weight="balanced", max_iter=1000)
            self.ratios_.append(ratio)
            self.models_.append(model.fit(x.multiply(ratio).tocsr(), (y == k).astype(int)))
        return self

    def predict_proba(self, x: sparse.csr_matrix) -> np.ndarray:
        x = _binary(x)
        p = np.column_stack([m.predict_proba(x.multiply(r).tocsr())[:, 1]
                             for m, r in zip(self.models_, self.ratios_, strict=True)])
        return p / p.sum(1, keepdims=True)


def _binary(x: sparse.spmatrix) -> sparse.csr_matrix:
    x = sparse.csr_matrix(x, dtype=np.float64, copy=True)
    x.data[:] = 1.0
    return x


def _nb_input(blocks: Blocks) -> sparse.csr_matrix:
    return sparse.hstack([blocks.words, blocks.chars], format="csr")


MEMBERS = ("word", "char", "nbsvm", "rules")


def fit_members(blocks: Blocks, y: np.ndarray, c_scale: float) -> list[BaseEstimator]:
    """The four members in `MEMBERS` order, fitted on `blocks` (y coded as indices of LABELS)."""
    return [
        _logistic(WORD_C * c_scale).fit(blocks.words, y),
        _logistic(CHAR_C * c_scale).fit(blocks.chars, y),
        NBSVM(NBSVM_C * c_scale).fit(_nb_input(blocks), y),
        _logistic(RULES_C).fit(blocks.rules, y),
    ]


def members_proba(members: Sequence[BaseEstimator], blocks: Blocks) -> np.ndarray:
    """Mean of the members' class probabilities (columns in LABELS order)."""
    inputs = (blocks.words, blocks.chars, _nb_input(blocks), blocks.rules)
    return np.mean([m.predict_proba(x) for m, x in zip(members, inputs, strict=True)], axis=0)


def shift_proba(p: np.ndarray, bias: Sequence[float]) -> np.ndarray:
    """Add a per-class shift to the log-probabilities and renormalise (moves the decision point
    towards the best macro-F1 without refitting; the shift is chosen by cross-validation)."""
    logp = np.log(p + 1e-12) + np.asarray(bias, dtype=float)
    q = np.exp(logp - logp.max(1, keepdims=True))
    return q / q.sum(1, keepdims=True)


class SentimentEnsemble(BaseEstimator, ClassifierMixin):
    """The trained model: `TextFeatures`, the four members, their mean probability, then the
    class-prior shift. Takes raw texts and labels from LABELS; `classes_` is LABELS."""

    def __init__(self, c_scale: float = 1.0, prior_shift: tuple[float, float, float] = (0.0, 0.0, 0.0)) -> None:
        self.c_scale = c_scale
        self.prior_shift = prior_shift

    def fit(self, texts: Sequence[str], labels: Sequence[str]) -> SentimentEnsemble:
        y = np.array([LABELS.index(lab) for lab in labels])
        self.features_ = TextFeatures()
        self.members_ = fit_members(self.features_.fit_transform(list(texts)), y, self.c_scale)
        self.classes_ = np.array(LABELS)
        return self

    def predict_proba(self, texts: Sequence[str], langs: Sequence[str | None] | None = None) -> np.ndarray:
        """Class probabilities (columns in LABELS order); `langs`, when known, spares the rule
        scorer its language detection."""
        p = members_proba(self.members_, self.features_.transform(list(texts), langs))
        return shift_proba(p, self.prior_shift)

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        return self.classes_[self.predict_proba(texts).argmax(1)]
