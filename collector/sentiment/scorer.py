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
"gracias". Scoring is linear in the text length.

Speed: the text is folded once and tokenised by one regex pass (rules.tokenize); what a word
means in a language (its valence, how it was found, the phrases that may start with it) is worked
out once per distinct word and kept, so the many words that carry nothing cost one dictionary
lookup each and the loop visits only the others.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from collector.sentiment import hashtags, irony, text_rules
from collector.sentiment import morphology as M
from collector.sentiment import rules as R
from collector.sentiment.lexicon import Lexicon, PhraseCandidates, load_lexicons, match_candidates


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

    @property
    def confident(self) -> bool:
        """The score is clear: |score| >= CONFIDENT_SCORE (a human label always is, at ±1)."""
        return is_confident(self.score)

    @property
    def uncertain(self) -> bool:
        """A pos or neg label on a score that is not clear: show it as uncertain, and never let it
        decide alone (a weekly escalation needs a clearly negative score)."""
        return self.label != "neu" and not self.confident


CONFIDENT_SCORE = R.CONFIDENT_SCORE


def is_confident(score: float | None) -> bool:
    """The rule of `Score.confident` for a stored score (the `sentiment` column)."""
    return score is not None and abs(score) >= CONFIDENT_SCORE


NEUTRAL = Score(0.0, "neu", ())
LANGS = ("es", "en")
_CACHE_LIMIT = 200_000
#: What a token means in one language: (valence or None, how it was found, phrases starting with it).
Meaning = tuple[float | None, str, PhraseCandidates]
_INERT: Meaning = (None, "", ())  # a token that carries nothing and starts no phrase
_NARROW_ABOVE = 2  # a word starting more phrases than this has them narrowed by the next word first


def label_for(score: float, lang: str | None) -> str:
    """Map a compound score to neg/neu/pos with the language's thresholds."""
    neg, pos = R.THRESHOLDS.get(lang or "", R.DEFAULT_THRESHOLDS)
    if score >= pos:
        return "pos"
    if score <= neg:
        return "neg"
    return "neu"




#: The meaning of an elongated word whose plain spelling the lexicon knows (`Lexicon.squeezed`):
#: `_score` puts the plain spelling in its place before anything else reads the keys.
_SQUEEZABLE: Meaning = (None, "squeezable", ())


