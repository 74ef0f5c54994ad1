"""The quality evaluation harness behind ``drafter eval``.

A case (``eval/cases/<set>/<id>.json``) is a notes file plus a pointer to the reference it
should become: a source report and the unit addresses (一.（二）, 三) cut from it. Corpus
cases point into the project's ``corpus/``; national cases point into ``../shared/eval/national``
(kept out of the project and read at run time; skipped with a message when absent).

``run_eval`` drafts every case with every model asked for, scores each output with
``drafter.evaluation.metrics`` and returns an ``EvalRun`` that renders as a table or JSON. The task
``summarize`` instead summarises each case's reference and scores figure fidelity and length.
"""

from __future__ import annotations

import json
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol

from drafter.drafting.notes import parse_notes, period_text
from drafter.errors import DrafterError, ModelError
from drafter.evaluation.metrics import genre_scores, genre_summary, score_draft, score_summary
from drafter.structure.check import check_text
from drafter.structure.numerals import int_to_cn
from drafter.structure.parse import parse_file, parse_text
from drafter.structure.render import to_text
from drafter.structure.tree import Part, Report
from drafter.textio import write_text_atomically

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

REPO_ROOT = Path(__file__).resolve().parents[2]
CASES_DIR = REPO_ROOT / "eval" / "cases"
CASE_SETS = ("corpus", "national")
MODEL_NAMES = ("fake", "embedded-0.5b", "embedded-1.5b", "openai")
SUMMARY_CHARS = 300
BOILERPLATE_START = "本作品是中华人民共和国的"  # Wikisource's licence notice in the national files


class EvalError(DrafterError):
    pass


# --- cases -------------------------------------------------------------------------------


@dataclass
class Case:
    id: str
    set: str  # corpus | national
    kind: str
    source: str  # path of the source report, relative to the repository root
    addresses: list[str]
    notes_file: str  # next to the case file
    org: str = ""
    period: str = ""
    path: Path = field(default=Path(), repr=False)

    @property
    def notes_path(self) -> Path:
        return self.path.parent / self.notes_file

    @property
    def source_path(self) -> Path:
        return (REPO_ROOT / self.source).resolve()

    def notes_text(self) -> str:
        return self.notes_path.read_text(encoding="utf-8")

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("path")
        return data


def load_cases(which: str = "all", limit: int | None = None, root: Path = CASES_DIR) -> list[Case]:
    """Cases of one set (corpus | national) or all, in name order; at most ``limit`` per set."""
    if which not in (*CASE_SETS, "all"):
        raise EvalError(f"未知的用例集“{which}”；请用 corpus、national 或 all。")
    cases: list[Case] = []
    for case_set in CASE_SETS if which == "all" else (which,):
        files = sorted((root / case_set).glob("*.json"))
        for path in files[:limit] if limit else files:
            data = json.loads(path.read_text(encoding="utf-8"))
            cases.append(Case(**data, path=path))
    if not cases:
        raise EvalError(f"在 {root} 下没有找到评测用例；请先运行 python eval/build_cases.py。")
    return cases


def source_missing_message(case: Case) -> str:
    return (f"跳过用例 {case.id}：找不到参考报告 {case.source}（国家报告不随项目分发，"
            f"请把它们放在仓库旁的 ../shared/eval/national/ 下）。")


def reference_report(source: Report, addresses: list[str]) -> Report:
    """The units of ``source`` at ``addresses`` (一 = a whole part, 一.（二） = one section), renumbered."""
    wanted: dict[int, set[int] | None] = {}  # part index -> section indexes, None for the whole part
    numbered = [part for part in source.parts if part.ordinal]
    for address in addresses:
        part_key, _, section_key = address.partition(".")
        part_index = next((i for i, p in enumerate(numbered) if int_to_cn(p.ordinal) == part_key), None)
        if part_index is None:
            raise EvalError(f"参考报告中没有一级标题“{part_key}、”（地址 {address}）。")
        if not section_key:
            wanted[part_index] = None
            continue
        sections = numbered[part_index].sections
        section_index = next((i for i, s in enumerate(sections) if f"（{int_to_cn(s.ordinal)}）" == section_key), None)
        if section_index is None:
            raise EvalError(f"参考报告中没有小节 {address}。")
        chosen = wanted.setdefault(part_index, set())
        if chosen is not None:  # None: the whole part is wanted already
            chosen.add(section_index)
    parts: list[Part] = []
    for number, (part_index, section_indexes) in enumerate(sorted(wanted.items()), start=1):
        part = numbered[part_index]
        sections = part.sections if section_indexes is None else [part.sections[i] for i in sorted(section_indexes)]
        sections = [replace(s, marker=f"（{int_to_cn(n)}）", ordinal=n) for n, s in enumerate(sections, start=1)]
        intro = part.intro if section_indexes is None else []
        parts.append(replace(part, marker=f"{int_to_cn(number)}、", ordinal=number, intro=intro, sections=sections))
    return Report(title=source.title, parts=parts)


