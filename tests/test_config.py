"""Config mistakes are reported with the file, the key and the fix; nothing is fetched (exit 2)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from collector.config import ConfigError, load_config
from tests.conftest import write_config

GOOD_SOURCE = '[[sources]]\nname = "a"\nurl = "http://127.0.0.1:9/feed"\n'


def problems(tmp_path: Path, text: str) -> list[str]:
    path = tmp_path / "monitor.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as info:
        load_config(path)
    assert str(path) in str(info.value)
    return info.value.problems


def test_valid_config_loads_into_one_typed_object(tmp_path: Path):
    config = load_config(write_config(tmp_path / "m.toml", GOOD_SOURCE + 'follow_hosts = ["Feeds.Example.com"]\n'))
    assert config.brand.name == "Acme" and config.brand.response_sla_hours == 24.0
    assert config.sources[0].follow_hosts == ("feeds.example.com",)
    assert config.sources[0].comments is True and config.sources[0].owned is False


def test_missing_brand_name_names_the_key(tmp_path: Path):
    assert any(p.startswith("brand.name: missing") for p in problems(tmp_path, "[brand]\n" + GOOD_SOURCE))


def test_wrong_type_is_reported_with_the_value(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\nresponse_sla_hours = "24"\n' + GOOD_SOURCE)
    assert found == ["brand.response_sla_hours: expected a number, got '24'"]


def test_duplicate_source_names_are_refused(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\n' + GOOD_SOURCE + GOOD_SOURCE)
    assert any("duplicate source name 'a'" in p for p in found)


def test_bad_timezone_suggests_an_iana_name(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\ntimezone = "Madrid"\n' + GOOD_SOURCE)
    assert any("brand.timezone" in p and "Europe/Madrid" in p for p in found)


def test_unknown_key_lists_the_known_ones(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\n' + GOOD_SOURCE + "owend = true\n")
    assert any(p.startswith("sources[1] (a).owend: unknown key") and "owned" in p for p in found)


def test_non_http_source_url_is_refused(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\n[[sources]]\nname = "a"\nurl = "ftp://x/feed"\n')
    assert any("must be an http(s) URL or a local file path" in p for p in found)


def test_all_problems_are_reported_at_once(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nlanguage = "fr"\n[[sources]]\nurl = 3\n')
    assert len(found) >= 4


def test_invalid_toml_says_where(tmp_path: Path):
    found = problems(tmp_path, "[brand\nname = 1")
    assert found[0].startswith("not valid TOML")


def test_cli_exits_2_on_a_bad_config_and_fetches_nothing(tmp_path: Path):
    path = tmp_path / "monitor.toml"
    path.write_text('[brand]\nname = "A"\ntimezone = "Nowhere/Land"\n' + GOOD_SOURCE, encoding="utf-8")
    db = tmp_path / "p.duckdb"
    run = subprocess.run([sys.executable, "-m", "pulso.cli", "collect", "--config", str(path), "--db", str(db)],
                         capture_output=True, text=True, timeout=60)
    assert run.returncode == 2
    assert str(path) in run.stderr and "brand.timezone" in run.stderr
    assert not db.exists()


def test_source_kind_and_platform_must_be_known_values(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\n' + GOOD_SOURCE + 'kind = "news"\nplatform = "ghost"\n')
    assert "sources[1] (a).kind: 'news' is not one of 'blog', 'search'" in found
    assert "sources[1] (a).platform: 'ghost' is not one of 'wordpress', 'blogger', 'feed'" in found


def test_follow_articles_needs_a_search_source(tmp_path: Path):
    found = problems(tmp_path, '[brand]\nname = "A"\n' + GOOD_SOURCE + "follow_articles = true\n")
    assert found == ['sources[1] (a).follow_articles: only search sources open articles; set kind = "search" '
                     "or remove follow_articles"]


def test_collect_settings_have_safe_defaults_and_are_checked(tmp_path: Path):
    (tmp_path / "m.toml").write_text('[brand]\nname = "A"\n' + GOOD_SOURCE, encoding="utf-8")
    config = load_config(tmp_path / "m.toml")
    assert config.collect.allow_private is False and config.collect.backfill_days == 180
    assert config.collect.blogger_feed_host == "www.blogger.com"
    found = problems(tmp_path, '[brand]\nname = "A"\n[collect]\nbackfill_days = -1\nallow_private = "yes"\n'
                     + GOOD_SOURCE)
    assert "collect.backfill_days: must be 0 or more" in found
    assert "collect.allow_private: expected true or false, got 'yes'" in found
