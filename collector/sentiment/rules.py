"""Word lists, constants, lexicon loading and tokenisation for the rule-based sentiment scorer.

Kept apart from `sentiment.py` so that what the scorer *knows* (which words negate, boost, or
contrast; how text is cut into tokens; where lexicon files live) can be read and reviewed without
reading the scoring loop. Constants follow VADER (Hutto & Gilbert, 2014) where VADER has them.
"""

from __future__ import annotations

import html
import re
from bisect import bisect_left
from pathlib import Path
from typing import NamedTuple

from collector.matching import fold  # the one fold: lexicon keys and tokens compare like aliases do

LEXICON_DIR = Path(__file__).with_name("lexicons")

#: The two halves of VADER's vader_lexicon.txt, read from the installed vaderSentiment package.
VADER_WORDS = "vader_lexicon.txt (words)"
VADER_SYMBOLS = "vader_lexicon.txt (emoticons)"
#: Lexicons per language (files in LEXICON_DIR or a VADER half), loaded in this order: a later
#: source's entry replaces an earlier one.
LANG_FILES: dict[str, tuple[str, ...]] = {
    "es": ("es.tsv", "es_phrases.tsv", "es_colloquial.tsv"),
    "en": (VADER_WORDS, "en_cs.tsv", "en_phrases.tsv"),
}
#: Language-independent lexicons, loaded into every language.
SHARED_FILES: tuple[str, ...] = (VADER_SYMBOLS, "emoji.tsv")

# --- VADER constants -------------------------------------------------------------------------
BOOST = 0.293  # VADER's B_INCR: what one intensifier adds to a term's magnitude
CAPS_BOOST = 0.733  # VADER's C_INCR: an ALL-CAPS word in a mixed-case text
NEGATION_FACTOR = -0.74  # VADER's N_SCALAR, used for negated positive terms
#: A negated negative term is weaker than its opposite ("no está mal" is not "está bien").
NEGATED_NEGATIVE_FACTOR = -0.4
#: A negative term milder than this is a complaint cue ("refund", "call back", "told"), and a
#: negator before it does not turn it into praise: "they won't refund", "you didn't call back".
COMPLAINT_CUE = 1.5
#: Valence of a negator that negated no sentiment word (see text_rules.negation_cue).
NEGATION_CUE = -0.8
#: ... per language: English complaints to a company say "don't", "can't", "won't" more than
#: Spanish ones say "no" without a sentiment word (tuned on the train files).
NEGATION_CUES: dict[str, float] = {"es": NEGATION_CUE, "en": -1.5}
#: "poco profesional" means unprofessional: a positive term after bare "poco" turns negative.
POCO_FACTOR = -0.5
POCO_WORDS = frozenset({"poco", "poca", "pocos", "pocas"})
EXCLAMATION_BOOST = 0.292  # per "!" (at most 4)
QUESTION_BOOST = 0.18  # per "?" when there are 2 or 3; 0.96 above
ELONGATION_BOOST = 0.3  # "maaaal", "graciaaas"
SUPERLATIVE_BOOST = 0.4  # "buenísimo", "malísimo"; also augmentatives and prefixes ("timazo", "superbién")
DIMINUTIVE_SOFTENS = 0.75  # "un problemilla" is a smaller problem; "limpito" is as clean as "limpio"
CONTRAST_BEFORE = 0.5  # VADER: terms before "but" count half ...
CONTRAST_AFTER = 1.5  # ... and terms after it one and a half
NORMALIZE_ALPHA = 15.0
#: A score at least this far from 0 is clear (`Score.confident`); a pos/neg label below it is
#: uncertain. Measured by benchmarks/sentiment.py on the dev files: confident pos/neg labels are right
#: more often than uncertain ones (the rates are in accuracy.json, `confidence`).
CONFIDENT_SCORE = 0.5  # compound = s / sqrt(s^2 + alpha), VADER's normalisation
SCOPE = 3  # negators and boosters reach this many words forward (VADER)

