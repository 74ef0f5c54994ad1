"""The meaning guard: each rule rejects the rewrite a small model really makes (from issue 11),
and nothing fires on the project's own reports or on faithful rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.drafting.meaning import (
    MAX_NOVEL_WORDS,
    check_meaning,
    echoed_tags,
    garbage_lines,
    genre_lexicon,
    novel_content_words,
    role_contradictions,
)
from drafter.structure.kinds import assign_roles
from drafter.structure.parse import parse_file

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


def rules_of(text: str, notes: list[str], role: str, **context: object) -> list[str]:
    return [v.rule for v in check_meaning(text, notes, role=role, **context)]  # type: ignore[arg-type]


# --- a. voice by role -------------------------------------------------------------------------


def test_a_fact_turned_into_a_goal_is_rejected():
    note = "县级国土空间总体规划经省政府批复"
    found = check_meaning("确保县级国土空间总体规划经省政府批复。", [note], role="progress")
    assert [v.rule for v in found] == ["modality"]
    assert "确保" in found[0].message and "目标" in found[0].message


def test_a_goal_the_note_states_is_kept():
    note = "力争年底前完成县城控制性详细规划修编"
    assert check_meaning("力争年底前完成县城控制性详细规划修编。", [note], role="progress") == []


def test_future_intent_in_progress_is_rejected_but_the_ba_construction_is_not():
    assert "modality" in rules_of("将进一步推进耕地流出图斑整改。", ["推进耕地流出图斑整改"], "progress")
    assert rules_of("将29个图斑全部纳入整改台账。", ["29个图斑全部纳入整改台账"], "progress") == []


def test_a_problem_turned_into_a_success_is_rejected():
    found = rules_of("确保中小企业经营困难问题得到有效解决。", ["部分中小企业经营困难"], "problems")
    assert "solved" in found and "modality" in found
    assert "solved" in rules_of("执法力量不足的问题已解决，基层执法水平显著提升。", ["基层执法力量不足"], "problems")


def test_a_problem_whose_shortfall_disappears_is_a_polarity_flip():
    found = check_meaning("窗口办件效率较高，群众满意。", ["窗口办件效率偏低"], role="problems")
    assert [v.rule for v in found][:1] == ["polarity"]


def test_a_fact_turned_into_a_cap_is_rejected():
    found = rules_of("居民消费价格涨幅控制在0.2%以内。", ["居民消费价格上涨0.2%"], "progress")
    assert found == ["cap"]
    assert rules_of("全年新增耕地不少于500亩。", ["全年新增耕地不少于500亩"], "progress") == []


def test_an_unsupported_causal_claim_is_rejected():
    text = "通过加强规划先行、强化空间管理，有效解决了办证难问题，提升了办证效率。"
    found = check_meaning(text, ["上半年办理不动产登记3200件，平均办理时间压缩至3个工作日"], role="progress")
    assert "causal" in [v.rule for v in found]
    assert any("有效解决" in v.message for v in found)


def test_an_unsupported_success_claim_in_progress_is_rejected():
    assert rules_of("房地一体工作取得了显著成效，发证**本。", ["房地一体：上半年发证**本"], "progress") == ["causal"]
    assert "causal" in rules_of("汛前排查全覆盖，隐患点58处得到有效治理。", ["全县隐患点58处，汛前排查全覆盖"], "progress")


def test_a_plan_written_as_done_is_rejected():
    assert rules_of("已完成剩余4个村庄规划编制。", ["下半年完成剩余4个村庄规划编制"], "plans") == ["plan_as_fact"]
    assert rules_of("加快推进剩余4个村庄规划编制，年底前全部完成。", ["下半年完成剩余4个村庄规划编制"], "plans") == []


def test_role_contradictions_is_the_voice_part_only():
    assert role_contradictions("> 我们确保完成。", "progress", ["完成"])[0].rule == "modality"
    assert role_contradictions("补充耕地1.1万亩。", "progress", ["补充耕地1.1万亩"]) == []


# --- b. garbage and markup ----------------------------------------------------------------------


@pytest.mark.parametrize("text, rule", [
    ("> 对相关问题进行了多次检查和整改，但效果并不理想。", "garbage"),
    ("推进各项工作顺利进行。>>>。", "garbage"),
    ("<|im_start|>assistant\n补充耕地1.1万亩。", "garbage"),
    ("```\n补充耕地1.1万亩。\n```", "garbage"),
    ("我们对这些问题进行了多次的检查和整改。", "first_person"),
    ("以下是改写后的内容：补充耕地1.1万亩。", "meta"),
    ("本计划旨在推动经济社会高质量发展，做出更大贡献。", "meta"),
    ("一是上半年工作进展情况：获批建设用地8个批次。", "echoed_tag"),
    ("存在问题：执法力量不足。", "echoed_tag"),
    ("下半年打算：完成村庄规划编制。", "echoed_tag"),
    ("。。。；；", "garbage"),
])
def test_garbage_markup_and_echoes_are_rejected(text, rule):
    notes = ["获批建设用地8个批次", "补充耕地1.1万亩", "执法力量不足", "完成村庄规划编制", "整改效果不理想"]
    assert rule in rules_of(text, notes, "")


def test_a_sentence_said_again_and_an_echoed_prompt_are_rejected():
    note = "持续推进道路运输安全生产治本攻坚三年行动，重点车辆动态监控上线率保持在98%以上"
    text = ("持续推进道路运输安全生产治本攻坚三年行动，重点车辆动态监控上线率保持在98%以上。"
            "加快开展道路运输安全生产治本攻坚三年行动，重点车辆动态监控上线率保持在98%以上。")
    assert "garbage" in rules_of(text, [note], "plans")
    echoed = "扎实推进不动产登记。六到十四个字，不含数字，只用要点里的词语。第一行：受理不动产登记3210件。"
    assert "meta" in rules_of(echoed, ["受理不动产登记3210件"], "progress")


def test_an_invented_standard_in_a_plan_counts_as_new_content():
    notes = ["推进“四好农村路”示范创建，新创建市级示范乡镇5个", "落实农村公路路长制，县乡村三级路长全覆盖"]
    text = "推进“四好农村路”示范创建，新创建市级示范乡镇5个，确保建设质量达到省级标准，路长制实施效果达到国家级水平。"
    assert {"省级", "国家级", "标准"} <= set(novel_content_words(text, notes))


def test_the_genres_opening_is_not_meta_text_but_an_item_summing_up_is():
    assert garbage_lines("现将2024年上半年工作情况总结如下。") == []
    assert "meta" in rules_of("总结如下：补充耕地1.1万亩。", ["补充耕地1.1万亩"], "progress")


def test_our_bureau_is_fine_and_quoted_slogans_are_not_first_person():
    assert rules_of("我局完成村庄规划编制2个。", ["完成村庄规划编制2个"], "progress") == []
    assert garbage_lines("推动企业从“要我守法”向“我要守法”转变。") == []


def test_garbage_lines_and_echoed_tags_work_on_a_whole_draft():
    draft = ("一、上半年工作进展\n一是上半年工作进展情况：获批建设用地8个批次。\n"
             "二、下半年工作计划\n下半年工作计划：>在接下来的半年中，我们将重点提升工作效率。\n>>>。\n")
    assert garbage_lines(draft) == ["下半年工作计划：>在接下来的半年中，我们将重点提升工作效率。", ">>>。"]
    assert echoed_tags(draft) == ["上半年工作进展情况", "下半年工作计划"]
    assert echoed_tags("一是完成耕地整改35个。（一）强化规划引领，谋篇布局优空间。") == []


# --- c. new content -----------------------------------------------------------------------------


def test_invented_content_words_are_named():
    note = "补充耕地1.1万亩，新增耕地率3.5%"
    text = "坚持规划先行，强化空间管理，补充耕地1.1万亩，新增耕地率3.5%，校园食品安全水平持续提升。"
    found = check_meaning(text, [note], role="progress")
    assert [v.rule for v in found] == ["novel_words"]
    assert "规划" in found[0].message and "空间" in found[0].message
    assert {"规划", "空间", "校园"} <= set(novel_content_words(text, [note]))


def test_a_mangled_term_is_rejected_even_alone():
    found = check_meaning("孕妇死亡率为0，婴儿死亡率2.1‰。", ["孕产妇死亡率为0，婴儿死亡率2.1‰"], role="progress")
    assert [v.rule for v in found] == ["altered_term"] and "“孕产妇”写成了“孕妇”" in found[0].message
    assert check_meaning("市场监管部门检查电梯1340台。", ["市场监督管理部门检查电梯1340台"], role="progress") == []


def test_a_few_formal_words_and_the_sections_own_words_are_allowed():
    note = "补充耕地1.1万亩"
    assert novel_content_words("扎实推进耕地保护，补充耕地1.1万亩。", [note, "耕地保护"]) == []
    assert rules_of("扎实推进耕地保护工作，上半年补充耕地1.1万亩。", [note], "progress", heading="耕地保护") == []
    assert MAX_NOVEL_WORDS == 2 and "稳步推进" in genre_lexicon()


def test_a_measure_may_say_more_than_its_problem_note():
    problem = "剩余11个小区约2400户，多数开发企业欠缴税费，协调难度大"
    assert rules_of("加强与开发企业沟通，加快欠缴税费催缴，争取尽快化解。", [problem], "measure") == []
    assert "novel_words" in rules_of("加强与开发企业沟通，加快欠缴税费催缴，争取尽快化解。", [problem], "progress")


def test_the_threshold_is_a_setting():
    text = "坚持规划先行，补充耕地1.1万亩。"
    assert rules_of(text, ["补充耕地1.1万亩"], "progress") == []  # 规划、先行: two, allowed
    assert rules_of(text, ["补充耕地1.1万亩"], "progress", max_novel=1) == ["novel_words"]


# --- false positives ------------------------------------------------------------------------------

FAITHFUL = [
    ("progress", "村庄规划4个，2个已批复，2个通过专家评审", "4个村庄规划中，2个已获批复，2个已通过专家评审。"),
    ("progress", "巡田2.7万人次，制止违法占用耕地64起", "全年巡田2.7万人次，发现并制止违法占用耕地行为64起。"),
    ("problems", "专业技术力量薄弱，乡镇所缺少测绘人员", "专业技术力量仍较薄弱，部分乡镇所缺少测绘专业人员。"),
    ("plans", "年底前完成县城控规修编", "加快推进县城控规修编，确保年底前形成成果。"),
    ("measure", "执法力量不足", "针对执法力量不足的问题，进一步充实基层执法力量，强化业务培训。"),
    ("progress", "居民消费价格上涨0.2%", "居民消费价格上涨0.2%。"),
]


@pytest.mark.parametrize("role, note, text", FAITHFUL)
def test_faithful_rewrites_raise_nothing(role, note, text):
    assert check_meaning(text, [note], role=role) == []


def corpus_items():
    for path in sorted(CORPUS.glob("*.txt")):
        report = parse_file(path)
        assign_roles(report)
        for part in report.parts:
            for section in part.sections:
                for paragraph in section.paragraphs:
                    for item in paragraph.items:
                        yield path.name, part.role or "", section.heading, item.body_text


def test_the_projects_own_reports_raise_nothing():
    items = list(corpus_items())
    assert len(items) > 100
    flagged = [(name, text[:40], [str(v) for v in check_meaning(text, [text], role=role, heading=heading)])
               for name, role, heading, text in items if check_meaning(text, [text], role=role, heading=heading)]
    assert flagged == []
    for path in CORPUS.glob("*.txt"):
        text = path.read_text(encoding="utf-8")
        assert garbage_lines(text) == [] and echoed_tags(text) == [], path.name
