"""The reviewer loop: a draft is a series of immutable versions in a SQLite store.

Each version holds a whole ``Draft`` (report tree, notes, outline, model, prompt versions,
exemplars, check and coverage results), what made it (generated / edited / regenerated with
feedback / reverted …), when, and the set of locked unit addresses. Every operation reads the
latest version, works on a copy and commits one new version in one transaction, so a crash or
``kill -9`` half-way through a regeneration leaves the last committed version as it was.

    store = DraftStore()
    draft_id = store.create(draft, source="generated")
    store.edit(draft_id, "一.（二）", "（二）……")          # that unit becomes locked
    store.regenerate(draft_id, "二", "写得更简练些", model)  # locked units stay byte-identical
    print(diff_text(store.diff(draft_id, 1, 3)))

The drafting and regeneration stages (``drafter.drafting.pipeline``) and the checker are passed in
through the constructor (defaults: the pipeline's), so tests use small fakes and the store never
builds a model. Tree surgery is in ``drafter.review.edits``; reading a reviewer's request in
``drafter.review.requests``.
"""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from drafter.drafting.assemble import check_findings
from drafter.drafting.draft import Draft
from drafter.drafting.pipeline import draft as draft_from_notes
from drafter.drafting.pipeline import regenerate
from drafter.errors import DraftStoreError
from drafter.review.diff import ReportDiff, diff_reports
from drafter.review.edits import check_untouched, is_within, replace_unit, unlocked_cover
from drafter.settings import get_settings
from drafter.structure.address import normalise, resolve, units
from drafter.structure.check import Finding
from drafter.structure.render import to_text
from drafter.structure.tree import Report

RegenerateFn = Callable[..., Draft]  # (draft, address, feedback, model, retriever=None) -> Draft
DraftFn = Callable[..., Draft]  # (notes_text, *, kind, org, period, model, retriever, outline_text, callbacks)
CheckFn = Callable[[Report, str | None], list[Finding]]

SCHEMA_VERSION = 1
SCHEMA = """
CREATE TABLE IF NOT EXISTS drafts (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    title TEXT NOT NULL DEFAULT '',
    kind TEXT NOT NULL DEFAULT '',
    owner TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL,
    accepted_version INTEGER
);
CREATE TABLE IF NOT EXISTS versions (
    draft_id INTEGER NOT NULL REFERENCES drafts(id),
    number INTEGER NOT NULL,
    source TEXT NOT NULL,
    detail TEXT NOT NULL DEFAULT '',
    locked TEXT NOT NULL DEFAULT '[]',
    draft TEXT NOT NULL,
    created_at TEXT NOT NULL,
    PRIMARY KEY (draft_id, number)
);
"""

# What made a version, as shown to reviewers.
SOURCE_WORDS = {
    "generated": "生成",
    "imported": "导入",
    "edited": "手工修改",
    "locked": "锁定",
    "unlocked": "解锁",
    "regenerated": "重新生成",
    "reverted": "回退",
}


@dataclass(frozen=True)
class VersionInfo:
    draft_id: int
    number: int
    source: str  # a key of SOURCE_WORDS
    detail: str  # the address and feedback, the version reverted to …
    locked: frozenset[str]
    created_at: str

    @property
    def description(self) -> str:
        words = SOURCE_WORDS.get(self.source, self.source)
        return f"{words}：{self.detail}" if self.detail else words


@dataclass(frozen=True)
class Version(VersionInfo):
    draft: Draft = field(compare=False, default=None)  # type: ignore[assignment]

    @property
    def text(self) -> str:
        return to_text(self.draft.report)


@dataclass(frozen=True)
class DraftSummary:
    id: int
    title: str
    kind: str
    owner: str
    created_at: str
    versions: int
    updated_at: str
    accepted_version: int | None


# --- the pipeline's stages, the defaults a store is built with ---------------------------


def pipeline_regenerate(draft: Draft, address: str, feedback: str, model: Any, retriever: Any = None) -> Draft:
    return regenerate(draft, address, feedback, model, retriever=retriever)


