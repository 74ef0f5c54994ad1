"""The Gradio web app: chat to draft and revise, review sections, browse versions, search the corpus.

Everything here parses input, calls the library (``drafter.review.versions.DraftStore``, the pipeline,
the corpus store) and shows the result. Each browser session gets its own owner token, and
only drafts created under that token are listed or opened, so people sharing one server do
not see each other's drafts. Notes, report and corpus text are escaped before display
(``ui.html``).
"""

from __future__ import annotations

import functools
import os
import queue
import tempfile
import threading
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

# Users' reports are sensitive: no usage analytics or version checks leave the machine.
os.environ.setdefault("GRADIO_ANALYTICS_ENABLED", "False")

import gradio as gr  # noqa: E402

from drafter.errors import DrafterError, DraftStoreError
from drafter.review.diff import diff_html, summarize
from drafter.review.edits import is_within, unit_text
from drafter.review.requests import address_from_request
from drafter.review.versions import DraftStore, Version
from drafter.structure.address import units
from drafter.structure.render import to_text
from drafter.structure.tree import Part, Section
from ui.html import coverage_html, escape_markdown, exemplars_html, findings_html, hits_html

KIND_CHOICES = [("自动识别", ""), ("半年工作总结", "half-year"), ("年度工作总结", "annual"),
                ("工作计划", "plan"), ("专项工作总结", "special")]
NEW_DRAFT_WORDS = ("重新起草", "新草稿", "新的草稿")
# Model calls share one model (embedded: two cores); other events stay responsive meanwhile.
MODEL_CONCURRENCY = 2
# Notes are several lines; a follow-up request is one short line.
NOTES_MIN_LINES = 3

CSS = """
.drafter-diff-unit h4 { margin: 0.6em 0 0.2em; }
.drafter-hit { border-bottom: 1px solid #ddd; padding: 0.4em 0; }
"""


@dataclass
class Session:
    """One browser session's state (kept by gr.State, so never shared between sessions)."""

    owner: str = field(default_factory=lambda: uuid.uuid4().hex)
    draft_id: int | None = None
    revision: int = 0  # bumped on every change so the review tab re-renders

    def changed(self, draft_id: int | None = None) -> Session:
        return Session(self.owner, draft_id if draft_id is not None else self.draft_id, self.revision + 1)


def new_session() -> Session:
    return Session()


