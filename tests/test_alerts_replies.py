"""Alerts about replies: comments on owned sources newly overdue (the `responses` view's rule, since the last good
run), and an owned source that used to answer and has left people waiting for days."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from collector import load_config
from pulso.cli import cli
from scripts.alerts import find_alerts
from scripts.queries import open_database
from tests.alertskit import NOW, mail_text, smtp_server, steady_db, write_config
from tests.responseskit import set_columns


def alerts_at(config_path, db, at, **kwargs):
    config = load_config(config_path)
    con = open_database(db, config, at)
    try:
        return find_alerts(con, config, at, **kwargs)
    finally:
        con.close()


def with_question(db, cid: str, hours_ago: float, *, source: str = "blog-a", post: str = "p-old"):
    db.comment(cid, post, NOW - timedelta(hours=hours_ago), source_id=source, text="¿Cuándo vuelve la línea?",
               label="neg", score=-0.4, url=f"https://{source}.example.com/p#{cid}")
    return set_columns(db, cid, intent="question")


def test_a_question_on_an_owned_blog_that_just_fell_overdue_is_alerted_once(tmp_path):
    db = steady_db(tmp_path / "p.duckdb")
    with_question(db, "q1", hours_ago=25)                         # due an hour ago (SLA 24 h)
    with_question(db, "q2", hours_ago=10)                         # not due yet
    db.post("n1", "noticias-b", NOW - timedelta(days=3), title="Acme sube precios")
    with_question(db, "q3", hours_ago=25, source="noticias-b", post="n1")   # a mention, not an owned source
    db.comment("r9", "p-old", NOW - timedelta(hours=30), text="ok")
    set_columns(db, "r9", intent="question")
    db.comment("b9", "p-old", NOW - timedelta(hours=29), author="Acme Soporte", brand=True, parent="r9")
    db.close()
    config = write_config(tmp_path)
    with smtp_server() as (inbox, address):
        args = ["alert", "--config", str(config), "--db", str(db.path), "--smtp", address,
                "--mail-to", "equipo@example.com"]
        first = CliRunner().invoke(cli, [*args, "--at", NOW.isoformat()])
        second = CliRunner().invoke(cli, [*args, "--at", (NOW + timedelta(hours=1)).isoformat()])
    assert first.exit_code == 0 and second.exit_code == 0, first.output + second.output
    assert len(inbox.messages) == 1
    raw = mail_text(inbox.messages[0][2])
    assert "Comentarios fuera de plazo" in raw and "https://blog-a.example.com/p#q1" in raw
    assert "#q2" not in raw and "#q3" not in raw and "#r9" not in raw


def test_overdue_comments_are_looked_for_since_the_last_good_run(tmp_path):
    db = steady_db(tmp_path / "p.duckdb")
    with_question(db, "q1", hours_ago=24 + 30)                    # fell due 30 h before NOW
    db.close()
    config = write_config(tmp_path)
    assert [a.subject for a in alerts_at(config, db.path, NOW, last_ok=NOW - timedelta(hours=40))] == ["q1"]
    assert alerts_at(config, db.path, NOW, last_ok=NOW - timedelta(hours=2)) == []
    assert alerts_at(config, db.path, NOW) == [], "a first run looks back 24 h only"


def test_an_owned_source_that_stopped_answering_is_alerted_once_per_silence(tmp_path):
    db = steady_db(tmp_path / "p.duckdb")
    for i in range(4):                                            # it used to answer
        with_question(db, f"old{i}", hours_ago=24 * (12 - i))
        db.comment(f"ans{i}", "p-old", NOW - timedelta(hours=24 * (12 - i) - 2), author="Acme Soporte", brand=True,
                   parent=f"old{i}")
    last_reply = NOW - timedelta(hours=24 * 9 - 2)
    with_question(db, "wait1", hours_ago=24 * 5)                  # since then: silence while people wait
    with_question(db, "wait2", hours_ago=24 * 4)
    db.close()
    config = write_config(tmp_path)
    stopped = [a for a in alerts_at(config, db.path, NOW) if a.kind == "stopped_answering"]
    assert [(a.subject, a.day, a.facts["waiting"], a.facts["answered"]) for a in stopped] == [
        ("blog-a", last_reply.date(), 2, 4)]
    later = [a for a in alerts_at(config, db.path, NOW + timedelta(days=2)) if a.kind == "stopped_answering"]
    assert [a.key for a in later] == [a.key for a in stopped], "the same silence keeps its key"


def test_a_source_that_answers_is_not_stopped(tmp_path):
    db = steady_db(tmp_path / "p.duckdb")
    for i in range(4):
        with_question(db, f"old{i}", hours_ago=24 * (12 - i))
        db.comment(f"ans{i}", "p-old", NOW - timedelta(hours=24 * (12 - i) - 2), author="Acme Soporte", brand=True,
                   parent=f"old{i}")
    with_question(db, "wait1", hours_ago=24 * 5)
    db.comment("ans9", "p-old", NOW - timedelta(hours=20), author="Acme Soporte", brand=True, parent="wait1")
    db.close()
    assert [a for a in alerts_at(write_config(tmp_path), db.path, NOW) if a.kind == "stopped_answering"] == []


def test_comments_falling_overdue_after_a_blogs_message_wait_for_its_cooldown_then_come_together(tmp_path):
    db = steady_db(tmp_path / "p.duckdb")
    with_question(db, "q1", hours_ago=25)                         # overdue since an hour ago
    with_question(db, "q2", hours_ago=22)                         # falls overdue in 2 h
    with_question(db, "q3", hours_ago=20)                         # in 4 h
    db.close()
    config = write_config(tmp_path)
    with smtp_server() as (inbox, address):
        def run(hours: float):
            result = CliRunner().invoke(cli, ["alert", "--config", str(config), "--db", str(db.path), "--smtp",
                                              address, "--mail-to", "equipo@example.com",
                                              "--at", (NOW + timedelta(hours=hours)).isoformat()])
            assert result.exit_code == 0, result.output
        for hours in (0, 3, 6, 12, 24.5):
            run(hours)
    bodies = [mail_text(raw) for _, _, raw in inbox.messages]
    assert len(bodies) == 2, "one message per blog and cooldown"
    assert "#q1" in bodies[0] and "#q2" not in bodies[0]
    assert "#q2" in bodies[1] and "#q3" in bodies[1] and "#q1" not in bodies[1]
