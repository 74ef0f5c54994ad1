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
