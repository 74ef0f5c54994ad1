"""`python -m pytest` is the one command that runs every check: ruff is part of it."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from tests.conftest import REPO


def test_ruff_is_clean():
    ruff = shutil.which("ruff")
    if ruff is None:
        pytest.skip("ruff is not installed (pip install -e '.[dev]')")
    result = subprocess.run([ruff, "check", "drafter", "ui", "tests", "bench", "scripts", "eval"], cwd=REPO,
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_every_cli_command_has_help():
    from click.testing import CliRunner

    from drafter.cli import main

    runner = CliRunner()
    for name, command in main.commands.items():
        assert command.help, f"drafter {name} has no help text"
        result = runner.invoke(main, [name, "--help"])
        assert result.exit_code == 0, (name, result.output)
