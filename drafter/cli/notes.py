"""`drafter notes`: what the reader understood of a notes file, before anything is drafted."""

from __future__ import annotations

import json

import click

from drafter.structure.kinds import kind_names


@click.command(name="notes")
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--kind", type=click.Choice(kind_names()), help="文种；不给则按要点内容判断。")
@click.option("--org", help="单位名称；不给则取标题行中的单位。")
@click.option("--period", help="时段，如 2024H1、2024年上半年、2024；不给则取标题行中的时段。")
@click.option("--json", "as_json", is_flag=True, help="以 JSON 输出。")
def notes_command(file: str, kind: str | None, org: str | None, period: str | None, as_json: bool) -> None:
    """只读要点、不起草：列出识别的文种及依据、单位、时段、每条要点所属部分和分组，以及未采用或需确认的行。

    示例：drafter notes 要点.txt；先据此修改要点，再运行 drafter draft。
    """
    from drafter.drafting.reader import read_notes_file  # imported here so `drafter --help` stays fast

    reading = read_notes_file(file, kind=kind, org=org, period=period)
    if as_json:
        click.echo(json.dumps(reading.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo("\n".join(reading.summary_lines()))


COMMANDS = [notes_command]
