"""Quality metrics for a drafted (or summarised) report against its notes and a reference.

Pure functions on text and report trees: no model, no files. ``drafter.evaluation.harness`` runs the
cases and aggregates; these say what one output is worth.

- invented figures: figures in the output that are in none of the allowed texts (the notes,
  the title) — compared by value, so 1.1万 = 11000 is not invented. Must be 0.
- note coverage: the share of note figures present in the output, and of notes present.
- required parts, section balance: shape of the output as the kind expects it.
- similarity: character-level ROUGE-L F1 and heading overlap against the reference.
- genre: the share of 一是 items that open with a short lead phrase naming the work
  (一是扎实做好国土空间规划编制。…), the median item length, and the share of units the guard
  had to build from the notes (fallbacks).
- meaning (``drafter.drafting.meaning``, the guard's own rules): units whose voice contradicts
  their notes' role, garbage lines, echoed tags, and the share of content words found neither
  in the notes nor in the genre lexicon.
"""

from __future__ import annotations

import re
import statistics
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING, Any

from drafter.drafting.compose import MAX_NOTES
from drafter.structure.address import AddressError, resolve
from drafter.structure.figures import figure_keys, find_figures
from drafter.structure.kinds import assign_roles
from drafter.structure.tree import Item, ItemFamily, Report

if TYPE_CHECKING:
    from drafter.drafting.draft import Draft
    from drafter.drafting.notes import Note, Notes

# Characters that count for similarity: CJK, letters and digits. Punctuation and spacing vary
# between equally good drafts (，vs ；, full- vs half-width) and would only add noise.
CONTENT_CHAR_RE = re.compile(r"[\u4e00-\u9fff0-9A-Za-z%]")
# A note without figures counts as present when this share of its characters appear, in order,
# in the output (LCS recall): a rewritten note keeps most of its words.
NOTE_PRESENT_RECALL = 0.6
# A lead phrase is the item's first sentence when it is short (the seeds' leads run 6–18
# characters; "自然资源资产所有权委托代理机制推进情况" at 19 already reads as a fact, not a lead),
# carries no figure, and more text follows it.
LEAD_MIN_CHARS, LEAD_MAX_CHARS = 4, 18
LEAD_RE = re.compile(r"^(?P<lead>[^。！？；!?;]+)[。！？!?]")
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
SHI_ADDRESS_RE = re.compile(r"[一二三四五六七八九十]+是$")


# --- figures -----------------------------------------------------------------------------


def invented_figures(output: str, allowed: Iterable[str]) -> list[str]:
    """Figures of ``output`` whose value is in none of the ``allowed`` texts, as written, once each."""
    keys = set().union(*(figure_keys(text) for text in allowed))
    return list(dict.fromkeys(figure.raw for figure in find_figures(output) if figure.key not in keys))


def figure_coverage(notes: Sequence[str], output: str) -> tuple[int, int]:
    """(note figures present in ``output``, distinct note figures), compared by value."""
    wanted = set().union(*(figure_keys(note) for note in notes)) if notes else set()
    present = figure_keys(output)
    return len(wanted & present), len(wanted)


def note_present(note: str, output: str) -> bool:
    """A note is present when all its figures are; a figure-less note when most of its words are."""
    keys = figure_keys(note)
    if keys:
        return keys <= figure_keys(output)
    chars = content_chars(note)
    return bool(chars) and lcs_length(chars, content_chars(output)) >= NOTE_PRESENT_RECALL * len(chars)


def notes_present(notes: Sequence[str], output: str) -> int:
    return sum(note_present(note, output) for note in notes)


def share(part: int, whole: int) -> float:
    """part / whole, with nothing to cover counting as fully covered."""
    return part / whole if whole else 1.0


# --- similarity --------------------------------------------------------------------------


def content_chars(text: str) -> str:
    return "".join(CONTENT_CHAR_RE.findall(text))


