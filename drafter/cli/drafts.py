"""`drafter drafts …`: list, show, diff, edit, lock, revise, revert and export stored drafts.

Each command opens the draft store, calls one ``DraftStore`` method and prints the result;
library errors become one-line messages in ``drafter.cli``.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import click

from drafter.review.diff import diff_text, summarize
from drafter.review.edits import is_within, unit_text
from drafter.structure.address import units
from drafter.structure.tree import Item, Part

if TYPE_CHECKING:
    from drafter.review.versions import DraftStore, Version

SECTION_HELP = "单元位置，例如 一、一.（二）、一.（二）.三是（用 `drafter drafts show ID` 查看）。"


def store() -> DraftStore:
    # Imported here: the store's default stages are the pipeline's, and LangChain is slow to
    # import; `drafter check` and the other commands start without it.
    from drafter.review.versions import DraftStore

    return DraftStore()


def lock_mark(address: str, version: Version) -> str:
    return " 🔒" if any(is_within(address, lock) for lock in version.locked) else ""


def report_version(version: Version) -> None:
    click.echo(f"草稿 {version.draft_id} 第 {version.number} 版（{version.description}）")


@click.group()
def drafts() -> None:
    """查看与修改已保存的草稿：每次修改都保存为新版本，可比较、回退和导出。

    \b
    例：drafter drafts list
        drafter drafts show 3
        drafter drafts revise 3 --section 二 --feedback "写得更简练些"
    """


@drafts.command("list")
def list_command() -> None:
    """列出所有草稿（编号、标题、版本数、最后修改时间）。

    \b
    例：drafter drafts list
    """
    summaries = store().list_drafts()
    if not summaries:
        click.echo("还没有草稿。用 `drafter draft 要点.txt` 起草一份。")
        return
    for summary in summaries:
        accepted = f"，已定稿第 {summary.accepted_version} 版" if summary.accepted_version else ""
        click.echo(f"{summary.id}\t{summary.title or '（无标题）'}\t{summary.versions} 个版本{accepted}\t{summary.updated_at}")


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--version", "number", type=int, help="显示第几版（默认最新版）。")
def show(draft_id: int, number: int | None) -> None:
    """显示草稿的版本列表和各单元（位置、锁定状态、正文）。

    \b
    例：drafter drafts show 3
        drafter drafts show 3 --version 1
    """
    draft_store = store()
    version = draft_store.version(draft_id, number)
    click.echo(f"草稿 {draft_id}：{version.draft.report.title or '（无标题）'}（{version.draft.kind}）")
    click.echo("版本：")
    for info in draft_store.history(draft_id):
        marker = "*" if info.number == version.number else " "
        click.echo(f" {marker}{info.number}\t{info.created_at}\t{info.description}")
    click.echo(f"\n第 {version.number} 版各单元（🔒 表示已锁定，重新生成时保持不变）：")
    for unit in units(version.draft.report):
        if isinstance(unit.node, Item):
            continue  # listed under their section, whose text already contains them
        click.echo(f"\n[{unit.address}]{lock_mark(unit.address, version)}")
        if isinstance(unit.node, Part):
            click.echo(unit.node.marker + unit.node.heading)
            continue
        click.echo(unit_text(unit.node))
        items = [item for item in units(version.draft.report)
                 if isinstance(item.node, Item) and item.address.startswith(unit.address + ".")]
        if items:
            click.echo("  条目：" + "  ".join(item.address + lock_mark(item.address, version) for item in items))
    if version.draft.findings:
        click.echo("\n检查结果：")
        for finding in version.draft.findings:
            click.echo(f"  {finding}")
    coverage = version.draft.coverage
    if coverage.missing or coverage.missing_figures:
        click.echo(f"\n要点覆盖：缺少要点 {'、'.join(coverage.missing) or '无'}；缺少数字 {'、'.join(coverage.missing_figures) or '无'}")


@drafts.command()
@click.argument("draft_id", type=int)
@click.argument("old", type=int)
@click.argument("new", type=int)
def diff(draft_id: int, old: int, new: int) -> None:
    """比较草稿的两个版本，按节列出逐字改动：[-删去-]{+增加+}。

    \b
    例：drafter drafts diff 3 1 2
    """
    changes = store().diff(draft_id, old, new)
    click.echo(summarize(changes))
    if not changes.unchanged:
        click.echo("")
        click.echo(diff_text(changes), nl=False)


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--section", "address", required=True, help=SECTION_HELP)
@click.option("--file", "file", type=click.Path(exists=True, dir_okay=False, path_type=Path),
              help="从文件读取新内容（UTF-8）；不给则打开编辑器（$EDITOR）。")
def edit(draft_id: int, address: str, file: Path | None) -> None:
    """手工修改一个单元；保存为新版本，该单元随即锁定，并重新检查全文。

    \b
    例：drafter drafts edit 3 --section 一.（二） --file 新的第二节.txt
        drafter drafts edit 3 --section 一.（二）.三是
    """
    draft_store = store()
    if file is not None:
        from drafter.textio import read_document

        text = read_document(file)
    else:
        from drafter.structure.address import resolve

        current = resolve(draft_store.latest(draft_id).draft.report, address)
        edited = click.edit(unit_text(current.node), extension=".txt")
        if edited is None:
            click.echo("未保存修改，草稿保持不变。")
            return
        text = edited
    version = draft_store.edit(draft_id, address, text)
    report_version(version)
    click.echo(f"已锁定 {version.detail}；检查发现 {len(version.draft.findings)} 处问题。")


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--section", "address", required=True, help=SECTION_HELP)
def lock(draft_id: int, address: str) -> None:
    """锁定一个单元：重新生成时它保持不变。

    \b
    例：drafter drafts lock 3 --section 一.（二）
    """
    report_version(store().lock(draft_id, address))


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--section", "address", required=True, help=SECTION_HELP)
def unlock(draft_id: int, address: str) -> None:
    """解除一个单元的锁定。

    \b
    例：drafter drafts unlock 3 --section 一.（二）
    """
    report_version(store().unlock(draft_id, address))


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--section", "address", help=SECTION_HELP + " 不给则重新生成全部未锁定单元。")
@click.option("--feedback", default="", help="修改意见，例如 “写得更简练些”。")
def revise(draft_id: int, address: str | None, feedback: str) -> None:
    """按修改意见重新生成一个单元（或全部未锁定单元）；不会新增数字，其他内容保持不变。

    \b
    例：drafter drafts revise 3 --section 一.（二） --feedback "写得更简练些"
        drafter drafts revise 3 --feedback "语气更正式"
    """
    from drafter.models.factory import make_chat_model

    draft_store = store()
    before = draft_store.latest(draft_id)
    model = make_chat_model()
    if address:
        version = draft_store.regenerate(draft_id, address, feedback, model)
    else:
        version = draft_store.regenerate_all(draft_id, model, feedback)
    report_version(version)
    click.echo(summarize(draft_store.diff(draft_id, before.number, version.number)))


@drafts.command()
@click.argument("draft_id", type=int)
@click.argument("number", type=int)
def revert(draft_id: int, number: int) -> None:
    """回退到第 N 版（作为新版本保存，历史不丢失）。

    \b
    例：drafter drafts revert 3 1
    """
    report_version(store().revert(draft_id, number))


@drafts.command()
@click.argument("draft_id", type=int)
@click.option("--docx", "docx_path", type=click.Path(path_type=Path), help="写出 Word 文档（.docx）的路径。")
@click.option("--md", "markdown_path", type=click.Path(path_type=Path), help="写出 Markdown 文件的路径。")
@click.option("--version", "number", type=int, help="导出第几版（默认最新版）。")
def export(draft_id: int, docx_path: Path | None, markdown_path: Path | None, number: int | None) -> None:
    """定稿并导出草稿为 Word 文档和/或 Markdown。

    \b
    例：drafter drafts export 3 --docx 总结.docx --md 总结.md
    """
    if docx_path is None and markdown_path is None:
        raise click.UsageError("请至少指定一个输出：--docx 文件.docx 或 --md 文件.md。")
    draft_store = store()
    version = draft_store.accept(draft_id, number)
    for path in draft_store.export(draft_id, docx=docx_path, markdown=markdown_path, number=version.number):
        click.echo(f"已写出：{path}")
    click.echo(f"草稿 {draft_id} 第 {version.number} 版已定稿。")


COMMANDS = [drafts]
