"""Metric functions against values worked out by hand."""

from __future__ import annotations

import random

import pytest

from drafter.evaluation.metrics import (
    UnitText,
    fallback_rate,
    figure_coverage,
    heading_overlap,
    invented_figures,
    lcs_length,
    lead_phrase,
    lead_phrase_rate,
    meaning_scores,
    median_item_chars,
    note_present,
    required_parts,
    rouge_l,
    score_draft,
    score_summary,
    section_balance,
)
from drafter.structure.parse import parse_file, parse_text


def dp_lcs(a: str, b: str) -> int:
    table = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i, x in enumerate(a):
        for j, y in enumerate(b):
            table[i + 1][j + 1] = table[i][j] + 1 if x == y else max(table[i][j + 1], table[i + 1][j])
    return table[-1][-1]


@pytest.mark.parametrize(("a", "b", "expected"), [
    ("ABCBDAB", "BDCABA", 4),  # the textbook pair: BCBA
    ("耕地保护", "保护耕地", 2),
    ("完成审批14个", "完成审批14个", 7),
    ("", "abc", 0),
    ("甲乙丙", "丁戊", 0),
])
def test_lcs_length_on_small_strings(a, b, expected):
    assert lcs_length(a, b) == expected


def test_lcs_length_agrees_with_dynamic_programming():
    rng = random.Random(7)
    for _ in range(200):
        a = "".join(rng.choice("甲乙丙丁12") for _ in range(rng.randint(0, 40)))
        b = "".join(rng.choice("甲乙丙丁12") for _ in range(rng.randint(0, 40)))
        assert lcs_length(a, b) == dp_lcs(a, b), (a, b)


def test_rouge_l_hand_computed():
    # content chars: 完成村庄规划11个 (9) vs 完成规划11个 (7); LCS = 7
    score = rouge_l("完成村庄规划11个。", "完成规划11个")
    assert score.precision == pytest.approx(7 / 9)
    assert score.recall == pytest.approx(1.0)
    assert score.f1 == pytest.approx(2 * (7 / 9) / (7 / 9 + 1))


def test_rouge_l_ignores_punctuation_and_is_zero_when_disjoint():
    assert rouge_l("耕地，保护。", "耕地保护").f1 == pytest.approx(1.0)
    assert rouge_l("甲乙", "丙丁").f1 == 0.0


def test_invented_figures_compares_by_value():
    notes = ["补充耕地1.1万亩，新增耕地率3.5%"]
    assert invented_figures("补充耕地11000亩，新增耕地率百分之三点五。", notes) == []
    assert invented_figures("补充耕地11000亩，整改率65.5%，查处3宗。", notes) == ["65.5%", "3"]


def test_invented_figures_allows_the_title():
    assert invented_figures("2024年上半年完成审批14个", ["完成审批14个", "2024年上半年"]) == []
    assert invented_figures("2024年上半年完成审批14个", ["完成审批14个"]) == ["2024"]


def test_figure_coverage_and_note_presence():
    notes = ["补充耕地1.1万亩", "查处违法用地3宗", "加强队伍建设"]
    output = "补充耕地11000亩。加强干部队伍建设。"
    assert figure_coverage(notes, output) == (1, 2)
    assert [note_present(n, output) for n in notes] == [True, False, True]


REPORT = """某县自然资源局2024年上半年工作总结
一、上半年工作进展情况
（一）强化规划引领，谋篇布局优空间。
一是完成村庄规划11个。二是审批项目14个。
（二）严格执法监督，保护耕地守粮仓。
一是查处违法用地3宗。
二、下半年工作计划
（一）加快规划编制。
全力推进规划编制。
"""


def test_required_parts_and_balance():
    report = parse_text(REPORT)
    assert required_parts(report, "half-year") == (["工作进展", "下步打算"], [])
    only_progress = parse_text(REPORT.split("二、")[0])
    assert required_parts(only_progress, "half-year")[1] == ["下步打算"]
    lengths = [len(s.body_text) for p in report.parts for s in p.sections]
    assert section_balance(report) == pytest.approx(min(lengths) / max(lengths))


def test_heading_overlap_is_one_for_same_headings_and_lower_for_others():
    report = parse_text(REPORT)
    assert heading_overlap(report, report) == pytest.approx(1.0)
    other = parse_text(REPORT.replace("强化规划引领，谋篇布局优空间", "狠抓财务管理"))
    assert 0.0 < heading_overlap(other, report) < 1.0