def load_reference(case: Case) -> Report:
    if not case.source_path.is_file():
        raise EvalError(source_missing_message(case))
    return reference_report(parse_file(case.source_path), case.addresses)


# --- models ------------------------------------------------------------------------------


def make_eval_model(name: str) -> BaseChatModel:
    """fake | embedded-0.5b | embedded-1.5b | openai (the endpoint in OPENAI_BASE_URL / OPENAI_API_KEY)."""
    if name == "fake":
        from drafter.models.fake import RuleBasedChatModel  # each answer built from its own note

        return RuleBasedChatModel()
    if name in ("embedded-0.5b", "embedded-1.5b"):
        from drafter.models.embedded import embedded_model_path
        from drafter.models.llama_chat import LlamaChatModel

        # Built directly, not through make_chat_model: an OPENAI_BASE_URL in the environment
        # must not silently turn an embedded run into an endpoint run.
        path = embedded_model_path(f"qwen2.5-coder-{name.removeprefix('embedded-')}")
        return LlamaChatModel(model_path=path, temperature=0.0, seed=0)
    if name == "openai":
        from drafter.models.factory import make_chat_model, select_backend

        if select_backend().kind != "openai":
            raise ModelError("没有配置模型服务：请设置 OPENAI_BASE_URL（及 OPENAI_API_KEY、DRAFTER_MODEL）后再用 --model openai。")
        return make_chat_model(purpose="eval", temperature=0.0)
    raise EvalError(f"未知的评测模型“{name}”；可选：{'、'.join(MODEL_NAMES)}。")


# --- running -----------------------------------------------------------------------------


@dataclass
class CaseResult:
    case: str
    set: str
    model: str
    ok: bool = False  # the structure check passed
    skipped: str = ""  # why the case did not run
    error: str = ""
    errors: list[str] = field(default_factory=list)  # structure errors
    findings: list[str] = field(default_factory=list)  # warnings and infos
    scores: dict[str, Any] = field(default_factory=dict)
    calls: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    output: str = ""

    @property
    def invented(self) -> int:
        return len(self.scores.get("invented", []))

    @property
    def ran(self) -> bool:
        return not self.skipped and not self.error


def draft_case(case: Case, model: BaseChatModel, model_name: str,
               drafter: Callable[..., Any] | None = None) -> CaseResult:
    from drafter.drafting.pipeline import draft as pipeline_draft

    result = CaseResult(case.id, case.set, model_name)
    try:
        reference = load_reference(case)
    except EvalError as error:
        result.skipped = str(error)
        return result
    notes_text = case.notes_text()
    started = time.monotonic()
    try:
        made = (drafter or pipeline_draft)(notes_text, kind=case.kind, org=case.org or None,
                                           period=case.period or None, model=model)
    except DrafterError as error:
        result.error = str(error)
        return result
    result.seconds = time.monotonic() - started
    text = to_text(made.report)
    # Checked as the text reads, the way a reviewer and `drafter check` see it.
    checked = check_text(text, case.kind)
    notes = parse_notes(notes_text)
    allowed = [*(n.text for n in notes.notes), notes.title, case.org, period_text(case.period), made.report.title]
    scores = score_draft(text, parse_text(text), [n.text for n in notes.notes], allowed, case.kind,
                         reference, to_text(reference))
    result.ok, result.output = checked.ok, text
    result.errors = [str(f) for f in checked.errors]
    result.findings = [str(f) for f in checked.findings if f.severity != "error"]
    result.scores = {**scores.to_dict(), **genre_scores(made, notes)}
    result.calls = len(made.calls)
    result.prompt_tokens = sum(c.prompt_tokens for c in made.calls)
    result.completion_tokens = sum(c.completion_tokens for c in made.calls)
    return result


