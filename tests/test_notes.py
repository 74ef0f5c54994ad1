"""Notes parsing: headings, tags, nesting, title detection and clear errors for bad input."""

import time

import pytest

from drafter.drafting.notes import normalise_period, parse_notes, period_text
from drafter.errors import NotesError

NOTES = """# 某县自然资源局 2024年上半年
## 耕地保护
- 补充耕地 320亩
  - 全部通过县级验收
问题：部分乡镇整改进度偏慢
## 规划编制
1. 村庄规划完成6个
计划：年底前再完成5个
自由的一行：城北控规已公示
## 存在问题
- 执法力量薄弱
## 下步打算
### 地灾防治
- 年底前3处治理工程全部开工
"""


def test_title_gives_org_period_and_kind():
    notes = parse_notes(NOTES)
    assert (notes.org, notes.period, notes.kind) == ("某县自然资源局", "2024H1", "half-year")
    assert notes.topics == ["耕地保护", "规划编制", "地灾防治"]


def test_roles_topics_and_nesting():
    notes = parse_notes(NOTES)
    summary = [(n.id, n.role, n.topic, n.text) for n in notes.notes]
    assert summary == [
        ("n1", "progress", "耕地保护", "补充耕地320亩；全部通过县级验收"),
        ("n2", "problems", "耕地保护", "部分乡镇整改进度偏慢"),
        ("n3", "progress", "规划编制", "村庄规划完成6个"),
        ("n4", "plans", "规划编制", "年底前再完成5个"),
        ("n5", "progress", "规划编制", "自由的一行方面，城北控规已公示"),
        ("n6", "problems", "", "执法力量薄弱"),
        ("n7", "plans", "地灾防治", "年底前3处治理工程全部开工"),
    ]
    assert notes.notes[6].explicit_topic


def test_plain_text_without_headings():
    notes = parse_notes("完成审批14个\n下步：加快供地\n")
    assert [(n.role, n.text) for n in notes.notes] == [("progress", "完成审批14个"), ("plans", "加快供地")]
    assert notes.kind == "half-year" and notes.org == ""  # nothing says otherwise: the usual case


def test_plan_title_is_a_plan():
    assert parse_notes("# 某县自然资源局2025年工作计划\n- 完成村庄规划5个").kind == "plan"


@pytest.mark.parametrize(("text", "message"), [
    ("", "空"),
    ("   \n\n", "空"),
    ("# 标题\n## 耕地保护\n## 规划\n", "只有标题"),
    ("\x00\x01\x02binary\x00", "二进制"),
    ("- abc\n- def\n", "中文"),
])
def test_bad_notes_say_what_is_wrong(text, message):
    with pytest.raises(NotesError, match=message):
        parse_notes(text)


def test_five_thousand_bullets_fail_fast_with_a_clear_message():
    text = "\n".join(f"- 完成第{i}项工作{i}个" for i in range(5000))
    started = time.monotonic()
    with pytest.raises(NotesError, match="超过 300 条"):
        parse_notes(text)
    assert time.monotonic() - started < 2


def test_period_forms():
    assert normalise_period("2024H1") == normalise_period("2024年上半年") == "2024H1"
    assert normalise_period("2024") == "2024"
    assert period_text("2024H1") == "2024年上半年"
    with pytest.raises(NotesError, match="2024H1"):
        normalise_period("去年")
