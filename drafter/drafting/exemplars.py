"""Exemplars: passages of past reports from the store, shown to the model as quoted data.

A passage reaches a prompt only through the sanitiser (drafting/sanitize.py): chat tokens and
instruction-like lines go, and figures are masked (digits → ＊, Chinese quantities → X) —
small models copy figures straight out of examples. The store is optional — with no
retriever, or a store that fails, a section is simply written without exemplars.
"""

from __future__ import annotations

from typing import Any, Protocol

from drafter.drafting.draft import Exemplar
from drafter.drafting.prompts import render
from drafter.drafting.sanitize import one_line
from drafter.errors import DrafterError

MAX_EXEMPLAR_CHARS = 140  # prompt length is time on a CPU model; one sentence or two is enough


class SearchesReports(Protocol):
    def search(self, query: str, k: int = 3, role: str = "progress") -> list[Any]: ...


def find_exemplars(retriever: SearchesReports | None, query: str, role: str, k: int = 1) -> list[Exemplar]:
    if retriever is None or not query.strip():
        return []
    try:
        hits = retriever.search(query, k=k, role=role)
    except DrafterError:
        return []  # an unusable store must not stop a draft; the section is written without exemplars
    exemplars = []
    for hit in hits[:k]:
        text = str(getattr(hit, "text", "") or "").strip()
        if not text:
            continue
        exemplars.append(Exemplar(
            chunk_id=str(getattr(hit, "id", "")),
            source=str(getattr(hit, "source", "")),
            text=one_line(text, mask=True, limit=MAX_EXEMPLAR_CHARS),
            score=float(getattr(hit, "score", 0.0) or 0.0),
        ))
    return exemplars


def quoted_block(exemplars: list[Exemplar]) -> str:
    """The prompt block: each passage on its own line inside 「」, introduced as data."""
    if not exemplars:
        return ""
    quoted = "\n".join(f"> 「{e.text}」" for e in exemplars)
    return render("exemplars", quoted=quoted)
