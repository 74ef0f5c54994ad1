"""Constrained output for local models: a reply made only of given words (llama.cpp GBNF).

A small model asked for a lead phrase (扎实推进不动产登记工作) often reaches for a word its notes
do not have (排查, 效率, 情况), and the lead is refused. llama.cpp can restrict each sampled token
to those a grammar allows, so the model still chooses the words and their order, but only from
the notes' own words and the genre's: the checks then refuse far fewer replies. Endpoints and the
rule-based model have no grammar; the runner drops the option for them (``supports_grammar``).
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable
from dataclasses import dataclass

GRAMMAR_OPTION = "grammar"
WORD_RE = re.compile(r"[\u4e00-\u9fff]+")  # only plain Chinese words: nothing to escape in GBNF


@dataclass(frozen=True)
class Phrase:
    """A verb–object phrase: one of ``openers``, up to two of ``lead_in`` (default: the general
    ``words``), then one of ``own`` (the notes' words: a phrase of general words alone names no
    work), then up to ``max_words`` more words, a joiner (和) allowed only between two words."""

    openers: Collection[str]
    own: Collection[str]
    words: Collection[str] = ()
    joiners: Collection[str] = ()
    max_words: int = 5
    lead_in: Collection[str] | None = None


def supports_grammar(model: object) -> bool:
    """Whether ``model`` takes a ``grammar`` option (the in-process llama.cpp model declares it)."""
    return bool(getattr(model, "supports_grammar", False))


def phrase_grammar(phrase: Phrase) -> str | None:
    """GBNF for one phrase and nothing else; None when the words make no phrase (notes with no
    word of their own, such as 推进编制工作: the model then writes unconstrained and the checks judge)."""
    if not writable(phrase):
        return None
    return "\n".join(["root ::= phrase", *phrase_rules("phrase", phrase)]) + "\n"


def clauses_grammar(phrase: Phrase, max_clauses: int = 3, prefix: str = "", end: str = "。") -> str | None:
    """GBNF for one to ``max_clauses`` phrases joined by "，", after ``prefix`` ([1] ) and before
    ``end``; None when the words make no phrase."""
    if not writable(phrase):
        return None
    more = " ".join('("，" clause)?' for _ in range(max_clauses - 1))
    start = f'"{prefix}" ' if prefix else ""
    return "\n".join([f'root ::= {start}clause {more} "{end}"', *phrase_rules("clause", phrase)]) + "\n"


def writable(phrase: Phrase) -> bool:
    """Whether the grammar allows any phrase: it needs an opener and one of the notes' own words."""
    return bool(alternatives(phrase.openers) and alternatives(phrase.own))


def phrase_rules(name: str, phrase: Phrase) -> list[str]:
    general = set(phrase.words) - set(phrase.own)
    opener, own, any_word = alternatives(phrase.openers), alternatives(phrase.own), alternatives({*phrase.own, *general})
    joins = alternatives(phrase.joiners)
    step = f"({joins})? {name}-word" if joins else f"{name}-word"
    lead_in = general if phrase.lead_in is None else set(phrase.lead_in) - set(phrase.own)
    pre = f"{name}-general? {name}-general? " if alternatives(lead_in) else ""
    rest = " ".join(f"({step})?" for _ in range(phrase.max_words - 1))
    rules = [f"{name} ::= {name}-opener {pre}{name}-own {rest}", f"{name}-opener ::= {opener}",
             f"{name}-own ::= {own}", f"{name}-word ::= {any_word}"]
    if pre:
        rules.append(f"{name}-general ::= {alternatives(lead_in)}")
    return rules


def alternatives(words: Iterable[str]) -> str:
    kept = sorted({w for w in words if WORD_RE.fullmatch(w)}, key=lambda w: (-len(w), w))
    return " | ".join(f'"{w}"' for w in kept)
