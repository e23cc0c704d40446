"""The README documents every command and every config key (with its default), and every command's --help
carries an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

from collector.config import Key, spec
from pulso.cli import cli

README = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")


def all_commands(group: click.Group, prefix: str = "pulso") -> list[tuple[str, click.Command]]:
    found = []
    for name, command in group.commands.items():
        full = f"{prefix} {name}"
        if isinstance(command, click.Group):
            found.extend(all_commands(command, full))
        else:
            found.append((full, command))
    return found


@pytest.mark.parametrize(("name", "command"), all_commands(cli), ids=lambda v: v if isinstance(v, str) else "")
def test_every_command_is_in_the_readme_with_an_example_in_its_help(name: str, command: click.Command):
    assert f"`{name}`" in README, f"{name} is missing from the README's command table"
    assert "Example:" in (command.help or ""), f"{name} --help has no 'Example:' line"


def test_readme_shows_the_two_setup_commands():
    assert "make demo" in README and "make test" in README


def _shown_default(key: Key) -> str:
    """A default as the README shows it: a TOML literal, or words when the real default is computed."""
    if key.required:
        return "required"
    if key.shown:
        return key.shown
    value = key.default
    if value is None:
        return "none"
    if isinstance(value, bool):
        return f"`{str(value).lower()}`"
    if isinstance(value, float):
        return f"`{value:g}`"
    return f'`"{value}"`' if isinstance(value, str) else f"`{list(value)}`"


def _readme_config_rows() -> list[str]:
    section = README.split("### Configuration reference", 1)[1]
    table = section.strip().split("\n\n", 1)[0]
    return table.splitlines()[2:]


def test_readme_configuration_table_is_the_config_spec():
    expected = [f"| `{k.name}` | `{k.table}` | {_shown_default(k)} | {k.help} |"
                for table in spec().values() for k in table.values()]
    assert _readme_config_rows() == expected, "README's configuration table should be:\n" + "\n".join(expected)
