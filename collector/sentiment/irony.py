"""Sarcasm and irony cues: praise that a text's other words, its markers or its quotes turn around.

Why rules: "genial, otra vez sin luz" adds a strong positive word to a complaint, and a plain sum
of valences calls it praise; on blog comments about a company this is one of the commonest ways
to complain. The cues are the ones readers use, each explained as a rule of its own:

- **ironic-thanks / sarcasm** (praise beside a complaint): when the text's other terms add up to a
  clear complaint (COMPLAINT_LEVEL or less), gratitude ("gracias", "thanks a lot") and praise words
  that are often ironic ("genial", "qué maravilla", "estupendo", "great", "amazing") count against
  it. Praise weighed down by a later "pero" / "but" is a real concession and keeps its sign.
- **sarcasm-marker**: "sí, claro", "ya, claro", "yeah right", "oh great", the eye-roll 🙄 and the
  upside-down face 🙃 make every praise term of the text ironic; the strong markers ("yeah right",
  "anda ya") count as a complaint of their own even with no praise to turn.
- **scare-quotes**: praise inside a short quotation (el "mejor" servicio) is ironic, and a service
  word in quotes (su 'servicio' técnico, "unlimited" data) is a complaint about it.
- **mocking**: laughter ("jajaja", "lol", 😂) and applause (👏) beside a clear complaint laugh at it
  ("tardaron tres días en darme la maleta jajaja"); beside praise or a mild complaint they stay what
  they are (laughing at oneself: "se me olvidó el cargador 😂").
- A one-word **closing remark** after a complaint ("... lost my bag. Classy.", "... y nadie llama.
  Genial.") is sarcasm however far the complaint is; an upside-down face among warm emoji is playful.

Everything here is pure: it takes a text's hits (its terms so far) and tokens, and returns new hits.
"""

from __future__ import annotations

from itertools import pairwise

from collector.sentiment import rules as R

#: Praise turned ironic weighs this share of its valence, with the sign turned (like thanks).
IRONY_FACTOR = -0.5
#: Praise is ironic when the complaint is within this many tokens of it ("genial, otra vez sin luz";
#: not "Perfecto. Lo intentaré mañana y si no funciona, os aviso").
IRONY_WINDOW = 6
#: What a strong sarcasm marker ("yeah right") weighs when it stands alone.
STRONG_MARKER = -1.2
#: What a service word in scare quotes (su "servicio") weighs.
SCARE_QUOTED_WORD = -1.0

#: Praise words (folded) often said ironically; with a complaint beside them they turn around.
IRONY_PRONE = frozenset(R.fold(w) for w in (
    "genial", "geniales", "estupendo", "estupenda", "perfecto", "perfecta", "maravilla", "qué maravilla",
    "una maravilla", "maravilloso", "maravillosa", "fantástico", "fantástica", "fenomenal", "bravo",
    "enhorabuena", "qué bien", "que bien", "muy bien", "qué suerte", "olé", "ole", "ideal", "magnífico",
    "espectacular", "increíble", "chapó",
    "great", "oh great", "amazing", "wonderful", "brilliant", "perfect", "fantastic", "lovely", "awesome",
    "nice", "wow", "excellent", "superb", "fabulous", "terrific", "cool", "just great", "love it",
    "fair enough", "classy", "fun", "good to know", "good job", "great job", "well done", "nice job",
    "qué bonito", "que bonito", "muy bonito", "bonito", "bonita", "precioso",
))
#: Praise that ends the text as a sentence of at most this many words ("... lost my bag. Classy.",
#: "... y sin línea. Genial.") comments on the whole complaint before it, however far away.
CLOSING_REMARK = 3
#: Marker word sequences (folded). Weak ones turn praise only; strong ones also count by themselves.
WEAK_MARKERS: frozenset[tuple[str, ...]] = frozenset({
    ("si", "claro"), ("ya", "claro"), ("claro", "claro"), ("si", "si", "claro"), ("oh", "sure"),
    ("sure", "sure"),
})
STRONG_MARKERS: frozenset[tuple[str, ...]] = frozenset({
    ("yeah", "right"), ("anda", "ya"), ("si", "hombre", "si"), ("oh", "joy"),
    ("si", "claro", "seguro"), ("ya", "claro", "seguro"),  # "Sí, claro, seguro que mañana viene"
    ("oh", "great"), ("oh", "wonderful"), ("oh", "brilliant"), ("oh", "perfect"), ("just", "great"),
})
#: A marker followed by one of these is meant: "sí, claro que funciona", "ya, claro, es verdad".
SINCERE_NEXT = frozenset({"que", "es", "esta", "lo"})
_MARKER_FIRST = frozenset(m[0] for m in WEAK_MARKERS | STRONG_MARKERS)
#: Emoji that say "I don't mean it" (eye roll, upside-down face, unamused).
IRONY_EMOJI = frozenset({"🙄", "🙃", "😒"})
#: ... except beside this many warm emoji of the text's own: "Hermosas fotos 👍😊🙃😘" is playful.
PLAYFUL_EMOJI = 2
#: Laughter and applause (folded lexicon keys, emoji as written) that mock when the rest of the text
#: is a complaint: "tardaron tres días en darme la maleta jajaja", "gracias por retrasar el vuelo 👏👏".
MOCKING = frozenset({"jaja", "jeje", "jiji", "xd", "xdd", "lol", "haha", "hehe", "lmao", "lmfao", "rofl",
                     "😂", "🤣", "😆", "😅", "👏", "👏🏻", "👏🏼", "👏🏽"})
