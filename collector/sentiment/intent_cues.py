"""The intent classifier's cue lexicons (lexicons/intent_es.tsv, intent_en.tsv) and its tokeniser.

Why files and not code: the team reviews and extends what the classifier knows ("sigo sin" is a
complaint, "alguien sabe" a question, "visita mi web" spam) the way it reviews the sentiment
lexicons, and a cue's weight is visible next to it. Why a tokeniser of its own: the sentiment
tokeniser (rules.tokenize) drops links and folds word by word, and intent needs the links (spam)
and runs on a text folded once; the fold (collector.matching.fold, the one Pulso compares words
with), negators, contrast words and negation scope are the scorer's own (rules.NEGATORS,
rules.CONTRAST, rules.SCOPE), so both read a text the same way.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import NamedTuple

from collector.matching import fold
from collector.sentiment import rules as R

FILES: dict[str, str] = {"es": "intent_es.tsv", "en": "intent_en.tsv"}
HEADER = ["cue", "intent", "weight", "if_negated"]
LABELS = ("question", "complaint", "request", "thanks", "praise", "opinion", "peer_answer", "spam")
GAP = "..."  # in a cue: skip up to MAX_GAP words, as in the sentiment phrase files
MAX_GAP = 3
_CACHE_LIMIT = 100_000

#: Negators of both languages (short replies are often in the other language than the thread's),
#: with the apostrophe the tokeniser keeps: "dont" and "don't".
NEGATORS = R.NEGATORS["es"] | R.NEGATORS["en"] | {w[:-1] + "'t" for w in R.NEGATORS["en"] if w.endswith("nt")}
CONTRAST = R.CONTRAST["es"] | R.CONTRAST["en"]

#: Words of someone telling their own case or addressing the brand: negative sentiment with one of
#: them is a complaint; without them ("todas las compañías cobran por la factura en papel") it may
#: be an opinion about the trade.
PERSONAL = frozenset({
    "me", "mi", "mis", "yo", "conmigo", "llevo", "sigo", "tengo", "estoy", "pago", "puedo", "he",
    "os", "vosotros", "vuestro", "vuestra", "vuestros", "vuestras", "ustedes",
    "i", "my", "mine", "i've", "i'm", "i'd", "you", "your", "you've",
})


#: Bare thanks that also close a question or a complaint as a courtesy ("¿Abrís el sábado?
#: Gracias", "the line drops every night. Cheers."): there they weigh POLITENESS of their weight.
SIGN_OFFS = frozenset({
    "gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "graci*", "grax",
    "thanks", "thank you", "thank", "thx", "cheers", "many thanks", "thanks a lot",
})

#: Chat spellings read as the words the cue files are written in ("xq" -> "por que", "u" -> "you"),
#: so one cue covers "por qué", "porqué" and "xq". Applied only to clauses holding one of them.
SLANG: dict[str, tuple[str, ...]] = {k: tuple(v.split()) for k, v in {
    "q": "que", "k": "que", "ke": "que", "xq": "por que", "pq": "por que", "porq": "por que", "x": "por",
    "xa": "para", "pa": "para", "tb": "tambien", "tmb": "tambien", "xfa": "por favor", "plis": "por favor",
    "pls": "please", "plz": "please", "dnd": "donde", "cdo": "cuando", "msj": "mensaje", "tlf": "telefono",
    "u": "you", "ur": "your", "r": "are", "im": "i'm", "ive": "i've", "dont": "don't", "cant": "can't",
    "didnt": "didn't", "doesnt": "doesn't", "isnt": "isn't", "thx": "thanks", "thanx": "thanks",
    "ty": "thank you", "idk": "i don't know", "asap": "asap",
}.items() if k != v}


def _unslang(words: list[str]) -> list[str]:
    return [w for word in words for w in SLANG.get(word, (word,))]


class CueError(ValueError):
    """A cue file has a malformed row; the message names the file and line."""


class Cue(NamedTuple):
    """One vote, readable as it is printed: what matched ("sigo sin", "?", "link",
    "sentiment -0.62", "negated: funciona" ...), the intent it votes for, and its weight."""

    text: str
    intent: str
    weight: float


@dataclass(frozen=True, slots=True)
class CueEntry:
    """One row of a cue file after folding: `pattern` is its words ("w*" stems, "..." gaps)."""

    pattern: tuple[str, ...]
    at_start: bool
    intent: str | None
    weight: float
    if_negated: str | None
    text: str
    #: the plain words after the first (the fast path), or None when they hold stems or gaps
    rest: list[str] | None = field(init=False, compare=False)
    cue: Cue | None = field(init=False, compare=False)  # its vote, made once
    negated_cue: Cue | None = field(init=False, compare=False)  # its vote when negated

    def __post_init__(self) -> None:
        tail = self.pattern[1:]
        plain = not any(w == GAP or w.endswith("*") for w in tail)
        object.__setattr__(self, "rest", list(tail) if plain else None)
        object.__setattr__(self, "cue", Cue(self.text, self.intent, self.weight) if self.intent else None)
        if self.if_negated == self.intent:
            negated_cue = self.cue
        elif self.if_negated:
            negated_cue = Cue(f"negated: {self.text}", self.if_negated, self.weight)
        else:
            negated_cue = None
        object.__setattr__(self, "negated_cue", negated_cue)


def _intent(value: str, where: str, blank_ok: bool) -> str | None:
    """An intent column's value; "-" (or blank where allowed) means no vote."""
    value = value.strip()
    if value == "-" or (blank_ok and not value):
        return None
    if value not in LABELS:
        raise CueError(f"{where}: intent {value!r} is not one of {', '.join(LABELS)} or '-'")
    return value


