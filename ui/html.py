"""Everything the UI shows that contains notes, report or corpus text goes through here.

Notes and corpus files are user data: a ``<script>`` in them must be shown, not run. HTML
fragments escape every piece of text; chat messages (Markdown) escape HTML and Markdown syntax
so a note's ``**`` placeholder or a link in a corpus file is shown as written.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from typing import Any

from drafter.drafting.draft import Coverage, Exemplar
from drafter.structure.check import Finding

MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


def escape_markdown(text: str) -> str:
    """Text to show literally inside a Markdown message (no HTML, no emphasis, no links)."""
    return html.escape(MARKDOWN_SPECIAL.sub(r"\\\1", text), quote=False)


def paragraphs_html(text: str) -> str:
    return "".join(f"<p>{html.escape(line)}</p>" for line in text.splitlines() if line.strip())


def findings_html(findings: Iterable[Finding]) -> str:
    rows = [
        f"<tr><td>{html.escape(f.where)}</td><td>{html.escape(f.severity_label)}</td>"
        f"<td>{html.escape(f.message)}</td></tr>"
        for f in findings
    ]
    if not rows:
        return "<p>检查未发现问题。</p>"
    return "<table><tr><th>行</th><th>级别</th><th>问题</th></tr>" + "".join(rows) + "</table>"


def coverage_html(coverage: Coverage) -> str:
    used = "、".join(coverage.used) or "无"
    missing = "、".join(coverage.missing) or "无"
    figures = "、".join(coverage.missing_figures) or "无"
    verdict = "要点已全部写入。" if coverage.complete else "有要点或数字没有写入草稿，请核对。"
    return (
        f"<p>{html.escape(verdict)}</p><ul><li>已用要点：{html.escape(used)}</li>"
        f"<li>缺少要点：{html.escape(missing)}</li><li>缺少数字：{html.escape(figures)}</li></ul>"
    )


def exemplars_html(exemplars: list[Exemplar]) -> str:
    if not exemplars:
        return "<p>本节未引用范例。</p>"
    return "".join(
        f"<blockquote><p>{html.escape(e.text)}</p><footer>来源：{html.escape(e.source)}"
        f"（相关度 {e.score:.2f}）</footer></blockquote>"
        for e in exemplars
    )


def hits_html(hits: Iterable[Any]) -> str:
    blocks = []
    for hit in hits:
        text = getattr(hit, "text", "") or ""
        source = getattr(hit, "source", "") or getattr(hit, "path", "") or ""
        score = getattr(hit, "score", None)
        score_text = f"（得分 {score:.3f}）" if isinstance(score, int | float) else ""
        blocks.append(
            f"<div class='drafter-hit'><p><b>{html.escape(str(source))}</b>{score_text}</p>{paragraphs_html(str(text))}</div>"
        )
    return "".join(blocks) or "<p>没有找到相关内容。</p>"
