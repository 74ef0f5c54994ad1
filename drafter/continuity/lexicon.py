"""The continuity word lists and measures, read once from ``lexicon.toml``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

LEXICON_PATH = Path(__file__).resolve().parent / "lexicon.toml"


@dataclass(frozen=True)
class Measure:
    name: str  # as written after the number: 亩, 公顷, 元 (a 万/亿 before it belongs to the number)
    base: str  # the unit values are compared in
    factor: Decimal  # one of ``name`` in ``base``


@dataclass(frozen=True)
class Lexicon:
    generic: frozenset[str]
    done_strong: tuple[str, ...]
    done: tuple[str, ...]
    under_way: tuple[str, ...]
    metric_prefix: tuple[str, ...]
    metric_suffix: tuple[str, ...]
    cumulative: tuple[str, ...]
    generic_metrics: frozenset[str]
    change_words: tuple[str, ...]
    jump_factor: Decimal
    tolerance: Decimal
    measures: tuple[Measure, ...]  # longest name first


def longest_first(words: list[str]) -> tuple[str, ...]:
    return tuple(sorted(set(words), key=lambda word: (-len(word), word)))


@cache
def lexicon() -> Lexicon:
    data: dict[str, Any] = tomllib.loads(LEXICON_PATH.read_text(encoding="utf-8"))
    carry, figures = data["carryover"], data["figures"]
    measures = [Measure(name, spec["base"], Decimal(spec["factor"])) for name, spec in figures["measures"].items()]
    return Lexicon(
        generic=frozenset(carry["generic"]),
        done_strong=tuple(carry["done_strong"]),
        done=tuple(carry["done"]),
        under_way=tuple(carry["under_way"]),
        metric_prefix=longest_first(figures["metric_prefix"]),
        metric_suffix=longest_first(figures["metric_suffix"]),
        cumulative=tuple(figures["cumulative"]),
        generic_metrics=frozenset(figures["generic_metrics"]),
        change_words=longest_first(figures["change_words"]),
        jump_factor=Decimal(figures["jump_factor"]),
        tolerance=Decimal(figures["tolerance"]),
        measures=tuple(sorted(measures, key=lambda measure: -len(measure.name))),
    )
