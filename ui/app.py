"""The Gradio web app: a reviewer's workplace — draft, review, check, summarise, merge, corpus.

Everything here parses input, calls the library (``drafter.review.versions.DraftStore``, the
pipeline, the checker, the corpus store) and shows the result. Drafts belong to an owner
(``drafter.review.identity``): the logged-in user when the server has users, else a token the
browser keeps in its localStorage — so a reload or a browser restart finds the same drafts,
and no one lists or opens anyone else's. Notes, report and corpus text are escaped before
display (``ui.html``).
"""

from __future__ import annotations

import functools
import logging
import os
import queue
import shutil
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

# Users' reports are sensitive: no usage analytics or version checks leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from drafter.drafting.draft import Draft, DraftCallbacks, Exemplar  # noqa: E402
from drafter.errors import DraftCancelled, DrafterError, DraftStoreError  # noqa: E402
from drafter.review.diff import diff_html, summarize  # noqa: E402
from drafter.review.edits import is_within, unit_text  # noqa: E402
from drafter.review.identity import (  # noqa: E402
    Users,
    browser_owner,
    new_browser_token,
    server_secret,
    user_owner,
)
from drafter.review.requests import address_from_request  # noqa: E402
from drafter.review.versions import DraftStore, Version  # noqa: E402
from drafter.settings import get_settings  # noqa: E402
from drafter.structure.address import part_key, section_key, units  # noqa: E402
from drafter.structure.render import part_lines, section_lines  # noqa: E402
from drafter.structure.tree import Part, Report, Section  # noqa: E402
from ui.html import (  # noqa: E402
    checked_text_html,
    coverage_html,
    document_html,
    escape_markdown,
    exemplars_html,
    findings_html,
    hits_html,
    notes_list_html,
    outline_html,
    paragraphs_html,
)
from ui.reading import understand, understanding_html  # noqa: E402

log = logging.getLogger(__name__)

KIND_CHOICES = [("自动识别", ""), ("半年工作总结", "half-year"), ("年度工作总结", "annual"),
                ("工作计划", "plan"), ("专项工作总结", "special")]
# Model calls share one model (embedded: two cores); other events stay responsive meanwhile.
MODEL_CONCURRENCY = 2
DOCUMENT_TYPES = [".txt", ".md", ".docx"]
NOTES_TYPES = [*DOCUMENT_TYPES, ".csv"]  # notes may be a 推进表 saved from Excel
NO_DRAFT = "还没有草稿：请先在“起草”中粘贴工作要点并开始起草。"

# A section of the document is picked by clicking it, or by Tab then Enter, as well as from the list.
SELECT_UNIT_JS = """
const pick = (event) => {
  const unit = event.target.closest('[data-address]');
  if (unit) trigger('select', {value: unit.dataset.address, index: 0, selected: true});
};
element.addEventListener('click', pick);
element.addEventListener('keydown', (event) => { if (event.key === 'Enter') pick(event); });
"""

CSS = """
.drafter-document { font-family: "FangSong", "仿宋", "STFangsong", serif; font-size: 17px; line-height: 1.9;
  max-height: 72vh; overflow-y: auto; padding: 0.5em 1.2em; background: #fff; color: #111; border: 1px solid #ddd; }
.drafter-document .doc-title { text-align: center; font-family: "SimSun", "宋体", serif; font-size: 24px; }
.drafter-document .doc-part { font-family: "SimHei", "黑体", sans-serif; font-size: 18px; margin: 0.8em 0 0.2em; }
.drafter-document .doc-section { font-family: "KaiTi", "楷体", serif; margin: 0.3em 0; text-indent: 2em; }
.drafter-document .doc-body { text-indent: 2em; margin: 0.2em 0; }
.drafter-document .doc-unit { border-left: 3px solid transparent; padding-left: 0.3em; cursor: pointer; }
.drafter-document .doc-unit:hover, .drafter-document .doc-unit:focus { background: #f5f5f5; outline: none; }
.drafter-document .doc-selected { border-left-color: #d97706; background: #fff7e6; }
.drafter-document .doc-address { font-size: 12px; color: #888; margin-right: 0.5em; text-indent: 0; }
.drafter-document .doc-lock { font-size: 12px; color: #b45309; margin-left: 0.5em; }
.drafter-outline li { margin-left: 1.5em; color: #444; }
.drafter-checked { font-size: 15px; line-height: 1.7; max-height: 70vh; overflow-y: auto; }
.drafter-checked .check-number { display: inline-block; width: 3em; color: #999; }
.drafter-checked .check-marked { background: #fff1f0; }
.drafter-checked .check-finding { margin-left: 3em; font-size: 13px; color: #a8071a; }
.drafter-checked .check-info { color: #555; }
.drafter-diff-unit h4 { margin: 0.6em 0 0.2em; }
.drafter-hit { border-bottom: 1px solid #ddd; padding: 0.4em 0; }
"""


@dataclass(frozen=True)
class Session:
    """One page's state (kept by gr.State): whose drafts, which draft is open."""

    owner: str = ""  # user:<name> or browser:<hmac>, set when the page loads
    draft_id: int | None = None
    revision: int = 0  # bumped on every change so the review view re-renders
    page: str = field(default_factory=lambda: uuid.uuid4().hex)  # the page whose drafting a stop reaches

    def changed(self, draft_id: int | None = None) -> Session:
        return replace(self, draft_id=draft_id if draft_id is not None else self.draft_id, revision=self.revision + 1)


