"""Sending the weekly summary by e-mail: one MIME message, HTML + plain text, the chart as a CID image.

Why CID and not a `data:` URI inside the mail: Gmail (web and apps) and Outlook (desktop and web) do not
display `data:` images, while all of them — and Apple Mail, Thunderbird — show an inline part referenced
as `cid:` from a `multipart/related` body. The standalone HTML file (`pulso weekly --format html`) keeps
the `data:` URI instead, so it stays one self-contained file that a browser or a mail tool can open.
"""

from __future__ import annotations

import smtplib
import ssl
from dataclasses import dataclass
from email.message import EmailMessage
from email.utils import formatdate, make_msgid

CHART_CID_DOMAIN = "pulso.weekly"


@dataclass(frozen=True)
class SmtpSettings:
    """Where and how to send; the CLI fills user/password from PULSO_SMTP_USER / PULSO_SMTP_PASSWORD."""

    host: str
    port: int = 25
    user: str | None = None
    password: str | None = None
    timeout: float = 30.0


def parse_smtp(value: str) -> tuple[str, int]:
    """`host:port` (port defaults to 25); ValueError with the expected form otherwise."""
    host, _, port = value.rpartition(":") if ":" in value else (value, "", "25")
    if not host or not port.isdigit():
        raise ValueError(f"{value!r}: write the SMTP server as host:port, e.g. smtp.example.com:587")
    return host.strip("[]"), int(port)


def chart_cid() -> str:
    """A fresh Content-ID (`<…@pulso.weekly>`); the HTML refers to it as `cid:` without the brackets."""
    return make_msgid(domain=CHART_CID_DOMAIN)


def build_message(*, subject: str, sender: str, to: list[str], text: str, html: str, png: bytes | None,
                  cid: str | None) -> EmailMessage:
    """multipart/alternative (text, then multipart/related HTML + PNG). `html` must already use `cid:…`."""
    msg = EmailMessage()
    msg["Subject"] = subject
    msg["From"] = sender
    msg["To"] = ", ".join(to)
    msg["Date"] = formatdate(localtime=False)
    msg["Message-ID"] = make_msgid(domain=CHART_CID_DOMAIN)
    msg.set_content(text)
    msg.add_alternative(html, subtype="html")
    if png is not None and cid is not None:
        html_part = msg.get_payload()[1]  # type: ignore[index]
        html_part.add_related(png, maintype="image", subtype="png", cid=cid, filename="trend.png",
                              disposition="inline")
    return msg


def send(msg: EmailMessage, settings: SmtpSettings) -> None:
    """Send over SMTP: STARTTLS whenever the server offers it, then log in when credentials are given.
    Refuses to send a password over a connection that could not be encrypted."""
    with smtplib.SMTP(settings.host, settings.port, timeout=settings.timeout) as smtp:
        smtp.ehlo()
        if smtp.has_extn("starttls"):
            smtp.starttls(context=ssl.create_default_context())
            smtp.ehlo()
        elif settings.user and settings.host not in ("127.0.0.1", "localhost", "::1"):
            raise RuntimeError(f"{settings.host}:{settings.port} does not offer STARTTLS; "
                               "not sending the SMTP password in clear text")
        if settings.user:
            smtp.login(settings.user, settings.password or "")
        smtp.send_message(msg)
