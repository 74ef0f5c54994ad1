"""The notes reader: notes as department staff write them → a ``NotesReading``.

It knows the shapes notes come in (Markdown headings; lists marked 一、 （一） 1. （1） ① ● - …;
group titles as bare lines, 【】 or a "营商环境：" prefix; "；"-joined facts; full-width digits; a
title line naming unit, period and genre in any order; a 台账 table pasted from Word or Excel, see
``tables``; a report sent as a letter, with its salutation, opening sentence and signature; the
sender's 填报人/联系电话 lines; .txt/.md/.docx, tables included), decides the role of every
note and the document kind from the content, and records what it understood — including every
line it ignored or found ambiguous — so the writer can correct the notes before anything is drafted.

The wordings (group titles, tags, cues of shortfall and intent, kind signals) are data in
``drafter/structure/kinds/roles.toml``; this module only applies them.
"""

from __future__ import annotations

import re
import tomllib
import unicodedata
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field, replace
from functools import cache
from pathlib import Path
from typing import Any

from drafter.drafting.notes import (
    BREAKDOWN_OPENERS,
    CAUSE_OPENER,
    MAX_NOTE_CHARS,
    MAX_NOTES,
    PLAN_ROLES,
    QUARTER_RE,
    SPEAKER,
    Note,
    Notes,
    clean,
    join_child,
    normalise_period,
    period_text,
)
from drafter.drafting.prose import WORK_START_RE, is_prose, read_prose, split_outside_brackets
from drafter.drafting.sanitize import INVISIBLE_RE
from drafter.drafting.tables import table_lines
from drafter.errors import NotesError
from drafter.structure.figures import GRADE_MARK, find_figures
from drafter.structure.kinds import KIND_DIR, ROLE_LABELS, load_kind
from drafter.textio import looks_binary, read_document

ROLES_FILE = KIND_DIR / "roles.toml"
# Whole-title matching order: the most specific roles first (存在的问题和不足 is not 工作; 重点工作 is a task
# only when nothing more specific matched).
TITLE_ORDER = ("problems", "guidance", "goals", "safeguards", "basics", "progress", "plans", "tasks")
SUMMARY_KINDS = ("half-year", "annual", "special")
# How the raw roles land in the parts each kind has.
KIND_ROLE_MAP: dict[str, dict[str, str]] = {
    "half-year": {"basics": "progress", "guidance": "plans", "goals": "plans", "tasks": "plans", "safeguards": "plans"},
    "annual": {"basics": "progress", "guidance": "plans", "goals": "plans", "tasks": "plans", "safeguards": "plans"},
    "special": {"guidance": "plans", "goals": "plans", "tasks": "plans", "safeguards": "plans"},
    "plan": {"progress": "plans", "problems": "plans", "basics": "guidance", "tasks": "plans"},
}
KIND_LABELS = {"half-year": "半年工作总结", "annual": "年度工作总结", "special": "专项工作报告", "plan": "工作计划"}
RAW_ROLE_LABELS = {**ROLE_LABELS, "plans": "下步打算/重点任务", "tasks": "重点任务"}
PLAN_ROLE_LABELS = {**ROLE_LABELS, "plans": "重点任务"}

# Markers, from the outermost level in: 一、 （一） 1. （1） ① and plain bullets.
# what follows a clause number of a decimal outline: its words, not a unit of the figure it would be
CLAUSE_WORDS = r"(?![年月日时个万亿千百家人名次项件户元台辆座处所条场批期株吨亩])(?=[\u4e00-\u9fff“《（(])"
CLAUSE_AFTER = rf"(?:\s+|\s*[、.．]\s*){CLAUSE_WORDS}"
MARKERS: tuple[tuple[str, int, re.Pattern[str]], ...] = (
    # …and 第一部分 of an outline (第一部分 上半年工作回顾 had been a topic: its results read as plans)
    # …and Roman numerals (Ⅰ. 总体目标 / II、重点任务, a 文旅局's plan: each had been a note)
    ("cn", 1, re.compile(r"^(?:[一二三四五六七八九十]{1,3}\s*[、.．]|第[一二三四五六七八九十]{1,3}(?:部分|篇)\s*[、.．:：]?"
                         r"|(?:[ⅠⅡⅢⅣⅤⅥⅦⅧⅨⅩ]|(?:I{1,3}|IV|VI{0,3}|IX|X)(?=\s*[、.．]))\s*[、.．]?)\s*")),
    ("cnp", 2, re.compile(r"^[（(]\s*[一二三四五六七八九十]{1,3}\s*[）)]\s*")),
    # 7.2024年：… is item 7, 1.5万亩 a figure; after 、 or ）a digit is the note's own (1）9月底前…)
    # …and 1️⃣ 2️⃣, the keycap digits of a chat paste (the 1 had stayed in its note as 1⃣组织…)
    # …and 1.9月底前完成… is item 1 of a date, as no figure counts months in tenths
    ("num", 3, re.compile(r"^\d{1,2}\s*(?:[、)）]|\.\s*(?:(?!\d)|(?=(?:19|20)\d{2}\s*年)|(?=\d{1,2}\s*月(?!份?\d)))|\ufe0f?\u20e3)\s*")),
    # 第一，依法履职。… / 其二、… : the ordinals of a list written out in words
    ("ord", 3, re.compile(r"^(?:第|其)[一二三四五六七八九十]{1,2}\s*[，,、：:．.]\s*")),
    ("nump", 4, re.compile(r"^[（(]\s*\d{1,2}\s*[）)]\s*")),
    # a) b) / (a) / a. under 1) (a 统计局's list: the letters had stayed in the notes, a)按时完成…)
    ("alpha", 4, re.compile(r"^(?:[（(][a-zA-Z][）)]|[a-zA-Z]\s*[)）.．、])\s*(?=[\u4e00-\u9fff“《（(])")),
    ("circ", 5, re.compile(r"^[①-⑳]\s*")),
    # A decimal outline (1 采供血工作 / 1.1 采集全血… / 1.1.1, a 血站's notes typed like a standard's
    # clauses): every marker had stayed in its note and no heading opened a group (1采供血工作 a result).
    # 1.5万亩 is a figure: a clause number stands apart from its words; 7 月 is a month.
    ("dec", 3, re.compile(rf"^\d{{1,2}}\s+{CLAUSE_WORDS}")),
    ("dec2", 4, re.compile(rf"^\d{{1,2}}\.\d{{1,2}}(?:\s+(?=\d)|{CLAUSE_AFTER})")),
    ("dec3", 5, re.compile(rf"^\d{{1,2}}\.\d{{1,2}}\.\d{{1,2}}(?:\s+(?=\d)|{CLAUSE_AFTER})")),
    # — and the other dashes: a paste from a Word list or a chat (—新认定国家高新技术企业8家)
    # Arrows, dingbats and emoji of a chat (❗问题： had been a topic, not the problems' title).
    # …and ⏳ (U+23F3) of a 数据局's chat summary, marking a work under way, had stayed in its note.
    ("bullet", 6, re.compile(r"^(?:[-*+•·▪◦●○■□◆◇★☆▶►>✓√—–－―‐‑‒→※◎◉✔▸‣⁃▲△▼▽♦❖➤➢✅☑⭐"
                             r"\u2190-\u21ff\u2300-\u23ff\u2600-\u27bf\u2b00-\u2bff\U0001F300-\U0001FAFF]\ufe0f?\s*)+")),
)
NUMBERING = ("cn", "cnp", "num", "ord", "nump", "dec", "dec2", "dec3")  # the markers a heading may carry
OUTLINE_MARKERS = ("cn", "cnp", "num", "nump", "circ", "dec", "dec2", "dec3")  # …that may open a group
HEADING_RE = re.compile(r"^(?P<hashes>#{1,6})\s*(?P<text>.*?)\s*#*\s*$")
BRACKET_RE = re.compile(r"^[【\[]\s*(?P<title>[^】\]]{1,16}?)\s*[】\]]\s*[:：]?\s*")
# （问题）部分村集体经济收入来源单一: a role tag in round brackets (only a role's name: （数据截至6月）
# and （一） are not tags)
PAREN_TAG_RE = re.compile(r"^[（(]\s*(?P<title>[^）)]{1,6}?)\s*[）)]\s*[:：]?\s*")
PREFIX_RE = re.compile(r"^(?P<prefix>(?:(?:19|20)\d{2}\s*年度?)?[^，。；、,;：:\d]{0,12}?)\s*[：:]\s*")
# When a plan's line says it is done (一季度：…, 全年：…, 3月底前：…): it stays in the note's sentence.
SPACED_TAG_RE = re.compile(r"^(?P<title>[^，。；、,;：:\d\s]{2,10})\s+(?=\S)")
TIME_LABEL_RE = re.compile(r"(?:[一二三四1-4]季度|上半年|全年|年内|年底前|(?:\d{1,2}\s*[-—~至到]\s*)?\d{1,2}\s*月(?:份|底前|前|中旬|上旬|下旬|底)?)")
YEAR_LABEL_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?")
YEAR_OPENING_RE = re.compile(r"^(?P<year>(?:19|20)\d{2}\s*年度?)[，,]\s*(?=\S)")
# A work log's date set apart by spaces (1月10日  召开…, 3月-5月  开展…): a time, written 1月10日，召开….
DATED_LINE_RE = re.compile(
    r"^(?P<date>(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?(?:\s*[-—~至到]\s*(?:\d{1,2}\s*月)?(?:\s*\d{1,2}\s*日)?)?"
    r"(?:份|底|初|中旬|上旬|下旬)?|[一二三四1-4]季度))\s+(?=[\u4e00-\u9fff“])")
# 2025.01.08 召开… / 2025-3-15 发放… (a 工作记录 kept by date): the date as a report writes it
DOTTED_DATE_RE = re.compile(
    r"^(?:(?P<year>(?:19|20)\d{2})[.\-/])(?P<month>\d{1,2})[.\-/](?P<day>\d{1,2})\s*(?=[\u4e00-\u9fff“])")
# 一是项目建设提速。实施重点项目32个…。二是招商引资见效。… — items already written with their leads
SHI_LABEL_RE = re.compile(r"(?:^|(?<=[；;。]))[一二三四五六七八九十]是([\u4e00-\u9fff“”、]{2,12})。")
ENUMERATOR_RE = re.compile(
    r"^(?:[一二三四五六七八九十]是|首先|其次|再次|最后|第[一二三四五六七八九十](?:[，,、]|\s)|\d{1,2}[.、)）](?!\d)|[（(]\d{1,2}[）)]|[①-⑳]"
    # 一要扩大…；二要推进… (a 水产站's next year): the count goes, the 要 that makes it a plan stays
    r"|[一二三四五六七八九十](?=要[\u4e00-\u9fff]))"
    r"\s*[，,：:]?")
# A list pasted onto one line: ①…②…③, or 1、… 2、… after a space. Circled numbers never occur
# inside a fact; a digit marker only after a space or a stop, so 1.6万 and 第2、3批 stay whole.
# …and 1.…。2.…。3.… after a tag (不足：1.部分…。2.基层…, a 社保中心's): a dot marker only after a
# full stop or a space, before a character (3.26亿元 is a figure; 下半年：1.推动… 2.对…, a 环卫所's)
INLINE_ENUMERATOR_RE = re.compile(r"(?<=.)(?:(?<=。)[二三四五六七八九十]是|\s*[②-⑳]|(?:(?<=[\s。；，,])|\s+)(?:\d{1,2}[、)）]|[（(]\d{1,2}[）)])(?=[\u4e00-\u9fff])"
                                  r"|(?:(?<=[。；;])\s*|\s+)\d{1,2}[.．](?=[\u4e00-\u9fff]))")
FIRST_HALF_SPAN = r"1\s*[-—~～至到]\s*6\s*月"  # 1-6月, 1—6月, 1～6月, 1到6月: the first half's months
YEAR_SPAN_RE = re.compile(
    rf"(?P<year>(?:19|20)\d{{2}})\s*年?\s*(?P<span>上半年|下半年|半年|{FIRST_HALF_SPAN}|一至六月|年度|度|全年)?")
# …and a slide's number in a deck's text export (幻灯片 2, 第3张, Slide 4, P5: a 科技馆's 汇报 slides, each read as a note)
PAGE_MARK_RE = re.compile(
    r"[-—–－_\s]*\d{1,3}[-—–－_\s]*|第\s*\d{1,3}\s*页\s*[，,/]?\s*(?:共\s*\d{1,3}\s*页)?|\d{1,3}\s*/\s*\d{1,3}"
    r"|(?:幻灯片|[Ss]lide|SLIDE)\s*\d{1,3}|第\s*\d{1,3}\s*张(?:幻灯片)?|[Pp]\s*\d{1,3}"
    r"|(?:(?:内部资料|内部材料|内部文件|注意保存|妥善保管|仅供参考|密级\s*[：:]\s*\S{0,4}|(?:绝密|机密|秘密|内部)(?:★\S{0,8})?)\s*)+")
PAGE_MARK = "页码、幻灯片编号或密级、内部资料标记，不是要点"
TOC_RE = re.compile(r"目\s*录|.{1,40}?(?:…{2,}|\.{4,}|·{4,}|-{4,})\s*\d{1,3}")
TOC = "目录，不是要点"


def page_mark(text: str) -> str:
    """Why a line copied out of a document is no note (a page number, a marking, a table of contents), or ""."""
    if PAGE_MARK_RE.fullmatch(text):
        return PAGE_MARK
    return TOC if TOC_RE.fullmatch(text) else ""


DATE_ONLY_RE = re.compile(r"^[（(]?\s*(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?\s*[）)]?$")
# Notes gathered by a chat group's 接龙 (solitaire): #接龙, then the request as its first line
# (县委党校2025年上半年工作素材，请各科室接龙补充…), a sample line (例：科室 + 主要工作 + 数据), and each
# reply numbered with its office before the work (1. 教务科 举办主体班次6期…)
SOLITAIRE_RE = re.compile(r"^#?\s*接龙\s*$")
REQUEST_TAIL_RE = re.compile(r"[，,]\s*(?:请|烦请|麻烦)?(?:各|大家|@).*$")
SAMPLE_RE = re.compile(r"^(?:例|示例|举例|格式|模板|参考格式)\s*[：:]")
SOLITAIRE_LINE = "接龙的标记或填写示例，不是要点"
# A remark the writer left for themselves inside a note: （待人社局确认）, （待补充照片）, (需核实)
REMARK_LABEL_RE = re.compile(r"(?P<open>[（(])\s*(?:备注|注|说明)\s*[：:]\s*")
# …also with what is to be checked before it: （数据待办公室核实）, （金额需财务确认）
WRITERS_REMARK_RE = re.compile(r"[（(](?:(?:待|需|请|尚需|需要)[^（）()]{1,14}"
                               r"|[^（）()]{1,8}(?:待|需|请)[^（）()]{0,8}(?:核实|核对|确认|补充|更新|完善|审核))[）)]")
WRITERS_REMARK = "写作者留给自己的备注（待核、待补），不写进草稿"
# Word's comments, copied with the text: an anchor in the line ([A1], [张1]), a comment in brackets
# (（王科批注：…）, 【批注：补充整改率】), and the comments' own lines at the end ([A1]李明：请核对…)
COMMENT_ANCHOR_RE = re.compile(r"\[[A-Za-z\u4e00-\u9fff]{1,3}\d{1,3}\]")
COMMENT_RE = re.compile(r"[（(【\[][^（）()【】\[\]]{0,8}批注[^（）()【】\[\]]{0,40}[）)】\]]")
COMMENT = "文档批注，不写进草稿"
# …拜访企业64家。（招商二股） — the office that sent the line, as a bureau's 汇总 of its offices'
# reports keeps it: it had reached the draft (…64家。（招商二股）。)
SENDING_OFFICE_RE = re.compile(r"[。；;]?\s*[（(【\[][\u4e00-\u9fff]{1,8}?(?:股|科|室|办|组|队)(?:报送|提供|供稿)?[）)】\]]\s*[。.；;]?\s*$")
SENDING_OFFICE = "报送这一条的股室，不写进草稿"
# 存在问题：无 in a ledger's text: the tag says there is none (it had been read as a topic heading
# over the lines below it)
NONE_WORDS = r"(?:无|暂无|没有|无。)"
NONE_RE = re.compile(NONE_WORDS)
NONE_TAG_RE = re.compile(rf"^(?P<tag>[\u4e00-\u9fff]{{2,8}})\s*[：:]\s*(?:{NONE_WORDS}|/|／|—+|-+)$")
OFFICE_SENDER_RE = re.compile(r"^(?P<office>[\u4e00-\u9fff]{1,8}(?:办公室|办|科|股|室|站|所|中心|队|组))\s+(?=[\u4e00-\u9fff“])")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
WORDY_RE = re.compile(r"[\u4e00-\u9fffA-Za-z0-9]")
TITLE_CHARS = 16  # a group title is short: 一、社会救助 / 存在的短板 / 明年工作思路
FULL_WIDTH = {chr(c) for c in range(0xFF10, 0xFF1A)} | {chr(c) for c in range(0xFF21, 0xFF3B)} | {
    chr(c) for c in range(0xFF41, 0xFF5B)} | {"％", "＋", "\u3000"}
