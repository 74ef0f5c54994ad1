"""A deterministic stand-in for the chat model, for tests of anything that calls a model.

    model = FakeChatModel(replies=["一是……", "二是……"])
    model = FakeChatModel(respond=lambda messages: "好")      # reply computed from the prompt
    model = FakeChatModel(replies=["甲"], errors={2: ModelError("模型响应超时")})  # 2nd call fails

Every call (invoke or stream) is recorded in ``model.prompts`` as the list of messages it saw.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.messages.ai import UsageMetadata
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import ConfigDict, Field

from drafter.errors import ModelError
from drafter.models.tokens import count_tokens


class FakeChatModel(BaseChatModel):
    """Replies from a queue (or from ``respond``), records prompts, fails on chosen calls."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    replies: list[str] = Field(default_factory=list)
    respond: Callable[[list[BaseMessage]], str] | None = None
    default_reply: str | None = None  # used when the queue is empty; None means an empty queue is an error
    errors: dict[int, BaseException] = Field(default_factory=dict)  # 1-based call number -> exception to raise
    chunk_chars: int = 4  # streaming splits each reply into pieces this long
    prompts: list[list[BaseMessage]] = Field(default_factory=list)
    stops: list[list[str] | None] = Field(default_factory=list)

    @classmethod
    def timing_out_on(cls, call_number: int, **fields: Any) -> FakeChatModel:
        """A fake whose ``call_number``-th call raises ModelError the way the real adapters do on timeout."""
        return cls(errors={call_number: ModelError("模型在限定时间内没有答完（超时）。")}, **fields)

    @property
    def _llm_type(self) -> str:
        return "fake-chat"

    @property
    def calls(self) -> int:
        return len(self.prompts)

    def prompt_text(self, index: int = -1) -> str:
        """All message contents of one recorded call, joined: convenient for ``in`` assertions."""
        return "\n".join(str(message.content) for message in self.prompts[index])

    def _next_reply(self, messages: list[BaseMessage], stop: list[str] | None) -> str:
        self.prompts.append(list(messages))
        self.stops.append(stop)
        error = self.errors.get(self.calls)
        if error is not None:
            raise error
        if self.respond is not None:
            return self.respond(list(messages))
        if self.replies:
            return self.replies.pop(0)
        if self.default_reply is not None:
            return self.default_reply
        raise AssertionError(f"FakeChatModel: call {self.calls} has no canned reply left")

    def _usage(self, messages: list[BaseMessage], reply: str) -> UsageMetadata:
        prompt_tokens = sum(count_tokens(str(message.content)) for message in messages)
        completion_tokens = count_tokens(reply)
        return UsageMetadata(
            input_tokens=prompt_tokens,
            output_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        )

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        reply = self._next_reply(messages, stop)
        message = AIMessage(content=reply, usage_metadata=self._usage(messages, reply))
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        reply = self._next_reply(messages, stop)
        for start in range(0, len(reply), self.chunk_chars):
            # BaseChatModel.stream reports each chunk to the callbacks itself.
            yield ChatGenerationChunk(message=AIMessageChunk(content=reply[start : start + self.chunk_chars]))
        yield ChatGenerationChunk(
            message=AIMessageChunk(content="", usage_metadata=self._usage(messages, reply), chunk_position="last")
        )
