"""The one model factory: every stage receives the chat model it returns.

Backends, first match wins:
0. the rule-based stand-in model (``DRAFTER_FAKE_MODEL=1``: demos and tests, no weights, no network);
1. an OpenAI-compatible endpoint (``OPENAI_BASE_URL``; or ``DRAFTER_MODEL`` with ``OPENAI_API_KEY``
   for OpenAI itself) through langchain-openai;
2. a local GGUF file (``DRAFTER_GGUF``) run in-process by llama.cpp;
3. the embedded default model (``DRAFTER_EMBEDDED_MODEL``), assembled from its pip packages.

Only the first sends text anywhere, and only to the endpoint the user configured.
"""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatGenerationChunk, ChatResult
from langchain_openai import ChatOpenAI
from pydantic import SecretStr

from drafter.errors import ModelError
from drafter.models.runner import WRITES_SECTIONS
from drafter.settings import PLACEHOLDER_API_KEY, Settings, get_settings

BackendKind = Literal["fake", "openai", "gguf", "embedded"]

# Servers that serve one model (llama.cpp's server, for one) accept any name; others need DRAFTER_MODEL.
DEFAULT_ENDPOINT_MODEL = "default"
OPENAI_API_BASE = "https://api.openai.com/v1"
FAKE_MODEL_NAME = "rule-based"


@dataclass(frozen=True)
class Backend:
    """Which model a setting selects; pure data, so it can be shown and tested without loading anything."""

    kind: BackendKind
    model: str  # endpoint model name, GGUF path, embedded model name, or the fake model's name
    base_url: str | None = None
    api_key: SecretStr | None = None  # shown as ********** if the backend is ever printed

    def describe(self) -> str:
        if self.kind == "openai":
            return f"openai:{self.model}@{self.base_url or OPENAI_API_BASE}"
        return f"{self.kind}:{self.model}"

    @property
    def is_small(self) -> bool:
        # Local models here are 0.5B–1.5B: they write one item per call (the fake mimics them);
        # endpoints write a section.
        return self.kind != "openai"


def select_backend(settings: Settings | None = None) -> Backend:
    """The backend ``settings`` choose (read now, not at import)."""
    settings = settings or get_settings()
    if settings.fake_model:
        return Backend("fake", FAKE_MODEL_NAME)
    base_url, api_key = settings.openai_base_url, settings.openai_api_key
    if base_url or (settings.model and api_key):
        return Backend("openai", settings.model or DEFAULT_ENDPOINT_MODEL, base_url=base_url, api_key=api_key)
    if settings.gguf:
        return Backend("gguf", str(settings.gguf))
    return Backend("embedded", settings.embedded_model)


def describe_model(settings: Settings | None = None) -> str:
    """Provenance string, e.g. ``embedded:qwen2.5-coder-1.5b``, ``openai:qwen-plus@http://…``, ``gguf:/path``."""
    return select_backend(settings).describe()


def model_is_small(settings: Settings | None = None) -> bool:
    """True for the local llama.cpp backends: callers then ask for one item per call, not a whole section."""
    return select_backend(settings).is_small


def make_chat_model(
    settings: Settings | None = None,
    *,
    purpose: str = "write",
    temperature: float = 0.3,
    max_tokens: int = 512,
) -> BaseChatModel:
    """The chat model for one pipeline stage; ``purpose`` tags its runs (write, outline, review, …)."""
    settings = settings or get_settings()
    backend = select_backend(settings)
    tags = [f"purpose:{purpose}", f"backend:{backend.kind}"]
    # What the model can be asked to do at once, declared with it (see models.runner.writes_sections).
    metadata: dict[str, Any] = {"drafter_model": backend.describe(), WRITES_SECTIONS: not backend.is_small}
    if backend.kind == "fake":
        from drafter.models.fake import RuleBasedChatModel

        return RuleBasedChatModel(tags=tags, metadata=metadata)
    if backend.kind == "openai":
        return _endpoint_model(backend, settings, temperature, max_tokens, tags, metadata)
    from drafter.models.llama_chat import LlamaChatModel

    if backend.kind == "gguf":
        path = Path(backend.model).expanduser()
        if not path.is_file():
            raise ModelError(f"DRAFTER_GGUF 指向的模型文件 {path} 不存在。请改正路径，或删除该变量以使用内置模型。")
    else:
        from drafter.models.embedded import embedded_model_path

        path = embedded_model_path(backend.model)
    return LlamaChatModel(
        model_path=path,
        temperature=temperature,
        max_tokens=max_tokens,
        timeout=settings.timeout,
        tags=tags,
        metadata=metadata,
    )


