"""Default sentiment scorer: a transparent lexicon-and-rules model for Spanish and English.

Why rules and not a model: communications staff trust a number they can check, and the public
labelled corpora cannot be shipped as a default model (their licences forbid it). Every
score is the sum of the `Term`s listed with it, each with the rule that shaped it, so
`pulso score --explain` and the site can show *why*.

The method follows VADER (Hutto & Gilbert 2014): valence per term on a -4..+4 scale; negation
within three words; intensifiers and dampeners; the clause after a contrast word ("pero",
"sin embargo", "but") weighing 1.5x and the one before 0.5x; CAPITALS, "!" and elongations
("maaaal") adding emphasis; emoji and emoticons; multi-word customer-service phrases ("sin
respuesta", "llevo dos días", "on hold") that replace the words inside them. The sum s is squashed
to s / sqrt(s^2 + 15) in [-1, 1]; per-language thresholds (tuned on the dev files) give the label.

Mixed-language texts: the text is scored with its language's lexicon (detected when `lang` is
None); words that lexicon does not know are looked up in the other language's single-word lexicon
if they are at least 4 letters long and not in a short list of false friends ("sin", "once",
"pie" ...). So "el vuelo fue un fail total" still sees "fail", and "nice trip, gracias!" sees
"gracias". Scoring is linear in the text length; per-word lookups are cached.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from collector.sentiment import rules as R
from collector.sentiment.lexicon import Lexicon, load_lexicons


@dataclass(frozen=True)
class Term:
    """One contribution to a score: the text that matched, its final valence, and why."""

    text: str
    valence: float
    rule: str


@dataclass(frozen=True)
class Score:
    """A text's score in [-1, 1], its label (neg/neu/pos) and the terms that produced it."""

    score: float
    label: str
    terms: tuple[Term, ...]


NEUTRAL = Score(0.0, "neu", ())
LANGS = ("es", "en")


def label_for(score: float, lang: str | None) -> str:
    """Map a compound score to neg/neu/pos with the language's thresholds."""
    neg, pos = R.THRESHOLDS.get(lang or "", R.DEFAULT_THRESHOLDS)
    if score >= pos:
        return "pos"
    if score <= neg:
        return "neg"
    return "neu"


