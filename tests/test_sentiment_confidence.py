"""Score.confident / Score.uncertain: a pos or neg label on a weak score is shown as uncertain and
never decides alone (a weekly escalation needs a clearly negative score)."""

from __future__ import annotations

from collector.sentiment.overrides import override_score
from collector.sentiment.scorer import CONFIDENT_SCORE, NEUTRAL, Score, default_scorer, is_confident


def test_a_clear_complaint_is_confident() -> None:
    s = default_scorer().score("Pésimo servicio, llevo dos semanas sin línea y nadie responde", "es")
    assert s.label == "neg" and s.confident and not s.uncertain


def test_thin_evidence_is_uncertain() -> None:
    s = default_scorer().score("El técnico no vino", "es")   # only a bare negator says anything
    assert s.label == "neg" and s.uncertain and not s.confident


def test_neutral_is_never_uncertain_and_human_labels_are_confident() -> None:
    assert not NEUTRAL.uncertain and not NEUTRAL.confident
    assert override_score("neg").confident and override_score("pos").confident


def test_the_rule_is_the_same_for_stored_scores() -> None:
    assert is_confident(-CONFIDENT_SCORE) and is_confident(0.9) and not is_confident(-0.3)
    assert not is_confident(None)
    assert Score(-0.3, "neg", ()).uncertain and not Score(-0.6, "neg", ()).uncertain


def test_the_rule_is_on_the_collectors_public_face() -> None:
    import collector

    assert collector.CONFIDENT_SCORE == CONFIDENT_SCORE
    assert collector.is_confident(-0.6) and not collector.is_confident(-0.2)
    assert collector.is_confident is is_confident
