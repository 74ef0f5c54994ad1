"""Saved llama.cpp states of the prompt heads that never change, so a draft reads each one once per machine.

Every call of a draft starts with the same system prompt and then one task's instructions and
format examples (``prompts/<task>.md`` before its first ``{variable}``): 170–400 tokens that the
1.5B model reads at ~60 tokens/s. llama.cpp already reuses the KV cache of the call before, but a
draft alternates tasks (headings, then leads, then measures) and every process starts cold, so
each run read every head again: 7–10 s of a 15–50 s draft.

A call marks how much of its human message is fixed (``FIXED_HEAD`` in the message's
``additional_kwargs``, set by ``drafter.drafting.prompts``). Before the call, ``HeadStates``
restores the saved state of that head when that saves reading it; a head met for the first time
is evaluated once (as the call would have) and its state kept in memory and on disk. Only the
package's own prompt text is saved: a head ends before the first value filled in, so no notes
or names of the user's ever reach the file.
"""

from __future__ import annotations

import ctypes
import hashlib
import logging
import os
import tempfile
from pathlib import Path
from typing import Any

# Key of a human message's ``additional_kwargs``: how many of its first characters never change.
FIXED_HEAD = "drafter_fixed_head"
# Restoring a state costs a copy of a few MB; below this many tokens saved it is not worth it.
MIN_GAIN = 48
DIGEST_SIZE = 32  # a state file starts with the sha256 of the state

log = logging.getLogger(__name__)


def formatted_head(prompt: str, content: str, head_chars: int) -> str:
    """The start of the formatted ``prompt`` up to the fixed part of its last message ``content``."""
    start = prompt.rfind(content) if content else -1
    return prompt[: start + head_chars] if start >= 0 and head_chars > 0 else ""


def common_length(first: Any, second: list[int]) -> int:
    length = 0
    for a, b in zip(first, second, strict=False):
        if a != b:
            break
        length += 1
    return length


class HeadStates:
    """The states of the fixed prompt heads of one loaded model, in memory and in ``folder``."""

    def __init__(self, folder: Path | None, model_tag: str) -> None:
        self.folder = folder
        self.model_tag = model_tag  # a state fits only the model file, context size and library it came from
        self.states: dict[tuple[int, ...], bytes] = {}

    def prepare(self, llama: Any, tokens: list[int], head_length: int) -> None:
        """Before a call of ``tokens`` whose first ``head_length`` never change: leave llama.cpp
        holding at least that head, restored from a saved state or read and saved now."""
        head = tuple(tokens[:head_length])
        held = common_length(llama.input_ids[: llama.n_tokens], tokens)
        if head_length - held < MIN_GAIN:
            return  # the call before shared the head (or it is short): llama.cpp reuses it as it is
        data = self.states.get(head) or self.read(head)
        if data is not None:
            if self.restore(llama, head, data):
                return
            held = 0  # a state that did not fit may have left the context half overwritten
        llama.n_tokens = held  # eval drops whatever the context holds beyond this
        llama.eval(list(head[held:]))
        self.keep(head, self.capture(llama))

    def restore(self, llama: Any, head: tuple[int, ...], data: bytes) -> bool:
        import llama_cpp

        buffer = (ctypes.c_uint8 * len(data)).from_buffer_copy(data)
        if llama_cpp.llama_state_set_data(llama._ctx.ctx, buffer, len(data)) != len(data):  # noqa: SLF001
            log.warning("prompt head state did not fit the model; reading the prompt instead")
            llama.reset()
            self.forget(head)
            return False
        llama.input_ids[: len(head)] = head
        llama.n_tokens = len(head)
        # The restored logits are not a live decode's: llama-cpp-python must decode before sampling.
        llama._requires_eval = True  # noqa: SLF001
        return True

    @staticmethod
    def capture(llama: Any) -> bytes:
        import llama_cpp

        size = llama_cpp.llama_state_get_size(llama._ctx.ctx)  # noqa: SLF001
        buffer = (ctypes.c_uint8 * int(size))()
        written = llama_cpp.llama_state_get_data(llama._ctx.ctx, buffer, size)  # noqa: SLF001
        return bytes(buffer[: int(written)])

    def keep(self, head: tuple[int, ...], data: bytes) -> None:
        self.states[head] = data
        path = self.path(head)
        if path is None:
            return
        try:  # written whole or not at all, with its checksum: a damaged state must never be restored
            path.parent.mkdir(parents=True, exist_ok=True)
            with tempfile.NamedTemporaryFile(dir=path.parent, delete=False) as file:
                file.write(hashlib.sha256(data).digest() + data)
            os.replace(file.name, path)
        except OSError as error:  # a read-only cache only costs speed
            log.info("prompt head state not saved (%s)", error)

    def forget(self, head: tuple[int, ...]) -> None:
        """Drop a state llama.cpp refused, here and on disk, so no later run tries it again."""
        self.states.pop(head, None)
        if (path := self.path(head)) is not None:
            path.unlink(missing_ok=True)

    def read(self, head: tuple[int, ...]) -> bytes | None:
        path = self.path(head)
        if path is None or not path.is_file():
            return None
        try:
            stored = path.read_bytes()
        except OSError:
            return None
        digest, data = stored[:DIGEST_SIZE], stored[DIGEST_SIZE:]
        if hashlib.sha256(data).digest() != digest:
            log.info("prompt head state %s is damaged; reading the prompt instead", path.name)
            return None
        self.states[head] = data
        return data

    def path(self, head: tuple[int, ...]) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{self.model_tag}|{','.join(map(str, head))}".encode()).hexdigest()[:24]
        return self.folder / f"{digest}.state"
