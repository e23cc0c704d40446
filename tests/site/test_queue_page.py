"""The Respuestas queue: open needs-reply items only, overdue first, triage decisions that move items, and a
phone screen with nothing wider than it (Debian chromium via Playwright, the page opened from file://)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests import browserkit

from scripts.build.site import build_site
from tests.site.dbkit import NOW, MiniDB, hours_ago, make_config

SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts"
ITEM = re.compile(r'<li class="pulso-q[^"]*"[^>]* data-source="[^"]*" data-intent="([^"]*)"[^>]*data-owner="([^"]*)"'
                  r'[^>]*data-status="([^"]*)">.*?<div class="pulso-q__text">(.*?)<', re.S)


def queue_db(path: Path) -> Path:
    """One owned blog, one third-party mention; intents set as the classifier would have."""
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("noticias-b", owned=False)
    db.post("p1", "blog-a", hours_ago(24 * 60), title="Tarifas nuevas")
    db.post("n1", "noticias-b", hours_ago(24 * 5), title="Acme sube precios", mention=True)
    rows = [  # id, post, hours ago, intent, text
        ("q-fresh", "p1", 2, "question", "¿Cuándo llega la factura nueva?"),
        ("q-late", "p1", 30, "complaint", "Sigo sin línea desde el lunes"),
        ("q-later", "p1", 80, "request", "Llamadme, por favor, quiero darme de baja"),
        ("thanks", "p1", 20, "thanks", "Recibido, me han devuelto el importe. Gracias por la atención."),
        ("tip", "p1", 10, "peer_answer", "Pon una reclamación por escrito, es la única forma"),
        ("old", "p1", 24 * 50, "complaint", "Esto no funciona desde hace meses"),
        ("phone", "p1", 40, "complaint", "No me devuelven el dinero"),
        ("skip", "n1", 50, "question", "¿Alguien sabe si es verdad?"),
        ("mine", "n1", 5, "question", "¿Y los clientes antiguos también?"),
    ]
    for cid, post, age, _, text in rows:
        db.comment(cid, post, hours_ago(age), source_id="blog-a" if post == "p1" else "noticias-b", text=text,
                   label="neg" if "no" in text.lower() else "neu", score=0.0)
    for cid, _, _, intent, _ in rows:
        db.con.execute("UPDATE comments SET intent = ? WHERE comment_id = ?", [intent, cid])
    db.fetch("blog-a", "https://blog-a.example.com/feed/", hours_ago(1))
    return db.close()


TRIAGE = (
    "item,status,owner,note,who,when\n"
    "https://blog-a.example.com/p#phone,handled,,llamada el martes,ana,2026-11-24T10:00:00+01:00\n"
    "https://noticias-b.example.com/p#skip,no_reply,,retórica,ana,2026-11-24T11:00:00+01:00\n"
    "https://noticias-b.example.com/p#mine,assigned,Luis,,ana,2026-11-24T12:00:00+01:00\n"
)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    tmp = tmp_path_factory.mktemp("queue")
    db = queue_db(tmp / "pulso.duckdb")
    config = make_config(tmp, sources=(("blog-a", True), ("noticias-b", False)))
    config.triage_path.parent.mkdir(parents=True, exist_ok=True)
    config.triage_path.write_text(TRIAGE, encoding="utf-8")
    build_site(config, db, tmp / "site", now=NOW)
    return tmp / "site"


def _section(html: str, list_id: str) -> list[tuple[str, str, str, str]]:
    start = html.index(f'id="{list_id}"')
    return ITEM.findall(html[start:html.index("</ol>", start)])


def test_the_queue_holds_only_open_needs_reply_items_overdue_first(site: Path) -> None:
    html = (site / "responses.html").read_text(encoding="utf-8")
    items = _section(html, "pulso-queue")
    texts = [t for *_, t in items]
    # overdue (past 24 h) first, the most recently overdue first (a reply can still help), then the ones not
    # yet due, soonest due first; no thanks, no peer tip, no backlog
    assert texts == ["Sigo sin línea desde el lunes", "Llamadme, por favor, quiero darme de baja",
                     "¿Y los clientes antiguos también?", "¿Cuándo llega la factura nueva?"]
    assert all(intent in ("question", "complaint", "request") for intent, *_ in items)
    assert "Gracias por la atención" not in html.split('id="pulso-decided"')[0]


def test_triage_moves_handled_and_no_reply_out_and_shows_the_owner(site: Path) -> None:
    html = (site / "responses.html").read_text(encoding="utf-8")
    open_items = {t: (owner, status) for _, owner, status, t in _section(html, "pulso-queue")}
    assert open_items["¿Y los clientes antiguos también?"] == ("Luis", "assigned")
    assert "Responsable: Luis" in html
    decided = {t: status for _, _, status, t in _section(html, "pulso-decided")}
    assert decided == {"No me devuelven el dinero": "handled", "¿Alguien sabe si es verdad?": "no_reply"}


def test_items_older_than_the_horizon_are_the_collapsed_backlog(site: Path) -> None:
    html = (site / "responses.html").read_text(encoding="utf-8")
    assert "Atrasados: 1 comentarios abiertos de hace más de 30 días" in html
    backlog = html[html.index('class="pulso-backlog"'):]
    assert "Esto no funciona desde hace meses" in backlog.split("</details>")[0]
    csv = (site / "responses" / "open-queue.csv").read_text(encoding="utf-8-sig")
    assert "Esto no funciona" in csv and "Gracias por la atención" not in csv


@pytest.mark.browser
@pytest.mark.parametrize("width,height", [(1366, 768), (390, 844)])
def test_first_screen_is_open_items_overdue_first_and_nothing_is_off_screen(site: Path, width: int,
                                                                              height: int) -> None:
    with browserkit.chromium() as browser:
        page = browser.new_context(viewport={"width": width, "height": height}).new_page()
        errors: list[str] = []
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto((site / "responses.html").as_uri())
        seen = page.evaluate("""() => [...document.querySelectorAll('li.pulso-q')]
            .filter(li => { const r = li.getBoundingClientRect();
                             return r.top < innerHeight && r.bottom > 0 && r.height > 0; })
            .map(li => [li.closest('ol').id, li.dataset.status, li.dataset.intent,
                        li.classList.contains('pulso-q--overdue')])""")
        # nothing wider than the screen, except inside a box that scrolls by itself (the wide tables below)
        wide = page.evaluate("""() => {
            const scrolls = e => { for (let a = e.parentElement; a; a = a.parentElement) {
                if (['auto', 'scroll'].includes(getComputedStyle(a).overflowX)) return true; } return false; };
            return [...document.querySelectorAll('body *')]
                .filter(e => e.getBoundingClientRect().width > document.documentElement.clientWidth + 1
                             && !scrolls(e))
                .map(e => e.tagName + '.' + e.className); }""")
        page_wide = page.evaluate("() => document.documentElement.scrollWidth"
                                  " - document.documentElement.clientWidth")
        SHOTS.mkdir(exist_ok=True)
        page.screenshot(path=str(SHOTS / f"queue-{width}.png"))
        # the filters work offline: the owner filter leaves only Luis's item
        page.evaluate("() => { const d = document.querySelector('.pulso-qfilters details'); d.open = true; }")
        page.select_option("select[name=owner]", "Luis")
        visible = page.evaluate("() => [...document.querySelectorAll('#pulso-queue li.pulso-q')]"
                                ".filter(li => !li.hidden).map(li => li.dataset.owner)")
    assert not errors
    assert seen, "no queue item on the first screen"
    assert all(ol == "pulso-queue" and status in ("open", "assigned") and intent in ("question", "complaint", "request")
               for ol, status, intent, _ in seen)
    overdue = [o for *_, o in seen]
    assert overdue == sorted(overdue, reverse=True) and overdue[0]
    assert wide == [] and page_wide <= 0
    assert visible == ["Luis"]
