"""Loading and looking up the lexicons: the project's files in lexicons/ and VADER's from its package.

Why a separate module: lookups are the scorer's hot path (each text is ~20 words, the target is
>= 5,000 texts/s on one core), so this is where caching and the phrase index live. The project's
lexicon files are plain TSV so that anyone can read, review and extend them without touching code.
VADER's `vader_lexicon.txt` (C.J. Hutto, MIT) is read where pip installed it, never copied into the
tree: its word entries join English, its emoticons and chat abbreviations every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path
from typing import NamedTuple

from collector.sentiment import morphology as M
from collector.sentiment import rules as R

GAP = "..."  # in a phrase: skip up to three words
MAX_GAP = 3
MIN_PREFIX = 4  # a stem entry (trailing *) must have at least this many letters
_CACHE_LIMIT = 200_000


class LexiconError(ValueError):
    """A lexicon file has a malformed row; the message names the file and line."""


@dataclass(frozen=True)
class Entry:
    """One lexicon row after folding: `pattern` is a tuple of words for phrases."""

    pattern: tuple[str, ...]
    valence: float
    source: str


def read_lexicon_file(path: Path) -> list[Entry]:
    """Parse one TSV file; '#' lines are comments, the first other line is the header."""
    entries: list[Entry] = []
    header_seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        cols = line.split("\t")
        if not header_seen:
            if cols[:2] != ["term", "valence"]:
                raise LexiconError(f"{path}:{lineno}: expected header 'term<TAB>valence<TAB>note'")
            header_seen = True
            continue
        entries.append(_entry(cols, path.name, f"{path}:{lineno}"))
    return entries


def read_vader(source: str) -> list[Entry]:
    """VADER's word entries (`R.VADER_WORDS`) or its emoticon entries (`R.VADER_SYMBOLS`), in file order.

    The file mixes both; a word entry is letters with inner apostrophes, hyphens or spaces ("can't
    stand", "x-d"), everything else ("10q", ":-)", "<3") is a symbol matched as written.
    """
    want_words = source == R.VADER_WORDS
    return [_entry(cols, source, where) for where, cols in _vader_rows()
            if bool(_VADER_WORD.fullmatch(cols[0].strip())) == want_words]


_VADER_WORD = re.compile(r"[a-z]+(?:['\- ][a-z]+)*")


@cache
def _vader_rows() -> tuple[tuple[str, list[str]], ...]:
    """vader_lexicon.txt's rows (term, mean valence, std, ratings) from the installed vaderSentiment."""
    try:
        text = resources.files("vaderSentiment").joinpath("vader_lexicon.txt").read_text(encoding="utf-8")
    except (ModuleNotFoundError, FileNotFoundError) as exc:
        raise LexiconError(f"VADER's lexicon is read from the vaderSentiment package ({exc}): "
                           "pip install 'vadersentiment>=3.3,<4'") from None
    return tuple((f"vader_lexicon.txt:{lineno}", line.split("\t"))
                 for lineno, line in enumerate(text.splitlines(), start=1) if line.strip())


def _entry(cols: list[str], source: str, where: str) -> Entry:
    """One row (term, valence, ...) checked and folded; `where` names the file and line in errors."""
    if len(cols) < 2 or not cols[0].strip():
        raw = "\t".join(cols)
        raise LexiconError(f"{where}: expected 'term<TAB>valence[<TAB>note]', got {raw!r}")
    try:
        valence = float(cols[1])
    except ValueError:
        raise LexiconError(f"{where}: valence {cols[1]!r} is not a number") from None
    if not -4.5 <= valence <= 4.5:
        raise LexiconError(f"{where}: valence {valence} is outside -4..+4")
    term = cols[0].strip()
    is_symbol = source in R.SHARED_FILES
    words = (term,) if is_symbol else tuple(R.fold(term).split())
    first = words[0]  # later words of a phrase may be short stems ("llev* ... dia*")
    if first.endswith("*") and len(first) - 1 < MIN_PREFIX and not is_symbol:
        raise LexiconError(f"{where}: stem {first!r} is shorter than {MIN_PREFIX} letters")
    return Entry(words, valence, source)


def _emphasised(valence: float, boost: float) -> float:
    """`valence` moved `boost` further from zero."""
    return valence + (boost if valence > 0 else -boost)


def _token_matches(pat: str, key: str) -> bool:
    return key.startswith(pat[:-1]) if pat.endswith("*") else key == pat


