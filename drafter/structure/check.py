"""The structure and content checker: findings a reviewer can trust.

Each rule is a small function ``rule(report, kind) -> Iterable[Finding]``; ``check_report``
runs them all; ``check_text`` (a document as it reads) is the one entry point callers use. Severities: ``error`` (the document is structurally wrong: numbering gaps,
duplicates, missing required parts, headingless runs, empty units), ``warning`` (form the
genre frowns on: heading punctuation, unbalanced items) and ``info`` (to-fill placeholders,
advice). Only errors make ``drafter check`` exit 1.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Callable, Iterable, Iterator
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.structure.kinds import Kind, assign_roles
from drafter.structure.numerals import int_to_cn
from drafter.structure.parse import parse_text
from drafter.structure.render import to_text
from drafter.structure.tree import Item, ItemFamily, Paragraph, Part, Report, Section

if TYPE_CHECKING:
    from drafter.structure.proofread import Terms

ERROR, WARNING, INFO = "error", "warning", "info"
SEVERITY_LABELS = {ERROR: "错误", WARNING: "警告", INFO: "提示"}

PLACEHOLDER_RE = re.compile(r"[XＸ×]+月[XＸ×]+日|[0-9.]*[*＊][0-9.*＊]*|[XＸ×]{2,}|〇〇")
PROBLEM_WORDS = re.compile(r"不足|问题|困难|滞后|薄弱|不够|短板|难度|差距|有待|不到位|不平衡|不充分|压力|偏慢|缓慢|欠缺|较弱|偏低|不强|不高|不多|隐患|风险")
HEADING_END_PUNCTUATION = "。，；：！？、,.;:!?"
SECTION_BAD_END = "，；：、,;:"
# Item runs shorter than this are never called unbalanced: short lists vary naturally.
BALANCE_MIN_CHARS = 400
BALANCE_RATIO = 6.0


@dataclass
class Finding:
    severity: str
    code: str
    line: int
    message: str
    fields: list[str] = field(default_factory=list)  # placeholders: the to-fill texts on the line

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Finding:
        if cls is Finding and "spans" in data:  # a proofreading finding keeps its context, spans and fixes
            from drafter.structure.proofread import TextFinding

            return TextFinding.from_dict(data)
        return cls(data["severity"], data.get("code", ""), int(data.get("line") or 0), data.get("message", ""),
                   list(data.get("fields", [])))

    @property
    def where(self) -> str:
        return f"第{self.line}行" if self.line else "全文"

    @property
    def severity_label(self) -> str:
        return SEVERITY_LABELS.get(self.severity, self.severity)

    def __str__(self) -> str:
        """The one way a finding reads, in the CLI and in listings: ``[错误] 第3行：……``."""
        return f"[{self.severity_label}] {self.where}：{self.message}"


@dataclass
class CheckResult:
    kind: str
    findings: list[Finding]

    @property
    def errors(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == ERROR]

    @property
    def warnings(self) -> list[Finding]:
        return [f for f in self.findings if f.severity == WARNING]

    @property
    def placeholders(self) -> list[Finding]:
        return [f for f in self.findings if f.code == "placeholder"]

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "ok": self.ok,
            "counts": {severity: sum(f.severity == severity for f in self.findings) for severity in SEVERITY_LABELS},
            "findings": [finding.to_dict() for finding in self.findings],
        }


Rule = Callable[[Report, Kind], Iterable[Finding]]


def check_text(text: str, kind: str | Kind | None = None, *, markdown: bool = False, proofread: bool = True,
               terms: Terms | None = None) -> CheckResult:
    """The one entry point for checking a document as it reads: ``drafter check``, every draft,
    every reviewed version and the eval come here, so a new check added here applies everywhere.

    ``proofread`` adds the text-level findings of ``drafter.structure.proofread`` (校对) with ``terms``
    (the default term list when None)."""
    result = check_report(parse_text(text, markdown=markdown), kind)
    if not proofread:
        return result
    from drafter.structure.proofread import with_proofreading  # it builds on Finding, defined here

    return with_proofreading(result, text, terms=terms)


def check_document(report: Report, kind: str | Kind | None = None) -> CheckResult:
    """A report tree checked as its text reads (line numbers match the rendered draft)."""
    return check_text(to_text(report), kind)


def check_report(report: Report, kind: str | Kind | None = None) -> CheckResult:
    """The structure rules on an already parsed report (``check_text`` is the entry point)."""
    spec = assign_roles(report, kind)
    findings = [finding for rule in RULES for finding in rule(report, spec)]
    findings.sort(key=lambda f: (f.line, list(SEVERITY_LABELS).index(f.severity)))
    return CheckResult(spec.name, findings)


# --- numbering -------------------------------------------------------------------------


def part_label(part: Part) -> str:
    return f"“{part.marker}{part.heading[:12]}”"


def check_part_numbering(report: Report, kind: Kind) -> Iterator[Finding]:
    numbered = [part for part in report.parts if part.ordinal]
    yield from sequence_findings(
        [(part.ordinal, part.line, f"{int_to_cn(part.ordinal)}、") for part in numbered],
        level="一级标题", scope="全文", marker=lambda n: f"{int_to_cn(n)}、",
    )


def check_section_numbering(report: Report, kind: Kind) -> Iterator[Finding]:
    for part in report.parts:
        scope = part_label(part) if part.ordinal else "全文"
        yield from sequence_findings(
            [(section.ordinal, section.line, f"（{int_to_cn(section.ordinal)}）") for section in part.sections],
            level="二级标题", scope=scope, marker=lambda n: f"（{int_to_cn(n)}）",
        )


def sequence_findings(entries: list[tuple[int, int, str]], level: str, scope: str,
                      marker: Callable[[int], str]) -> Iterator[Finding]:
    """Numbering of headings at one level under one parent: 1, 2, 3 … with no gap or repeat."""
    previous = 0
    for ordinal, line, text in entries:
        expected = previous + 1
        if ordinal == expected:
            pass
        elif ordinal == previous:
            yield Finding(ERROR, "numbering-duplicate", line, f"{scope}中{level}“{text}”重复出现。")
        elif ordinal > expected:
            missing = "、".join(f"“{marker(n)}”" for n in range(expected, ordinal))
            after = f"“{marker(previous)}”之后" if previous else "开头"
            yield Finding(ERROR, "numbering-gap", line,
                          f"{scope}中{level}编号不连续：{after}是“{text}”，缺少{missing}。")
        else:
            yield Finding(ERROR, "numbering-order", line,
                          f"{scope}中{level}编号顺序错误：“{marker(previous)}”之后出现“{text}”。")
        previous = max(previous, ordinal)


def containers(report: Report) -> Iterator[tuple[str, list[Paragraph]]]:
    """Each place where a run of items restarts: a part's intro, each section."""
    for part in report.parts:
        prefix = f"{part.marker}" if part.ordinal else ""
        if part.intro:
            yield (part_label(part) if part.ordinal else "正文", part.intro)
        for section in part.sections:
            yield f"{prefix}{section.marker}", section.paragraphs