def new_session() -> Session:
    return Session()


class App:
    """The app's behaviour, independent of the widgets, so it can be tested without a browser."""

    def __init__(self, model: Any = None, store: DraftStore | None = None,
                 model_factory: Callable[[], Any] | None = None, secret: str | None = None,
                 users: Users | None = None) -> None:
        self._model = model
        self._model_factory = model_factory
        self._model_lock = threading.Lock()
        self._secret = secret
        self.users = users or Users()
        self.store = store or DraftStore()
        self.export_dir = Path(tempfile.mkdtemp(prefix="drafter-ui-"))
        self.stops: dict[str, threading.Event] = {}

    @property
    def model(self) -> Any:
        with self._model_lock:
            if self._model is None:
                self._model = self._model_factory() if self._model_factory is not None else default_model()
            return self._model

    @property
    def retriever(self) -> Any:
        """Exemplars from the store, looked up afresh so files ingested in the corpus tab count."""
        from drafter.store.retrieve import open_retriever

        return open_retriever()

    @property
    def secret(self) -> str:
        if self._secret is None:
            self._secret = server_secret(get_settings().home)
        return self._secret

    # -- identity

    def identify(self, token: str | None, username: str | None) -> tuple[str, Session]:
        """The page's owner: the logged-in user, else the browser's kept token (a new one if none).

        Returns the token for the browser to keep and a session with the owner's latest draft open.
        """
        if username:
            owner = user_owner(username)
        else:
            try:
                owner = browser_owner(token or "", self.secret)
            except ValueError:
                token = new_browser_token()
                owner = browser_owner(token, self.secret)
        drafts = self.store.list_drafts(owner=owner)
        return token or "", Session(owner, drafts[-1].id if drafts else None)

    def identity_text(self, session: Session) -> str:
        if session.owner.startswith("user:"):
            return f"当前用户：{escape_markdown(session.owner.removeprefix('user:'))}　[退出登录](logout)"
        return "未登录：草稿保存在本浏览器的身份下（换浏览器或清除浏览器数据后将看不到）。"

    # -- drafts owned by a page's owner

    def own_version(self, session: Session, number: int | None = None) -> Version:
        if session.draft_id is None:
            raise DraftStoreError(NO_DRAFT)
        summary = self.store.summary(session.draft_id)
        if not session.owner or summary.owner != session.owner:
            raise DraftStoreError("这份草稿不属于当前用户。")
        return self.store.version(session.draft_id, number)

    def draft_choices(self, session: Session) -> list[tuple[str, int]]:
        if not session.owner:
            return []
        return [(f"{s.id}：{s.title or '（无标题）'}（{s.versions} 版）", s.id)
                for s in self.store.list_drafts(owner=session.owner)]

    def open_draft(self, session: Session, draft_id: int) -> Session:
        opened = replace(session, draft_id=draft_id)
        self.own_version(opened)
        return opened.changed()

    # -- drafting

    def read_notes(self, text: str, kind: str = "", org: str = "", period: str = "") -> tuple[str, str, str, str]:
        """What the reader understood, as (panel HTML, kind, org, period) for the editable fields."""
        if not text.strip():
            raise DraftStoreError("请先粘贴或上传工作要点。")
        reading = understand(text, kind, org, period)
        return understanding_html(reading), reading.kind, reading.org, reading.period

    def draft_stream(self, notes_text: str, session: Session, kind: str = "", org: str = "",
                     period: str = "") -> Iterator[tuple[str, Session]]:
        """Run the pipeline in a worker thread; yield (progress HTML, session) as the outline and sections arrive.

        ``stop(session)`` (the page's 停止 button, or the page going away) ends the run at the
        next model call; the draft is stored only when it is complete.
        """
        if not session.owner:
            raise DraftStoreError("页面还没有准备好，请稍候再试。")
        if not notes_text.strip():
            raise DraftStoreError("请先粘贴或上传工作要点。")
        events: queue.Queue = queue.Queue()
        stop = self.stops[session.page] = threading.Event()
        callbacks = PageCallbacks(events, stop)
        app = self

        def work() -> None:
            try:
                draft_id = app.store.draft(
                    notes_text, model=app.model, owner=session.owner, kind=kind or None, org=org or None,
                    period=period or None, callbacks=callbacks, retriever=app.retriever,
                )
                events.put(("done", draft_id))
            except BaseException as error:  # handed to the generator, which shows it
                events.put(("error", error))

        threading.Thread(target=work, daemon=True).start()
        progress = DraftProgress()
        finished = False
        try:
            yield progress.html("正在读取要点……"), session
            while True:
                event, value = events.get()
                if event == "error":
                    finished = True
                    if isinstance(value, DraftCancelled):
                        yield progress.html(str(value), stopped=True), session
                        return
                    raise value
                if event == "done":
                    finished = True
                    session = session.changed(value)
                    yield self.draft_message(self.store.latest(value)), session
                    return
                progress.take(event, value)
                yield progress.html(), session
        finally:
            if not finished:
                stop.set()  # the page went away: the thread stops at its next step
            self.stops.pop(session.page, None)

    def stop(self, session: Session) -> str:
        event = self.stops.get(session.page)
        if event is None:
            return "当前没有正在进行的起草。"
        event.set()
        return "正在停止……"

    def draft_message(self, version: Version) -> str:
        draft = version.draft
        errors = len(draft.check.errors)
        coverage = "要点已全部写入" if draft.coverage.complete else "有要点或数字未写入，请在“审阅”中核对"
        summary = (f"已生成草稿 {version.draft_id}（第 {version.number} 版）：{coverage}；检查发现 "
                   f"{len(draft.findings)} 处问题（其中错误 {errors} 处）。请到“审阅”逐节修改，或在下方提修改意见。")
        return f"<p class='draft-done'><b>{escape_html(summary)}</b></p>" + report_document(version)

    def revise(self, request: str, session: Session) -> tuple[str, Session]:
        """A follow-up request: find the unit it names and regenerate it with the request as feedback."""
        current = self.own_version(session)
        assert session.draft_id is not None
        address = address_from_request(current.draft.report, request)
        if address is None:
            version = self.store.regenerate_all(session.draft_id, self.model, feedback=request, retriever=self.retriever)
            where = "全部未锁定部分"
        else:
            version = self.store.regenerate(session.draft_id, address, request, self.model, retriever=self.retriever)
            where = address
        diff = self.store.diff(session.draft_id, current.number, version.number)
        changed = "\n\n".join(
            f"**{escape_markdown(change.address)}** 现为：\n\n{escape_markdown(change.after)}" for change in diff.changes
        )
        message = (f"已按意见重写 {escape_markdown(where)}，保存为第 {version.number} 版。改动：\n\n"
                   f"{escape_markdown(summarize(diff))}\n\n{changed}")
        return message, session.changed()

    # -- review

    def edit(self, session: Session, address: str, text: str) -> Session:
        self.own_version(session)
        assert session.draft_id is not None
        self.store.edit(session.draft_id, require_address(address), text)
        return session.changed()

    def set_lock(self, session: Session, address: str, locked: bool) -> Session:
        self.own_version(session)
        assert session.draft_id is not None
        (self.store.lock if locked else self.store.unlock)(session.draft_id, require_address(address))
        return session.changed()

    def regenerate(self, session: Session, address: str, feedback: str) -> Session:
        self.own_version(session)
        assert session.draft_id is not None
        self.store.regenerate(session.draft_id, require_address(address), feedback, self.model,
                              retriever=self.retriever)
        return session.changed()

    def revert(self, session: Session, number: int) -> Session:
        self.own_version(session)
        assert session.draft_id is not None
        self.store.revert(session.draft_id, number)
        return session.changed()

    def diff(self, session: Session, old: int, new: int) -> str:
        self.own_version(session)
        assert session.draft_id is not None
        return diff_html(self.store.diff(session.draft_id, old, new))

    def history_rows(self, session: Session) -> list[list[Any]]:
        self.own_version(session)
        assert session.draft_id is not None
        return [[info.number, info.created_at, info.description, "、".join(sorted(info.locked))]
                for info in self.store.history(session.draft_id)]

    def section_details(self, session: Session, address: str) -> str:
        """Beside a selected section: its notes, exemplars, guard fallbacks, check findings and history."""
        version = self.own_version(session)
        assert session.draft_id is not None
        draft = version.draft
        records = [record for record in draft.units if is_within(record.address, address)]
        blocks = [notes_list_html("依据的要点", unit_notes(draft, address))]
        guard = [f"{record.address}：模型未通过检查，已按要点原文写成" for record in records if record.fallback]
        guard += [violation for violation in draft.violations if is_within(violation.split("：")[0], address)]
        blocks.append(notes_list_html("检查未通过后的处理", guard))
        owners = line_owners(draft.report)
        findings = [f for f in draft.findings if 0 < f.line <= len(owners) and is_within(owners[f.line - 1], address)]
        blocks.append("<h4>结构检查</h4>" + findings_html(findings))
        blocks.append("<h4>参考的范例</h4>" + exemplars_html(unit_exemplars(version, address)))
        history = [f"第 {info.number} 版：{info.description}（{info.created_at}）"
                   for info in self.store.history(session.draft_id)
                   if info.number == 1 or touches(info.detail, address)]
        blocks.append(notes_list_html("本节的修改历史", history))
        return "".join(blocks)

    def continuity(self, session: Session) -> tuple[str, str]:
        """The draft against the unit's earlier reports in the corpus: last plans carried over, figures compared."""
        from ui.continuity import continuity_panels

        version = self.own_version(session)
        return continuity_panels(version.text, org=version.draft.org or None, period=version.draft.period or None)

    def export(self, session: Session) -> tuple[str, str]:
        version = self.own_version(session)
        folder = self.export_dir / uuid.uuid4().hex  # unguessable: files here are served to whoever asks
        folder.mkdir()
        stem = f"草稿{version.draft_id}-第{version.number}版"
        self.store.accept(version.draft_id, version.number)
        docx, markdown = self.store.export(
            version.draft_id, docx=folder / f"{stem}.docx", markdown=folder / f"{stem}.md", number=version.number
        )
        return str(docx), str(markdown)

    # -- tools

    def check(self, text: str, path: str | None, kind: str = "") -> tuple[str, str]:
        """Check a pasted or uploaded report; (verdict, the text with each finding under its line)."""
        from drafter.structure.check import check_text
        from drafter.structure.kinds import load_kind

        text, markdown = document_text(text, path)
        result = check_text(text, kind or None, markdown=markdown)
        counts = result.to_dict()["counts"]
        verdict = (f"文种：{load_kind(result.kind).label}；错误 {counts['error']} 处，警告 {counts['warning']} 处，"
                   f"提示 {counts['info']} 处。" + ("结构检查通过。" if result.ok else "请按下方标注修改。"))
        return verdict, checked_text_html(text, result.findings)

    def summarize(self, text: str, path: str | None, chars: int = 300) -> str:
        from drafter.drafting.summarize import summarize as summarize_report

        text, _ = document_text(text, path)
        summary = summarize_report(text, chars=int(chars or 300), model=self.model)
        note = "（模型未通过检查，摘要由原文句子组成。）" if summary.fallback else ""
        return summary.text + note

    def merge(self, paths: list[str], session: Session, org: str = "", period: str = "",
              kind: str = "") -> tuple[str, Session]:
        """Several departments' reports → one draft owned by this page's owner."""
        from drafter.drafting.merge import merge_reports
        from drafter.structure.parse import parse_file

        if not session.owner:
            raise DraftStoreError("页面还没有准备好，请稍候再试。")
        if len(paths) < 2:
            raise DraftStoreError("请至少上传两份报告再合并。")
        reports = [parse_file(path) for path in paths]
        draft = merge_reports(reports, org=org, period=period or None, kind=kind or None, model=self.model,
                              retriever=self.retriever)
        names = "、".join(Path(path).name for path in paths)
        draft_id = self.store.create(draft, source="generated", owner=session.owner, detail=f"合并：{names}")
        return self.draft_message(self.store.latest(draft_id)), session.changed(draft_id)

    # -- corpus

    def ingest(self, paths: list[str]) -> str:
        from drafter.store.reports import ReportStore

        if not paths:
            raise DraftStoreError("请先选择要导入的文件（.txt / .md / .docx）。")
        # Uploads live in a temporary folder; the corpus keeps its own copy under its own name.
        folder = get_settings().home / "uploads"
        folder.mkdir(parents=True, exist_ok=True)
        kept = [shutil.copyfile(path, folder / Path(path).name) for path in paths]
        return ReportStore().ingest(kept, progress=True).describe()

    def corpus_files(self) -> list[list[Any]]:
        from drafter.store.reports import ReportStore

        return [[record.path, record.title, record.org, record.period, record.chunks]
                for record in ReportStore().files()]

    def remove(self, path: str) -> str:
        from drafter.store.reports import ReportStore

        if not path:
            raise DraftStoreError("请先选择要移除的文件。")
        ReportStore().remove(path)
        return f"已从资料库移除：{Path(path).name}"

    def search(self, query: str, role: str = "") -> str:
        from drafter.store.retrieve import search

        if not query.strip():
            raise DraftStoreError("请输入要搜索的内容。")
        return hits_html(search(query, k=8, role=role or None))


