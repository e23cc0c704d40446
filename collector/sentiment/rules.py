"""Word lists, constants, lexicon loading and tokenisation for the rule-based sentiment scorer.

Kept apart from `sentiment.py` so that what the scorer *knows* (which words negate, boost, or
contrast; how text is cut into tokens; where lexicon files live) can be read and reviewed without
reading the scoring loop. Constants follow VADER (Hutto & Gilbert, 2014) where VADER has them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from collector.matching import fold  # the one fold: lexicon keys and tokens compare like aliases do

LEXICON_DIR = Path(__file__).with_name("lexicons")

#: The two halves of VADER's vader_lexicon.txt, read from the installed vaderSentiment package.
VADER_WORDS = "vader_lexicon.txt (words)"
VADER_SYMBOLS = "vader_lexicon.txt (emoticons)"
#: Lexicons per language (files in LEXICON_DIR or a VADER half), loaded in this order: a later
#: source's entry replaces an earlier one.
LANG_FILES: dict[str, tuple[str, ...]] = {
    "es": ("es.tsv", "es_phrases.tsv"),
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
#: Valence of a negator that negated no sentiment word (see Scorer._negation_cue).
NEGATION_CUE = -0.8
#: "poco profesional" means unprofessional: a positive term after bare "poco" turns negative.
POCO_FACTOR = -0.5
POCO_WORDS = frozenset({"poco", "poca", "pocos", "pocas"})
EXCLAMATION_BOOST = 0.292  # per "!" (at most 4)
QUESTION_BOOST = 0.18  # per "?" when there are 2 or 3; 0.96 above
ELONGATION_BOOST = 0.3  # "maaaal", "graciaaas"
SUPERLATIVE_BOOST = 0.4  # "buenísimo", "malísimo"
CONTRAST_BEFORE = 0.5  # VADER: terms before "but" count half ...
CONTRAST_AFTER = 1.5  # ... and terms after it one and a half
NORMALIZE_ALPHA = 15.0  # compound = s / sqrt(s^2 + alpha), VADER's normalisation
SCOPE = 3  # negators and boosters reach this many words forward (VADER)

#: Label thresholds on the compound score, per language; tuned on the dev files only (see
#: benchmarks/sentiment.py). Neutral is the band between them.
THRESHOLDS: dict[str, tuple[float, float]] = {"es": (-0.05, 0.35), "en": (-0.05, 0.45)}
DEFAULT_THRESHOLDS = (-0.05, 0.40)

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
                "tremendously uber unbelievably unusually utterly very super "
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
#: One-word contrast markers: the clause after the last one weighs more.
CONTRAST: dict[str, frozenset[str]] = {
    "es": frozenset({"pero", "aunque", "sino"}),
    "en": frozenset({"but", "however", "although", "though"}),
}
#: Two-word contrast markers, matched on consecutive words.
CONTRAST_PAIRS: frozenset[tuple[str, str]] = frozenset(
    {("sin", "embargo"), ("no", "obstante"), ("aun", "asi"), ("even", "though")}
)
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
#: Gratitude terms, and what they weigh in a text whose other terms sum to COMPLAINT_LEVEL or less.
GRATITUDE = frozenset({"gracias", "muchas gracias", "mil gracias", "muchisimas gracias", "gracias por",
                       "thanks", "thank you", "thank", "thx", "thanks for", "thanks a lot", "ty", "grax"})
THANKS_IN_COMPLAINT = -0.5
COMPLAINT_LEVEL = -1.0

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

# --- word shapes ------------------------------------------------------------------------------

_ELONGATED = re.compile(r"([a-z])\1{2,}")
_LAUGH = re.compile(r"^(?:a?(?:j[aeiou]+){2,}j?|(?:h[aeiou]+){2,}h?|x+d+|lo+l)$")


def squeeze(word: str) -> tuple[str, ...]:
    """Spellings to try for an elongated word: "maaaal" -> ("maal", "mal")."""
    if not _ELONGATED.search(word):
        return ()
    return (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word))


def laughter(word: str) -> str | None:
    """Normalise laughter ("jajajaja", "JAJAJ", "hahaha", "xDDD") to one lexicon key."""
    if len(word) >= 4 and _LAUGH.match(word):
        return "xd" if word.startswith("x") else ("lol" if word.startswith("l") else "jaja")
    return None


def inflections(word: str) -> tuple[str, ...]:
    """Light Spanish de-inflection, tried only when the word itself is not in the lexicon.

    Plural and gender (-s, -es, -a/-as/-os -> -o), superlatives (-ísimo -> base) and -mente
    adverbs. Cheap, and recovers most forms the lexicon lists only once.
    """
    out: list[str] = []
    if word.endswith("mente") and len(word) > 8:
        out.append(word[:-5])
    for suffix in ("isimos", "isimas", "isimo", "isima"):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem + "o", stem + "e", stem, stem.replace("qu", "c").replace("gu", "g") + "o"]
            if stem.endswith("bil"):  # amabilísimo -> amable
                out.append(stem[:-3] + "ble")
            break
    if word.endswith("es") and len(word) > 4:
        out.append(word[:-2])
    if word.endswith("s") and len(word) > 3:
        out.append(word[:-1])
        word = word[:-1]
    if word.endswith("a") and len(word) > 3:
        out.append(word[:-1] + "o")
    return tuple(out)


# --- tokenisation -----------------------------------------------------------------------------

WORD, EMOJI, EMOTICON, BANG, QUESTION, BREAK = range(6)


@dataclass(frozen=True, slots=True)
class Token:
    """One unit of text: `raw` as written, `key` folded for lexicon lookups."""

    kind: int
    raw: str
    key: str


def build_tokenizer(emoticons: list[str], emoji: list[str]) -> re.Pattern[str]:
    """One compiled regex whose named groups tell the token kind; emoticons before punctuation."""
    emos = sorted({e for e in emoticons if not e.isalnum()}, key=len, reverse=True)
    emo_alt = "|".join(re.escape(e) for e in emos) or r"(?!x)x"
    emoji_chars = "".join(sorted({re.escape(e) for e in emoji if len(e) == 1}))
    pattern = rf"""
        (?P<skip>https?://\S+|www\.\S+|[\w.+-]+@[\w-]+\.[\w.]+|@\w+)
      | (?P<word>[^\W_]+(?:['’][^\W\d_]+)*)
      | (?P<emoticon>(?<![^\s(\[])(?:{emo_alt})(?=[\s.,!?)\]]|$))
      | (?P<emoji>[{emoji_chars}\U0001F300-\U0001FAFF\u2600-\u27BF])
      | (?P<bang>!+)
      | (?P<question>\?+)
      | (?P<brk>[.,;:…\n]+|\s[-–—]\s)
    """
    return re.compile(pattern, re.VERBOSE)


_KINDS = {"word": WORD, "emoticon": EMOTICON, "emoji": EMOJI, "bang": BANG, "question": QUESTION, "brk": BREAK}


def tokenize(pattern: re.Pattern[str], text: str) -> list[Token]:
    """Cut `text` into tokens; URLs, e-mail addresses and @handles are dropped, "#" is ignored."""
    out: list[Token] = []
    for m in pattern.finditer(text):
        group = m.lastgroup
        if group is None or group == "skip":
            continue
        raw = m.group()
        kind = _KINDS[group]
        if kind == EMOJI:
            key = raw
        elif kind == EMOTICON:
            key = raw.lower() if raw.lower() != raw and raw.upper() != raw else raw
        else:
            key = fold(raw)
        out.append(Token(kind, raw, key))
    return out
