"""Figures as facts: (unit, period, metric, value, measure), read from a report's sentences.

    上半年受理不动产登记7215件，办结7196件             → 受理不动产登记 = 7215 件; 受理不动产登记办结 = 7196 件
    出让国有建设用地9宗，成交价款2.14亿元，同比下降31.4% → …成交价款 = 2.14亿元, stated 同比 −31.4%

The metric is the wording between the clause start (or the previous figure) and the figure, with
the period and scope words around it dropped (lexicon.toml); a name too generic to stand alone
(面积, 办结率) borrows the sentence's first metric. Values come from ``structure.figures`` (so
1.1万亩 = 11000亩) and stay ``Decimal``; a change the text states (同比增长6.8%) is kept with
the figure it follows, to be checked against the earlier report by code.
"""

from __future__ import annotations

import re
from decimal import Decimal

from drafter.continuity.history import Dated
from drafter.continuity.lexicon import Measure, lexicon
from drafter.continuity.records import Fact, Sentence, StatedChange
from drafter.continuity.units import sentences
from drafter.structure.figures import Figure, find_figures

# Parts whose figures are targets, not results: they say what will be, not what was.
TARGET_ROLES = ("plans", "goals", "guidance", "safeguards")
CLAUSE_BREAK_RE = re.compile(r"[，,；;：:。！？!?]")
PAREN_RE = re.compile(r"[（(][^（）()]*[）)]")
OBJECT_RE = re.compile(r"[^，,；;：:。！？!?0-9０-９（(]+")
MAX_OBJECT_CHARS = 14
ASIDE_RE = re.compile(r"[（(][^（）()]*[）)]|[“”‘’\"'《》〈〉]")
MARKER_RE = re.compile(r"^(?:[一二三四五六七八九十]+是|第[一二三四五六七八九十]+[，,、]|\d+[.、．])")
POINTS = "个百分点"
DATE_AFTER_RE = re.compile(r"^\s*(?:年|月|日|号|时|至\d)")
RELATIONS = (("环比", "环比"), ("同比", "同比"), ("上年同期", "同比"), ("去年同期", "同比"), ("上年", "同比"),
             ("去年", "同比"))
UP_WORDS = ("增长", "提高", "上升", "增加", "提升")
MIN_METRIC_CHARS = 2


def report_facts(dated: Dated) -> list[Fact]:
    """Every result figure of the report that has a measure, in reading order."""
    facts: list[Fact] = []
    for sentence in sentences(dated):
        if sentence.role not in TARGET_ROLES:
            facts += sentence_facts(sentence, dated)
    return facts


def sentence_facts(sentence: Sentence, dated: Dated) -> list[Fact]:
    text = sentence.text
    facts: list[Fact] = []
    previous_end = 0
    asides = [(match.start(), match.end()) for match in PAREN_RE.finditer(text)]
    for figure in find_figures(text):
        end = figure.start + len(figure.raw)
        if any(start <= figure.start < stop for start, stop in asides):
            continue  # （PM2.5）: part of a name, not a figure of its own
        if figure.kind == "masked" or not re.search(r"\d", figure.raw) or DATE_AFTER_RE.match(text[end:]):
            previous_end = max(previous_end, end)
            continue
        before = text[clause_start(text, figure.start, previous_end):figure.start]
        measure, measure_end = measure_after(figure, text, end)
        change = stated_change(text, figure, before, end)
        previous_end = max(previous_end, measure_end)
        if change is not None:
            if facts and facts[-1].stated is None:
                facts[-1].stated = change
            continue
        if measure is None:
            continue
        metric = metric_name(before)
        if len(metric) <= MIN_METRIC_CHARS:
            metric += object_after(text, measure_end)  # 完成56家…隐患排查: the verb's object follows
        if metric and (metric in lexicon().generic_metrics or len(metric) <= MIN_METRIC_CHARS) and facts:
            metric = facts[0].metric + metric  # 面积 alone names nothing; 出让国有建设用地面积 does
        if (len(metric_key(metric)) < MIN_METRIC_CHARS or metric.endswith("的")
                or metric in lexicon().generic_metrics):
            continue
        facts.append(make_fact(dated, sentence, metric, figure, measure, before))
    return facts


