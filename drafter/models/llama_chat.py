"""A LangChain chat model over llama.cpp (llama-cpp-python), for GGUF files run in-process.

One ``llama_cpp.Llama`` per model file per process: loading costs seconds and ~1 GB, and a kept
instance lets llama.cpp reuse its KV cache for the longest common token prefix, so repeated
calls that share a long system prompt only evaluate the part that differs; the fixed heads of the
prompts are also kept as saved states (``drafter.models.prompt_heads``). A lock serialises calls
to that instance (llama.cpp contexts are not thread-safe; Gradio calls from threads).
"""

from __future__ import annotations

import os
import threading
import time
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, ClassVar

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import (
    AIMessage,
    AIMessageChunk,
    BaseMessage,
    ChatMessage,
    HumanMessage,
    SystemMessage,
)
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from drafter.errors import ModelError
from drafter.models.grammar import GRAMMAR_OPTION
from drafter.models.prompt_heads import FIXED_HEAD, HeadStates, common_length, formatted_head

DEFAULT_N_CTX = 4096
DEFAULT_N_THREADS = 2


class _LoadedLlama:
    """A loaded model with the lock that serialises its use."""

    def __init__(self, llama: Any, n_ctx: int, heads: HeadStates | None = None) -> None:
        self.llama = llama
        self.n_ctx = n_ctx
        self.lock = threading.Lock()
        self.formatter = _chat_formatter(llama)
        self.heads = heads


_loaded: dict[Path, _LoadedLlama] = {}
_loading_lock = threading.Lock()


def load_llama(model_path: Path, n_ctx: int = DEFAULT_N_CTX, n_threads: int = DEFAULT_N_THREADS) -> Any:
    """The process-wide ``llama_cpp.Llama`` for ``model_path`` (loaded on first use)."""
    return _load(Path(model_path), n_ctx, n_threads).llama


def _load(model_path: Path, n_ctx: int, n_threads: int) -> _LoadedLlama:
    key = model_path.resolve()
    with _loading_lock:
        loaded = _loaded.get(key)
        # A context at least as large serves the caller; a smaller one is replaced, never doubled.
        if loaded is not None and loaded.n_ctx >= n_ctx:
            return loaded
        if not key.is_file():
            raise ModelError(f"找不到模型文件 {model_path}。请检查 DRAFTER_GGUF，或运行 `bash scripts/install.sh`。")
        Llama = import_llama_cpp().Llama
        try:
            llama = Llama(model_path=str(key), n_ctx=n_ctx, n_threads=n_threads, verbose=False)
        except (ValueError, RuntimeError) as error:
            raise ModelError(f"无法加载模型文件 {model_path}（{error}）。请确认它是完整的 GGUF 文件。") from None
        _loaded[key] = _LoadedLlama(llama, n_ctx, head_states(key, n_ctx))
        return _loaded[key]


def head_states(model_path: Path, n_ctx: int) -> HeadStates:
    """Where the states of ``model_path``'s prompt heads are kept (the model cache), tagged with what they fit."""
    from drafter.settings import get_settings

    version = getattr(import_llama_cpp(), "__version__", "")
    tag = f"{model_path.name}|{model_path.stat().st_size}|{version}|{n_ctx}"
    return HeadStates(get_settings().model_cache / "prompt-heads", tag)


def import_llama_cpp() -> Any:
    """``llama_cpp``, imported with OpenMP told to sleep rather than spin while it waits.

    With the default (spinning) policy, two llama.cpp threads on a 2-core machine that is also
    running anything else decode 5-8x slower (measured: 1.4 vs 8 tokens/s for the 0.5B model).
    libgomp reads the variable when the library loads, so this must run before the first import.
    """
    os.environ.setdefault("OMP_WAIT_POLICY", "PASSIVE")
    try:
        import llama_cpp
    except ImportError:
        raise ModelError("未安装 llama-cpp-python。请运行 `bash scripts/install.sh`。") from None
    return llama_cpp


def unload_all() -> None:
    """Drop every cached model (tests; freeing memory)."""
    with _loading_lock:
        _loaded.clear()


