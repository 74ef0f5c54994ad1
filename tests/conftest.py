"""Shared fixtures: every test gets its own DRAFTER_HOME; outbound sockets are blocked by
pytest-socket (--allow-hosts in pyproject.toml), so a hidden download fails the suite."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
NATIONAL = SHARED / "eval" / "national"


@pytest.fixture(autouse=True)
def drafter_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "drafter-home"
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    for variable in ("DRAFTER_CHROMA_URL", "DRAFTER_MODEL", "DRAFTER_GGUF", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    return home


def shared_file(path: Path) -> Path:
    if not path.exists():
        pytest.skip(f"{path} is absent (../shared is reference material beside the repo)")
    return path


@pytest.fixture
def seed_000() -> Path:
    return shared_file(SEEDS / "000_81561affda6ea7a5.txt")


@pytest.fixture
def seed_003() -> Path:
    return shared_file(SEEDS / "003_42ae1e7b23a160c2.txt")


def national_reports() -> list[Path]:
    return sorted(NATIONAL.glob("gwr_national_*.txt")) if NATIONAL.exists() else []


os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
