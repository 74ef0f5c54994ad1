"""A deterministic embedder for tests: jieba words and single characters hashed into a fixed-size
unit vector, so texts sharing words are close, and nothing loads e5. It counts what it embeds."""

from __future__ import annotations

import hashlib
import math

import jieba
from langchain_core.embeddings import Embeddings


class FakeEmbeddings(Embeddings):
    model_name = "fake-hash-256"

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim
        self.model_name = f"fake-hash-{dim}"
        self.document_calls = 0
        self.embedded_texts: list[str] = []
        self.query_calls = 0

    def vector(self, text: str) -> list[float]:
        values = [0.0] * self.dim
        features = [word for word in jieba.lcut(text) if word.strip()] + [char for char in text if char.strip()]
        for feature in features:
            digest = hashlib.blake2b(feature.encode("utf-8"), digest_size=8).digest()
            bucket = int.from_bytes(digest[:4], "little") % self.dim
            sign = 1.0 if digest[4] & 1 else -1.0
            values[bucket] += sign * (2.0 if len(feature) > 1 else 0.5)
        norm = math.sqrt(sum(v * v for v in values)) or 1.0
        if norm == 1.0 and not any(values):
            values[0] = 1.0
        return [v / norm for v in values]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        self.document_calls += 1
        self.embedded_texts.extend(texts)
        return [self.vector(text) for text in texts]

    def embed_query(self, text: str) -> list[float]:
        self.query_calls += 1
        return self.vector(text)
