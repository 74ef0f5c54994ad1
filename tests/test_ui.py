"""The web app's behaviour without a browser: identity, drafting you can follow, stopping, review
as a document, the tools (check, summarise, merge), escaping."""

from __future__ import annotations

import time

import pytest

from drafter.drafting.draft import Draft, Exemplar, WrittenUnit
from drafter.drafting.outline import outline_reading_lines
from drafter.errors import DraftCancelled, DraftStoreError
from drafter.models.fake import RuleBasedChatModel, answer, formal_sentence
from drafter.review.requests import address_from_request
from drafter.review.versions import DraftStore
from drafter.structure.check import Finding
from drafter.structure.parse import parse_text
from tests.test_review import REPORT, fake_check, rewrite_unit
from ui.app import App, Session, build_app, line_owners, review_units
from ui.html import (
    checked_text_html,
    coverage_html,
    document_html,
    escape_markdown,
    exemplars_html,
    findings_html,
    hits_html,
    outline_html,
)

NOTES = "完成国土空间规划编制\n供应土地320亩\n部分规划执行不到位\n下半年深化审批改革"
OUTLINE = ("# 某局2025年上半年工作总结\n> 今年以来……\n\n## 一、工作进展情况 <!-- progress -->\n"
           "### （一）强化规划引领\n- [n1] 完成国土空间规划编制\n## 二、存在的问题 <!-- problems -->\n"
           "- [n3] 部分规划执行不到位\n- [n4:措施] 下半年深化审批改革\n")
SECRET = "0123456789abcdef" * 4


def fake_draft(notes_text, *, model, kind=None, org=None, period=None, callbacks=None, **_):
    """A stand-in for drafter.drafting.pipeline.draft that reports progress like the real one."""
    if callbacks is not None:
        callbacks.on_outline(OUTLINE)
        callbacks.on_unit("一.（一）", "（一）强化规划引领\n一是完成国土空间规划编制。")
        callbacks.on_progress(1, 3)
        if callbacks.cancelled():
            raise DraftCancelled("已停止起草；本次没有保存任何内容。")
    text = REPORT.replace("部分规划执行不到位。", notes_text.splitlines()[2] + "。")
    exemplar = Exemplar("c1", "往年报告.txt", "完成**个村的规划编制", 0.8)
    return Draft(parse_text(text), kind or "half-year", org=org or "", notes_text=notes_text,
                 units=[WrittenUnit("一.（一）.一是", note_ids=["n1"], exemplars=[exemplar]),
                        WrittenUnit("二.（一）", note_ids=["n3"], fallback=True)],
                 findings=[Finding("warning", "x", 6, "小标题过长")])


@pytest.fixture
def app(tmp_path) -> App:
    store = DraftStore(tmp_path / "d.sqlite3", draft=fake_draft, regenerate=rewrite_unit, check=fake_check)
    return App(model="fake-model", store=store, secret=SECRET)


def page(app: App, token: str | None = None, username: str | None = None) -> tuple[str, Session]:
    return app.identify(token, username)


def drafted(app: App, session: Session | None = None, notes: str = NOTES) -> tuple[list[str], Session]:
    messages, session = [], session or page(app)[1]
    for message, updated in app.draft_stream(notes, session):
        messages.append(message)
        session = updated
    return messages, session


def test_a_browser_finds_its_drafts_again_with_its_kept_token(app):
    token, first = page(app)
    assert len(token) == 32 and first.owner.startswith("browser:") and first.draft_id is None
    _, first = drafted(app, first)
    kept, again = page(app, token)  # a reload: the browser sends the token it kept
    assert kept == token and again.owner == first.owner and again.draft_id == first.draft_id
    other_token, stranger = page(app)  # another browser
    assert other_token != token and app.draft_choices(stranger) == [] and stranger.draft_id is None
    tampered_token, tampered = page(app, "user:someone")  # a forged value gets a fresh identity
    assert tampered.owner not in (first.owner, "user:someone") and app.draft_choices(tampered) == []


def test_logged_in_users_own_their_drafts_whatever_the_browser(app):
    token, browser = page(app)
    _, alice = page(app, token, "alice")
    assert alice.owner == "user:alice"
    _, alice = drafted(app, alice)
    _, bob = page(app, token, "bob")  # same browser, other user
    assert app.draft_choices(bob) == [] and bob.draft_id is None
    assert app.draft_choices(browser) == []
    with pytest.raises(DraftStoreError, match="不属于当前用户"):
        app.own_version(Session(bob.owner, alice.draft_id))
    with pytest.raises(DraftStoreError, match="不属于当前用户"):
        app.edit(Session(bob.owner, alice.draft_id), "一.（一）", "（一）改写。")
    with pytest.raises(DraftStoreError, match="不属于当前用户"):
        app.own_version(Session("", alice.draft_id))
    assert [choice[1] for choice in app.draft_choices(page(app, None, "alice")[1])] == [alice.draft_id]


