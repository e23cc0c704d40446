"""Hashtags that carry sentiment in their words: #unitedfail, #BadCustomerService, #nothappy.

Why: on social sites and in comments that quote them, the hashtag is often the verdict
("... and 3 hours on the tarmac #neveragain"), and as one token no lexicon lists it. A hashtag the
lexicon does not know is cut into words, by its capitals when it has them (#SlapInTheFace) and
else at the one place that leaves a lexicon word at its start or end (#unitedfail: united + fail);
the longest such word counts (#neveragain: never, not gain), turned by a negator before it
(#nothappy). Only hashtags are cut: an ordinary unknown word ending in a lexicon word ("therapist") is left alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Collection

from collector.matching import fold
from collector.sentiment import rules as R

_CAMEL = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")
#: A piece at the start of a hashtag needs this many letters to count, one at the end one more
#: ("#badservice": "bad"; "#epicfail": "fail"); a 3-letter start counts only before 4 letters or
#: more ("#winter" is no "win").
MIN_HEAD, MIN_TAIL = 3, 4


def pieces(raw: str) -> list[str]:
    """A hashtag's words by its capitals ("SlapInTheFace" -> slap, in, the, face); [] when it has none
    to cut by (all lower or all upper case)."""
    if raw.islower() or raw.isupper():
        return []
    found = _CAMEL.findall(raw)
    return [fold(p) for p in found] if len(found) > 1 else []


def valence(raw: str, key: str, lookup: Callable[[str], float | None], negators: Collection[str]) -> float | None:
    """The valence a hashtag says through its words, or None (see the module's docstring).

    `lookup` gives a word's lexicon valence (None when unknown); `negators` are the language's."""
    words = pieces(raw)
    if words:
        return _clearest(words, lookup, negators)
    best: tuple[int, float, float] | None = None  # (length, |valence|, valence) of the best piece
    for k in range(MIN_HEAD, len(key) - MIN_HEAD + 1):
        head, tail = key[:k], key[k:]
        head_least = MIN_HEAD if len(tail) >= MIN_TAIL else MIN_TAIL
        for piece, before, least in ((head, "", head_least), (tail, head, MIN_TAIL)):
            v = lookup(piece) if len(piece) >= least and piece not in negators else None
            if v and (best is None or (len(piece), abs(v)) > best[:2]):
                best = (len(piece), abs(v), _negated(v) if before in negators else v)
    return best[2] if best else None


def _clearest(words: list[str], lookup: Callable[[str], float | None], negators: Collection[str]) -> float | None:
    best: float | None = None
    for n, word in enumerate(words):
        v = lookup(word) if len(word) > 2 and word not in negators else None
        if v and (best is None or abs(v) > abs(best)):
            best = _negated(v) if any(w in negators for w in words[:n]) else v
    return best


def _negated(v: float) -> float:
    return v * (R.NEGATION_FACTOR if v > 0 else R.NEGATED_NEGATIVE_FACTOR)
