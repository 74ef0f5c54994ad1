"""The guarded model judgement for borderline plan items.

The model sees one plan item and the report's closest sentences (quoted, never as instructions)
and may answer only one of three labels. Anything else — two labels, none, an error — returns None
and the rule's answer stands: the model can sharpen a verdict, never invent one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.continuity.records import STATUS_LABELS, PlanItem, Sentence
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
ROLE_NAMES = {"progress": "工作进展", "problems": "存在问题", "plans": "下步计划", "basics": "基本情况"}
LABEL_STATUS = {label: status for status, label in STATUS_LABELS.items()}
ANSWER_PREFIX_RE = re.compile(r"^\s*(?:答案|回答|答|判断|结论)?\s*[:：]?\s*")
LABEL_SLACK = 3  # a few trailing characters (了、的) may follow a label


class Judge(Protocol):
    """Picks done / under_way / not_mentioned for a borderline item, or None to keep the rule's answer."""

    def __call__(self, item: PlanItem, candidates: list[Sentence]) -> str | None: ...


def parse_label(reply: str) -> str | None:
    """The status a reply *is*: one label, alone on the first line (答：已完成。 is fine); a sentence
    that merely contains a label's words (扎实推进各项工作) or names two labels is not an answer."""
    first = reply.strip().splitlines()[0] if reply.strip() else ""
    core = ANSWER_PREFIX_RE.sub("", first).strip(" 。．.！!“”\"'")
    for label, status in LABEL_STATUS.items():
        if core == label or (core.startswith(label) and len(core) <= len(label) + LABEL_SLACK
                             and not any(other in core for other in LABEL_STATUS if other != label)):
            return status
    return None


class ModelJudge:
    """A chat model behind the Judge protocol; calls and unusable replies are counted."""

    def __init__(self, model: BaseChatModel) -> None:
        self.model = model
        self.calls = 0
        self.rejected = 0

    def __call__(self, item: PlanItem, candidates: list[Sentence]) -> str | None:
        from drafter.drafting.prompts import load_prompt
        from drafter.drafting.sanitize import quote

        sentences = "\n".join(quote(sentence.text, header=ROLE_NAMES.get(sentence.role, "正文"))
                              for sentence in candidates) or "> （无）"
        prompt = load_prompt("carryover_judge", PROMPT_DIR).format(plan=quote(item.text), sentences=sentences)
        self.calls += 1
        try:
            reply = self.model.invoke(prompt)
        except DrafterError:
            self.rejected += 1
            return None
        status = parse_label(str(reply.content))
        if status is None:
            self.rejected += 1
        return status
