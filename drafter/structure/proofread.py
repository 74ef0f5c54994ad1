"""Proofreading (校对): the text-level slips a structure check does not see.

``proofread(text)`` returns findings in the checker's format (``TextFinding`` is a ``Finding``
with the slip's context, a suggestion, its spans in the line and, for mechanical slips, the
safe fixes). ``apply_safe_fixes(text)`` applies only those fixes: punctuation width, doubled
punctuation, bracket and quote pairs where the right form is unambiguous. Everything else —
doubled words, discouraged terms, repeated sentences, mixed formats — stays a suggestion.

Thresholds, the reduplication whitelist and context-dependent misuses are data
(``data/proofread.toml``); the default term list (提法) is ``data/terms.toml``, which a user's
own TOML of the same shape extends (``--terms FILE`` or ``terms.toml`` under DRAFTER_HOME).
"""

from __future__ import annotations

import re
import tomllib
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from decimal import Decimal
from functools import cache
from pathlib import Path
from typing import Any

from drafter.errors import InputFileError
from drafter.structure.check import ERROR, INFO, SEVERITY_LABELS, WARNING, CheckResult, Finding

DATA_DIR = Path(__file__).resolve().parent / "data"
HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
HAN_RE = re.compile(f"[{HAN}]")
FULL_WIDTH_PUNCTUATION = "，。、；：？！“”‘’（）《》【】〔〕「」…—·"
HALF_TO_FULL = {",": "，", ";": "；", ":": "：", "?": "？", "!": "！", "(": "（", ")": "）", ".": "。"}
OPENERS = {"（": "）", "(": ")", "《": "》", "【": "】", "〔": "〕", "[": "]", "「": "」", "〈": "〉", "‘": "’"}
CLOSERS = {close: open_ for open_, close in OPENERS.items()}
FULL_PAREN = {"(": "（", ")": "）"}
DOUBLE_QUOTES = "“”\""
URL_RE = re.compile(r"(?:https?://|www\.)[\x21-\x7e]+|[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+\.[A-Za-z0-9.-]+")
HEADING_NUMERAL_RE = re.compile(r"^\s*[一二三四五六七八九十]{1,3}$")
DOC_NUMBER_RE = re.compile(rf"(?<=[{HAN}])(?P<open>[\[【(（])(?P<year>(?:19|20)\d\d)(?P<close>[\]】)）])(?=第?\d+号)")
DOUBLED_PUNCTUATION_RE = re.compile(r"([，。、；：！？])\1+")
PUNCTUATION_SEQUENCE_RE = re.compile(r"([，、；：。])(?!\1)[，。、；：]")
SENTENCE_RE = re.compile(r"[^。！？；;!?]+[。！？；;!?]?")
LONG_SENTENCE_RE = re.compile(r"[^。！？!?]+[。！？!?]?")
KEY_WIDTH = str.maketrans(",;:?!()", "，；：？！（）")
ITEM_MARKER_RE = re.compile(
    r"^(?:[一二三四五六七八九十]{1,3}是|[（(][一二三四五六七八九十\d]{1,3}[）)]|[一二三四五六七八九十]{1,3}、|\d{1,2}[.、．]|第[一二三四五六七八九十]{1,3}[，,、])"
)
THOUSANDS_RE = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})+(?![\d,])")
PLAIN_NUMBER_RE = re.compile(r"(?<![\d.,*＊])\d{4,}(?![\d,*＊])")
FULL_WIDTH_DIGITS_RE = re.compile(r"[０-９]+")
MONEY_RE = re.compile(rf"(?P<before>[{HAN}]{{1,8}})(?P<number>\d+(?:\.\d+)?)(?P<unit>万亿元|亿元|万元|元)")
MONEY_FILLERS = "共约达为计到至了是的合累总近超逾"
DATE_PATTERNS = {
    "cn": re.compile(r"(?:(?P<y>\d{4})年)?(?P<m>\d{1,2})月(?P<d>\d{1,2})日"),
    "iso": re.compile(r"(?<![\d-])(?P<y>\d{4})-(?P<m>\d{1,2})-(?P<d>\d{1,2})(?![\d-])"),
    "slash": re.compile(r"(?<![\d/])(?P<y>\d{4})/(?P<m>\d{1,2})/(?P<d>\d{1,2})(?![\d/])"),
    "dot": re.compile(r"(?<![\d.])(?:(?P<y>\d{4})\.)?(?P<m>\d{1,2})\.(?P<d>\d{1,2})(?![\d.%])"),
}
DATE_STYLE_LABELS = {"cn": "6月30日", "iso": "2024-06-30", "slash": "2024/6/30", "dot": "6.30"}
SHORT_DOT_DATE_BEFORE = ("截至", "截止")
SHORT_DOT_DATE_AFTER = "前日号"
DECIMAL_FOLLOWERS = "万亿千百%％倍个元"


