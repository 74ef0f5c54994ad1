"""The pipeline's seams: swapped stages, cancellation, prompt templates, one unit record, typed findings."""

from __future__ import annotations

import pytest
from langchain_core.messages import HumanMessage, SystemMessage

from drafter.drafting.draft import Draft, DraftCallbacks, Exemplar, Rejection, WrittenUnit
from drafter.drafting.exemplars import SearchesReports
from drafter.drafting.pipeline import Stages, draft, regenerate
from drafter.drafting.prompts import chat_prompt, prompt_messages, render
from drafter.errors import DraftCancelled, PromptError
from drafter.models.factory import make_chat_model
from drafter.models.runner import writes_sections
from drafter.settings import Settings
from drafter.structure.check import Finding
from drafter.structure.render import to_text
from tests.fake_chat import FakeChatModel
from tests.test_pipeline import NOTES, good_reply


def test_a_swapped_exemplar_stage_feeds_the_prompts_and_the_units():
    asked: list[tuple[str, str]] = []

    def fixed_exemplars(retriever: SearchesReports | None, query: str, role: str) -> list[Exemplar]:
        asked.append((query, role))
        return [Exemplar("x1", "范文.txt", "扎实推进＊＊项重点工作。", 0.7)]

    model = FakeChatModel(respond=good_reply)
    result = draft(NOTES, model=model, stages=Stages(exemplars=fixed_exemplars))
    assert asked and all(role in ("progress", "problems", "plans") for _, role in asked)
    assert "「扎实推进＊＊项重点工作。」" in model.prompt_text(1)
    item = result.unit("一.（一）.一是")
    assert item is not None and item.exemplars[0].chunk_id == "x1"


def test_a_swapped_writer_writes_every_unit():
    class EchoWriter:
        """Writes each note back as it is: no model at all."""

        def guarded(self, text: str):
            from drafter.drafting.guard import GuardResult

            return GuardResult(text, 0, False)

        def item(self, runner, note, context, feedback=None):
            return self.guarded(f"照录：{note.text}。")

        def section(self, runner, notes, context):
            return [self.item(runner, note, context) for note in notes]

        def composed(self, runner, notes, context, index=0, exemplar_texts=(), feedback=None):
            from drafter.drafting.write import ComposedItem

            return ComposedItem(self.guarded("照录：" + "；".join(n.text for n in notes) + "。"), lead_fallback=False)

        def led(self, runner, notes, context, index=0, exemplar_texts=()):
            return self.composed(runner, notes, context, index, exemplar_texts)

        def composed_section(self, runner, groups, context, exemplar_texts=()):
            return [self.composed(runner, group, context) for group in groups]

        def measures(self, runner, problems, context):
            return [self.guarded(f"整改：{p.text}。") for p in problems]

        def measure(self, runner, problem, context, feedback=None):
            return self.guarded(f"整改：{problem.text}。")

        def paragraph(self, runner, context, instruction, notes, feedback=None):
            return self.guarded("总体打算。")

    model = FakeChatModel(respond=good_reply)
    result = draft(NOTES, model=model, stages=Stages(writer=EchoWriter()))
    assert [c.stage for c in result.calls] == ["outline"]  # only the headings reached the model
    assert "一是照录：补充耕地1.1万亩，新增耕地率3.5%。二是照录：查处违法用地3宗。" in to_text(result.report)
    unit = result.unit("三.二是")
    assert unit is not None and unit.mode == "measure" and unit.text == "整改：17个图斑尚未整改。"


def test_units_are_created_with_their_address_text_and_violations():
    liar = FakeChatModel(respond=lambda messages: "[1] 强化耕地保护，守牢红线保粮仓。" if "拟写小标题" in str(
        messages[-1].content) else "补充耕地8600万亩。")
    result = draft(NOTES, model=liar)
    unit = result.unit("一.（一）.一是")
    assert unit is not None and unit.fallback
    assert unit.text == "扎实推进耕地保护。补充耕地1.1万亩，新增耕地率3.5%。"
    assert unit.note_ids == ["n1"] and unit.attempts == 2 and unit.lead_fallback
    assert all(isinstance(v, Rejection) for v in unit.violations)
    assert "概括短语中不能有数字" in unit.violations[0].reason  # the lead it was asked for carried a figure
    assert unit.violations[0].text == "补充耕地8600万亩。"
    assert [u.address for u in result.units] == [
        "一.（一）.一是", "一.（一）.二是", "一.（二）.一是", "一.（二）.二是", "一.（三）", "二", "三.一是", "三.二是"]


