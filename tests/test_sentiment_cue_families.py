"""Each idiom and cue family of issue 14, with examples in both directions: the words that make a
text praise in one and a complaint in the other, and the rule that tells them apart (named in the
score's terms, as `pulso score --explain` shows it)."""

from __future__ import annotations

import pytest

from collector.sentiment.scorer import Scorer
from tests.conftest import rules_of


@pytest.mark.parametrize(("text", "label"), [
    ("Para nada contento con el cambio", "neg"), ("No me arrepiento para nada del cambio", "pos"),
    ("Me tienen podrido con las llamadas", "neg"), ("Me tienen encantado con la atención", "pos"),
    ("Chévere la atención por WhatsApp", "pos"), ("Nada chévere que corten la luz cada semana", "neg"),
    ("Bacán, ya tengo la fibra", "pos"), ("No es nada bacán esperar tres horas", "neg"),
    ("Padrísimo el servicio", "pos"), ("Pésimo servicio, nadie sabe nada", "neg"),
    ("Vaya tela, qué bien funciona todo ahora", "pos"), ("Vaya tela con la última factura", "neg"),
])
def test_idioms_and_regional_words_both_ways(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


def test_augmentative_on_of_a_complaint_word_and_verbs_that_only_look_like_it(scorer: Scorer) -> None:
    big = scorer.score("menudo problemón con la factura", "es")
    assert big.label == "neg" and "augmentative" in rules_of(big)
    assert scorer.score("menudo problemón", "es").score < scorer.score("menudo problema", "es").score
    assert "augmentative" not in rules_of(scorer.score("nos ganaron el partido", "es"))
    assert "augmentative" not in rules_of(scorer.score("perdona, una pregunta", "es"))


def test_repetition_intensifies_either_way(scorer: Scorer) -> None:
    assert scorer.score("muy muy bueno", "es").score > scorer.score("muy bueno", "es").score > 0
    assert scorer.score("muy muy malo", "es").score < scorer.score("muy malo", "es").score < 0
    assert scorer.score("genial genial", "es").score > scorer.score("genial", "es").score


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("Dos horas de retraso y nadie informa", "es", "neg"), ("El vuelo salió sin retraso", "es", "pos"),
    ("Me han cancelado el vuelo", "es", "neg"), ("Flight cancelled, no rebooking", "en", "neg"),
    ("Flight delayed again", "en", "neg"), ("Landed early, no delays at all", "en", "pos"),
    ("You lost my bag", "en", "neg"), ("Where is my bag?", "en", "neg"),
])
def test_airline_and_service_complaint_vocabulary_and_its_good_news(scorer: Scorer, text: str, lang: str,
                                                                    label: str) -> None:
    assert scorer.score(text, lang).label == label


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("3 hours on the tarmac #unitedfail", "en", "neg"), ("Thanks for the upgrade #LoveJetBlue", "en", "pos"),
    ("so #nothappy with the new app", "en", "neg"), ("Otra vez sin fibra #MoviliaFail", "es", "neg"),
])
def test_hashtags_say_what_their_words_say(scorer: Scorer, text: str, lang: str, label: str) -> None:
    s = scorer.score(text, lang)
    assert s.label == label and "hashtag" in rules_of(s)


def test_a_hashtag_is_its_own_unit_and_only_hashtags_are_cut(scorer: Scorer) -> None:
    inside = next(t for t in scorer.score("Otra vez sin fibra #MoviliaFail", "es").terms if t.rule.endswith("hashtag"))
    assert inside.valence < 0 and "negated" not in inside.rule   # "sin" before it does not negate it
    assert not scorer.score("unitedfail", "en").terms              # not a hashtag: an unknown word
    assert scorer.score("#neveragain", "en").label == "neg"        # listed: the cut would find "gain"


@pytest.mark.parametrize(("wish", "praise", "lang"), [
    ("Deberían ser más rápidos", "Son muy rápidos", "es"),
    ("It would be helpful to get an answer", "Very helpful staff", "en"),
    ("You should be more proactive", "You are very proactive", "en"),
])
def test_a_wish_or_demand_is_not_praise(scorer: Scorer, wish: str, praise: str, lang: str) -> None:
    asked, said = scorer.score(wish, lang), scorer.score(praise, lang)
    assert asked.label != "pos" and "wish" in rules_of(asked)
    assert said.label == "pos" and "wish" not in rules_of(said)