def read_cue_file(path: Path) -> list[CueEntry]:
    """Parse one cue file; '#' lines are comments and the first other line is the header."""
    entries: list[CueEntry] = []
    header_seen = False
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip() or line.startswith("#"):
            continue
        where = f"{path}:{lineno}"
        cols = line.split("\t")
        if not header_seen:
            if cols[:4] != HEADER:
                raise CueError(f"{where}: expected header {'<TAB>'.join(HEADER)}<TAB>note")
            header_seen = True
            continue
        if len(cols) < 3 or not cols[0].strip():
            raise CueError(f"{where}: expected 'cue<TAB>intent<TAB>weight[<TAB>if_negated]', got {line!r}")
        try:
            weight = float(cols[2])
        except ValueError:
            raise CueError(f"{where}: weight {cols[2]!r} is not a number") from None
        text = cols[0].strip()
        words = tuple(fold(text).split())
        at_start = words[0].startswith("^")
        if at_start:
            words = (words[0][1:], *words[1:])
            text = text[1:]
        if not words[0] or words[0] == GAP:
            raise CueError(f"{where}: a cue must start with a word")
        intent = _intent(cols[1], where, blank_ok=False)
        negated_as = cols[3].strip() if len(cols) > 3 else ""
        entries.append(CueEntry(words, at_start, intent, weight,
                                intent if not negated_as else _intent(negated_as, where, blank_ok=False), text))
    return entries


def load_cues(lexicon_dir: Path = R.LEXICON_DIR) -> list[CueEntry]:
    """Both languages' cues in one list: a short English reply in a Spanish thread still says thanks."""
    return [e for lang in FILES for e in read_cue_file(lexicon_dir / FILES[lang])]


def _word_matches(pat: str, key: str) -> bool:
    return key.startswith(pat[:-1]) if pat.endswith("*") else key == pat


def _match_end(pattern: tuple[str, ...], p: int, words: list[str], j: int) -> int:
    """End index of `pattern[p:]` matched in a clause's `words` from word `j`, or -1."""
    if p == len(pattern):
        return j
    pat = pattern[p]
    if pat == GAP:
        for skip in range(min(MAX_GAP, len(words) - j) + 1):
            end = _match_end(pattern, p + 1, words, j + skip)
            if end >= 0:
                return end
        return -1
    if j >= len(words) or not _word_matches(pat, words[j]):
        return -1
    return _match_end(pattern, p + 1, words, j + 1)