class Scorer:
    """Rule-based scorer; loads its lexicons once. Thread-safe for reading."""

    def __init__(self, lexicons: dict[str, Lexicon] | None = None) -> None:
        self.lexicons = lexicons or load_lexicons()
        any_lex = next(iter(self.lexicons.values()))
        self._emoticons = frozenset(e for e in any_lex.emoticon_keys() if not e.isalnum())
        self._pattern = R.build_tokenizer(any_lex.emoticon_keys(), any_lex.emoji_keys())
        #: per language, the meaning of every token seen so far (bounded: cleared when too large)
        self._meanings: dict[str, dict[str, Meaning]] = {lang: {} for lang in self.lexicons}
        #: per language, the words `_modify` acts on: a term with none of them before it skips it
        self._modifiers = {lang: frozenset(R.BOOSTERS.get(lang, ())) | R.NEGATORS.get(lang, frozenset())
                           | (R.POCO_WORDS if lang == "es" else frozenset()) | R.WISH_WORDS.get(lang, frozenset())
                           for lang in self.lexicons}

    # -- public API --------------------------------------------------------------------------
    def score(self, text: str, lang: str | None) -> Score:
        """Score one text; `lang` None means detect it (es or en, falling back to es)."""
        if not text or text.isspace():
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

    def _meaning(self, lang: str, key: str, kind: int, raw: str) -> Meaning:
        """Valence, rule and candidate phrases of one token, worked out once per language and key."""
        lex = self.lexicons[lang]
        cache = self._meanings[lang]
        if len(cache) >= _CACHE_LIMIT:
            cache.clear()
        if kind == R.WORD and M.elongated(key) and lex.squeezed(key) is not None:
            cache[key] = _SQUEEZABLE
            return _SQUEEZABLE
        phrases = lex.phrase_candidates(key)
        if kind == R.EMOJI:
            valence, how = lex.emoji(key), "emoji"
        elif kind == R.EMOTICON:
            valence, how = lex.emoticon(raw), "emoticon"
        else:
            valence, how = lex.word(key)
            if valence is None:
                valence, how = self._borrow(lang, key)
            how = how or "lexicon"
        meaning = (valence, how, phrases) if valence or phrases else _INERT
        cache[key] = meaning
        return meaning

    def _squeeze(self, lang: str, tok: R.Tokens, meanings: list[Meaning]) -> frozenset[int]:
        """Put each elongated word's plain spelling in its place (keys and meanings); the indexes
        replaced get the elongation's emphasis. A hashtag stays a unit."""
        keys, out, lex = tok.keys, [], self.lexicons[lang]
        for i, m in enumerate(meanings):
            if m is _SQUEEZABLE and i not in tok.tags:
                form = lex.squeezed(keys[i]) or keys[i]  # known: it made the meaning _SQUEEZABLE
                keys[i] = form
                meanings[i] = self._meanings[lang].get(form) or self._meaning(lang, form, R.WORD, tok.raws[i])
                out.append(i)
            elif m is _SQUEEZABLE:
                meanings[i] = _INERT
        return frozenset(out)

    def _hashtag(self, lang: str, raw: str, key: str) -> Meaning:
        """The meaning of a hashtag the lexicon does not know, from its words (#unitedfail)."""
        lex = self.lexicons[lang]
        v = hashtags.valence(raw, key, lambda w: lex.word(w)[0], R.NEGATORS.get(lang, frozenset()))
        return (v, "hashtag", ()) if v else _INERT

    def _score(self, text: str, lang: str) -> Score:
        tok = R.tokenize(self._pattern, text, self._emoticons)
        keys, special, raws = tok.keys, tok.special, tok.raws
        n = len(keys)
        if not n:
            return NEUTRAL
        lex = self.lexicons[lang]
        meanings = list(map(self._meanings[lang].get, keys))
        if None in meanings:  # tokens not seen before in this language
            for i, m in enumerate(meanings):
                if m is None:
                    meanings[i] = self._meaning(lang, keys[i], special.get(i, R.WORD), raws[i])
        stretched: frozenset[int] = frozenset()
        if _SQUEEZABLE in meanings:  # "muuucho", "maaaal": the plain spelling, so phrases and modifiers see it
            stretched = self._squeeze(lang, tok, meanings)
        if tok.tags:
            for i in tok.tags:
                if meanings[i] is _INERT:
                    meanings[i] = self._hashtag(lang, raws[i], keys[i])
        carriers = [j for j, m in enumerate(meanings) if m is not _INERT]
        if not carriers:  # a bare negator or a scare-quoted word may still say something
            return self._finish(tok, text, lang, [], set(), 0.0)
        weights = text_rules.contrast_weights(tok, lang)
        modifiers = self._modifiers[lang]
        contractions = lang == "en" and ("'" in text or "’" in text or "´" in text or "`" in text)
        hits: list[R.Hit] = []
        total = 0.0
        settled: set[int] = set()  # words inside phrases, scored words, negators that negated
        mixed_case: bool | None = None
        last_q: int | None = None  # where the last "?" is, found when a rule first asks
        after = 0  # the first token not yet covered by a term
        for i in carriers:
            if i < after:
                continue
            key = keys[i]
            valence, rule, phrases = meanings[i]
            span = 1
            if phrases:
                if len(phrases) > _NARROW_ABOVE:
                    phrases = lex.narrow(phrases, key, keys[i + 1] if i + 1 < n else "")
                found = match_candidates(phrases, keys, i) if phrases else None
                if found is not None:
                    span, valence = found
                    rule = "phrase"
            if valence is None or valence == 0.0:
                if span > 1:  # a phrase of valence 0 still covers its words
                    settled.update(range(i, i + span))
                    after = i + span
                continue
            if span == 1:
                settled.add(i)
            else:
                settled.update(range(i, i + span))
            rules = [rule]
            if stretched and not stretched.isdisjoint(range(i, i + span)):  # "maaaal", "nooo funciona"
                valence += math.copysign(R.ELONGATION_BOOST, valence)
                rules.append("elongated")
            if i not in special and i not in tok.tags:  # a hashtag is a unit: "sin fibra #MoviliaFail"
                window = keys[i - R.SCOPE if i > R.SCOPE else 0 : i]
                if not modifiers.isdisjoint(window) or (
                        contractions and any(k.endswith("n't") for k in window)):
                    valence = self._modify(tok, i, valence, lang, rules, settled)
                raw = raws[i]
                if span == 1 and len(raw) > 1 and raw.isupper():
                    if mixed_case is None:
                        mixed_case = text != text.upper()
                    if mixed_case:
                        valence += math.copysign(R.CAPS_BOOST, valence)
                        rules.append("caps")
            if span == 1:
                shown = raws[i]
            else:
                shown, key = " ".join(raws[i : i + span]), " ".join(keys[i : i + span])
            if key in R.DISCOURSE and span == 1 and tok.starts_sentence(i) and tok.comma_after(i):
                valence *= R.DISCOURSE_FACTOR  # "Bueno, ...", "Well, ...": a way of starting, not praise
                rules.append("discourse")
            elif tok.questions and key in R.POLITE_TERMS:
                valence *= R.POLITE_FACTOR
                rules.append("politeness")
            elif tok.questions and valence > 0 and tok.pos[i] < (
                    last_q if last_q is not None else (last_q := tok.last_question())):
                valence *= R.QUESTION_PRAISE
                rules.append("question")
            weight = weights[i] if weights is not None else 1.0
            if weight != 1.0:
                valence *= weight
                rules.append("contrast-before" if weight < 1 else "contrast-after")
            if rules[0] == "lexicon" and len(rules) > 1:
                rules.pop(0)  # "negated" says more than "lexicon+negated"
            elif "lexicon" in rules and len(rules) > 1:
                rules.remove("lexicon")
            hits.append(R.Hit(shown, round(valence, 3), "+".join(rules), i, key))
            total += valence
            after = i + span

        return self._finish(tok, text, lang, hits, settled, total)

    def _finish(self, tok: R.Tokens, text: str, lang: str, hits: list[R.Hit], settled: set[int],
                total: float) -> Score:
        """The text-level rules after the terms: negation cue, interjections, irony, punctuation."""
        total += text_rules.negation_cue(text, tok.raws, tok.keys, lang, settled, hits)
        total = text_rules.interjections(hits, total)  # first: an exclamation is no complaint to be ironic about
        hits, delta = irony.apply(hits, tok)
        total += delta
        terms = [Term(h.text, h.valence, h.rule) for h in hits]
        total = self._punctuation(tok, total, terms)
        if total == 0.0:
            return Score(0.0, "neu", tuple(terms))
        compound = total / math.sqrt(total * total + R.NORMALIZE_ALPHA)
        compound = round(max(-1.0, min(1.0, compound)), 4)
        return Score(compound, label_for(compound, lang), tuple(terms))

    def _borrow(self, lang: str, key: str) -> tuple[float | None, str]:
        """A clearly polar word of another language's lexicon ("el vuelo fue un fail total")."""
        if (len(key) < R.CROSS_LANGUAGE_MIN_LEN or key in R.CROSS_LANGUAGE_BLOCK
                or key in R.BOOSTERS[lang] or key in R.NEGATORS[lang]):
            return None, ""
        for code, other in self.lexicons.items():
            if code == lang:
                continue
            valence, _how = other.word(key, inflect=False)
            if valence is not None and abs(valence) >= R.CROSS_LANGUAGE_MIN_VALENCE:
                return valence, f"borrowed-{other.lang}"
        return None, ""

    @staticmethod
    def _modify(tok: R.Tokens, i: int, valence: float, lang: str, rules: list[str], settled: set[int]) -> float:
        """Apply boosters, dampeners, "poco" and negation from up to SCOPE words before `i`."""
        keys = tok.keys
        boosters = R.BOOSTERS[lang]
        negators = R.NEGATORS[lang]
        wishes = R.WISH_WORDS.get(lang, frozenset())
        negated = False
        for back in range(1, R.SCOPE + 1):
            j = i - back
            if j < 0 or not tok.same_clause(j, i):
                break
            k = keys[j]
            if k in boosters:
                scale = 1.0 - 0.05 * (back - 1)
                valence += boosters[k] * scale * (1.0 if valence > 0 else -1.0)
                rules.append("boosted" if boosters[k] > 0 else "dampened")
            elif k in wishes:
                if valence > 0:  # "deberían ser más rápidos": a demand, not praise
                    valence *= R.WISH_FACTOR
                    rules.append("wish")
            elif k in R.POCO_WORDS and lang == "es":
                if j > 0 and keys[j - 1] == "un":  # "un poco caro": a little
                    valence *= 0.5
                    rules.append("dampened")
                elif valence > 0:  # "poco profesional": not professional
                    valence *= R.POCO_FACTOR
                    rules.append("poco")
            elif (k in negators or (lang == "en" and k.endswith("n't"))) and (k, keys[j + 1]) not in R.NOT_NEGATING:
                negated = True  # Spanish negative concord: "no ... nadie" is still one negation
                settled.add(j)
        if negated and keys[i] not in negators and (valence > 0 or valence <= -R.COMPLAINT_CUE):  # "no sabe nada"
            valence *= R.NEGATION_FACTOR if valence > 0 else R.NEGATED_NEGATIVE_FACTOR
            rules.insert(0, "negated")
        return valence

    @staticmethod
    def _punctuation(tok: R.Tokens, total: float, terms: list[Term]) -> float:
        """Exclamation and repeated question marks amplify whatever direction the text has."""
        if total == 0.0:
            return total
        bangs, quests = tok.bangs, tok.questions
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
