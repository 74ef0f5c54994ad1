"""Figures in Chinese report text: find them, normalise them, compare them.

The guard's promise — no figure in a draft that is not in the notes — rests on comparing
figures by value, whatever form the writer or the model chose:

    1.1万亩 = 11000亩        3.5% = 百分之三点五       0.5亿元 = 5000万元
    1,200 = 1200 = 一千二百   两千 = 2000                2024年6月30日 → 2024, 6, 30

A figure is a ``Figure`` with a key ``(kind, value)``: kind is "pct" for percentages,
"masked" for partly hidden figures (1*0件, kept verbatim), "" for every other number.
Dates are their parts (year, month, day), so 6月30日 matches 2024年6月30日.

Chinese numerals are figures only where they count something (两千亩, 十四个, 百分之五);
idioms such as 一是, 一张图, 十四五, 第二, 两集中 are not.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

import cn2an

MULTIPLIERS = {"千": Decimal(1000), "万": Decimal(10_000), "亿": Decimal(100_000_000), "万亿": Decimal(10**12)}
# Units after which a Chinese numeral is a real quantity. 个/项/批 etc. count only for
# numerals of two or more characters (十四个), since 一个/两个/四个意识 are idioms.
STRONG_UNITS = (
    "亩|公顷|平方米|平方公里|公里|千米|米|万元|亿元|元|户|宗|件|名|人次|人|宗|栋|套|间|吨|"
    "立方米|宗地|幅|份|本|家|次|天|日|月|年|%|％"
)
WEAK_UNITS = "个|项|批|处|条|所|座|场|轮|期|类|张|块|片|村|镇|乡|期|座|台|辆|起|例"
CN_NUMERAL_CHARS = "零〇一二两三四五六七八九十百千万亿点"
DIGIT_CHARS = "0-9０-９"

# Arabic numbers: thousands separators, decimals, full-width digits, partly masked (1*0, 3*6.*6*).
ARABIC_RE = re.compile(
    rf"(?<![{DIGIT_CHARS}.*＊])"
    rf"(?P<number>[{DIGIT_CHARS}*＊]*[{DIGIT_CHARS}][{DIGIT_CHARS}*＊]*(?:[,，][0-9]{{3}})*(?:[.．][{DIGIT_CHARS}*＊]+)?)"
    r"\s*(?P<mult>万亿|亿|万|千(?![米克瓦]))?"
    r"\s*(?P<pct>%|％)?"
)
CHINESE_RE = re.compile(
    rf"(?P<pct>百分之)?(?P<number>[{CN_NUMERAL_CHARS}]+)(?P<unit>{STRONG_UNITS}|{WEAK_UNITS})?"
)
# Placeholders a writer uses for what they do not know yet: a figure, or a name (XX县, 今日XX客户端).
UNKNOWN_MARKS = r"待补充?|待核实?|待定数|[？?]{1,3}|[*＊]{2,}"
UNKNOWN_RE = re.compile(rf"{UNKNOWN_MARKS}|[XＸ]{{2,}}")
# Of them, the marks that stand for a figure, written ** in the draft as the genre does. XX stands for
# one only before a unit no name starts with (完成投资XX万元); in a name it is the writer's own mark
# and stays (“今日XX”客户端 had become “今日**”, a figure to fill, in a 融媒体中心's draft).
FIGURE_UNKNOWN_RE = re.compile(
    rf"{UNKNOWN_MARKS}|[XＸ]{{2,}}(?=(?:万|亿)?(?:%|％|元|人次|户次|亩|吨|公里|平方米|立方米|倍))")
UNKNOWN_ASIDE_RE = re.compile(r"[（(][^（）()]{0,8}待[补核定][^（）()]{0,8}[）)]")
PLACEHOLDER = "**"
# A grade or a generation written with a digit (国家5A级旅游景区, 5G基站): part of a name, counting nothing.
GRADE_MARK = r"(?:[1-5]\s*A级?|[2-6]G)(?![A-Za-z\d])"
FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


@dataclass(frozen=True)
class Figure:
    raw: str  # as written, e.g. 1.1万, 百分之三点五
    value: Decimal | str  # str only for masked figures
    kind: str = ""  # "" | "pct" | "masked"
    start: int = 0

    @property
    def key(self) -> tuple[str, Decimal | str]:
        return (self.kind, self.value)

    def __str__(self) -> str:
        return self.raw


def find_figures(text: str) -> list[Figure]:
    """Every figure in ``text``, in order of appearance."""
    figures = list(arabic_figures(text))
    taken = [(f.start, f.start + len(f.raw)) for f in figures]
    for figure in chinese_figures(text):
        if not any(start <= figure.start < end for start, end in taken):
            figures.append(figure)
    return sorted(figures, key=lambda f: f.start)


def arabic_figures(text: str) -> Iterable[Figure]:
    for match in ARABIC_RE.finditer(text):
        number = match["number"].translate(FULL_WIDTH_DIGITS)
        raw = match.group(0).rstrip()
        if "*" in number or "＊" in number:
            yield Figure(raw, number.replace("＊", "*") + (match["mult"] or ""), "masked", match.start())
            continue
        try:
            value = Decimal(number.replace(",", "").replace("，", ""))
        except InvalidOperation:
            continue
        if match["mult"]:
            value *= MULTIPLIERS[match["mult"]]
        yield Figure(raw, normal(value), "pct" if match["pct"] else "", match.start())


def chinese_figures(text: str) -> Iterable[Figure]:
    for match in CHINESE_RE.finditer(text):
        numeral, unit, is_pct = match["number"], match["unit"] or "", bool(match["pct"])
        numeral = trim_numeral(numeral)
        if not numeral or not (is_pct or unit):
            continue
        before = text[match.start() - 1] if match.start() else ""
        if before and (before == "第" or before in "进统唯之万高初" and not is_pct):
            continue  # 第二, 进一步, 统一, 唯一, 之一, 万一, 高三年级, 初二年级: words, not figures
        value = chinese_value(numeral)
        if value is None:
            continue
        multi_char = len(numeral) > 1
        if not is_pct:
            if unit in WEAK_UNITS.split("|") and not multi_char:
                continue
            if value == 1 and not multi_char:
                continue  # 一年来, 一户一宅, 一件事: idioms, almost never a count
        kind = "pct" if is_pct or unit in ("%", "％") else ""
        raw = match.group(0)
        yield Figure(raw, normal(value), kind, match.start())


def trim_numeral(numeral: str) -> str:
    """Drop characters that cannot start or end a numeral (点 at the edges, lone 万)."""
    numeral = numeral.strip("点")
    if numeral in ("万", "亿", "千", "百", "十万", "万亿"):
        return "" if numeral != "十万" else numeral
    return numeral


def chinese_value(numeral: str) -> Decimal | None:
    if re.fullmatch(r"[〇零一二三四五六七八九]{4}", numeral):  # 二〇二四 read digit by digit
        digits = "".join(str("〇一二三四五六七八九".index(c)) if c != "零" else "0" for c in numeral)
        return Decimal(digits)
    try:
        return Decimal(str(cn2an.cn2an(numeral, "smart")))
    except (ValueError, KeyError, IndexError, InvalidOperation, TypeError):
        return None


def normal(value: Decimal) -> Decimal:
    """11000.0 and 1.1E+4 compare equal anyway; normalising keeps reprs short and stable."""
    normalised = value.normalize()
    return normalised.quantize(Decimal(1)) if normalised == normalised.to_integral() else normalised


def figure_keys(text: str) -> set[tuple[str, Decimal | str]]:
    return {figure.key for figure in find_figures(text)}


def new_figures(text: str, allowed: Iterable[str] | set[tuple[str, Decimal | str]]) -> list[Figure]:
    """Figures in ``text`` whose value appears in none of the ``allowed`` texts (or keys)."""
    keys = allowed if isinstance(allowed, set) else set().union(*(figure_keys(t) for t in allowed))
    return [figure for figure in find_figures(text) if figure.key not in keys]


def missing_figures(source: str, text: str) -> list[Figure]:
    """Figures of ``source`` (a note) that ``text`` does not contain in any form."""
    present = figure_keys(text)
    return [figure for figure in find_figures(source) if figure.key not in present]


def has_unknown(text: str) -> bool:
    return bool(UNKNOWN_RE.search(text))


def mark_unknowns(text: str) -> str:
    """待补 / 待核 / ？ / *** / XX of a figure → ``**``, the genre's to-fill mark; （数字待核） asides go."""
    text = UNKNOWN_ASIDE_RE.sub("", text)
    text = FIGURE_UNKNOWN_RE.sub(PLACEHOLDER, text)
    return re.sub(r"\s*\*\*\s*", PLACEHOLDER, text)


def mask_figures(text: str) -> str:
    """Hide every figure (digits → ＊, Chinese quantities → X) so a model cannot copy them."""
    masked = list(text)
    for figure in find_figures(text):
        for offset, char in enumerate(figure.raw):
            index = figure.start + offset
            if char.isdigit() or char in "０１２３４５６７８９":
                masked[index] = "＊"
            elif char in CN_NUMERAL_CHARS and not figure.raw.startswith("百分之", offset - 2 if offset >= 2 else 0):
                masked[index] = "X"
    text = "".join(masked)
    return re.sub(r"[0-9０-９]", "＊", text)

