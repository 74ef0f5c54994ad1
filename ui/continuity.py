"""Continuity panels for the review view: last period's plans and earlier figures, as escaped HTML.

Every piece of report text (plan items, sentences, metrics, file names) is escaped: a ``<script>``
in a report is shown, never run.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from drafter.continuity.records import NOT_MENTIONED, STATUS_LABELS, CarryoverResult, FiguresResult
from drafter.continuity.render import FLAG_LABELS, period_label

if TYPE_CHECKING:
    from drafter.continuity.judge import Judge
    from drafter.store.reports import ReportStore

STATUS_CLASS = {"done": "drafter-done", "under_way": "drafter-under-way", "not_mentioned": "drafter-missing"}


def esc(value: object) -> str:
    return html.escape(str(value))


def carryover_html(result: CarryoverResult) -> str:
    """上期计划落实情况: one row per plan item, unmentioned first, with the sentences on both sides."""
    if result.message:
        return f"<p class='drafter-continuity-note'>{esc(result.message)}</p>"
    counts = "，".join(f"{STATUS_LABELS[status]} {count}" for status, count in result.counts().items())
    head = (f"<p>上期报告：{esc(result.previous)}（{esc(period_label(result.previous_period))}"
            f"《{esc(result.previous_title)}》），计划 {len(result.verdicts)} 项：{esc(counts)}</p>")
    rows = []
    for verdict in sorted(result.verdicts, key=lambda v: v.status != NOT_MENTIONED):
        if verdict.status == NOT_MENTIONED or not verdict.evidence:
            evidence = esc(verdict.reason)
        else:
            sentence = verdict.evidence[0].sentence
            judged = "（模型判断）" if verdict.decided_by == "model" else ""
            evidence = f"本期第{sentence.line}行：{esc(sentence.text)}{judged}"
        rows.append(
            f"<tr class='{STATUS_CLASS[verdict.status]}'><td>{esc(verdict.label)}</td>"
            f"<td>{esc(verdict.item.address)}<br>上期第{verdict.item.line}行</td>"
            f"<td>{esc(verdict.item.text)}</td><td>{evidence}</td></tr>")
    table = ("<table class='drafter-carryover'><tr><th>情况</th><th>上期条目</th><th>上期计划</th><th>本期依据</th></tr>"
             + "".join(rows) + "</table>")
    notice = f"<p class='drafter-continuity-note'>{esc(result.notice)}</p>" if result.notice else ""
    return notice + head + table


def figures_html(result: FiguresResult) -> str:
    """数字前后对照: the flags first, then each metric with its earlier values and computed changes."""
    if result.message:
        return f"<p class='drafter-continuity-note'>{esc(result.message)}</p>"
    head = (f"<p>本期读出 {result.facts} 个数字，{len(result.histories)} 个与往期同一指标对照"
            f"（{esc('、'.join(result.earlier))}）；疑点 {len(result.flags)} 处。</p>")
    flags = "".join(
        f"<li class='drafter-flag'><b>{esc(FLAG_LABELS.get(flag.code, flag.code))}</b> "
        f"第{flag.fact.sentence.line}行：{esc(flag.message)}</li>" for flag in result.flags)
    rows = "".join(
        f"<tr><td>{esc(history.fact.metric)}</td><td>{esc(history.fact.written)}（第{history.fact.sentence.line}行）</td>"
        f"<td>{'<br>'.join(esc(change.text + '，见' + change.earlier.sentence.cite()) for change in history.changes)}</td></tr>"
        for history in result.histories)
    table = ("<table class='drafter-figures'><tr><th>指标</th><th>本期</th><th>往期与变化（程序计算）</th></tr>"
             + rows + "</table>") if rows else ""
    return head + (f"<ul>{flags}</ul>" if flags else "<p>未发现数字前后不一致。</p>") + table


def continuity_panels(text: str, *, org: str | None = None, period: str | None = None,
                      store: ReportStore | None = None, judge: Judge | None = None,
                      markdown: bool = False) -> tuple[str, str]:
    """Both panels for a report's text, against the unit's earlier reports in the store.

    Rule-only unless a ``judge`` is given (the review view stays quick). Never raises for want of
    history: an empty store or an unknown unit gives a panel that says what to do.
    """
    from drafter.continuity.history import dated_text
    from drafter.continuity.review import History, run_carryover, run_figures

    current = dated_text(text, org=org, period=period, markdown=markdown)
    history = History(store)
    return carryover_html(run_carryover(current, history, judge)), figures_html(run_figures(current, history))
