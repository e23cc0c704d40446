"""Language detection restricted to the configured languages (collector.language)."""

from __future__ import annotations

import pytest

from collector.sentiment.language import detect_language, detect_languages

ES = "Llevo dos días intentando contactar con vosotros y nadie me responde"
EN = "I have been trying to reach your customer service for two days now"


def test_detects_spanish_and_english_among_allowed() -> None:
    assert detect_language(ES, ["es", "en"], None) == "es"
    assert detect_language(EN, ["es", "en"], None) == "en"


def test_short_text_takes_the_fallback_unless_the_detector_is_sure() -> None:
    assert detect_language("ok 👍", ["es", "en"], "en") == "en"
    assert detect_language("ok 👍", ["es", "en"], None) is None
    assert detect_language("Thank you very much!", ["es", "en"], "es") == "en"
    assert detect_language("¡Gracias!", ["es", "en"], "en") == "es"


def test_result_is_always_an_allowed_language() -> None:
    # Portuguese is not allowed: the answer must still be es or en (or the fallback)
    text = "Obrigado pela resposta rápida, o atendimento foi excelente hoje"
    assert detect_language(text, ["es", "en"], None) in {"es", "en", None}


def test_single_allowed_language_is_returned_without_guessing() -> None:
    assert detect_language(EN, ["es"], "es") == "es"


def test_no_allowed_language_is_an_error() -> None:
    with pytest.raises(ValueError):
        detect_language(ES, [], None)


def test_batch_matches_single_calls_and_accepts_per_text_fallbacks() -> None:
    texts = [ES, EN, "hola"]
    assert detect_languages(texts, ["es", "en"], ["en", "es", "en"]) == ["es", "en", "en"]
    assert detect_languages(texts, ["en", "es"], None) == [detect_language(t, ["es", "en"], None) for t in texts]
    with pytest.raises(ValueError):
        detect_languages(texts, ["es", "en"], ["es"])
