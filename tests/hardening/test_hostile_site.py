"""A hostile feed, end to end: served on 127.0.0.1, collected into DuckDB, built into the real site,
opened in chromium. Nothing it carries runs, and no e-mail, IP, tracking parameter or hidden author
reaches any published file; its 20,000-character title is cut on pages and whole in the database."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from collector.config import load_config
from scripts.build.site import build_site
from tests.conftest import collect_once, query, write_config
from tests.feedserver import FeedServer
from tests.hardening.hostile import LONG_TITLE, RLO, serve_hostile

SECRETS = ("ana.secreta@example.com", "soporte@acme.example", "eve@mail.example", "192.168.10.24", "10.0.0.7",
           "utm_", "fbclid", "gclid", "José Pérez", RLO)


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Path, Path]]:
    tmp = tmp_path_factory.mktemp("hostile-site")
    server = FeedServer()
    try:
        url = serve_hostile(server)
        cfg = write_config(tmp / "monitor.toml", f'[[sources]]\nname = "hostil"\nurl = "{url}"\nowned = true\n\n'
                                                 '[privacy]\nhide_authors = ["jose perez"]\n')
        db = tmp / "pulso.duckdb"
        assert not collect_once(cfg, db)[0].failed
        site = tmp / "site"
        build_site(load_config(cfg), db, site)
        yield site, db
    finally:
        server.close()


def published_files(site: Path) -> dict[str, str]:
    return {str(p.relative_to(site)): p.read_text(encoding="utf-8", errors="replace")
            for p in site.rglob("*") if p.is_file() and p.suffix in (".html", ".json", ".csv", ".xml", ".md", ".txt")
            and "assets" not in p.parts}


def test_no_private_data_in_any_published_file(hostile_site):
    site, db = hostile_site
    files = published_files(site)
    assert any("Acme no responde" in text for text in files.values())      # the comment is published...
    for name, text in files.items():
        for secret in SECRETS:
            assert secret not in text, (name, secret)
    # ...and the database keeps the full text (the contract stores; the site publishes less)
    assert query(db, "SELECT count(*) FROM comments WHERE text LIKE '%10.0.0.7%'")[0][0] == 1
    assert query(db, "SELECT count(*) FROM comments WHERE author = 'José Pérez'")[0][0] == 1


def test_long_title_is_cut_on_pages_and_whole_in_the_database(hostile_site):
    site, db = hostile_site
    assert query(db, "SELECT max(length(title)) FROM posts")[0][0] == len(LONG_TITLE)
    pages = published_files(site)
    assert not any("muy " * 100 in text for name, text in pages.items() if name.endswith(".html"))
    assert any("Acme muy muy" in text and "…" in text for text in pages.values())


def test_feed_markup_is_never_live_markup(hostile_site):
    site, _ = hostile_site
    for name, text in published_files(site).items():
        if not name.endswith(".html"):
            continue
        assert not re.search(r"<script>window\.__xss", text), name
        assert not re.search(r"<(?:img|svg|iframe|b)\b[^>]*\bon\w+\s*=", text, re.I), name
        assert 'href="javascript:' not in text.lower() and 'href="data:' not in text.lower(), name


@pytest.mark.browser
def test_nothing_from_the_feed_runs_in_a_browser(hostile_site):
    from tests import browserkit
    from tests.site.test_browser import Visit, _serve

    site, _ = hostile_site
    server, base = _serve(site)
    try:
        with browserkit.chromium() as browser:
            visit = Visit(browser)
            pages = sorted(str(p.relative_to(site)) for p in site.rglob("*.html") if "assets" not in p.parts)
            for path in pages:
                visit.open(base + path)
                for cell in visit.page.locator("td, a, li").all()[:60]:
                    cell.dispatch_event("mouseover")      # what an onmouseover in feed text would wait for
                assert visit.page.evaluate("window.__xss") is None, path
            assert visit.offsite == [], visit.offsite
            visit.close()
    finally:
        server.shutdown()
        server.server_close()
