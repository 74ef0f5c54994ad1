"""A reviewer's chat request → the unit it is about: 第二部分 → 二, 第一部分（二） → 一.（二）,
问题部分 → the problems part, 一.（二）.三是 as written."""

from __future__ import annotations

import re

from drafter.structure.address import part_key, units
from drafter.structure.kinds import assign_roles
from drafter.structure.tree import Report, report_from_dict, report_to_dict

CN = "一二三四五六七八九十"
EXPLICIT_ADDRESS_RE = re.compile(rf"([{CN}]{{1,3}})\s*[.．、]?\s*[（(]([{CN}]{{1,3}})[）)](?:\s*[.．]?\s*([{CN}]{{1,3}}是))?")
PART_WORDS_RE = re.compile(
    rf"第([{CN}]{{1,3}})(?:部分|大部分|个部分|大项)"
    rf"(?:\s*(?:[（(]([{CN}]{{1,3}})[）)]|第([{CN}]{{1,3}})(?:节|小节|小项|项|方面))(?:\s*的?\s*(?:([{CN}]{{1,3}})是|第([{CN}]{{1,3}})条))?)?"
)
ROLE_WORDS = {
    "problems": ("问题", "不足", "短板"),
    "plans": ("打算", "计划", "下一步", "下步", "思路", "安排"),
    "progress": ("进展", "成绩", "成效", "完成情况", "主要工作", "工作情况"),
}


def address_from_request(report: Report, request: str) -> str | None:
    """Where a reviewer's request points: 第二部分 → 二, 第一部分（二） → 一.（二）, 问题部分 → the problems part.

    Returns None when the request names no unit (it then applies to the whole draft).
    """
    candidates: list[str] = []
    if match := PART_WORDS_RE.search(request):
        part, section = match.group(1), match.group(2) or match.group(3)
        item = match.group(4) and f"{match.group(4)}是" or match.group(5) and f"{match.group(5)}是"
        candidates.append(".".join(filter(None, [part, section and f"（{section}）", item])))
    elif match := EXPLICIT_ADDRESS_RE.search(request):
        candidates.append(".".join(filter(None, [match.group(1), f"（{match.group(2)}）", match.group(3)])))
    else:
        roles = role_parts(report)
        for role, words in ROLE_WORDS.items():
            if any(word in request for word in words) and role in roles:
                candidates.append(roles[role])
                break
    known = {unit.address for unit in units(report)}
    for candidate in candidates:
        # The most specific unit that exists: 一.（二）.五是 falls back to 一.（二）.
        parts = candidate.split(".")
        while parts:
            if ".".join(parts) in known:
                return ".".join(parts)
            parts.pop()
    return None


def role_parts(report: Report) -> dict[str, str]:
    """Role → part address; roles are assigned on a copy when the report has none yet."""
    if not any(part.role for part in report.parts):
        report = report_from_dict(report_to_dict(report))
        assign_roles(report)
    return {part.role: part_key(part) for part in reversed(report.parts) if part.role}