# The enclosed list markers of a word processor's symbol menu read as the ones they stand for:
# ⒈ → 1., ⑴ → (1), ㈠ → (一) (NFKC; a 纪委监委's ㈠/⒈ outline had kept each marker in its note)…
ENCLOSED_MARKERS = {chr(c) for c in (*range(0x2474, 0x249C), *range(0x3220, 0x322A))}
# …and the other circled digits (❶ ➀ ⓵) as ①–⑩, the level they are used at.
CIRCLED = str.maketrans({chr(start + i): chr(0x2460 + i) for start in (0x2776, 0x2780, 0x278A, 0x24F5) for i in range(10)})

Classify = Callable[[str, list[str]], str | None]


# --- the wordings (data) ----------------------------------------------------------------------


@dataclass(frozen=True)
class Wordings:
    titles: dict[str, list[re.Pattern[str]]]
    cues: dict[str, list[re.Pattern[str]]]
    cancels: dict[str, list[re.Pattern[str]]]
    not_topics: frozenset[str]
    admin: tuple[str, ...]
    done: list[re.Pattern[str]]
    genre: tuple[str, ...]
    drafts: tuple[str, ...]
    org_suffixes: tuple[str, ...]
    after_first_half: list[re.Pattern[str]]
    year_targets: list[re.Pattern[str]]
    kind_title: dict[str, list[re.Pattern[str]]]
    kind_body: dict[str, list[re.Pattern[str]]]


@cache
def wordings() -> Wordings:
    data = tomllib.loads(ROLES_FILE.read_text(encoding="utf-8"))
    roles = data["roles"]
    compiled = lambda patterns: [re.compile(p) for p in patterns]  # noqa: E731
    return Wordings(
        titles={role: [re.compile(f"(?:{p})") for p in spec["titles"]] for role, spec in roles.items()},
        cues={role: compiled(spec.get("cues", [])) for role, spec in roles.items()},
        cancels={role: compiled(spec.get("cancelled_by", [])) for role, spec in roles.items()},
        not_topics=frozenset(data["prefixes"]["not_topics"]),
        admin=tuple(data["prefixes"]["admin"]),
        done=compiled(data["facts"]["done"]),
        genre=tuple(data["facts"]["genre"]),
        drafts=tuple(data["facts"]["drafts"]),
        org_suffixes=tuple(data["facts"]["org_suffixes"]),
        after_first_half=compiled(data["facts"]["after_first_half"]),
        year_targets=compiled(data["facts"]["year_targets"]),
        kind_title={kind: compiled(spec.get("title", [])) for kind, spec in data["kinds"].items()},
        kind_body={kind: compiled(spec.get("body", [])) for kind, spec in data["kinds"].items()},
    )


# 重点工作 with no time before it heads a plan's tasks and a summary's key work done alike (白石乡's
# 上半年工作总结: 重点工作 over 完成农村户厕改造180户… had been read as next half-year's plans)
KEY_WORK_RE = re.compile(r"重点工作|工作重点")  # not 主要工作: a summary's results, read as such


# the writer speaking of their unit (我们, 我校, 本单位), with what they think (觉得, 认为)
SPEAKER_RE = re.compile(rf"(?:{SPEAKER}|(?:村|镇|乡|局|所|站|院|校|单位|中心)里)(?:觉得|认为|感到|感觉|看)?")  # …村里主要干了这些事


def role_of_title(title: str) -> str:
    """The raw role a whole group title or tag names, or "" for a topic (要素保障, 社会救助)."""
    text = re.sub(r"[：:。.\s]+$", "", title).strip()
    text = re.sub(r"^(?:关于)", "", text)
    text = SPEAKER_RE.sub("", text)  # 我们觉得还存在这些问题 / 下半年我们打算: who speaks names no role
    text = re.sub(r"(?<=.{2})(?:是|有|为|如下)$", "", text)  # 目前存在的主要问题是：… (a letter's wording)
    text = re.sub(r"(?<=.{2})(?:要|将|准备|还要)$", "", text)  # 下半年要： (a 镇's chat paste: a topic)
    text = re.sub(r"(?<=.{2})[（(][^（）()]{1,10}[）)]$", "", text)  # 重点任务（任务分解表） (a 医保局's plan)
    if KEY_WORK_RE.fullmatch(text):
        return "tasks"  # the key work, done or to do: a summary's results or a plan's tasks (assign_roles)
    for role in TITLE_ORDER:
        if any(pattern.fullmatch(text) for pattern in wordings().titles[role]):
            return role
    return ""


def cue_hits(text: str, role: str) -> list[str]:
    for pattern in wordings().cancels.get(role, []):
        text = pattern.sub("", text)  # 解决用工缺口问题 is a result, not a shortfall
    return [match.group(0) for pattern in wordings().cues.get(role, []) if (match := pattern.search(text))]


def done_hits(text: str) -> list[str]:
    return [match.group(0) for pattern in wordings().done if (match := pattern.search(text))]


def later_than(period: str, text: str) -> str:
    """The time a note opens with when it falls after a half-year report's period (秋季, 四季度,
    9月), or "": in a 上半年 report such a line is still to be done, figures or not."""
    if not period.endswith("H1"):
        return ""
    return next((match.group(0) for pattern in wordings().after_first_half if (match := pattern.match(text))), "")


def year_target(period: str, text: str) -> str:
    """The year's total a half-year report's note names (全年完成…), or "": a target, done or not."""
    if not period.endswith("H1"):
        return ""
    return next((match.group(0) for pattern in wordings().year_targets if (match := pattern.search(text))), "")


# --- the reading record -------------------------------------------------------------------------


@dataclass
class ReadLine:
    line: int
    text: str
    reason: str

    def to_dict(self) -> dict[str, Any]:
        return {"line": self.line, "text": self.text, "reason": self.reason}


@dataclass
class NotesReading:
    notes: Notes
    kind: str
    kind_reasons: list[str]
    org: str
    period: str
    title: str = ""
    ignored: list[ReadLine] = field(default_factory=list)
    ambiguous: list[ReadLine] = field(default_factory=list)
    role_reasons: dict[str, str] = field(default_factory=dict)  # note id → why it has its role

    def parts(self) -> dict[str, list[Note]]:
        """Notes per role, in the kind's part order."""
        order = load_kind(self.kind).roles
        parts: dict[str, list[Note]] = {role: [] for role in order}
        for note in self.notes.notes:
            parts.setdefault(note.role, []).append(note)
        return {role: notes for role, notes in parts.items() if notes}

    def sections(self, role: str) -> dict[str, list[Note]]:
        sections: dict[str, list[Note]] = {}
        for note in self.notes.with_role(role):
            sections.setdefault(note.topic, []).append(note)
        return sections

    def role_label(self, role: str) -> str:
        spec = load_kind(self.kind).spec(role)
        return spec.label if spec else ROLE_LABELS.get(role, role)

    def summary_lines(self) -> list[str]:
        """What was understood, in Chinese: what ``drafter notes`` prints and ``drafter draft`` shows first."""
        lines = [f"文种：{KIND_LABELS.get(self.kind, self.kind)}（{self.kind}）"]
        lines += [f"  依据：{reason}" for reason in self.kind_reasons]
        lines.append(f"单位：{self.org or '（未识别，可用 --org 指定）'}")
        lines.append(f"时段：{period_text(self.period) or '（未识别，可用 --period 指定）'}")
        if self.title:
            lines.append(f"标题行：{self.title}")
        lines.append(f"要点：共 {len(self.notes.notes)} 条")
        for role, notes in self.parts().items():
            lines.append(f"  【{self.role_label(role)}】{len(notes)} 条")
            for topic, members in self.sections(role).items():
                if topic:
                    lines.append(f"    〔{topic}〕")
                indent = "      " if topic else "    "
                lines += [f"{indent}{note.id} {shorten(note.text)}" for note in members]
        if self.ignored:
            lines.append(f"未作为要点的行：{len(self.ignored)} 行")
            lines += [f"  第{item.line}行 {shorten(item.text)} —— {item.reason}" for item in self.ignored]
        if self.ambiguous:
            lines.append(f"需要确认的行：{len(self.ambiguous)} 行")
            lines += [f"  第{item.line}行 {shorten(item.text)} —— {item.reason}" for item in self.ambiguous]
        return lines

    def to_dict(self) -> dict[str, Any]:
        return {
            "kind": self.kind,
            "kind_label": KIND_LABELS.get(self.kind, self.kind),
            "kind_reasons": self.kind_reasons,
            "org": self.org,
            "period": self.period,
            "title": self.title,
            "notes": [
                {"id": n.id, "line": n.line, "role": n.role, "role_label": self.role_label(n.role), "topic": n.topic,
                 "text": n.text, "reason": self.role_reasons.get(n.id, "")}
                for n in self.notes.notes
            ],
            "parts": {role: [n.id for n in notes] for role, notes in self.parts().items()},
            "ignored": [item.to_dict() for item in self.ignored],
            "ambiguous": [item.to_dict() for item in self.ambiguous],
        }


def shorten(text: str, limit: int = 48) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


# --- lines ------------------------------------------------------------------------------------


@dataclass
class Line:
    number: int
    text: str  # normalised, marker removed
    marker: str = ""  # md | cn | cnp | num | ord | nump | alpha | circ | dec… | bullet | ""
    level: int = 0
    indent: int = 0

    @property
    def family(self) -> str:
        return self.marker


def normalise_width(text: str) -> str:
    """２.４亿元 → 2.4亿元, ３．５％ → 3.5%, ⒈ → 1., ❶ → ①; Chinese punctuation (，；：（）) is kept as
    written."""
    text = "".join(unicodedata.normalize("NFKC", ch) if ch in FULL_WIDTH or ch in ENCLOSED_MARKERS else ch
                   for ch in text.translate(CIRCLED))
    text = re.sub(r"(?<=\d)．(?=\d)", ".", text)  # a full-width point inside a number
    return re.sub(r"^(\d{1,2})．", r"\1.", text)  # １．  as a list marker


# Markdown bold (**一、主要工作**, - **维权服务**：…), pasted from an editor or a chat: no part of the words.
# Single * stay: a bullet, or a masked figure.
EMPHASIS_RE = re.compile(r"(\*\*|__)(?=\S)(?P<words>.+?)(?<=\S)\1")
# A status the writer put after a line (——已完成, （已完成）, 【进行中】): it says the line's role, and
# is no part of its sentence.
STATUSES = "已完成|完成|已办结|已落实|已结束|进行中|推进中|正在推进|未启动|未开工|未完成|略"
# …and a trailing ellipsis or （略） (开展应急演练420场次……): the writer's shorthand, not the sentence's end
STATUS_RE = re.compile(rf"\s*(?:(?:——|—|--|－－)\s*(?:{STATUSES})|[（(【\[]\s*(?:{STATUSES})\s*[）)】\]]|(?:…|\.{{3}})+)\s*$")


# What a chat shows in place of a picture, a sticker or a voice message when copied ([图片], [表情],
# [微笑]): it had been a group title over the notes (〔图片〕) and stayed at a line's end
CHAT_PLACEHOLDER_RE = re.compile(
    r"\[(?:图片|表情|动画表情|语音|视频|文件|链接|位置|名片|红包|转账|小程序|聊天记录|"
    r"微笑|强|弱|赞|抱拳|握手|玫瑰|爱心|鼓掌|捂脸|笑哭|呲牙|偷笑|拳头|胜利|OK|耶|加油|奋斗|太阳|月亮|咖啡|庆祝|烟花|合十)\]")


# 今年以来，街道在经济发展方面，一是招商引资，…；二是服务企业，… (a 街道's annual paragraphs): the work the
# line's list is of, as 经济发展方面：一是… would say it — the framing had opened its first fact
ASPECT_LIST_RE = re.compile(r"^(?:(?:今年以来|年初以来|上半年以来|上半年|全年|一年来|半年来)[，,]\s*)?"
                            r"(?:(?:街道|我局|我们|我单位|本单位|我中心|我所|我镇|我乡|全局|全镇|全县|全区)?在)?"
                            r"(?P<label>[\u4e00-\u9fff]{2,10}?)方面[，,]\s*(?=一是|首先|第一[，,、])")


def split_line(number: int, raw: str) -> Line | None:
    # what shows as nothing, copied from a web page or a chat: a zero-width space after a line's 。 had
    # joined the next line to it
    raw = CHAT_PLACEHOLDER_RE.sub("", raw)
    text = EMPHASIS_RE.sub(lambda bold: bold["words"], normalise_width(INVISIBLE_RE.sub("", raw).rstrip()))
    stripped = text.lstrip(" \t")
    if not stripped.strip():
        return None
    indent = len(text[: len(text) - len(stripped)].expandtabs(4))
    if heading := HEADING_RE.match(stripped):
        return Line(number, strip_marker(heading["text"].strip()), "md", len(heading["hashes"]), indent)
    stripped = ANSWER_RE.sub("", stripped)  # 答：一是服务台企。… answers the question above it
    stripped = ASPECT_LIST_RE.sub(r"\g<label>方面：", stripped)
    for name, level, pattern in MARKERS:
        if match := pattern.match(stripped):
            return Line(number, stripped[match.end():].strip(), name, level, indent)
    return Line(number, stripped.strip(), "", 0, indent)


# A line cut where the page or the column ended (a copy from a PDF or a narrow Word table):
# 结案率84.4%，同比 / 提高3.2个百分点。 had been two notes, the second a fact with no subject.
OPEN_END_RE = re.compile(r"[，、,（(“《]$")
CLOSED_END_RE = re.compile(r"[。！？；;!?：:）)”》]$")
WRAP_MIN_CHARS = 15  # a wrapped line is a full line of the page; a short unpunctuated one is a note or a title
WRAP_MAX_LINES = 3  # a sentence cut by the page runs on for a line or two, rarely more


def unwrapped(lines: list[Line]) -> list[Line]:
    """``lines`` with each line the page cut joined back to the line it goes on from: after a
    comma (no note ends on one), or — where the writer ends sentences with 。 — after a long line
    that stops mid-sentence, when the lines after it reach a 。 before anything new begins (产业项目
    后劲不足，缺少… / 镇村干部年龄偏大，年轻干部少 are two notes written without one). A marked line
    (1. / ● / 一、) or a blank line between starts anew."""
    # lines of sentences: a title or a heading, however long, ends on no mark
    long_lines = [line.text for line in lines if len(line.text) >= WRAP_MIN_CHARS and re.search(r"[，。,]", line.text)]
    stops_used = bool(long_lines) and sum(text.endswith("。") for text in long_lines) * 2 >= len(long_lines)
    joined: list[Line] = []
    for index, line in enumerate(lines):
        if joined and goes_on(joined[-1], line) and (
                OPEN_END_RE.search(joined[-1].text) or stops_used and cut_mid_sentence(joined[-1], lines[index:])):
            joined[-1] = replace(joined[-1], text=joined[-1].text + line.text)
        else:
            joined.append(line)
    return joined


def tags_carried(lines: list[Line]) -> list[Line]:
    """``lines`` with each line set under a spaced role tag's text carrying the tag itself:
    存在问题  部分提案办理质量不高 / (spaces) 委员履职考核办法… are two problems (a ledger typed in a
    plain editor), where the second had been joined to the first as its breakdown."""
    carried: list[Line] = []
    tag = ""
    for line in lines:
        follows = bool(carried) and line.number == carried[-1].number + 1
        if tag and follows and line.indent > carried[-1].indent and not line.marker:
            line = replace(line, text=f"{tag}  {line.text}", indent=carried[-1].indent)
        else:
            tagged = SPACED_TAG_RE.match(line.text)
            tag = tagged["title"] if tagged and role_of_title(tagged["title"]) and not line.marker else ""
        carried.append(line)
    return carried


def goes_on(previous: Line, line: Line) -> bool:
    """Whether ``line`` may carry on ``previous``: next to it, unmarked, not after a heading or a table row,
    and not opening with a role's label (问题:所里执法人员只有6人 had been joined to the result over it)."""
    label = re.match(r"^([^，。；、,;：:\d\s]{2,10})[：:]", line.text)
    return line.number == previous.number + 1 and not line.marker and previous.marker != "md" \
        and "\t" not in previous.text and not (label and role_of_title(label[1]))


def cut_mid_sentence(previous: Line, rest: list[Line]) -> bool:
    """A long line with a comma inside that stops without an end mark, whose sentence ends with
    one a line or two on (``rest`` starts at the line after it)."""
    if len(previous.text) < WRAP_MIN_CHARS or CLOSED_END_RE.search(previous.text) or not re.search(r"[，。,]", previous.text):
        return False
    before = previous
    for line in rest[:WRAP_MAX_LINES]:
        if not goes_on(before, line):
            return False
        if CLOSED_END_RE.search(line.text):
            return True
        before = line
    return False


def strip_marker(text: str) -> str:
    """## 一、总体要求 → 总体要求: a heading may carry the number the writer typed."""
    for name, _level, pattern in MARKERS:
        if name in NUMBERING and (match := pattern.match(text)):
            return text[match.end():].strip()
    return text


def is_decoration(text: str) -> bool:
    return not WORDY_RE.search(text)


