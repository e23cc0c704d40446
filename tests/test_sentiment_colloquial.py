"""Spanish (and English) as blog comments write it: colloquial praise and complaint, Latin American
variants, idioms whose words mislead alone, diminutives, augmentatives and intensifying repetition."""

from __future__ import annotations

import pytest

from collector.sentiment.scorer import Scorer
from tests.conftest import rules_of


@pytest.mark.parametrize("text", [
    "Vaya tela. llevo un año con Movilia y la fibra va como un tiro",   # the weekly e-mail's happy customer
    "que fotos más chulas !",
    "Esto mola mucho", "qué guay el nuevo router", "La nueva app es una pasada", "Atención de lujo en la tienda",
    "Flipante lo rápido que va ahora", "Un servicio de diez", "Va de puta madre desde el cambio",
    "No está nada mal el nuevo plan", "Funciona como un reloj", "El técnico, muy majo",
])
def test_colloquial_spanish_praise_is_positive(scorer: Scorer, text: str) -> None:
    assert scorer.score(text, "es").label == "pos"


@pytest.mark.parametrize("text", [
    "¡la atención de Movilia es de risa!", "Vaya tela con la última factura", "menudo timo la promoción",
    "Les escribí cinco veces y ni caso", "me tienen harto con el roaming", "es una tomadura de pelo",
    "la portabilidad fue un desastre", "Para nada contento con el cambio", "El chat es de chiste",
    "Estoy hasta el gorro de tantos cortes", "Funciona de pena", "Me sentó como un tiro que no avisaran",
])
def test_colloquial_spanish_complaint_is_negative(scorer: Scorer, text: str) -> None:
    assert scorer.score(text, "es").label == "neg"


@pytest.mark.parametrize(("text", "label"), [
    ("Chévere la atención por WhatsApp", "pos"), ("Bacán, ya tengo la fibra", "pos"),
    ("Padrísimo el servicio", "pos"), ("Está chido el nuevo plan", "pos"), ("Copado que atiendan 24 horas", "pos"),
    ("Qué padre que por fin respondan", "pos"),
    ("Pésimo servicio, nadie sabe nada", "neg"), ("Me tienen podrido con las llamadas", "neg"),
    ("Me pelotean de un departamento a otro", "neg"), ("Chafa el router que dan", "neg"),
])
def test_latin_american_variants_both_ways(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


@pytest.mark.parametrize(("praise", "complaint"), [
    ("la fibra va como un tiro", "me sentó como un tiro"),      # "tiro" is a shot either way
    ("va de puta madre", "qué puta mierda"),                   # "puta" alone misleads
    ("un servicio de diez", "tardaron más de 10 horas"),       # a rating, not a count
    ("no está nada mal", "no está nada bien"),
])
def test_phrases_whose_words_mislead_alone(scorer: Scorer, praise: str, complaint: str) -> None:
    assert scorer.score(praise, "es").label == "pos"
    assert scorer.score(complaint, "es").label == "neg"


def test_an_interjection_follows_what_it_exclaims_about(scorer: Scorer) -> None:
    happy = scorer.score("Vaya tela. llevo un año con Movilia y la fibra va como un tiro", "es")
    assert happy.label == "pos" and "interjection" in rules_of(happy)
    angry = scorer.score("Vaya tela, otra vez sin fibra", "es")
    assert angry.label == "neg" and "interjection" not in rules_of(angry)


@pytest.mark.parametrize(("text", "label"), [
    ("It's always a blast to read your posts", "pos"), ("Works like a charm now", "pos"),
    ("Can't complain, it works", "pos"), ("No complaints so far", "pos"),
    ("Your customer service is a joke", "neg"), ("What a rip-off", "neg"),
])
def test_english_blog_idioms(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en").label == label


def test_diminutive_softens_a_complaint_and_keeps_praise(scorer: Scorer) -> None:
    small, plain = scorer.score("un problemilla", "es"), scorer.score("un problema", "es")
    assert plain.score < small.score < 0 and "diminutive" in rules_of(small)
    quick = scorer.score("lo dejaron rapidito", "es")
    assert quick.score > 0 and "diminutive" in rules_of(quick)


def test_augmentative_and_intensifying_prefix_add_emphasis(scorer: Scorer) -> None:
    assert scorer.score("fue un timazo", "es").score < scorer.score("fue timo", "es").score < 0
    assert scorer.score("son superamables", "es").score > scorer.score("son amables", "es").score
    assert "intensified" in rules_of(scorer.score("todo requetebién", "es"))
    assert scorer.score("todo requetebién", "es").label == "pos"
    assert "augmentative" in rules_of(scorer.score("menudo golazo de oferta, un exitote", "es"))


def test_repeated_intensifier_is_emphasis_not_contrast(scorer: Scorer) -> None:
    repeated = scorer.score("muy pero muy malo", "es")
    assert repeated.score < scorer.score("muy malo", "es").score
    assert "contrast" not in rules_of(repeated) and "boosted+boosted" in rules_of(repeated)
    assert "contrast" not in rules_of(scorer.score("es caro, pero que muy caro", "es"))
    assert "contrast" in rules_of(scorer.score("El personal es amable pero el servicio es pésimo", "es"))


def test_a_percentage_is_not_a_rating(scorer: Scorer) -> None:
    assert scorer.score("me suben un 10% la cuota", "es").label != "pos"
    assert scorer.score("un 10 para el técnico", "es").label == "pos"
