"""Structure-aware chunking and title metadata (unit, period)."""

from __future__ import annotations

import pytest

from drafter.errors import StoreError
from drafter.store.chunk import MAX_CHARS, chunk_report
from drafter.store.meta import Period, detect_org, detect_period, parse_period
from drafter.structure.kinds import assign_roles
from drafter.structure.parse import parse_file, parse_text

SHORT = """某县自然资源局2023年上半年工作总结
今年以来，我局围绕中心工作，扎实推进各项任务。
一、上半年工作开展情况
（一）强化规划引领
一是完成村庄规划编制5个。二是开展规划实施评估。
（二）严守耕地红线
全面推行田长制，整改图斑17个。
二、存在的问题
一是耕地保护压力较大。二是专业人员不足。
三、下半年工作打算
（一）加快规划报批。力争年内获批。
"""


def long_section(items: int = 4, sentence: str = "完成土地整治项目验收并落实后续管护责任。", repeat: int = 12) -> str:
    body = "".join(f"{'一二三四五六七八九'[i]}是{sentence * repeat}" for i in range(items))
    return f"""某县自然资源局2024年上半年工作总结
一、上半年工作开展情况
（一）全面加强耕地保护
上半年重点抓了以下工作：{body}
二、下半年工作打算
（一）继续抓好耕地保护。确保完成年度任务。
"""


def chunks_of(text: str):
    report = parse_text(text)
    assign_roles(report)
    return report, chunk_report(report)


def test_short_sections_are_one_chunk_each_with_role_and_heading():
    report, chunks = chunks_of(SHORT)
    sections = [c for c in chunks if c.role == "progress"]
    assert [c.section for c in sections] == ["强化规划引领", "严守耕地红线"]
    assert sections[0].text == "（一）强化规划引领\n一是完成村庄规划编制5个。二是开展规划实施评估。"
    problems = [c for c in chunks if c.role == "problems"]
    assert len(problems) == 1 and "专业人员不足" in problems[0].text
    assert [c.role for c in chunks][0] == ""  # the lead (导语) belongs to no part
    assert [c.index for c in chunks] == list(range(len(chunks)))


def test_offsets_point_at_the_chunk_in_the_source():
    report, chunks = chunks_of(SHORT)
    for chunk in chunks:
        first_line = chunk.text.splitlines()[0]
        assert report.source[chunk.start:chunk.start + len(first_line)] == first_line
        assert report.source[chunk.start:chunk.end].endswith(chunk.text.splitlines()[-1])


def test_long_section_is_split_into_items_with_ordinals_and_the_lead_kept():
    report, chunks = chunks_of(long_section())
    items = [c for c in chunks if c.role == "progress"]
    assert [c.item for c in items] == [1, 2, 3, 4]
    assert items[0].text.startswith("（一）全面加强耕地保护\n上半年重点抓了以下工作：一是")
    assert items[1].text.startswith("二是")
    assert all(len(c.text) <= MAX_CHARS + 40 for c in chunks)


def test_overlong_item_is_split_at_sentence_ends():
    report, chunks = chunks_of(long_section(items=2, repeat=40))
    first_item = [c for c in chunks if c.item == 1]
    assert len(first_item) >= 2
    for chunk in first_item:
        assert chunk.text.endswith("。")
        assert len(chunk.text) <= MAX_CHARS + 40
    assert "".join(c.text for c in first_item).count("完成土地整治项目验收") == 40


def test_seed_report_chunks_cover_the_text(seed_000):
    report = parse_file(seed_000)
    assign_roles(report)
    chunks = chunk_report(report)
    covered = sum(len(c.text.replace("\n", "")) for c in chunks)
    body = sum(len(line.strip()) for line in report.source.splitlines())
    assert covered >= body * 0.95
    assert {c.role for c in chunks} >= {"progress", "plans"}


@pytest.mark.parametrize(("title", "org"), [
    ("某县自然资源局2023年上半年工作总结", "某县自然资源局"),
    ("某市生态环境局2024年上半年工作总结和下半年工作计划", "某市生态环境局"),
    ("2023年上半年某县水利局工作总结", "某县水利局"),
    ("关于某县河湖长制工作情况的报告", ""),
    ("某区农业农村局关于2023年工作情况的报告", "某区农业农村局"),
    ("上半年工作总结", ""),
])
def test_detect_org_from_title(title, org):
    assert detect_org(title) == org


def test_detect_period_from_title_file_name_or_text():
    assert detect_period("某县自然资源局2023年上半年工作总结") == Period(2023, "H1")
    assert str(detect_period("某县自然资源局2023年工作总结和2024年工作计划")) == "2023"
    assert str(detect_period("上半年工作总结", "report-2022")) == "2022H1"
    assert str(detect_period("", "", "2021年，我局……")) == "2021"
    assert detect_period("工作总结").year == 0


@pytest.mark.parametrize(("text", "period"), [
    ("2024H1", "2024H1"), ("2024h2", "2024H2"), ("2023", "2023"), ("2023年上半年", "2023H1"), ("2023全年", "2023")])
def test_parse_period(text, period):
    assert str(parse_period(text)) == period


def test_parse_period_rejects_nonsense_in_chinese():
    with pytest.raises(StoreError, match="2024H1"):
        parse_period("去年")
