"""The guard: every generated unit is checked before it enters a draft.

A unit passes when it (1) contains no figure that is not in its notes, (2) keeps every
figure of its notes (in any equal form: 1.1万 = 11000), (3) keeps the ``**`` to-fill mark
when a note has one, (4) names no quoted programme or document (“一张图”, 《…》) that its
notes do not name — small models lift those from exemplars — and (5) looks like Chinese
report prose rather than garbage, chatter or a refusal, and (6) — when the rules carry the
unit's role — keeps the meaning of its notes (drafting/meaning.py: voice by role, no markup or
echoed tags, no content words that no note says). A failed unit is re-asked once with the
violation named in the prompt (as instructor does), then replaced by a deterministic sentence
built from the note.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from decimal import Decimal

from drafter.drafting.draft import Rejection
from drafter.drafting.meaning import MeaningViolation, check_meaning
from drafter.errors import DrafterError
from drafter.structure.figures import PLACEHOLDER, Figure, figure_keys, find_figures

Key = tuple[str, Decimal | str]
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
CHATTER_RE = re.compile(r"抱歉|作为(一个)?(AI|人工智能|语言模型)|我无法|我不能|以下是|如下：|好的[，,]|当然[，,]|请提供|\bAI\b")
REPEAT_RE = re.compile(r"(.{2,8}?)\1{3,}")
QUOTED_RE = re.compile(r"[“《]([^”》\n]{2,30})[”》]")


@dataclass(frozen=True)
class MeaningRules:
    """What the unit must mean: its role, its own notes, and what else it may draw words from
    (the section's other notes and heading)."""

    role: str
    notes: tuple[str, ...]
    context_notes: tuple[str, ...] = ()
    heading: str = ""

    def check(self, text: str) -> list[MeaningViolation]:
        return check_meaning(text, self.notes, role=self.role, context_notes=self.context_notes, heading=self.heading)


@dataclass
class Rules:
    """What one unit may and must contain."""

    allowed: set[Key] = field(default_factory=set)
    required: list[Figure] = field(default_factory=list)
    placeholder: bool = False  # a note had an unknown figure: the text must keep **
    max_chars: int = 400
    min_chars: int = 6
    sources: str | None = None  # the notes and context; quoted names must come from here (None: not checked)
    meaning: MeaningRules | None = None  # None: the meaning guard is not applied

    @classmethod
    def for_notes(cls, texts: Iterable[str], context: Iterable[str] = (), require: bool = True,
                  max_chars: int | None = None, *, role: str | None = None, context_notes: Iterable[str] = (),
                  heading: str = "") -> Rules:
        """Rules for a unit written from ``texts``; with ``role``, its meaning is guarded too."""
        texts, context = list(texts), list(context)
        allowed: set[Key] = set()
        for text in [*texts, *context]:
            allowed |= figure_keys(text)
        required = unique_figures(f for text in texts for f in find_figures(text)) if require else []
        placeholder = require and any(PLACEHOLDER in text for text in texts)
        budget = max_chars or max(160, 4 * sum(len(t) for t in texts) + 80)
        # The unit may name its unit and period (the title context) as well as the section's words.
        meaning = MeaningRules(role, tuple(texts), (*context_notes, *context), heading) if role is not None else None
        return cls(allowed, required, placeholder, budget, sources="".join([*texts, *context]), meaning=meaning)


@dataclass
class GuardResult:
    """What the guard let through (or built as the fallback), and what it refused on the way;
    the writer puts this into the unit's ``WrittenUnit``."""

    text: str
    attempts: int
    fallback: bool
    violations: list[Rejection] = field(default_factory=list)


def unique_figures(figures: Iterable[Figure]) -> list[Figure]:
    seen: set[Key] = set()
    kept: list[Figure] = []
    for figure in figures:
        if figure.key not in seen:
            seen.add(figure.key)
            kept.append(figure)
    return kept


def violations(text: str, rules: Rules) -> list[str]:
    """Reasons, in Chinese and naming the figures, why ``text`` may not enter the draft."""
    found: list[str] = []
    if garbage := garbage_reason(text, rules):
        return [garbage]
    present = figure_keys(text)
    invented = [f.raw for f in find_figures(text) if f.key not in rules.allowed]
    if invented:
        found.append(f"出现了要点中没有的数字：{'、'.join(dict.fromkeys(invented))}")
    dropped = [f.raw for f in rules.required if f.key not in present]
    if dropped:
        found.append(f"漏掉了要点中的数字：{'、'.join(dropped)}")
    if rules.placeholder and PLACEHOLDER not in text:
        found.append("要点中待补的数字应写作“**”，不能省略或自行填写")
    if rules.sources is not None:
        unknown = [name for name in QUOTED_RE.findall(text) if name not in rules.sources]
        if unknown:
            names = "、".join(f"“{name}”" for name in dict.fromkeys(unknown))
            found.append(f"出现了要点中没有的名称：{names}，不得照搬范例或自行添加")
    if rules.meaning is not None:
        found += [violation.message for violation in rules.meaning.check(text)]
    return found


def garbage_reason(text: str, rules: Rules) -> str:
    stripped = text.strip()
    if len(stripped) < rules.min_chars:
        return "输出为空或过短"
    if len(stripped) > rules.max_chars:
        return f"输出过长（{len(stripped)}字，上限{rules.max_chars}字）"
    if len(CJK_RE.findall(stripped)) < 0.5 * len(re.sub(r"[\s\d.,%*＊，。；、：]", "", stripped)):
        return "输出不是中文公文句子"
    if CHATTER_RE.search(stripped):
        return "输出中夹带了解释或客套话，应只输出正文"
    if REPEAT_RE.search(stripped):
        return "输出中有重复堆砌的文字"
    return ""


def guarded(
    generate: Callable[[str], str],
    rules: Rules,
    fallback: Callable[[], str],
    retries: int = 1,
) -> GuardResult:
    """Call ``generate(violation)`` until its text passes ``rules``; else use ``fallback()``.

    ``generate`` receives "" first, then the previous attempt's violations; it may raise
    DrafterError (a timeout, an unusable reply), which ends the attempts at once — re-asking
    a model that did not answer only doubles the wait.
    """
    rejected: list[Rejection] = []
    reason = ""
    attempts = 0
    for _ in range(retries + 1):
        attempts += 1
        try:
            text = generate(reason)
        except DrafterError as error:
            rejected.append(Rejection(f"模型调用失败：{error}"))
            break
        problems = violations(text, rules)
        if not problems:
            return GuardResult(text, attempts, False, rejected)
        reason = "；".join(problems)
        rejected.append(Rejection(reason, text[:80]))
    return GuardResult(fallback(), attempts, True, rejected)
