"""Figure continuity: this report's figures against the same unit's earlier reports.

Each fact is matched with the same metric in earlier periods (same name after normalising, or a
close name with the same kind of measure). Changes are computed here with ``decimal`` — relative
change in % for counts and amounts, percentage points for rates — and four things are flagged:

- ``yoy-mismatch``: the text states a 同比 change the earlier figure contradicts
  (同比增长6.8% when 5962件 → 5780件 is −3.1%);
- ``cumulative-decrease``: a running total (累计…) lower than an earlier one;
- ``measure-change``: the same metric counted in another measure (亩 vs 公顷, 万元 vs 亿元);
- ``implausible-jump``: a comparable period's figure multiplied or divided by five or more.

No model does arithmetic: a model may only help name a metric, elsewhere.
"""

from __future__ import annotations

import difflib
from decimal import ROUND_HALF_UP, Decimal

from drafter.continuity.facts import POINTS, report_facts
from drafter.continuity.history import Dated, missing_history_message
from drafter.continuity.lexicon import lexicon
from drafter.continuity.records import Change, Fact, FigureFlag, FiguresResult, MetricHistory
from drafter.store.meta import parse_period
from drafter.structure.figures import MULTIPLIERS

CLOSE_NAME = 0.85  # difflib ratio above which two metric names are taken as the same metric
MIN_SUFFIX_CHARS = 4
HUNDRED = Decimal(100)
ONE_PLACE = Decimal("0.1")


def same_metric(fact: Fact, other: Fact) -> bool:
    if fact.base != other.base:
        return False
    if fact.key == other.key:
        return True
    shorter, longer = sorted((fact.key, other.key), key=len)
    if len(shorter) >= MIN_SUFFIX_CHARS and longer.endswith(shorter):
        return True  # 优良天数比例 = 空气质量优良天数比例
    return difflib.SequenceMatcher(None, fact.key, other.key).ratio() >= CLOSE_NAME


def relation(fact: Fact, earlier: Fact) -> str:
    """同比 (same span a year before), 环比 (the span just before, same length) or 较<period>."""
    now, then = parse_period(fact.period), parse_period(earlier.period)
    if now.half == then.half and now.year - then.year == 1:
        return "同比"
    if now.half and then.half and (now.year, now.half) in ((then.year, "H2"), (then.year + 1, "H1")) and then.half != now.half:
        return "环比"
    return f"较{then.label}"


def change_of(fact: Fact, earlier: Fact) -> Change:
    factor = fact.base_value / fact.value if fact.value else Decimal(1)
    difference = fact.base_value - earlier.base_value
    percent = None if fact.is_rate or not earlier.base_value else difference / earlier.base_value * HUNDRED
    name = relation(fact, earlier)
    if fact.is_rate:
        amount = f"{signed_words(difference, '提高', '降低')}{abs(difference).quantize(ONE_PLACE, ROUND_HALF_UP).normalize():f}{POINTS}"
    elif percent is not None:
        amount = f"{signed_words(percent)}{abs(percent).quantize(ONE_PLACE, ROUND_HALF_UP):f}%"
    else:
        amount = f"{signed_words(difference)}{abs(difference / factor).normalize():f}{fact.measure}"
    return Change(earlier, name, difference, percent, f"{name}{amount}（{earlier.written}→{fact.written}）")


def signed_words(value: Decimal, up: str = "增长", down: str = "下降") -> str:
    return up if value > 0 else down if value < 0 else "持平"


def label(period: str) -> str:
    return parse_period(period).label if period else "往期"


def stated_mismatch(fact: Fact, change: Change) -> str | None:
    """Why the stated 同比 contradicts the computed one, or None when they agree (to rounding)."""
    stated = fact.stated
    if stated is None or change.relation != stated.relation:
        return None
    tolerance = lexicon().tolerance
    claimed = stated.amount * stated.sign
    if stated.unit == "%":
        computed = change.percent if not fact.is_rate else (change.difference / change.earlier.base_value * HUNDRED
                                                           if change.earlier.base_value else None)
        unit = "%"
    elif stated.unit == POINTS:
        if not fact.is_rate:
            return None
        computed, unit = change.difference, POINTS
    else:
        factor = fact.base_value / fact.value if fact.value else Decimal(1)
        computed, unit, tolerance = change.difference / factor, stated.unit, Decimal("0.5")
    if computed is None:
        return None
    if abs(claimed - computed) <= tolerance and (claimed == 0 or computed == 0 or (claimed > 0) == (computed > 0)):
        return None
    shown = computed.quantize(ONE_PLACE, ROUND_HALF_UP).normalize()
    return (f"“{fact.metric}{fact.written}，{stated.text}”与{label(change.earlier.period)}的{change.earlier.written}"
            f"（{change.earlier.sentence.cite()}）不符：按两期数字计算应为{shown:f}{unit}。")