def pipeline_draft(notes_text: str, **options: Any) -> Draft:
    return draft_from_notes(notes_text, **options)


# --- the store ----------------------------------------------------------------------------


def now() -> str:
    return datetime.now(UTC).astimezone().isoformat(timespec="seconds")


class DraftStore:
    """Drafts and their versions in SQLite (WAL), one transaction per version."""

    def __init__(
        self,
        path: str | Path | None = None,
        *,
        regenerate: RegenerateFn | None = None,
        draft: DraftFn | None = None,
        check: CheckFn | None = None,
    ) -> None:
        self.path = Path(path) if path is not None else get_settings().drafts_db
        self.regenerate_fn = regenerate or pipeline_regenerate
        self.draft_fn = draft or pipeline_draft
        self.check_fn = check or check_findings
        self.initialise()

    # -- connection

    @contextmanager
    def connect(self) -> Iterator[sqlite3.Connection]:
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with closing(sqlite3.connect(self.path, timeout=30, isolation_level=None)) as connection:
                connection.execute("PRAGMA busy_timeout = 30000")
                yield connection
        except sqlite3.DatabaseError as error:
            raise DraftStoreError(
                f"草稿库 {self.path} 无法使用（{error}）；请确认磁盘空间和权限，"
                "或把该文件改名后重试（会新建一个空的草稿库）。"
            ) from error
        except OSError as error:
            raise DraftStoreError(f"无法创建草稿库 {self.path}（{error.strerror}）；请检查 DRAFTER_HOME 的权限。") from error

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.connect() as connection:
            # IMMEDIATE takes the write lock first, so two processes cannot pick one version number.
            connection.execute("BEGIN IMMEDIATE")
            try:
                yield connection
            except BaseException:
                connection.execute("ROLLBACK")
                raise
            connection.execute("COMMIT")

    def initialise(self) -> None:
        with self.connect() as connection:
            connection.execute("PRAGMA journal_mode = WAL")
            connection.execute("PRAGMA synchronous = FULL")
            version = connection.execute("PRAGMA user_version").fetchone()[0]
            if version > SCHEMA_VERSION:
                raise DraftStoreError(f"草稿库 {self.path} 由更新版本的 drafter 创建；请升级 drafter 后再打开。")
            connection.executescript(SCHEMA)
            connection.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")

    # -- reading

    def list_drafts(self, owner: str | None = None) -> list[DraftSummary]:
        query = (
            "SELECT d.id, d.title, d.kind, d.owner, d.created_at, COUNT(v.number), MAX(v.created_at), "
            "d.accepted_version FROM drafts d JOIN versions v ON v.draft_id = d.id"
        )
        arguments: tuple[Any, ...] = ()
        if owner is not None:
            query += " WHERE d.owner = ?"
            arguments = (owner,)
        query += " GROUP BY d.id ORDER BY d.id"
        with self.connect() as connection:
            rows = connection.execute(query, arguments).fetchall()
        return [DraftSummary(*row) for row in rows]

    def summary(self, draft_id: int) -> DraftSummary:
        for summary in self.list_drafts():
            if summary.id == draft_id:
                return summary
        raise self.missing(draft_id)

    def history(self, draft_id: int) -> list[VersionInfo]:
        with self.connect() as connection:
            rows = connection.execute(
                "SELECT draft_id, number, source, detail, locked, created_at FROM versions "
                "WHERE draft_id = ? ORDER BY number",
                (draft_id,),
            ).fetchall()
        if not rows:
            raise self.missing(draft_id)
        return [VersionInfo(row[0], row[1], row[2], row[3], frozenset(json.loads(row[4])), row[5]) for row in rows]

    def version(self, draft_id: int, number: int | None = None) -> Version:
        """Version ``number`` of a draft, or its latest version."""
        with self.connect() as connection:
            row = self.version_row(connection, draft_id, number)
        return self.decode(row)

    def latest(self, draft_id: int) -> Version:
        return self.version(draft_id)

    def version_row(self, connection: sqlite3.Connection, draft_id: int, number: int | None) -> tuple[Any, ...]:
        row: tuple[Any, ...] | None
        if number is None:
            row = connection.execute(
                "SELECT draft_id, number, source, detail, locked, created_at, draft FROM versions "
                "WHERE draft_id = ? ORDER BY number DESC LIMIT 1",
                (draft_id,),
            ).fetchone()
        else:
            row = connection.execute(
                "SELECT draft_id, number, source, detail, locked, created_at, draft FROM versions "
                "WHERE draft_id = ? AND number = ?",
                (draft_id, number),
            ).fetchone()
        if row is None:
            if number is not None and connection.execute(
                "SELECT 1 FROM versions WHERE draft_id = ?", (draft_id,)
            ).fetchone():
                raise DraftStoreError(f"草稿 {draft_id} 没有第 {number} 版；用 `drafter drafts show {draft_id}` 查看版本列表。")
            raise self.missing(draft_id)
        return row

    @staticmethod
    def decode(row: tuple[Any, ...]) -> Version:
        draft = Draft.from_dict(json.loads(row[6]))
        return Version(row[0], row[1], row[2], row[3], frozenset(json.loads(row[4])), row[5], draft)

    @staticmethod
    def missing(draft_id: int) -> DraftStoreError:
        return DraftStoreError(f"没有编号为 {draft_id} 的草稿；用 `drafter drafts list` 查看已有草稿。")

    # -- writing

    def create(self, draft: Draft, source: str = "generated", owner: str = "", detail: str = "") -> int:
        """Store a new draft as its version 1 and return the draft's id."""
        payload = json.dumps(draft.to_dict(), ensure_ascii=False)
        with self.transaction() as connection:
            cursor = connection.execute(
                "INSERT INTO drafts (title, kind, owner, created_at) VALUES (?, ?, ?, ?)",
                (draft.report.title, draft.kind, owner, now()),
            )
            draft_id = cursor.lastrowid
            assert draft_id is not None  # set by every INSERT
            connection.execute(
                "INSERT INTO versions (draft_id, number, source, detail, locked, draft, created_at) "
                "VALUES (?, 1, ?, ?, '[]', ?, ?)",
                (draft_id, source, detail, payload, now()),
            )
        return draft_id

    def commit(self, draft_id: int, draft: Draft, source: str, detail: str, locked: frozenset[str],
               based_on: int | None = None) -> Version:
        """Append a version. ``based_on`` guards against a concurrent change made meanwhile."""
        payload = json.dumps(draft.to_dict(), ensure_ascii=False)
        with self.transaction() as connection:
            latest = connection.execute("SELECT MAX(number) FROM versions WHERE draft_id = ?", (draft_id,)).fetchone()[0]
            if latest is None:
                raise self.missing(draft_id)
            if based_on is not None and latest != based_on:
                raise DraftStoreError(
                    f"草稿 {draft_id} 在此期间已被修改（现为第 {latest} 版）；请刷新后在最新版本上重新操作。"
                )
            connection.execute(
                "UPDATE drafts SET title = ? WHERE id = ?", (draft.report.title, draft_id)
            )
            connection.execute(
                "INSERT INTO versions (draft_id, number, source, detail, locked, draft, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?)",
                (draft_id, latest + 1, source, detail, json.dumps(sorted(locked), ensure_ascii=False), payload, now()),
            )
        return self.version(draft_id, latest + 1)

    def draft(self, notes_text: str, *, model: Any, owner: str = "", **options: Any) -> int:
        """Draft from notes with the pipeline and store the result as a new draft."""
        return self.create(self.draft_fn(notes_text, model=model, **options), source="generated", owner=owner)

    # -- operations

    def edit(self, draft_id: int, address: str, text: str) -> Version:
        """Replace a unit's text by hand; the unit becomes locked and the report is re-checked."""
        current = self.latest(draft_id)
        draft = current.draft
        address = replace_unit(draft.report, address, text)
        draft.findings = self.check_fn(draft.report, draft.kind)
        return self.commit(draft_id, draft, "edited", address, current.locked | {address}, based_on=current.number)

    def lock(self, draft_id: int, address: str) -> Version:
        current = self.latest(draft_id)
        address = resolve(current.draft.report, address).address
        if address in current.locked:
            return current
        return self.commit(draft_id, current.draft, "locked", address, current.locked | {address}, current.number)

    def unlock(self, draft_id: int, address: str) -> Version:
        current = self.latest(draft_id)
        wanted = normalise(address)
        if wanted not in current.locked:
            return current
        return self.commit(draft_id, current.draft, "unlocked", wanted, current.locked - {wanted}, current.number)

    def regenerate(self, draft_id: int, address: str, feedback: str, model: Any, retriever: Any = None) -> Version:
        """Rewrite one part, section or item (with optional feedback); locked units inside stay as they are."""
        current = self.latest(draft_id)
        address = resolve(current.draft.report, address).address
        blocking = sorted(lock for lock in current.locked if is_within(address, lock))
        if blocking:
            raise DraftStoreError(
                f"“{address}”已锁定（{'、'.join(blocking)}），不会被重新生成；"
                f"如确需重写，请先解锁：drafter drafts unlock {draft_id} --section {blocking[0]}"
            )
        targets = unlocked_cover(current.draft.report, address, current.locked)
        detail = f"{address}：{feedback}" if feedback else address
        return self.regenerate_units(draft_id, current, targets, feedback, model, retriever, detail)

    def regenerate_all(self, draft_id: int, model: Any, feedback: str = "", retriever: Any = None) -> Version:
        """Rewrite every unit that is not locked (title and 导语 stay)."""
        current = self.latest(draft_id)
        report = current.draft.report
        targets = [
            target
            for unit in units(report)
            if "." not in unit.address
            for target in unlocked_cover(report, unit.address, current.locked)
        ]
        detail = f"全部未锁定部分：{feedback}" if feedback else "全部未锁定部分"
        return self.regenerate_units(draft_id, current, targets, feedback, model, retriever, detail)

    def regenerate_units(self, draft_id: int, current: Version, targets: list[str], feedback: str,
                         model: Any, retriever: Any, detail: str) -> Version:
        if not targets:
            raise DraftStoreError("要重新生成的内容都已锁定；请先解锁需要重写的部分。")
        before = current.draft.report
        draft = Draft.from_dict(current.draft.to_dict())  # the stage works on its own copy
        for target in targets:
            draft = self.regenerate_fn(draft, target, feedback, model, retriever=retriever)
        check_untouched(before, draft.report, targets)
        return self.commit(draft_id, draft, "regenerated", detail, current.locked, based_on=current.number)

    def revert(self, draft_id: int, number: int) -> Version:
        """Make version ``number`` (its text and its locks) the newest version again."""
        current = self.latest(draft_id)
        old = self.version(draft_id, number)
        return self.commit(draft_id, old.draft, "reverted", f"回到第 {number} 版", old.locked, current.number)

    def diff(self, draft_id: int, old: int, new: int) -> ReportDiff:
        return diff_reports(self.version(draft_id, old).draft.report, self.version(draft_id, new).draft.report)

    def accept(self, draft_id: int, number: int | None = None) -> Version:
        """Mark a version (default: the latest) as the accepted one."""
        version = self.version(draft_id, number)
        with self.transaction() as connection:
            connection.execute("UPDATE drafts SET accepted_version = ? WHERE id = ?", (version.number, draft_id))
        return version

    def export(self, draft_id: int, *, docx: str | Path | None = None, markdown: str | Path | None = None,
               number: int | None = None) -> list[Path]:
        """Write a version (default: the latest) as .docx and/or Markdown; returns the files written."""
        from drafter.export import export_docx, export_markdown

        if docx is None and markdown is None:
            raise DraftStoreError("请至少指定一种导出格式：.docx 或 Markdown。")
        report = self.version(draft_id, number).draft.report
        written = []
        if docx is not None:
            written.append(export_docx(report, docx))
        if markdown is not None:
            written.append(export_markdown(report, markdown))
        return written
