"""Writing: notes → formal sentences, one unit at a time, each through the guard.

The model writes sentences only. Numbering (一、（一）一是), parts and headings are made by
code, so whatever markers a model adds are stripped here. Items are composed in the genre's
shape (``drafter.drafting.compose``): code groups two to four related notes into one item, and
with a small local model each call writes ONE item — a lead phrase (validated, else built from
the notes) and the facts; with a strong endpoint a whole section can be written per call, and
any item that fails the guard is re-asked alone.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from langchain_core.messages import BaseMessage

from drafter.drafting.compose import (
    aspect_label,
    aspect_of,
    choose_lead,
    compose_item,
    content_words,
    fallback_lead,
    lead_grammar,
    lead_tokens,
    lead_violations,
    lead_words,
    measure_grammar,
    measure_only,
    names_label,
    needed_label,
    opens_on_a_verb,
    own_lead,
    remedy,
    restates,
    says_its_note,
    says_no_more,
    shared_label,
    split_item_reply,
    usable_topic,
    without_aspect,
)
from drafter.drafting.draft import Rejection
from drafter.drafting.grouping import OPENING_TIME_RE
from drafter.drafting.guard import GuardResult, Rules, guarded
from drafter.drafting.interface import Guard
from drafter.drafting.meaning import check_meaning, without_promises
from drafter.drafting.notes import PLAN_ROLES, SPEAKER, Note
from drafter.drafting.prompts import prompt_messages, render, sections
from drafter.errors import DrafterError, ModelError
from drafter.models.runner import ModelRunner
from drafter.structure.figures import PLACEHOLDER, find_figures, mark_unknowns
from drafter.structure.proofread import apply_safe_fixes

MAX_SENTENCES = 3
LEAD_ATTEMPTS = 2  # the model's lead, re-asked once with what was wrong, then one built from the notes
LEAD_REPLY_TOKENS = 40  # a lead is one short line: a model that runs on past it is cut off

MARKER_RE = re.compile(
    r"^\s*(?:\[\d+\]|【\d+】|[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,]|"
    r"\d{1,2}[.、．)）](?!\d)|[（(][一二三四五六七八九十\d]+[）)]|[-*•·]\s|[一二三四五六七八九十]+、)\s*"
)
INLINE_MARKER_RE = re.compile(r"(?<=[。；;！!，,：:、])\s*(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，、,])")
LABEL_RE = re.compile(r"^\s*(?:输出|改写|答|回答|正文|结果|句子|措施|标题|摘要)\s*[：:]\s*")
# Markdown bold, told apart from the ** placeholder by what surrounds it: 完成**个 is a placeholder.
BOLD_RE = re.compile(r"(?:(?<=^)|(?<=[，。；：、\s]))\*\*([^*\n]{2,}?)\*\*(?=[，。；：、\s]|$)")
NUMBERED_LINE_RE = re.compile(r"^\s*(?:\[|【)\s*(\d{1,3})\s*(?:\]|】)\s*[：:.、]?\s*(.*)$")


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
    section_notes: list[str] = field(default_factory=list)  # the section's notes: words a unit may draw on
    # the first half of the section's heading (聚焦经济发展) when it heads several items: an item's
    # lead names a work of its own, as the seeds' do (强化规划引领 over 扎实做好国土空间规划编制)
    heading: str = ""

    def common(self) -> dict[str, str]:
        return {
            "org": self.org, "period": self.period, "kind_label": self.kind_label, "part": self.part,
            "section": f"（小节：{self.section}）" if self.section else "",
        }


def role_rule(role: str) -> str:
    rules = sections("role_rules")
    return rules.get(role, rules["progress"])


def lead_role(role: str) -> str:
    """What a lead's notes are (已经完成的工作 / 下一步的工作安排), as the lead prompt says it."""
    roles = sections("lead_roles")
    return roles.get(role, roles["progress"])


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
    # 入库…96家。同比增加21家。: a comparison or a breakdown is no sentence of its own
    text = re.sub(r"。(?=(?:同比|环比|较上年|比上年|较去年|比去年|其中)[^。]{0,40}[0-9０-９])", "，", text)
    sentences = re.findall(r"[^。！？!?]+[。！？!?]?", text)
    text = "".join(sentences[:limit]).strip()
    if text and text[-1] not in "。！？":
        text = text.rstrip("，；、：,;:") + "。"
    # a note's own slips ("亩均效益" with straight quotes) would be the draft's: the checker flagged them
    return apply_safe_fixes(text)[0]


