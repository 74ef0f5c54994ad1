"""Human addresses of report units, as reviewers write them: 一 (a part), 一.（二） (a section),
一.（二）.三是 (an item, counted among the section's top-level items, across paragraphs), and
二.一是 (an item directly under a part that has no sections).

``units(report)`` lists every addressable unit; ``resolve`` finds one or says which exist.
"""

from __future__ import annotations

from dataclasses import dataclass

from drafter.errors import DrafterError
from drafter.structure.numerals import int_to_cn
from drafter.structure.tree import Item, Part, Report, Section


class AddressError(DrafterError):
    pass


@dataclass
class AddressedNode:
    """A node of the report tree with the address a reviewer uses for it."""

    address: str
    node: Part | Section | Item
    label: str  # heading or first words, for listings


def part_key(part: Part) -> str:
    return int_to_cn(part.ordinal) if part.ordinal else "正文"


def section_key(section: Section) -> str:
    return f"（{int_to_cn(section.ordinal)}）"


def item_key(item: Item) -> str:
    return item.marker.rstrip("，,、.．")


def section_address(part_address: str, ordinal: int) -> str:
    return f"{part_address}.（{int_to_cn(ordinal)}）"


def item_address(parent_address: str, ordinal: int) -> str:
    """一.（二） and 3 → 一.（二）.三是 (drafts number their items 一是, 二是 …)."""
    return f"{parent_address}.{int_to_cn(ordinal)}是"


def units(report: Report) -> list[AddressedNode]:
    found: list[AddressedNode] = []
    for part in report.parts:
        part_address = part_key(part)
        found.append(AddressedNode(part_address, part, part.heading))
        # Items directly under a part (problems and plans parts often have no sections): 二.一是
        for paragraph in part.intro:
            for item in paragraph.items:
                found.append(AddressedNode(f"{part_address}.{item_key(item)}", item, item.text[:20]))
        for section in part.sections:
            in_section = f"{part_address}.{section_key(section)}"
            found.append(AddressedNode(in_section, section, section.heading))
            for paragraph in section.paragraphs:
                for item in paragraph.items:
                    found.append(AddressedNode(f"{in_section}.{item_key(item)}", item, item.text[:20]))
    return found


def normalise(address: str) -> str:
    """Accept 一.(二).三是, 一．（二）．三是, '一 （二）' …"""
    text = address.strip().replace("(", "（").replace(")", "）").replace("．", ".").replace("、", ".")
    text = text.replace(" ", ".").replace("..", ".")
    text = text.replace("（", ".（").replace("..", ".").strip(".")
    return text


def resolve(report: Report, address: str) -> AddressedNode:
    wanted = normalise(address)
    for unit in units(report):
        if unit.address == wanted:
            return unit
    available = "、".join(unit.address for unit in units(report) if not isinstance(unit.node, Item))
    raise AddressError(f"找不到位置“{address}”。可用的位置有：{available}（条目形如 一.（二）.三是）")
