"""Build the evaluation cases: sections of real or sample reports turned back into notes.

    python eval/build_cases.py            # writes eval/cases/corpus/* and eval/cases/national/*

The mechanical part of what a writer's notes look like: for each item (or paragraph) of the
chosen sections, split it into sentences, keep those with figures (or the first one when none
has any), cut each to a short bullet, group the bullets under ``## <section heading>`` and tag
them 问题：/计划：/目标： by the role of the part they came from. Each case takes one progress
section and one plans section (≤ 8 bullets). A case file points at its reference (source file
+ unit addresses); national sources stay in ../shared and are never copied here.
"""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO_ROOT))

from drafter.structure.figures import find_figures  # noqa: E402
from drafter.structure.kinds import assign_roles, detect_kind  # noqa: E402
from drafter.structure.numerals import int_to_cn  # noqa: E402
from drafter.structure.parse import parse_file  # noqa: E402
from drafter.structure.tree import Part, Report, Section  # noqa: E402

CASES_DIR = REPO_ROOT / "eval" / "cases"
CORPUS_DIR = REPO_ROOT / "corpus"
NATIONAL_DIR = REPO_ROOT.parent / "shared" / "eval" / "national"
NATIONAL_SOURCE = "../shared/eval/national"  # as written in the case files, relative to the repo
MAX_BULLETS = 8
PROGRESS_BULLETS = 5
BULLET_CHARS = 60
ROLE_TAGS = {"problems": "问题：", "plans": "计划：", "goals": "目标：", "guidance": "", "safeguards": "计划："}
# Enumeration words and set phrases that belong to the report's prose, not to a note.
LEADING_WORDS_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+|首先|其次|同时|此外|具体目标是|主要是)")
SENTENCE_RE = re.compile(r"[^。；！？]+[。；！？]?")
CASES_PER_SET = 6


def sentences(text: str) -> list[str]:
    return [s.strip() for s in SENTENCE_RE.findall(text) if s.strip(" 。；")]


def bullet(sentence: str) -> str:
    """A sentence cut to its first clause plus the clauses that carry figures, ≤ BULLET_CHARS."""
    clauses = [LEADING_WORDS_RE.sub("", c).strip() for c in re.split(r"[，：、]", sentence.rstrip("。；！？"))]
    clauses = [c for c in clauses if c]
    if not clauses:
        return ""
    kept = [c for c in clauses if find_figures(c)] or clauses
    text = ""
    for clause in kept:
        candidate = f"{text}，{clause}" if text else clause
        if len(candidate) > BULLET_CHARS and text:
            break
        text = candidate
    # The first clause usually names the work (推进村庄规划); keep it when it still fits.
    if clauses[0] not in kept and len(clauses[0]) + len(text) + 1 <= BULLET_CHARS:
        text = f"{clauses[0]}，{text}"
    text = text[:BULLET_CHARS].strip()
    return text.replace("“", "").replace("”", "") if text.count("“") != text.count("”") else text


def unit_texts(section: Section) -> list[str]:
    """The section's items (each with its nested items), or its paragraphs when it has none."""
    items = [item.body_text for paragraph in section.paragraphs for item in paragraph.items]
    return items or [paragraph.text for paragraph in section.paragraphs if paragraph.text.strip()]


def section_bullets(texts: list[str], limit: int) -> list[str]:
    """Figure sentences first, one per unit in turn, so the bullets spread over the section."""
    per_unit = []
    for text in texts:
        found = sentences(text)
        with_figures = [s for s in found if find_figures(s)]
        per_unit.append(with_figures or found[:1])
    bullets: list[str] = []
    depth = 0
    while len(bullets) < limit and any(depth < len(unit) for unit in per_unit):
        for unit in per_unit:
            if depth < len(unit) and len(bullets) < limit:
                text = bullet(unit[depth])
                if len(text) >= 6 and text not in bullets:
                    bullets.append(text)
        depth += 1
    return bullets


