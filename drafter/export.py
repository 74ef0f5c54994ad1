"""Report tree → Word (.docx) in the GB/T 9704-2012 body layout, or → Markdown.

The .docx follows the standard's 版心 and 层次 rules (§5.2, §7.3.3, §7.5):

    A4, margins top 37 / bottom 35 / left 28 / right 26 mm, 22 lines a page
    title        方正小标宋简体 二号, centred, an empty line after it
    一、…         黑体 三号
    （一）…       楷体_GB2312 三号 (run-on: heading in 楷体, body in 仿宋 in one paragraph)
    1.…          仿宋_GB2312 三号, marker and first sentence bold
    body         仿宋_GB2312 三号, first line indented two characters
    page number  宋体 四号 "— 1 —", odd pages right, even pages left

Both writers are atomic: the file is built beside its target and moved into place, so
a failure (disk full, Word holding the file open) never leaves half a document.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from docx import Document
from docx.document import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Mm, Pt
from docx.text.paragraph import Paragraph as DocxParagraph

from drafter.errors import ExportError
from drafter.structure.render import to_markdown
from drafter.structure.tree import ItemFamily, Paragraph, Part, Report, Section
from drafter.textio import write_atomically, write_text_atomically

# --- the layout (GB/T 9704-2012) ----------------------------------------------------------

PAGE_WIDTH_MM, PAGE_HEIGHT_MM = 210, 297
MARGIN_TOP_MM, MARGIN_BOTTOM_MM = 37, 35
MARGIN_LEFT_MM, MARGIN_RIGHT_MM = 28, 26
LINES_PER_PAGE = 22
CHARS_PER_LINE = 28
TEXT_WIDTH_PT = (PAGE_WIDTH_MM - MARGIN_LEFT_MM - MARGIN_RIGHT_MM) / 25.4 * 72
# (297 - 37 - 35) mm / 22 = 28.99 pt, but Word stores line spacing in twentieths of a point
# and 29.0 pt × 22 overflows the 637.8 pt text block, leaving 21 lines; 28.95 pt (579
# twips) is the largest value that still fits 22 lines, and the one offices use.
LINE_SPACING = Pt(28.95)
# The page number's dash line sits 7 mm below the text block (§7.5); the footer's own
# line is about 6 mm high, so its bottom edge is 35 - 7 - 6 mm above the page edge.
FOOTER_DISTANCE = Mm(22)

BODY_FONT = "仿宋_GB2312"
PART_FONT = "黑体"
SECTION_FONT = "楷体_GB2312"
TITLE_FONT = "方正小标宋简体"
PAGE_NUMBER_FONT = "宋体"

SIZE_ERHAO = Pt(22)  # 二号
SIZE_SANHAO = Pt(16)  # 三号
SIZE_SIHAO = Pt(14)  # 四号
FIRST_LINE_INDENT = Pt(32)  # two characters of 三号
LANGUAGE = "zh-CN"

# 156 mm holds only 27 characters of 16 pt, yet the standard asks for 28 a line (§5.2.2);
# offices narrow the pitch with Word's character grid, which LibreOffice misreads, so
# 三号 runs are condensed instead: -0.25 pt (w:spacing counts twentieths of a point).
CONDENSE_TWIPS = -math.ceil((SIZE_SANHAO.pt - TEXT_WIDTH_PT / CHARS_PER_LINE) * 20)

SENTENCE_END = re.compile(r"[。！？!?]")
# XML 1.0 forbids these; a stray one pasted from another program would abort the save.
XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


@dataclass(frozen=True)
class RunStyle:
    font: str = BODY_FONT
    size: Pt = SIZE_SANHAO
    bold: bool = False


BODY = RunStyle()
BODY_BOLD = RunStyle(bold=True)
PART_HEADING = RunStyle(PART_FONT)
SECTION_HEADING = RunStyle(SECTION_FONT)
TITLE = RunStyle(TITLE_FONT, SIZE_ERHAO)
PAGE_NUMBER = RunStyle(PAGE_NUMBER_FONT, SIZE_SIHAO)

Runs = list[tuple[str, RunStyle]]


# --- public API ---------------------------------------------------------------------------


def export_docx(report: Report, path: str | Path) -> Path:
    """Write ``report`` as a GB/T 9704 formatted .docx at ``path`` and return the path."""
    document = build_document(report)
    return write_atomically(Path(path), lambda temporary: document.save(str(temporary)))


def export_markdown(report: Report, path: str | Path) -> Path:
    """Write ``report`` as Markdown (``drafter.structure.render.to_markdown``) and return the path."""
    require_content(report)
    text = to_markdown(report)
    return write_text_atomically(path, text)


def build_document(report: Report) -> DocxDocument:
    """The python-docx document for ``report``, not yet saved."""
    require_content(report)
    document = Document()
    set_up_page(document)
    set_up_body_style(document)
    set_up_page_numbers(document)
    set_properties(document, report)
    add_report(document, report)
    return document


def set_properties(document: DocxDocument, report: Report) -> None:
    """Replace the template's own metadata (author python-docx, dated 2013)."""
    properties = document.core_properties
    properties.title = XML_ILLEGAL.sub("", report.title)
    properties.language = LANGUAGE
    properties.author = properties.last_modified_by = properties.comments = ""
    properties.created = properties.modified = datetime.now(UTC).replace(microsecond=0)
    properties.revision = 1


