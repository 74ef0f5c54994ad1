"""Parser and renderers: the tree is right, and render(parse(text)) loses nothing."""

from __future__ import annotations

import re

import pytest

from drafter.structure.address import resolve, units
from drafter.structure.parse import parse_file, parse_text
from drafter.structure.render import to_markdown, to_text
from drafter.structure.tree import ItemFamily, report_from_dict, report_to_dict
from tests.conftest import national_reports


def squash(text: str) -> str:
    return re.sub(r"[\s\u200b\ufeff]+", "", text)


def all_real_reports():
    from tests.conftest import SEEDS

    seeds = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    return seeds + national_reports()


@pytest.mark.parametrize("path", all_real_reports(), ids=lambda p: p.name)
def test_round_trip_keeps_every_character_of_real_reports(path):
    text = path.read_text(encoding="utf-8")
    report = parse_text(text)
    assert squash(to_text(report)) == squash(text)
    again = parse_text(to_markdown(report), markdown=True)
    assert squash(to_text(again)) == squash(text)
    assert to_text(report_from_dict(report_to_dict(report))) == to_text(report)


def test_seed_003_tree(seed_003):
    report = parse_file(seed_003)
    assert [part.heading for part in report.parts] == ["上半年工作总结", "下半年工作计划"]
    first = report.parts[0].sections[0]
    assert first.heading == "强化规划引领，谋篇布局优空间。" and first.run_on
    assert [item.marker for item in first.walk_items()] == ["一是", "二是"]
    second = report.parts[0].sections[1]
    assert [item.marker for item in second.walk_items()] == ["一是", "二是", "二是", "三是"]
    assert second.line == 3


def test_seed_000_nested_run_is_children_of_its_item(seed_000):
    report = parse_file(seed_000)
    plans = report.parts[-1]
    assert plans.marker == "三、" and not plans.sections
    third = plans.intro[2].items[0]
    assert third.marker == "三是"
    assert [child.marker for child in third.children] == ["一是", "二是", "三是"]
    assert third.text.startswith("进一步做好历史遗留建设项目")


def test_title_lead_and_levels():
    report = parse_text(
        "某县自然资源局2024年上半年工作总结\n现将上半年工作情况报告如下。\n一、工作进展情况\n"
        "（一）强化规划引领，优化空间布局。一是完成规划3个。二是审批项目5个。\n"
        "1.村庄规划。完成2个。\n（1）细项。\n第一，要点。第二，要点。\n二、存在的问题\n一是进度慢。\n"
    )
    assert report.title.endswith("工作总结") and report.title_line == 1
    assert report.lead[0].text == "现将上半年工作情况报告如下。"
    section = report.parts[0].sections[0]
    families = [item.family for paragraph in section.paragraphs for item in paragraph.items]
    assert families == [ItemFamily.SHI, ItemFamily.SHI, ItemFamily.NUM, ItemFamily.PNUM, ItemFamily.DI, ItemFamily.DI]
    assert report.parts[1].intro[0].items[0].text == "进度慢。"


def test_inline_markers_need_a_boundary():
    paragraph = parse_text("一、进展\n坚持统一是关键，也是之一是难点。一是推进。").parts[0].intro[0]
    assert [item.marker for item in paragraph.items] == ["一是"]
    assert paragraph.lead == "坚持统一是关键，也是之一是难点。"


def test_decimal_at_line_start_is_not_a_level_3_heading():
    paragraph = parse_text("一、进展\n1.5亿元资金已拨付。").parts[0].intro[0]
    assert paragraph.items == [] and paragraph.lead == "1.5亿元资金已拨付。"


def test_markdown_headings():
    report = parse_text("# 某局2024年工作计划\n\n## 一、指导思想\n\n正文。\n\n### （一）目标\n\n一是目标。\n", markdown=True)
    assert report.title == "某局2024年工作计划"
    assert report.parts[0].heading == "指导思想"
    assert report.parts[0].sections[0].paragraphs[0].items[0].marker == "一是"


def test_addresses_resolve(seed_003):
    report = parse_file(seed_003)
    addresses = [unit.address for unit in units(report)]
    assert "一.（二）.三是" in addresses and "二.（五）" in addresses
    assert resolve(report, "一.(二).三是").node.text.startswith("积极推进全域土地综合整治")
    assert resolve(report, "二").node.heading == "下半年工作计划"
    with pytest.raises(Exception, match="可用的位置"):
        resolve(report, "九.（一）")
