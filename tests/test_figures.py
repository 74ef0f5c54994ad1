"""Figure normalisation: the guard compares figures by value, whatever form they take."""

from decimal import Decimal

import pytest

from drafter.structure.figures import find_figures, mark_unknowns, mask_figures, missing_figures, new_figures

SAME = [
    ("补充耕地1.1万亩", "补充耕地11000亩"),
    ("新增耕地率3.5%", "新增耕地率百分之三点五"),
    ("出让价款0.5亿元", "出让价款5000万元"),
    ("受理1,200件", "受理1200件"),
    ("受理１２００件", "受理1200件"),
    ("完成两千亩", "完成2000亩"),
    ("完成一千二百件", "完成1200件"),
    ("截至2024年6月30日", "截至二〇二四年六月三十日"),
    ("办结率99.50%", "办结率99.5%"),
    ("价款2.35亿元", "价款23500万元"),
    ("十四个村", "14个村"),
]


@pytest.mark.parametrize(("note", "text"), SAME)
def test_equal_forms_are_the_same_figure(note, text):
    assert new_figures(text, [note]) == []
    assert missing_figures(note, text) == []


@pytest.mark.parametrize(("note", "text", "invented"), [
    ("补充耕地1.1万亩", "补充耕地12000亩", "12000"),
    ("增长3.5%", "增长3.6%", "3.6%"),
    ("增长3.5%", "增长3.5%，完成35个", "35"),
    ("截至2024年6月30日", "截至2024年7月30日", "7"),
    ("完成两千亩", "完成两千五百亩", "两千五百亩"),
])
def test_different_figures_are_caught(note, text, invented):
    assert [f.raw for f in new_figures(text, [note])] == [invented]


def test_percent_and_plain_number_differ():
    assert [f.raw for f in new_figures("完成3.5个", ["增长3.5%"])] == ["3.5"]


# a school's grade is a name (组织高三年级模拟考试 had been refused as a lead with a figure, 三年)
@pytest.mark.parametrize("text", ["一是统一推进“一张图”建设", "十四五规划", "第二批项目", "进一步加强", "树牢四个意识", "两个维护",
                                  "组织高三年级模拟考试", "初二年级研学"])
def test_idioms_are_not_figures(text):
    assert find_figures(text) == []


def test_values_and_kinds():
    figures = {f.raw: f.key for f in find_figures("面积406.8亩，价款2.35亿元，下降3.5%，发证1*0本")}
    assert figures == {
        "406.8": ("", Decimal("406.8")),
        "2.35亿": ("", Decimal("235000000")),
        "3.5%": ("pct", Decimal("3.5")),
        "1*0": ("masked", "1*0"),
    }


def test_unknown_marks_become_placeholders():
    assert mark_unknowns("上半年发证待补本") == "上半年发证**本"
    assert mark_unknowns("完成？宗") == "完成**宗"
    assert mark_unknowns("完成**宗（数字待核），面积96亩") == "完成**宗，面积96亩"
    assert find_figures("完成**宗") == []


def test_a_writers_xx_is_a_figure_to_fill_only_before_a_unit_no_name_starts_with():
    # 融媒体中心: “今日XX”客户端 and “奋进XX” became “今日**”, a figure to fill inside an app's name
    assert mark_unknowns("在“今日XX”客户端发布稿件，策划“奋进XX”主题报道") == "在“今日XX”客户端发布稿件，策划“奋进XX”主题报道"
    assert mark_unknowns("完成投资XX万元，增长XX%，培训XX人次") == "完成投资**万元，增长**%，培训**人次"
    assert mark_unknowns("XX县人民医院") == "XX县人民医院" and mark_unknowns("编制XX名") == "编制XX名"  # kept as written


def test_masking_hides_every_figure():
    masked = mask_figures("完成审批14个，面积1340.5亩，办结率百分之九十九，两千亩")
    assert not any(ch.isdigit() for ch in masked)
    assert find_figures(masked) == []
    assert "审批" in masked and "亩" in masked
