"""Competitors, themes, alerts and the site's address in monitor.toml: each mistake names its key and fix."""

from __future__ import annotations

from pathlib import Path

from collector.config import load_config
from tests.test_config import problems

BRAND = '[brand]\nname = "Acme"\n'
SOURCE = '[[sources]]\nname = "a"\nurl = "http://127.0.0.1:9/feed"\n'
RIVAL = '[[competitors]]\nname = "Rival"\nresponders = ["Rival Atención"]\n'


def _load(tmp_path: Path, text: str):
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    return load_config(path)


def test_competitor_without_aliases_is_matched_by_its_name(tmp_path: Path):
    config = _load(tmp_path, BRAND + RIVAL + SOURCE + 'owner = "Rival"\n')
    assert config.competitors[0].aliases == ("Rival",)
    assert config.brand_names == ("Acme", "Rival")
    assert config.sources[0].owner == "Rival"


def test_source_owner_must_name_a_competitor(tmp_path: Path):
    found = problems(tmp_path, BRAND + RIVAL + SOURCE + 'owner = "Rivall"\n')
    assert len(found) == 1 and "owner: 'Rivall' is not a [[competitors]] name (known: 'Rival')" in found[0]


def test_owned_source_cannot_also_belong_to_a_competitor(tmp_path: Path):
    found = problems(tmp_path, BRAND + RIVAL + SOURCE + 'owner = "Rival"\nowned = true\n')
    assert any("contradict" in p for p in found)


def test_competitor_named_like_the_brand_or_twice_is_refused(tmp_path: Path):
    found = problems(tmp_path, BRAND + '[[competitors]]\nname = "ACME"\n' + RIVAL + RIVAL + SOURCE)
    assert any("is the brand itself" in p for p in found)
    assert any("used twice" in p for p in found)


def test_theme_needs_words(tmp_path: Path):
    found = problems(tmp_path, BRAND + SOURCE + '[[themes]]\nname = "Facturación"\nwords = []\n')
    assert found and found[0].startswith("themes[1] (Facturación).words: empty")
    theme = '[[themes]]\nname = "Facturación"\nwords = ["factura", "me han cobrado"]\n'
    config = _load(tmp_path, BRAND + SOURCE + theme)
    assert config.themes[0].words == ("factura", "me han cobrado")


def test_alert_settings_are_checked(tmp_path: Path):
    bad = '[alerts]\nsensitivity = "max"\nwebhook_format = "irc"\nmin_count = 0\n'
    found = problems(tmp_path, BRAND + SOURCE + bad)
    assert any(p.startswith("alerts.sensitivity: 'max' is not one of 'low', 'normal', 'high'") for p in found)
    assert any(p.startswith("alerts.webhook_format: 'irc'") for p in found)
    assert any(p.startswith("alerts.min_count: must be 1 or more") for p in found)
    assert _load(tmp_path, BRAND + SOURCE).alerts.sensitivity == "normal"


def test_site_url_must_be_http(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "Acme"\nsite_url = "ftp://x"\n' + SOURCE)
    assert found == ["brand.site_url: 'ftp://x' must be an http(s) URL"]
