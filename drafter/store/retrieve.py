"""Hybrid search over past reports: dense (Chroma) + BM25 (jieba tokens), fused by reciprocal rank.

Dense vectors find paraphrases; BM25 finds rare exact terms. Reciprocal-rank fusion needs no score
calibration between the two. Filters (role, org, period, kind) apply to both sides; MMR, when
asked, re-orders the fused candidates for diversity.

Retrieved text is untrusted: it reaches a prompt only through drafter.drafting.sanitize (the
drafting chain's one sanitiser), which strips chat tokens and neutralises instruction-like lines.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from drafter.store.lexical import tokenize
from drafter.store.meta import parse_period
from drafter.store.reports import ReportStore
from drafter.structure.kinds import ROLE_LABELS

RRF_K = 60  # the constant from Cormack et al. (2009); damps the influence of top ranks
CANDIDATES_PER_HIT = 4
MIN_CANDIDATES = 20
MMR_LAMBDA = 0.7
DENSE_OVERFETCH = 10  # a filter keeping 1 chunk in 6 (one part role) still leaves enough


@dataclass
class Hit:
    id: str
    text: str
    score: float  # reciprocal-rank-fusion score; higher is better
    source: str
    metadata: dict[str, Any] = field(default_factory=dict)
    dense_rank: int | None = None  # 1-based rank on each side, None when that side missed it
    lexical_rank: int | None = None

    @property
    def role(self) -> str:
        return str(self.metadata.get("role", ""))

    def label(self) -> str:
        parts = [str(self.metadata.get("title") or self.metadata.get("file") or "")]
        if period := self.metadata.get("period"):
            parts.append(str(period))
        parts.append(ROLE_LABELS.get(self.role, self.role))
        if section := self.metadata.get("section"):
            parts.append(str(section))
        return "｜".join(part for part in parts if part)


class Retriever:
    """Holds a store open for repeated searches (the drafting chain makes many)."""

    def __init__(self, store: ReportStore | None = None) -> None:
        self.store = store or ReportStore()
        self._model_checked = False

    def search(self, query: str, k: int = 5, *, role: str | None = None, org: str | None = None,
               period: str | None = None, kind: str | None = None, mmr: bool = False) -> list[Hit]:
        if not query.strip() or k <= 0 or self.store.count() == 0:
            return []
        query_vector = self.embed_query(query)
        return self.search_by_vector(query, query_vector, k, role=role, org=org, period=period, kind=kind, mmr=mmr)

    def embed_query(self, query: str) -> list[float]:
        if not self._model_checked:
            self.store.check_model()
            self._model_checked = True
        return self.store.embeddings.embed_query(query)

    def search_by_vector(self, query: str, query_vector: list[float], k: int = 5, *, role: str | None = None,
                         org: str | None = None, period: str | None = None, kind: str | None = None,
                         mmr: bool = False) -> list[Hit]:
        """Hybrid search with the query already embedded (lets benchmarks time the rest alone)."""
        filters = build_filters(role, org, period, kind)
        wanted = max(k * CANDIDATES_PER_HIT, MIN_CANDIDATES)
        dense = self.dense_search(query_vector, wanted, filters)
        lexical = self.store.lexical.search(tokenize(query), wanted, filters)
        fused = reciprocal_rank_fusion([[i for i, _ in dense], [i for i, _ in lexical]])
        stored = self.store.chunks([chunk_id for chunk_id, _ in fused[: wanted]])
        # Ids missing from the catalogue are vectors left by an interrupted write: never show them.
        fused = [(chunk_id, score) for chunk_id, score in fused if chunk_id in stored]
        if mmr:
            fused = self.diversify(query_vector, fused[: max(2 * k, 10)], k)
        dense_rank = {chunk_id: rank for rank, (chunk_id, _) in enumerate(dense, 1)}
        lexical_rank = {chunk_id: rank for rank, (chunk_id, _) in enumerate(lexical, 1)}
        hits = []
        for chunk_id, score in fused[:k]:
            chunk = stored[chunk_id]
            hits.append(Hit(chunk_id, chunk.text, score, str(chunk.metadata.get("source", "")), chunk.metadata,
                            dense_rank.get(chunk_id), lexical_rank.get(chunk_id)))
        return hits

    def dense_search(self, query_vector: list[float], n: int, filters: dict[str, Any]) -> list[tuple[str, float]]:
        """Nearest chunks by vector. With filters, first try a wider unfiltered search filtered here:
        Chroma's filtered HNSW search costs ~20 ms at 10k chunks, the wide one a few ms."""
        count = self.store.count()
        if min(n, count) <= 0:
            return []
        if filters:
            wide = self.query_chroma(query_vector, min(n * DENSE_OVERFETCH, count), None)
            lexical = self.store.lexical
            matching = [(chunk_id, distance) for chunk_id, distance in wide if lexical.matches(chunk_id, filters)]
            if len(matching) >= n or len(wide) >= count:
                return matching[:n]
        return self.query_chroma(query_vector, min(n, count), chroma_where(filters))

    def query_chroma(self, query_vector: list[float], n: int, where: dict[str, Any] | None) -> list[tuple[str, float]]:
        result = self.store.collection().query(query_embeddings=[query_vector], n_results=n, where=where,
                                               include=["distances"])
        return list(zip(result["ids"][0], result["distances"][0], strict=True))

    def diversify(self, query_vector: list[float], fused: list[tuple[str, float]], k: int) -> list[tuple[str, float]]:
        from langchain_core.vectorstores.utils import maximal_marginal_relevance

        if len(fused) <= 1:
            return fused
        got = self.store.collection().get(ids=[chunk_id for chunk_id, _ in fused], include=["embeddings"])
        vectors = dict(zip(got["ids"], got["embeddings"], strict=True))
        pool = [(chunk_id, score) for chunk_id, score in fused if chunk_id in vectors]
        order = maximal_marginal_relevance(np.asarray(query_vector), [list(vectors[i]) for i, _ in pool],
                                           lambda_mult=MMR_LAMBDA, k=min(k, len(pool)))
        return [pool[index] for index in order]


