"""One typed settings object, and the only reader of the environment: flag → environment → default.

Variables are ``DRAFTER_*``, plus the OpenAI client's own ``OPENAI_BASE_URL`` and ``OPENAI_API_KEY``
so an existing endpoint set-up works unchanged. Nothing reads the environment at import time:
call ``get_settings()`` when you need it, so tests that set DRAFTER_HOME per test see their own
directory.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import Field, SecretStr, ValidationError
from pydantic_settings import BaseSettings, SettingsConfigDict

from drafter.errors import SettingsError

ENV_PREFIX = "DRAFTER_"
SOURCE_ROOT = Path(__file__).resolve().parent.parent
# Sent when no OPENAI_API_KEY is set: local servers check none, but the openai client needs one.
PLACEHOLDER_API_KEY = SecretStr("not-needed")


def default_home() -> Path:
    """``vectorstore/`` in a source checkout; ``~/.drafter`` when installed (a wheel lives in site-packages)."""
    if (SOURCE_ROOT / "pyproject.toml").is_file():
        return SOURCE_ROOT / "vectorstore"
    return Path.home() / ".drafter"


class Settings(BaseSettings):
    # Empty variables count as unset, as `OPENAI_BASE_URL= drafter …` means "no endpoint".
    model_config = SettingsConfigDict(env_prefix=ENV_PREFIX, extra="ignore", env_ignore_empty=True,
                                      populate_by_name=True)

    # All on-disk state lives under home: vector store, lexical index, drafts, model cache.
    home: Path = Field(default_factory=default_home)
    chroma_url: str | None = None  # a shared Chroma server for a team, e.g. http://127.0.0.1:8000
    collection: str = "reports"
    embedding: str = "e5-small"  # or "openai:<model>" for an OpenAI-compatible embeddings endpoint
    model: str | None = None  # chat model name for an OpenAI-compatible endpoint
    gguf: Path | None = None  # a local GGUF file to run with llama.cpp
    embedded_model: str = "qwen2.5-coder-1.5b"  # or "qwen2.5-coder-0.5b"
    fake_model: bool = False  # the rule-based stand-in model (drafter.models.fake): demos and tests, no weights
    timeout: float = 120.0  # seconds for one model call
    username: str | None = None  # web UI basic auth, for shared use
    password: str | None = None
    users_file: Path | None = None  # several web UI users (scrypt hashes); default $DRAFTER_HOME/users.toml
    fake_model_delay: float = 0.0  # seconds the fake model waits per answer (the web app's cancel test)
    debug: bool = False  # show tracebacks instead of one-line messages
    terms: Path | None = None  # a 提法 term list (TOML) for proofreading; default <home>/terms.toml if present
    openai_base_url: str | None = Field(default=None, validation_alias="OPENAI_BASE_URL")
    openai_api_key: SecretStr | None = Field(default=None, validation_alias="OPENAI_API_KEY")

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
    def users_path(self) -> Path:
        return self.users_file or self.home / "users.toml"

    @property
    def model_cache(self) -> Path:
        return self.home / "models"

    @property
    def terms_file(self) -> Path:
        return self.terms or self.home / "terms.toml"


def get_settings(**overrides: Any) -> Settings:
    """Current settings; keyword arguments (e.g. from CLI flags) win over the environment."""
    try:
        return Settings(**{key: value for key, value in overrides.items() if value is not None})
    except ValidationError as error:
        raise SettingsError(describe_invalid(error)) from None


def describe_invalid(error: ValidationError) -> str:
    """Which variable holds which unusable value, named as the user set it."""
    problems = []
    for detail in error.errors():
        field = str(detail["loc"][0]) if detail["loc"] else ""
        problems.append(f"{variable_name(field)}={detail.get('input')!r}（{detail['msg']}）")
    return "设置有误：" + "；".join(problems) + "。请改正或删除这些环境变量。"


def variable_name(field: str) -> str:
    """The environment variable a settings field is read from."""
    info = Settings.model_fields.get(field)
    if info is not None and isinstance(info.validation_alias, str):
        return info.validation_alias
    return field if field.isupper() else ENV_PREFIX + field.upper()