def lcs_length(a: str, b: str) -> int:
    """Length of the longest common subsequence of two strings.

    Bit-parallel (Allison–Dix / Hyyrö): one big-integer step per character of ``b``, so two
    3,000-character reports take milliseconds instead of the seconds a Python DP table needs.
    Hand-written because no kept library fits: ``rouge-score`` tokenises on ASCII word
    characters and drops Chinese characters entirely, and rapidfuzz (whose LCSseq would do)
    is not a project dependency.
    """
    if not a or not b:
        return 0
    masks: dict[str, int] = {}
    for index, char in enumerate(a):
        masks[char] = masks.get(char, 0) | (1 << index)
    full = (1 << len(a)) - 1
    row = full
    for char in b:
        matched = row & masks.get(char, 0)
        row = ((row + matched) | (row - matched)) & full
    return len(a) - row.bit_count()


@dataclass
class Rouge:
    precision: float
    recall: float
    f1: float


def rouge_l(candidate: str, reference: str) -> Rouge:
    """Character-level ROUGE-L over content characters (Chinese has no spaces to split words on)."""
    cand, ref = content_chars(candidate), content_chars(reference)
    lcs = lcs_length(cand, ref)
    if not lcs:
        return Rouge(0.0, 0.0, 0.0)
    precision, recall = lcs / len(cand), lcs / len(ref)
    return Rouge(precision, recall, 2 * precision * recall / (precision + recall))


def headings(report: Report) -> list[str]:
    """Part and section headings, without markers and final punctuation."""
    found = [part.heading for part in report.parts if part.heading]
    found += [section.heading for part in report.parts for section in part.sections if section.heading]
    return [heading.rstrip("。；，;,.") for heading in found]


def heading_overlap(candidate: Report, reference: Report) -> float:
    """Mean over reference headings of the best char-level ROUGE-L F1 with any candidate heading."""
    wanted, written = headings(reference), headings(candidate)
    if not wanted:
        return 1.0
    if not written:
        return 0.0
    return statistics.fmean(max(rouge_l(w, h).f1 for w in written) for h in wanted)


# --- shape -------------------------------------------------------------------------------


def required_parts(report: Report, kind: str) -> tuple[list[str], list[str]]:
    """(present, missing) labels of the parts ``kind`` requires."""
    spec = assign_roles(report, kind)
    roles = {part.role for part in report.parts}
    required = [part for part in spec.parts if part.required]
    return ([p.label for p in required if p.role in roles], [p.label for p in required if p.role not in roles])


def section_balance(report: Report) -> float:
    """Shortest section / longest section, in characters (1.0 = even; 1.0 when < 2 sections)."""
    lengths = [len(section.body_text) for part in report.parts for section in part.sections]
    lengths = [length for length in lengths if length]
    if len(lengths) < 2:
        return 1.0
    return min(lengths) / max(lengths)


# --- genre ------------------------------------------------------------------------------


def shi_items(report: Report) -> list[Item]:
    """Every 一是/二是 item of the body, nested runs included, in reading order."""
    found: list[Item] = []
    for part in report.parts:
        paragraphs = [*part.intro, *(p for section in part.sections for p in section.paragraphs)]
        for paragraph in paragraphs:
            for item in paragraph.items:
                found += [i for i in item.walk() if i.family == ItemFamily.SHI]
    return found


def lead_phrase(item_text: str) -> str:
    """The item's lead phrase (without 。), or "" when it opens straight with a fact."""
    match = LEAD_RE.match(item_text.strip())
    if not match:
        return ""
    lead, rest = match["lead"].strip(), item_text.strip()[match.end():]
    unquoted = re.sub(r"“[^”]*”", "", lead)  # a quoted name keeps its digits (推行“721”工作法), as drafting allows
    if not LEAD_MIN_CHARS <= len(lead) <= LEAD_MAX_CHARS or re.search(r"[0-9０-９]", unquoted) or find_figures(unquoted):
        return ""
    return lead if len(CJK_RE.findall(rest)) >= 6 else ""


def led_items(report: Report) -> list[Item]:
    """The 一是 items that open with a lead phrase."""
    return [item for item in shi_items(report) if lead_phrase(item.body_text)]


