"""The demo's praise never reads as a complaint, whatever opener it gets ("Vaya tela. ..." was the
weekly e-mail's first escalated "negative" comment), and its complaints never read as praise."""

from __future__ import annotations

import random

import pytest

from collector.sentiment.scorer import default_scorer
from pulso.demo import text as T


def _bodies(lang: str, intent: str) -> list[str]:
    out = []
    for template in T.COMMENTS[lang][intent]:
        for opener in T.OPENERS[lang]:
            body = T.fill(opener + template, lang, random.Random(1), name="Ana")
            out.append(body[0].upper() + body[1:])
    return out


@pytest.mark.parametrize("lang", ["es", "en"])
def test_demo_praise_with_any_opener_is_never_negative(lang: str) -> None:
    scorer = default_scorer()
    wrong = [b for b in _bodies(lang, "praise") if scorer.score(b, lang).label == "neg"]
    assert not wrong


@pytest.mark.parametrize("lang", ["es", "en"])
def test_demo_complaints_are_never_positive(lang: str) -> None:
    scorer = default_scorer()
    assert not [b for b in _bodies(lang, "complaint") if scorer.score(b, lang).label == "pos"]


def test_an_exclamation_is_no_complaint_to_be_ironic_about() -> None:
    s = default_scorer().score("Vaya tela. por fin una compañía que contesta; gracias a Lucía por la atención.", "es")
    assert s.label == "pos" and not any("ironic" in t.rule for t in s.terms)