def test_praise_asked_about_is_not_praise_but_praise_before_a_question_is(scorer: Scorer) -> None:
    asked = scorer.score("¿Es bueno el plan de 300 megas?", "es")
    assert asked.label == "neu" and "question" in rules_of(asked)
    assert scorer.score("¡Qué bueno el plan de 300 megas!", "es").label == "pos"
    exclaimed = scorer.score("Seriously? one year with Movilia and the fibre is rock solid", "en")
    assert exclaimed.score > 0 and "question" not in rules_of(exclaimed)   # its praise comes after the "?"


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("jajaja qué bueno el vídeo", "es", "pos"), ("jajaja qué vergüenza de servicio", "es", "neg"),
    ("graciaaaas", "es", "pos"), ("fatal, fataaal", "es", "neg"),
    ("@Movilia gracias por todo", "es", "pos"), ("@Movilia sois lo peor", "es", "neg"),
    ("Funciona de lujo 😍", "es", "pos"), ("Funciona 🙄", "es", "neg"),
])
def test_laughter_elongation_mentions_and_emoji_both_ways(scorer: Scorer, text: str, lang: str, label: str) -> None:
    assert scorer.score(text, lang).label == label


def test_elongation_laughter_and_mentions_are_explained(scorer: Scorer) -> None:
    assert "elongated" in rules_of(scorer.score("graciaaaas", "es"))
    assert "laughter" in rules_of(scorer.score("JAJAJAJA", "es"))
    assert all("Movilia" not in t.text for t in scorer.score("@Movilia sois lo peor", "es").terms)


def test_html_entities_are_read_as_characters(scorer: Scorer) -> None:
    assert not scorer.score("LAX &gt; JFK &amp; back", "en").terms   # no 'gt' or 'amp' words


def test_sin_embargo_and_no_obstante_negate_nothing(scorer: Scorer) -> None:
    s = scorer.score("Tardaron. Sin embargo, el trato fue muy bueno", "es")
    assert s.label == "pos" and "negat" not in rules_of(s)
    for text in ("Tardaron, sin embargo es bueno", "Tardaron, no obstante es bueno"):
        s = scorer.score(text, "es")
        assert s.label == "pos" and "negat" not in rules_of(s), text


def test_a_sentence_opened_with_bueno_comma_is_a_way_of_speaking(scorer: Scorer) -> None:
    opened = scorer.score("Bueno, eso viene por el lado de los apellidos", "es")
    assert opened.label == "neu" and "discourse" in rules_of(opened)
    meant = scorer.score("El trato fue bueno, y rápido", "es")
    assert meant.label == "pos" and "discourse" not in rules_of(meant)
    assert scorer.score("Well, we'll see", "en").label == "neu"