#: ... when the rest weighs this or less: beside a milder complaint laughter is often at oneself
#: ("nunca gano nada 😂").
MOCKED_COMPLAINT = -1.5
#: Service words that, put in quotes, doubt the thing itself: su "servicio", "unlimited" data.
SCARE_QUOTABLE = frozenset(R.fold(w) for w in (
    "servicio", "atención", "solución", "soluciones", "ayuda", "soporte", "técnico", "técnicos", "oferta",
    "ofertas", "regalo", "gratis", "ilimitado", "ilimitada", "ilimitados", "premium", "asistencia",
    "profesionales", "profesional", "garantía", "flexible", "rápido", "rápida", "urgente", "calidad", "compromiso",
    "service", "support", "help", "unlimited", "free", "deal", "offer", "gift", "solution", "fixed",
    "premium", "fast", "quality", "guarantee", "customer", "care", "experts", "professional",
))


#: Marker sequences by their first two words, longest first.
_MARKERS: dict[tuple[str, str], list[tuple[tuple[str, ...], bool]]] = {}
for _m, _strong in [(m, False) for m in WEAK_MARKERS] + [(m, True) for m in STRONG_MARKERS]:
    _MARKERS.setdefault((_m[0], _m[1]), []).append((_m, _strong))
for _bucket in _MARKERS.values():
    _bucket.sort(key=lambda m: -len(m[0]))  # the longest marker first: "sí, claro, seguro" before "sí, claro"
_PRONE = IRONY_PRONE | R.GRATITUDE | MOCKING


def _marker(tok: R.Tokens) -> tuple[str, bool, int, int] | None:
    """The first sarcasm marker of a text: (its words, strong?, its first token, the token after
    it), or None. "Sí, claro que funciona" is sincere: a marker run on into SINCERE_NEXT is none."""
    keys = tok.keys
    if _MARKER_FIRST.isdisjoint(keys) or _MARKERS.keys().isdisjoint(pairwise(keys)):
        return None
    for i, pair in enumerate(pairwise(keys)):
        for words, strong in _MARKERS.get(pair, ()):
            end = i + len(words)
            if tuple(keys[i:end]) != words:
                continue
            if (end < len(keys) and keys[end] in SINCERE_NEXT and words[-1] != "seguro"
                    and tok.same_clause(end - 1, end)):
                continue
            return " ".join(words), strong, i, end
    return None


def _mocks(hit: R.Hit) -> bool:
    """Laughter in any spelling ("jajajaja" is the lexicon's "jaja") or applause."""
    return hit.key in MOCKING or hit.rule.startswith("laughter")


def _prone(hit: R.Hit) -> bool:
    """Praise, thanks, laughter or applause: what a complaint beside it may turn around."""
    return hit.valence > 0 and (hit.key in _PRONE or hit.rule.startswith("laughter"))


