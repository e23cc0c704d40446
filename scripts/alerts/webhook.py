"""The alert message as the JSON each chat tool's incoming webhook takes, and the POST that sends it.

* Slack: `{"text", "blocks"}` with mrkdwn sections; `&`, `<`, `>` escaped as Slack asks (so a feed text
  cannot write a `<!channel>` or a `<javascript:…|link>`), links as `<url|label>`.
* Microsoft Teams (Workflows "post to a channel when a webhook request is received", the successor of the
  retired Office 365 connectors): a `message` with one Adaptive Card 1.4 attachment; TextBlocks are
  Markdown, so feed text is backslash-escaped (scripts.safe.md_escape), links are `[label](url)`.
* Mattermost: `{"text", "username"}` in Markdown, escaped the same way.
In all three an `@` in feed text gets a word joiner after it, so `@channel` or `@all` written by a commenter
never notifies a whole channel.
"""

from __future__ import annotations

from typing import Any

import httpx

from scripts.alerts.render import Outline, Section
from scripts.safe import md_escape, md_url

FORMATS = ("slack", "teams", "mattermost")
USERNAME = "Pulso"
TIMEOUT = 15.0


class DeliveryError(Exception):
    """A channel did not accept the message (the reason is in the text)."""


def _defuse(text: str) -> str:
    return text.replace("@", "@\u2060")


def slack_escape(text: str) -> str:
    return _defuse(text).replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_url(url: str) -> str:
    return url.replace("|", "%7C").replace("<", "%3C").replace(">", "%3E")


def md(text: str) -> str:
    """Feed or label text as literal Markdown."""
    return md_escape(_defuse(text)).replace("<", "&lt;").replace(">", "&gt;")


def _md_link(label: str, url: str | None) -> str:
    target = md_url(url)
    return f" [{md(label)}]({target})" if target else ""


def _slack_section(s: Section, o: Outline) -> str:
    lines = [f"*{slack_escape(s.title)}*", *(slack_escape(line) for line in s.lines)]
    if s.themes:
        lines.append(f"_{slack_escape(o.labels['themes'])}:_ {slack_escape(', '.join(s.themes))}")
    for item in s.items:
        link = f" <{_slack_url(item.url)}|{slack_escape(o.labels['open'])}>" if item.url else ""
        lines.append(f"• {slack_escape(item.meta)}: {slack_escape(item.text)}{link}")
    if s.link:
        lines.append(f"<{_slack_url(s.link[1])}|{slack_escape(s.link[0])}>")
    return "\n".join(lines)


def slack(o: Outline) -> dict[str, Any]:
    """Slack's incoming-webhook JSON: a fallback `text` and one mrkdwn section block per alert section
    (Slack cuts a section's text at 3,000 characters)."""
    blocks: list[dict[str, Any]] = [{"type": "section", "text": {"type": "mrkdwn", "text": slack_escape(o.intro)}}]
    for s in o.sections:
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _slack_section(s, o)[:3000]}})
    blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": slack_escape(o.footer)}]})
    return {"text": slack_escape(o.subject), "blocks": blocks}


def _md_section(s: Section, o: Outline) -> list[str]:
    lines = [f"**{md(s.title)}**", *(md(line) for line in s.lines)]
    if s.themes:
        lines.append(f"_{md(o.labels['themes'])}:_ {md(', '.join(s.themes))}")
    lines += [f"- {md(i.meta)}: {md(i.text)}{_md_link(o.labels['open'], i.url)}" for i in s.items]
    if s.link:
        lines.append(_md_link(s.link[0], s.link[1]).strip())
    return lines


def mattermost(o: Outline) -> dict[str, Any]:
    """Mattermost's incoming-webhook JSON: one Markdown `text`."""
    body = [f"#### {md(o.subject)}", md(o.intro), ""]
    for s in o.sections:
        body += [*_md_section(s, o), ""]
    body.append(f"_{md(o.footer)}_")
    return {"username": USERNAME, "text": "\n".join(body)}


def teams(o: Outline) -> dict[str, Any]:
    """A Teams Workflows webhook message: one Adaptive Card (1.4) with a TextBlock per line."""
    body: list[dict[str, Any]] = [
        {"type": "TextBlock", "text": md(o.subject), "weight": "Bolder", "size": "Medium", "wrap": True},
        {"type": "TextBlock", "text": md(o.intro), "wrap": True}]
    for s in o.sections:
        lines = _md_section(s, o)
        body.append({"type": "TextBlock", "text": lines[0], "weight": "Bolder", "wrap": True, "separator": True})
        body += [{"type": "TextBlock", "text": line, "wrap": True} for line in lines[1:]]
    body.append({"type": "TextBlock", "text": md(o.footer), "isSubtle": True, "size": "Small", "wrap": True})
    card = {"$schema": "http://adaptivecards.io/schemas/adaptive-card.json", "type": "AdaptiveCard",
            "version": "1.4", "body": body}
    return {"type": "message",
            "attachments": [{"contentType": "application/vnd.microsoft.card.adaptive", "contentUrl": None,
                             "content": card}]}


def payload(fmt: str, o: Outline) -> dict[str, Any]:
    """The JSON for `fmt` (slack, teams or mattermost)."""
    writers = {"slack": slack, "teams": teams, "mattermost": mattermost}
    if fmt not in writers:
        raise ValueError(f"[alerts].webhook_format must be one of {', '.join(FORMATS)}, not {fmt!r}")
    return writers[fmt](o)


def post(url: str, body: dict[str, Any], *, timeout: float = TIMEOUT) -> None:
    """POST the JSON; DeliveryError unless the hook answers 2xx. The environment's proxies are not used
    (trust_env=False): the URL is the one the config names, nothing else."""
    try:
        with httpx.Client(trust_env=False, timeout=timeout, follow_redirects=False) as client:
            answer = client.post(url, json=body)
    except httpx.HTTPError as exc:
        raise DeliveryError(f"the webhook could not be reached: {exc}") from exc
    if not 200 <= answer.status_code < 300:
        raise DeliveryError(f"the webhook answered HTTP {answer.status_code}: {answer.text[:200]}")