def test_score_draft_combines_everything():
    report = parse_text(REPORT)
    notes = ["完成村庄规划11个", "审批项目14个", "查处违法用地3宗", "下半年加快规划编制"]
    scores = score_draft(REPORT, report, notes, [*notes, "某县自然资源局 2024年上半年"], "half-year",
                         reference=report, reference_text=REPORT)
    assert scores.invented == []
    assert scores.figure_coverage == 1.0
    assert scores.note_coverage == 1.0
    assert scores.rouge_l_f1 == pytest.approx(1.0)


def test_score_summary_fidelity_and_budget():
    source = "全年完成投资2.36亿元，办结率99.6%。"
    good = score_summary("完成投资23600万元，办结率99.6%。", source, budget=30)
    assert (good.fidelity, good.invented, good.within_budget) == (1.0, [], True)
    bad = score_summary("完成投资3亿元，办结率99.6%。", source, budget=5)
    assert bad.fidelity == 0.5 and bad.invented == ["3亿"] and not bad.within_budget


# --- genre ------------------------------------------------------------------------------
# Written for the project (a fictional unit): the genre's shape, and the list the issue complains of.
GENRE_LIKE = """某区教育局2025年上半年工作总结和下半年工作计划
一、上半年工作进展情况
（一）优化资源配置，扩容提质惠民生。一是扎实推进学位扩容工程。新建改扩建中小学4所，新增公办学位2160个，\
城东片区入学压力明显缓解。完成3所薄弱学校校舍改造，改善办学条件。二是持续深化集团化办学。组建教育集团6个，\
覆盖成员学校27所，推动优质师资跨校流动120人次，城乡学校结对帮扶实现全覆盖。
（二）强化队伍建设，凝心聚力促发展。一是全面加强师德师风建设。组织师德专题培训12场，覆盖教师3800余人次，\
建立师德考核档案，实行师德问题一票否决。二是稳步推进教师交流轮岗。交流轮岗教师215名，其中骨干教师占比31%，\
新招聘教师96名并全部完成岗前培训。
"""
LIST_LIKE = """某区教育局2025年上半年工作总结和下半年工作计划
一、上半年工作进展情况
（一）优化资源配置，扩容提质惠民生。一是新建改扩建中小学4所。二是新增公办学位2160个。三是组建教育集团6个。
（二）强化队伍建设，凝心聚力促发展。一是认真落实工作部署，组织师德专题培训12场，取得积极成效。二是交流轮岗教师215名。
"""


def test_lead_phrase_is_a_short_figure_free_opening_followed_by_facts():
    assert lead_phrase("扎实推进学位扩容工程。新建改扩建中小学4所，新增公办学位2160个。") == "扎实推进学位扩容工程"
    assert lead_phrase("坚持规划先行，强化空间管理。完成村庄规划编制，形成初步成果。") == "坚持规划先行，强化空间管理"
    assert lead_phrase("新建改扩建中小学4所。新增公办学位2160个，缓解入学压力。") == ""  # a fact, not a lead
    assert lead_phrase("扎实推进学位扩容工程。") == ""  # nothing follows it
    assert lead_phrase("认真落实上级关于加快推进义务教育优质均衡发展的工作部署。完成改造3所。") == ""  # too long


def test_genre_like_draft_scores_high_and_list_like_draft_scores_low():
    genre, listing = parse_text(GENRE_LIKE), parse_text(LIST_LIKE)
    assert lead_phrase_rate(genre) == 1.0
    assert median_item_chars(genre) >= 50
    assert lead_phrase_rate(listing) == 0.0
    assert median_item_chars(listing) < 30


def test_seed_reports_reproduce_the_issue_figures(seed_000, seed_003):
    from drafter.structure.parse import parse_file

    assert lead_phrase_rate(parse_file(seed_000)) == pytest.approx(0.84, abs=0.02)
    assert lead_phrase_rate(parse_file(seed_003)) == pytest.approx(0.94, abs=0.02)
    assert 160 <= median_item_chars(parse_file(seed_003)) <= median_item_chars(parse_file(seed_000)) <= 320


def test_fallback_rate_counts_units_built_from_the_notes():
    from drafter.drafting.draft import WrittenUnit

    units = [WrittenUnit("一.一是", fallback=True), WrittenUnit("一.二是"), WrittenUnit("一.三是"), WrittenUnit("二")]
    assert fallback_rate(units) == 0.25
    assert fallback_rate([]) == 0.0


