"""The draft store and reviewer operations, with a fake regeneration stage and checker."""

from __future__ import annotations

import os
import signal
import sqlite3
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from drafter.drafting.draft import Draft, Exemplar, WrittenUnit
from drafter.errors import DrafterError, DraftStoreError
from drafter.review.diff import diff_html, diff_reports, diff_text, summarize
from drafter.review.edits import unit_text, unlocked_cover
from drafter.review.versions import DraftStore
from drafter.structure.address import resolve
from drafter.structure.check import Finding
from drafter.structure.parse import parse_text
from drafter.structure.render import to_text
from drafter.structure.tree import Item, Paragraph, Part, Section

REPORT = textwrap.dedent("""\
    某局2025年上半年工作总结
    今年以来，我局围绕中心工作，扎实推进各项任务。现将有关情况报告如下。
    一、工作进展情况
    （一）强化规划引领，谋篇布局优空间。
    一是完成国土空间规划编制，规划成果通过审查。二是推进村庄规划编制，完成12个村的规划。
    （二）加强资源管理，强化要素保障。
    一是保障重点项目用地，供应土地320亩。二是开展闲置土地处置，盘活低效用地。
    二、存在的问题
    （一）规划实施监督有待加强。
    部分规划执行不到位。
    三、下半年工作打算
    （一）持续优化营商环境。
    一是深化审批制度改革。二是提升服务效能。
    """)


def rewrite_unit(draft: Draft, address: str, feedback: str, model, retriever=None) -> Draft:
    """A stand-in for drafter.drafting.pipeline.regenerate: rewrites only the unit at ``address``."""
    node = resolve(draft.report, address).node
    new_text = f"经重新起草{('（' + feedback + '）') if feedback else ''}，内容更加简练。"
    if isinstance(node, Item):
        node.text, node.children = new_text, []
    elif isinstance(node, Section):
        node.paragraphs = [Paragraph(lead=new_text)]
    elif isinstance(node, Part):
        node.intro = [Paragraph(lead=new_text)]
        for section in node.sections:
            section.paragraphs = [Paragraph(lead=new_text)]
    record = draft.unit(address)
    if record is None:
        draft.units.append(WrittenUnit(address, feedback=feedback))
    else:
        record.feedback = feedback
    return draft


def fake_check(report, kind):
    return [Finding("warning", "fake", 1, f"已检查：{report.title}")]


def make_draft() -> Draft:
    report = parse_text(REPORT)
    return Draft(
        report=report,
        kind="half-year",
        org="某局",
        period="2025年上半年",
        notes_text="完成国土空间规划编制\n供应土地320亩",
        outline_text="一、工作进展情况",
        units=[WrittenUnit("一.（一）", note_ids=["n1"], exemplars=[Exemplar("c1", "seed.txt", "一是……", 0.8)])],
        model="fake",
        prompt_versions={"write": "1"},
    )


@pytest.fixture
def store(tmp_path) -> DraftStore:
    return DraftStore(tmp_path / "drafts.sqlite3", regenerate=rewrite_unit, check=fake_check)


@pytest.fixture
def draft_id(store) -> int:
    return store.create(make_draft())


def test_create_stores_the_whole_draft_as_version_one(store, draft_id):
    version = store.latest(draft_id)
    assert version.number == 1 and version.source == "generated"
    assert version.text == to_text(make_draft().report)
    assert version.draft.units[0].exemplars[0].source == "seed.txt"
    assert version.draft.prompt_versions == {"write": "1"}
    [summary] = store.list_drafts()
    assert summary.title == "某局2025年上半年工作总结" and summary.versions == 1


def test_default_path_is_under_drafter_home(drafter_home):
    store = DraftStore()
    assert store.path == drafter_home / "drafts.sqlite3"
    with sqlite3.connect(store.path) as connection:
        assert connection.execute("PRAGMA journal_mode").fetchone()[0] == "wal"