# A letter's way into a plan (下一步，我局将重点做好…): under 下半年工作计划 the plan opens on its work.
# …and 下步将抓好… (a 就业股's 下步本人将…, its 本人 read past): the next step said once, by the part
PLAN_FRAME_RE = re.compile(r"^(?:(?:下一步|下步|下阶段|下半年|明年|今后)[，,]\s*|(?:下一步|下步|下阶段)(?=将|拟))?"
                           rf"(?:{SPEAKER}(?:将|拟|要)?|将(?![军来近]))?")


def note_sentence(note: Note) -> str:
    """The deterministic fallback: the note itself, as a finished sentence."""
    text = INLINE_MARKER_RE.sub("", MARKER_RE.sub("", mark_unknowns(note.text)))
    if note.role == "plans" and (frame := PLAN_FRAME_RE.match(text)) and len(text) - frame.end() >= 4:
        text = text[frame.end():]
    return finish_sentences(with_doing_verb(text), limit=20)


# A campaign named with no verb (春季农资打假专项行动，检查农资经营门店126家次 / 秋季农资市场检查, an
# 农业执法大队's notes) reads in a report as a fragment: 开展 goes before it, as the writer would say it.
CAMPAIGN_RE = re.compile(r"专项(?:行动|检查|整治|治理|斗争|督查|排查|执法)$|大(?:检查|排查|整治|督查)$")
CHECK_ENDINGS = ("检查", "排查", "巡查", "督查", "整治", "抽检", "演练")
NAMING_FLAGS = {"n", "nz", "t", "x", "j", "m", "q"}  # a clause of these and a check at its end names it (加密: ns)


def with_doing_verb(text: str) -> str:
    """``text`` with 开展 before its first clause when that clause only names a campaign or a check
    (after a time it opens with: 一季度，种子市场专项检查，… → 一季度，开展种子市场专项检查，…)."""
    opening = OPENING_TIME_RE.match(text)
    start = opening.end() if opening else 0
    clause = re.split(r"[，,；;。]", text[start:], maxsplit=1)[0]
    campaign = bool(CAMPAIGN_RE.search(clause))
    if not campaign and not clause.endswith(CHECK_ENDINGS):
        return text  # most notes: no campaign or check to name, no words to tag (every note's sentence comes here)
    tokens = lead_tokens(clause)
    words = lead_words()
    # …a verb of its own anywhere (下半年开展…专项整治, 春节前开展…, 计划开展…) does the campaign already
    doing = {*words.openers, *words.grammar_verbs, *words.work_verbs, *words.doing_verbs, *words.making_verbs,
             *words.note_openers, *words.intent_openers}
    if len(tokens) < 2 or tokens[0][1].startswith(("v", "d", "a", "p")) or any(w in doing for w, _ in tokens):
        return text
    named = campaign or all(flag in NAMING_FLAGS for _, flag in tokens[:-1])
    return f"{text[:start]}开展{text[start:]}" if named else text


def facts_text(notes: Sequence[Note]) -> str:
    """The notes' own sentences, one after another; a note that only gives a measure's value
    (办结率99.5%, no verb) continues the sentence before it, as a writer would put it
    (受理不动产登记3210件，办结率99.5%。), not a sentence of its own; a time the note before
    opened with is not said again."""
    text, time, label = "", "", ""
    for note in notes:
        # a label the note before already said (寄递安全方面，…。寄递安全方面，…): said once
        said_label, label = label, aspect_of(note.text)
        sentence = note_sentence(replace(note, text=without_aspect(note.text)) if label and label == said_label else note)
        # 3月，开展…评选…。3月，组织…培训… (notes kept by month): the month said once
        opening = OPENING_TIME_RE.match(sentence)
        said = opening[0].strip(" ，,") if opening else ""
        if opening and said and said == time:
            sentence = sentence[opening.end():]
        time = said or time
        if text.endswith("。") and measure_only(sentence.rstrip("。")):
            text = text[:-1] + "，" + sentence
        else:
            text += sentence
    return text


