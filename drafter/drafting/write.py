"""Writing: notes → formal sentences, one unit at a time, each through the guard.

The model writes sentences only. Numbering (一、（一）一是), parts and headings are made by
code, so whatever markers a model adds are stripped here. With a small local model each call
writes ONE note (short prompt, short answer, easy to guard); with a strong endpoint a whole
section can be written per call, and any line that fails the guard is re-asked alone.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import HumanMessage, SystemMessage
from langchain_core.runnables import RunnableLambda

from drafter.drafting.draft import CallRecord
from drafter.drafting.guard import GuardResult, Rules, guarded
from drafter.drafting.notes import Note
from drafter.drafting.prompts import render, sections
from drafter.errors import ModelError
from drafter.structure.figures import PLACEHOLDER, mark_unknowns

MAX_FAILURES_IN_A_ROW = 3  # then stop asking: a dead endpoint must not cost 120 s per note
MAX_SENTENCES = 3

MARKER_RE = re.compile(
    r"^\s*(?:\[\d+\]|【\d+】|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|"
    r"\d{1,2}[.、．)）](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[-*•·]\s|[一二三四五六七八九十]+、)\s*"
)
INLINE_MARKER_RE = re.compile(r"(?<=[。；;！!，,：:、])\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,])")
LABEL_RE = re.compile(r"^\s*(?:输出|改写|答|回答|正文|结果|句子|措施|标题|摘要)\s*[：:]\s*")
# Markdown bold, told apart from the ** placeholder by what surrounds it: 完成**个 is a placeholder.
BOLD_RE = re.compile(r"(?:(?<=^)|(?<=[，。；：、\s]))\*\*([^*\n]{2,}?)\*\*(?=[，。；：、\s]|$)")
NUMBERED_LINE_RE = re.compile(r"^\s*(?:\[|【)\s*(\d{1,3})\s*(?:\]|】)\s*[：:.、]?\s*(.*)$")


class ModelRunner:
    """Calls the chat model, records every call, and stops after repeated failures."""

    def __init__(self, model: BaseChatModel | None, max_failures: int = MAX_FAILURES_IN_A_ROW):
        self.model = model
        self.records: list[CallRecord] = []
        self.failures_in_a_row = 0
        self.max_failures = max_failures
        # One constant system message first, so llama.cpp reuses its KV cache for it (and for
        # the section context that follows) across the item calls of a draft.
        system = SystemMessage(render("system"))
        self.chain = RunnableLambda(lambda prompt: [system, HumanMessage(prompt)]) | model if model is not None else None

    @property
    def exhausted(self) -> bool:
        return self.chain is None or self.failures_in_a_row >= self.max_failures

    def ask(self, stage: str, prompt: str) -> str:
        if self.chain is None:
            raise ModelError("没有可用的模型。")
        if self.exhausted:
            raise ModelError("模型已连续多次没有响应，其余内容直接由要点生成。")
        started = time.monotonic()
        try:
            message = self.chain.invoke(prompt)
        except Exception as error:  # the model is an outside system: any failure is a failed call
            self.failures_in_a_row += 1
            self.records.append(CallRecord(stage, seconds=time.monotonic() - started, ok=False))
            raise ModelError(f"{type(error).__name__}: {error}") from error
        self.failures_in_a_row = 0
        usage = getattr(message, "usage_metadata", None) or {}
        self.records.append(CallRecord(
            stage, usage.get("input_tokens", 0), usage.get("output_tokens", 0), time.monotonic() - started, True
        ))
        content = message.content if isinstance(message.content, str) else str(message.content)
        return content


@dataclass
class WriteContext:
    """What every prompt of one part or section says about where the text goes."""

    org: str
    period: str  # 2024年上半年
    kind_label: str
    part: str  # the part's heading
    role: str
    section: str = ""  # the section's name, when there is one
    exemplars: str = ""  # the quoted exemplar block, already masked
    context: list[str] = field(default_factory=list)  # texts whose figures are always allowed (title)

    def common(self) -> dict[str, str]:
        return {
            "org": self.org, "period": self.period, "kind_label": self.kind_label, "part": self.part,
            "section": f"（小节：{self.section}）" if self.section else "",
        }


def role_rule(role: str) -> str:
    rules = sections("role_rules")
    return rules.get(role, rules["progress"])


def fallback_text(role: str, **values: str) -> str:
    return sections("fallbacks")[role].format(**values)


def feedback_block(feedback: str | None) -> str:
    return render("feedback", feedback=feedback) if feedback else ""


def violation_block(violation: str) -> str:
    return render("violation", violation=violation) if violation else ""


# --- cleaning --------------------------------------------------------------------------


def clean_reply(reply: str, limit: int = MAX_SENTENCES) -> str:
    """The model's answer as one run of sentences: no markers, labels, quotes or fences."""
    text = re.sub(r"```\w*", "", reply)
    lines = []
    for line in text.splitlines():
        # A small model sometimes echoes the quoting of the exemplars ("> …").
        line = LABEL_RE.sub("", line.strip().lstrip(">＞ ").strip())
        while (stripped := MARKER_RE.sub("", line, count=1)) != line:
            line = stripped
        line = line.strip().strip("“”\"'「」『』").strip()
        if line and not line.startswith("#"):
            lines.append(line)
    text = "".join(lines)
    text = BOLD_RE.sub(r"\1", text)
    text = INLINE_MARKER_RE.sub("", text)
    text = mark_unknowns(text)
    return finish_sentences(text, limit)


