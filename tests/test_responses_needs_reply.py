"""Who needs an answer (DESIGN.md "Definitions"): intent, triage decisions, handled, open, the two response
rates, and `now` pinned by the build — on hand-built threads read back through `responses`."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from collector import sql
from collector.storage import intents, store
from collector.storage.decisions import pin_responses
from collector.triage import COLUMNS
from tests.responseskit import brand_config, owned_post, pinned, set_columns

T0 = datetime(2026, 11, 16, 9, 0, tzinfo=UTC)   # a Monday
NOW = T0 + timedelta(days=3)


def at(hours: float) -> datetime:
    return T0 + timedelta(hours=hours)


def write_triage(path: Path, *lines: str) -> None:
    path.write_text(",".join(COLUMNS) + "\n" + "".join(f"{line}\n" for line in lines), encoding="utf-8")


def issue_thread(path: Path):
    """The cases of issue 12, classified by the real classifier over the stored thread."""
    db = owned_post(path, at(-1))
    db.comment("a", "p1", at(0), text="Me habéis cobrado dos veces la factura de octubre, ¿me devolvéis el cargo?")
    db.comment("r", "p1", at(2), brand=True, parent="a", author="Acme Soporte",
               text="Hola, lo hemos revisado y te devolvemos el importe.")
    db.comment("thanks", "p1", at(30), parent="r",
               text="Recibido, me han devuelto el importe. Gracias por la atención.")
    db.comment("b", "p1", at(3), text="Llevo tres días sin fibra y nadie me dice nada.")
    db.comment("tip", "p1", at(4), parent="b",
               text="Pon una reclamación por escrito, es la única forma de que te hagan caso")
    db.comment("ping", "p1", at(5), author="Mundo Móvil", text="[…] Acme sube otra vez sus tarifas de fibra […]")
    set_columns(db, "ping", kind="pingback")
    db.comment("leaving", "p1", at(6), text="Estoy pensando en darme de baja")
    intents.classify_source(db.con, "blog-a")
    return db


def test_thanks_peer_tips_and_pingbacks_are_not_open_and_not_in_the_headline_rate(tmp_path: Path) -> None:
    db = issue_thread(tmp_path / "t.duckdb")
    cues = dict(db.con.execute("SELECT comment_id, intent_cues FROM comments").fetchall())
    rows = pinned(db.close(), brand_config(tmp_path), NOW)
    assert rows["thanks"]["intent"] == "thanks" and rows["tip"]["intent"] == "peer_answer"
    for quiet in ("thanks", "tip", "ping"):
        assert not rows[quiet]["needs_reply"] and not rows[quiet]["open"] and not rows[quiet]["overdue"], quiet
    assert not rows["ping"]["eligible"]                      # a pingback is never eligible, whatever it says
    assert rows["leaving"]["open"] and rows["leaving"]["overdue"] and rows["b"]["open"]
    assert not rows["a"]["open"] and rows["a"]["answered"]
    assert "reply to another customer's complaint" in cues["tip"].split("; ")      # the queue's "why"


def rates(db_path: Path, tmp_path: Path) -> tuple[float, float]:
    con = store.connect(db_path, read_only=True)
    try:
        con.execute(sql("texts", "scripts"))
        pin_responses(con, brand_config(tmp_path), NOW)
        return con.execute("SELECT headline_response_rate(needs_reply, answered), "
                           "eligible_response_rate(eligible, answered) FROM responses").fetchall()[0]
    finally:
        con.close()


def test_the_headline_rate_is_answered_over_needs_reply_and_the_eligible_rate_stands_beside_it(tmp_path: Path):
    headline, eligible = rates(issue_thread(tmp_path / "t.duckdb").close(), tmp_path)
    assert headline == pytest.approx(1 / 3)     # a answered; b and leaving not
    assert eligible == pytest.approx(1 / 5)     # a, thanks, b, tip, leaving (the pingback is not eligible)


def decided(tmp_path: Path, *lines: str, intent: str = "complaint") -> dict:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    db.comment("c", "p1", at(0), text="x", url="https://blog-a.example.com/p1/#comment-1")
    set_columns(db, "c", intent=intent)
    config = brand_config(tmp_path)
    write_triage(config.triage_path, *lines)
    return pinned(db.close(), config, NOW)["c"]


def test_handled_elsewhere_is_neither_open_nor_answered(tmp_path: Path) -> None:
    row = decided(tmp_path, "c,handled,,llamada el martes,ana,2026-11-17T10:00:00+01:00")
    assert row["handled"] and not row["open"] and not row["overdue"] and not row["answered"]
    assert row["needs_reply"]              # it still needed a reply: the headline rate counts it, unanswered
    assert (row["triage_status"], row["triage_note"], row["triage_who"]) == ("handled", "llamada el martes", "ana")
    assert row["triage_at"] == datetime(2026, 11, 17, 9, 0, tzinfo=UTC)


def test_no_reply_overrides_a_complaint_and_needs_reply_overrides_a_thanks(tmp_path: Path) -> None:
    assert not decided(tmp_path / "a", "c,no_reply,,,,")["needs_reply"]
    row = decided(tmp_path / "b", "c,needs_reply,,,,", intent="thanks")
    assert row["needs_reply"] and row["open"] and row["overdue"]


def test_an_assigned_item_shows_its_owner_and_stays_in_the_queue(tmp_path: Path) -> None:
    row = decided(tmp_path, "https://blog-a.example.com/p1/#comment-1,assigned,Luis,,ana,", intent="opinion")
    assert (row["triage_status"], row["owner"]) == ("assigned", "Luis")
    assert row["needs_reply"] and row["open"]


def test_the_latest_line_about_an_item_wins_whether_it_names_the_url_or_the_id(tmp_path: Path) -> None:
    row = decided(tmp_path, "c,handled,,,,", "https://blog-a.example.com/p1/#comment-1,no_reply,,spam,,",
                  "c,assigned,Marta,,,")
    assert (row["triage_status"], row["owner"], row["open"]) == ("assigned", "Marta", True)
    assert decided(tmp_path / "b", "c,handled,,,,", "https://blog-a.example.com/p1/#comment-1,no_reply,,,,"
                   )["triage_status"] == "no_reply"


def test_a_url_two_comments_share_decides_neither(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    for name in ("c1", "c2"):
        db.comment(name, "p1", at(0), text="¿Y lo mío?", url="https://blog-a.example.com/p1/")
    config = brand_config(tmp_path)
    write_triage(config.triage_path, "https://blog-a.example.com/p1/,no_reply,,,,", "c2,handled,,,,")
    rows = pinned(db.close(), config, NOW)
    assert rows["c1"]["triage_status"] is None and rows["c1"]["open"]
    assert rows["c2"]["triage_status"] == "handled"


def test_an_intent_not_classified_yet_needs_a_reply(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    db.comment("c", "p1", at(0), text="Gracias")
    assert pinned(db.close(), brand_config(tmp_path), NOW)["c"]["needs_reply"]


def test_the_build_reads_triage_csv_and_its_now_not_the_database_clock(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    db.comment("c", "p1", at(0), text="¿Hay cobertura en Soria?")
    config = brand_config(tmp_path)
    path = db.close()
    write_triage(config.triage_path, "c,assigned,Ana,,,")            # written after the last collect
    early, late = pinned(path, config, at(10))["c"], pinned(path, config, at(30))["c"]
    assert early["owner"] == "Ana" and not early["overdue"] and late["overdue"]
    assert early["age_hours"] == pytest.approx(10.0)
    con = store.connect(path, read_only=True)
    try:                                      # the stored view: the database clock, the table the last collect filled
        assert con.execute("SELECT overdue, owner FROM responses").fetchall() == [(True, None)]
    finally:
        con.close()


def test_the_build_measures_with_the_config_s_sla_even_before_a_collect_stores_it(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))                    # meta says 24 h
    db.comment("c", "p1", at(0), text="¿Hay cobertura en Soria?")
    assert pinned(db.close(), brand_config(tmp_path, response_sla_hours=8), at(10))["c"]["overdue"]


def test_brand_pingbacks_answer_nobody(tmp_path: Path) -> None:
    db = owned_post(tmp_path / "t.duckdb", at(-1))
    db.comment("c", "p1", at(0), text="¿Hay cobertura en Soria?")
    db.comment("pb", "p1", at(1), brand=True, author="Acme Soporte", text="[…] cobertura […]")
    set_columns(db, "pb", kind="pingback")
    assert not pinned(db.close(), brand_config(tmp_path), NOW)["c"]["answered"]