def guidance_as_written(notes: Sequence[Note], standard: str) -> str:
    """A 指导思想 paragraph from the writer's own lines, joined as one sentence, opened by the
    standard wording's first clause (坚持以…思想为指导) unless the lines already say what guides."""
    text = "，".join(note_sentence(note).rstrip("。") for note in notes)
    opening = standard.split("，", 1)[0]
    if opening.endswith("为指导") and "为指导" not in text:
        text = f"{opening}，{text}"
    return finish_sentences(text)


def as_written(note: Note) -> GuardResult:
    """A unit that is the note itself, by design (not a fallback): no model call was made."""
    return GuardResult(note_sentence(note), 0, False)


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


def first_then_ask(first_reply: str | None, ask: Callable[[str], str]) -> Callable[[str], str]:
    """The raw reply for one guard attempt: the line a batch call already wrote, once, then fresh
    calls (each told the violation that sent the text back)."""
    pending = [first_reply]

    def reply_for(violation: str) -> str:
        if pending[0] is not None and not violation:
            reply, pending[0] = pending[0], None
            return reply
        return ask(violation)

    return reply_for


def batch_reply_first(first_reply: str | None, ask: Callable[[str], str], source: str) -> Callable[[str], str]:
    """The guard's generator: the line a batch call already wrote first, then fresh calls
    (each told the violation that sent it back). ``source`` is the note the text comes from."""
    reply_for = first_then_ask(first_reply, ask)

    def generate(violation: str) -> str:
        return drop_unasked_placeholders(clean_reply(reply_for(violation)), source)

    return generate


def drop_unasked_placeholders(text: str, source: str) -> str:
    """``**`` means "figure to fill" only where the note has one; elsewhere it is the model's
    Markdown bold (**规划体系基本成型。**县级…), which must not turn into a to-fill field."""
    if PLACEHOLDER in mark_unknowns(source):
        return text
    return text.replace(PLACEHOLDER, "")


def item_rules(notes: list[Note], context: WriteContext) -> Rules:
    return Rules.for_notes([n.text for n in notes], context.context, role=context.role,
                           context_notes=context.section_notes, heading=topics_of(notes, context))


def topics_of(notes: list[Note], context: WriteContext) -> str:
    """The section's name and the notes' own topics (a plan note under ## 不动产登记 may say 登记)."""
    return " ".join(dict.fromkeys(t for t in [context.section, *(n.topic for n in notes)] if t))


def write_item(runner: ModelRunner, note: Note, context: WriteContext, feedback: str | None = None,
               first_reply: str | None = None, *, guard: Guard = guarded) -> GuardResult:
    """One note → one or two sentences, guarded. ``first_reply`` is a line from a section call."""

    def ask(violation: str) -> str:
        prompt = prompt_messages(
            "write_item", **context.common(), role_rule=role_rule(context.role), exemplars=context.exemplars,
            feedback=feedback_block(feedback) + violation_block(violation), note=note.text,
        )
        return runner.ask("write", prompt)

    generate = batch_reply_first(first_reply, ask, note.text)
    return guard(generate, item_rules([note], context), lambda: note_sentence(note), 1)


def numbered(notes: list[Note]) -> str:
    return "\n".join(f"[{i}] {note.text}" for i, note in enumerate(notes, start=1))


def ask_numbered(runner: ModelRunner, stage: str, prompt: Sequence[BaseMessage], count: int) -> dict[int, str]:
    """One batch call answered as "[n] …" lines; a failed call gives no lines, and each unit
    is then asked on its own."""
    try:
        return split_numbered(runner.ask(stage, prompt), count)
    except ModelError:
        return {}