def default_model() -> Any:
    settings = get_settings()
    if settings.fake_model and settings.fake_model_delay > 0:
        from ui.demo import SlowRuleBasedChatModel

        return SlowRuleBasedChatModel(delay=settings.fake_model_delay)
    from drafter.models.factory import make_chat_model

    return make_chat_model()


class PageCallbacks(DraftCallbacks):
    """Hands the pipeline's progress to the page and tells it when the page asked to stop."""

    def __init__(self, events: queue.Queue, stop: threading.Event) -> None:
        self.events = events
        self.stop = stop

    def cancelled(self) -> bool:
        return self.stop.is_set()

    def on_outline(self, text: str) -> None:
        self.events.put(("outline", text))

    def on_unit(self, address: str, text: str) -> None:
        self.events.put(("unit", (address, text)))

    def on_progress(self, done: int, total: int) -> None:
        self.events.put(("progress", (done, total)))


@dataclass
class DraftProgress:
    """What the page shows while drafting: progress, the clean outline, the sections written so far."""

    outline: str = ""
    written: list[tuple[str, str]] = field(default_factory=list)
    done: int = 0
    total: int = 0

    def take(self, event: str, value: Any) -> None:
        if event == "outline":
            self.outline = value
        elif event == "unit":
            self.written.append(value)
        elif event == "progress":
            self.done, self.total = value

    def html(self, status: str = "", stopped: bool = False) -> str:
        if not status:
            status = f"正在起草：已写 {self.done}/{self.total} 条要点……" if self.total else "正在拟提纲……"
        bar = "" if stopped or not self.total else \
            f"<progress id='draft-progress-bar' value='{self.done}' max='{self.total}'></progress>"
        blocks = [f"<p class='draft-status'><b>{escape_html(status)}</b></p>{bar}"]
        if self.outline:
            blocks.append("<details open><summary>提纲</summary>" + outline_html(self.outline) + "</details>")
        if self.written:
            blocks.append("<h4>已写成的部分</h4>" + "".join(
                f"<div class='draft-unit'>{paragraphs_html(text)}</div>" for _, text in self.written))
        return "".join(blocks)