# --- records ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Fix:
    """One safe edit: ``old`` at ``column`` (0-based) of ``line`` becomes ``new``."""

    line: int
    column: int
    old: str
    new: str


@dataclass
class TextFinding(Finding):
    """A proofreading finding: where the slip is, what surrounds it and what to write instead."""

    context: str = ""
    suggestion: str = ""
    spans: list[tuple[int, int]] = field(default_factory=list)  # (column, length) in the line, 0-based
    fixes: list[Fix] = field(default_factory=list)  # safe mechanical edits; empty = suggestion only

    def __str__(self) -> str:
        shown = super().__str__()
        return f"{shown}（原文：{self.context}）" if self.context else shown

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> TextFinding:
        return cls(data["severity"], data.get("code", ""), int(data.get("line") or 0), data.get("message", ""),
                   list(data.get("fields", [])), data.get("context", ""), data.get("suggestion", ""),
                   [(int(column), int(length)) for column, length in data.get("spans", [])],
                   [Fix(**fix) for fix in data.get("fixes", [])])


@dataclass(frozen=True)
class Misuse:
    pattern: re.Pattern[str]
    preferred: str
    reason: str


@dataclass(frozen=True)
class Rules:
    """The data in ``data/proofread.toml``."""

    long_sentence_chars: int
    duplicate_min_chars: int
    yuan_min_amount: int
    doubled_allowed: tuple[str, ...]
    numeral_chars: str
    misuses: tuple[Misuse, ...]


@dataclass(frozen=True)
class Terms:
    """A term list: discouraged → preferred, as warnings (提法) and as house style (提示)."""

    terms: dict[str, str] = field(default_factory=dict)
    style: dict[str, str] = field(default_factory=dict)
    whitelist: frozenset[str] = frozenset()

    def merged(self, other: Terms) -> Terms:
        """``other`` (a user's list) on top of this one; its whitelist silences both."""
        return Terms({**self.terms, **other.terms}, {**self.style, **other.style}, self.whitelist | other.whitelist)


# --- data ------------------------------------------------------------------------------


@cache
def load_rules() -> Rules:
    data = tomllib.loads((DATA_DIR / "proofread.toml").read_text(encoding="utf-8"))
    limits, doubled = data["limits"], data["doubled"]
    misuses = tuple(Misuse(re.compile(entry["pattern"]), entry["preferred"], entry["reason"]) for entry in data["misuse"])
    return Rules(int(limits["long_sentence_chars"]), int(limits["duplicate_min_chars"]), int(limits["yuan_min_amount"]),
                 tuple(doubled["allowed"]), str(doubled["numeral_chars"]), misuses)


@cache
def default_terms() -> Terms:
    return parse_terms(tomllib.loads((DATA_DIR / "terms.toml").read_text(encoding="utf-8")), "默认提法表")


def load_terms(path: str | Path) -> Terms:
    """A user's term list merged onto the default one; a clear message if it cannot be used."""
    path = Path(path)
    if not path.is_file():
        raise InputFileError(f"找不到提法表：{path}")
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as error:
        raise InputFileError(f"提法表 {path.name} 不是有效的 TOML（UTF-8）：{error}") from error
    return default_terms().merged(parse_terms(data, path.name))


def house_terms(path: str | Path | None = None) -> Terms:
    """The term list to use: ``path`` if given, else ``terms.toml`` under DRAFTER_HOME if present, else the default."""
    if path is not None:
        return load_terms(path)
    from drafter.settings import get_settings

    own = get_settings().terms_file
    return load_terms(own) if own.is_file() else default_terms()


def parse_terms(data: dict[str, Any], name: str) -> Terms:
    def table(key: str) -> dict[str, str]:
        entries = data.get(key, {})
        if not isinstance(entries, dict):
            raise InputFileError(f"提法表 {name} 中 [{key}] 应是“推荐写法 = [不推荐写法, …]”的表。")
        mapping: dict[str, str] = {}
        for preferred, discouraged in entries.items():
            forms = [discouraged] if isinstance(discouraged, str) else discouraged
            if not isinstance(forms, list) or not all(isinstance(form, str) and form for form in forms):
                raise InputFileError(f"提法表 {name} 中“{preferred}”的不推荐写法应是字符串列表，如 [\"其它\"]。")
            mapping.update({form: str(preferred) for form in forms})
        return mapping

    whitelist = data.get("whitelist", {}).get("phrases", [])
    if not isinstance(whitelist, list) or not all(isinstance(phrase, str) for phrase in whitelist):
        raise InputFileError(f"提法表 {name} 中 [whitelist] phrases 应是字符串列表。")
    return Terms(table("terms"), table("style"), frozenset(phrase for phrase in whitelist if phrase))


# --- the text as rules see it ----------------------------------------------------------


