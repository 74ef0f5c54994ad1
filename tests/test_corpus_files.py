"""The project's own sample corpus (corpus/*.txt) must be well-formed examples of the genre.

They are used as exemplars for drafting and as fixtures for the checker, so every level of
numbering must be perfect, the text must survive a parse → render round trip, and none of it
may be copied from the reference material in ../shared.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import NATIONAL, SEEDS, national_reports

from drafter.structure.parse import parse_file
from drafter.structure.render import to_text
from drafter.structure.tree import Item, Paragraph, Part, Report

CORPUS = Path(__file__).resolve().parent.parent / "corpus"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

# file → (minimum number of parts, indices of the parts that report or plan work in sections)
EXPECTED: dict[str, tuple[int, tuple[int, ...]]] = {
    "zrj-2023h1.txt": (3, (0,)),
    "zrj-2023-annual.txt": (3, (0,)),
    "zrj-2024h1.txt": (3, (0,)),
    "sthj-2023h1.txt": (3, (0,)),
    "sthj-2024h1.txt": (3, (0,)),
    "nync-2023-annual.txt": (3, (0,)),
    "zjj-2024-plan.txt": (4, (2,)),
    "slj-2024-special.txt": (4, (1,)),
}
CORPUS_FILES = sorted(EXPECTED)
CJK = re.compile(r"[\u4e00-\u9fff]")
SENTENCE_END = re.compile(r"[。！？；\n]")
MIN_COPIED_SENTENCE = 15


def load(name: str) -> Report:
    return parse_file(CORPUS / name)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_contiguous(ordinals: list[int], where: str) -> None:
    assert ordinals == list(range(1, len(ordinals) + 1)), f"{where}: numbering {ordinals} is not 1..n"


def assert_item_runs(items: list[Item], where: str) -> None:
    """Top-level items of one parent: each family numbers 1..n; children restart under each item."""
    for family in {item.family for item in items}:
        assert_contiguous([item.ordinal for item in items if item.family == family], f"{where} [{family.value}]")
    for item in items:
        if item.children:
            assert_item_runs(item.children, f"{where} › {item.marker}")


def top_items(paragraphs: list[Paragraph]) -> list[Item]:
    return [item for paragraph in paragraphs for item in paragraph.items]


def test_corpus_has_the_required_files():
    present = {path.name for path in CORPUS.glob("*.txt")}
    assert set(EXPECTED) <= present
    assert len(present) >= 8


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_structure(name: str):
    minimum_parts, progress_parts = EXPECTED[name]
    report = load(name)
    assert report.title and report.title.startswith("某"), "the first line is the title"
    assert report.lead and report.lead[0].text.endswith("如下。"), "a lead paragraph (导语) follows the title"
    assert len(report.parts) >= minimum_parts
    assert_contiguous([part.ordinal for part in report.parts], f"{name} parts")
    for index in progress_parts:
        assert len(report.parts[index].sections) >= 2, f"{name}: part {index + 1} needs sections"
    for part in report.parts:
        assert_part_numbering(part, name)


def assert_part_numbering(part: Part, name: str) -> None:
    where = f"{name} {part.marker}{part.heading}"
    assert part.marker.endswith("、"), where
    assert part.heading and part.heading[-1] not in "。；，：", f"{where}: a level-1 heading has no final stop"
    assert not part.run_on, where
    assert_contiguous([section.ordinal for section in part.sections], f"{where} sections")
    assert_item_runs(top_items(part.intro), f"{where} intro")
    for section in part.sections:
        assert section.marker.startswith("（") and section.marker.endswith("）"), f"{where}: full-width （一）"
        assert_item_runs(top_items(section.paragraphs), f"{where} {section.marker}")


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_round_trips(name: str):
    original = (CORPUS / name).read_text(encoding="utf-8")
    assert squeeze(to_text(load(name))) == squeeze(original)


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_is_complete_and_of_genre_length(name: str):
    text = (CORPUS / name).read_text(encoding="utf-8")
    assert "*" not in text, "corpus reports are complete: no ** placeholders"
    assert 1800 <= len(CJK.findall(text)) <= 4000
    assert "\t" not in text and "\r" not in text


def test_corpus_uses_nesting_and_level_three_lines():
    reports = [load(name) for name in CORPUS_FILES]
    assert any(item.children for report in reports for paragraph in report.paragraphs
               for item in paragraph.items if item.family.value == "shi"), "one nested 三是…一是…二是… run"
    assert any(item.family.value == "num" for report in reports for item in report.walk_items()), "1. 2. lines"
    assert any(section.run_on for report in reports for part in report.parts for section in part.sections)


KINDS = {
    "zrj-2023h1.txt": "half-year", "zrj-2024h1.txt": "half-year", "sthj-2023h1.txt": "half-year",
    "sthj-2024h1.txt": "half-year", "zrj-2023-annual.txt": "annual", "nync-2023-annual.txt": "annual",
    "zjj-2024-plan.txt": "plan", "slj-2024-special.txt": "special",
}


@pytest.mark.parametrize("name", CORPUS_FILES)
def test_corpus_file_is_clean_for_the_checker(name: str):
    """The corpus is the model of a good report: its kind is recognised and the checker finds nothing."""
    kinds = pytest.importorskip("drafter.structure.kinds")
    check = pytest.importorskip("drafter.structure.check")
    report = load(name)
    assert kinds.detect_kind(report) == KINDS[name]
    result = check.check_report(report, KINDS[name])
    assert not result.errors, [str(finding) for finding in result.errors]
    assert not result.placeholders


def reference_texts() -> list[str]:
    paths = sorted(SEEDS.glob("*.txt")) if SEEDS.exists() else []
    paths += national_reports()
    return [squeeze(path.read_text(encoding="utf-8", errors="replace")) for path in paths]


def sentences(text: str) -> list[str]:
    return [squeeze(s) for s in SENTENCE_END.split(text) if len(squeeze(s)) >= MIN_COPIED_SENTENCE]


@pytest.mark.parametrize("name", CORPUS_FILES + ["../examples/notes-2024H1.md", "../examples/notes-plan-2025.md"])
def test_nothing_copied_from_reference_material(name: str):
    references = reference_texts()
    if not references:
        pytest.skip(f"neither {SEEDS} nor {NATIONAL} is present")
    copied = [s for s in sentences((CORPUS / name).read_text(encoding="utf-8")) if any(s in ref for ref in references)]
    assert not copied, f"{name} copies reference sentences: {copied[:3]}"


def test_corpus_plans_are_reported_on_in_the_next_period():
    """The 2023H1 plan (3 village plans, 17 plots, ≥300 mu) is reported done in the annual summary."""
    plan = (CORPUS / "zrj-2023h1.txt").read_text(encoding="utf-8")
    annual = (CORPUS / "zrj-2023-annual.txt").read_text(encoding="utf-8")
    h1_2024 = (CORPUS / "zrj-2024h1.txt").read_text(encoding="utf-8")
    assert "下半年完成3个村庄规划" in plan and "下半年完成3个" in annual
    assert "剩余17个" in plan and "17个" in annual
    assert "1500户" in annual and "1500户" in h1_2024


@pytest.mark.parametrize("name", ["notes-2024H1.md", "notes-small.md", "notes-plan-2025.md"])
def test_example_notes_are_headed_bullet_lists(name: str):
    lines = [line for line in (EXAMPLES / name).read_text(encoding="utf-8").splitlines() if line.strip()]
    assert lines[0].startswith("# 某")
    groups = [line for line in lines if line.startswith("## ")]
    bullets = [line for line in lines if line.lstrip().startswith("- ")]
    assert groups and len(bullets) >= 3
    assert any("问题：" in line for line in bullets) or name == "notes-plan-2025.md"
    assert any(re.search(r"(计划|下步)：", line) for line in bullets) or name == "notes-plan-2025.md"


def test_rich_notes_cover_what_the_writer_needs():
    text = (EXAMPLES / "notes-2024H1.md").read_text(encoding="utf-8")
    lines = text.splitlines()
    assert 4 <= sum(line.startswith("## ") for line in lines) <= 5
    assert sum("问题：" in line for line in lines) == 3
    assert sum(bool(re.search(r"(计划|下步)：", line)) for line in lines) == 3
    assert any(line.startswith("  - ") for line in lines), "one nested bullet"
    assert "**" in text or "待补" in text, "one figure left for the writer to supply"
