"""Typed records of the continuity checks; every one turns into plain JSON with ``to_dict``."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from decimal import Decimal
from typing import Any

DONE, UNDER_WAY, NOT_MENTIONED = "done", "under_way", "not_mentioned"
STATUS_LABELS = {DONE: "已完成", UNDER_WAY: "正在推进", NOT_MENTIONED: "未提及"}


def plain(value: Any) -> Any:
    """Decimals as strings (exact), everything else as JSON already understands it."""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dict):
        return {key: plain(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [plain(item) for item in value]
    return value


@dataclass
class Sentence:
    """A sentence of a report, where it stands, so every verdict can cite it."""

    text: str
    line: int
    source: str  # file name, or the report's title
    period: str  # 2024H1
    role: str = ""  # the part it is in: progress, problems, plans …
    where: str = ""  # 一.（二） or 三

    def cite(self) -> str:
        place = f"第{self.line}行" if self.line else ""
        return f"{self.source}{place}（{self.period}）" if self.period else f"{self.source}{place}"


@dataclass
class PlanItem:
    """One promise of the previous report's plans part."""

    address: str  # 三.（二）.一是, or 三.（二） for a section without items
    text: str
    line: int
    heading: str = ""  # the section heading it stands under


@dataclass
class Evidence:
    sentence: Sentence
    score: float  # share of the item's distinctive words found (0–1)
    dense: float = 0.0  # cosine similarity of the embeddings


@dataclass
class Verdict:
    item: PlanItem
    status: str  # done | under_way | not_mentioned
    evidence: list[Evidence] = field(default_factory=list)
    coverage: float = 0.0
    decided_by: str = "rule"  # rule | model
    reason: str = ""

    @property
    def label(self) -> str:
        return STATUS_LABELS[self.status]


@dataclass
class CarryoverResult:
    title: str
    org: str
    period: str
    previous: str = ""  # the previous report's file
    previous_title: str = ""
    previous_period: str = ""
    verdicts: list[Verdict] = field(default_factory=list)
    message: str = ""  # why nothing was compared, when nothing was
    notice: str = ""  # something the reader should know about the comparison (another unit's report)

    def of_status(self, status: str) -> list[Verdict]:
        return [verdict for verdict in self.verdicts if verdict.status == status]

    @property
    def unmentioned(self) -> list[Verdict]:
        return self.of_status(NOT_MENTIONED)

    def counts(self) -> dict[str, int]:
        return {status: len(self.of_status(status)) for status in STATUS_LABELS}

    def to_dict(self) -> dict[str, Any]:
        data = plain(asdict(self))
        data["counts"] = self.counts()
        return dict(data)


@dataclass
class StatedChange:
    """A change the text states: 同比增长6.8%, 较上年同期提高18.2个百分点, 同比减少5天."""

    text: str
    relation: str  # 同比 | 环比 | 较上年
    sign: int  # +1 up, -1 down
    amount: Decimal
    unit: str  # % (relative), 个百分点, or a measure (absolute: 天, 件)


@dataclass
class Fact:
    """(unit, period, metric, value, measure), with the sentence it was read from."""

    org: str
    period: str
    order: tuple[int, int]
    metric: str  # as named in the text: 受理不动产登记
    key: str  # the name compared across reports
    value: Decimal  # as written, multiplier applied: 3.12亿元 → 312000000 (元)
    written: str  # 3.12亿元
    measure: str  # the measure as written, multiplier included: 亿元, 亩, %
    unit: str  # the measure without its multiplier: 元, 亩, %
    base: str  # the common unit: 元, 亩, %
    base_value: Decimal
    cumulative: bool
    sentence: Sentence
    stated: StatedChange | None = None

    @property
    def is_rate(self) -> bool:
        return self.base == "%"


@dataclass
class Change:
    """This period's figure against an earlier one, computed with decimal arithmetic."""

    earlier: Fact
    relation: str  # 同比 | 环比 | 较2023年上半年
    difference: Decimal  # in the later fact's base unit (percentage points for rates)
    percent: Decimal | None  # relative change in %, None for rates and a zero base
    text: str  # 同比增长5.5%（6842件→7215件）


@dataclass
class FigureFlag:
    code: str  # yoy-mismatch | cumulative-decrease | measure-change | implausible-jump
    message: str
    fact: Fact
    earlier: Fact


@dataclass
class MetricHistory:
    fact: Fact
    changes: list[Change] = field(default_factory=list)


@dataclass
class FiguresResult:
    title: str
    org: str
    period: str
    earlier: list[str] = field(default_factory=list)  # the earlier reports compared with
    histories: list[MetricHistory] = field(default_factory=list)  # metrics seen before, with their changes
    flags: list[FigureFlag] = field(default_factory=list)
    facts: int = 0  # facts read from the report
    message: str = ""

    def to_dict(self) -> dict[str, Any]:
        return dict(plain(asdict(self)))
