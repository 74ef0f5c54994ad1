"""The continuity checks as one library API for the CLI, the checker and the web app.

``run_carryover`` / ``run_figures`` pick the earlier reports (the store by unit and period, or files
given by hand), ``history_findings`` turns both results into the checker's own findings, and
``unmentioned_plans`` lists, while drafting, the previous period's plan items the notes do not cover.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.continuity.carryover import check_carryover, judge_items
from drafter.continuity.figures import check_figures
from drafter.continuity.history import Dated, date_report, earlier_reports, load_dated, previous_report, stored_reports
from drafter.continuity.judge import Judge, ModelJudge
from drafter.continuity.records import NOT_MENTIONED, CarryoverResult, FiguresResult, PlanItem, Sentence, Verdict
from drafter.continuity.units import plan_items
from drafter.errors import DrafterError
from drafter.structure.check import INFO, WARNING, Finding
from drafter.structure.parse import parse_text
from drafter.structure.tree import Report

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings
    from langchain_core.language_models import BaseChatModel

    from drafter.store.reports import ReportStore

PLAN_CLIP = 40


class LazyJudge:
    """Loads the chat model only when a borderline item needs it (most reports have none)."""

    def __init__(self, make_model: Callable[[], BaseChatModel]) -> None:
        self.make_model = make_model
        self.judge: ModelJudge | None = None
        self.failed = ""

    def __call__(self, item: PlanItem, candidates: list[Sentence]) -> str | None:
        if self.failed:
            return None
        if self.judge is None:
            try:
                self.judge = ModelJudge(self.make_model())
            except DrafterError as error:  # no model: the rule's answer stands
                self.failed = str(error)
                return None
        return self.judge(item, candidates)


def default_judge() -> LazyJudge:
    def make() -> BaseChatModel:
        from drafter.models.factory import make_chat_model

        return make_chat_model(purpose="carryover", temperature=0.0, max_tokens=8)

    return LazyJudge(make)


class History:
    """Where earlier reports come from: the store (by unit and period) and/or files given by hand."""

    def __init__(self, store: ReportStore | None = None, files: list[str | Path] | None = None,
                 embeddings: Embeddings | None = None, use_store: bool = True) -> None:
        self.files = [load_dated(path) for path in files or []]
        self._store = store
        self.use_store = use_store
        self._embeddings = embeddings

    @property
    def store(self) -> ReportStore | None:
        if self._store is None and self.use_store:
            from drafter.store.reports import ReportStore

            try:
                self._store = ReportStore()
            except (DrafterError, OSError):
                self.use_store = False
        return self._store

    def candidates(self, org: str) -> list[Dated]:
        found = list(self.files)
        store = self.store
        if store is not None and org:
            found += stored_reports(store, org)
        return found

    @property
    def embeddings(self) -> Embeddings | None:
        """The store's embedder when the store holds reports (the dense half of the hybrid ranking);
        without a store the ranking is lexical alone, which decides nothing differently: verdicts
        rest on the words found, the embeddings only order the candidates."""
        if self._embeddings is None:
            store = self.store
            try:
                if store is not None and store.count():
                    self._embeddings = store.embeddings
            except DrafterError:
                return None
        return self._embeddings


def run_carryover(current: Dated, history: History, judge: Judge | None = None,
                  previous: Dated | None = None) -> CarryoverResult:
    """``previous`` when given (``--previous``), else the unit's latest earlier report with plans."""
    chosen = previous or previous_report(current, history.candidates(current.org))
    return check_carryover(current, chosen, history.embeddings if chosen else None, judge)


def run_figures(current: Dated, history: History) -> FiguresResult:
    return check_figures(current, earlier_reports(current, history.candidates(current.org)))


def carryover_findings(result: CarryoverResult) -> list[Finding]:
    if result.message:
        return [Finding(INFO, "history-none", 0, result.message)]
    where = f"上期《{result.previous_title or result.previous}》"
    return [Finding(WARNING, "plan-not-mentioned", 0,
                    f"{where}计划“{clip(verdict.item.text)}”（{verdict.item.address}，上期第{verdict.item.line}行）"
                    "在本报告中没有提及；已开展的请补写进展，未开展的请说明原因。")
            for verdict in result.unmentioned]


def figure_findings(result: FiguresResult) -> list[Finding]:
    return [Finding(WARNING, flag.code, flag.fact.sentence.line, flag.message) for flag in result.flags]


def history_findings(text: str, source: str = "", history: History | None = None, judge: Judge | None = None,
                     kind: str | None = None, markdown: bool = False) -> list[Finding]:
    """Carry-over and figure findings for ``drafter check --history`` (warnings; never an error)."""
    history = history or History()
    current = date_report(parse_text(text, markdown=markdown), source, kind=kind)
    return carryover_findings(run_carryover(current, history, judge)) + figure_findings(run_figures(current, history))


def clip(text: str, width: int = PLAN_CLIP) -> str:
    return text if len(text) <= width else text[:width] + "…"


def unmentioned_plans(notes_text: str, org: str | None, period: str | None, store: ReportStore | None = None,
                      embeddings: Embeddings | None = None) -> list[Verdict]:
    """Previous-period plan items the notes do not mention (rule only: drafting must stay quick).

    Returns [] when the unit, the period or a previous report with plans is unknown.
    """
    from drafter.drafting.notes import parse_notes

    notes = parse_notes(notes_text)
    org = org or notes.org
    period = period or notes.period
    if not org or not period:
        return []
    current = date_report(Report(title=notes.title), "", org, period, notes.kind or None)
    history = History(store, embeddings=embeddings)
    previous = previous_report(current, history.candidates(org))
    if previous is None:
        return []
    units = [Sentence(note.text, note.line, "要点", str(current.period), note.role, note.topic) for note in notes.notes]
    verdicts = judge_items(plan_items(previous), units, previous, embeddings, None)
    return [verdict for verdict in verdicts if verdict.status == NOT_MENTIONED]


def unmentioned_plan_lines(notes_text: str, org: str | None, period: str | None,
                           store: ReportStore | None = None) -> list[str]:
    """What ``drafter draft`` prints beside the notes: each uncovered plan item and a note line to paste.

    Never raises: drafting goes on without this list when the store or the notes cannot tell.
    """
    try:
        verdicts = unmentioned_plans(notes_text, org, period, store)
    except (DrafterError, OSError):
        return []
    if not verdicts:
        return []
    lines = [f"—— 上期计划中要点没有涉及的 {len(verdicts)} 项（把下面的要点行补进要点文件、填上进展即可写入）——"]
    for verdict in verdicts:
        topic = verdict.item.text.split("。")[0] if "。" in verdict.item.text[:30] else clip(verdict.item.text, 20)
        lines.append(f"  {verdict.item.address}（上期第{verdict.item.line}行）{clip(verdict.item.text)}")
        lines.append(f"    - {topic.strip('。；，')}：**")
    return lines
