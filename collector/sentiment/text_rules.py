"""Text-level rules of the sentiment scorer: where a contrast turns the weight, what a negator that
negated nothing says, and which way an exclamation like "vaya tela" points.

Kept apart from `scorer.py` so the scoring loop stays readable; each function is pure and reads
only a text's tokens and its hits so far.
"""

from __future__ import annotations

import math

from collector.sentiment import rules as R


def contrast_weights(tok: R.Tokens, lang: str) -> list[float] | None:
    """Per-word weights: 0.5 before the last contrast marker, 1.5 after it (VADER's "but");
    None when the text has no contrast marker (every weight 1)."""
    keys = tok.keys
    single = R.CONTRAST.get(lang, frozenset())
    pivot = -1
    if not single.isdisjoint(keys):
        boosters = R.BOOSTERS[lang]
        pivot = max((i for i, k in enumerate(keys) if k in single and not R.repeats_booster(keys, i, boosters)),
                    default=-1)
    if not R.CONTRAST_PAIR_FIRST.isdisjoint(keys):
        for i in range(len(keys) - 1, pivot, -1):
            if i + 1 < len(keys) and (keys[i], keys[i + 1]) in R.CONTRAST_PAIRS:
                pivot = i
                break
    if pivot < 0:
        return None
    n = len(keys)
    start = pivot + 1
    if keys[pivot] in R.CONCESSIVE_OPENERS and tok.starts_sentence(pivot):
        # "Aunque tardaron, el trato fue excelente": the main clause follows the comma
        clause = tok.clauses()
        later = [j for j in range(pivot + 1, n) if clause[j] != clause[pivot]]
        if not later:
            return None
        start = later[0]
    weights = [R.CONTRAST_BEFORE] * start + [R.CONTRAST_AFTER] * (n - start)
    if pivot < start:
        weights[pivot] = 1.0
    return weights


def negation_cue(text: str, raws: list[str], keys: list[str], lang: str, settled: set[int],
                  hits: list[R.Hit]) -> float:
    """A negator that negated nothing still signals a complaint ("no me devuelven el dinero").

    Measured on the train files: texts the lexicon scores neutral but that contain a bare
    negator are labelled negative about twice as often as neutral. One weak cue per text.
    """
    negators = R.NEGATORS[lang]
    contractions = lang == "en" and ("'" in text or "’" in text or "´" in text or "`" in text)
    if negators.isdisjoint(keys) and not contractions:
        return 0.0
    for j, k in enumerate(keys):
        if ((k in negators or (contractions and k.endswith("n't"))) and j not in settled
                and (j + 1 == len(keys) or (k, keys[j + 1]) not in R.NOT_NEGATING)):  # "sin embargo", "no doubt"
            cue = R.NEGATION_CUES.get(lang, R.NEGATION_CUE)
            hits.append(R.Hit(raws[j], cue, "negation-cue", j, k))
            return cue
    return 0.0


def interjections(hits: list[R.Hit], total: float) -> float:
    """"Vaya tela" and "madre mía" exclaim; what about is the rest of the text: "Vaya tela, la fibra
    va como un tiro" is delight. An interjection whose sign is against a clear rest (at least
    INTERJECTION_FOLLOWS either way) takes the rest's sign at half its weight."""
    found = [k for k, h in enumerate(hits) if h.key in R.INTERJECTIONS]
    if not found:
        return total
    rest = total - sum(hits[k].valence for k in found)
    if abs(rest) < R.INTERJECTION_FOLLOWS:
        return total
    for k in found:
        h = hits[k]
        if (h.valence > 0) != (rest > 0):
            new = round(math.copysign(abs(h.valence) * 0.5, rest), 3)
            hits[k] = h.turned(new, "interjection")
            total += new - h.valence
    return total
