"""Databases and receivers for the alert tests: a brand's steady month of comments (real DuckDB through the
collector's schema, tests/site/dbkit.MiniDB), a spike on top of it, a real SMTP server (aiosmtpd) and a webhook
receiver, both on 127.0.0.1."""

from __future__ import annotations

import email
import email.policy
import json
import socket
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from aiosmtpd.controller import Controller

from tests.responseskit import set_columns
from tests.site.dbkit import MiniDB

#: "Now" in the alert tests: Wednesday 25 Nov 2026, 13:00 in Madrid.
NOW = datetime(2026, 11, 25, 12, 0, tzinfo=UTC)
#: A steady day: texts at these UTC hours, every third one negative.
STEADY_HOURS = (8, 10, 15, 18, 20)

CONFIG = """[brand]
name = "Acme"
aliases = ["acme"]
responders = ["Acme Soporte"]
timezone = "Europe/Madrid"
language = "{language}"
response_sla_hours = 24
site_url = "https://pulso.example.com/"

[alerts]
sensitivity = "normal"
min_count = 5
baseline_days = 28
cooldown_hours = 24
{alerts}

[[sources]]
name = "blog-a"
title = "Blog de Acme"
url = "https://blog-a.example.com/feed/"
owned = true

[[sources]]
name = "noticias-b"
url = "https://noticias-b.example.com/feed/"
"""


def write_config(tmp_path: Path, alerts: str = "", *, language: str = "es") -> Path:
    path = tmp_path / "monitor.toml"
    path.write_text(CONFIG.format(alerts=alerts, language=language), encoding="utf-8")
    return path


def steady_db(path: Path, *, days: int = 35, now: datetime = NOW) -> MiniDB:
    """`days` ordinary days before today on the owned blog (5 comments a day, none needing a reply), and today
    until `now` the same: nothing unusual."""
    db = MiniDB(path)
    db.source("blog-a", owned=True).source("noticias-b", owned=False)
    db.post("p-old", "blog-a", now - timedelta(days=days + 1), title="Novedades de Acme")
    n = 0
    today = now.replace(hour=0, minute=0)
    for d in range(days, -1, -1):
        for hour in STEADY_HOURS:
            at = today - timedelta(days=d) + timedelta(hours=hour, minutes=7)
            if at >= now:
                continue
            label = "neg" if n % 3 == 0 else "pos"
            cid = f"c{n}"
            db.comment(cid, "p-old", at, text=f"Comentario normal número {n} sobre la tarifa",
                       label=label, score=-0.6 if label == "neg" else 0.5)
            set_columns(db, cid, intent="opinion")
            n += 1
    return db


def add_spike(db: MiniDB, count: int = 30, *, now: datetime = NOW, text: str = "Sin línea desde esta mañana, "
              "otra vez la factura mal") -> MiniDB:
    """`count` negative comments in the two hours before `now`, on a new post."""
    db.post("p-spike", "blog-a", now - timedelta(hours=3), title="Corte de servicio")
    for i in range(count):
        cid = f"s{i}"
        db.comment(cid, "p-spike", now - timedelta(minutes=5 + i * 3), text=f"{text} ({i})", label="neg",
                   score=-0.8, url=f"https://blog-a.example.com/corte/#comment-{i}")
        set_columns(db, cid, intent="opinion")
    return db


def mail_text(raw: bytes) -> str:
    """A received message's plain-text part, decoded."""
    return email.message_from_bytes(raw, policy=email.policy.default).get_body(("plain",)).get_content()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class Inbox:
    """What the SMTP server received: (mail_from, rcpt_tos, raw bytes)."""

    def __init__(self) -> None:
        self.messages: list[tuple[str, list[str], bytes]] = []

    async def handle_DATA(self, server, session, envelope):  # aiosmtpd's hook
        self.messages.append((envelope.mail_from, list(envelope.rcpt_tos), envelope.content))
        return "250 OK"


@contextmanager
def smtp_server() -> Iterator[tuple[Inbox, str]]:
    """A real SMTP server on 127.0.0.1; yields its inbox and `host:port`."""
    inbox = Inbox()
    port = free_port()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox, f"127.0.0.1:{port}"
    finally:
        controller.stop()


@dataclass
class Hook:
    """A webhook receiver: every POSTed JSON body, and the status it answers with (changeable)."""

    url: str = ""
    bodies: list[dict] = field(default_factory=list)
    status: int = 200


@contextmanager
def webhook_server() -> Iterator[Hook]:
    hook = Hook()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            length = int(self.headers.get("Content-Length", "0"))
            body = json.loads(self.rfile.read(length))
            if hook.status == 200:
                hook.bodies.append(body)
            self.send_response(hook.status)
            self.end_headers()
            self.wfile.write(b"ok" if hook.status == 200 else b"no")

        def log_message(self, *args: object) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    hook.url = f"http://127.0.0.1:{server.server_address[1]}/hooks/abc"
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield hook
    finally:
        server.shutdown()
        server.server_close()