def test_score_draft_reports_genre_metrics():
    scores = score_draft(GENRE_LIKE, parse_text(GENRE_LIKE), ["新建改扩建中小学4所"], [GENRE_LIKE], "half-year")
    assert scores.lead_phrase_rate == 1.0 and scores.median_item_chars >= 50
    assert scores.to_dict()["lead_phrase_rate"] == 1.0


def test_meaning_scores_count_what_a_reviewer_would_undo():
    notes = ["居民消费价格上涨0.2%", "仍有5个小区约600户未办证"]
    good = [UnitText("一.一是", "居民消费价格上涨0.2%。", "progress", notes[:1]),
            UnitText("二.一是", "仍有5个小区约600户未办证。", "problems", notes[1:], fallback=True)]
    clean = meaning_scores(good)
    assert (clean.violations, clean.garbage, clean.echoed) == ([], [], [])
    assert clean.fallback_rate == 0.5 and clean.novel_rate == 0.0
    bad = [UnitText("一.一是", "确保居民消费价格涨幅控制在0.2%以内。\n> 我们对这些问题进行了多次检查。", "progress",
                    notes[:1]),
           UnitText("二.一是", "存在问题：办证难问题得到有效解决，群众满意度明显提升。", "problems", notes[1:])]
    scores = meaning_scores(bad)
    assert any(v.startswith("一.一是：") for v in scores.violations)
    assert any(v.startswith("二.一是：") for v in scores.violations)
    assert scores.garbage == ["一.一是：> 我们对这些问题进行了多次检查。"] and scores.echoed == ["存在问题"]
    assert scores.novel_rate > 0 and scores.to_dict()["fallback_rate"] == 0.0


def test_model_lead_rate_counts_only_leads_the_model_wrote_and_only_on_led_items():
    from drafter.evaluation.metrics import model_lead_rate

    units = [UnitText("一.一是", "扎实开展人工造林。完成人工造林1.2万亩。", "progress", ["完成人工造林1.2万亩"]),
             UnitText("一.二是", "扎实推进重点工作。办理许可证216份。", "progress", ["办理许可证216份"], lead_fallback=True),
             UnitText("二.一是", "护林员队伍年龄偏大。", "problems", ["护林员队伍年龄偏大"]),
             UnitText("三.一是", "加快防火通道建设。", "measure", ["防火通道建设滞后"])]
    assert model_lead_rate(units) == 0.5  # the problem and the measure have no lead to write
    assert model_lead_rate([u for u in units if u.lead_fallback]) == 0.0  # a model whose every lead was refused
    assert model_lead_rate([]) == 1.0


def test_generic_headings_are_the_stock_ones_code_falls_back_on():
    from drafter.evaluation.metrics import generic_headings

    report = parse_text("某局2025年上半年工作总结\n一、上半年工作进展情况\n（一）聚焦人工造林，守牢底线保安全。一是完成造林1.2万亩。\n"
                        "（二）修订应急预案，防汛演练抓常态。一是修订预案12个。\n（三）统筹推进各项工作，提质增效见实效。一是其他。\n")
    assert generic_headings(report) == ["聚焦人工造林，守牢底线保安全。", "统筹推进各项工作，提质增效见实效。"]


def test_repeated_openings_count_items_of_a_part_opening_like_an_earlier_one(seed_000, seed_003):
    from drafter.evaluation.metrics import repeated_opening_rate
    from drafter.structure.parse import parse_file

    report = parse_text("某局2025年上半年工作总结\n一、上半年工作进展情况\n（一）聚焦人工造林，守牢底线保安全。"
                        "一是全面推动人工造林。完成造林1.2万亩。二是全面开展森林抚育。抚育3.6万亩。\n"
                        "（二）修订应急预案，防汛演练抓常态。一是扎实修订应急预案。修订预案12个。\n"
                        "二、存在的问题\n一是护林员年龄偏大。二是护林员数量不足。\n")
    assert repeated_opening_rate(report) == pytest.approx(1 / 3)  # the problems part is the writer's own
    assert repeated_opening_rate(parse_file(seed_000)) == 0.0
    assert repeated_opening_rate(parse_file(seed_003)) == pytest.approx(0.38, abs=0.02)  # 持续… five times


