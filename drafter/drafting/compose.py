"""Composition in the genre's shape: a section's notes → items of two to four notes each.

An item of a work report is 一是 + a short lead phrase naming the work + the facts::

    一是扎实推进不动产登记工作。受理不动产登记3210件，办结率99.5%。化解历史遗留办证420户。

Code decides which notes make one item (``plan_items``: the writer's order is kept, cuts fall
where neighbouring notes share the fewest keywords, or are farthest apart by embedding); the
model only words the lead and the facts. A lead the model writes is validated
(``lead_violations``: 6–16 characters, verb first, no figures, its nouns from the item's own
notes — never from an exemplar); otherwise ``fallback_lead`` builds one from the notes' key
phrase (扎实推进 + 不动产登记 + 工作).
"""

from __future__ import annotations

import functools
import itertools
import re
import tomllib
from collections import Counter
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field, fields
from functools import cache, lru_cache
from itertools import pairwise
from pathlib import Path
from typing import Any

from drafter.drafting.grouping import (
    STOP_WORDS,
    Embed,
    names_who,
    neighbour_similarities,
    topic_words,
    without_owner,
    without_time,
)
from drafter.drafting.notes import CAUSE_OPENER, PLAN_ROLES, Note
from drafter.models.grammar import Phrase, clauses_grammar, phrase_grammar
from drafter.structure.figures import GRADE_MARK, UNKNOWN_RE, find_figures

LEADS_FILE = Path(__file__).resolve().parent / "leads.toml"
REMEDIES_FILE = Path(__file__).resolve().parent / "data" / "remedies.toml"
MIN_NOTES, MAX_NOTES, IDEAL_NOTES = 2, 4, 3
LONG_NOTE_CHARS = 60  # a note this long is an item on its own
ALONE_MIN_CHARS = 20  # a note like neither neighbour stands alone when it is this long
SIZE_COST = 0.1  # per note away from IDEAL_NOTES: prefers items of three when topics do not say otherwise
MAX_ITEM_FIGURES = 6  # a small model drops figures from a longer list: more make the item cost FIGURE_COST each
FIGURE_COST = 0.5
UNRELATED_COST = 0.5
LEAD_MIN_CHARS, LEAD_MAX_CHARS = 6, 16
# The writer's own opening clause may run longer than a model's lead: the seeds' leads reach 20
# characters (加快推进县经济开发区标准厂房二期建设 was written as 加快推进标准厂房二期建设, then
# repeated whole as the item's fact).
OWN_LEAD_MAX_CHARS = 20
LEAD_LINE_MAX_CHARS = 24  # a first line this short, with no figure, is the model's lead (valid or not)
PHRASE_MAX_CHARS = 8
OPENING_MAX_CHARS = 9  # the work a note opens with may be a little longer (公共法律服务中心)
SINGLE_NOTE_ROLES = ("problems",)  # a problem is stated on its own (一是部分项目前期准备不足。…), no lead
# What a figure did (新增12家, 增加1200人): a lead ending there names a result, not a work. Not
# 增长 or 提升: 推动社会消费品零售总额增长 is how the genre names a work.
# 推动…增长 names a work (推动经济增长); 到位 is how far a work got (加快推进整治到位工作, a built plan lead)
RESULT_ENDINGS = ("新增", "增加", "减少", "下降", "突破", "到位", "完工", "通车")  # 通车: a 交通局 plan, built
MILESTONE_VERBS = ("开工", "竣工", "投产", "落地", "签约", "投用", "完工", "建成", "通过", "验收")
REACH_VERBS = ("达到", "达", "突破", "超过", "增长", "下降")  # what a figure did, after the work it measures
RATE_SUFFIX = "率"  # 办结率, 签约率: what a work is measured by, never the work a lead names
OPEN_END_FLAGS = ("c", "p", "u", "s")  # jieba: conjunction, preposition, particle, place (…事项网上)
NOUN_FLAGS = ("n", "nz", "ns", "nt", "nr", "l", "j", "vn")  # jieba tags of a lead's object
LEAD_MARKER_RE = re.compile(r"^\s*(?:\[\d+\]|[一二三四五六七八九十]+是|[（(]?[一二三四五六七八九十\d]+[）)、.．]|[-*•>＞])\s*")
# A label before the lead ("概括短语：", "动宾结构：") — any short run of Chinese ending in a colon.
LEAD_LABEL_RE = re.compile(r"^\s*[\u4e00-\u9fff]{1,8}\s*[：:]\s*")  # 下半年工作计划：…
LEAD_GRAMMAR_WORDS = 4  # words after the notes' first in a constrained lead (扎实/推进/不动产/登记/工作)
MEASURE_GRAMMAR_WORDS = 3  # the same in a constrained measure
NEGATIONS = ("不", "未", "无", "非")
CONJUNCTIONS = ("和", "与", "及")  # join two works in a lead that runs on (…服务站建设与救助资金发放)
BOLD_LEAD_RE = re.compile(r"^\s*\*\*(?P<lead>[^*\n]{4,24})\*\*\s*[，,。：:]?\s*(?P<rest>.*)$", re.S)


@dataclass
class ItemPlan:
    """One 一是 item: the notes it is written from (in the writer's order) and its lead phrase."""

    note_ids: list[str]
    lead: str = ""
    lead_fallback: bool = False
    lead_violations: list[str] = field(default_factory=list)  # why the model's lead was not used


@dataclass(frozen=True)
class LeadWords:
    openers: tuple[str, ...]
    free_words: tuple[str, ...]
    fallback_verbs: dict[str, tuple[str, ...]]
    area_endings: tuple[str, ...]
    intent_openers: tuple[str, ...]
    weak_phrases: tuple[str, ...]
    generic_nouns: tuple[str, ...]
    trailing_words: tuple[str, ...]
    note_openers: tuple[str, ...]
    intensifiers: tuple[str, ...]
    period_words: tuple[str, ...]
    grammar_verbs: tuple[str, ...]
    claiming_openers: tuple[str, ...]
    measure_words: tuple[str, ...]
    varied_adverbs: tuple[str, ...]
    verb_adverbs: tuple[str, ...]
    document_nouns: tuple[str, ...]
    facility_endings: tuple[str, ...]
    work_verbs: tuple[str, ...]
    partner_endings: tuple[str, ...]
    making_verbs: tuple[str, ...]
    doing_verbs: tuple[str, ...]
    work_things: tuple[str, ...]
    harm_nouns: tuple[str, ...]
    happening_harms: tuple[str, ...]
    people_endings: tuple[str, ...]
    counted_people: tuple[str, ...]
    dangling_verbs: tuple[str, ...]
    made_verbs: tuple[str, ...]
    money_nouns: tuple[str, ...]
    measure_nouns: tuple[str, ...]
    takings_nouns: tuple[str, ...]
    honour_endings: tuple[str, ...]
    predicates: tuple[str, ...]
    indicator_nouns: tuple[str, ...]
    overview_nouns: tuple[str, ...]
    overview_comparisons: tuple[str, ...]
    retagged: dict[str, str]


TABLES = ("fallback_verbs", "retagged")  # leads.toml's tables; every other field is a word list


@cache
def lead_words() -> LeadWords:
    data = tomllib.loads(LEADS_FILE.read_text(encoding="utf-8"))
    # every field is a word list of leads.toml by its own name
    lists = {f.name: tuple(data[f.name]) for f in fields(LeadWords) if f.name not in TABLES}
    return LeadWords(**lists, fallback_verbs={role: tuple(verbs) for role, verbs in data["fallback_verbs"].items()},
                     retagged=dict(data["retagged"]))


# --- which notes make one item --------------------------------------------------------------


def plan_items(notes: Sequence[Note], role: str = "progress", embed: Embed | None = None) -> list[ItemPlan]:
    """The notes of one section as items of two to four notes, in the writer's order."""
    if not notes:
        return []
    if role in SINGLE_NOTE_ROLES:
        return [ItemPlan([note.id]) for note in notes]
    if role == "plans":
        return [plan for run in topic_runs(notes) for plan in sized_items(run, embed)]
    return [plan for run in aspect_runs(notes) for plan in sized_items(run, embed)]


def aspect_runs(notes: Sequence[Note]) -> list[list[Note]]:
    """The notes in runs of one labelled line each where the writer labelled them under a heading
    (人居环境方面，… / 民生保障方面，…；新增…): no item joins two of the writer's labels, and the
    facts of one labelled line stay together. Notes without such labels are one run."""
    runs: list[list[Note]] = []
    for note in notes:
        labelled_run = bool(runs) and bool(aspect_of(runs[-1][0].text))
        # the next line under the same label (寄递安全这块：… and the line after it, ``State.aspect``)
        same_label = labelled_run and aspect_of(note.text) == aspect_of(runs[-1][0].text) \
            and note.line == runs[-1][-1].line + 1
        if runs and (same_label or not aspect_of(note.text) and (not labelled_run or note.line == runs[-1][-1].line)):
            runs[-1].append(note)
        else:
            runs.append([note])
    return runs


def section_items(runs: Sequence[Sequence[Note]], role: str = "progress", embed: Embed | None = None,
                  enumerated: bool = True) -> list[ItemPlan]:
    """A section's items: each run planned on its own (``plan_items``), so no item crosses two of
    the writer's groups. An ``enumerated`` section (（一）… then 一是, 二是) whose notes made one
    item is cut in two where neighbours are least alike: a writer's section of two or three notes
    had stood as 一是 with no 二是, which no seed or national report has."""
    plans = [plan for run in runs if run for plan in plan_items(run, role, embed)]
    notes = [note for run in runs for note in run]
    if not enumerated or len(plans) != 1 or len(notes) < 2 or role in SINGLE_NOTE_ROLES:
        return plans
    # a rate on its own line (办结率99.5%) belongs to the fact before it: never cut there
    cuts = [i for i in range(1, len(notes)) if not measure_only(notes[i].text.rstrip("。"))]
    if not cuts:
        return plans
    similarities = neighbour_similarities([n.text for n in notes], embed)
    cut = min(cuts, key=lambda i: similarities[i - 1])
    return [ItemPlan([n.id for n in notes[:cut]]), ItemPlan([n.id for n in notes[cut:]])]


TOPIC_FLAGS = tuple(flag for flag in NOUN_FLAGS if flag != "vn")  # a plan's topic: nouns, not 建设, 整治 (any work)


def topic_runs(notes: Sequence[Note]) -> list[list[Note]]:
    """The writer's plans in runs about one thing each: a plan joins the one before it only when
    they share a topic word. Plans are separate intentions (启动医院迁建, 签约率达到80%, 安全生产
    专项检查), and one lead over three of them named one and hid the others."""
    # a word every plan of three or more has says what the unit is, not what a plan is about (公证 in
    # a 公证处's 推行公证事项…清单, 争取增加公证员编制, 开展公证质量专项检查: the last two had been one item)
    words = {w for n in notes for w in topic_words(n.text, TOPIC_FLAGS)} if len(notes) >= 3 else set()
    everywhere = {w for w in words if all(w in n.text for n in notes)}
    runs: list[list[Note]] = []
    for note in notes:
        if runs and same_topic(note.text, runs[-1][-1].text, everywhere):
            runs[-1].append(note)
        else:
            runs.append([note])
    return runs


def same_topic(first: str, second: str, unsaid: Collection[str] = ()) -> bool:
    """A noun in common, or one inside the other's (农村 in 农村公路); verbs say little of the
    topic (保持 in 通客车率保持100% and 上线率保持在98%), nor do general nouns or ``unsaid``."""
    general = set(lead_words().generic_nouns)  # 资金, 专项: every note of a 财政局 has them
    words, others = topic_words(first, TOPIC_FLAGS) - general, topic_words(second, TOPIC_FLAGS) - general
    return any((a in b and a not in unsaid) or (b in a and b not in unsaid) for a in words for b in others)


def sized_items(notes: Sequence[Note], embed: Embed | None = None) -> list[ItemPlan]:
    """Notes on one topic as items of two to four (four or more notes: never one item of them
    all), cut where neighbours are least alike."""
    if len(notes) <= 1:
        return [ItemPlan([note.id for note in notes])] if notes else []
    similarities = one_line_kept(notes, neighbour_similarities([n.text for n in notes], embed))
    # keywords in common are too rare a sign (补充耕地 | 查处违法用地 share none) to leave a note alone
    sizes = segment_sizes(similarities, [len(n.text) for n in notes], [len(n.figures) for n in notes],
                          alone_when_unrelated=embed is not None)
    if len(sizes) == 1 and len(notes) >= 2 * MIN_NOTES:
        # Two items when each can hold two notes, cut where neighbours are least alike: one item
        # of a section's four notes was an enumeration of one (一是 with no 二是).
        cuts = range(MIN_NOTES, len(notes) - MIN_NOTES + 1)
        cut = min(cuts, key=lambda i: similarities[i - 1])
        sizes = [cut, len(notes) - cut]
    plans, start = [], 0
    for size in sizes:
        plans.append(ItemPlan([n.id for n in notes[start:start + size]]))
        start += size
    return plans


def one_line_kept(notes: Sequence[Note], similarities: list[float]) -> list[float]:
    """``similarities`` with the notes of one labelled line of the writer's as alike as any two:
    监督工作。对…开展执法检查，…；对全县义务教育均衡发展开展专题询问1次 (人大常委会办公室) is one
    work in two facts, which the embeddings had told apart and made two items of — and a line
    labelled next to one not (``label_changes``) as unlike as none."""
    if not similarities:
        return similarities
    alike, unlike = max(similarities) + 1.0, min(0.0, min(similarities)) - 1.0
    # …and a note that names no work, only measures of the work before it (城区绿化覆盖率达到41.3%，人均
    # 公园绿地面积13.6平方米 after 改造老旧绿地4处, a 园林绿化中心's) with it: alone it was an item whose
    # lead named a measure. A measure of another work (村集体经济收入… after 发展党员…) stays apart.
    return [alike if (before.topic and before.line and (before.line, before.topic) == (after.line, after.topic))
            or measures_the_work_before(before.text, after.text)
            else unlike if label_changes(before, after)
            else similarity for before, after, similarity in zip(notes, notes[1:], similarities, strict=False)]


def measures_the_work_before(before: str, after: str) -> bool:
    """Whether ``after`` only measures (names no work) what ``before`` did, sharing its topic."""
    return names_no_work(after) and same_topic(after, before)


def names_no_work(text: str) -> bool:
    """Whether a note opens on a measure, not a work (城区绿化覆盖率达到41.3%, PM2.5平均浓度32微克)."""
    opening = opening_phrase(text)
    return bool(opening) and bool(indicator_ending(opening) or opening.endswith(RATE_SUFFIX))


def label_changes(before: Note, after: Note) -> bool:
    """Whether one of two lines is labelled by the writer and the other not (◆储备粮管理：… then
    ◆“粮食安全宣传周”活动…; 3、推进编制资源统筹… then 4、实名制管理：…): the unlabelled line is not
    the label's work, and had joined its item behind a lead naming only the label's (全面开展储备粮
    轮换。…宣传周活动进社区…)."""
    return bool(before.topic) != bool(after.topic) and before.line > 0 and after.line != before.line


def segment_sizes(similarities: Sequence[float], lengths: Sequence[int],
                  figures: Sequence[int] | None = None, alone_when_unrelated: bool = False) -> list[int]:
    """Cut ``len(lengths)`` notes into runs of 2–4 (a long note may stand alone), cheapest first.

    A cut between two notes costs how much more alike they are than neighbours on average, in
    units of the section's spread (cutting between different topics is rewarded, between alike
    notes penalised); a run costs SIZE_COST per note away from three, FIGURE_COST per figure
    beyond MAX_ITEM_FIGURES (a small model writing eleven figures in one item drops some) and
    UNRELATED_COST where two of its neighbours share no topic (similarity 0 or less) — with
    ``alone_when_unrelated`` a note like neither neighbour then stands alone, and a pair pays it
    too. Exact dynamic programming over the cut points: sections are short.
    """
    count = len(lengths)
    # a run holding two neighbours with nothing in common: one lead names one of them, or
    # stitches both (持续推动社保卡持卡和事业单位招聘, seen)
    unrelated_from = MIN_NOTES if alone_when_unrelated else MIN_NOTES + 1
    mean = sum(similarities) / len(similarities) if similarities else 0.0
    spread = (max(similarities) - min(similarities)) if similarities else 0.0
    best: list[tuple[float, list[int]] | None] = [None] * (count + 1)
    best[0] = (0.0, [])
    for end in range(1, count + 1):
        for size in range(1, MAX_NOTES + 1):
            start = end - size
            previous = best[start] if start >= 0 else None
            if previous is None:
                continue
            alone = alone_when_unrelated and size == 1 and unrelated_alone(similarities, start)
            if not run_allowed(size, lengths[start:end], count, alone):
                continue
            cut = (similarities[start - 1] - mean) / spread if start > 0 and spread > 0 else 0.0
            crowded = max(0, sum(figures[start:end]) - MAX_ITEM_FIGURES) if figures else 0
            unrelated = size >= unrelated_from and any(s <= 0.0 for s in similarities[start:end - 1])
            cost = previous[0] + cut + SIZE_COST * abs(size - IDEAL_NOTES) + FIGURE_COST * crowded \
                + UNRELATED_COST * unrelated
            current = best[end]
            if current is None or cost < current[0] - 1e-9:
                best[end] = (cost, [*previous[1], size])
    found = best[count]  # never None: runs of 2 and 3 make every count ≥ 2, and one note may stand alone
    return found[1] if found else [count]


def run_allowed(size: int, lengths: Sequence[int], count: int, alone: bool = False) -> bool:
    """A run of one note only where it is long, the section's only note, or ``alone`` (like
    neither neighbour) and long enough to follow a lead: alone, 压减一般性支出3100万元 was
    an item of its lead said twice (高效实施一般性支出压减。压减一般性支出3100万元。)."""
    if size >= MIN_NOTES:
        return True
    return count == 1 or lengths[0] >= LONG_NOTE_CHARS or (alone and lengths[0] >= ALONE_MIN_CHARS)


def unrelated_alone(similarities: Sequence[float], index: int) -> bool:
    """Whether note ``index`` shares a topic with neither neighbour (an edge has one)."""
    before = similarities[index - 1] if index > 0 else 0.0
    after = similarities[index] if index < len(similarities) else 0.0
    return before <= 0.0 and after <= 0.0


# --- lead phrases -----------------------------------------------------------------------------


def clean_lead(text: str) -> str:
    """A lead as the model may write it (“一是扎实推进……。”, "概括：…") → the bare phrase."""
    line = next((line for line in text.splitlines() if line.strip()), "")
    line = LEAD_LABEL_RE.sub("", LEAD_MARKER_RE.sub("", line.strip()))
    line = LEAD_MARKER_RE.sub("", line).strip().strip("“”\"'「」*# ")
    lead = re.split(r"[。！？!?；;]", line, maxsplit=1)[0].replace(",", "，").strip()
    return lead.rstrip("，、" + "".join(CONJUNCTIONS))  # cut off before its second work (…建设和)


def split_item_reply(reply: str) -> tuple[str, str]:
    """An item reply → (lead, body). The lead is the first line when the model put it on its
    own line, else the first sentence when it is short enough to be one; "" when there is none."""
    if bold := BOLD_LEAD_RE.match(reply):  # **扎实推进…工作**，确保…: the model marked its lead itself
        return clean_lead(bold["lead"]), bold["rest"].strip()
    lines = [finished(line.strip()) for line in reply.splitlines() if line.strip()]
    if not lines:
        return "", ""
    first = clean_lead(lines[0])
    if len(lines) > 1 and len(first) <= LEAD_LINE_MAX_CHARS and not find_figures(lines[0]) \
            and not re.search(r"[。！？!?]", lines[0].rstrip("。")):
        return first, "\n".join(lines[1:])  # a lead on its own line (a too long one is refused later)
    text = "\n".join(lines)
    match = re.match(r"^(?P<lead>[^。！？!?；;\n]+)[。！？!?]", LEAD_MARKER_RE.sub("", text))
    if match and len(clean_lead(match["lead"])) <= LEAD_MAX_CHARS and not find_figures(match["lead"]):
        return clean_lead(match["lead"]), LEAD_MARKER_RE.sub("", text)[match.end():].strip()
    return "", text


def finished(line: str) -> str:
    """A reply line as a sentence: lines joined later must not run into each other (…流动组建…)."""
    return line if not line or line[-1] in "。！？!?；;，," else line + "。"


def lead_tokens(lead: str) -> list[tuple[str, str]]:
    """``lead``'s words and jieba's tags for them (a fresh list: callers pop from it). The checks
    of one lead tag its notes again and again — every rule, every reading, every re-ask — so the
    tagging is remembered."""
    return list(tagged_words(lead))


@lru_cache(maxsize=4096)
def tagged_words(lead: str) -> tuple[tuple[str, str], ...]:
    return tuple(tag_words(lead))


def tag_words(lead: str) -> list[tuple[str, str]]:
    import jieba.posseg  # loads its dictionary on first use (~1 s)

    tokens: list[tuple[str, str]] = []
    intensifiers, retagged = lead_words().intensifiers, lead_words().retagged
    # a quoted name (“明厨亮灶”, “一网通办”) is one word naming the work, however jieba would cut it
    if (quoted := re.search(r"“([^“”]{2,12})”", lead)) is not None:
        return [*tag_words(lead[:quoted.start()]), ("“", "x"), (quoted[1], "nz"), ("”", "x"),
                *tag_words(lead[quoted.end():])] if lead != quoted[0] else [("“", "x"), (quoted[1], "nz"), ("”", "x")]
    if not lead:
        return []
    for token in jieba.posseg.lcut(lead):
        # jieba reads 积极争取 as one idiom: the adverb and the notes' own verb (争取) are two words
        adverb = next((w for w in intensifiers if token.word.startswith(w) and len(token.word) - len(w) >= 2), "")
        if adverb and token.flag in ("l", "i"):
            tokens += [(adverb, "d"), (token.word[len(adverb):], "v")]
        elif joined_conjunction(token.word, token.flag):
            # …and reads 检查和 as one word: the notes' 检查 and the 和 joining it to the next work
            # (the 1.5B's 全面开展日常检查和投诉举报 of a 市场监管所's notes was refused as naming 检查和)
            tokens += [*tag_words(token.word[:-1]), (token.word[-1], "c")]
        else:
            tokens.append((token.word, retagged.get(token.word, token.flag)))
    return tokens


def joined_conjunction(word: str, flag: str) -> bool:
    """Whether jieba's ``word`` is a word with 和, 与 or 及 after it (检查和), not an idiom or a name
    that ends so (力所能及, 古埃及)."""
    import jieba

    return len(word) >= 3 and word[-1] in "和与及" and flag not in ("i", "l", "nr", "ns") \
        and bool(jieba.dt.FREQ.get(word[:-1]))