#: Label thresholds on the compound score, per language; chosen on the train files and checked on the
#: dev files (benchmarks/sentiment.py). Neutral is the band between them. The negative edge lies below
#: one weak cue alone (-0.2: "please", "help" compound to -0.052), so a polite request is no complaint.
THRESHOLDS: dict[str, tuple[float, float]] = {"es": (-0.07, 0.35), "en": (-0.07, 0.45)}
DEFAULT_THRESHOLDS = (-0.07, 0.40)

# --- modifier words (accent-folded, lower case) ------------------------------------------------


def _words(text: str) -> list[str]:
    """Whitespace-separated word lists read better than long list literals."""
    return text.split()


NEGATORS: dict[str, frozenset[str]] = {
    "es": frozenset(_words("no nunca jamas ni tampoco sin nadie ningun ninguno ninguna nada")),
    "en": frozenset(
        _words(
            "not no never none nope nor nothing nowhere neither without nobody cannot cant dont didnt "
            "doesnt isnt arent wasnt werent aint hadnt hasnt havent wont wouldnt couldnt shouldnt "
            "mightnt mustnt neednt shant rarely seldom "
        )
    ),
}
BOOSTERS: dict[str, dict[str, float]] = {
    "es": {
        **dict.fromkeys(
            _words(
                "muy super re demasiado bastante tan tanto mucho mucha muchisimo muchisima realmente "
                "totalmente absolutamente completamente extremadamente increiblemente sumamente "
                "tremendamente verdaderamente altamente profundamente especialmente mega requete archi "
                "mas "
            ),
            BOOST,
        ),
        **dict.fromkeys(_words("algo casi apenas ligeramente levemente medio relativamente menos"), -BOOST),
    },
    "en": {
        **dict.fromkeys(
            _words(
                "absolutely amazingly awfully completely considerably decidedly deeply effing enormously "
                "entirely especially exceptionally extremely fabulously flipping freaking fricking "
                "frigging fully fucking greatly hella highly hugely incredibly intensely majorly more "
                "most particularly purely quite really remarkably so substantially thoroughly totally "
                "tremendously uber unbelievably unusually utterly very super pretty "
            ),
            BOOST,
        ),
        **dict.fromkeys(
            _words(
                "almost barely hardly kinda less little marginally occasionally partly scarcely slightly "
                "somewhat sorta "
            ),
            -BOOST,
        ),
    },
}
#: Wishes and demands are not praise: "deberían ser más rápidos", "it would be helpful", "you should
#: be more proactive". A positive term up to SCOPE words after one of these keeps WISH_FACTOR of its
#: valence (rule "wish"). "si" is left out: folded, it is also "sí" (yes).
WISH_WORDS: dict[str, frozenset[str]] = {
    "es": frozenset(_words("deberia deberian deberias deberiais deberiamos ojala podrian podriais gustaria "
                           "tendrian tendriais")),
    "en": frozenset(_words("should would could wish hopefully if would've should've could've wouldve shouldve "
                           "couldve")),
}
WISH_FACTOR = 0.3
#: Intensifiers an elongated spelling still stands for ("muuuy", "taaan", "sooo"). Negators are left
#: out on purpose: a drawn-out "¡noooo!" is an exclamation ("nooo me encanta", "Noooo, el lunes al cole"),
#: not a negation.
MODIFIER_WORDS: dict[str, frozenset[str]] = {lang: frozenset(b) for lang, b in BOOSTERS.items()}
#: One-word contrast markers: the clause after the last one weighs more.
CONTRAST: dict[str, frozenset[str]] = {
    "es": frozenset({"pero", "aunque", "sino"}),
    "en": frozenset({"but", "however", "although", "though"}),
}


def repeats_booster(keys: list[str], i: int, boosters: dict[str, float]) -> bool:
    """"muy pero muy malo", "bueno, pero que muy bueno": the contrast word at `i` repeats an
    intensifier for emphasis and contrasts nothing (both intensifiers still boost)."""
    if i + 2 < len(keys) and keys[i + 1] == "que" and keys[i + 2] in boosters:
        return True
    return 0 < i < len(keys) - 1 and keys[i - 1] in boosters and keys[i + 1] == keys[i - 1]


