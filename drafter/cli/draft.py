"""`drafter draft`, `drafter plan`, `drafter summarize`, `drafter merge`: thin shells over the pipeline.

Streaming goes to stderr (outline, each section as it is written, a progress bar), so the
draft itself can go to stdout or, atomically, to the ``-o`` file.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click

from drafter.drafting.draft import Draft, DraftCallbacks
from drafter.structure.kinds import kind_names
from drafter.structure.render import to_markdown, to_text
from drafter.textio import decode_text, read_document, write_text_atomically


class ConsoleCallbacks(DraftCallbacks):
    """Outline at once, then each section as it is written, with a progress bar (stderr)."""

    def __init__(self, quiet: bool = False) -> None:
        self.quiet = quiet
        self.bar: Any = None  # a tqdm bar once progress starts (tqdm is imported then)
        self.outlines = 0

    def on_outline(self, text: str) -> None:
        if self.quiet:
            return
        # The pipeline sends a provisional outline at once, then the one with polished headings.
        self.outlines += 1
        label = "提纲（小标题待润色）" if self.outlines == 1 else "提纲（定稿）"
        click.echo(f"—— {label} ——\n" + text, err=True)
        sys.stderr.flush()

    def on_unit(self, address: str, text: str) -> None:
        if not self.quiet:
            self.write(f"[{address}] {text}")

    def on_progress(self, done: int, total: int) -> None:
        if self.quiet:
            return
        if self.bar is None:
            from tqdm import tqdm

            self.bar = tqdm(total=total, desc="起草", unit="条", file=sys.stderr, leave=False)
        self.bar.n = done
        self.bar.refresh()

    def write(self, text: str) -> None:
        if self.bar is not None:
            self.bar.write(text, file=sys.stderr)
        else:
            click.echo(text, err=True)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def open_retriever():
    """The store's retriever when it holds chunks (imported here: Chroma is slow to import)."""
    from drafter.store.retrieve import open_retriever as open_store_retriever

    return open_store_retriever()


def read_input(source: str) -> str:
    if source == "-":
        return decode_text(sys.stdin.buffer.read(), "标准输入")
    return read_document(source)


def rendered(draft: Draft, path: Path | None) -> str:
    if path is not None and path.suffix.lower() in (".md", ".markdown"):
        return to_markdown(draft.report)
    return to_text(draft.report)


def make_model():
    from drafter.models.factory import make_chat_model

    return make_chat_model(purpose="write", max_tokens=256)


def save_and_write(result: Draft, output: Path | None, label: str) -> int:
    """Keep the draft in the drafts store (for review), then write it atomically or print it."""
    from drafter.review.versions import DraftStore

    draft_id = DraftStore().create(result, source="generated")
    text = rendered(result, output)
    if output is not None:
        write_text_atomically(output, text)
        click.echo(f"{label}已写出：{output}", err=True)
    else:
        click.echo(text, nl=False)
    return draft_id


def report_lines(draft: Draft) -> list[str]:
    lines = [str(finding) for finding in draft.findings]
    coverage = draft.coverage
    lines.append(f"要点覆盖：已用 {len(coverage.used)} 条" + (f"，未用 {len(coverage.missing)} 条："
                                                          + "、".join(coverage.missing) if coverage.missing else "，全部用上"))
    if coverage.missing_figures:
        lines.append("正文中缺少的要点数字：" + "；".join(coverage.missing_figures))
    fallbacks = [unit.address for unit in draft.units if unit.fallback]
    if fallbacks:
        lines.append(f"以下 {len(fallbacks)} 处模型输出未通过校验，已直接用要点原文成句：" + "、".join(fallbacks))
    lines.append(f"模型调用 {len(draft.calls)} 次；结构检查{'通过' if draft.ok else '未通过'}。")
    return lines


def run_draft(notes: str, kind: str | None, org: str | None, period: str | None, output: Path | None,
              docx: Path | None, outline: Path | None, show_outline: bool, json_path: Path | None,
              quiet: bool) -> None:
    from drafter.drafting.pipeline import draft as make_draft
    from drafter.drafting.reader import notes_text_of, read_notes

    notes_text = read_input(notes) if notes == "-" else notes_text_of(notes)  # .docx keeps its headings
    reading = read_notes(notes_text, kind=kind, org=org, period=period)
    if not quiet:  # what was understood, before anything is written (drafter notes prints only this)
        click.echo("—— 要点识别 ——\n" + "\n".join(reading.summary_lines()), err=True)
        from drafter.continuity.review import unmentioned_plan_lines

        for line in unmentioned_plan_lines(notes_text, reading.org or org, reading.period or period):
            click.echo(line, err=True)
    outline_text = read_document(outline) if outline else None
    model = make_model()
    callbacks = ConsoleCallbacks(quiet=quiet or show_outline)
    try:
        result = make_draft(notes_text, kind=kind, org=org, period=period, model=model, retriever=open_retriever(),
                            outline_text=outline_text, callbacks=callbacks, outline_only=show_outline)
    finally:
        callbacks.close()
    if show_outline:
        if output is not None:
            write_text_atomically(output, result.outline_text)
            click.echo(f"提纲已写出：{output}（修改后用 --outline {output} 起草正文）", err=True)
        else:
            click.echo(result.outline_text, nl=False)
        return
    draft_id = save_and_write(result, output, "草稿")
    if json_path is not None:
        write_text_atomically(json_path, json.dumps(result.to_dict(), ensure_ascii=False, indent=1))
    if docx is not None:
        from drafter.export import export_docx

        export_docx(result.report, docx)
        click.echo(f"Word 文档已写出：{docx}", err=True)
    for line in report_lines(result):
        click.echo(line, err=True)
    click.echo(f"草稿已保存，编号 {draft_id}（drafter drafts show {draft_id} 查看、修改、重写）", err=True)
    if not result.ok:
        raise SystemExit(1)


