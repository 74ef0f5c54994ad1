"""Several departments' reports → one consolidated report in the standard structure.

Map: every input report is parsed, its parts get roles, and each item (or paragraph)
becomes a note under its role and its section's topic. Reduce: the notes run through the
ordinary drafting chain, so the merged text passes the same guard:
no figure that is not in one of the inputs.
"""

from __future__ import annotations

import re

from langchain_core.language_models import BaseChatModel

from drafter.drafting.draft import Draft
from drafter.drafting.exemplars import SearchesReports
from drafter.drafting.pipeline import DraftCallbacks, draft
from drafter.drafting.sanitize import sanitize
from drafter.errors import NotesError
from drafter.structure.kinds import assign_roles
from drafter.structure.tree import Paragraph, Report

ROLE_HEADINGS = {"problems": "存在问题", "plans": "下步打算"}
MAX_NOTE_CHARS = 500


def paragraph_units(paragraph: Paragraph) -> list[str]:
    """The paragraph's lead and items as notes; another department's text is data, so it goes
    through the sanitiser (instruction-like lines dropped, chat tokens stripped)."""
    texts = [paragraph.lead.strip()] if paragraph.lead.strip() else []
    texts += [item.body_text.strip() for item in paragraph.items if item.body_text.strip()]
    units = [re.sub(r"\s+", "", sanitize(text, drop=True))[:MAX_NOTE_CHARS] for text in texts]
    return [unit for unit in units if unit]


def topic_of(heading: str) -> str:
    return heading.strip().rstrip("。")


def reports_to_notes(reports: list[Report]) -> str:
    """The inputs as notes Markdown, grouped by role then topic (first seen order)."""
    buckets: dict[str, dict[str, list[str]]] = {"progress": {}, "problems": {}, "plans": {}}
    for report in reports:
        assign_roles(report)
        for part in report.parts:
            role = part.role if part.role in buckets else "progress"
            for paragraph in part.intro:
                buckets[role].setdefault("", []).extend(paragraph_units(paragraph))
            for section in part.sections:
                for paragraph in section.paragraphs:
                    buckets[role].setdefault(topic_of(section.heading), []).extend(paragraph_units(paragraph))
    lines: list[str] = []
    for role, topics in buckets.items():
        if role != "progress" and topics:
            lines.append(f"## {ROLE_HEADINGS[role]}")
        for topic, texts in topics.items():
            if not texts:
                continue
            if topic:
                lines.append(("### " if role != "progress" else "## ") + topic)
            lines.extend(f"- {text}" for text in texts)
    if not any(line.startswith("- ") for line in lines):
        raise NotesError("要合并的报告中没有找到正文内容；请确认输入的是工作总结文件。")
    return "\n".join(lines) + "\n"


def merge_reports(reports: list[Report], *, org: str = "", period: str | None = None, kind: str | None = None,
                  model: BaseChatModel | None, retriever: SearchesReports | None = None,
                  callbacks: DraftCallbacks | None = None) -> Draft:
    if len(reports) < 2:
        raise NotesError("合并至少需要两份报告。")
    notes_text = reports_to_notes(reports)
    return draft(notes_text, kind=kind or "half-year", org=org, period=period, model=model,
                 retriever=retriever, callbacks=callbacks)
