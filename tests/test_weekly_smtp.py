"""`pulso weekly --mail-to … --smtp …` against a real aiosmtpd server on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import re
import socket

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner

from pulso.cli import cli
from tests.site.dbkit import site_fixture

CONFIG = """[brand]
name = "Acme"
aliases = ["acme"]
responders = ["Acme Soporte"]
timezone = "Europe/Madrid"
language = "es"
response_sla_hours = 24

[[sources]]
name = "blog-a"
url = "https://blog-a.example.com/feed/"
owned = true

[[sources]]
name = "noticias-b"
url = "https://noticias-b.example.com/feed/"
"""


class Inbox:
    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []
        self.logins: list[tuple[str, str]] = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data):
        ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (b"pulso", b"s3cret")
        if ok:
            self.logins.append((auth_data.login.decode(), auth_data.password.decode()))
        return AuthResult(success=ok)


@pytest.fixture
def smtp_server():
    inbox = Inbox()
    with socket.socket() as probe:             # a free port (aiosmtpd's readiness check needs a real one)
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    controller = Controller(inbox, hostname="127.0.0.1", port=port, authenticator=inbox.authenticate,
                            auth_require_tls=False)
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{port}"
    finally:
        controller.stop()


def test_weekly_mail_reaches_a_real_smtp_server_as_html_with_a_cid_chart_and_a_text_part(tmp_path, smtp_server,
                                                                                         monkeypatch):
    inbox, address = smtp_server
    db = site_fixture(tmp_path / "p.duckdb")
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.setenv("PULSO_SMTP_USER", "pulso")
    monkeypatch.setenv("PULSO_SMTP_PASSWORD", "s3cret")
    result = CliRunner().invoke(cli, ["weekly", "--config", str(tmp_path / "monitor.toml"), "--db", str(db),
                                      "--week", "2026-W47", "--mail-to", "direccion@example.com",
                                      "--smtp", address, "--mail-from", "pulso@example.com"])
    assert result.exit_code == 0, result.output
    assert inbox.logins == [("pulso", "s3cret")]
    (sender, rcpts, raw), = inbox.messages
    assert sender == "pulso@example.com" and rcpts == ["direccion@example.com"]
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    assert msg.get_content_type() == "multipart/alternative"
    assert "semana 47 (2026)" in msg["Subject"]
    text = msg.get_body(preferencelist=("plain",)).get_content()
    assert "Cifras clave" in text
    related = [p for p in msg.iter_parts() if p.get_content_type() == "multipart/related"]
    assert related, "HTML travels with its image in multipart/related"
    html = msg.get_body(preferencelist=("html",)).get_content()
    assert "<script" not in html.lower() and 'style="' in html
    cid = re.search(r'src="cid:([^"]+)"', html)[1]
    (image,) = [p for p in related[0].iter_parts() if p.get_content_type() == "image/png"]
    assert image["Content-ID"] == f"<{cid}>"
    assert image.get_content()[:4] == b"\x89PNG"


def test_mail_to_without_smtp_is_a_usage_error(tmp_path):
    (tmp_path / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    result = CliRunner().invoke(cli, ["weekly", "--config", str(tmp_path / "monitor.toml"), "--mail-to", "a@b.c"])
    assert result.exit_code == 2 and "--smtp" in result.output
