"""The notes cases (``eval/notes``): notes as staff write them, drafted with no flags as a user would.

Each case is a notes file and its expected reading (kind, unit, period, the role of every note).
Scored per case and model: the kind drafted, role placement (is each note written in the part of
its role?), leaked text (a title line, group title or tag written into the draft) and invented
figures. Only the reader's understanding and the pipeline's placement are judged here; the genre
metrics live in ``drafter.evaluation.metrics``.
"""

from __future__ import annotations

import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from drafter.drafting.notes import period_text
from drafter.drafting.reader import KIND_ROLE_MAP, NotesReading, notes_text_of, read_notes_file, role_of_title
from drafter.errors import DrafterError
from drafter.evaluation.metrics import genre_scores, genre_summary, invented_figures
from drafter.structure.address import AddressError, resolve
from drafter.structure.render import to_text
from drafter.structure.tree import Item

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

    from drafter.drafting.draft import Draft

NOTES_CASES_DIR = Path(__file__).resolve().parents[2] / "eval" / "notes"
ENUMERATOR_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@dataclass
class NotesCase:
    id: str
    notes_path: Path
    kind: str
    org: str
    period: str
    notes: list[dict[str, str]]  # {"text", "role"} in reading order

    def expected_role(self, text: str) -> str:
        return next((n["role"] for n in self.notes if n["text"] == text), "")


def load_notes_cases(root: Path = NOTES_CASES_DIR, limit: int | None = None) -> list[NotesCase]:
    cases: list[NotesCase] = []
    for path in sorted(root.glob("*.json"))[:limit]:
        data = json.loads(path.read_text(encoding="utf-8"))
        cases.append(NotesCase(path.stem, path.parent / data["notes_file"], data["kind"], data["org"],
                               data["period"], data["notes"]))
    return cases


@dataclass
class NotesCaseResult:
    case: str
    model: str
    kind: str = ""
    kind_ok: bool = False
    org_ok: bool = False
    period_ok: bool = False
    placed: int = 0  # notes written in the part of their expected role
    notes: int = 0
    misplaced: list[str] = field(default_factory=list)
    leaks: list[str] = field(default_factory=list)  # title / group-title / tag text found in the draft
    invented: list[str] = field(default_factory=list)
    genre: dict[str, Any] = field(default_factory=dict)  # drafter.evaluation.metrics.genre_scores
    error: str = ""
    seconds: float = 0.0
    output: str = ""
    refused: list[str] = field(default_factory=list)  # what the guard refused, unit by unit: why units fell back

    @property
    def placement(self) -> float:
        return self.placed / self.notes if self.notes else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "placement": round(self.placement, 4)}


def part_role_of(made: Draft, address: str) -> str:
    try:
        part = resolve(made.report, address.split(".")[0]).node
    except AddressError:
        return ""
    return str(getattr(part, "role", "") or "")


def placement(case: NotesCase, reading: NotesReading, made: Draft) -> tuple[int, list[str]]:
    """Expected notes whose own unit (not a measure answering a problem) sits in their role's part;
    results the 导语 states count as in the progress part (they open the summary of the work done)."""
    mapping = KIND_ROLE_MAP.get(made.kind, {})
    ids_by_text = {n.text: n.id for n in reading.notes.notes}
    parts_of: dict[str, set[str]] = {note_id: {"progress"} for note_id in made.lead_note_ids}
    for record in made.units:
        if record.mode == "measure":
            continue
        role = part_role_of(made, record.address)
        for note_id in record.note_ids:
            parts_of.setdefault(note_id, set()).add(role)
    placed, misplaced = 0, []
    for expected in case.notes:
        wanted = mapping.get(expected["role"], expected["role"])
        note_id = ids_by_text.get(expected["text"], "")
        if wanted in parts_of.get(note_id, set()):
            placed += 1
        else:
            misplaced.append(f"{expected['text'][:24]}（应在 {wanted}，实际 {sorted(parts_of.get(note_id, set()))}）")
    return placed, misplaced


def leaked_text(reading: NotesReading, made: Draft) -> list[str]:
    """Unit texts that carry the title line, a group title as an item, or a role tag ("存在问题：…")."""
    titles = {item.text for item in reading.ignored if item.reason.startswith("标题行")}
    groups = {re.sub(r"[：:。]$", "", item.text) for item in reading.ignored if item.reason.startswith("分组标题")}
    leaks: list[str] = []
    for record in made.units:
        try:
            node = resolve(made.report, record.address).node
        except AddressError:
            continue
        text = node.body_text if isinstance(node, Item) else record.text
        body = ENUMERATOR_RE.sub("", text.strip())
        if any(title and title in text for title in titles):
            leaks.append(f"{record.address}：标题行 {text[:30]}")
        elif re.sub(r"[。；，]$", "", body) in groups:
            leaks.append(f"{record.address}：分组标题成了条目 {text[:30]}")
        elif (tag := re.match(r"^([^，。；：:]{1,10})[：:]", body)) and role_of_title(tag.group(1)):
            leaks.append(f"{record.address}：标签 {tag.group(1)}")
    return leaks


