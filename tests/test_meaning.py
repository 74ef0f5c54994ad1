"""The meaning guard: each rule rejects the rewrite a small model really makes (from issue 11),
and nothing fires on the project's own reports or on faithful rewrites."""

from __future__ import annotations

from pathlib import Path

import pytest

from drafter.drafting.compose import remedy
from drafter.drafting.guard import Rules, guarded
from drafter.drafting.meaning import (
    MAX_NOVEL_WORDS,
    check_meaning,
    echoed_tags,
    garbage_lines,
    genre_lexicon,
    novel_content_words,
    role_contradictions,
)
from drafter.drafting.prompts import sections
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
    assert rules_of("加快推进剩余4个村庄规划编制，年底前完成。", ["下半年完成剩余4个村庄规划编制"], "plans") == []


def test_role_contradictions_is_the_voice_part_only():
    assert role_contradictions("> 我们确保完成。", "progress", ["完成"])[0].rule == "modality"
    assert role_contradictions("补充耕地1.1万亩。", "progress", ["补充耕地1.1万亩"]) == []


# --- a2. promises a measure or a plan makes that its notes never make -----------------------------

FIREBREAK = "部分乡镇防火通道建设滞后，资金缺口约600万元"


def test_a_measure_promising_completion_in_a_time_frame_is_rejected():
    """The 1.5B model's answer to a problem note (lyj-2025h1-plain): a deadline and a totality nobody set."""
    found = check_meaning("加快乡镇防火通道建设。争取在下半年完成所有未完成的项目。", [FIREBREAK], role="measure")
    assert [v.rule for v in found] == ["commitment"]
    assert "“争取在下半年完成”" in found[0].message and "“所有”" in found[0].message
    assert found[0].message.startswith("措施中有要点里没有的承诺") and "只写针对问题的改进做法" in found[0].message


def test_a_plain_measure_passes():
    assert rules_of("加快乡镇防火通道建设，多渠道筹措建设资金。", [FIREBREAK], "measure") == []


@pytest.mark.parametrize("text, named", [
    ("加快乡镇防火通道建设，彻底解决建设滞后问题。", ["彻底解决"]),
    ("加快乡镇防火通道建设，年底前全部整改到位。", ["年底前", "全部整改"]),
    ("多渠道筹措建设资金，大幅提升防火通道建设进度。", ["大幅提升"]),
    ("加快乡镇防火通道建设，确保9月底前完成。", ["确保9月底前完成"]),
    ("加快乡镇防火通道建设，确保按期完成。", ["按期"]),
    ("加快乡镇防火通道建设，实现防火通道全覆盖。", ["全覆盖"]),
    ("加快乡镇防火通道建设，资金缺口显著减少。", ["显著减少"]),
])
def test_a_measure_with_a_deadline_a_totality_or_a_big_change_is_rejected(text, named):
    found = [v for v in check_meaning(text, [FIREBREAK], role="measure") if v.rule == "commitment"]
    assert len(found) == 1 and list(found[0].evidence) == named


def test_a_plan_may_keep_the_deadline_and_the_totality_of_its_note():
    note = "10月底前完成全部疫木除治"
    assert rules_of("10月底前完成全部疫木除治工作。", [note], "plans") == []
    assert rules_of("加快疫木除治进度，确保10月底前全部完成。", [note], "plans") == []
    # Any deadline wording of the note allows another (年内 / 年底前 / 下半年完成, 按期); the figure
    # guard checks the dates themselves.
    assert rules_of("加快推进剩余4个村庄规划编制，年底前完成。", ["下半年完成剩余4个村庄规划编制"], "plans") == []
    assert rules_of("实施农村薄弱学校改造提升工程，年底前完成8所。", ["实施农村薄弱学校改造提升工程，年内完成8所"],
                    "plans") == []