def search(query: str, k: int = 5, *, role: str | None = None, org: str | None = None, period: str | None = None,
           kind: str | None = None, mmr: bool = False, store: ReportStore | None = None) -> list[Hit]:
    """One-off hybrid search; use ``Retriever`` to keep the store open across searches."""
    return Retriever(store).search(query, k, role=role, org=org, period=period, kind=kind, mmr=mmr)


def build_filters(role: str | None, org: str | None, period: str | None, kind: str | None) -> dict[str, Any]:
    """Metadata equalities; a bare year (2023) matches that year's reports of any half."""
    filters: dict[str, Any] = {}
    if role:
        filters["role"] = role
    if org:
        filters["org"] = org
    if kind:
        filters["kind"] = kind
    if period:
        parsed = parse_period(period)
        if parsed.half:
            filters["period"] = str(parsed)
        else:
            filters["year"] = parsed.year
    return filters


def chroma_where(filters: dict[str, Any]) -> dict[str, Any] | None:
    clauses = [{key: value} for key, value in filters.items()]
    if not clauses:
        return None
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


def reciprocal_rank_fusion(rankings: list[list[str]], k: int = RRF_K) -> list[tuple[str, float]]:
    scores: dict[str, float] = {}
    for ranking in rankings:
        for rank, chunk_id in enumerate(ranking, 1):
            scores[chunk_id] = scores.get(chunk_id, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def open_retriever() -> Retriever | None:
    """The local store's Retriever when it holds chunks, else None: drafting never fails for want
    of exemplars (an empty or unusable store just means no exemplars)."""
    from drafter.errors import DrafterError
    from drafter.store.reports import ReportStore

    try:
        store = ReportStore()
        return Retriever(store) if store.count() else None
    except (DrafterError, OSError):
        return None