#: Two-word contrast markers, matched on consecutive words.
CONTRAST_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("sin", "embargo"), ("no", "obstante"), ("aun", "asi"), ("even", "though")}
)
CONTRAST_PAIR_FIRST = frozenset(a for a, _b in CONTRAST_PAIRS)
#: A negator followed by one of these words negates nothing: "without question the worst service"
#: (not "the best"), "no doubt", "no wonder", "not only slow but rude", "sin duda", "no solo tarde".
NOT_NEGATING: frozenset[tuple[str, str]] = CONTRAST_PAIRS | frozenset({
    ("without", "question"), ("without", "doubt"), ("no", "doubt"), ("no", "wonder"), ("not", "only"),
    ("sin", "duda"), ("no", "solo"), ("no", "solamente"), ("nada", "mas"), ("ni", "ahi")})
#: A concessive that opens a sentence ("Aunque tardaron, el trato fue bueno"): the main clause
#: is the one after the next comma, not the one right after the word.
CONCESSIVE_OPENERS = frozenset({"aunque", "although", "though"})

#: Thanks at the end of a question is politeness, not praise ("¿Puedo llevar X? Gracias"):
#: in a text with a "?" these terms keep only this share of their valence.
POLITE_TERMS = frozenset(
    {
        "gracias",
        "muchas gracias",
        "mil gracias",
        "gracias por",
        "thanks",
        "thank you",
        "thank",
        "thx",
        "thanks for",
        "ty",
        "saludos",
        "un saludo",
        "please",
    }
)
POLITE_FACTOR = 0.3
#: Praise in a text that asks something is mostly a request's courtesy or a doubt ("is it a good
#: idea to...?", "can you make it better?"): its positive terms before the last "?" keep this share
#: ("Seriously? the fibre is rock solid" is praise).
QUESTION_PRAISE = 0.3
#: Words that open a sentence as a way of speaking, followed by a comma ("Bueno, eso viene de...",
#: "Well, we'll see"): there they keep DISCOURSE_FACTOR of their valence.
DISCOURSE = frozenset({"bueno", "bien", "vale", "well", "ok", "okay", "pues", "claro"})
DISCOURSE_FACTOR = 0.2
#: Gratitude terms, and what they weigh in a text whose other terms sum to COMPLAINT_LEVEL or less.
GRATITUDE = frozenset({"gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "gracias por",
                       "thanks", "thank you", "thank", "thx", "thanks for", "thanks a lot", "ty", "grax"})
THANKS_IN_COMPLAINT = -0.5
COMPLAINT_LEVEL = -1.0
#: Exclamations whose sign follows what they comment on (see text_rules.interjections), folded; their
#: own valence (the lexicon's) counts when the rest of the text is less clear than INTERJECTION_FOLLOWS.
INTERJECTIONS = frozenset({"vaya tela", "madre mia", "tela marinera", "que fuerte", "vaya vaya", "uf", "uff",
                           "ufff", "wow", "omg", "oh my god", "jolin", "ostras", "hala"})
INTERJECTION_FOLLOWS = 1.0

#: Short words that mean something else in the other language: never borrowed across lexicons.
CROSS_LANGUAGE_MIN_LEN = 4
#: ... and only clearly polar ones (VADER also lists chat abbreviations such as "hago").
CROSS_LANGUAGE_MIN_VALENCE = 1.5
CROSS_LANGUAGE_BLOCK = frozenset(
    _words(
        "united nada once sale solo pie real lame vale dame mama pena fine hay come red sin con ten para "
        "pare mate mata mole bola bizarre embarazada sensible actual "
    )
)

# --- tokenisation -----------------------------------------------------------------------------

