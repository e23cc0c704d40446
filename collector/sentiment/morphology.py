"""Word shapes the lexicons list once: elongations, laughter, Spanish inflections, diminutives,
augmentatives and intensifying prefixes.

Why here and not in the lexicon files: "chulas", "limpito", "problemilla", "timazo", "superbién"
and "requetebién" are regular forms of words the lexicon already knows, and listing every one would
triple the files. Each is tried only when the word itself is not in the lexicon (so "bonito",
"pasada" and "rebaja" keep their own entries), and each says how it was found, so the explanation
of a score names the rule ("diminutive", "augmentative", "intensified").
"""

from __future__ import annotations

import re

_ELONGATED = re.compile(r"([a-z])\1{2,}")
_LAUGH = re.compile(r"^(?:a?(?:j[aeiou]+){2,}j?|(?:h[aeiou]+){2,}h?|x+d+|lo+l)$")

#: How a form was found, and what it does to the base word's valence (see Lexicon._lookup).
INFLECTED, SUPERLATIVE, DIMINUTIVE, AUGMENTATIVE, INTENSIFIED = (
    "inflected", "superlative", "diminutive", "augmentative", "intensified")
#: Forms that add emphasis: "buenísimo", "timazo" (and, twice as much, "superbién", "requetebién").
EMPHATIC = frozenset({SUPERLATIVE, AUGMENTATIVE, INTENSIFIED})

_SUPERLATIVE = ("isimos", "isimas", "isimo", "isima")
#: Diminutive endings, longest first: "cafecito" -> "cafe", "limpito" -> "limpio", "problemilla" -> "problema".
_DIMINUTIVE = ("ecitos", "ecitas", "ecito", "ecita", "citos", "citas", "cito", "cita", "itos", "itas", "ito",
               "ita", "illos", "illas", "illo", "illa")
#: Augmentative endings: "exitazo" -> "exito", "timazo" -> "timo", "grandote" -> "grande",
#: "problemón" -> "problema" (only a lexicon word counts as the base: "atención" has none).
_AUGMENTATIVE = ("azos", "azas", "azo", "aza", "otes", "otas", "ote", "ota", "ones", "onas", "ona", "on")
#: Intensifying prefixes: "superbién", "requetebién", "recontrabueno", "hipercaro", "megacontento".
#: Letters before "-ón" that make it a verb ending ("ganaron", "mataron", "perdona"), not an augmentative.
_NOT_BEFORE_ON = frozenset("rd")
_PREFIXES = ("requete", "recontra", "super", "hiper", "ultra", "archi", "mega")
_MIN_STEM = 3


def elongated(word: str) -> bool:
    """A letter three times in a row: "muuucho", "maaaal" (what `squeeze` undoes)."""
    return _ELONGATED.search(word) is not None


def squeeze(word: str) -> tuple[str, ...]:
    """Spellings to try for an elongated word: "maaaal" -> ("maal", "mal")."""
    if not elongated(word):
        return ()
    return (_ELONGATED.sub(r"\1\1", word), _ELONGATED.sub(r"\1", word))


def laughter(word: str) -> str | None:
    """Normalise laughter ("jajajaja", "JAJAJ", "hahaha", "xDDD") to one lexicon key."""
    if len(word) >= 4 and _LAUGH.match(word):
        return "xd" if word.startswith("x") else ("lol" if word.startswith("l") else "jaja")
    return None


def inflections(word: str) -> tuple[str, ...]:
    """Light Spanish de-inflection: plural and gender (-s, -es, -a/-as/-os -> -o), superlatives
    (-ísimo -> base) and -mente adverbs. Cheap, and recovers most forms the lexicon lists once."""
    out: list[str] = []
    if word.endswith("mente") and len(word) > 8:
        out.append(word[:-5])
    for suffix in _SUPERLATIVE:
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            stem = word[: -len(suffix)]
            out += [stem + "o", stem + "e", stem, _soften(stem) + "o"]
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


def _soften(stem: str) -> str:
    """"poqu-" -> "poc-", "amigu-" -> "amig-": the spelling before -ito/-ísimo restores c and g."""
    if stem.endswith("qu"):
        return stem[:-2] + "c"
    if stem.endswith("gu"):
        return stem[:-2] + "g"
    return stem


def _bases(stem: str) -> list[str]:
    """Words a suffixed stem may come from: "limp" -> limpio, limpo, limpa, limpe, limp."""
    soft = _soften(stem)
    out = [soft + "o", soft + "a", soft + "e", soft + "io", soft + "ia", soft]
    return out if soft == stem else [*out, stem + "o", stem + "a"]


def derivations(word: str) -> tuple[tuple[str, str], ...]:
    """(base, how) pairs for diminutives, augmentatives and intensifying prefixes, tried after
    `inflections`: "limpito" -> ("limpio", "diminutive"), "timazo" -> ("timo", "augmentative"),
    "superbien" -> ("bien", "intensified")."""
    out: list[tuple[str, str]] = []
    for suffixes, how in ((_DIMINUTIVE, DIMINUTIVE), (_AUGMENTATIVE, AUGMENTATIVE)):
        for suffix in suffixes:
            if word.endswith(suffix) and len(word) - len(suffix) >= _MIN_STEM:
                if suffix.startswith("on") and word[-len(suffix) - 1] in _NOT_BEFORE_ON:
                    break  # "ganaron", "perdona": a verb, not an augmentative
                out += [(base, how) for base in _bases(word[: -len(suffix)])]
                break
    for prefix in _PREFIXES:
        if word.startswith(prefix) and len(word) - len(prefix) >= _MIN_STEM + 1:
            rest = word[len(prefix):]
            out.append((rest[1:] if rest.startswith("rr") else rest, INTENSIFIED))  # superrápido
            break
    return tuple(out)