def measure_changed(fact: Fact, earlier: Fact) -> bool:
    """亩 → 公顷 always; a scale change (万元 → 亿元) only when both figures could be written in
    either scale (3200户 after 1.3万户 is how anyone writes it; 21400万元 after 3.12亿元 is not)."""
    if fact.measure == earlier.measure:
        return False
    if fact.unit != earlier.unit:
        return True
    return min(abs(fact.value), abs(earlier.value)) >= max(scale_of(fact), scale_of(earlier))


def scale_of(fact: Fact) -> Decimal:
    return MULTIPLIERS.get(fact.measure[: len(fact.measure) - len(fact.unit)], Decimal(1))


def flags_for(fact: Fact, changes: list[Change]) -> list[FigureFlag]:
    flags: list[FigureFlag] = []
    for change in changes:
        if message := stated_mismatch(fact, change):
            flags.append(FigureFlag("yoy-mismatch", message, fact, change.earlier))
    if changes:
        latest = changes[-1].earlier
        if measure_changed(fact, latest):
            flags.append(FigureFlag(
                "measure-change",
                f"“{fact.metric}”本期计量单位为“{fact.measure}”（{fact.written}），{label(latest.period)}为“{latest.measure}”"
                f"（{latest.written}，{latest.sentence.cite()}）；前后不一致，请统一单位。", fact, latest))
    if fact.cumulative:
        for change in changes:
            if change.earlier.cumulative and fact.base_value < change.earlier.base_value:
                flags.append(FigureFlag(
                    "cumulative-decrease",
                    f"累计数“{fact.metric}{fact.written}”小于{label(change.earlier.period)}已报的{change.earlier.written}"
                    f"（{change.earlier.sentence.cite()}）；累计数不应减少，请核实。", fact, change.earlier))
                break
    jump = lexicon().jump_factor
    for change in changes:
        earlier = change.earlier
        if fact.is_rate or change.relation not in ("同比", "环比") or not earlier.base_value or not fact.base_value:
            continue
        ratio = fact.base_value / earlier.base_value
        if ratio >= jump or ratio <= 1 / jump:
            flags.append(FigureFlag(
                "implausible-jump",
                f"“{fact.metric}”{change.relation}从{earlier.written}变为{fact.written}（约{ratio.quantize(ONE_PLACE):f}倍），"
                f"变化异常，请核实数字或单位（上期见{earlier.sentence.cite()}）。", fact, earlier))
    return flags


def match_earlier(fact: Fact, earlier_facts: list[list[Fact]]) -> list[Change]:
    """One earlier fact per earlier report (the first of the same metric), oldest first."""
    changes = []
    for facts in earlier_facts:
        found = next((other for other in facts if other.key == fact.key and other.base == fact.base), None)
        found = found or next((other for other in facts if same_metric(fact, other)), None)
        if found is not None:
            changes.append(change_of(fact, found))
    return changes


def check_figures(current: Dated, earlier: list[Dated]) -> FiguresResult:
    """The report's facts, each with the same metric in earlier reports, and the flags."""
    result = FiguresResult(current.report.title, current.org, str(current.period))
    facts = report_facts(current)
    result.facts = len(facts)
    summaries = [report for report in earlier if report.kind != "plan"]  # a plan's figures are targets
    result.earlier = [report.name for report in summaries]
    if not summaries:
        result.message = missing_history_message(current, "的工作总结，无法对照数字")
        return result
    earlier_facts = [report_facts(report) for report in summaries]
    for fact in facts:
        changes = match_earlier(fact, earlier_facts)
        if changes:
            result.histories.append(MetricHistory(fact, changes))
            result.flags += flags_for(fact, changes)
    return result