@dataclass
class Lexicon:
    """All entries for one language: words, stems, phrases, emoji and emoticons."""

    lang: str
    words: dict[str, float] = field(default_factory=dict)
    stems: dict[str, float] = field(default_factory=dict)
    phrases_exact: dict[str, list[tuple[tuple[str, ...], float]]] = field(default_factory=dict)
    phrases_stem: dict[str, list[tuple[tuple[str, ...], float]]] = field(default_factory=dict)
    symbols: dict[str, float] = field(default_factory=dict)
    _word_cache: dict[tuple[str, bool], tuple[float | None, str]] = field(default_factory=dict)
    _phrase_cache: dict[str, PhraseCandidates] = field(default_factory=dict)
    _pair_cache: dict[tuple[str, str], PhraseCandidates] = field(default_factory=dict)
    _squeeze_cache: dict[str, str | None] = field(default_factory=dict)
    _phrase_words: frozenset[str] = frozenset()

    def add(self, entries: Iterable[Entry]) -> None:
        for e in entries:
            if e.source in R.SHARED_FILES:
                self.symbols[e.pattern[0]] = e.valence
            elif len(e.pattern) > 1:
                first = e.pattern[0]
                index = self.phrases_stem if first.endswith("*") else self.phrases_exact
                key = first[:-1] if first.endswith("*") else first
                bucket = [p for p in index.setdefault(key, []) if p[0] != e.pattern]
                bucket.append((e.pattern, e.valence))
                bucket.sort(key=lambda p: -len(p[0]))  # longest phrase first
                index[key] = bucket
            elif e.pattern[0].endswith("*"):
                self.stems[e.pattern[0][:-1]] = e.valence
            else:
                self.words[e.pattern[0]] = e.valence
        self._word_cache.clear()
        self._phrase_cache.clear()
        self._pair_cache.clear()
        self._squeeze_cache.clear()
        self._phrase_words = frozenset()

    # -- lookups ---------------------------------------------------------------------------
    def squeezed(self, key: str) -> str | None:
        """The spelling an elongated word stands for ("muuucho" -> "mucho", "goood" -> "good"), when
        this lexicon knows it as a word, a modifier or a word of a phrase; None when `key` is not
        elongated or no spelling is known. Why: a phrase matches words as listed, so "deja muuucho
        que desear" and "muchaaas gracias" would miss theirs. A drawn-out negator ("nooo") is no
        negation but an exclamation, and keeps its spelling."""
        cached = self._squeeze_cache.get(key)
        if cached is not None or key in self._squeeze_cache:
            return cached
        if not self._phrase_words:
            self._phrase_words = frozenset(w for index in (self.phrases_exact, self.phrases_stem)
                                           for bucket in index.values() for pattern, _v in bucket for w in pattern)
        found = None
        for form in M.squeeze(key):
            if form in R.NEGATORS.get(self.lang, ()):
                break  # "¡noooo!" exclaims (see R.MODIFIER_WORDS)
            if len(form) > 1 and (form in self._phrase_words or self._lookup(form, True)[0] is not None
                                  or form in R.MODIFIER_WORDS.get(self.lang, ())):
                found = form
                break
        if len(self._squeeze_cache) > _CACHE_LIMIT:
            self._squeeze_cache.clear()
        self._squeeze_cache[key] = found
        return found

    def emoji_keys(self) -> list[str]:
        return [k for k in self.symbols if not k.isascii()]

    def emoticon_keys(self) -> list[str]:
        return [k for k in self.symbols if k.isascii()]

    def emoji(self, ch: str) -> float | None:
        return self.symbols.get(ch.replace("\ufe0f", ""))

    def emoticon(self, raw: str) -> float | None:
        v = self.symbols.get(raw)
        return v if v is not None else self.symbols.get(raw.lower())

    def word(self, key: str, inflect: bool = True) -> tuple[float | None, str]:
        """Valence of a folded word and how it was found ('' = as written)."""
        cached = self._word_cache.get((key, inflect))
        if cached is not None:
            return cached
        result = self._lookup(key, inflect)
        if len(self._word_cache) > _CACHE_LIMIT:
            self._word_cache.clear()
        self._word_cache[(key, inflect)] = result
        return result

    def _lookup(self, key: str, inflect: bool) -> tuple[float | None, str]:
        v = self._exact_or_stem(key)
        if v is not None:
            return v, ""
        laugh = M.laughter(key)
        if laugh is not None and laugh in self.words:
            return self.words[laugh], "laughter"
        for form in M.squeeze(key):
            v = self._exact_or_stem(form) if len(form) > 2 else None
            if v is not None:
                return _emphasised(v, R.ELONGATION_BOOST), "elongated"
        if inflect and self.lang == "es":
            for form in M.inflections(key):
                v = self.words.get(form)
                if v is not None:
                    if "isim" in key:
                        return _emphasised(v, R.SUPERLATIVE_BOOST), M.SUPERLATIVE
                    return v, M.INFLECTED
            return self._derived(key)
        return None, ""

    def _derived(self, key: str) -> tuple[float | None, str]:
        """A diminutive ("problemilla": softer), augmentative ("timazo") or intensified ("superbién")
        form of a lexicon word."""
        for base, how in M.derivations(key):
            v = self.words.get(base)
            if v is None and how == M.INTENSIFIED:
                v, _found = self._lookup(base, True)
            if v is None:
                continue
            if how in M.EMPHATIC:
                return _emphasised(v, R.SUPERLATIVE_BOOST * (2 if how == M.INTENSIFIED else 1)), how
            return (v * R.DIMINUTIVE_SOFTENS if v < 0 else v), how
        return None, ""

    def _exact_or_stem(self, key: str) -> float | None:
        v = self.words.get(key)
        if v is not None:
            return v
        for k in range(len(key), MIN_PREFIX - 1, -1):
            v = self.stems.get(key[:k])
            if v is not None:
                return v
        return None

    def phrase_candidates(self, key: str) -> PhraseCandidates:
        """Phrases that may start at a word `key` (exact first word or a stem of it), longest first."""
        candidates = self._phrase_cache.get(key)
        if candidates is None:
            found = list(self.phrases_exact.get(key, ()))
            for k in range(len(key), MIN_PREFIX - 1, -1):
                found += self.phrases_stem.get(key[:k], ())
            found.sort(key=lambda p: -len(p[0]))
            candidates = tuple(Phrase(pattern, valence, _plain_tail(pattern)) for pattern, valence in found)
            if len(self._phrase_cache) > _CACHE_LIMIT:
                self._phrase_cache.clear()
            self._phrase_cache[key] = candidates
        return candidates

    def narrow(self, candidates: PhraseCandidates, key: str, nxt: str) -> PhraseCandidates:
        """Those of `key`'s candidates that can match before a next word `nxt` ("" at the end):
        "de" starts dozens of phrases, "de lujo" one of them. Cached per word pair."""
        pair = (key, nxt)
        fit = self._pair_cache.get(pair)
        if fit is None:
            fit = tuple(c for c in candidates if c.pattern[1] == GAP or (nxt and _token_matches(c.pattern[1], nxt)))
            if len(self._pair_cache) > _CACHE_LIMIT:
                self._pair_cache.clear()
            self._pair_cache[pair] = fit
        return fit

    def match_phrase(self, keys: list[str], i: int) -> tuple[int, float] | None:
        """Longest phrase starting at word i: (number of words covered, valence) or None."""
        return match_candidates(self.phrase_candidates(keys[i]), keys, i)