def test_edit_reparses_the_unit_in_place_keeps_marker_locks_and_rechecks(store, draft_id):
    version = store.edit(draft_id, "一.(二)", "加强资源管理。一是保障用地需求。二是盘活存量土地。三是严格执法监管。")
    assert version.number == 2 and version.source == "edited"
    assert version.locked == {"一.（二）"}
    section = resolve(version.draft.report, "一.（二）").node
    assert section.marker == "（二）" and section.heading == "加强资源管理。"
    assert [item.marker for item in section.walk_items()] == ["一是", "二是", "三是"]
    assert version.draft.findings[0].message == "已检查：某局2025年上半年工作总结"
    # Everything else is unchanged.
    before = store.version(draft_id, 1).draft.report
    assert unit_text(resolve(version.draft.report, "一.（一）").node) == unit_text(resolve(before, "一.（一）").node)
    assert to_text(version.draft.report).count("三是严格执法监管") == 1


def test_edit_an_item_without_its_marker_keeps_the_marker(store, draft_id):
    version = store.edit(draft_id, "一.（一）.二是", "推进村庄规划编制，完成15个村的规划。")
    item = resolve(version.draft.report, "一.（一）.二是").node
    assert item.full_text == "二是推进村庄规划编制，完成15个村的规划。"
    assert "一.（一）.二是" in version.locked


def test_edit_rejects_text_that_is_more_than_the_unit(store, draft_id):
    with pytest.raises(DraftStoreError, match="只能包含"):
        store.edit(draft_id, "一.（一）", "（一）甲。\n（二）乙。")
    with pytest.raises(DraftStoreError, match="为空"):
        store.edit(draft_id, "一.（一）", "  \n")
    assert store.latest(draft_id).number == 1


def test_regenerate_rewrites_only_that_unit(store, draft_id):
    before = store.latest(draft_id).draft.report
    version = store.regenerate(draft_id, "一.（二）", "写得更简练些", model=None)
    after = version.draft.report
    assert version.source == "regenerated" and "写得更简练些" in version.detail
    assert "经重新起草（写得更简练些）" in unit_text(resolve(after, "一.（二）").node)
    for address in ("一.（一）", "二", "三"):
        assert unit_text(resolve(after, address).node) == unit_text(resolve(before, address).node)
    assert after.title == before.title
    assert version.draft.unit("一.（二）").feedback == "写得更简练些"


def test_edit_then_regenerate_leaves_locked_units_unchanged(store, draft_id):
    edited = store.edit(draft_id, "一.（一）", "（一）强化规划引领。一是规划编制全部完成。")
    locked_text = unit_text(resolve(edited.draft.report, "一.（一）").node)
    # The part contains the locked section: only its other section is rewritten.
    version = store.regenerate(draft_id, "一", "更简练", model=None)
    assert unit_text(resolve(version.draft.report, "一.（一）").node) == locked_text
    assert "经重新起草" in unit_text(resolve(version.draft.report, "一.（二）").node)
    # Regenerating everything still leaves it alone.
    everything = store.regenerate_all(draft_id, model=None)
    assert unit_text(resolve(everything.draft.report, "一.（一）").node) == locked_text
    assert "经重新起草" in unit_text(resolve(everything.draft.report, "三").node)
    assert everything.locked == {"一.（一）"}


def test_regenerating_a_locked_unit_is_refused(store, draft_id):
    store.lock(draft_id, "二")
    with pytest.raises(DraftStoreError, match="已锁定"):
        store.regenerate(draft_id, "二.（一）", "", model=None)
    unlocked = store.unlock(draft_id, "二")
    assert unlocked.locked == frozenset() and unlocked.source == "unlocked"
    assert store.regenerate(draft_id, "二.（一）", "", model=None).number == 4


def test_lock_twice_adds_one_version(store, draft_id):
    store.lock(draft_id, "一.（一）.一是")
    store.lock(draft_id, "一.(一).一是")
    assert [info.source for info in store.history(draft_id)] == ["generated", "locked"]


def test_unlocked_cover_splits_around_locks():
    report = parse_text(REPORT)
    assert unlocked_cover(report, "一", frozenset()) == ["一"]
    assert unlocked_cover(report, "一", frozenset({"一.（二）.一是"})) == ["一.（一）", "一.（二）.二是"]
    assert unlocked_cover(report, "一", frozenset({"一"})) == []


