"""The web app's behaviour without a browser: drafting, revising by chat, sessions, escaping."""

from __future__ import annotations

import pytest

from drafter.drafting.draft import Draft, UnitRecord
from drafter.errors import DraftStoreError
from drafter.models.fake import answer, formal_sentence
from drafter.review.versions import DraftStore, address_from_request
from drafter.structure.parse import parse_text
from tests.test_review import REPORT, fake_check, rewrite_unit
from ui.app import App, Session, build_app, review_units
from ui.html import coverage_html, escape_markdown, exemplars_html, findings_html, hits_html

NOTES = "完成国土空间规划编制\n供应土地320亩\n部分规划执行不到位\n下半年深化审批改革"


def fake_draft(notes_text, *, model, kind=None, org=None, period=None, callbacks=None, **_):
    """A stand-in for drafter.drafting.pipeline.draft that reports progress like the real one."""
    if callbacks is not None:
        callbacks.on_outline("一、工作进展情况\n二、存在的问题\n三、下半年工作打算")
        callbacks.on_unit("一.（一）", "一是完成国土空间规划编制。")
        callbacks.on_progress(1, 3)
    text = REPORT.replace("部分规划执行不到位。", notes_text.splitlines()[2] + "。")
    return Draft(parse_text(text), kind or "half-year", org=org or "", notes_text=notes_text,
                 units=[UnitRecord("一.（一）")])


@pytest.fixture
def app(tmp_path) -> App:
    store = DraftStore(tmp_path / "d.sqlite3", draft=fake_draft, regenerate=rewrite_unit, check=fake_check)
    return App(model="fake-model", store=store)


def drafted(app: App, notes: str = NOTES) -> tuple[list[str], Session]:
    messages, session = [], Session()
    for message, updated in app.draft_stream(notes, session):
        messages.append(message)
        session = updated
    return messages, session


def test_drafting_streams_outline_and_units_then_the_whole_draft(app):
    messages, session = drafted(app)
    assert any("提纲" in m and "工作进展情况" in m for m in messages[:-1])
    assert any("一是完成国土空间规划编制" in m for m in messages[:-1])
    assert session.draft_id is not None and "已生成草稿" in messages[-1] and "供应土地320亩" in messages[-1]
    assert app.store.summary(session.draft_id).owner == session.owner


def test_follow_up_request_revises_the_named_part_and_says_what_changed(app):
    _, session = drafted(app)
    reply, session = app.revise("第二部分写得更简练些", session)
    assert "二（修改）" in reply and "已按意见重写 二" in reply
    version = app.store.latest(session.draft_id)
    assert version.source == "regenerated" and version.detail == "二：第二部分写得更简练些"
    assert "一是完成国土空间规划编制" in version.text  # part 一 untouched


def test_sessions_cannot_open_each_others_drafts(app):
    _, first = drafted(app)
    _, second = drafted(app)
    assert first.owner != second.owner
    assert [c[1] for c in app.draft_choices(first)] == [first.draft_id]
    intruder = Session(second.owner, first.draft_id)
    with pytest.raises(DraftStoreError, match="不属于当前会话"):
        app.own_version(intruder)


def test_review_units_edit_lock_export(app, tmp_path):
    import docx

    _, session = drafted(app)
    addresses = [address for address, _, _ in review_units(app.own_version(session))]
    assert addresses == ["一.（一）", "一.（二）", "二.（一）", "三.（一）"]
    session = app.edit(session, "一.（二）", "（二）加强资源管理。\n一是保障用地。")
    assert review_units(app.own_version(session))[1][2] is True
    session = app.regenerate(session, "三.（一）", "更简练")
    assert "经重新起草（更简练）" in app.own_version(session).text
    assert "<ins" in app.diff(session, 1, 3)
    docx_path, markdown_path = app.export(session)
    assert "一是保障用地。" in [p.text for p in docx.Document(docx_path).paragraphs]
    assert markdown_path.endswith(".md")


def test_the_blocks_build():
    blocks = build_app(App(model="fake", store=DraftStore(check=fake_check)))
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


def test_user_and_corpus_text_is_escaped():
    evil = "<script>alert(1)</script><img src=x onerror=alert(2)>"
    for fragment in (
        escape_markdown(evil),
        findings_html([{"line": 1, "severity": "error", "message": evil}]),
        exemplars_html([__import__("drafter.drafting.draft", fromlist=["Exemplar"]).Exemplar("c", evil, evil, 0.5)]),
        hits_html([type("Hit", (), {"text": evil, "source": evil, "score": 0.5})()]),
        coverage_html(__import__("drafter.drafting.draft", fromlist=["Coverage"]).Coverage(missing=[evil])),
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
