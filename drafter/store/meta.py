"""Who wrote a past report and for which period: read from its title, file name or opening text.

Titles follow a fixed pattern (某县自然资源局2023年上半年工作总结), so a few regular expressions do;
anything not found stays empty and can be given on the command line (--org, --period).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from drafter.errors import StoreError

YEAR_RE = re.compile(r"((?:19|20)\d{2})\s*年?")
HALF_WORDS = {"上半年": "H1", "下半年": "H2", "半年": "H1"}
# What follows the unit's name in a title: the period or the document type.
TITLE_TAIL_RE = re.compile(
    r"(?:(?:19|20)\d{2}\s*年|上半年|下半年|全年|年度|半年|今年|本年)|"
    r"(?:工作)?(?:总结|计划|报告|要点|汇报|打算|方案)"
)
ORG_SUFFIX_RE = re.compile(
    r"(局|委|委员会|办|办公室|厅|部|院|所|中心|政府|县|区|市|省|州|镇|乡|街道|公司|集团|站|队|协会|处|科|室|分局|支队|大队|署|馆|校|学校|医院)$"
)
PERIOD_INPUT_RE = re.compile(r"^\s*((?:19|20)\d{2})\s*(?:年)?\s*(H1|H2|上半年|下半年|全年|年度)?\s*$", re.IGNORECASE)


@dataclass(frozen=True)
class Period:
    year: int = 0  # 0 when unknown
    half: str = ""  # "H1", "H2" or "" for a whole year

    def __str__(self) -> str:
        if not self.year:
            return ""
        return f"{self.year}{self.half}"

    @property
    def label(self) -> str:
        """Chinese reading: 2023年上半年 / 2023年."""
        if not self.year:
            return "未知"
        return f"{self.year}年" + {"H1": "上半年", "H2": "下半年"}.get(self.half, "")


def parse_period(text: str) -> Period:
    """--period input: 2024H1, 2024h2, 2024上半年, 2023, 2023年, 2023全年."""
    match = PERIOD_INPUT_RE.match(text or "")
    if not match:
        raise StoreError(f"无法识别的时期“{text}”。请写成 2024H1（上半年）、2024H2（下半年）或 2023（全年）。")
    half_word = (match[2] or "").upper()
    half = {"H1": "H1", "H2": "H2", "上半年": "H1", "下半年": "H2"}.get(half_word, "")
    return Period(int(match[1]), half)


def detect_period(title: str, file_name: str = "", opening: str = "") -> Period:
    """Year and half from the title, else the file name, else the opening text."""
    for text in (title, file_name, opening[:300]):
        if year_match := YEAR_RE.search(text or ""):
            rest = text[year_match.end():year_match.end() + 6]
            return Period(int(year_match[1]), half_of(rest) or half_of(title))
    return Period(0, "")


def half_of(text: str) -> str:
    for word, half in HALF_WORDS.items():
        if word in (text or ""):
            return half
    lowered = (text or "").lower()
    if "h1" in lowered:
        return "H1"
    if "h2" in lowered:
        return "H2"
    return ""


def detect_org(title: str) -> str:
    """The unit named at the start of a title: 某县自然资源局2023年上半年工作总结 → 某县自然资源局.

    Also handles the period written first (2023年上半年某县自然资源局工作总结) and 关于…的报告.
    Returns "" unless the candidate ends like a unit name (局、委、中心、政府……).
    """
    text = re.sub(r"\s+", "", title or "")
    text = re.sub(r"^关于", "", text)
    # Strip a leading period, then cut at the first period word or document type.
    text = re.sub(r"^(?:(?:19|20)\d{2}年)?(?:上半年|下半年|全年|年度)?", "", text)
    match = TITLE_TAIL_RE.search(text)
    candidate = (text[: match.start()] if match else text).rstrip("的关于")
    return candidate if 2 <= len(candidate) <= 40 and ORG_SUFFIX_RE.search(candidate) else ""