def title_like(text: str, marker: str) -> bool:
    """Short, no figures, no sentence inside: 一、社会救助 / （一）强化安全监管，守牢底线."""
    body = re.sub(r"[：:。]$", "", text)
    commas = len(re.findall(r"[，,]", body))
    allowed_commas = 1 if marker in ("cn", "cnp", "md") else 0
    return (0 < len(body) <= (22 if commas else TITLE_CHARS) and not re.search(r"\d", body)
            and not re.search(r"[；;。！？]", body) and commas <= allowed_commas and bool(CJK_RE.search(body)))


# --- titles: unit, period, genre ----------------------------------------------------------------


@dataclass
class TitleInfo:
    org: str = ""
    period: str = ""
    span_words: str = ""  # the period words as written (上半年, 年度 …)
    genre: list[str] = field(default_factory=list)


CN_DIGITS = {"〇": "0", "○": "0", "零": "0", "一": "1", "二": "2", "三": "3", "四": "4", "五": "5", "六": "6",
             "七": "7", "八": "8", "九": "9"}
CN_YEAR_RE = re.compile(r"[二][〇○零][〇○零一二三四五六七八九]{2}(?=\s*年)")


def arabic_years(text: str) -> str:
    """二〇二五年 → 2025年: a year written in characters (a 街道's title had no period); 2025H1 and
    2025年Q2, as a spreadsheet names them, → 2025年上半年 and 2025年二季度 (read as no unit, no period);
    2025年春季学期 → 2025年上半年."""
    text = CN_YEAR_RE.sub(lambda year: "".join(CN_DIGITS[c] for c in year.group(0)), text)
    text = DOTTED_SPAN_RE.sub(written_span, text)
    text = re.sub(r"((?:19|20)\d{2})\s*年?\s*[Hh]([12])(?![0-9])", lambda half: f"{half[1]}年{'上下'[int(half[2]) - 1]}半年", text)
    text = re.sub(r"((?:19|20)\d{2})\s*年?\s*[Qq]([1-4])(?![0-9])", lambda quarter: f"{quarter[1]}年{'一二三四'[int(quarter[2]) - 1]}季度", text)
    # a school's 2025年春季学期 is the year's first half, its 秋季学期 the second (a 小学's summary had
    # been read as a special report on the work “春季学期”)
    return re.sub(r"(?<=年)\s*(春|秋)季?学期", lambda term: "上半年" if term[1] == "春" else "下半年", text)


# 2025.1—2025.6, 2025.01-06, 2025.1.1-2025.6.30: months of a year as a spreadsheet or a form writes them
# (农业综合行政执法大队上半年工作情况（2025.1—2025.6） had been read as a note, no title, no period)
DOTTED_SPAN_RE = re.compile(r"(?P<year>(?:19|20)\d{2})[.．/](?P<first>0?[1-9]|1[0-2])(?:[.．/]\d{1,2})?\s*[-—–~～至到]+\s*"
                            r"(?:(?P=year)[.．/])?(?P<last>0?[1-9]|1[0-2])(?:[.．/]\d{1,2})?(?![\d.．])")


def written_span(span: re.Match[str]) -> str:
    """A dotted span of months as a title says it: 2025年1-6月, 2025年下半年, 2025年度, else 2025年3-9月."""
    first, last = int(span["first"]), int(span["last"])
    said = {(1, 6): "1-6月", (7, 12): "下半年", (1, 12): "年度"}.get((first, last), f"{first}-{last}月")
    return f"{span['year']}年{said}".replace("年年度", "年度")


TITLE_SEPARATORS = r"[|\s——\-、，,：:（）()“”\"]+"  # what separates the unit, the period and the genre words of a title line


def read_title_text(title: str) -> TitleInfo:
    """区民政局2023年度工作总结（材料） / 2024年上半年工作总结——县市场监管局 → unit, period, genre words."""
    words = wordings()
    info = TitleInfo()
    # 县 财政局 2025年 上半年 工作总结: a county's name spaced off its unit's (read as 财政局)
    text = re.sub(r"^([县区市镇乡])\s+(?=[\u4e00-\u9fff])", r"\1", arabic_years(title))
    org_in_brackets = ""
    for bracket in re.finditer(r"[（(【\[]([^）)】\]]{1,20})[）)】\]]", text):
        inner = bracket[1]
        if inner.endswith(words.org_suffixes) and not any(d == inner for d in words.drafts):
            # right after a unit's whole name it is the unit's second name: 县外事办（侨办） (read as 侨办)
            before = re.split(TITLE_SEPARATORS, text[: bracket.start()])[-1]
            org_in_brackets = f"{before}（{inner}）" if before and org_prefix(before) == before else inner
    # （材料） goes; （2024年） keeps its year.
    text = re.sub(r"[（(【\[]([^）)】\]]{1,20})[）)】\]]", lambda m: f" {m[1]} " if YEAR_SPAN_RE.search(m[1]) else " ", text)
    if match := YEAR_SPAN_RE.search(text):
        span = re.sub(r"\s", "", match["span"] or "")
        if not span and (elsewhere := re.search(rf"上半年|{FIRST_HALF_SPAN}|一至六月|下半年", text)):
            span = elsewhere.group(0)  # 县水利局上半年工作总结（2024年）
        info.span_words = span
        half = "H1" if span in ("上半年", "半年", "一至六月") or span.startswith("1") else "H2" if span == "下半年" else ""
        info.period = match["year"] + half
        text = text[: match.start()] + "|" + text[match.end():]
    elif span_word := re.search(r"上半年|下半年|全年|年度", text):
        # no year: the unit's name still ends where the period begins (县人大常委会办公室上半年工作总结
        # had been read as 县人大常委, the first ending of a unit's name in the whole line)
        text = text[: span_word.start()] + "|" + text[span_word.start():]
    info.genre = [g for g in words.genre if g in text]
    segments = [s for s in re.split(rf"{TITLE_SEPARATORS}|关于", text) if s]
    # a segment that is a unit's whole name (…——县农业农村局) before one that only opens with one
    # (乡村振兴工作总结 opens with 乡村: read as the unit)
    whole = next((s for s in segments if org_prefix(s) == s), "")
    info.org = org_in_brackets or whole or next((org for s in segments if (org := org_prefix(s))), "")
    return info


REPORT_WORDS_RE = re.compile(r"工作|情况|总结|计划")  # a report's words, never in a unit's name
UNITS_WORK_RE = re.compile(r"工作(?=(?:服务|委员会|领导小组|联席会议|部|局|站|中心|办公室))")


def org_prefix(segment: str) -> str:
    """The organisation a segment starts with: 县应急管理局安全生产 → 县应急管理局."""
    suffixes = (*wordings().org_suffixes, "县", "区", "市")
    for suffix in suffixes:
        if match := re.match(rf"^(.{{1,20}}?{re.escape(suffix)})", segment):
            name = match.group(1)
            # a longer suffix that goes on from this one wins (县科协 had been read as 县科, 县社科联 as 县社科)
            name = max((longer for s in suffixes if (longer := suffix_around(name, suffix, s, segment))), key=len)
            # …but 工作 before a unit's kind is its name's (县金融工作服务中心, 县委政法工作委员会)
            if name not in wordings().genre and not REPORT_WORDS_RE.search(UNITS_WORK_RE.sub("", name)):
                return name + subordinate_unit(segment[len(name):])
    return ""


def suffix_around(name: str, suffix: str, longer: str, segment: str) -> str:
    """``name`` (ending on ``suffix``) taken to the end of ``longer``, a suffix holding ``suffix``,
    where the segment goes on so (县社|科 → 县社科联 of 社科联); "" where it does not."""
    at = longer.find(suffix)
    if at < 0 or not name[:-len(suffix)].endswith(longer[:at]):
        return ""
    whole = name[:len(name) - len(suffix) - at] + longer
    return whole if segment.startswith(whole) else ""


SUBORDINATE_MAX_CHARS = 10


def subordinate_unit(rest: str) -> str:
    """The unit under the one just read, when the segment goes on to it and ends there: 临河分局 of
    市生态环境局临河分局 (read as 市生态环境局, seen), 城关派出所 of 县公安局城关派出所; else ""."""
    suffixes = (*wordings().org_suffixes, "派出所", "股")  # …教育体育局体育股 (read as the bureau, seen)
    # …a masked place in it too (国家税务总局|XX县税务局, read as 国家税务总局)
    fits = 2 <= len(rest) <= SUBORDINATE_MAX_CHARS and re.fullmatch(r"(?:[\u4e00-\u9fff]|[Xx×*＊]{1,3})+", rest)
    return rest if fits and rest.endswith(suffixes) and not REPORT_WORDS_RE.search(rest) else ""


def names_document(text: str) -> bool:
    """# 某县自然资源局 2024年上半年 names the document; # 耕地保护 is a group."""
    info = read_title_text(text)
    return bool(info.org or info.period or info.genre)


# …and （2025年6月）, a month alone (民政局上半年工作情况（2025年6月） had been read as a note)
# …or 6.27 (县数据局上半年重点工作进展（群内汇总 6.27）, a chat summary's title, read as a result)
DATED_ASIDE_RE = re.compile(r"[（(][^（）()]{0,6}(?:\d{1,2}\s*月(?:\s*\d{1,2}\s*日)?|\d{1,2}[.．/]\d{1,2})[^（）()]{0,6}[）)]\s*$")


def looks_like_title(line: Line, first: bool = False) -> bool:
    """Whether a line names unit/period and genre as a title does; the ``first`` line may carry a
    chat's mark before it (📌县…不动产登记中心2025年1-6月工作小结 had been read as a result)."""
    marked = line.marker == "bullet" and first
    if (line.marker not in ("", "md") and not marked) or len(line.text) > 48:
        return False
    info = read_title_text(line.text)
    # 2025年上半年工作总结（县残联） names a group's words and a unit: a title (its unit and period were lost)
    if role_of_title(line.text) and not (info.org and info.period):
        return False
    # （6月20日） after a title says when it was written (交通运输局上半年工作情况（6月20日）, seen)
    figures_beyond_year = re.sub(r"(?:19|20)\d{2}", "", DATED_ASIDE_RE.sub("", arabic_years(line.text)))
    if re.search(r"\d", re.sub(FIRST_HALF_SPAN, "", figures_beyond_year)):
        return False
    # 县人防办上半年工作: a unit, a half of the year and 工作 — a title with no year (a 人防办's paragraph)
    # …and a remark after it: 县邮政管理局上半年工作（群里汇总） (a chat's paste had its title as a note)
    bare = re.sub(r"[（(][^（）()]{1,12}[）)]\s*$", "", line.text)
    # …and 县数据局上半年重点工作进展 (a chat summary's title)
    yearless = bool(info.org) and re.search(r"(?:上|下)半年(?:重点)?(?:工作)?(?:情况|总结|小结|进展|进展情况|汇报)?$", bare) is not None
    return bool((info.period or info.org) and (info.genre or (info.period and info.org) or yearless))


# --- reading ----------------------------------------------------------------------------------


@dataclass
class RawNote:
    line: int
    text: str
    topic: str
    explicit_topic: bool
    group_role: str  # from a group title above ("" when none or a topic group)
    tag_role: str  # from a tag on the line itself
    in_group: bool  # under any group title (role or topic)
    children: list[str] = field(default_factory=list)
    parent: str = ""  # the writer's heading over the topic's own (（一）科普工作 over 1.全国科普日活动)


@dataclass
class State:
    role: str = ""
    role_level: int = 0
    topic: str = ""
    topic_is_heading: bool = False
    topic_level: int = 0
    parent: str = ""  # a topic heading with topic headings under it: their section
    parent_level: int = 0
    explicit: bool = False
    title_year: int = 0  # a "2025年：" tag after a 2024 title is next year's plan
    past_results: bool = False  # a problems or plans group has begun
    time: str = ""  # the month heading (2月) over the lines: said in their notes
    place: str = ""  # the village heading (东溪村) over the lines: said in their notes
    after_blank: bool = False  # a blank line stands between this line and the one before
    aspect: str = ""  # 寄递安全这块：… — the work the writer said the next lines are about, up to a break
    aspect_line: int = 0  # the line that said or carried it: only the line right after it carries it on

    @property
    def apart(self) -> bool:
        """Whether this line stands after a blank line below the last work's heading, outside any role
        group: problems and plans there are the whole report's, not that work's."""
        return self.after_blank and self.topic_is_heading and not self.role


def read_notes(text: str, *, kind: str | None = None, org: str | None = None, period: str | None = None,
               classify: Classify | None = None) -> NotesReading:
    """Read notes text; ``kind``/``org``/``period`` given by the user win over what the notes say.

    ``classify`` (optional) is asked for the role of a note whose text gives no clue at all; its answer
    is used only when it names a role of the kind, else the rule-based answer stands.
    """
    check_text(text)
    raw_lines = text.replace("\r\n", "\n").split("\n")
    table = table_lines(enumerate(raw_lines, start=1), role_of_title)
    # a page's number and a document's marking, copied out of a PDF or Word (- 1 -, 第2页 共3页, 内部资料):
    # set aside before broken lines are joined, as a page break stands between them
    # …and a table of contents (目  录 / 一、上半年工作进展……………1)
    marks = {number: reason for number, raw in table.lines if (reason := page_mark(normalise_width(raw.strip())))}
    lines = tags_carried(unwrapped([line for number, raw in table.lines if number not in marks
                                    and (line := split_line(number, raw)) is not None]))
    ignored = [ReadLine(number, shorten(raw.replace("\t", " | ")), "表格的表头或分隔行") for number, raw in table.headers]
    ignored += [ReadLine(number, raw_lines[number - 1].strip(), reason) for number, reason in marks.items()]
    ambiguous: list[ReadLine] = []
    subject = mail_header(lines, ignored)
    mailed = any(item.reason == SENDERS_LINE for item in ignored)
    if mailed:
        quoted_mail(raw_lines, lines, ignored)
    set_aside = {item.line for item in ignored}
    body = [line for line in lines if line.number not in set_aside]
    frame = letter_frame(body, ignored, mailed)
    title_line, title = find_title(body, ignored)
    if title is None and subject is not None:  # 主题：人大常委会办公室上半年工作材料 names unit and period
        title, title_line = FoundTitle.read(subject), subject.number
    if title is None and frame.opening is not None:  # 现将我局2025年上半年工作情况报告如下 names the period
        opening = frame.opening
        title = FoundTitle.read(replace(opening, text=re.sub(r"^(?:现将|现就|根据|按照|为)", "", opening.text)))
        title.text = opening.text
        title.org = "" if title.org.startswith(("我", "本")) else title.org  # 我局 names no unit: the signature does
        title_line = opening.number
    if title is None and (run_in := run_in_title(body, ignored)) is not None:
        title, rest = run_in
        lines = [rest if line.number == rest.number else line for line in lines]
    places = place_headings(lines)
    raw_notes = collect_notes(lines, title_line, ignored, ambiguous, int(title.period[:4]) if title and title.period else 0,
                              places, whole_year=bool(title and re.fullmatch(r"\d{4}", title.period)))
    if not raw_notes:
        if ignored:
            raise NotesError("只有标题，没有要点。请在标题下按行写出具体工作，例如“- 完成村庄规划编制11个”。")
        raise NotesError("没有找到可用的要点。请按行写出工作要点，例如“- 完成村庄规划编制11个”。")
    notes_text = [join_children(raw) for raw in raw_notes]
    if not any(CJK_RE.search(t) for t in notes_text):
        raise NotesError("要点中没有中文内容；drafter 起草的是中文工作总结，请用中文写要点。")
    chosen_kind, reasons = decide_kind(raw_notes, notes_text, title, lines, kind)
    chosen_period = normalise_period(period) or (title.period if title else "") \
        or submitted_period(ignored, title.text if title else "", chosen_kind, frame.date)
    notes, role_reasons = assign_roles(raw_notes, notes_text, chosen_kind, classify, ambiguous, chosen_period)
    for note in notes.notes:
        note.text = without_spoken_must(note.text) if note.role in PLAN_ROLES else note.text
    # the counts are said of the notes as placed: roles are settled after the kind (筹备…年底前召开
    # is a plan by the lines around it), and the reason had counted 7 results and 1 plan over 6 and 2
    reasons = [work_counts(notes) if reason == COUNTS_REASON else reason for reason in reasons]
    notes.title = title.text if title else ""
    notes.org = (org or "").strip() or (title.org if title else "") or frame.org
    notes.period = chosen_period
    notes.kind = chosen_kind
    notes.topics = list(dict.fromkeys(n.topic for n in notes.notes if n.topic))
    notes.by_time = written_by_time(notes, ignored)
    notes.places = list(dict.fromkeys(places.values()))
    ambiguous.sort(key=lambda item: item.line)
    # told last: a line in ``ignored`` is set aside whole, and the row of a dropped cell stays
    ignored += [ReadLine(number, shorten(cell), DROPPED_CELL) for number, cell in table.dropped]
    ignored.sort(key=lambda item: item.line)
    return NotesReading(notes, chosen_kind, reasons, notes.org, notes.period, notes.title,
                        ignored, ambiguous, role_reasons)


BY_TIME_HEADINGS = 2
DATED_NOTE_RE = re.compile(r"^(?:(?:19|20)\d{2}年)?\d{1,2}月(?:\d{1,2}日)?[，,]")


