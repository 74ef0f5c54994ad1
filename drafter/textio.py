"""Reading user files safely: size, binary content, encodings, .docx.

Every reader of reports or notes goes through ``read_document`` so that empty, binary,
GBK-encoded, huge or malformed files get the same clear message everywhere.
"""

from __future__ import annotations

import codecs
import os
import uuid
import zipfile
from collections.abc import Callable
from pathlib import Path

from drafter.errors import InputFileError, OutputFileError

MAX_BYTES = 8 * 1024 * 1024  # a long annual report is ~100 KB; 8 MB is far beyond any real one
TEXT_SUFFIXES = {".txt", ".md", ".markdown", ".text", ""}
DOCX_SUFFIXES = {".docx"}


def read_document(path: str | Path, max_bytes: int = MAX_BYTES) -> str:
    """Return the text of a .txt/.md/.docx file, or raise InputFileError saying why not."""
    path = Path(path)
    if not path.exists():
        raise InputFileError(f"找不到文件：{path}")
    if path.is_dir():
        raise InputFileError(f"{path} 是文件夹，请给出文件路径。")
    size = path.stat().st_size
    if size == 0:
        raise InputFileError(f"{path.name} 是空文件，没有可读的内容。")
    if size > max_bytes:
        raise InputFileError(
            f"{path.name} 有 {size / 1024 / 1024:.1f} MB，超过上限 {max_bytes // 1024 // 1024} MB；"
            "工作总结通常不足 1 MB，请确认选对了文件或先拆分。"
        )
    if path.suffix.lower() in DOCX_SUFFIXES:
        return read_docx(path)
    return decode_text(path.read_bytes(), path.name)


def decode_text(data: bytes, name: str = "输入") -> str:
    """UTF-8 (with or without BOM), then GB18030 (a superset of GBK/GB2312), else a clear error."""
    if not data.strip():
        raise InputFileError(f"{name} 是空文件，没有可读的内容。")
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        # Windows 记事本's "Unicode" (UTF-16 with its byte-order mark): its zero bytes had read as binary
        try:
            return unix_newlines(data.decode("utf-16"))
        except UnicodeDecodeError:
            pass  # a broken UTF-16 file: the binary check below says why it cannot be read
    if looks_binary(data):
        raise InputFileError(f"{name} 看起来是二进制文件（如图片、压缩包），不是文本；请另存为 .txt、.md 或 .docx。")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError:
            continue
        return unix_newlines(text)
    raise InputFileError(f"{name} 既不是 UTF-8 也不是 GBK/GB18030 编码，无法识别；请用记事本或 WPS 另存为 UTF-8 后重试。")


def unix_newlines(text: str) -> str:
    return text.replace("\r\n", "\n").replace("\r", "\n")


def looks_binary(data: bytes) -> bool:
    head = data[:8192]
    if b"\x00" in head:
        return True
    control = sum(1 for byte in head if byte < 9 or 13 < byte < 32)
    return control > len(head) * 0.05


def read_docx(path: Path) -> str:
    """Paragraph texts of a .docx, one per line."""
    import docx  # python-docx; imported here so plain-text users never pay for it

    try:
        document = docx.Document(str(path))
    except (zipfile.BadZipFile, KeyError, ValueError) as error:
        raise InputFileError(f"{path.name} 不是有效的 Word 文档（.docx），可能已损坏：{error}") from error
    except Exception as error:  # python-docx raises assorted lxml/package errors on broken files
        raise InputFileError(f"{path.name} 无法作为 Word 文档打开：{type(error).__name__}") from error
    text = "\n".join(paragraph.text for paragraph in document.paragraphs)
    if not text.strip():
        raise InputFileError(f"{path.name} 中没有文字内容。")
    return text


def write_atomically(path: Path, write: Callable[[Path], None]) -> Path:
    """Run ``write`` on a temporary file beside ``path``, then move it into place."""
    if path.is_dir():
        raise OutputFileError(f"{path} 是文件夹，请给出要写出的文件名，例如 {path / '报告.docx'}。")
    if not path.parent.is_dir():
        raise OutputFileError(f"目录不存在：{path.parent}；请先创建该目录或换一个保存位置。")
    # Beside the target, so os.replace is a rename on one file system; created by the writer
    # itself (not mkstemp) so the file gets the usual permissions rather than 0600.
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex[:8]}.tmp")
    try:
        write(temporary)
        os.replace(temporary, path)
    except PermissionError as error:
        raise OutputFileError(f"无法写入 {path}：文件可能正在被 Word 或 WPS 打开，请关闭后重试。") from error
    except OSError as error:
        raise OutputFileError(f"写入 {path} 失败（{error.strerror}）；请检查磁盘空间和权限后重试。") from error
    finally:
        temporary.unlink(missing_ok=True)
    return path


def write_text_atomically(path: str | Path, text: str) -> Path:
    """UTF-8 text written beside ``path``, flushed to disk, then moved into place."""

    def write(temporary: Path) -> None:
        with temporary.open("w", encoding="utf-8") as stream:
            stream.write(text)
            stream.flush()
            os.fsync(stream.fileno())

    return write_atomically(Path(path), write)
