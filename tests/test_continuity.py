"""Continuity across periods: plan carry-over and figure continuity (drafter.continuity)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from fake_chat import FakeChatModel
from fake_embeddings import FakeEmbeddings

from drafter.cli import main
from drafter.continuity.carryover import check_carryover
from drafter.continuity.facts import report_facts
from drafter.continuity.figures import check_figures
from drafter.continuity.history import dated_text, load_dated, previous_report, stored_reports
from drafter.continuity.judge import ModelJudge, parse_label
from drafter.continuity.records import DONE, NOT_MENTIONED, UNDER_WAY
from drafter.continuity.review import History, history_findings, run_carryover, run_figures, unmentioned_plans
from drafter.errors import ModelError
from drafter.evaluation.continuity import load_continuity_cases, run_case, run_continuity
from drafter.store.reports import ReportStore

REPO = Path(__file__).resolve().parent.parent
CORPUS = REPO / "corpus"
PLANTED = REPO / "eval" / "continuity"
CASES = load_continuity_cases()

DRAFT_NOTES = """# 某县自然资源局 2024年
## 耕地保护
- 剩余10个图斑全部整改销号，新增耕地607亩
## 办证
- 剩余14个小区逐一制定化解方案，全年化解1526户
## 地灾
- 争取省级地质灾害防治专项资金480万元，竹林湾隐患点9月开工
## 规划
- 马头、新田2个村庄规划获批，县城中心片区控制性详细规划修编完成公示
"""


def dated(name: str):
    return load_dated(REPO / name)


def case_named(prefix: str):
    return next(case for case in CASES if case.id.startswith(prefix))


# --- carry-over ---------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
@pytest.mark.parametrize("embeddings", [None, FakeEmbeddings()], ids=["lexical", "hybrid"])
def test_carryover_finds_every_dropped_item_and_no_reported_one(case, embeddings):
    result = check_carryover(dated(case.report), dated(case.previous), embeddings)
    assert result.verdicts, result.message
    assert sorted(v.item.address for v in result.unmentioned) == sorted(case.unmentioned)
    for verdict in result.verdicts:
        assert verdict.item.text and verdict.item.line > 0  # the plan side is cited
        if verdict.status != NOT_MENTIONED:  # the report side too: a real sentence of the new report
            evidence = verdict.evidence[0].sentence
            assert evidence.line > 0 and evidence.text in (REPO / case.report).read_text(encoding="utf-8")


def test_planted_annual_cites_both_sides_and_reads_done_and_under_way():
    result = check_carryover(dated("eval/continuity/zrj-2024-annual.txt"), dated("corpus/zrj-2024h1.txt"))
    by_address = {v.item.address: v for v in result.verdicts}
    assert by_address["三.（四）"].item.text.startswith("科学调控土地供应")
    assert by_address["三.（四）"].item.line == 31
    assert "供应" in by_address["三.（四）"].reason
    assert by_address["三.（一）"].status == DONE  # 29个图斑全部整改销号
    assert "全部整改销号" in by_address["三.（一）"].evidence[0].sentence.text
    assert by_address["三.（二）"].status == UNDER_WAY
    assert result.previous == "zrj-2024h1.txt" and result.previous_period == "2024H1"


def test_plan_document_items_are_its_key_tasks():
    result = check_carryover(dated("eval/continuity/zjj-2024h1.txt"), dated("corpus/zjj-2024-plan.txt"))
    assert len(result.verdicts) == 18  # 6 重点工作 sections × 3 items; targets and safeguards are not plan items
    assert all(v.item.address.startswith("三.") for v in result.verdicts)


def borderline_setup():
    case = case_named("sthj 2023H1")
    return dated(case.report), dated(case.previous)


def test_model_judges_only_borderline_items_and_its_label_is_used():
    current, previous = borderline_setup()
    model = FakeChatModel(default_reply="正在推进")
    result = check_carryover(current, previous, judge=ModelJudge(model))
    judged = [v for v in result.verdicts if v.decided_by == "model"]
    assert len(judged) == model.calls >= 1
    assert all(v.status == UNDER_WAY for v in judged)
    assert "充实执法力量" in model.prompt_text(0)  # the plan item, quoted
    assert "> " in model.prompt_text(0)


@pytest.mark.parametrize("reply", ["好的，我来分析一下这个问题", "已完成或者未提及", ""])
def test_unusable_model_reply_keeps_the_rule_answer(reply):
    current, previous = borderline_setup()
    rule = check_carryover(current, previous)
    judge = ModelJudge(FakeChatModel(default_reply=reply))
    judged = check_carryover(current, previous, judge=judge)
    assert [v.status for v in judged.verdicts] == [v.status for v in rule.verdicts]
    assert all(v.decided_by == "rule" for v in judged.verdicts)
    assert judge.rejected == judge.calls >= 1


def test_model_error_keeps_the_rule_answer():
    current, previous = borderline_setup()
    model = FakeChatModel(default_reply="未提及", errors={1: ModelError("模型在限定时间内没有答完（超时）。")})
    judged = check_carryover(current, previous, judge=ModelJudge(model))
    assert judged.verdicts[3].decided_by == "rule"


def test_parse_label_accepts_one_label_only():
    assert parse_label("未提及") == NOT_MENTIONED
    assert parse_label("答：已完成。") == DONE
    assert parse_label("正在推进\n已完成") == UNDER_WAY  # only the first line counts
    assert parse_label("已完成，正在推进") is None
    assert parse_label("不确定") is None
    assert parse_label("坚持稳中求进工作总基调，扎实推进各项工作") is None  # a sentence, not a label


def test_eval_with_fake_judge_finds_all_and_no_false_alarm():
    run = run_continuity("fake", embeddings=FakeEmbeddings(),
                         judge=ModelJudge(FakeChatModel(default_reply="这项任务需要结合上下文判断")))
    totals = run.totals()
    assert totals["unmentioned_planted"] == 7 and totals["flags_planted"] == 7
    assert totals["unmentioned_recall"] == 1.0 and totals["unmentioned_false_alarms"] == 0
    assert totals["flag_recall"] == 1.0 and totals["flag_false_alarms"] == 0
    assert run.passed
    json.dumps(run.to_dict(), ensure_ascii=False)


def test_eval_counts_a_miss_and_a_false_alarm():
    case = case_named("zrj 2024H1")
    wrong = type(case)(case.id, case.report, case.previous, case.earlier, ["三.（一）"], ["yoy-mismatch:新增耕地"])
    result = run_case(wrong, "rule", None, None)
    assert result.missed_unmentioned == ["三.（一）"]
    assert set(result.false_unmentioned) == {"三.（四）", "三.（六）"}
    assert result.missed_flags == ["yoy-mismatch:新增耕地"] and len(result.false_flags) == 4


# --- figures ------------------------------------------------------------------------------


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_figure_check_flags_every_planted_inconsistency_and_nothing_else(case):
    result = check_figures(dated(case.report), [dated(path) for path in case.earlier])
    found = sorted(f"{flag.code}:{flag.fact.metric}" for flag in result.flags)
    assert len(found) == len(case.flags), found
    for expected in case.flags:
        code, _, metric = expected.partition(":")
        assert any(flag.code == code and metric in flag.fact.metric for flag in result.flags), (expected, found)


def test_stated_changes_are_checked_by_decimal_arithmetic():
    result = check_figures(dated("corpus/sthj-2024h1.txt"), [dated("corpus/sthj-2023h1.txt")])
    changes = {h.fact.metric: h.changes[0] for h in result.histories}
    pm = changes["细颗粒物平均浓度"]  # 34 → 32 微克/立方米, stated 同比下降5.9%
    assert pm.relation == "同比" and pm.percent is not None
    assert round(pm.percent, 1) == Decimal("-5.9")
    assert changes["优良天数比例"].difference == Decimal("1.2")  # percentage points, stated 提高1.2个百分点
    assert changes["优良天数比例"].percent is None
    assert "同比提高12.5个百分点（87.5%→100%）" in changes["国控断面水质优良比例"].text
    assert not result.flags


def test_wrong_yoy_message_names_both_figures_and_the_computed_change():
    case = case_named("sthj 2024H1")
    result = check_figures(dated(case.report), [dated(path) for path in case.earlier])
    petition = next(flag for flag in result.flags if "信访" in flag.fact.metric)
    assert "571件" in petition.message and "同比下降6.8%" in petition.message and "538件" in petition.message
    assert "6.1%" in petition.message and "sthj-2024h1.txt第11行" in petition.message
    assert petition.fact.sentence.line == 9


def test_facts_read_metric_value_measure_and_scale():
    facts = {f.metric: f for f in report_facts(dated("corpus/zrj-2024h1.txt"))}
    price = facts["出让国有建设用地成交价款"]
    assert (price.value, price.measure, price.unit, price.base) == (Decimal("214000000"), "亿元", "元", "元")
    assert price.stated is not None and price.stated.sign == -1 and price.stated.amount == Decimal("31.4")
    area = facts["报批建设用地面积"]  # 面积 alone names nothing: the sentence's first metric is its prefix
    assert area.value == Decimal("1318.6") and area.measure == "亩"
    assert not any("500亩" in f.written for f in facts.values())  # targets in the plans part are not facts


def test_measure_change_converts_hectares_and_ignores_natural_scale():
    current = dated_text("某区农业农村局2024年上半年工作总结\n一、上半年工作进展\n（一）农田\n一是新建高标准农田1400公顷。"
                         "二是带动农户3200户。\n三、下半年工作打算\n（一）继续推进。")
    earlier = dated_text("某区农业农村局2023年工作总结\n一、工作成效\n（一）农田\n一是新建高标准农田2.1万亩。"
                         "二是带动农户1.3万户。\n三、2024年工作打算\n（一）继续推进。")
    result = check_figures(current, [earlier])
    assert [flag.code for flag in result.flags] == ["measure-change"]
    assert result.histories[0].changes[0].difference == Decimal(0)  # 1400公顷 = 21000亩


# --- the store, the checker and drafting ----------------------------------------------------


@pytest.fixture
def corpus_store() -> ReportStore:
    store = ReportStore(embeddings=FakeEmbeddings())
    summary = store.ingest([CORPUS], progress=False)
    assert summary.ok, summary.errors
    return store


def test_previous_report_comes_from_the_store_by_unit_and_period(corpus_store):
    current = dated("corpus/zrj-2024h1.txt")
    candidates = stored_reports(corpus_store, current.org)
    assert [c.name for c in candidates] == ["zrj-2023h1.txt", "zrj-2023-annual.txt", "zrj-2024h1.txt"]
    assert previous_report(current, candidates).name == "zrj-2023-annual.txt"  # itself excluded
    result = run_carryover(current, History(corpus_store))
    assert [v.item.address for v in result.unmentioned] == ["三.（五）.三是"]
    plan_year = previous_report(dated("eval/continuity/zjj-2024h1.txt"), stored_reports(corpus_store, "某县住房和城乡建设局"))
    assert plan_year is not None and plan_year.name == "zjj-2024-plan.txt"  # a year's plan precedes its H1


def test_history_findings_for_check(corpus_store):
    text = (PLANTED / "sthj-2025h1.txt").read_text(encoding="utf-8")
    findings = history_findings(text, str(PLANTED / "sthj-2025h1.txt"), History(corpus_store))
    codes = sorted(f.code for f in findings)
    assert codes == ["plan-not-mentioned", "yoy-mismatch", "yoy-mismatch"]
    assert all(f.severity == "warning" for f in findings)
    assert "强化企业帮扶指导" in next(f for f in findings if f.code == "plan-not-mentioned").message
    figures = run_figures(dated("eval/continuity/sthj-2025h1.txt"), History(corpus_store))
    assert figures.earlier == ["sthj-2023h1.txt", "sthj-2024h1.txt"]


def test_unmentioned_plans_while_drafting(corpus_store):
    notes = DRAFT_NOTES
    missing = unmentioned_plans(notes, None, None, corpus_store)
    assert [v.item.address for v in missing] == ["三.（四）", "三.（六）"]
    assert unmentioned_plans(notes.replace("# 某县自然资源局 2024年\n", ""), None, None, corpus_store) == []


# --- CLI ----------------------------------------------------------------------------------


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_cli_carryover_and_figures_print_sources():
    result = run("carryover", str(PLANTED / "zrj-2024-annual.txt"), "--previous", str(CORPUS / "zrj-2024h1.txt"),
                 "--no-model")
    assert result.exit_code == 0, result.output
    assert "[未提及] 三.（四）（上期第31行）科学调控土地供应" in result.output
    assert "← 本期第5行：" in result.output
    data = json.loads(run("carryover", str(PLANTED / "zrj-2024-annual.txt"), "--previous",
                          str(CORPUS / "zrj-2024h1.txt"), "--no-model", "--json").output)
    assert data["counts"]["not_mentioned"] == 2
    figures = run("figures", str(PLANTED / "zrj-2024-annual.txt"), *sum(
        (["--earlier", str(CORPUS / name)] for name in ("zrj-2023h1.txt", "zrj-2023-annual.txt", "zrj-2024h1.txt")), []))
    assert figures.exit_code == 0
    assert "[同比不符] 第20行" in figures.output and "[计量单位变化]" in figures.output
    assert "同比下降8.4%（312.6万元→286.4万元），见zrj-2023-annual.txt第8行" in figures.output


def test_cli_check_history_with_an_empty_store_explains():
    result = run("check", str(PLANTED / "zrj-2024-annual.txt"), "--history", "--no-proofread")
    assert result.exit_code == 0, result.output
    assert "没有找到某县自然资源局2024年之前带有计划部分的报告" in result.output


# --- real components ----------------------------------------------------------------------


@pytest.mark.model
def test_real_e5_embeddings_keep_every_verdict():
    from drafter.store.embeddings import E5Embeddings

    case = case_named("sthj 2024H1")
    result = check_carryover(dated(case.report), dated(case.previous), E5Embeddings())
    assert [v.item.address for v in result.unmentioned] == case.unmentioned
    assert all(v.evidence[0].dense > 0.5 for v in result.verdicts if v.status != NOT_MENTIONED)


@pytest.mark.model
def test_real_model_judges_a_borderline_item(embedded_model):
    from drafter.models.factory import make_chat_model

    embedded_model("qwen2.5-coder-0.5b")
    current, previous = borderline_setup()
    judge = ModelJudge(make_chat_model(temperature=0.0, max_tokens=8))
    result = check_carryover(current, previous, judge=judge)
    assert judge.calls == 1
    borderline = result.verdicts[3]
    assert borderline.status in (DONE, UNDER_WAY, NOT_MENTIONED)
    assert borderline.decided_by == ("rule" if judge.rejected else "model")


# --- web app panels -------------------------------------------------------------------------


def test_panels_escape_report_text_and_show_both_sides(corpus_store):
    from ui.continuity import carryover_html, continuity_panels, figures_html

    current = dated("eval/continuity/zrj-2024-annual.txt")
    previous = dated("corpus/zrj-2024h1.txt")
    result = check_carryover(current, previous)
    result.verdicts[3].item.text = "<script>alert(1)</script>科学调控土地供应"
    page = carryover_html(result)
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert page.index("<td>未提及</td>") < page.index("<td>已完成</td>")
    assert "本期第5行：" in page
    figures = figures_html(check_figures(current, [dated("corpus/zrj-2023-annual.txt")]))
    assert "同比不符" in figures and "同比下降14.3%（21件→18件）" in figures
    carry_panel, figure_panel = continuity_panels((PLANTED / "sthj-2025h1.txt").read_text(encoding="utf-8"),
                                                  store=corpus_store)
    assert "强化企业帮扶指导" in carry_panel and "信访举报" in figure_panel
    empty = continuity_panels("某县水务局2024年上半年工作总结\n一、工作进展\n（一）供水\n一是新建管网5公里。",
                              store=ReportStore(embeddings=FakeEmbeddings()))
    assert all("drafter ingest" in panel for panel in empty)




def test_draft_lists_unmentioned_plans_beside_the_notes(corpus_store, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_FAKE_MODEL", "1")
    notes = tmp_path / "notes.md"
    notes.write_text(DRAFT_NOTES, encoding="utf-8")
    result = CliRunner().invoke(main, ["draft", str(notes), "-o", str(tmp_path / "draft.md")])
    assert "上期计划中要点没有涉及的 2 项" in result.output
    assert "三.（四）（上期第31行）科学调控土地供应" in result.output
    assert "    - 巩固提升登记服务：**" in result.output


def test_cli_says_what_to_do_without_unit_or_with_another_units_report(tmp_path):
    unknown = tmp_path / "x.txt"
    unknown.write_text("随便写点", encoding="utf-8")
    assert "请用 --org 和 --period 指定" in run("figures", str(unknown)).output
    other = run("carryover", str(PLANTED / "zjj-2024h1.txt"), "--previous", str(CORPUS / "slj-2024-special.txt"),
                "--no-model")
    assert other.output.startswith("注意：上期报告的单位是“某县水利局”")
    assert run("carryover", "/nonexistent/report.txt").exit_code == 2