def written_by_time(notes: Notes, ignored: list[ReadLine]) -> bool:
    """Whether the writer kept the notes by time — under month headings (1月, 2月…) or as a log of
    dated lines — rather than by work: then related works lie months apart in the notes."""
    if sum(item.reason == TIME_HEADING for item in ignored) >= BY_TIME_HEADINGS:
        return True
    if sum(item.reason == PLACE_HEADING for item in ignored) >= BY_TIME_HEADINGS:
        return True  # kept by village: related works lie apart too (东溪村's roads, 北山村's)
    results = [note for note in notes.notes if note.role == "progress" and not note.topic]
    dated = sum(bool(DATED_NOTE_RE.match(note.text)) for note in results)
    return len(results) >= 4 and dated * 2 >= len(results)


def read_notes_file(path: str | Path, *, kind: str | None = None, org: str | None = None,
                    period: str | None = None, classify: Classify | None = None) -> NotesReading:
    """.txt/.md read as text; .docx with its headings as # lines and list paragraphs as - lines."""
    return read_notes(notes_text_of(path), kind=kind, org=org, period=period, classify=classify)


def notes_text_of(path: str | Path) -> str:
    """The notes text of a file as the reader and the pipeline take it (.docx: headings as #, lists as -)."""
    path = Path(path)
    text = read_document(path)  # size, encoding and broken-file checks with their messages
    return docx_as_notes_text(path) if path.suffix.lower() == ".docx" else text


def docx_as_notes_text(path: Path) -> str:
    """Word headings become Markdown headings (Title/Heading 1 → #), list paragraphs become - items."""
    import docx  # python-docx; already validated by read_document
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    document = docx.Document(str(path))
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):  # a 台账 in the file: its rows as tab-separated lines
            lines.extend(table_rows_text(block))
            continue
        paragraph: Paragraph = block
        text = paragraph.text.strip()
        if not text:
            continue
        style = (paragraph.style.name if paragraph.style is not None else "") or ""
        numbered = paragraph._p.pPr is not None and paragraph._p.pPr.numPr is not None
        heading = re.match(r"(?:Heading|标题)\s*(\d)", style)
        if style == "Title":
            lines.append(f"# {text}")
        elif heading:
            lines.append(f"{'#' * min(6, int(heading.group(1)))} {text}")
        elif "List" in style or "列表" in style or numbered:
            lines.append(f"- {text}")
        else:
            lines.append(text)
    return "\n".join(lines)


def table_rows_text(table: Any) -> list[str]:
    """A Word table's rows, cells joined by tabs; a merged cell (repeated by python-docx) once."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = re.sub(r"\s+", " ", cell.text).strip()
            if not cells or text != cells[-1]:
                cells.append(text)
        rows.append("\t".join(cells))
    return rows


def check_text(text: str) -> None:
    if "\x00" in text or looks_binary(text.encode("utf-8", "replace")[:8192]):
        raise NotesError("输入看起来是二进制内容，不是文字要点；请提供 .md、.txt 或 .docx 格式的要点清单。")
    if not text.strip():
        raise NotesError("要点是空的。请按行写出工作要点，例如“- 完成村庄规划编制11个”。")


@dataclass
class FoundTitle:
    line: int
    text: str
    org: str
    period: str
    span_words: str
    genre: list[str]

    @classmethod
    def read(cls, line: Line, org: str | None = None) -> FoundTitle:
        """The title ``line`` names; ``org`` overrides the unit it reads (a letter's 我局 names none)."""
        info = read_title_text(line.text)
        return cls(line.number, line.text, info.org if org is None else org, info.period, info.span_words, info.genre)


UNIT_LINE = "标题上下单独一行的单位名称"
WRITTEN_ON = "标题下的成文日期"


def unit_line(line: Line | None) -> str:
    """The unit a line names and nothing else, as a letter is signed (县城市建设投资有限公司 over its
    title, 县营商环境服务中心 under it — each had been read as a result, and the unit as none)."""
    return line.text if line is not None and signs(line) else ""


def under_title(following: list[Line], ignored: list[ReadLine]) -> str:
    """The unit a title's next line names on its own (县营商环境服务中心), or ""; that line and a date
    under the title ((2025年6月): when it was written, which gives a period the title lacks) are set aside."""
    unit = unit_line(following[0]) if following else ""
    if unit:
        ignored.append(ReadLine(following[0].number, following[0].text, UNIT_LINE))
    if dated := next((line for line in following if DATE_ONLY_RE.match(line.text)), None):
        ignored.append(ReadLine(dated.number, dated.text, WRITTEN_ON))
    return unit


def find_title(lines: list[Line], ignored: list[ReadLine]) -> tuple[int, FoundTitle | None]:
    """The title line: the first line (after a date, a draft mark or its unit's name) naming
    unit/period and genre, or a # line; a unit's name on the line under it is its unit too."""
    unit = ""
    for index, line in enumerate(lines[:3]):
        if DATE_ONLY_RE.match(line.text) or re.fullmatch(r"[（(【\[][^）)】\]]{1,12}[）)】\]]", line.text) \
                or SOLITAIRE_RE.match(line.text):
            continue
        line = replace(line, text=REQUEST_TAIL_RE.sub("", line.text)) if line.marker == "" else line
        if (line.marker == "md" and line.level == 1 and not role_of_title(line.text) and names_document(line.text)) \
                or looks_like_title(line, first=index == 0):
            for earlier in lines[:index]:
                reason = UNIT_LINE if unit and earlier.text == unit else "标题前的日期或稿件标记"
                ignored.append(ReadLine(earlier.number, earlier.text, reason))
            ignored.append(ReadLine(line.number, line.text, "标题行（单位、时段、文种）"))
            title = FoundTitle.read(line)
            # the unit's own line wins over a title's reading: 关于…巩固拓展脱贫攻坚成果同乡村振兴…的报告
            # names no unit, and had been read as 巩固拓展脱贫攻坚成果同乡 (its 乡)
            title.org = under_title(lines[index + 1:index + 3], ignored) or unit or title.org
            return line.number, title
        if not unit and (unit := unit_line(line)):
            continue
        break
    return 0, None


def run_in_title(lines: list[Line], ignored: list[ReadLine]) -> tuple[FoundTitle, Line] | None:
    """A title run into the first notes' line (城关市场监管所上半年：1、日常检查…, a 市场监管所's mail):
    the title its head names, and the line without it. The head had been a group over the notes,
    and the unit and period were not found."""
    set_aside = {item.line for item in ignored}
    first = next((line for line in lines if line.number not in set_aside), None)
    head = re.match(r"^(?P<head>[^：:，,。；;]{4,30})[：:]\s*(?=\S)", first.text) if first is not None else None
    if first is None or head is None:
        return None
    title_line = replace(first, text=head["head"])
    info = read_title_text(title_line.text)
    if not info.org or not looks_like_title(title_line, first=True):
        return None
    return FoundTitle.read(title_line), replace(first, text=first.text[head.end():])


# Notes forwarded by e-mail open with its header (发件人：… / 发送时间：… / 主题：…): each line had
# been a note under its own label. What the header says of the period (发送时间) and what the notes
# are (主题) is kept.
MAIL_HEADER_RE = re.compile(r"^(?P<field>发件人|收件人|抄送|密送|发送时间|发送日期|发件时间|时间|日期|主题|附件|"
                            r"From|To|Cc|Sent|Date|Subject)\s*[：:]\s*(?P<value>.*)$", re.IGNORECASE)
MAIL_FIELDS = 2  # a mail's header has a sender and a time or subject at least: 时间： alone may be a note's label
SUBJECT_FIELDS = ("主题", "subject")


# A reply quotes the mail it answers: > lines, or all below a separator (----- 原始邮件 -----) — the
# request (请各科室于7月3日前报送…) had been read as a problem
QUOTED_RE = re.compile(r"^\s*>")
ORIGINAL_MAIL_RE = re.compile(r"^\s*[-—_=]{2,}\s*(?:原始邮件|原邮件|Original Message)\s*[-—_=]{2,}\s*$", re.IGNORECASE)
QUOTED_MAIL = "引用的原邮件，不是要点"


def quoted_mail(raw: list[str], lines: list[Line], ignored: list[ReadLine]) -> None:
    """Set aside what a reply quotes of the mail it answers (``raw``: the text's lines as typed)."""
    separator = next((number for number, line in enumerate(raw, start=1) if ORIGINAL_MAIL_RE.match(line)), len(raw) + 1)
    for line in lines:
        if line.number >= separator or QUOTED_RE.match(raw[line.number - 1]):
            ignored.append(ReadLine(line.number, line.text, QUOTED_MAIL))


def mail_header(lines: list[Line], ignored: list[ReadLine]) -> Line | None:
    """Set aside the header an e-mail opens with (as the sender's details); its subject line, as a
    Line of its own, for the title when the notes have none."""
    header = []
    for line in lines:
        if not (field := MAIL_HEADER_RE.match(line.text)):
            break
        header.append((line, field))
    if len(header) < MAIL_FIELDS:
        return None
    subject = None
    for line, field in header:
        ignored.append(ReadLine(line.number, line.text, SENDERS_LINE))
        if field["field"].lower() in SUBJECT_FIELDS and field["value"].strip():
            subject = replace(line, text=field["value"].strip())
    return subject


# A report sent as a letter: 各位领导：/ 现将我局…情况报告如下：/ … / 以上报告，请审阅。/ 县气象局 / 2025年6月30日
SALUTATION_RE = re.compile(r"^(?:各位|尊敬的)?[\u4e00-\u9fff]{0,10}(?:领导|同志|同事|局长|主任|科长|书记|县长|区长|市长)们?[：:]$")
# 张科，您好！ opening a mail (a 金融服务中心's, seen as a result)
GREETING_RE = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}[，,]\s*)?(?:您好|你好|大家好)[！!。，,~～]*$")
OPENING_RE = re.compile(r"^(?:现将|现就|根据|按照|为).{2,60}(?:报告|汇报|总结|报送|说明)如下[：:。]?$")
# only the formula itself: 以上项目全部完工 is a note
CLOSING_RE = re.compile(r"^(?:以上|特此|妥否)(?:报告|汇报|材料|情况|函告|函复|说明)?[，,]?"
                        r"(?:(?:请|敬请).{0,4}(?:审阅|审定|审示|批示|参阅|指正)|报告|汇报|妥否)?[。.]?$")
# …and in a mail to the 科长 (上半年的材料初步整理如下，请您看看。 / 谢谢！ / 李明): the cover words
# around the notes, and the sender's name under them
# …or 您好！按您要求把我们所上半年的情况整理了一下，您看看。 (a 市场监管所's, read as a result)
COVER_RE = re.compile(r"如下[，,：:].{0,12}(?:请|烦请|麻烦)|(?:请|烦请|麻烦)?(?:(?<=请)|您|领导)再?"
                      r"(?:看看|看一下|审阅|审核|把关|修改|指正|过目)[。！!～~]?$")
THANKS_RE = re.compile(r"^(?:谢谢|多谢|感谢|辛苦了?|谢谢领导)[！!。.～~]*$")
# …and what a mail's writer says before signing (有不清楚的再打我电话。, read as a plan)
COURTESY_RE = re.compile(r"^(?:如|若)?有(?:不清楚|不明白|不对|不妥|疑问|问题|需要(?:修改|补充)?)的?(?:地方)?[，,]?"
                         r"(?:请|再|随时)*.{0,6}(?:电话|联系|找我|告诉我|说一声)[。！!～~]*$")
PERSON_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}$")
# 李明 6月28日: the sender's name and the day it was sent, on one line (read as a plan)
PERSON_DATED_RE = re.compile(r"^[\u4e00-\u9fff]{2,3}\s+(?P<date>(?:(?:19|20)\d{2}\s*年\s*)?\d{1,2}\s*月\s*\d{1,2}\s*日)$")
OPENING_LINES = 3  # an opening sentence comes first, after the title and a salutation


@dataclass
class Frame:
    """What a letter around the notes says: its opening sentence (a title's words: period, genre),
    the unit that signed it, the date it was signed."""

    opening: Line | None = None
    org: str = ""
    date: str = ""


def letter_frame(lines: list[Line], ignored: list[ReadLine], mailed: bool = False) -> Frame:
    """Set aside a letter's salutation, opening sentence, closing formula and signature (each was
    read as a note of a 气象局's letter: 各位领导：became a group, 县气象局 a plan) and keep what they tell.
    A mail (``mailed``) is signed with no closing formula (王丽 / 金融服务中心综合科 / 电话：…)."""
    frame = Frame()
    closed = False
    for index, line in enumerate(lines):
        # …or to an office by its name, over the letter's opening (县委办公室： / 根据…现将…报送如下：, a
        # 水务局's 函 sending its summary: a topic); 经发办： over its lines is who sent them (a 镇's)
        opened = index + 1 < len(lines) and bool(OPENING_RE.match(lines[index + 1].text))
        addressed = opened and line.text.endswith(("：", ":")) and signs(replace(line, text=line.text[:-1]))
        if index < OPENING_LINES and (SALUTATION_RE.match(line.text) or GREETING_RE.match(line.text) or addressed) \
                and not role_of_title(line.text):
            ignored.append(ReadLine(line.number, line.text, "称呼，不是要点"))
        elif index < OPENING_LINES and frame.opening is None and OPENING_RE.match(line.text):
            frame.opening = line
            ignored.append(ReadLine(line.number, line.text, "开头语（时段、文种据此识别）"))
        elif index < OPENING_LINES and COVER_RE.search(line.text):
            ignored.append(ReadLine(line.number, line.text, "开头语，不是要点"))
        elif (CLOSING_RE.match(line.text) or THANKS_RE.match(line.text) or COURTESY_RE.match(line.text)) \
                and index >= len(lines) - OPENING_LINES:
            ignored.append(ReadLine(line.number, line.text, "结束语，不是要点"))
            closed = True
    for line in reversed(lines):
        if any(item.line == line.number for item in ignored):
            continue
        if DATE_ONLY_RE.match(line.text) and not frame.date:
            frame.date = line.text
        # a unit's name signs only after a closing formula or over a date: a last note may end in
        # 站 or 中心 too (新建便民服务站)
        elif mailed and aside_of(line.text) == SENDERS_LINE:
            continue  # 电话：… under a mail's signature: set aside with the sender's details
        elif not frame.org and (closed or frame.date or mailed) and signs(line):
            frame.org = line.text
        elif (closed or mailed) and line.marker == "" and PERSON_RE.match(line.text):
            pass  # the sender's own name under 谢谢！ or over a mail's unit signs it; a unit it is not
        elif (closed or mailed) and line.marker == "" and (dated := PERSON_DATED_RE.match(line.text)):
            frame.date = frame.date or (dated["date"] if DATE_ONLY_RE.match(dated["date"]) else "")
        else:
            break
        ignored.append(ReadLine(line.number, line.text, "落款（单位、日期）"))
    return frame


def signs(line: Line) -> bool:
    """A line that is a unit's name and nothing else (县气象局), as a letter is signed."""
    text = line.text
    return line.marker == "" and len(text) <= 20 and not re.search(r"[\d，。；、,;：:]", text) \
        and org_prefix(text) == text and not re.match(r"^(?:新建|建成|完成|推进|开展|建设|打造|成立|组建)", text)


def next_content(lines: list[Line], index: int, skipped: Collection[int] = ()) -> Line | None:
    """The next line that may hold notes: a remark (备注：以上数据截至6月20日) opens nothing, and
    had made the plan before it a group title (民宗局); nor does a line set aside before (特此函告。
    under a 水务局's last plan)."""
    return next((line for line in lines[index + 1:] if line.number not in skipped and not aside_of(line.text)), None)


def group_title_of(line: Line, following: Line | None) -> tuple[str, int] | None:
    """(title text, level) when the line is a group title rather than a note."""
    text = line.text
    if role := question_role(text):
        return QUESTION_TITLES[role], 1
    if line.marker == "md":
        return text, line.level
    if bracket := BRACKET_RE.match(text):
        if not text[bracket.end():].strip():
            return bracket["title"], 2
        return None
    bare = re.sub(r"[：:]$", "", text).strip()
    if not bare or OMITTED_RE.search(bare):  # 加强队伍建设（略）: a work whose details are left out, no heading
        return None
    if role_of_title(bare) and not re.search(r"[，,；;。]", bare):
        return bare, line.level or 1
    if line.marker in OUTLINE_MARKERS and title_like(text, line.marker):
        # A title opens something deeper: 一、社会救助 then 1. items; （二）征地拆迁难 then 三、 is an item.
        # …but not a group title: 2．网络安全专业人才缺乏 over 下步 is the last problem (a 数据局's notes)
        if following is not None and not names_a_role(following) and not CAUSE_RE.match(following.text) \
                and (depth(following) > depth(line) or following.indent > line.indent):
            return bare, line.level
        return None
    # - 网络安全 over indented - lines (a 网信办's nested list): a label of its own, its lines the notes
    # (they had been joined into one note behind it: 网络安全；组织…；开展…)
    # …and A. 审判执行 over indented a) lines (a 法院's 汇报提纲: one note, 审判执行；受理…；执行…)
    # …and ▪ 展厅开放 over indented unmarked lines (a 科技馆's slides: joined into one note behind it)
    if line.marker in ("bullet", "alpha") and title_like(text, line.marker) and len(bare) <= 12 and following is not None \
            and following.marker in (line.marker, "") and following.indent > line.indent:
        return bare, line.level
    if line.marker == "" and title_like(text, "") and following is not None:
        ends_colon = text.endswith(("：", ":"))
        opens_list = following.marker in (*OUTLINE_MARKERS[2:], "bullet") or following.indent > line.indent
        if ends_colon or (opens_list and len(bare) <= 12):
            return bare, 1
        # 德育工作 / 教学工作 / 后勤安全 over plain lines (a 小学's summary, typed with no marks): a work's
        # name of a few words and nothing done, over a line that says what was
        if names_only_a_work(bare) and following.marker == "" and len(following.text) >= len(bare) + 4 \
                and not names_a_role(following):
            return bare, 1
    return None


