"""The demo's monitor.toml carries 4–6 [[themes]] that fit what its commenters write."""

from __future__ import annotations

import random
import tomllib
from pathlib import Path

from collector import parse_config
from pulso.demo import text as txt
from pulso.demo.generate import config_toml
from scripts.themes import ThemeMatcher


def _themes(tmp_path: Path):
    data = tomllib.loads(config_toml([], "http://127.0.0.1:8000/"))
    data["sources"] = [{"name": "blog", "url": "http://127.0.0.1:8000/feed/"}]
    return parse_config(data, tmp_path / "monitor.toml").themes


def test_demo_config_has_four_to_six_themes_in_the_site_language(tmp_path: Path):
    themes = _themes(tmp_path)
    assert 4 <= len(themes) <= 6
    assert "Facturación" in [t.name for t in themes]


def test_every_demo_theme_is_found_in_demo_comments_and_most_complaints_have_one(tmp_path: Path):
    matcher = ThemeMatcher(_themes(tmp_path))
    rng = random.Random(7)
    complaints = [txt.comment("complaint", lang, rng) for lang in ("es", "en") for _ in range(300)]
    others = [txt.comment(intent, lang, rng) for intent in ("question", "praise", "neutral", "peer")
              for lang in ("es", "en") for _ in range(100)]
    found = [matcher.of(text) for text in complaints + others]
    assert set().union(*found) == set(range(len(matcher)))          # no theme that never fires
    with_theme = sum(bool(hits) for hits in found[:len(complaints)])
    assert with_theme / len(complaints) >= 0.6