def _chat_formatter(llama: Any) -> Any:
    """The formatter llama-cpp-python builds from the GGUF's chat template, to count prompt tokens."""
    from llama_cpp import llama_chat_format  # already imported by _load

    template = llama.metadata.get("tokenizer.chat_template")
    if not template:
        return None
    vocab = llama._model  # noqa: SLF001 - the same source Llama.__init__ reads bos/eos from
    eos_id, bos_id = llama.token_eos(), llama.token_bos()
    return llama_chat_format.Jinja2ChatFormatter(
        template=template,
        eos_token=vocab.token_get_text(eos_id) if eos_id != -1 else "",
        bos_token=vocab.token_get_text(bos_id) if bos_id != -1 else "",
    )


def to_llama_messages(messages: list[BaseMessage]) -> list[dict[str, str]]:
    return [{"role": _role(message), "content": _text(message)} for message in messages]


def _role(message: BaseMessage) -> str:
    if isinstance(message, SystemMessage):
        return "system"
    if isinstance(message, HumanMessage):
        return "user"
    if isinstance(message, AIMessage):
        return "assistant"
    if isinstance(message, ChatMessage):
        return message.role
    raise ModelError(f"本地模型不支持 {message.type} 类型的消息。")


def _text(message: BaseMessage) -> str:
    if isinstance(message.content, str):
        return message.content
    return "".join(part if isinstance(part, str) else str(part.get("text", "")) for part in message.content)


@lru_cache(maxsize=64)
def compiled_grammar(text: str) -> Any:
    """llama.cpp's parsed form of a GBNF grammar (a re-asked lead uses the same grammar again)."""
    try:
        return import_llama_cpp().LlamaGrammar.from_string(text, verbose=False)
    except ValueError as error:
        raise ModelError(f"输出约束无法解析（{error}）。") from None