def lead_violations(lead: str, note_texts: Sequence[str], exemplar_texts: Sequence[str] = (),
                    role: str = "progress", max_chars: int = LEAD_MAX_CHARS, topic: str = "") -> list[str]:
    """Why ``lead`` may not open this item (Chinese, fit to quote in a re-ask); [] when it may.
    ``topic``, the writer's name for the section, may give words as its notes do, but is no note."""
    if not lead:
        return ["没有写概括短语"]
    tokens = lead_tokens(lead)
    texts = [*note_texts, topic] if topic else list(note_texts)
    return [*form_slips(lead, tokens, texts, max_chars), *voice_slips(lead, tokens, note_texts, role, topic),
            *name_slips(lead, tokens, texts, role), *pairing_slips(tokens, texts),
            *source_slips(tokens, texts, exemplar_texts), *label_work_slips(tokens, note_texts, topic)]


def label_work_slips(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str], topic: str) -> list[str]:
    """A lead closing on a general head (建设, 工作) after what the writer's label names, where the
    label goes on with the work done to it: 实施道路建设 under 道路清扫保洁 (1.5B, a 环卫所's plan to
    buy sweepers) — the label's work put for another."""
    if not topic or len(tokens) < 2 or tokens[-1][0] not in GENERAL_HEADS:
        return []
    name = "".join(w for w, _ in object_tokens("".join(w for w, _ in tokens[:-1])))
    at = topic.find(name) if len(name) >= 2 else -1
    if at < 0 or any(name + tokens[-1][0] in text for text in note_texts):
        return []
    following = token_at(topic, at + len(name))
    # …a milestone after it is what became of the work the head names (项目|开工 under 推进项目建设)
    if not following or not following[1].startswith("v") or len(following[0]) < 2 or following[0] == tokens[-1][0] \
            or following[0] in (*RESULT_ENDINGS, *MILESTONE_VERBS):
        return []
    return [f"概括短语把“{topic}”写成了“{name}{tokens[-1][0]}”，应照要点写出所做的工作"]


COUNT_QUALIFIERS = ("以上", "以下", "左右", "以内")
TALLY_ADVERBS = ("共", "共计", "累计", "合计", "总计")
PERIOD_WORDS = ("上半年", "下半年", "今年", "全年", "年内", "去年", "当年", "年初", "年底", "一季度", "二季度", "三季度", "四季度")


COUNTED_CLASSIFIER_RE = re.compile(r"[0-9０-９]+(?:\.\d+)?\s*([个名家项处座所条次场户件台辆只头批期篇][\u4e00-\u9fff])")


def lead_length(lead: str) -> int:
    """A lead's length: quotes round a name are punctuation, not counted (全面推动机关党建“双报告”制度 is 13)."""
    return len(re.sub("[“”]", "", lead))


CLASSIFIER_NOUNS = ("系列",)  # jieba: q, yet 系列活动 names a work


GROWTH_DRIVERS = ("推动", "促进", "带动")  # the verbs a lead ending on 增长 may have


def form_slips(lead: str, tokens: Sequence[tuple[str, str]], note_texts: Sequence[str], max_chars: int) -> list[str]:
    """A lead's shape: its length, Chinese words only, no figures, a verb first and in its place."""
    words = lead_words()
    found: list[str] = []
    length = lead_length(lead)
    if not LEAD_MIN_CHARS <= length <= max_chars:
        found.append(f"概括短语应为{LEAD_MIN_CHARS}到{max_chars}个字（现为{length}个字）")
    # a name in quotes keeps its digits (推行“721”工作法, 开展“9·18”防空警报试鸣): a name, not a figure
    unquoted = re.sub(r"“[^”]*”", "", lead)
    if re.search(r"[0-9０-９*＊%]", unquoted) or find_figures(unquoted):
        found.append("概括短语中不能有数字")
    if re.search(r"[^\u4e00-\u9fff，、“”]", unquoted):
        found.append("概括短语只能是中文短语")
    # 持续做好社区治理方面工作 (over 社区治理方面，推行…): the label's frame is no part of the work's name
    if "方面" in lead:
        found.append("概括短语不写“方面”，只写做的是什么工作")
    # inside a name too: 加快推进“游XX”官方账号工作 (1.5B, a 文旅局's plan) put the writer's to-fill mark in a lead
    if UNKNOWN_RE.search(lead):
        found.append("概括短语中不能有待填写的内容（如XX），只写做的是什么工作")
    # 积极推进重点以上项目 (1.5B, 投资促进中心) of 新签约项目20个以上: a count's 以上 without its count
    # (市级以上龙头企业 is a level the notes name so)
    sources = "".join(note_texts)
    if loose := [w for (before, _), (w, _) in zip(tokens, tokens[1:], strict=False)
                 if w in COUNT_QUALIFIERS and before + w not in sources]:
        found.append(f"概括短语中“{loose[0]}”是说数量的，只写做的是什么工作")
    # 全面推进组织个组修通 (1.5B, over a 村's 把剩下2个组的路修通): a count's classifier with its
    # figure taken out; none of two runs' leads has one
    counted = {found[1] for found in COUNTED_CLASSIFIER_RE.finditer(sources)}
    # …or a classifier alone after a name (扎实做好新签约项目个工作, built over 新签约项目8个): jieba's
    # one-character word, counted in the notes
    counted |= {w for (_, before), (w, flag) in zip(tokens, tokens[1:], strict=False)
                if len(w) == 1 and flag in ("q", "m") and before.startswith("n") and re.search(rf"[0-9０-９]\s*{w}", sources)}
    if classifier := next((c for c in sorted(counted) if c in lead), ""):
        found.append(f"概括短语中“{classifier}”是数字后的量词，只写做的是什么工作")
    # …or a unit of measure without it (扎实做好平均浓度微克工作, built over PM2.5平均浓度32微克/立方米)
    if unit := next((w for (_, before), (w, flag) in zip([("", ""), *tokens], tokens, strict=False)
                     if flag == "q" and len(w) >= 2 and not before.startswith("m") and w not in CLASSIFIER_NOUNS), ""):
        found.append(f"概括短语中“{unit}”是计量单位，只写做的是什么工作")
    # 扎实做好上半年共受理工作 (built over 上半年共受理群众来信来访1286件次): when, not what
    if period := next((w for w, _ in tokens if w in PERIOD_WORDS), ""):
        found.append(f"概括短语中“{period}”是时间，只写做的是什么工作")
    # …and 扎实做好共受理工作, the same without its time: 共 counts what was done
    if tally := next((w for w, flag in tokens[1:] if w in TALLY_ADVERBS and flag in ("d", "v")), ""):
        found.append(f"概括短语中“{tally}”是说数量的，只写做的是什么工作")
    opener = tokens[0] if tokens else ("", "")
    if not (lead.startswith(words.openers) or opener[1].startswith("v")):
        found.append("概括短语应以动词开头，写成“扎实推进某某工作”的动宾形式")
    found += misordered_verbs(tokens, sources)
    if len(tokens) > 1 and (dangling := next((v for v in words.dangling_verbs if lead.endswith(v)), "")):
        found.append(f"概括短语不能以“{dangling}”结尾，要写出{dangling}的是什么")
    # A growth is driven, never carried out, pushed on or received (接待观众增长, 1.5B over a 科技馆's
    # 接待观众6.8万人次，同比增长18%; stored: 扎实开展工业增加值增长, 实施技改项目和投资增长, 执行到位金额增长)
    if lead.endswith("增长") and not any(word in GROWTH_DRIVERS for word, _ in tokens):
        found.append("概括短语以“增长”结尾却不是“推动/促进…增长”，写的是结果，应写做了什么工作")
    # …nor what is held, set up or bought with 工作 after it (持续做好成功举办工作: built over 成功举办第五届
    # 油菜花节); 协调工作, 组织工作 are the genre's
    elif len(tokens) > 2 and tokens[-1][0] == "工作" and tokens[-2][0] in words.made_verbs:
        found.append(f"概括短语中“{tokens[-2][0]}”之后没有写对象，要写出{tokens[-2][0]}的是什么")
    # 扎实做好德育工作工作 (over a 小学's 德育工作 group): jieba reads 德育工作 as one word, so the
    # check of words said twice missed it; none of a whole run's leads says two characters twice running
    if doubled := re.search(r"([\u4e00-\u9fff]{2})\1", lead):
        found.append(f"概括短语中“{doubled[1]}”重复，每个词只用一次")
    if bare := bare_second_verb(tokens):  # seen: 扎实做好引进 (built, of 引进和培养全媒体人才), 扎实开展清理 (0.5B)
        found.append(f"概括短语在“{bare}”之后没有写对象，应写{bare}的是什么")
    if graded := cut_at_a_grade(tokens):  # seen: 持续推进道路运输较大工作 (of 道路运输较大及以上事故)
        found.append(f"概括短语以“{graded}”结尾，把要点中的名称截断了，应写完整的工作名称")
    # 着力做好被市侨办采用工作 (built over 侨务信息报送：被市侨办采用11条): what others did with the work
    # (a passive inside the object names a thing: 整治…消防通道被占用现象)
    if any(flag.startswith("v") and word == "被" for (_, flag), (word, _) in pairwise(tokens)):
        found.append("概括短语不用“被”字句，应写本单位做的是什么工作")
    if self_name := SELF_NAME_RE.search(lead):  # a unit names itself in its facts (我局开展…), never its work
        found.append(f"概括短语不写“{self_name.group(0)}”一类自称，只写做的是什么工作")
    if not adverb_then_verb(lead, "".join(note_texts)):
        found.append("概括短语在“扎实”“全面”等词后应接动词，写成“扎实推进某某工作”的形式")
    return found


def bare_second_verb(tokens: Sequence[tuple[str, str]]) -> str:
    """The verb a lead of an adverb, a genre verb and one more verb ends on (扎实做好引进): the work
    has lost its object. Only this shape: 扎实开展大气污染防治 or 加强投诉举报处置 name their work."""
    words = lead_words()
    genre = {*words.openers, *words.grammar_verbs, *words.work_verbs, *words.doing_verbs, "做好", "抓好"}
    if len(tokens) != 3 or tokens[1][0] not in genre or tokens[2][1] not in ("v", "a"):
        return ""
    return tokens[2][0]


GRADE_OPENERS = ("较", "偏", "更", "最")


def cut_at_a_grade(tokens: Sequence[tuple[str, str]]) -> str:
    """The grade a work's lead ends on (…道路运输较大 of 道路运输较大及以上事故, 1.5B and 0.5B; …平均降雨量
    较常年偏; built: 建成省级健 of 健康村): a name cut before its noun. A problem's wording (压力较大)
    opens with no verb of work, and 稳定, 清理, 保洁 (tagged as adjectives by jieba) are no grades."""
    words = lead_words()
    starts = {*words.intensifiers, *words.work_verbs, *words.doing_verbs, *words.openers}
    if not any(word in starts for word, _ in tokens[:2]):
        return ""
    core = [token for token in tokens if token[0] != "工作"]
    word, flag = core[-1] if len(core) > 2 else ("", "")
    if flag == "b" and word.endswith("级"):  # 扎实推进凤凰古镇创建省级工作 (built, of 创建省级旅游度假区)
        return word
    return word if flag == "a" and (len(word) == 1 or word.startswith(GRADE_OPENERS)) else ""


def voice_slips(lead: str, tokens: Sequence[tuple[str, str]], note_texts: Sequence[str], role: str,
                topic: str = "") -> list[str]:
    """What a lead says besides naming the work: a goal for work done, a grade, a time, an intent,
    or one note's opening copied (over two notes or more: a section's name is no note — over
    化解矛盾纠纷58件 and its name, 高效化解矛盾纠纷 had been refused)."""
    words = lead_words()
    sources = "".join(note_texts) + topic
    found: list[str] = []
    if role == "progress" and lead.startswith(words.intent_openers) and not any(
            w in sources for w in words.intent_openers if lead.startswith(w)):
        found.append("已完成的工作不能写成目标（不要用“确保”“力争”等）")
    if claims := claimed_completion(lead, sources):
        found.append(f"概括短语不评价工作（“{claims}”），只写做的是什么工作")
    # a lead that is a note's opening up to its figure (化解历史遗留办证 of 化解历史遗留办证420户) names
    # no more than the fact after it: asked again, the model names the work (持续做好…工作), as the
    # seeds' leads do; over one note with a section's name beside it this had happened by accident
    bare = [lead, *(lead[len(w):] for w in words.intensifiers if lead.startswith(w))]  # 全面完成外贸进出口总额
    # quotes aside: 推荐省级最美科技工作者候选人 (1.5B, requoted after the check) copies 推荐省级“最美…”候选人3名
    bare = [re.sub("[“”]", "", b) for b in bare]
    openings = [re.sub("[“”]", "", without_time(text)) for text in note_texts]
    # over several notes, one note's whole first clause names only that note (组织学雷锋志愿服务活动
    # over 3月5日组织学雷锋志愿服务活动，出动志愿者1200人次 and a 青年大学习 note, seen)
    copied = r"\s*[0-9０-９]" if len(note_texts) == 1 else r"\s*(?:[0-9０-９]|[，；。]|$)"
    if any(re.match(re.escape(b) + copied, text) for b in bare for text in openings):
        found.append("概括短语只是照抄了要点的开头，应概括这项工作" if len(note_texts) == 1
                     else "概括短语只是照抄了一条要点的开头，应概括这几条要点做的是什么工作")
    if times := [w for i, (w, flag) in enumerate(tokens) if flag.startswith("t")
                 and not named_with_next(tokens, i, sources)]:
        found.append(f"概括短语不写时间（{'、'.join(times)}），只写做的是什么工作")
    # 争取 names a work (争取专项债资金); the others only say the work is intended
    if intents := [w for w, _ in tokens[1:] if w in words.intent_openers and w != "争取"]:
        found.append(f"概括短语只写做的是什么工作，不写“{'、'.join(intents)}”")
    return found


def name_slips(lead: str, tokens: Sequence[tuple[str, str]], note_texts: Sequence[str], role: str) -> list[str]:
    """Whether the lead's object is a work's whole name: not cut short, no word twice, no rate,
    result, split word or counted entity in its place."""
    found: list[str] = []
    if tokens_end_open(lead) or joined_to_nothing(tokens):
        found.append("概括短语没有写完整，应以所做工作的名称结尾")
    elif rest := verb_runs_on(tokens, note_texts):  # seen: 全面启动城乡居民医保集中 (…集中参保缴费工作)
        found.append(f"概括短语没有写完整（要点中“{tokens[-1][0]}”后还有“{rest}”），应以所做工作的名称结尾")
    if first := list_cut(tokens, note_texts):  # seen: 持续开展应急救护培训进机关 (进机关、进学校、进企业)
        found.append(f"概括短语只写了并列中的一项“{first}”，应概括整项工作或写到并列之前")
    # …unless the writer's own words say it twice (推进胸痛中心、卒中中心建设, a plan led as written)
    if (twice := [w for w, count in Counter(w for w, _ in tokens if len(w) >= 2).items() if count > 1]) \
            and not said_as_written(lead, note_texts):
        found.append(f"概括短语中“{'、'.join(twice)}”重复，每个词只用一次")  # seen: 高效推进高效套餐服务
    # seen: 全面推动家庭医生签约率; a plan may raise a rate (提高热线按时办结率) as its target
    raises = role in PLAN_ROLES and any(w in RATE_VERBS for w, _ in tokens)
    # …率 anywhere in the object (加快推进覆盖率达到工作, a fallback seen): a measure, not the work
    if (rate := next((w for w, _ in tokens[1:] if w.endswith(RATE_SUFFIX)), "")) and not raises:
        found.append(f"概括短语写的是指标（“{rate}”），应写做的是什么工作")
    elif (indicator := ending_indicator(tokens) or per_head(tokens)) and not raises:
        found.append(f"概括短语写的是指标（“{indicator}”），应写做的是什么工作")
    # seen: 持续推动商贸企业新增, 全面开展参保增加, 持续推动客户端下载量突破和直播
    ends = work_heads(tokens)  # …到位工作
    if result := next((tokens[end][0] for end in ends if tokens[end][0] in RESULT_ENDINGS), ""):
        found.append(f"概括短语写的是结果（“{result}”），应写做的是什么工作")
    if fragments := word_fragments(tokens, note_texts):
        found.append(f"概括短语把要点中的词拆开了（“{'、'.join(fragments)}”），应写完整的词")
    if counted := counted_object(tokens, note_texts) or counted_new(tokens, note_texts):
        # seen: 扎实开展统计执法检查企业 (检查企业120家), 全面推进政务新媒体矩阵新增账号 (新增账号12个)
        found.append(f"概括短语以被计数的“{counted}”结尾，应写做的是什么工作")
    if broken := broken_name(lead, note_texts):  # seen: 全面开展重点小屋关爱行动 (暑期“希望小屋”关爱行动)
        found.append(f"概括短语把要点中的名称“{broken}”写得不完整，应照要点写出全名")
    if cut := cut_title(lead, note_texts):  # seen: 扎实做好编纂出版中共工作 (《中共XX县历史》, built)
        found.append(f"概括短语截取了书名《{cut}》的一部分，应写做的是什么工作")
    if dropped := dropped_grade_word(tokens, note_texts):
        found.append(f"概括短语把要点中的“{dropped[1]}”写成了“{dropped[0]}”，应照要点写出完整的名称")
    if empty := empty_conjunct(tokens, note_texts):  # seen: 实施新增课程和改革工作 (no note says 改革)
        found.append(f"概括短语中“{empty}”不是要点里的工作，只写要点中做了的工作")
    if split := split_name(tokens, note_texts):  # seen: 切实开展执法办理监管 (执法监管 and 办理…投诉)
        found.append(f"概括短语把要点中的“{split[0]}”拆开了，中间插入了“{split[1]}”，应写完整的名称")
    if swapped := swapped_word(tokens, note_texts):
        found.append(f"概括短语把要点中的“{swapped[0]}”换成了“{swapped[1]}”，应照要点写出所做的工作")
    if graded := grade_after(tokens, note_texts):  # seen: 深入实施景区创建国家 (…国家5A级旅游景区)
        found.append(f"概括短语没有写完整，要点中后面还有“{graded}”，应写出完整的名称")
    if unfinished := work_after(tokens, note_texts):  # seen: 深入实施工业园区污水集中处理设施 (…设施提标改造)
        found.append(f"概括短语没有写完整（要点中“{tokens[-1][0]}”后还有“{unfinished}”），应写到所做的工作")
    elif quoted := quote_follows(tokens, note_texts) or name_cut_before_head(tokens, note_texts):
        # seen: 持续做好化解历史遗留工作 (…遗留“办证难”项目), 扎实启动乡镇街道建设 (乡镇（街道）志编修试点)
        found.append(f"概括短语没有写完整（要点中“{quoted[0]}”后还有“{quoted[1]}”），应写出完整的名称")
    # seen: 全面推动预算收收… (税收收入 holds 收收 as no word)
    if doubled := [w for w, _ in tokens if DOUBLED_RE.fullmatch(w) and not any(w in words_of(t) for t in note_texts)]:
        found.append(f"概括短语中“{'、'.join(doubled)}”不成词，应照要点用词")
    if result := predicate_in_object(tokens):  # seen: 发放失业保险金惠及工作 (…486万元，惠及1320人)
        found.append(f"概括短语中“{result}”说的是工作的结果，应写做的是什么工作")
    return found


def said_as_written(lead: str, note_texts: Sequence[str]) -> bool:
    """Whether ``lead``, an intensifier before it aside, stands word for word in one of the notes."""
    return any(without_intensifier(lead) in text for text in note_texts)


def without_intensifier(lead: str) -> str:
    """``lead`` without the adverb it opens with (全面|推进…), if any."""
    return next((lead[len(w):] for w in lead_words().intensifiers if lead.startswith(w)), lead)


LIST_JOINS = ("、", "及")  # …and one joined by 及 (接待港澳台 of 接待港澳台及海外来访团组, built)