def draft_options(function):
    options = [
        click.argument("notes"),
        click.option("--org", help="单位名称，如 某县自然资源局；不给则从要点标题识别。"),
        click.option("--period", help="时段：2024H1（上半年）、2024H2、2024（全年）；不给则从要点标题识别。"),
        click.option("-o", "--output", type=click.Path(path_type=Path), help="草稿写到此文件（.txt 或 .md）；不给则输出到屏幕。"),
        click.option("--docx", type=click.Path(path_type=Path), help="同时导出 Word 文档（.docx）。"),
        click.option("--outline", type=click.Path(path_type=Path), help="按此提纲（改过的 --show-outline 输出）起草正文。"),
        click.option("--show-outline", is_flag=True, help="只生成提纲（Markdown），供修改后用 --outline 起草。"),
        click.option("--json", "json_path", type=click.Path(path_type=Path), help="另存带出处的草稿数据（JSON）。"),
        click.option("-q", "--quiet", is_flag=True, help="不显示提纲、进度和逐节输出。"),
    ]
    for option in reversed(options):
        function = option(function)
    return function


@click.command()
@click.option("--kind", type=click.Choice(kind_names()), help="文种；不给则按要点内容判断（drafter notes 可先查看）。")
@draft_options
def draft(notes: str, kind: str | None, **options) -> None:
    """按工作要点起草工作总结：先出提纲，再逐条成文，数字只用要点里有的。

    NOTES 为要点文件（.md/.txt/.docx，或从 Excel 另存的 .csv 推进表），“-” 表示从标准输入读取。结构检查通过时退出码为 0。

    \b
    例：drafter draft 要点.md --kind half-year --org 某县自然资源局 --period 2024H1 -o 草稿.md
        drafter draft 要点.md --show-outline -o 提纲.md   （改好提纲后）
        drafter draft 要点.md --outline 提纲.md -o 草稿.md --docx 草稿.docx
    """
    run_draft(notes, kind, **options)


@click.command()
@draft_options
def plan(notes: str, **options) -> None:
    """按要点起草独立的工作计划（指导思想、目标任务、重点工作、保障措施）。

    \b
    例：drafter plan 计划要点.md --org 某县自然资源局 --period 2025 -o 2025年工作计划.md
    """
    run_draft(notes, "plan", **options)


@click.command()
@click.argument("file")
@click.option("--chars", default=300, show_default=True, type=click.IntRange(30, 3000), help="摘要字数上限。")
def summarize(file: str, chars: int) -> None:
    """为一份报告写不超过 N 字的摘要，关键数字原样保留，不出现原文没有的数字。

    \b
    例：drafter summarize 上半年总结.txt --chars 300
    """
    from drafter.drafting.summarize import summarize as make_summary

    text = read_input(file)
    model = make_model()
    result = make_summary(text, chars=chars, model=model)
    click.echo(result.text)
    if result.fallback:
        click.echo("（模型摘要未通过校验，以上为从原文摘取的句子。）", err=True)


@click.command()
@click.argument("files", nargs=-1, required=True)
@click.option("--org", default="", help="合并后报告的单位名称。")
@click.option("--period", help="时段：2024H1、2024H2 或 2024。")
@click.option("--kind", type=click.Choice(kind_names()), default="half-year", show_default=True, help="文种。")
@click.option("-o", "--output", type=click.Path(path_type=Path), help="合并稿写到此文件；不给则输出到屏幕。")
@click.option("-q", "--quiet", is_flag=True, help="不显示进度。")
def merge(files: tuple[str, ...], org: str, period: str | None, kind: str, output: Path | None, quiet: bool) -> None:
    """把几个科室的总结合并为一份标准结构的总结，数字只用各份原文里有的。

    \b
    例：drafter merge 规划科.txt 登记中心.txt 执法大队.txt --org 某县自然资源局 --period 2024H1 -o 合并稿.txt
    """
    from drafter.drafting.merge import merge_reports
    from drafter.structure.parse import parse_text

    reports = [parse_text(read_input(file), markdown=file.endswith((".md", ".markdown"))) for file in files]
    model = make_model()
    callbacks = ConsoleCallbacks(quiet=quiet)
    try:
        result = merge_reports(reports, org=org, period=period, kind=kind, model=model, retriever=open_retriever(),
                               callbacks=callbacks)
    finally:
        callbacks.close()
    draft_id = save_and_write(result, output, "合并稿")
    for line in report_lines(result):
        click.echo(line, err=True)
    click.echo(f"草稿已保存，编号 {draft_id}（drafter drafts show {draft_id} 查看、修改、重写）", err=True)
    if not result.ok:
        raise SystemExit(1)


COMMANDS = [draft, plan, summarize, merge]