class LlamaChatModel(BaseChatModel):
    """Chat with a local GGUF through llama.cpp, using the chat template stored in the file.

    It takes a ``grammar`` option (GBNF, see ``drafter.models.grammar``) that restricts the reply."""

    supports_grammar: ClassVar[bool] = True

    model_config = ConfigDict(arbitrary_types_allowed=True, protected_namespaces=())

    model_path: Path
    n_ctx: int = DEFAULT_N_CTX
    n_threads: int = DEFAULT_N_THREADS
    temperature: float = 0.3
    max_tokens: int = 512
    stop: list[str] | None = None
    # Qwen2.5's published sampling defaults; the repeat penalty keeps a small model from looping.
    top_p: float = 0.8
    top_k: int = 20
    repeat_penalty: float = 1.05
    seed: int | None = None
    timeout: float | None = Field(default=120.0, description="seconds for one call, waiting included")

    @property
    def _llm_type(self) -> str:
        return "llama-cpp"

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {"model_path": str(self.model_path), "n_ctx": self.n_ctx, "temperature": self.temperature}

    @property
    def llama(self) -> Any:
        """The shared ``llama_cpp.Llama`` (loads the model on first use)."""
        return self._loaded().llama

    def _loaded(self) -> _LoadedLlama:
        return _load(Path(self.model_path), self.n_ctx, self.n_threads)

    def get_num_tokens(self, text: str) -> int:
        return len(self.llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        pieces: list[str] = []
        usage: UsageMetadata | None = None
        finish_reason: str | None = None
        for chunk in self._stream(messages, stop=stop, run_manager=run_manager, **kwargs):
            message = chunk.message
            pieces.append(str(message.content))
            if isinstance(message, AIMessageChunk) and message.usage_metadata:
                usage = message.usage_metadata
            finish_reason = (chunk.generation_info or {}).get("finish_reason", finish_reason)
        reply = AIMessage(
            content="".join(pieces),
            usage_metadata=usage,
            response_metadata={"finish_reason": finish_reason, "model_name": Path(self.model_path).name},
        )
        return ChatResult(generations=[ChatGeneration(message=reply, generation_info={"finish_reason": finish_reason})])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        deadline = time.monotonic() + self.timeout if self.timeout else None
        loaded = self._loaded()
        llama_messages = to_llama_messages(messages)
        head_chars = int(messages[-1].additional_kwargs.get(FIXED_HEAD, 0)) if messages else 0
        if not loaded.lock.acquire(timeout=self._remaining(deadline) if deadline else -1):
            raise ModelError(f"本地模型正忙，{self.timeout:g} 秒内没有轮到本次调用。请稍后重试。")
        try:
            yield from self._generate_locked(loaded, llama_messages, head_chars, stop, deadline, kwargs)
        finally:
            loaded.lock.release()

    def _generate_locked(
        self,
        loaded: _LoadedLlama,
        llama_messages: list[dict[str, str]],
        head_chars: int,
        stop: list[str] | None,
        deadline: float | None,
        options: dict[str, Any],
    ) -> Iterator[ChatGenerationChunk]:
        tokens, head_length = self._prompt_tokens(loaded, llama_messages, head_chars)
        prompt_tokens = len(tokens)
        budget = loaded.n_ctx - prompt_tokens
        if budget <= 0:
            raise ModelError(
                f"提示词有 {prompt_tokens} 个词元，超过本地模型上下文 {loaded.n_ctx}。请缩短材料或分段生成。"
            )
        if loaded.heads is not None and head_length:
            loaded.heads.prepare(loaded.llama, tokens, head_length)
        grammar = options.get(GRAMMAR_OPTION)
        stream = loaded.llama.create_chat_completion(
            messages=llama_messages,
            grammar=compiled_grammar(grammar) if grammar else None,
            stream=True,
            temperature=options.get("temperature", self.temperature),
            max_tokens=min(options.get("max_tokens", self.max_tokens), budget),
            stop=(stop or []) + (self.stop or []),
            top_p=self.top_p,
            top_k=self.top_k,
            repeat_penalty=self.repeat_penalty,
            seed=self.seed,
        )
        pieces: list[str] = []
        finish_reason: str | None = None
        try:
            # llama.cpp cannot be interrupted inside one decode, so the deadline is checked per token;
            # the prompt itself is bounded by n_ctx.
            for chunk in stream:
                if deadline is not None and time.monotonic() > deadline:
                    raise ModelError(
                        f"本地模型在 {self.timeout:g} 秒内没有答完（超时）。"
                        "请缩短材料、减少生成长度，或用 DRAFTER_TIMEOUT 放宽时限。"
                    )
                choice = chunk["choices"][0]
                finish_reason = choice.get("finish_reason") or finish_reason
                text = choice["delta"].get("content") or ""
                if text:
                    pieces.append(text)
                    yield ChatGenerationChunk(message=AIMessageChunk(content=text))
        finally:
            stream.close()  # stops generation when the caller stops early or we time out
        completion_tokens = len(loaded.llama.tokenize("".join(pieces).encode("utf-8"), add_bos=False, special=False))
        usage = UsageMetadata(
            input_tokens=prompt_tokens,
            output_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        )
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", usage_metadata=usage, chunk_position="last"),
            generation_info={"finish_reason": finish_reason},
        )

    @staticmethod
    def _prompt_tokens(loaded: _LoadedLlama, llama_messages: list[dict[str, str]],
                       head_chars: int = 0) -> tuple[list[int], int]:
        """The prompt's tokens as llama.cpp will read them, and how many of the first never change
        (``head_chars``: the fixed start of the last message)."""
        if loaded.formatter is None:
            text = "\n".join(message["content"] for message in llama_messages)
        else:
            text = loaded.formatter(messages=llama_messages).prompt
        tokenize = loaded.llama.tokenize
        tokens = tokenize(text.encode("utf-8"), add_bos=False, special=True)
        head = formatted_head(text, llama_messages[-1]["content"] if llama_messages else "", head_chars)
        if not head:
            return tokens, 0
        # A head's last token may merge with what follows it: only the tokens both agree on are fixed.
        return tokens, common_length(tokenize(head.encode("utf-8"), add_bos=False, special=True), tokens)

    @staticmethod
    def _remaining(deadline: float) -> float:
        return max(0.0, deadline - time.monotonic())
