"""Emerging terms: the words and two-word phrases whose share of texts rose most against a baseline.

How a term is ranked (the Themes page says the same in words):

1. Texts are folded with the mentions' fold (case, accents) and cut into words; a term is a word of
   three or more letters that is not a Spanish or English stop word (the `stop-words` package's
   maintained lists, folded the same way) nor one of the brand's names, or two such words standing
   next to each other (a stop word, a number or punctuation between them breaks the pair, so
   "cobrado nada, pero lento" never yields "cobrado lento"). scikit-learn's CountVectorizer counts them.
2. A term's count is the number of texts that contain it (a text repeating a word counts once).
3. Each term gets the log-odds ratio of "a text contains it" in the target texts against the baseline
   texts, with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): the
   prior is the term's count in both sets together, which pulls rare terms towards "no change"; the
   ratio is divided by its standard error, so a rise seen in many texts outranks the same rise in few.
4. Only terms in at least `min_count` target texts whose share rose are kept, best first; a two-word
   phrase that holds most of a word's texts is listed instead of that word, and a term that shares a
   word with one listed above it is skipped (one line per topic).
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
#: A term's word: letters only, three or more ("4G", "ok" and "R-20931" are not topics).
WORD = re.compile(r"[^\W\d_]{3,}")
#: What the tokenizer sees: runs of word characters, and every other non-space character (punctuation),
#: so that anything but a term between two terms breaks their pair.
_PIECES = re.compile(r"\w+|[^\w\s]")
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
    return frozenset(folded | {piece for w in folded for piece in _PIECES.findall(w)})


def pieces(folded: str) -> list[str]:
    """What the tokenizer sees of a folded text: its word runs and its punctuation, in order."""
    return _PIECES.findall(folded)


class Analyzer:
    """Text -> its terms (rule 1 of the module docstring), for CountVectorizer(analyzer=...)."""

    def __init__(self, extra_stop: Iterable[str] = ()) -> None:
        extra = {piece for phrase in extra_stop for piece in _PIECES.findall(fold(phrase))}
        self.stop = stop_words() | extra

    def __call__(self, text: str) -> list[str]:
        return self.terms(pieces(fold(text)))

    def terms(self, found: list[str]) -> list[str]:
        """The terms of a text already cut by `pieces` (the build cuts each text once for themes and terms)."""
        stop, word = self.stop, WORD.fullmatch
        tokens = [p if p not in stop and word(p) else "" for p in found]
        return [w for w in tokens if w] + [f"{a} {b}" for a, b in itertools.pairwise(tokens) if a and b]


def vectorizer(extra_stop: Iterable[str] = (), *, cut: bool = False) -> CountVectorizer:
    """The one tokenizer of terms (`Analyzer`), counted once per text; `cut`: documents arrive as `pieces`."""
    analyzer = Analyzer(extra_stop)
    return CountVectorizer(analyzer=analyzer.terms if cut else analyzer, binary=True, dtype=np.int32)


def log_odds_z(count: np.ndarray, size: int, base_count: np.ndarray, base_size: int) -> np.ndarray:
    """z-scores of the log-odds ratio (target vs baseline) of a text containing each term, with the
    informative Dirichlet prior alpha = the pooled counts (alpha0 = the pooled number of texts), plus half
    a text each way so a term in every text (or none) keeps finite odds."""
    alpha, alpha0 = count + base_count, size + base_size
    has, lacks = count + alpha + 0.5, size - count + alpha0 - alpha + 0.5
    base_has, base_lacks = base_count + alpha + 0.5, base_size - base_count + alpha0 - alpha + 0.5
    delta = np.log(has / lacks) - np.log(base_has / base_lacks)
    return delta / np.sqrt(1.0 / has + 1.0 / lacks + 1.0 / base_has + 1.0 / base_lacks)


def column_counts(matrix: sparse.spmatrix) -> np.ndarray:
    """Texts (rows) containing each term (column) of a binary document-term matrix."""
    return np.asarray(matrix.sum(axis=0)).ravel().astype(float)


def ranked(count: np.ndarray, size: int, base_count: np.ndarray, base_size: int, names: Sequence[str], *,
           min_count: int = MIN_COUNT, limit: int = LIMIT) -> list[tuple[int, float]]:
    """(column, z) of the rising terms, best first (rules 3 and 4), from per-term text counts."""
    if size == 0 or len(names) == 0:
        return []
    z = log_odds_z(count, size, base_count, base_size)
    rose = (count >= min_count) & (count / size > base_count / max(base_size, 1))
    order = [int(i) for i in np.argsort(-z, kind="stable") if rose[i]]
    return [(i, float(z[i])) for i in pick(order, names, count, limit)]


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


def rows_with(matrix: sparse.csc_matrix, column: int, limit: int = EXAMPLES) -> tuple[int, ...]:
    """The first `limit` rows (texts, in order) that contain a term."""
    rows = np.sort(matrix.indices[matrix.indptr[column]:matrix.indptr[column + 1]])
    return tuple(int(r) for r in rows[:limit])


_RUN = re.compile(r"\w+")


def spelled(term: str, texts: Iterable[str | None]) -> str:
    """The term as the first of `texts` containing it writes it, lower-cased: "explicacion" -> "explicación"
    (terms are counted folded; people read them with their accents). The folded term when none does."""
    words = term.split()
    for text in texts:
        if not text:
            continue
        runs = [m.group(0) for m in _RUN.finditer(text)]
        folded = [fold(r) for r in runs]
        for i in range(len(runs) - len(words) + 1):
            if folded[i:i + len(words)] == words:
                return " ".join(runs[i:i + len(words)]).lower()
    return term


def rising(texts: Sequence[str], baseline: Sequence[str], *, min_count: int = MIN_COUNT, limit: int = LIMIT,
           extra_stop: Iterable[str] = ()) -> list[Term]:
    """The terms of `texts` whose share rose most against `baseline`, best first (the module's rules)."""
    if not texts:
        return []
    vec = vectorizer(extra_stop)
    try:
        matrix = sparse.csr_matrix(vec.fit_transform([*texts, *baseline]))
    except ValueError:            # no text has a single term
        return []
    target = sparse.csc_matrix(matrix[: len(texts)])
    return terms_of(target, column_counts(target), len(texts), column_counts(matrix[len(texts):]), len(baseline),
                    vec.get_feature_names_out(), min_count=min_count, limit=limit)


def terms_of(target: sparse.csc_matrix, count: np.ndarray, size: int, base_count: np.ndarray, base_size: int,
             names: Sequence[str], *, min_count: int = MIN_COUNT, limit: int = LIMIT) -> list[Term]:
    """The rising terms of `target` (its `size` texts by term, `count` per term) against a baseline of
    `base_size` texts, best first: the one place a Term is made, for `rising` and the site's weeks alike."""
    return [Term(term=str(names[i]), count=int(count[i]), baseline_count=int(base_count[i]),
                 share=float(count[i] / size), baseline_share=float(base_count[i] / base_size) if base_size else 0.0,
                 z=z, examples=rows_with(target, i))
            for i, z in ranked(count, size, base_count, base_size, names, min_count=min_count, limit=limit)]
