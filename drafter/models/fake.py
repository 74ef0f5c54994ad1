"""A tiny rule-based chat model for demos and the browser test (DRAFTER_FAKE_MODEL=1).

It reads the drafting prompts (``prompts/*.md``) the way a model would: numbered ``[n]`` lines
get numbered answers, a single ``要点：`` line gets one formal sentence. Every sentence is
built from the note it answers, so it never contains a figure the note does not have.
Deterministic and instant, so the browser test is fast and repeatable.
"""

from __future__ import annotations

import re
from typing import Any

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatResult

from drafter.models.tokens import count_tokens

NUMBERED_RE = re.compile(r"^\[(\d+)\]\s*(.+)$")
NOTE_RE = re.compile(r"^要点：(.+)$", re.MULTILINE)
FEEDBACK_RE = re.compile(r"修改要求：(.+)")
# Headings must be figure-free parallel phrases; picked in turn.
HEADINGS = [
    "强化统筹谋划，推动工作提质。",
    "突出重点任务，狠抓工作落实。",
    "优化服务保障，提升工作效能。",
    "压实工作责任，守牢安全底线。",
    "深化改革创新，激发发展活力。",
]
MEASURES = [
    "进一步健全工作机制，持续推动各项任务落地见效。",
    "加快补齐短板弱项，全力推进重点工作提质增效。",
    "持续强化督促检查，确保各项措施落实到位。",
]


PART_RE = re.compile(r"的“([^”]*)”部分")
SECTION_RE = re.compile(r"（小节：([\u4e00-\u9fff]{2,8})）")
LEAD_REQUEST = "概括这项工作的短语"  # the composed-item prompts: a lead phrase, then the facts
LEAD_ONLY_REQUEST = "拟写开头的概括短语"  # the lead-only prompt: the phrase alone, for the notes after 本次


def lead_phrase(prompt: str, first_note: str) -> str:
    """A lead as a model would word it: the section's topic, else the first note's opening words."""
    section = SECTION_RE.search(prompt)
    topic = section.group(1) if section else "".join(re.findall(r"[\u4e00-\u9fff]", first_note))[:6]
    return f"扎实做好{topic}工作"


def formal_sentence(note: str, concise: bool = False, problem: bool = False) -> str:
    """The note as a finished official sentence: its own words and figures, nothing added."""
    core = note.strip().rstrip("。；;，,.！!")
    if concise:
        return f"{core}。"
    if problem:
        return f"{core}，仍需下大力气加以解决。"
    return f"认真落实工作部署，{core}，取得积极成效。"


class RuleBasedChatModel(BaseChatModel):
    """Answers drafter's prompts from their own content; no network, no weights."""

    @property
    def _llm_type(self) -> str:
        return "drafter-rule-based"

    @property
    def model_name(self) -> str:
        return "规则演示模型"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        prompt = "\n".join(str(message.content) for message in messages)
        reply = answer(prompt)
        # Token counts as a real model reports them, so evaluations count calls and tokens alike.
        usage = {"input_tokens": count_tokens(prompt), "output_tokens": count_tokens(reply)}
        usage["total_tokens"] = usage["input_tokens"] + usage["output_tokens"]
        return ChatResult(generations=[ChatGeneration(message=AIMessage(content=reply, usage_metadata=usage))])


def answer(prompt: str) -> str:
    feedback = FEEDBACK_RE.search(prompt)
    concise = bool(feedback and "简" in feedback.group(1))
    part = PART_RE.search(prompt)
    problem = bool(part and "问题" in part.group(1))
    if LEAD_ONLY_REQUEST in prompt:  # the prompt's format examples come first: its own notes follow 本次
        own = prompt.rsplit("本次：", 1)[-1]
        first = next((m.group(2) for line in own.splitlines() if (m := NUMBERED_RE.match(line.strip()))), "")
        return lead_phrase(prompt, first)
    numbered = [(int(m.group(1)), m.group(2)) for line in prompt.splitlines() if (m := NUMBERED_RE.match(line.strip()))]
    if "拟写小标题" in prompt and numbered:
        return "\n".join(f"[{n}] {HEADINGS[(n - 1) % len(HEADINGS)]}" for n, _ in numbered)
    if "改进措施" in prompt and numbered:
        return "\n".join(f"[{n}] {MEASURES[(n - 1) % len(MEASURES)]}" for n, _ in numbered)
    if LEAD_REQUEST in prompt and numbered:
        if "每组" in prompt:  # a section per call: one line per group, lead first
            return "\n".join(f"[{n}] {lead_phrase(prompt, text)}。" + "".join(
                formal_sentence(t, concise=True) for t in text.split("；")) for n, text in numbered)
        return lead_phrase(prompt, numbered[0][1]) + "\n" + "".join(
            formal_sentence(text, concise=True) for _, text in numbered)
    if numbered:
        return "\n".join(f"[{n}] {formal_sentence(text, concise, problem)}" for n, text in numbered)
    if note := NOTE_RE.search(prompt):
        return formal_sentence(note.group(1), concise, problem)
    if "摘要" in prompt:
        return "报告总结了主要工作、取得的成效、存在的问题和下一步打算。"
    return "坚持稳中求进工作总基调，扎实推进各项工作，确保各项任务落到实处。"
