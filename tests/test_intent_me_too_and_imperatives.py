"""Intent cues added after comments written blind (by someone who never saw the cues) were measured:
a me-too reply that tells the same problem stays in the queue, a fix told to another customer does
not; imperatives to the company, "I'd like to …", no answers at all, a missed appointment and a fix
that was not one are things to answer. Both directions each."""

from __future__ import annotations

import pytest

from collector.sentiment.intent import ThreadContext, classify_intent

UNDER_COMPLAINT = ThreadContext(is_reply=True, parent_intent="complaint")
AFTER_BRAND = ThreadContext(is_reply=True, parent_is_brand=True, replied_after_brand=True)


@pytest.mark.parametrize(("text", "lang"), [
    ("a mi me paso exactamente lo mismo con Nubefon, 40 min de espera y me colgaron", "es"),
    ("Igual acá, desde el lunes que no tengo señal en Rosario", "es"),
    ("Same here, my Telvia bill doubled this month for no reason", "en"),
])
def test_a_me_too_reply_telling_the_same_problem_needs_a_reply(text: str, lang: str) -> None:
    intent = classify_intent(text, lang, context=UNDER_COMPLAINT)
    assert intent.label == "complaint" and intent.needs_reply


def test_a_me_too_reply_that_tells_the_fix_is_a_peer_answer() -> None:
    text = "A mí me pasó igual el año pasado y lo arreglé llamando al 1004 y pidiendo la baja"
    assert classify_intent(text, "es", context=UNDER_COMPLAINT).label == "peer_answer"


@pytest.mark.parametrize(("text", "lang"), [
    ("Cambien el router ya, este es del 2015 y se recalienta", "es"),
    ("Arreglen la app de una vez", "es"),
    ("I'd like to move my appointment to next week if possible", "en"),
])
def test_an_imperative_or_a_wish_addressed_to_the_company_is_a_request(text: str, lang: str) -> None:
    assert classify_intent(text, lang).label == "request"


@pytest.mark.parametrize(("text", "lang"), [
    ("Tres correos enviados y cero respuestas, ya no sé qué más hacer", "es"),
    ("El técnico tenía que venir el martes entre 9 y 14. Es jueves.", "es"),
    ("Me dijeron que ya estaba resuelto y no, el router sigue parpadeando en rojo", "es"),
])
def test_silence_a_missed_visit_and_a_fix_that_was_not_are_complaints(text: str, lang: str) -> None:
    context = AFTER_BRAND if text.startswith("Me dijeron") else None
    assert classify_intent(text, lang, context=context).label == "complaint"


@pytest.mark.parametrize(("text", "lang", "expected"), [
    ("Ya estaba resuelto cuando lo vi, gracias", "es", "thanks"),
    ("El técnico vino el martes a la hora y lo dejó todo perfecto", "es", "praise"),
    ("Cambié de tarifa el mes pasado y bien", "es", "opinion"),
])
def test_the_same_words_telling_good_news_ask_for_nothing(text: str, lang: str, expected: str) -> None:
    intent = classify_intent(text, lang, context=AFTER_BRAND if expected == "thanks" else None)
    assert not intent.needs_reply, (intent.label, intent.cues)