def check_item_numbering(report: Report, kind: Kind) -> Iterator[Finding]:
    for scope, paragraphs in containers(report):
        yield from paragraph_runs(scope, paragraphs)
        for paragraph in paragraphs:
            for item in paragraph.items:
                yield from nested_runs(scope, item)


def paragraph_runs(scope: str, paragraphs: list[Paragraph]) -> Iterator[Finding]:
    """Top-level items of one container, across paragraphs, one run per family.

    A paragraph that opens directly with 一是 right after a paragraph whose run was still
    going (…九是 / 一是…) is a second list with no heading of its own: in real reports that
    is where a heading such as 二、存在的问题 was lost (seed 000).
    """
    last: dict[ItemFamily, Item] = {}
    previous_ended_in: set[ItemFamily] = set()
    for paragraph in paragraphs:
        for position, item in enumerate(paragraph.items):
            before = last.get(item.family)
            opens_paragraph = position == 0 and not paragraph.lead.strip()
            if item.ordinal == 1:
                if before and opens_paragraph and item.family in previous_ended_in:
                    yield orphan_run_finding(scope, before, item)
            elif before is None:
                yield Finding(ERROR, "numbering-gap", item.line,
                              f"{scope}中条目从“{item.marker}”开始，前面缺少“{first_marker(item)}”。")
            else:
                yield from item_step(scope, before, item)
            last[item.family] = item
        previous_ended_in = {paragraph.items[-1].family} if paragraph.items else set()


def nested_runs(scope: str, parent: Item) -> Iterator[Finding]:
    previous: Item | None = None
    for child in parent.children:
        if previous is None and child.ordinal != 1:
            yield Finding(ERROR, "numbering-gap", child.line,
                          f"{scope}“{parent.marker}”内的条目从“{child.marker}”开始，缺少“{first_marker(child)}”。")
        elif previous is not None and child.family == previous.family:
            yield from item_step(f"{scope}“{parent.marker}”内", previous, child)
        previous = child
        yield from nested_runs(scope, child)