def test_a_plan_may_not_add_a_deadline_or_a_totality():
    found = check_meaning("加快推进剩余4个村庄规划编制，年底前全部完成。", ["推进剩余4个村庄规划编制"], role="plans")
    assert [v.rule for v in found] == ["commitment"] and found[0].evidence == ("年底前全部完成",)
    assert found[0].message.startswith("计划中有要点里没有的承诺")
    assert [v.evidence for v in check_meaning("年底前完成全部疫木除治。", ["完成全部疫木除治"], role="plans")] == [("年底前完成",)]
    assert [v.evidence for v in check_meaning("确保年底前全部完成县城控规修编。", ["年底前完成县城控规修编"],
                                              role="plans")] == [("全部完成",)]


def test_a_date_the_note_only_reports_is_not_a_deadline():
    # 比去年底 and 截至6月底 state when a figure was counted; they support no promise.
    assert "commitment" in rules_of("年底前森林覆盖率再提高0.3个百分点。", ["森林覆盖率比去年底提高0.3个百分点"], "plans")
    assert "commitment" in rules_of("加快图斑整改，9月底前整改到位。", ["截至6月底，尚有17个图斑未整改"], "measure")


@pytest.mark.parametrize("text", [
    "针对执法力量不足的问题，进一步压实责任、强化统筹，推动问题整改落实。",
    "加快补齐短板弱项，确保各项措施落实到位。",
    "持续推进执法力量建设，确保各项工作按时序推进、按要求完成。",
    "进一步充实基层执法力量，全面加强业务培训，有效提升执法水平。",
])
def test_the_genres_own_intent_words_are_no_promise(text):
    assert [v for v in check_meaning(text, ["执法力量不足"], role="measure") if v.rule == "commitment"] == []


def test_the_standard_fallback_texts_promise_nothing():
    standard = sections("fallbacks")
    for key in ("plans", "safeguards", "goals"):
        text = standard[key]
        for role in ("measure", "plans"):
            found = [v for v in check_meaning(text, [FIREBREAK], role=role) if v.rule == "commitment"]
            assert found == [], (key, role, found)


def test_the_measures_built_from_every_notes_cases_problems_pass_the_meaning_guard():
    """The measures code builds from a problem's own words (compose.remedy) are held to the rules
    the model's are: no promise, no restated problem, no new content."""
    from drafter.drafting.notes import parse_notes
    from drafter.drafting.reader import notes_text_of
    from drafter.evaluation.notes_cases import load_notes_cases

    problems = [n.text for case in load_notes_cases() for n in parse_notes(notes_text_of(case.notes_path)).notes
                if n.role == "problems"]
    assert len(problems) >= 40
    for index, problem in enumerate(problems):
        measure = remedy(problem, index)
        assert check_meaning(measure, [problem], role="measure") == [], (problem, measure)


def test_a_promising_measure_is_rejected_reasked_then_falls_back_to_the_standard_measure():
    seen: list[str] = []

    def generate(violation: str) -> str:
        seen.append(violation)
        return "加快乡镇防火通道建设。争取在下半年完成所有未完成的项目。"

    rules = Rules.for_notes([FIREBREAK], ["2025年上半年"], require=False, role="measure")
    result = guarded(generate, rules, lambda: remedy(FIREBREAK))
    assert result.fallback and result.attempts == 2
    assert seen[0] == "" and "争取在下半年完成" in seen[1] and "所有" in seen[1]
    assert result.text == "加快推进乡镇防火通道建设。"  # the problem's own words, turned round
    assert len(result.violations) == 2 and "承诺" in result.violations[0].reason


def test_a_reask_that_drops_the_promise_is_kept():
    replies = iter(["加快乡镇防火通道建设，年底前全部完成。", "加快乡镇防火通道建设，多渠道筹措建设资金。"])
    rules = Rules.for_notes([FIREBREAK], ["2025年上半年"], require=False, role="measure")
    result = guarded(lambda violation: next(replies), rules, lambda: "FALLBACK")
    assert (result.text, result.attempts, result.fallback) == ("加快乡镇防火通道建设，多渠道筹措建设资金。", 2, False)


# --- b. garbage and markup ----------------------------------------------------------------------


