"""`pulso score` and `pulso sentiment train` commands (collector.cli_sentiment)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from click.testing import CliRunner

from pulso.cmd_sentiment import score_command, sentiment_group

REPO = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "sentiment"
SEEDS = (
    "Muchas gracias por tu comentario… ¡Lo recomiendo!\n"
    "llevo dos días intentando contactar con vosotros sin respuesta\n"
)


def test_score_round_trip_one_json_object_per_line() -> None:
    result = CliRunner().invoke(score_command, ["--lang", "es"], input=SEEDS + "\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["label"] for r in rows] == ["pos", "neg", "neu"]
    assert all(set(r) == {"lang", "score", "label", "intent", "needs_reply"} and r["lang"] == "es" for r in rows)


def test_score_explain_lists_terms_and_rules() -> None:
    result = CliRunner().invoke(score_command, ["--explain"], input="El servicio no es bueno\n")
    row = json.loads(result.output)
    assert row["lang"] == "es" and row["label"] == "neg"
    assert row["terms"] == [{"text": "bueno", "valence": row["terms"][0]["valence"], "rule": "negated"}]


def test_score_detects_language_per_line() -> None:
    text = "The flight was delayed for five hours and nobody told us anything\nEl vuelo llegó tarde\n"
    result = CliRunner().invoke(score_command, [], input=text)
    assert [json.loads(x)["lang"] for x in result.output.splitlines()] == ["en", "es"]


def test_score_rejects_unknown_language() -> None:
    assert CliRunner().invoke(score_command, ["--lang", "fr"], input="x\n").exit_code == 2


def test_score_runs_as_a_module_with_utf8_stdin() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "pulso.cmd_sentiment", "score", "--lang", "es"],
        input=SEEDS.encode("utf-8"), capture_output=True, cwd=REPO, timeout=60, check=True,
        env={"PATH": "/usr/bin:/bin", "LANG": "C"},
    )
    labels = [json.loads(x)["label"] for x in proc.stdout.decode("utf-8").splitlines()]
    assert labels == ["pos", "neg"]


def test_train_command_prints_report(tmp_path: Path) -> None:
    result = CliRunner().invoke(
        sentiment_group, ["train", str(FIXTURES / "invented_labels.csv"), "--model-dir", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    assert "macro-F1" in result.output and "ACTIVE" in result.output


def test_train_command_bad_file_exits_2(tmp_path: Path) -> None:
    result = CliRunner().invoke(sentiment_group, ["train", str(FIXTURES / "bad_label.csv"),
                                                  "--model-dir", str(tmp_path)])
    assert result.exit_code == 2 and "bad_label.csv:3" in result.output
