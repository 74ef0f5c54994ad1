"""The guard: invented or dropped figures, garbage and placeholders are caught; retry, then fallback."""

from drafter.drafting.guard import Rules, guarded, violations
from drafter.drafting.notes import Note
from drafter.drafting.write import clean_reply, note_sentence
from drafter.errors import ModelError

NOTE = "补充耕地1.1万亩，新增耕地率3.5%"


def rules(note=NOTE):
    return Rules.for_notes([note], ["2024年上半年"])


def test_equal_forms_pass():
    assert violations("全年补充耕地11000亩，新增耕地率达百分之三点五。", rules()) == []


def test_invented_figure_is_named():
    found = violations("补充耕地1.1万亩，新增耕地率3.5%，验收12个项目。", rules())
    assert found == ["出现了要点中没有的数字：12"]


def test_dropped_figure_is_named():
    assert violations("补充耕地1.1万亩，成效明显。", rules()) == ["漏掉了要点中的数字：3.5%"]


def test_context_year_is_allowed():
    assert violations("2024年上半年补充耕地1.1万亩，新增耕地率3.5%。", rules()) == []


def test_placeholder_must_be_kept():
    found = violations("上半年发证120本。", rules("上半年发证**本"))
    assert "出现了要点中没有的数字：120" in found[0]
    assert any("**" in v for v in found)
    assert violations("上半年房地一体发证**本。", rules("上半年发证**本")) == []


def test_garbage_is_rejected():
    assert "过短" in violations("", rules())[0]
    assert "中文" in violations("The farmland grew by 1.1万亩 and 3.5% in total overall.", rules())[0]
    assert "客套" in violations("好的，以下是改写：补充耕地1.1万亩，新增耕地率3.5%。", rules())[0]
    assert "重复" in violations("补充耕地1.1万亩3.5%" + "加强加强" * 5, rules())[0]


def test_retry_names_the_violation_then_passes():
    seen = []
    replies = iter(["补充耕地1.2万亩，新增耕地率3.5%。", "补充耕地1.1万亩，新增耕地率3.5%。"])

    def generate(violation):
        seen.append(violation)
        return next(replies)

    result = guarded(generate, rules(), lambda: "FALLBACK")
    assert result.text == "补充耕地1.1万亩，新增耕地率3.5%。"
    assert result.attempts == 2 and not result.fallback
    assert seen[0] == "" and "1.2万" in seen[1]


def test_fallback_after_retries():
    result = guarded(lambda v: "完成了99个项目。", rules(), lambda: note_sentence(Note("n1", NOTE)))
    assert result.fallback and result.attempts == 2
    assert result.text == "补充耕地1.1万亩，新增耕地率3.5%。"
    assert len(result.violations) == 2


def test_model_error_goes_straight_to_fallback():
    def generate(violation):
        raise ModelError("超时")

    result = guarded(generate, rules(), lambda: "FALLBACK")
    assert (result.text, result.attempts, result.fallback) == ("FALLBACK", 1, True)
    assert "超时" in str(result.violations[0])


def test_clean_reply_strips_markers_and_labels():
    assert clean_reply("输出：一是坚持规划先行。二是补充耕地1.1万亩") == "坚持规划先行。补充耕地1.1万亩。"
    assert clean_reply("1. **强化保护**，补充耕地") == "强化保护，补充耕地。"
    assert clean_reply("[3] “发证**本”") == "发证**本。"
    assert clean_reply("上半年发证待补本") == "上半年发证**本。"


def test_clean_reply_drops_an_echoed_quote_marker():
    assert clean_reply("> 田长、网格员巡田11000人次。") == "田长、网格员巡田11000人次。"


def test_markdown_bold_is_not_a_placeholder_unless_the_note_has_one():
    from drafter.drafting.write import batch_reply_first

    reply = "**规划体系基本成型，空间管控更加有力。**县级国土空间总体规划2024年3月经市政府批复。"
    plain = batch_reply_first(None, lambda violation: reply, "县级国土空间总体规划 2024年3月 经市政府批复")
    assert "**" not in plain("")
    kept = batch_reply_first(None, lambda violation: "房地一体发证**本。", "房地一体：上半年发证 待补 本")
    assert kept("") == "房地一体发证**本。"


def test_quoted_names_must_come_from_the_notes():
    rules = Rules.for_notes(["县级国土空间总体规划经市政府批复，建成“一张图”系统"])
    assert violations("县级国土空间总体规划经市政府批复，建成“一张图”系统。", rules) == []
    found = violations("县级国土空间总体规划经市政府批复，纳入《国土空间规划条例》管理。", rules)
    assert found and "国土空间规划条例" in found[0]


# --- the meaning guard, wired into every writer (fake models: each bad reply is rejected,
# re-asked naming the violation, then replaced by the deterministic sentence) --------------

import pytest  # noqa: E402

from drafter.drafting.summarize import summarize  # noqa: E402
from drafter.drafting.write import WriteContext, write_generic, write_item, write_measure  # noqa: E402
from drafter.models.runner import ModelRunner  # noqa: E402
from tests.fake_chat import FakeChatModel  # noqa: E402