def names_a_role(line: Line) -> bool:
    """Whether a line is a role's group title (下步, 存在问题：), which opens no group of the line before."""
    return bool(role_of_title(re.sub(r"[：:]$", "", line.text).strip()))


NAME_FLAGS = ("n", "vn", "an", "j", "nz", "b")
NAME_MAX_CHARS = 8


def names_only_a_work(text: str) -> bool:
    """Whether a short line is a work's name and no more (德育工作, 后勤安全): nouns only, no verb, no figure."""
    import jieba.posseg

    if not re.fullmatch(rf"[\u4e00-\u9fff]{{2,{NAME_MAX_CHARS}}}", text):
        return False
    return all(token.flag.startswith(NAME_FLAGS) for token in jieba.posseg.lcut(text))


def depth(line: Line) -> int:
    """How deep a line sits: 一、 (1) … bullets (6), unmarked text deepest (7)."""
    return line.level if line.marker not in ("", "md") else 7


def collect_notes(lines: list[Line], title_line: int, ignored: list[ReadLine],
                  ambiguous: list[ReadLine], title_year: int = 0, places: dict[int, str] | None = None,
                  whole_year: bool = False) -> list[RawNote]:
    """The notes of ``lines``; ``places``: the lines that only name a place (``place_headings``), by
    number; ``whole_year``: the title names a whole year (its halves are when the work was done)."""
    state = State(title_year=title_year)
    raw_notes: list[RawNote] = []
    parent: RawNote | None = None
    parent_indent, parent_depth, parent_marker = -1, 7, ""
    # the lines set aside before (title, letter, table header): a table row gives several lines of
    # one number (its group's heading, its facts), so what is set aside below is not among them
    skipped = {item.line for item in ignored} | {title_line}
    places = places or {}
    for index, line in enumerate(lines):
        if line.number in skipped:
            continue
        if is_decoration(line.text):
            ignored.append(ReadLine(line.number, line.text, "没有文字的装饰行"))
            continue
        if line.number in places:
            ignored.append(ReadLine(line.number, line.text, PLACE_HEADING))
            state.place, state.time = places[line.number], ""
            continue
        if whole_year and HALF_HEADING_RE.fullmatch(line.text.strip()):
            # 上半年： / 下半年： over a year's summary (a 关工委's notes): when its work was done — the
            # second half's had been read as next year's plans. No time said in the notes: 下半年，…
            # would read as a plan, and the year's report tells its work by what, not when.
            ignored.append(ReadLine(line.number, line.text, TIME_HEADING))
            state.role = state.topic = state.time = ""
            continue
        if (cause := CAUSE_RE.match(line.text)) and parent is not None:
            # 原因：购置资金主要靠财政… under 1.检测设备老旧。… (a 检验检测中心's problems): why the note
            # above falls short, said with it — it had been a group 原因 over a note of its own
            parent.children.append(CAUSE_OPENER + line.text[cause.end():].strip())
            continue
        if reason := aside_of(line.text) or attachment_continued(line, lines, index, ignored):
            ignored.append(ReadLine(line.number, line.text, reason))
            state.time = heading_time(line.text) if reason == TIME_HEADING else state.time
            continue
        if group := year_work_heading(line, state.title_year) or group_title_of(line, next_content(lines, index, skipped)):
            enter_group(state, group[0], group[1], line.marker == "md")
            state.time = state.place = ""
            role = role_of_title(group[0])
            what = f"分组标题（{RAW_ROLE_LABELS.get(role, role)}）" if role else "分组标题（主题）"
            ignored.append(ReadLine(line.number, line.text, what))
            parent = None
            continue
        content = line.text
        is_child = parent is not None and line.indent > parent_indent and (line.marker != "" or line.indent > 0)
        # （1）其中新任教职人员专题培训1期 under 2.组织…培训班2期: a breakdown of the note above, one
        # level deeper, whatever its indent (民宗局)
        is_child = is_child or (parent is not None and parent_depth < depth(line) < 7
                                and line.text.startswith(BREAKDOWN_OPENERS))
        # …and a plain line under a plain line: 其中调解结案214件 under 受理…案件386件 (a 仲裁院's) can
        # say nothing alone, and in an item of its own would have opened on 其中
        is_child = is_child or (parent is not None and line.marker == "" == parent_marker
                                and line.text.startswith("其中") and lines[index - 1].number == line.number - 1)
        if is_child and parent is not None:
            parent.children.append(clean(content))
            continue
        state.after_blank = index > 0 and line.number > lines[index - 1].number + 1
        follows = index > 0 and lines[index - 1].number == state.aspect_line == line.number - 1
        aspect, state.aspect = state.aspect if follows and line.marker == "" else "", ""
        raws = notes_of_line(line, content, state, ignored, ambiguous)
        if (said := SPOKEN_LIST_RE.match(content)) and raws:
            state.aspect, state.aspect_line = said["label"], line.number
        elif aspect and raws and not any(raw.tag_role or raw.topic != state.topic for raw in raws):
            # 寄递安全这块：开展…排查整治 / 实名收寄率稳定在99%以上 (a 邮政管理局's chat message): the
            # second line is the 寄递安全 work too; it had joined another sender's item. Not past a
            # blank line or a line set aside (the next sender's name)
            state.aspect, state.aspect_line = aspect, line.number
            for raw in raws:
                raw.text = raw.text if raw.text.startswith(f"{aspect}方面") else labelled_line(aspect, raw.text)
        for raw in raws:
            state.time = "" if raw.tag_role else state.time  # 问题：… after 6月's lines is no June's
            state.place = "" if raw.tag_role else state.place
            if state.time and not TIME_LABEL_RE.match(raw.text):
                # 查获违法卷烟案件6起 under 2月 and …9起 under 4月: without their months, one fact twice
                raw.text = f"{state.time}，{raw.text}"
            if state.place and state.place not in raw.text:
                raw.text = f"{state.place}{raw.text}"  # 完成农村户厕改造46户 under 西岭村: whose?
            raw_notes.append(raw)
            if len(raw_notes) > MAX_NOTES:
                raise NotesError(
                    f"要点超过 {MAX_NOTES} 条，不像是一份总结的要点清单；请按部门或专题拆分后分别起草，"
                    "或先合并相近的要点。"
                )
            parent, parent_indent, parent_depth, parent_marker = raw, line.indent, depth(line), line.marker
    return raw_notes


# 【东溪村】 / 西岭村： over each village's lines (a 镇's 各村工作汇总): a summary groups by work, not by
# place — the sections had been named after villages. The place opens each of its notes instead
# (``State.place``). Two such headings at least, and none a work named after a place's kind (平安社区).
PLACE_HEADING_RE = re.compile(r"^[【\[]?\s*(?P<place>[\u4e00-\u9fff]{2,6}(?:村|社区|居委会|街道|乡|镇))\s*[】\]]?\s*[：:]?$")
NOT_PLACES = re.compile(r"^(?:平安|智慧|文明|美丽|和谐|绿色|幸福|数字|清廉|法治|示范|重点|特色|未来|完整)|(?:乡村|村镇|乡镇)$")
PLACE_HEADING = "只写了地名（村、社区、乡镇）的标题：地名写进其下各条要点，不按地名分组"


def place_headings(lines: list[Line]) -> dict[int, str]:
    """The lines that only name a place, by line number, when the notes are kept by place."""
    found = {line.number: match["place"] for line in lines
             if (match := PLACE_HEADING_RE.match(line.text)) and not NOT_PLACES.search(match["place"])}
    return found if len(found) >= 2 else {}


ASIDE_RE = re.compile(r"^[（(][^（）()]{2,40}[）)]$")
# 1月 / 2月份： / 二季度 / 第3周（1.13-1.17） over a month's lines (a 烟草专卖局's 1-6月工作汇总): each had
# been a note (n1 1月), and a month is no topic to head a section — a summary groups by work. The
# month opens each of its notes instead (``State.time``).
# …and 第一季度 / Q1 (a 农业执法大队's Q1 and Q2 over its lines: each had been a note)
TIME_HEADING_RE = re.compile(r"^(?:(?:(?:19|20)\d{2}\s*年\s*)?(?:\d{1,2}\s*[-—~至到]\s*)?\d{1,2}\s*月份?|第?[一二三四1-4]季度|[Qq][1-4]"
                             r"|第[一二三四五六七八九十\d]{1,2}周(?:\s*[（(][\d.\-—~至月日\s]{3,16}[）)])?)\s*[：:]?$")
TIME_HEADING = "只写了时间（月份、季度、半年、周）的标题，不作分组"
WEEK_DATES_RE = re.compile(r"第[一二三四五六七八九十\d]{1,2}周\s*(?:[（(]\s*(?P<start>\d{1,2})\s*[.月/]\s*\d{1,2}\s*日?"
                           r"(?:\s*[-—~至]\s*(?:(?P<end>\d{1,2})\s*[.月/]\s*)?\d{1,2}\s*日?)?\s*[）)])?")


def heading_time(text: str) -> str:
    """The time a time heading gives its notes, as a report says it: 3月 of 3月份：; the month of a
    week's dates (第9周（3.3-3.7） → 3月, 2月至3月 across two), nothing for a week with none. A
    周报's 第9周（3.3-3.7）， had opened each of its notes in a 动物疫病预防控制中心's draft."""
    text = re.sub(r"[\s：:]+", "", text)
    if re.fullmatch(r"[Qq][1-4]", text):
        return f"{'一二三四'[int(text[1]) - 1]}季度"
    if not (week := WEEK_DATES_RE.fullmatch(text)):
        return text
    start, end = week["start"], week["end"] or week["start"]
    if not start:
        return ""
    return f"{int(start)}月" if int(end) == int(start) else f"{int(start)}月至{int(end)}月"


# 以上。 / 完 / 未完待续 closing the notes, and 其他工作（略） — a line the writer left out: no note (read as
# results); 加强师德师风建设（略） names its work, and keeps it without （略）
CLOSING_MARK_RE = re.compile(r"(?:以上|完|完毕|[（(]完[）)]|未完待续|待续|全文完)[。.！!]?")
OMITTED_RE = re.compile(r"(?:[（(]\s*(?:略|从略|此处略)\s*[）)]|(?<![\u4e00-\u9fff])略)\s*[。.]?$")
HALF_HEADING_RE = re.compile(r"(?:(?:19|20)\d{2}\s*年\s*)?[上下]半年(?:主要)?(?:工作)?(?:情况)?\s*[：:]?")
# 备注：以上数据截至6月20日 — a remark on the figures, not a fact (备注：另有3个项目在审批 is one)
# …and 注：数字化数据截至5月31日 (a 档案馆's, read as a result): whose figures, then when they were taken
REMARK_RE = re.compile(r"^(?:备注|注|说明)\s*[：:]\s*(?:(?:以上|上述|表中|本表|文中)?(?:数据|统计|截至|截止|单位|口径|来源)"
                       r"|[^，。；,;\d]{1,8}?(?:数据|数字|统计数)(?:均|皆|都)?(?:截至|截止|来源|口径|为))")
SENDERS_LINE = "报送信息（填报人、联系电话、日期等），不是要点"
# 院长意见：数字核准后再报局办公室，总结重点写调解和欠薪案件。 over a 仲裁院's notes: what its
# reviewer asked of the summary, read as a result (a group 院长意见 over it)
LEADERS_WORD_RE = re.compile(r"^[\u4e00-\u9fff]{0,4}?(?:院长|局长|主任|书记|科长|股长|所长|站长|馆长|部长|县长|镇长|乡长"
                             r"|区长|主席|会长|校长|领导|局里|院里|局|科)(?:的)?(?:意见|批示|要求|交代|指示|提醒|审阅意见)\s*[：:]")
LEADERS_WORD = "领导对这份材料的意见或交代，不是要点"
# 附件：1.2025年重点稿件目录 closes a report: the attachments' list, read as a plan before (融媒体中心)
ATTACHMENT_RE = re.compile(r"^附\s*[件表]?\s*[0-9０-９一二三四五六七八九十]*\s*[：:]")  # 附件：, 附表1：, 附：
ATTACHMENT = "附件目录，不是要点"
# A chat paste (县人民医院, seen): each message opens with its sender and time — 医务科 王敏 6月27日 10:02,
# [护理部]刘芳 6-27 10:40, 张院长 09:15 — read as notes before
CHAT_SENDER_RE = re.compile(
    r"^[【\[]?[\u4e00-\u9fffA-Za-z·]{1,12}[】\]]?\s*(?:[\u4e00-\u9fffA-Za-z·]{1,6}\s*)?"
    r"(?:(?:(?:19|20)\d{2}\s*[-/年.]\s*)?\d{1,2}\s*[-/月.]\s*\d{1,2}\s*日?|昨天|今天|星期[一二三四五六日天]|周[一二三四五六日天])?"
    r"\s*(?:上午|下午|晚上)?\s*\d{1,2}[:：]\d{2}(?:[:：]\d{2})?$")
# …and the message asking for the notes: 各科室把上半年的工作亮点…发群里，周五前汇总 / @所有人 …
CHAT_REQUEST_RE = re.compile(
    r"^(?:@所有人|@全体成员)|^(?:请)?各(?:科室|股室|部门|单位|站所|乡镇|中心|位|处室)"
    r".{0,40}(?:发群|发到群|发给|发我|报送|上报|报给|交给|汇总|补充)")
CHAT_LINE = "聊天记录的发送人、时间或催报消息，不是要点"
# Notes written as answers to an outline's questions (问：上半年主要做了哪些工作？ / 答：一是…, a 台办's
# 调研提纲答复): the question had been a group 问 over a note of its own, and 答 a topic. A question
# names its answers' role by its words; 答： is no part of what it answers.
# A line giving the cause of the shortfall above it (原因：…, 主要原因是…, 原因分析：…)
CAUSE_RE = re.compile(r"^(?:主要|究其)?原因(?:分析)?(?:是|为|在于|主要是)?\s*[：:]?\s*(?=\S)")
QUESTION_RE = re.compile(r"^(?:问|提问|Q)\s*\d{0,2}\s*[：:]\s*(?P<question>.+?)\s*[？?]?$")
ANSWER_RE = re.compile(r"^(?:答|回答|A)\s*\d{0,2}\s*[：:]\s*(?=\S)")
QUESTION_LINE = "问答提纲的提问，不是要点"
QUESTION_ROLES = (  # first match wins: 工作中遇到了哪些困难 asks for problems, not results
    ("problems", re.compile(r"困难|问题|不足|短板|差距|瓶颈|薄弱")),
    ("plans", re.compile(r"打算|计划|安排|下一步|下步|下半年|明年|思路|举措|措施")),
    ("progress", re.compile(r"做了|开展了|完成了|工作|成效|成绩|进展|亮点|做法")),
)
QUESTION_TITLES = {"problems": "存在问题", "plans": "下步打算", "progress": "工作进展"}


def question_role(text: str) -> str:
    """The role of the answers below an outline's question (问：下半年有什么打算？ → plans), or ""."""
    if not (asked := QUESTION_RE.match(text)):
        return ""
    return next((role for role, words in QUESTION_ROLES if words.search(asked["question"])), "")


def aside_of(text: str) -> str:
    """Why a line is no note: the sender's details (填报人：…, 报送时间：…), or a remark in brackets
    on a line of its own (（数据截至6月25日）, （单位：万元））; "" for a note."""
    if re.match(rf"^(?:{'|'.join(map(re.escape, wordings().admin))})\s*[：:]", text):
        return SENDERS_LINE
    if ASIDE_RE.match(text):
        return "括号内的说明，不是要点"
    if SOLITAIRE_RE.match(text) or SAMPLE_RE.match(text):
        return SOLITAIRE_LINE
    if (empty := NONE_TAG_RE.match(text)) and role_of_title(empty["tag"]):
        return "标签后写明“无”，没有要点"
    if NONE_RE.fullmatch(text):  # 答：无 (an outline's answer; its 答： is gone by now)
        return "只写了“无”，没有要点"
    if REMARK_RE.match(text):
        return "关于数据的备注，不是要点"
    if LEADERS_WORD_RE.match(text):
        return LEADERS_WORD
    if LIST_INTRO_LINE_RE.match(text):
        return PROSE_FRAMING  # 今年以来，我站围绕…，重点抓了以下工作。 over the list (a 水产站's, read as a result)
    if COMMENT_ANCHOR_RE.match(text) or COMMENT_RE.fullmatch(text):
        return COMMENT
    if CLOSING_MARK_RE.fullmatch(text):
        return "结束标记，不是要点"
    if (omitted := OMITTED_RE.search(text)) and re.fullmatch(r"(?:其他|其它|其余)?(?:工作|事项|内容)?", text[:omitted.start()].strip()):
        return "写作者略去的内容（略），没有要点"  # 其他工作（略）; 加强师德师风建设（略） names its work
    if TIME_HEADING_RE.match(text):
        return TIME_HEADING
    if ATTACHMENT_RE.match(text):
        return ATTACHMENT
    if CHAT_SENDER_RE.match(text) or CHAT_REQUEST_RE.search(text):
        return CHAT_LINE
    if QUESTION_RE.match(text) and not question_role(text):
        return QUESTION_LINE  # 问：还有什么需要说明的？ asks for no part of the report
    return ""


