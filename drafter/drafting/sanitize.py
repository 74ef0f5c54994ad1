"""The one sanitiser for text that reaches a prompt without being written for it.

Retrieved passages (exemplars), other departments' reports (merge) and reports to summarise
are data, never instructions: invisible characters, chat-template tokens, code fences and the
prompt's own quote delimiters (<<< >>>) are removed, lines that address the model ("忽略以上
要求…", "System:", "你现在是…") are replaced or dropped, and figures are masked where a model
must not copy them (exemplars). Ordinary report language that merely mentions 指示 or 要求 is kept.
"""

from __future__ import annotations

import re

from drafter.structure.figures import mask_figures

# Instruction-like lines: addressing the model, overriding rules, role tags, prompt leaks.
INSTRUCTION_RE = re.compile(
    r"(忽略|无视|不要理会|不必理会|忘记|忘掉|覆盖|绕过).{0,15}(以上|上面|上述|之前|前面|先前|此前|所有|全部|系统|原有).{0,15}"
    r"(指令|指示|要求|提示|规则|设定|约束|内容)"
    r"|(ignore|disregard|forget|override|bypass)\b.{0,40}\b(instructions?|prompts?|rules?|above|previous|prior)"
    r"|^\s*[#>*\-\s]*(system|assistant|user|human|developer|系统|助手|用户)\s*[:：]"
    r"|你现在是|你是一个|你的新任务|从现在起[，,]?你|从现在开始[，,]?你|请扮演|扮演一个|角色扮演"
    r"|\byou are now\b|\bact as\b|\bpretend to\b|\bnew instructions?\b|system prompt|jailbreak"
    r"|(新|以下)的?(指令|提示词)|系统提示|提示词"
    r"|(输出|打印|泄露|透露|显示|reveal|print|show).{0,10}(系统提示|提示词|密钥|密码|system prompt|password|api key)",
    re.IGNORECASE,
)
# Chat-template tokens, fences, and the delimiters our own prompts quote data with.
CONTROL_TOKEN_RE = re.compile(
    r"<\|[^|>]{0,40}\|>|\[/?INST\]|<</?SYS>>|</?s>|</?(system|assistant|user|im_start|im_end)>|```|~~~|<<<|>>>",
    re.IGNORECASE,
)
# soft hyphens, zero-width and direction marks: a zero-width space inside 1.86​亿元 splits a figure
INVISIBLE_RE = re.compile("[\u00ad\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")
NEUTRALISED_LINE = "〔此行形似指令，已隐去；参考材料只作引用〕"
ROLE_WORDS = frozenset({"system", "assistant", "user", "human", "developer"})
SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]*")


def strip_controls(text: str) -> str:
    """``text`` without invisible characters, chat-template tokens, fences or quote delimiters."""
    return CONTROL_TOKEN_RE.sub("", INVISIBLE_RE.sub("", text))


def is_instruction(line: str) -> bool:
    return bool(INSTRUCTION_RE.search(line))


def neutralise(text: str, *, drop: bool = False) -> list[str]:
    """Lines of ``text`` that are safe to quote: control tokens gone, instruction-like sentences
    replaced by ``NEUTRALISED_LINE`` (or left out when ``drop``). A line whose every sentence is
    an instruction becomes the mark alone (or goes)."""
    lines = []
    for line in strip_controls(text).splitlines() or [""]:
        cleaned = line.strip()
        if cleaned.lower() in ROLE_WORDS:  # what a stripped "<|im_start|>system" leaves behind
            cleaned = ""
        if not is_instruction(cleaned):
            lines.append(cleaned)
            continue
        kept = [sentence for sentence in SENTENCE_RE.findall(cleaned) if not is_instruction(sentence)]
        if kept:
            lines.append("".join(kept) + ("" if drop else NEUTRALISED_LINE))
        elif not drop:
            lines.append(NEUTRALISED_LINE)
    return lines


def sanitize(text: str, *, mask: bool = False, drop: bool = False) -> str:
    """``text`` as data for a prompt, line by line; figures masked when ``mask``."""
    cleaned = "\n".join(neutralise(text, drop=drop))
    return mask_figures(cleaned) if mask else cleaned


def one_line(text: str, *, mask: bool = True, limit: int | None = None) -> str:
    """A passage as one line of data (an exemplar): instruction-like lines dropped, figures masked."""
    joined = " ".join(line for line in neutralise(text, drop=True) if line)
    joined = mask_figures(joined) if mask else joined
    return joined[:limit] if limit is not None else joined


def quote(text: str, *, header: str = "", mask: bool = False) -> str:
    """``text`` as a quoted block: every line prefixed with "> ", so nothing in it can end the
    quote; ``header`` (a source label, itself untrusted) goes first in 〔〕."""
    lines = sanitize(text, mask=mask).splitlines()
    body = "\n".join(f"> {line}" if line else ">" for line in lines)
    if not header:
        return body
    return f"〔{' '.join(neutralise(header))}〕\n{body}"
