"""A report cut into what the continuity checks compare: plan items and sentences."""

from __future__ import annotations

import re
from collections.abc import Iterator

from drafter.continuity.history import Dated
from drafter.continuity.records import PlanItem, Sentence
from drafter.structure.tree import Item, Paragraph, Part

SENTENCE_RE = re.compile(r"[^。！？；!?;]+(?:[。！？；!?;]+[”’」』）)]*|$)")
MIN_SENTENCE_CHARS = 4


def plan_items(dated: Dated) -> list[PlanItem]:
    """Every item of the plans part(s): each 一是… item, or a whole section or paragraph without items."""
    found: list[PlanItem] = []
    for part in dated.report.parts:
        if part.role != "plans":
            continue
        prefix = part_address(part)
        found += paragraph_items(part.intro, prefix, "")
        for section in part.sections:
            address = f"{prefix}.{section.marker}" if prefix else section.marker
            items = [item for paragraph in section.paragraphs for item in paragraph.items]
            if items:
                lead = "".join(p.lead for p in section.paragraphs).strip()
                heading = section.heading + (lead if lead and len(lead) < 60 else "")
                found += [item_record(item, address, heading) for item in items]
            else:
                text = (section.heading + "".join(p.text for p in section.paragraphs)).strip()
                found.append(PlanItem(address, text, section.line, section.heading))
    return [item for item in found if item.text.strip("。；，, ")]


def paragraph_items(paragraphs: list[Paragraph], prefix: str, heading: str) -> list[PlanItem]:
    found: list[PlanItem] = []
    for paragraph in paragraphs:
        if paragraph.items:
            found += [item_record(item, prefix, heading) for item in paragraph.items]
        elif paragraph.text.strip():
            found.append(PlanItem(prefix, paragraph.text.strip(), paragraph.line, heading))
    return found


def item_record(item: Item, address: str, heading: str) -> PlanItem:
    return PlanItem(f"{address}.{item.marker}" if address else item.marker, item.body_text.strip(), item.line, heading)


def part_address(part: Part) -> str:
    return part.marker.rstrip("、．. ") if part.ordinal else ""


def sentences(dated: Dated) -> list[Sentence]:
    """Every sentence of the body (lead included), with its line, part role and place."""
    found: list[Sentence] = []
    source, period = dated.name, str(dated.period)
    for paragraph in dated.report.lead:
        found += split_paragraph(paragraph, source, period, "", "导语")
    for part in dated.report.parts:
        prefix = part_address(part)
        for paragraph in part.intro:
            found += split_paragraph(paragraph, source, period, part.role, prefix)
        for section in part.sections:
            where = f"{prefix}.{section.marker}" if prefix else section.marker
            for paragraph in section.paragraphs:
                found += split_paragraph(paragraph, source, period, part.role, where)
    return found


def split_paragraph(paragraph: Paragraph, source: str, period: str, role: str, where: str) -> list[Sentence]:
    return [Sentence(text, paragraph.line, source, period, role, where)
            for text in split_sentences(paragraph.text) if len(text) >= MIN_SENTENCE_CHARS]


def split_sentences(text: str) -> Iterator[str]:
    for match in SENTENCE_RE.finditer(text):
        sentence = match.group(0).strip()
        if sentence:
            yield sentence