def finish_sentences(text: str, limit: int = MAX_SENTENCES) -> str:
    text = text.strip().replace(";", "；").replace(",", "，") if re.search(r"[\u4e00-\u9fff]", text) else text.strip()
    text = re.sub(r"(?<=\d)，(?=\d{3})", ",", text)  # keep 1,200 as written
    sentences = re.findall(r"[^。！？!?]+[。！？!?]?", text)
    text = "".join(sentences[:limit]).strip()
    if text and text[-1] not in "。！？":
        text = text.rstrip("，；、：,;:") + "。"
    return text


def note_sentence(note: Note) -> str:
    """The deterministic fallback: the note itself, as a finished sentence."""
    text = INLINE_MARKER_RE.sub("", MARKER_RE.sub("", mark_unknowns(note.text)))
    return finish_sentences(text, limit=20)


def split_numbered(reply: str, count: int) -> dict[int, str]:
    """[1] … lines → {1: …}; a reply without numbers but with exactly ``count`` lines maps in order."""
    found: dict[int, str] = {}
    plain: list[str] = []
    for line in reply.splitlines():
        if match := NUMBERED_LINE_RE.match(line):
            number = int(match[1])
            if 1 <= number <= count and number not in found:
                found[number] = match[2]
        elif line.strip():
            plain.append(line)
    if not found and len(plain) == count:
        found = {index + 1: line for index, line in enumerate(plain)}
    return found


# --- writing ---------------------------------------------------------------------------


@dataclass
class Written:
    note_ids: list[str]
    result: GuardResult


def batch_reply_first(first_reply: str | None, ask: Callable[[str], str], source: str) -> Callable[[str], str]:
    """The guard's generator: the line a batch call already wrote first, then fresh calls
    (each told the violation that sent it back). ``source`` is the note the text comes from."""
    pending = [first_reply]

    def generate(violation: str) -> str:
        if pending[0] is not None and not violation:
            reply, pending[0] = pending[0], None
        else:
            reply = ask(violation)
        return drop_unasked_placeholders(clean_reply(reply), source)

    return generate


def drop_unasked_placeholders(text: str, source: str) -> str:
    """``**`` means "figure to fill" only where the note has one; elsewhere it is the model's
    Markdown bold (**规划体系基本成型。**县级…), which must not turn into a to-fill field."""
    if PLACEHOLDER in mark_unknowns(source):
        return text
    return text.replace(PLACEHOLDER, "")


def item_rules(notes: list[Note], context: WriteContext) -> Rules:
    return Rules.for_notes([n.text for n in notes], context.context)