def test_regenerating_a_unit_replaces_its_own_violations():
    result = draft(NOTES, model=FakeChatModel(default_reply="补充耕地8600万亩。"))
    assert result.unit("一.（一）.一是").violations
    after = regenerate(result, "一.（一）.一是", None, FakeChatModel(respond=good_reply))
    unit = after.unit("一.（一）.一是")
    assert unit.violations == [] and not unit.fallback and unit.text in to_text(after.report)
    assert after.unit("一.（二）.一是").violations == result.unit("一.（二）.一是").violations


class StopAfter(DraftCallbacks):
    def __init__(self, units: int) -> None:
        self.units, self.written = units, 0

    def on_progress(self, done: int, total: int) -> None:
        self.written = done

    def cancelled(self) -> bool:
        return self.written >= self.units


def test_cancelled_draft_raises_and_stops_calling_the_model():
    model = FakeChatModel(respond=good_reply)
    with pytest.raises(DraftCancelled, match="已停止"):
        draft(NOTES, model=model, callbacks=StopAfter(2))
    assert model.calls == 3  # the headings and the first two items (a note each); nothing after the stop


def test_the_default_callbacks_never_cancel():
    assert DraftCallbacks().cancelled() is False


def test_prompt_messages_are_a_chat_prompt_template_with_the_system_prompt_first():
    values = {"chars": 100, "report": "正文", "feedback": ""}
    messages = prompt_messages("summarize", **values)
    assert isinstance(messages[0], SystemMessage) and isinstance(messages[1], HumanMessage)
    assert messages[0].content == render("system")
    assert messages[1].content == render("summarize", **values)
    assert chat_prompt("summarize").input_variables == sorted(values)
    # the system message is the same object text for every prompt (llama.cpp's prefix cache)
    assert prompt_messages("violation", violation="x")[0].content == messages[0].content


def test_prompt_messages_are_strict_about_variables():
    with pytest.raises(PromptError, match="需要变量"):
        prompt_messages("summarize", chars=100, report="正文")
    with pytest.raises(PromptError, match="没有变量"):
        prompt_messages("summarize", chars=100, report="正文", feedback="", extra="x")
    with pytest.raises(PromptError, match="找不到提示词文件"):
        prompt_messages("no-such-prompt")


def test_findings_are_typed_and_round_trip():
    result = draft(NOTES, model=FakeChatModel(respond=good_reply))
    result.findings.append(Finding("error", "fake", 3, "编号重复"))
    data = result.to_dict()
    assert data["findings"][-1] == {"severity": "error", "code": "fake", "line": 3, "message": "编号重复",
                                    "fields": []}
    again = Draft.from_dict(data)
    assert again.findings == result.findings and not again.ok
    assert str(again.findings[-1]) == "[错误] 第3行：编号重复"
    assert again.units == result.units


def test_a_draft_stored_in_the_old_shape_still_loads():
    result = draft(NOTES, model=FakeChatModel(respond=good_reply))
    data = result.to_dict()
    for unit in data["units"]:  # before: no text and no violations on a unit
        del unit["text"], unit["violations"]
    data["violations"] = ["一.（二）.一是：漏掉了要点中的数字：3宗（原文：查处违法用地。）"]
    data["findings"] = [{"severity": "warning", "line": 2, "code": "x", "message": "标点", "fields": []}]
    old = Draft.from_dict(data)
    assert to_text(old.report) == to_text(result.report)
    assert old.unit("一.（二）.一是").violations == [Rejection("漏掉了要点中的数字：3宗（原文：查处违法用地。）")]
    assert old.violations == data["violations"]
    assert old.findings == [Finding("warning", "x", 2, "标点")] and old.ok
    assert isinstance(old.units[0], WrittenUnit)


def test_the_factory_declares_which_models_write_sections():
    assert not writes_sections(make_chat_model(Settings(fake_model=True)))
    endpoint = make_chat_model(Settings(_env_file=None, OPENAI_BASE_URL="http://127.0.0.1:9/v1"))
    assert writes_sections(endpoint)
