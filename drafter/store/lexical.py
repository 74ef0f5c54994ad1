"""The lexical side of hybrid search: BM25 (bm25s) over jieba tokens.

Rare exact terms (a place name, a project code, 增减挂钩) are where dense embeddings are weakest;
BM25 finds them. The index is rebuilt from the catalogue's cached tokens after every change and
saved as one generation directory; a small pointer file, replaced atomically, names the current
generation, so a reader never sees half an index.
"""

from __future__ import annotations

import json
import logging
import re
import shutil
import time
import uuid
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

import bm25s
import numpy as np

from drafter.errors import StoreError
from drafter.textio import write_text_atomically

# Filterable metadata kept beside the index, one list per key, in index order.
FILTER_KEYS = ("role", "org", "period", "kind", "year")
TOKEN_RE = re.compile(r"[\w\u4e00-\u9fff]", re.UNICODE)
STOPWORDS = frozenset("的 了 和 与 及 等 在 是 为 对 将 把 被 从 以 于 并 也 有 中 上 下 个 年 月 日 这 那 其 之 或 而 就 都 要".split())
POINTER = "current.json"


@lru_cache(maxsize=1)
def _jieba() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba


def tokenize(text: str) -> list[str]:
    """Search-mode jieba tokens (高标准农田 → 高标准, 农田, 高标准农田), lower-cased, no punctuation."""
    tokens = []
    for token in _jieba().cut_for_search(text):
        token = token.strip().lower()
        if token and TOKEN_RE.search(token) and token not in STOPWORDS:
            tokens.append(token)
    return tokens


@dataclass
class LexicalIndex:
    """BM25 scores over chunk ids, with the filterable metadata needed to mask results."""

    ids: list[str] = field(default_factory=list)
    columns: dict[str, list[Any]] = field(default_factory=dict)
    bm25: bm25s.BM25 | None = None
    generation: str = ""
    _arrays: dict[str, Any] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, ids: list[str], tokens: list[list[str]], columns: dict[str, list[Any]]) -> LexicalIndex:
        index = cls(list(ids), {key: list(columns.get(key, [])) for key in FILTER_KEYS})
        if ids:
            index.bm25 = bm25s.BM25()
            # Documents with no tokens still need a row so positions match ids.
            index.bm25.index([doc or [""] for doc in tokens], show_progress=False)
        return index

    def __len__(self) -> int:
        return len(self.ids)

    def mask(self, filters: dict[str, object]) -> np.ndarray | None:
        """1.0 for documents matching every filter, else 0.0; None when nothing is filtered."""
        active = {key: value for key, value in filters.items() if value not in (None, "")}
        if not active:
            return None
        mask = np.ones(len(self.ids), dtype=np.float32)
        for key, value in active.items():
            mask *= (self.column(key) == value).astype(np.float32)
        return mask

    def column(self, key: str) -> np.ndarray:
        # Plain str/int arrays compare in C; object arrays would call Python per element.
        if key not in self._arrays:
            self._arrays[key] = np.asarray(self.columns.get(key) or [""] * len(self.ids))
        array: np.ndarray = self._arrays[key]
        return array

    def matches(self, chunk_id: str, filters: dict[str, object]) -> bool:
        """Whether one chunk passes the filters (used to post-filter an unfiltered dense search)."""
        if "_positions" not in self._arrays:
            self._arrays["_positions"] = {chunk_id: i for i, chunk_id in enumerate(self.ids)}
        position = self._arrays["_positions"].get(chunk_id)
        if position is None:
            return False
        return all(self.columns[key][position] == value for key, value in filters.items() if value not in (None, ""))

    def search(self, query_tokens: list[str], k: int, filters: dict[str, object] | None = None) -> list[tuple[str, float]]:
        """Top ``k`` (id, BM25 score) with a positive score, best first."""
        if self.bm25 is None or not query_tokens or k <= 0:
            return []
        known = [token for token in query_tokens if token in self.bm25.vocab_dict]
        if not known:
            return []
        scores = self.bm25.get_scores(known, weight_mask=self.mask(filters or {}))
        count = min(k, len(scores))
        top = np.argpartition(-scores, count - 1)[:count]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    # --- persistence -------------------------------------------------------------------

    def save(self, directory: Path) -> None:
        """Write a new generation, then switch the pointer to it atomically; old ones are removed."""
        directory.mkdir(parents=True, exist_ok=True)
        generation = f"gen-{time.strftime('%Y%m%d%H%M%S')}-{uuid.uuid4().hex[:8]}"
        target = directory / generation
        target.mkdir()
        if self.bm25 is not None:
            self.bm25.save(str(target / "bm25"))
        with open(target / "meta.json", "w", encoding="utf-8") as handle:
            json.dump({"ids": self.ids, "columns": self.columns}, handle, ensure_ascii=False)
        write_atomic(directory / POINTER, json.dumps({"generation": generation}))
        self.generation = generation
        for old in directory.glob("gen-*"):
            if old.name != generation:
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, directory: Path) -> LexicalIndex | None:
        """The current generation, or None when no index was saved yet."""
        pointer = directory / POINTER
        if not pointer.exists():
            return None
        try:
            generation = json.loads(pointer.read_text(encoding="utf-8"))["generation"]
            target = directory / generation
            meta = json.loads((target / "meta.json").read_text(encoding="utf-8"))
            bm25 = bm25s.BM25.load(str(target / "bm25")) if (target / "bm25").exists() else None
        except (OSError, ValueError, KeyError) as error:
            raise StoreError(f"关键词索引（{directory}）已损坏：{error}。请运行 `drafter corpus reindex` 重建。") from error
        return cls(meta["ids"], meta["columns"], bm25, generation)


def write_atomic(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, text)
