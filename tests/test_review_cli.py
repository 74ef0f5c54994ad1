"""`drafter drafts …` against a store in the test's DRAFTER_HOME."""

from __future__ import annotations

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.cli.drafts import drafts
from drafter.review.versions import DraftStore
from tests.test_review import fake_check, make_draft, rewrite_unit


@pytest.fixture
def draft_id() -> int:
    return DraftStore(check=fake_check).create(make_draft())


def run(*arguments: str, input: str | None = None):
    return CliRunner().invoke(main, ["drafts", *arguments], input=input)


def test_every_drafts_command_has_help_with_an_example():
    for name, command in drafts.commands.items():
        assert command.help and "例：" in command.help, name


def test_list_and_show(draft_id):
    listing = run("list")
    assert listing.exit_code == 0 and f"{draft_id}\t某局2025年上半年工作总结\t1 个版本" in listing.output
    shown = run("show", str(draft_id))
    assert shown.exit_code == 0, shown.output
    assert "[一.（二）]" in shown.output and "一.（二）.二是" in shown.output
    assert "二是开展闲置土地处置" in shown.output and "] 🔒" not in shown.output


def test_edit_from_file_locks_and_show_marks_the_lock(draft_id, tmp_path):
    new_text = tmp_path / "section.txt"
    new_text.write_text("（一）持续优化营商环境。\n一是深化审批改革。二是压缩办理时限。", encoding="utf-8")
    result = run("edit", str(draft_id), "--section", "三.(一)", "--file", str(new_text))
    assert result.exit_code == 0, result.output
    assert "第 2 版" in result.output and "已锁定 三.（一）" in result.output
    shown = run("show", str(draft_id))
    assert "[三.（一）] 🔒" in shown.output and "二是压缩办理时限" in shown.output
    diff = run("diff", str(draft_id), "1", "2")
    assert "三.（一）（修改）" in diff.output and "{+" in diff.output


def test_edit_with_the_editor(draft_id, monkeypatch):
    monkeypatch.setattr("click.edit", lambda text, extension: text.replace("部分规划执行不到位", "个别规划执行滞后"))
    result = run("edit", str(draft_id), "--section", "二.（一）")
    assert result.exit_code == 0, result.output
    assert "个别规划执行滞后" in run("show", str(draft_id)).output


def test_lock_unlock_revert_and_export(draft_id, tmp_path):
    assert "锁定" in run("lock", str(draft_id), "--section", "一").output
    assert "解锁" in run("unlock", str(draft_id), "--section", "一").output
    reverted = run("revert", str(draft_id), "1")
    assert "第 4 版" in reverted.output and "回到第 1 版" in reverted.output
    out = tmp_path / "out.docx"
    exported = run("export", str(draft_id), "--docx", str(out), "--md", str(tmp_path / "out.md"))
    assert exported.exit_code == 0, exported.output
    assert out.stat().st_size > 0 and "已定稿" in exported.output


def test_revise_uses_the_model_factory(draft_id, monkeypatch):
    built: list[str] = []
    models_seen: list[object] = []

    def factory(settings=None):
        built.append("model")
        return "fake-model"

    def regenerate(draft, address, feedback, model, retriever=None):
        models_seen.append(model)
        return rewrite_unit(draft, address, feedback, model, retriever)

    monkeypatch.setattr("drafter.models.factory.make_chat_model", factory, raising=False)
    monkeypatch.setattr("drafter.cli.drafts.store", lambda: DraftStore(regenerate=regenerate, check=fake_check))
    result = run("revise", str(draft_id), "--section", "一.（二）", "--feedback", "写得更简练些")
    assert result.exit_code == 0, result.output
    assert built == ["model"] and models_seen == ["fake-model"]
    assert "重新生成：一.（二）：写得更简练些" in result.output and "一.（二）（修改）" in result.output


def test_errors_are_one_line_messages(draft_id):
    result = run("show", "42")
    assert result.exit_code != 0 and "没有编号为 42 的草稿" in result.output and "Traceback" not in result.output
    result = run("lock", str(draft_id), "--section", "九.（一）")
    assert result.exit_code != 0 and "可用的位置有" in result.output