def object_after(text: str, position: int) -> str:
    """The words after a figure's measure up to the clause end or the next figure (at most a few)."""
    match = OBJECT_RE.match(text, position)
    return match.group(0)[:MAX_OBJECT_CHARS] if match else ""


def clause_start(text: str, position: int, previous_end: int) -> int:
    breaks = [match.end() for match in CLAUSE_BREAK_RE.finditer(text, 0, position)]
    return max([previous_end, *breaks])


def measure_after(figure: Figure, text: str, end: int) -> tuple[Measure | None, int]:
    """The measure written right after the number (a 万/亿 in the number belongs to the measure)."""
    if figure.kind == "pct":
        return lexicon_measure("%"), end
    rest = text[end:]
    if rest.startswith(POINTS):
        return None, end + len(POINTS)
    for measure in lexicon().measures:
        if rest.startswith(measure.name):
            return measure, end + len(measure.name)
    return None, end


def lexicon_measure(name: str) -> Measure | None:
    return next((measure for measure in lexicon().measures if measure.name == name), None)


def multiplier_of(figure: Figure) -> str:
    match = re.search(r"(万亿|亿|万|千)$", figure.raw.rstrip("%％ "))
    return match.group(1) if match else ""


def stated_change(text: str, figure: Figure, before: str, end: int) -> StatedChange | None:
    """同比增长6.8% / 较上年同期提高18.2个百分点 / 同比减少5天: a change, not a level."""
    word = next((w for w in lexicon().change_words if before.endswith(w)), None)
    if word is None or not isinstance(figure.value, Decimal):
        return None
    context = text[max(0, figure.start - 14):figure.start]
    relation = next((name for marker, name in RELATIONS if marker in context), "")
    if not relation:
        return None  # 提高12.5个百分点 with no reference period: nothing to check it against
    sign = 1 if any(up in word for up in UP_WORDS) else -1
    rest = text[end:]
    if figure.kind == "pct":
        unit = "%"
    elif rest.startswith(POINTS):
        unit = POINTS
    else:
        measure, _ = measure_after(figure, text, end)
        if measure is None:
            return None
        unit = multiplier_of(figure) + measure.name
    raw = text[figure.start - len(word):end + (len(POINTS) if unit == POINTS else 0)]
    amount = figure.value
    return StatedChange(raw, relation, sign, amount, unit)


def metric_name(before: str) -> str:
    """The words naming what a figure counts, without scope, period and linking words."""
    name = MARKER_RE.sub("", ASIDE_RE.sub("", before)).strip()
    words = lexicon()
    changed = True
    while changed and name:
        changed = False
        for prefix in words.metric_prefix:
            if name.startswith(prefix) and len(name) > len(prefix):
                name, changed = name[len(prefix):], True
        for suffix in words.metric_suffix:
            if name.endswith(suffix) and len(name) > len(suffix):
                name, changed = name[: -len(suffix)], True
    return name.strip(" ，,、的") if not name.endswith("的") else name


def metric_key(metric: str) -> str:
    """The name compared across reports: scope words and 各类 dropped."""
    return re.sub(r"各类|各项|全县|全市|全区|全省|新增的|[“”\s]", "", metric)


def make_fact(dated: Dated, sentence: Sentence, metric: str, figure: Figure, measure: Measure, before: str) -> Fact:
    assert isinstance(figure.value, Decimal)
    written_measure = ("" if figure.kind == "pct" else multiplier_of(figure)) + measure.name
    written = figure.raw if figure.kind == "pct" else f"{figure.raw}{measure.name}"
    return Fact(
        org=dated.org, period=str(dated.period), order=dated.order, metric=metric, key=metric_key(metric),
        value=figure.value, written=written, measure=written_measure, unit=measure.name, base=measure.base,
        base_value=figure.value * measure.factor,
        cumulative=any(word in before for word in lexicon().cumulative),
        sentence=sentence,
    )
