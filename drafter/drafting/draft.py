"""A draft and everything needed to see why it says what it says.

The drafting pipeline produces a ``Draft``; the reviewer loop stores each version of it as
JSON (``to_dict`` / ``from_dict``) and regenerates units of it. Provenance is kept per
unit: the notes it was written from and the store chunks its exemplars came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any

from drafter.models.runner import CallRecord
from drafter.structure.check import CheckResult, Finding
from drafter.structure.tree import Report, report_from_dict, report_to_dict

__all__ = ["CallRecord", "Coverage", "Draft", "DraftCallbacks", "Exemplar", "Rejection",
           "WrittenUnit"]


@dataclass
class Exemplar:
    chunk_id: str
    source: str
    text: str  # as shown to the model: figures masked
    score: float = 0.0


@dataclass
class Rejection:
    """One text the guard refused for a unit, and why (or a model call that failed)."""

    reason: str
    text: str = ""  # the refused text (its first 80 characters); empty when the model gave none

    def __str__(self) -> str:
        return f"{self.reason}（原文：{self.text}）" if self.text else self.reason


@dataclass
class WrittenUnit:
    """One written unit of a draft — a part written as prose (一), or an item (一.（二）.三是 /
    二.一是) — created with its address when it is written, and where its text came from."""

    address: str
    text: str = ""  # as written (a reviewer's later hand edit changes the report, not this)
    note_ids: list[str] = field(default_factory=list)
    exemplars: list[Exemplar] = field(default_factory=list)
    attempts: int = 0
    fallback: bool = False  # the guard gave up on the model and built the sentence from the note
    lead_fallback: bool = False  # the item's lead phrase (一是扎实推进…。) was built by code, not the model's
    feedback: str = ""
    mode: str = "item"  # item (from a note) | measure (answers a problem note) | paragraph (a part as prose)
    violations: list[Rejection] = field(default_factory=list)  # what the guard refused for this unit

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> WrittenUnit:
        known = {f.name for f in fields(cls)}
        unit = cls(**{key: value for key, value in data.items() if key in known})
        unit.exemplars = [Exemplar(**e) for e in data.get("exemplars", [])]
        unit.violations = [Rejection(**v) for v in data.get("violations", [])]
        return unit


@dataclass
class Coverage:
    used: list[str] = field(default_factory=list)  # note ids present in the draft
    missing: list[str] = field(default_factory=list)
    missing_figures: list[str] = field(default_factory=list)  # note figures absent from the text

    @property
    def complete(self) -> bool:
        return not self.missing and not self.missing_figures


@dataclass
class Draft:
    report: Report
    kind: str
    org: str = ""
    period: str = ""
    notes_text: str = ""
    outline_text: str = ""
    units: list[WrittenUnit] = field(default_factory=list)
    lead_note_ids: list[str] = field(default_factory=list)  # results the 导语 states, as written
    findings: list[Finding] = field(default_factory=list)  # the checker's, on the report as it reads
    coverage: Coverage = field(default_factory=Coverage)
    model: str = ""
    prompt_versions: dict[str, str] = field(default_factory=dict)
    calls: list[CallRecord] = field(default_factory=list)

    @property
    def check(self) -> CheckResult:
        return CheckResult(self.kind, self.findings)

    @property
    def ok(self) -> bool:
        """The structure check found no error."""
        return self.check.ok

    @property
    def violations(self) -> list[str]:
        """What the guard refused, unit by unit, one line each (for listings)."""
        return [f"{unit.address}：{rejection}" for unit in self.units for rejection in unit.violations]

    @property
    def llm_calls(self) -> int:
        return len(self.calls)

    def unit(self, address: str) -> WrittenUnit | None:
        return next((unit for unit in self.units if unit.address == address), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["report"] = report_to_dict(self.report)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        """A stored draft; drafts stored before units carried their text and violations load too."""
        data = dict(data)
        data["report"] = report_from_dict(data["report"])
        data["units"] = [WrittenUnit.from_dict(unit) for unit in data.get("units", [])]
        data["findings"] = [Finding.from_dict(finding) for finding in data.get("findings", [])]
        data["coverage"] = Coverage(**data.get("coverage", {}))
        data["calls"] = [CallRecord(**call) for call in data.get("calls", [])]
        attach_old_violations(data["units"], data.pop("violations", []))
        return cls(**data)


def attach_old_violations(units: list[WrittenUnit], lines: list[str]) -> None:
    """Older drafts kept violations as "address：text" lines beside the units."""
    by_address = {unit.address: unit for unit in units}
    for line in lines:
        address, _, reason = line.partition("：")
        if address in by_address:
            by_address[address].violations.append(Rejection(reason))


class DraftCallbacks:
    """Progress hooks for a CLI or UI; every method is a no-op here. Override what you need."""

    def on_outline(self, text: str) -> None:
        """The outline, as Markdown, as soon as it exists."""

    def on_unit(self, address: str, text: str) -> None:
        """A section (一.（二）) or part (二) has been written; ``text`` as it will read."""

    def on_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` notes have been written."""

    def cancelled(self) -> bool:
        """True once the user has asked to stop; the pipeline then raises ``DraftCancelled``."""
        return False