def summary_source(case: Case) -> str:
    """The whole source report, without the public-domain notice the national files end with."""
    if not case.source_path.is_file():
        raise EvalError(source_missing_message(case))
    text = case.source_path.read_text(encoding="utf-8")
    return text.split(BOILERPLATE_START)[0].strip()


def summarize_case(case: Case, model: BaseChatModel, model_name: str, chars: int = SUMMARY_CHARS) -> CaseResult:
    from drafter.drafting.summarize import summarize

    result = CaseResult(case.id, case.set, model_name)
    try:
        source = summary_source(case)
    except EvalError as error:
        result.skipped = str(error)
        return result
    started = time.monotonic()
    try:
        summary = summarize(source, chars=chars, model=model)
    except DrafterError as error:
        result.error = str(error)
        return result
    result.seconds = time.monotonic() - started
    scores = score_summary(summary.text, source, chars)
    result.ok = scores.within_budget and scores.fidelity == 1.0
    result.output, result.scores = summary.text, scores.to_dict()
    result.calls = len(summary.calls)
    result.prompt_tokens = sum(c.prompt_tokens for c in summary.calls)
    result.completion_tokens = sum(c.completion_tokens for c in summary.calls)
    if summary.fallback:
        result.findings.append("模型摘要未通过检查，使用了抽取式摘要")
    return result