WORD, EMOJI, EMOTICON, BANG, QUESTION, BREAK, QUOTE = range(7)
#: Characters that open or close a quotation: a short quoted praise is scare quotes (see irony.py).
QUOTES = "\"“”«»‘’'"
_SENTENCE_END = frozenset(".\n…")
#: First characters of the tokens that are punctuation (breaks, "!", "?", quotes, a spaced dash);
#: an emoticon may start with one too, and is told apart by name.
_PUNCT_FIRST = frozenset(".,;:…\n!?-–—" + QUOTES)
_QUOTE_RE = re.compile(f"[{QUOTES}]")
_HASHTAG = re.compile(r"#([^\W_]+)")
_SKIP = re.compile(r"https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+")


class Hit(NamedTuple):
    """A term while a text is being scored: what the scorer will show (`text`, `valence`, `rule`),
    the index of its first token and its folded words (`key`), which the text-level rules read."""

    text: str
    valence: float
    rule: str
    start: int
    key: str

    def turned(self, valence: float, rule: str) -> Hit:
        """This hit with a new valence and one more rule."""
        return self._replace(valence=valence, rule=f"{self.rule}+{rule}")


class Tokens(NamedTuple):
    """A text cut for scoring: its word, emoji and emoticon tokens, and the punctuation between them.

    `raws` are the word, emoji and emoticon tokens as written, `keys` the same folded (emoji and
    emoticons as written); `special` maps the index of each emoji or emoticon to its kind (every
    other token is a WORD). `toks` is every token in order (punctuation too) and `pos[i]` the place
    of raws[i] in it. `bangs` and `questions` count "!" and "?"; `quoted` holds the indexes inside a
    short quotation (SCARE_QUOTE_MAX tokens at most).
    """

    raws: list[str]
    keys: list[str]
    special: dict[int, int]
    toks: list[str]
    pos: list[int]
    bangs: int
    questions: int
    quoted: frozenset[int]
    tags: frozenset[int] = frozenset()

    def same_clause(self, j: int, i: int) -> bool:
        """No break, "!" or "?" between raws j < i (quotes do not break a clause)."""
        a, b = self.pos[j], self.pos[i]
        if b - a == i - j:  # nothing but words between them: the common case
            return True
        inside = set(self.pos[j + 1 : i])
        return all(self.toks[x][0] in QUOTES for x in range(a + 1, b) if x not in inside)

    def last_question(self) -> int:
        """The place in `toks` of the last "?" (-1 when there is none)."""
        return next((k for k in range(len(self.toks) - 1, -1, -1) if self.toks[k][0] == "?"), -1)

    def comma_after(self, i: int) -> bool:
        """Raw token i is followed by a comma ("Bueno, ...")."""
        k = self.pos[i] + 1
        return k < len(self.toks) and self.toks[k][0] == ","

    def clauses(self) -> list[int]:
        """A clause number per raw token: a break, "!" or "?" between two tokens starts a new one."""
        out = [0] * len(self.raws)
        for i in range(1, len(self.raws)):
            out[i] = out[i - 1] if self.same_clause(i - 1, i) else out[i - 1] + 1
        return out

    def starts_sentence(self, i: int) -> bool:
        """Raw token i opens the text or follows ".", "…", a line break, "!" or "?"."""
        if i == 0:
            return True
        between = self.toks[self.pos[i - 1] + 1 : self.pos[i]]
        return any(t[0] in "!?" or not _SENTENCE_END.isdisjoint(t) for t in between)


def build_tokenizer(emoticons: list[str], emoji: list[str]) -> re.Pattern[str]:
    """One compiled regex for `findall`, whose one group is a token: the kind of each token is told
    by its first character (see `tokenize`); emoticons come before punctuation, quotes last.
    Spaces before a token are consumed by the match (a space matched by no alternative cost as
    much as trying them all: half the scanning time). A number keeps its "%" ("10%" is not the
    rating "un 10") and its digit groups ("una multa de 10.000 €", "10,5 kg" are not "de 10")."""
    emos = sorted({e for e in emoticons if not e.isalnum()}, key=len, reverse=True)
    emo_alt = "|".join(re.escape(e) for e in emos) or r"(?!x)x"
    emoji_chars = "".join(sorted({re.escape(e) for e in emoji if len(e) == 1}))
    pattern = rf"""
      [^\S\n]*
      ( \d+(?:[.,]\d+)+%?
      | [^\W_]+(?:['’][^\W\d_]+)*%?
      | (?<![^\s(\[])(?:{emo_alt})(?=[\s.,!?)\]]|$)
      | !+
      | \?+
      | [.,;:…\n]+|(?<=\s)[-–—](?=\s)
      | [{QUOTES}]
      | [{emoji_chars}\U0001F300-\U0001FAFF\u2600-\u27BF]
      )
    """
    return re.compile(pattern, re.VERBOSE)


