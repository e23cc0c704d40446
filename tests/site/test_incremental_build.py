"""The incremental build renders only changed pages, and the site it publishes is the one a clean build makes."""

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


def assert_same_site(incremental: Path, clean: Path) -> None:
    """Same files, same bytes; the search index may list its entries in another order."""
    got, want = files(incremental), files(clean)
    assert sorted(got) == sorted(want)
    differ = [name for name in want if got[name] != want[name] and not name.startswith("search/")]
    assert differ == []
    assert search_docs(incremental) == search_docs(clean)


def test_a_rebuild_of_unchanged_data_renders_no_page_again(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path, sources=BOTH), tmp_path / "c"
    first = build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    second = build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert first.pages_rendered == first.pages > 10
    assert second.pages == first.pages and second.pages_rendered == 0
    assert_same_site(tmp_path / "two", tmp_path / "one")


def test_after_new_comments_only_changed_pages_are_rendered_and_the_site_equals_a_clean_build(tmp_path: Path) -> None:
    db_path, config, cache = tmp_path / "pulso.duckdb", make_config(tmp_path, sources=BOTH), tmp_path / "c"
    site_fixture(db_path)
    build_site(config, db_path, tmp_path / "before", now=NOW, cache_dir=cache)
    db = MiniDB(db_path)
    db.comment("late", "p0", NOW - timedelta(hours=2), text="Acme, ¿alguien atiende el teléfono?", label="neg",
               score=-0.5, mention=True)
    db.close()
    later = NOW + timedelta(hours=1)
    incremental = build_site(config, db_path, tmp_path / "incremental", now=later, cache_dir=cache)
    clean = build_site(config, db_path, tmp_path / "clean", now=later)
    assert 0 < incremental.pages_rendered < incremental.pages == clean.pages
    assert_same_site(tmp_path / "incremental", tmp_path / "clean")
    page = (tmp_path / "incremental" / "sources" / "blog-a.html").read_text(encoding="utf-8")
    assert "alguien atiende el teléfono" in page


def test_a_source_dropped_from_the_config_leaves_no_page_behind(tmp_path: Path) -> None:
    db, cache = site_fixture(tmp_path / "pulso.duckdb"), tmp_path / "c"
    build_site(make_config(tmp_path, sources=BOTH), db, tmp_path / "before", now=NOW, cache_dir=cache)
    one = make_config(tmp_path, sources=(("blog-a", True),))
    build_site(one, db, tmp_path / "incremental", now=NOW, cache_dir=cache)
    build_site(one, db, tmp_path / "clean", now=NOW)
    assert_same_site(tmp_path / "incremental", tmp_path / "clean")


def test_a_change_of_language_renders_every_page_again(tmp_path: Path) -> None:
    db, cache = site_fixture(tmp_path / "pulso.duckdb"), tmp_path / "c"
    build_site(make_config(tmp_path, sources=BOTH), db, tmp_path / "es", now=NOW, cache_dir=cache)
    english = make_config(tmp_path, sources=BOTH, language="en")
    report = build_site(english, db, tmp_path / "incremental", now=NOW, cache_dir=cache)
    build_site(english, db, tmp_path / "clean", now=NOW)
    assert report.pages_rendered == report.pages
    assert_same_site(tmp_path / "incremental", tmp_path / "clean")


def test_a_damaged_previous_site_in_the_cache_means_a_clean_build(tmp_path: Path) -> None:
    db, config, cache = site_fixture(tmp_path / "pulso.duckdb"), make_config(tmp_path, sources=BOTH), tmp_path / "c"
    build_site(config, db, tmp_path / "one", now=NOW, cache_dir=cache)
    (cache / "site" / "index.html").unlink()
    report = build_site(config, db, tmp_path / "two", now=NOW, cache_dir=cache)
    assert report.pages_rendered == report.pages
    assert_same_site(tmp_path / "two", tmp_path / "one")
