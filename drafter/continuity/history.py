"""A unit's reports over time: the report being checked and the earlier ones it is compared with.

Earlier reports come from the past-report store (its catalogue names each file's unit, period and
kind) or from files given by hand. Periods are ordered by when a report is written: a 2024 work
plan comes out at the start of 2024, before the 2024H1 summary; a 2023 annual summary after 2023H2.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from drafter.errors import StoreError
from drafter.store.meta import Period, detect_org, detect_period, parse_period
from drafter.structure.kinds import assign_roles, detect_kind
from drafter.structure.numerals import int_to_cn
from drafter.structure.parse import parse_file, parse_text
from drafter.structure.tree import Report

if TYPE_CHECKING:
    from drafter.store.reports import ReportStore

HALF_END = {"H1": 6, "H2": 12}


@dataclass
class Dated:
    """A parsed report with its unit, period and kind."""

    report: Report
    org: str
    period: Period
    kind: str
    source: str  # the file it came from ("" for text given directly)

    @property
    def name(self) -> str:
        return Path(self.source).name if self.source else (self.report.title or "本文")

    @property
    def order(self) -> tuple[int, int]:
        return period_order(self.period, self.kind)

    @property
    def label(self) -> str:
        return f"{self.period.label}《{self.report.title or self.name}》"


def missing_history_message(current: Dated, what: str) -> str:
    """Why no earlier report was found, saying what to do."""
    if not current.org or not current.period.year:
        return "无法从标题识别本报告的单位或时期，请用 --org 和 --period 指定（如 --org 某县自然资源局 --period 2024H1）。"
    return f"没有找到{current.org}{current.period.label}之前{what}；请先用 drafter ingest 导入往期报告。"


def period_order(period: Period, kind: str) -> tuple[int, int]:
    """When a report of this period and kind is written, as a sortable pair."""
    if not period.half:
        if kind == "plan":
            return (period.year - 1, 14)  # a year's plan: written at the very start of that year
        return (period.year, 13)  # an annual summary: after the year's second half
    return (period.year, HALF_END[period.half])


def date_report(report: Report, source: str = "", org: str | None = None, period: str | None = None,
                kind: str | None = None) -> Dated:
    """Unit, period and kind of ``report``: as given, else read from its title (and file name)."""
    spec = assign_roles(report, kind or detect_kind(report))
    found_period = parse_period(period) if period else detect_period(report.title, Path(source).stem, report.source)
    return Dated(report, org or detect_org(report.title), found_period, spec.name, source)


def load_dated(path: str | Path, org: str | None = None, period: str | None = None,
               kind: str | None = None) -> Dated:
    return date_report(parse_file(path), str(path), org, period, kind)


def dated_text(text: str, org: str | None = None, period: str | None = None, kind: str | None = None,
               markdown: bool = False) -> Dated:
    return date_report(parse_text(text, markdown=markdown), "", org, period, kind)


def stored_reports(store: ReportStore, org: str) -> list[Dated]:
    """The unit's reports in the store, oldest first; files that moved are rebuilt from their chunks."""
    dated: list[Dated] = []
    for record in store.files():
        if not org or record.org != org or not record.period:
            continue
        period = parse_period(record.period)
        path = Path(record.path)
        if path.is_file():
            try:
                dated.append(date_report(parse_file(path), record.path, record.org, record.period, record.kind))
                continue
            except (OSError, ValueError, StoreError):
                pass
        report = report_from_chunks(store, record.path)
        if report is not None:
            dated.append(Dated(report, record.org, period, record.kind, record.path))
    return sorted(dated, key=lambda item: item.order)


def report_from_chunks(store: ReportStore, path: str) -> Report | None:
    """A stored file whose original is gone: its chunks, one part per role, in reading order."""
    chunks = [chunk for chunk in store.catalog.all_chunks() if chunk.metadata.get("source") == path]
    if not chunks:
        return None
    lines = [str(chunks[0].metadata.get("title", ""))]
    part_heading = None
    number = 0
    for chunk in chunks:
        heading = str(chunk.metadata.get("part", ""))
        if heading and heading != part_heading:
            number += 1
            lines.append(f"{int_to_cn(number)}、{heading}")
            part_heading = heading
        lines.append(chunk.text)
    report = parse_text("\n".join(lines))
    assign_roles(report, str(chunks[0].metadata.get("kind", "")) or None)
    return report


def earlier_reports(current: Dated, candidates: list[Dated]) -> list[Dated]:
    """Reports of the same unit written before ``current``, oldest first (``current`` itself excluded)."""
    own = str(Path(current.source).resolve()) if current.source else ""
    return sorted(
        (c for c in candidates
         if c.order < current.order and (not own or str(Path(c.source).resolve()) != own)
         and (not current.org or not c.org or c.org == current.org)),
        key=lambda c: c.order,
    )


def previous_report(current: Dated, candidates: list[Dated]) -> Dated | None:
    """The latest earlier report that has a plans part (the promises this report answers)."""
    with_plans = [c for c in earlier_reports(current, candidates) if c.report.part_by_role("plans")]
    return with_plans[-1] if with_plans else None
