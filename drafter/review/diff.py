"""What changed between two versions of a report, unit by unit, down to the character.

The comparison is per section (a part's own heading and intro count as the part's unit, the
title and 导语 as their own units), so a reviewer sees "一.（二） changed" rather than one long
text diff. Character-level changes come from ``difflib.SequenceMatcher``. Two renderings:
``diff_text`` (for the CLI: [-removed-]{+added+}) and ``diff_html`` (for the UI: every piece of
report text is escaped, so notes or corpus text containing markup cannot reach the page as HTML).
"""

from __future__ import annotations

import difflib
import html
from dataclasses import dataclass, field
from typing import Literal

from drafter.structure.address import part_key, section_key
from drafter.structure.render import section_lines
from drafter.structure.tree import Part, Report

Operation = Literal["equal", "replace", "delete", "insert"]
ChangeStatus = Literal["changed", "added", "removed"]
# Unchanged stretches longer than this are shortened to their ends in the text form.
CONTEXT_CHARS = 12


@dataclass
class Span:
    operation: Operation
    before: str
    after: str


@dataclass
class UnitChange:
    address: str  # 一.（二）; "标题" and "导语" for the report's head
    label: str
    status: ChangeStatus
    before: str
    after: str
    spans: list[Span] = field(default_factory=list)

    @property
    def removed_chars(self) -> int:
        return sum(len(span.before) for span in self.spans if span.operation != "equal")

    @property
    def added_chars(self) -> int:
        return sum(len(span.after) for span in self.spans if span.operation != "equal")


@dataclass
class ReportDiff:
    changes: list[UnitChange]

    @property
    def unchanged(self) -> bool:
        return not self.changes

    @property
    def addresses(self) -> list[str]:
        return [change.address for change in self.changes]


def comparable_units(report: Report) -> dict[str, tuple[str, str]]:
    """address → (label, text) for the title, 导语, each part's own lines and each section."""
    found: dict[str, tuple[str, str]] = {}
    if report.title:
        found["标题"] = ("标题", report.title)
    if report.lead:
        found["导语"] = ("导语", "\n".join(paragraph.text for paragraph in report.lead))
    for part in report.parts:
        address = part_key(part)
        found[address] = (part.heading, part_own_text(part))
        for section in part.sections:
            found[f"{address}.{section_key(section)}"] = (section.heading, "\n".join(section_lines(section, False)))
    return found


def part_own_text(part: Part) -> str:
    return "\n".join([part.marker + part.heading, *(paragraph.text for paragraph in part.intro)])


def diff_reports(before: Report, after: Report) -> ReportDiff:
    old, new = comparable_units(before), comparable_units(after)
    changes: list[UnitChange] = []
    for address in [*old, *(address for address in new if address not in old)]:
        old_label, old_text = old.get(address, ("", ""))
        new_label, new_text = new.get(address, ("", ""))
        if old_text == new_text:
            continue
        status: ChangeStatus = "removed" if address not in new else "added" if address not in old else "changed"
        changes.append(
            UnitChange(address, new_label or old_label, status, old_text, new_text, char_spans(old_text, new_text))
        )
    return ReportDiff(changes)


def char_spans(before: str, after: str) -> list[Span]:
    matcher = difflib.SequenceMatcher(None, before, after, autojunk=False)
    return [
        Span(operation, before[i1:i2], after[j1:j2])
        for operation, i1, i2, j1, j2 in matcher.get_opcodes()
    ]


# --- renderings ---------------------------------------------------------------------------

STATUS_WORDS = {"changed": "修改", "added": "新增", "removed": "删除"}


def summarize(diff: ReportDiff) -> str:
    """One line per changed unit, e.g. "一.（二）（修改）：删 12 字，增 23 字"."""
    if diff.unchanged:
        return "两个版本内容相同。"
    return "\n".join(
        f"{change.address}（{STATUS_WORDS[change.status]}）：删 {change.removed_chars} 字，增 {change.added_chars} 字"
        for change in diff.changes
    )


def diff_text(diff: ReportDiff) -> str:
    """Plain text for a terminal: removed text in [-…-], added text in {+…+}."""
    if diff.unchanged:
        return "两个版本内容相同。"
    blocks = []
    for change in diff.changes:
        header = f"== {change.address} {change.label}（{STATUS_WORDS[change.status]}）=="
        blocks.append(header + "\n" + "".join(text_span(span) for span in change.spans))
    return "\n\n".join(blocks) + "\n"


def text_span(span: Span) -> str:
    if span.operation == "equal":
        return shorten(span.before)
    removed = f"[-{span.before}-]" if span.before else ""
    added = f"{{+{span.after}+}}" if span.after else ""
    return removed + added


def shorten(text: str) -> str:
    if len(text) <= 2 * CONTEXT_CHARS + 1:
        return text
    return text[:CONTEXT_CHARS] + "…" + text[-CONTEXT_CHARS:]


def diff_html(diff: ReportDiff) -> str:
    """An HTML fragment: <del>/<ins> around changes; every piece of text is escaped."""
    if diff.unchanged:
        return "<p>两个版本内容相同。</p>"
    blocks = []
    for change in diff.changes:
        body = "".join(html_span(span) for span in change.spans).replace("\n", "<br>")
        blocks.append(
            f'<div class="drafter-diff-unit"><h4>{html.escape(change.address)} {html.escape(change.label)}'
            f"（{STATUS_WORDS[change.status]}）</h4><p>{body}</p></div>"
        )
    return "\n".join(blocks)


def html_span(span: Span) -> str:
    if span.operation == "equal":
        return html.escape(span.before)
    removed = f'<del style="background:#fdd">{html.escape(span.before)}</del>' if span.before else ""
    added = f'<ins style="background:#dfd">{html.escape(span.after)}</ins>' if span.after else ""
    return removed + added
