"""Export to .docx (GB/T 9704-2012 body layout) and Markdown, and the `drafter export` command."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import pytest
from click.testing import CliRunner
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING
from docx.oxml.ns import qn

from drafter.cli import main
from drafter.errors import ExportError, OutputFileError
from drafter.export import (
    CHARS_PER_LINE,
    CONDENSE_TWIPS,
    LINE_SPACING,
    LINES_PER_PAGE,
    TEXT_WIDTH_PT,
    export_docx,
    export_markdown,
)
from drafter.structure.parse import parse_file
from drafter.structure.render import to_markdown, to_text
from drafter.structure.tree import Item, ItemFamily, Paragraph, Part, Report, Section
from drafter.textio import write_atomically

TITLE = "某县自然资源局2024年上半年工作总结"


def small_report() -> Report:
    shi = [
        Item("一是", ItemFamily.SHI, 1, "坚持规划先行，完成村庄规划12个。"),
        Item("二是", ItemFamily.SHI, 2, "优化审批服务，办结率99.6%。"),
    ]
    level_three = Item("1.", ItemFamily.NUM, 1, "国土空间规划编制情况。完成县级总体规划报批，“一张图”上线运行。")
    return Report(
        title=TITLE,
        lead=[Paragraph("现将上半年工作情况总结如下。")],
        parts=[
            Part("一、", 1, "工作进展情况", sections=[
                Section("（一）", 1, "强化规划引领，谋篇布局优空间。", [Paragraph("", shi)], run_on=True),
                Section("（二）", 2, "严格执法监督", [Paragraph("", [level_three]), Paragraph("全年立案查处**件。")]),
            ]),
            Part("二、", 2, "下步工作打算", intro=[Paragraph("下半年重点抓好以下工作。")], sections=[
                Section("（一）", 1, "强化耕地保护力度。", [Paragraph("确保年底前完成整改。")], run_on=True),
            ]),
        ],
    )


@pytest.fixture
def small_docx(tmp_path) -> tuple[Report, docx.document.Document]:
    report = small_report()
    path = export_docx(report, tmp_path / "small.docx")
    return report, docx.Document(str(path))


@pytest.fixture
def seed_docx(tmp_path, seed_003) -> tuple[Report, docx.document.Document]:
    report = parse_file(seed_003)
    path = export_docx(report, tmp_path / "seed003.docx")
    return report, docx.Document(str(path))


def east_asian_font(run) -> str | None:
    return run._element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia"))


def run_fonts(run) -> dict[str, str | None]:
    fonts = run._element.rPr.find(qn("w:rFonts"))
    return {name: fonts.get(qn(f"w:{name}")) for name in ("ascii", "hAnsi", "eastAsia", "cs")}


def paragraph_starting(document, prefix: str):
    return next(p for p in document.paragraphs if p.text.startswith(prefix))


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


# --- page and body style ------------------------------------------------------------------


@pytest.mark.parametrize("which", ["small_docx", "seed_docx"])
def test_page_is_a4_with_the_standard_margins(which, request):
    _, document = request.getfixturevalue(which)
    section = document.sections[0]
    assert section.page_width.mm == pytest.approx(210, abs=0.5)
    assert section.page_height.mm == pytest.approx(297, abs=0.5)
    assert section.top_margin.mm == pytest.approx(37, abs=0.5)
    assert section.bottom_margin.mm == pytest.approx(35, abs=0.5)
    assert section.left_margin.mm == pytest.approx(28, abs=0.5)
    assert section.right_margin.mm == pytest.approx(26, abs=0.5)


@pytest.mark.parametrize("which", ["small_docx", "seed_docx"])
def test_body_is_fangsong_sanhao_with_exact_22_line_spacing(which, request):
    _, document = request.getfixturevalue(which)
    normal = document.styles["Normal"]
    assert normal.font.size.pt == 16
    assert normal.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")) == "仿宋_GB2312"
    assert normal.paragraph_format.line_spacing_rule == WD_LINE_SPACING.EXACTLY
    assert normal.paragraph_format.line_spacing.pt == pytest.approx(28.95, abs=0.01)
    assert normal.paragraph_format.first_line_indent.pt == 32
    body = [p for p in document.paragraphs if p.text.startswith(("现将", "全年", "下半年", "（一）强化规划引领"))]
    body_runs = [run for paragraph in body for run in paragraph.runs if east_asian_font(run) == "仿宋_GB2312"]
    assert body_runs, "no body run in 仿宋_GB2312"
    for run in body_runs:
        assert run.font.size.pt == 16
        assert run_fonts(run) == dict.fromkeys(("ascii", "hAnsi", "eastAsia", "cs"), "仿宋_GB2312")


def test_layout_figures_fit_22_lines_of_28_characters():
    text_height_pt = (297 - 37 - 35) / 25.4 * 72
    assert LINES_PER_PAGE * LINE_SPACING.pt <= text_height_pt < (LINES_PER_PAGE + 1) * LINE_SPACING.pt
    pitch = 16 + CONDENSE_TWIPS / 20
    assert CHARS_PER_LINE * pitch <= TEXT_WIDTH_PT < (CHARS_PER_LINE + 1) * pitch


def test_every_run_names_its_font_for_all_scripts(small_docx):
    _, document = small_docx
    runs = [run for paragraph in document.paragraphs for run in paragraph.runs]
    assert runs
    for run in runs:
        fonts = run_fonts(run)
        assert len(set(fonts.values())) == 1 and None not in fonts.values(), (run.text, fonts)


def test_document_language_is_chinese(small_docx):
    _, document = small_docx
    defaults = document.styles.element.find(qn("w:docDefaults"))
    language = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr")).find(qn("w:lang"))
    assert language.get(qn("w:eastAsia")) == "zh-CN"
    assert language.get(qn("w:val")) == "zh-CN"
    assert document.core_properties.language == "zh-CN"


# --- headings -----------------------------------------------------------------------------


def test_title_is_xiaobiaosong_erhao_centred_with_an_empty_line_after(small_docx):
    _, document = small_docx
    title = document.paragraphs[0]
    assert title.text == TITLE
    assert title.alignment == WD_ALIGN_PARAGRAPH.CENTER
    assert title.paragraph_format.first_line_indent.pt == 0
    for run in title.runs:
        assert east_asian_font(run) == "方正小标宋简体"
        assert run.font.size.pt == 22
    assert document.paragraphs[1].text == ""


def test_part_headings_are_heiti(small_docx):
    _, document = small_docx
    for prefix in ("一、工作进展情况", "二、下步工作打算"):
        heading = paragraph_starting(document, prefix)
        assert heading.text == prefix
        assert {east_asian_font(run) for run in heading.runs} == {"黑体"}
        assert {run.font.size.pt for run in heading.runs} == {16}


def test_standalone_section_heading_is_kaiti(small_docx):
    _, document = small_docx
    heading = paragraph_starting(document, "（二）严格执法监督")
    assert heading.text == "（二）严格执法监督"
    assert {east_asian_font(run) for run in heading.runs} == {"楷体_GB2312"}


def test_run_on_section_has_kaiti_heading_and_fangsong_body_in_one_paragraph(small_docx):
    _, document = small_docx
    paragraph = paragraph_starting(document, "（一）强化规划引领")
    assert paragraph.text == "（一）强化规划引领，谋篇布局优空间。一是坚持规划先行，完成村庄规划12个。二是优化审批服务，办结率99.6%。"
    heading, *body = paragraph.runs
    assert heading.text == "（一）强化规划引领，谋篇布局优空间。"
    assert east_asian_font(heading) == "楷体_GB2312"
    assert body and {east_asian_font(run) for run in body} == {"仿宋_GB2312"}


def test_seed_run_on_sections_mix_kaiti_and_fangsong(seed_docx):
    _, document = seed_docx
    paragraph = paragraph_starting(document, "（一）强化规划引领")
    assert [east_asian_font(run) for run in paragraph.runs] == ["楷体_GB2312", "仿宋_GB2312"]
    assert {east_asian_font(run) for run in paragraph_starting(document, "一、").runs} == {"黑体"}


def test_run_on_part_has_heiti_heading_and_fangsong_body(tmp_path):
    part = Part("一、", 1, "总体要求", intro=[Paragraph("坚持稳中求进。"), Paragraph("突出重点。")], run_on=True)
    report = Report(parts=[part])
    document = docx.Document(str(export_docx(report, tmp_path / "r.docx")))
    first = document.paragraphs[0]
    assert first.text == "一、总体要求坚持稳中求进。"
    assert [east_asian_font(run) for run in first.runs] == ["黑体", "仿宋_GB2312"]
    assert [p.text for p in document.paragraphs] == to_text(report).splitlines()


def test_level_three_marker_and_first_sentence_are_bold(small_docx):
    _, document = small_docx
    paragraph = paragraph_starting(document, "1.")
    first, rest = paragraph.runs
    assert first.text == "1.国土空间规划编制情况。"
    assert first.bold is True and east_asian_font(first) == "仿宋_GB2312"
    assert rest.text.startswith("完成县级总体规划报批") and not rest.bold


# --- page numbers -------------------------------------------------------------------------


def footer_has_page_field(footer) -> bool:
    instructions = footer._element.iter(qn("w:instrText"))
    return any(instruction.text.strip() == "PAGE" for instruction in instructions)


@pytest.mark.parametrize("which", ["small_docx", "seed_docx"])
def test_page_numbers_outer_edge_with_dashes(which, request):
    _, document = request.getfixturevalue(which)
    assert document.settings.odd_and_even_pages_header_footer is True
    section = document.sections[0]
    odd, even = section.footer, section.even_page_footer
    for footer, alignment in ((odd, WD_ALIGN_PARAGRAPH.RIGHT), (even, WD_ALIGN_PARAGRAPH.LEFT)):
        assert footer_has_page_field(footer)
        paragraph = footer.paragraphs[0]
        assert paragraph.alignment == alignment
        assert paragraph.text.count("—") == 2
        for run in paragraph.runs:
            assert east_asian_font(run) == "宋体" and run.font.size.pt == 14


# --- content ------------------------------------------------------------------------------


@pytest.mark.parametrize("which", ["small_docx", "seed_docx"])
def test_all_text_present_in_order(which, request):
    report, document = request.getfixturevalue(which)
    exported = "".join(paragraph.text for paragraph in document.paragraphs)
    assert squeeze(exported) == squeeze(to_text(report))


def test_seed_has_one_docx_paragraph_per_text_line(seed_docx):
    report, document = seed_docx
    non_empty = [p.text for p in document.paragraphs if p.text]
    assert non_empty == [line for line in to_text(report).splitlines() if line]


def test_markdown_export_matches_renderer(tmp_path, seed_003):
    report = parse_file(seed_003)
    path = export_markdown(report, tmp_path / "seed003.md")
    assert path.read_text(encoding="utf-8") == to_markdown(report)
    assert "### （二）深化服务保障" in path.read_text(encoding="utf-8")


# --- files --------------------------------------------------------------------------------


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")

    def fail_halfway(temporary: Path) -> None:
        temporary.write_bytes(b"half")
        raise OSError(28, "No space left on device")

    with pytest.raises(OutputFileError, match="磁盘空间"):
        write_atomically(target, fail_halfway)
    assert target.read_bytes() == b"old"
    assert sorted(tmp_path.iterdir()) == [target]


def test_export_replaces_an_existing_file(tmp_path):
    target = tmp_path / "report.docx"
    target.write_bytes(b"old")
    export_docx(small_report(), target)
    assert docx.Document(str(target)).paragraphs[0].text == TITLE
    assert sorted(tmp_path.iterdir()) == [target]


def test_control_characters_do_not_break_the_save(tmp_path):
    report = Report(title="上半年\x0b工作总结", lead=[Paragraph("完成\x07审批14个。")])
    document = docx.Document(str(export_docx(report, tmp_path / "r.docx")))
    assert [p.text for p in document.paragraphs] == ["上半年工作总结", "", "完成审批14个。"]


def test_missing_directory_and_empty_report_are_clear_errors(tmp_path):
    with pytest.raises(OutputFileError, match="目录不存在"):
        export_docx(small_report(), tmp_path / "absent" / "report.docx")
    with pytest.raises(ExportError, match="没有任何内容"):
        export_markdown(Report(), tmp_path / "empty.md")
    assert list(tmp_path.iterdir()) == []


# --- CLI ----------------------------------------------------------------------------------


def test_cli_writes_docx_and_markdown(tmp_path, seed_003):
    out_docx, out_md = tmp_path / "out.docx", tmp_path / "out.md"
    result = CliRunner().invoke(main, ["export", str(seed_003), "--docx", str(out_docx), "--md", str(out_md)])
    assert result.exit_code == 0, result.output
    assert out_docx.is_file() and out_md.is_file()
    assert str(out_docx) in result.output and str(out_md) in result.output
    assert "（一）强化规划引领" in docx.Document(str(out_docx)).paragraphs[1].text


def test_cli_needs_an_output(tmp_path, seed_003):
    result = CliRunner().invoke(main, ["export", str(seed_003)])
    assert result.exit_code != 0
    assert "请至少指定一个输出" in result.output and "--docx" in result.output


def test_cli_binary_input_is_a_clear_chinese_message(tmp_path):
    binary = tmp_path / "photo.txt"
    binary.write_bytes(bytes(range(256)) * 8)
    out = tmp_path / "out.docx"
    result = CliRunner().invoke(main, ["export", str(binary), "--docx", str(out)])
    assert result.exit_code != 0
    assert "二进制" in result.output
    assert "Traceback" not in result.output
    assert isinstance(result.exception, SystemExit)  # a handled exit, not an escaped error
    assert not out.exists()


def test_cli_command_has_help():
    result = CliRunner().invoke(main, ["export", "--help"])
    assert result.exit_code == 0 and "GB/T 9704" in result.output