def lead_phrase_rate(report: Report) -> float:
    """Share of 一是 items that open with a lead phrase (seeds: 0.84 and 0.94); 1.0 with no items."""
    items = shi_items(report)
    return share(sum(bool(lead_phrase(i.body_text)) for i in items), len(items))


def median_item_chars(report: Report) -> float:
    """Median length of the 一是 items in characters, marker excluded (seeds: 304 and 167)."""
    lengths = [len(item.body_text.strip()) for item in shi_items(report)]
    return float(statistics.median(lengths)) if lengths else 0.0


def median_item_ceiling(made: Draft, notes: Notes) -> float:
    """The longest median item the notes allow without adding to them: each item four of its
    section's notes whole (the most an item groups) behind a lead of LEAD_MAX_CHARS, a problem on
    its own. The seeds' 170–300 characters come from writers' paragraphs; notes of one short line
    each cannot reach that, and this says how far they can."""
    placed: dict[str, list[Note]] = {}
    for unit in made.units:
        if unit.mode == "item" and SHI_ADDRESS_RE.search(unit.address):
            placed.setdefault(unit.address.rsplit(".", 1)[0], []).extend(notes.by_id(i) for i in unit.note_ids)
    lengths: list[int] = []
    for members in placed.values():
        if all(note.role == "problems" for note in members):
            lengths += [len(note.text) + 1 for note in members]
            continue
        for start in range(0, len(members), MAX_NOTES):
            run = members[start:start + MAX_NOTES]
            lengths.append(LEAD_MAX_CHARS + 1 + sum(len(note.text) + 1 for note in run))
    return float(statistics.median(lengths)) if lengths else 0.0


def fallback_rate(units: Sequence[object]) -> float:
    """Share of written units (objects with a ``fallback`` flag) the guard built from the notes."""
    return sum(bool(getattr(unit, "fallback", False)) for unit in units) / len(units) if units else 0.0


@dataclass
class UnitText:
    """One written unit as the meaning metrics see it."""

    address: str
    text: str
    role: str
    notes: list[str]  # the notes it was written from
    context: list[str] = field(default_factory=list)  # its section's notes and heading: allowed words too
    fallback: bool = False
    lead_fallback: bool = False
    asked: bool = True  # the model was asked for it (not a note opening with its own lead, as written)


@dataclass
class MeaningScores:
    violations: list[str] = field(default_factory=list)  # "address：message", role contradictions only
    garbage: list[str] = field(default_factory=list)
    echoed: list[str] = field(default_factory=list)
    novel_words: list[str] = field(default_factory=list)
    content_words: int = 0
    units: int = 0
    fallbacks: int = 0
    lead_fallbacks: int = 0

    @property
    def novel_rate(self) -> float:
        return len(self.novel_words) / self.content_words if self.content_words else 0.0

    @property
    def fallback_rate(self) -> float:
        return self.fallbacks / self.units if self.units else 0.0

    @property
    def lead_fallback_rate(self) -> float:
        """Share of units whose lead phrase code built because the model's was refused or missing."""
        return self.lead_fallbacks / self.units if self.units else 0.0

    def to_dict(self) -> dict:
        return {**asdict(self), "novel_rate": self.novel_rate, "fallback_rate": self.fallback_rate,
                "lead_fallback_rate": self.lead_fallback_rate}


def meaning_scores(units: Sequence[UnitText]) -> MeaningScores:
    """The meaning guard's rules, counted over the written units of a draft: what a reviewer would
    have to undo. (The title and 导语 are templates, not written text: 现将…总结如下 is the genre.)"""
    from drafter.drafting.meaning import (
        content_words,
        echoed_tags,
        garbage_lines,
        novel_content_words,
        role_contradictions,
    )

    scores = MeaningScores(units=len(units))
    for unit in units:
        scores.garbage += [f"{unit.address}：{line}" for line in garbage_lines(unit.text, unit.notes)]
        scores.violations += [f"{unit.address}：{v}" for v in role_contradictions(unit.text, unit.role, unit.notes)]
        scores.echoed += echoed_tags(unit.text)
        scores.novel_words += novel_content_words(unit.text, [*unit.notes, *unit.context])
        scores.content_words += len(set(content_words(unit.text)))
        scores.fallbacks += unit.fallback
        scores.lead_fallbacks += unit.lead_fallback
    return scores