def escape_html(text: str) -> str:
    import html

    return html.escape(text)


def document_text(text: str, path: str | None) -> tuple[str, bool]:
    """Pasted text, or the uploaded file's (.txt/.md/.docx); and whether it is Markdown."""
    if path:
        from drafter.textio import read_document

        return read_document(Path(path)), Path(path).suffix.lower() in {".md", ".markdown"}
    if not (text or "").strip():
        raise DraftStoreError("请粘贴报告全文，或上传 .txt / .md / .docx 文件。")
    return text, False


def require_address(address: str | None) -> str:
    if not address:
        raise DraftStoreError("请先在右侧选择要操作的部分。")
    return address


def touches(detail: str, address: str) -> bool:
    """Whether a version's detail ("一.（二）：意见", "全部未锁定部分") concerns ``address``."""
    where = detail.split("：")[0]
    return where.startswith("全部") or bool(where) and (is_within(address, where) or is_within(where, address))


# --- the draft as a document -------------------------------------------------------------


def review_units(version: Version) -> list[tuple[str, str, bool]]:
    """(address, text, locked) for each section, and for each part that has no sections."""
    found = []
    for unit in units(version.draft.report):
        if isinstance(unit.node, Section) or (isinstance(unit.node, Part) and not unit.node.sections):
            found.append((unit.address, unit_text(unit.node), is_locked(version, unit.address)))
    return found


