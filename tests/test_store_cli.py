"""`drafter ingest`, `drafter search`, `drafter corpus …` through click's CliRunner."""

from __future__ import annotations

import pytest
from click.testing import CliRunner
from fake_embeddings import FakeEmbeddings
from test_store import LAND, WATER, write

import drafter.cli.corpus as corpus_cli
from drafter.cli import main
from drafter.store.reports import ReportStore


@pytest.fixture
def fake_cli(monkeypatch):
    fake = FakeEmbeddings()
    monkeypatch.setattr(corpus_cli, "open_store", lambda: ReportStore(embeddings=fake))
    return fake


@pytest.fixture
def folder(tmp_path):
    write(tmp_path / "reports", "land.txt", LAND)
    write(tmp_path / "reports", "water.txt", WATER)
    (tmp_path / "reports" / "empty.txt").write_bytes(b"")
    return tmp_path / "reports"


def run(*args: str):
    return CliRunner().invoke(main, list(args), catch_exceptions=False)


def test_ingest_search_list_stats_remove(fake_cli, folder):
    result = run("ingest", str(folder), "--no-progress")
    assert result.exit_code == 0
    assert "新增 2 个文件" in result.output and "empty.txt" in result.output and "空文件" in result.output
    assert "Traceback" not in result.output

    again = run("ingest", str(folder), "--no-progress")
    assert "未变化跳过 2 个" in again.output and "嵌入 0 个片段" in again.output

    found = run("search", "耕地 整改", "--role", "problems", "-k", "1")
    assert found.exit_code == 0
    assert found.output.startswith("1. [0.0") and "land.txt" in found.output and "存在问题" in found.output
    assert "耕地流出问题整改偏慢" in found.output and "2." not in found.output

    listing = run("corpus", "list")
    assert "某县自然资源局\t2023H1\thalf-year" in listing.output and "water.txt" in listing.output

    stats = run("corpus", "stats")
    assert "文件：2" in stats.output and "存在问题 2" in stats.output and "fake-hash-256" in stats.output

    removed = run("corpus", "remove", str(folder / "water.txt"))
    assert "已删除 1 个文件" in removed.output
    assert "water.txt" not in run("corpus", "list").output

    missing = run("corpus", "remove", str(folder / "water.txt"))
    assert missing.exit_code != 0 and "corpus list" in missing.output and "Traceback" not in missing.output


def test_search_on_an_empty_store_says_what_to_do(fake_cli):
    result = run("search", "耕地")
    assert result.exit_code != 0 and "drafter ingest" in result.output


def test_bad_period_is_a_message_not_a_traceback(fake_cli, folder):
    result = run("ingest", str(folder), "--period", "去年")
    assert result.exit_code != 0 and "2024H1" in result.output and "Traceback" not in result.output


def test_only_errors_exit_nonzero(fake_cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run("ingest", str(tmp_path / "empty.txt"), "--no-progress")
    assert result.exit_code != 0 and "空文件" in result.output


def test_reindex_after_changing_the_model(monkeypatch, folder):
    first = FakeEmbeddings()
    monkeypatch.setattr(corpus_cli, "open_store", lambda: ReportStore(embeddings=first))
    run("ingest", str(folder), "--no-progress")
    second = FakeEmbeddings(dim=64)
    monkeypatch.setattr(corpus_cli, "open_store", lambda: ReportStore(embeddings=second))
    refused = run("search", "水库")
    assert refused.exit_code != 0 and "corpus reindex" in refused.output
    assert "重建" in run("corpus", "reindex", "--no-progress").output
    assert "水库" in run("search", "水库", "-k", "1").output


def test_every_command_has_help():
    for args in (["ingest"], ["search"], ["corpus"], ["corpus", "list"], ["corpus", "stats"],
                 ["corpus", "remove"], ["corpus", "reindex"]):
        result = run(*args, "--help")
        assert result.exit_code == 0 and "例" in result.output or args == ["corpus"]


def test_real_e5_through_the_cli(tmp_path):
    """The default model end to end on one tiny report."""
    write(tmp_path, "water.txt", WATER)
    assert "新增 1 个文件" in run("ingest", str(tmp_path), "--no-progress").output
    found = run("search", "大坝汛期出险", "-k", "1")
    assert "水库" in found.output and "water.txt" in found.output
