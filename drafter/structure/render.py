"""Report tree → plain text or Markdown. Nothing is dropped: every marker and character
the parser kept comes back, one paragraph per line."""

from __future__ import annotations

from drafter.structure.tree import Paragraph, Part, Report, Section


def to_text(report: Report) -> str:
    return "\n".join(text_lines(report, markdown=False)) + "\n"


def to_markdown(report: Report) -> str:
    return "\n\n".join(text_lines(report, markdown=True)) + "\n"


def text_lines(report: Report, markdown: bool) -> list[str]:
    lines: list[str] = []
    if report.title:
        lines.append(("# " if markdown else "") + report.title)
    lines.extend(paragraph.text for paragraph in report.lead)
    for part in report.parts:
        lines.extend(part_lines(part, markdown))
    return lines


def part_lines(part: Part, markdown: bool) -> list[str]:
    lines: list[str] = []
    intro = [p.text for p in part.intro]
    if part.marker or part.heading:
        heading = part.marker + part.heading
        if part.run_on and intro and not markdown:
            heading += intro.pop(0)
        lines.append(("## " if markdown else "") + heading)
    lines.extend(intro)
    for section in part.sections:
        lines.extend(section_lines(section, markdown))
    return lines


def section_lines(section: Section, markdown: bool) -> list[str]:
    body = [paragraph.text for paragraph in section.paragraphs]
    heading = section.marker + section.heading
    if markdown:
        return ["### " + heading, *body]
    if section.run_on and body:
        return [heading + body[0], *body[1:]]
    return [heading, *body]


def paragraph_text(paragraph: Paragraph) -> str:
    return paragraph.text