class App:
    """The app's behaviour, independent of the widgets, so it can be tested without a browser."""

    def __init__(self, model: Any = None, store: DraftStore | None = None,
                 model_factory: Callable[[], Any] | None = None) -> None:
        self._model = model
        self._model_factory = model_factory
        self._model_lock = threading.Lock()
        self.store = store or DraftStore()
        self.export_dir = Path(tempfile.mkdtemp(prefix="drafter-ui-"))

    @property
    def model(self) -> Any:
        with self._model_lock:
            if self._model is None:
                if self._model_factory is not None:
                    self._model = self._model_factory()
                else:
                    from drafter.models.factory import make_chat_model

                    self._model = make_chat_model()
            return self._model

    @property
    def retriever(self) -> Any:
        """Exemplars from the store, looked up afresh so files ingested in the corpus tab count."""
        from drafter.store.retrieve import open_retriever

        return open_retriever()

    # -- drafts owned by a session

    def own_version(self, session: Session, number: int | None = None) -> Version:
        if session.draft_id is None:
            raise DraftStoreError("还没有草稿：请先在“对话起草”中粘贴工作要点。")
        summary = self.store.summary(session.draft_id)
        if summary.owner != session.owner:
            raise DraftStoreError("这份草稿不属于当前会话。")
        return self.store.version(session.draft_id, number)

    def draft_choices(self, session: Session) -> list[tuple[str, int]]:
        return [(f"{s.id}：{s.title or '（无标题）'}（{s.versions} 版）", s.id)
                for s in self.store.list_drafts(owner=session.owner)]

    # -- chat

    def draft_stream(self, notes_text: str, session: Session, kind: str = "", org: str = "",
                     period: str = "") -> Iterator[tuple[str, Session]]:
        """Run the pipeline in a worker thread and yield (message so far, session) as units arrive."""
        events: queue.Queue = queue.Queue()
        app = self

        class Callbacks:
            def on_outline(self, text: str) -> None:
                events.put(("outline", text))

            def on_unit(self, address: str, text: str) -> None:
                events.put(("unit", (address, text)))

            def on_progress(self, done: int, total: int) -> None:
                events.put(("progress", (done, total)))

        def work() -> None:
            try:
                draft_id = app.store.draft(
                    notes_text, model=app.model, owner=session.owner, kind=kind or None, org=org or None,
                    period=period or None, callbacks=Callbacks(), retriever=app.retriever,
                )
                events.put(("done", draft_id))
            except BaseException as error:  # handed to the generator, which shows it
                events.put(("error", error))

        threading.Thread(target=work, daemon=True).start()
        outline, written, progress = "", [], ""
        while True:
            event, value = events.get()
            if event == "outline":
                outline = value
            elif event == "unit":
                written.append(value)
            elif event == "progress":
                progress = f"（已完成 {value[0]}/{value[1]}）"
            elif event == "error":
                if isinstance(value, DrafterError):
                    raise gr.Error(str(value))
                raise gr.Error(f"起草失败：{type(value).__name__}: {value}")
            elif event == "done":
                session = session.changed(value)
                yield self.draft_message(self.store.latest(value)), session
                return
            yield streaming_message(outline, written, progress), session

    def draft_message(self, version: Version) -> str:
        draft = version.draft
        errors = sum(1 for f in draft.findings if f.get("severity") == "error")
        coverage = "要点已全部写入" if draft.coverage.complete else "有要点或数字未写入，请在“审阅”中核对"
        return (
            f"已生成草稿 {version.draft_id}（第 {version.number} 版）：{coverage}；检查发现 {len(draft.findings)} 处问题"
            f"（其中错误 {errors} 处）。可以继续提修改意见，例如“第二部分写得更简练些”。\n\n"
            + escape_markdown(to_text(draft.report)).replace("\n", "\n\n")
        )

    def revise(self, request: str, session: Session) -> tuple[str, Session]:
        """A follow-up request: find the unit it names and regenerate it with the request as feedback."""
        current = self.own_version(session)
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
        self.store.edit(session.draft_id, address, text)
        return session.changed()

    def set_lock(self, session: Session, address: str, locked: bool) -> Session:
        self.own_version(session)
        (self.store.lock if locked else self.store.unlock)(session.draft_id, address)
        return session.changed()

    def regenerate(self, session: Session, address: str, feedback: str) -> Session:
        self.own_version(session)
        self.store.regenerate(session.draft_id, address, feedback, self.model, retriever=self.retriever)
        return session.changed()

    def revert(self, session: Session, number: int) -> Session:
        self.own_version(session)
        self.store.revert(session.draft_id, number)
        return session.changed()

    def diff(self, session: Session, old: int, new: int) -> str:
        self.own_version(session)
        return diff_html(self.store.diff(session.draft_id, old, new))

    def export(self, session: Session) -> tuple[str, str]:
        version = self.own_version(session)
        folder = self.export_dir / session.owner
        folder.mkdir(exist_ok=True)
        stem = f"草稿{version.draft_id}-第{version.number}版"
        self.store.accept(version.draft_id, version.number)
        docx, markdown = self.store.export(
            version.draft_id, docx=folder / f"{stem}.docx", markdown=folder / f"{stem}.md", number=version.number
        )
        return str(docx), str(markdown)

    # -- corpus

    def ingest(self, paths: list[str]) -> str:
        from drafter.store.reports import ReportStore

        if not paths:
            raise DraftStoreError("请先选择要导入的文件（.txt / .md / .docx）。")
        return ReportStore().ingest(paths, progress=True).describe()

    def search(self, query: str, role: str = "") -> str:
        from drafter.store.retrieve import search

        if not query.strip():
            raise DraftStoreError("请输入要搜索的内容。")
        return hits_html(search(query, k=8, role=role or None))


def streaming_message(outline: str, written: list[tuple[str, str]], progress: str) -> str:
    lines = [f"正在起草{progress}……"]
    if outline:
        lines.append("**提纲**\n\n" + escape_markdown(outline).replace("\n", "\n\n"))
    if written:
        lines.append("**正文**\n\n" + "\n\n".join(escape_markdown(text) for _, text in written))
    return "\n\n".join(lines)


def shows_errors(function: Callable) -> Callable:
    """Library errors become a message in the page, never a traceback."""

    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        try:
            return function(*args, **kwargs)
        except DrafterError as error:
            raise gr.Error(str(error)) from None

    return wrapper


def review_units(version: Version) -> list[tuple[str, str, bool]]:
    """(address, text, locked) for each section, and for each part that has no sections."""
    found = []
    for unit in units(version.draft.report):
        if isinstance(unit.node, Section) or (isinstance(unit.node, Part) and not unit.node.sections):
            locked = any(is_within(unit.address, lock) for lock in version.locked)
            found.append((unit.address, unit_text(unit.node), locked))
    return found


def unit_exemplars(version: Version, address: str) -> list:
    return [e for record in version.draft.units if is_within(record.address, address) for e in record.exemplars]


