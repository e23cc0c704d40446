"""The build cache: unchanged charts come back from it byte for byte, changed ones are redrawn, bad entries
are never trusted, and `pulso build --no-cache` leaves it alone."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path

import pandas as pd
from click.testing import CliRunner

from pulso.cli import cli
from scripts import charts
from scripts.build.cache import FOLDER_NAME, BuildCache
from scripts.build.site import build_site
from tests.site.dbkit import NOW, MiniDB, make_config, site_fixture


def svgs(site: Path) -> dict[str, bytes]:
    return {path.name: path.read_bytes() for path in sorted((site / "charts").glob("*.svg"))}


def entries(cache: Path) -> set[str]:
    return {path.name for path in (cache / "charts").iterdir()}


def test_second_build_of_unchanged_data_draws_nothing_and_publishes_the_same_charts(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path), tmp_path / "cache"
    first = build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    charts_one = svgs(tmp_path / "one")
    second = build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert first.charts_cached == 0
    assert second.charts == first.charts == len(charts_one) > 10
    assert second.charts_cached == second.charts
    assert svgs(tmp_path / "two") == charts_one
    assert (tmp_path / "two" / "assets" / "vendor" / "vega-bundle.js").read_bytes() == (
        tmp_path / "one" / "assets" / "vendor" / "vega-bundle.js").read_bytes()
    assert len(entries(cache)) == 2 * first.charts          # an SVG and its spec per chart


def test_a_chart_whose_data_changed_is_redrawn_and_the_old_entry_pruned(tmp_path: Path) -> None:
    db_path, config, cache = tmp_path / "pulso.duckdb", make_config(tmp_path), tmp_path / "cache"
    site_fixture(db_path)
    first = build_site(config, db_path, tmp_path / "one", now=NOW, cache_dir=cache)
    before = entries(cache)
    db = MiniDB(db_path)            # a new post mentioning the brand changes the mentions charts
    db.post("late", "blog-a", NOW - timedelta(hours=1), title="Atención al cliente, otra vez")
    db.close()
    second = build_site(config, db_path, tmp_path / "two", now=NOW, cache_dir=cache)
    assert 0 < second.charts_cached < second.charts == first.charts
    changed = {name for name, svg in svgs(tmp_path / "two").items() if svgs(tmp_path / "one")[name] != svg}
    assert "mentions-week.svg" in changed
    assert len(entries(cache)) == 2 * second.charts      # entries of the replaced charts are gone
    assert len(before - entries(cache)) == 2 * (second.charts - second.charts_cached)


def test_a_corrupt_or_truncated_cache_entry_is_redrawn_not_published(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path), tmp_path / "cache"
    first = build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    for path in (cache / "charts").iterdir():
        path.write_text("{trunc" if path.suffix == ".json" else "", encoding="utf-8")
    second = build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert second.charts_cached == 0
    assert svgs(tmp_path / "two") == svgs(tmp_path / "one")
    assert all(svg.lstrip().startswith(b"<svg") for svg in svgs(tmp_path / "two").values())
    assert first.charts == second.charts


def test_the_key_follows_the_values_and_ignores_the_row_index() -> None:
    cache = BuildCache(None, "es")
    frame = pd.DataFrame({"week_start": pd.to_datetime(["2026-01-05", "2026-01-12"]), "week_label": ["a", "b"],
                          "mentions": [3, 4]})
    args = {"df": frame, "value": "mentions", "title": "t", "x_title": "x", "y_title": "y"}
    same = {**args, "df": frame.set_axis([10, 11])}
    other_value = {**args, "df": frame.assign(mentions=[3, 5])}
    other_title = {**args, "title": "T"}
    key = cache.key(charts.weekly_line, args)
    assert key == cache.key(charts.weekly_line, same)
    assert key not in {cache.key(charts.weekly_line, other_value), cache.key(charts.weekly_line, other_title),
                       cache.key(charts.bars, args), BuildCache(None, "en").key(charts.weekly_line, args)}


def test_pulso_build_keeps_its_cache_beside_the_database_unless_told_not_to(tmp_path: Path) -> None:
    db = site_fixture(tmp_path / "data" / "pulso.duckdb")
    config = tmp_path / "monitor.toml"
    config.write_text('[brand]\nname = "Acme"\naliases = ["acme"]\nresponders = ["Acme Soporte"]\n\n'
                      '[[sources]]\nname = "blog-a"\nurl = "https://blog-a.example.com/feed/"\n', encoding="utf-8")
    runner = CliRunner()
    args = ["build", "--config", str(config), "--db", str(db), "--out", str(tmp_path / "site")]
    plain = runner.invoke(cli, [*args, "--no-cache"])
    assert plain.exit_code == 0, plain.output
    assert not (tmp_path / "data" / FOLDER_NAME).exists()
    first = runner.invoke(cli, args)
    second = runner.invoke(cli, args)
    assert first.exit_code == second.exit_code == 0, first.output + second.output
    assert (tmp_path / "data" / FOLDER_NAME / "charts").is_dir()
    assert "from the cache" not in first.output and "unchanged, from the cache" in second.output


def test_a_cache_written_by_other_chart_code_misses(tmp_path, monkeypatch):
    """Same chart name and data, different drawing code (an upgrade): the old SVG must not be served."""
    from scripts import charts
    from scripts.build import cache as cache_module

    args = {"df": [1, 2, 3], "title": "t"}
    before = cache_module.BuildCache(tmp_path, "es").key(charts.weekly_trend, args)
    monkeypatch.setattr(cache_module, "_code_digest", lambda: "other-code")
    after = cache_module.BuildCache(tmp_path, "es").key(charts.weekly_trend, args)
    assert before and after and before != after
