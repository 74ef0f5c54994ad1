"""Typed notes: the drafting chain's only input (``Note``, ``Notes``), and period helpers.

The notes reader (``drafter.drafting.reader``) turns notes as people write them into ``Notes``;
``parse_notes`` is its short form for callers that need only the notes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from drafter.errors import NotesError
from drafter.structure.figures import Figure, find_figures, has_unknown
from drafter.structure.proofread import apply_safe_fixes

MAX_NOTES = 300  # a long annual report has ~120 items; beyond this the input is not notes
MAX_NOTE_CHARS = 600
PLAN_ROLES = ("plans", "tasks", "goals")  # the roles of work still to do

PERIOD_FLAG_RE = re.compile(r"^(?P<year>\d{4})\s*(?:年)?\s*(?P<span>H1|H2|上半年|下半年|全年|年度)?$", re.IGNORECASE)


@dataclass
class Note:
    id: str  # n1, n2 … in reading order; stable for the same text
    text: str
    role: str = "progress"
    topic: str = ""  # the user's heading, if any
    line: int = 0
    explicit_topic: bool = False  # the topic came from a heading the user wrote under a role heading
    parent: str = ""  # the user's heading over the topic's own heading (（一）科普工作 over 1.全国科普日活动)

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
    by_time: bool = False  # written by month or date (1月/2月… headings, a dated log) or by place, not by work
    places: list[str] = field(default_factory=list)  # the places the notes were kept under (东溪村), said in them

    def by_id(self, note_id: str) -> Note:
        for note in self.notes:
            if note.id == note_id:
                return note
        raise NotesError(f"提纲引用了不存在的要点编号 {note_id}；请检查提纲中的 [n…] 编号。")

    def with_role(self, role: str) -> list[Note]:
        return [note for note in self.notes if note.role == role]


def parse_notes(text: str) -> Notes:
    """Read notes text into ``Notes`` (roles, topics, kind, unit, period); raise NotesError when unusable.

    The reading itself (formats, roles, kind) is ``drafter.drafting.reader.read_notes``.
    """
    from drafter.drafting.reader import read_notes  # the reader builds on the types defined here

    return read_notes(text).notes


# Emoji and pictographs pasted from a chat (新增注册用户3.6万人✅); ℃ and ① lie outside these ranges.
EMOJI_RE = re.compile("[\U0001F000-\U0001FAFF\u2600-\u27BF\u2B00-\u2BFF\uFE0F\u200D]")


# The writer speaking of their unit (我们, 我局, 我中心, 本单位 …): the reader, the prose reader and the
# writer read past it (下半年我们打算, 下一步，我局将…)
SPEAKER = r"(?:我们|咱们|本单位|本人|我(?:单位|中心|局|校|院|所|站|队|办|委|镇|乡|科|部|馆|会))"
FIRST_PERSON_RE = re.compile(r"(?:^|(?<=[，。；、：,;:\s])|(?<=上半年)|(?<=下半年)|(?<=年以来)|(?<=全年)|(?<=年内)|(?<=目前)"
                             r"|(?<=下一步)|(?<=下步))(?:我们|本人)(?=[\u4e00-\u9fff])")  # 本人牵头组织… (a 股's notes)
CLAUSE_MIN_CHARS = 4  # 年内 全部落实, 发证 待补 本: shorter runs are spacing, not clauses
RUN_BREAK_RE = re.compile(r"[\s，。；、,;：:（）()]")


def clause_spaces(text: str) -> str:
    """Spaces that part two clauses (完成投资1.2亿元 主体工程完工) as commas; others left alone."""
    def comma(space: re.Match[str]) -> str:
        if text[:space.start()].count("“") > text[:space.start()].count("”"):
            return space.group(0)  # inside a name (“送万福 进万家”): its halves are no clauses
        left, right = RUN_BREAK_RE.split(text[:space.start()])[-1], RUN_BREAK_RE.split(text[space.end():])[0]
        clauses = all(len(re.findall(r"[\u4e00-\u9fff]", run)) >= CLAUSE_MIN_CHARS for run in (left, right))
        return "，" if clauses else space.group(0)
    return re.sub(r"(?<=[\u4e00-\u9fff%])\s+(?=[\u4e00-\u9fff“])", comma, text)


# #我们的节日# 端午主题…: a topic tag of a post (a 博物馆's notes) names a campaign, as quotes do in a report
HASHTAG_RE = re.compile(r"#([^#\s]{2,20})#\s*")


PROJECT_FIELD_RE = re.compile(r"(?<=[项目程园厂造设线])[：:](?=总投资|计划投资|投资|建设内容|已|上半年|累计|完成)")
LEDGER_FIELD_RE = re.compile(r"(?<=[，,；;])\s*(?:形象进度|工程进度|当前进度|目前进度|进展情况|推进情况|完成情况)[：:]\s*")


# 「」 and 『』 typed by some input methods: a report quotes with “” and ‘’ (GB/T 15834)
CORNER_QUOTES = str.maketrans("「」『』", "“”‘’")


def clean(text: str) -> str:
    text = HASHTAG_RE.sub(r"“\1”", EMOJI_RE.sub("", text.translate(CORNER_QUOTES))).strip().strip("\u3000")
    text = re.sub(r"\s+", " ", text)
    # 完成投资1.2亿元 主体工程完工: a space between two clauses of four characters or more stands for
    # the comma (a 台账's cells, seen run together as 完成投资1.2亿元主体工程完工)
    text = clause_spaces(text)
    # 上半年我们共签约…, 我们组织…, 本人牵头…: the genre never says 我们 or 本人; the unit's work is stated
    # without it (a 就业股's 本人牵头组织 had led 扎实做好本人牵头组织工作)
    text = FIRST_PERSON_RE.sub("", text)
    # a project ledger's fields (…项目：总投资12亿元，…，形象进度：1号厂房主体封顶, a 开发区's): the draft
    # says them as a sentence (…项目总投资12亿元，…，1号厂房主体封顶)
    text = LEDGER_FIELD_RE.sub("", PROJECT_FIELD_RE.sub("", text))
    # 补充耕地 320亩 → 补充耕地320亩: spaces around Chinese are typing habits, not content
    text = re.sub(r"(?<=[\u4e00-\u9fff“”（）：，；。、])\s+|\s+(?=[\u4e00-\u9fff“”（）：，；。、%])", "", text)
    if re.search(r"[\u4e00-\u9fff]", text):
        # typed on an English keyboard ("明厨亮灶",合格率98.3%.): the proofreader's own safe fixes, so
        # a note reads as the draft and the checker will (“明厨亮灶”，合格率98.3%。)
        text = apply_safe_fixes(text)[0]
    return text.rstrip("；;，,")


# A line opening so breaks down the count of the note above it (（1）其中新任教职人员专题培训1期).
BREAKDOWN_OPENERS = ("其中", "包括", "含")


# …and a cause of the shortfall above it (原因：… under a problem, read as 原因是…)
CAUSE_OPENER = "原因是"


def join_child(parent: str, child: str) -> str:
    if parent.endswith(("：", ":")):
        return parent + child
    # a breakdown of the parent's count runs on in its sentence (…参训人员130人次，其中新任…), as
    # does a cause (…使用超过10年，原因是…)
    runs_on = child.startswith((*BREAKDOWN_OPENERS, CAUSE_OPENER))
    return parent.rstrip("。；") + ("，" if runs_on else "；") + child


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


# Some quarters or months of a year (前三季度, 第三季度, 1-9月): the period a quarterly summary's title
# names where a special report names its work
QUARTER_RE = re.compile(r"(?:前|第)?[一二三四1-4]季度|(?:1|一)\s*[-—~至]\s*(?:\d{1,2}|[一二三四五六七八九十]{1,2})月")