@pytest.mark.parametrize("text, rule", [
    ("> 对相关问题进行了多次检查和整改，但效果并不理想。", "garbage"),
    ("推进各项工作顺利进行。>>>。", "garbage"),
    ("<|im_start|>assistant\n补充耕地1.1万亩。", "garbage"),
    ("```\n补充耕地1.1万亩。\n```", "garbage"),
    ("我们对这些问题进行了多次的检查和整改。", "first_person"),
    ("加强护林员队伍培训，提高他们的专业技能。", "first_person"),  # a 1.5B measure: a pronoun names no one
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
    # 自我 names no speaker (疾控中心, counted as garbage in the 1.5B eval)
    assert garbage_lines("扎实开展慢病防控。新建慢病自我管理小组26个。") == []
    # 我中心, 我馆 name the unit as 我局 does (a 招商服务中心's own note, counted as garbage for every model)
    assert garbage_lines("我中心牵头召开项目推进会6次。我馆开展阅读活动58场。") == []
    assert garbage_lines("我觉得效果不好。") != []


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


def test_a_measure_loses_the_promise_it_adds_and_keeps_its_own_words():
    from drafter.drafting.meaning import without_promises

    problem = ["仍有5个小区约600户未办证"]  # seen on the 1.5B model, re-asked and still promising
    assert without_promises("加快对未办证小区的手续办理，确保在下半年完成。", problem) == "加快对未办证小区的手续办理。"
    assert without_promises("加快手续办理，压实责任。", problem) == "加快手续办理，压实责任。"
    assert without_promises("年底前全部完成。", problem) == ""  # nothing of its own left: the guard refuses it
    assert without_promises("10月底前完成全部疫木除治。", ["10月底前完成全部疫木除治"]) == "10月底前完成全部疫木除治。"
    # a target with a figure the problem never sets goes too (seen on the 1.5B model, twice in a row)
    staff = ["审计人员数量不足，全局在编审计人员仅14人"]
    assert without_promises("加强审计人员培训，提升审计能力，确保全局在编审计人员达到20人。", staff) == \
        "加强审计人员培训，提升审计能力。"
    assert without_promises("加快招聘，增加在编审计人员数量至20人。", staff) == "加快招聘。"


def test_a_measure_may_name_its_problem_but_not_restate_it():
    ageing = ["护林员队伍年龄偏大，60岁以上占比超过四成"]
    assert rules_of("加强护林员队伍年龄偏大", ageing, "measure") == ["restated"]
    assert rules_of("医保基金监管压力较大，上半年追回违规资金86万元",
                    ["医保基金监管压力较大，上半年追回违规资金86万元"], "measure") == ["restated"]
    for measure in ("加强护林员队伍培训，着力解决队伍年龄偏大问题", "针对护林员队伍年龄偏大，60岁以上占比超过四成的问题，加强培训",
                    "加强护林员队伍的培训"):
        assert rules_of(measure, ageing, "measure") == [], measure
    assert rules_of("加强护林员队伍年龄偏大", ageing, "plans") == []  # a plan item may state its context


def test_a_label_before_the_text_is_garbage_unless_the_notes_have_it():
    from drafter.drafting.meaning import garbage_lines

    assert rules_of("持续：加强护林员队伍培训", ["护林员队伍年龄偏大"], "measure") == ["garbage"]
    assert garbage_lines("加快：推进防火通道建设") == ["加快：推进防火通道建设"]
    assert garbage_lines("特种设备：检查企业96家", ["特种设备：检查企业96家"]) == []
    assert garbage_lines("完成投资3.2亿元，其中：中央资金1亿元") == []


def test_a_measure_leaves_out_the_amount_a_shortfall_is_counted_in():
    # seen drafting a 卫健局's notes: 着力解决乡镇卫生院全科医生缺口约40人问题
    assert remedy("乡镇卫生院全科医生缺口约40人") == "补齐乡镇卫生院全科医生缺口。"
    assert remedy("执法人员仅26人") == "着力解决执法人员仅26人问题。"  # no ending to turn round: named whole