def write_section(runner: ModelRunner, notes: list[Note], context: WriteContext,
                  feedback: str | None = None, *, guard: Guard = guarded) -> list[GuardResult]:
    """Several notes in one call (strong models); failed lines are re-asked one by one."""
    if len(notes) == 1 or runner.exhausted:
        return [write_item(runner, note, context, feedback, guard=guard) for note in notes]
    prompt = prompt_messages(
        "write_section", **context.common(), role_rule=role_rule(context.role), exemplars=context.exemplars,
        feedback=feedback_block(feedback), count=len(notes),
        notes=numbered(notes),
    )
    lines = ask_numbered(runner, "write", prompt, len(notes))
    return [write_item(runner, note, context, feedback, first_reply=lines.get(i, ""), guard=guard)
            for i, note in enumerate(notes, start=1)]


def write_measures(problems: list[Note]) -> list[GuardResult]:
    """One measure per problem no plan of the writer's answers, built from the problem's own words
    (``compose.remedy``) with no model call. Asked, the 1.5B model wrote measures of its own for a
    third of them (加强土地流转 for 村集体经济增收渠道单一, 减少违规资金追回): facts a reviewer must
    check, where this commits to nothing the writer did not write."""
    return [GuardResult(remedy(mark_unknowns(problem.text), index), 0, False) for index, problem in enumerate(problems)]


def write_measure(runner: ModelRunner, problem: Note, context: WriteContext, feedback: str | None = None, *,
                  guard: Guard = guarded) -> GuardResult:
    """The model's measure for one problem, when a reviewer asks for it again (with feedback);
    the measure built from the problem's words when the model's is refused twice."""
    def generate(violation: str) -> str:
        prompt = prompt_messages(
            "measures", **{k: v for k, v in context.common().items() if k != "section"}, count=1,
            feedback=feedback_block(feedback) + violation_block(violation), problems=f"[1] {problem.text}",
        )
        # Re-asked, a local model writes with the problem's words and the genre's only: free, the
        # 1.5B model answered a refusal with new inventions (年轻一代, 优质服务) as often as not.
        options = {"grammar": measure_grammar(problem.text)} if violation else {}
        reply = next(iter(split_numbered(runner.ask("measures", prompt, **options), 1).values()), "")
        # A small model adds a deadline to a sound measure (加快…办理，确保在下半年完成): the promise goes.
        return without_promises(reply, [problem.text])

    rules = Rules.for_notes([problem.text], context.context, require=False, role="measure",
                            context_notes=context.section_notes, heading=topics_of([problem], context))
    return guard(generate, rules, lambda: remedy(mark_unknowns(problem.text)), 1)


def write_generic(runner: ModelRunner, context: WriteContext, instruction: str, notes: list[Note],
                  feedback: str | None = None, *, guard: Guard = guarded) -> GuardResult:
    """A short paragraph with no figures (指导思想 and the like when the notes say nothing)."""
    def generate(violation: str) -> str:
        prompt = prompt_messages(
            "generic", **{k: v for k, v in context.common().items() if k != "section"}, instruction=instruction,
            notes="参考要点：" + "；".join(n.text for n in notes) if notes else "",
            feedback=feedback_block(feedback) + violation_block(violation),
        )
        return clean_reply(runner.ask("generic", prompt))

    # With no notes the model may only rephrase the kind's standard wording, never invent claims.
    sources = [n.text for n in notes] or [sections("fallbacks").get(context.role, "")]
    rules = Rules.for_notes([n.text for n in notes], context.context, require=bool(notes), role=context.role,
                            context_notes=sources, heading=context.section)
    fallback: Callable[[], str] = (
        (lambda: facts_text(notes)) if notes else (lambda: fallback_text(context.role))
    )
    return guard(generate, rules, fallback)


@dataclass
class ComposedItem:
    """A guarded item of several notes, and whether its lead phrase had to be built by code."""

    result: GuardResult
    lead_fallback: bool = True
    lead_violations: list[str] = field(default_factory=list)