# --- one output, all together -------------------------------------------------------------


@dataclass
class DraftScores:
    invented: list[str] = field(default_factory=list)
    figures_present: int = 0
    figures_total: int = 0
    notes_present: int = 0
    notes_total: int = 0
    required_present: list[str] = field(default_factory=list)
    required_missing: list[str] = field(default_factory=list)
    balance: float = 1.0
    rouge_l_f1: float = 0.0
    heading_overlap: float = 0.0
    lead_phrase_rate: float = 1.0
    median_item_chars: float = 0.0

    @property
    def figure_coverage(self) -> float:
        return share(self.figures_present, self.figures_total)

    @property
    def note_coverage(self) -> float:
        return share(self.notes_present, self.notes_total)

    def to_dict(self) -> dict:
        return {**asdict(self), "figure_coverage": self.figure_coverage, "note_coverage": self.note_coverage}


def score_draft(output_text: str, output: Report, notes: Sequence[str], allowed: Iterable[str],
                kind: str, reference: Report | None = None, reference_text: str = "") -> DraftScores:
    """Every draft metric for one output; ``allowed`` are the texts its figures may come from."""
    present, total = figure_coverage(notes, output_text)
    required_present, required_missing = required_parts(output, kind)
    scores = DraftScores(
        invented=invented_figures(output_text, allowed),
        figures_present=present, figures_total=total,
        notes_present=notes_present(notes, output_text), notes_total=len(notes),
        required_present=required_present, required_missing=required_missing,
        balance=section_balance(output),
        lead_phrase_rate=lead_phrase_rate(output), median_item_chars=median_item_chars(output),
    )
    if reference is not None:
        scores.rouge_l_f1 = rouge_l(output_text, reference_text).f1
        scores.heading_overlap = heading_overlap(output, reference)
    return scores


@dataclass
class SummaryScores:
    chars: int
    budget: int
    invented: list[str]
    figures_kept: int  # summary figures found in the source
    figures_total: int  # figures in the summary

    @property
    def fidelity(self) -> float:
        """Share of the summary's figures that are in the source: must be 1.0."""
        return share(self.figures_kept, self.figures_total)

    @property
    def within_budget(self) -> bool:
        return self.chars <= self.budget

    def to_dict(self) -> dict:
        return {**asdict(self), "fidelity": self.fidelity, "within_budget": self.within_budget}


def score_summary(summary: str, source: str, budget: int) -> SummaryScores:
    figures = find_figures(summary)
    keys = figure_keys(source)
    kept = sum(figure.key in keys for figure in figures)
    return SummaryScores(len(summary.strip()), budget, invented_figures(summary, [source]), kept, len(figures))


# --- a draft, all genre metrics together ---------------------------------------------------------


def written_units(made: Draft, notes: Notes) -> list[UnitText]:
    """Every unit the pipeline wrote, with its text, its part's role and its notes (for the meaning metrics)."""
    from drafter.drafting.pipeline import unit_texts

    texts = {n.id: n.text for n in notes.notes}
    written = unit_texts(made.report)  # an item's text, a part's or a section's prose
    units: list[UnitText] = []
    for record in made.units:
        try:
            resolve(made.report, record.address)
            part = resolve(made.report, record.address.split(".")[0]).node
        except AddressError:
            continue
        text = written.get(record.address, "")
        section = record.address.rsplit(".", 1)[0]
        context = [texts[i] for other in made.units if other.address.rsplit(".", 1)[0] == section
                   for i in other.note_ids if i in texts]
        role = "measure" if record.mode == "measure" else str(getattr(part, "role", "") or "progress")
        units.append(UnitText(record.address, text, role, [texts[i] for i in record.note_ids if i in texts],
                              context, record.fallback, bool(getattr(record, "lead_fallback", False)),
                              asked=record.attempts > 0 or record.fallback))
    return units