def item_step(scope: str, before: Item, item: Item) -> Iterator[Finding]:
    if item.ordinal == before.ordinal + 1:
        return
    if item.ordinal == before.ordinal and item.full_text == before.full_text:
        # The same item twice, word for word (national 2010, 二、（一）四是): a pasted repeat,
        # not a numbering slip — still reported, as the text to delete.
        yield Finding(WARNING, "duplicate-text", item.line,
                      f"{scope}中“{clip(item.marker + item.text)}”与前一条内容完全相同，疑似重复粘贴，请删除其一。")
    elif item.ordinal == before.ordinal:
        yield Finding(ERROR, "numbering-duplicate", item.line,
                      f"{scope}中“{item.marker}”重复：“{clip(item.marker + item.text)}”与前面的"
                      f"“{clip(before.marker + before.text)}”编号相同。")
    elif item.ordinal > before.ordinal + 1:
        missing = "、".join(f"“{marker_like(item, n)}”" for n in range(before.ordinal + 1, item.ordinal))
        yield Finding(ERROR, "numbering-gap", item.line,
                      f"{scope}中“{before.marker}”之后是“{item.marker}”，缺少{missing}。")
    else:
        yield Finding(ERROR, "numbering-order", item.line,
                      f"{scope}中条目编号顺序错误：“{before.marker}”之后出现“{item.marker}”。")


def orphan_run_finding(scope: str, before: Item, item: Item) -> Finding:
    text = clip(item.marker + item.text)
    if PROBLEM_WORDS.search(item.text[:40]):
        hint = "内容像是存在的问题，疑似缺少“存在的问题”一级标题（如“二、存在的问题”）。"
    else:
        hint = "疑似缺少一个标题（一级或二级），或应接着编号。"
    return Finding(ERROR, "orphan-run", item.line,
                   f"{scope}中“{before.marker}”之后直接另起“{text}”，这组条目没有自己的标题；{hint}")


def first_marker(item: Item) -> str:
    return marker_like(item, 1)


def marker_like(item: Item, ordinal: int) -> str:
    if item.family is ItemFamily.SHI:
        return f"{int_to_cn(ordinal)}是"
    if item.family is ItemFamily.DI:
        return f"第{int_to_cn(ordinal)}，"
    if item.family is ItemFamily.NUM:
        return f"{ordinal}."
    return f"（{ordinal}）"


def clip(text: str, width: int = 18) -> str:
    return text if len(text) <= width else text[:width] + "…"


# --- parts of the kind -----------------------------------------------------------------


def check_required_parts(report: Report, kind: Kind) -> Iterator[Finding]:
    if not report.parts:
        yield Finding(ERROR, "no-parts", 1, "没有找到一级标题（一、二、三、），全文缺少“工作进展—存在问题—下步打算”的基本结构。")
        return
    present = {part.role for part in report.parts}
    for spec in kind.parts:
        if spec.role in present:
            continue
        if spec.required:
            yield Finding(ERROR, "missing-part", 0,
                          f"缺少必备部分“{spec.label}”（{kind.label}应有，可用标题如“{spec.default_heading}”）。")
        elif spec.role == "problems":
            yield Finding(INFO, "missing-part", 0,
                          f"没有单列“{spec.label}”部分；如有问题和不足，建议单列“{spec.default_heading}”。")


def check_part_order(report: Report, kind: Kind) -> Iterator[Finding]:
    order = {role: index for index, role in enumerate(kind.roles)}
    furthest = -1
    furthest_part: Part | None = None
    for part in report.parts:
        if part.role not in order:
            if part.ordinal:
                yield Finding(WARNING, "unknown-part", part.line,
                              f"一级标题{part_label(part)}不属于{kind.label}的常见部分（{'、'.join(s.label for s in kind.parts)}），请确认。")
            continue
        position = order[part.role]
        if position < furthest and furthest_part is not None:
            yield Finding(ERROR, "part-order", part.line,
                          f"部分顺序不对：{part_label(part)}应在{part_label(furthest_part)}之前。")
        if position > furthest:
            furthest, furthest_part = position, part
    seen: dict[str, Part] = {}
    for part in report.parts:
        spec = kind.spec(part.role)
        if spec and not spec.repeatable and part.role in seen:
            yield Finding(WARNING, "part-repeated", part.line,
                          f"{part_label(part)}与{part_label(seen[part.role])}同属“{spec.label}”，是否重复？")
        seen.setdefault(part.role, part)


def check_implicit_part(report: Report, kind: Kind) -> Iterator[Finding]:
    for part in report.parts:
        if not part.ordinal and part.sections:
            yield Finding(WARNING, "section-without-part", part.sections[0].line,
                          f"二级标题“{part.sections[0].marker}”之前没有一级标题（一、）。")