def notes_block(heading: str, bullets: list[str], role: str) -> str:
    tag = ROLE_TAGS.get(role, "")
    heading = heading.rstrip("。；，")
    return "\n".join([f"## {heading}", *(f"- {tag}{text}" for text in bullets)])


def pick_section(part: Part, index: int) -> tuple[str, Section | None]:
    """Address and section of the ``index``-th section (wrapping), or the part itself."""
    part_key = int_to_cn(part.ordinal)
    if not part.sections:
        return part_key, None
    section = part.sections[index % len(part.sections)]
    return f"{part_key}.（{int_to_cn(section.ordinal)}）", section


def first_part(report: Report, roles: tuple[str, ...]) -> Part | None:
    return next((p for p in report.parts if p.role in roles and p.ordinal and (p.sections or p.intro)), None)


def build_case(report: Report, index: int, title: str) -> tuple[list[str], str] | None:
    """(addresses, notes text) for one progress section and one plans section of ``report``."""
    progress = first_part(report, ("progress",)) or first_part(report, ("goals",))
    plans = first_part(report, ("plans",))
    if progress is None or plans is None:
        return None
    blocks, addresses = [f"# {title}"], []
    budget = MAX_BULLETS
    for part, limit in ((progress, PROGRESS_BULLETS), (plans, MAX_BULLETS - PROGRESS_BULLETS)):
        address, section = pick_section(part, index + 1)
        texts = unit_texts(section) if section else [p.text for p in part.intro]
        bullets = section_bullets(texts, min(limit, budget))
        if not bullets:
            return None
        budget -= len(bullets)
        addresses.append(address)
        blocks.append(notes_block(section.heading if section else part.heading, bullets, part.role))
    return addresses, "\n\n".join(blocks) + "\n"


def write_case(case_set: str, case_id: str, notes: str, data: dict) -> None:
    folder = CASES_DIR / case_set
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{case_id}.md").write_text(notes, encoding="utf-8")
    case = {"id": case_id, "set": case_set, **data, "notes_file": f"{case_id}.md"}
    (folder / f"{case_id}.json").write_text(json.dumps(case, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")


def build_corpus_cases() -> int:
    written = 0
    for index, path in enumerate(sorted(CORPUS_DIR.glob("*.txt"))[:CASES_PER_SET]):
        report = parse_file(path)
        kind = detect_kind(report)
        assign_roles(report, kind)
        built = build_case(report, index, report.title)
        if built is None:
            print(f"跳过 {path.name}：找不到进展和计划部分", file=sys.stderr)
            continue
        addresses, notes = built
        write_case("corpus", f"corpus-{path.stem}", notes, {
            "kind": kind, "source": f"corpus/{path.name}", "addresses": addresses,
        })
        written += 1
    return written


def build_national_cases() -> int:
    if not NATIONAL_DIR.is_dir():
        print(f"没有找到 {NATIONAL_DIR}，跳过国家报告用例。", file=sys.stderr)
        return 0
    written = 0
    for index, path in enumerate(sorted(NATIONAL_DIR.glob("gwr_national_*.txt"))[:CASES_PER_SET]):
        year = int(re.search(r"(\d{4})", path.stem)[1])
        report = parse_file(path)
        assign_roles(report, "annual")
        built = build_case(report, index, f"国务院 {year}年政府工作报告")
        if built is None:
            print(f"跳过 {path.name}：找不到进展和计划部分", file=sys.stderr)
            continue
        addresses, notes = built
        write_case("national", f"national-{year}", notes, {
            "kind": "annual", "source": f"{NATIONAL_SOURCE}/{path.name}", "addresses": addresses,
            "org": "国务院", "period": str(year - 1),
        })
        written += 1
    return written


def main() -> int:
    corpus, national = build_corpus_cases(), build_national_cases()
    print(f"已生成 {corpus} 个样例报告用例、{national} 个国家报告用例，位于 {CASES_DIR}。")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