def lead_coverage(units: Sequence[UnitText]) -> float:
    """Of the notes in items of two notes or more that open with a lead, the share that has a
    word of the lead (not its adverb, verb or general wording): 全面开展法律顾问工作 over 法律顾问,
    人民调解 and 法律援助 covers one of three. Lexical, so a lead naming the work in other words
    counts as missing it; 1.0 with no such items."""
    from drafter.drafting.compose import named_words

    covered = total = 0
    for unit in units:
        if unit.role in ("problems", "measure") or len(unit.notes) < 2 or not (lead := lead_phrase(unit.text)):
            continue
        named = named_words(lead)
        total += len(unit.notes)
        covered += sum(any(w in note for w in named) for note in unit.notes)
    return share(covered, total) if total else 1.0


def model_lead_rate(units: Sequence[UnitText]) -> float:
    """Share of the items the model was asked to lead (not problems, not measures, not a note that
    opens with its own lead) whose lead the model wrote and the checks passed — the lead-phrase
    rate counts code-built leads too; 1.0 with no items."""
    items = [u for u in units if u.role not in ("problems", "measure") and u.notes and u.asked]
    return share(sum(not u.lead_fallback for u in items), len(items))


def generic_headings(report: Report) -> list[str]:
    """Section headings a reviewer would rewrite because they name no work of their own: the
    stock second halves code falls back on (守牢底线保安全) or 统筹推进各项工作."""
    from drafter.drafting.outline import TAILS

    stock = (*TAILS, "统筹推进各项工作")
    return [s.heading for part in report.parts for s in part.sections if any(t in s.heading for t in stock)]


def nounish_headings(report: Report) -> list[str]:
    """Paired section headings whose second half only names a thing (接待游客，旅游总收入。),
    where the genre's says what the work achieves (保护耕地守粮仓)."""
    from drafter.drafting.outline import result_phrase

    return [s.heading for part in report.parts for s in part.sections
            if "，" in s.heading and not result_phrase(s.heading)]


def lone_item_rate(report: Report) -> float:
    """Share of the sections whose body is a single 一是 item: an enumeration of one, which the
    seeds and the national reports never have (their sections hold two or more items, or prose).
    0.0 with no sections."""
    sections = [s for part in report.parts for s in part.sections]
    lone = sum(sum(len(p.items) for p in s.paragraphs) == 1 for s in sections)
    return share(lone, len(sections)) if sections else 0.0


def restated_leads(report: Report) -> list[str]:
    """Items whose first fact says their lead over again (三是加快推进标准厂房二期建设。加快推进县经济
    开发区标准厂房二期建设，…; ``compose.restates``): a reviewer cuts one of the two."""
    from drafter.drafting.compose import restates

    found: list[str] = []
    for item in shi_items(report):
        text = item.body_text.strip()
        if (lead := lead_phrase(text)) and restates(lead, facts := text[len(lead) + 1:]):
            found.append(f"{lead}。{re.split(r'[，。；,;]', facts, maxsplit=1)[0]}")
    return found


def harm_leads(report: Report) -> list[str]:
    """Leads that carry out a harm or push on a difficulty (持续推进“办证难”工作, 全面开展森林火灾;
    ``compose.harm_done``): the lead says the opposite of the work. A built lead over several notes
    can still be one when none of its candidates passes the lead rules (a single note then stands
    as written)."""
    from drafter.drafting.compose import harm_done, lead_tokens

    return [lead for item in shi_items(report) if (lead := lead_phrase(item.body_text)) and harm_done(lead_tokens(lead))]


def heading_leads(report: Report) -> list[str]:
    """Leads that name nothing their section's heading does not (（一）聚焦经济发展，…。一是全面推动经济
    发展。; ``compose.says_no_more`` against the heading's first half): the seeds' heading names an
    area and its items' leads a work in it (强化规划引领 over 扎实做好国土空间规划编制)."""
    from drafter.drafting.compose import says_no_more
    from drafter.drafting.outline import halves

    found: list[str] = []
    for part in report.parts:
        for section in part.sections:
            first_half = halves(section.heading)[0]  # as drafting reads it (``pipeline.write_part``)
            leads = [lead for item in section.walk_items() if item.family == ItemFamily.SHI
                     and (lead := lead_phrase(item.body_text))]
            found += [f"{first_half}｜{lead}" for lead in leads if says_no_more(lead, first_half)]
    return found