def write_composed(runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
                   exemplar_texts: Sequence[str] = (), feedback: str | None = None,
                   first_reply: str | None = None, *, guard: Guard = guarded) -> ComposedItem:
    """Two to four notes → one item: a lead phrase naming the work, then the facts, guarded as one.

    The lead is validated on its own (``compose.choose_lead``: the item's own words, never an
    exemplar's); a refused lead is replaced by one built from the notes, which does not cost a
    call. ``index`` is the item's place among its siblings (the fallback verbs take turns).
    """
    texts = [note.text for note in notes]
    joined = "；".join(texts)
    lead_state = ComposedItem(GuardResult("", 0, True))

    def ask(violation: str) -> str:
        prompt = prompt_messages(
            "write_composed", **context.common(), role_rule=role_rule(context.role), exemplars=context.exemplars,
            feedback=feedback_block(feedback) + violation_block(violation), count=len(notes), notes=numbered(notes),
        )
        return runner.ask("write", prompt)

    reply_for = first_then_ask(first_reply, ask)

    def generate(violation: str) -> str:
        candidate, body = split_item_reply(reply_for(violation))
        lead, fell_back, why = choose_lead(candidate, texts, index, context.role, exemplar_texts, context.section)
        lead_state.lead_fallback, lead_state.lead_violations = fell_back, why
        body = drop_unasked_placeholders(clean_reply(body, limit=2 * len(notes) + 2), joined)
        return compose_item(lead, body)

    def fallback() -> str:
        lead_state.lead_fallback = True
        lead = fallback_lead(texts, index, context.role, context.section)
        return compose_item(lead, facts_text(notes))

    lead_state.result = guard(generate, item_rules(notes, context), fallback, 1)
    return lead_state


def write_led_item(runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
                   exemplar_texts: Sequence[str] = ()) -> ComposedItem:
    """Two to four notes → one item whose lead phrase the model writes and whose facts are the
    notes' own sentences (small local models).

    A 1.5B model asked to rewrite an item's facts copies them, drops some, or adds a goal; asked
    for the lead alone it writes one in a second or two. So the model writes the short piece
    only it can (naming the work in the genre's words), checked like any lead (``choose_lead``:
    verb first, the item's own nouns, no figures, the role's voice), re-asked once naming what
    was wrong, else built from the notes; the facts keep the writer's wording and figures.
    """
    body = facts_text(notes)
    if all(is_suggestion(note.text) for note in notes):
        # 建议县财政安排课后服务专项经费 asks another body to act: a lead over it said the unit did the
        # work itself (深入实施财政保障教师课后服务, 1.5B, an 教育局's report on 双减), so it stands as written
        return ComposedItem(GuardResult(body, 0, False), False, [])
    if len(notes) == 1 and (opening := own_lead(body.rstrip("。"), context.role)):
        # A note that opens by naming its work (盯紧签约项目，9月底前…) is the item as written: no call.
        lead, rest = opening
        return ComposedItem(GuardResult(compose_item(lead, finish_sentences(rest)), 0, False), False, [])
    if lead := writers_lead(notes, context):
        # （一）开展全覆盖检查。3月至6月，对全县学校食堂…: the writer's label reads as a lead, and is
        # theirs (the 1.5B's over it had been 全面检查学校食堂): no call
        return ComposedItem(GuardResult(compose_item(lead, body), 0, False), False, [])
    asked = ask_lead(runner, notes, context, index, exemplar_texts)
    if (aspect := aspect_label(notes)) and names_label(asked.lead, aspect):
        # the lead names what 信访维稳方面， said: the facts go on without it (一是扎实推进信访维稳工作。受理…)
        body = facts_text([replace(n, text=without_aspect(n.text)) if aspect_of(n.text) == aspect else n for n in notes])
    said_again = len(notes) == 1 and says_its_note(asked.lead, body, context.role)
    if said_again and (labelled := label_lead(notes[0], context, index)):
        # 人民调解：调解各类矛盾纠纷3621件 — the writer's label names the work in other words than
        # the note's opening (一是扎实推进人民调解工作。调解各类矛盾纠纷3621件…): built by code. So
        # does a ledger row's plan (矛盾纠纷排查化解 | 对剩余38件逐件落实包案领导): alone, 剩余38件
        # said nothing of what they were.
        return ComposedItem(GuardResult(compose_item(labelled, body), asked.attempts, True, asked.rejected), True,
                            asked.why or ["概括短语重复了要点的开头，改用要点的标签"])
    if said_again:
        # The note's first clause already names its work (9月底前开展一次全县社区矫正安全大排查):
        # a lead over it that says it again (扎实举办招聘会。举办招聘会20场。) is only said twice, so
        # the note stands as the item. Every reply refused still counts as a fallback: the item is
        # the code's, not the model's.
        return ComposedItem(GuardResult(body, asked.attempts, asked.fallback, asked.rejected), asked.fallback, asked.why)
    if asked.fallback and len(notes) == 1 and context.role in PLAN_ROLES and opens_on_a_verb(body) \
            and all((word.removesuffix("工作") or word) in body for word in content_words(asked.lead)):
        # A plan of one clause that names its work (加快G351改线工程建设，年底前路基全部完工), the
        # model's leads refused: a lead built by code from its own words named a piece of it
        # (持续推进路基工作, 1.5B, a 交通局's plans) or said it twice (全力抓好县级零工市场工作。年底前
        # 建成县级零工市场。), so the plan stands as written. A lead naming the writer's topic
        # (持续推进基金监管) says more and stays. Still the code's item, a fallback.
        return ComposedItem(GuardResult(body, asked.attempts, True, asked.rejected), True, asked.why)
    if not asked.sound:
        # No lead passed, not even one built by code (持续推进“办证难”工作 over 再化解“办证难”项目5个
        # pushes a difficulty on): the note stands as written, as a short item does in the seeds.
        return ComposedItem(GuardResult(body, asked.attempts, True, asked.rejected), True, asked.why)
    result = GuardResult(compose_item(asked.lead, body), asked.attempts, asked.fallback, asked.rejected)
    return ComposedItem(result, asked.fallback, asked.why)


