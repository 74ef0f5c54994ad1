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
from drafter.drafting.outline import outline_reading_lines
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


# --- the draft as a document ----------------------------------------------------------------

def outline_html(outline_markdown: str) -> str:
    tags = {"title": "h3", "lead": "p", "part": "h4", "section": "h5"}
    blocks = []
    for kind, text in outline_reading_lines(outline_markdown):
        if kind == "note":
            blocks.append(f"<li>{html.escape(text)}</li>")
        else:
            blocks.append(f"<{tags[kind]} class='outline-{kind}'>{html.escape(text)}</{tags[kind]}>")
    return "<div class='drafter-outline'>" + "".join(blocks) + "</div>"


def unit_block_html(address: str, lines: list[str], selected: bool, locked: bool) -> str:
    classes = "doc-unit" + (" doc-selected" if selected else "")
    badge = "<span class='doc-lock'>［已锁定］</span>" if locked else ""
    heading, *body = lines or [""]
    return (
        f"<div class='{classes}' data-address='{html.escape(address, quote=True)}' tabindex='0' role='button' "
        f"aria-label='审阅 {html.escape(address, quote=True)}'>"
        f"<p class='{'doc-section' if '.' in address else 'doc-part'}'><span class='doc-address'>{html.escape(address)}</span>{html.escape(heading)}{badge}</p>"
        + "".join(f"<p class='doc-body'>{html.escape(line)}</p>" for line in body)
        + "</div>"
    )


def document_html(title: str, lead: list[str], parts: list[tuple[str, list[str], list[tuple[str, list[str], bool]]]],
                  selected: str = "") -> str:
    """The report as it will print: title, lead, parts with their sections.

    ``parts`` is (heading line, intro lines, [(unit address, unit lines, locked)]); a part
    without sections is one unit whose lines start with its heading.
    """
    blocks = [f"<h2 class='doc-title'>{html.escape(title)}</h2>"] if title else []
    blocks += [f"<p class='doc-body'>{html.escape(line)}</p>" for line in lead]
    for heading, intro, units in parts:
        if heading:
            blocks.append(f"<h3 class='doc-part'>{html.escape(heading)}</h3>")
        blocks += [f"<p class='doc-body'>{html.escape(line)}</p>" for line in intro]
        blocks += [unit_block_html(address, lines, address == selected, locked) for address, lines, locked in units]
    return "<article class='drafter-document'>" + "".join(blocks) + "</article>"


def checked_text_html(text: str, findings: Iterable[Finding]) -> str:
    """The checked report line by line, each finding shown under the line it is about."""
    by_line: dict[int, list[Finding]] = {}
    for finding in findings:
        by_line.setdefault(finding.line, []).append(finding)

    def notes_for(line: int) -> str:
        return "".join(
            f"<div class='check-finding check-{html.escape(f.severity, quote=True)}'>"
            f"［{html.escape(f.severity_label)}］{html.escape(f.message)}</div>"
            for f in by_line.get(line, [])
        )

    rows = [notes_for(0)]
    for number, line in enumerate(text.splitlines(), start=1):
        marked = " check-marked" if number in by_line else ""
        rows.append(f"<div class='check-line{marked}'><span class='check-number'>{number}</span>"
                    f"{html.escape(line)}</div>{notes_for(number)}")
    return "<div class='drafter-checked'>" + "".join(rows) + "</div>"


def notes_list_html(title: str, notes: Iterable[str]) -> str:
    items = "".join(f"<li>{html.escape(note)}</li>" for note in notes)
    return f"<h4>{html.escape(title)}</h4>" + (f"<ul>{items}</ul>" if items else "<p>无</p>")
