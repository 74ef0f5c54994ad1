"""Bullet notes → typed ``Notes``: the drafting chain's only input.

Accepted (Markdown or plain text)::

    # 某县自然资源局 2024年上半年          ← optional title: unit, period, kind
    ## 耕地保护                           ← a heading becomes a section
    - 补充耕地1.1万亩，新增耕地率3.5%
      - 查处违法用地3宗                    ← nested bullets join their parent note
    问题：部分项目前期准备不足              ← tagged problem (also 困难：/不足：)
    计划：下半年完成村庄规划**个            ← tagged plan (also 下步：/下一步：/打算：)
    ## 存在问题 / ## 下步打算               ← role headings: every note under them has that role

Free lines count as notes. Unusable input raises ``NotesError`` saying what to fix.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.errors import NotesError
from drafter.structure.figures import Figure, find_figures, has_unknown
from drafter.textio import looks_binary

MAX_NOTES = 300  # a long annual report has ~120 items; beyond this the input is not notes
MAX_NOTE_CHARS = 600

BULLET_RE = re.compile(r"^(?P<indent>[ \t\u3000]*)(?:[-*+•·▪◦●○]|\d{1,3}[.、．)）](?!\d)|[（(]\d{1,3}[）)]|[①-⑳])\s*")
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s*(?P<text>.*?)\s*#*\s*$")
TAG_RE = re.compile(r"^(?P<tag>问题|困难|不足|短板|计划|下步|下一步|打算|目标|进展|成效)\s*[：:]\s*")
TAG_ROLES = {
    "问题": "problems", "困难": "problems", "不足": "problems", "短板": "problems",
    "计划": "plans", "下步": "plans", "下一步": "plans", "打算": "plans", "目标": "goals",
    "进展": "progress", "成效": "progress",
}
# Headings that name a part rather than a topic. 重点 is deliberately absent: 重点项目建设 is a topic.
ROLE_HEADINGS = (
    ("problems", re.compile(r"问题|不足|困难|短板")),
    ("plans", re.compile(r"下步|下一步|下半年|打算|计划|明年|思路|安排|重点工作|主要任务")),
    ("guidance", re.compile(r"指导思想|总体要求|总体思路")),
    ("goals", re.compile(r"目标")),
    ("safeguards", re.compile(r"保障")),
    ("progress", re.compile(r"^(上半年|全年|本年|今年)?(工作)?(进展|总结|开展情况|完成情况|主要工作|工作情况|成效)")),
)
ORG_PERIOD_RE = re.compile(
    r"^(?P<org>.*?)\s*(?P<year>(?:19|20)\d{2})\s*年?\s*(?P<span>上半年|下半年|全年|年度|第[一二三四]季度)?"
)
ORG_SUFFIX_RE = re.compile(r"(局|委|委员会|办|办公室|厅|部|政府|中心|公司|院|所|站|队|处|科|镇|乡|街道|村)$")
PERIOD_FLAG_RE = re.compile(r"^(?P<year>\d{4})\s*(?:年)?\s*(?P<span>H1|H2|上半年|下半年|全年|年度)?$", re.IGNORECASE)


@dataclass
class Note:
    id: str  # n1, n2 … in reading order; stable for the same text
    text: str
    role: str = "progress"
    topic: str = ""  # the user's heading, if any
    line: int = 0
    explicit_topic: bool = False  # the topic came from a heading the user wrote under a role heading

    @property
    def figures(self) -> list[Figure]:
        return find_figures(self.text)

    @property
    def has_unknown(self) -> bool:
        return has_unknown(self.text)


@dataclass
class Notes:
    notes: list[Note]
    title: str = ""
    org: str = ""
    period: str = ""  # 2024H1 / 2024H2 / 2024
    kind: str = ""  # detected from the title; "" when nothing says
    topics: list[str] = field(default_factory=list)  # user headings, in order

    def by_id(self, note_id: str) -> Note:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise NotesError(f"提纲引用了不存在的要点编号 {note_id}；请检查提纲中的 [n…] 编号。")

    def with_role(self, role: str) -> list[Note]:
        return [note for note in self.notes if note.role == role]


def parse_notes(text: str) -> Notes:
    """Parse notes text; raise NotesError when nothing usable is in it."""
    if "\x00" in text or looks_binary(text.encode("utf-8", "replace")[:8192]):
        raise NotesError("输入看起来是二进制内容，不是文字要点；请提供 .md 或 .txt 格式的要点清单。")
    if not text.strip():
        raise NotesError("要点是空的。请按行写出工作要点，例如“- 完成村庄规划编制11个”。")
    notes = Notes(notes=[])
    role, topic, explicit = "progress", "", False
    heading_count = 0
    parent: Note | None = None
    parent_indent = -1
    for number, raw in enumerate(text.replace("\r\n", "\n").split("\n"), start=1):
        line = raw.rstrip().replace("\ufeff", "")
        if not line.strip():
            continue
        if heading := HEADING_RE.match(line.strip()):
            heading_count += 1
            level, heading_text = len(heading["hashes"]), heading["text"].strip()
            parent = None
            if level == 1 and not notes.title and not notes.notes:
                read_title(notes, heading_text)
                continue
            heading_role = role_of_heading(heading_text)
            if heading_role:
                role, topic, explicit = heading_role, "", False
            else:
                if level <= 2:
                    role = "progress"  # a top-level topic heading starts a progress section
                topic, explicit = heading_text, role != "progress"
                if heading_text not in notes.topics:
                    notes.topics.append(heading_text)
            continue
        bullet = BULLET_RE.match(line)
        indent = len((bullet["indent"] if bullet else line[:len(line) - len(line.lstrip(" \t\u3000"))]).expandtabs(4))
        content = line[bullet.end():] if bullet else line.strip()
        content = clean(content)
        if not content:
            continue
        if parent is not None and indent > parent_indent and (bullet or indent > 0):
            parent.text = join_child(parent.text, content)
            if len(parent.text) > MAX_NOTE_CHARS:
                raise NotesError(f"第{parent.line}行的要点过长（超过{MAX_NOTE_CHARS}字）；请拆成几条短要点。")
            continue
        note_role = role
        if tag := TAG_RE.match(content):
            note_role = TAG_ROLES[tag["tag"]]
            content = content[tag.end():].strip()
            if not content:
                continue
        if len(content) > MAX_NOTE_CHARS:
            raise NotesError(f"第{number}行的要点过长（超过{MAX_NOTE_CHARS}字）；请拆成几条短要点。")
        note = Note(f"n{len(notes.notes) + 1}", content, note_role, topic, number, explicit)
        notes.notes.append(note)
        if len(notes.notes) > MAX_NOTES:
            raise NotesError(
                f"要点超过 {MAX_NOTES} 条，不像是一份总结的要点清单；请按部门或专题拆分后分别起草，"
                "或先合并相近的要点。"
            )
        parent, parent_indent = note, indent
    if not notes.notes:
        if heading_count:
            raise NotesError("只有标题，没有要点。请在标题下按行写出具体工作，例如“- 完成村庄规划编制11个”。")
        raise NotesError("没有找到可用的要点。请按行写出工作要点，例如“- 完成村庄规划编制11个”。")
    if not any(re.search(r"[\u4e00-\u9fff]", note.text) for note in notes.notes):
        raise NotesError("要点中没有中文内容；drafter 起草的是中文工作总结，请用中文写要点。")
    return notes


def clean(text: str) -> str:
    text = text.strip().strip("\u3000")
    text = re.sub(r"\s+", " ", text)
    # 补充耕地 320亩 → 补充耕地320亩: spaces around Chinese are typing habits, not content
    text = re.sub(r"(?<=[\u4e00-\u9fff“”（）：，；。、])\s+|\s+(?=[\u4e00-\u9fff“”（）：，；。、%])", "", text)
    return text.rstrip("；;，,")


def join_child(parent: str, child: str) -> str:
    if parent.endswith(("：", ":")):
        return parent + child
    return parent.rstrip("。") + "；" + child


def role_of_heading(heading: str) -> str:
    for role, pattern in ROLE_HEADINGS:
        if pattern.search(heading):
            return role
    return ""


def read_title(notes: Notes, title: str) -> None:
    """# 某县自然资源局 2024年上半年 → org, period, kind."""
    notes.title = title
    if match := ORG_PERIOD_RE.match(title):
        org = match["org"].strip()
        if ORG_SUFFIX_RE.search(org) or org:
            notes.org = org
        span = match["span"] or ""
        notes.period = match["year"] + {"上半年": "H1", "下半年": "H2"}.get(span, "")
        rest = title[match.end():]
        if re.search(r"计划|要点|方案", rest):
            notes.kind = "plan"
        elif span == "上半年":
            notes.kind = "half-year"
        elif span in ("全年", "年度") or re.search(r"工作总结", rest):
            notes.kind = "annual"
    elif re.search(r"计划|要点|方案", title):
        notes.kind = "plan"
    elif ORG_SUFFIX_RE.search(title):
        notes.org = title


def normalise_period(period: str | None) -> str:
    """2024H1, 2024上半年, 2024年上半年 → 2024H1; 2024, 2024年, 2024年度 → 2024."""
    if not period:
        return ""
    match = PERIOD_FLAG_RE.match(period.strip())
    if not match:
        raise NotesError(f"无法识别时段“{period}”；请写成 2024H1（上半年）、2024H2（下半年）或 2024（全年）。")
    span = (match["span"] or "").upper()
    return match["year"] + {"H1": "H1", "上半年": "H1", "H2": "H2", "下半年": "H2"}.get(span, "")


def period_text(period: str) -> str:
    """2024H1 → 2024年上半年; 2024 → 2024年; "" → 本期."""
    if not period:
        return ""
    year, span = period[:4], period[4:]
    return f"{year}年" + {"H1": "上半年", "H2": "下半年"}.get(span, "")