def is_locked(version: Version, address: str) -> bool:
    return any(is_within(address, lock) for lock in version.locked)


def report_document(version: Version, selected: str = "") -> str:
    report = version.draft.report
    parts = []
    for part in report.parts:
        key = part_key(part)
        if part.sections:
            intro = [paragraph.text for paragraph in part.intro]
            sections = [(f"{key}.{section_key(s)}", section_lines(s, False), is_locked(version, f"{key}.{section_key(s)}"))
                        for s in part.sections]
            parts.append((part.marker + part.heading, intro, sections))
        else:
            parts.append(("", [], [(key, part_lines(part, False), is_locked(version, key))]))
    return document_html(report.title, [paragraph.text for paragraph in report.lead], parts, selected)


def line_owners(report: Report) -> list[str]:
    """For each line of the report's text, the reviewable unit it belongs to ("" for title and lead)."""
    owners = [""] * ((1 if report.title else 0) + len(report.lead))
    for part in report.parts:
        key = part_key(part)
        lines = len(part_lines(part, False))
        if not part.sections:
            owners += [key] * lines
            continue
        owners += [key] * (lines - sum(len(section_lines(s, False)) for s in part.sections))
        for section in part.sections:
            owners += [f"{key}.{section_key(section)}"] * len(section_lines(section, False))
    return owners


def unit_notes(draft: Draft, address: str) -> list[str]:
    from drafter.drafting.notes import parse_notes

    ids = [note_id for record in draft.units if is_within(record.address, address) for note_id in record.note_ids]
    if not ids or not draft.notes_text.strip():
        return []
    try:
        notes = parse_notes(draft.notes_text)
        return [notes.by_id(note_id).text for note_id in dict.fromkeys(ids)]
    except DrafterError:  # notes stored by an older reader: the ids no longer line up
        return []


def unit_exemplars(version: Version, address: str) -> list[Exemplar]:
    return [e for record in version.draft.units if is_within(record.address, address) for e in record.exemplars]


def section_choices(version: Version) -> list[tuple[str, str]]:
    # A part's first line already starts with its number (三、…); a section's needs its part's.
    return [((f"{address} " if "." in address else "") + (text.splitlines()[0][:24] if text else "")
             + ("（已锁定）" if locked else ""), address)
            for address, text, locked in review_units(version)]


# --- errors at the edge ------------------------------------------------------------------


def readable(error: Exception) -> gr.Error:
    if isinstance(error, gr.Error):
        return error
    if isinstance(error, DrafterError):
        # Kept in the server's log as well: a toast is gone in seconds, and a maintainer asked why a
        # click failed has only the log (a merge in CI once ended on 错误 with no toast left to read).
        log.warning("web app: told the user: %s", error)
        return gr.Error(str(error))
    log.exception("web app: unexpected error")
    return gr.Error(f"出错了（{type(error).__name__}）：{error}。请重试；如仍出错，请把服务器日志发给维护人员。")


