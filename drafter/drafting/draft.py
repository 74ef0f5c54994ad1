"""A draft and everything needed to see why it says what it says.

The drafting pipeline produces a ``Draft``; the reviewer loop stores each version of it as
JSON (``to_dict`` / ``from_dict``) and regenerates units of it. Provenance is kept per
unit: the notes it was written from and the store chunks its exemplars came from.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from drafter.structure.tree import Report, report_from_dict, report_to_dict


@dataclass
class Exemplar:
    chunk_id: str
    source: str
    text: str  # as shown to the model: figures masked
    score: float = 0.0


@dataclass
class UnitRecord:
    """One generated unit (a part, section or item, by address) and where it came from."""

    address: str
    note_ids: list[str] = field(default_factory=list)
    exemplars: list[Exemplar] = field(default_factory=list)
    attempts: int = 0
    fallback: bool = False  # the guard gave up on the model and built the sentence from the note
    feedback: str = ""
    mode: str = "item"  # item (from a note) | measure (answers a problem note) | paragraph (a part as prose)


@dataclass
class Coverage:
    used: list[str] = field(default_factory=list)  # note ids present in the draft
    missing: list[str] = field(default_factory=list)
    missing_figures: list[str] = field(default_factory=list)  # note figures absent from the text

    @property
    def complete(self) -> bool:
        return not self.missing and not self.missing_figures


@dataclass
class CallRecord:
    stage: str
    prompt_tokens: int = 0
    completion_tokens: int = 0
    seconds: float = 0.0
    ok: bool = True


@dataclass
class Draft:
    report: Report
    kind: str
    org: str = ""
    period: str = ""
    notes_text: str = ""
    outline_text: str = ""
    units: list[UnitRecord] = field(default_factory=list)
    findings: list[dict[str, Any]] = field(default_factory=list)  # drafter.structure.check findings as dicts
    coverage: Coverage = field(default_factory=Coverage)
    violations: list[str] = field(default_factory=list)  # what the guard rejected, for review
    model: str = ""
    prompt_versions: dict[str, str] = field(default_factory=dict)
    calls: list[CallRecord] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        """The structure check found no error."""
        return not any(finding.get("severity") == "error" for finding in self.findings)

    @property
    def llm_calls(self) -> int:
        return len(self.calls)

    def unit(self, address: str) -> UnitRecord | None:
        return next((unit for unit in self.units if unit.address == address), None)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["report"] = report_to_dict(self.report)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Draft:
        data = dict(data)
        data["report"] = report_from_dict(data["report"])
        data["units"] = [
            UnitRecord(**{**unit, "exemplars": [Exemplar(**e) for e in unit.get("exemplars", [])]})
            for unit in data.get("units", [])
        ]
        data["coverage"] = Coverage(**data.get("coverage", {}))
        data["calls"] = [CallRecord(**call) for call in data.get("calls", [])]
        return cls(**data)


class DraftCallbacks:
    """Progress hooks for a CLI or UI; every method is a no-op here. Override what you need."""

    def on_outline(self, text: str) -> None:
        """The outline, as Markdown, as soon as it exists."""

    def on_unit(self, address: str, text: str) -> None:
        """A section (一.（二）) or part (二) has been written; ``text`` as it will read."""

    def on_progress(self, done: int, total: int) -> None:
        """``done`` of ``total`` notes have been written."""