def _endpoint_model(
    backend: Backend,
    settings: Settings,
    temperature: float,
    max_tokens: int,
    tags: list[str],
    metadata: dict[str, Any],
) -> ChatOpenAI:
    # ChatOpenAI sends max_tokens as `max_completion_tokens`, which OpenAI understands but
    # compatible servers (llama.cpp, vLLM, DashScope) may ignore; they all read `max_tokens`.
    official = backend.base_url is None or "api.openai.com" in backend.base_url
    limit: dict[str, Any] = {"max_tokens": max_tokens} if official else {"extra_body": {"max_tokens": max_tokens}}
    return EndpointChatModel(
        model=backend.model,
        base_url=backend.base_url,
        api_key=backend.api_key or PLACEHOLDER_API_KEY,
        temperature=temperature,
        timeout=settings.timeout,
        max_retries=1,
        tags=tags,
        metadata=metadata,
        **limit,
    )


class EndpointChatModel(ChatOpenAI):
    """ChatOpenAI whose failures surface as ModelError with a Chinese message saying what to do."""

    def _generate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> ChatResult:
        try:
            return super()._generate(messages, *args, **kwargs)
        except Exception as error:
            self._raise_model_error(error)
            raise

    def _stream(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> Iterator[ChatGenerationChunk]:
        try:
            yield from super()._stream(messages, *args, **kwargs)
        except Exception as error:
            self._raise_model_error(error)
            raise

    async def _agenerate(self, messages: list[BaseMessage], *args: Any, **kwargs: Any) -> ChatResult:
        try:
            return await super()._agenerate(messages, *args, **kwargs)
        except Exception as error:
            self._raise_model_error(error)
            raise

    async def _astream(
        self, messages: list[BaseMessage], *args: Any, **kwargs: Any
    ) -> AsyncIterator[ChatGenerationChunk]:
        try:
            async for chunk in super()._astream(messages, *args, **kwargs):
                yield chunk
        except Exception as error:
            self._raise_model_error(error)
            raise

    def _raise_model_error(self, error: Exception) -> None:
        translated = self._model_error(error)
        if translated is not None:
            raise translated from error

    def _model_error(self, error: Exception) -> ModelError | None:
        """The endpoint's failure in words the user can act on; None for our own bugs."""
        import openai

        where = f"{self.model_name}@{self.openai_api_base or OPENAI_API_BASE}"
        if isinstance(error, openai.APITimeoutError):
            return ModelError(
                f"模型端点 {where} 在 {self.request_timeout} 秒内没有答完（超时）。请稍后重试或用 DRAFTER_TIMEOUT 放宽时限。"
            )
        if isinstance(error, openai.APIConnectionError):
            return ModelError(f"连不上模型端点 {where}。请检查 OPENAI_BASE_URL 和网络，或删除该变量以使用内置模型。")
        if isinstance(error, openai.AuthenticationError | openai.PermissionDeniedError):
            return ModelError(f"模型端点 {where} 拒绝了密钥。请检查 OPENAI_API_KEY。")
        if isinstance(error, openai.NotFoundError):
            return ModelError(f"模型端点 {where} 找不到模型“{self.model_name}”。请用 DRAFTER_MODEL 指定正确的模型名。")
        if isinstance(error, openai.RateLimitError):
            return ModelError(f"模型端点 {where} 限流或额度不足。请稍后重试或检查账户额度。")
        if isinstance(error, openai.APIStatusError):
            return ModelError(f"模型端点 {where} 返回错误 {error.status_code}：{error.message}")
        return None
