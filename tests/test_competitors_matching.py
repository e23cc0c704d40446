"""One matcher for every brand: a text's `brands` lists the brand and the competitors it names, in config
order, with the same fold and whole-word rule as the brand's mentions; a competitor's own blog answers with
that competitor's responders."""

from __future__ import annotations

from pathlib import Path

from collector.config import parse_config
from collector.matching import Scope


def scope() -> Scope:
    return Scope.of(["acme", "atención acme"], ["Acme Soporte"], name="Acme",
                    competitors=[("Rival", ["rival", "rival telecom"], ["Rival Atención"]),
                                 ("Zeta", ["zeta"], ["Zeta Team"])])


def test_brands_are_listed_brand_first_then_in_config_order_whatever_the_text_order():
    assert scope().brands_in("Zeta y RIVAL contra Acme") == ("Acme", "Rival", "Zeta")
    assert scope().brands_in("solo hablo de zeta") == ("Zeta",)
    assert scope().brands_in("nada que ver", None) == ()


def test_brand_names_match_like_the_brands_mentions_accents_case_and_whole_words():
    assert scope().brands_in("ＲＩＶＡＬ me cobró") == ("Rival",)         # fullwidth letters fold
    assert scope().brands_in("Atención ACME") == ("Acme",)
    assert scope().brands_in("rivales y zetas") == ()                      # whole words only
    assert scope().brands_in("un título con zeta", "y un texto con acme") == ("Acme", "Zeta")


def test_the_title_and_the_text_never_join_into_one_phrase():
    assert scope().brands_in("hablamos de rival", "telecom") == ("Rival",)
    assert Scope.of(["x"], [], name="A", competitors=[("B", ["rival telecom"], [])]).brands_in(
        "rival", "telecom") == ()


def test_is_mention_stays_the_brands_own_aliases():
    assert scope().is_mention("rival telecom") is False
    assert scope().is_mention("gracias, acme") is True


def test_on_a_competitors_own_blog_its_responders_are_the_brand_replies():
    rival_blog = scope().for_owner("rival")                             # names compare like the config's
    assert rival_blog.is_brand("RIVAL ATENCIÓN") and not rival_blog.is_brand("Acme Soporte")
    assert scope().for_owner(None).is_brand("Acme Soporte")
    assert rival_blog.brands_in("acme") == ("Acme",)                   # mentions do not depend on the blog
    assert not scope().for_owner("Gone").is_brand("Rival Atención")    # an owner the config dropped


def test_scope_of_config_reads_the_brand_and_its_competitors(tmp_path: Path):
    config = parse_config({"brand": {"name": "Acme"},
                           "competitors": [{"name": "Rival", "responders": ["Rival Atención"]}],
                           "sources": [{"name": "r", "url": "https://r.example.com/feed/", "owner": "Rival"}]},
                          tmp_path / "monitor.toml")
    compiled = Scope.of_config(config)
    assert compiled.brands_in("Acme o Rival") == ("Acme", "Rival")     # aliases default to the names
    assert compiled.for_owner(config.sources[0].owner).is_brand("Rival Atención")


def test_flags_at_collect_equal_the_separate_rules_the_refresh_calls():
    overlapping = Scope.of(["rival"], [], name="Acme", competitors=[("Tel", ["rival telecom", "tel"], [])])
    for texts in (("rival telecomunicaciones",), ("la rival telecom",), ("Tel.",), ("nada",), (None, "RIVAL")):
        assert overlapping.flags(*texts) == (overlapping.is_mention(*texts), overlapping.brands_in(*texts))
    assert overlapping.flags("rival telecomunicaciones") == (True, ("Acme",))   # the longer alias does not hide it
    assert overlapping.flags("la rival telecom") == (True, ("Acme", "Tel"))