def test_drafting_shows_a_clean_outline_then_sections_then_the_document(app):
    messages, session = drafted(app)
    during = messages[1:-1]
    assert any("强化规划引领" in m and "完成国土空间规划编制" in m for m in during)
    assert any("已写 1/3 条要点" in m and "<progress" in m for m in during)
    for message in messages:
        assert "<!--" not in message and "[n" not in message and "措施]" not in message
    assert session.draft_id is not None and "已生成草稿" in messages[-1] and "供应土地320亩" in messages[-1]
    assert app.store.summary(session.draft_id).owner == session.owner


def slow_draft(notes_text, *, callbacks, **options):
    """Drafting that takes a while, as a local model does, and stops when asked."""
    for done in range(200):
        callbacks.on_progress(done, 200)
        if callbacks.cancelled():
            raise DraftCancelled("已停止起草；本次没有保存任何内容。")
        time.sleep(0.01)
    return fake_draft(notes_text, callbacks=None, **options)


def test_stopping_a_draft_keeps_nothing(tmp_path):
    app = App(model="fake", store=DraftStore(tmp_path / "d.sqlite3", draft=slow_draft, check=fake_check), secret=SECRET)
    session = page(app)[1]
    stream = app.draft_stream(NOTES, session)
    assert "正在读取要点" in next(stream)[0]
    assert app.stop(session) == "正在停止……"
    messages = [message for message, _ in stream]
    assert "已停止起草" in messages[-1] and "没有保存" in messages[-1]
    assert app.store.list_drafts(owner=session.owner) == []
    assert app.stop(session) == "当前没有正在进行的起草。"


def test_notes_reading_is_shown_before_writing():
    reading, kind, org, period = App(store=DraftStore(check=fake_check), secret=SECRET).read_notes(
        "# 白沙镇2024年上半年工作总结\n## 安全生产\n- 排查隐患120处\n- 问题：部分企业整改偏慢\n- 下步：开展专项整治")
    assert (kind, org, period) == ("half-year", "白沙镇", "2024H1")
    assert "排查隐患120处" in reading and "存在问题" in reading and "部分企业整改偏慢" in reading


def test_follow_up_request_revises_the_named_part_and_says_what_changed(app):
    _, session = drafted(app)
    reply, session = app.revise("第二部分写得更简练些", session)
    assert "已按意见重写 二" in reply
    version = app.store.latest(session.draft_id)
    assert version.source == "regenerated" and version.detail == "二：第二部分写得更简练些"
    assert "一是完成国土空间规划编制" in version.text  # part 一 untouched


def test_a_section_shows_its_notes_exemplars_fallbacks_findings_and_history(app):
    _, session = drafted(app)
    assert line_owners(app.own_version(session).draft.report)[5] == "一.（二）"
    first = app.section_details(session, "一.（一）")
    assert "完成国土空间规划编制" in first and "往年报告.txt" in first and "第 1 版" in first
    problems = app.section_details(session, "二.（一）")
    assert "部分规划执行不到位" in problems and "已按要点原文写成" in problems
    assert "小标题过长" in app.section_details(session, "一.（二）") and "小标题过长" not in first
    session = app.regenerate(session, "三.（一）", "更简练")
    assert "三.（一）：更简练" in app.section_details(session, "三.（一）")
    assert "三.（一）：更简练" not in app.section_details(session, "一.（一）")


def test_review_edit_lock_regenerate_diff_export(app):
    import docx

    _, session = drafted(app)
    addresses = [address for address, _, _ in review_units(app.own_version(session))]
    assert addresses == ["一.（一）", "一.（二）", "二.（一）", "三.（一）"]
    session = app.edit(session, "一.（二）", "（二）加强资源管理。\n一是保障用地。")
    assert review_units(app.own_version(session))[1][2] is True
    session = app.regenerate(session, "三.（一）", "更简练")
    assert "经重新起草（更简练）" in app.own_version(session).text
    assert "<ins" in app.diff(session, 1, 3)
    assert [row[0] for row in app.history_rows(session)] == [1, 2, 3]
    with pytest.raises(DraftStoreError, match="请先在右侧选择"):
        app.edit(session, "", "x")
    docx_path, markdown_path = app.export(session)
    assert "一是保障用地。" in [p.text for p in docx.Document(docx_path).paragraphs]
    assert markdown_path.endswith(".md")