@dataclass
class Source:
    """The lines of one text (1-based numbers as the parser counts them) and what the rules share."""

    lines: list[str]
    terms: Terms
    rules: Rules
    _single_characters: dict[int, frozenset[int]] = field(default_factory=dict)

    def numbered(self) -> Iterator[tuple[int, str]]:
        return enumerate(self.lines, start=1)

    def single_characters(self, number: int) -> frozenset[int]:
        """Where jieba reads a single character as a word of its own in a line (segmented on first need)."""
        if number not in self._single_characters:
            tokens = jieba().tokenize(self.lines[number - 1])
            self._single_characters[number] = frozenset(int(start) for _word, start, end in tokens if end - start == 1)
        return self._single_characters[number]

    def allowed(self, line: str, start: int, end: int, phrases: Iterable[str]) -> bool:
        """Whether a whitelisted phrase covers line[start:end]."""
        for phrase in phrases:
            # A covering phrase starts between end - len(phrase) and start: search only there.
            if len(phrase) >= end - start and line.find(phrase, max(0, end - len(phrase)), start + len(phrase)) >= 0:
                return True
        return False


@cache
def jieba() -> Any:
    import logging

    import jieba as segmenter

    segmenter.setLogLevel(logging.WARNING)
    return segmenter


def is_han(char: str) -> bool:
    return bool(char) and bool(HAN_RE.match(char))


def is_chinese(char: str) -> bool:
    """A Han character or full-width Chinese punctuation: the context half-width marks should not appear in."""
    return is_han(char) or (bool(char) and char in FULL_WIDTH_PUNCTUATION)


def neighbours(line: str, index: int) -> tuple[str, str]:
    """The nearest non-space characters before and after ``line[index]``."""
    before = line[:index].rstrip(" \t\u3000")
    after = line[index + 1:].lstrip(" \t\u3000")
    return (before[-1] if before else ""), (after[0] if after else "")


def context(line: str, start: int, end: int, width: int = 10) -> str:
    left = max(0, start - width)
    right = min(len(line), end + width)
    return ("…" if left else "") + line[left:right].strip() + ("…" if right < len(line) else "")


def clip(text: str, width: int = 20) -> str:
    return text if len(text) <= width else text[:width] + "…"


def url_spans(line: str) -> list[tuple[int, int]]:
    if "@" not in line and "http" not in line and "www." not in line:
        return []
    return [match.span() for match in URL_RE.finditer(line)]


def inside(position: int, spans: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in spans)


# --- doubled words ---------------------------------------------------------------------

DOUBLED_RE = re.compile(rf"([{HAN}]{{1,8}})\1")


def check_doubled_words(source: Source) -> Iterator[TextFinding]:
    allowed = (*source.rules.doubled_allowed, *source.terms.whitelist)
    for number, line in source.numbered():
        for match in DOUBLED_RE.finditer(line):
            unit = match[1]
            if is_legitimate_doubling(source, number, match, allowed):
                continue
            yield TextFinding(WARNING, "doubled-word", number, f"“{match[0]}”疑似重复，建议改为“{unit}”。",
                              context=context(line, *match.span()), suggestion=unit, spans=[(match.start(), len(match[0]))])


def is_legitimate_doubling(source: Source, number: int, match: re.Match[str], allowed: Sequence[str]) -> bool:
    unit = match[1]
    if all(char in source.rules.numeral_chars for char in unit):
        return True  # 一九九九年, 二〇二二: digits, not a doubling
    if len(unit) == 2 and unit[0] == "一" and unit[1] != "是":
        return True  # 一代一代, 一步一步 (but 一是一是 is a pasted item marker)
    line = source.lines[number - 1]
    if source.allowed(line, match.start(), match.end(), allowed):
        return True
    if len(unit) > 1:
        return False
    # One character twice (的的, 没有有) is a slip only where the second copy is a word of its own:
    # 分局局长, 学习习近平, 2022年年底 put it inside the next word.
    middle = match.start() + 1
    return middle not in source.single_characters(number)


# --- brackets and quotes ---------------------------------------------------------------


def logical_units(lines: Sequence[str]) -> Iterator[list[tuple[int, str]]]:
    """Lines grouped where a bracket is split across them (a title scraped onto its own line: 《\\n标题\\n》)."""
    index = 0
    while index < len(lines):
        unit = [(index + 1, lines[index])]
        index += 1
        while index < len(lines) and continues(unit, lines[index]) and len(unit) < 4:
            unit.append((index + 1, lines[index]))
            index += 1
        yield unit


def continues(unit: list[tuple[int, str]], following: str) -> bool:
    last = unit[-1][1].rstrip(" \t\u3000")
    if last and last[-1] in OPENERS:
        return True
    start = following.lstrip(" \t\u3000")
    return bool(start) and start[0] in CLOSERS and len(unit) > 1


