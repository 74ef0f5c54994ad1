"""`drafter check`: structure and content findings for a report file."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from drafter.errors import OutputFileError
from drafter.structure.check import check_text
from drafter.structure.kinds import kind_names
from drafter.structure.proofread import Fix, apply_safe_fixes, describe_fixes, house_terms
from drafter.textio import read_document, write_text_atomically


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(kind_names()), help="文种；不给则自动识别。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出检查结果。")
@click.option("--no-placeholders", is_flag=True, help="不列出待填写的占位符。")
@click.option("--terms", "terms_file", type=click.Path(dir_okay=False), help="提法表（TOML），与默认表合并；不给则用 DRAFTER_HOME 下的 terms.toml（如有）。")
@click.option("--fix", "fix_out", type=click.Path(dir_okay=False), help="只做安全的机械修正（标点全半角、重复标点、括号引号配对），写入此文件后再检查。")
@click.option("--no-proofread", is_flag=True, help="不做文字校对，只查结构。")
@click.option("--history", is_flag=True, help="对照往期报告：上期计划是否都有交代、数字与往期是否一致（往期报告需已 drafter ingest）。")
def check(file: str, kind: str | None, as_json: bool, no_placeholders: bool, terms_file: str | None,
          fix_out: str | None, no_proofread: bool, history: bool) -> None:
    """检查工作总结/计划的结构（编号、必备部分、空标题、条目均衡、标点、待填项）并校对文字。

    有错误时退出码为 1。示例：drafter check 上半年总结.txt --kind half-year
    """
    text = read_document(file)
    fixes: list[Fix] = []
    if fix_out:
        if fix_out.lower().endswith(".docx"):
            raise OutputFileError("--fix 写出的是纯文本，请给 .txt 或 .md 文件名（需要 Word 文件可再用 drafter export）。")
        text, fixes = apply_safe_fixes(text)
        write_text_atomically(fix_out, text)
    result = check_text(text, kind, markdown=file.lower().endswith((".md", ".markdown")), proofread=not no_proofread,
                        terms=house_terms(terms_file) if terms_file else None)
    if history:
        from drafter.continuity.review import default_judge, history_findings

        result.findings += history_findings(text, file, judge=default_judge(), kind=result.kind,
                                            markdown=file.lower().endswith((".md", ".markdown")))
    findings = [f for f in result.findings if not (no_placeholders and f.code == "placeholder")]
    if as_json:
        data = result.to_dict()
        data["findings"] = [f.to_dict() for f in findings]
        if fix_out:
            data["fixes"] = [asdict(fix) for fix in fixes]
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        for line in describe_fixes(fixes):
            click.echo(line)
        if fix_out:
            click.echo(f"已修正 {len(fixes)} 处，写入 {fix_out}；以下是修正后仍需人工处理的问题。")
        for finding in findings:
            click.echo(str(finding))
        counts = result.to_dict()["counts"]
        click.echo(f"文种：{result.kind}；错误 {counts['error']} 处，警告 {counts['warning']} 处，"
                   f"提示 {counts['info']} 处（待填 {len(result.placeholders)} 行）。")
    if not result.ok:
        raise SystemExit(1)


COMMANDS = [check]
