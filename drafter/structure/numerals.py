"""Chinese numerals for structure markers (一、 （十二） 十一是), delegated to cn2an."""

from __future__ import annotations

from functools import lru_cache

import cn2an


@lru_cache(maxsize=512)
def cn_to_int(numeral: str) -> int:
    """一 → 1, 十一 → 11, 二十 → 20. Arabic digits pass through."""
    if numeral.isdigit():
        return int(numeral)
    return int(cn2an.cn2an(numeral, "strict"))


@lru_cache(maxsize=512)
def int_to_cn(number: int) -> str:
    """1 → 一, 11 → 十一 (the form used in 十一是 and （十一）)."""
    return str(cn2an.an2cn(number, "low"))
