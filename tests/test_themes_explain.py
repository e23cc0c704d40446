"""scripts.themes.explain: configured themes matched like mentions, rising terms ranked by log-odds.

Every expected number below is counted by hand from the texts in this file."""

from __future__ import annotations

from dataclasses import dataclass

from scripts.themes import explain, rising
from scripts.themes.terms import stop_words


@dataclass(frozen=True)
class T:
    name: str
    words: tuple[str, ...]


BILLING = T("Facturación", ("factura", "facturacion", "cobro", "me han cobrado"))
NETWORK = T("Cobertura", ("cobertura", "sin señal"))

BASELINE = [
    "El router va bien desde ayer",
    "Todo correcto con la factura de octubre",
    "Buen servicio en la tienda",
    "La aplicación funciona perfecta",
    "Gracias por la ayuda con el router",
] * 4  # 20 texts: 'factura' in 4, 'router' in 8

TODAY = [
    "Me han cobrado dos veces la FACTURACIÓN",          # billing (phrase + folded word)
    "Cobro duplicado en la factura de noviembre",       # billing
    "Otro cobro duplicado, ya van tres",                # billing
    "COBRO DUPLICADO otra vez, fatal",                  # billing
    "Sin señal en todo el barrio",                      # network (phrase with ñ)
    "Me han cobradoo algo raro",                        # neither: 'cobradoo' is not the whole word 'cobrado'
]


def test_themes_fold_case_and_accents_and_match_phrases():
    found = explain(TODAY, BASELINE, [BILLING, NETWORK]).themes
    assert [(h.name, h.count, h.baseline_count) for h in found] == [("Facturación", 4, 4), ("Cobertura", 1, 0)]
    assert found[0].examples == (0, 1)
    assert found[0].share == 4 / 6 and found[0].baseline_share == 4 / 20


def test_uppercase_accented_word_matches_plain_theme_word():
    found = explain(["FACTURACIÓN pendiente"], [], [T("F", ("facturacion",))]).themes
    assert [(h.name, h.count) for h in found] == [("F", 1)]


def test_a_theme_no_text_touches_is_not_listed():
    assert explain(["hola"], [], [BILLING]).themes == []


def test_top_rising_term_is_the_new_phrase():
    terms = rising(TODAY, BASELINE, min_count=3)
    assert terms[0].term == "cobro duplicado"
    assert (terms[0].count, terms[0].baseline_count) == (3, 0)
    assert terms[0].examples == (1, 2)
    # 'cobro' (3 texts) is the phrase's own word: listed once, as the phrase
    assert "cobro" not in [t.term for t in terms]


def test_min_count_drops_terms_in_too_few_texts():
    assert [t.term for t in rising(TODAY, BASELINE, min_count=4)] == []
    both = [t.term for t in rising(TODAY, BASELINE, min_count=2)]
    assert both[0] == "cobro duplicado"


def test_a_term_whose_share_fell_is_not_rising():
    # 'router': 8 of 20 baseline texts, 1 of 5 here (20 % < 40 %)
    terms = rising(["el router otra vez", "x y z", "a b c", "d e f", "g h i"], BASELINE, min_count=1)
    assert "router" not in [t.term for t in terms]


def test_stop_words_and_brand_names_are_never_terms():
    texts = ["Acme no me ha cobrado nada, pero también está muy lento"] * 4
    terms = {t.term for t in rising(texts, [], min_count=1, limit=50, extra_stop=["Acme"])}
    assert terms and not terms & {"no", "me", "ha", "pero", "tambien", "esta", "muy", "acme"}
    assert {"lento", "cobrado"} <= terms
    assert "cobrado lento" not in terms     # stop words between them: not a two-word phrase
    assert {"tambien", "ademas", "the", "because"} <= stop_words()


def test_nothing_to_rank_gives_no_terms():
    assert rising([], BASELINE) == []
    assert rising(["y de la"], BASELINE, min_count=1) == []


def test_theme_matcher_answers_exactly_as_the_mention_matcher():
    from collector import PhraseMatcher, fold
    from scripts.themes import ThemeMatcher

    themes = [BILLING, NETWORK, T("Wifi", ("wi-fi", "5G", "straße"))]
    texts = [*TODAY, *BASELINE, "ｆａｃｔｕｒａ", "Wi-Fi caído", "wifi", "el 5G va", "5GHz", "Strasse cerrada",
             "sin  señal", "señales", "¿Cobro?", "descobro", "cobro_x", ""]
    judges = [PhraseMatcher(t.words) for t in themes]
    matcher = ThemeMatcher(themes)
    for text in texts:
        expected = tuple(i for i, judge in enumerate(judges) if judge.search(text))
        assert matcher.of(text) == expected == matcher.of_folded(fold(text)), text


def test_terms_are_shown_as_people_spell_them():
    from scripts.themes.terms import spelled

    assert spelled("explicacion", [None, "Nadie da una EXPLICACIÓN."]) == "explicación"
    assert spelled("atencion cliente", ["La Atención  Cliente, fatal"]) == "atención cliente"
    assert spelled("senal", ["nada que ver"]) == "senal"      # no example spells it: the folded term
