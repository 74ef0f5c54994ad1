"""The `drafter` command: a thin shell over the library.

Each module in this package defines ``COMMANDS`` (click commands or groups) and is found
automatically, so command groups live in their own files. Library errors become
one-line messages here and nowhere else; no traceback reaches a user unless DRAFTER_DEBUG=1.
"""

from __future__ import annotations

import importlib
import pkgutil
import sys

import click

from drafter.errors import DrafterError
from drafter.settings import get_settings


class DrafterGroup(click.Group):
    def invoke(self, ctx: click.Context):  # type: ignore[override]
        try:
            return super().invoke(ctx)
        except DrafterError as error:
            fail(str(error))
        except KeyboardInterrupt:
            click.echo("\n已中断，未写出不完整的文件。", err=True)
            sys.exit(130)
        except (click.ClickException, click.exceptions.Exit, click.exceptions.Abort, SystemExit):
            raise
        except Exception as error:  # last line of defence: a message, not a traceback
            if debugging():
                raise
            fail(f"内部错误：{type(error).__name__}: {error}（设置 DRAFTER_DEBUG=1 可查看详细信息）")


def debugging() -> bool:
    """DRAFTER_DEBUG=1: let tracebacks through (unusable settings mean no, as they are reported anyway)."""
    try:
        return get_settings().debug
    except DrafterError:
        return False


def fail(message: str, code: int = 2) -> None:
    """Print a library error as one Chinese line on stderr and exit (1 is kept for 'check failed')."""
    click.echo(f"错误：{message}", err=True)
    sys.exit(code)


@click.group(cls=DrafterGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="drafter")
def main() -> None:
    """起草助手 drafter：工作总结、工作计划的起草、检查与导出。"""


def register_commands() -> None:
    for module_info in sorted(pkgutil.iter_modules(__path__), key=lambda m: m.name):
        module = importlib.import_module(f"{__name__}.{module_info.name}")
        for command in getattr(module, "COMMANDS", []):
            main.add_command(command)


register_commands()