# --- report → paragraphs ------------------------------------------------------------------


def add_report(document: DocxDocument, report: Report) -> None:
    if report.title:
        add_title(document, report.title)
    for paragraph in report.lead:
        add_paragraph(document, body_runs(paragraph))
    for part in report.parts:
        add_part(document, part)


def add_title(document: DocxDocument, title: str) -> None:
    paragraph = add_paragraph(document, [(title, TITLE)])
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    paragraph.paragraph_format.first_line_indent = Pt(0)
    set_first_line_chars(paragraph, 0)
    add_paragraph(document, [])  # the standard leaves one empty line under the title


def add_part(document: DocxDocument, part: Part) -> None:
    if part.marker or part.heading:
        add_headed_block(document, [(part.marker + part.heading, PART_HEADING)], part.intro, part.run_on, 0)
    else:  # sections with no level-1 heading above them
        for paragraph in part.intro:
            add_paragraph(document, body_runs(paragraph))
    for section in part.sections:
        add_section(document, section)


def add_section(document: DocxDocument, section: Section) -> None:
    heading: Runs = [(section.marker + section.heading, SECTION_HEADING)]
    add_headed_block(document, heading, section.paragraphs, section.run_on, 1)


def add_headed_block(document: DocxDocument, heading: Runs, paragraphs: list[Paragraph], run_on: bool,
                     level: int) -> None:
    """A heading, then its paragraphs; a run-on heading shares one paragraph with the first."""
    rest = list(paragraphs)
    if run_on and rest:
        add_paragraph(document, heading + body_runs(rest.pop(0)))
    else:
        set_outline_level(add_paragraph(document, heading), level)
    for paragraph in rest:
        add_paragraph(document, body_runs(paragraph))


def body_runs(paragraph: Paragraph) -> Runs:
    """A body paragraph's runs; a level-3 paragraph (1.…) has its first sentence in bold."""
    text = paragraph.text
    if not is_level_three(paragraph):
        return [(text, BODY)]
    end = SENTENCE_END.search(text)
    if end is None:
        return [(text, BODY_BOLD)]
    runs: Runs = [(text[: end.end()], BODY_BOLD)]
    if end.end() < len(text):
        runs.append((text[end.end():], BODY))
    return runs


def is_level_three(paragraph: Paragraph) -> bool:
    return not paragraph.lead and bool(paragraph.items) and paragraph.items[0].family is ItemFamily.NUM


def add_paragraph(document: DocxDocument, runs: Runs) -> DocxParagraph:
    paragraph = document.add_paragraph()
    for text, style in runs:
        text = XML_ILLEGAL.sub("", text)
        if text:
            set_run_style(paragraph.add_run(text), style)
    return paragraph