SUGGESTION_OPENERS = ("建议", "提请", "恳请", "请求")


def is_suggestion(text: str) -> bool:
    """Whether a note asks another body to act (建议县财政安排…, 提请县政府研究…) rather than stating work."""
    return text.lstrip().startswith(SUGGESTION_OPENERS)


RESTATED_LEAD = "概括短语只是把要点开头的话又说了一遍，应换个说法概括这项工作（如“扎实做好某某工作”）"
HEADING_SAID = "概括短语和小标题“{heading}”说的是同一件事，应点明这几条要点具体做的是哪项工作"


def says_the_heading(lead: str, heading: str) -> bool:
    """Whether a lead names nothing its section's heading does not (一是全面推动经济发展 under （一）
    聚焦经济发展，…: 90 of 266 sections of the 1.5B's drafts opened so, both named from the section's
    name). A lone item's lead is dropped under such a heading instead (``lone_text``)."""
    return bool(heading) and says_no_more(lead, heading)


def says_its_note_again(lead: str, texts: Sequence[str], role: str) -> bool:
    """Whether the item's first note opens with what the lead says, where a lead in other words
    is wanted: a result's one note with facts after its opening (扎实开展世界气象日科普进校园活动
    over 3月23日，开展“世界气象日”科普进校园活动，覆盖学生…), or any item of several notes (全面推动
    政务数据共享平台二期上线。政务数据共享平台二期上线，…, 1.5B, a 数据局's). The model is asked once
    more, for a lead as the seeds' (持续优化登记服务。扎实开展不动产登记服务，…). Plans and problems of
    one clause rightly stand without a lead."""
    if not texts or not restates(lead, texts[0]):
        return False
    return len(texts) > 1 or (role == "progress" and bool(find_figures(texts[0])))


def writers_lead(notes: Sequence[Note], context: WriteContext) -> str:
    """The writer's label over all of ``notes`` when it opens on a verb and passes as a lead
    (开展全覆盖检查, 严查违法行为 — a special report's （一）…（五）, one paragraph each), unless it
    names the section already; else ""."""
    from drafter.drafting.outline import heading_verbs  # outline imports this module where it writes

    label = shared_label(notes)
    words = lead_words()
    # a verb of the genre's, not jieba's reading: 违法|建设治理 names a work, it does not lead one
    if not label or label == usable_topic(context.section) \
            or not label.startswith((*words.work_verbs, *words.doing_verbs, *heading_verbs())):
        return ""
    # its words are the writer's own (严查 of 立案查处…): checked as a lead, not against the notes' words
    return "" if lead_violations(label, [note.text for note in notes], role=context.role, topic=label) else label