@pytest.mark.parametrize(("text", "label"), [
    ("Qué susto me di con la factura", "neg"), ("Estoy agobiada con tantas llamadas", "neg"),
    ("El técnico es un pendejo", "neg"), ("Chale, otra vez sin señal", "neg"),
    ("Te extraño mucho", "neg"), ("Estoy enamorada de la nueva app", "pos"),
    ("El youtuber más gracioso", "pos"), ("Es mi ídolo", "pos"),
])
def test_everyday_feeling_words_of_spain_and_latin_america(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Thanks for allowing me to miss my connection", "neg"), ("I'm taking my business elsewhere", "neg"),
    ("There is a total lack of communication", "neg"), ("Now been queuing for over an hr", "neg"),
    ("God awful seats", "neg"), ("Oh my god, the new lounge is amazing", "pos"),
])
def test_english_complaints_without_a_feeling_word(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en").label == label


def test_a_short_start_of_a_hashtag_needs_a_long_rest(scorer: Scorer) -> None:
    assert not scorer.score("snow all day #winter", "en").terms     # not "win"
    assert scorer.score("#badservice", "en").label == "neg"         # "bad" before "service"


@pytest.mark.parametrize(("text", "label"), [
    ("Thanks for making my flight a nightmare", "neg"), ("Thanks for the canned reply, robotic as ever", "neg"),
    ("It was kind of unnerving", "neg"), ("Such a kind crew", "pos"),
])
def test_english_words_vader_lacks_and_hedges(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en").label == label


def test_si_claro_seguro_is_a_sarcasm_marker_of_its_own(scorer: Scorer) -> None:
    s = scorer.score("Sí, claro, seguro que mañana viene el técnico", "es")
    assert s.label == "neg" and [t.rule for t in s.terms] == ["sarcasm-marker"]
    assert scorer.score("Seguro que mañana viene el técnico", "es").label == "neu"     # no marker: a plain forecast
    assert scorer.score("Sí, claro que funciona: me lo arreglaron ayer", "es").label == "pos"


def test_decent_is_praise(scorer: Scorer) -> None:
    assert scorer.score("Pretty decent for the price", "en").label == "pos"
    assert scorer.score("Not even decent", "en").label == "neg"


def test_a_bare_english_negator_weighs_more_than_a_spanish_one(scorer: Scorer) -> None:
    """Measured on the train files: "I can't get my booking", "they won't refund" complain."""
    en, es = scorer.score("They won't answer the phone", "en"), scorer.score("No devuelven el billete", "es")
    assert en.label == es.label == "neg" and [t.rule for t in en.terms] == ["negation-cue"]
    assert en.terms[0].valence < es.terms[0].valence < 0


@pytest.mark.parametrize(("text", "lang"), [
    ("They won't refund the ticket", "en"), ("You didn't call back", "en"), ("Nobody told us", "en"),
    ("No hay respuesta", "es"),
])
def test_a_negated_complaint_cue_is_still_a_complaint(scorer: Scorer, text: str, lang: str) -> None:
    """A mild complaint word (|valence| < COMPLAINT_CUE) keeps its sign under a negator."""
    s = scorer.score(text, lang)
    assert s.label == "neg" and all(t.valence < 0 for t in s.terms)


def test_a_negated_clear_complaint_is_mild_praise(scorer: Scorer) -> None:
    s = scorer.score("No está mal", "es")
    assert s.score > 0 and "negated" in rules_of(s)


@pytest.mark.parametrize(("text", "label"), [
    ("¿Cómo es posible que perdáis mis datos?", "neg"), ("Es posible cambiar la fecha", "neu"),
    ("No es justo que cobren dos veces", "neg"), ("Llegó justo a tiempo, perfecto", "pos"),
    ("Nadie nos dio una explicación", "neg"), ("Gracias por la explicación, todo claro", "pos"),
    ("Me cobraron la penalización entera", "neg"), ("¿Dónde puñetas está mi maleta?", "neg"),
    ("Por supuesto, otro retraso", "neg"), ("La calidad del servicio ha bajado", "neu"),
    ("Excelente calidad, repetiré", "pos"),
    ("Nos han denegado el embarque", "neg"), ("Embarque a la hora, sin ningún inconveniente", "pos"),
    ("Vuelo atrasado", "neg"), ("Tuve un inconveniente con la reserva", "neg"),
    ("Tiene narices que cobren por la maleta", "neg"), ("Tengo sueño", "neg"),
    ("Qué dejadez la de este aeropuerto", "neg"), ("Empresas que estafan con los 902", "neg"),
    ("Y ahora me dicen que no hay plazas", "neg"),
])
def test_spanish_complaint_words_and_words_that_only_name_a_topic(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


@pytest.mark.parametrize(("text", "label"), [
    ("Are you kidding me? Third cancellation", "neg"), ("Just kidding, the crew was great!", "pos"),
    ("Delayed again", "neg"), ("Thanks again, great flight!", "pos"),
    ("Trying to reach someone about my bag", "neg"), ("Reach out if you need anything", "neu"),
    ("Waited 45 minutes at the counter", "neg"), ("The flight landed 10 minutes early, love it", "pos"),
    ("That's not how you treat people", "neg"), ("The crew made us feel welcome", "pos"),
    ("I was supposed to land at 5", "neg"), ("Can I talk to a human?", "neg"),
    ("I paid for wifi", "neg"), ("Are you kidding me?", "neg"),
    ("Trying to reach you since Monday", "neg"),
])
def test_english_airline_complaint_phrasing_both_ways(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en").label == label


@pytest.mark.parametrize(("text", "lang", "label"), [
    ("Please follow me so I can send my confirmation number", "en", "neu"),
    ("Please help, my bag never arrived", "en", "neg"),
    ("Por favor, sígueme y te envío el localizador", "es", "neu"),
    ("Por favor, ayuda, mi maleta no llegó", "es", "neg"),
])
def test_one_weak_request_cue_alone_is_no_complaint(scorer: Scorer, text: str, lang: str, label: str) -> None:
    assert scorer.score(text, lang).label == label