def attachment_continued(line: Line, lines: list[Line], index: int, ignored: list[ReadLine]) -> str:
    """ATTACHMENT for the list's next lines (附件：1.… / 2.…), up to a blank line."""
    if not index or lines[index - 1].number != line.number - 1:
        return ""
    before = lines[index - 1].number
    return ATTACHMENT if any(item.line == before and item.reason == ATTACHMENT for item in ignored) else ""


# …and a chat's stamp (王科长 2025-06-26 09:12: a 邮政管理局's group paste had no period)
SUBMITTED_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*(?:年\s*(?P<month>\d{1,2})\s*月|[-/.](?P<numeric>\d{1,2})[-/.]\d{1,2})")


def submitted_period(ignored: list[ReadLine], title: str, kind: str, signed: str = "") -> str:
    """The period of notes whose title names none (县残联上半年工作情况), from the date they were
    sent (报送时间：2025年6月28日): a half-year's own year; an annual summary sent by March is last
    year's, a plan sent from October next year's."""
    dated = next((match for item in ignored if item.reason in (SENDERS_LINE, CHAT_LINE, WRITTEN_ON)
                  and (match := SUBMITTED_RE.search(item.text))), None) or SUBMITTED_RE.search(signed)
    if dated is None:
        return ""
    year, month = int(dated["year"]), int(dated["month"] or dated["numeric"])
    if kind == "half-year":
        return f"{year}{'H2' if '下半年' in title else 'H1'}"
    if kind == "annual" and month <= 3:
        return str(year - 1)
    if kind == "plan" and month >= 10:
        return str(year + 1)
    return str(year)


def enter_group(state: State, title: str, level: int, is_heading: bool) -> None:
    role = role_of_title(title)
    if role == "tasks" and KEY_WORK_RE.fullmatch(title.strip(" ：:。")) and not state.past_results:
        # ## 重点工作 before any problems or plans: the key work done (工信局's 企业培育：新认定…9家
        # had been read as next year's plan); its notes' own words still tell a plan
        role = "progress"
    state.past_results = state.past_results or role in ("problems", "plans")
    if role:
        state.role, state.role_level, state.topic, state.explicit = role, level, "", False
        state.topic_is_heading, state.parent = False, ""
        return
    if state.role and level > state.role_level:
        if state.topic_is_heading and state.topic and level > state.topic_level:
            # （一）科普工作 / 1.全国科普日活动: a heading under a heading — the upper one is its section
            state.parent, state.parent_level = state.topic, state.topic_level
        elif state.parent and level <= state.parent_level:
            state.parent = ""
        state.topic, state.explicit = title, True
    else:
        state.role, state.role_level, state.topic, state.explicit = "", level, title, False
        state.parent = ""
    state.topic_is_heading, state.topic_level = True, level


def notes_of_line(line: Line, content: str, state: State, ignored: list[ReadLine],
                  ambiguous: list[ReadLine]) -> list[RawNote]:
    """One line → its notes: a tag or topic prefix is read off, "；"-joined facts are split."""
    topic, tag_role, explicit = state.topic, "", state.explicit
    if line.marker in ("cn", "cnp") and (task := TASK_HEADING_RE.match(content)) and not state.topic_is_heading:
        # （一）深化紧密型县域医共体建设。完善…，年内实现… (a 卫健局's 工作要点): the writer's heading
        # for the task, a section of its own; longer than a label, it had opened the note and been
        # said again over it (持续推进紧密型县域医共体工作。深化紧密型县域医共体建设。…)
        topic, explicit, content = task["label"], bool(state.role), content[task.end():]
    sentence = LABEL_SENTENCE_RE.match(content)
    if not (sentence and state.role == "problems" and cue_hits(sentence["label"], "problems")):
        # …but 检测设备老旧。现有…设备有5台使用超过10年 under 存在问题 states the problem, then its
        # evidence (a 检验检测中心's): as a label it had gone from the draft with the item's sense
        content = LABEL_SENTENCE_RE.sub(r"\g<label>：", content, count=1)
    # 新建城南小学——主体完工，…【已完成】 (a 推进情况's task, a dash, its progress): the task is what the
    # progress is of, the subject of its sentence. Read as a label it had been lost from the draft
    # (一是全面推动主体完工…; a problem drafted as 因用地调整。项目尚未开工。)
    content = DASH_LABEL_RE.sub(r"\g<label>", content, count=1)
    if sender := OFFICE_SENDER_RE.match(content):
        # 教务科 举办… (a 接龙 reply): the office that wrote the line, which names its section where
        # no heading of the writer's does (the outline names an office's section by its work)
        content = content[sender.end():]
        if not state.topic_is_heading:
            topic, explicit = sender["office"], bool(state.role)
    if office := SENDING_OFFICE_RE.search(content):
        ignored.append(ReadLine(line.number, office.group().strip(" 。.；;"), SENDING_OFFICE))
        content = content[:office.start()] + ("。" if office.group().lstrip().startswith("。") else "")
    # remarks inside the line, each named for the writer: 调剂事业编制XX名（待人社局确认） and
    # （王科批注：…） had reached the draft
    for pattern, reason in ((WRITERS_REMARK_RE, WRITERS_REMARK), (COMMENT_RE, COMMENT)):
        ignored += [ReadLine(line.number, remark, reason) for remark in pattern.findall(content)]
        content = pattern.sub("", content)
    content = OMITTED_RE.sub("", COMMENT_ANCHOR_RE.sub("", content))
    # （备注：其中工业5家）: the detail stays, the writer's label for it does not (it reached the draft)
    content = REMARK_LABEL_RE.sub(lambda remark: remark["open"], content)
    content, spoken_role = spoken(content)
    if spoken_role:
        tag_role = spoken_role
    elif bracket := BRACKET_RE.match(content):
        label, content = bracket["title"].strip(), content[bracket.end():]
        tag_role = role_of_title(label)
        if TIME_LABEL_RE.fullmatch(label) and content:
            # 【4-5月】开展… (a 卫生监督所's notes): when, said in the sentence (4-5月，开展…) as 一季度： is —
            # as a topic it had named a section 〔4-5月〕
            content = f"{label}，{content}"
        elif not tag_role:
            topic, explicit = label, bool(state.role)
    elif tagged := role_tag(content):
        tag_role, content = tagged
    elif (opening := YEAR_OPENING_RE.match(content)) and year_role(opening["year"], state.title_year) == "plans":
        # 2026年，一要…；二要… closing a 2025 summary (a 水产站's): next year's plans, as 2026年： would
        # say (it had been read as four results); the year is the part's to say
        tag_role, content = "plans", content[opening.end():]
    elif prefix := PREFIX_RE.match(content):
        label = prefix["prefix"].strip()
        if (dashed := DASHED_LABEL_RE.fullmatch(label)) and role_of_title(dashed["tag"]):
            # 招商引资——进展：新签约… : the work's name, then the role of what follows
            topic, explicit, label = dashed["topic"], bool(state.role), dashed["tag"]
        label_role = role_of_title(label) or year_role(label, state.title_year)
        rest = content[prefix.end():].strip()
        if label_role and rest:
            tag_role, content = label_role, rest
            if HIGHLIGHT_RE.search(label):  # 特色亮点：… after 三、社会事业 is no 社会事业 work (a 镇's notes)
                topic, explicit = "", False
            elif label_role in ("problems", "plans") and state.apart:
                # 难点：… / 下步：… set apart by a blank line after the last work's heading (三、营商服务)
                # are the whole report's, and so are the lines after them: under that heading,
                # 新签约项目20个 was led 持续推进营商服务
                topic, explicit = "", False
                state.topic, state.topic_is_heading, state.explicit = "", False, False
        elif label_role:
            return []
        elif TIME_LABEL_RE.fullmatch(label) and rest:
            content = f"{label}，{rest}"  # 一季度：赴长三角开展招商 → 一季度，赴…: a time, not a tag
        elif rest and VALUE_RE.match(rest):
            # 地区生产总值：3.2亿元，同比增长5.6% — an indicator and its value: the label is what the
            # figure measures (read as a topic, the draft had said 3.2亿元，同比增长5.6% of nothing)
            content = f"{label}{rest}"
        elif label not in wordings().not_topics and rest and len(re.sub(r"[“”+＋]", "", label)) <= 10:
            if not state.topic_is_heading and said_of_label(rest):
                # 数据安全等级保护测评：因经费未到位，尚未启动 (a 数据局's chat summary): what is said of the
                # work, which the line names first — as a topic alone, the problem had lost its subject
                topic, explicit, content = label, bool(state.role), label + rest
            elif not state.topic_is_heading:  # 教学方面：… names the work 教学
                topic, explicit, content = re.sub(r"(?<=..)方面$", "", label), bool(state.role), rest
            else:  # under the writer's heading a label names the line's work, not a section: kept in
                # words (“四好农村路”养护：落实… had reached the draft with its colon, seen)
                content = labelled_line(label, rest)
    content = DATED_LINE_RE.sub(lambda dated: re.sub(r"\s+", "", dated["date"]) + "，", content, count=1)
    content = DOTTED_DATE_RE.sub(lambda dated: written_date(dated, state.title_year), content, count=1)
    # before clean(), which closes the space a digit marker is known by (建设 2、开展)
    content = clean(INLINE_ENUMERATOR_RE.sub(lambda marker: "；" + marker.group().strip(), content))
    labels = SHI_LABEL_RE.findall(content)  # 一是项目建设提速。实施…：the writer's own lead
    if not content:
        ignored.append(ReadLine(line.number, line.text, "只有标签，没有内容"))
        return []
    notes: list[RawNote] = []
    in_group = bool(state.role or state.topic or topic)
    parent = state.parent if topic == state.topic else ""
    if is_prose(content):
        prose = read_prose(content, lambda clause: bool(cue_hits(clause, "problems")))
        if prose.framing:
            ignored.append(ReadLine(line.number, "，".join(prose.framing), PROSE_FRAMING))
        if any(len(fact.text) > MAX_NOTE_CHARS for fact in prose.facts):
            raise NotesError(f"第{line.number}行有一句话过长（超过{MAX_NOTE_CHARS}字）；请拆成几条短要点。")
        # problems and plans a paragraph turns to after a blank line below the last work's heading are
        # the whole report's (下一步，…。目前存在的问题… after 3.灾后恢复, a 水利局's summary)
        return [RawNote(line.number, clean(fact.text), "" if state.apart and fact.role else topic,
                        explicit and not (state.apart and fact.role), state.role, fact.role or tag_role, in_group,
                        parent=parent) for fact in prose.facts]
    if intro := LIST_INTRO_RE.match(content):
        # 上半年，我局围绕优化营商环境开展了以下工作：首先，… — the list's framing, not a fact of it
        ignored.append(ReadLine(line.number, intro.group(0).rstrip("：:"), PROSE_FRAMING))
        content = content[intro.end():]
    for whole in problems_apart(split_facts(content), tag_role or state.role):
        if len(whole) > MAX_NOTE_CHARS:
            raise NotesError(f"第{line.number}行的要点过长（超过{MAX_NOTE_CHARS}字）；请拆成几条短要点。")
        whole = ORDINAL_OPENER_RE.sub("", whole, count=1)  # 首先，深化… / 其次，推进… / 最后，完善…
        fact_role = tag_role
        if (tagged_fact := FACT_TAG_RE.match(whole)) and (named := role_of_title(tagged_fact["label"])):
            # …；问题：签约项目落地慢；下步：9月底前推动… — each fact of the line with its own tag
            # (the tags had stayed in the notes' text, and so in the draft)
            fact_role, whole = named, whole[tagged_fact.end():]
        if (label := next((lead for lead in labels if whole.startswith(lead + "。")), "")) and len(whole) > len(label) + 1:
            # the writer's lead names the facts after it, up to the next 二是: their topic
            topic, explicit, whole = label, True, whole[len(label) + 1:]
        done, next_step = split_next_step(whole)
        done, shortfall = shortfall_apart(done) if not next_step and (fact_role or state.role) in ("", "progress") \
            else (done, "")
        notes.append(RawNote(line.number, done, topic, explicit, state.role, fact_role, in_group, parent=parent))
        if next_step:
            next_step = with_its_subject(next_step, topic)
            notes.append(RawNote(line.number, next_step, topic, explicit, state.role, "plans", in_group, parent=parent))
        if shortfall:
            notes.append(RawNote(line.number, shortfall, topic, explicit, state.role, "problems", in_group, parent=parent))
    if len(content) <= 6 and not find_figures(content) and not tag_role and topic == state.topic:
        ambiguous.append(ReadLine(line.number, line.text, "很短，既像分组标题又像要点；已作为要点"))
    return notes


HIGHLIGHT_RE = re.compile(r"亮点|特色|创新")
LIST_INTRO_OPENING = r"^[^：:。；]{0,40}(?:以下|如下)"  # 重点抓了以下 / 主要有以下
LIST_INTRO_COUNT = r"(?:几项|几个方面|几方面|方面)?"
LIST_INTRO_RE = re.compile(rf"{LIST_INTRO_OPENING}{LIST_INTRO_COUNT}(?:工作|重点工作)?[：:]\s*(?=\S)")
# …what it introduces named (以下工作。) or a colon after it: 死亡率控制在10/10万以下 ends on 以下 too
LIST_INTRO_LINE_RE = re.compile(rf"{LIST_INTRO_OPENING}(?:{LIST_INTRO_COUNT}(?:的)?(?:工作|重点工作|几件事)[：:。.]?|[：:])$")
ORDINAL_WORDS = "首先|其次|再次|再者|然后|最后"
ORDINAL_OPENER_RE = re.compile(rf"^(?:{ORDINAL_WORDS}|第[一二三四五六七八九十]{{1,2}})[，,、：:]\s*")
DASHED_LABEL_RE = re.compile(r"(?P<topic>[^—－\-]{2,10}?)\s*(?:——|—|－|-{1,2})\s*(?P<tag>[^—－\-]{2,8})")
FACT_TAG_RE = re.compile(r"^(?P<label>[^，。；、,;：:\d]{2,8})[：:]\s*(?=\S)")
# 3.2亿元， / 96.3% / 9860元 / 5.1%（全年目标：5.5%以内）, a 人社局's indicator table
# …its unit up to four characters (供水量：2860万立方米，… read as 供水量方面，2860万立方米, a 水务集团's)
VALUE_RE = re.compile(r"[0-9０-９.]+\s*[%‰]?[\u4e00-\u9fff]{0,4}(?:[，,；;。（(]|$)")
# 1.审判执行。上半年共受理… (a court's summary copied from its PDF): a sentence of a few words
# opening the line names its work, as 审判执行： would; it had stayed in the note, 审判执行。上半年…
# (一是项目建设提速。 is the writer's lead, read by SHI_LABEL_RE)
# …but not a dash inside a quoted name (举办“山河记忆——馆藏书画精品展”, a 博物馆's: it had lost its dash)
DASH_LABEL_RE = re.compile(r"^(?P<label>(?:[^，。；：:—\-\d\s“”]|“[^“”—]{1,10}”){2,14}?)\s*(?:——|－－|--)\s*(?=[^\s：:]{2}[^：:]*$)")
# …and one naming its work in quotes (（二）推进“互联网+明厨亮灶”。新增126家…, a 市场监管局's special report)
LABEL_SENTENCE_RE = re.compile(r"^(?![一二三四五六七八九十]是)"
                               r"(?P<label>[\u4e00-\u9fff]{2,8}|[\u4e00-\u9fff]{1,6}“[^“”。]{2,10}”[\u4e00-\u9fff]{0,4})。(?=[^。]{8})")
PROSE_FRAMING = "段落开头的总括语，没有具体工作"
DROPPED_CELL = "表格中不写入报告的一栏（责任单位、时限、备注等）；需要写入的请移到完成情况栏"
# a task's heading sentence after （一）: a work named in nine to sixteen characters, no comma, and
# the task's own sentences after it
TASK_HEADING_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff“”]{9,16})。(?=[^。]{8})")