def sub_heading(notes: Sequence[Note], section: str) -> str:
    """The writer's heading every one of ``notes`` is under, below the one that names their
    section (青少年科技教育 under 科普工作), when it can name a work; else ""."""
    return shared_label(notes) if section and notes and all(note.parent == section for note in notes) else ""


def label_lead(note: Note, context: WriteContext, index: int) -> str:
    """A lead built on the note's own label (人民调解, 宣传培训) when it says what the note's opening
    does not, and the section's heading does not already say it; else ""."""
    label = shared_label([note])
    if not label or label == usable_topic(context.section) or all(w in note.text for w in content_words(label)):
        return ""
    lead = fallback_lead([note.text], index, context.role, label=label)
    fits = names_label(lead, label) and not restates(lead, note.text)
    return lead if fits and not lead_violations(lead, [note.text], role=context.role, topic=label) else ""


@dataclass
class AskedLead:
    """A lead phrase over some notes: the model's when the checks passed, else one built by code."""

    lead: str
    fallback: bool
    attempts: int
    rejected: list[Rejection]
    why: list[str]  # why the model's last lead was refused
    sound: bool = True  # False: a built lead the lead checks refuse too (no candidate passed)


def ask_lead(runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
             exemplar_texts: Sequence[str] = (), feedback: str | None = None) -> AskedLead:
    """The model's lead over ``notes`` under the lead grammar, checked (``choose_lead`` and the
    meaning guard), re-asked once naming what was wrong, else built from the notes. A reviewer's
    ``feedback`` goes into every prompt."""
    # A line's label is part of its note where the note needs it (老旧小区改造：今年计划改造20个…):
    # the model sees it, the lead must name it, and a built lead names it first.
    needed = needed_label(notes, context.section)
    notes = [replace(note, text=f"{needed}：{note.text}") for note in notes] if needed else notes
    # 信访维稳方面，受理… names its work in its own words; so does the writer's sub-heading over
    # the item's notes (1.全国科普日活动 under （一）科普工作): the writer's own lead for them
    label = needed or aspect_label(notes) or sub_heading(notes, context.section)
    texts = [note.text for note in notes]
    # The writer's own heading names the work too: a plan note under ## 不动产登记 (年底前再化解300户)
    # has no noun of its own for a lead, its topic has.
    # Labels joined into one section (结核病防治、实验室建设) name no item: the item's own label
    # (实验室建设：新增检测项目38项…) does, and a built lead names it.
    section = usable_topic(context.section)
    own = label or ("" if section else shared_label(notes))
    topic = own or section or next((note.topic for note in notes if note.topic), "")
    rejected: list[Rejection] = []
    violation = redundant = ""
    attempts = 0
    grammar = lead_grammar(texts, topic)  # a local model writes with the notes' words only
    heading_said = HEADING_SAID.format(heading=context.heading)
    for _ in range(LEAD_ATTEMPTS):
        if runner.exhausted:
            break
        attempts += 1
        prompt = prompt_messages(
            # Not the part's title nor the kind: a small model echoed them (全面总结上半年工作进展情况).
            "write_lead", work=lead_role(context.role), section=context.common()["section"], exemplars=context.exemplars,
            feedback=feedback_block(feedback) + violation_block(violation), notes=numbered(notes),
        )
        try:
            reply = runner.ask("lead", prompt, stop=["\n"], max_tokens=LEAD_REPLY_TOKENS, grammar=grammar)
        except DrafterError as error:
            rejected.append(Rejection(f"模型调用失败：{error}"))
            break
        lead, fell_back, why = choose_lead(reply, texts, index, context.role, exemplar_texts, topic)
        if not fell_back:
            why = [v.message for v in check_meaning(lead, texts, role=context.role,
                                                    context_notes=context.section_notes, heading=topic)]
            why += [f"概括短语应写明这项工作“{label}”"] if label and not names_label(lead, label) else []
            why += [RESTATED_LEAD] if not why and says_its_note_again(lead, texts, context.role) else []
            why += [heading_said] if not why and says_the_heading(lead, context.heading) else []
        elif not why:  # nothing in the reply read as a lead (确保完成): built by code, not the model's
            why = ["没有写出概括短语，应写成“扎实推进某某工作”的动宾形式"]
        if not why:
            return AskedLead(lead, False, attempts, rejected, [])
        # the first lead only redundant is kept over a later one refused: asked again, the 1.5B had
        # copied the heading the violation quoted (一是聚焦经济发展 under （一）聚焦经济发展，…)
        if not redundant and why in ([RESTATED_LEAD], [heading_said]):
            redundant = lead
        violation = "；".join(why)
        rejected.append(Rejection(violation, reply.strip()[:80]))
    if redundant:
        # a lead said the note's opening, or its heading, again: valid, only redundant — the
        # caller lets a note so said stand alone, as it did before the re-ask; a heading said
        # again reads as the draft did before the re-ask (not a fallback). One built by code
        # instead had cut the note's name (举办理想信念教育培训班 said again → 扎实推进经济人士理想
        # 信念工作, a 工商联's notes, 1.5B)
        return AskedLead(redundant, False, attempts, rejected, [])
    # Nothing of the model's is left: it counts as built by code, like any fallback.
    built = fallback_lead(texts, index, context.role, topic, label=own)
    sound = not lead_violations(built, texts, role=context.role, topic=usable_topic(topic))
    return AskedLead(built, True, attempts, rejected, [r.reason for r in rejected[-1:]], sound)