def shows_errors(function: Callable) -> Callable:
    """Errors become a readable message in the page, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return function(*args, **kwargs)
        except Exception as error:
            raise readable(error) from None

    return wrapper


def streams_errors(function: Callable[..., Iterator]) -> Callable[..., Iterator]:
    """``shows_errors`` for generator handlers (streaming)."""

    @functools.wraps(function)
    def wrapper(*args: Any, **kwargs: Any) -> Iterator:
        try:
            yield from function(*args, **kwargs)
        except Exception as error:
            raise readable(error) from None

    return wrapper


# --- layout -------------------------------------------------------------------------------


def build_app(app: App, browser_secret: str = "drafter") -> gr.Blocks:
    with gr.Blocks(title="起草助手", analytics_enabled=False) as demo:
        session = gr.State(new_session)
        # The browser's identity token, kept in its localStorage across reloads and restarts.
        token = gr.BrowserState("", storage_key="drafter-identity", secret=browser_secret)
        with gr.Row():
            gr.Markdown("# 起草助手\n粘贴工作要点起草总结或计划，逐节审阅修改，检查、摘要、合并报告，导出 Word 文档。")
            identity = gr.Markdown(elem_id="identity")
        with gr.Tabs(elem_id="tabs"):
            with gr.Tab("起草", id="draft", elem_id="tab-draft"):
                draft_tab(app, session)
            with gr.Tab("审阅", id="review", elem_id="tab-review") as review:
                review_tab(app, session, review)
            with gr.Tab("检查报告", id="check", elem_id="tab-check"):
                check_tab(app)
            with gr.Tab("摘要与合并", id="tools", elem_id="tab-tools"):
                tools_tab(app, session)
            with gr.Tab("资料库", id="corpus", elem_id="tab-corpus") as corpus:
                corpus_tab(app, corpus)

        def load(kept: str | None, request: gr.Request) -> tuple[str, Session, str]:
            kept_token, state = app.identify(kept, getattr(request, "username", None))
            return kept_token, state, app.identity_text(state)

        demo.load(shows_errors(load), [token], [token, session, identity])
    return demo


def draft_tab(app: App, session: gr.State) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=360):
            notes = gr.Textbox(label="工作要点", lines=12, max_lines=30, elem_id="notes-input",
                               placeholder="每行一条要点；可用“## 标题”分组，“问题：”“下步：”标明问题和打算。")
            notes_file = gr.File(label="或上传要点文件（.txt/.md/.docx/.csv）", file_types=NOTES_TYPES,
                                 elem_id="notes-file", height=130)
            read = gr.Button("读取要点", elem_id="read-notes")
            with gr.Row():
                kind = gr.Dropdown(KIND_CHOICES, value="", label="文种", elem_id="kind", min_width=120)
                org = gr.Textbox(label="单位", placeholder="如：某市自然资源局", elem_id="org", min_width=120)
                period = gr.Textbox(label="时期", placeholder="如：2025H1 或 2025", elem_id="period", min_width=100)
            with gr.Row():
                start = gr.Button("开始起草", variant="primary", elem_id="start-draft")
                stop = gr.Button("停止起草", variant="stop", elem_id="stop-draft")
            stop_message = gr.Markdown(elem_id="stop-message")
        with gr.Column(scale=1, min_width=360):
            with gr.Accordion("读取结果（起草前请核对）", open=True):
                reading = gr.HTML("<p>粘贴要点后点“读取要点”，这里会显示识别出的文种、单位、时期和每部分的要点。</p>",
                                  elem_id="notes-reading")
            progress = gr.HTML(elem_id="draft-progress")
    with gr.Accordion("对话修改：用一句话提修改意见", open=False):
        chatbot = gr.Chatbot(label="对话", height=320, elem_id="chatbot", sanitize_html=True)
        with gr.Row():
            message = gr.Textbox(label="修改意见", placeholder="如：第二部分写得更简练些", scale=4, elem_id="chat-input")
            send = gr.Button("发送", elem_id="send", scale=1)

    def load_file(path: str | None) -> str:
        from drafter.drafting.reader import notes_text_of

        return notes_text_of(path) if path else gr.skip()  # a .docx keeps its headings

    def read_notes(text: str, kind_value: str, org_value: str, period_value: str) -> tuple[str, str, str, str]:
        return app.read_notes(text, kind_value, org_value, period_value)

    def run(text: str, state: Session, kind_value: str, org_value: str, period_value: str):
        panel, *_ = app.read_notes(text, kind_value, org_value, period_value)
        for html_text, updated in app.draft_stream(text, state, kind_value, org_value, period_value):
            yield panel, html_text, updated

    def respond(text: str, history: list, state: Session):
        text = (text or "").strip()
        if not text:
            raise DraftStoreError("请输入修改意见。")
        reply, state = app.revise(text, state)
        history = [*(history or []), {"role": "user", "content": escape_markdown(text)},
                   {"role": "assistant", "content": reply}]
        return history, state, ""

    notes_file.upload(shows_errors(load_file), [notes_file], [notes])
    fields = [notes, kind, org, period]
    read.click(shows_errors(read_notes), fields, [reading, kind, org, period])
    start.click(streams_errors(run), [notes, session, kind, org, period], [reading, progress, session],
                concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
    stop.click(shows_errors(app.stop), [session], [stop_message])
    send.click(shows_errors(respond), [message, chatbot, session], [chatbot, session, message],
               concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
    message.submit(shows_errors(respond), [message, chatbot, session], [chatbot, session, message],
                   concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)


def review_tab(app: App, session: gr.State, tab: gr.Tab) -> None:
    with gr.Row():
        draft_picker = gr.Dropdown([], label="我的草稿", elem_id="draft-picker", interactive=True, scale=3)
        export_button = gr.Button("定稿并导出 Word / Markdown", elem_id="export", scale=1)
    heading = gr.Markdown(NO_DRAFT, elem_id="review-heading")
    with gr.Row(equal_height=False):
        with gr.Column(scale=3, min_width=420):
            document = gr.HTML(elem_id="report-view", js_on_load=SELECT_UNIT_JS)
        with gr.Column(scale=2, min_width=340):
            section = gr.Dropdown([], label="选择要审阅的部分", elem_id="section-picker", interactive=True)
            text = gr.Textbox(label="本部分正文（可直接修改）", lines=8, max_lines=20, elem_id="section-text",
                              interactive=True)
            with gr.Row():
                save = gr.Button("保存修改", size="sm", elem_id="section-save")
                lock = gr.Checkbox(label="锁定（重新生成时保持不变）", elem_id="section-lock", interactive=True)
            with gr.Row():
                feedback = gr.Textbox(label="修改意见", placeholder="如：写得更简练些", scale=3,
                                      elem_id="section-feedback")
                regenerate = gr.Button("按意见重新生成", size="sm", elem_id="section-regenerate", scale=1)
            details = gr.HTML(elem_id="section-details")
    with gr.Row():
        docx_file = gr.DownloadButton("下载 Word 文档", visible=False, elem_id="docx-file")
        markdown_file = gr.DownloadButton("下载 Markdown", visible=False, elem_id="md-file")
    with gr.Accordion("全文检查结果与要点覆盖", open=False):
        findings = gr.HTML(elem_id="findings")
    with gr.Accordion("版本历史与比较", open=False):
        history = gr.Dataframe(headers=["版本", "时间", "说明", "锁定"], interactive=False, elem_id="history")
        with gr.Row():
            old = gr.Number(label="比较：旧版本", precision=0, elem_id="diff-old")
            new = gr.Number(label="新版本", precision=0, elem_id="diff-new")
            compare = gr.Button("比较", elem_id="compare")
            revert = gr.Button("回到旧版本", elem_id="revert")
        diff_view = gr.HTML(elem_id="diff-view")
    continuity_panel(app, session)

    def refresh(state: Session, selected: str | None):
        choices = app.draft_choices(state)
        if state.draft_id is None:
            return (gr.update(choices=choices, value=None), NO_DRAFT, "", gr.update(choices=[], value=None), "",
                    False, "", "", [], None, None)
        version = app.own_version(state)
        sections = section_choices(version)
        addresses = [address for _, address in sections]
        selected = selected if selected in addresses else (addresses[0] if addresses else None)
        rows = app.history_rows(state)
        latest = rows[-1][0]
        title = f"### 草稿 {version.draft_id} · 第 {version.number} 版（{escape_markdown(version.description)}）"
        return (gr.update(choices=choices, value=state.draft_id), title, report_document(version, selected or ""),
                gr.update(choices=sections, value=selected), *section_view(state, version, selected),
                findings_html(version.draft.findings) + coverage_html(version.draft.coverage),
                rows, max(latest - 1, 1), latest)

    def section_view(state: Session, version: Version, selected: str | None) -> tuple[str, bool, str]:
        if not selected:
            return "", False, ""
        body = next((text for address, text, _ in review_units(version) if address == selected), "")
        return body, is_locked(version, selected), app.section_details(state, selected)

    def select(state: Session, selected: str | None):
        version = app.own_version(state)
        return (report_document(version, selected or ""), *section_view(state, version, selected))

    outputs = [draft_picker, heading, document, section, text, lock, details, findings, history, old, new]
    session.change(shows_errors(refresh), [session, section], outputs)
    tab.select(shows_errors(refresh), [session, section], outputs)  # also shows drafts made in another tab
    section.input(shows_errors(select), [session, section], [document, text, lock, details])

    def clicked(state: Session, event: gr.SelectData):
        return select(state, str(event.value)) + (gr.update(value=str(event.value)),)

    document.select(shows_errors(clicked), [session], [document, text, lock, details, section])
    draft_picker.input(shows_errors(lambda picked, state: app.open_draft(state, int(picked)) if picked else state),
                       [draft_picker, session], [session])
    save.click(shows_errors(lambda state, address, body: app.edit(state, address, body)),
               [session, section, text], [session])
    lock.input(shows_errors(lambda state, address, value: app.set_lock(state, address, value)),
               [session, section, lock], [session])
    regenerate.click(shows_errors(lambda state, address, words: app.regenerate(state, address, words)),
                     [session, section, feedback], [session], concurrency_id="model",
                     concurrency_limit=MODEL_CONCURRENCY)
    compare.click(shows_errors(lambda state, a, b: app.diff(state, int(a), int(b))), [session, old, new], [diff_view])
    revert.click(shows_errors(lambda state, a: app.revert(state, int(a))), [session, old], [session])
    def export(state: Session) -> tuple[Any, Any]:
        docx, markdown = app.export(state)
        return gr.update(value=docx, visible=True), gr.update(value=markdown, visible=True)

    export_button.click(shows_errors(export), [session], [docx_file, markdown_file])


def continuity_panel(app: App, session: gr.State) -> None:
    """Last period's plans and earlier figures against this draft (ui.continuity), on request."""
    with gr.Accordion("延续性检查：上期计划落实情况、数字前后对照", open=False):
        button = gr.Button("延续性检查", elem_id="continuity")
        with gr.Row(equal_height=False):
            carryover = gr.HTML(elem_id="continuity-carryover")
            figures = gr.HTML(elem_id="continuity-figures")

    button.click(shows_errors(app.continuity), [session], [carryover, figures])


