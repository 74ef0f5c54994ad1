"""The evaluation harness: the committed cases drafted with the fake model must pass the gate."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from drafter.cli import main as cli
from drafter.drafting.draft import Draft
from drafter.drafting.notes import parse_notes
from drafter.evaluation.harness import (
    Case,
    EvalRun,
    draft_case,
    load_cases,
    load_reference,
    make_eval_model,
    reference_report,
    run_eval,
)
from drafter.structure.parse import parse_text

pytest.importorskip("drafter.drafting.pipeline")

SOURCE = """某县自然资源局2024年上半年工作总结
一、上半年工作进展情况
（一）强化规划引领。
一是完成村庄规划11个。
（二）严格执法监督。
一是查处违法用地3宗。
二、下半年工作计划
（一）加快规划编制。
全力推进规划编制。
"""


@pytest.fixture(scope="module")
def fake_run() -> EvalRun:
    return run_eval(["fake"], load_cases("all"))


def test_committed_cases_are_small_and_parse():
    cases = load_cases("all")
    assert {c.set for c in cases} == {"corpus", "national"}
    assert len([c for c in cases if c.set == "corpus"]) >= 5
    for case in cases:
        notes = parse_notes(case.notes_text())
        assert 1 <= len(notes.notes) <= 8, case.id
        assert 1 <= len(case.addresses) <= 2, case.id


def test_fake_model_invents_no_figure_and_passes_the_check(fake_run):
    ran = [r for r in fake_run.results if r.ran]
    assert len([r for r in ran if r.set == "corpus"]) >= 5
    assert not [r.error for r in fake_run.results if r.error]
    for result in ran:
        assert result.invented == 0, (result.case, result.scores["invented"])
        assert result.ok, (result.case, result.errors)
        assert result.scores["figure_coverage"] == 1.0, result.case
        assert result.calls > 0 and result.prompt_tokens > 0
    assert fake_run.passed


def test_summary_row_and_json(fake_run):
    row = fake_run.summary("fake")
    assert row["invented"] == 0 and row["check_ok"] == row["cases"]
    assert 0.0 < row["rouge_l"] <= 1.0
    data = json.loads(json.dumps(fake_run.to_dict(), ensure_ascii=False, default=str))
    assert data["overall"]["fake"]["cases"] == row["cases"]


def test_reference_cuts_and_renumbers_sections():
    reference = reference_report(parse_text(SOURCE), ["一.（二）", "二"])
    assert [p.marker for p in reference.parts] == ["一、", "二、"]
    assert [s.marker + s.heading for s in reference.parts[0].sections] == ["（一）严格执法监督。"]
    assert len(reference.parts[1].sections) == 1


def test_missing_national_source_is_skipped_with_a_message(tmp_path):
    notes = tmp_path / "x.md"
    notes.write_text("- 完成审批14个\n", encoding="utf-8")
    case = Case("x", "national", "annual", "../nowhere/gwr.txt", ["一"], "x.md", path=tmp_path / "x.json")
    result = run_eval(["fake"], [case]).results[0]
    assert "找不到参考报告" in result.skipped and not result.error
    with pytest.raises(Exception, match="找不到参考报告"):
        load_reference(case)


def test_an_invented_figure_fails_the_gate():
    case = load_cases("corpus", limit=1)[0]
    notes = parse_notes(case.notes_text())
    text = f"{notes.title}\n一、上半年工作进展情况\n（一）工作。\n一是{notes.notes[0].text}，另完成审批9999个。\n二、下半年工作计划\n（一）计划。\n持续推进。\n"

    def inventing_drafter(notes_text, **options):
        return Draft(parse_text(text), case.kind)

    result = draft_case(case, make_eval_model("fake"), "liar", drafter=inventing_drafter)
    assert "9999" in result.scores["invented"]
    assert not EvalRun("draft", ["liar"], [result]).passed


def test_unknown_model_name_is_reported():
    with pytest.raises(Exception, match="未知的评测模型"):
        make_eval_model("gpt-9")


def test_cli_eval_writes_json_and_table(tmp_path):
    out = tmp_path / "r.json"
    result = CliRunner().invoke(cli, ["eval", "--model", "fake", "--cases", "corpus", "--limit", "1", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "| fake | 1 | 1/1 | 0 |" in result.output
    assert json.loads(out.read_text(encoding="utf-8"))["passed"] is True
