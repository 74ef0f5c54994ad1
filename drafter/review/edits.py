"""Tree surgery on a draft's report: replacing a unit by a reviewer's text, the units a
regeneration may touch when some are locked, and the check that it touched nothing else.

Units are addressed as reviewers write them (``drafter.structure.address``): 一, 一.（二）, 一.（二）.三是.
"""

from __future__ import annotations

from typing import Any

from drafter.errors import DraftStoreError
from drafter.structure.address import AddressedNode, resolve, units
from drafter.structure.parse import PART_RE, SECTION_RE, parse_paragraph, parse_text
from drafter.structure.render import part_lines, section_lines
from drafter.structure.tree import Item, Part, Report, Section

# --- units ----------------------------------------------------------------------------------


def unit_text(node: Part | Section | Item) -> str:
    """A unit as it reads in the report (marker included), one paragraph per line."""
    if isinstance(node, Part):
        return "\n".join(part_lines(node, False))
    if isinstance(node, Section):
        return "\n".join(section_lines(node, False))
    return node.full_text


def is_within(address: str, outer: str) -> bool:
    return address == outer or address.startswith(outer + ".")


def child_units(report: Report, address: str) -> list[AddressedNode]:
    depth = address.count(".") + 1
    return [unit for unit in units(report) if is_within(unit.address, address) and unit.address.count(".") == depth]


def unlocked_cover(report: Report, address: str, locked: frozenset[str]) -> list[str]:
    """The units to regenerate for ``address`` so that no locked unit is touched.

    A unit with no locked unit inside is regenerated whole; one with locked units inside
    is split into its children (a part's heading and intro, a section's heading and lead
    then stay as they are).
    """
    if not any(is_within(lock, address) for lock in locked):
        return [address]
    if address in locked:
        return []
    cover: list[str] = []
    for child in child_units(report, address):
        cover.extend(unlocked_cover(report, child.address, locked))
    return cover


def check_untouched(before: Report, after: Report, targets: list[str]) -> None:
    """Refuse a regeneration that changed anything outside the units it was asked to rewrite."""
    changed: list[str] = []
    if before.title != after.title or [p.text for p in before.lead] != [p.text for p in after.lead]:
        changed.append("标题或导语")
    # Lists, not single texts: a report being reviewed may repeat an address (two 一是 runs in one section).
    after_units: dict[str, list[AddressedNode]] = {}
    for unit in units(after):
        after_units.setdefault(unit.address, []).append(unit)
    before_units: dict[str, list[AddressedNode]] = {}
    for unit in units(before):
        before_units.setdefault(unit.address, []).append(unit)
    for address, old in before_units.items():
        if any(is_within(address, target) for target in targets):
            continue
        new = after_units.get(address, [])
        text = own_text if any(is_within(target, address) for target in targets) else unit_text
        if [text(unit.node) for unit in old] != [text(unit.node) for unit in new]:
            changed.append(address)
    if changed:
        raise DraftStoreError(
            f"重新生成改动了要求范围之外的内容（{'、'.join(changed)}），已放弃此次结果、保留原版本；请重试或报告此问题。"
        )


def own_text(node: Part | Section | Item) -> str:
    """What belongs to a unit itself rather than to its addressable children."""
    if isinstance(node, Part):
        return node.marker + node.heading + "\n".join(p.text for p in node.intro)
    if isinstance(node, Section):
        return node.marker + node.heading + "\n".join(p.lead for p in node.paragraphs)
    return node.full_text


# --- editing by hand ----------------------------------------------------------------------


def replace_unit(report: Report, address: str, text: str) -> str:
    """Parse ``text`` as the unit at ``address`` and put it in the tree in its place.

    The unit keeps its marker and number (a reviewer may retype or omit them); returns the
    normalised address.
    """
    if not text.strip():
        raise DraftStoreError("修改后的内容为空；如要删除这部分内容，请在导出的文档中删除，或写入新的内容后再保存。")
    unit = resolve(report, address)
    node = unit.node
    if isinstance(node, Part):
        replace_part(report, node, text)
    elif isinstance(node, Section):
        replace_section(report, node, text)
    else:
        replace_item(report, node, text)
    return unit.address


def replace_part(report: Report, part: Part, text: str) -> None:
    text = text.strip()
    if not PART_RE.match(text.splitlines()[0]):
        text = part.marker + text
    parsed = parse_text(text)
    if parsed.title or parsed.lead or len(parsed.parts) != 1:
        raise DraftStoreError(f"修改内容只能包含“{part.marker}{part.heading}”这一部分；请不要加入其他部分的标题。")
    new = parsed.parts[0]
    new.marker, new.ordinal, new.role, new.line = part.marker, part.ordinal, part.role, part.line
    report.parts[index_of(report.parts, part)] = new


def replace_section(report: Report, section: Section, text: str) -> None:
    text = text.strip()
    if not SECTION_RE.match(text.splitlines()[0]):
        text = section.marker + text
    parsed = parse_text(text)
    if parsed.title or parsed.lead or len(parsed.parts) != 1 or parsed.parts[0].marker or parsed.parts[0].intro \
            or len(parsed.parts[0].sections) != 1:
        raise DraftStoreError(f"修改内容只能包含“{section.marker}{section.heading}”这一节；请不要加入其他标题。")
    new = parsed.parts[0].sections[0]
    new.marker, new.ordinal, new.line = section.marker, section.ordinal, section.line
    for part in report.parts:
        if any(candidate is section for candidate in part.sections):
            part.sections[index_of(part.sections, section)] = new
            return


def replace_item(report: Report, item: Item, text: str) -> None:
    # An item lives inside one paragraph, which is one line.
    text = "".join(line.strip() for line in text.strip().splitlines())
    if not text.startswith(item.marker):
        text = item.marker + text
    parsed = parse_paragraph(text, item.line)
    for paragraph in report.paragraphs:
        if any(candidate is item for candidate in paragraph.items):
            position = index_of(paragraph.items, item)
            paragraph.items[position:position + 1] = parsed.items
            return


def index_of(nodes: list[Any], node: object) -> int:
    return next(index for index, candidate in enumerate(nodes) if candidate is node)