def numbered_groups(groups: list[list[Note]]) -> str:
    return "\n".join(f"[{i}] " + "；".join(n.text for n in group) for i, group in enumerate(groups, start=1))


def write_composed_section(runner: ModelRunner, groups: list[list[Note]], context: WriteContext,
                           exemplar_texts: Sequence[str] = (), feedback: str | None = None,
                           *, guard: Guard = guarded) -> list[ComposedItem]:
    """Every item of a section in one call (strong models); an item that fails is re-asked alone."""
    if len(groups) == 1 or runner.exhausted:
        return [write_composed(runner, group, context, i, exemplar_texts, feedback, guard=guard)
                for i, group in enumerate(groups)]
    prompt = prompt_messages(
        "write_composed_section", **context.common(), role_rule=role_rule(context.role),
        exemplars=context.exemplars, feedback=feedback_block(feedback), count=len(groups),
        notes=numbered_groups(groups),
    )
    lines = ask_numbered(runner, "write", prompt, len(groups))
    return [write_composed(runner, group, context, i - 1, exemplar_texts, feedback, lines.get(i, ""), guard=guard)
            for i, group in enumerate(groups, start=1)]


@dataclass(frozen=True)
class ModelWriter:
    """The pipeline's default ``Writer``: the functions above, every unit through ``guard``."""

    guard: Guard = guarded

    def item(self, runner: ModelRunner, note: Note, context: WriteContext,
             feedback: str | None = None) -> GuardResult:
        return write_item(runner, note, context, feedback, guard=self.guard)

    def section(self, runner: ModelRunner, notes: list[Note], context: WriteContext) -> list[GuardResult]:
        return write_section(runner, notes, context, guard=self.guard)

    def composed(self, runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
                 exemplar_texts: Sequence[str] = (), feedback: str | None = None) -> ComposedItem:
        return write_composed(runner, notes, context, index, exemplar_texts, feedback, guard=self.guard)

    def led(self, runner: ModelRunner, notes: list[Note], context: WriteContext, index: int = 0,
            exemplar_texts: Sequence[str] = ()) -> ComposedItem:
        return write_led_item(runner, notes, context, index, exemplar_texts)

    def composed_section(self, runner: ModelRunner, groups: list[list[Note]], context: WriteContext,
                         exemplar_texts: Sequence[str] = ()) -> list[ComposedItem]:
        return write_composed_section(runner, groups, context, exemplar_texts, guard=self.guard)

    def measures(self, runner: ModelRunner, problems: list[Note], context: WriteContext) -> list[GuardResult]:
        return write_measures(problems)

    def measure(self, runner: ModelRunner, problem: Note, context: WriteContext,
                feedback: str | None = None) -> GuardResult:
        return write_measure(runner, problem, context, feedback, guard=self.guard)

    def paragraph(self, runner: ModelRunner, context: WriteContext, instruction: str, notes: list[Note],
                  feedback: str | None = None) -> GuardResult:
        return write_generic(runner, context, instruction, notes, feedback, guard=self.guard)
