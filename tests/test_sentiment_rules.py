"""Behaviour of the default rule-based scorer (collector.sentiment)."""

from __future__ import annotations

import time

import pytest

from collector.sentiment.scorer import Score, Scorer, Term, default_scorer


def rules_of(score: Score) -> list[str]:
    return [t.rule for t in score.terms]


def test_grateful_seed_comment_is_positive(scorer: Scorer) -> None:
    s = scorer.score("Muchas gracias por tu comentario… ¡Lo recomiendo!", "es")
    assert s.label == "pos" and s.score > 0.5


def test_unanswered_complaint_seed_comment_is_negative(scorer: Scorer) -> None:
    s = scorer.score("llevo dos días intentando contactar con vosotros sin respuesta", "es")
    assert s.label == "neg"
    assert {"llevo dos días", "sin respuesta"} <= {t.text for t in s.terms}


def test_negation_flips_positive_term_to_negative(scorer: Scorer) -> None:
    plain, negated = scorer.score("El servicio es bueno", "es"), scorer.score("El servicio no es bueno", "es")
    assert plain.label == "pos" and negated.label == "neg"
    term = next(t for t in negated.terms if t.text == "bueno")
    assert term.valence < 0 and term.rule.startswith("negated")


@pytest.mark.parametrize("negator", ["nunca", "jamás", "tampoco", "ni"])
def test_spanish_negators_flip_praise(scorer: Scorer, negator: str) -> None:
    assert scorer.score(f"{negator} fue amable", "es").score < 0


def test_english_contraction_negates(scorer: Scorer) -> None:
    assert scorer.score("The agent wasn't helpful", "en").label == "neg"
    assert scorer.score("The agent was helpful", "en").label == "pos"


def test_negated_negative_is_weaker_than_positive(scorer: Scorer) -> None:
    not_bad = scorer.score("no está mal", "es").score
    good = scorer.score("está bien", "es").score
    assert 0 < not_bad < good


def test_negator_alone_reads_as_a_complaint(scorer: Scorer) -> None:
    s = scorer.score("El técnico no vino a la cita", "es")
    assert s.label == "neg" and "negation-cue" in rules_of(s)


def test_contrast_weights_the_later_clause(scorer: Scorer) -> None:
    s = scorer.score("El personal es amable pero el servicio es pésimo", "es")
    assert s.label == "neg"
    s2 = scorer.score("El servicio es pésimo pero el personal es muy amable", "es")
    assert s2.score > s.score
    assert any("contrast-after" in t.rule for t in s.terms)


def test_sin_embargo_and_english_but_are_contrast(scorer: Scorer) -> None:
    assert scorer.score("Tardaron mucho, sin embargo la solución fue excelente", "es").label == "pos"
    assert scorer.score("Nice staff but the flight was a disaster", "en").label == "neg"


def test_sentence_initial_aunque_weights_main_clause(scorer: Scorer) -> None:
    assert scorer.score("Aunque tardaron un poco, el trato fue excelente", "es").label == "pos"


def test_intensifier_increases_and_dampener_decreases(scorer: Scorer) -> None:
    base = scorer.score("es bueno", "es").score
    assert scorer.score("es muy bueno", "es").score > base
    assert scorer.score("es casi bueno", "es").score < base
    assert scorer.score("it is very good", "en").score > scorer.score("it is slightly good", "en").score


def test_poco_before_praise_means_not(scorer: Scorer) -> None:
    assert scorer.score("un personal poco profesional", "es").label == "neg"


def test_exclamation_and_capitals_add_emphasis(scorer: Scorer) -> None:
    calm = scorer.score("el servicio es malo", "es").score
    assert scorer.score("el servicio es malo!!!", "es").score < calm
    assert scorer.score("el servicio es MALO", "es").score < calm


def test_elongation_is_recognised_and_emphasised(scorer: Scorer) -> None:
    s = scorer.score("todo fue maaaal", "es")
    assert s.label == "neg" and "elongated" in rules_of(s)[0]


def test_accents_are_optional(scorer: Scorer) -> None:
    assert scorer.score("pesima atencion, una verguenza", "es").score == pytest.approx(
        scorer.score("pésima atención, una vergüenza", "es").score
    )


def test_inflected_forms_are_found(scorer: Scorer) -> None:
    assert scorer.score("unas azafatas amabilísimas", "es").label == "pos"
    assert scorer.score("unas maletas rotas", "es").label == "neg"


