"""One fold for every comparison of words: aliases, responders, the sentiment lexicon, search, hidden authors."""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

import collector
from collector import matching
from collector.matching import PhraseMatcher, Scope, fold, name_key
from collector.sentiment import rules

HOOK = Path(__file__).parents[1] / "site_src" / "hooks" / "search_fold.py"


def test_every_caller_uses_the_one_fold():
    spec = importlib.util.spec_from_file_location("search_fold", HOOK)
    assert spec and spec.loader
    hook = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(hook)
    assert collector.fold is rules.fold is hook.fold is matching.fold


@pytest.mark.parametrize(("written", "folded"), [
    ("Atención al Cliente", "atencion al cliente"), ("ＡＣＭＥ", "acme"), ("Straße", "strasse"),
    ("ÑOÑO", "nono"), ("don’t", "don't"), ("l´hotel", "l'hotel"), ("plain ascii", "plain ascii"),
])
def test_fold_equates_what_a_reader_sees_as_the_same_word(written: str, folded: str):
    assert fold(written) == folded


def test_aliases_match_whole_words_in_the_title_or_the_text_each_on_its_own():
    matcher = PhraseMatcher(["acme", "atención al cliente"])
    assert matcher.search("ａｃｍｅ rocks") and matcher.search(None, "la ATENCION al cliente")
    assert not matcher.search("acmeland", "macme") and not matcher.search("atención al", "cliente")
    assert not PhraseMatcher([" "]).search("anything")


def test_brand_replies_compare_folded_names_with_spaces_normalised():
    scope = Scope.of([], ["Jurgen Gross", "Acme Soporte"])
    assert scope.is_brand("Jürgen  Groß") and scope.is_brand("ACME SOPORTE")
    assert not scope.is_brand(None) and not scope.is_brand("Acme")
    assert name_key(" Acme\tSoporte ") == "acme soporte"