def check_tab(app: App) -> None:
    gr.Markdown("检查一份写好的总结或计划：编号、必备部分、空标题、条目均衡、标点、待填项。问题标注在对应的行下面。")
    with gr.Row(equal_height=False):
        with gr.Column(scale=1, min_width=340):
            text = gr.Textbox(label="报告全文", lines=14, max_lines=30, elem_id="check-input")
            path = gr.File(label="或上传报告（.txt/.md/.docx）", file_types=DOCUMENT_TYPES, elem_id="check-file",
                           height=130)
            kind = gr.Dropdown(KIND_CHOICES, value="", label="文种", elem_id="check-kind")
            run = gr.Button("检查", variant="primary", elem_id="check-run")
        with gr.Column(scale=2, min_width=420):
            verdict = gr.Markdown(elem_id="check-verdict")
            marked = gr.HTML(elem_id="check-result")
    run.click(shows_errors(app.check), [text, path, kind], [verdict, marked])


def tools_tab(app: App, session: gr.State) -> None:
    with gr.Row(equal_height=False):
        with gr.Column(min_width=340):
            gr.Markdown("### 摘要\n把一份报告压缩成指定字数，数字保持原样。")
            text = gr.Textbox(label="报告全文", lines=8, max_lines=20, elem_id="summary-input")
            path = gr.File(label="或上传报告", file_types=DOCUMENT_TYPES, elem_id="summary-file", height=130)
            chars = gr.Slider(100, 800, value=300, step=50, label="字数", elem_id="summary-chars")
            run = gr.Button("生成摘要", variant="primary", elem_id="summary-run")
            summary = gr.Textbox(label="摘要", lines=6, interactive=False, elem_id="summary-output")
        with gr.Column(min_width=340):
            gr.Markdown("### 合并\n把几个科室（部门）的报告合成一份，按标准结构重新起草；结果在“审阅”中修改。")
            files = gr.File(label="上传两份以上报告", file_count="multiple", file_types=DOCUMENT_TYPES,
                            elem_id="merge-files", height=140)
            with gr.Row():
                org = gr.Textbox(label="单位", elem_id="merge-org")
                period = gr.Textbox(label="时期", placeholder="如：2025H1", elem_id="merge-period")
                kind = gr.Dropdown(KIND_CHOICES, value="", label="文种", elem_id="merge-kind")
            merge = gr.Button("合并起草", variant="primary", elem_id="merge-run")
            merged = gr.HTML(elem_id="merge-output")
    run.click(shows_errors(app.summarize), [text, path, chars], [summary], concurrency_id="model",
              concurrency_limit=MODEL_CONCURRENCY)
    merge.click(shows_errors(lambda paths, state, o, p, k: app.merge(list(paths or []), state, o, p, k)),
                [files, session, org, period, kind], [merged, session], concurrency_id="model",
                concurrency_limit=MODEL_CONCURRENCY)