#: Emoji code points the tokeniser takes (the lexicon's single-character emoji are in these ranges or
#: above U+00FF): a text without any has no emoji token.
_EMOJI_RE = re.compile("[\u0100-\U0010FFFF]")


def tokenize(pattern: re.Pattern[str], text: str, emoticons: frozenset[str] | set[str]) -> Tokens:
    """Cut `text` into tokens; URLs, e-mail addresses and @handles are dropped, HTML entities
    ("&amp;", "&gt;", which tweets and feeds carry escaped) are read as their characters, and a
    hashtag's word is a token whose index is in `tags` (its "#" is not a token).

    Why this shape: it is the scorer's hot path. One C-speed `findall`, list comprehensions instead
    of a loop with a branch per token, and `fold` once per distinct token (not once per
    word, remembered across texts); where the clauses break is worked out only when a rule asks
    (`Tokens.same_clause`).
    A link is replaced by NUL, which no token contains and which keeps an emoticon glued to it
    from matching, as when the link was a token of its own.
    """
    if "&" in text and ";" in text:
        text = html.unescape(text)
    if "@" in text or "http" in text or "www." in text:
        text = _SKIP.sub("\0", text)
    toks = pattern.findall(text)
    pos = [k for k, t in enumerate(toks) if t[0] not in _PUNCT_FIRST or t in emoticons]
    raws = [toks[k] for k in pos] if len(pos) != len(toks) else toks
    special = ({i: (EMOTICON if r in emoticons else EMOJI) for i, r in enumerate(raws) if not r[0].isalnum()}
               if _EMOJI_RE.search(text) or not emoticons.isdisjoint(raws) else {})
    keys = list(map(_FOLDED.get, raws))  # each distinct token is folded once per process
    if None in keys:
        if len(_FOLDED) > _FOLDED_LIMIT:
            _FOLDED.clear()
        for i, k in enumerate(keys):
            if k is None:
                keys[i] = _FOLDED[raws[i]] = fold(raws[i])
    for k in special:
        keys[k] = raws[k]
    quoted: frozenset[int] = frozenset()
    if _QUOTE_RE.search(text):
        quote_at = [bisect_left(pos, k) for k, t in enumerate(toks) if t[0] in QUOTES]
        quoted = _short_quotations(quote_at) if len(quote_at) > 1 else frozenset()
    tags: frozenset[int] = frozenset()
    if "#" in text:
        tagged = frozenset(_HASHTAG.findall(text))
        tags = frozenset(i for i, r in enumerate(raws) if r in tagged)
    bangs = text.count("!")
    return Tokens(raws, keys, special, toks, pos, min(bangs, 4), text.count("?"), quoted, tags)


#: Tokens as written -> folded (`fold`), filled as texts are cut; cleared when it grows past the limit.
_FOLDED: dict[str, str] = {}
_FOLDED_LIMIT = 200_000


#: A quotation of up to this many tokens is a scare quote candidate; longer ones are citations.
SCARE_QUOTE_MAX = 3


def _short_quotations(quote_at: list[int]) -> frozenset[int]:
    """Token indexes between consecutive quote marks (paired in order) that hold 1-3 tokens."""
    out: set[int] = set()
    for a, b in zip(quote_at[::2], quote_at[1::2], strict=False):
        if 0 < b - a <= SCARE_QUOTE_MAX:
            out.update(range(a, b))
    return frozenset(out)
