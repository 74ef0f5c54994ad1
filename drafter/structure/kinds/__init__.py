"""Document kinds as data: each kind is a TOML file beside this module listing its parts in
order, their roles, whether they are required, and the heading aliases real reports use.

Adding a kind means adding a file, not code.
"""

from __future__ import annotations

import re
import tomllib
from functools import cache
from pathlib import Path

from pydantic import BaseModel, ConfigDict

from drafter.errors import KindError
from drafter.structure.tree import Report

KIND_DIR = Path(__file__).resolve().parent
NOT_KINDS = {"roles"}  # roles.toml: the notes reader's wordings, shared by all kinds
# Roles whose aliases are most specific are tried first: 存在的问题和不足 must not read as 工作.
# Part roles as a reader names them (store listings, search results).
ROLE_LABELS = {"progress": "工作进展", "problems": "存在问题", "plans": "下步打算", "guidance": "指导思想",
               "goals": "目标任务", "safeguards": "保障措施", "basics": "基本情况", "": "导语/其他"}
ROLE_PRIORITY = ("problems", "guidance", "goals", "safeguards", "basics", "progress", "plans")


class PartSpec(BaseModel):
    model_config = ConfigDict(extra="forbid")

    role: str
    label: str
    required: bool = True
    repeatable: bool = False
    default_heading: str
    aliases: list[str]
    # What a draft says in this part when the notes say nothing of it (指导思想, 保障措施 in a
    # plan): the genre's standard wording, never a model's claim. "" = a visible placeholder.
    standard_wording: str = ""

    def matches(self, heading: str) -> bool:
        return any(re.search(alias, heading) for alias in self.aliases)


class Kind(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str
    label: str
    description: str
    signals: list[str]
    parts: list[PartSpec]

    def role_of(self, heading: str) -> str:
        by_priority = sorted(self.parts, key=lambda spec: ROLE_PRIORITY.index(spec.role))
        return next((spec.role for spec in by_priority if spec.matches(heading)), "")

    def spec(self, role: str) -> PartSpec | None:
        return next((spec for spec in self.parts if spec.role == role), None)

    @property
    def roles(self) -> list[str]:
        return [spec.role for spec in self.parts]


@cache
def load_kind(name: str) -> Kind:
    path = KIND_DIR / f"{name}.toml"
    if not path.exists():
        raise KindError(f"未知的文种“{name}”。可选：{'、'.join(kind_names())}")
    try:
        return Kind(**tomllib.loads(path.read_text(encoding="utf-8")))
    except (tomllib.TOMLDecodeError, ValueError) as error:
        raise KindError(f"文种定义文件 {path.name} 有误：{error}") from error


def kind_names() -> list[str]:
    return sorted(path.stem for path in KIND_DIR.glob("*.toml") if path.stem not in NOT_KINDS)


def all_kinds() -> list[Kind]:
    return [load_kind(name) for name in kind_names()]


# Title words decide first; then the strongest signals in headings and lead.
TITLE_RULES: tuple[tuple[str, str], ...] = (
    (r"半年", "half-year"),
    (r"关于.*(情况|工作)的?报告|专项|专题", "special"),
    (r"总结|年度|全年|政府工作报告|年工作报告", "annual"),
    (r"(计划|要点|方案)$", "plan"),
)
BODY_RULES: tuple[tuple[str, str], ...] = (
    (r"上半年|下半年", "half-year"),
    (r"指导思想|保障措施", "plan"),
    (r"回顾|过去一年|过去五年|全年|明年|今年|政府工作", "annual"),
    (r"基本情况", "special"),
)


def detect_kind(report: Report) -> str:
    """Name of the most likely kind; half-year when nothing says otherwise (the usual case)."""
    title = report.title.strip()
    for pattern, name in TITLE_RULES:
        if title and re.search(pattern, title):
            return name
    headings = " ".join(part.heading for part in report.parts)
    lead = " ".join(paragraph.text for paragraph in report.lead)[:500]
    for text in (headings, lead):
        for pattern, name in BODY_RULES:
            if re.search(pattern, text):
                return name
    return "half-year"


def assign_roles(report: Report, kind: str | Kind | None = None) -> Kind:
    """Set each part's role from its heading, using the kind's aliases. Returns the kind."""
    spec = kind if isinstance(kind, Kind) else load_kind(kind or detect_kind(report))
    for part in report.parts:
        part.role = spec.role_of(part.heading)
    return spec