# Notes typed by voice (县残联): 问题就是…, 下半年打算…, 就业这块…, …，还有就是… — spoken tags,
# a spoken label and a spoken "and", which had stayed in the notes and the draft.
SPOKEN_ROLES = (
    (re.compile(r"^(?:存在的?|主要的?)?问题(?:主要)?(?:就是|是)[，,]?(?![：:])"), "problems"),
    # not 下半年打算：… (a written tag, read as one)
    # 下一步，我们打算…；…；… (an 农机中心's paragraph): every fact of the line, not only the first
    (re.compile(rf"^(?:下半年|下一步|下步|明年|接下来)[，,]?{SPEAKER}?(?:的)?"
                r"(?:打算|准备|考虑)(?:是|就是)?[，,\s]?(?![\s：:])"), "plans"),
)
SPOKEN_ASPECT_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6}?)(?:这块儿?|这一块儿?|方面的话)[，,：:]?")  # 寄递安全这块：…
SPOKEN_LIST_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff]{2,6}?)(?:这块儿?|这一块儿?)[：:]")  # the lines after it too
SPOKEN_AND_RE = re.compile(r"(?:[，,]\s*|\s+)(?:还有就是|另外就是|然后就是|再就是)[，,]?")


# 首先是业务方面，… / 其次，特色专科建设这块，… / 再次是人才，… / 还有医共体：… (a 中医医院's notes):
# the order a speaker lists works in, before the work's label; 是 had opened a note (是业务方面，…)
SPOKEN_ORDINAL_RE = re.compile(rf"^(?:(?:{ORDINAL_WORDS})(?:就是|是)?[，,、：:]?|(?:还有|另外)(?=[\u4e00-\u9fff]{{2,8}}[：:]))\s*")


def spoken(content: str) -> tuple[str, str]:
    """(the line as written, the role a spoken tag gives or "") for a line typed by voice."""
    content = SPOKEN_AND_RE.sub("；", content)
    if ordinal := SPOKEN_ORDINAL_RE.match(content):
        content = enumerated_aspect(content[ordinal.end():])  # 再次是人才，招了… → 人才方面，招了…
    content = SPOKEN_ASPECT_RE.sub(lambda aspect: labelled_line(aspect["label"], ""), content, count=1)
    for pattern, role in SPOKEN_ROLES:
        if (match := pattern.match(content)) and content[match.end():].strip():
            return content[match.end():].strip(), role
    return content, ""


def written_date(dated: re.Match[str], title_year: int) -> str:
    """2025.01.08 → 1月8日， (the year said only where it is not the report's)."""
    year = "" if not title_year or int(dated["year"]) == title_year else f"{dated['year']}年"
    return f"{year}{int(dated['month'])}月{int(dated['day'])}日，"


def role_tag(content: str) -> tuple[str, str] | None:
    """(role, the rest) of a line opening with a role title in round brackets, （问题）…, or set off
    by a space, 存在的困难 项目落地慢 … (typed by voice or in a chat); None otherwise."""
    for pattern in (PAREN_TAG_RE, SPACED_TAG_RE):
        if (match := pattern.match(content)) and (role := role_of_title(match["title"])) and content[match.end():]:
            return role, content[match.end():]
    return None


def year_work_heading(line: Line, title_year: int) -> tuple[str, int] | None:
    """一、2025年工作 / 三、2026年工作 (a 统计局's 总结暨打算): the year's results or the next year's plans,
    as the group title naming that role and its level; the figure had kept it from reading as a
    heading, and it was a note (2025年工作)."""
    year_work = YEAR_WORK_RE.fullmatch(line.text.strip())
    if year_work is None or not title_year:
        return None
    done = year_role(year_work["year"] + "年", title_year) == "progress"
    return ("主要工作" if done else "工作计划"), line.level or 1


YEAR_WORK_RE = re.compile(r"(?P<year>(?:19|20)\d{2})\s*年度?(?:主要)?工作(?:情况|回顾|完成情况|开展情况)?[：:]?")


def year_role(label: str, title_year: int) -> str:
    """2024年： in notes titled 2023 is next year's plan; the title's own year is its work."""
    match = YEAR_LABEL_RE.fullmatch(label)
    if not match or not title_year:
        return ""
    return "plans" if int(match["year"]) > title_year else "progress"


# A result's line that goes on to what comes next (完成农村改厕320户，下一步推进改厕后续管护, seen
# on a 乡镇's notes): the next step is a plan of its own, not a result nor the whole line a plan.
# …or after an arrow (机械化清扫率78%→下半年再购洗扫车2台, a 环卫所's): what follows is the next step
# when it says when or that it is meant; 20天→5天 says how far a time came down, and stays
ARROW = r"\s*(?:→|->|=>|⇒|➡️?|➜)"
NEXT_STEP_RE = re.compile(rf"(?:[，。,]|{ARROW})\s*(?:下一步|下步|下阶段|接下来|今后)(?:还将|将|要|还要)?[，,：:]?\s*"
                          rf"|{ARROW}\s*(?=下半年|明年|年底前|年内|计划|拟|争取|力争)")
NEXT_STEP_MIN_CHARS = 4


def problems_apart(facts: list[str], role: str) -> list[str]:
    """A problems line's sentences as problems of their own where each is one (【存在问题】部分村级
    河长履职不到位，巡河流于形式。农村生活污水直排现象仍有发生。 had been one problem, the second
    drafted as the first's explanation); a sentence explaining the one before (…已整改305个) has
    no problem's wording and keeps the problem whole."""
    if role != "problems":
        return facts
    apart: list[str] = []
    for fact in facts:
        sentences = [s + "。" for s in fact.rstrip("。").split("。") if s.strip()]
        if len(sentences) > 1 and all(cue_hits(sentence, "problems") for sentence in sentences):
            apart += sentences
        else:
            apart.append(fact)
    return apart


def split_next_step(fact: str) -> tuple[str, str]:
    """(the result, the next step) of a line that says both; (fact, "") otherwise."""
    match = NEXT_STEP_RE.search(fact)
    if not match:
        return answer_apart(fact)
    done, plan = fact[:match.start()], fact[match.end():].rstrip("。；; ")
    if len(CJK_RE.findall(done)) < NEXT_STEP_MIN_CHARS or len(CJK_RE.findall(plan)) < NEXT_STEP_MIN_CHARS:
        return fact, ""
    return done, plan


# a next step that only says how far the work goes (…156个→下步扩大到30个小区): alone in the plans it
# says of nothing (一是全面扩大小区管理。扩大到30个小区。, 1.5B, a 环卫所's), so the line's label is its subject
EXTENT_RE = re.compile(r"^(?:扩大|增加|提高|提升|延伸|推广|拓展|覆盖)(?:到|至)")


def with_its_subject(plan: str, label: str) -> str:
    return f"{label}{plan}" if label and EXTENT_RE.match(plan) and label not in plan else plan


SHORTFALL_RE = re.compile(r"[，,]\s*(?:但|但是)[，,]?\s*")
SHORTFALL_MIN_CHARS = 6


def shortfall_apart(fact: str) -> tuple[str, str]:
    """(the result, the problem) of a line that reports a result and then, after 但, a problem with
    its own subject (检查餐饮单位186家次…，但小餐饮证照不全问题仍较突出, a 市场监管所's: the problem had
    stayed among the results); (fact, "") otherwise — 但仍低于全市平均水平 says how the result
    compares, and stays with it."""
    import jieba.posseg

    match = SHORTFALL_RE.search(fact)
    if not match or not find_figures(fact[:match.start()]) and not done_hits(fact[:match.start()]):
        return fact, ""
    problem = fact[match.end():]
    first = next(iter(jieba.posseg.lcut(problem)), None)
    if len(CJK_RE.findall(problem)) < SHORTFALL_MIN_CHARS or not cue_hits(problem, "problems") \
            or first is None or not first.flag.startswith(("n", "a")):
        return fact, ""
    return fact[:match.start()] + "。", problem


def answer_apart(fact: str) -> tuple[str, str]:
    """(the problem, what is to be done about it) of a line that states a problem and then its
    answer in a sentence of its own (住院楼建于1998年，病房设施老化。已向县卫健局申报改造项目，力争年内
    开工。, under a 卫生院's 存在问题及下步打算: the whole line had been one plan); (fact, "") otherwise."""
    sentences = [s for s in fact.rstrip("。").split("。") if s.strip()]
    if len(sentences) < 2:
        return fact, ""
    roles = [summary_role_of(sentence).role for sentence in sentences]
    # the first plan sentence, after a problem that opens the line (none of the sentences before it is a plan)
    at = roles.index("plans") if "plans" in roles else 0
    if roles[0] != "problems" or not at:
        return fact, ""
    return "。".join(sentences[:at]), "。".join(sentences[at:])


SHI_RE = re.compile(r"^[一二三四五六七八九十]是")


def labelled_line(label: str, rest: str) -> str:
    """教学方面 + 组织了… → 教学方面，组织了…: a label kept in words says which work the line is
    about, with 方面 once (教学方面：… had read 教学方面方面，…, a 中学's notes)."""
    # …but a label that is a problem is said as one (人才短缺。全院在编医生14人… had read 人才短缺方面，…)
    aspect = label if label.endswith("方面") or cue_hits(label, "problems") else label + "方面"
    return f"{aspect}，{rest}"
ENUMERATED_LABEL_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff“”]{2,10})[，,](?P<rest>[\u4e00-\u9fff“].*)$", re.S)


# 一是紧盯年度目标，… / 二是持续优化纳税服务，…: the writer's lead, which jieba reads as no verb
# (紧盯 "z", 持续|优化 "vd"|"vn"); it had become 紧盯年度目标方面，… (a 税务局's plans)
LEAD_OPENING_RE = re.compile(r"^(?:紧盯|聚焦|围绕|坚持|优化|完善|健全|严格|严厉|紧扣|狠抓|持续|进一步|全力|着力|扎实|深入"
                             r"|加快|加强|强化|深化|推进|推动|做好|抓好|提升|提高|落实|切实|积极|大力|不断|全面|精准|稳步|有序)")


def enumerated_aspect(fact: str) -> str:
    """一是老旧小区改造，完成7个小区改造… → 老旧小区改造方面，完成…: after 一是 a short name with no
    verb, no time and no figure is the work the fact is about (a 街道's annual notes; the label had
    stayed as a clause of its own)."""
    import jieba.posseg

    match = ENUMERATED_LABEL_RE.match(fact)
    if match is None or TIME_LABEL_RE.fullmatch(match["label"]) or match["label"].endswith("方面") \
            or WORK_START_RE.match(match["label"]) or LEAD_OPENING_RE.match(match["label"]):
        return fact
    from drafter.drafting.compose import lead_tokens  # jieba's tags, as leads.toml corrects them (选派 n)

    label = [(token.word, token.flag) for token in jieba.posseg.lcut(match["label"])]
    rest = lead_tokens(match["rest"][:8])
    # …after the time it was done in (一是招商引资，全年签约项目14个: a 街道's, the label kept as a clause)
    while len(rest) > 1 and (rest[0][1] == "t" or rest[0][0] in ("全年", "全月", "累计", "共", "共计")):
        rest = rest[1:]
    # a name, not a clause: no verb before its object (加强管理), no time, count or adverb; and the
    # fact goes on with what was done (完成…, 推行…), not with a problem's detail (…老化，近三成车辆…)
    clause = any(flag == "v" and after.startswith("n") and after != "vn" for (_, flag), (_, after) in zip(label, label[1:])) \
        or (label[0][1] == "v" and len(label) > 2) \
        or label[-1][1] == "a"  # 隐形变异培训隐蔽性强，发现难 says how the work is (…隐蔽性强方面, seen)
    if clause or any(flag in ("t", "m", "d", "p", "r") for _, flag in label) or not rest or rest[0][1] != "v":
        return fact
    return labelled_line(match["label"], match["rest"])


# …not the words these open (未成年人, 基本医保, 均衡发展, 因地制宜)
SAID_OF_RE = re.compile(r"^(?:因(?!地制宜)|由于|尚|仍|已|未(?!成年|来)|正在|目前|预计|均(?!衡)|全部"
                        r"|基本(?=完成|建成|实现|形成|到位|覆盖|达到))")


def said_of_label(rest: str) -> bool:
    """Whether the text after a line's label says something of the labelled work rather than what
    was done in it: 因经费未到位，尚未启动 and 已完成14个乡镇 go on from their label; 开展… or
    部分单位… names a work or a subject of its own."""
    return bool(SAID_OF_RE.match(rest))


def split_facts(content: str) -> list[str]:
    """Several facts on one line, separated by "；" outside brackets and quotes; enumerators dropped."""
    facts: list[str] = []
    for piece in split_outside_brackets(content, "；;"):
        fact = clean(ENUMERATOR_RE.sub("", piece.strip()))
        if not fact:
            continue
        if SHI_RE.match(piece.strip()):
            fact = enumerated_aspect(fact)
        if facts and len(CJK_RE.findall(fact)) < 4:
            facts[-1] = facts[-1] + "；" + fact  # a fragment is not a fact of its own
        else:
            facts.append(fact)
    return facts


def join_children(raw: RawNote) -> str:
    text = raw.text
    for child in raw.children:
        text = join_child(text, child)
    if len(text) > MAX_NOTE_CHARS:
        raise NotesError(f"第{raw.line}行的要点过长（超过{MAX_NOTE_CHARS}字）；请拆成几条短要点。")
    return text


# --- roles ------------------------------------------------------------------------------------


TARGET_THEN_DONE_RE = re.compile(r"^(?:年度|全年|今年)?(?:计划|目标|任务)[^，,；;。]{0,12}\d[^，,；;。]*[，,；;]\s*"
                                 r"(?:目前|截至\S{0,6}[，,]?)?(?:已|累计|实际)?(?:完成|完工|建成|开工|实施|改造)[^，,；;。]{0,8}\d")


@dataclass
class Reading:
    role: str
    reason: str
    doubt: str = ""
    guess: bool = False  # the text gave no clue: the optional model hook may decide


def summary_role_of(text: str) -> Reading:
    """progress / problems / plans from the note's own words (no tag, no role group)."""
    problems, intent, done = cue_hits(text, "problems"), cue_hits(text, "plans"), done_hits(text)
    strong_intent = [w for w in intent if re.match(r"^(将|拟|计划|下步|下一步|下半年|明年|今后)", text) or w in ("力争", "争取")]
    if problems and intent:
        if strong_intent:
            return Reading("plans", f"有打算用语“{strong_intent[0]}”", f"同时有问题用语“{problems[0]}”")
        return Reading("problems", f"有问题用语“{problems[0]}”", f"同时有打算用语“{intent[0]}”")
    if problems:
        doubt = f"同时有完成用语“{done[0]}”" if done and not re.search(r"未|尚|仍", problems[0]) else ""
        return Reading("problems", f"有问题用语“{problems[0]}”", doubt)
    # 老旧燃气管道更新改造6.2公里，年底前完成12公里: a counted fact first, then what is left to do
    first = re.split(r"[，,；;]", text, maxsplit=1)[0]
    if intent and not strong_intent and counts(first) and not cue_hits(first, "plans"):
        return Reading("progress", "先写已做的工作（有数字）", f"后有打算用语“{intent[0]}”")
    # 计划120公里，已完工68公里，剩余52公里力争9月底前完工: the target, then how far the work got
    if TARGET_THEN_DONE_RE.match(text):
        return Reading("progress", "先写全年计划，再写已完成多少", f"有打算用语“{intent[0]}”" if intent else "")
    if intent and (not done or strong_intent):
        return Reading("plans", f"有打算用语“{intent[0]}”", f"同时有完成用语“{done[0]}”" if done else "")
    if intent and done:
        return Reading("progress", f"有完成用语“{done[0]}”", f"同时有打算用语“{intent[0]}”")
    if done:
        return Reading("progress", f"有完成用语“{done[0]}”")
    if counts(text):
        return Reading("progress", FIGURE_ONLY)
    return Reading("progress", "文字无明显线索，按工作进展处理", guess=True)


def counts(text: str) -> bool:
    """Whether a note counts something: a figure outside quotes (“9·18”防空警报试鸣 and “12345”
    name a day and a line; 开展“9·18”防空警报试鸣, an 人防办's plan, was read as done)."""
    # …nor does a grade or a generation (创建国家5A级旅游景区, a 景区管委会's plan, was read as done; 5G基站)
    return bool(find_figures(GRADE_MARK_RE.sub("", re.sub(r"“[^“”]*”", "", text))))


GRADE_MARK_RE = re.compile(rf"(?<![\d.]){GRADE_MARK}")


def plan_role_of(text: str) -> Reading:
    """guidance / goals / safeguards / plans (重点任务) from the note's own words."""
    for role in ("guidance", "safeguards", "tasks", "goals"):
        if hits := cue_hits(text, role):
            role = "plans" if role == "tasks" else role
            return Reading(role, f"有{PLAN_ROLE_LABELS[role]}用语“{hits[0]}”")
    return Reading("plans", "计划中的工作任务", guess=True)


ESTIMATE_RE = re.compile(r"预计(?:全年)?[^，。；\d]{0,12}?(?:达到|完成|实现|增长|稳定在|为)?\s*\d")
OTHER_INTENT_RE = re.compile(r"力争|争取|确保|计划|将|拟|下步|下一步|明年|20\d\d年")


def estimated_result(text: str) -> bool:
    """An annual summary written before the year ends states the year's figure as estimated
    (农村居民人均可支配收入预计达到2.12万元，增长6.5%, a 农业农村局's November notes, read as a
    plan): a result, with no other word of intent."""
    return bool(ESTIMATE_RE.search(text)) and not OTHER_INTENT_RE.search(text.replace("预计", ""))


