"""Emerging terms: the words and two-word phrases whose share of texts rose most against a baseline.

How a term is ranked (the Themes page says the same in words):

1. Texts are folded with the mentions' fold (case, accents) and cut into words of letters (three or
   more); Spanish and English stop words (the `stop-words` package's maintained lists, folded the same
   way) and the brand's own names are dropped; the remaining words and each pair of them that stand
   next to each other in the text are the terms (counted by scikit-learn's CountVectorizer).
2. A term's count is the number of texts that contain it (a text repeating a word counts once).
3. Each term gets the log-odds ratio of "a text contains it" in the target texts against the baseline
   texts, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): the
   prior is the term's count in both sets together, which pulls rare terms towards "no change"; the
   ratio is divided by its standard error, so a rise seen in many texts outranks the same rise in few.
4. Only terms in at least `min_count` target texts whose share rose are kept, best first; a word is
   not listed again inside a listed two-word phrase that holds most of its texts, and a term that
   shares a word with one listed above it is skipped (one line per topic).
"""

from __future__ import annotations

import functools
import itertools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer
from stop_words import get_stop_words

from collector import fold

#: A term must be in at least this many of the target texts.
MIN_COUNT = 3
#: Terms returned by default, and example texts kept per term.
LIMIT, EXAMPLES = 10, 2
#: A two-word phrase stands for its words when it holds at least this share of each word's texts.
PHRASE_COVERS = 2 / 3
#: Words of letters only (no digits, no underscores), three or more: "4G" and "ok" are not topics.
TOKEN_PATTERN = r"(?u)\b[^\W\d_]{3,}\b"
STOP_LANGUAGES = ("es", "en")


@dataclass(frozen=True)
class Term:
    """A rising term: `count` of the target texts contain it (`baseline_count` of the baseline's);
    `share`/`baseline_share` are those counts over each set's size; `z` the prior-smoothed log-odds
    ratio over its standard error; `examples` positions in the target texts (the first that contain it)."""

    term: str
    count: int
    baseline_count: int
    share: float
    baseline_share: float
    z: float
    examples: tuple[int, ...]


@functools.cache
def stop_words() -> frozenset[str]:
    """Spanish and English stop words, folded like the texts ('además' -> 'ademas'), with the word pieces
    the tokenizer would cut them into ("ain't" -> "ain"), so a listed word never slips in as a fragment."""
    folded = {fold(w) for lang in STOP_LANGUAGES for w in get_stop_words(lang)}
    pieces = {piece for w in folded for piece in re.findall(TOKEN_PATTERN, w)}
    return frozenset(folded | pieces)


def _extra_words(extra_stop: Iterable[str]) -> frozenset[str]:
    """Words of extra stop phrases (the brand's names and aliases), folded and split like texts."""
    return frozenset(w for phrase in extra_stop for w in fold(phrase).split())


class Analyzer:
    """Text -> its terms: folded words of letters that are not stop words, and each pair of such words
    standing next to each other in the text (a stop word between two words breaks the pair, so
    "cobrado nada, pero lento" never yields "cobrado lento")."""

    def __init__(self, extra_stop: Iterable[str] = ()) -> None:
        self.stop = stop_words() | _extra_words(extra_stop)
        self._words = re.compile(TOKEN_PATTERN).findall

    def __call__(self, text: str) -> list[str]:
        stop = self.stop
        tokens = [w if w not in stop else "" for w in self._words(fold(text))]
        terms = [w for w in tokens if w]
        terms += [f"{a} {b}" for a, b in itertools.pairwise(tokens) if a and b]
        return terms


def vectorizer(extra_stop: Iterable[str] = ()) -> CountVectorizer:
    """The one tokenizer of terms (`Analyzer`), counted once per text."""
    return CountVectorizer(analyzer=Analyzer(extra_stop), binary=True, dtype=np.int32)


def log_odds_z(count: np.ndarray, size: int, base_count: np.ndarray, base_size: int) -> np.ndarray:
    """z-scores of the log-odds ratio (target vs baseline) of a text containing each term, with the
    informative Dirichlet prior alpha = the pooled counts (alpha0 = the pooled number of texts), plus half
    a text each way so a term in every text (or none) keeps finite odds."""
    alpha, alpha0 = count + base_count, size + base_size
    has, lacks = count + alpha + 0.5, size - count + alpha0 - alpha + 0.5
    base_has, base_lacks = base_count + alpha + 0.5, base_size - base_count + alpha0 - alpha + 0.5
    delta = np.log(has / lacks) - np.log(base_has / base_lacks)
    return delta / np.sqrt(1.0 / has + 1.0 / lacks + 1.0 / base_has + 1.0 / base_lacks)


def rising(texts: Sequence[str], baseline: Sequence[str], *, min_count: int = MIN_COUNT, limit: int = LIMIT,
           extra_stop: Iterable[str] = ()) -> list[Term]:
    """The terms of `texts` whose share rose most against `baseline`, best first (see the module's rules)."""
    if not texts:
        return []
    vec = vectorizer(extra_stop)
    try:
        matrix = vec.fit_transform([*texts, *baseline])
    except ValueError:            # nothing but stop words
        return []
    matrix = sparse.csc_matrix(matrix)
    target, base = matrix[: len(texts)], matrix[len(texts):]
    count = np.asarray(target.sum(axis=0)).ravel()
    base_count = np.asarray(base.sum(axis=0)).ravel()
    z = log_odds_z(count.astype(float), len(texts), base_count.astype(float), len(baseline))
    size, base_size = len(texts), max(len(baseline), 1)
    rose = (count >= min_count) & (count / size > base_count / base_size)
    names = vec.get_feature_names_out()
    order = [i for i in np.argsort(-z, kind="stable") if rose[i]]
    picked = pick(order, names, count, limit)
    target_csc = sparse.csc_matrix(target)
    return [Term(term=str(names[i]), count=int(count[i]), baseline_count=int(base_count[i]),
                 share=float(count[i] / size),
                 baseline_share=float(base_count[i] / base_size) if baseline else 0.0,
                 z=float(z[i]), examples=tuple(int(r) for r in _rows(target_csc, i)[:EXAMPLES]))
            for i in picked]


def _rows(matrix: sparse.csc_matrix, column: int) -> np.ndarray:
    """The rows holding a term, in text order."""
    return np.sort(matrix.indices[matrix.indptr[column]:matrix.indptr[column + 1]])


def pick(order: Sequence[int], names: Sequence[str], count: np.ndarray, limit: int) -> list[int]:
    """From ranked candidates, one term per topic: a two-word phrase holding at least PHRASE_COVERS of a
    word's texts takes that word's place; a term sharing a word with one already picked is skipped."""
    index = {str(names[i]): i for i in order}
    stands_for: dict[int, int] = {}
    for i in order:
        words = str(names[i]).split()
        if len(words) == 2 and all(w in index and count[i] >= PHRASE_COVERS * count[index[w]] for w in words):
            for w in words:
                stands_for.setdefault(index[w], i)
    picked: list[int] = []
    used: set[str] = set()
    for i in order:
        i = stands_for.get(i, i)
        words = set(str(names[i]).split())
        if i in picked or words & used:
            continue
        picked.append(i)
        used |= words
        if len(picked) == limit:
            break
    return picked
