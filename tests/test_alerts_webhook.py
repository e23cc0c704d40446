"""`pulso alert` to a webhook receiver on 127.0.0.1: the JSON Slack, Teams and Mattermost take, feed text that
cannot ping a channel or write a link, the URL read from the variable [alerts].webhook_env names, and a hook
that refuses is tried again by the next run."""

from __future__ import annotations

import json
from datetime import timedelta

import pytest
from click.testing import CliRunner

from pulso.cli import cli
from tests.alertskit import NOW, add_spike, steady_db, webhook_server, write_config

HOSTILE = "@channel <!here> [gana](javascript:alert(1)) <https://evil.example|pincha> acme fatal"


def run(config, db, monkeypatch, url: str, *extra: str, at=NOW):
    monkeypatch.setenv("PULSO_TEST_HOOK", url)
    return CliRunner().invoke(cli, ["alert", "--config", str(config), "--db", str(db), "--at", at.isoformat(),
                                    *extra])


def hook_config(tmp_path, fmt: str):
    return write_config(tmp_path, f'webhook_env = "PULSO_TEST_HOOK"\nwebhook_format = "{fmt}"')


def test_slack_gets_mrkdwn_blocks_with_feed_text_escaped(tmp_path, monkeypatch):
    db = add_spike(steady_db(tmp_path / "p.duckdb"), text=HOSTILE).close()
    with webhook_server() as hook:
        result = run(hook_config(tmp_path, "slack"), db, monkeypatch, hook.url)
    assert result.exit_code == 0, result.output
    (body,) = hook.bodies
    assert set(body) == {"text", "blocks"} and "pico de textos negativos" in body["text"]
    assert [b["type"] for b in body["blocks"]][:1] == ["section"] and body["blocks"][-1]["type"] == "context"
    section = next(b["text"]["text"] for b in body["blocks"] if "Pico de textos negativos" in b["text"]["text"])
    assert "<https://blog-a.example.com/corte/#comment-0|abrir>" in section
    assert "<https://pulso.example.com/sentiment.html|Ver en el sitio>" in section
    assert "&lt;!here&gt;" in section and "<!here>" not in section and "<https://evil" not in section
    assert "@\u2060channel" in section and "@channel" not in section


def test_teams_gets_one_adaptive_card(tmp_path, monkeypatch):
    db = add_spike(steady_db(tmp_path / "p.duckdb"), text=HOSTILE).close()
    with webhook_server() as hook:
        assert run(hook_config(tmp_path, "teams"), db, monkeypatch, hook.url).exit_code == 0
    (body,) = hook.bodies
    assert body["type"] == "message"
    (attachment,) = body["attachments"]
    assert attachment["contentType"] == "application/vnd.microsoft.card.adaptive"
    card = attachment["content"]
    assert card["type"] == "AdaptiveCard" and card["version"] == "1.4"
    texts = [block["text"] for block in card["body"]]
    assert all(block["type"] == "TextBlock" for block in card["body"])
    joined = "\n".join(texts)
    assert "[abrir](https://blog-a.example.com/corte/#comment-0)" in joined
    assert "](javascript:" not in joined and "\\[gana\\]\\(javascript:alert\\(1\\)\\)" in joined


def test_mattermost_gets_markdown_text_that_cannot_notify_a_channel(tmp_path, monkeypatch):
    db = add_spike(steady_db(tmp_path / "p.duckdb"), text=HOSTILE).close()
    with webhook_server() as hook:
        assert run(hook_config(tmp_path, "mattermost"), db, monkeypatch, hook.url).exit_code == 0
    (body,) = hook.bodies
    assert set(body) == {"username", "text"} and body["username"] == "Pulso"
    assert "@channel" not in body["text"] and "@\u2060channel" in body["text"]
    assert "[abrir](https://blog-a.example.com/corte/#comment-0)" in body["text"]
    assert "](javascript:" not in body["text"]


def test_a_hook_that_refuses_exits_1_and_the_next_run_sends_the_alerts(tmp_path, monkeypatch):
    db = add_spike(steady_db(tmp_path / "p.duckdb")).close()
    config = hook_config(tmp_path, "slack")
    with webhook_server() as hook:
        hook.status = 500
        refused = run(config, db, monkeypatch, hook.url)
        assert refused.exit_code == 1 and "HTTP 500" in refused.output
        hook.status = 200
        retry = run(config, db, monkeypatch, hook.url, at=NOW + timedelta(minutes=20))
        again = run(config, db, monkeypatch, hook.url, at=NOW + timedelta(minutes=40))
    assert retry.exit_code == 0 and again.exit_code == 0
    assert len(hook.bodies) == 1, json.dumps(hook.bodies)[:300]


@pytest.mark.parametrize(("value", "message"), [("", "environment variable is empty"),
                                                ("file:///etc/passwd", "must be an http(s) URL")])
def test_a_webhook_variable_that_is_empty_or_not_http_is_bad_config(tmp_path, monkeypatch, value, message):
    db = steady_db(tmp_path / "p.duckdb").close()
    result = run(hook_config(tmp_path, "slack"), db, monkeypatch, value)
    assert result.exit_code == 2 and message in result.output