class Scorer:
    """Rule-based scorer; loads its lexicons once. Thread-safe for reading."""

    def __init__(self, lexicons: dict[str, Lexicon] | None = None) -> None:
        self.lexicons = lexicons or load_lexicons()
        any_lex = next(iter(self.lexicons.values()))
        self._pattern = R.build_tokenizer(any_lex.emoticon_keys(), any_lex.emoji_keys())

    # -- public API --------------------------------------------------------------------------
    def score(self, text: str, lang: str | None) -> Score:
        """Score one text; `lang` None means detect it (es or en, falling back to es)."""
        if not text or not text.strip():
            return NEUTRAL
        if lang not in self.lexicons:
            lang = self._detect(text)
        return self._score(text, lang)

    def score_many(self, texts: Sequence[str], langs: Sequence[str | None]) -> list[Score]:
        """Score texts with their languages (same length); None entries are detected."""
        if len(texts) != len(langs):
            raise ValueError(f"score_many got {len(texts)} texts but {len(langs)} languages")
        return [self.score(t, lang) for t, lang in zip(texts, langs, strict=True)]

    # -- internals ---------------------------------------------------------------------------
    def _detect(self, text: str) -> str:
        from collector.sentiment.language import detect_language

        found = detect_language(text, list(self.lexicons), "es" if "es" in self.lexicons else None)
        return found if found in self.lexicons else next(iter(self.lexicons))

    def _score(self, text: str, lang: str) -> Score:
        lex = self.lexicons[lang]
        others = [lx for code, lx in self.lexicons.items() if code != lang]
        tokens = R.tokenize(self._pattern, text)
        words = [t for t in tokens if t.kind in (R.WORD, R.EMOJI, R.EMOTICON)]
        if not words:
            return NEUTRAL
        # clause id per word: a BREAK token between two words starts a new clause
        clause: list[int] = []
        sentence_start: list[bool] = []
        cid, new_sentence = 0, True
        for t in tokens:
            if t.kind == R.BREAK:
                cid += 1
                new_sentence = new_sentence or any(c in t.raw for c in ".\n…")
            elif t.kind in (R.BANG, R.QUESTION):
                cid += 1
                new_sentence = True
            else:
                clause.append(cid)
                sentence_start.append(new_sentence)
                new_sentence = False
        keys = [w.key for w in words]
        mixed_case = any(c.islower() for c in text)
        has_question = any(t.kind == R.QUESTION for t in tokens)
        weights = self._contrast_weights(keys, clause, sentence_start, lang)

        terms: list[Term] = []
        total = 0.0
        i, n = 0, len(words)
        settled: set[int] = set()  # words inside phrases, scored words, negators that negated
        while i < n:
            w = words[i]
            span, valence, rule = 1, None, "lexicon"
            phrase = lex.match_phrase(keys, i)
            if phrase is not None:
                span, valence = phrase
                rule = "phrase"
            elif w.kind == R.EMOJI:
                valence, rule = lex.emoji(w.key), "emoji"
            elif w.kind == R.EMOTICON:
                valence, rule = lex.emoticon(w.raw), "emoticon"
            else:
                valence, how = lex.word(w.key)
                if valence is None:
                    valence, how = self._borrow(others, w.key, lang)
                if how:
                    rule = how
            if phrase is not None or valence:
                settled.update(range(i, i + span))
            if valence is None or valence == 0.0:
                i += span
                continue
            rules = [rule]
            if w.kind == R.WORD:
                valence = self._modify(keys, clause, i, valence, lang, rules, settled)
                raw = words[i].raw
                if mixed_case and span == 1 and len(raw) > 1 and raw.isupper():
                    valence += math.copysign(R.CAPS_BOOST, valence)
                    rules.append("caps")
            if has_question and R.fold(" ".join(x.raw for x in words[i : i + span])) in R.POLITE_TERMS:
                valence *= R.POLITE_FACTOR
                rules.append("politeness")
            weight = weights[i]
            if weight != 1.0:
                valence *= weight
                rules.append("contrast-before" if weight < 1 else "contrast-after")
            shown = " ".join(x.raw for x in words[i : i + span])
            if rules[0] == "lexicon" and len(rules) > 1:
                rules.pop(0)  # "negated" says more than "lexicon+negated"
            elif "lexicon" in rules and len(rules) > 1:
                rules.remove("lexicon")
            terms.append(Term(shown, round(valence, 3), "+".join(rules)))
            total += valence
            i += span

        total += self._negation_cue(words, keys, lang, settled, terms)
        total = self._ironic_thanks(terms, total)
        total = self._punctuation(tokens, total, terms)
        if total == 0.0:
            return Score(0.0, "neu", tuple(terms))
        compound = total / math.sqrt(total * total + R.NORMALIZE_ALPHA)
        compound = round(max(-1.0, min(1.0, compound)), 4)
        return Score(compound, label_for(compound, lang), tuple(terms))

    @staticmethod
    def _borrow(others: list[Lexicon], key: str, lang: str) -> tuple[float | None, str]:
        if (len(key) < R.CROSS_LANGUAGE_MIN_LEN or key in R.CROSS_LANGUAGE_BLOCK
                or key in R.BOOSTERS[lang] or key in R.NEGATORS[lang]):
            return None, ""
        for other in others:
            valence, _how = other.word(key, inflect=False)
            if valence is not None and abs(valence) >= R.CROSS_LANGUAGE_MIN_VALENCE:
                return valence, f"borrowed-{other.lang}"
        return None, ""

    @staticmethod
    def _modify(keys: list[str], clause: list[int], i: int, valence: float, lang: str,
                rules: list[str], settled: set[int]) -> float:
        """Apply boosters, dampeners, "poco" and negation from up to SCOPE words before `i`."""
        boosters = R.BOOSTERS[lang]
        negators = R.NEGATORS[lang]
        negated = False
        for back in range(1, R.SCOPE + 1):
            j = i - back
            if j < 0 or clause[j] != clause[i]:
                break
            k = keys[j]
            if k in boosters:
                scale = 1.0 - 0.05 * (back - 1)
                valence += boosters[k] * scale * (1.0 if valence > 0 else -1.0)
                rules.append("boosted" if boosters[k] > 0 else "dampened")
            elif k in R.POCO_WORDS and lang == "es":
                if j > 0 and keys[j - 1] == "un":  # "un poco caro": a little
                    valence *= 0.5
                    rules.append("dampened")
                elif valence > 0:  # "poco profesional": not professional
                    valence *= R.POCO_FACTOR
                    rules.append("poco")
            elif k in negators or (lang == "en" and k.endswith("n't")):
                negated = True  # Spanish negative concord: "no ... nadie" is still one negation
                settled.add(j)
        if negated and keys[i] not in negators:  # "no sabe nada": nada is not un-negated
            valence *= R.NEGATION_FACTOR if valence > 0 else R.NEGATED_NEGATIVE_FACTOR
            rules.insert(0, "negated")
        return valence

    @staticmethod
    def _ironic_thanks(terms: list[Term], total: float) -> float:
        """"Gracias por arruinar mis vacaciones": thanks next to clear complaints is not praise.

        When the other terms of a text add up to a clear negative, gratitude terms are re-weighted
        by THANKS_IN_COMPLAINT (sarcasm, or a polite opener before a complaint).
        """
        thanks = [k for k, t in enumerate(terms) if t.valence > 0 and R.fold(t.text) in R.GRATITUDE]
        if not thanks:
            return total
        rest = total - sum(terms[k].valence for k in thanks)
        if rest > R.COMPLAINT_LEVEL:
            return total
        for k in thanks:
            t = terms[k]
            new = round(t.valence * R.THANKS_IN_COMPLAINT, 3)
            terms[k] = Term(t.text, new, t.rule + "+ironic-thanks")
            total += new - t.valence
        return total

    @staticmethod
    def _negation_cue(words: list[R.Token], keys: list[str], lang: str, settled: set[int],
                      terms: list[Term]) -> float:
        """A negator that negated nothing still signals a complaint ("no me devuelven el dinero").

        Measured on the train files: texts the lexicon scores neutral but that contain a bare
        negator are labelled negative about twice as often as neutral. One weak cue per text.
        """
        negators = R.NEGATORS[lang]
        for j, k in enumerate(keys):
            if j not in settled and (k in negators or (lang == "en" and k.endswith("n't"))):
                terms.append(Term(words[j].raw, R.NEGATION_CUE, "negation-cue"))
                return R.NEGATION_CUE
        return 0.0

    @staticmethod
    def _contrast_weights(keys: list[str], clause: list[int], sentence_start: list[bool],
                          lang: str) -> list[float]:
        """Per-word weights: 0.5 before the last contrast marker, 1.5 after it (VADER's "but")."""
        n = len(keys)
        weights = [1.0] * n
        single = R.CONTRAST.get(lang, frozenset())
        pivot = -1
        for i, k in enumerate(keys):
            if k in single or (i + 1 < n and (k, keys[i + 1]) in R.CONTRAST_PAIRS):
                pivot = i
        if pivot < 0:
            return weights
        start = pivot + 1
        if keys[pivot] in R.CONCESSIVE_OPENERS and sentence_start[pivot]:
            # "Aunque tardaron, el trato fue excelente": the main clause follows the comma
            later = [j for j in range(pivot + 1, n) if clause[j] != clause[pivot]]
            if not later:
                return weights
            start = later[0]
        for j in range(n):
            if j < start and j != pivot:
                weights[j] = R.CONTRAST_BEFORE
            elif j >= start:
                weights[j] = R.CONTRAST_AFTER
        return weights

    @staticmethod
    def _punctuation(tokens: list[R.Token], total: float, terms: list[Term]) -> float:
        """Exclamation and repeated question marks amplify whatever direction the text has."""
        if total == 0.0:
            return total
        bangs = min(4, sum(len(t.raw) for t in tokens if t.kind == R.BANG))
        quests = sum(len(t.raw) for t in tokens if t.kind == R.QUESTION)
        extra = bangs * R.EXCLAMATION_BOOST
        if quests > 1 and total < 0:  # "???" is exasperation; it does not make praise stronger
            extra += quests * R.QUESTION_BOOST if quests <= 3 else 0.96
        if extra:
            extra = math.copysign(extra, total)
            terms.append(Term("!" * bangs + "?" * min(quests, 4), round(extra, 3), "punctuation"))
        return total + extra


_LOCK = threading.Lock()


@lru_cache(maxsize=1)
def _cached_scorer() -> Scorer:
    return Scorer()


def default_scorer() -> Scorer:
    """The process-wide rule-based scorer (lexicons parsed once, ~0.2 s)."""
    with _LOCK:
        return _cached_scorer()