# --- content ---------------------------------------------------------------------------


def check_empty_units(report: Report, kind: Kind) -> Iterator[Finding]:
    for part in report.parts:
        if part.ordinal and not part.intro and not part.sections:
            yield Finding(ERROR, "empty-part", part.line, f"一级标题{part_label(part)}下没有任何内容。")
        for section in part.sections:
            if not any(paragraph.text.strip() for paragraph in section.paragraphs):
                yield Finding(ERROR, "empty-section", section.line,
                              f"二级标题“{section.marker}{clip(section.heading)}”下没有正文。")
    for item in report.walk_items():
        if not item.body_text.strip("。；;，, "):
            yield Finding(ERROR, "empty-item", item.line, f"条目“{item.marker}”后没有内容。")


def check_balance(report: Report, kind: Kind) -> Iterator[Finding]:
    for scope, paragraphs in containers(report):
        items = [item for paragraph in paragraphs for item in paragraph.items]
        if len(items) < 3:
            continue
        lengths = [len(item.full_text) for item in items]
        median = statistics.median(lengths)
        longest = max(lengths)
        if longest >= BALANCE_MIN_CHARS and longest > BALANCE_RATIO * median:
            item = items[lengths.index(longest)]
            yield Finding(WARNING, "unbalanced-items", item.line,
                          f"{scope}中条目篇幅悬殊：“{item.marker}”约{longest}字，其余条目中位数约{int(median)}字，建议拆分或压缩。")


def check_placeholders(report: Report, kind: Kind) -> Iterator[Finding]:
    by_line: dict[int, list[str]] = {}
    for line, text in text_units(report):
        for match in PLACEHOLDER_RE.finditer(text):
            context = text[max(0, match.start() - 6): match.end() + 4]
            by_line.setdefault(line, []).append(context)
    for line, fields in sorted(by_line.items()):
        shown = "；".join(fields[:4]) + ("……" if len(fields) > 4 else "")
        yield Finding(INFO, "placeholder", line, f"有{len(fields)}处待填写的数字或名称：{shown}", fields)


def text_units(report: Report) -> Iterator[tuple[int, str]]:
    if report.title:
        yield report.title_line, report.title
    for paragraph in report.lead:
        yield paragraph.line, paragraph.text
    for part in report.parts:
        yield part.line, part.heading
        for paragraph in part.intro:
            yield paragraph.line, paragraph.text
        for section in part.sections:
            yield section.line, section.heading
            for paragraph in section.paragraphs:
                yield paragraph.line, paragraph.text


def check_heading_punctuation(report: Report, kind: Kind) -> Iterator[Finding]:
    for part in report.parts:
        if not part.ordinal:
            continue
        if not part.marker.endswith("、"):
            yield Finding(WARNING, "heading-marker", part.line,
                          f"一级标题序号“{part.marker}”应写作“{int_to_cn(part.ordinal)}、”（顿号）。")
        if part.heading and part.heading[-1] in HEADING_END_PUNCTUATION and not part.run_on:
            yield Finding(WARNING, "heading-punctuation", part.line,
                          f"一级标题{part_label(part)}末尾不应有标点“{part.heading[-1]}”。")
        if not part.heading.strip():
            yield Finding(ERROR, "heading-empty", part.line, f"一级标题“{part.marker}”没有标题文字。")
        for section in part.sections:
            yield from section_heading_findings(section)


def section_heading_findings(section: Section) -> Iterator[Finding]:
    if "(" in section.marker or ")" in section.marker:
        yield Finding(WARNING, "heading-marker", section.line,
                      f"二级标题序号“{section.marker}”应使用全角括号“（{int_to_cn(section.ordinal)}）”。")
    heading = section.heading.strip()
    if not heading:
        yield Finding(ERROR, "heading-empty", section.line, f"二级标题“{section.marker}”没有标题文字。")
    elif heading[-1] in SECTION_BAD_END:
        yield Finding(WARNING, "heading-punctuation", section.line,
                      f"二级标题“{section.marker}{clip(heading)}”以“{heading[-1]}”结尾，应以句号结束或不加标点。")
    if re.search(r"[\u4e00-\u9fff][,;:][\u4e00-\u9fff]", heading):
        yield Finding(WARNING, "heading-punctuation", section.line,
                      f"二级标题“{section.marker}{clip(heading)}”中使用了半角标点，应改为全角。")


RULES: tuple[Rule, ...] = (
    check_part_numbering,
    check_section_numbering,
    check_item_numbering,
    check_required_parts,
    check_part_order,
    check_implicit_part,
    check_empty_units,
    check_balance,
    check_placeholders,
    check_heading_punctuation,
)