def context(role: str, section: str = "", section_notes: tuple[str, ...] = ()) -> WriteContext:
    return WriteContext("某县自然资源局", "2024年上半年", "工作总结", "上半年工作进展情况", role, section,
                        context=["2024年上半年", "某县自然资源局"], section_notes=list(section_notes))


BAD_REPLIES = [  # (role, note, the model's reply, a word the re-ask must name)
    ("progress", "县级国土空间总体规划经市政府批复", "确保县级国土空间总体规划经市政府批复。", "确保"),
    ("problems", "部分中小企业经营困难", "确保中小企业经营困难问题得到有效解决。", "得到有效解决"),
    ("progress", "上半年办理不动产登记3200件",
     "通过加强规划先行、强化空间管理，有效解决了办证难问题，办理不动产登记3200件。", "有效解决"),
    ("progress", "获批建设用地8个批次", "上半年工作进展情况：获批建设用地8个批次。", "上半年工作进展情况："),
    ("problems", "部分整改效果不理想", "> 我们对这些问题进行了多次检查和整改，但整改效果并不理想。", "我们"),
    ("progress", "居民消费价格上涨0.2%", "居民消费价格涨幅控制在0.2%以内。", "以内"),
    ("progress", "补充耕地1.1万亩", "坚持规划先行，强化空间管理，补充耕地1.1万亩，校园食堂全面改造。", "空间"),
]


@pytest.mark.parametrize("role, note, reply, named", BAD_REPLIES)
def test_a_meaning_change_is_rejected_reasked_then_falls_back(role, note, reply, named):
    model = FakeChatModel(default_reply=reply)
    result = write_item(ModelRunner(model), Note("n1", note, role=role), context(role))
    assert result.fallback and result.attempts == 2 and model.calls == 2
    assert result.text == note_sentence(Note("n1", note))
    assert "上一次的写法不合格" in model.prompt_text(1) and named in model.prompt_text(1)
    assert named in result.violations[0].reason and len(result.violations) == 2


def test_a_faithful_rewrite_passes_first_time():
    model = FakeChatModel(default_reply="上半年补充耕地1.1万亩，扎实推进耕地保护工作。")
    result = write_item(ModelRunner(model), Note("n1", "补充耕地1.1万亩"), context("progress", "耕地保护"))
    assert not result.fallback and result.attempts == 1 and result.violations == []


def test_the_unit_and_period_may_be_named():
    model = FakeChatModel(default_reply="某县自然资源局上半年补充耕地1.1万亩。")
    assert not write_item(ModelRunner(model), Note("n1", "补充耕地1.1万亩"), context("progress")).fallback


def test_a_reask_that_corrects_the_meaning_is_kept():
    model = FakeChatModel(replies=["确保补充耕地1.1万亩。", "补充耕地1.1万亩。"])
    result = write_item(ModelRunner(model), Note("n1", "补充耕地1.1万亩"), context("progress"))
    assert (result.text, result.attempts, result.fallback) == ("补充耕地1.1万亩。", 2, False)
    assert "确保" in result.violations[0].reason


def test_the_sections_other_notes_and_heading_are_allowed_words():
    model = FakeChatModel(default_reply="强化耕地保护，查处违法用地3宗，补充耕地工作同步推进。")
    result = write_item(ModelRunner(model), Note("n1", "查处违法用地3宗"),
                        context("progress", "耕地保护", ("补充耕地1.1万亩", "查处违法用地3宗")))
    assert not result.fallback


def test_a_plan_note_may_use_the_words_of_its_own_topic():
    model = FakeChatModel(default_reply="持续推进不动产登记历史遗留问题化解，年底前再化解300户。")
    note = Note("n1", "年底前再化解300户", role="plans", topic="不动产登记历史遗留问题")
    assert not write_item(ModelRunner(model), note, context("plans")).fallback


def test_a_measure_with_markup_falls_back_to_the_standard_measure():
    model = FakeChatModel(default_reply="[1] 下半年工作计划：>在接下来的半年中，我们将重点提升工作效率。>>>")
    problem = Note("n1", "执法力量不足", role="problems")
    result = write_measure(ModelRunner(model), problem, context("plans"), None)
    assert result.fallback and result.text == "着力解决执法力量不足问题。"  # the problem's own words
    assert "我们" in model.prompt_text(1)


def test_a_measure_that_restates_its_problem_under_a_label_is_re_asked_then_falls_back():
    # seen on the 0.5B model: a label, then the problem written as if it were the measure
    model = FakeChatModel(replies=["[1] 持续：加强森林员队伍年龄偏大", "[1] 全力推进护林员队伍年龄偏大"])
    problem = Note("n1", "护林员队伍年龄偏大，60岁以上占比超过四成", role="problems")
    result = write_measure(ModelRunner(model), problem, context("plans"), None)
    assert result.fallback and result.text == "着力解决护林员队伍年龄偏大问题。"
    assert "持续：" in model.prompt_text(1) and "照抄了问题" in model.prompt_text(1)
    good = FakeChatModel(replies=["[1] 持续：加强森林员队伍年龄偏大", "[1] 加强护林员队伍培训，着力解决队伍年龄偏大问题"])
    assert not write_measure(ModelRunner(good), problem, context("plans"), None).fallback


