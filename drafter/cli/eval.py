"""`drafter eval`: draft (or summarise) the evaluation cases and score the outputs."""

from __future__ import annotations

import click

from drafter.evaluation.harness import MODEL_NAMES, format_table, load_cases, run_eval, write_json


@click.command(name="eval")
@click.option("--model", "models", multiple=True, type=click.Choice(MODEL_NAMES), default=("fake",),
              show_default=True, help="评测的模型；可重复给出，以并排比较。")
@click.option("--cases", "which", type=click.Choice(["corpus", "national", "notes", "all"]), default="all",
              show_default=True, help="用例集；notes 为 eval/notes 的要点用例（不加参数起草，评文种和要点归位）。")
@click.option("--limit", type=click.IntRange(min=1), help="每个用例集最多运行的用例数。")
@click.option("--task", type=click.Choice(["draft", "summarize", "continuity"]), default="draft", show_default=True,
              help="draft：由要点起草；summarize：为参考报告写摘要；continuity：上期计划落实和数字前后一致的检查。")
@click.option("--out", type=click.Path(dir_okay=False), default="eval/results/latest.json", show_default=True,
              help="结果 JSON 的保存路径。")
def eval_command(models: tuple[str, ...], which: str, limit: int | None, task: str, out: str) -> None:
    """评测起草质量：结构检查、编造数字、要点覆盖、与参考报告的相似度、调用次数和耗时。

    有编造数字或结构错误时退出码为 1。示例：drafter eval --model fake --model embedded-0.5b --cases corpus --limit 2
    """
    if task == "continuity":
        from drafter.cli.continuity import run_continuity_eval

        run_continuity_eval(models[0], out)
        return
    notes_passed = run_notes_cases(list(models), limit, out) if which in ("notes", "all") and task == "draft" else True
    if which == "notes":
        raise SystemExit(0 if notes_passed else 1)
    cases = load_cases(which, limit)
    run = run_eval(list(models), cases, task, progress=lambda r: click.echo(f"… {r.model} {r.case}", err=True))
    click.echo(format_table(run))
    path = write_json(run, out)
    click.echo(f"结果已保存到 {path}。{'全部通过。' if run.passed else '有用例出现编造数字、结构错误或运行失败。'}")
    if not (run.passed and notes_passed):
        raise SystemExit(1)


def run_notes_cases(models: list[str], limit: int | None, out: str) -> bool:
    from drafter.evaluation.notes_cases import format_notes_table, load_notes_cases, run_notes_eval, write_notes_json

    run = run_notes_eval(models, load_notes_cases(limit=limit),
                         progress=lambda r: click.echo(f"… {r.model} {r.case}", err=True))
    click.echo(format_notes_table(run))
    click.echo(f"要点用例结果已保存到 {write_notes_json(run, out)}。")
    return run.passed


COMMANDS = [eval_command]