def list_cut(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The last word of a lead where the notes always list it first of several (机关 of
    进机关、进学校、进企业) or last before their 等 (断枝 of 倒伏、断枝等险情), or "": the lead names
    one of the works the note joins."""
    last = next((w for w, _ in reversed(tokens) if len(w) >= 2 and w not in lead_words().free_words), "")
    found = [(text[m.start() - 1:m.start()], joint_after(text, m.end()))
             for text in note_texts for m in re.finditer(re.escape(last), text)] if last else []
    # …or last of several before the 等 of what they all are (断枝 of 处理树木倒伏、断枝等险情, built)
    return last if found and all(after in LIST_JOINS or (before == "、" and after == "等") for before, after in found) else ""


def joint_after(text: str, at: int) -> str:
    """The character at ``at`` when it joins (、 及 等), a word's first otherwise (及时 of 直报及时率: "")."""
    mark = text[at:at + 1]
    return mark if mark in ("、", "") or (token_at(text, at) or ("", ""))[0] == mark else ""


DOUBLED_RE = re.compile(r"([\u4e00-\u9fff])\1")  # 收收; 常常, 人人 where the notes say so


def words_of(text: str) -> set[str]:
    return {word for word, _ in lead_tokens(text)}


def predicate_in_object(tokens: Sequence[tuple[str, str]]) -> str:
    """A word of where a work went or what it reached (惠及, 纳入) after the lead's verb and a word
    of its object; a verb of the lead itself (着力促进消费) is no object."""
    words = lead_words()
    verb = next((i for i, (_, flag) in enumerate(tokens) if flag.startswith("v")), len(tokens))
    return next((w for w, _ in tokens[verb + 2:] if w in words.predicates), "")


def ending_indicator(tokens: Sequence[tuple[str, str]]) -> str:
    """The measure a lead ends on (能耗总量 of 全面推动能耗总量, 优良天数比例 of …比例工作), or that
    a work it joins ends on (供水量 of 全面优化供水量和产销质量, 1.5B), or ""."""
    words = lead_words()
    cuts = [i for i, (w, _) in enumerate(tokens) if w in CONJUNCTIONS]
    for start, end in pairwise([-1, *cuts, len(tokens)]):
        named = [w for w, _ in tokens[start + 1:end] if w not in words.generic_nouns or w in words.indicator_nouns]
        # 库存数量和质量大清查 is one work: a measure joined to another names what the work looks at
        paired = end < len(tokens) - 1 and (tokens[end + 1][0] in QUALITY_WORDS or indicator_ending(tokens[end + 1][0]))
        if named and indicator_ending(named[-1]) and (len(named) >= 2 or start >= 0) and not paired:
            return "".join(named[-2:])
    return ""


def per_head(tokens: Sequence[tuple[str, str]]) -> str:
    """人均 and what follows it in a lead (持续做好农村居民人均可支配工作, stored; 人均公园绿地): a
    measure per person is an indicator wherever it stands, or ""."""
    at = next((i for i, (w, _) in enumerate(tokens) if w == "人均"), None)
    return "".join(w for w, _ in tokens[at:] if w not in GENERAL_HEADS) if at is not None else ""


AMOUNT_ENDING = "量"  # 供水量, 用水量: an amount (扎实推进供水量工作, built; 0.5B: 扎实开展供水量)
QUALITY_WORDS = ("质量", "力量", "能量", "分量", "胆量", "肚量")  # …量 that is no amount


def indicator_ending(text: str) -> str:
    """The measure ``text`` ends on (总量 of 能耗总量, 量 of 供水量), or ""."""
    if named := next((noun for noun in lead_words().indicator_nouns if text.endswith(noun)), ""):
        return named
    return AMOUNT_ENDING if len(text) >= 2 and text.endswith(AMOUNT_ENDING) and not text.endswith(QUALITY_WORDS) else ""


QUOTED_NAME_RE = re.compile(r"“([^“”]{2,12})”")


def quoted_names(note_texts: Sequence[str]) -> list[str]:
    """The names the notes put in quotes (“希望小屋”, “三进”), each once, in order."""
    return list(dict.fromkeys(n for text in note_texts for n in QUOTED_NAME_RE.findall(text)))


def requoted(lead: str, note_texts: Sequence[str]) -> str:
    """The lead with the quotes the notes put round a name it names (培训和三进 → 培训和“三进”,
    民宗局, 1.5B): punctuation only, not counted in a lead's length."""
    for name in quoted_names(note_texts):
        if name in lead and f"“{name}”" not in lead:
            lead = lead.replace(name, f"“{name}”", 1)
    return lead


TITLE_RE = re.compile(r"《([^《》]{2,40})》")


def cut_title(lead: str, note_texts: Sequence[str]) -> str:
    """A book's or document's title (《中共XX县历史（第三卷）》) whose opening words end what a lead
    names (编纂出版中共|工作), words the notes have nowhere outside it: the title cut. A work named
    after a title's words (安全生产执法检查 of 《…安全生产法》执法检查, 经营业绩考核) is another matter."""
    tokens = lead_tokens(lead)
    core = tokens[:-1] if tokens and tokens[-1][0] in GENERAL_HEADS else tokens
    if not core or core[-1][1].startswith("v") or core[-1][0].endswith((*WORK_HEADS, *lead_words().measure_words)):
        return ""  # …a work (业绩考核 of 《…经营业绩考核办法》)
    last = core[-1][0]
    outside = "".join(TITLE_RE.sub("", text) for text in note_texts)
    for title in dict.fromkeys(t for text in note_texts for t in TITLE_RE.findall(text)):
        named = re.sub(r"[（(][^（）()]*[）)]$", "", title)  # 《XX年鉴（2026）》 ends on 年鉴
        if title not in lead and last in named and not named.endswith(last) and last not in outside:
            return title
    return ""


def broken_name(lead: str, note_texts: Sequence[str]) -> str:
    """A name the notes quote (“希望小屋”, “青年之家”) of which the lead keeps a word but not the
    whole, a word the notes have nowhere else: the name changed (重点小屋, 青年工作阵地). "" if none."""
    outside = "".join(QUOTED_NAME_RE.sub("", text) for text in note_texts)
    names = quoted_names(note_texts)
    others = functools.reduce(lambda text, name: text.replace(name, "|"), names, lead)  # the lead past its whole names
    for name in names:
        if name in lead:
            continue
        if any(len(w) >= 2 and w in lead and w not in outside for w, _ in lead_tokens(name)):
            return name
        # …or its opening characters cut inside a word (非接 of “非接触式”: a 税务局's 便民办税非接); a
        # whole word of it is another matter (高效 of “高效办成一件事”)
        edges = set(itertools.accumulate(len(w) for w, _ in lead_tokens(name)))
        if any(name[:k] in others and name[:k] not in outside for k in range(2, len(name)) if k not in edges):
            return name
    return ""


DROPPED_MODIFIER_SPAN = 4  # at most this many characters between a grade and its noun in the notes
# a level of government or body, not 年级, 等级 or 高级
GRADE_WORDS = ("国家级", "省级", "市级", "县级", "区级", "州级", "乡级", "镇级", "村级", "部级", "校级", "院级")


def dropped_grade_word(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(the lead's words, the notes' words) where a lead puts a grade straight before a noun the
    notes only ever name with a word between: 市级项目 of 市级非遗项目 names every project of the
    city (1.5B, a 文化馆's 着力开展县级和市级项目普查登记 of 县级非遗项目普查登记…, 新申报市级非遗项目)."""
    sources = "".join(note_texts)
    for (grade, _), (noun, _) in pairwise(tokens):
        if grade not in GRADE_WORDS or len(noun) < 2 or grade + noun in sources:
            continue
        if found := re.search(f"{re.escape(grade)}[\u4e00-\u9fff]{{1,{DROPPED_MODIFIER_SPAN}}}?{re.escape(noun)}", sources):
            return grade + noun, found[0]
    return None


def empty_conjunct(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """A work joined by 和 (与, 及) that is only formal wording no note has (…和改革工作, …和建设):
    the words a lead may use beside a work of the notes name none on their own. "" when every
    work has a word of its own (…和退税缓费) or stands in a note (…和提升服务 of 提升服务质量)."""
    words = lead_words()
    # …the genre's verbs as well: 全面推进道路建设与机制优化 (1.5B, over a 环卫所's plan to buy sweepers)
    formal = {*words.free_words, *words.generic_nouns, *words.intensifiers, *words.openers}
    sources = "".join(note_texts)
    cuts = [i for i, (w, _) in enumerate(tokens) if w in CONJUNCTIONS]
    for start, end in pairwise([*cuts, len(tokens)]):
        conjunct = "".join(w for w, _ in tokens[start + 1:end])
        named = conjunct.removesuffix("工作")
        if conjunct and all(w in formal for w, _ in tokens[start + 1:end]) and named not in sources \
                and not reordered(named, note_texts):
            return conjunct
        # …or one bare noun of the genre's after the first work: 全面推动规上工业产值增长和项目 (1.5B,
        # over 招引亿元以上项目3个) names no work, whatever project the note counts
        if start > 1 and end - start == 2 and tokens[start + 1][0] in words.generic_nouns:
            return conjunct
        # …or only where (…蓄水量保障和周边, 1.5B over a 水库管理所's 开展水库周边非法垂钓…整治)
        if conjunct and all(flag.startswith("f") for _, flag in tokens[start + 1:end]):
            return conjunct
    return ""


def split_name(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(name, word) when a lead puts a word between two words that stand together in the notes and
    with it stand nowhere: 执法|办理|监管 of 执法监管 and 办理投诉 — a name broken by another's word."""
    sources = "".join(note_texts)
    words = [w for w, _ in tokens]
    verb = next((i for i, (_, flag) in enumerate(tokens) if flag.startswith("v")), len(tokens))
    for i in range(verb + 2, len(words) - 1):  # inside the object: 全面|开展|预算 is no name split
        # …what follows read as text, not jieba's next word: 农产品|质量|快|检车 (1.5B: 购置农产品质量快检车
        # of 农产品快检车, a 农业执法大队's plan)
        before, word, after = words[i - 1], words[i], "".join(words[i + 1:])[:2]
        if min(len(before), len(word), len(after)) >= 2 and before + after in sources \
                and before + word not in sources and word + after not in sources:
            rest = "".join(words[i + 1:])
            return before + max((rest[:k] for k in range(2, len(rest) + 1) if before + rest[:k] in sources), key=len), word
    return None


SWAPPED_MAX_CHARS = 6
RESULT_OPENERS = ("通过", "完成", "实现", "达到", "获得", "获评")  # what became of a work, not its name


def swapped_word(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(the notes' word, the lead's) when a lead keeps the two words around a note's word and puts
    one no note has in its place: 丘陵山区|建设|试点 of 丘陵山区宜机化改造试点 (1.5B, 农机中心),
    手术|质量|提升 of 手术占比提升 — the name changed, and with it what was done."""
    sources = "".join(note_texts)
    for (before, flag), (word, word_flag), (after, _) in zip(tokens, tokens[1:], tokens[2:], strict=False):
        # a word of another note counts too when it stands beside neither neighbour anywhere (总分|村级|建设
        # of the label 总分馆建设, 1.5B: 村级 is another plan's)
        if len(before) < 2 or len(after) < 2 or flag.startswith("v") or not word_flag.startswith(("n", "v")) \
                or (word in sources and (before + word in sources or word + after in sources)):
            continue
        if found := re.search(f"{re.escape(before)}([\u4e00-\u9fff]{{1,{SWAPPED_MAX_CHARS}}}?){re.escape(after)}", sources):
            return found[1], word
    return swapped_ending(tokens, sources) or swapped_qualifier(tokens, note_texts)


def swapped_qualifier(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """The same right after the lead's verb, where only the word after stands: 实施重点班次建设 (1.5B,
    a 党校's plan) of 举办秋季主体班次4期 — the notes always say 主体 before 班次, and the lead's word
    in its place (the genre's 重点) names other classes."""
    sources = "".join(note_texts)
    words = lead_words()
    # jieba's tags are no guide to a verb here (落实 a, 印发 nz): the genre's verbs are known
    verbs = {*words.openers, *words.intensifiers, *words.work_verbs, *words.doing_verbs, *words.making_verbs,
             *words.grammar_verbs, *words.note_openers, "落实", "完成"}
    # past the lead's verb an adverb of the genre qualifies a name too (开展|全面|债券 of 专项债券, 1.5B)
    verb_at = next((i for i, (w, flag) in enumerate(tokens) if w not in words.intensifiers
                    and (w in verbs or flag.startswith("v"))), len(tokens))
    adverbs = {*words.intensifiers, *words.openers}
    for at, ((word, word_flag), (following, flag)) in enumerate(zip(tokens, tokens[1:], strict=False)):
        # both qualifiers (主体, 重点), the notes' a word of its own: 完成|校舍 is the note's verb
        genre_verb = word in verbs and not (at > verb_at and word in adverbs)
        if word in sources or genre_verb or len(word) < 2 or len(following) < 2 \
                or not word_flag.startswith(MODIFIER_FLAGS) or not flag.startswith("n") or following not in sources:
            continue
        before = {edge_word for text in note_texts for edge_word in words_before(following, text)}
        if len(before) == 1 and (said := before.pop()) and said != word and said not in verbs \
                and lead_tokens(said)[0][1].startswith(MODIFIER_FLAGS):
            return said + following, word + following
    return None


def words_before(word: str, text: str) -> list[str]:
    """The jieba word right before each place ``word`` starts a word of ``text`` ("" at its start)."""
    found: list[str] = []
    spans = token_spans(text)
    for at, (start, _) in enumerate(spans):
        if text.startswith(word, start):
            previous = text[spans[at - 1][0]:start] if at else ""
            found.append(previous if CJK_WORD_RE.fullmatch(previous) and len(previous) >= 2 else "")
    return found


def swapped_ending(tokens: Sequence[tuple[str, str]], sources: str) -> tuple[str, str] | None:
    """The same at the lead's end: 推进丘陵山区建设 (1.5B) of 丘陵山区宜机化改造 — a work of no
    note's in place of the one the notes name after the same words (工作 is the genre's own ending;
    胸痛中心建设 of 胸痛中心通过省级验收 names the work whose result the note gives)."""
    if len(tokens) < 2:
        return None
    (before, flag), (word, _) = tokens[-2], tokens[-1]
    if len(before) < 2 or flag.startswith("v") or word in sources or word == "工作":
        return None
    for found in re.finditer(f"{re.escape(before)}([\u4e00-\u9fff]{{2,{SWAPPED_MAX_CHARS}}})", sources):
        run = found[1]
        if run.startswith(RESULT_OPENERS):
            continue
        if name := next((run[:end] for end in range(len(run), 1, -1) if run[:end].endswith(WORK_NAME_ENDINGS)), ""):
            return name, word
    return None


WORK_AFTER_MAX_CHARS = 6  # 标准化建设 after 工作站 (司法局, 1.5B: 全面推进公共法律服务工作站)


def work_after(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The work a note names right after the thing a lead ends on (提标改造 after 处理设施), or "":
    the lead names the thing, not the work done to it. A project is a work (全面推进智能化粮库建设项目
    of …建设项目主体施工, 1.5B, had been refused). A lead ending on a verb names a work, unless the
    note goes on with what of it the work is done to (持续开展春防免疫 of 开展春防免疫效果监测, 1.5B,
    a 动物疫控中心's: the work is 监测)."""
    if not tokens or tokens[-1][0].endswith((*WORK_NAME_ENDINGS, *lead_words().work_things)):
        return ""
    last, ends_on_verb = tokens[-1][0], tokens[-1][1].startswith("v")
    runs = [found[0] if (found := CJK_WORD_RE.match(rest)) else "" for _, _, rest in after_word(last, note_texts)]
    if ends_on_verb:  # …only where every note goes on so (养老服务： is a label, 养老服务中心建设 a name)
        works = [run for run in runs if len(run) > 2 and lead_tokens(run)[0][1].startswith("n")]
        runs = works if len(works) == len(runs) else []
    for run in runs:
        # 严格审核…合法性 does it already
        if run and len(run) <= WORK_AFTER_MAX_CHARS and run.endswith(WORK_NAME_ENDINGS) and not any(run.endswith(w) for w, _ in tokens):
            return run
        # …or the work's verb right after it, before more (病死畜禽无害化|处理收集1.6万头, 1.5B: 开展…无害化)
        # (…“积分制”|治理模式 is a name: the verb qualifies the noun after it)
        if run and not ends_on_verb and (after := lead_tokens(run))[0][0] in WORK_AFTER_VERBS \
                and after[0][0] not in last and not (len(after) > 1 and after[1][1].startswith("n")):
            return after[0][0]
    return ""


WORK_AFTER_VERBS = ("处理", "处置", "整治", "整改", "改造", "修复", "治理")


GENERAL_HEADS = ("建设", "工作")
BRACKETS_RE = re.compile(r"[（(）)“”《》]")


def name_cut_before_head(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(the lead's last noun, the character the notes go on with) when a lead closes on a general
    head (建设, 工作) right after a name the notes go on with one character more: 乡镇街道|建设 of
    乡镇（街道）志编修试点 (1.5B, a 地方志 centre's plan), 门诊|建设 of 门诊楼, 线路|建设 of S216线路面
    工程 — the name cut, the general word put for the rest."""
    # jieba tags a name it shortens "j" (乡镇|中医|建设 of 建设乡镇中医馆5个: 1.5B, a 卫健局's plan)
    if len(tokens) < 3 or tokens[-1][0] not in GENERAL_HEADS or not tokens[-2][1].startswith(("n", "j")):
        return None
    name = "".join(w for w, _ in object_tokens("".join(w for w, _ in tokens[:-1])))
    for text in note_texts:
        plain = BRACKETS_RE.sub("", text)
        for match in re.finditer(re.escape(name), plain) if len(name) >= 2 else ():
            following = token_at(plain, match.end())
            if following and len(following[0]) == 1 and CJK_WORD_RE.fullmatch(following[0]) \
                    and following[1].startswith("n"):
                return tokens[-2][0], following[0]
    return None


QUOTE_MODIFIERS = ("遗留",)  # jieba: vn, yet it only qualifies the name after it


def quote_follows(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(the lead's last word, the quoted name after it) when every note that has the lead's last
    two words goes straight on into a quoted name there (化解历史遗留|“办证难”项目): the lead stops
    before the name its work is about. A closing 工作 aside."""
    core = list(tokens[:-1] if tokens and tokens[-1][0] == "工作" else tokens)
    if len(core) < 2 or not CJK_WORD_RE.fullmatch(core[-1][0]):
        return None
    # a work's name may stand before its own quoted part (农村人居环境整治“五清”行动, 动物防疫“先打后补”);
    # whom or what the work is about (适龄妇女“两癌”筛查, 宗教活动场所“三进”活动) or a modifier
    # (历史遗留) may not
    word, flag = core[-1]
    if word.endswith(WORK_NAME_ENDINGS) or not (flag.startswith("n") and flag != "vn" or word in QUOTE_MODIFIERS):
        return None
    tail = core[-2][0] + core[-1][0]
    names = [re.match(r"“[^”]+”[\u4e00-\u9fff]*", rest) for _, _, rest in after_word(tail, note_texts)]
    if names and all(names):
        return core[-1][0], names[0][0]  # type: ignore[index]
    return None


def pairing_slips(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> list[str]:
    """Whether the lead's verb fits its object as the notes have them: a document, harm, thing
    or partner is not carried out, nor is one note's verb given another's work."""
    found: list[str] = []
    if mismatch := mismatched_object(tokens):  # seen: 扎实开展校园安全专项整治方案, 全面开展…事项目录
        verb_at = next(i for i, (w, _) in enumerate(tokens) if w == mismatch[0])
        # the re-ask names the note's own verb (出台…实施细则): the 1.5B wrote 推动…实施细则 twice without it
        said = f"（要点中是“{made}”）" if (made := making_verb(tokens[verb_at + 1:], note_texts)) else ""
        found.append(f"概括短语中“{mismatch[0]}”与“{mismatch[1]}”搭配不当{said}，应写做的是什么工作")
    if harmed := harm_done(tokens):  # seen: 全面开展森林火灾和防汛抢险 (a plan's heading)
        found.append(f"概括短语中“{harmed[0]}”与“{harmed[1]}”搭配不当，应写做的是什么工作（如防范、处置、整治）")
    if honour := honour_named(tokens):  # seen: 着力推进获市级优质课一等奖工作, 切实开展干警业务标兵
        found.append(f"概括短语写的是获得的荣誉（“{honour}”），应写做的是什么工作（如培养、培训、创建）")
    if paid := harm_done(tokens, lead_words().money_nouns, note_texts):  # seen: 全面开展人防工程易地建设费 (收缴…286万元)
        found.append(f"概括短语中“{paid[0]}”与“{paid[1]}”搭配不当，应写对这笔钱做的是什么工作（如收缴、发放、使用）")
    takings = lead_words().takings_nouns
    if measured := harm_done(tokens, lead_words().measure_nouns + takings, note_texts, takings):  # seen: 扎实开展水质
        found.append(f"概括短语中“{measured[0]}”与“{measured[1]}”搭配不当：质量、增速、目标不是做的工作，应写为它做了什么（如监测、治理、培育、投资）")
    if misused := misused_verb(tokens, note_texts):  # seen: 深入实施退役军人专场招聘会 (举办…招聘会4场)
        found.append(f"概括短语中“{misused[0]}”与“{misused[1]}”搭配不当（要点中是“{misused[2]}”），应照要点的说法写")
    elif thing := counted_thing(tokens, note_texts):  # seen: 进一步开展水库 (对3座小型水库…落实巡查责任人)
        found.append(f"概括短语中“{thing[0]}”与“{thing[1]}”搭配不当（“{thing[1]}”是要点中数过的事物），"
                     "应写对它做的是什么工作（如建设、巡查、管护）")
    if split := verb_of_another_note(tokens, note_texts):  # seen: 全面播发应急广播终端更新改造
        found.append(f"概括短语中“{split[0]}”与“{split[1]}”出自要点中不同的地方，搭配不当，应写做的是什么工作")
    if target := target_as_work(tokens, note_texts):  # seen: 开展安全生产执法检查和义务教育 (…对义务教育均衡发展开展专题询问)
        found.append(f"要点写的是对“{target[0]}”开展“{target[1]}”，概括短语应写“{target[1]}”这项工作，不能把“{target[0]}”写成做的工作")
    if stitched := stitched_verb(tokens, note_texts):  # seen: 召开专题协商会开展意见建议, 高效接待游客和提升旅游综合
        found.append(f"概括短语在“{stitched[0]}”之后又加了要点中没有的“{stitched[1]}”，应只用一个动词概括做的是什么工作")
    if tokens and tokens[-1][0].endswith(lead_words().partner_endings):  # seen: 着力抓好联合市场监管部门工作
        found.append(f"概括短语以合作的“{tokens[-1][0]}”结尾，应写做的是什么工作")
    if recipient := recipient_named(tokens, note_texts):  # seen: 加快推进县卫健局申报改造工作
        found.append(f"概括短语写了要点中向其报送、与其合作的单位（“{recipient}”），应写做的是什么工作")
    if place := facility_worked(tokens):  # seen: 深入实施青少年科技教育基地 (申报…基地)
        found.append(f"概括短语中“{place[0]}”与“{place[1]}”搭配不当（“{place[1]}”是场所），应写对它做的是什么工作（如建设、运营、申报）")
    if people := pushed_people(tokens):  # seen: 着力推动竞技体育后备人才
        found.append(f"概括短语中“{people[0]}”与“{people[1]}”搭配不当，应写对他们做的是什么工作（如培养、培训、服务）")
    return found


# 对全县义务教育均衡发展开展专题询问1次: 义务教育… is what the work looks at, 专题询问 the work
TARGET_RE = re.compile(r"对(?:全县|全市|全区|全镇|全乡|辖区|各)?(?P<target>[^，。；;,对]{3,20}?)(?:开展|进行|实施|组织)"
                       r"(?P<work>[\u4e00-\u9fff“”]{2,12})")
TARGET_NAME_CHARS = 4  # 义务教育 of 义务教育均衡发展: enough of the target to be named by it


def target_as_work(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(target, work) when the lead names what a note's work was done to (对X开展Y) and not the
    work: a 人大's 专题询问 on 义务教育均衡发展 led 开展…义务教育 (1.5B), a work the 人大 never did."""
    lead = "".join(word for word, _ in tokens)
    for text in note_texts:
        for found in TARGET_RE.finditer(text):
            target, work = found["target"], found["work"].strip("“”")
            names_target = any(target[i:i + TARGET_NAME_CHARS] in lead for i in range(len(target) - TARGET_NAME_CHARS + 1))
            if names_target and not any(work[i:i + 2] in lead for i in range(len(work) - 1)):
                return target, work
    return None


def stitched_verb(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(the lead's own verb, a genre verb after it) when a lead opening on a verb of its notes'
    goes on to a verb of the genre's the notes never use: 召开专题协商会开展意见建议 (1.5B, over
    召开专题协商会3次，…提出意见建议42条) stitches a second work of its own onto the first (over a
    whole eval run's 1,335 leads it finds one more: 高效接待游客和提升旅游综合). A plan's intent
    (确保不动产登记工作落实) is no verb of the lead's own."""
    words = lead_words()
    genre = {*words.openers, *words.grammar_verbs}
    skipped = {*genre, *words.intensifiers, *words.intent_openers}
    start = 0
    while start < len(tokens) and tokens[start][0] in skipped:
        start += 1
    if start >= len(tokens) or not tokens[start][1].startswith("v"):
        return None
    source = "".join(note_texts)
    later = next((word for word, _ in tokens[start + 1:] if word in genre and word not in source), "")
    return (tokens[start][0], later) if later else None


# 已向县卫健局申报改造项目 / 会同财政部门… — the unit after 向, 会同 is whom the work was sent to or
# done with, not the work
RECIPIENT_RE = re.compile(r"(?:向|会同|配合|协调|联合|提请|报请|报送)(?P<unit>(?:[县市区省镇乡]|上级)?[\u4e00-\u9fff]{1,8}?"
                          r"(?:局|委|办|部门|中心|政府|银行|公司|院|厅|部))")


def recipient_named(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The unit a lead names that its notes name only as whom the work went to or was done with:
    加快推进县卫健局申报改造工作 (1.5B, over 已向县卫健局申报改造项目，力争年内开工); "" otherwise."""
    lead, source = "".join(word for word, _ in tokens), "".join(note_texts)
    units = [found["unit"] for text in note_texts for found in RECIPIENT_RE.finditer(text)]
    # a unit the notes also name as doing the work (县卫健局牵头…) may be named
    return next((unit for unit in units if unit in lead and source.count(unit) == units.count(unit)), "")


FACILITY_VERBS = ("开展", "实施", "推进", "推动")


def facility_worked(tokens: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(verb, place) when a lead carries out or pushes on a place (开展…胸痛中心, 实施…基地), or None."""
    core = without_closing_work(tokens)
    verb = next((w for w, _ in core[:-1] if w in FACILITY_VERBS), "")
    return (verb, core[-1][0]) if verb and core and core[-1][0].endswith(lead_words().facility_endings) else None


def pushed_people(tokens: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(verb, people) when a lead's verb of work has people for its last word (推动…后备人才), or its
    verb of doing well (切实做好护理和检验专业技术人员: 1.5B, a 血站's 招聘…技术人员6名)."""
    verb = work_verb(tokens) or next((w for w, _ in tokens if w == "做好"), "")
    words = lead_words()
    last = tokens[-1][0] if tokens else ""
    people = next((p for p in words.people_endings if last.endswith(p)), "")
    if last == "工作" and len(tokens) > 1:  # …or their 工作, when they make no field (检验专业技术人员工作)
        people = next((p for p in words.counted_people if tokens[-2][0].endswith(p)), "")
    return (verb, people) if verb and people else None


def reordered(word: str, note_texts: Sequence[str]) -> bool:
    """Whether jieba's one word of a lead is two words of one note, named in the genre's order: 垃圾清运
    of 清运生活垃圾 (1.5B, a 环卫所's 生活垃圾清运, refused as a new word), 设施维护 of 维护…设施."""
    return any(word[:cut] in text and word[cut:] in text
               for text in note_texts for cut in range(2, len(word) - 1))


JOINED_TAILS = ("活动",)  # a general noun the notes have, joined by jieba to a word of theirs (科普活动)


def source_slips(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str], exemplar_texts: Sequence[str]) -> list[str]:
    """Whether the lead's nouns are its notes' own: never an exemplar's, never new, and one at least
    naming the particular work."""
    words = lead_words()
    sources = "".join(note_texts)
    found: list[str] = []
    objects = [w for w, flag in tokens if flag.startswith(NOUN_FLAGS) and len(w) >= 2
               and w not in words.free_words and w not in words.openers and w not in words.grammar_verbs]
    # jieba joins a word of the notes to the genre's (体检工作 of 健康体检 + 工作): the notes' part counts,
    # and so it does before 活动 (科普活动 of 科普日主场活动, 1.5B, a 科协's: refused as a new word)
    tails = (*words.free_words, *(tail for tail in JOINED_TAILS if tail in sources))
    unsaid = [w for w in objects if w not in sources and not any(
        w.endswith(tail) and len(w) > len(tail) and w[:-len(tail)] in sources for tail in tails)
        and not reordered(w, note_texts)]
    borrowed = [w for w in unsaid if any(w in e for e in exemplar_texts)]
    novel = [w for w in unsaid if w not in borrowed]
    if borrowed:
        found.append(f"概括短语照搬了范例中的词语：{'、'.join(dict.fromkeys(borrowed))}")
    if novel:
        found.append(f"概括短语中有要点里没有的词语：{'、'.join(dict.fromkeys(novel))}")
    # …a word jieba reads as characters counts whole (治|超 of a 交通运输局's 治超：)
    if not any(w in sources for w, _ in tokens if len(w) >= 2 and w not in words.free_words
               and w not in words.openers) and not any(run in sources for run in single_runs(tokens)):
        found.append("概括短语应点明要点中的具体工作")
    return found


# A date or time a note opens with (3月5日, 1月20日-2月10日, 3月-5月, 一季度，): not part of its work.
# 上半年 stays: it is the report's own period, and 积极认定高新技术企业 over 上半年认定高新技术企业12家 stands.


def misordered_verbs(tokens: Sequence[tuple[str, str]], sources: str = "") -> list[str]:
    """Why a lead's verbs do not read as one verb–object phrase: 做好 then 开展 (着力做好开展…工作),
    抓 after a verb (扎实推进抓招商工作, under a plan's 抓招商), an adverb of manner after the verb
    (持续推动大力通过和建设), or one that may open a name there only before a verb the notes do not
    give it to (推动重点实施新三板挂牌, 深入实施重点培育工作; 重点排查 where the notes say so) — all seen."""
    words = lead_words()
    found: list[str] = []
    # 做好 and 抓好 take a work, not a second verb of carrying out (着力做好开展全媒体采编工作; 做好筹集
    # 房源工作 names one)
    # 持续做好完成县城投公司… (seen); 扎实做好召开党委理论学习工作 (built over 召开…学习6次, a 镇's notes)
    carrying_out = (*words.work_verbs, *words.doing_verbs, *words.making_verbs, "落实", "完成")
    pairs = list(zip((w for w, _ in tokens), (w for w, _ in tokens[1:])))
    if any(word in ("做好", "抓好") and following in carrying_out for word, following in pairs):
        found.append("概括短语中“做好”“抓好”后应接工作的名称，不接“开展”“推进”一类动词")
    # …nor does a verb of carrying out take 做好 (持续推进做好全国科普工作, seen)
    if any(word in carrying_out and following in ("做好", "抓好") for word, following in pairs):
        found.append("概括短语中“推进”“开展”一类动词与“做好”“抓好”不连用，只用一个，后接工作的名称")
    if doubled := next((w for w, _ in tokens[1:] if w in BARE_DOING_VERBS), ""):
        found.append(f"概括短语中“{doubled}”与前面的动词重复，应写做的是什么工作")
    verb_at = next((i for i, (w, flag) in enumerate(tokens) if flag.startswith("v") and w not in MANNER_ADVERBS), len(tokens))
    late = [w for w, _ in tokens[verb_at + 1:] if w in MANNER_ADVERBS]
    late += [w for (w, _), (following, flag) in zip(tokens[verb_at + 1:], tokens[verb_at + 2:], strict=False)
             if w in NAMING_ADVERBS and flag.startswith("v") and w + following not in sources]
    if late:
        found.append(f"概括短语中“{late[0]}”应放在动词前，写成“扎实推进某某工作”的形式")
    # 组织主体班次开展工作 (1.5B, a 党校's plan): the verb of the work after its name, before 工作
    if len(tokens) >= 3 and tokens[-1][0] == "工作" and tokens[-2][0] in (*words.work_verbs, *words.doing_verbs) \
            and tokens[-3][1].startswith(NOUN_FLAGS) and tokens[-3][0] + tokens[-2][0] not in sources:  # 国企改革深化|提升行动
        found.append(f"概括短语中“{tokens[-2][0]}”应放在工作的名称前，写成“{tokens[-2][0]}某某工作”的形式")
    return found


BARE_DOING_VERBS = ("抓", "搞", "干", "做")
DOING_COMPLEMENTS = "好实牢细优强"  # 抓好, 做实 …: the second character of a bare verb's word
SELF_NAME_RE = re.compile(r"我[局县市区省镇乡委办部厅院校所站队处科]|本(?:局|单位|部门)")

# Adverbs that say how a work is done: before its verb, never inside its object (高质量, 全面 and
# 持续 may be: 高质量发展, 全面从严治党, 持续向好).
MANNER_ADVERBS = ("大力", "扎实", "积极", "全力", "稳步", "有序", "切实", "着力", "深入")

NAMING_ADVERBS = ("高质量", "全面", "重点")  # …that may open a name (重点项目, 全面从严治党), not before a verb

COUNTED_ENTITIES = ("企业", "单位", "群众", "人员", "对象")


def counted_object(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The general noun a lead ends on where a note counts it right after the lead's last two
    words (…检查企业 of 执法检查企业120家): the lead has copied a fact's opening, not named its
    work. "" otherwise (推进套餐服务 over 套餐服务23个 names one)."""
    # who or what is counted (检查企业120家), not a thing a work is named by (套餐服务23个)
    if len(tokens) < 2 or tokens[-1][0] not in COUNTED_ENTITIES:
        return ""
    # what was done to them (执法|检查 企业), not what kind they are (高新技术企业, 规上企业: a work
    # names them, 认定高新技术企业12家 — refused before)
    if not lead_tokens(tokens[-2][0][-2:])[0][1].startswith("v"):
        return ""
    tail = tokens[-2][0] + tokens[-1][0]
    counted = any(re.search(re.escape(tail) + r"[0-9０-９]", text) for text in note_texts)
    return tokens[-1][0] if counted else ""


def counted_new(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The thing a lead ends on as its notes count what was added (…矩阵新增账号 of 新增账号12个, 1.5B,
    a 网信办's notes): a fact's opening, not a work. 城镇新增就业 (a work, counted) stays."""
    if len(tokens) < 3 or tokens[-2][0] != "新增" or not tokens[-1][1].startswith("n"):
        return ""
    tail = "新增" + tokens[-1][0]
    return tail if any(re.search(re.escape(tail) + r"[0-9０-９]", text) for text in note_texts) else ""


def mismatched_object(tokens: Sequence[tuple[str, str]]) -> tuple[str, str] | None:
    """(verb, document) when a lead does to a document what is done to a work (开展…方案,
    推进…目录): a plan or list is drawn up or issued (印发方案, 制定目录), and the work is what it sets."""
    words = lead_words()
    if not tokens or not tokens[-1][0].endswith(words.document_nouns):  # 实施细则 is one word to jieba
        return None
    verb = next((w for w, _ in tokens[:-1] if w in words.work_verbs), "")
    return (verb, tokens[-1][0]) if verb else None


def work_verb(tokens: Sequence[tuple[str, str]]) -> str:
    """The lead's verb of work or of carrying out (推进, 开展 …), or ""."""
    words = lead_words()
    return next((w for w, _ in tokens if w in (*words.work_verbs, *words.doing_verbs)), "")


def harm_done(tokens: Sequence[tuple[str, str]], endings: Sequence[str] = (),
              note_texts: Sequence[str] = (), not_done_well: Sequence[str] = ()) -> tuple[str, str] | None:
    """(verb, harm) when a lead carries out a harm (开展森林火灾, 推进…事故): one of its works,
    the words between its verb or a 和 and the next 和 or its end, ends on one. ``endings`` other
    than the harms: money, which is collected or paid, not carried out (开展人防工程易地建设费);
    ``not_done_well``: those of them that 做好 does not fit either (扎实做好营业工作)."""
    words = lead_words()
    harms = not endings
    endings = tuple(endings) or words.harm_nouns
    # 做好 (a built lead's verb): with a harm only one that happens (扎实做好“办证难”工作); with a
    # measure only a quality (做好空气质量工作); with money it reads (做好…贷款工作)
    done_well = words.happening_harms if harms else tuple(not_done_well)
    carrying = (*words.work_verbs, *words.doing_verbs, *(["做好"] if done_well else []))
    if not any(w in carrying for w, _ in tokens):
        return None
    at, main = next(((i, w) for i, (w, flag) in enumerate(tokens) if flag == "v" or w in words.grammar_verbs),
                    (0, ""))  # jieba: 办理 n
    if main not in carrying and at + 1 < len(tokens) and tokens[at + 1][0] in carrying:
        main = tokens[at + 1][0]  # 加快推进“办证难”工作 pushes on (推进): 加快 says how
    ends = work_heads(tokens)
    for end in ends:
        # the verb that governs this work: a conjunct's own verb after 和, else the lead's —
        # 持续办理案件和提升服务 handles its cases (办理), it does not 提升 them
        start = max((i + 1 for i, (w, _) in enumerate(tokens[:end]) if w in CONJUNCTIONS), default=0)
        # …购置与应用补贴资金: a 与 the notes write inside the name joins no two works, and 应用 governs nothing
        in_name = start >= 2 and any("".join(w for w, _ in tokens[start - 2:start + 1]) in text for text in note_texts)
        verb = tokens[start][0] if start and tokens[start][1] == "v" and not in_name else main
        if tokens[end][0].endswith(done_well if verb == "做好" else endings) and verb in carrying:
            return verb, tokens[end][0]
    return None


def honour_named(tokens: Sequence[tuple[str, str]]) -> str:
    """The honour a lead names as its work (获市级优质课一等奖, 业务标兵): an award is what the
    work earned, never a work to carry out; "" when it names none."""
    lead = "".join(word for word, _ in tokens)
    if won := re.search(r"荣?获[评得]?[\u4e00-\u9fff]{0,8}", lead):
        return won.group(0)
    return next((tokens[end][0] for end in work_heads(tokens) if tokens[end][0].endswith(lead_words().honour_endings)), "")


def work_heads(tokens: Sequence[tuple[str, str]]) -> list[int]:
    """Where each work's own last word stands (``work_ends``), the word before a closing 工作:
    …隐患工作 names a harm as its "work" (进一步推进隐患工作), …到位工作 a result."""
    return [named_before(tokens, end) if tokens[end][0] == "工作" and end > 0 else end for end in work_ends(tokens)]


def named_before(tokens: Sequence[tuple[str, str]], end: int) -> int:
    """The word before ``end``, past a closing quote: 持续推进“办证难”工作 names 办证难 as its work."""
    before = end - 1
    return before - 1 if tokens[before][0] == "”" and before > 0 else before


def work_ends(tokens: Sequence[tuple[str, str]]) -> list[int]:
    """Where each work a lead names ends: before each 和 (与, 及) and at its end."""
    return [i - 1 for i, (w, _) in enumerate(tokens) if w in CONJUNCTIONS and i > 0] + [len(tokens) - 1] if tokens else []


APPLYING_VERBS = ("申报",)


def misused_verb(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str, str] | None:
    """(lead's verb, thing, note's verb) when a lead carries out what its note made or held
    (实施…招聘会 of 举办…招聘会4场, 开展…城市书房 of 新建城市书房6个): a thing is held, built or
    issued; the lead's verb of doing fits a work, not the thing."""
    words = lead_words()
    at = next((i for i, (w, _) in enumerate(tokens[:-1]) if w in words.doing_verbs or w in PUSHING_VERBS), -1)
    verb = tokens[at][0] if at >= 0 else ""
    if not verb:
        return None
    # each conjunct's thing: 开展关工委工作会议和规范化建设 (1.5B, a 关工委's 召开…会议) held a meeting
    start = at + 1
    for end in (end for end in work_ends(tokens) if end > at):
        objects, last = tokens[start:end + 1], end == len(tokens) - 1
        start = end + 2  # past the 和 to the next work
        thing = objects[-1][0] if objects else ""
        if verb == "实施" and thing in ("申请", *APPLYING_VERBS):
            return (verb, thing, thing)  # 实施设备更新专项资金申请 (1.5B, a 检验检测中心's): an application is made
        if len(thing) < 2 or thing in words.work_things:  # 实施…供水工程 of 新建…供水工程 is right
            continue
        # before 和 only the whole name as the notes' word: 巡察干部培训 is no 培训班 of 举办巡察干部培训班
        making = making_verb(objects, note_texts, whole=not last)
        # 深入实施健康讲座 of 开展健康讲座120场 (1.5B, 疾控中心): a talk is given, not implemented
        if not making and verb == "实施":
            making = making_verb(objects, note_texts, ("开展",))
        # 深入实施医院复审 of 申报二级甲等中医医院复审 (1.5B, a 中医医院's plan): what a unit applies
        # for, another body carries out
        if not making:
            making = making_verb(objects, note_texts, APPLYING_VERBS)
        # 推进 fits a thing being built (推动农村供水工程), not an event held (扎实推进业务培训班 of 举办村会计
        # 业务培训班2期, 1.5B, a 农经站's plan)
        if making and (verb not in PUSHING_VERBS or making in HELD_VERBS):
            return (verb, thing, making)
    return None


PUSHING_VERBS = ("推进", "推动")
HELD_VERBS = ("举办", "召开", "举行")


def verb_of_another_note(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(verb, object) when a lead's own verb (a note's word, not the genre's 推进 or 开展) comes
    from one note and its object from another: 全面播发应急广播终端更新改造 joined 播发各类稿件 to
    完成应急广播终端更新改造 (a 融媒体中心's notes grouped by keyword)."""
    words = lead_words()
    generic = {*words.openers, *words.intensifiers, *words.work_verbs, *words.doing_verbs, *words.grammar_verbs}
    at = next((i for i, (w, _) in enumerate(tokens) if w not in words.intensifiers), -1)
    if at < 0 or len(note_texts) < 2 or not tokens[at][1].startswith("v") or tokens[at][0] in generic:
        return None
    verb = tokens[at][0]
    span = []  # the verb's object: up to a second work (和, 与, 及)
    for word, flag in tokens[at + 1:]:
        if word in CONJUNCTIONS:
            break
        span.append((word, flag))
    objects = [w for w, flag in span if len(w) >= 2 and flag.startswith(NOUN_FLAGS) and w not in words.free_words]
    if not objects or not any(verb in text for text in note_texts):
        return None
    # …or of one note, from a clause after the verb's: 高效接待查档证明材料 of 接待查档群众1320人次，出具证明
    # 材料960份 (1.5B, a 档案馆's notes). A clause before it may name what the verb goes on with:
    # 整改…审计反馈问题 of 上级审计反馈问题17个，已整改15个.
    for text in note_texts:
        clauses = re.split(r"[，,；;。]", text)
        if any(verb in clause and any(o in "".join(clauses[:at + 1]) for o in objects) for at, clause in enumerate(clauses)):
            return None
    return verb, "".join(w for w, _ in span)


# Classifiers of things (3座小型水库), not of events (检查46次, 招聘会4场, 轮训2期). After a word
# only those no verb takes count a thing: 大棚120栋, but 疫木清理4300株 and 整治46处 count what was done.
THING_CLASSIFIERS = "座栋幢个处台辆间套块所家条根只头株棵口眼张部艘顶"
# 顶: 实施救灾帐篷 of 新增救灾帐篷200顶 (1.5B, 粮储中心); 家: 推进…农民合作社 of 新增家庭农场38家、农民合作社12家
# (1.5B, a 农经站's) — not 家次, which counts visits (开展机关档案业务指导32家次)
THING_ONLY_CLASSIFIERS = "座栋幢台辆间套块张艘顶家"


def counted_thing(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> tuple[str, str] | None:
    """(verb, thing) when a lead carries out (开展, 实施, 推进 …) what its notes count as things: 开展水库
    of 对3座小型水库…, 实施设施蔬菜大棚 of 大棚120栋. A work is done to a thing; the thing is no work."""
    words = lead_words()
    # 推进 and 做好 no more than 开展: 持续推进救灾帐篷 of 新增救灾帐篷200顶 (1.5B, 粮储中心); they
    # push works named after the count, though (推进学校改扩建 of 完成2所学校改扩建): only a thing
    # counted right beside the figure is theirs
    verbs = {*words.doing_verbs, *words.work_verbs, "做好"}
    verb = next((w for w, _ in tokens[:-1] if w in verbs), "")
    between = 3 if verb in words.doing_verbs else 0
    thing = tokens[-1][0] if tokens else ""
    if not verb or len(thing) < 2 or thing.endswith(tuple(words.work_things)) or tokens[-1][1].startswith("v"):
        return None
    number = r"[0-9０-９.]+\s*"
    # a word or two may stand between (3座|小型|水库), not a name (5个|部门预算执行|审计 counts 部门)
    counted = re.compile(f"{number}[{THING_CLASSIFIERS}][^，。；、0-9]{{0,{between}}}?{re.escape(thing)}"
                         f"|{re.escape(thing)}{number}[{THING_ONLY_CLASSIFIERS}](?!次)")  # 指导32家次 counts visits
    return (verb, thing) if any(counted.search(text) for text in note_texts) else None


def making_verb(objects: Sequence[tuple[str, str]], note_texts: Sequence[str], verbs: Sequence[str] = (),
                whole: bool = False) -> str:
    """The verb by which a note made, held or issued a lead's object (举办, 新建, 出台 …; or one of
    ``verbs``), or "". It stands before the whole object (举办第二期|残疾人职业技能培训班), else
    before its last word; with ``whole``, only before the whole object. The whole object ends where
    a word of the note ends: …业务培训 is no 培训班 of 举办…业务培训班 (开展…培训 is said well)."""
    if not objects:
        return ""
    verbs = verbs or lead_words().making_verbs
    named, thing = "".join(w for w, _ in objects), objects[-1][0]
    # a lone last word is sought anywhere (幼儿 of 新建幼儿园); the whole object, once a note has it
    # (农机手安全培训 of 完成农机手安全培训300人), is no 培训 of another's 举办…培训班
    held_to_words = whole or any(named in note for note in note_texts)
    for note in note_texts:
        found_at = list(re.finditer(re.escape(named if held_to_words else thing), note))
        ends = {end for _, end in token_spans(note)} if held_to_words and found_at else set()  # once a note
        for found in (f for f in found_at if not held_to_words or f.end() in ends):
            before = re.split(r"[，。；、,;：:]", note[max(0, found.start() - MAKING_REACH):found.start()])[-1]
            if making := [m for m in verbs if m in before]:
                return max(making, key=before.rfind)
    return ""


def adverb_then_verb(lead: str, sources: str = "") -> bool:
    """Whether a lead that opens with an adverb (扎实, 全面, 持续 …) has a verb after it (not 扎实民生
    支出). jieba's one word for a verb and its object (解决问题) counts by its first two characters;
    a word of the notes it tags as an adjective counts too (it tags 清理 so: 高效清理办公用房)."""
    words = lead_words()
    adverb = next((w for w in sorted(words.intensifiers, key=len, reverse=True) if lead.startswith(w)), "")
    rest = lead[len(adverb):]
    if not adverb or not rest or rest.startswith((*words.openers, *words.grammar_verbs)):
        return True
    firsts = [lead_tokens(text)[0] for text in (rest, rest[:2])]
    return any(flag.startswith("v") or flag == "a" and len(word) >= 2 and word in sources for word, flag in firsts)


def word_fragments(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> list[str]:
    """Words of a lead that the notes have only cut from another word: a one-character noun only
    inside a word (卫 of 社区卫生服务站), a longer word only ending inside a two-character one
    (投公 of 县城投公, the notes' 县城|投|公司). Longer words are not held to the notes' other edges:
    jieba cuts a note and a lead differently (社区卫生|服务站)."""
    def aligned(word: str, text: str) -> bool:
        edges = {edge for span in token_spans(text) for edge in span}
        starts = [m.start() for m in re.finditer(re.escape(word), text)]
        return not starts or any(start in edges and start + len(word) in edges for start in starts)

    def cut_short(word: str, last: bool = False, at_end: bool = False) -> bool:
        # the last word of what a lead names is held to a longer word of the notes too, when what it
        # leaves of it is a thing's one-character name (住房公积|金, “五老”报告|团: built leads) — not a
        # work, a group or a measure (统计执法|检查, 统计|力量, 利用|率) — or a unit's last character
        # whatever jieba tags the word (配合县委宣传|部, built: a partner unit cut into a work)
        ends = [(text, m.end()) for text in note_texts for m in re.finditer(re.escape(word), text)]
        return bool(ends) and all(any(start < end < stop and (
            stop - start == 2 or (last and names_a_thing(text[end:stop]) and not names_the_event(word, text[end:stop]))
            or (at_end and text[end:stop] in UNIT_ENDINGS))
            for start, stop in token_spans(text)) for text, end in ends)

    # …or any one character right after a quoted name (“我们的节日”端 of “我们的节日”端午, built)
    after_quote = {i for i, (w, _) in enumerate(tokens) if i and tokens[i - 1][0] == "”"}
    single = [w for i, (w, flag) in enumerate(tokens) if CJK_WORD_RE.fullmatch(w) and (
        # jieba tags a character it cannot place "zg": at the end of what the lead names it is a word
        # cut (县乡村三级|物 of …物流体系: built, a 交通运输局's), before it mostly a place (县|工商联)
        (len(w) == 1 and (flag.startswith("n") or (flag == "zg" and ends_the_object(tokens, i)) or i in after_quote)
         and not all(aligned(w, text) for text in note_texts))
        # …and a verb ending it that the notes have only inside a word (为在建项目|办 of 办理, built;
        # 国省道大中|修 stands as a word in its note), or a preposition so (政银企|对 of 对接会, built)
        or (len(w) == 1 and flag in ("v", "p") and ends_the_object(tokens, i) and w in "".join(note_texts)
            and not any(w in text and aligned(w, text) for text in note_texts))
        or (len(w) >= 2 and cut_short(w, flag.startswith("n") and ends_the_object(tokens, i), ends_the_object(tokens, i))))]
    # …or a word the notes only have bound to the 可 before it (支配 of 人均可支配收入, built: jieba
    # reads 可|支配|收入, and the lead named a verb of nothing)
    verb = next((i for i, (_, flag) in enumerate(tokens) if flag.startswith("v")), len(tokens))
    bound = [w for w, _ in tokens[verb + 1:] if len(w) >= 2 and after_ke(w, note_texts)]  # 持续 of 可持续 opens leads
    return single + bound + [run for run in single_runs(tokens) if not all(aligned(run, text) for text in note_texts)]


def after_ke(word: str, note_texts: Sequence[str]) -> bool:
    """Whether every time the notes say ``word`` it follows 可 (可支配, 可持续, 可复制)."""
    places = [text[:m.start()] for text in note_texts for m in re.finditer(re.escape(word), text)]
    return bool(places) and all(before.endswith("可") for before in places)


UNIT_ENDINGS = ("部", "局", "办", "委", "厅")  # the last character of a unit's name (宣传部, 侨办)


EVENT_ENDINGS = ("班", "会")  # what an activity is held as: 培训|班, 招聘|会


def names_the_event(word: str, rest: str) -> bool:
    """Whether a word the lead cut short of an event's name still names the event's activity:
    …业务培训 of …业务培训班 (开展…培训 says what was done; the 1.5B's lead, a 纪委监委's notes)."""
    tokens = lead_tokens(word[-2:])
    return rest in EVENT_ENDINGS and len(tokens) == 1 and tokens[0][1] in ("v", "vn")


def names_a_thing(rest: str) -> bool:
    """Whether the end of a word a lead cut is a thing's name (金 of 公积金, 团 of 报告团)."""
    tokens = lead_tokens(rest)
    # one character: a longer end is as often a word of its own jieba joined (人才|沙龙, 外资利用|额)
    return len(rest) == 1 and len(tokens) == 1 and tokens[0][1].startswith("n") and rest != RATE_SUFFIX


def ends_the_object(tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """Whether the word at ``at`` is the last of what a lead names: its last word, or the last before
    a closing general head (…物|工作)."""
    return at == len(tokens) - 1 or (at == len(tokens) - 2 and tokens[-1][0] in GENERAL_HEADS)


def single_runs(tokens: Sequence[tuple[str, str]]) -> list[str]:
    """Runs of two or more one-character words of a lead (不|动 of 扎实做好受理各类不动工作): jieba
    cuts a word it does not know into characters, and a run the notes have only inside a longer word
    (不动产) is that word cut short."""
    def single(token: tuple[str, str]) -> bool:
        return len(token[0]) == 1 and bool(CJK_WORD_RE.fullmatch(token[0]))

    runs = ("".join(word for word, _ in run) for is_single, run in itertools.groupby(tokens, key=single) if is_single)
    return [run for run in runs if len(run) >= 2]


@cache
def token_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where each of jieba's words of ``text`` starts and ends."""
    spans, position = [], 0
    for token, _ in lead_tokens(text):
        spans.append((position, position + len(token)))
        position += len(token)
    return tuple(spans)


def claimed_completion(lead: str, sources: str) -> str:
    """The words by which ``lead`` grades its work as done when the notes do not say so: 全面完成
    anywhere, 完成 before a work no note says was 完成 (完成乡村振兴工作; 完成人工造林 is the note's)."""
    words = lead_words()
    found = next((w for w in sorted(words.claiming_openers, key=len, reverse=True) if w in lead), "")
    if not found or found in sources and len(found) > 2:
        return ""
    rest = lead[lead.index(found) + len(found):]
    following = lead_tokens(rest)[0][0] if rest else ""
    return "" if len(found) <= 2 and following and found + following in sources else found


def tokens_end_open(lead: str) -> bool:
    """Whether ``lead`` stops on a word that cannot end a phrase (…建设与高效, …整治和, …度汛和加强)."""
    tokens = lead_tokens(lead)
    if not tokens:
        return False
    word, flag = tokens[-1]
    # a verb straight after 和 begins a second work and names none (实施水库安全度汛和加强, seen)
    after_joint = len(tokens) >= 2 and tokens[-2][0] in CONJUNCTIONS and flag.startswith("v") and flag != "vn"
    # jieba's adjective tag is no guide (it tags 清理 so): an adverb of the genre's is (…建设与高效)
    return flag.startswith(OPEN_END_FLAGS) or word in lead_words().intensifiers or after_joint


def joined_to_nothing(tokens: Sequence[tuple[str, str]]) -> bool:
    """Whether a conjunction is the last word before the closing 工作 (接待港澳台及|工作, built over
    接待港澳台及海外来访团组): the name was cut after its 及, and the work has lost what it joined."""
    return len(tokens) >= 3 and tokens[-1][0] in GENERAL_HEADS and tokens[-2][1] == "c"


WHOLE_WORKS = ("工作", "活动", "行动", "工程", "项目", "计划", "专项")


def token_at(text: str, start: int) -> tuple[str, str] | None:
    """jieba's word of ``text`` that starts at ``start``, with its tag, if one does."""
    spans = token_spans(text)
    tokens = lead_tokens(text)
    return next((token for token, (begin, _) in zip(tokens, spans) if begin == start), None)


# how the next verb's work is done (集中免疫, 统一登记, 免费筛查, 动态调整): whatever jieba tags them
# (动态: n), they end no name
MANNER_VERBS = ("集中", "统一", "联合", "免费", "动态")


def without_closing_work(tokens: Sequence[tuple[str, str]]) -> Sequence[tuple[str, str]]:
    """A lead's words without the 工作 a built lead closes on (…胸痛中心|工作), when more stands before it."""
    return tokens[:-1] if len(tokens) > 2 and tokens[-1][0] == "工作" else tokens


def verb_runs_on(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The verb a lead's last verb runs straight into in a note, with more of the name after it, or
    "": …医保集中 of 医保集中参保缴费工作 names no work, as the verbs in a row make one name there.
    A noun after it (城市更新|项目), the clause's end (市场主体培育壮大) or a verb and a figure
    (收入|完成9.82亿元) leaves the lead whole."""
    tokens = without_closing_work(tokens)  # 适龄妇女“两癌”免费|工作 stops before 筛查 all the same
    if len(tokens) < 2 or (tokens[-1][1] not in ("v", "vn") and tokens[-1][0] not in MANNER_VERBS) \
            or tokens[-1][0].endswith(RATE_SUFFIX):
        return ""
    tail = tokens[-2][0] + tokens[-1][0]
    for note, at, rest in after_word(tail, note_texts):
        # a to-fill mark (发证待补本) is a figure, not more of the name
        run = CJK_WORD_RE.match(UNKNOWN_RE.sub("*", rest))
        named = run[0] if run else ""
        following = lead_tokens(named)[:1] if named else []
        # the word as the note has it (免费筛查: a verbal noun there, a verb alone)
        following = [token_at(note, at + len(tail)) or following[0]] if following else []
        # 不动产登记|办结率: what the work is measured by follows it, not more of its name; a verb
        # that ends the run (收入|完成9.82亿元, 竣工|验收) is what the work did, or completes the lead
        # a verbal noun runs on only into another (“两癌”免费|筛查), not into what it did (考核|获全市第一)
        runs_into = ("v", "vn") if tokens[-1][1] == "v" else ("vn",)
        # …下乡|开展技术指导: a verb of carrying out opens what was done; …帮扶|工作推进会, 促消费|活动:
        # a word for a work as a whole closes the name
        opens_more = following and following[0][0] in (*lead_words().doing_verbs, *lead_words().work_verbs, *WHOLE_WORKS)
        # a verb of manner ends no name, even at the clause's end (重大动物疫病集中|免疫, 1.5B)
        if following and following[0][1] in runs_into and not opens_more and RATE_SUFFIX not in named \
                and (len(named) > len(following[0][0]) or tokens[-1][0] in MANNER_VERBS) \
                and not set(following[0][0]) & NAME_BREAKERS:
            return following[0][0]
    return ""


def named_with_next(tokens: Sequence[tuple[str, str]], index: int, sources: str) -> bool:
    """A time word that is part of the work's own name in the notes (秋冬季造林), not a period."""
    return index + 1 < len(tokens) and tokens[index][0] + tokens[index + 1][0] in sources


def noun_phrases(text: str) -> list[str]:
    """Runs of noun-like words (a verb may close a run: 不动产登记), at most PHRASE_MAX_CHARS long."""
    phrases: list[str] = []
    current = ""
    words = lead_words()
    previous = ""
    tokens = lead_tokens(text)
    for at, (word, flag) in enumerate(tokens):
        # a distinguishing word before a noun is part of its name (民营|经济人士: jieba tags 民营 b),
        # not at a clause's start, where it is mostly a verb jieba misreads (，定级|团支部248个)
        inside = at > 0 and tokens[at - 1][0] not in "，,；;。、"
        if flag == "b" and inside and at + 1 < len(tokens) and tokens[at + 1][1].startswith(NOUN_FLAGS):
            flag = "n"
        # a character jieba reads as a numeral right after a noun ends that noun (视频|号: no count there)
        if flag == "m" and CJK_WORD_RE.fullmatch(word) and len(word) == 1 and current and previous.startswith("n"):
            flag = "n"
        if previous.startswith("m") and glued_classifier(word):
            word = word[1:]  # 12|项指标, 18|个村: jieba joins the classifier to the thing counted
        # 2|条: a classifier, whatever jieba says; 24|小时 a unit of time (built: 持续推进小时值班工作)
        counted, previous = previous.startswith("m") and (len(word) == 1 or word in TIME_UNITS), flag
        if word in "“”" and (current or word == "“"):
            current += word  # a quoted name, quotes kept, runs on into the words after it (“明厨亮灶”建设)
            continue
        # a result is in no name (客户端下载量|突破28万 headed a section 抓实下载量突破)
        named = word not in STOP_WORDS and word not in RESULT_ENDINGS and word not in words.predicates \
            and word not in words.note_openers  # 谋划 (tagged a noun) in 谋划推出2条…线路
        nounish = flag.startswith(NOUN_FLAGS) and named and word not in words.weak_phrases and not counted
        closes = flag.startswith("v") and len(word) >= 2 and named
        # …but not after a noun of one character (路|修通 of 把剩下2个组的路修通, built 持续推进路修通工作)
        if nounish or (len(re.sub("[“”]", "", current)) >= 2 and closes):
            if len(re.sub("[“”]", "", current + word)) <= PHRASE_MAX_CHARS:  # quotes are no length
                current += word if current else bound_before(tokens, at) + word
                continue
        if len(current) >= 2:
            phrases.append(balanced_quotes(current))
        current = bound_before(tokens, at) + word if nounish else ""
    if len(current) >= 2:
        phrases.append(balanced_quotes(current))
    # …全覆盖 is what the work reached (18个村全覆盖 led a 镇's item as 持续做好个村全覆盖工作)
    return [phrase for phrase in phrases if len(phrase) >= 2 and not phrase.endswith(COVERED)]


TIME_UNITS = ("小时", "分钟", "天", "周", "个月", "年")
COVERED = "覆盖"
NEGATING = ("不可", "不", "非", "无", "未")


def bound_before(tokens: Sequence[tuple[str, str]], at: int) -> str:
    """The word a name opens on that qualifies it and jieba keeps apart: 不可|移动文物 (a phrase of
    移动文物 said the opposite) and 慢|病 (病自我管理小组 was cut from 慢病自我管理小组); or ""."""
    if at == 0:
        return ""
    word, flag = tokens[at - 1]
    return word if word in NEGATING or (len(word) == 1 and flag in ("a", "ag", "b")) else ""


COUNT_CLASSIFIERS = "项户名人场次批期件"  # besides CLASSIFIERS (of things): of tasks, households, people, events


def glued_classifier(word: str) -> bool:
    """Whether jieba, guessing at a word it does not know, joined a count's classifier to the thing
    counted (个村 of 18个村, 项指标 of 12项指标); a word of its dictionary (座谈会, 部门) is whole."""
    import jieba

    return len(word) > 1 and word[0] in THING_CLASSIFIERS + COUNT_CLASSIFIERS and CJK_WORD_RE.fullmatch(word) is not None \
        and not jieba.dt.FREQ.get(word)


def balanced_quotes(phrase: str) -> str:
    """A phrase whose quoted name has both its marks: a phrase cut at a quote loses the mark left
    hanging (农村人居环境整治“), a name whose opening mark fell before the phrase gets it back
    (村务微信群+积分制” → “村务微信群+积分制”)."""
    phrase = phrase.rstrip("“").lstrip("”")
    if phrase.count("”") > phrase.count("“"):
        phrase = "“" + phrase
    if phrase.count("“") > phrase.count("”"):
        phrase += "”"
    return phrase


BREAKDOWN_RE = re.compile(r"[，,；;]\s*其中")


def names_with_adjective(tokens: Sequence[tuple[str, str]]) -> bool:
    """Whether the words open with an adjective of one character that a noun's name keeps (新时代
    文明实践站: 新 is a note's opener only before a verb, 新登记, 新建)."""
    return len(tokens) > 1 and len(tokens[0][0]) == 1 and tokens[0][1] == "a" and tokens[1][1].startswith("n")


def opening_phrase(text: str) -> str:
    """The work a note opens with: its words before the first figure or stop (a figure before
    the work is skipped: 完成65岁以上老年人健康体检 → 老年人健康体检), the opening verb,
    times and vague words left out (完成国省道大中修42公里 → 国省道大中修; 社区矫正对象在册… → 社区矫正)."""
    words = lead_words()
    # a time before the work is no work (二季度，举办…推介会: the opening had been 二季度 alone)
    head = re.split(r"[，。；：:,;（(“”\"、%]", without_time(text.strip()), maxsplit=1)[0]
    # 推荐省级|“最美科技工作者”候选人: cut at a quote after a modifier or a verb, the words before it
    # name no work (seen: 持续做好推荐省级工作, 户籍窗口推行工作); after a noun they may (康复服务|“全覆盖”行动)
    if re.match(re.escape(head) + r"\s*“", without_time(text.strip())) and (last := lead_tokens(head)[-1:]) \
            and last[0][1].startswith(("b", "a", "v")) and last[0][1] != "vn":
        return ""
    # 9月底前…: jieba reads a lone digit as "x"; a digit is a numeral whatever jieba says
    tokens = [(w, "m" if re.search(r"\d", w) or f == "x" else f) for w, f in without_times(lead_tokens(head))
              if w not in words.weak_phrases]
    tokens = past_whom(tokens)
    # …but not 不可 of 不可移动文物 (a lead built on 移动文物安全检查 said the opposite)
    while tokens and not names_with_adjective(tokens) and tokens[0][0] not in NEGATING and (tokens[0][0] in words.note_openers or tokens[0][0] in words.intent_openers
                      or tokens[0][0] in words.grammar_verbs  # 再建成村级示范服务站 → 村级示范服务站
                      or tokens[0][1].startswith(("p", "m", "q", "r", "d"))):  # 完成65岁以上老年人健康体检
        popped = tokens.pop(0)
        if popped[1] == "m" and tokens and len(tokens[0][0]) == 1:  # 3处治理工程: 处 counts, whatever jieba says
            tokens.pop(0)
        elif popped[1] == "m" and tokens and glued_classifier(tokens[0][0]):  # 3个国控断面 → 国控断面
            tokens[0] = (tokens[0][0][1:], tokens[0][1])
    # the work ends where the note says what was done to it: 县光荣院完成提升改造 → 县光荣院
    # …or says what it reached (林下经济产值达到3.8亿元 → 林下经济产值)
    # …or how it was done (在建工程项目|逐个|过筛: an adverb, seen built as …项目逐个工作)
    cut = next((i for i, (w, f) in enumerate(tokens)
                if f.startswith(("p", "u", "m", "c")) or (i and w in HOW_ADVERBS) or one_character_adverb(tokens, i)
                or w in words.predicates
                or (i and (w in words.note_openers or w in REACH_VERBS))), len(tokens))
    tokens = head_kept(tokens[:cut], OPENING_MAX_CHARS)
    phrase = "".join(w for w, _ in tokens)
    for word in reversed([w for w, _ in tokens]):  # 社区矫正对象 → 社区矫正: a generic tail adds nothing
        if phrase.endswith(word) and word in words.trailing_words and len(phrase) - len(word) >= 4:
            phrase = phrase[:-len(word)]
        else:
            break
    return phrase if len(phrase) >= 3 and not generic_only(phrase) else ""


def without_times(tokens: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """A phrase's words without its times and places (jieba: t, f), and without a character the time
    took as its own (主 of 主汛期: the opening of 主汛期实行24小时值班 had been 主实行)."""
    kept: list[tuple[str, str]] = []
    for word, flag in tokens:
        if flag.startswith(("t", "f")):
            if kept and len(kept[-1][0]) == 1 and kept[-1][1] == "b":
                kept.pop()
            continue
        kept.append((word, flag))
    return kept


# whom a work was for; not 对, which brings the thing worked on (对剩余图斑逐个制定整改方案)
WHOM_PREPOSITIONS = ("为", "向", "给")
GIVING_VERBS = ("发放", "兑现", "提供", "发送", "拨付", "落实", "追回", "争取")


def past_whom(tokens: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """A note's words from its verb of giving on when it opens on whom the work was for (为|80周岁
    以上老人|发放高龄津贴): the work is what was given, not who had it (a heading built on it read
    聚焦老人发放高龄: 1.5B, a 老龄办's results)."""
    if not tokens or tokens[0] not in [(p, "p") for p in WHOM_PREPOSITIONS]:
        return tokens
    verb = next((i for i, (w, f) in enumerate(tokens) if i > 1 and w in GIVING_VERBS), None)
    whom = tokens[1:verb] if verb is not None else []
    return tokens[verb:] if whom and all(f.startswith(("n", "m", "q", "l", "f", "a", "b")) for _, f in whom) else tokens


# How a work was done, between its name and its verb (在建工程项目|逐个|过筛); jieba's adverb tag is no
# guide (专精|特新 of 专精特新)
HOW_ADVERBS = ("逐个", "逐一", "逐项", "逐户", "逐村", "逐件", "依法", "及时", "全部", "分批", "陆续", "统一")


def one_character_adverb(tokens: Sequence[tuple[str, str]], at: int) -> bool:
    """再, 均, 已 before a verb (开学前|再|开展…, 水质|均|达到…): no part of the work's name."""
    word, flag = tokens[at]
    return at > 0 and flag == "d" and len(word) == 1 and at + 1 < len(tokens) and tokens[at + 1][1] == "v"


def head_kept(tokens: Sequence[tuple[str, str]], limit: int) -> list[tuple[str, str]]:
    """The leading words that fit in ``limit`` characters, unless that cuts a run of nouns before
    its head (新建改扩建公办|幼儿园): then the words that end on the head and fit (改扩建公办幼儿园)."""
    kept: list[tuple[str, str]] = []
    for token in tokens:
        if len("".join(w for w, _ in kept) + token[0]) > limit:
            break
        kept.append(token)
    end = len(kept)
    if not kept or end == len(tokens) or not (kept[-1][1].startswith("n") and names_on(tokens[end])):
        return kept
    while end < len(tokens) and names_on(tokens[end]):
        end += 1
    start = end
    while start > 0 and len("".join(w for w, _ in tokens[start - 1:end])) <= limit:
        start -= 1
    # never right after what qualifies the words kept (不可|移动文物安全检查: the opposite) — past them
    while start < end and bound_before(tokens, start):
        start += 1
    return list(tokens[start:end]) if start < end else kept


def names_on(token: tuple[str, str]) -> bool:
    """Whether a word goes on with the name before it: a noun, or the work done to it (养老护理员
    职业技能|培训: the opening had been cut before it, built as 加快推进养老护理员职业技能工作). Not any
    word jieba tags a verbal noun (工程|投资 is what it cost; 检查和|设备 is jieba's misreading)."""
    word, flag = token
    return flag.startswith("n") or (flag == "vn" and word in WORK_HEADS)


def content_words(phrase: str) -> list[str]:
    """A phrase's words that name the work: two characters or more, not general wording."""
    words = lead_words()
    # the genre's verbs of carrying out name no work either (实施重点行动)
    verbs = (*words.grammar_verbs, *words.work_verbs, *words.doing_verbs)
    return [w for w, flag in lead_tokens(phrase) if len(w) >= 2 and not flag.startswith("t")
            and w not in words.generic_nouns and w not in words.intent_openers and w not in verbs
            and w not in words.free_words and w not in words.openers and w not in STOP_WORDS
            and not LEVEL_RE.fullmatch(w)]  # 持续做好市级工作 (built over 教师参加市级以上培训)


def generic_only(phrase: str) -> bool:
    """服务, 企业工作: nothing in it names a particular work."""
    return not content_words(phrase)


# The reader's form of a label under the writer's own heading (信访维稳方面，受理信访事项36件…): the
# label names the note's work; it is no clause to lead with (一是信访维稳方面。, seen) nor a phrase
# to build one from (持续做好特色产业方面工作, seen).
ASPECT_RE = re.compile(r"^(?P<label>[\u4e00-\u9fff“”]{2,12}?)方面[，,]\s*")


def aspect_of(text: str) -> str:
    """信访维稳 of 信访维稳方面，受理…; "" for a note with no such opening."""
    match = ASPECT_RE.match(text.strip())
    return match["label"] if match else ""


def without_aspect(text: str) -> str:
    return ASPECT_RE.sub("", text.strip(), count=1)


def aspect_label(notes: Sequence[Note]) -> str:
    """The label the item's first note opens with (…方面，), when the item's other notes come from
    the same line or name the same: the work the whole item is about; else ""."""
    if not notes or not (label := aspect_of(notes[0].text)):
        return ""
    same = all(note.line == notes[0].line and note.line or aspect_of(note.text) == label for note in notes[1:])
    return usable_topic(label) if same else ""


def key_phrases(note_texts: Sequence[str]) -> list[str]:
    """The item's noun phrases, the one naming its work first: the phrase whose words most of
    its notes share, a note's opening work before a phrase found inside it, the first note's on a
    tie (the first note usually names the work). A rate (办结率) names a measure, not the work;
    a general noun alone (服务, 企业) names nothing."""
    note_texts = [without_place(without_owner(without_aspect(text))) for text in note_texts]
    openings = [opening_phrase(text) for text in note_texts]
    # what follows 其中 breaks a figure down (招聘新教师186名，其中研究生学历41名): never the work
    phrases = list(dict.fromkeys(p for p in [*openings, *(p for text in note_texts
                                                          for p in noun_phrases(BREAKDOWN_RE.split(text, maxsplit=1)[0]))]
                                 if p and RATE_SUFFIX not in p and not generic_only(p)
                                 and p not in lead_words().people_endings))  # 老人 names whom, not a work
    # whom a work was given to, run into it (老人发放高龄津贴 of 为…老人发放高龄津贴: a heading read
    # 聚焦老人发放高龄), when the note's opening is the work from its verb on
    given = [o for o in openings if o and o.startswith(GIVING_VERBS)]
    phrases = [p for p in phrases if not any(p != o and o in p for o in given)]
    weak = lead_words().weak_phrases

    def shared(phrase: str) -> int:
        words = content_words(phrase)
        return sum(any(w in text for w in words) for text in note_texts)

    def rank(phrase: str) -> tuple[bool, int, bool, bool, bool, int]:
        return (phrase not in weak, shared(phrase), phrase in openings, bool(note_texts) and phrase in note_texts[0],
                len(phrase) >= 4, -phrases.index(phrase))

    return sorted(phrases, key=rank, reverse=True)


PLACE_OPENING_RE = re.compile(r"^[\u4e00-\u9fff]{1,4}?(?:村|社区|居委会)(?=[\u4e00-\u9fff])")


def without_place(text: str) -> str:
    """A note without the village it opens with, before what was done there (东溪村|完成高标准农田
    建设800亩, the reader's place said in the note: built as 扎实做好东溪村完成高工作, seen)."""
    match = PLACE_OPENING_RE.match(text)
    # a name, not what was done to a village (新建农村|生活污水处理设施, 开展农村|人居环境整治)
    if match is None or text.startswith(tuple(lead_words().note_openers)) or lead_tokens(match[0])[0][1].startswith("v"):
        return text
    rest = text[match.end():]
    tokens = lead_tokens(rest)
    opens = bool(tokens) and (tokens[0][1].startswith("v") or rest.startswith(tuple(lead_words().note_openers)))
    return rest if opens else text


def key_phrase(note_texts: Sequence[str]) -> str:
    """The noun phrase naming the item's work (see ``key_phrases``); "" when there is none."""
    phrases = key_phrases(note_texts)
    return phrases[0] if phrases else ""


LEVEL_RE = re.compile(r"[国省市县区乡镇村]级")  # 市级 alone: how high, not what work
REPORT_ENDING_RE = re.compile(r"(?<=[\u4e00-\u9fff]{2})(?:完成|进展|推进|落实|开展|工作)?情况$")


def usable_topic(topic: str) -> str:
    """The writer's own heading for the section (耕地保护), when it can name the work in a lead."""
    topic = topic.strip()
    # 抓招商 → 招商, where the verb is a word of its own: 干部工作 is no 干 of 部工作 (a 组织部's
    # heading, whose leads had been asked to name 部工作)
    if re.match(f"^[{''.join(BARE_DOING_VERBS)}][{DOING_COMPLEMENTS}][\u4e00-\u9fff]{{2}}", topic):
        topic = topic[2:]  # 抓好安全生产, 做实党建 → 安全生产, 党建
    elif re.match(f"^[{''.join(BARE_DOING_VERBS)}][\u4e00-\u9fff]{{2}}", topic) and len(lead_tokens(topic)[0][0]) == 1:
        topic = topic[1:]
    # 经营指标完成情况 names the work and its report: 扎实做好经营指标完成情况工作 (a 城投公司's section)
    topic = REPORT_ENDING_RE.sub("", topic)
    words = lead_words()
    # a quoted name is a work's name too (“三夏”机收, an 农机中心's aspect: the lead had been built on
    # 联合收割机 instead)
    if not re.fullmatch(r"(?:[\u4e00-\u9fff]|“[\u4e00-\u9fff]{2,6}”){2,8}", topic) or len(topic) > 10 \
            or topic in words.weak_phrases or topic in words.generic_nouns or LEVEL_RE.fullmatch(topic):
        return ""
    # an office that sent the line names who, not what (持续做好教务科工作, 1.5B, a 党校's 接龙)
    return "" if names_who(topic) else topic


def needed_label(notes: Sequence[Note], section: str = "") -> str:
    """The label an item's notes share and need, or "": 老旧小区改造：今年计划改造20个… — the note
    says what was done but not to what, and with several labels joined into one section the
    heading cannot say it either; the item's lead must. A label its notes repeat is not needed."""
    label = shared_label(notes)
    if not label or label == section:
        return ""
    # a note that names its own work (查处违法违规行为17起) reads whole without it; one that opens on
    # a measure (PM2.5平均浓度32微克/立方米 under 大气污染防治：) names none
    def names_its_work(text: str) -> bool:
        opening = opening_phrase(text)
        return bool(opening) and not indicator_ending(opening)

    return label if any(not names_its_work(note.text) and not names_label(note.text, label) for note in notes) else ""


def named_words(lead: str) -> set[str]:
    """The words by which a lead names work: not its adverb, verb or general wording."""
    words = lead_words()
    plain = {*words.intensifiers, *words.openers, *words.grammar_verbs, *words.free_words, *words.generic_nouns}
    return {w for w, _ in lead_tokens(lead) if len(w) >= 2 and w not in plain}


def shared_label(notes: Sequence[Note]) -> str:
    """The writer's label every one of the notes has (实验室建设：…), when it can name a work."""
    topics = {note.topic for note in notes}
    return usable_topic(topics.pop()) if len(topics) == 1 else ""


def names_label(text: str, label: str) -> bool:
    """Whether a lead or a note names the label: all its content words, or the label whole when
    jieba cuts it into characters (治|超: a 交通运输局's 治超： over 设置不停车检测点5个…, led
    持续做好设置工作)."""
    return all(word in text for word in content_words(label) or [label])


def lead_objects(note_texts: Sequence[str], topic: str = "", room: int = LEAD_MAX_CHARS - 4) -> list[str]:
    """What a fallback lead may name, best first: the section's topic (the writer's heading), the key phrase joined with the phrase of the notes it leaves out (国省道大中修和农村公路),
    the key phrase, then the other phrases (so a sibling can take another)."""
    phrases = key_phrases(note_texts)
    objects: list[str] = []
    topic = usable_topic(topic)
    if topic:
        objects.append(topic)
    if phrases:
        first = phrases[0]
        left_out = [t for t in note_texts if not any(w in t for w in content_words(first))]
        openings = {opening_phrase(text) for text in left_out}
        second = next((p for p in key_phrases(left_out) if p in openings and len(p) >= 4
                       and len(first) + 1 + len(p) <= room), "")
        if second:
            objects.append(f"{first}和{second}")
    return list(dict.fromkeys([*objects, *(measured_work(p) for p in phrases)]))


def measured_work(phrase: str) -> str:
    """A phrase that names a measure, as the work it measures (经费投入强度 → 经费投入, 能耗总量 →
    能耗); any other phrase as it is. A lead names the work, never the measure."""
    work = phrase
    edges = {edge for span in token_spans(phrase) for edge in span}
    # …where the measure is a word of its own: 地区|生产总值 left 地区生产 (built: 扎实推进地区生产工作)
    while (ending := indicator_ending(work)) and len(work) > len(ending) and len(work) - len(ending) in edges:
        work = work[:-len(ending)]
    named = work != phrase and not generic_only(work) and not lead_tokens(work)[-1][1].startswith(("a", "z", "b", "d"))  # 优良|天数比例
    # …nor a word that only says how the measure is counted (旅游综合|收入: built, 扎实推进旅游综合工作)
    return work if named and not work.endswith(MEASURE_QUALIFIERS) else phrase


MEASURE_QUALIFIERS = ("综合", "平均", "人均", "户均", "累计", "合计")


def with_area(phrase: str) -> str:
    """不动产登记 → 不动产登记 (already a work area); 国省道大中修 → 国省道大中修工作."""
    if "和" in phrase or phrase.endswith(lead_words().area_endings):
        return phrase
    return phrase + "工作"


SPREADING_VERBS = ("推广", "推行")


def lead_for(verb: str, phrase: str) -> str:
    """``verb`` + the work (扎实推进不动产登记); a work its note names with its own verb takes the
    verb's adverb only (扎实举办招聘会, not 扎实推进举办招聘会工作; 加快推广…, not 加快推进推广…)."""
    # …and one that opens on a verb of spreading a practice: 加快推广中医适宜技术, not 加快推进推广…
    # (built, a 中医医院's). Other verbs stay: 持续做好投放灭鼠毒饵工作 — adverb + 投放… says the fact again.
    if phrase.startswith((*lead_words().making_verbs, *SPREADING_VERBS)):
        return verb[:2] + phrase
    lead = verb + with_area(phrase)
    return lead if len(lead) <= LEAD_MAX_CHARS else verb + phrase


def fallback_lead(note_texts: Sequence[str], index: int = 0, role: str = "progress", topic: str = "",
                  used: Collection[str] = (), label: str = "") -> str:
    """A lead built by code: a verb for the role (in turn) + what the work is (+ 工作) — the
    item's own label (实验室建设：…), else the section's topic for the first item (or one whose
    notes say it), else the item's key phrase. A lead in ``used`` (a sibling's) is never
    repeated: the next phrase, else the next verb, is taken."""
    words = lead_words()
    verbs = words.fallback_verbs.get(role, words.fallback_verbs["progress"])
    turn = [verbs[(index + step) % len(verbs)] for step in range(len(verbs))]
    objects = lead_objects(note_texts, label or (topic if index == 0 or topic in "".join(note_texts) else ""))
    candidates = [*(lead_for(turn[0], phrase) for phrase in objects),
                  *(lead_for(verb, phrase) for verb in turn[1:] for phrase in objects), *(f"{verb}重点工作" for verb in turn)]
    fitting = [c for c in dict.fromkeys(candidates) if LEAD_MIN_CHARS <= lead_length(c) <= LEAD_MAX_CHARS]
    fresh = [c for c in fitting if c not in used] or fitting
    # the first the lead checks pass (加快推进生产培训和森林火灾 carried out a harm) and the first
    # fact does not say again (持续举办招聘会。举办招聘会27场。), else the first they pass, else the first
    passing = [c for c in fresh if not lead_violations(c, note_texts, role=role, topic=label)]
    # the facts as they will follow the lead: a label it names (县域医共体建设方面，组建医共体2个…)
    # leaves the item, so the label is no opening the lead says again
    first = without_aspect(note_texts[0]) if note_texts and label and aspect_of(note_texts[0]) == label \
        else (note_texts[0] if note_texts else "")
    return next((c for c in passing if not first or not restates(c, first)), passing[0] if passing else fresh[0])


def choose_lead(candidate: str, note_texts: Sequence[str], index: int = 0, role: str = "progress",
                exemplar_texts: Sequence[str] = (), topic: str = "") -> tuple[str, bool, list[str]]:
    """(lead, fell back, why the candidate was refused): the model's lead when it is valid.
    ``topic`` is the writer's heading for the section: its words may name the work too."""
    first: list[str] = []
    # the notes as the model reads a name, without its quotes (…宣讲和两癌 of 开展“两癌”免费筛查 is
    # cut short; beside the quote it looked whole)
    unquoted = [re.sub("[“”]", "", text) for text in note_texts]
    for lead in (gaps_filled(whole_words(completed_name(reading, unquoted), unquoted), unquoted)
                 for reading in lead_readings(clean_lead(candidate))):
        # checked with the notes' quotes given back: 全面推动机关党建双报告制度 (1.5B, over 推行机关党建
        # “双报告”制度) had been refused for cutting the word “双”, and every lead of a 机关工委's results so
        lead = requoted(lead, note_texts)
        problems = lead_violations(lead, note_texts, exemplar_texts, role, topic=usable_topic(topic))
        problems += [p for p in generic_violations(lead, usable_topic(topic)) if p not in problems]
        if not problems:
            return lead, False, []
        first = first or problems
    return fallback_lead(note_texts, index, role, topic), True, first


def own_lead(note: str, role: str = "progress") -> tuple[str, str] | None:
    """(lead, rest) when a note on its own opens with a clause that names its work as a lead must
    (盯紧签约项目，9月底前力争3个项目全部开工; 下半年将启动区中医医院迁建项目，… → 启动区中医医院
    迁建项目): the writer's own words open the item, as the genre writes one. The 1.5B model's lead
    over such a note was stiffer and less true (全面推进签约力争开工). None when the first clause
    carries a figure, is no valid lead, or leaves fewer than six characters after it. A note of
    one clause that reads as a lead (下半年开展全县乡村振兴资金专项审计) is its own lead with nothing
    after it: a model's lead over it was only said again by the note (全面开展…专项审计。下半年开展…)."""
    note = note.strip()
    if aspect_of(note):
        return None
    match = re.match(r"^(?P<clause>[^，。；！？,;：:]+)[，,；;](?P<rest>.+)$", note, re.S)
    if match is None and not re.search(r"[，。；！？,;：:]", note):
        clause, rest = note, ""  # 下半年开展全县乡村振兴资金专项审计: the whole note is its lead
    elif match and len(re.findall(r"[\u4e00-\u9fff]", match["rest"])) >= 6:
        clause, rest = match["clause"].strip(), match["rest"].strip()
    else:
        return None
    # A short purpose stays in the writer's sentence (探索红色物业模式，提高物业覆盖率): alone it
    # reads as a fragment (…模式。提高物业覆盖率。); a short deadline does not (…建设。年底前建成投用。).
    # …nor a short act with no figure (…专项检查全覆盖，追回违规基金: a 医保局's plan, seen as …全覆盖。追回违规基金。)
    joined = bool(rest) and len(re.findall(r"[\u4e00-\u9fff]", rest)) < OPENED_REST_MIN_CHARS \
        and (rest.startswith(PURPOSE_OPENERS) or (opens_on_a_verb(rest, past_time=False) and not re.search(r"[0-9０-９]", rest)))
    words = lead_words()
    # A plan part says the work is intended: 计划开展… leads as 开展… there.
    plain = [clause, *(clause[len(w):] for w in PLAN_OPENERS if role == "plans" and clause.startswith(w))]
    readings = [*plain, *map(undated, plain)]
    readings += [text[len(w):] for text in readings for w in words.intensifiers if text.startswith(w)]
    for reading in dict.fromkeys(readings):
        if not (lead_violations(reading, [note], role=role, max_chars=OWN_LEAD_MAX_CHARS) or generic_violations(reading)):
            return (f"{reading}，{rest}", "") if joined else (reading, rest)
    return None


def opens_on_a_verb(text: str, past_time: bool = True) -> bool:
    """Whether ``text`` opens on a verb of two characters or more (加快…, 追回违规基金): it names its
    own work. ``past_time``: after a time it opens with; else a time first says no (年底前建成投用)."""
    tokens = lead_tokens(without_time(text) if past_time else text)
    return bool(tokens) and tokens[0][1].startswith("v") and len(tokens[0][0]) >= 2


PURPOSE_OPENERS = ("提高", "提升", "降低", "促进", "推动", "助力", "实现", "增强", "带动", "保障", "满足", "方便")
PLAN_OPENERS = ("计划", "拟")  # not 力争 or 确保: those make a target of the work, and stay in its facts


CJK_WORD_RE = re.compile(r"[\u4e00-\u9fff]+")
PROJECT_WORDS = ("项目", "工程")
MODIFIER_FLAGS = ("n", "a", "b", "j")  # 胸痛, 社区卫生: words that may stand before the noun they qualify


def gaps_filled(lead: str, note_texts: Sequence[str]) -> str:
    """A lead with the word it dropped from inside a name given back: 中央规定精神 of the notes'
    中央八项规定精神 (a 纪委's notes, 1.5B), 工业企业效益评价 of 工业企业亩均效益综合评价 → …亩均效益…
    Two words the lead has side by side that the notes never have so, but always with one word of
    two characters between them, lost that word."""
    tokens = lead_tokens(lead)
    text = "".join(note_texts)
    words = lead_words()
    clause_verbs = {*words.note_openers, *words.grammar_verbs, *words.work_verbs, *words.making_verbs, *REACH_VERBS}
    # inside the lead's object only: 开展|档案 is its verb and its work, not a name (开展机关档案…)
    verb_at = next((i for i, (w, flag) in enumerate(tokens) if flag.startswith("v") and w not in words.intensifiers),
                   len(tokens))
    position = sum(len(w) for w, _ in tokens[:verb_at + 1])
    for (first, _), (second, _) in itertools.pairwise(tokens[verb_at + 1:]):
        position += len(first)
        if len(first) < 2 or len(second) < 2 or not CJK_WORD_RE.fullmatch(first + second) or first + second in text:
            continue
        # a word of two characters: one is as often a suffix of the first (气象|日|科普 of 世界气象日科普)
        between = {m[1] for m in re.finditer(rf"{re.escape(first)}([\u4e00-\u9fff]{{2}}){re.escape(second)}", text)}
        # a word of the name (八项, 亩均, 返贫 of 防止返贫监测), not the clause's own verb or adverb
        # (…项目完成投资, 热线按时办结)
        gap = lead_tokens(next(iter(between))) if len(between) == 1 else []
        # …nor a time (项目|年内|开工, 1.5B, a 环卫所's plan: filled in, the lead was refused for it)
        if len(gap) == 1 and not gap[0][1].startswith(("d", "p", "c", "u", "r", "t")) and gap[0][0] not in clause_verbs \
                and gap[0][0] not in PERIOD_WORDS and len(grown := lead[:position] + gap[0][0] + lead[position:]) <= LEAD_MAX_CHARS:
            return gaps_filled(grown, note_texts)
    return lead


AGAINST = ("防", "反", "禁", "抗")  # one character that turns a harm into the work against it


def whole_words(lead: str, note_texts: Sequence[str]) -> str:
    """A lead whose word the notes never write without the same one-character adjective before
    it, given that character back: 着力做好时代文明实践站工作 → …新时代文明实践站工作 (新时代
    of the note), …和门诊特病 → …和门诊慢特病: without it the lead names another thing. So with a
    word the notes write after 防, 反, 禁 or 抗 (防拐骗演练): without it the lead carries out the harm."""
    before: dict[str, set[str]] = {}
    for text in note_texts:
        tokens = lead_tokens(text)
        for index, (word, flag) in enumerate(tokens):
            previous = tokens[index - 1] if index else ("", "")
            if previous[0] in AGAINST:  # 防|拐骗, 反|诈骗: without it the work is the harm (消防和拐骗演练, 1.5B)
                before.setdefault(word, set()).add(previous[0])
                continue
            if not flag.startswith("n"):
                continue
            # 老旧小区: the adjective is one of two, and 旧小区 would be no name either
            earlier = tokens[index - 2] if index > 1 else ("", "")
            single = len(previous[0]) == 1 and previous[1] == "a" and not (len(earlier[0]) == 1 and earlier[1] == "a")
            before.setdefault(word, set()).add(previous[0] if single else "")
    position = 0
    for word, flag in lead_tokens(lead):
        start, position = position, position + len(word)
        kept = before.get(word, {""})
        against = kept <= set(AGAINST)
        if (flag.startswith("n") or against) and len(word) >= 2 and CJK_WORD_RE.fullmatch(word) and len(kept) == 1 \
                and (adjective := next(iter(kept))) \
                and not lead[:start].endswith(adjective):
            grown = lead[:start] + adjective + lead[start:]
            return whole_words(grown, note_texts) if len(grown) <= LEAD_MAX_CHARS else lead
    return lead


def completed_name(lead: str, note_texts: Sequence[str]) -> str:
    """A lead whose last noun only qualifies the next one in the notes, completed with it:
    …健康体检和胸痛 → …和胸痛中心 (the note says 胸痛中心通过国家级认证), …和社区卫生 → …和社区卫生服务站.
    The lead's last two words must stand together in the note (…外资利用 is not 利用外资); when
    the completed lead would run too long, the unfinished second work after 和 is left out."""
    tokens = lead_tokens(lead)
    modifier = tokens[-1][1].startswith(MODIFIER_FLAGS) and not tokens[-1][1].startswith("nr")
    # …和新开通定制 (of 定制公交线路): a verb that qualifies the note's next noun leaves the work unnamed
    verb_end = tokens[-1][1] == "v"
    # a project is a work, whatever stage of it the note names next: 全面推进智能化粮库建设项目 had
    # been completed to …项目主体 (of …项目主体施工, 1.5B, a 粮储中心's plan), then refused as cut short
    if len(tokens) < 2 or (len(tokens) > 2 and tokens[-1][0].endswith(PROJECT_WORDS)):
        return lead
    if not (modifier or verb_end):  # …和开展应急 (of 开展应急疏散演练): a whole word, the clause runs on
        completed = clause_completed(lead, note_texts)
        cuts = before_conjunctions(lead)
        if completed == lead and cuts and len(cuts[-1]) >= LEAD_MIN_CHARS and name_runs_on(tokens[-1][0], note_texts):
            return cuts[-1]  # …建设与节水 (of 高效节水灌溉), not to be completed: the second work goes
        return completed
    last, before = tokens[-1], tokens[-2]
    # 与 of …建设与节水 is tagged p: a conjunction all the same
    tail = last[0] if before[1].startswith(("c", "v", "d")) or before[0] in CONJUNCTIONS else before[0] + last[0]
    for note, at, rest in after_word(tail, note_texts):
        following = lead_tokens(rest)[:1]
        # a verbal noun ends the name only where the note's name ends (专项检查4次, not 桥梁定期检测)
        ends = bool(following) and not CJK_WORD_RE.match(rest[len(following[0][0]):])
        named = bool(following) and CJK_WORD_RE.fullmatch(following[0][0]) is not None \
            and (following[0][1].startswith(("n", "s")) or (following[0][1] == "vn" and ends))  # s: 街区
        # …投资项目节能 → …节能审查 (of 节能审查11个); …项目竣工 → …竣工验收 (of 完成…竣工验收, the
        # clause's end). A plain verb before a figure is what the work did (收入|完成9.82亿元): not its name.
        # 老旧小区改造开工 is a subject and what it did: the name must be a verb's object in the note.
        closes = ends and not re.match(r"[0-9０-９]", rest[len(following[0][0]):]) \
            and any(flag == "v" for _, flag in lead_tokens(re.split(r"[，。；、,;：:]", note[:at])[-1]))
        if verb_end and (ends and following[0][1] == "vn" or closes and following[0][1] == "v") \
                and (completed := fitted(lead + following[0][0])):
            return completed
        if verb_end and not named:
            break  # 持续推动市场主体培育壮大: a verb that ends its clause in the note ends the lead too
        joint = last_conjunction(lead[:len(lead) - len(tail)])
        # …业务培训 of …业务培训班 names the activity held; completed, 开展 would hold a class (1.5B)
        if modifier and named and len(lead) + len(following[0][0]) <= LEAD_MAX_CHARS \
                and not names_the_event(tail, following[0][0]):
            after = lead_tokens(rest[len(following[0][0]):])[:1]
            runs_on = bool(after) and CJK_WORD_RE.fullmatch(after[0][0]) is not None \
                and after[0][1].startswith(("n", "vn", "s"))
            # …和电信 → …和电信网络 is still unfinished (电信网络诈骗发案数): that second work goes below
            if not (runs_on and joint >= LEAD_MIN_CHARS):
                return lead + following[0][0]  # …领域专项 → …领域专项检查
        # Not completed (too long, or the name runs on: 桥梁定期检测): the unfinished second work
        # after 和 goes (…签约服务和社区卫生 → …签约服务, …点位处置和桥梁 → …点位处置).
        # The second work may be more than one word (实施技改项目和推动企业, of 推动20家企业开展数字化
        # 改造): the whole conjunct after the last 和 goes.
        if CJK_WORD_RE.match(rest) and joint >= LEAD_MIN_CHARS:
            return lead[:joint]
        break
    return clause_completed(lead, note_texts)


def name_runs_on(word: str, note_texts: Sequence[str]) -> bool:
    """Whether a note names more right after ``word`` (节水 of 高效节水灌溉: 灌溉 follows)."""
    for _, _, rest in after_word(word, note_texts):
        run = CJK_WORD_RE.match(rest)
        following = lead_tokens(rest)[:1] if run else []
        if following and following[0][1].startswith(("n", "vn")) and not set(following[0][0]) & NAME_BREAKERS:
            return True
        if run and len(run[0]) == 1 and run[0] not in NAME_BREAKERS:
            return True  # 自动|站3个: one character before a figure ends the name, whatever jieba tags it
    return False


def after_word(word: str, note_texts: Sequence[str]) -> Iterator[tuple[str, int, str]]:
    """(note, where ``word`` first stands in it, the note after it) for each note that has it:
    what the notes say right after a lead's last words decides whether the lead is whole."""
    for note in note_texts:
        if (at := note.find(word)) >= 0:
            yield note, at, note[at + len(word):]


GRADED_NAME_RE = re.compile(rf"^{GRADE_MARK}[\u4e00-\u9fff]*")


def grade_after(tokens: Sequence[tuple[str, str]], note_texts: Sequence[str]) -> str:
    """The grade and name a note goes on with right after the lead's last word, or "": 国家|5A级旅游景区
    (1.5B, a 景区管委会's plan: 深入实施景区创建国家) — a figure-like mark, so no check of words saw the cut."""
    named = without_closing_work(tokens)
    last = named[-1][0] if named else ""
    graded = [found.group(0) if (found := GRADED_NAME_RE.match(rest)) else ""
              for _, _, rest in after_word(last, note_texts)] if len(last) >= 2 else []
    return graded[0] if graded and all(graded) else ""


def last_conjunction(text: str) -> int:
    """Where the last 和/与/及 joining two works in ``text`` stands, or -1: any of them read as a
    word of its own after the first (jieba tags 与 p in …建设与高效节水, a conjunction all the same)."""
    cuts = before_conjunctions(text)
    return len(cuts[-1]) if cuts else -1


NAME_BREAKERS = frozenset("的了和与及并等达到为在对将已均共")  # never inside the end of a work's name


def clause_completed(lead: str, note_texts: Sequence[str]) -> str:
    """A lead that stops a few characters short of its clause's end in a note, completed with
    them: …资金专项 → …资金专项审计 (of 开展…资金专项审计), …项目竣工 → …项目竣工决算审计. jieba
    tags 审计 and 决算 as verbs, so the test is where the words stand, not their tags: the note's
    clause has one of the lead's verbs before the stopping word, so what follows it to the
    clause's end (or a figure: 专项审计3次) is the rest of that verb's object. 老旧小区改造开工 (a subject, then what it did)
    and 不动产登记中心受理3210件 (a figure before the clause ends) stay as they are."""
    tokens = lead_tokens(lead)
    # the verb that governs the lead's object, not a verb jieba finds inside the name (一般公共预算收入:
    # 预算 and 收入 are tagged v, and …收入 had been "completed" with 完成 of 收入完成9.82亿元)
    verbs = set(next(([word] for word, flag in tokens if flag == "v"), []))
    tails = [t for t in dict.fromkeys(("".join(w for w, _ in tokens[-2:]), tokens[-1][0])) if len(t) >= 2]
    for tail in tails:
        for note in note_texts:
            for clause in re.split(r"[，。；、,;：:！？\s]", note):
                at = clause.find(tail)
                if at < 0:
                    continue
                named_on = CJK_WORD_RE.match(clause[at + len(tail):])  # up to the clause's end or a figure
                if named_on is None:
                    return lead  # the name ends here
                rest = named_on[0]
                if len(rest) > 4 or set(rest) & NAME_BREAKERS or rest.endswith(RATE_SUFFIX) \
                        or not governed(verbs, {w for w, flag in lead_tokens(clause[:at]) if flag == "v"}, rest):
                    continue
                if completed := fitted(lead + rest):
                    return completed
    return lead


# What ends a work's name (…作业点安全检查, …标准化建设): a lead stopping right before one named a
# place or a thing, not the work done to it.
WORK_NAME_ENDINGS = ("检查", "排查", "巡检", "维护", "整治", "整改", "改造", "建设", "验收", "评估", "普查",
                     # 扎实开展机关事业单位人员信息 (1.5B, 编办) over …人员信息核对
                     "核对", "核查", "采集", "登记", "录入", "审查", "审核", "监测",
                     # 全面推进智能化粮库建设项目主体 (1.5B) over …项目主体施工
                     "施工")
WORK_HEADS = (*WORK_NAME_ENDINGS, "培训")  # a work noun a name ends on (职业技能培训)


def governed(lead_verbs: set[str], clause_verbs: set[str], rest: str) -> bool:
    """Whether the note's clause carries the lead's object as the lead does: by the lead's own verb,
    or — where the lead's is a general one (开展, 推进 …) and the rest ends a work's name — by a verb
    of its own: 持续开展人工影响天气作业点 (1.5B) of 完成人工影响天气作业点安全检查 names a place;
    the work is its 安全检查. (Any rest at all gave …签约服务人数, …消费活动不少于.)"""
    general = {*lead_words().work_verbs, *lead_words().doing_verbs}
    return bool(lead_verbs & clause_verbs) or bool(lead_verbs & general and clause_verbs
                                                   and rest.endswith(WORK_NAME_ENDINGS))


def fitted(lead: str) -> str:
    """A completed lead within LEAD_MAX_CHARS, its adverb dropped if need be (扎实开展…竣工决算审计
    would run on), or "" when it still runs on."""
    if len(lead) > LEAD_MAX_CHARS:
        lead = without_intensifier(lead)
    return lead if len(lead) <= LEAD_MAX_CHARS else ""


def lead_grammar(note_texts: Sequence[str], topic: str = "") -> str | None:
    """The words a local model may write a lead with: an opener or one of the notes' verbs, at
    least one of the notes' or the topic's own words, the genre's free wording, 和/与/及 between
    two words. No figures, no period words, nothing from an exemplar: what the lead checks refuse most."""
    words = lead_words()
    own, verbs, plain = own_words([*note_texts, usable_topic(topic)])
    # 签约率 measures the work, it is not the work; 力争 (jieba: nz) says it is intended
    own = {w for w in own if not w.endswith(RATE_SUFFIX) and w not in words.intent_openers}
    first = {*words.openers, *words.grammar_verbs, *verbs}
    # The word that names the work is a noun: with the notes' verbs allowed there, the 1.5B model
    # wrote 全面推进工作新增和优化; they may still open the lead or follow the noun.
    # After the work's name no adverb: 全面推进国省道大力建设 (seen) reads as two leads run together.
    adverbs = {*words.intensifiers, *words.varied_adverbs, "大力", "不断"}
    general = {*words.free_words, *words.openers, *words.grammar_verbs, *plain, *verbs} - adverbs
    claiming = set(words.claiming_openers)
    # Between the opener and the work only verbs and adverbs (扎实|推进|农贸市场): 工作 or 任务
    # there made 全面推进工作套餐和代办点覆盖.
    return phrase_grammar(Phrase(first - claiming, own - verbs - claiming, general - claiming, CONJUNCTIONS,
                                 LEAD_GRAMMAR_WORDS, lead_in=first - claiming))


def measure_grammar(problem: str) -> str | None:
    """The words a local model may write a measure with ("[1] " + one verb–object clause): it
    names something of the problem's own, in the genre's wording of measures."""
    words = lead_words()
    own, _, plain = own_words([problem])
    claiming = set(words.claiming_openers)
    first = {*words.openers, *words.grammar_verbs} - claiming
    general = {*words.free_words, *words.openers, *words.grammar_verbs, *words.measure_words, *plain} - claiming
    # One clause: asked for a second, the 1.5B model wrote 提升年龄和能力 for an ageing workforce.
    return clauses_grammar(Phrase(first, own - claiming, general, ("和", "的"), MEASURE_GRAMMAR_WORDS),
                           max_clauses=1, prefix="[1] ")


def own_words(texts: Sequence[str]) -> tuple[set[str], set[str], set[str]]:
    """(the texts' words that name their work, those of them that are verbs (改造, not the verbal
    noun 服务), their general words such as 工作 and 资金 that may follow but never stand for the
    work): two characters or more, the shorter words inside a compound too (养老服务站 → 养老, 服务站), no
    figures, units, periods or vague nouns (人次, 情况)."""
    import jieba

    words = lead_words()
    tokens = [(w, flag) for text in texts for w, flag in lead_tokens(text)
              if len(w) >= 2 and not flag.startswith(("m", "q", "t")) and not any(p in w for p in words.period_words)]
    # The shorter words inside a compound of four characters or more (社区卫生 → 社区, 卫生), but
    # none of a three-character word nor a negated one (不动产 → 不动, 动产: the 1.5B model wrote
    # 全面推动重点不动力度 with them).
    # The word itself always: jieba's search cut can leave it out (办证难 → 办证, 难), and a lead
    # over 化解“办证难”项目 then had only 力争 to name the work with.
    named = {w for w, flag in tokens if flag.startswith(("n", "j", "l"))}  # not 仍未, 率已 (jieba: d)
    found = {part for w, _ in tokens for part in ((w,) if w in named else ()) + tuple(jieba.lcut_for_search(w))
             if len(part) >= 2 and part not in words.weak_phrases
             and (part == w or (len(w) >= 4 and not part.startswith(NEGATIONS)))}
    own = found - {*words.free_words, *words.openers, *words.generic_nouns}  # 工作, 资金 alone name no work
    return own, {w for w, flag in tokens if flag == "v" and w in own}, found - own


def lead_readings(lead: str) -> list[str]:
    """The model's lead, then shorter readings of a lead that runs on, longest first: the words
    before its first figure (完成老旧燃气管道更新改造86公里 → …更新改造), its first clause
    (扎实开展人工造林和森林抚育，组织防火宣传进村入户… → 扎实开展人工造林和森林抚育), the work
    before a 和/与/及 (扎实开展松材线虫病疫木清理和林下经济增收 → …疫木清理), and any of these
    too long without its opening adverb (全面完成第五次全国经济普查单位清查 → 完成…). Only a reading
    that passes on its own is used: each is still the model's words, cut at a joint."""
    words = lead_words()
    dateless = undated(lead)  # 全面完成上半年国省道大中修 → 全面完成国省道大中修
    head = re.split(r"[0-9０-９]", dateless, maxsplit=1)[0].rstrip("，、：:（(“" + "".join(CONJUNCTIONS))
    clause = re.split(r"[，,]", head, maxsplit=1)[0]
    readings = []
    for text in (lead, dateless, head, clause):
        readings.append(text)
        readings += before_conjunctions(text)
    # an adverb the checks do not take as an opener (及时推进…), or one too many for the length
    readings += [text[len(w):] for text in list(readings) for w in words.intensifiers if text.startswith(w)]
    shorter = sorted(dict.fromkeys(readings[1:]), key=len, reverse=True)  # the fullest reading that passes
    return [r for r in dict.fromkeys([lead, *shorter]) if len(r) >= LEAD_MIN_CHARS]


def undated(text: str) -> str:
    """``text`` without its period words (上半年, 下半年, 工作日 …): a lead reads the same without them."""
    return re.sub("|".join(lead_words().period_words), "", text)


def before_conjunctions(text: str) -> list[str]:
    """``text`` cut before each conjunction that jieba reads as a word of its own (not 及时, 涉及)."""
    cuts, position = [], 0
    for word, _ in lead_tokens(text):
        if word in CONJUNCTIONS and position:
            cuts.append(text[:position])
        position += len(word)
    return cuts


def generic_violations(lead: str, topic: str = "") -> list[str]:
    """A lead naming only a general noun (扎实做好企业工作) does not name this item's work; the
    writer's heading (治超) names it, however jieba cuts it."""
    if lead and not content_words(lead) and not (topic and topic in lead):
        return ["概括短语过于笼统，应点明这一项的具体工作（如要点中的业务名称）"]
    return []


def names_a_siblings_work(lead: str, own: Sequence[str], siblings: Sequence[str]) -> bool:
    """扎实做好病害工作 over notes about 国省道大中修: the lead's words are in a sibling's notes, not its own."""
    named = content_words(lead)
    return bool(named) and not any(w in text for w in named for text in own) \
        and any(w in text for w in named for text in siblings)


def distinct_leads(item_texts: Sequence[str], note_groups: Sequence[Sequence[str]], role: str = "progress",
                   topic: str = "") -> list[str | None]:
    """Sibling items never open with the same lead, nor with one naming the same work in other
    verbs (进一步开展教育保障工作 / 全力推动教育保障工作, seen on the 1.5B model over 资助 and 校舍
    notes), nor with one naming a sibling's work (the section's keyword 病害 over notes about
    国省道大中修): such a lead is rebuilt from the item's own notes (``fallback_lead`` avoiding the
    leads before it). None where an item keeps its text."""
    used: set[str] = set()
    named: set[frozenset[str]] = set()
    rebuilt: list[str | None] = []
    for index, (text, notes) in enumerate(zip(item_texts, note_groups, strict=True)):
        lead, _, body = text.partition("。")
        siblings = [t for other in note_groups if other is not notes for t in other]
        work = frozenset(content_words(lead))
        if not body or not LEAD_MIN_CHARS <= len(lead) <= LEAD_MAX_CHARS or find_figures(lead) or (
                lead not in used and work not in named and not names_a_siblings_work(lead, notes, siblings)):
            used.add(lead)
            if work:
                named.add(work)
            rebuilt.append(None)
            continue
        lead = fallback_lead(notes, index, role, topic if topic in "".join(notes) else "", used)
        used.add(lead)
        # a one-note item's rebuilt lead that only says its note again leaves the note alone
        # (持续推进城市书房工作。新建城市书房3个。, rebuilt over a lead naming the section), as does
        # one the lead checks refuse, no candidate having passed (持续做好重点工作 over 1+X证书考试
        # 通过率91%, a 职业中专's: the stock lead names no work)
        alone = len(notes) == 1 and says_its_note(lead, body, role)
        refused = bool(lead_violations(lead, notes, role=role, topic=usable_topic(topic)))
        rebuilt.append(body if alone or refused else f"{lead}。{body}")
    return rebuilt


def varied_openings(texts: Sequence[str]) -> list[str]:
    """The items of one part with no opening word repeated: the 1.5B model opens most leads with
    全面 and most measures with 加强, where a writer varies them. A repeated adverb is swapped for
    an unused one (全面开展… → 扎实开展…); a repeated verb gets one before it (加强… → 持续加强…).
    Only the genre's adverbs change: the work each item names stays as written."""
    words = lead_words()
    adverbs = words.varied_adverbs
    used: set[str] = set()
    varied: list[str] = []
    for text in texts:
        tokens = lead_tokens(text[:LEAD_MAX_CHARS]) if text else []
        opening = tokens[0][0] if tokens else ""
        # 加快 before 推进 says how, as an adverb does: swapped, not given one (切实加快推进…, seen)
        hastens = len(tokens) > 1 and tokens[1][0] in (*words.work_verbs, *words.openers)
        spare = ""
        if opening in used and (opening in (*words.intensifiers, *adverbs) or hastens):
            spare = next((a for a in adverbs if a not in used and not text.startswith(a)), "")
            text = spare + text[len(opening):] if spare else text
        elif opening in used and opening in words.openers and fits_before(text, words.verb_adverbs[0]):
            spare = next((a for a in words.verb_adverbs if a not in used), "")
            text = spare + text if spare else text
        used.update({opening, spare})
        varied.append(text)
    return varied


def fits_before(text: str, adverb: str) -> bool:
    """Whether ``adverb`` before ``text`` leaves its lead (first sentence) a lead's length."""
    return len(text.partition("。")[0]) + len(adverb) + 1 <= LEAD_MAX_CHARS


# A clause opened by a preposition is a frame that runs on past the comma (针对基层力量薄弱，…的问题，
# 进一步…); cutting it there leaves two broken sentences.
FRAME_OPENERS = ("针对", "对于", "围绕", "根据", "按照", "为了", "通过", "随着", "鉴于", "由于")


# A shorter rest is a phrase, not a clause, and stands badly as a sentence of its own
# (少数学校安全教育形式单一。重宣传轻演练。): it stays in the problem's sentence. Longer rests are
# split as the seeds split theirs (一是部分项目单位前期准备工作不足。在服务…); at ten, a third of the
# notes cases' problems lost the seeds' opening sentence.
OPENED_REST_MIN_CHARS = 8
# A problem's opening clause may be shorter than a lead of work: 警力不足 and 专业人员少 state it whole
# (一是警力不足。基层派出所平均每所民警9人。), where a work's lead needs its verb and object.
OPENED_CLAUSE_MIN_CHARS = 4
# …but a rest of six or seven that opens with its own subject is a clause (执法队伍年龄结构偏大。专业人才
# 不足。); a phrase (重宣传轻演练) opens with no noun.
SUBJECT_REST_MIN_CHARS = 6


RATE_VERBS = ("提高", "提升", "降低", "压降")  # what a plan does to a rate
MAKING_REACH = 10  # how far before a thing a note's verb for it may stand (举办退役军人专场|招聘会)
CODE_RE = re.compile(r"[A-Za-z]+[0-9]*")  # G351, S205: a road's or a line's code
RESTATED_SHARE = 0.8  # a lead's object this much of a clause is the clause said again
# …or the clause with at most this many characters more: 着力开展低保动态调整 over 城乡低保动态调整，… (seen)
RESTATED_SPARE = 2
CLAUSE_FILLERS = ("进行", "对", "把", "将", "开展")  # words a clause may hold around the work it names


def lead_first_clause(text: str) -> str:
    """A one-sentence item whose first clause can name it (部分项目前期准备不足，…) → that clause as
    its own sentence, as the genre opens problem and measure items; a figure first and the
    shortfall it shows last (执法人员只有3人，监管力量不足) → the shortfall first (``judgement_first``).
    No word changes."""
    match = re.match(r"^(?P<clause>[^，。；！？,;]+)，(?P<rest>.+)$", text.strip(), re.S)
    if not match or "。" not in match["rest"][-1:] or re.search(r"[。！？]", match["rest"][:-1]):
        return text
    clause, rest = match["clause"], match["rest"]
    if judged := judgement_first(clause, rest[:-1]):
        return judged
    if clause.startswith(FRAME_OPENERS):  # 针对…，…的问题: the comma sits inside the frame
        return text
    if CAUSE_RE.search(clause):  # 城东幼儿园建设因用地调整，项目尚未开工: a cause is no problem alone
        return text
    if names_only_a_thing(clause):  # 畜禽粪污…整县推进项目，完成投资60%，进度偏慢: the problem comes after
        return text
    if not OPENED_CLAUSE_MIN_CHARS <= len(clause) <= LEAD_LINE_MAX_CHARS - 6 or re.search(r"[0-9０-９*＊%]", clause) \
            or find_figures(clause) or not stands_alone(rest):
        return text
    return f"{clause}。{rest}"


CAUSE_RE = re.compile(r"由于|因为|(?<![原诱基起成])因(?![素此而地])|受[^，。；]{1,8}影响")
# A shortfall short enough to open an item (监管力量不足, 住院难问题突出); longer ones are facts.
JUDGEMENT_MAX_CHARS = 10


def judgement_first(first: str, last: str) -> str:
    """"{last}。{first}。" when a problem states a figure first and the shortfall it shows last
    (基层粮食执法人员只有3人，监管力量不足 → 监管力量不足。基层粮食执法人员只有3人。), as the
    seeds' problems open with their judgement; else "". The shortfall must name its own subject
    (监管力量, not 推进 of 推进困难) so that it reads alone."""
    from drafter.drafting.reader import cue_hits

    if not find_figures(first) or find_figures(last) or re.search(r"[0-9０-９]", last) \
            or not OPENED_CLAUSE_MIN_CHARS + 2 <= len(last) <= JUDGEMENT_MAX_CHARS \
            or re.search(r"[^\u4e00-\u9fff]", last) or not cue_hits(last, "problems"):
        return ""
    opening = lead_tokens(last)[0]
    # …and says whose: 年龄结构老化 of 基层推广人员只有4名，… (a 水产站's) is theirs, and opened the item alone
    if last.startswith(OWNER_ATTRIBUTES):
        return ""
    return f"{last}。{first}。" if opening[1].startswith(("n", "vn")) and len(opening[0]) >= 2 else ""


def names_only_a_thing(clause: str) -> bool:
    """Whether a clause only names an undertaking, no shortfall said (…整县推进项目): alone as a
    problem's sentence it states nothing (一是…整县推进项目。完成投资60%，进度偏慢。)."""
    return clause.endswith(UNDERTAKINGS)


# What a work is carried out as: a clause ending on one names it (…整县推进项目); jieba's noun tag is
# no guide, it tags shortfalls so too (教师老龄化, 产业链条短)
UNDERTAKINGS = ("项目", "工程", "工作", "任务", "行动", "计划")


def stands_alone(rest: str) -> bool:
    """Whether what follows a problem's first clause is a sentence of its own: long enough, a
    figure and what it counts (支出率仅41%), or a shorter clause with its own subject
    (专业人才不足, 部分小区无物业)."""
    import jieba.posseg

    chars = len(re.findall(r"[\u4e00-\u9fff]", rest))
    if chars >= OPENED_REST_MIN_CHARS or (chars >= 3 and find_figures(rest) and counts_its_own(rest)):
        return True
    first = next(iter(jieba.posseg.lcut(rest)), None)
    return chars >= SUBJECT_REST_MIN_CHARS and first is not None and first.flag.startswith("n")


# what may stand before a figure and say nothing of what it counts (平均56岁 of 年龄偏大，平均56岁)
FIGURE_QUALIFIERS_RE = re.compile("|".join((*MEASURE_QUALIFIERS, "仅有", "只有", "仅", "约", "均", "达到", "达", "为", "已", "共",
                                           "超过", "不足")))


def counts_its_own(clause: str) -> bool:
    """Whether a clause with a figure names what it counts (支出率仅41%, 只有2名执法人员), not only
    how much (平均56岁, which alone reads as a fragment: 村级防疫员年龄偏大。平均56岁。, a 动物疫控
    中心's draft): three characters besides its figures and the words that qualify them."""
    words = FIGURE_QUALIFIERS_RE.sub("", re.sub(r"[0-9０-９.%％]", "", clause))
    return len(re.findall(r"[\u4e00-\u9fff]", words)) >= 3


MEASURE_ONLY_RE = re.compile(r"^[\u4e00-\u9fff]{0,10}(?:率|占比|比重|满意度)(?:达到|为|达)?[0-9.]+[%‰]?$")


def measure_only(text: str) -> bool:
    """办结率99.5%, 税收占比72.8% — a rate or share and its value, nothing else (jieba reads 办结
    率 as two verbs, so the shape decides)."""
    return bool(MEASURE_ONLY_RE.match(text))


def restates(lead: str, facts: str) -> bool:
    """Whether the facts' first clause says the lead over again: every word of the lead but its
    adverb stands in it (扎实开展社区矫正安全大排查 over 9月底前开展一次全县社区矫正安全大排查), or
    the lead past its adverb and verb is nearly the whole clause (扎实推动安全教育纳入教师培训内容
    over 把安全教育纳入教师培训内容). A lead naming the work its facts count (高效办理不动产登记
    over 受理不动产登记3210件), or a part of a longer clause (智能门禁安装 of 年底前完成18个老旧小区
    智能门禁安装), does not."""
    first = re.split(r"[，。；,;]", without_time(facts), maxsplit=1)[0]
    words = lead_words()
    adverbs = set(words.intensifiers)
    named = [w for w, _ in lead_tokens(lead) if len(w) >= 2 and w not in adverbs]
    if named and all(w in first for w in named):
        return True
    tokens = object_tokens(lead)
    core = "".join(w for w, _ in tokens)
    if len(core) < LEAD_MIN_CHARS:
        return False
    # a road's code (加快G351改线工程建设) adds nothing a lead should say; a figure (受理…3210件) does
    size = len(CODE_RE.sub("", first))
    if core in first:
        return len(core) >= RESTATED_SHARE * size or size - len(core) <= RESTATED_SPARE
    # 卫生室结算系统排查升级 over 对村卫生室结算系统进行排查升级: the core's words in the clause,
    # with only a preposition, 进行 or a character besides
    left = first
    for word, _ in tokens:
        if word not in left:
            return False
        left = left.replace(word, "", 1)
    left = re.sub("|".join(CLAUSE_FILLERS), "", left)
    return len(CODE_RE.sub("", left)) <= (1 - RESTATED_SHARE) * size


def says_its_note(lead: str, note: str, role: str) -> bool:
    """Whether a one-note item's lead only says its note again (``restates``), or, for a plan, only
    names its opening in more words (``names_only_its_opening``): the note then stands alone."""
    return restates(lead, note) or (role in PLAN_ROLES and names_only_its_opening(lead, note))


def names_only_its_opening(lead: str, note: str) -> bool:
    """Whether a note of one clause goes from its verb straight to the work the lead names and then
    to its figure (持续推进城市书房工作 over 新建城市书房3个, 加快推进“送戏下乡”演出工作 over 开展“送戏
    下乡”演出120场: 1.5B, a 文旅局's plan): the lead says nothing its note does not, in more words.
    Callers ask it of plans only: a result's item is led in the genre even so (持续推进不动产登记。
    受理不动产登记3210件。), a plan of one clause is its own item."""
    # the half a plan is for is no part of its work (下半年完成2处…)
    clause = re.sub(r"^(?:下半年|明年)[，,]?", "", without_time(note.strip().rstrip("。")))
    if re.search(r"[，,；;。]", clause):
        return False
    work = "".join(w for w, _ in object_tokens(lead)).removesuffix("工作")
    tokens = lead_tokens(clause)
    words = lead_words()
    verbs = (*words.making_verbs, *words.openers, *words.grammar_verbs, *words.note_openers)  # jieba: 新建 ns
    opening = "".join(w for w, _ in tokens[1:]) if tokens and (tokens[0][1].startswith("v") or tokens[0][0] in verbs) else ""
    # …or the clause's end: 深入实施农业普查前期准备 over 做好2025年农业普查前期准备 (a 统计局's plan, 1.5B)
    opening = re.sub(r"(?:19|20)\d{2}\s*年度?", "", opening)
    # …past a count of the work: 全面推进水文站标准化改造 over 下半年完成2处水文站标准化改造 (a 水文站's plan, 1.5B)
    opening = re.sub(r"^[0-9０-９.]+[余多]?[个处座所项家条名台辆批期次场户件]?", "", opening)
    return len(work) >= 2 and bool(re.match(re.escape(work) + r"\s*(?:[0-9０-９]|$)", opening))


def object_tokens(lead: str) -> list[tuple[str, str]]:
    """A lead's words past its adverb and its verb of the genre (扎实推进|不动产登记)."""
    words = lead_words()
    tokens = lead_tokens(lead)
    verb_gone = False
    while tokens and (tokens[0][0] in words.intensifiers or tokens[0][0] in words.openers
                      or tokens[0][0] in words.grammar_verbs):
        verb_gone = verb_gone or tokens[0][0] not in words.intensifiers
        tokens = tokens[1:]
    # a verb of the lead's own (全面部署夏季夜查整治行动 over 开展夏季夜查整治行动 says it again), only
    # where no verb of the genre went: 低保 of 着力开展低保动态调整 is its work, whatever jieba tags it
    if not verb_gone and len(tokens) > 1 and tokens[0][1] == "v":
        tokens = tokens[1:]
    return tokens


def says_no_more(lead: str, phrase: str) -> bool:
    """Whether every word of a lead that names work (``content_words``) stands in ``phrase``:
    深入实施产业发展工作 under 实施产业发展项目 names nothing the heading does not."""
    words = content_words(lead)
    return bool(words) and all(w in phrase for w in words)


def compose_item(lead: str, body: str) -> str:
    """一是's text: the lead as its own sentence, then the facts."""
    body = body.strip()
    if not lead:
        return body
    # The model repeated its lead at the start of the facts (but 推进…整治 is no clause of 推进…整治提升，…).
    if body.startswith(lead) and body[len(lead):len(lead) + 1] in ("", "。", "，", "；", "：", " "):
        body = body[len(lead):].lstrip("。，；： ")
    return f"{lead}。{body}"


# --- measures for problems no plan answers ---------------------------------------------------


@cache
def remedies() -> dict[str, Any]:
    return tomllib.loads(REMEDIES_FILE.read_text(encoding="utf-8"))


@cache
def remedy_rules() -> list[tuple[re.Pattern[str], str]]:
    """(the clause a rule turns round — subject, a qualifier or none, the ending —, its measure)."""
    data = remedies()
    qualifiers = "|".join(data["qualifiers"])
    return [(re.compile(rf"(?P<subject>.*?)(?:{qualifiers})?{ending}"), measure) for ending, measure in data["rules"]]


TRAILING_AMOUNT_RE = re.compile(r"(?:约|近|仅|达|超过|不足)?[0-9０-９.]+[\u4e00-\u9fff%‰]{0,2}$")


def remedy(problem: str, index: int = 0) -> str:
    """The plan's measure for ``problem``, from its own words (data/remedies.toml): the first
    clause whose ending says what is short, turned round (村集体经济增收渠道单一 → 推动村集体经济
    增收渠道多元化); else the problem named as the thing to solve (着力解决教师老龄化问题), the
    ``index``-th wording in turn. Clauses with figures are left out where others remain."""
    return rule_measure(problem) or named_measure(problem, index)


PLAIN_CLAUSE_MIN_CHARS = 3
LATIN_NAME_RE = re.compile(r"[A-Za-z]+[0-9.]+|[0-9]+[A-Za-z]+")  # 4G, PM2.5: names, not figures


def problem_clauses(problem: str) -> tuple[list[str], list[str]]:
    """(the problem's clauses, those without figures — or all, when every one has a figure); its
    cause is no part of it (…，原因是编制少: its measure had read 着力解决…、原因是编制少问题)."""
    problem = problem.split(f"，{CAUSE_OPENER}")[0]
    clauses = [c.strip() for c in re.split(r"[，,；;。]", problem) if c.strip()]
    # a clause of a word or two goes on from the one before (操作人员只有1人，兼职: its measure had
    # been 着力解决兼职问题, a 外事办's) and names no problem of its own
    plain = [c for c in clauses if not re.search(r"\d", LATIN_NAME_RE.sub("", c)) and len(c) >= PLAIN_CLAUSE_MIN_CHARS]
    # …nor the load a shortfall is set against: 辖区面积大 of 执法人员只有6人，辖区面积大 (a 市场监管所's)
    # says why six are too few, and its measure had read 切实解决辖区面积大问题 (工作任务重, 业务量大 too)
    if len(clauses) > 1:
        plain = [c for c in plain if not any(burden.search(c) for burden in burdens())]
    return clauses, plain or clauses


@cache
def burdens() -> list[re.Pattern[str]]:
    return [re.compile(pattern) for pattern in remedies()["burdens"]]


def rule_measure(problem: str) -> str:
    """The measure a remedy rule turns the problem round into (村集体经济增收渠道单一 → 推动村集体
    经济增收渠道多元化), or ""."""
    data = remedies()
    clauses, plain = problem_clauses(problem)
    for clause in plain:
        for pattern, measure in remedy_rules():
            match = pattern.fullmatch(TRAILING_AMOUNT_RE.sub("", clause))  # 全科医生缺口约40人: the amount goes
            if not match:
                continue
            subject = without_scope(match["subject"] or subject_before(clauses, clause))
            before = without_scope(subject_before(clauses, clause)) if 0 < len(subject) < data["min_subject"] else ""
            if len(before) >= data["min_subject"]:
                # 城东幼儿园建设因用地调整，项目尚未开工: whose 项目? the clause before says (its measure
                # had been 着力解决城东幼儿园建设因用地调整、项目尚未开工问题)
                subject = before + subject
            subject = owned(subject, clauses, clause)
            # 村信息员兼职多、响应|慢 is a list of shortfalls, not a work to speed up: named instead
            if len(subject) >= data["min_subject"] and "、" not in subject:
                return measure.format(subject=without_said_verb(subject, measure)) + "。"
    return ""


OWNED_ENDINGS = ("能力", "意识", "水平", "积极性", "主动性", "责任")  # said of someone, who must be named
OWNER_ATTRIBUTES = ("规模", "年龄", "平均年龄", "数量", "人数")
LEVEL_OWNERS = ("基层", "乡镇", "村级", "县级", "全县", "社区")


def owned(subject: str, clauses: Sequence[str], clause: str) -> str:
    """A measure's subject with its owner, when it is an ability or a duty the problem's first clause
    says whose: 台资企业规模普遍偏小，抗风险能力弱 → 台资企业抗风险能力 (its measure had read 增强抗风险
    能力, a 台办's), 部分企业安全意识淡薄，主体责任落实不到位 → 企业主体责任."""
    # 基层训练水平 says whose already (专业教练员少，基层训练水平不高: not 专业教练员基层训练水平)
    if not subject.endswith(OWNED_ENDINGS) or clauses.index(clause) == 0 or subject.startswith(LEVEL_OWNERS):
        return subject
    names = list(itertools.takewhile(names_on, lead_tokens(without_scope(clauses[0]))))
    # …without what it is measured by (规模, 年龄), nor a shortfall jieba took for a name (设施|陈旧: nr)
    while names and (names[-1][0] in OWNER_ATTRIBUTES or names[-1][1] == "nr"):
        names.pop()
    owner = "".join(word for word, _ in names)
    return owner + subject if len(owner) >= 2 and owner not in subject else subject


def without_said_verb(subject: str, measure: str) -> str:
    """The subject without the verb it ends on when the measure says it before it: 部分项目推进偏慢
    read 加快推进项目推进."""
    said = measure.split("{subject}")[0]
    verb = next((v for v in ("推进", "建设", "开展", "实施") if said.endswith(v) and subject.endswith(v)), "")
    return subject[:-len(verb)] if verb and len(subject) > len(verb) + 1 else subject


def named_measure(problem: str, index: int = 0) -> str:
    """The problem named as the thing to solve (着力解决教师老龄化问题), the ``index``-th wording."""
    data = remedies()
    clauses, plain = problem_clauses(problem)
    named = "、".join(problem_name(without_scope(with_dropped_subject(clauses, plain, c))) for c in plain[:2])
    return data["naming"][index % len(data["naming"])].format(problem=named) + "。"


def measurable(problem: str) -> bool:
    """Whether a measure can be built from the problem's words: a remedy rule turns it round, or it
    names itself without a figure. 全所只有4名执法人员，承担全镇2800多户经营主体监管 (a 市场监管所's)
    is told by its evidence: 加快解决全所只有4名执法人员、承担…监管问题 only said it again."""
    return bool(rule_measure(problem)) or not re.search(r"[0-9０-９]", named_measure(problem))


ONE_NOUN_SUBJECT_MIN_CHARS = 3
OWN_SUBJECT_MIN_CHARS = 7  # 泄漏风险大 is what of something; 评标专家数量少 names its own


def with_dropped_subject(clauses: Sequence[str], plain: Sequence[str], clause: str) -> str:
    """A short clause after one left out for its figure, with that clause's subject before it:
    部分老旧管网运行超过20年，泄漏风险大 → 老旧管网泄漏风险大 (its measure had been 着力解决泄漏风险大
    问题, a 燃气公司's: whose risk?)."""
    at = clauses.index(clause)
    # 招人难、留人难 is a list of what is hard: its first part says whether it names its own subject
    if at == 0 or clauses[at - 1] in plain or len(clause.split("、")[0]) >= OWN_SUBJECT_MIN_CHARS:
        return clause
    if measured := measured_subject(without_scope(clauses[at - 1])):
        return measured + clause  # whose figure it gave, however short its name (护理员, 村医)
    subject = without_scope(subject_before(clauses, clause))
    # names only (全中心只有 of 全中心只有2人，修志任务重 is no subject)
    tokens = lead_tokens(subject)
    named = all(flag.startswith(MODIFIER_FLAGS) or flag == "vn" for _, flag in tokens) if subject else False
    # 采血车 of 采血车已使用12年，故障多 (a 血站's): one noun of three says whose, where 基层 says too little
    one_noun = len(tokens) == 1 and tokens[0][1].startswith("n") and len(subject) >= ONE_NOUN_SUBJECT_MIN_CHARS
    return subject + clause if named and (len(subject) >= remedies()["min_subject"] or one_noun) else clause


def measured_subject(clause: str) -> str:
    """Whose figure a clause gives, when it gives one of a measure: 护理员 of 护理员平均年龄52岁 (its
    招人难、留人难 had been solved for no one: a 社会福利院's), 乡镇农技人员 of 乡镇农技人员平均年龄
    超过50岁; "" when the clause's names run on to no measure (全中心只有2人)."""
    names = list(itertools.takewhile(names_on, lead_tokens(clause)))
    if len(names) < 2 or names[-1][0] not in lead_words().indicator_nouns:
        return ""
    subject = "".join(word for word, _ in names[:-1])
    return subject if len(subject) >= 2 else ""


PEOPLE_HEADS = ("人员", "员", "队伍", "干部", "人才", "力量")


def subject_before(clauses: Sequence[str], clause: str) -> str:
    """The subject of the clause before ``clause``, its words up to its first verb, for a clause
    that is only an ending: 剩余3处隐患 of 剩余3处隐患涉及资金，尚未整改到位 (whose measure had been
    着力解决尚未整改到位问题)."""
    import jieba.posseg

    at = clauses.index(clause)
    if at == 0:
        return ""
    words: list[str] = []
    named = False  # jieba tags 剩余 and 处 verbs: the subject ends at a verb after its noun
    tokens = jieba.posseg.lcut(clauses[at - 1])
    for index, token in enumerate(tokens):
        # …but a verb before the people it names is part of the name (基层|推广|人员只有4名, a 水产站's:
        # its 年龄结构老化 had been measured 推进年龄结构更新改造, the subject cut to 基层)
        names_people = index + 1 < len(tokens) and tokens[index + 1].word in PEOPLE_HEADS
        if named and token.flag.startswith(("v", "d")) and not names_people:  # …or an adverb (采血车|已|使用12年)
            break
        # …which ends at 只有, a count, a quality or what of them is said (推广人员|只有|4名, 防疫员|年龄|偏大)
        people = bool(words) and words[-1].endswith(PEOPLE_HEADS)
        if people and (token.flag.startswith(("c", "m", "a")) or token.word in OWNER_ATTRIBUTES):
            break
        words.append(token.word)
        named = named or token.flag.startswith("n")
    subject = "".join(words)
    # all before the cause is the subject where the verb cut a name: 数据安全等级|保护|测评因经费未到位 (a
    # 数据局's), not where it is the work's own verb (城东幼儿园|建设因用地调整 → 城东幼儿园项目)
    if (cause := re.search(r"(?<=[\u4e00-\u9fff]{4})(?:因为|因|由于)", clauses[at - 1])) is not None \
            and len(jieba.posseg.lcut(clauses[at - 1][len(subject):cause.start()])) >= 2:
        return clauses[at - 1][:cause.start()]
    return subject


def joined_measures(texts: Sequence[str]) -> str:
    """Several measures as one item under the stock lead, each a clause: 全力补齐短板弱项。推动村集体
    经济增收渠道多元化；补齐养护资金缺口。"""
    clauses = [text.strip().rstrip("。；;，,") for text in texts if text.strip()]
    return compose_item(remedies()["lead"], "；".join(clauses) + "。")


def without_scope(text: str) -> str:
    """A problem's subject for all of it (部分乡镇防火通道 → 乡镇防火通道); a bare 单位 or 部门 left
    first reads as 各单位 (个别单位政务新媒体更新 had read 加快单位政务新媒体更新)."""
    for word in remedies()["scope_words"]:
        if text.startswith(word):
            text = text.removeprefix(word)
            return f"各{text}" if text.startswith(("单位", "部门")) else text
    return text


def problem_name(clause: str) -> str:
    """The clause as the name of a problem: without its "still", and ending at 问题 where it says
    more after it (屡审屡犯问题仍然存在 → 屡审屡犯, since the naming wording adds 问题 itself)."""
    for word in remedies()["still"]:
        clause = clause.replace(word, "")
    before = clause.split("问题")[0]
    # …观念依然存在 says the notion still exists: the notion is the problem (着力解决…观念存在问题 read
    # as "the notion has problems", a 殡葬管理所's)
    before = re.sub(r"(?<=[\u4e00-\u9fff]{4})存在$", "", before)
    # …and 执行难仍未根本解决 says the difficulty is not yet solved: 切实解决执行难仍未根本解决问题 (a
    # 法院's) said it twice
    before = re.sub(r"(?<=[\u4e00-\u9fff]{2})(?:仍|还|尚|仍然|依然)(?:未|没有|没)(?:得到)?(?:根本|彻底|完全|有效)?(?:解决|缓解|破解)$",
                    "", before)
    # …and 案多人少矛盾突出 says how sharp the strain is: 着力解决…矛盾突出问题 (a 仲裁院's, unseen) named
    # the sharpness, where the strain is the problem
    before = re.sub(r"(?<=[\u4e00-\u9fff]{2}(?:矛盾|隐患|短板|困难))(?:仍然|依然|仍|较为|比较|十分|尤为)?(?:突出|明显|较多)$",
                    "", before)
    return before or clause