class CueIndex:
    """Cues by first word (and first-word stems), longest first; candidates cached per word."""

    def __init__(self, entries: list[CueEntry]) -> None:
        self.exact: dict[str, list[CueEntry]] = {}
        self.stems: list[CueEntry] = []
        for e in entries:
            if e.pattern[0].endswith("*"):
                self.stems.append(e)
            else:
                self.exact.setdefault(e.pattern[0], []).append(e)
        #: word -> its candidate cues; `cache.get` is the hot path's first step
        self.cache: dict[str, tuple[CueEntry, ...]] = {}
        #: (word, next word) -> the candidates of a word with many ("me", "no", "que") that can match
        #: before that next word: a handful instead of dozens
        self.pairs: dict[tuple[str, str], tuple[CueEntry, ...]] = {}

    def candidates(self, key: str) -> tuple[CueEntry, ...]:
        """Cues that may start at a word `key`: longest first, clause-start-only ones first among equals."""
        found = self.cache.get(key)
        if found is None:
            both = self.exact.get(key, []) + [e for e in self.stems if _word_matches(e.pattern[0], key)]
            found = tuple(sorted(both, key=lambda e: (-len(e.pattern), not e.at_start)))
            if len(self.cache) >= _CACHE_LIMIT:
                self.cache.clear()
            self.cache[key] = found
        return found


    def narrow(self, found: tuple[CueEntry, ...], words: list[str], i: int) -> tuple[CueEntry, ...]:
        """The candidates `found` for word `i` that fit the word after it (cached per word pair)."""
        nxt = words[i + 1] if i + 1 < len(words) else ""
        key = (words[i], nxt)
        fit = self.pairs.get(key)
        if fit is None:
            fit = tuple(e for e in found if len(e.pattern) == 1 or e.pattern[1] == GAP
                        or (nxt and _word_matches(e.pattern[1], nxt)))
            if len(self.pairs) >= _CACHE_LIMIT:
                self.pairs.clear()
            self.pairs[key] = fit
        return fit


#: A word with more candidate cues than this has them narrowed by the next word first.
NARROW_ABOVE = 3


def match(found: tuple[CueEntry, ...], words: list[str], i: int) -> tuple[CueEntry, int] | None:
    """The longest of the candidate cues `found` that matches the clause `words` at word `i`,
    and the index after its last word."""
    for e in found:
        if e.at_start and i:
            continue
        rest = e.rest
        if rest is None:  # stems or gaps after the first word
            end = _match_end(e.pattern, 1, words, i + 1)
            if end >= 0:
                return e, end
        elif not rest:
            return e, i + 1
        elif words[i + 1 : i + 1 + len(rest)] == rest:
            return e, i + 1 + len(rest)
    return None


def negated(words: list[str], i: int) -> bool:
    """A negator within rules.SCOPE words before word `i` of its clause ("no me funciona")."""
    return not NEGATORS.isdisjoint(words[max(0, i - R.SCOPE) : i])


# --- tokenising -----------------------------------------------------------------------------------

#: Links, e-mail addresses and @handles: counted (not handles) and cut out before the words.
_LINK = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+")
#: What ends a clause: sentence and clause punctuation, brackets, quotes, a spaced dash.
_BREAK = re.compile(r"[?¿.,;:!¡…\n()<>«»\"]+|\s[-–—]\s")
#: A word ("it's", "10/10") or one emoji.
_WORD = re.compile(r"[^\W_]+(?:'[^\W\d_]+)*(?:/\d+)?|[\U0001F300-\U0001FAFF\u2600-\u27BF]")


class Tokens(NamedTuple):
    """A folded text cut for cue matching: its clauses' words, its "?" count and its link count."""

    clauses: list[list[str]]
    questions: int
    links: int


def tokenize(text: str) -> Tokens:
    """Fold once and cut with two C-speed regex passes; no Python work per word."""
    folded = fold(text)
    links = 0
    if "http" in folded or "www." in folded or "@" in folded:
        links = sum(1 for m in _LINK.findall(folded) if m[0] != "@")
        folded = _LINK.sub(" ", folded)
    clauses = [words if SLANG.keys().isdisjoint(words) else _unslang(words)
               for words in map(_WORD.findall, _BREAK.split(folded)) if words]
    return Tokens(clauses, folded.count("?") + folded.count("¿"), links)