def check_brackets(source: Source) -> Iterator[TextFinding]:
    for unit in logical_units(source.lines):
        stack: list[tuple[str, int, int]] = []  # (opener, line number, column)
        for number, line in unit:
            urls = url_spans(line)
            for column, char in enumerate(line):
                if inside(column, urls) or is_apostrophe(line, column):
                    continue
                if char in OPENERS:
                    stack.append((char, number, column))
                elif char in CLOSERS:
                    yield from close_bracket(source, stack, char, number, column)
        for opener, number, column in stack:
            line = source.lines[number - 1]
            yield TextFinding(ERROR, "bracket-unbalanced", number, f"“{opener}”没有配对的“{OPENERS[opener]}”。",
                              context=context(line, column, column + 1), suggestion=f"补上“{OPENERS[opener]}”或删去“{opener}”",
                              spans=[(column, 1)])


def is_apostrophe(line: str, column: int) -> bool:
    """’ between Latin letters (don’t) is an apostrophe, not a closing quote."""
    return line[column] in "‘’" and 0 < column < len(line) - 1 and line[column - 1].isascii() and line[column + 1].isascii()


def close_bracket(source: Source, stack: list[tuple[str, int, int]], closer: str, number: int, column: int) -> Iterator[TextFinding]:
    line = source.lines[number - 1]
    expected_opener = CLOSERS[closer]
    if not stack:
        yield TextFinding(ERROR, "bracket-unbalanced", number, f"“{closer}”前面没有与之配对的“{expected_opener}”。",
                          context=context(line, column, column + 1), suggestion=f"补上“{expected_opener}”或删去“{closer}”",
                          spans=[(column, 1)])
        return
    opener, open_number, open_column = stack[-1]
    if OPENERS[opener] == closer:
        stack.pop()
        return
    if {opener, closer} <= {"（", "(", "）", ")"}:
        # （…) or (…）: one of the pair is half-width; the full-width form is unambiguous.
        stack.pop()
        fixes = [Fix(open_number, open_column, opener, FULL_PAREN[opener])] if opener == "(" else []
        fixes += [Fix(number, column, closer, FULL_PAREN[closer])] if closer == ")" else []
        yield TextFinding(WARNING, "bracket-mismatch", number, "括号全角、半角混用，应成对使用全角括号“（）”。",
                          context=context(line, column, column + 1), suggestion="（…）", spans=[(column, 1)], fixes=fixes)
        return
    if any(OPENERS[other] == closer for other, _n, _c in stack):
        # The closer belongs to an outer bracket: the inner ones were never closed.
        while stack and OPENERS[stack[-1][0]] != closer:
            inner, inner_number, inner_column = stack.pop()
            inner_line = source.lines[inner_number - 1]
            yield TextFinding(ERROR, "bracket-unbalanced", inner_number, f"“{inner}”没有配对的“{OPENERS[inner]}”。",
                              context=context(inner_line, inner_column, inner_column + 1),
                              suggestion=f"补上“{OPENERS[inner]}”", spans=[(inner_column, 1)])
        stack.pop()
        return
    stack.pop()
    yield TextFinding(ERROR, "bracket-mismatch", number, f"“{opener}”与“{closer}”不配对。",
                      context=context(line, column, column + 1), suggestion=f"“{opener}…{OPENERS[opener]}”或“{expected_opener}…{closer}”",
                      spans=[(column, 1)])


def check_quotes(source: Source) -> Iterator[TextFinding]:
    """Double quotes alternate “ ” in Chinese text (nested quotes use ‘’), so an even count fixes itself."""
    for unit in logical_units(source.lines):
        marks = [(number, column, char) for number, line, urls in ((n, text, url_spans(text)) for n, text in unit)
                 for column, char in enumerate(line) if char in DOUBLE_QUOTES and not inside(column, urls)]
        if not marks or all(char == '"' and not chinese_around(source.lines[n - 1], c) for n, c, char in marks):
            continue  # no quotes, or straight quotes in Latin text
        first_number, first_column, _ = marks[0]
        first_line = source.lines[first_number - 1]
        if len(marks) % 2:
            yield TextFinding(ERROR, "quote-unbalanced", first_number, f"双引号不成对：本段共有{len(marks)}个。",
                              context=context(first_line, first_column, first_column + 1),
                              suggestion="补上缺少的引号或删去多余的引号", spans=[(c, 1) for n, c, _ in marks if n == first_number])
            continue
        wrong = [(number, column, char, "“”"[index % 2]) for index, (number, column, char) in enumerate(marks) if char != "“”"[index % 2]]
        if not wrong:
            continue
        straight_only = all(char == '"' for _n, _c, char, _e in wrong)
        for number in sorted({number for number, *_ in wrong}):
            on_line = [(column, char, expected) for n, column, char, expected in wrong if n == number]
            line = source.lines[number - 1]
            code, message = (("halfwidth-punctuation", "双引号应使用全角“”。") if straight_only
                             else ("quote-mismatch", "双引号方向不对，应先“后”成对使用。"))
            yield TextFinding(WARNING, code, number, message, context=context(line, on_line[0][0], on_line[0][0] + 1),
                              suggestion="“…”", spans=[(column, 1) for column, _c, _e in on_line],
                              fixes=[Fix(number, column, char, expected) for column, char, expected in on_line])


