"""The Competencia page, built for real (queries, charts, Jinja, strict MkDocs) from a hand-built database with
hand-worked numbers: share of voice by week, sentiment per brand, and replies on each brand's own blogs; a
competitor's comments never reach the brand's queue. Without competitors the page says how to add them."""

from __future__ import annotations

import re
from html import unescape
from pathlib import Path

import pytest

from collector.config import Config, parse_config
from scripts.build.site import build_site
from tests.browserkit import chromium
from tests.site.dbkit import NOW, MiniDB, hours_ago

SOURCES = [{"name": "blog-a", "url": "https://blog-a.example.com/feed/", "owned": True},
           {"name": "news", "url": "https://news.example.com/feed/"}]
RIVAL_BLOG = {"name": "rival-blog", "url": "https://rival-blog.example.com/feed/", "owner": "Rival"}
RIVAL_TEXT = "Pregunta sin contestar en el blog rival"


def config(tmp_path: Path, *, rivals: bool = True, language: str = "es") -> Config:
    data = {"brand": {"name": "Acme", "aliases": ["acme"], "responders": ["Acme Soporte"], "language": language,
                      "timezone": "Europe/Madrid", "response_sla_hours": 24},
            "sources": SOURCES + ([RIVAL_BLOG] if rivals else [])}
    if rivals:
        data["competitors"] = [{"name": "Rival", "responders": ["Rival Atención"]}, {"name": "Zeta"}]
    return parse_config(data, tmp_path / "monitor.toml")


def database(path: Path) -> Path:
    """Week 48 (NOW is Wednesday 25 Nov): Acme 4 mentions (p1, c1, n1, n3), Rival 1 (n2) -> 80 % / 20 %.
    Week 47: n4 names both, n5 Rival, n6 Acme -> 2 and 2, 50 % each. Period: Acme 6 (3 pos, 1 neg, 2 not
    scored: +50 pp), Rival 3 (1 pos, 2 neg: −33 pp), Zeta 0. The brand's reply c1r names Acme but is its own
    voice: not counted. Replies: Acme answers c1 in 2 h and not c2 (50 %); Rival answers d1 in 6 h and d2 in
    10 h, not d3 (67 %, median 8,0 h, p90 9,6 h)."""
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("news", owned=False).source("rival-blog", owned=False)
    db.con.execute("UPDATE sources SET owner = 'Rival' WHERE source_id = 'rival-blog'")
    texts: dict[str, list[str]] = {}
    db.post("p1", "blog-a", hours_ago(30), label="pos", score=0.6)
    db.comment("c1", "p1", hours_ago(28), label="pos", score=0.5, mention=True)
    db.comment("c1r", "p1", hours_ago(26), author="Acme Soporte", brand=True, parent="c1", mention=True)
    db.comment("c2", "p1", hours_ago(20), text="¿Y lo mío?")
    texts |= {"p1": ["Acme"], "c1": ["Acme"], "c1r": ["Acme"], "c2": []}
    for pid, hours, label, brands in (("n1", 10, "neg", ["Acme"]), ("n2", 6, "neg", ["Rival"]),
                                      ("n3", 5, None, ["Acme"]), ("n4", 120, "pos", ["Acme", "Rival"]),
                                      ("n5", 121, "neg", ["Rival"]), ("n6", 122, None, ["Acme"])):
        db.post(pid, "news", hours_ago(hours), label=label, score={"pos": 0.5, "neg": -0.5}.get(label or ""),
                mention="Acme" in brands)
        texts[pid] = brands
    db.post("r1", "rival-blog", hours_ago(80), mention=False)
    texts["r1"] = []
    for cid, at, reply_after in (("d1", 50, 6), ("d2", 30, 10), ("d3", 26, None)):
        db.comment(cid, "r1", hours_ago(at), source_id="rival-blog", text=RIVAL_TEXT if cid == "d3" else "¿Hola?")
        texts[cid] = []
        if reply_after is not None:
            db.comment(f"{cid}r", "r1", hours_ago(at - reply_after), source_id="rival-blog", author="Rival Atención",
                       brand=True, parent=cid)
            texts[f"{cid}r"] = []
    for item, brands in texts.items():
        table, key = ("posts", "post_id") if item[0] in "pnr" and item[1:].isdigit() else ("comments", "comment_id")
        db.con.execute(f"UPDATE {table} SET brands = ? WHERE {key} = ?", [brands, item])
    return db.close()


