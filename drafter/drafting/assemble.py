"""Assembly: outline + written units → the report tree, numbered by code, checked.

The tree is built, rendered to text and parsed back, so line numbers in the checker's
findings point at the rendered draft and addresses (``drafter.structure.address``) match what a
reviewer sees. Units under a part with no sections are addressed 二.一是; units in a
section 一.（二）.三是; a part written as one paragraph is addressed by the part, 一.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from drafter.drafting.draft import WrittenUnit
from drafter.drafting.outline import Outline
from drafter.structure.address import section_address
from drafter.structure.check import Finding, check_document
from drafter.structure.kinds import Kind, assign_roles
from drafter.structure.numerals import int_to_cn
from drafter.structure.parse import parse_text
from drafter.structure.render import to_text
from drafter.structure.tree import Item, ItemFamily, Paragraph, Part, Report, Section


@dataclass
class PartBody:
    """The units written for one part of the outline, in the order they stand in it."""

    paragraph: WrittenUnit | None = None  # a part written as prose (指导思想), no items
    items: list[WrittenUnit] = field(default_factory=list)  # 一是… directly under the part
    sections: list[list[WrittenUnit]] = field(default_factory=list)

    def units(self) -> list[WrittenUnit]:
        found = [self.paragraph] if self.paragraph is not None else []
        return found + self.items + [unit for units in self.sections for unit in units]


def item(text: str, ordinal: int) -> Item:
    return Item(f"{int_to_cn(ordinal)}是", ItemFamily.SHI, ordinal, text)


def enumerated(unit: WrittenUnit) -> bool:
    """Whether a unit is an item 一是, 二是 … (addressed 一.（二）.三是), not its section's or part's prose."""
    return unit.address.rsplit(".", 1)[-1].endswith("是")


def unenumerated(body: PartBody, address: str) -> None:
    """A lone item is not enumerated: 一是 with no 二是 counts one thing. It stands as its
    section's text, as seed 003's plan sections do (（一）强化耕地保护力度。做好…), or as its
    part's when the part has nothing else (二、存在的问题 over one problem), addressed by them."""
    for s_index, units in enumerate(body.sections, start=1):
        if len(units) == 1:
            units[0].address = section_address(address, s_index)
    if body.paragraph is None and not body.sections and len(body.items) == 1:
        body.paragraph, body.items = body.items[0], []
        body.paragraph.address = address


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
            if len(units) == 1 and not enumerated(units[0]):
                section.paragraphs.append(Paragraph(lead=units[0].text))
            else:
                section.paragraphs.append(Paragraph(items=[item(u.text, i) for i, u in enumerate(units, start=1)]))
            part.sections.append(section)
        report.parts.append(part)
    return report


def all_units(bodies: list[PartBody]) -> list[WrittenUnit]:
    return [unit for body in bodies for unit in body.units()]


def assemble(outline: Outline, bodies: list[PartBody], kind: Kind) -> Report:
    """The report as a reader will see it: rendered, re-parsed (real line numbers), roles set."""
    report = parse_text(to_text(build_tree(outline, bodies)))
    assign_roles(report, kind)
    return report


def check_findings(report: Report, kind: Kind | str | None) -> list[Finding]:
    """The checker's findings on a draft's report as it reads — for new drafts, regenerated
    units and reviewers' edits alike (``drafter.structure.check.check_text`` underneath)."""
    return check_document(report, kind).findings
