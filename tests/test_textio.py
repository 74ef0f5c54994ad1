"""Bad input files: clear Chinese messages, no tracebacks, bounded time."""

from __future__ import annotations

import time

import pytest
from click.testing import CliRunner

from drafter.cli import main
from drafter.errors import InputFileError
from drafter.structure.parse import parse_file
from drafter.textio import read_document

SAMPLE = "某县自然资源局2024年上半年工作总结\n一、工作进展情况\n（一）抓好规划。一是完成规划3个。\n二、下半年工作计划\n一是继续推进。\n"


def test_empty_file(tmp_path):
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    with pytest.raises(InputFileError, match="空文件"):
        read_document(path)
    (tmp_path / "blank.txt").write_text("  \n\n", encoding="utf-8")
    with pytest.raises(InputFileError, match="空文件"):
        read_document(tmp_path / "blank.txt")


def test_binary_file(tmp_path):
    path = tmp_path / "image.txt"
    path.write_bytes(bytes(range(256)) * 40)
    with pytest.raises(InputFileError, match="二进制"):
        read_document(path)


def test_gbk_file_is_decoded(tmp_path):
    path = tmp_path / "gbk.txt"
    path.write_bytes(SAMPLE.encode("gbk"))
    assert parse_file(path).parts[0].heading == "工作进展情况"


def test_notepads_unicode_file_is_decoded(tmp_path):
    # Windows 记事本 "另存为 Unicode" writes UTF-16 with a byte-order mark: its zero bytes had read as binary
    for encoding in ("utf-16", "utf-16-be"):
        path = tmp_path / f"{encoding}.txt"
        bom = "\ufeff" if encoding == "utf-16-be" else ""
        path.write_bytes((bom + SAMPLE.replace("\n", "\r\n")).encode(encoding))
        assert read_document(path) == SAMPLE
        assert parse_file(path).parts[0].heading == "工作进展情况"


def test_undecodable_file(tmp_path):
    path = tmp_path / "latin.txt"
    path.write_bytes(("正文" * 10).encode("utf-8")[:-1] + b"\xff\xfe\x81\x30" * 3 + b"\x80")
    with pytest.raises(InputFileError, match="编码"):
        read_document(path)


def test_huge_file_refused_quickly(tmp_path):
    path = tmp_path / "huge.txt"
    path.write_text(SAMPLE * (20 * 1024 * 1024 // len(SAMPLE.encode())), encoding="utf-8")
    started = time.perf_counter()
    with pytest.raises(InputFileError, match="超过上限"):
        read_document(path)
    assert time.perf_counter() - started < 1.0


def test_large_file_under_limit_parses_in_bounded_time(tmp_path):
    from drafter.structure.check import check_report

    body = "（一）抓好规划。一是完成规划3个。二是审批**个。\n" * 40000  # ~2.6 MB
    path = tmp_path / "big.txt"
    path.write_text("一、工作进展\n" + body + "二、下步打算\n一是推进。\n", encoding="utf-8")
    started = time.perf_counter()
    result = check_report(parse_file(path))
    assert time.perf_counter() - started < 60
    assert result.errors  # 40,000 sections all numbered （一）


def test_malformed_docx(tmp_path):
    path = tmp_path / "broken.docx"
    path.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(InputFileError, match="Word"):
        read_document(path)


@pytest.mark.parametrize("content", [b"", bytes(range(256)) * 8])
def test_cli_says_why_without_traceback(tmp_path, content):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    result = CliRunner().invoke(main, ["check", str(path)])
    assert result.exit_code == 2
    assert "错误：" in result.output and "Traceback" not in result.output


def test_cli_missing_file():
    result = CliRunner().invoke(main, ["check", "no-such-file.txt"])
    assert result.exit_code == 2 and "找不到文件" in result.output
