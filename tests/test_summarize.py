"""Summary and merge: guarded like drafts — no figure that is not in the input."""

from drafter.drafting.merge import merge_reports
from drafter.drafting.summarize import summarize
from drafter.models.fake import RuleBasedChatModel
from drafter.structure.figures import figure_keys, find_figures
from drafter.structure.parse import parse_text
from drafter.structure.render import to_text
from tests.fake_chat import FakeChatModel

REPORT = """某局2024年上半年工作总结
一、上半年工作进展情况
（一）强化耕地保护，守牢红线保粮仓。一是补充耕地1.1万亩。二是查处违法用地3宗。
二、存在的问题
一是17个图斑尚未整改。
三、下半年工作计划
一是年底前完成整改。
"""


def test_summary_keeps_figures_and_rejects_invented_ones():
    good = summarize(REPORT, chars=80, model=FakeChatModel(replies=["上半年补充耕地11000亩，查处违法用地3宗，尚有17个图斑未整改。"]))
    assert not good.fallback and "11000亩" in good.text
    bad = summarize(REPORT, chars=80, model=FakeChatModel(default_reply="上半年完成投资5亿元，增长20%。"))
    assert bad.fallback and "5亿" not in bad.text
    assert {f.key for f in find_figures(bad.text)} <= figure_keys(REPORT)
    assert len(bad.text) <= 80 and "1.1万亩" in bad.text


def test_merge_two_departments():
    other = REPORT.replace("耕地", "林地").replace("1.1万亩", "500亩")
    result = merge_reports([parse_text(REPORT), parse_text(other)], org="某局", period="2024H1",
                           model=FakeChatModel(default_reply="无法处理"))
    text = to_text(result.report)
    assert result.ok and result.coverage.complete
    assert "1.1万亩" in text and "500亩" in text
    assert {f.key for f in find_figures(text)} <= figure_keys(REPORT + other + "2024")


def test_merge_of_sections_whose_plans_name_no_work_of_their_own():
    # 加快项目建设 has no word a lead grammar could require (the web app's merge failed on it)
    department = ("某县自然资源局{name}2025年上半年工作总结\n一、工作进展情况\n（一）强化规划引领。\n"
                  "一是{fact}。二是推进村庄规划编制。\n二、存在的问题\n部分项目推进偏慢。\n三、下半年工作打算\n一是加快项目建设。\n")
    reports = [parse_text(department.format(name=name, fact=fact)) for name, fact in (("规划科", "供应土地320亩"), ("执法科", "整改图斑45个"))]
    text = to_text(merge_reports(reports, org="某县自然资源局", model=RuleBasedChatModel()).report)
    assert "供应土地320亩" in text and "整改图斑45个" in text and "加快项目建设" in text


def test_long_reports_are_condensed_to_a_token_budget():
    from drafter.drafting.summarize import condensed
    from drafter.models.tokens import count_tokens

    text = "上半年完成补充耕地320亩。" * 50 + "工作取得积极成效。" * 400
    short = condensed(text, budget=200)
    assert count_tokens(short) <= 200
    assert "320亩" in short and "积极成效" not in short
    assert condensed("完成补充耕地320亩。", budget=200) == "完成补充耕地320亩。"
