"""Issue 14, fourth pass: laughter and applause that mock a complaint, a playful upside-down face,
numbers that are no rating, outrage and wishes said with praise words, negators that negate
nothing, and a one-word closing remark after a complaint. Each family both ways, with the rule
that tells the two apart named in the score's terms."""

from __future__ import annotations

import pytest

from collector.sentiment.scorer import Scorer
from tests.conftest import rules_of


@pytest.mark.parametrize(("text", "lang"), [
    ("Tardaron tres días en devolverme la maleta perdida jajaja", "es"),
    ("Gracias @Movilia por cortarme la luz dos veces en Navidad 👏👏", "es"),
    ("Lost my bag again and nobody answers the phone lol", "en"),
])
def test_laughter_or_applause_beside_a_clear_complaint_mocks_it(scorer: Scorer, text: str, lang: str) -> None:
    score = scorer.score(text, lang)
    assert score.label == "neg" and "mocking" in rules_of(score)


@pytest.mark.parametrize(("text", "lang"), [
    ("jajaja qué buena la foto del técnico", "es"),
    ("Se me olvidó el cargador en casa 😂", "es"),  # laughing at oneself: a mild complaint is not mocked
    ("The new app is great lol", "en"),
])
def test_laughter_beside_praise_or_a_mild_complaint_is_not_mockery(scorer: Scorer, text: str, lang: str) -> None:
    score = scorer.score(text, lang)
    assert "mocking" not in rules_of(score)
    assert score.label == ("neg" if "olvidó" in text else "pos")


def test_an_upside_down_face_among_warm_emoji_is_playful_but_alone_it_is_ironic(scorer: Scorer) -> None:
    playful = scorer.score("Hermosas fotos, feliz tarde a todos 👍😊🙃😘", "es")
    assert playful.label == "pos" and "sarcasm-marker" not in rules_of(playful)
    ironic = scorer.score("Qué bien, otra subida de precio 🙃", "es")
    assert ironic.label == "neg" and "sarcasm-marker" in rules_of(ironic)


@pytest.mark.parametrize("text", [
    "El ciclista lleva una bici de 10.000 €",
    "La oficina está a una distancia de 10 km",
    "La factura fue de 10,50 euros este mes",
    "Un grupo de 10 personas en la tienda",
])
def test_a_number_with_digit_groups_or_a_unit_after_it_is_no_rating(scorer: Scorer, text: str) -> None:
    score = scorer.score(text, "es")
    assert score.label == "neu" and all("10" not in t.text for t in score.terms)


@pytest.mark.parametrize("text", ["Una atención de 10", "El técnico, de 10!", "Servicio de diez"])
def test_de_diez_alone_is_still_a_top_rating(scorer: Scorer, text: str) -> None:
    assert scorer.score(text, "es").label == "pos"


@pytest.mark.parametrize(("text", "label"), [
    ("Es increíble que nadie conteste en tres días", "neg"),
    ("Increíble que todavía no me hayan devuelto el dinero", "neg"),
    ("¡Increíble! Me lo arreglaron en una hora", "pos"),
    ("Un servicio increíble, gracias", "pos"),
])
def test_increible_que_is_outrage_and_increible_alone_is_praise(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


def test_me_encantaria_que_is_a_wish_and_nos_encantaria_hablar_is_warm(scorer: Scorer) -> None:
    wish = scorer.score("Me encantaría que me devolvieran el dinero de la avería", "es")
    assert wish.label == "neg"
    assert next(t for t in wish.terms if t.text.lower().startswith("encantaría")).valence < 1
    assert scorer.score("Nos encantaría hablar contigo, qué amables", "es").label == "pos"


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("Without question the worst customer service I have ever had", "en", "neg"),
    ("No doubt the best support team around", "en", "pos"),
    ("Not only slow but rude", "en", "neg"),
    ("Sin duda el mejor servicio que he tenido", "es", "pos"),
    ("No solo tarde, sino mal hecho", "es", "neg"),
])
def test_a_negator_in_an_idiom_negates_nothing(scorer: Scorer, text: str, lang: str, label: str) -> None:
    score = scorer.score(text, lang)
    assert score.label == label and "negated" not in rules_of(score)


def test_a_negator_outside_an_idiom_still_negates(scorer: Scorer) -> None:
    assert "negated" in rules_of(scorer.score("Not the worst service", "en"))
    assert "negated" in rules_of(scorer.score("No es el mejor servicio", "es"))


@pytest.mark.parametrize(("text", "lang"), [
    ("You lied about the weather. The seats were broken. But you still blame the storm. Classy", "en"),
    ("Tres días sin línea y nadie me llama. Genial.", "es"),
])
def test_a_one_word_closing_remark_after_a_complaint_is_sarcasm(scorer: Scorer, text: str, lang: str) -> None:
    score = scorer.score(text, lang)
    assert score.label == "neg" and "sarcasm" in rules_of(score)


def test_a_closing_remark_after_good_news_is_praise(scorer: Scorer) -> None:
    score = scorer.score("Me cambiaron el router y va de maravilla. Genial.", "es")
    assert score.label == "pos" and "sarcasm" not in rules_of(score)


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("el soporte deja muuucho que desear", "es", "neg"),
    ("muchaaas graciaaas por arreglarlo tan rápido", "es", "pos"),
    ("goood job on the new app", "en", "pos"),
])
def test_an_elongated_word_still_completes_its_phrase(scorer: Scorer, text: str, lang: str, label: str) -> None:
    score = scorer.score(text, lang)
    assert score.label == label
    assert any(" " in t.text and "elongated" in t.rule for t in score.terms), score.terms


def test_a_drawn_out_no_exclaims_and_negates_nothing(scorer: Scorer) -> None:
    assert scorer.score("nooo me encanta la nueva web!!", "es").label == "pos"
    assert scorer.score("no me encanta la nueva web", "es").label == "neg"


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("Nunca me han fallado, ni una sola vez", "es", "pos"), ("Me han fallado otra vez", "es", "neg"),
    ("Por fin una compañía que cumple lo que promete", "es", "pos"),
    ("Prometen mucho y no cumplen", "es", "neg"),
    ("Me esperaba lo peor y me sorprendieron para bien", "es", "pos"),
    ("The agent went above and beyond", "en", "pos"),
    ("Never had a single problem with billing", "en", "pos"), ("Another problem with billing", "en", "neg"),
    ("Nice job Luzenda, estimated bills again for the fourth time. Brilliant.", "en", "neg"),
])
def test_promises_kept_never_failing_and_repetition_both_ways(scorer: Scorer, text: str, lang: str,
                                                               label: str) -> None:
    assert scorer.score(text, lang).label == label


def test_thanks_for_a_fix_stays_thanks_beside_a_remark_about_a_rival(scorer: Scorer) -> None:
    """A demo comment that the weekly summary used to escalate as a complaint: the thanks was read
    as ironic because the remark about the rival's slow answers outweighed it."""
    from collector.sentiment.intent import classify_intent

    text = "¡gracias! Ya funciona todo. Mi cuñado está en Telvia y dice que tampoco contestan rápido."
    score = scorer.score(text, "es")
    assert score.label == "pos" and "ironic-thanks" not in rules_of(score)
    assert not classify_intent(text, "es", sentiment=score.score).needs_reply
    assert scorer.score("ya funciona? sigo sin línea", "es").label == "neg"
    assert scorer.score("No, ya no funciona nada", "es").label == "neg"