@dataclass
class EvalRun:
    task: str
    models: list[str]
    results: list[CaseResult]
    started: str = ""

    def of_model(self, model: str) -> list[CaseResult]:
        return [r for r in self.results if r.model == model]

    def summary(self, model: str) -> dict[str, Any]:
        ran = [r for r in self.of_model(model) if r.ran]

        def mean(key: str) -> float:
            return statistics.fmean(r.scores.get(key, 0.0) for r in ran) if ran else 0.0

        row: dict[str, Any] = {
            "cases": len(ran),
            "skipped": sum(bool(r.skipped) for r in self.of_model(model)),
            "errors": sum(bool(r.error) for r in self.of_model(model)),
            "check_ok": sum(r.ok for r in ran),
            "invented": sum(r.invented for r in ran),
            "calls": sum(r.calls for r in ran),
            "prompt_tokens": sum(r.prompt_tokens for r in ran),
            "completion_tokens": sum(r.completion_tokens for r in ran),
            "seconds": round(sum(r.seconds for r in ran), 2),
        }
        if self.task == "summarize":
            row.update(fidelity=mean("fidelity"), within_budget=sum(r.scores.get("within_budget", False) for r in ran))
        else:
            row.update(figure_coverage=mean("figure_coverage"), note_coverage=mean("note_coverage"),
                       balance=mean("balance"), rouge_l=mean("rouge_l_f1"), heading_overlap=mean("heading_overlap"),
                       parts_missing=sum(len(r.scores.get("required_missing", [])) for r in ran),
                       **genre_summary([r.scores for r in ran]))
        return row

    @property
    def passed(self) -> bool:
        """The CI gate: no invented figure, no structure error, no crash."""
        return all(r.ok and not r.invented for r in self.results if r.ran) and not any(r.error for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {
            "task": self.task, "started": self.started, "models": self.models, "passed": self.passed,
            "overall": {model: self.summary(model) for model in self.models},
            "cases": [asdict(r) for r in self.results],
        }


def run_eval(models: list[str], cases: list[Case], task: str = "draft",
             progress: Callable[[CaseResult], None] | None = None,
             model_factory: Callable[[str], BaseChatModel] = make_eval_model) -> EvalRun:
    """Every case with every model; a model that cannot be loaded marks its cases as errors."""
    if task not in ("draft", "summarize"):
        raise EvalError(f"未知的评测任务“{task}”；可选 draft 或 summarize。")
    run = EvalRun(task, list(models), [], time.strftime("%Y-%m-%dT%H:%M:%S"))
    for name in models:
        try:
            model = model_factory(name)
        except DrafterError as error:
            run.results += [CaseResult(c.id, c.set, name, error=str(error)) for c in cases]
            continue
        for case in cases:
            result = summarize_case(case, model, name) if task == "summarize" else draft_case(case, model, name)
            run.results.append(result)
            if progress:
                progress(result)
    return run


# --- output ------------------------------------------------------------------------------


def case_line(result: CaseResult) -> str:
    if result.skipped or result.error:
        return f"{result.model:<14} {result.case:<28} {'跳过' if result.skipped else '出错'}：{result.skipped or result.error}"
    s = result.scores
    if "fidelity" in s:
        quality = f"数字保真 {s['fidelity']:.0%}  字数 {s['chars']}/{s['budget']}"
    else:
        quality = (f"数字覆盖 {s['figure_coverage']:.0%}  要点覆盖 {s['note_coverage']:.0%}  "
                   f"ROUGE-L {s['rouge_l_f1']:.2f}  标题 {s['heading_overlap']:.2f}  均衡 {s['balance']:.2f}  "
                   f"语义违背 {len(s.get('meaning_violations', []))}  杂行 {len(s.get('meaning_garbage', []))}  "
                   f"标签 {len(s.get('meaning_echoed', []))}  起句率 {s.get('lead_phrase_rate', 0):.0%}  "
                   f"模型起句 {s.get('model_lead_rate', 0):.0%}  套话标题 {len(s.get('generic_headings', []))}  "
                   f"条目中位 {s.get('median_item_chars', 0):.0f}字  新词率 {s.get('meaning_novel_rate', 0):.1%}  "
                   f"兜底 {s.get('meaning_fallback_rate', 0):.0%}  起句兜底 {s.get('meaning_lead_fallback_rate', 0):.0%}")
    check = "通过" if result.ok else f"未通过({len(result.errors)})"
    return (f"{result.model:<14} {result.case:<28} 结构 {check}  编造数字 {result.invented}  {quality}  "
            f"调用 {result.calls}  令牌 {result.prompt_tokens}/{result.completion_tokens}  {result.seconds:.1f}秒")


def format_table(run: EvalRun) -> str:
    """Per-case lines, then one overall row per model, side by side."""
    lines = [case_line(r) for r in run.results]
    if run.task == "summarize":
        header = ["模型", "用例", "保真", "未超长", "编造", "调用", "令牌入/出", "秒"]
        rows = [[m, str(s["cases"]), f"{s['fidelity']:.0%}", str(s["within_budget"]), str(s["invented"]),
                 str(s["calls"]), f"{s['prompt_tokens']}/{s['completion_tokens']}", f"{s['seconds']:.1f}"]
                for m in run.models if (s := run.summary(m))]
    else:
        header = ["模型", "用例", "结构通过", "编造数字", "数字覆盖", "要点覆盖", "缺部分", "均衡", "ROUGE-L",
                  "标题重合", "语义违背", "杂行", "标签回显", "起句率", "模型起句率", "起句重复率", "套话标题率", "条目中位字数", "新词率", "兜底率", "起句兜底率",
                  "调用", "令牌入/出", "秒"]
        rows = [[m, str(s["cases"]), f"{s['check_ok']}/{s['cases']}", str(s["invented"]),
                 f"{s['figure_coverage']:.0%}", f"{s['note_coverage']:.0%}", str(s["parts_missing"]),
                 f"{s['balance']:.2f}", f"{s['rouge_l']:.3f}", f"{s['heading_overlap']:.2f}",
                 str(s["meaning_violations"]), str(s["garbage"]), str(s["echoed"]), f"{s['lead_rate']:.0%}",
                 f"{s['model_lead_rate']:.0%}", f"{s['repeated_opening_rate']:.0%}", f"{s['generic_heading_rate']:.0%}", f"{s['median_item']:.0f}", f"{s['novel_rate']:.1%}", f"{s['fallback_rate']:.0%}",
                 f"{s['lead_fallback_rate']:.0%}", str(s["calls"]),
                 f"{s['prompt_tokens']}/{s['completion_tokens']}", f"{s['seconds']:.1f}"]
                for m in run.models if (s := run.summary(m))]
    table = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
    table += ["| " + " | ".join(row) + " |" for row in rows]
    return "\n".join([*lines, "", *table])


class JsonRun(Protocol):
    def to_dict(self) -> dict[str, Any]: ...


def write_json(run: JsonRun, path: str | Path) -> Path:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    write_text_atomically(path, json.dumps(run.to_dict(), ensure_ascii=False, indent=2))
    return path
