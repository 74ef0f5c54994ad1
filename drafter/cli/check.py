"""`drafter check`: structure and content findings for a report file."""

from __future__ import annotations

import json

import click

from drafter.structure.check import check_text
from drafter.structure.kinds import kind_names
from drafter.textio import read_document


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(kind_names()), help="文种；不给则自动识别。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果。")
@click.option("--no-placeholders", is_flag=True, help="不列出待填写的占位符。")
def check(file: str, kind: str | None, as_json: bool, no_placeholders: bool) -> None:
    """检查工作总结/计划的结构：编号、必备部分、空标题、条目均衡、标点、待填项。

    有错误时退出码为 1。示例：drafter check 上半年总结.txt --kind half-year
    """
    result = check_text(read_document(file), kind, markdown=file.lower().endswith((".md", ".markdown")))
    findings = [f for f in result.findings if not (no_placeholders and f.code == "placeholder")]
    if as_json:
        data = result.to_dict()
        data["findings"] = [f.to_dict() for f in findings]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for finding in findings:
            click.echo(str(finding))
        counts = result.to_dict()["counts"]
        click.echo(f"文种：{result.kind}；错误 {counts['error']} 处，警告 {counts['warning']} 处，"
                   f"提示 {counts['info']} 处（待填 {len(result.placeholders)} 行）。")
    if not result.ok:
        raise SystemExit(1)


COMMANDS = [check]
