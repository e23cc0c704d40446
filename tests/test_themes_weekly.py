"""The weekly summary's "De qué se habla" / "De qué se quejan" lines: three items, themes first, then terms."""

from __future__ import annotations

from datetime import date

from scripts.themes.data import RisingTerm, ThemeWeek, Topics, WeekTopics
from scripts.weekly.topics import complaints, summary_lines, talk

MONDAY = date(2026, 11, 23)


def _term(term: str, count: int, themes: tuple[str, ...] = (), share: float = 0.1) -> RisingTerm:
    return RisingTerm(term=term, count=count, baseline_count=0, share=share, baseline_share=0.0, z=2.0, examples=(),
                      themes=themes)


def _week(**changes) -> WeekTopics:
    values = {
        "week_start": MONDAY, "texts": 40, "neg": 15,
        "themes": (ThemeWeek("Facturación", 12, {"neg": 9, "pos": 3}),
                   ThemeWeek("Cobertura", 20, {"neg": 2, "neu": 18}),
                   ThemeWeek("Portabilidad", 3, {"neg": 3}), ThemeWeek("Tiendas", 0, {})),
        "rising": (_term("cobro duplicado", 6, ("Facturación",)), _term("caida", 5), _term("tienda nueva", 4)),
        "rising_neg": (_term("caida", 4), _term("sin respuesta", 3)),
    }
    values.update(changes)
    return WeekTopics(**values)


def test_talk_is_the_two_biggest_themes_then_the_top_rising_term():
    # 'cobro duplicado' ranks first but is about Facturación, already listed
    assert [(t.kind, t.name, t.count) for t in talk(_week())] == [
        ("theme", "Cobertura", 20), ("theme", "Facturación", 12), ("term", "caida", 5)]


def test_complaints_rank_themes_by_negative_texts_then_negative_terms():
    assert [(t.kind, t.name, t.count) for t in complaints(_week())] == [
        ("theme", "Facturación", 9), ("theme", "Portabilidad", 3), ("term", "caida", 4)]


def test_without_terms_a_third_theme_fills_the_line():
    assert [t.name for t in talk(_week(rising=()))] == ["Cobertura", "Facturación", "Portabilidad"]


def test_a_term_about_any_configured_theme_or_in_too_few_texts_is_left_out():
    terms = (_term("cobertura", 9, ("Cobertura",)), _term("lines worth", 3, share=0.005), _term("caida", 5))
    # 'cobertura' belongs to a theme not listed in the line: still counted there, not as a term
    assert [t.name for t in complaints(_week(rising_neg=terms))] == ["Facturación", "Portabilidad", "caida"]


def test_without_themes_three_terms_fill_the_line():
    week = _week(themes=(), rising=(_term("reembolso", 6), *_week().rising[1:]))
    assert [t.name for t in talk(week)] == ["reembolso", "caida", "tienda nueva"]
    assert [t.name for t in complaints(week)] == ["caida", "sin respuesta"]


def test_lines_in_spanish_and_english():
    lines = summary_lines(Topics(themes=("Facturación",), weeks={MONDAY: _week()}, lang="es"), MONDAY)
    assert lines == [("weekly.talk_line", {"items": "Cobertura (20), Facturación (12) y «caida» (5, en alza)"}),
                     ("weekly.complain_line", {"items": "Facturación (9), Portabilidad (3) y «caida» (4, en alza)"})]
    english = summary_lines(Topics(themes=("Facturación",), weeks={MONDAY: _week()}, lang="en"), MONDAY)
    assert english[0][1]["items"] == "Cobertura (20), Facturación (12), and “caida” (5, rising)"


def test_a_week_not_computed_or_empty_has_no_lines():
    assert summary_lines(None, MONDAY) == []
    assert summary_lines(Topics(themes=(), weeks={}), MONDAY) == []
    assert summary_lines(Topics(themes=(), weeks={MONDAY: _week(texts=0)}), MONDAY) == []


def test_a_week_with_texts_but_nothing_to_say_says_so():
    quiet = _week(themes=(), rising=(), rising_neg=())
    assert summary_lines(Topics(themes=(), weeks={MONDAY: quiet}, lang="es"), MONDAY)[1] == (
        "weekly.complain_line", {"items": "nada destacable"})
