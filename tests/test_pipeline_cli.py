"""`drafter draft` / `plan` with the fake model: streaming, exit codes, atomic output, stdin."""

import pytest
from click.testing import CliRunner

import drafter.cli.draft as cli_draft
from drafter.cli import main
from tests.fake_chat import FakeChatModel
from tests.test_pipeline import NOTES, good_reply


@pytest.fixture
def fake_model(monkeypatch):
    model = FakeChatModel(respond=good_reply)
    monkeypatch.setattr(cli_draft, "make_model", lambda: model)
    monkeypatch.setattr(cli_draft, "open_retriever", lambda: None)
    return model


def test_draft_writes_output_and_reports(tmp_path, fake_model):
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    out = tmp_path / "draft.txt"
    result = CliRunner().invoke(main, ["draft", str(notes), "-o", str(out), "--json", str(tmp_path / "d.json")])
    assert result.exit_code == 0, result.output
    assert out.read_text(encoding="utf-8").startswith("某县自然资源局2024年上半年工作总结")
    assert "提纲" in result.stderr and "要点覆盖" in result.stderr and "结构检查通过" in result.stderr
    assert (tmp_path / "d.json").exists()


def test_show_outline_then_draft_from_it(tmp_path, fake_model):
    notes = tmp_path / "notes.md"
    notes.write_text(NOTES, encoding="utf-8")
    outline = tmp_path / "outline.md"
    assert CliRunner().invoke(main, ["draft", str(notes), "--show-outline", "-o", str(outline)]).exit_code == 0
    assert "[n1]" in outline.read_text(encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(notes), "--outline", str(outline)])
    assert result.exit_code == 0 and "一、上半年工作进展情况" in result.stdout


def test_stdin_and_bad_notes(tmp_path, fake_model):
    assert CliRunner().invoke(main, ["draft", "-", "-q"], input=NOTES).exit_code == 0
    out = tmp_path / "draft.txt"
    result = CliRunner().invoke(main, ["draft", "-", "-o", str(out)], input="## 只有标题\n")
    assert result.exit_code != 0 and "只有标题" in result.output
    assert not out.exists() and not list(tmp_path.glob("*.tmp"))


def test_plan_command(tmp_path, fake_model):
    result = CliRunner().invoke(main, ["plan", "-", "-q", "--period", "2025"], input="- 完成村庄规划5个\n")
    assert result.exit_code == 0, result.output
    assert "一、指导思想" in result.stdout and "四、保障措施" in result.stdout


def test_every_command_has_help():
    for name in ("draft", "plan", "summarize", "merge"):
        assert "例" in CliRunner().invoke(main, [name, "--help"]).output


@pytest.mark.model
def test_real_model_drafts_the_small_example(embedded_model):
    from pathlib import Path

    from drafter.drafting.pipeline import draft
    from drafter.models.factory import make_chat_model
    from drafter.structure.figures import figure_keys, find_figures
    from drafter.structure.render import to_text

    embedded_model("qwen2.5-coder-1.5b")  # the embedded default
    model = make_chat_model(purpose="write", max_tokens=160)
    notes = (Path(__file__).resolve().parent.parent / "examples" / "notes-small.md").read_text(encoding="utf-8")
    result = draft(notes, model=model)
    text = to_text(result.report)
    assert result.ok, result.findings
    assert result.coverage.missing == []
    assert {f.key for f in find_figures(text)} <= figure_keys(notes)
