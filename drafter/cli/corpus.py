"""`drafter ingest`, `drafter search` and `drafter corpus list|stats|remove|reindex`."""

from __future__ import annotations

import click

from drafter.errors import StoreError
from drafter.settings import get_settings
from drafter.structure.kinds import ROLE_LABELS

ROLES = sorted(role for role in ROLE_LABELS if role)


def open_store():
    # Imported here, not at start-up: Chroma and the embedding engine take a second to import.
    from drafter.store.reports import ReportStore

    return ReportStore(get_settings())


@click.command()
@click.argument("paths", nargs=-1, required=True, type=click.Path())
@click.option("--org", help="发文单位（默认从标题识别，如“某县自然资源局”）。")
@click.option("--period", help="时期，如 2024H1（上半年）、2024H2 或 2023（全年）；默认从标题识别。")
@click.option("--no-progress", is_flag=True, help="不显示嵌入进度条。")
def ingest(paths: tuple[str, ...], org: str | None, period: str | None, no_progress: bool) -> None:
    """把往期材料（.txt/.md/.docx 文件或文件夹）导入语料库。未变化的文件自动跳过。

    例：drafter ingest corpus/ 某局2023年上半年工作总结.docx --org 某县自然资源局
    """
    summary = open_store().ingest(list(paths), org=org, period=period, progress=not no_progress)
    click.echo(summary.describe())
    if summary.errors and not (summary.added or summary.updated or summary.skipped):
        raise SystemExit(2)  # nothing could be ingested: same exit code as other errors


@click.command()
@click.argument("query")
@click.option("-k", "--top", "k", default=5, show_default=True, help="返回的片段数。")
@click.option("--role", type=click.Choice(ROLES), help="只在某一部分中找：progress 工作进展、problems 存在问题、plans 下步打算等。")
@click.option("--org", help="只找某单位的材料。")
@click.option("--period", help="只找某时期，如 2023H1 或 2023。")
@click.option("--kind", type=click.Choice(["half-year", "annual", "plan", "special"]), help="只找某文种。")
@click.option("--mmr", is_flag=True, help="结果去重求多样（最大边际相关）。")
def search(query: str, k: int, role: str | None, org: str | None, period: str | None, kind: str | None,
           mmr: bool) -> None:
    """在往期材料中检索（语义 + 关键词混合检索）。

    例：drafter search "耕地保护 整改" --role problems -k 5
    """
    store = open_store()
    if store.count() == 0:
        raise StoreError("语料库是空的。请先运行 `drafter ingest <文件或文件夹>` 导入往期材料。")
    from drafter.store.retrieve import Retriever

    hits = Retriever(store).search(query, k, role=role, org=org, period=period, kind=kind, mmr=mmr)
    if not hits:
        click.echo("没有找到相关片段。可放宽筛选条件或换个说法。")
        return
    for number, hit in enumerate(hits, 1):
        click.echo(f"{number}. [{hit.score:.4f}] {hit.metadata.get('file', '')} · {hit.label()}")
        click.echo(f"   来源：{hit.source}  第 {hit.metadata.get('start', '?')}–{hit.metadata.get('end', '?')} 字")
        for line in hit.text.splitlines():
            click.echo(f"   {line}")
        click.echo("")


@click.group()
def corpus() -> None:
    """管理语料库：查看、统计、删除、重建索引。"""


@corpus.command("list")
def list_files() -> None:
    """列出已入库的文件。

    例：drafter corpus list
    """
    records = open_store().files()
    if not records:
        click.echo("语料库是空的。用 `drafter ingest <文件或文件夹>` 导入。")
        return
    for record in records:
        click.echo(f"{record.path}\t{record.org or '单位未知'}\t{record.period or '时期未知'}\t{record.kind}\t"
                   f"{record.chunks} 段\t{record.ingested_at}")


@corpus.command()
def stats() -> None:
    """语料库统计：文件数、片段数、按部分/文种/单位/时期的分布。

    例：drafter corpus stats
    """
    result = open_store().stats()
    click.echo(f"位置：{result.location}")
    click.echo(f"向量模型：{result.embedding_model}")
    click.echo(f"文件：{result.files}  片段：{result.chunks}")
    for title, counts, labels in (("按部分", result.by_role, ROLE_LABELS), ("按文种", result.by_kind, {}),
                                  ("按单位", result.by_org, {}), ("按时期", result.by_period, {})):
        shown = "，".join(f"{labels.get(key, key) or '未知'} {count}" for key, count in counts.items())
        click.echo(f"{title}：{shown or '无'}")


@corpus.command()
@click.argument("path", type=click.Path())
def remove(path: str) -> None:
    """从语料库删除一个文件（或文件夹下的全部文件）。

    例：drafter corpus remove corpus/旧总结.txt
    """
    removed = open_store().remove(path)
    click.echo(f"已删除 {removed} 个文件的全部片段。")


@corpus.command()
@click.option("--no-progress", is_flag=True, help="不显示进度条。")
def reindex(no_progress: bool) -> None:
    """用当前向量模型重建全部索引（更换 DRAFTER_EMBEDDING 后使用）。

    例：DRAFTER_EMBEDDING=e5-small drafter corpus reindex
    """
    count = open_store().reindex(progress=not no_progress)
    click.echo(f"已用当前向量模型重建 {count} 个片段的索引。")


COMMANDS = [ingest, search, corpus]