def rows(page: str, heading: str) -> list[list[str]]:
    """The cells of the first table after `heading`, as text."""
    section = re.split(rf"<h2[^>]*>\s*{re.escape(heading)}", page, maxsplit=1)[1]
    table = section.split("<table", 1)[1].split("</table>", 1)[0]
    return [[unescape(re.sub(r"<[^>]+>", "", cell)).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", tr, re.S)]
            for tr in re.findall(r"<tr[^>]*>(.*?)</tr>", table, re.S) if "<td" in tr]


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("competitors-site")
    out = tmp / "site"
    build_site(config(tmp), database(tmp / "pulso.duckdb"), out, now=NOW)
    return out


def test_the_competitors_page_shows_share_of_voice_sentiment_and_replies_per_brand(site: Path):
    out = site
    page = (out / "competitors.html").read_text(encoding="utf-8")
    assert rows(page, "Cuota de voz por semana") == [
        ["Acme", "6", "67 %", "50 % (2)", "80 % (4)"],
        ["Rival", "3", "33 %", "50 % (2)", "20 % (1)"],
        ["Zeta", "0", "0 %", "0 % (0)", "0 % (0)"]]
    assert "semana 48 (2026) (en curso)" in page
    assert rows(page, "Sentimiento por marca") == [
        ["Acme", "6", "4", "75 %", "25 %", "+50 pp"],
        ["Rival", "3", "3", "33 %", "67 %", "−33 pp"],
        ["Zeta", "0", "0", "–", "–", "–"]]
    assert rows(page, "Respuestas en sus propios blogs") == [
        ["Acme", "1", "2", "1", "50 %", "50 %", "2,0 h", "2,0 h"],
        ["Rival", "1", "3", "2", "67 %", "67 %", "8,0 h", "9,6 h"]]
    assert (out / "charts" / "competitors-voice.svg").is_file() and (out / "charts" / "competitors-net.svg").is_file()
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', page)
    assert nav.index("Competencia") == nav.index("Sentimiento") + 2        # after Sentimiento and Temas
    queue = (out / "responses.html").read_text(encoding="utf-8")
    assert "¿Y lo mío?" in queue and RIVAL_TEXT not in queue               # the rival's comment waits for the rival


def test_without_competitors_the_page_says_how_to_add_them(tmp_path: Path):
    out = tmp_path / "site"
    build_site(config(tmp_path, rivals=False, language="en"), database(tmp_path / "pulso.duckdb"), out, now=NOW)
    page = (out / "competitors.html").read_text(encoding="utf-8")
    text = unescape(re.sub(r"<[^>]+>", "", page))
    assert "No competitors are configured" in text and "[[competitors]]" in text and 'owner = "Rival"' in text
    assert "Share of voice by week" not in text
    nav = re.findall(r'class="md-nav__link[^"]*"[^>]*>\s*(?:<span[^>]*>)?\s*([^<]+?)\s*<', page)
    assert nav.index("Competitors") == nav.index("Sentiment") + 2


def test_the_page_fits_a_phone_and_runs_no_script_error_from_file(site: Path):
    with chromium() as browser:
        context = browser.new_context(viewport={"width": 390, "height": 844})
        page = context.new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
        page.goto((site / "competitors.html").as_uri(), wait_until="load")
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert page.locator("figure.pulso-chart img").count() == 2
        context.close()
    assert errors == []