class Phrase(NamedTuple):
    """A phrase entry as matched: its words, its valence, and its words after the first when they
    are all plain (no stem, no gap), compared as one list slice; None otherwise."""

    pattern: tuple[str, ...]
    valence: float
    rest: list[str] | None


PhraseCandidates = tuple[Phrase, ...]


def _plain_tail(pattern: tuple[str, ...]) -> list[str] | None:
    tail = pattern[1:]
    return None if any(w == GAP or w.endswith("*") for w in tail) else list(tail)


def match_candidates(candidates: PhraseCandidates, keys: list[str], i: int) -> tuple[int, float] | None:
    """The longest of `candidates` (phrases whose first word fits keys[i]) matching from word i:
    (number of words covered, valence) or None; of equally long matches the first listed wins."""
    best: tuple[int, float] | None = None
    for pattern, valence, rest in candidates:
        if rest is not None:
            end = i + 1 + len(rest)
            if keys[i + 1 : end] != rest:
                continue
        else:
            found = _match_at(pattern, keys, i)
            if found is None:
                continue
            end = found
        if best is None or end - i > best[0]:
            best = (end - i, valence)
    return best


def _match_at(pattern: tuple[str, ...], keys: list[str], i: int) -> int | None:
    """End index (exclusive) if `pattern` matches keys from i; `...` skips 0-3 words."""
    if not _token_matches(pattern[0], keys[i]):
        return None
    pos = i + 1
    p = 1
    while p < len(pattern):
        pat = pattern[p]
        if pat == GAP:
            nxt = pattern[p + 1]
            for skip in range(MAX_GAP + 1):
                if pos + skip < len(keys) and _token_matches(nxt, keys[pos + skip]):
                    pos = pos + skip + 1
                    break
            else:
                return None
            p += 2
            continue
        if pos >= len(keys) or not _token_matches(pat, keys[pos]):
            return None
        pos += 1
        p += 1
    return pos


def load_lexicons(directory: Path | None = None) -> dict[str, Lexicon]:
    """Load every language's sources plus the shared emoji/emoticon ones (TSV files from `directory`)."""
    directory = directory or R.LEXICON_DIR
    shared = [e for name in R.SHARED_FILES for e in _read_source(name, directory)]
    out: dict[str, Lexicon] = {}
    for lang, names in R.LANG_FILES.items():
        lex = Lexicon(lang)
        for name in names:
            lex.add(_read_source(name, directory))
        lex.add(shared)
        out[lang] = lex
    return out


def _read_source(name: str, directory: Path) -> list[Entry]:
    """A VADER source from the installed package, any other name a TSV file in `directory`."""
    return read_vader(name) if name in (R.VADER_WORDS, R.VADER_SYMBOLS) else read_lexicon_file(directory / name)
