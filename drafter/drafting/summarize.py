"""An executive summary of a report in at most N characters, guarded like every draft unit:
no figure that is not in the report; if the model fails, an extractive summary of the
report's own sentences (figures kept exactly) is used instead."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from langchain_core.language_models import BaseChatModel

from drafter.drafting.draft import Rejection
from drafter.drafting.guard import MeaningRules, Rules, guarded
from drafter.drafting.prompts import prompt_messages
from drafter.drafting.sanitize import sanitize
from drafter.drafting.write import clean_reply, feedback_block, violation_block
from drafter.models.runner import CallRecord, ModelRunner
from drafter.models.tokens import count_tokens
from drafter.structure.figures import figure_keys, find_figures

# The embedded model runs with a 4,096-token context; the report, the prompt and the answer
# must fit, so longer reports are condensed to their sentences with figures first.
MAX_INPUT_TOKENS = 2400
SENTENCE_RE = re.compile(r"[^。！？\n]+[。！？]")
MARKER_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)")


@dataclass
class Summary:
    text: str
    fallback: bool
    violations: list[Rejection] = field(default_factory=list)
    calls: list[CallRecord] = field(default_factory=list)


def sentences(text: str) -> list[str]:
    found = []
    for line in text.splitlines():
        for sentence in SENTENCE_RE.findall(line):
            sentence = MARKER_RE.sub("", sentence.strip())
            if len(sentence) >= 6:
                found.append(sentence)
    return found


def extractive_summary(text: str, chars: int) -> str:
    """The report's own sentences with figures, in order, as many as fit."""
    chosen, used = [], 0
    candidates = [s for s in sentences(text) if find_figures(s)] or sentences(text)
    for sentence in candidates:
        if used + len(sentence) > chars:
            continue
        chosen.append(sentence)
        used += len(sentence)
    return "".join(chosen) or text.strip()[:chars]


def condensed(text: str, budget: int = MAX_INPUT_TOKENS) -> str:
    """``text`` within ``budget`` tokens (tiktoken's cl100k, offline): whole when it fits, else
    its sentences with figures, in order, as many as fit."""
    if count_tokens(text) <= budget:
        return text
    kept: list[str] = []
    used = 0
    for sentence in [s for s in sentences(text) if find_figures(s)] or sentences(text):
        cost = count_tokens(sentence)
        if used + cost > budget:
            break
        kept.append(sentence)
        used += cost
    return "".join(kept)


def summarize(text: str, *, chars: int = 300, model: BaseChatModel | None, feedback: str | None = None) -> Summary:
    runner = ModelRunner(model)
    source = sanitize(condensed(text))  # a report to summarise is data, never instructions

    def generate(violation: str) -> str:
        prompt = prompt_messages("summarize", chars=chars, report=source,
                        feedback=feedback_block(feedback) + violation_block(violation))
        return clean_reply(runner.ask("summarize", prompt), limit=40)

    rules = Rules(allowed=figure_keys(text), max_chars=int(chars * 1.1), min_chars=min(20, chars // 3),
                  meaning=MeaningRules("summary", (text,)))
    result = guarded(generate, rules, lambda: extractive_summary(text, chars))
    return Summary(result.text, result.fallback, result.violations, runner.records)