def chinese_around(line: str, column: int) -> bool:
    before, after = neighbours(line, column)
    return is_chinese(before) or is_chinese(after)


# --- punctuation -----------------------------------------------------------------------


def check_halfwidth_punctuation(source: Source) -> Iterator[TextFinding]:
    for number, line in source.numbered():
        slips = sorted(halfwidth_marks(line) + halfwidth_parentheses(line))
        if not slips:
            continue
        shown = "".join(dict.fromkeys(f"“{old}”" for _column, old in slips))
        fixed = "".join(dict.fromkeys(f"“{HALF_TO_FULL[old]}”" for _column, old in slips))
        yield TextFinding(WARNING, "halfwidth-punctuation", number, f"中文里用了半角标点{shown}，应改为全角{fixed}。",
                          context=context(line, slips[0][0], slips[0][0] + 1), suggestion=fixed,
                          spans=[(column, 1) for column, _old in slips],
                          fixes=[Fix(number, column, old, HALF_TO_FULL[old]) for column, old in slips])


def halfwidth_marks(line: str) -> list[tuple[int, str]]:
    """, ; : ? ! and a sentence-final . beside Chinese text; not 1,200, 9:30, URLs, Latin text or 1. markers."""
    urls = url_spans(line)
    slips = []
    for column, char in enumerate(line):
        if char not in ",;:?!." or inside(column, urls):
            continue
        before, after = neighbours(line, column)
        if before.isdigit() and after.isdigit():
            continue  # 1,200  9:30  1:1  3.5
        if char == "?" and "?" in (before, after):
            continue  # ?? is a to-fill placeholder
        if char == ".":
            # 合格率98.3%. ends a sentence too: a point after % is no decimal point
            if not (is_han(before) or before == "%") or "." in (before, after) or (after and not is_chinese(after)):
                continue
            if HEADING_NUMERAL_RE.match(line[:column]):
                continue  # 二.存在的问题: a heading marker, which the structure check reports
        elif not (is_chinese(before) or is_chinese(after)):
            continue
        slips.append((column, char))
    return slips


def halfwidth_parentheses(line: str) -> list[tuple[int, str]]:
    """Half-width ( ) pairs around Chinese text or after a Chinese word; not Latin (BIM(…)), URLs or 发文字号."""
    urls = url_spans(line)
    doc_numbers = [match.span() for match in DOC_NUMBER_RE.finditer(line)]
    open_columns: list[int] = []
    slips = []
    for column, char in enumerate(line):
        if inside(column, urls) or inside(column, doc_numbers):
            continue
        if char == "(":
            open_columns.append(column)
        elif char == ")" and open_columns:
            start = open_columns.pop()
            inner = line[start + 1:column]
            before = line[start - 1] if start else ""
            if HAN_RE.search(inner) or is_chinese(before):
                slips += [(start, "("), (column, ")")]
        elif char in "（）":
            open_columns.clear()  # a mixed pair is the bracket rule's
    return slips


def check_doubled_punctuation(source: Source) -> Iterator[TextFinding]:
    for number, line in source.numbered():
        for match in DOUBLED_PUNCTUATION_RE.finditer(line):
            mark = match[1]
            yield TextFinding(WARNING, "doubled-punctuation", number, f"标点“{match[0]}”重复，应为“{mark}”。",
                              context=context(line, *match.span()), suggestion=mark, spans=[(match.start(), len(match[0]))],
                              fixes=[Fix(number, match.start(), match[0], mark)])
        for match in PUNCTUATION_SEQUENCE_RE.finditer(line):
            yield TextFinding(WARNING, "punctuation-sequence", number, f"标点“{match[0]}”连用，请保留其一。",
                              context=context(line, *match.span()), suggestion=f"“{match[0][0]}”或“{match[0][1]}”",
                              spans=[(match.start(), 2)])


def check_doc_numbers(source: Source) -> Iterator[TextFinding]:
    """发文字号的年份用六角括号（GB/T 9704-2012 7.2.4）：自然资规〔2019〕2号, not [2019] or （2019）."""
    for number, line in source.numbered():
        for match in DOC_NUMBER_RE.finditer(line):
            year = match["year"]
            yield TextFinding(WARNING, "doc-number", number, f"发文字号中的年份应使用六角括号：“〔{year}〕”。",
                              context=context(line, *match.span()), suggestion=f"〔{year}〕",
                              spans=[(match.start(), len(match[0]))],
                              fixes=[Fix(number, match.start("open"), match["open"], "〔"),
                                     Fix(number, match.start("close"), match["close"], "〕")])


# --- terms and misuses -----------------------------------------------------------------


