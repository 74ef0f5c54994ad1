"""`drafter carryover` and `drafter figures`: a report against the same unit's earlier reports."""

from __future__ import annotations

import json
from typing import TYPE_CHECKING

import click

DEFAULT_EVAL_OUT = "eval/results/latest.json"
CONTINUITY_EVAL_OUT = "eval/results/continuity.json"

if TYPE_CHECKING:
    from drafter.continuity.history import Dated
    from drafter.continuity.review import History


def dated_input(report: str, org: str | None, period: str | None) -> Dated:
    from drafter.continuity.history import load_dated

    return load_dated(report, org=org, period=period)


def history_for(files: tuple[str, ...], no_store: bool) -> History:
    """Files given by hand replace the store: the user chose what to compare with."""
    from drafter.continuity.review import History

    return History(files=list(files), use_store=not no_store)


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("--previous", type=click.Path(dir_okay=False), help="上期报告文件；不给则按单位和时期在语料库中查找。")
@click.option("--org", help="单位名称；不给则从标题识别。")
@click.option("--period", help="本报告的时期：2024H1、2024H2 或 2024；不给则从标题识别。")
@click.option("--no-model", is_flag=True, help="把握不大的条目不请模型判断，只用规则。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def carryover(report: str, previous: str | None, org: str | None, period: str | None, no_model: bool,
              as_json: bool) -> None:
    """上期计划落实情况：上期“下步打算/下半年计划”的每一项，本期是已完成、正在推进还是未提及。

    每条结论都列出两边的原句。示例：drafter carryover 2024年工作总结.txt --previous 2024年上半年总结.txt
    """
    from drafter.continuity.history import load_dated
    from drafter.continuity.render import carryover_text
    from drafter.continuity.review import default_judge, run_carryover

    current = dated_input(report, org, period)
    history = history_for((), no_store=previous is not None)
    chosen = load_dated(previous) if previous else None
    result = run_carryover(current, history, None if no_model else default_judge(), chosen)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(carryover_text(result))


@click.command()
@click.argument("report", type=click.Path(dir_okay=False))
@click.option("--earlier", multiple=True, type=click.Path(dir_okay=False),
              help="往期报告文件（可重复）；不给则在语料库中查找同一单位的往期报告。")
@click.option("--org", help="单位名称；不给则从标题识别。")
@click.option("--period", help="本报告的时期：2024H1、2024H2 或 2024；不给则从标题识别。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def figures(report: str, earlier: tuple[str, ...], org: str | None, period: str | None, as_json: bool) -> None:
    """数字前后一致性：本期数字与往期同一指标对照（同比/环比由程序计算），标出疑点。

    疑点包括：所写同比与往期数字不符、累计数减少、计量单位变化、变化异常。
    示例：drafter figures 2024年上半年总结.txt
    """
    from drafter.continuity.render import figures_text
    from drafter.continuity.review import run_figures

    current = dated_input(report, org, period)
    result = run_figures(current, history_for(earlier, no_store=bool(earlier)))
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(figures_text(result))


COMMANDS = [carryover, figures]


def run_continuity_eval(model: str, out: str) -> None:
    """`drafter eval --task continuity`: e5 embeddings; ``model`` judges the borderline plan items."""
    from drafter.errors import DrafterError
    from drafter.evaluation.continuity import format_continuity, model_judge, run_continuity
    from drafter.evaluation.harness import write_json
    from drafter.store.embeddings import make_embeddings

    if out == DEFAULT_EVAL_OUT:  # the draft eval's file stays the draft eval's
        out = CONTINUITY_EVAL_OUT
    try:
        embeddings = make_embeddings()
    except DrafterError as error:
        click.echo(f"未能加载向量模型（{error}），只用词语匹配。", err=True)
        embeddings = None
    run = run_continuity(model, embeddings=embeddings, judge=model_judge(model),
                         progress=lambda r: click.echo(f"… {r.case}", err=True))
    click.echo(format_continuity(run))
    path = write_json(run, out)
    click.echo(f"结果已保存到 {path}。{'漏项和数字疑点全部命中，无误报。' if run.passed else '有漏报、误报或运行失败。'}")
    if not run.passed:
        raise SystemExit(1)
