"""Assembly: outline + written units → the report tree, numbered by code, checked.

The tree is built, rendered to text and parsed back, so line numbers in the checker's
findings point at the rendered draft and addresses (``drafter.structure.address``) match what a
reviewer sees. Units under a part with no sections are addressed 二.一是; units in a
section 一.（二）.三是; a part written as one paragraph is addressed by the part, 一.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.drafting.draft import Exemplar, UnitRecord
from drafter.drafting.outline import Outline
from drafter.structure.kinds import Kind, assign_roles
from drafter.structure.numerals import int_to_cn
from drafter.structure.parse import parse_text
from drafter.structure.render import to_text
from drafter.structure.tree import Item, ItemFamily, Paragraph, Part, Report, Section


@dataclass
class Unit:
    """One written piece of text and where it came from."""

    text: str
    note_ids: list[str] = field(default_factory=list)
    exemplars: list[Exemplar] = field(default_factory=list)
    attempts: int = 0
    fallback: bool = False
    mode: str = "item"  # item | measure | paragraph
    violations: list[str] = field(default_factory=list)


@dataclass
class PartBody:
    paragraph: Unit | None = None  # a part written as prose (指导思想), no items
    items: list[Unit] = field(default_factory=list)  # 一是… directly under the part
    sections: list[list[Unit]] = field(default_factory=list)


def item(text: str, ordinal: int) -> Item:
    return Item(f"{int_to_cn(ordinal)}是", ItemFamily.SHI, ordinal, text)


def build_tree(outline: Outline, bodies: list[PartBody]) -> Report:
    report = Report(title=outline.title, lead=[Paragraph(lead=outline.lead)] if outline.lead else [])
    for p_index, (spec, body) in enumerate(zip(outline.parts, bodies, strict=True), start=1):
        part = Part(f"{int_to_cn(p_index)}、", p_index, spec.heading, role=spec.role)
        if body.paragraph is not None:
            part.intro.append(Paragraph(lead=body.paragraph.text))
        if body.items:
            part.intro.append(Paragraph(items=[item(u.text, i) for i, u in enumerate(body.items, start=1)]))
        for s_index, (section_spec, units) in enumerate(zip(spec.sections, body.sections, strict=True), start=1):
            section = Section(f"（{int_to_cn(s_index)}）", s_index, section_spec.heading, run_on=True)
            section.paragraphs.append(Paragraph(items=[item(u.text, i) for i, u in enumerate(units, start=1)]))
            part.sections.append(section)
        report.parts.append(part)
    return report


def unit_records(outline: Outline, bodies: list[PartBody]) -> list[UnitRecord]:
    records: list[UnitRecord] = []
    for p_index, body in enumerate(bodies, start=1):
        part_address = int_to_cn(p_index)
        if body.paragraph is not None:
            records.append(record(part_address, body.paragraph))
        records.extend(record(f"{part_address}.{int_to_cn(i)}是", u) for i, u in enumerate(body.items, start=1))
        for s_index, units in enumerate(body.sections, start=1):
            section_address = f"{part_address}.（{int_to_cn(s_index)}）"
            records.extend(record(f"{section_address}.{int_to_cn(i)}是", u) for i, u in enumerate(units, start=1))
    return records


def record(address: str, unit: Unit) -> UnitRecord:
    return UnitRecord(address, list(unit.note_ids), list(unit.exemplars), unit.attempts, unit.fallback,
                      mode=unit.mode)


def assemble(outline: Outline, bodies: list[PartBody], kind: Kind) -> Report:
    """The report as a reader will see it: rendered, re-parsed (real line numbers), roles set."""
    report = parse_text(to_text(build_tree(outline, bodies)))
    assign_roles(report, kind)
    return report


def run_check(report: Report, kind: Kind) -> list[dict]:
    """drafter.structure.check findings as dicts; none when the checker is not installed."""
    try:
        from drafter.structure.check import check_report
    except ImportError:  # the checker is a separate module; a draft is still useful without it
        return []
    return [finding.to_dict() for finding in check_report(report, kind).findings]


def check_passes(findings: list[dict]) -> bool:
    return not any(finding.get("severity") == "error" for finding in findings)