def test_check_shows_each_finding_under_its_line(tmp_path):
    app = App(store=DraftStore(tmp_path / "d.sqlite3"), secret=SECRET)
    text = "某局2025年上半年工作总结\n一、工作进展\n一是完成规划。\n三、下步打算\n一是深化改革。\n"
    verdict, marked = app.check(text, None)
    assert "错误" in verdict and "请按下方标注修改" in verdict
    assert "缺少“二、”" in marked and "<span class='check-number'>4</span>" in marked
    with pytest.raises(DraftStoreError, match="请粘贴报告全文"):
        app.check("  ", None)


def test_summarise_and_merge_with_the_fake_model(tmp_path):
    app = App(model=RuleBasedChatModel(), store=DraftStore(tmp_path / "d.sqlite3"), secret=SECRET)
    summary = app.summarize(REPORT, None, 120)
    assert "主要工作" in summary and len(summary) <= 160  # the fake model's one summary sentence
    first, second = tmp_path / "甲科.txt", tmp_path / "乙科.txt"
    first.write_text(REPORT, encoding="utf-8")
    second.write_text(REPORT.replace("供应土地320亩", "整改图斑45个"), encoding="utf-8")
    session = app.identify(None, "alice")[1]
    message, session = app.merge([str(first), str(second)], session, org="某县", period="2025H1")
    assert "已生成草稿" in message and "整改图斑45个" in message and "320" in message
    assert app.store.summary(session.draft_id).owner == "user:alice"
    with pytest.raises(DraftStoreError, match="至少上传两份"):
        app.merge([str(first)], session)


def test_the_blocks_build():
    blocks = build_app(App(model="fake", store=DraftStore(check=fake_check), secret=SECRET))
    assert blocks.title == "起草助手"
    assert blocks.analytics_enabled is False  # nothing about the user's session leaves the machine


@pytest.mark.parametrize(
    ("request_text", "address"),
    [
        ("第二部分写得更简练些", "二"),
        ("第一部分（二）再具体一点", "一.（二）"),
        ("第一部分第二节太长了", "一.（二）"),
        ("一.（二）.二是改一下", "一.（二）.二是"),
        ("一（一）语气更正式", "一.（一）"),
        ("问题部分写得更深刻", "二"),
        ("下半年打算要更具体", "三"),
        ("第九部分", None),
        ("整体语气更正式", None),
    ],
)
def test_requests_map_to_addresses(request_text, address):
    assert address_from_request(parse_text(REPORT), request_text) == address


def test_outline_is_shown_without_markup():
    lines = outline_reading_lines(OUTLINE)
    assert ("part", "一、工作进展情况") in lines and ("note", "下半年深化审批改革") in lines
    assert "<!--" not in outline_html(OUTLINE) and "[n" not in outline_html(OUTLINE)


def test_user_and_corpus_text_is_escaped():
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    for fragment in (
        escape_markdown(evil),
        findings_html([Finding("error", "x", 1, evil)]),
        exemplars_html([Exemplar("c", evil, evil, 0.5)]),
        hits_html([type("Hit", (), {"text": evil, "source": evil, "score": 0.5})()]),
        coverage_html(__import__("drafter.drafting.draft", fromlist=["Coverage"]).Coverage(missing=[evil])),
        document_html(evil, [evil], [(evil, [evil], [(evil, [evil, evil], True)])], selected=evil),
        checked_text_html(evil + "\n" + evil, [Finding("error", "x", 1, evil)]),
        outline_html(f"# {evil}\n## {evil}\n- [n1] {evil}"),
    ):
        assert "<script" not in fragment and "<img" not in fragment and "&lt;script&gt;" in fragment


def test_fake_model_writes_from_the_note_without_new_figures():
    reply = answer("要点：供应土地320亩，完成12个村规划")
    assert reply == formal_sentence("供应土地320亩，完成12个村规划")
    assert "320" in reply and "12" in reply
    numbered = answer("下面有2条工作要点\n要点：\n[1] 完成规划编制\n[2] 供应土地320亩")
    assert numbered.splitlines() == ["[1] " + formal_sentence("完成规划编制"), "[2] " + formal_sentence("供应土地320亩")]
    headings = answer("请为每组拟一个对仗的小标题\n[1] 甲\n[2] 乙")
    assert not any(ch.isdigit() for ch in headings.replace("[1]", "").replace("[2]", ""))
    concise = answer("修改要求：写得更简练些\n要点：完成规划编制")
    assert concise == "完成规划编制。"


def test_continuity_panels_say_what_to_do_without_earlier_reports(app, tmp_path, monkeypatch):
    monkeypatch.setenv("DRAFTER_HOME", str(tmp_path / "home"))
    _, session = drafted(app)
    carryover, figures = app.continuity(session)
    assert "导入往期报告" in carryover and "导入往期报告" in figures and "某局2025年上半年" in carryover
    with pytest.raises(DraftStoreError, match="不属于当前用户"):
        app.continuity(Session(page(app)[1].owner, session.draft_id))