def run_notes_case(case: NotesCase, model: BaseChatModel, model_name: str,
                   drafter: Callable[..., Any] | None = None) -> NotesCaseResult:
    """Draft one notes file with no kind, unit or period given, and score what came out."""
    from drafter.drafting.pipeline import draft as pipeline_draft

    result = NotesCaseResult(case.id, model_name, notes=len(case.notes))
    reading = read_notes_file(case.notes_path)
    notes_text = notes_text_of(case.notes_path)
    started = time.monotonic()
    try:
        made = (drafter or pipeline_draft)(notes_text, model=model)
    except DrafterError as error:
        result.error = str(error)
        return result
    result.seconds = time.monotonic() - started
    result.kind, result.kind_ok = made.kind, made.kind == case.kind
    result.org_ok, result.period_ok = made.org == case.org, made.period == case.period
    result.placed, result.misplaced = placement(case, reading, made)
    result.leaks = leaked_text(reading, made)
    result.output = to_text(made.report)
    allowed = [*(n.text for n in reading.notes.notes), reading.title, case.org, period_text(case.period),
               made.report.title]
    result.invented = invented_figures(result.output, allowed)
    result.genre = genre_scores(made, reading.notes)
    result.refused = made.violations
    return result


@dataclass
class NotesEvalRun:
    models: list[str]
    results: list[NotesCaseResult]

    def of_model(self, model: str) -> list[NotesCaseResult]:
        return [r for r in self.results if r.model == model]

    def summary(self, model: str) -> dict[str, Any]:
        ran = [r for r in self.of_model(model) if not r.error]
        placed, total = sum(r.placed for r in ran), sum(r.notes for r in ran)
        return {
            "cases": len(ran),
            "errors": sum(bool(r.error) for r in self.of_model(model)),
            "kind_accuracy": round(statistics.fmean(r.kind_ok for r in ran), 4) if ran else 0.0,
            "org_period_accuracy": round(statistics.fmean(r.org_ok and r.period_ok for r in ran), 4) if ran else 0.0,
            "role_placement": round(placed / total, 4) if total else 0.0,
            "leaks": sum(len(r.leaks) for r in ran),
            "invented": sum(len(r.invented) for r in ran),
            **genre_summary([r.genre for r in ran]),
            "seconds": round(sum(r.seconds for r in ran), 2),
        }

    @property
    def passed(self) -> bool:
        return all(not r.error and r.kind_ok and not r.leaks and not r.invented for r in self.results)

    def to_dict(self) -> dict[str, Any]:
        return {"models": self.models, "summary": {m: self.summary(m) for m in self.models},
                "results": [r.to_dict() for r in self.results]}


def run_notes_eval(models: list[str], cases: list[NotesCase] | None = None,
                   progress: Callable[[NotesCaseResult], None] | None = None,
                   make_model: Callable[[str], BaseChatModel] | None = None) -> NotesEvalRun:
    from drafter.evaluation.harness import make_eval_model

    cases = load_notes_cases() if cases is None else cases
    results: list[NotesCaseResult] = []
    for name in models:
        model = (make_model or make_eval_model)(name)
        for case in cases:
            result = run_notes_case(case, model, name)
            results.append(result)
            if progress:
                progress(result)
    return NotesEvalRun(models, results)


def format_notes_table(run: NotesEvalRun) -> str:
    """Per model: kind accuracy, unit/period accuracy, role placement, leaked title/tag text, invented figures."""
    lines = ["要点用例（不加参数起草）", "模型 | 用例 | 文种正确率 | 单位时段正确率 | 要点归位率 | 标题/标签外泄 | 编造数字 | "
             "语义违背 | 杂行 | 标签回显 | 起句反意 | 起句率 | 模型起句率 | 起句覆盖率 | 起句复述率 | 起句同标题率 | 起句重复率 | 套话标题率 | 名词标题率 | 单条小节率 | 条目中位字数 | 可达中位字数 | 新词率 | 兜底率 | 起句兜底率 | 出错 | 用时(s)",
             "---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---"]
    for model in run.models:
        s = run.summary(model)
        lines.append(f"{model} | {s['cases']} | {s['kind_accuracy']:.0%} | {s['org_period_accuracy']:.0%} | "
                     f"{s['role_placement']:.1%} | {s['leaks']} | {s['invented']} | {s['meaning_violations']} | "
                     f"{s['garbage']} | {s['echoed']} | {s['harm_leads']} | {s['lead_rate']:.0%} | {s['model_lead_rate']:.0%} | "
                     f"{s['lead_coverage']:.0%} | {s['restated_lead_rate']:.0%} | {s['heading_lead_rate']:.0%} | {s['repeated_opening_rate']:.0%} | {s['generic_heading_rate']:.0%} | {s['nounish_heading_rate']:.0%} | {s['lone_item_rate']:.0%} | "
                     f"{s['median_item']:.0f} | {s['median_item_ceiling']:.0f} | "
                     f"{s['novel_rate']:.1%} | {s['fallback_rate']:.0%} | {s['lead_fallback_rate']:.0%} | "
                     f"{s['errors']} | {s['seconds']}")
    return "\n".join(lines)


def write_notes_json(run: NotesEvalRun, out: str | Path) -> Path:
    """Saved beside the main results: latest.json → latest-notes.json."""
    from drafter.textio import write_text_atomically

    path = Path(out)
    path = path.with_name(f"{path.stem}-notes{path.suffix or '.json'}")
    path.parent.mkdir(parents=True, exist_ok=True)
    return write_text_atomically(path, json.dumps(run.to_dict(), ensure_ascii=False, indent=1))