def test_a_stage_that_touches_other_units_is_rejected(tmp_path):
    def sloppy(draft, address, feedback, model, retriever=None):
        draft = rewrite_unit(draft, address, feedback, model)
        resolve(draft.report, "三.（一）").node.heading = "被误改的标题。"
        return draft

    store = DraftStore(tmp_path / "d.sqlite3", regenerate=sloppy, check=fake_check)
    draft_id = store.create(make_draft())
    with pytest.raises(DraftStoreError, match="三.（一）"):
        store.regenerate(draft_id, "一.（一）", "", model=None)
    assert store.latest(draft_id).number == 1


def test_revert_restores_text_and_locks_as_a_new_version(store, draft_id):
    store.edit(draft_id, "二.（一）", "（一）监督机制有待完善。\n个别项目落实滞后。")
    store.regenerate(draft_id, "三", "", model=None)
    version = store.revert(draft_id, 1)
    assert version.number == 4 and version.source == "reverted" and "第 1 版" in version.detail
    assert version.text == store.version(draft_id, 1).text
    assert version.locked == frozenset()
    assert [info.number for info in store.history(draft_id)] == [1, 2, 3, 4]


def test_diff_between_versions_is_per_section_with_character_changes(store, draft_id):
    store.edit(draft_id, "一.（二）", "（二）加强资源管理，强化要素保障。\n一是保障重点项目用地，供应土地350亩。二是开展闲置土地处置，盘活低效用地。")
    diff = store.diff(draft_id, 1, 2)
    assert diff.addresses == ["一.（二）"]
    [change] = diff.changes
    assert ("320", "350") in [(span.before, span.after) for span in change.spans] or \
        ("2", "5") in [(span.before, span.after) for span in change.spans]
    text = diff_text(diff)
    assert "== 一.（二）" in text and "[-" in text and "{+" in text
    assert "删 " in summarize(diff) and "一.（二）（修改）" in summarize(diff)
    assert "<ins" in diff_html(diff) and "<del" in diff_html(diff)
    assert store.diff(draft_id, 2, 2).unchanged


def test_diff_reports_added_and_removed_sections():
    before = parse_text(REPORT)
    after = parse_text(REPORT.replace("（二）加强资源管理", "（三）加强资源管理"))
    statuses = {change.address: change.status for change in diff_reports(before, after).changes}
    assert statuses == {"一.（二）": "removed", "一.（三）": "added"}


def test_diff_html_escapes_report_text():
    before = parse_text("一、进展\n（一）甲。\n正文。")
    after = parse_text("一、进展\n（一）甲。\n正文<script>alert(1)</script>。")
    html_text = diff_html(diff_reports(before, after))
    assert "<script>" not in html_text and "&lt;script&gt;" in html_text


def test_export_writes_docx_and_markdown(store, draft_id, tmp_path):
    import docx

    store.edit(draft_id, "三.（一）", "（一）持续优化营商环境。\n一是深化审批改革。")
    written = store.export(draft_id, docx=tmp_path / "out.docx", markdown=tmp_path / "out.md")
    assert [path.name for path in written] == ["out.docx", "out.md"]
    paragraphs = [p.text for p in docx.Document(str(tmp_path / "out.docx")).paragraphs]
    assert "一是深化审批改革。" in paragraphs
    assert "## 一、工作进展情况" in (tmp_path / "out.md").read_text(encoding="utf-8")
    old = store.export(draft_id, markdown=tmp_path / "v1.md", number=1)
    assert "二是提升服务效能" in old[0].read_text(encoding="utf-8")
    assert store.accept(draft_id).number == 2
    assert store.summary(draft_id).accepted_version == 2


def test_owners_keep_their_drafts_apart(store):
    first = store.create(make_draft(), owner="session-a")
    second = store.create(make_draft(), owner="session-b")
    assert [summary.id for summary in store.list_drafts(owner="session-a")] == [first]
    assert [summary.id for summary in store.list_drafts(owner="session-b")] == [second]


