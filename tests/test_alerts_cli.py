"""`pulso alert` as a command: --dry-run prints and changes nothing, a missing or half-configured channel is bad
config (exit 2), and `pulso nightly` runs the alerts after its build."""

from __future__ import annotations

from datetime import timedelta

from click.testing import CliRunner

from collector import connect, last_alert_run, sent_alerts
from pulso.cli import cli
from tests.alertskit import NOW, add_spike, smtp_server, steady_db, webhook_server
from tests.alertskit import write_config as alert_config
from tests.conftest import write_config

FEED = b"""<?xml version="1.0"?><rss version="2.0"><channel><title>Blog de Acme</title>
<link>https://blog.example.com/</link><description>d</description>
<item><title>Novedades de Acme</title><link>https://blog.example.com/novedades</link><guid>n1</guid>
<pubDate>Mon, 23 Nov 2026 10:00:00 +0000</pubDate><description>Hola</description></item>
</channel></rss>"""


def invoke(*args: str):
    return CliRunner().invoke(cli, ["alert", *args])


def test_a_dry_run_prints_the_message_and_sends_and_records_nothing(tmp_path):
    db = add_spike(steady_db(tmp_path / "p.duckdb")).close()
    config = alert_config(tmp_path)
    with smtp_server() as (inbox, address):
        result = invoke("--config", str(config), "--db", str(db), "--smtp", address, "--mail-to", "a@example.com",
                        "--at", NOW.isoformat(), "--dry-run")
    assert result.exit_code == 0, result.output
    assert "--- mail: would send ---" in result.output and "Textos negativos hoy" in result.output
    assert "mail: would send 2" in result.output
    assert inbox.messages == []
    con = connect(db)
    try:
        assert sent_alerts(con, NOW - timedelta(days=9)) == [] and last_alert_run(con) is None
    finally:
        con.close()


def test_no_channel_is_bad_config(tmp_path):
    db = steady_db(tmp_path / "p.duckdb").close()
    result = invoke("--config", str(alert_config(tmp_path)), "--db", str(db))
    assert result.exit_code == 2 and "no alert channel" in result.output


def test_addresses_without_an_smtp_server_are_bad_config(tmp_path):
    db = steady_db(tmp_path / "p.duckdb").close()
    config = alert_config(tmp_path, 'mail_to = ["equipo@example.com"]')
    result = invoke("--config", str(config), "--db", str(db))
    assert result.exit_code == 2 and "no --smtp host:port" in result.output


def test_a_time_without_a_zone_is_refused(tmp_path):
    db = steady_db(tmp_path / "p.duckdb").close()
    result = invoke("--config", str(alert_config(tmp_path)), "--db", str(db), "--at", "2026-11-25T13:00",
                    "--dry-run")
    assert result.exit_code == 2 and "give a time zone" in result.output


def test_nightly_sends_the_alerts_after_the_build_and_exits_1_when_the_webhook_refuses(tmp_path, server,
                                                                                        monkeypatch):
    url = server.add("/feed.xml", FEED)
    config = write_config(tmp_path / "monitor.toml", f'[[sources]]\nname = "blog"\nurl = "{url}"\nowned = true\n'
                          'comments = false\n\n[alerts]\nwebhook_env = "PULSO_TEST_HOOK"\n')
    db, site = tmp_path / "p.duckdb", tmp_path / "site"
    nightly = ["nightly", "--config", str(config), "--db", str(db), "--out", str(site)]
    with webhook_server() as hook:
        monkeypatch.setenv("PULSO_TEST_HOOK", hook.url)
        ok = CliRunner().invoke(cli, nightly)
    assert ok.exit_code == 0, ok.output
    assert "alerts: 0 found" in ok.output and ok.output.index("site built") < ok.output.index("alerts:")
    monkeypatch.setenv("PULSO_TEST_HOOK", "")
    broken = CliRunner().invoke(cli, nightly)
    assert broken.exit_code == 1, broken.output
    assert "environment variable is empty" in broken.output and "alerts were not all sent" in broken.output
    assert (site / "index.html").is_file(), "the site built before the alerts is still there to publish"
