"""Every data path is derived from the config file's folder, never from the current directory: a model
trained for `--config /somewhere/monitor.toml` is the model `rescore` and `collect` use."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from collector.config import load_config
from pulso.cli import cli

LABELS = Path(__file__).parent / "fixtures" / "sentiment" / "invented_labels.csv"
CONFIG = '[brand]\nname = "Acme"\n[[sources]]\nname = "a"\nurl = "http://127.0.0.1:9/feed"\n'


def test_data_paths_sit_beside_the_config_file(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    (tmp_path / "etc").mkdir()
    (tmp_path / "etc" / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    config = load_config("etc/monitor.toml")
    assert config.data_dir == tmp_path / "etc"
    assert (config.model_dir, config.overrides_path, config.triage_path) == (
        tmp_path / "etc" / "model", tmp_path / "etc" / "overrides.csv", tmp_path / "etc" / "triage.csv")


def test_a_model_trained_for_a_config_elsewhere_is_the_one_rescore_uses(tmp_path: Path,
                                                                          monkeypatch: pytest.MonkeyPatch):
    etc, elsewhere = tmp_path / "etc" / "pulso", tmp_path / "home"
    etc.mkdir(parents=True)
    elsewhere.mkdir()
    (etc / "monitor.toml").write_text(CONFIG, encoding="utf-8")
    monkeypatch.chdir(elsewhere)

    trained = CliRunner().invoke(cli, ["sentiment", "train", str(LABELS), "--config", str(etc / "monitor.toml")])
    assert trained.exit_code == 0, trained.output
    assert "ACTIVE" in trained.output
    assert (etc / "model").is_dir() and not (elsewhere / "data").exists()

    rescored = CliRunner().invoke(cli, ["sentiment", "rescore", "--config", str(etc / "monitor.toml"),
                                        "--db", str(tmp_path / "pulso.duckdb")])
    assert rescored.exit_code == 0, rescored.output
    assert "with the trained model" in rescored.output