def apply(hits: list[R.Hit], tok: R.Tokens) -> tuple[list[R.Hit], float]:
    """The three irony rules over a text's `hits`: the new hits and the change in their total."""
    keys = tok.keys
    marker = _marker(tok)
    emoji = None if IRONY_EMOJI.isdisjoint(keys) else next(k for k in keys if k in IRONY_EMOJI)
    if emoji and sum(1 for h in hits if h.valence > 0 and h.start in tok.special
                     and h.key not in IRONY_EMOJI) >= PLAYFUL_EMOJI:
        emoji = None
    if not (tok.quoted or marker or emoji or any(map(_prone, hits))):
        return hits, 0.0
    new = list(hits)
    delta = 0.0
    if marker:  # the marker's own words ("yeah", "sure") are the marker, not praise
        delta -= sum(h.valence for h in new if marker[2] <= h.start < marker[3])
        new = [h for h in new if not marker[2] <= h.start < marker[3]]
    turned: set[int] = set()

    def turn(k: int, factor: float, rule: str) -> None:
        nonlocal delta
        h = new[k]
        value = round(h.valence * factor, 3)
        new[k] = h.turned(value, rule)
        delta += value - h.valence
        turned.add(k)

    def add(hit: R.Hit) -> None:
        nonlocal delta
        new.append(hit)
        delta += hit.valence

    if tok.quoted:  # scare quotes: praise inside a short quotation, and quoted service words
        quoted = frozenset(i for i in tok.quoted if not tok.raws[i][:1].isupper())  # "Active Military": a name
        covered = {h.start for h in new}
        for k, h in enumerate(new):
            if h.valence > 0 and h.start in quoted:
                turn(k, IRONY_FACTOR, "scare-quotes")
        for i in sorted(quoted):
            if keys[i] in SCARE_QUOTABLE and i not in covered:
                add(R.Hit(f"\u201c{tok.raws[i]}\u201d", SCARE_QUOTED_WORD, "scare-quotes", i, keys[i]))
                break  # one quoted word says it; a second adds nothing
    if marker or emoji:  # "sí, claro", "yeah right", 🙄: the text's praise is ironic
        cue = marker[0] if marker else emoji
        for k, h in enumerate(new):
            if h.valence > 0 and k not in turned and h.key != emoji:
                turn(k, IRONY_FACTOR, f"sarcasm-marker({cue})")
        if marker and marker[1]:
            add(R.Hit(marker[0], STRONG_MARKER, "sarcasm-marker", marker[2], marker[0]))
    prone = [k for k, h in enumerate(new) if k not in turned and _prone(h)]
    if prone:  # praise beside a complaint (near it and in the whole text), then thanks (in the text)
        thanks = [k for k in prone if new[k].key in R.GRATITUDE and "politeness" not in new[k].rule]
        mocking = [k for k in prone if _mocks(new[k])]
        praise = [k for k in prone if new[k].key not in R.GRATITUDE and not _mocks(new[k])
                  and "contrast-before" not in new[k].rule]  # "genial, pero"
        others = [k for k in range(len(new)) if k not in prone]
        if praise and sum(new[k].valence for k in others) <= R.COMPLAINT_LEVEL:
            for k in praise:
                start = new[k].start
                near = sum(new[j].valence for j in others if abs(new[j].start - start) <= IRONY_WINDOW)
                closing = len(keys) - start <= CLOSING_REMARK and tok.starts_sentence(start)
                if near <= R.COMPLAINT_LEVEL or closing:
                    turn(k, IRONY_FACTOR, "sarcasm")
        rest = sum(h.valence for k, h in enumerate(new) if k not in thanks and k not in mocking)
        if thanks and rest <= R.COMPLAINT_LEVEL:
            for k in thanks:
                turn(k, R.THANKS_IN_COMPLAINT, "ironic-thanks")
        if mocking and sum(h.valence for k, h in enumerate(new) if k not in mocking) <= MOCKED_COMPLAINT:
            for k in mocking:
                turn(k, R.THANKS_IN_COMPLAINT, "mocking")
    return new, delta