# --- fonts --------------------------------------------------------------------------------


def set_run_style(run, style: RunStyle) -> None:
    run.font.size = style.size
    run.font.bold = style.bold or None
    set_fonts(run._element.get_or_add_rPr(), style.font)
    if style.size == SIZE_SANHAO:
        condense(run._element.get_or_add_rPr())


def set_fonts(rpr, font: str) -> None:
    """Name ``font`` for every script, so Word and WPS use it for Chinese and punctuation too.

    python-docx's ``font.name`` sets only ascii/hAnsi, and Word lets a theme attribute
    (asciiTheme, eastAsiaTheme) beat an explicit name, so the element is rebuilt whole.
    ``hint="eastAsia"`` makes shared characters such as “ ” — … count as Chinese.
    """
    old = rpr.find(qn("w:rFonts"))
    if old is not None:
        rpr.remove(old)
    fonts = OxmlElement("w:rFonts")
    for attribute in ("w:ascii", "w:hAnsi", "w:eastAsia", "w:cs"):
        fonts.set(qn(attribute), font)
    fonts.set(qn("w:hint"), "eastAsia")
    rpr.insert(0, fonts)  # rFonts comes first in CT_RPr's sequence


def condense(rpr) -> None:
    """Narrow the character pitch so a line holds 28 characters (see CONDENSE_TWIPS)."""
    spacing = rpr.find(qn("w:spacing"))
    if spacing is None:
        spacing = OxmlElement("w:spacing")
        size = rpr.find(qn("w:sz"))
        if size is not None:
            size.addprevious(spacing)  # CT_RPr's order puts spacing before sz
        else:
            rpr.append(spacing)
    spacing.set(qn("w:val"), str(CONDENSE_TWIPS))


# --- page, styles, footers ----------------------------------------------------------------


def set_up_page(document: DocxDocument) -> None:
    section = document.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Mm(PAGE_WIDTH_MM), Mm(PAGE_HEIGHT_MM)
    section.top_margin, section.bottom_margin = Mm(MARGIN_TOP_MM), Mm(MARGIN_BOTTOM_MM)
    section.left_margin, section.right_margin = Mm(MARGIN_LEFT_MM), Mm(MARGIN_RIGHT_MM)
    section.footer_distance = FOOTER_DISTANCE
    section.gutter = Mm(0)
    set_document_grid(section)


def set_document_grid(section) -> None:
    """A line grid at the body's pitch, as in offices' own templates (Word's 文档网格)."""
    grid = section._sectPr.find(qn("w:docGrid"))
    grid.set(qn("w:type"), "lines")
    grid.set(qn("w:linePitch"), str(round(LINE_SPACING.pt * 20)))


def set_up_body_style(document: DocxDocument) -> None:
    """Normal carries the body format, so text a user adds in Word looks like the rest."""
    set_document_defaults(document)
    normal = document.styles["Normal"]
    normal.font.size = SIZE_SANHAO
    set_fonts(normal.element.get_or_add_rPr(), BODY_FONT)
    condense(normal.element.get_or_add_rPr())
    set_language(normal.element.get_or_add_rPr())
    paragraph_format = normal.paragraph_format
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    paragraph_format.line_spacing = LINE_SPACING
    paragraph_format.space_before = Pt(0)
    paragraph_format.space_after = Pt(0)
    paragraph_format.first_line_indent = FIRST_LINE_INDENT
    paragraph_format.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
    # Widow control would push single lines to the next page and break the 22-line grid.
    paragraph_format.widow_control = False
    indent = normal.element.get_or_add_pPr().find(qn("w:ind"))
    indent.set(qn("w:firstLineChars"), "200")  # Word and WPS indent by characters when present


