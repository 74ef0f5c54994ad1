"""Shared fixtures: every test gets its own DRAFTER_HOME; outbound sockets are blocked by
pytest-socket (--allow-hosts in pyproject.toml), so a hidden download fails the suite."""

from __future__ import annotations

import os
import socket
import subprocess
from pathlib import Path

import pytest

from drafter.settings import Settings

REPO = Path(__file__).resolve().parent.parent
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
NATIONAL = SHARED / "eval" / "national"


# The models scripts/install.sh assembled live under the user's own DRAFTER_HOME; captured here,
# before the autouse fixture gives every test a fresh home, so real-model tests can find them.
REAL_MODEL_CACHE = Settings().model_cache


@pytest.fixture(autouse=True)
def drafter_home(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "drafter-home"
    monkeypatch.setenv("DRAFTER_HOME", str(home))
    for variable in ("DRAFTER_CHROMA_URL", "DRAFTER_MODEL", "DRAFTER_GGUF", "DRAFTER_EMBEDDED_MODEL",
                     "DRAFTER_TIMEOUT", "DRAFTER_FAKE_MODEL", "DRAFTER_DEBUG", "OPENAI_BASE_URL", "OPENAI_API_KEY"):
        monkeypatch.delenv(variable, raising=False)
    monkeypatch.setenv("HF_HUB_OFFLINE", "1")
    monkeypatch.setenv("ANONYMIZED_TELEMETRY", "False")
    return home


@pytest.fixture
def embedded_model(monkeypatch):
    """Point the factory at an embedded model assembled by the install script (skip if absent).

    Call it with the model name; returns the GGUF path and sets DRAFTER_GGUF for the test.
    """

    def use(name: str = "qwen2.5-coder-1.5b") -> Path:
        from drafter.models.embedded import embedded_model_spec

        path = REAL_MODEL_CACHE / embedded_model_spec(name).filename
        if not path.exists():
            pytest.skip(f"{name} is not assembled in {REAL_MODEL_CACHE}: run bash scripts/install.sh")
        monkeypatch.setenv("DRAFTER_GGUF", str(path))
        return path

    return use


def free_port() -> int:
    """A free TCP port on loopback, for the servers the tests start."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def stop_process(process: subprocess.Popen, seconds: float = 10) -> None:
    """Terminate a server the test started; kill it if it does not stop in time."""
    process.terminate()
    try:
        process.wait(timeout=seconds)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()


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
