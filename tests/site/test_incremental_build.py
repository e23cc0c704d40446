"""A build that starts from the build cache publishes, file by file, the site a clean build makes; MkDocs renders
every page every time (no dirty build, no copy of the previous site, nothing set inside the theme's plugins)."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path

from scripts.build.site import build_site
from tests.site.dbkit import NOW, MiniDB, make_config, site_fixture

BOTH = (("blog-a", True), ("noticias-b", False))


def files(site: Path) -> dict[str, bytes]:
    return {path.relative_to(site).as_posix(): path.read_bytes() for path in sorted(site.rglob("*"))
            if path.is_file()}


def search_docs(site: Path) -> list[str]:
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    return sorted(json.dumps(doc, sort_keys=True, ensure_ascii=False) for doc in index["docs"])


def assert_same_site(cached: Path, clean: Path) -> None:
    """Same files, same bytes; the search index may list its entries in another order."""
    got, want = files(cached), files(clean)
    assert sorted(got) == sorted(want)
    differ = [name for name in want if got[name] != want[name] and not name.startswith("search/")]
    assert differ == []
    assert search_docs(cached) == search_docs(clean)


def test_a_rebuild_of_unchanged_data_publishes_the_same_site(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path, sources=BOTH), tmp_path / "c"
    first = build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    second = build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert second.pages == first.pages > 10
    assert second.charts_cached == second.charts
    assert_same_site(tmp_path / "two", tmp_path / "one")


def test_after_new_comments_a_build_from_the_cache_equals_a_clean_build(tmp_path: Path) -> None:
    db_path, config, cache = tmp_path / "pulso.duckdb", make_config(tmp_path, sources=BOTH), tmp_path / "c"
    site_fixture(db_path)
    build_site(config, db_path, tmp_path / "before", now=NOW, cache_dir=cache)
    db = MiniDB(db_path)
    db.comment("late", "p0", NOW - timedelta(hours=2), text="Acme, ¿alguien atiende el teléfono?", label="neg",
               score=-0.5, mention=True)
    db.close()
    later = NOW + timedelta(hours=1)
    cached = build_site(config, db_path, tmp_path / "cached", now=later, cache_dir=cache)
    clean = build_site(config, db_path, tmp_path / "clean", now=later)
    assert 0 < cached.charts_cached < cached.charts == clean.charts and cached.pages == clean.pages
    assert_same_site(tmp_path / "cached", tmp_path / "clean")
    page = (tmp_path / "cached" / "sources" / "blog-a.html").read_text(encoding="utf-8")
    assert "alguien atiende el teléfono" in page
    assert any("alguien atiende el teléfono" in doc for doc in search_docs(tmp_path / "cached"))


def test_a_source_dropped_from_the_config_gives_the_clean_build_of_the_new_config(tmp_path: Path) -> None:
    db, cache = site_fixture(tmp_path / "pulso.duckdb"), tmp_path / "c"
    build_site(make_config(tmp_path, sources=BOTH), db, tmp_path / "before", now=NOW, cache_dir=cache)
    one = make_config(tmp_path, sources=(("blog-a", True),))
    build_site(one, db, tmp_path / "cached", now=NOW, cache_dir=cache)
    build_site(one, db, tmp_path / "clean", now=NOW)
    assert_same_site(tmp_path / "cached", tmp_path / "clean")


def test_a_change_of_language_gives_the_clean_build_in_that_language(tmp_path: Path) -> None:
    db, cache = site_fixture(tmp_path / "pulso.duckdb"), tmp_path / "c"
    build_site(make_config(tmp_path, sources=BOTH), db, tmp_path / "es", now=NOW, cache_dir=cache)
    english = make_config(tmp_path, sources=BOTH, language="en")
    build_site(english, db, tmp_path / "cached", now=NOW, cache_dir=cache)
    build_site(english, db, tmp_path / "clean", now=NOW)
    assert_same_site(tmp_path / "cached", tmp_path / "clean")
    assert '<html lang="en"' in (tmp_path / "cached" / "index.html").read_text(encoding="utf-8")


def test_the_build_cache_keeps_charts_and_templates_but_no_copy_of_the_docs_or_the_site(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path, sources=BOTH), tmp_path / "c"
    build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert {path.name for path in cache.iterdir()} == {"charts", "vega", "jinja", "jinja-theme"}
    assert not list(cache.rglob("*.html")) and not list(cache.rglob("*.md"))