def test_missing_draft_and_version_give_clear_errors(store, draft_id):
    with pytest.raises(DraftStoreError, match="drafter drafts list"):
        store.latest(99)
    with pytest.raises(DraftStoreError, match="没有第 7 版"):
        store.version(draft_id, 7)
    with pytest.raises(DrafterError, match="可用的位置有：一、一.（一）"):
        store.regenerate(draft_id, "九", "", model=None)


def test_a_stale_base_version_is_refused(store, draft_id):
    current = store.latest(draft_id)
    store.lock(draft_id, "一")
    with pytest.raises(DraftStoreError, match="已被修改"):
        store.commit(draft_id, current.draft, "edited", "一", frozenset(), based_on=current.number)


def test_unreadable_database_gives_a_clear_error(tmp_path):
    path = tmp_path / "broken.sqlite3"
    path.write_bytes(b"this is not a database" * 100)
    with pytest.raises(DraftStoreError, match="无法使用"):
        DraftStore(path)


# --- crash safety ---------------------------------------------------------------------------

SLOW_REGENERATION = """
import sys, time
from drafter.review.versions import DraftStore

def slow(draft, address, feedback, model, retriever=None):
    print("regenerating", flush=True)
    time.sleep(60)
    return draft

store = DraftStore(sys.argv[1], regenerate=slow, check=lambda report, kind: [])
store.regenerate(int(sys.argv[2]), "一.（二）", "更简练", model=None)
"""

BUSY_WRITER = """
import sys
from drafter.review.versions import DraftStore

store = DraftStore(sys.argv[1], check=lambda report, kind: [])
draft_id = int(sys.argv[2])
print("writing", flush=True)
n = 0
while True:
    n += 1
    store.lock(draft_id, "一") if n % 2 else store.unlock(draft_id, "一")
"""


def run_and_kill(script: str, *arguments: str, after: float = 0.0) -> None:
    environment = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parent.parent)}
    process = subprocess.Popen([sys.executable, "-c", script, *arguments], stdout=subprocess.PIPE, env=environment)
    assert process.stdout.readline().strip() in (b"regenerating", b"writing")
    time.sleep(after)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=10)
    assert process.returncode == -signal.SIGKILL


def test_sigkill_during_regeneration_leaves_last_version_intact(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path, regenerate=rewrite_unit, check=fake_check)
    draft_id = store.create(make_draft())
    store.edit(draft_id, "一.（一）", "（一）强化规划引领。一是规划编制全部完成。")
    expected = store.latest(draft_id)

    run_and_kill(SLOW_REGENERATION, str(path), str(draft_id))

    reopened = DraftStore(path, regenerate=rewrite_unit, check=fake_check)
    latest = reopened.latest(draft_id)
    assert latest.number == 2 and latest.text == expected.text and latest.locked == expected.locked
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    assert reopened.regenerate(draft_id, "一.（二）", "", model=None).number == 3


def test_sigkill_during_busy_writes_leaves_every_version_readable(tmp_path):
    path = tmp_path / "drafts.sqlite3"
    store = DraftStore(path, check=fake_check)
    draft_id = store.create(make_draft())

    run_and_kill(BUSY_WRITER, str(path), str(draft_id), after=1.0)

    reopened = DraftStore(path, check=fake_check)
    history = reopened.history(draft_id)
    assert len(history) > 2, "the writer should have committed versions before it was killed"
    assert [info.number for info in history] == list(range(1, len(history) + 1))
    for info in history[-3:]:
        assert reopened.version(draft_id, info.number).text == store.version(draft_id, 1).text
    with sqlite3.connect(path) as connection:
        assert connection.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


def test_regenerate_works_when_an_edit_repeated_an_item_address(store, draft_id):
    store.edit(draft_id, "一.（一）", "（一）强化规划引领。一是甲。二是乙。\n一是经审阅人补充的内容。")
    version = store.regenerate(draft_id, "二", "更简练", model=None)
    assert "一是经审阅人补充的内容。" in version.text and "经重新起草（更简练）" in version.text