def write_item(runner: ModelRunner, note: Note, context: WriteContext, feedback: str | None = None,
               first_reply: str | None = None) -> GuardResult:
    """One note → one or two sentences, guarded. ``first_reply`` is a line from a section call."""

    def ask(violation: str) -> str:
        prompt = render(
            "write_item", **context.common(), role_rule=role_rule(context.role), exemplars=context.exemplars,
            feedback=feedback_block(feedback) + violation_block(violation), note=note.text,
        )
        return runner.ask("write", prompt)

    generate = batch_reply_first(first_reply, ask, note.text)
    return guarded(generate, item_rules([note], context), lambda: note_sentence(note), retries=1)


def numbered(notes: list[Note]) -> str:
    return "\n".join(f"[{i}] {note.text}" for i, note in enumerate(notes, start=1))


def ask_numbered(runner: ModelRunner, stage: str, prompt: str, count: int) -> dict[int, str]:
    """One batch call answered as "[n] …" lines; a failed call gives no lines, and each unit
    is then asked on its own."""
    try:
        return split_numbered(runner.ask(stage, prompt), count)
    except ModelError:
        return {}


def write_section(runner: ModelRunner, notes: list[Note], context: WriteContext,
                  feedback: str | None = None) -> list[GuardResult]:
    """Several notes in one call (strong models); failed lines are re-asked one by one."""
    if len(notes) == 1 or runner.exhausted:
        return [write_item(runner, note, context, feedback) for note in notes]
    prompt = render(
        "write_section", **context.common(), role_rule=role_rule(context.role), exemplars=context.exemplars,
        feedback=feedback_block(feedback), count=len(notes),
        notes=numbered(notes),
    )
    lines = ask_numbered(runner, "write", prompt, len(notes))
    return [write_item(runner, note, context, feedback, first_reply=lines.get(i, ""))
            for i, note in enumerate(notes, start=1)]


def write_measures(runner: ModelRunner, problems: list[Note], context: WriteContext,
                   feedback: str | None = None) -> list[GuardResult]:
    """One matching measure per problem, in one call; no figure beyond the problem's own."""
    if not problems:
        return []
    replies: dict[int, str] = {}
    if not runner.exhausted:
        prompt = render(
            "measures", **{k: v for k, v in context.common().items() if k != "section"},
            count=len(problems), feedback=feedback_block(feedback),
            problems=numbered(problems),
        )
        replies = ask_numbered(runner, "measures", prompt, len(problems))
    results = []
    for index, problem in enumerate(problems, start=1):
        results.append(write_measure(runner, problem, context, replies.get(index, ""), feedback))
    return results


def write_measure(runner: ModelRunner, problem: Note, context: WriteContext, first_reply: str | None,
                  feedback: str | None = None) -> GuardResult:
    def ask(violation: str) -> str:
        prompt = render(
            "measures", **{k: v for k, v in context.common().items() if k != "section"}, count=1,
            feedback=feedback_block(feedback) + violation_block(violation), problems=f"[1] {problem.text}",
        )
        return next(iter(split_numbered(runner.ask("measures", prompt), 1).values()), "")

    generate = batch_reply_first(first_reply, ask, problem.text)
    rules = Rules.for_notes([problem.text], context.context, require=False)
    core = mark_unknowns(problem.text).rstrip("。；;，, ")
    return guarded(generate, rules, lambda: fallback_text("measure", problem=core), retries=1)


def write_generic(runner: ModelRunner, context: WriteContext, instruction: str, notes: list[Note],
                  feedback: str | None = None) -> GuardResult:
    """A short paragraph with no figures (指导思想 and the like when the notes say nothing)."""
    def generate(violation: str) -> str:
        prompt = render(
            "generic", **{k: v for k, v in context.common().items() if k != "section"}, instruction=instruction,
            notes="参考要点：" + "；".join(n.text for n in notes) if notes else "",
            feedback=feedback_block(feedback) + violation_block(violation),
        )
        return clean_reply(runner.ask("generic", prompt))

    rules = Rules.for_notes([n.text for n in notes], context.context, require=bool(notes))
    fallback: Callable[[], str] = (
        (lambda: "".join(note_sentence(n) for n in notes)) if notes else (lambda: fallback_text(context.role))
    )
    return guarded(generate, rules, fallback)
