"""What the notes reader understood, shown before anything is written.

The reader (``drafter.drafting.reader.read_notes``) decides the document kind, unit, period and
the role of every note; this module turns its answer into the panel a writer checks (and
corrects through the kind / unit / period fields and the notes text) before drafting.
"""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from drafter.drafting.notes import Note, period_text
from drafter.structure.kinds import load_kind


@dataclass
class Understanding:
    kind: str
    kind_label: str
    kind_reasons: list[str]
    org: str
    period: str  # 2024H1 / 2024
    parts: list[tuple[str, list[Note]]]  # (part label, its notes) in the kind's order
    ignored: list[str] = field(default_factory=list)  # "第3行：…（原因）"
    ambiguous: list[str] = field(default_factory=list)


def understand(text: str, kind: str = "", org: str = "", period: str = "") -> Understanding:
    """Read notes as the pipeline will; the fields a writer filled in win over what was found."""
    from drafter.drafting.reader import read_notes

    reading = read_notes(text, kind=kind or None, org=org or None, period=period or None)
    spec = load_kind(reading.kind)
    by_role = reading.parts()
    labels = {part.role: part.label for part in spec.parts}
    parts = [(labels.get(role, role), notes) for role, notes in by_role.items() if notes]
    return Understanding(
        kind=reading.kind, kind_label=spec.label, kind_reasons=["按所选文种"] if kind else list(reading.kind_reasons),
        org=reading.org, period=reading.period, parts=parts,
        ignored=[f"第{line.line}行：{line.text}（{line.reason}）" for line in reading.ignored],
        ambiguous=[f"第{line.line}行：{line.text}（{line.reason}）" for line in reading.ambiguous],
    )


def understanding_html(reading: Understanding) -> str:
    period = period_text(reading.period) if reading.period else "未识别"
    why = "；".join(reading.kind_reasons)
    rows = [
        f"<p><b>文种</b>：{html.escape(reading.kind_label)}" + (f"（{html.escape(why)}）" if why else "") + "</p>",
        f"<p><b>单位</b>：{html.escape(reading.org or '未识别')}　<b>时期</b>：{html.escape(period)}</p>",
    ]
    for label, notes in reading.parts:
        items = "".join(
            f"<li>{html.escape(note.text)}" + (f"<span class='reading-topic'>（{html.escape(note.topic)}）</span>"
                                              if note.topic else "") + "</li>"
            for note in notes
        )
        rows.append(f"<h4>{html.escape(label)}（{len(notes)} 条）</h4><ul>{items}</ul>")
    for title, lines in (("不写入正文的行（标题、分组名等）", reading.ignored), ("需要确认的行", reading.ambiguous)):
        if lines:
            rows.append(f"<h4>{title}</h4><ul>" + "".join(f"<li>{html.escape(line)}</li>" for line in lines) + "</ul>")
    return "<div class='drafter-reading'>" + "".join(rows) + "</div>"