# --- layout -------------------------------------------------------------------------------


def build_app(app: App) -> gr.Blocks:
    with gr.Blocks(title="起草助手", analytics_enabled=False) as demo:
        session = gr.State(new_session)
        gr.Markdown("# 起草助手\n粘贴工作要点起草总结或计划，用对话或逐节审阅修改，导出 Word 文档。")
        with gr.Tabs():
            with gr.Tab("对话起草", id="chat", elem_id="tab-chat"):
                chat_tab(app, session)
            with gr.Tab("审阅", id="review", elem_id="tab-review"):
                review_tab(app, session)
            with gr.Tab("资料库", id="corpus", elem_id="tab-corpus"):
                corpus_tab(app)
    return demo


def chat_tab(app: App, session: gr.State) -> None:
    chatbot = gr.Chatbot(label="对话", height=480, elem_id="chatbot", sanitize_html=True)
    with gr.Row():
        kind = gr.Dropdown(KIND_CHOICES, value="", label="文种", elem_id="kind")
        org = gr.Textbox(label="单位", placeholder="如：某市自然资源局", elem_id="org")
        period = gr.Textbox(label="时期", placeholder="如：2025年上半年", elem_id="period")
    message = gr.Textbox(
        label="工作要点或修改意见", lines=6, elem_id="chat-input",
        placeholder="第一次：粘贴工作要点（每行一条）。之后：输入修改意见，如“第二部分写得更简练些”。",
    )
    with gr.Row():
        notes_file = gr.File(label="或上传要点文件（.txt/.md/.docx）", file_types=[".txt", ".md", ".docx"],
                             elem_id="notes-file")
        send = gr.Button("发送", variant="primary", elem_id="send")
        new = gr.Button("新草稿", elem_id="new-draft")

    def respond(text: str, file: str | None, history: list, state: Session, kind_value: str, org_value: str,
                period_value: str):
        history = list(history or [])
        text = (text or "").strip()
        if file:
            from drafter.textio import read_document

            try:
                text = read_document(Path(file))
            except DrafterError as error:
                raise gr.Error(str(error)) from None
        if not text:
            raise gr.Error("请输入工作要点或修改意见。")
        history.append({"role": "user", "content": escape_markdown(text)})
        is_notes = state.draft_id is None or text.count("\n") + 1 >= NOTES_MIN_LINES or any(
            word in text for word in NEW_DRAFT_WORDS)
        if not is_notes:
            try:
                reply, state = app.revise(text, state)
            except DrafterError as error:
                raise gr.Error(str(error)) from None
            yield history + [{"role": "assistant", "content": reply}], state, "", None
            return
        for reply, updated in app.draft_stream(text, state, kind_value, org_value, period_value):
            yield history + [{"role": "assistant", "content": reply}], updated, "", None

    inputs = [message, notes_file, chatbot, session, kind, org, period]
    outputs = [chatbot, session, message, notes_file]
    send.click(respond, inputs, outputs, concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
    message.submit(respond, inputs, outputs, concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
    new.click(lambda state: ([], Session(state.owner, None, state.revision + 1)), [session], [chatbot, session])


def review_tab(app: App, session: gr.State) -> None:
    with gr.Row():
        draft_picker = gr.Dropdown([], label="我的草稿", elem_id="draft-picker", interactive=True)
        export_button = gr.Button("定稿并导出 Word / Markdown", elem_id="export")
    with gr.Row():
        docx_file = gr.File(label="Word 文档", elem_id="docx-file", interactive=False)
        markdown_file = gr.File(label="Markdown", elem_id="md-file", interactive=False)

    @gr.render(inputs=[session])
    def sections(state: Session):
        if state.draft_id is None:
            gr.Markdown("还没有草稿：请先在“对话起草”中粘贴工作要点。")
            return
        version = app.own_version(state)
        gr.Markdown(f"### 草稿 {version.draft_id} · 第 {version.number} 版（{escape_markdown(version.description)}）")
        for index, (address, text, locked) in enumerate(review_units(version)):
            with gr.Group(elem_id=f"unit-{index}"):
                gr.Markdown(f"**{escape_markdown(address)}**{' 🔒 已锁定' if locked else ''}")
                box = gr.Textbox(text, label=f"{address} 正文", lines=4, elem_classes=["unit-text"],
                                 elem_id=f"unit-text-{index}", interactive=True)
                with gr.Row():
                    lock = gr.Checkbox(locked, label="锁定（重新生成时保持不变）", elem_id=f"unit-lock-{index}",
                                       interactive=True)
                    save = gr.Button("保存修改", size="sm", elem_id=f"unit-save-{index}")
                    feedback = gr.Textbox(label="修改意见", placeholder="如：写得更简练些", scale=3,
                                          elem_id=f"unit-feedback-{index}", interactive=True)
                    regenerate = gr.Button("按意见重新生成", size="sm", elem_id=f"unit-regenerate-{index}")
                with gr.Accordion("本节参考的范例", open=False):
                    gr.HTML(exemplars_html(unit_exemplars(version, address)))
            save.click(shows_errors(functools.partial(edit_unit, app, address)), [session, box], [session])
            lock.input(shows_errors(functools.partial(lock_unit, app, address)), [session, lock], [session])
            regenerate.click(shows_errors(functools.partial(regenerate_unit, app, address)), [session, feedback],
                             [session], concurrency_id="model", concurrency_limit=MODEL_CONCURRENCY)
        with gr.Accordion("检查结果与要点覆盖", open=True):
            gr.HTML(findings_html(version.draft.findings), elem_id="findings")
            gr.HTML(coverage_html(version.draft.coverage), elem_id="coverage")

    gr.Markdown("### 版本历史")
    history = gr.Dataframe(headers=["版本", "时间", "说明", "锁定"], interactive=False, elem_id="history")
    with gr.Row():
        old = gr.Number(label="比较：旧版本", precision=0, elem_id="diff-old")
        new = gr.Number(label="新版本", precision=0, elem_id="diff-new")
        compare = gr.Button("比较", elem_id="compare")
        revert = gr.Button("回到旧版本", elem_id="revert")
    diff_view = gr.HTML(elem_id="diff-view")

    def refresh(state: Session):
        choices = app.draft_choices(state)
        if state.draft_id is None:
            return gr.update(choices=choices, value=None), [], None, None
        rows = [[info.number, info.created_at, info.description, "、".join(sorted(info.locked))]
                for info in app.store.history(state.draft_id)]
        latest = rows[-1][0]
        return gr.update(choices=choices, value=state.draft_id), rows, max(latest - 1, 1), latest

    session.change(shows_errors(refresh), [session], [draft_picker, history, old, new])
    draft_picker.input(
        lambda picked, state: Session(state.owner, int(picked), state.revision + 1) if picked else state,
        [draft_picker, session], [session],
    )
    compare.click(shows_errors(lambda state, a, b: app.diff(state, int(a), int(b))), [session, old, new], [diff_view])
    revert.click(shows_errors(lambda state, a: app.revert(state, int(a))), [session, old], [session])
    export_button.click(shows_errors(app.export), [session], [docx_file, markdown_file])


def edit_unit(app: App, address: str, state: Session, text: str) -> Session:
    return app.edit(state, address, text)


def lock_unit(app: App, address: str, state: Session, locked: bool) -> Session:
    return app.set_lock(state, address, locked)


def regenerate_unit(app: App, address: str, state: Session, feedback: str) -> Session:
    return app.regenerate(state, address, feedback)


def corpus_tab(app: App) -> None:
    gr.Markdown("导入往年的总结、计划作为范例（只用于模仿语气和句式，数字不会被照抄）。")
    files = gr.File(label="选择文件", file_count="multiple", file_types=[".txt", ".md", ".docx"], elem_id="corpus-files")
    ingest = gr.Button("导入资料库", elem_id="ingest")
    ingest_result = gr.Textbox(label="导入结果", interactive=False, elem_id="ingest-result")
    with gr.Row():
        query = gr.Textbox(label="搜索", placeholder="如：耕地保护 执法", scale=3, elem_id="search-query")
        role = gr.Dropdown([("全部", ""), ("工作进展", "progress"), ("存在问题", "problems"), ("下步打算", "plans")],
                           value="", label="部分", elem_id="search-role")
        search = gr.Button("搜索", elem_id="search")
    results = gr.HTML(elem_id="search-results")

    def run_ingest(paths: list[str] | None, progress=gr.Progress(track_tqdm=True)) -> str:  # noqa: B008
        progress(0, desc="正在导入……")
        return app.ingest(list(paths or []))

    ingest.click(shows_errors(run_ingest), [files], [ingest_result], concurrency_id="model",
                 concurrency_limit=MODEL_CONCURRENCY)
    search.click(shows_errors(app.search), [query, role], [results])
    query.submit(shows_errors(app.search), [query, role], [results])


def launch(app: App, host: str = "127.0.0.1", port: int | None = None, auth: tuple[str, str] | None = None,
           quiet: bool = False) -> None:
    demo = build_app(app)
    demo.queue(default_concurrency_limit=8)
    demo.launch(server_name=host, server_port=port, auth=auth, show_error=False, quiet=quiet,
                allowed_paths=[str(app.export_dir)], css=CSS, footer_links=[])
