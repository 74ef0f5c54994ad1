"""The built wheel works on its own: prompts, kinds and the CLI all come from the installed package.

The sources are copied out first, so a build never leaves build/ or egg-info in the work tree
(a stale build/lib would leak deleted modules into later wheels). The wheel goes into a venv
that sees this machine's packages (--system-site-packages: no network) but runs from a
temporary folder, so `drafter` is imported from the wheel, never from the repository.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from tests.conftest import REPO

pytestmark = pytest.mark.wheel

SOURCES = ("pyproject.toml", "README.md", "drafter", "ui")


@dataclass(frozen=True)
class Installed:
    wheel: Path
    venv: Path
    workdir: Path  # an empty folder outside the repository: the commands' cwd

    def run(self, *args: str, **environment: str) -> subprocess.CompletedProcess[str]:
        env = {key: value for key, value in os.environ.items() if key not in ("PYTHONPATH", "PYTHONHOME")}
        env.update(environment)
        return subprocess.run([str(self.venv / "bin" / args[0]), *args[1:]], cwd=self.workdir, env=env,
                              capture_output=True, text=True, timeout=120)


@pytest.fixture(scope="module")
def installed(tmp_path_factory) -> Installed:
    root = tmp_path_factory.mktemp("wheel")
    source = root / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        else:
            shutil.copy2(path, source / name)
    dist = root / "dist"
    pip_quietly = ["-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
    build = subprocess.run([sys.executable, *pip_quietly, "wheel", "--no-deps", "--no-build-isolation",
                            "--no-index", "-w", str(dist), str(source)], capture_output=True, text=True)
    assert build.returncode == 0, build.stdout + build.stderr
    (wheel,) = dist.glob("drafter-*.whl")
    venv = root / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(venv)], check=True)
    # The machine's pip installs into the venv; dependencies are already there (system site-packages).
    install = subprocess.run([sys.executable, *pip_quietly, "--python", str(venv / "bin" / "python"), "install",
                              "--no-deps", "--no-index", "--force-reinstall", str(wheel)],
                             capture_output=True, text=True)
    assert install.returncode == 0, install.stdout + install.stderr
    workdir = root / "work"
    workdir.mkdir()
    return Installed(wheel, venv, workdir)


def test_wheel_ships_every_data_file_of_the_package(installed):
    names = set(zipfile.ZipFile(installed.wheel).namelist())
    data = {path.relative_to(REPO).as_posix() for path in (REPO / "drafter").rglob("*")
            if path.is_file() and path.suffix not in (".py", ".pyc")}
    assert {"drafter/py.typed", "drafter/drafting/prompts/write_item.md", "drafter/structure/kinds/half-year.toml"} <= data
    assert data - names == set()  # a new lexicon or prompt file needs no packaging change, but must ship
    assert {"drafter/cli/__init__.py", "drafter/drafting/prompts/__init__.py", "ui/app.py"} <= names


def test_drafter_is_imported_from_the_wheel_not_the_repository(installed):
    result = installed.run("python", "-c", "import drafter, ui; print(drafter.__file__); print(ui.__file__)")
    assert result.returncode == 0, result.stderr
    for line in result.stdout.split():
        path = Path(line).resolve()
        assert path.is_relative_to(installed.venv.resolve()), path
        assert not path.is_relative_to(REPO), path


def test_installed_check_command_reads_the_packaged_kinds(installed):
    report = installed.workdir / "report.txt"
    report.write_text((REPO / "corpus" / "zrj-2024h1.txt").read_text(encoding="utf-8"), encoding="utf-8")
    result = installed.run("drafter", "check", str(report))
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("文种：half-year；错误 0 处")

    flawed = installed.workdir / "flawed.txt"
    flawed.write_text("某县林业局2024年上半年工作总结\n一、上半年工作情况\n完成造林1200亩。\n三、下半年工作计划\n继续造林。\n",
                      encoding="utf-8")
    result = installed.run("drafter", "check", "--json", str(flawed))
    assert result.returncode == 1, result.stderr
    messages = " ".join(finding["message"] for finding in json.loads(result.stdout)["findings"])
    assert "存在的问题" in messages  # the half-year kind's required part, read from its TOML file


def test_installed_draft_with_the_fake_model_fills_the_packaged_prompts(installed, tmp_path):
    notes = installed.workdir / "notes.md"
    notes.write_text((REPO / "examples" / "notes-small.md").read_text(encoding="utf-8"), encoding="utf-8")
    output = installed.workdir / "draft.txt"
    result = installed.run("drafter", "draft", str(notes), "-q", "-o", str(output),
                           DRAFTER_FAKE_MODEL="1", DRAFTER_HOME=str(tmp_path / "home"))
    assert result.returncode == 0, result.stderr
    text = output.read_text(encoding="utf-8")
    assert text.startswith("某县自然资源局2024年上半年工作总结")
    # The fake model answers the write_item prompt's 要点 line with the note's own words and figure.
    assert "受理不动产登记3210件" in text and "存在的问题" in text
    assert "结构检查通过" in result.stdout + result.stderr
    assert (tmp_path / "home" / "drafts.sqlite3").is_file()  # DRAFTER_HOME reached the installed package
