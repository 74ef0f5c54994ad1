"""Plain-text views of the continuity results, with their sources (CLI output, README example)."""

from __future__ import annotations

from drafter.continuity.records import NOT_MENTIONED, STATUS_LABELS, CarryoverResult, FiguresResult
from drafter.store.meta import parse_period

CLIP = 60
FLAG_LABELS = {"yoy-mismatch": "同比不符", "cumulative-decrease": "累计数减少", "measure-change": "计量单位变化",
               "implausible-jump": "变化异常"}


def clip(text: str, width: int = CLIP) -> str:
    return text if len(text) <= width else text[:width] + "…"


def period_label(period: str) -> str:
    return parse_period(period).label if period else "时期不明"


def carryover_text(result: CarryoverResult) -> str:
    if result.message:
        return result.message
    counts = result.counts()
    lines = [f"上期报告：{result.previous}（{period_label(result.previous_period)}《{result.previous_title}》），"
             f"计划 {len(result.verdicts)} 项："
             + "，".join(f"{STATUS_LABELS[status]} {count}" for status, count in counts.items())]
    if result.notice:
        lines.insert(0, result.notice)
    # Unmentioned items first: they are what the writer must act on.
    ordered = sorted(result.verdicts, key=lambda v: v.status != NOT_MENTIONED)
    for verdict in ordered:
        judged = "，模型判断" if verdict.decided_by == "model" else ""
        lines.append(f"[{verdict.label}] {verdict.item.address}（上期第{verdict.item.line}行）{clip(verdict.item.text)}")
        if verdict.status == NOT_MENTIONED:
            lines.append(f"    {verdict.reason}")
            continue
        for evidence in verdict.evidence[:1]:
            lines.append(f"    ← 本期第{evidence.sentence.line}行：{clip(evidence.sentence.text)}"
                         f"（吻合度 {verdict.coverage:.2f}{judged}）")
    return "\n".join(lines)


def figures_text(result: FiguresResult) -> str:
    if result.message:
        return result.message
    lines = [f"本期读出 {result.facts} 个数字，{len(result.histories)} 个在往期报告中有同一指标"
             f"（对照：{'、'.join(result.earlier)}）；发现 {len(result.flags)} 处疑点。"]
    for flag in result.flags:
        lines.append(f"[{FLAG_LABELS.get(flag.code, flag.code)}] 第{flag.fact.sentence.line}行：{flag.message}")
    if result.histories:
        lines.append("指标对照：")
    for history in result.histories:
        fact = history.fact
        changes = "；".join(f"{change.text}，见{change.earlier.sentence.cite()}" for change in history.changes)
        lines.append(f"  {fact.metric} {fact.written}（第{fact.sentence.line}行）：{changes}")
    return "\n".join(lines)
