"""`pulso alert` by e-mail through a real SMTP server (aiosmtpd) on 127.0.0.1: an injected spike is mailed once,
a replayed run sends nothing, an ordinary day stays quiet, and a failed delivery is sent by the next run."""

from __future__ import annotations

import email
import email.policy
from datetime import timedelta

from click.testing import CliRunner

from collector import connect, sent_alerts
from pulso.cli import cli
from tests.alertskit import NOW, add_spike, free_port, smtp_server, steady_db, write_config


def alert(config, db, smtp: str, *extra: str, at=NOW):
    return CliRunner().invoke(cli, ["alert", "--config", str(config), "--db", str(db), "--smtp", smtp,
                                    "--mail-to", "comunicacion@example.com", "--at", at.isoformat(), *extra])


def parts(raw: bytes) -> tuple[str, str, str]:
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    return (str(msg["Subject"]), msg.get_body(("plain",)).get_content(), msg.get_body(("html",)).get_content())


def recorded(db) -> list[tuple[str, str]]:
    con = connect(db)
    try:
        return [(s.key, s.channel) for s in sent_alerts(con, NOW - timedelta(days=30))]
    finally:
        con.close()


def test_an_injected_spike_is_mailed_once_and_a_replayed_run_sends_nothing(tmp_path):
    db = add_spike(steady_db(tmp_path / "p.duckdb")).close()
    config = write_config(tmp_path)
    with smtp_server() as (inbox, address):
        first = alert(config, db, address)
        assert first.exit_code == 0, first.output
        assert len(inbox.messages) == 1
        subject, text, html = parts(inbox.messages[0][2])
        assert "2 alertas: pico de textos negativos, pico de menciones" in subject
        assert "Textos negativos hoy: 30 hasta las 13:00" in text       # 13:00 in Madrid; usual by then: 1
        assert "https://blog-a.example.com/corte/#comment-0" in text
        assert "https://pulso.example.com/sentiment.html" in html
        assert "De qué se habla" in text and "factura" in text          # the themes behind it
        replay = alert(config, db, address)
        later = alert(config, db, address, at=NOW + timedelta(hours=2))
    assert replay.exit_code == 0 and later.exit_code == 0
    assert len(inbox.messages) == 1, "a replayed or later run mailed the same spike again"
    assert "mail: sent 0 (nothing new)" in replay.output
    assert recorded(db) == [("spike_mentions:Acme:2026-11-25", "mail"), ("spike_negative:Acme:2026-11-25", "mail")]


def test_an_ordinary_day_sends_no_mail(tmp_path):
    db = steady_db(tmp_path / "p.duckdb").close()
    config = write_config(tmp_path)
    with smtp_server() as (inbox, address):
        result = alert(config, db, address)
    assert result.exit_code == 0, result.output
    assert inbox.messages == []
    assert "alerts: 0 found" in result.output


def test_a_failed_delivery_exits_1_records_nothing_and_the_next_run_sends_it(tmp_path):
    db = add_spike(steady_db(tmp_path / "p.duckdb")).close()
    config = write_config(tmp_path)
    down = alert(config, db, f"127.0.0.1:{free_port()}")                 # nothing listens there
    assert down.exit_code == 1
    assert "error: alerts not sent by mail" in down.output and "retried next run" in down.output
    assert recorded(db) == []
    with smtp_server() as (inbox, address):
        retry = alert(config, db, address, at=NOW + timedelta(minutes=30))
    assert retry.exit_code == 0, retry.output
    assert len(inbox.messages) == 1 and "pico de textos negativos" in parts(inbox.messages[0][2])[0]


def test_feed_text_in_the_mail_is_escaped_and_only_http_links_survive(tmp_path):
    db = add_spike(steady_db(tmp_path / "p.duckdb"), text="<script>alert(1)</script> fatal acme@example.com").close()
    con = connect(db)
    con.execute("UPDATE comments SET url = 'javascript:alert(1)' WHERE comment_id = 's0'")
    con.close()
    config = write_config(tmp_path)
    with smtp_server() as (inbox, address):
        assert alert(config, db, address).exit_code == 0
    _, text, html = parts(inbox.messages[0][2])
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert "javascript:" not in html and "acme@example.com" not in text + html
