"""The report tree: a work report as parts, sections, paragraphs and enumerated items.

A 工作总结 is a strict hierarchy (GB/T 9704-2012 §7.3.3):

    Report
      title, lead paragraphs (导语)
      Part      一、工作进展情况            level 1
        intro paragraphs
        Section （一）强化规划引领……。      level 2
          Paragraph  lead text + items     body
            Item 一是…… (children: a nested 一是… run)

Every node keeps the 1-based source line it came from, so findings can point at it.
The tree is plain data: parsing lives in ``drafter.structure.parse``, rendering in
``drafter.structure.render``, and nothing here knows about either.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from enum import StrEnum
from typing import Any


class ItemFamily(StrEnum):
    """How an enumerated item is marked. Each family numbers independently."""

    SHI = "shi"  # 一是 二是 … (inline, the genre's usual enumeration)
    DI = "di"  # 第一， 第二， …
    NUM = "num"  # 1. 2. … at paragraph start (level 3)
    PNUM = "pnum"  # （1） （2） … at paragraph start (level 4)


@dataclass
class Item:
    """One enumerated item: its marker, its own text and any nested run of items.

    ``text`` is the item's own text up to its first child (or up to the next sibling);
    rendering is ``marker + text + children`` with nothing lost.
    """

    marker: str
    family: ItemFamily
    ordinal: int
    text: str = ""
    line: int = 0
    children: list[Item] = field(default_factory=list)

    @property
    def full_text(self) -> str:
        return self.marker + self.text + "".join(child.full_text for child in self.children)

    @property
    def body_text(self) -> str:
        """The item without its own marker (children keep theirs)."""
        return self.text + "".join(child.full_text for child in self.children)

    def walk(self) -> Iterator[Item]:
        yield self
        for child in self.children:
            yield from child.walk()


@dataclass
class Paragraph:
    """A body paragraph: optional lead text, then the items that start inside it.

    ``items`` holds only the paragraph's top-level items; an item whose run began in an
    earlier paragraph (一是 here, 二是 in the next paragraph) still lives in the paragraph
    where it is written.
    """

    lead: str = ""
    items: list[Item] = field(default_factory=list)
    line: int = 0

    @property
    def text(self) -> str:
        return self.lead + "".join(item.full_text for item in self.items)

    def walk_items(self) -> Iterator[Item]:
        for item in self.items:
            yield from item.walk()


@dataclass
class Section:
    """A level-2 unit: （一）heading, then paragraphs.

    ``run_on`` records that the body began on the heading's own line
    (（一）强化规划引领，谋篇布局优空间。一是……), which renderers reproduce.
    """

    marker: str
    ordinal: int
    heading: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    line: int = 0
    run_on: bool = False

    @property
    def body_text(self) -> str:
        return "\n".join(p.text for p in self.paragraphs)

    def walk_items(self) -> Iterator[Item]:
        for paragraph in self.paragraphs:
            yield from paragraph.walk_items()


@dataclass
class Part:
    """A level-1 unit: 一、heading, intro paragraphs, then sections.

    ``role`` (progress / problems / plans / …) is filled in by ``drafter.structure.kinds`` from the
    heading; the parser leaves it empty.
    """

    marker: str
    ordinal: int
    heading: str
    intro: list[Paragraph] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)
    line: int = 0
    role: str = ""
    run_on: bool = False

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.intro
        for section in self.sections:
            yield from section.paragraphs

    def walk_items(self) -> Iterator[Item]:
        for paragraph in self.paragraphs:
            yield from paragraph.walk_items()


@dataclass
class Report:
    """A whole report. ``lead`` holds the paragraphs before the first part (导语)."""

    title: str = ""
    title_line: int = 0
    lead: list[Paragraph] = field(default_factory=list)
    parts: list[Part] = field(default_factory=list)
    source: str = ""

    @property
    def paragraphs(self) -> Iterator[Paragraph]:
        yield from self.lead
        for part in self.parts:
            yield from part.paragraphs

    def walk_items(self) -> Iterator[Item]:
        for paragraph in self.paragraphs:
            yield from paragraph.walk_items()

    def part_by_role(self, role: str) -> Part | None:
        return next((part for part in self.parts if part.role == role), None)


# --- serialisation (drafts are stored as JSON) -------------------------------------------


def report_to_dict(report: Report) -> dict[str, Any]:
    data = asdict(report)
    data.pop("source", None)
    return data


def report_from_dict(data: dict[str, Any]) -> Report:
    def item(d: dict[str, Any]) -> Item:
        return Item(d["marker"], ItemFamily(d["family"]), d["ordinal"], d["text"], d["line"],
                    [item(c) for c in d["children"]])

    def paragraph(d: dict[str, Any]) -> Paragraph:
        return Paragraph(d["lead"], [item(i) for i in d["items"]], d["line"])

    def section(d: dict[str, Any]) -> Section:
        return Section(d["marker"], d["ordinal"], d["heading"], [paragraph(p) for p in d["paragraphs"]],
                       d["line"], d["run_on"])

    def part(d: dict[str, Any]) -> Part:
        return Part(d["marker"], d["ordinal"], d["heading"], [paragraph(p) for p in d["intro"]],
                    [section(s) for s in d["sections"]], d["line"], d["role"], d["run_on"])

    return Report(data["title"], data["title_line"], [paragraph(p) for p in data["lead"]],
                  [part(p) for p in data["parts"]])
