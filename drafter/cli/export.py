"""`drafter export`: a report file → .docx (GB/T 9704 layout) and/or Markdown."""

from __future__ import annotations

from pathlib import Path

import click

from drafter.export import export_docx, export_markdown
from drafter.structure.parse import parse_file


@click.command()
@click.argument("file", type=click.Path(path_type=Path))
@click.option("--docx", "docx_path", type=click.Path(path_type=Path), help="写出 Word 文档（.docx）的路径。")
@click.option("--md", "markdown_path", type=click.Path(path_type=Path), help="写出 Markdown 文件的路径。")
def export(file: Path, docx_path: Path | None, markdown_path: Path | None) -> None:
    """把报告（.txt/.md/.docx）导出为按 GB/T 9704-2012 排版的 Word 文档或 Markdown。

    \b
    例：drafter export 上半年总结.txt --docx 上半年总结.docx
        drafter export 上半年总结.txt --docx 总结.docx --md 总结.md
    """
    if docx_path is None and markdown_path is None:
        raise click.UsageError("请至少指定一个输出：--docx 文件.docx 或 --md 文件.md（也可以两个都给）。")
    report = parse_file(file)
    if docx_path is not None:
        click.echo(f"已写出 Word 文档：{export_docx(report, docx_path)}")
    if markdown_path is not None:
        click.echo(f"已写出 Markdown：{export_markdown(report, markdown_path)}")


COMMANDS = [export]
