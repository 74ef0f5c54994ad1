"""Exemplars: passages of past reports from the store, shown to the model as quoted data.

A passage reaches a prompt only through the sanitiser (drafting/sanitize.py): chat tokens and
instruction-like lines go, and figures are masked (digits → ＊, Chinese quantities → X) —
small models copy figures straight out of examples. The store is optional — with no
retriever, or a store that fails, a section is simply written without exemplars.

Exemplars lend voice, not content, and only when they are about the same work: a passage is
kept when enough of the query's topic words (its section and first note, jieba nouns and
verbs) occur in it. The retriever's fused score ranks but is no similarity (reciprocal-rank
fusion always has a best hit, even for another department), so the floor is on the words.
With none on topic the section is written without exemplars — an education draft must not
open its items with a natural-resources report's 坚持规划先行，强化空间管理.
"""

from __future__ import annotations

from typing import Any, Protocol

from drafter.drafting.draft import Exemplar
from drafter.drafting.grouping import topic_words
from drafter.drafting.prompts import render
from drafter.drafting.sanitize import one_line
from drafter.errors import DrafterError

MAX_EXEMPLAR_CHARS = 140  # prompt length is time on a CPU model; one sentence or two is enough
CANDIDATES = 4  # hits looked at for each exemplar wanted; the first on-topic ones are kept
MIN_TOPIC_SHARE = 0.3  # share of the query's topic words the passage must contain …
MIN_TOPIC_WORDS = 2  # … and at least this many of them


class SearchesReports(Protocol):
    def search(self, query: str, k: int = 3, role: str = "progress") -> list[Any]: ...


def find_exemplars(retriever: SearchesReports | None, query: str, role: str, k: int = 1) -> list[Exemplar]:
    if retriever is None or not query.strip():
        return []
    try:
        hits = retriever.search(query, k=k * CANDIDATES, role=role)
    except DrafterError:
        return []  # an unusable store must not stop a draft; the section is written without exemplars
    exemplars: list[Exemplar] = []
    for hit in hits:
        text = str(getattr(hit, "text", "") or "").strip()
        if not text or not on_topic(query, text):
            continue
        if len(exemplars) == k:
            break
        exemplars.append(Exemplar(
            chunk_id=str(getattr(hit, "id", "")),
            source=str(getattr(hit, "source", "")),
            text=one_line(text, mask=True, limit=MAX_EXEMPLAR_CHARS),
            score=float(getattr(hit, "score", 0.0) or 0.0),
        ))
    return exemplars


def on_topic(query: str, passage: str) -> bool:
    """Whether ``passage`` is about the same work as ``query`` (the similarity floor)."""
    words = topic_words(query)
    shared = [word for word in words if word in passage]
    return len(shared) >= min(MIN_TOPIC_WORDS, len(words)) > 0 and len(shared) >= MIN_TOPIC_SHARE * len(words)


def quoted_block(exemplars: list[Exemplar]) -> str:
    """The prompt block: each passage on its own line inside 「」, introduced as data."""
    if not exemplars:
        return ""
    quoted = "\n".join(f"> 「{e.text}」" for e in exemplars)
    return render("exemplars", quoted=quoted)
