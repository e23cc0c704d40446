"""The README documents every command, and every command's --help carries an example."""

from __future__ import annotations

from pathlib import Path

import click
import pytest

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