def check_terms(source: Source) -> Iterator[TextFinding]:
    whitelist = tuple(source.terms.whitelist)
    for number, line in source.numbered():
        for table, severity, code in ((source.terms.terms, WARNING, "term"), (source.terms.style, INFO, "house-style")):
            for discouraged, preferred in table.items():
                for start in occurrences(line, discouraged):
                    end = start + len(discouraged)
                    if source.allowed(line, start, end, whitelist) or source.allowed(line, start, end, (preferred,)):
                        continue
                    message = (f"“{discouraged}”应写作“{preferred}”。" if code == "term"
                               else f"按本单位用法，“{discouraged}”写作“{preferred}”。")
                    yield TextFinding(severity, code, number, message, context=context(line, start, end),
                                      suggestion=preferred, spans=[(start, len(discouraged))])
        for misuse in source.rules.misuses:
            for match in misuse.pattern.finditer(line):
                if source.allowed(line, match.start(), match.end(), whitelist):
                    continue
                yield TextFinding(WARNING, "misuse", number, f"“{match[0]}”应写作“{misuse.preferred}”：{misuse.reason}。",
                                  context=context(line, *match.span()), suggestion=misuse.preferred,
                                  spans=[(match.start(), len(match[0]))])


def occurrences(line: str, needle: str) -> Iterator[int]:
    position = line.find(needle)
    while position >= 0:
        yield position
        position = line.find(needle, position + len(needle))


# --- repeated and long sentences -------------------------------------------------------


def sentences(line: str, pattern: re.Pattern[str] = SENTENCE_RE) -> Iterator[tuple[int, str]]:
    for match in pattern.finditer(line):
        if match[0].strip(" \t\u3000"):
            yield match.start(), match[0]


def sentence_key(sentence: str) -> str:
    """A sentence without its item marker, spaces and final mark: 一是加强监管。 = 三是加强监管；"""
    text = re.sub(r"[\s\u3000\u200b]", "", sentence).translate(KEY_WIDTH)
    while (marker := ITEM_MARKER_RE.match(text)) and marker.end() < len(text):
        text = text[marker.end():]
    return text.rstrip("。！？；，")


def check_repeated_sentences(source: Source) -> Iterator[TextFinding]:
    """The same sentence in two places (under 一 and again under 三, or a paragraph pasted twice)."""
    first_seen: dict[str, int] = {}
    repeats: dict[tuple[int, int], list[tuple[int, str]]] = defaultdict(list)
    for number, line in source.numbered():
        for start, sentence in sentences(line):
            key = sentence_key(sentence)
            if len(HAN_RE.findall(key)) < source.rules.duplicate_min_chars:
                continue
            if key in first_seen:
                repeats[(number, first_seen[key])].append((start, sentence))
            else:
                first_seen[key] = number
    for (number, first), found in sorted(repeats.items()):
        line = source.lines[number - 1]
        start, sentence = found[0]
        where = "本行前文" if first == number else f"第{first}行"
        count = f"（共{len(found)}句）" if len(found) > 1 else ""
        yield TextFinding(WARNING, "duplicate-text", number,
                          f"“{clip(sentence_key(sentence))}”与{where}的内容重复{count}，疑似重复粘贴，请删除其一或改写。",
                          context=context(line, start, start + len(sentence), 0), suggestion="删除重复的句子",
                          spans=[(begin, len(text)) for begin, text in found])


def check_long_sentences(source: Source) -> Iterator[TextFinding]:
    limit = source.rules.long_sentence_chars
    for number, line in source.numbered():
        for start, sentence in sentences(line, LONG_SENTENCE_RE):
            length = len(re.sub(r"\s", "", sentence))
            if length > limit and HAN_RE.search(sentence):
                yield TextFinding(INFO, "long-sentence", number, f"句子长达{length}字（建议不超过{limit}字），可拆成几句。",
                                  context=clip(sentence.strip(), 24), suggestion="拆分长句", spans=[(start, len(sentence))])


# --- mixed formats ---------------------------------------------------------------------


def check_number_formats(source: Source) -> Iterator[TextFinding]:
    """One way of writing numbers per report: 1,200 or 1200, half-width digits, 万元 or 元 per measure."""
    separated = [(number, match) for number, line in source.numbered() for match in THOUSANDS_RE.finditer(line)]
    plain = [(number, match) for number, line in source.numbered() for match in PLAIN_NUMBER_RE.finditer(line)
             if not is_year(source.lines[number - 1], match)]
    if separated and plain:
        minority, majority, advice = ((separated, plain, "不用千分位逗号") if len(separated) <= len(plain)
                                      else (plain, separated, "使用千分位逗号"))
        example = majority[0][1][0]
        for number, matches in group_by_line(minority):
            line = source.lines[number - 1]
            shown = "、".join(f"“{match[0]}”" for match in matches)
            yield TextFinding(WARNING, "number-format", number,
                              f"数字写法不统一：{shown}，全文其他{len(majority)}处{advice}（如“{example}”），建议统一。",
                              context=context(line, *matches[0].span()), suggestion=advice,
                              spans=[(match.start(), len(match[0])) for match in matches])
    has_ascii_digits = any(re.search(r"[0-9]", line) for line in source.lines)
    for number, line in source.numbered():
        wide = list(FULL_WIDTH_DIGITS_RE.finditer(line))
        if wide and has_ascii_digits:
            narrow = wide[0][0].translate(str.maketrans("０１２３４５６７８９", "0123456789"))
            yield TextFinding(WARNING, "number-format", number, f"数字“{wide[0][0]}”是全角，应与全文一致用半角“{narrow}”。",
                              context=context(line, *wide[0].span()), suggestion=narrow,
                              spans=[(match.start(), len(match[0])) for match in wide])
    yield from money_unit_findings(source)