def set_document_defaults(document: DocxDocument) -> None:
    """Replace the template's theme fonts and en-US language in the document defaults."""
    defaults = document.styles.element.find(qn("w:docDefaults"))
    rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    set_fonts(rpr, BODY_FONT)
    set_language(rpr)
    for size in (rpr.find(qn("w:sz")), rpr.find(qn("w:szCs"))):
        if size is not None:
            size.set(qn("w:val"), str(round(SIZE_SANHAO.pt * 2)))  # half-points
    spacing = defaults.find(qn("w:pPrDefault")).find(qn("w:pPr")).find(qn("w:spacing"))
    if spacing is not None:
        spacing.getparent().remove(spacing)
    settings = document.settings.element
    theme_language = settings.find(qn("w:themeFontLang"))  # the template has one (ja-JP)
    if theme_language is not None:
        theme_language.set(qn("w:eastAsia"), LANGUAGE)


def set_language(rpr) -> None:
    language = rpr.find(qn("w:lang"))
    if language is None:
        language = OxmlElement("w:lang")
        rpr.append(language)
    language.set(qn("w:val"), LANGUAGE)
    language.set(qn("w:eastAsia"), LANGUAGE)


def set_up_page_numbers(document: DocxDocument) -> None:
    document.settings.odd_and_even_pages_header_footer = True
    section = document.sections[0]
    fill_footer(section.footer.paragraphs[0], WD_ALIGN_PARAGRAPH.RIGHT)
    fill_footer(section.even_page_footer.paragraphs[0], WD_ALIGN_PARAGRAPH.LEFT)


def fill_footer(paragraph: DocxParagraph, alignment: WD_ALIGN_PARAGRAPH) -> None:
    """"— 7 —", one character in from the outer edge (§7.5), with a live PAGE field."""
    paragraph.alignment = alignment
    paragraph_format = paragraph.paragraph_format
    paragraph_format.first_line_indent = Pt(0)
    paragraph_format.line_spacing_rule = WD_LINE_SPACING.SINGLE
    set_first_line_chars(paragraph, 0)
    if alignment == WD_ALIGN_PARAGRAPH.RIGHT:
        paragraph_format.right_indent = SIZE_SIHAO
    else:
        paragraph_format.left_indent = SIZE_SIHAO
    add_styled_run(paragraph, "— ", PAGE_NUMBER)
    add_page_field(paragraph)
    add_styled_run(paragraph, " —", PAGE_NUMBER)


def add_page_field(paragraph: DocxParagraph) -> None:
    """A complex PAGE field; "1" is the cached value shown until the viewer updates it."""
    add_field_char(paragraph, "begin")
    instruction = OxmlElement("w:instrText")
    instruction.set(qn("xml:space"), "preserve")
    instruction.text = " PAGE "
    add_styled_run(paragraph, "", PAGE_NUMBER)._element.append(instruction)
    add_field_char(paragraph, "separate")
    add_styled_run(paragraph, "1", PAGE_NUMBER)
    add_field_char(paragraph, "end")


def add_field_char(paragraph: DocxParagraph, kind: str) -> None:
    field_char = OxmlElement("w:fldChar")
    field_char.set(qn("w:fldCharType"), kind)
    add_styled_run(paragraph, "", PAGE_NUMBER)._element.append(field_char)


def add_styled_run(paragraph: DocxParagraph, text: str, style: RunStyle):
    run = paragraph.add_run(text)
    set_run_style(run, style)
    return run


def set_first_line_chars(paragraph: DocxParagraph, chars: int) -> None:
    """Override Normal's firstLineChars too, or Word keeps indenting by characters."""
    indent = paragraph._p.get_or_add_pPr().get_or_add_ind()
    indent.set(qn("w:firstLineChars"), str(chars * 100))


def set_outline_level(paragraph: DocxParagraph, level: int) -> None:
    """Show standalone headings in Word's navigation pane without changing their look."""
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), str(level))
    paragraph._p.get_or_add_pPr().append(outline)


# --- files --------------------------------------------------------------------------------


def require_content(report: Report) -> None:
    if not (report.title or report.lead or report.parts):
        raise ExportError("报告没有任何内容，无法导出；请先确认输入文件不是空的。")