def achieved_indicator(text: str, period: str) -> bool:
    """A summary's indicator line that states what was reached (旅游综合收入28.6亿元，↑9.4%); in a
    first-half report a line of the whole year (全年接待游客600万人次) is still the year's target."""
    whole_year = period.endswith("H1") and re.search(r"全年|年度|年内|年底", text)
    # 1.1亿元，完成年度任务的52%: how far the year's target is reached, a result of the half-year
    share_of_year = re.search(r"(?:完成|占)(?:全年|年度)(?:任务|目标|计划)的?\s*\d", text)
    return is_completed_fact(text) and (not whole_year or bool(share_of_year))


def done_under_plan_title(text: str) -> bool:
    """Whether a note under a title plans use too (重点工作, 主要指标) is a result all the same: a
    completed fact that reads as done on its own (新发展食用菌种植120亩，建成冷库1座; 3.2亿元，同比
    增长5.6%), not a target (完成村庄规划5个 under 2026年重点工作 says nothing done)."""
    return is_completed_fact(text) and summary_role_of(text).role == "progress" \
        and (bool(done_hits(text)) or bool(COUNTED_DONE_RE.search(text)))


# a work done and counted (建成冷库1座, 化解矛盾纠纷43件), as a target is written too: only under a
# summary's title does it read as done
COUNTED_DONE_RE = re.compile(r"(?:建成|新发展|新建|引进|化解|开展|硬化|完成)[^，。；]{0,16}\d")


def is_completed_fact(text: str) -> bool:
    """A result: said done (已, 累计, 同比 …), or counted without a target's wording (不低于, 以上)."""
    if summary_role_of(text).role != "progress":
        return False
    return bool(done_hits(text) or (counts(text) and not cue_hits(text, "goals")))


# 要抓紧推进2个签约项目落地开工 under 下半年要： (a 镇's chat paste): the writer telling themselves what
# must be done; the plan says the work (一是要… is no genre's wording). Not 要求, 要素, 要点.
# …after the next step it names (下步将抓好…, a 就业股's 下步本人将… with its 本人 read past)
SPOKEN_MUST_RE = re.compile(r"^(?:下步)?(?:还要|要|将)(?=[\u4e00-\u9fff]{2})(?![求素点件闻案害])")


def without_spoken_must(text: str) -> str:
    return SPOKEN_MUST_RE.sub("", text, count=1)


def assign_roles(raw_notes: list[RawNote], texts: list[str], kind: str, classify: Classify | None,
                 ambiguous: list[ReadLine], period: str = "") -> tuple[Notes, dict[str, str]]:
    mapping = KIND_ROLE_MAP[kind]
    allowed = load_kind(kind).roles
    notes: list[Note] = []
    reasons: dict[str, str] = {}
    for number, (raw, text) in enumerate(zip(raw_notes, texts, strict=True), start=1):
        note_id = f"n{number}"
        if raw.tag_role:
            reading = Reading(raw.tag_role, f"标签写明（{RAW_ROLE_LABELS.get(raw.tag_role, raw.tag_role)}）")
        elif raw.group_role == "goals" and kind != "plan" and achieved_indicator(text, period):
            # 主要指标 over 接待游客325万人次，同比+12% in a summary (文旅局, seen moved to the plans):
            # what the indicators reached, not targets
            reading = Reading("progress", "写的是已完成的数字", "分组标题像目标或指标")
        elif raw.group_role == "tasks" and kind != "plan" and done_under_plan_title(text):
            # 重点工作 over 完成农村户厕改造180户 in a summary: the key work done, not tasks
            reading = Reading("progress", "写的是已完成的工作", "分组标题像重点任务")
        elif raw.group_role and raw.group_role != "progress":
            reading = Reading(raw.group_role, f"在分组标题“{RAW_ROLE_LABELS.get(raw.group_role, raw.group_role)}”下")
        elif kind == "plan":
            reading = plan_role_of(text) if not raw.in_group else Reading("plans", "计划中的主题分组")
        else:
            reading = summary_role_of(text)
            if reading.role == "progress" and not raw.group_role and (later := later_than(period, text)) \
                    and not done_hits(text):
                reading = Reading("plans", f"写的是{period_text(period)}之后的时间（{later}）")
            elif reading.role == "progress" and not raw.group_role and (target := year_target(period, text)):
                reading = Reading("plans", f"写的是全年目标（{target}），{period_text(period)}尚未到年底")
            elif reading.role == "plans" and kind == "annual" and estimated_result(text):
                reading = Reading("progress", "年度总结中写的是预计全年的数", "写的是预计数，请核实")
            elif raw.group_role == "progress" and reading.role == "progress":
                reading = Reading("progress", "在工作进展分组下")
            elif notes and notes[-1].role == "plans" and reading.reason == FIGURE_ONLY and not done_hits(text) \
                    and (PLAN_VERB_RE.match(text) or (not raw.in_group and not text.startswith(DONE_OPENERS)
                                                      and any(note.role == "problems" for note in notes))):
                # 推进公共机构新能源汽车充电桩建设，新建20个 after 下半年完成2处闲置房产处置 (a 机关事务服务
                # 中心's plain lines): a figure with no word of its being done, on a verb of pushing on, after
                # a plan, is the plan's count; and after the problems any such line is (新建“口袋公园”6个
                # between two plans of a 园林绿化服务中心's plain lines had been read as done)
                reading = Reading("plans", "紧接在打算之后，数字前没有完成用语，按打算处理")
            elif reading.guess and notes and notes[-1].role in ("plans", "problems"):
                # Writers list their plans together, after their problems: a line with no clue of
                # its own after a plan (开展储备粮库存数量和质量大清查, last of three) or a problem
                # (推进城区人防疏散基地建设, an 人防办's plain notes) is a plan, not a result.
                # After a problem the place is a weaker clue: the optional model hook may still decide.
                after_problem = notes[-1].role == "problems"
                reading = Reading("plans", f"文字无明显线索，紧接在{'问题' if after_problem else '打算'}之后，按打算处理",
                                  guess=after_problem)
        if classify is not None and reading.guess:
            reading = classified(classify, text, allowed, reading)
        role = mapping.get(reading.role, reading.role)
        if role not in allowed:
            role = "plans" if "plans" in allowed else allowed[0]
        if reading.doubt:
            ambiguous.append(ReadLine(raw.line, text, f"{reading.reason}，{reading.doubt}；已归入“{role_name(kind, role)}”"))
        notes.append(Note(note_id, without_done_particle(STATUS_RE.sub("", text)), role, raw.topic, raw.line,
                          raw.explicit_topic, raw.parent))
        reasons[note_id] = reading.reason
    return Notes(notes=between_plans(notes, raw_notes, reasons, mapping.get("plans", "plans"))), reasons


def between_plans(notes: list[Note], raw_notes: list[RawNote], reasons: dict[str, str], plans: str) -> list[Note]:
    """Notes with a counted line between two plans read as a plan (完成公交站台改造50个 between
    下半年计划开通… and 争取…, a 公交公司's plain lines, had been read as done): in a writer's list of
    plans a count is the target, unless the line says it is done (已, 累计) or a tag or group says so —
    and only among the plans the notes end with, each on a line of its own: a ledger's rows go result,
    plan, result, plan, a row's cells on one line."""
    kept = list(notes)
    for at in range(1, len(notes) - 1):
        note, raw = notes[at], raw_notes[at]
        if note.role == "progress" and reasons[note.id] == FIGURE_ONLY and not (raw.tag_role or raw.group_role) \
                and notes[at - 1].role == plans and notes[at + 1].role == plans and not done_hits(note.text) \
                and not any(later.role == "progress" for later in notes[at + 1:]) \
                and len({notes[at - 1].line, note.line, notes[at + 1].line}) == 3 \
                and alone_on_its_line(notes[at - 1], notes):
            # …a next step split from a result's line (…156个→下步扩大到30个小区) is no list of plans
            kept[at] = replace(note, role=plans)
            reasons[note.id] = "夹在两条打算之间，数字前没有完成用语，按打算处理"
    return kept


def alone_on_its_line(note: Note, notes: Sequence[Note]) -> bool:
    return sum(other.line == note.line for other in notes) == 1


DONE_OPENERS = ("完成", "建成", "累计", "已", "实现", "共")


def without_done_particle(text: str) -> str:
    """组织了高三年级…, 德育方面，举办了… → 组织高三年级…, 举办…: a clause opening on a verb states
    its work without 了, as the genre does (a 中学's notes, written as spoken, reached the draft so).
    Read after the roles: 完成了 is a clue that the work is done. 了 elsewhere (比去年多了23人) stays."""
    import jieba.posseg

    kept: list[str] = []
    for clause in re.split(r"(?<=[，。；：,;:])", text):
        tokens = jieba.posseg.lcut(clause)
        if len(tokens) > 1 and tokens[1].word == "了" and tokens[1].flag == "ul" and len(tokens[0].word) >= 2 \
                and CJK_RE.match(tokens[0].word) and tokens[0].flag not in ("p", "c", "d"):
            clause = tokens[0].word + clause[len(tokens[0].word) + 1:]
        kept.append(clause)
    return "".join(kept)


FIGURE_ONLY = "有数字的已完成工作"
PLAN_VERB_RE = re.compile(r"^(?:推进|加快|启动|继续|持续推进|筹备)")


def classified(classify: Classify | None, text: str, allowed: list[str], fallback: Reading) -> Reading:
    """Ask the optional model hook; keep the rule-based answer unless it names a valid role."""
    if classify is None:
        return fallback
    try:
        answer = classify(text, allowed)
    except Exception:  # a model hook must never stop the reading; the rule answer stands
        return fallback
    return Reading(answer, "模型判断（文字无明显线索）") if answer in allowed else fallback


def role_name(kind: str, role: str) -> str:
    spec = load_kind(kind).spec(role)
    return spec.label if spec else ROLE_LABELS.get(role, role)


# --- kind -------------------------------------------------------------------------------------


def decide_kind(raw_notes: list[RawNote], texts: list[str], title: FoundTitle | None, lines: list[Line],
                given: str | None) -> tuple[str, list[str]]:
    """The kind from the content (completed facts, problems, plans, targets), then the period words."""
    if given:
        load_kind(given)  # unknown names fail here with the list of kinds
        return given, [f"按指定的文种（--kind {given}）"]
    words = wordings()
    tagged = [raw.tag_role or raw.group_role for raw in raw_notes]
    plan_parts = sorted({r for r in tagged if r in ("guidance", "goals", "tasks", "safeguards")})
    # …and a result under a title a plan also uses (重点工作：完成农村户厕改造180户 in a 乡's
    # 上半年工作总结 had made it a plan of 目标任务 and 重点工作)
    untagged = [text for raw, text in zip(raw_notes, texts, strict=True)
                if not raw.tag_role and (raw.group_role in ("", "progress", "basics")
                                         or raw.group_role in ("tasks", "goals") and done_under_plan_title(text))]
    completed = [t for t in untagged if is_completed_fact(t)]
    # 完成情况：… / 进展：… — facts the writer tagged as done count as done (the reason had said
    # 以已完成的工作为主（0 条） over a 推进情况 whose every result was tagged)
    tagged_done = sum(raw.tag_role == "progress" for raw in raw_notes)
    problems = sum(r == "problems" for r in tagged) + sum(summary_role_of(t).role == "problems" for t in untagged)
    plans = sum(r == "plans" for r in tagged) + sum(summary_role_of(t).role == "plans" for t in untagged)
    total = len(texts)
    title_text = title.text if title else ""
    # the words the title says, not the pattern that found them (标题虽写“(?<!总结)要点”, seen)
    plan_title = [found[0] for p in words.kind_title["plan"] if (found := p.search(title_text))]
    done = len(completed) + tagged_done
    reasons: list[str] = []
    said_done = sum(bool(done_hits(t)) for t in completed)
    if plan_title:  # 完成村庄规划5个 under a plan title is a target: only problems or 已/累计/同比 make it a summary
        is_summary = len(completed) >= 2 and (problems > 0 or said_done >= max(2, 0.3 * total))
    else:
        is_summary = done >= 2 and (problems > 0 or done / total >= 0.3)
    if is_summary:
        reasons.append(COUNTS_REASON)
        if plan_title:
            reasons.append(f"标题虽写“{plan_title[0]}”，内容是已完成的工作，按总结处理")
        summary_kind, why = summary_kind_of(title, raw_notes, lines)
        return summary_kind, reasons + why
    if plan_parts:
        labels = "、".join(PLAN_ROLE_LABELS.get("plans" if r == "tasks" else r, r) for r in plan_parts)
        reasons.append(f"有计划的分组（{labels}），没有成批的已完成工作")
    elif plan_title:
        reasons.append(f"标题写“{plan_title[0]}”，没有成批的已完成工作")
    elif plans > total / 2:
        reasons.append(f"多数要点是打算和目标（{plans}/{total} 条），没有成批的已完成工作")
    else:
        summary_kind, why = summary_kind_of(title, raw_notes, lines)
        return summary_kind, [f"以已完成的工作为主（{len(completed)} 条）", *why]
    return "plan", reasons


COUNTS_REASON = "（要点的条数）"  # decide_kind's place for the counts, said once roles are settled


def work_counts(notes: Notes) -> str:
    """The notes' counts by role, as the reason for a summary: 有已完成的工作 6 条（…），另有存在问题 2 条…"""
    results = [note.text for note in notes.notes if note.role == "progress"]
    problems, plans = len(notes.with_role("problems")), len(notes.with_role("plans"))
    return (f"有已完成的工作 {len(results)} 条（其中有数字或完成用语的 {sum(map(is_completed_fact, results))} 条）"
            + (f"，另有存在问题 {problems} 条" if problems else "") + (f"、下步打算 {plans} 条" if plans else ""))


TITLED_WORK_RE = re.compile(r"(?:19|20)\d{2}\s*年(?P<work>[\u4e00-\u9fff“”]{2,10}?)工作(?:总结|情况|小结|汇报|报告)")
# 关于2025年防汛工作的报告 / 关于全县安全生产工作情况的汇报: a report on one work (关于县住建局2025年上半年
# 工作情况的报告 names none: its unit and its period only)
REPORTED_WORK_RE = re.compile(r"关于(?:(?:19|20)\d{2}\s*年度?)?(?:上半年|下半年|全年|年度)?(?P<work>[\u4e00-\u9fff“”]{2,12}?)"
                              r"(?:工作)?(?:开展)?(?:情况)?的(?:报告|汇报)")
GENERAL_WORKS = ("主要", "各项", "重点", "全面", "整体", "总体", "日常", "机关")


def titled_work(title: FoundTitle) -> str:
    """The one work a summary's title names between its year and 工作总结 (县水利局2025年防汛工作总结:
    a special summary, read as the year's and titled 县水利局2025年工作总结), or "". A work the unit
    is named for is its whole year's (县委组织部2025年组织工作总结)."""
    text = arabic_years(title.text)
    match = TITLED_WORK_RE.search(text) or REPORTED_WORK_RE.search(text.replace(title.org or "\0", ""))
    if match is None:
        return ""
    work = match["work"].removesuffix("工作")
    if len(work) < 2 or work.startswith(("度", "上半年", "下半年", "全年", "年度", *GENERAL_WORKS)):
        return ""
    if any(work[i:i + 2] in (title.org or "") for i in range(len(work) - 1)):
        return ""
    return work


def summary_kind_of(title: FoundTitle | None, raw_notes: list[RawNote], lines: list[Line]) -> tuple[str, list[str]]:
    """half-year / annual / special from the title's words, then the group titles and tags, then the period."""
    words = wordings()
    # the unit's name is no kind's word (县青少年活动中心 had made its half year a special report on 活动)
    title_text = (title.text.replace(title.org, " ") if title.org else title.text) if title else ""
    for kind in ("special", "half-year", "annual"):
        if hit := next((m.group(0) for p in words.kind_title[kind] if (m := p.search(title_text))), ""):
            return kind, [f"标题写“{hit}”"]
    if title and (work := titled_work(title)):
        if QUARTER_RE.fullmatch(work):  # 县统计局2025年前三季度工作总结: a quarter's, no work's
            return "special", [f"标题写的是“{work}”的工作（季度总结按专题报告的结构起草）"]
        return "special", [f"标题写的是“{work}”这一项工作"]
    if any(role_of_title(line.text) == "basics" for line in lines):
        return "special", ["有“基本情况”分组"]
    group_texts = " ".join(line.text for line in lines if line.marker == "md" or role_of_title(line.text))
    tag_texts = " ".join(line.text[:8] for line in lines)
    for kind in ("half-year", "annual"):
        for text in (group_texts, tag_texts):
            if hit := next((m.group(0) for p in words.kind_body[kind] if (m := p.search(text))), ""):
                return kind, [f"计划部分写“{hit}”"]
    if title and title.period:
        if title.period.endswith("H1") or title.period.endswith("H2"):
            return "half-year", [f"时段是{period_text(title.period)}"]
        return "annual", [f"时段是{period_text(title.period)}全年"]
    return "half-year", ["未写明时段，按半年总结处理（可用 --kind 指定）"]