def restated_lead_rate(report: Report, restated: Sequence[str] | None = None) -> float:
    """Share of the items with a lead phrase whose first fact restates it (``restated``, when the
    caller has them already); 0.0 with none."""
    led = sum(bool(lead_phrase(i.body_text)) for i in shi_items(report))
    restated = restated_leads(report) if restated is None else restated
    return share(len(restated), led) if led else 0.0


def repeated_opening_rate(report: Report) -> float:
    """Share of a part's 一是 items (the problems part left out: its items are the writer's own
    sentences) that open with the same two characters as an earlier item of the part: 一是全面推动…
    二是全面开展… reads as a form filled in. 0.0 with no items."""
    repeated = total = 0
    for part in report.parts:
        if re.search(r"问题|不足", part.heading):
            continue
        seen: set[str] = set()
        for item in shi_items(Report(parts=[part])):
            opening = item.body_text.strip()[:2]
            total += 1
            repeated += opening in seen
            seen.add(opening)
    return share(repeated, total) if total else 0.0


def section_count(report: Report) -> int:
    return sum(len(part.sections) for part in report.parts)


def genre_scores(made: Draft, notes: Notes) -> dict[str, Any]:
    """The genre and meaning metrics of one draft, as flat keys for an eval case's scores."""
    units = written_units(made, notes)
    meaning = meaning_scores(units)
    generic = generic_headings(made.report)
    sections = section_count(made.report)
    restated = restated_leads(made.report)
    return {"lead_phrase_rate": lead_phrase_rate(made.report), "median_item_chars": median_item_chars(made.report),
            "median_item_ceiling": median_item_ceiling(made, notes), "model_lead_rate": model_lead_rate(units),
            "lead_coverage": lead_coverage(units),
            "generic_headings": generic, "repeated_opening_rate": repeated_opening_rate(made.report),
            "generic_heading_rate": share(len(generic), sections) if sections else 0.0,
            "nounish_heading_rate": share(len(nounish_headings(made.report)), sections) if sections else 0.0,
            "restated_leads": restated, "restated_lead_rate": restated_lead_rate(made.report, restated),
            "harm_leads": harm_leads(made.report), "heading_leads": (said := heading_leads(made.report)),
            "heading_lead_rate": share(len(said), led) if (led := len(led_items(made.report))) else 0.0,
            "lone_item_rate": lone_item_rate(made.report),
            **{f"meaning_{key}": value for key, value in meaning.to_dict().items()}}


def genre_summary(rows: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Per model over its cases: counts summed, rates averaged (keys as ``genre_scores`` writes them)."""
    def total(key: str) -> int:
        return sum(len(row.get(key, [])) for row in rows)

    def mean(key: str) -> float:
        return statistics.fmean(row.get(key, 0.0) for row in rows) if rows else 0.0

    return {"meaning_violations": total("meaning_violations"), "garbage": total("meaning_garbage"),
            "echoed": total("meaning_echoed"), "harm_leads": total("harm_leads"), "lead_rate": mean("lead_phrase_rate"),
            "median_item": mean("median_item_chars"),
            "median_item_ceiling": mean("median_item_ceiling"), "novel_rate": mean("meaning_novel_rate"),
            "fallback_rate": mean("meaning_fallback_rate"), "lead_fallback_rate": mean("meaning_lead_fallback_rate"),
            "model_lead_rate": mean("model_lead_rate"), "generic_heading_rate": mean("generic_heading_rate"),
            "nounish_heading_rate": mean("nounish_heading_rate"), "restated_lead_rate": mean("restated_lead_rate"),
            "heading_lead_rate": mean("heading_lead_rate"),
            "lone_item_rate": mean("lone_item_rate"), "lead_coverage": mean("lead_coverage"),
            "repeated_opening_rate": mean("repeated_opening_rate")}