def test_restated_leads_are_items_whose_first_fact_says_the_lead_again(seed_000, seed_003):
    from drafter.evaluation.metrics import restated_lead_rate, restated_leads
    from drafter.structure.parse import parse_file

    report = parse_text("某局2025年工作总结和2026年工作计划\n一、2025年工作进展情况\n（一）聚焦不动产登记，提质增效见实效。"
                        "一是高效办理不动产登记。受理不动产登记3210件，办结率99.5%。\n"
                        "二、2026年工作计划\n一是加快推进标准厂房二期建设。加快推进县经济开发区标准厂房二期建设，年底前建成投用。"
                        "二是全面开展乡村振兴资金专项审计。下半年开展全县乡村振兴资金专项审计。\n")
    assert restated_leads(report) == ["加快推进标准厂房二期建设。加快推进县经济开发区标准厂房二期建设",
                                      "全面开展乡村振兴资金专项审计。下半年开展全县乡村振兴资金专项审计"]
    assert restated_lead_rate(report) == pytest.approx(2 / 3)
    # the seeds' writers name the work in the lead and count it in the facts
    assert restated_lead_rate(parse_file(seed_000)) <= 0.1
    assert restated_lead_rate(parse_file(seed_003)) <= 0.1


def test_lone_items_are_sections_enumerating_one_thing(seed_000, seed_003):
    from drafter.evaluation.metrics import lone_item_rate
    from drafter.structure.parse import parse_file

    report = parse_text("某局2025年上半年工作总结\n一、上半年工作进展情况\n（一）聚焦人工造林，守牢底线保安全。"
                        "一是全面推动人工造林。完成造林1.2万亩。二是全面开展森林抚育。抚育3.6万亩。\n"
                        "（二）修订应急预案，防汛演练抓常态。一是扎实修订应急预案。修订预案12个。\n")
    assert lone_item_rate(report) == 0.5
    assert lone_item_rate(parse_file(seed_000)) == 0.0 and lone_item_rate(parse_file(seed_003)) == 0.0


def test_lead_coverage_counts_the_notes_a_lead_names():
    from drafter.evaluation.metrics import UnitText, lead_coverage

    law = ["全县新建村（社区）法律顾问微信群212个", "人民调解组织受理矛盾纠纷1436件", "办理法律援助案件318件"]
    one = UnitText("一.一是", "全面开展法律顾问工作。" + "。".join(law) + "。", "progress", law)
    assert lead_coverage([one]) == pytest.approx(1 / 3)  # 法律顾问 names one work of three
    both = UnitText("一.一是", "扎实推进法律顾问和人民调解工作。" + "。".join(law[:2]) + "。", "progress", law[:2])
    assert lead_coverage([both]) == 1.0
    # a problem, or an item of one note, is not counted
    assert lead_coverage([UnitText("二.一是", "人员不足。x。", "problems", ["人员不足", "x"])]) == 1.0


def test_leads_that_carry_out_a_harm_or_push_on_a_difficulty_are_counted():
    # 不动产登记中心 (notes case 126, 1.5B, no flags): the first plan was led 持续推进“办证难”工作
    from drafter.evaluation.metrics import harm_leads
    report = parse_text("县不动产登记中心2025年上半年工作总结\n一、上半年工作进展情况\n一是完成档案数字化扫描42万页。\n"
                        "二、下半年工作计划\n一是持续推进“办证难”工作。下半年力争再化解“办证难”项目5个。"
                        "二是扎实做好森林防火工作。落实护林员巡山制度和护林防火检查。\n")
    assert harm_leads(report) == ["持续推进“办证难”工作"]


def test_heading_leads_are_leads_that_name_nothing_their_sections_heading_does_not(seed_000, seed_003):
    from drafter.evaluation.metrics import heading_leads

    report = parse_text("某镇2025年上半年工作总结\n一、工作进展\n"
                        "（一）聚焦经济发展，提质增效见实效。一是全面推动经济发展。完成规上工业产值18.6亿元，同比增长8.4%。"
                        "二是扎实推进项目招引。招引亿元以上项目3个，协议总投资9.2亿元。\n")
    assert heading_leads(report) == ["聚焦经济发展｜全面推动经济发展"]
    # the seeds' headings name an area, their leads a work in it: one lead of the two reports
    assert heading_leads(parse_file(seed_003)) == ["突出生态建设｜重点做好生态保护工作"]
    assert heading_leads(parse_file(seed_000)) == []