def is_year(line: str, match: re.Match[str]) -> bool:
    value = int(match[0])
    return len(match[0]) == 4 and 1900 <= value <= 2100 and not line[match.end():match.end() + 2].startswith(("元", "万", "亿", "人", "个"))


def group_by_line(matches: Sequence[tuple[int, re.Match[str]]]) -> list[tuple[int, list[re.Match[str]]]]:
    grouped: dict[int, list[re.Match[str]]] = defaultdict(list)
    for number, match in matches:
        grouped[number].append(match)
    return sorted(grouped.items())


def money_unit_findings(source: Source) -> Iterator[TextFinding]:
    """资金 1200万元 here and 资金 500000元 there: the same measure in two units."""
    amounts: dict[str, list[tuple[int, re.Match[str]]]] = defaultdict(list)
    for number, line in source.numbered():
        for match in MONEY_RE.finditer(line):
            before = match["before"].rstrip(MONEY_FILLERS)
            if len(before) < 2 or "人均" in match["before"] or "每" in match["before"][-4:]:
                continue  # per-person and per-unit amounts are rightly in 元
            amounts[before[-2:]].append((number, match))
    for label, found in amounts.items():
        large = [(number, match) for number, match in found if match["unit"] != "元"]
        if not large:
            continue
        for number, match in found:
            if match["unit"] == "元" and Decimal(match["number"]) >= source.rules.yuan_min_amount:
                in_wan = (Decimal(match["number"]) / 10000).normalize()
                suggestion = f"{in_wan:f}万元"
                line = source.lines[number - 1]
                yield TextFinding(WARNING, "unit-format", number,
                                  f"同一指标“{label}”在第{large[0][0]}行以“{large[0][1]['unit']}”计，此处“{match['number']}元”"
                                  f"建议写作“{suggestion}”。",
                                  context=context(line, match.start("number"), match.end()), suggestion=suggestion,
                                  spans=[(match.start("number"), match.end() - match.start("number"))])


def check_date_formats(source: Source) -> Iterator[TextFinding]:
    found: list[tuple[str, int, re.Match[str]]] = []
    for number, line in source.numbered():
        taken: list[tuple[int, int]] = []
        for style, pattern in DATE_PATTERNS.items():
            for match in pattern.finditer(line):
                if inside(match.start(), taken) or not is_date(style, line, match):
                    continue
                taken.append(match.span())
                found.append((style, number, match))
    styles = Counter(style for style, _n, _m in found)
    if len(styles) < 2:
        return
    usual = max(styles, key=lambda style: (styles[style], style == "cn"))
    for style, number, match in found:
        if style == usual:
            continue
        line = source.lines[number - 1]
        suggestion = format_date(usual, match)
        yield TextFinding(WARNING, "date-format", number,
                          f"日期写法不统一：“{match[0]}”，全文多写作“{DATE_STYLE_LABELS[usual]}”式，建议写作“{suggestion}”。",
                          context=context(line, *match.span()), suggestion=suggestion, spans=[(match.start(), len(match[0]))])


def is_date(style: str, line: str, match: re.Match[str]) -> bool:
    if not (1 <= int(match["m"]) <= 12 and 1 <= int(match["d"]) <= 31):
        return False
    if style != "dot" or match["y"]:
        return True
    # 6.30 alone is a decimal (达到1.17亿) unless the words around it make it a date: 6.30前, 截至6.30.
    after = line[match.end():match.end() + 1]
    if after and after in DECIMAL_FOLLOWERS:
        return False
    return (bool(after) and after in SHORT_DOT_DATE_AFTER) or line[:match.start()].endswith(SHORT_DOT_DATE_BEFORE)


def format_date(style: str, match: re.Match[str]) -> str:
    year, month, day = match["y"], int(match["m"]), int(match["d"])
    if style == "cn":
        return f"{year}年{month}月{day}日" if year else f"{month}月{day}日"
    if style == "dot":
        return f"{year}.{month}.{day}" if year else f"{month}.{day}"
    if not year:
        return f"{month}月{day}日"
    return f"{year}-{month:02d}-{day:02d}" if style == "iso" else f"{year}/{month}/{day}"


# --- the API ---------------------------------------------------------------------------

