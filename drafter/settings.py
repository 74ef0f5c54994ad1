"""One typed settings object: explicit argument → environment (DRAFTER_*) → default.

Nothing reads the environment at import time: call ``get_settings()`` when you need it,
so tests that set DRAFTER_HOME per test see their own directory.
"""

from __future__ import annotations

from pathlib import Path

from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict

REPO_ROOT = Path(__file__).resolve().parent.parent


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="DRAFTER_", extra="ignore")

    # All on-disk state lives under home: vector store, lexical index, drafts, model cache.
    home: Path = Field(default=REPO_ROOT / "vectorstore")
    chroma_url: str | None = None  # a shared Chroma server for a team, e.g. http://127.0.0.1:8000
    collection: str = "reports"
    embedding: str = "e5-small"  # or "openai:<model>" for an OpenAI-compatible embeddings endpoint
    model: str | None = None  # chat model name for an OpenAI-compatible endpoint
    gguf: Path | None = None  # a local GGUF file to run with llama.cpp
    embedded_model: str = "qwen2.5-coder-1.5b"  # or "qwen2.5-coder-0.5b"
    timeout: float = 120.0  # seconds for one model call
    username: str | None = None  # web UI basic auth, for shared use
    password: str | None = None

    @property
    def chroma_dir(self) -> Path:
        return self.home / "chroma"

    @property
    def lexical_dir(self) -> Path:
        return self.home / "lexical"

    @property
    def drafts_db(self) -> Path:
        return self.home / "drafts.sqlite3"

    @property
    def model_cache(self) -> Path:
        return self.home / "models"


def get_settings(**overrides: object) -> Settings:
    """Current settings; keyword arguments (e.g. from CLI flags) win over the environment."""
    return Settings(**{key: value for key, value in overrides.items() if value is not None})
