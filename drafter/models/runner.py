"""The model runner: every chat-model call of a draft goes through one ``ModelRunner``.

It records each call (tokens, seconds, success) for the draft's provenance and stops asking
after repeated failures, so a dead endpoint costs three timeouts, not one per note. What a
model may be asked to do at once is declared with the model: ``writes_sections(model)``.
"""

from __future__ import annotations

import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from drafter.errors import ModelError
from drafter.models.grammar import GRAMMAR_OPTION, supports_grammar

if TYPE_CHECKING:  # LangChain is slow to import; drafts load (drafter drafts list) without it
    from langchain_core.language_models import BaseChatModel
    from langchain_core.messages import BaseMessage

MAX_FAILURES_IN_A_ROW = 3  # then stop asking: a dead endpoint must not cost 120 s per note
# Metadata key the model factory sets on every model it builds (see ``writes_sections``).
WRITES_SECTIONS = "drafter_writes_sections"


@dataclass
class CallRecord:
    stage: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    ok: bool = True


def writes_sections(model: BaseChatModel | None) -> bool:
    """Whether ``model`` writes a whole section per call (strong endpoints) rather than one item
    per call (the small local models). The one place this is decided: from what the model
    declares in its metadata (set by ``drafter.models.factory``); undeclared models write items."""
    if model is None:
        return False
    return bool((model.metadata or {}).get(WRITES_SECTIONS, False))


class ModelRunner:
    """Calls the chat model, records every call, and stops after repeated failures."""

    def __init__(self, model: BaseChatModel | None, max_failures: int = MAX_FAILURES_IN_A_ROW):
        self.model = model
        self.records: list[CallRecord] = []
        self.failures_in_a_row = 0
        self.max_failures = max_failures

    @property
    def exhausted(self) -> bool:
        return self.model is None or self.failures_in_a_row >= self.max_failures

    def ask(self, stage: str, messages: Sequence[BaseMessage], **options: Any) -> str:
        """The model's reply to ``messages`` (built by ``drafter.drafting.prompts.prompt_messages``);
        ``options`` (``stop``, ``max_tokens``, ``grammar`` where the model takes one) go to its ``invoke``."""
        if self.model is None:
            raise ModelError("没有可用的模型。")
        if self.exhausted:
            raise ModelError("模型已连续多次没有响应，其余内容直接由要点生成。")
        if GRAMMAR_OPTION in options and not (options[GRAMMAR_OPTION] and supports_grammar(self.model)):
            options = {k: v for k, v in options.items() if k != GRAMMAR_OPTION}  # none, or one it cannot take
        started = time.monotonic()
        try:
            message = self.model.invoke(list(messages), **options)
        except Exception as error:  # the model is an outside system: any failure is a failed call
            self.failures_in_a_row += 1
            self.records.append(CallRecord(stage, seconds=time.monotonic() - started, ok=False))
            raise ModelError(f"{type(error).__name__}: {error}") from error
        self.failures_in_a_row = 0
        usage = getattr(message, "usage_metadata", None) or {}
        self.records.append(CallRecord(
            stage, usage.get("input_tokens", 0), usage.get("output_tokens", 0), time.monotonic() - started, True
        ))
        return message.content if isinstance(message.content, str) else str(message.content)
