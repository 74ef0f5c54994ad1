"""The package ships py.typed, so its annotations are checked: `python -m mypy` must pass.

The configuration ([tool.mypy] in pyproject.toml) is strict on structure, store, models, review,
settings, errors and textio, and runs the default checks on the rest of drafter and ui.
"""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import REPO


def test_mypy_passes():
    # The cache (.mypy_cache, git-ignored) makes repeat runs take about a second; a cold run ~30 s.
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=REPO, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "Success: no issues found" in result.stdout
