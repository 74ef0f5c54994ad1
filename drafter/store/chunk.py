"""Report tree → retrieval chunks, cut along the report's own structure.

A short section (heading and body within ``max_chars``) is one chunk; a longer one gives one chunk
per enumerated item (一是…) or plain paragraph, with a short lead-in (……重点抓了以下工作：) kept
with the item after it. A piece still longer than ``max_chars`` is split at sentence ends
(。！？；), so e5 sees whole sentences and each chunk stays well within its 512-token window.
Every chunk records its character span in the source text, part role, headings and item ordinal.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.structure.tree import Paragraph, Report

MAX_CHARS = 400
# A lead-in this short is context for what follows, not a chunk of its own.
SHORT_LEAD = 80
SENTENCE_RE = re.compile(r"[^。！？；!?;]*(?:[。！？；!?;]+[”’」』）)]*|$)")


@dataclass
class Piece:
    """A run of text from one source line."""

    line: int
    text: str


@dataclass
class Chunk:
    text: str
    start: int  # character offsets into the report's source text; -1 when not found
    end: int
    role: str = ""
    part: str = ""  # heading of the part (一、……)
    section: str = ""  # heading of the section (（一）……), else the part heading
    item: int = 0  # ordinal of the enumerated item the chunk holds, 0 for none
    index: int = 0  # position in the report


@dataclass
class Unit:
    """A heading plus its paragraphs: the report's lead, a part's intro or a section."""

    heading: Piece | None
    paragraphs: list[Paragraph]
    role: str = ""
    part: str = ""
    section: str = ""


def chunk_report(report: Report, max_chars: int = MAX_CHARS) -> list[Chunk]:
    locator = Locator(report.source)
    chunks: list[Chunk] = []
    for unit in units_of(report):
        for pieces, item in unit_pieces(unit, max_chars):
            text = join_pieces(pieces)
            if not text.strip():
                continue
            start, end = locator.span(pieces)
            chunks.append(Chunk(text, start, end, unit.role, unit.part, unit.section, item, len(chunks)))
    return chunks


def units_of(report: Report) -> list[Unit]:
    units = [Unit(None, list(report.lead), section=report.title)]
    for part in report.parts:
        part_heading = part.heading
        units.append(Unit(None, list(part.intro), part.role, part_heading, part_heading))
        for section in part.sections:
            heading = Piece(section.line, section.marker + section.heading)
            units.append(Unit(heading, list(section.paragraphs), part.role, part_heading, section.heading))
    return [unit for unit in units if unit.paragraphs or unit.heading]


def unit_pieces(unit: Unit, max_chars: int) -> list[tuple[list[Piece], int]]:
    """Chunks of one unit as (pieces, item ordinal)."""
    whole = ([unit.heading] if unit.heading else []) + [Piece(p.line, p.text) for p in unit.paragraphs]
    if sum(len(piece.text) for piece in whole) <= max_chars:
        return [(whole, 0)] if unit.paragraphs else []
    chunks: list[tuple[list[Piece], int]] = []
    pending: list[Piece] = [unit.heading] if unit.heading else []
    for paragraph in unit.paragraphs:
        parts: list[tuple[Piece, int]] = []
        if paragraph.lead.strip():
            parts.append((Piece(paragraph.line, paragraph.lead), -1))
        parts += [(Piece(paragraph.line, item.full_text), item.ordinal) for item in paragraph.items]
        for piece, ordinal in parts:
            is_short_lead = ordinal == -1 and paragraph.items and len(piece.text) <= SHORT_LEAD
            if is_short_lead:
                pending.append(piece)
                continue
            pieces = pending + [piece]
            pending = []
            if sum(len(p.text) for p in pieces) > max_chars:
                prefix = pieces[:-1]
                if sum(len(p.text) for p in prefix) > max_chars // 2:
                    chunks.append((prefix, 0))
                    prefix = []
                splits = split_sentences(piece, max_chars)
                # The heading or lead-in stays with the first split (a little over the limit is fine).
                chunks.append((prefix + splits[:1], max(ordinal, 0)))
                chunks += [([split], max(ordinal, 0)) for split in splits[1:]]
            else:
                chunks.append((pieces, max(ordinal, 0)))
    if pending and chunks:
        last_pieces, last_item = chunks[-1]
        chunks[-1] = (last_pieces + pending, last_item)
    elif pending:
        chunks.append((pending, 0))
    return chunks


def split_sentences(piece: Piece, max_chars: int) -> list[Piece]:
    """Greedy packing of whole sentences into pieces of at most ``max_chars``."""
    sentences = [s for s in SENTENCE_RE.findall(piece.text) if s]
    out: list[str] = []
    current = ""
    for sentence in sentences:
        while len(sentence) > max_chars:  # one endless sentence: cut it hard
            if current:
                out.append(current)
                current = ""
            out.append(sentence[:max_chars])
            sentence = sentence[max_chars:]
        if current and len(current) + len(sentence) > max_chars:
            out.append(current)
            current = ""
        current += sentence
    if current:
        out.append(current)
    return [Piece(piece.line, text) for text in out]


def join_pieces(pieces: list[Piece]) -> str:
    text = ""
    for index, piece in enumerate(pieces):
        if index and piece.line != pieces[index - 1].line:
            text += "\n"
        text += piece.text
    return text


class Locator:
    """Finds pieces in the source text by line, so spans survive stripped whitespace and markers."""

    def __init__(self, source: str) -> None:
        self.source = source
        self.line_starts = [0]
        for index, char in enumerate(source):
            if char == "\n":
                self.line_starts.append(index + 1)
        self.cursor: dict[int, int] = {}

    def find(self, piece: Piece) -> tuple[int, int]:
        if not 1 <= piece.line <= len(self.line_starts):
            return -1, -1
        line_start = self.line_starts[piece.line - 1]
        line_end = self.line_starts[piece.line] if piece.line < len(self.line_starts) else len(self.source)
        # Pieces of one line come in order; search after the previous one.
        begin = self.cursor.get(piece.line, line_start)
        at = self.source.find(piece.text, begin, line_end)
        if at < 0:
            at = self.source.find(piece.text, line_start, line_end)
        if at < 0:
            return -1, -1
        self.cursor[piece.line] = at + len(piece.text)
        return at, at + len(piece.text)

    def span(self, pieces: list[Piece]) -> tuple[int, int]:
        spans = [self.find(piece) for piece in pieces]
        found = [span for span in spans if span[0] >= 0]
        if not found:
            return -1, -1
        return min(start for start, _ in found), max(end for _, end in found)