def test_a_refused_measure_is_re_asked_in_the_problems_own_words_where_the_model_takes_a_grammar():
    from typing import ClassVar

    from pydantic import Field

    class TakingGrammar(FakeChatModel):
        supports_grammar: ClassVar[bool] = True
        options: list[dict] = Field(default_factory=list)

        def _generate(self, messages, stop=None, run_manager=None, **kwargs):
            self.options.append(kwargs)
            return super()._generate(messages, stop, run_manager)

    problem = Note("n1", "护林员队伍年龄偏大，60岁以上占比超过四成", role="problems")
    model = TakingGrammar(replies=["[1] 加强培训，提高他们的专业技能，鼓励年轻一代加入护林员队伍。",
                                   "[1] 加强护林员队伍的培训，优化队伍年龄结构。"])
    result = write_measure(ModelRunner(model), problem, context("plans"), None)
    assert not result.fallback and result.text == "加强护林员队伍的培训，优化队伍年龄结构。"
    assert "grammar" not in model.options[0]  # asked freely first
    assert '"护林员"' in model.options[1]["grammar"] and '"年轻"' not in model.options[1]["grammar"]


def test_a_paragraph_without_notes_may_only_rephrase_the_standard_wording():
    model = FakeChatModel(default_reply="本计划旨在推动经济社会高质量发展，为建设美丽乡村做出更大贡献。")
    result = write_generic(ModelRunner(model), context("guidance"), "写指导思想。", [])
    assert result.fallback and result.text.startswith("坚持以习近平新时代中国特色社会主义思想为指导")
    assert "本计划旨在" in model.prompt_text(1)


def test_a_summary_claiming_an_unsupported_effect_is_extractive_instead():
    report = "一、上半年工作进展\n一是补充耕地1.1万亩。二是查处违法用地3宗。\n二、存在的问题\n一是17个图斑尚未整改。"
    model = FakeChatModel(default_reply="上半年补充耕地1.1万亩，有效遏制了违法用地，17个图斑尚未整改。")
    summary = summarize(report, chars=80, model=model)
    assert summary.fallback and "有效遏制" not in summary.text and "补充耕地1.1万亩" in summary.text
    assert "有效遏制" in model.prompt_text(1)


def test_a_heading_lifted_from_another_department_is_refused_and_built_from_the_notes():
    from drafter.drafting.pipeline import draft
    from drafter.models.fake import answer
    from drafter.structure.render import to_text

    def respond(messages) -> str:
        prompt = "\n".join(str(m.content) for m in messages)
        if "拟写小标题" in prompt:
            return "\n".join(f"[{n}] 严格执法监督，保护耕地守粮仓。" for n in range(1, 6))
        return answer(prompt)

    notes = ("# 县市场监督管理局 2024年上半年\n## 食品安全\n- 食品安全监督抽检1530批次，不合格19批次\n"
             "- 检查学校食堂112家\n## 特种设备\n- 检查电梯1340台，排查隐患63处\n")
    model = FakeChatModel(respond=respond)
    text = to_text(draft(notes, model=model).report)
    assert "耕地" not in text and "粮仓" not in text
    asked = [model.prompt_text(i) for i in range(model.calls) if "拟写小标题" in model.prompt_text(i)]
    assert len(asked) == 2 and "耕地" in asked[1] and "要点中没有的内容" in asked[1]

def test_a_notes_straight_quotes_become_full_width_in_the_draft():
    from drafter.drafting.write import finish_sentences

    # the checker flags "亩均效益" in a draft; the draft should not carry the note's slip
    assert finish_sentences('完成工业企业"亩均效益"评价312家') == "完成工业企业“亩均效益”评价312家。"


def test_a_comparison_the_writer_put_after_a_full_stop_joins_its_fact():
    from drafter.drafting.write import finish_sentences

    assert finish_sentences("入库国家科技型中小企业96家。同比增加21家") == "入库国家科技型中小企业96家，同比增加21家。"
    assert finish_sentences("完成投资4.3亿元。其中技改投资9.8亿元") == "完成投资4.3亿元，其中技改投资9.8亿元。"
    assert finish_sentences("完成投资4.3亿元。同比情况待核实") == "完成投资4.3亿元。同比情况待核实。"  # no figure: a sentence


def test_a_rate_on_its_own_line_continues_the_fact_before_it():
    from drafter.drafting.notes import Note
    from drafter.drafting.write import facts_text

    notes = [Note("n1", "受理不动产登记3210件"), Note("n2", "办结率99.5%"), Note("n3", "化解历史遗留办证420户")]
    assert facts_text(notes) == "受理不动产登记3210件，办结率99.5%。化解历史遗留办证420户。"
    # a fact with a verb stays a sentence of its own
    assert facts_text([Note("n1", "受理登记3210件"), Note("n2", "新增就业1200人")]) == "受理登记3210件。新增就业1200人。"
