"""Sarcasm and irony cues turn praise around, each explained as a rule (collector.sentiment.irony)."""

from __future__ import annotations

import pytest

from collector.sentiment.scorer import Score, Scorer


def rule_of(score: Score, text: str) -> str:
    return next(t.rule for t in score.terms if t.text.lower() == text.lower())


@pytest.mark.parametrize(("text", "praise"), [
    ("genial, otra vez sin luz", "genial"),
    ("qué maravilla de servicio… tres días esperando", "maravilla"),
    ("Estupendo, tercera vez que me cambian la cita", "Estupendo"),
    ("Great, another outage", "Great"),
])
def test_praise_beside_a_complaint_is_sarcasm(scorer: Scorer, text: str, praise: str) -> None:
    s = scorer.score(text, "en" if text.startswith("Great") else "es")
    assert s.label == "neg"
    assert "sarcasm" in rule_of(s, praise) and next(t for t in s.terms if t.text == praise).valence < 0


@pytest.mark.parametrize("text", [
    "genial, ya tengo luz",
    "qué maravilla de servicio, me lo arreglaron en un día",
    "Perfecto. Lo probaré mañana y si no funciona os aviso",   # the complaint is hypothetical and far away
])
def test_praise_without_a_complaint_beside_it_stays_praise(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, "es")
    assert s.label == "pos" and all("sarcasm" not in t.rule for t in s.terms)


def test_praise_conceded_before_pero_is_meant(scorer: Scorer) -> None:
    s = scorer.score("Genial el técnico, pero la factura llegó mal", "es")
    assert "sarcasm" not in rule_of(s, "Genial") and next(t for t in s.terms if t.text == "Genial").valence > 0


@pytest.mark.parametrize(("text", "label"), [("gracias por nada", "neg"), ("gracias por todo", "pos"),
                                             ("Thanks for nothing", "neg"), ("Thanks for everything", "pos")])
def test_thanks_for_nothing_both_ways(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en" if text.startswith("Thanks") else "es").label == label


def test_thanks_beside_a_complaint_is_ironic(scorer: Scorer) -> None:
    s = scorer.score("Gracias por dejarme tres días sin línea y sin respuesta", "es")
    assert s.label == "neg" and "ironic-thanks" in s.terms[0].rule


@pytest.mark.parametrize(("text", "lang"), [
    ('Menudo "servicio" técnico tenéis', "es"),
    ("El 'servicio' de atención al cliente es un contestador", "es"),
    ('Compré la tarifa "flexible" y no me dejan cambiar nada', "es"),
    ("Oh sure, 'unlimited' data that slows to a crawl", "en"),
])
def test_scare_quotes_doubt_what_they_quote(scorer: Scorer, text: str, lang: str) -> None:
    s = scorer.score(text, lang)
    assert s.label == "neg" and any("scare-quotes" in t.rule for t in s.terms)


def test_quoted_names_and_long_quotations_are_not_scare_quotes(scorer: Scorer) -> None:
    for text in ['El programa "Movistar Plus" es muy bueno',
                 'Me dijeron "es un servicio excelente y muy rápido, ya verá" y así fue']:
        s = scorer.score(text, "es")
        assert s.label == "pos" and not any("scare-quotes" in t.rule for t in s.terms)


@pytest.mark.parametrize(("text", "lang"), [
    ("Sí, claro, el mejor servicio del mundo", "es"),
    ("Ya, claro, qué bien funciona todo", "es"),
    ("el mejor servicio del mundo 🙄", "es"),
    ("Qué bien, otra subida de precio 🙃", "es"),
    ("Oh great, my bill doubled again", "en"),
])
def test_sarcasm_markers_turn_the_praise_of_their_text(scorer: Scorer, text: str, lang: str) -> None:
    s = scorer.score(text, lang)
    assert s.label == "neg" and any("sarcasm-marker" in t.rule for t in s.terms)


def test_a_strong_marker_is_a_complaint_alone(scorer: Scorer) -> None:
    s = scorer.score("Yeah right", "en")
    assert s.label == "neg" and [t.rule for t in s.terms] == ["sarcasm-marker"]


@pytest.mark.parametrize("text", ["Sí, claro que funciona: me lo arreglaron ayer", "el mejor servicio del mundo 😍"])
def test_sincere_yes_and_happy_emoji_are_not_markers(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, "es")
    assert s.label == "pos" and not any("sarcasm" in t.rule for t in s.terms)