def corpus_tab(app: App, tab: gr.Tab) -> None:
    gr.Markdown("导入往年的总结、计划作为范例（只用于模仿语气和句式，数字不会被照抄）。")
    with gr.Row(equal_height=False):
        with gr.Column(min_width=340):
            files = gr.File(label="选择文件", file_count="multiple", file_types=DOCUMENT_TYPES,
                            elem_id="corpus-files", height=140)
            ingest = gr.Button("导入资料库", elem_id="ingest")
            result = gr.Textbox(label="结果", interactive=False, elem_id="ingest-result")
            table = gr.Dataframe(headers=["文件", "标题", "单位", "时期", "片段数"], interactive=False,
                                 elem_id="corpus-list")
            with gr.Row():
                chosen = gr.Dropdown([], label="要移除的文件", elem_id="corpus-remove-path", scale=3)
                remove = gr.Button("移除", variant="stop", elem_id="corpus-remove", scale=1)
        with gr.Column(min_width=340):
            with gr.Row():
                query = gr.Textbox(label="搜索", placeholder="如：耕地保护 执法", scale=3, elem_id="search-query")
                role = gr.Dropdown([("全部", ""), ("工作进展", "progress"), ("存在问题", "problems"),
                                    ("下步打算", "plans")], value="", label="部分", elem_id="search-role")
            search = gr.Button("搜索", elem_id="search")
            results = gr.HTML(elem_id="search-results")

    def listing() -> tuple[list[list[Any]], Any]:
        rows = app.corpus_files()
        return rows, gr.update(choices=[(Path(row[0]).name, row[0]) for row in rows], value=None)

    def run_ingest(paths: list[str] | None, progress=gr.Progress(track_tqdm=True)):  # noqa: B008
        progress(0, desc="正在导入……")
        return app.ingest(list(paths or [])), *listing()

    def run_remove(path: str | None):
        return app.remove(path or ""), *listing()

    ingest.click(shows_errors(run_ingest), [files], [result, table, chosen], concurrency_id="model",
                 concurrency_limit=MODEL_CONCURRENCY)
    remove.click(shows_errors(run_remove), [chosen], [result, table, chosen])
    search.click(shows_errors(app.search), [query, role], [results])
    query.submit(shows_errors(app.search), [query, role], [results])
    # The list is read when the tab opens, so files ingested from the CLI show too.
    tab.select(shows_errors(listing), None, [table, chosen])


def launch(app: App, host: str = "127.0.0.1", port: int | None = None, quiet: bool = False) -> None:
    from drafter.review.identity import load_users

    settings = get_settings()
    env_user = (settings.username, settings.password) if settings.username and settings.password else None
    app.users = load_users(settings.users_path, env_user)
    demo = build_app(app, browser_secret=browser_state_secret(app.secret))
    demo.queue(default_concurrency_limit=8)
    demo.launch(server_name=host, server_port=port, auth=app.users.verify if app.users.enabled else None,
                auth_message="请输入用户名和密码。", show_error=False, quiet=quiet,
                allowed_paths=[str(app.export_dir)], css=CSS, footer_links=[])


def browser_state_secret(secret: str) -> str:
    """The key the browser's stored token is encrypted with: fixed per server, so it survives restarts."""
    import hashlib

    return hashlib.sha256(("browser-state:" + secret).encode()).hexdigest()[:32]