@pytest.mark.parametrize(
    ("text", "label"),
    [("Gracias 😍", "pos"), ("otra vez igual 😡", "neg"), ("todo bien :)", "pos"), ("pues vaya :(", "neg")],
)
def test_emoji_and_emoticons_carry_sentiment(scorer: Scorer, text: str, label: str) -> None:
    s = scorer.score(text, "es")
    assert s.label == label
    assert any(t.rule in ("emoji", "emoticon") for t in s.terms)


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("nadie contesta al teléfono", "neg"),
        ("la web no funciona", "neg"),
        ("han cancelado el vuelo, es una estafa", "neg"),
        ("he puesto una reclamación", "neg"),
        ("por fin me lo han solucionado", "pos"),
        ("sin problemas, todo correcto", "pos"),
    ],
)
def test_customer_service_phrases(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "es").label == label


@pytest.mark.parametrize(
    ("text", "label"),
    [
        ("I've been on hold for two hours", "neg"),
        ("My flight was cancelled and nobody helped", "neg"),
        ("Thank you so much, the crew was amazing!", "pos"),
        ("The flight leaves at 9am from gate 4", "neu"),
    ],
)
def test_english_texts(scorer: Scorer, text: str, label: str) -> None:
    assert scorer.score(text, "en").label == label


def test_question_with_thanks_is_not_praise(scorer: Scorer) -> None:
    s = scorer.score("¿Puedo llevar una maleta de mano extra? Gracias", "es")
    assert s.label == "neu" and "politeness" in rules_of(s)[0]


@pytest.mark.parametrize("text", ["", "   ", "\t\n", "https://example.com @acme #"])
def test_empty_whitespace_and_wordless_texts_are_neutral(scorer: Scorer, text: str) -> None:
    s = scorer.score(text, "es")
    assert (s.score, s.label, s.terms) == (0.0, "neu", ())


def test_very_long_text_scores_fast_and_linearly(scorer: Scorer) -> None:
    unit = "El vuelo salió tarde pero la tripulación fue muy amable y profesional. "
    long_text = unit * 5000  # ~360 kB
    start = time.perf_counter()
    s = scorer.score(long_text, "es")
    elapsed = time.perf_counter() - start
    assert -1.0 <= s.score <= 1.0
    assert elapsed < 5.0


def test_score_is_bounded_and_terms_explain_it(scorer: Scorer) -> None:
    s = scorer.score("horrible horrible horrible estafa vergüenza 😡😡😡!!!!", "es")
    assert -1.0 <= s.score < -0.9
    assert all(isinstance(t, Term) for t in s.terms) and sum(t.valence for t in s.terms) < 0


def test_mixed_language_text_borrows_polar_words(scorer: Scorer) -> None:
    s = scorer.score("el vuelo fue awful, la verdad", "es")
    assert s.label == "neg" and any(t.rule == "borrowed-en" for t in s.terms)
    assert scorer.score("Great trip, muchas gracias!", "en").label == "pos"


def test_false_friends_are_not_borrowed(scorer: Scorer) -> None:
    # "sin" is a sin in English, "without" in Spanish; "hago" is chat slang in VADER
    assert all(not t.rule.startswith("borrowed") for t in scorer.score("lo hago sin prisa", "es").terms)


def test_language_is_detected_when_not_given(scorer: Scorer) -> None:
    assert scorer.score("The customer service was terrible and nobody answered", None).label == "neg"
    assert scorer.score("La atención fue excelente y muy rápida, gracias", None).label == "pos"


def test_score_many_matches_score_and_checks_lengths(scorer: Scorer) -> None:
    texts = ["muy bien", "muy mal", ""]
    assert scorer.score_many(texts, ["es", "es", None]) == [scorer.score(t, "es") for t in texts]
    with pytest.raises(ValueError):
        scorer.score_many(texts, ["es"])


def test_default_scorer_is_cached() -> None:
    assert default_scorer() is default_scorer()


def test_a_brand_name_is_not_praise(scorer: Scorer) -> None:
    # VADER rates "united" +1.8; in customer-service texts it is an airline
    assert not any(t.text.lower() == "united" for t in scorer.score("Flying United again tomorrow", "en").terms)


def test_a_polite_sign_off_after_a_problem_is_not_ironic_thanks(scorer: Scorer) -> None:
    s = scorer.score("¿Por qué me habéis cobrado dos veces la factura? Un error grave. Gracias", "es")
    thanks = next(t for t in s.terms if t.text == "Gracias")
    assert "politeness" in thanks.rule and "ironic" not in thanks.rule and thanks.valence > 0
