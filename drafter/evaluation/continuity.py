"""``drafter eval --task continuity``: recall and false alarms of the two continuity checks.

Cases (``eval/continuity/cases.toml``) pair a report with the previous report whose plans it answers
and the earlier reports its figures follow, and name the truth: plan items it leaves out and figure
flags it deserves. Corpus pairs are consistent; the fictional reports beside the cases plant dropped
plan items, wrong 同比 figures, changed measures, a falling cumulative figure and a jump.
"""

from __future__ import annotations

import time
import tomllib
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.continuity.carryover import check_carryover
from drafter.continuity.figures import check_figures
from drafter.continuity.history import load_dated
from drafter.continuity.judge import Judge, ModelJudge
from drafter.continuity.records import FigureFlag
from drafter.errors import DrafterError
from drafter.evaluation.harness import REPO_ROOT, EvalError

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

CASES_FILE = REPO_ROOT / "eval" / "continuity" / "cases.toml"


@dataclass
class ContinuityCase:
    id: str
    report: str
    previous: str
    earlier: list[str]
    unmentioned: list[str]  # addresses of plan items the report leaves out
    flags: list[str]  # expected "code:metric"


@dataclass
class ContinuityResult:
    case: str
    model: str
    plan_items: int = 0
    found_unmentioned: list[str] = field(default_factory=list)
    missed_unmentioned: list[str] = field(default_factory=list)  # planted drops not found
    false_unmentioned: list[str] = field(default_factory=list)  # reported items called "not mentioned"
    judged_by_model: int = 0
    found_flags: list[str] = field(default_factory=list)
    missed_flags: list[str] = field(default_factory=list)
    false_flags: list[str] = field(default_factory=list)
    facts: int = 0
    compared: int = 0
    seconds: float = 0.0
    error: str = ""


@dataclass
class ContinuityRun:
    model: str
    results: list[ContinuityResult]
    started: str = ""

    def totals(self) -> dict[str, Any]:
        ran = [r for r in self.results if not r.error]
        planted_plans = sum(len(r.found_unmentioned) + len(r.missed_unmentioned) for r in ran)
        planted_flags = sum(len(r.found_flags) + len(r.missed_flags) for r in ran)
        return {
            "cases": len(ran), "errors": len(self.results) - len(ran),
            "plan_items": sum(r.plan_items for r in ran),
            "unmentioned_planted": planted_plans,
            "unmentioned_recall": ratio(sum(len(r.found_unmentioned) for r in ran), planted_plans),
            "unmentioned_false_alarms": sum(len(r.false_unmentioned) for r in ran),
            "judged_by_model": sum(r.judged_by_model for r in ran),
            "flags_planted": planted_flags,
            "flag_recall": ratio(sum(len(r.found_flags) for r in ran), planted_flags),
            "flag_false_alarms": sum(len(r.false_flags) for r in ran),
            "facts": sum(r.facts for r in ran), "compared": sum(r.compared for r in ran),
            "seconds": round(sum(r.seconds for r in ran), 2),
        }

    @property
    def passed(self) -> bool:
        totals = self.totals()
        return (not totals["errors"] and totals["unmentioned_recall"] == 1.0 and totals["flag_recall"] == 1.0
                and not totals["unmentioned_false_alarms"] and not totals["flag_false_alarms"])

    def to_dict(self) -> dict[str, Any]:
        return {"task": "continuity", "model": self.model, "started": self.started, "passed": self.passed,
                "overall": self.totals(), "cases": [asdict(r) for r in self.results]}


def ratio(part: int, whole: int) -> float:
    return part / whole if whole else 1.0


def load_continuity_cases(path: Path = CASES_FILE) -> list[ContinuityCase]:
    if not path.is_file():
        raise EvalError(f"找不到延续性评测用例文件 {path}。")
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return [ContinuityCase(**case) for case in data.get("case", [])]


def flag_matches(flag: FigureFlag, expected: str) -> bool:
    code, _, metric = expected.partition(":")
    return flag.code == code and metric in flag.fact.metric


def run_case(case: ContinuityCase, model: str, embeddings: Embeddings | None, judge: Judge | None,
             root: Path = REPO_ROOT) -> ContinuityResult:
    result = ContinuityResult(case.id, model)
    started = time.monotonic()
    try:
        current = load_dated(root / case.report)
        carried = check_carryover(current, load_dated(root / case.previous), embeddings, judge)
        figures = check_figures(current, [load_dated(root / path) for path in case.earlier])
    except DrafterError as error:
        result.error = str(error)
        return result
    result.seconds = round(time.monotonic() - started, 2)
    called = {verdict.item.address for verdict in carried.unmentioned}
    result.plan_items = len(carried.verdicts)
    result.judged_by_model = sum(verdict.decided_by == "model" for verdict in carried.verdicts)
    result.found_unmentioned = sorted(called & set(case.unmentioned))
    result.missed_unmentioned = sorted(set(case.unmentioned) - called)
    result.false_unmentioned = sorted(called - set(case.unmentioned))
    result.facts, result.compared = figures.facts, len(figures.histories)
    result.found_flags = [e for e in case.flags if any(flag_matches(f, e) for f in figures.flags)]
    result.missed_flags = [e for e in case.flags if e not in result.found_flags]
    result.false_flags = [f"{f.code}:{f.fact.metric}" for f in figures.flags
                          if not any(flag_matches(f, e) for e in case.flags)]
    return result


def run_continuity(model: str = "none", cases: list[ContinuityCase] | None = None,
                   embeddings: Embeddings | None = None, judge: Judge | None = None,
                   progress: Callable[[ContinuityResult], None] | None = None) -> ContinuityRun:
    """Every case; ``judge`` decides the borderline plan items (None: the rule alone)."""
    run = ContinuityRun(model, [], time.strftime("%Y-%m-%dT%H:%M:%S"))
    for case in cases if cases is not None else load_continuity_cases():
        result = run_case(case, model, embeddings, judge)
        run.results.append(result)
        if progress:
            progress(result)
    return run


def model_judge(name: str) -> ModelJudge:
    from drafter.evaluation.harness import make_eval_model

    return ModelJudge(make_eval_model(name))


def format_continuity(run: ContinuityRun) -> str:
    lines = []
    for r in run.results:
        if r.error:
            lines.append(f"{r.case:<34} 出错：{r.error}")
            continue
        lines.append(
            f"{r.case:<34} 计划 {r.plan_items} 项，未提及命中 {len(r.found_unmentioned)}"
            f"（漏 {'、'.join(r.missed_unmentioned) or '0'}，误报 {'、'.join(r.false_unmentioned) or '0'}）；"
            f"数字疑点命中 {len(r.found_flags)}（漏 {'、'.join(r.missed_flags) or '0'}，误报 {'、'.join(r.false_flags) or '0'}）；"
            f"{r.seconds:.1f}秒")
    t = run.totals()
    header = ["判断", "用例", "计划条目", "埋设漏项", "漏项召回", "漏项误报", "模型判断", "埋设数字疑点", "疑点召回",
              "疑点误报", "对照指标", "秒"]
    row = [run.model, str(t["cases"]), str(t["plan_items"]), str(t["unmentioned_planted"]),
           f"{t['unmentioned_recall']:.0%}", str(t["unmentioned_false_alarms"]), str(t["judged_by_model"]),
           str(t["flags_planted"]), f"{t['flag_recall']:.0%}", str(t["flag_false_alarms"]), str(t["compared"]),
           f"{t['seconds']:.1f}"]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header), "| " + " | ".join(row) + " |"]
    return "\n".join([*lines, "", *table])
