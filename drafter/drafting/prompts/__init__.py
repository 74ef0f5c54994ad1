"""Prompt texts live in ``prompts/<name>.md`` with named ``{variables}``; this is the one loader.

``prompt_messages(name, **values)`` gives the chat messages for one model call, built by a
LangChain ``ChatPromptTemplate``: the constant system prompt first (so llama.cpp reuses its
KV cache for it across the calls of a draft), then the named prompt as the human message.
``render(name, **values)`` fails loudly (``PromptError``) when the file is missing, when a
variable in the text is not given, or when a given value names no variable — a renamed
variable can never silently drop text from a prompt. Literal braces are written ``{{ }}``.
``prompt_version(name)`` is a short hash of the file, kept with each draft.
"""

from __future__ import annotations

import hashlib
import re
import string
from functools import cache
from pathlib import Path

from langchain_core.messages import BaseMessage, SystemMessage
from langchain_core.prompts import ChatPromptTemplate, HumanMessagePromptTemplate

from drafter.errors import PromptError
from drafter.models.prompt_heads import FIXED_HEAD

# The prompt texts ship inside the package, so a wheel or a plain `pip install .` carries them.
PROMPT_DIR = Path(__file__).resolve().parent
SECTION_RE = re.compile(r"^## (?P<name>[\w-]+)\s*$", re.MULTILINE)


@cache
def load_prompt(name: str, directory: Path = PROMPT_DIR) -> str:
    path = directory / f"{name}.md"
    if not path.is_file():
        available = "、".join(sorted(p.stem for p in directory.glob("*.md"))) or "（无）"
        raise PromptError(f"找不到提示词文件 {path}；现有：{available}。请检查安装是否完整。")
    return path.read_text(encoding="utf-8").strip() + "\n"


def variables(template: str) -> set[str]:
    try:
        return {field for _, field, _, _ in string.Formatter().parse(template) if field is not None}
    except ValueError as error:
        raise PromptError(f"提示词格式有误（花括号不成对，字面花括号请写成 {{{{ }}}}）：{error}") from error


def checked_values(name: str, template: str, values: dict[str, object]) -> dict[str, str]:
    """``values`` as strings, after making sure they match the template's variables exactly."""
    wanted = variables(template)
    if bad := sorted(field for field in wanted if not field.isidentifier()):
        raise PromptError(f"提示词 {name} 中的变量名无效：{'、'.join(bad)}（变量名只能是英文标识符）。")
    if missing := sorted(wanted - values.keys()):
        raise PromptError(f"提示词 {name} 需要变量 {'、'.join(missing)}，调用时没有提供。")
    if unknown := sorted(values.keys() - wanted):
        raise PromptError(f"提示词 {name} 中没有变量 {'、'.join(unknown)}；请检查提示词文件或调用代码。")
    return {key: str(value) for key, value in values.items()}


def render(name: str, /, **values: object) -> str:
    """A prompt text (or a block of one, like ``feedback``) with its variables filled in."""
    template = load_prompt(name)
    return template.format(**checked_values(name, template, values))


@cache
def chat_prompt(name: str) -> ChatPromptTemplate:
    """The system prompt, then prompt ``name`` as the human message, as a LangChain template."""
    return ChatPromptTemplate.from_messages([
        SystemMessage(render("system")),
        HumanMessagePromptTemplate.from_template(load_prompt(name), template_format="f-string"),
    ])


def prompt_messages(name: str, /, **values: object) -> list[BaseMessage]:
    """The messages for one model call with prompt ``name``; variables checked as in ``render``.

    The human message says how much of its start is the prompt's own text, before any value
    (``FIXED_HEAD``): a local model keeps its reading of that part (``drafter.models.prompt_heads``);
    other models ignore it."""
    messages = chat_prompt(name).format_messages(**checked_values(name, load_prompt(name), values))
    if head := fixed_head(name):
        messages[-1].additional_kwargs[FIXED_HEAD] = len(head)
    return messages


@cache
def fixed_head(name: str) -> str:
    """Prompt ``name``'s text before its first variable, as it reads once filled in."""
    return template_head(load_prompt(name))


def template_head(template: str) -> str:
    head = ""
    for literal, field, _, _ in string.Formatter().parse(template):
        head += literal  # a literal brace ({{) ends a literal part of its own
        if field is not None:
            return head
    return ""  # no variable: the whole text is fixed, and the message has no part worth keeping apart


def sections(name: str) -> dict[str, str]:
    """A prompt file split at ``## key`` lines, for small per-role texts."""
    text = load_prompt(name)
    found = list(SECTION_RE.finditer(text))
    if not found:
        raise PromptError(f"提示词 {name} 应按“## 名称”分段，但没有找到分段。")
    return {
        match["name"]: text[match.end(): found[i + 1].start() if i + 1 < len(found) else len(text)].strip()
        for i, match in enumerate(found)
    }


def prompt_version(name: str) -> str:
    return hashlib.sha256(load_prompt(name).encode("utf-8")).hexdigest()[:12]


def prompt_versions(*names: str) -> dict[str, str]:
    return {name: prompt_version(name) for name in names}