TextRule = Callable[[Source], Iterable[TextFinding]]
RULES: tuple[TextRule, ...] = (
    check_doubled_words,
    check_brackets,
    check_quotes,
    check_halfwidth_punctuation,
    check_doubled_punctuation,
    check_doc_numbers,
    check_terms,
    check_repeated_sentences,
    check_long_sentences,
    check_number_formats,
    check_date_formats,
)
# The rules whose findings carry fixes; --fix runs only these.
FIXING_RULES: tuple[TextRule, ...] = (check_brackets, check_quotes, check_halfwidth_punctuation,
                                      check_doubled_punctuation, check_doc_numbers)
# Structure findings that already say what a proofreading finding on the same line would.
COVERED_BY = {"duplicate-text": ("duplicate-text",)}
# Structure findings about punctuation width in a heading: the proofreading finding on the same line
# says the same for the whole line (a run-on heading carries body text) and brings the fix.
WIDTH_CODES = ("heading-punctuation", "heading-marker")


def proofread(text: str, *, terms: Terms | None = None, rules: Sequence[TextRule] = RULES) -> list[TextFinding]:
    """Every proofreading finding in ``text``, by line then column. Deterministic and offline."""
    source = Source(text.splitlines(), terms if terms is not None else default_terms(), load_rules())
    findings = [finding for rule in rules for finding in rule(source)]
    findings.sort(key=lambda f: (f.line, f.spans[0][0] if f.spans else 0, list(SEVERITY_LABELS).index(f.severity)))
    return findings


def apply_safe_fixes(text: str) -> tuple[str, list[Fix]]:
    """``text`` with the mechanical slips fixed, and the fixes made. Applying it twice changes nothing more."""
    applied: list[Fix] = []
    for _ in range(3):  # a fix can reveal another (a half-width pair inside a mismatched one)
        fixes = [fix for finding in proofread(text, rules=FIXING_RULES) for fix in finding.fixes]
        if not fixes:
            break
        text, made = apply_fixes(text, fixes)
        if not made:
            break
        applied += made
    return text, applied


def apply_fixes(text: str, fixes: Iterable[Fix]) -> tuple[str, list[Fix]]:
    """Apply non-overlapping fixes right to left in each line, keeping every line ending as it was."""
    lines = text.splitlines(keepends=True)
    by_line: dict[int, list[Fix]] = defaultdict(list)
    for fix in set(fixes):
        by_line[fix.line].append(fix)
    made: list[Fix] = []
    for number, line_fixes in by_line.items():
        line = lines[number - 1]
        boundary = len(line)
        for fix in sorted(line_fixes, key=lambda f: f.column, reverse=True):
            end = fix.column + len(fix.old)
            if end > boundary or line[fix.column:end] != fix.old:
                continue
            line = line[:fix.column] + fix.new + line[end:]
            boundary = fix.column
            made.append(fix)
        lines[number - 1] = line
    return "".join(lines), sorted(made, key=lambda f: (f.line, f.column))


def merge_findings(structure: Sequence[Finding], text: Sequence[Finding]) -> list[Finding]:
    """Structure and proofreading findings in one list, without saying the same thing twice."""
    covered = {(code, finding.line) for finding in structure for code in COVERED_BY.get(finding.code, ())}
    width_lines = {finding.line for finding in text if finding.code == "halfwidth-punctuation"}
    kept = [finding for finding in structure
            if not (finding.code in WIDTH_CODES and finding.line in width_lines and "角" in finding.message)]
    merged = [*kept, *(finding for finding in text if (finding.code, finding.line) not in covered)]
    merged.sort(key=lambda f: (f.line, list(SEVERITY_LABELS).index(f.severity)))
    return merged


def describe_fixes(fixes: Sequence[Fix]) -> list[str]:
    """One Chinese line per fixed line: [已修正] 第3行：“,”→“，”×2、“;”→“；”"""
    by_line: dict[int, Counter[tuple[str, str]]] = defaultdict(Counter)
    for fix in fixes:
        by_line[fix.line][(fix.old, fix.new)] += 1
    return [f"[已修正] 第{line}行：" + "、".join(f"“{old}”→“{new}”" + (f"×{count}" if count > 1 else "")
                                              for (old, new), count in changes.items())
            for line, changes in sorted(by_line.items())]


def with_proofreading(result: CheckResult, text: str, *, terms: Terms | None = None) -> CheckResult:
    """A structure check's result with the proofreading findings of the same text merged in
    (``terms`` None: the user's list under DRAFTER_HOME if any, else the default).

    A home term list that cannot be read becomes a warning, not an error: a draft checked at the
    end of a long run must not be lost to a typo in terms.toml."""
    notices: list[Finding] = []
    if terms is None:
        try:
            terms = house_terms()
        except InputFileError as error:
            terms = default_terms()
            notices.append(Finding(WARNING, "terms-file", 0, f"{error}；本次按默认提法表校对。"))
    findings = [*notices, *proofread(text, terms=terms)]
    return CheckResult(result.kind, merge_findings(result.findings, findings))
