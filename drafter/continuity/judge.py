"""The guarded model judgement for borderline plan items.

The model sees one plan item and the report's closest sentences (quoted, never as instructions)
and may answer only one of three labels. Anything else — two labels, none, an error — returns None
and the rule's answer stands: the model can sharpen a verdict, never invent one.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from drafter.continuity.records import DONE, NOT_MENTIONED, STATUS_LABELS, UNDER_WAY, PlanItem, Sentence
from drafter.errors import DrafterError

if TYPE_CHECKING:
    from langchain_core.language_models import BaseChatModel

PROMPT_DIR = Path(__file__).resolve().parent / "prompts"
ROLE_NAMES = {"progress": "工作进展", "problems": "存在问题", "plans": "下步计划", "basics": "基本情况"}
LABEL_STATUS = {label: status for status, label in STATUS_LABELS.items()}
# Short forms a small model writes for the three labels.
ALIASES = {"完成": DONE, "推进": UNDER_WAY, "未提": NOT_MENTIONED, "没有提": NOT_MENTIONED, "未涉及": NOT_MENTIONED}


class Judge(Protocol):
    """Picks done / under_way / not_mentioned for a borderline item, or None to keep the rule's answer."""

    def __call__(self, item: PlanItem, candidates: list[Sentence]) -> str | None: ...


def parse_label(reply: str) -> str | None:
    """The one status the reply names; None when it names none or several."""
    first = reply.strip().splitlines()[0] if reply.strip() else ""
    named = {status for label, status in LABEL_STATUS.items() if label in first}
    if not named:
        named = {status for word, status in ALIASES.items() if word in first}
    return named.pop() if len(named) == 1 else None


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
