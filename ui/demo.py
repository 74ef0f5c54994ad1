"""A slowed rule-based model, so a test (or a demo) can watch drafting progress and stop it."""

from __future__ import annotations

import time
from typing import Any

from langchain_core.messages import BaseMessage
from langchain_core.outputs import ChatResult

from drafter.models.fake import RuleBasedChatModel


class SlowRuleBasedChatModel(RuleBasedChatModel):
    """``RuleBasedChatModel`` that waits ``delay`` seconds per answer, as a small local model does."""

    delay: float = 0.5

    def _generate(self, messages: list[BaseMessage], stop: list[str] | None = None, run_manager: Any = None,
                  **kwargs: Any) -> ChatResult:
        time.sleep(self.delay)
        return super()._generate(messages, stop, run_manager, **kwargs)
