"""Plain text or Markdown → report tree.

One line is one paragraph (the genre's convention). Headings are recognised by their
markers; enumerated items (一是… 第一，… 1. （1）) are found inside paragraphs and nested
where a run restarts at 一 inside an item (seed 000, part 三: 三是… 一是… 二是…).

The parser never judges: it records markers exactly as written (一、 or 一. , （一） or (一))
and the checker decides what is wrong. Whitespace is the only thing it drops.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from drafter.structure.numerals import cn_to_int
from drafter.structure.tree import Item, ItemFamily, Paragraph, Part, Report, Section
from drafter.textio import read_document

CN_DIGITS = "一二三四五六七八九十"
PART_RE = re.compile(rf"^(?P<marker>(?P<num>[{CN_DIGITS}]{{1,3}})\s*[、．.])\s*(?P<rest>.*)$")
SECTION_RE = re.compile(rf"^(?P<marker>[（(]\s*(?P<num>[{CN_DIGITS}]{{1,3}})\s*[）)])\s*(?P<rest>.*)$")
NUM_RE = re.compile(r"^(?P<marker>(?P<num>\d{1,2})\s*[.．、](?!\d))")
PNUM_RE = re.compile(r"^(?P<marker>[（(](?P<num>\d{1,2})[）)])")
# Inline markers must follow a sentence or clause boundary, so 统一是 / 之一是 are not items.
BOUNDARY = r"(?:(?<=^)|(?<=[。；;：:！？!?，,、\s]))"
INLINE_RE = re.compile(
    BOUNDARY
    + rf"(?P<marker>(?P<shi>[{CN_DIGITS}]{{1,3}})是|第(?P<di>[{CN_DIGITS}]{{1,3}})[，,、])"
)
TITLE_WORDS = re.compile(r"总结|计划|报告|打算|要点|方案|情况|汇报")
INVISIBLE = "\u200b\u200c\u200d\ufeff"
# A heading that runs on into body text ends at its first full stop, if that comes early.
MAX_RUN_ON_HEADING = 60


@dataclass
class SourceLine:
    number: int
    text: str
    markdown_level: int = 0  # number of leading '#', 0 when not a Markdown heading


def parse_file(path: str | Path) -> Report:
    """Read and parse a .txt, .md or .docx report (see ``drafter.textio`` for the checks)."""
    path = Path(path)
    text = read_document(path)
    return parse_text(text, markdown=path.suffix.lower() in {".md", ".markdown"})


def parse_text(text: str, markdown: bool = False) -> Report:
    lines = list(source_lines(text, markdown))
    report = Report(source=text)
    part: Part | None = None
    section: Section | None = None
    for index, line in enumerate(lines):
        if line.markdown_level == 1 and not report.title and not report.parts:
            report.title, report.title_line = line.text, line.number
            continue
        if part is None and section is None and not report.title and not report.lead and is_title(line, lines[index + 1:]):
            report.title, report.title_line = line.text, line.number
            continue
        if match := PART_RE.match(line.text):
            heading, body = split_heading(match["rest"])
            part = Part(match["marker"], cn_to_int(match["num"]), heading, line=line.number, run_on=bool(body))
            report.parts.append(part)
            section = None
            if body:
                part.intro.append(parse_paragraph(body, line.number))
            continue
        if match := SECTION_RE.match(line.text):
            heading, body = split_heading(match["rest"])
            if part is None:
                part = Part("", 0, "", line=line.number)  # sections with no level-1 heading above them
                report.parts.append(part)
            section = Section(match["marker"], cn_to_int(match["num"]), heading, line=line.number, run_on=bool(body))
            part.sections.append(section)
            if body:
                section.paragraphs.append(parse_paragraph(body, line.number))
            continue
        paragraph = parse_paragraph(line.text, line.number)
        if section is not None:
            section.paragraphs.append(paragraph)
        elif part is not None:
            part.intro.append(paragraph)
        else:
            report.lead.append(paragraph)
    return report


def source_lines(text: str, markdown: bool) -> Iterator[SourceLine]:
    for number, raw in enumerate(text.splitlines(), start=1):
        stripped = raw.translate({ord(c): None for c in INVISIBLE}).strip()
        if not stripped:
            continue
        level = 0
        if markdown and stripped.startswith("#"):
            hashes = len(stripped) - len(stripped.lstrip("#"))
            if hashes <= 6 and stripped[hashes:hashes + 1] in (" ", "\t", ""):
                level, stripped = hashes, stripped[hashes:].strip()
                if not stripped:
                    continue
        yield SourceLine(number, stripped, level)


def is_title(line: SourceLine, following: list[SourceLine]) -> bool:
    """A short first line naming the document (……工作总结), before any body text."""
    text = line.text
    if PART_RE.match(text) or SECTION_RE.match(text) or INLINE_RE.match(text):
        return False
    if len(text) > 60 or text[-1] in "。；：:，,":
        return False
    return bool(TITLE_WORDS.search(text)) and bool(following)


def split_heading(rest: str) -> tuple[str, str]:
    """（一）强化规划引领，谋篇布局优空间。一是…… → ('强化规划引领，谋篇布局优空间。', '一是……')."""
    stop = rest.find("。")
    if 0 <= stop < MAX_RUN_ON_HEADING and rest[stop + 1:].strip():
        return rest[: stop + 1], rest[stop + 1:].strip()
    return rest, ""


@dataclass
class Marker:
    start: int
    end: int
    text: str
    family: ItemFamily
    ordinal: int


def find_markers(text: str) -> list[Marker]:
    markers: list[Marker] = []
    for family, pattern in ((ItemFamily.NUM, NUM_RE), (ItemFamily.PNUM, PNUM_RE)):
        if match := pattern.match(text):
            markers.append(Marker(0, match.end(), match["marker"], family, int(match["num"])))
    skip_until = markers[0].end if markers else 0
    for match in INLINE_RE.finditer(text):
        if match.start() < skip_until:
            continue
        if match["shi"]:
            family, numeral = ItemFamily.SHI, match["shi"]
        else:
            family, numeral = ItemFamily.DI, match["di"]
        markers.append(Marker(match.start(), match.end(), match["marker"], family, cn_to_int(numeral)))
    return markers


def parse_paragraph(text: str, line: int) -> Paragraph:
    markers = find_markers(text)
    if not markers:
        return Paragraph(lead=text, line=line)
    paragraph = Paragraph(lead=text[: markers[0].start], line=line)
    # Each stack level is the list of sibling items of one run; level 0 is the paragraph's.
    stack: list[list[Item]] = [paragraph.items]
    for index, marker in enumerate(markers):
        end = markers[index + 1].start if index + 1 < len(markers) else len(text)
        item = Item(marker.text, marker.family, marker.ordinal, text[marker.end:end], line)
        place_item(stack, item)
    return paragraph


def place_item(stack: list[list[Item]], item: Item) -> None:
    """Put ``item`` at the right depth: continue a run, go back up to an outer run, or nest."""
    while True:
        run = stack[-1]
        if not run:
            run.append(item)
            return
        last = run[-1]
        if last.family == item.family and item.ordinal != 1:
            # Back to an outer run when the item continues it and not this one.
            if item.ordinal != last.ordinal + 1 and len(stack) > 1 and continues(stack[-2], item):
                stack.pop()
                continue
            run.append(item)
            return
        if item.ordinal == 1 or last.family != item.family:
            if last.family != item.family and len(stack) > 1 and continues(stack[-2], item):
                stack.pop()
                continue
            # A run restarting at 一 (or another family) inside an item nests under it.
            last.children.append(item)
            stack.append(last.children)
            return


def continues(run: list[Item], item: Item) -> bool:
    return bool(run) and run[-1].family == item.family and item.ordinal == run[-1].ordinal + 1
