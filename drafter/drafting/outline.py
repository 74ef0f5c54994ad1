"""The outline: every part and section heading, and which notes each holds.

Part headings come from the kind (``default_heading``); section headings are written by the
model in the house style (强化规划引领，谋篇布局优空间。) — one call per part — and validated
(two 4–9 character phrases, no figures); a failed heading is built from the group name. A
plan's sections are headed by one phrase naming the work (（一）强化耕地保护力度。), asked and
checked as an item's lead is, one call per section.

The outline round-trips through Markdown so a user can edit it before the body is written::

    # 某县自然资源局2024年上半年工作总结和下半年工作计划
    > 现将2024年上半年工作情况总结如下。
    ## 一、上半年工作进展情况 <!-- progress -->
    ### （一）强化耕地保护，守牢底线保安全。
    - [n1] 补充耕地1.1万亩
    ## 三、下半年工作计划 <!-- plans -->
    - [n7:措施] 执法力量薄弱            ← a measure answering problem n7
    - 新增的要点                         ← a line without an id is a new note
"""

from __future__ import annotations

import itertools
import re
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field, replace

from drafter.drafting.compose import (
    LEVEL_RE,
    MANNER_VERBS,
    SELF_NAME_RE,
    SINGLE_NOTE_ROLES,
    aspect_of,
    content_words,
    fallback_lead,
    generic_only,
    indicator_ending,
    key_phrase,
    key_phrases,
    lead_tokens,
    lead_words,
    measurable,
    names_on,
    plan_items,
    usable_topic,
    verb_runs_on,
    words_of,
)
from drafter.drafting.grouping import OTHER_GROUP, Embed, Group, PartGroups, names_who
from drafter.drafting.meaning import check_meaning
from drafter.drafting.notes import QUARTER_RE, Note, Notes, period_text
from drafter.drafting.prompts import prompt_messages, sections
from drafter.drafting.prose import FRAMING_RE
from drafter.drafting.write import split_numbered
from drafter.errors import ModelError, NotesError
from drafter.models.runner import ModelRunner
from drafter.structure.figures import find_figures
from drafter.structure.kinds import Kind
from drafter.structure.numerals import int_to_cn

HALF = r"[\u4e00-\u9fff“”、]{4,9}"  # one half of the house rhythm
HEADING_RE = re.compile(rf"^{HALF}，{HALF}。$")
HALF_RE = re.compile(HALF)
VERBS = ("强化", "深化", "严格", "统筹", "突出", "扎实")
# A section's work named by its writer (经济发展) or its notes' key phrase (国省道大中修) opens the
# heading after one of these, in turn: 聚焦经济发展，… / 抓实乡村振兴，…
FOCUS_VERBS = ("聚焦", "抓实", "统筹", "突出", "做实", "狠抓")  # fit any work named (never 严格社会事业)
# …but not people: a section about them is headed by what is done for them (统筹环卫工人 and 聚焦游客,
# built over a 环卫所's insurance and awards and a 景区's visitor figures, named no work)
PEOPLE_VERBS = (("服务", ("游客", "群众", "患者", "病人", "市民", "居民", "旅客")),
                ("关爱", ("工人", "职工", "老人", "老年人", "儿童", "妇女", "学生", "残疾人", "退役军人", "农民工")))
FOCUS_CORE_CHARS = 6  # 2 + 6: a first half of at most eight characters (聚焦应急物资储备)
OPEN_ENDINGS = ("和", "与", "及", "的", "等")  # a name cut short never ends on a joining word
TAILS = ("守牢底线保安全", "提质增效见实效", "优化服务增便利", "担当作为促发展", "狠抓落实求突破", "推动工作提质效",
         "真抓实干开新局", "务实笃行见成效")  # each passes the headings' meaning guard
# A stock second half says something of the work only when the work is of its kind: 聚焦政务服务，
# 守牢底线保安全 (seen) reads wrong to a reviewer. The others fit any work.
TOPIC_TAILS = {
    "守牢底线保安全": ("安全", "防汛", "防火", "应急", "隐患", "风险", "执法", "监管", "督查", "灾害", "违法", "案件", "耕地保护"),
    "优化服务增便利": ("服务", "办件", "政务", "便民", "窗口", "热线", "审批", "登记", "办结", "群众"),
    "担当作为促发展": ("经济", "投资", "产业", "招商", "消费", "外贸", "增长", "发展", "产值"),
}
# five, so a part of five sections need not repeat one (seen: 提质增效见实效 twice in four)
NEUTRAL_TAILS = ("提质增效见实效", "狠抓落实求突破", "推动工作提质效", "真抓实干开新局", "务实笃行见成效")
# The one-character verbs of the house rhythm's second half (谋篇布局优空间, 保护耕地守粮仓), which
# jieba reads as nouns there; a second half with none of them and no verb is a bare noun phrase.
RHYTHM_VERBS = "优活守促腾抓保增见求提强稳兴惠暖筑护固扩降减添"
MEASURE_TAG = "措施"
ITEM_RE = re.compile(r"^[-*+]\s*(?:\[(?P<id>n\d+)(?::(?P<tag>[^\]]+))?\]\s*)?(?P<text>.*)$")
ROLE_COMMENT_RE = re.compile(r"\s*<!--\s*(?P<role>[a-z-]+)\s*-->\s*$")
PART_MARKER_RE = re.compile(r"^[一二三四五六七八九十]+[、.．]\s*")
SECTION_MARKER_RE = re.compile(r"^[（(][一二三四五六七八九十]+[）)]\s*")
LEAD_NOTES_RE = re.compile(r"\s*<!--\s*(?P<ids>n\d+(?:\s+n\d+)*)\s*-->\s*$")  # the notes a 导语 states
OVERVIEW_KINDS = ("half-year", "annual")
OVERVIEW_MAX_NOTES = 2
TIME_OPENING_RE = re.compile(r"^(?:(?:19|20)\d{2}\s*年|上半年|下半年|全年|今年|年内|\d{1,2}\s*[-—~至到]\s*\d{1,2}\s*月)")


@dataclass
class OutlineSection:
    heading: str
    name: str
    note_ids: list[str] = field(default_factory=list)
    runs: list[list[str]] = field(default_factory=list)  # groups joined here: no item crosses one


@dataclass
class OutlinePart:
    role: str
    heading: str
    sections: list[OutlineSection] = field(default_factory=list)
    note_ids: list[str] = field(default_factory=list)  # items directly under the part
    measure_ids: list[str] = field(default_factory=list)  # problems answered by a measure here
    runs: list[list[str]] = field(default_factory=list)  # of note_ids, as a section's

    @property
    def all_note_ids(self) -> list[str]:
        return [*self.note_ids, *(i for s in self.sections for i in s.note_ids), *self.measure_ids]


@dataclass
class Outline:
    title: str
    lead: str
    parts: list[OutlinePart]
    lead_note_ids: list[str] = field(default_factory=list)  # results the 导语 states (``overview_notes``)

    @property
    def note_ids(self) -> list[str]:
        return [*self.lead_note_ids, *(i for part in self.parts for i in part.all_note_ids)]


# --- title and lead ---------------------------------------------------------------------


def make_title(kind: Kind, org: str, period: str, subject: str = "", plan_name: str = "工作计划") -> str:
    year = period[:4]
    if kind.name == "half-year":
        if period.endswith("H2"):
            return f"{org}{year}年下半年工作总结和{int(year) + 1}年工作计划" if year else f"{org}下半年工作总结"
        return f"{org}{year}年上半年工作总结和下半年工作计划" if year else f"{org}上半年工作总结和下半年工作计划"
    if kind.name == "annual":
        return f"{org}{year}年工作总结和{int(year) + 1}年工作计划" if year else f"{org}年度工作总结"
    if kind.name == "plan":  # a half-year's plan keeps its half (2025年下半年工作安排 had become 2025年工作计划)
        return f"{org}{period_text(period)}{plan_name}" if year else f"{org}{plan_name}"
    return f"{org}关于{period_text(period)}{subject or '工作情况'}的报告"


def make_lead(kind: Kind, period: str, subject: str = "", plan_name: str = "工作计划") -> str:
    when = period_text(period) or ("上半年" if kind.name == "half-year" else "本年度")
    if kind.name == "plan":
        return f"为扎实做好{when}各项工作，结合工作实际，制定本{plan_name.removeprefix('工作')}。"
    if kind.name == "special" and subject:
        return f"现将{when}{subject}{subject_state(subject)}报告如下。"
    return f"现将{when}工作情况总结如下。"


def subject_state(subject: str) -> str:
    """What is reported of a special report's subject: an action's 开展情况, a work's 情况 (现将…专项
    行动报告如下 reported the action itself, seen); nothing after 情况 already."""
    if subject.endswith(("情况", "报告", "总结")):
        return ""
    return "开展情况" if subject.endswith(("行动", "活动", "检查", "整治", "攻坚", "督查")) else "情况"


def overview_notes(notes: Notes, kind: Kind) -> list[Note]:
    """The results a summary opens with, in its 导语 before 现将…: its first progress notes, under
    no heading of the writer's, made only of aggregate figures (资产总额达到186.4亿元，同比增长7.2%),
    while two results at least remain for the body; and before them the writer's framing line
    (今年以来，我县把优化营商环境作为“一号改革工程”来抓 — a 营商环境 report's: it had been the first
    fact of its first item), in a special report too."""
    if kind.name not in (*OVERVIEW_KINDS, "special"):
        return []
    progress = [note for note in notes.notes if note.role == "progress"]
    found: list[Note] = progress[:1] if progress and frames(progress[0]) else []
    for note in progress[len(found):len(found) + OVERVIEW_MAX_NOTES] if kind.name in OVERVIEW_KINDS else []:
        if note.topic or not states_aggregates(note.text):
            break
        found.append(note)
    return found if len(progress) - len(found) >= 2 else []


def frames(note: Note) -> bool:
    """Whether a note says how the work was held, not what was done: no heading, no figure, and a
    framing clause (把…作为…来抓, 认真贯彻…部署)."""
    return not note.topic and not find_figures(note.text) and bool(FRAMING_RE.search(note.text))


def states_aggregates(text: str) -> bool:
    """Whether every clause of ``text`` is a figure of a measure or its comparison, one at least an
    aggregate (零售总额, 营业收入): no clause says what work was done."""
    words = lead_words()
    measures = (*words.indicator_nouns, *words.overview_nouns)

    def measured(clause: str) -> bool:
        return bool(find_figures(clause)) and (any(word in clause for word in measures)
                                               or clause.startswith(words.overview_comparisons))

    clauses = [clause.strip() for clause in re.split(r"[，,；;。]", text) if clause.strip()]
    return any(word in text for word in words.overview_nouns) and all(measured(clause) for clause in clauses)


def overview_sentence(texts: Sequence[str], period: str) -> str:
    """The notes as the 导语's first sentence, as written, after the period unless they name a time:
    2025年，县属国有企业资产总额达到186.4亿元，同比增长7.2%；实现营业收入23.6亿元。"""
    body = "；".join(text.strip().rstrip("。；;，,") for text in texts)
    when = period_text(period)
    return f"{when}，{body}。" if when and not TIME_OPENING_RE.match(body) else f"{body}。"


def opening_sentences(overview: Sequence[Note], period: str) -> str:
    """The 导语's sentences before 现将…: the writer's framing line as a sentence of its own, then the
    aggregate results as one."""
    framing = [note.text for note in overview[:1] if frames(note)]
    results = [note.text for note in overview[len(framing):]]
    return "".join(overview_sentence(texts, period) for texts in (framing, results) if texts)


def plan_name(title: str) -> str:
    """What a plan is called, as its writer called it: 县林业局2026年工作要点（征求意见稿） is a 工作要点
    (it had been drafted as a 工作计划, another document's name), 2025年下半年工作安排 a 工作安排;
    else 工作计划."""
    return "工作要点" if "要点" in title else "工作安排" if "工作安排" in title else "工作计划"


def report_subject(title: str, org: str, period: str) -> str:
    """What a special report is about, from the notes' title line: 城关街道2024年“平安城关”创建活动
    情况 → “平安城关”创建活动情况. Without it the draft was titled 城关街道关于2024年工作情况的报告,
    another document. "" when the title says nothing beyond the unit, the period and the genre."""
    subject = title.strip().lstrip("#").strip()
    for known in (org, period_text(period), f"{period[:4]}年度", f"{period[:4]}年", "关于"):
        if known:
            subject = subject.replace(known, "", 1)
    subject = re.sub(r"[（(][^）)]{1,6}[）)]$", "", subject.strip())  # （材料）, （初稿）: about the file, not the work
    subject = re.sub(r"(的)?(专题|专项)?(工作)?(报告|汇报|总结)$", "", subject.strip(" ：:，,"))
    if len(re.findall(r"[\u4e00-\u9fff]", subject)) == 2 or QUARTER_RE.fullmatch(subject):
        # 2025年防汛工作总结 → 防汛工作: a work named in two characters keeps its 工作; so do a quarter's
        # works (县统计局2025年前三季度工作总结 had been 县统计局关于2025年前三季度的报告)
        subject += "工作"
    return subject if len(re.findall(r"[\u4e00-\u9fff]", subject)) >= 4 and subject not in ("工作情况", "工作") else ""


def standard_wording(kind: Kind, role: str) -> str:
    """A part the notes say nothing of: the kind's standard wording (指导思想, 保障措施 in a plan),
    else a visible placeholder for the writer — never text a model made up."""
    spec = kind.spec(role)
    if spec is not None and spec.standard_wording:
        return spec.standard_wording
    return sections("fallbacks")["placeholder"].format(label=spec.label if spec else role)


# --- headings ---------------------------------------------------------------------------


def valid_heading(text: str) -> bool:
    return bool(HEADING_RE.match(text)) and not find_figures(text) and not re.search(r"\d", text)


def fallback_heading(name: str, index: int, note_texts: Sequence[str] = (), used: Collection[str] = ()) -> str:
    """A heading in the house rhythm built from what the section is about: the writer's group
    name (聚焦经济发展，…), else its notes' key phrase (抓实国省道大中修，…) when the name is only
    a keyword of one note; the generic pairs only when nothing names the work."""
    if valid_heading(name):
        return name
    if valid_heading(name + "。"):
        return name + "。"
    if states_how(name) and HALF_RE.fullmatch(name):
        # 领导重视, 排查到位 (a special report's labels): the writer's first half as written (聚焦领导重视, seen)
        return f"{name}，{stock_tail(name, note_texts, index, used, name)}。"
    if focus := section_focus(name, note_texts, used):
        verb = next((verb for verb, people in PEOPLE_VERBS if focus.endswith(people)), FOCUS_VERBS[index % len(FOCUS_VERBS)])
        first = f"{verb}{focus}"
    else:
        core = heading_core(name) if name != OTHER_GROUP else ""
        verb_first = len(core) >= 4 and name_opens_with_verb(core)
        first = core if verb_first else "统筹推进各项工作"  # 加强执法监督, 做强特色产业 already open with a verb
    return f"{first}，{other_label_half(name, first) or stock_tail(name, note_texts, index, used, first)}。"


LABEL_HALF_VERBS = ("加强", "深化", "强化", "做实")
# 提升数据质量, 推进乡村振兴: what the genre does to a quality or a development, not 加强
LABEL_HALF_FITS = ((("质量", "水平", "效能", "能力"), ("提升",)), (("振兴", "发展"), ("推进", "推动")),
                   (("权益",), ("维护",)))  # 维护青少年权益: a right is upheld
# a half of the house rhythm: four to nine characters, the verb's two among them (加强青年就业创业, a
# 团县委's, is eight; a nine-character half beside a first of nine reads as two headings)
LABEL_HALF_CHARS = 8


def other_label_half(name: str, first: str) -> str:
    """The second half for a section joining the writer's labels, naming the next one the first half
    does not (代表工作、自身建设 → 抓实代表工作，加强自身建设): a stock half (狠抓落实求突破) had left
    the second label's work under a heading naming only the first. Of three labels two are named
    (希望工程、青少年权益、志愿服务 → 统筹希望工程，维护青少年权益), as a stock half named none of
    the others. "" for one label, or a first half naming none of them."""
    labels = section_labels(name)
    other = [label for label in labels if label not in first]
    if len(labels) < 2 or len(other) != len(labels) - 1 or not 2 <= len(label := other[0]) <= LABEL_HALF_CHARS - 2 \
            or not re.fullmatch(r"[\u4e00-\u9fff]+", label):
        return ""
    # a label that does a work already (开展抽检监测) is a half as written: 加强开展… doubled the verb
    if opens_on_heading_verb(label) or name_opens_with_verb(label):
        return label if len(label) >= 4 else ""
    fitting = next((verbs for endings, verbs in LABEL_HALF_FITS if label.endswith(endings)), LABEL_HALF_VERBS)
    verb = next(v for v in (*fitting, *LABEL_HALF_VERBS, "抓好") if v not in first)
    return f"{verb}{label}"


def names_either_label(half: str, name: str) -> bool:
    """Whether a heading's half says a word of one of the labels a section's name joins."""
    return any(len(word) >= 2 and word in half for label in section_labels(name) for word in words_of(label))


def stock_tail(name: str, note_texts: Sequence[str], index: int, used: Collection[str] = (), first: str = "") -> str:
    """The stock second half whose kind of work the section's name and notes speak of most (政务服务
    → 优化服务增便利), else a neutral one in turn; not one a sibling already has, nor one that
    repeats a word of the first half (聚焦经济发展，担当作为促发展)."""
    def free(tail: str) -> bool:
        return tail not in used and not any(tail[i:i + 2] in first for i in range(len(tail) - 1))

    # A kind fits when the name says it or most of the notes do: one 文物安全检查 among four
    # culture notes made 抓实文化活动，守牢底线保安全 (seen).
    def notes_of_kind(words: tuple[str, ...]) -> int:
        return sum(any(word in text for word in words) for text in note_texts)

    hits = {tail: notes_of_kind(words) + len(note_texts) * any(word in name for word in words)
            for tail, words in TOPIC_TAILS.items()}
    fitting = [tail for tail, count in sorted(hits.items(), key=lambda pair: -pair[1]) if count * 2 > len(note_texts)]
    neutral = [NEUTRAL_TAILS[(index + step) % len(NEUTRAL_TAILS)] for step in range(len(NEUTRAL_TAILS))]
    return next((tail for tail in [*fitting[:1], *neutral] if free(tail)), neutral[0])


# How a work went, said of it (领导重视, 排查到位, 快处快结): a writer's label so is a statement, not a
# work a heading's verb can take
STATEMENT_ENDINGS = ("重视", "到位", "有力", "有效", "见效", "快结", "扎实", "明显", "得力", "务实", "显著", "及时")


def states_how(name: str) -> bool:
    return name.endswith(STATEMENT_ENDINGS)


FOCUS_PHRASES = 3  # key phrases a section's focus may be taken from, best first


def section_focus(name: str, note_texts: Sequence[str], taken: Collection[str] = ()) -> str:
    """What the section's work is called, in at most FOCUS_CORE_CHARS characters: the writer's
    name (经济发展 — a name no note repeats is a heading the writer gave), else the notes' key
    phrase, else their next (when a sibling's heading half in ``taken`` has named it); "" when
    none is specific (其他重点工作, 企业) or the name already opens with a verb."""
    name = "" if name == OTHER_GROUP else name.strip()
    if name and (name_opens_with_verb(heading_core(name)) or states_how(name)):
        return ""
    joined = "".join(note_texts)
    candidates = [name] if name and (len(name) >= 4 or name not in joined) else []
    phrases = key_phrases(list(note_texts)) if note_texts else []
    # the next phrases only when a sibling has taken the first (else the name, or the stock pairs)
    taken_first = bool(phrases) and any(half.endswith(heading_core(without_doing_verb(phrases[0]), FOCUS_CORE_CHARS))
                                        for half in taken)
    candidates += phrases[:FOCUS_PHRASES] if taken_first else phrases[:1]
    candidates += [name] if name else []
    for candidate in candidates:
        if candidate != name:
            candidate = without_doing_verb(candidate)
        core = heading_core(candidate, FOCUS_CORE_CHARS)
        # cut after a word of manner, whoever named it, what the work is done to still names it
        # (城乡低保动态|调整 → 统筹城乡低保, not 统筹城乡低保动态); the writer's own name cut before its
        # head stays (抓实基层团组织 of 基层团组织建设)
        if headless(candidate, core) and (manner := next((w for w in MANNER_VERBS if core.endswith(w)), "")):
            core = core.removesuffix(manner)
        elif candidate != name and (any(half.endswith(core) for half in taken) or headless(candidate, core)):
            continue
        # a group's keyword (宗教) a sibling's heading names already (聚焦宗教活动场所), or a level
        # (市级 of 教师参加市级培训: 抓实市级, a 幼儿园's second half): the stock pairs
        if candidate == name and name in joined and len(name) < 4 \
                and (any(core in half for half in taken) or LEVEL_RE.fullmatch(core)):
            continue
        writers = candidate == name
        whole = core == re.sub(r"[^\u4e00-\u9fff]", "", candidate)
        # …人士 of the notes names whom the work is for (抓实经济人士, cut from 民营经济人士理想信念
        # 教育), not the work; the writer's own name stands (学会和人才)
        if (len(core) >= 4 or (whole and len(core) >= 2)) and not generic_only(core) \
                and core not in lead_words().weak_phrases and not names_a_measure(core) \
                and (writers or not core.endswith(lead_words().people_endings)):
            return core
    return ""


def headless(phrase: str, core: str) -> bool:
    """Whether ``core`` cuts ``phrase`` between a name and the work noun it ends on (教职人员年度 of
    教职人员年度培训, a 民宗局's heading 抓实教职人员年度): the name without its head."""
    if not core or not phrase.startswith(core) or core == phrase:
        return False
    tokens = lead_tokens(phrase)
    spans = list(itertools.accumulate(len(w) for w, _ in tokens))
    if len(core) not in spans:
        return False
    at = spans.index(len(core))
    if at + 1 >= len(tokens):
        return False
    # …or before the work a word of manner says how it is done (城乡低保动态|调整: 统筹城乡低保动态, built)
    return (tokens[at][1].startswith("n") and tokens[at + 1][1] == "vn" and names_on(tokens[at + 1])) \
        or (tokens[at][0] in MANNER_VERBS and tokens[at + 1][1] in ("v", "vn"))


def without_doing_verb(phrase: str) -> str:
    """A notes' key phrase too long for a heading without the verb of what was done to the work
    (召开|防震减灾工作 was cut to 抓实召开防震, seen); one that fits keeps it (查处酒驾醉驾:
    the verb is the work)."""
    import jieba.posseg

    tokens = jieba.posseg.lcut(phrase)
    if len(phrase) > FOCUS_CORE_CHARS and len(tokens) > 1 and tokens[0].flag == "v" and len(tokens[0].word) >= 2 \
            and not opens_on_heading_verb(phrase):
        return phrase[len(tokens[0].word):]
    return phrase


def names_a_measure(phrase: str) -> bool:
    """Whether a phrase ends on what a work is measured by (社保卡持卡, 门诊量, 播种面积), or on
    one event of it (会议): a heading focused on it (统筹社保卡持卡, 聚焦门诊量, 聚焦委员会全体会议
    — seen) names no work."""
    words = lead_words()
    # …or on one that grew (聚焦门诊量提升, 1.5B, a 医院's): still the measure, not the work
    phrase = next((phrase.removesuffix(w) for w in MEASURE_CHANGES if phrase.endswith(w) and len(phrase) > len(w) + 2), phrase)
    return bool(indicator_ending(phrase)) or phrase.endswith((*words.measure_nouns, *words.takings_nouns, "会议"))


MEASURE_CHANGES = ("提升", "提高", "增加", "增长", "下降", "减少")


def heading_core(name: str, limit: int = 7) -> str:
    """The group name's first phrase, cut at a word boundary to at most seven characters
    (做强特色产业，农民增收… → 做强特色产业; never 做强特色产业农); ``limit`` caps it."""
    import jieba.posseg

    first = re.split(r"[，,、；;：:\s]", name.strip(), maxsplit=1)[0]
    tokens = jieba.posseg.lcut(re.sub(r"[^\u4e00-\u9fff]", "", first))
    kept: list[tuple[str, str]] = []
    for token in tokens:
        if len("".join(w for w, _ in kept) + token.word) > limit:
            break
        kept.append((token.word, token.flag))
    # cut between two nouns of one name, the name lost its head (地震宏观 of 地震宏观观测点, seen as
    # 聚焦地震宏观): one character more may take the head whole
    if len(kept) < len(tokens) and kept and kept[-1][1].startswith("n") and tokens[len(kept)].flag.startswith("n") \
            and len("".join(w for w, _ in kept) + tokens[len(kept)].word) <= limit + 1:
        kept.append((tokens[len(kept)].word, tokens[len(kept)].flag))
    # cut after a verb, the name lost its object (城镇新增 of 城镇新增就业, seen as 聚焦城镇新增): one
    # character more may take it whole, else the verb goes
    if len(kept) < len(tokens) and kept and kept[-1][1].startswith("v"):
        following = tokens[len(kept)]
        if len("".join(w for w, _ in kept) + following.word) <= limit + 1 and len(kept) + 1 == len(tokens):
            kept.append((following.word, following.flag))
        else:
            while kept and kept[-1][1].startswith("v"):
                kept.pop()
    while kept and kept[-1][0] in OPEN_ENDINGS:  # 社会治理和民生 cut at five: 统筹社会治理和，… (seen)
        kept.pop()
    return "".join(w for w, _ in kept)


def name_opens_with_verb(name: str) -> bool:
    """Whether a writer's group name already opens with a verb (加强执法监督, 做强特色产业). A name
    of four characters or less is a work's name (劳动关系, 就业创业) whatever jieba reads, unless
    it opens with a verb of the genre's (优化服务)."""
    return opens_on_heading_verb(name) or (len(name) > 4 and starts_with_verb(name))


NOUN_OPENERS = ("重点",)  # an opener of leads (重点做好…) that also begins nouns (重点项目, 重点工作)


def opens_on_heading_verb(text: str) -> bool:
    """Whether ``text`` opens with one of ``heading_verbs``, whatever jieba reads, unless jieba reads
    that opening as part of a noun: 重点项目 (a writer's group, seen headed 重点项目，提质增效见实效)
    is no 重点 + a work."""
    import jieba.posseg  # loads its dictionary on first use (~1 s)

    opener = next((verb for verb in heading_verbs() if text.startswith(verb)), "")
    if not opener:
        return False
    if opener not in NOUN_OPENERS:
        return True
    first = jieba.posseg.lcut(text[:len(opener) + 4])[0]
    return not (len(first.word) > len(opener) and first.flag.startswith("n"))


def heading_verbs() -> tuple[str, ...]:
    """The verbs a heading or a group name may open with, whatever jieba reads."""
    return (*FOCUS_VERBS, *VERBS, *lead_words().openers)


# One-character verbs a heading may open with (抓招商, 稳外贸, 强基础); jieba also reads 抖 of 抖音 so.
ONE_CHARACTER_VERBS = "抓稳促保强优兴惠建筑守育护治控防提降扩增"


def starts_with_verb(text: str) -> bool:
    """Whether jieba reads a verb first: a word of two characters or more, or one of the genre's
    one-character verbs (not 抖 of 抖音、视频号粉丝数, seen as a 1.5B heading); a verbal noun only
    before its object (建设|法律顾问微信群, not 预警|发布, seen as a heading's bare first half)."""
    import jieba.posseg

    retagged = lead_words().retagged  # 停车|泊位 names a thing, as a lead's words read it
    tokens = [(t.word, retagged.get(t.word, t.flag)) for t in jieba.posseg.lcut(text)]
    if not tokens or not tokens[0][1].startswith("v"):
        return False
    word, flag = tokens[0]
    if len(word) == 1 and word not in ONE_CHARACTER_VERBS:
        return False
    # 招聘|活动 (a 1.5B heading over a 人社局's 招聘活动26场): a verb and a verbal noun as a phrase of
    # their own name a thing, as 执法|检查 does; 招聘|人才 opens on its verb
    phrase = jieba.posseg.lcut(re.split(r"[，,。；;]", text, maxsplit=1)[0])
    if len(phrase) == 2 and phrase[1].flag == "vn":
        return False
    # ... and not where the name ends on a work itself: 应急|物资|储备 names a work (a 粮储中心's
    # label, headed 应急物资储备，加强安全生产 with no verb of the heading's own)
    return flag != "vn" or (len(tokens) > 1 and tokens[1][1].startswith("n") and tokens[-1][1] != "vn")


def write_headings(runner: ModelRunner, part: OutlinePart, notes: Notes, org: str, period: str,
                   kind: Kind, feedback: str = "", fallback: bool = True) -> list[str]:
    """One call names every section of ``part``; each heading is validated, else built from the name.

    A reply with invalid headings is re-asked once, naming the rule; what is still missing is
    built from the group name, so the outline never waits on the model.
    """
    sections = part.sections
    if not sections:
        return []
    if part.role in SINGLE_HEADING_ROLES:
        return single_headings(runner, part, notes, org, period, kind, feedback, fallback)
    groups = "\n".join(
        # 其他重点工作 is our name for notes no keyword gathered: the 1.5B model copied it into a heading
        f"[{i}] " + (f"{s.name}：" if s.name != OTHER_GROUP else "") + "；".join(notes.by_id(n).text for n in s.note_ids[:3])[:120]
        for i, s in enumerate(sections, start=1)
    ) + (f"\n\n修改要求：{feedback}" if feedback else "")
    headings: dict[int, str] = {}
    violation = ""

    def section_texts(index: int) -> list[str]:
        return [notes.by_id(n).text for n in sections[index - 1].note_ids]

    # the works each section names, read once: its name, and the labels of its notes (服务企业方面，…: a
    # 街道's 1.5B heading 服务企业，守牢底线保安全 stood over its 城市管理, 民生 and 平安建设 notes)
    labels = [[label for n in s.note_ids if (label := aspect_of(notes.by_id(n).text))] for s in sections]

    def others_works(index: int) -> list[str]:
        others = [j for j in range(1, len(sections) + 1) if j != index]
        return [sections[j - 1].name for j in others] + [label for j in others for label in labels[j - 1]]

    for _ in range(2):
        if runner.exhausted or len(headings) == len(sections):
            break
        prompt = prompt_messages("headings", org=org, period=period_text(period), kind_label=kind.label, part=part.heading,
                        count=len(sections), groups=groups + violation)
        try:
            reply = runner.ask("outline", prompt)
        except ModelError:
            break
        refused: list[str] = []
        for index, text in split_numbered(reply, len(sections)).items():
            if index in headings:
                continue
            section, texts = sections[index - 1], section_texts(index)
            name = section.name
            for heading in filter(valid_heading, heading_readings(text, index - 1, name)):
                first = halves(heading)[0]
                if OTHER_GROUP in heading:
                    refused.append(f"不要写“{OTHER_GROUP}”，写这组工作本身")
                    continue
                if self_name := SELF_NAME_RE.search(heading):  # 抓实我局行动 (1.5B, of 我局开展…行动)
                    refused.append(f"标题不写“{self_name.group(0)}”一类自称，写这组工作本身")
                    continue
                if not opens_with_verb(heading, name):
                    refused.append("前一短语应以动词开头（如“强化……”“聚焦……”），不要只写名词")
                    continue
                if names_a_measure(first):  # 统筹社保卡持卡, 聚焦门诊量
                    refused.append("前一短语写的是衡量工作的指标，应写做的是什么工作")
                    continue
                if cut := verb_runs_on(first_words := lead_tokens(first), texts):  # 统筹城乡低保动态 (…动态调整, 1.5B)
                    refused.append(f"前一短语没有写完整（要点中“{first_words[-1][0]}”后还有“{cut}”），应写出所做的工作")
                    continue
                if not names_own_work(first, [name, *texts]):
                    refused.append("前一短语应写这组工作本身的名称，不写“基本情况”一类泛称")
                    continue
                others = others_works(index)
                if other := other_sections_work(first, [name, *texts], others):
                    refused.append(f"第{index}组的标题写成了另一组的工作“{other}”，应写这组自己的工作")
                    continue
                # 接待游客，旅游总收入 / 调解矛盾纠纷，调解成功率: the work's own first half, a stock result
                # …，提案办理 (1.5B over 协商议政、提案办理): a group's name copied is no result either
                # 强化招商，项目落地抓常态 (1.5B, 投资促进中心): the next group's name in the second half
                if not second_half_fits(heading, [*section_labels(name), *texts]) \
                        or other_sections_work(halves(heading)[1], [name, *texts], others):
                    used = {halves(h)[1] for h in headings.values()}
                    heading = f"{first}，{other_label_half(name, first) or stock_tail(name, texts, index - 1, used, first)}。"
                elif (other := other_label_half(name, first)) and not names_either_label(halves(heading)[1], name):
                    # 抓实基层团组织建设，狠抓落实求突破 (1.5B, a 团县委's) over 基层团组织建设 and
                    # 青年就业创业: the second half fit, but left the second label's work unheaded
                    heading = f"{first}，{other}。"
                if problems := heading_meaning(heading, section.note_ids, name, notes):
                    refused += problems
                    continue
                # the writer's **维权服务**： over two notes was headed 聚焦春送岗位 (1.5B, 县总工会)
                if writers_name(section, notes) and not echoes_name(first, name):
                    refused.append(f"第{index}组的前一短语应写明这组工作的名称“{name}”")
                    continue
                headings[index] = heading
                break
        violation = ("\n\n上一次有的标题不合格：必须是“四到九字，四到九字。”的对仗形式，且不含数字"
                     + "".join(f"；{problem}" for problem in dict.fromkeys(refused)) + "。")
    if not fallback:
        return [headings.get(i, "") for i in range(1, len(sections) + 1)]
    written: list[str] = []
    for i, section in enumerate(sections, start=1):
        # no stock half twice in a part, nor a focus a sibling's heading has (聚焦宗教活动场所 and
        # 抓实宗教活动场所 headed a 民宗局's two sections)
        siblings = [*written, *(h for j, h in headings.items() if j > i)]
        used = {half for heading in siblings for half in halves(heading)}
        written.append(headings.get(i) or fallback_heading(section.name, i - 1, section_texts(i), used))
    return written


# A plan's sections are headed by one phrase naming the work, as seed 003's plan part is
# （一）强化耕地保护力度。 …; the paired rhythm is the progress part's. The 1.5B model's pairs over
# plans were mostly refused, and the stock halves left (提质增效见实效) claim results for work not done.
SINGLE_HEADING_ROLES = ("plans",)
SINGLE_HEADING_RE = re.compile(r"^[\u4e00-\u9fff“”、]{6,20}。$")


def single_headings(runner: ModelRunner, part: OutlinePart, notes: Notes, org: str, period: str, kind: Kind,
                    feedback: str = "", fallback: bool = True) -> list[str]:
    """One verb–object phrase per section, written and checked as an item's lead is (the lead
    grammar, the notes' own words, no figures), else built from the notes; "" for a refused
    one when ``fallback`` is off."""
    from drafter.drafting.write import WriteContext, ask_lead

    members = [[notes.by_id(note_id) for note_id in section.note_ids] for section in part.sections]
    names = [section.name if section.name != OTHER_GROUP else "" for section in part.sections]
    headings: list[str] = []
    for index, (notes_of_section, name) in enumerate(zip(members, names, strict=True)):
        if writers_task_heading(name) and not feedback:
            # （一）深化紧密型县域医共体建设。 — the writer's own heading for the task: kept as written (a
            # 卫健局's 工作要点 had it replaced by 扎实做好完善医共体内工作, built from its first fact);
            # a reviewer's word asks for another
            headings.append(f"{name}。")
            continue
        context = WriteContext(org, period_text(period), kind.label, part.heading, part.role, name,
                               section_notes=[note.text for note in notes_of_section])
        asked = ask_lead(runner, notes_of_section, context, index, feedback=feedback or None)
        used = {heading.rstrip("。") for heading in headings}
        lead = asked.lead if asked.lead not in used else ""
        if lead and not names_section(lead, name):  # the writer's （二）稳外贸 headed 稳步组织外贸实绩企业培育
            lead = named_heading(name, [note.text for note in notes_of_section], index, part.role, used)
        headings.append(f"{lead}。" if lead and (fallback or not asked.fallback) else "")
    if fallback:  # a sibling's heading again: the next phrase built from the notes
        for index, (notes_of_section, name) in enumerate(zip(members, names, strict=True)):
            if not headings[index]:
                used = {heading.rstrip("。") for heading in headings}
                texts = [note.text for note in notes_of_section]
                # the writer's name first (环卫保洁 had given way to 加快推进新增机械化清扫车工作, a count)
                headings[index] = fallback_lead(texts, index, part.role, name, used, label=name) + "。"
    return headings


TASK_HEADING_CHARS = (6, 20)


def writers_task_heading(name: str) -> bool:
    """Whether the writer's name for a plan's section is a task's heading as the genre writes one: a
    verb and its work, six to twenty characters (深化紧密型县域医共体建设, 提升基层服务能力)."""
    low, high = TASK_HEADING_CHARS
    return bool(name) and low <= len(name) <= high and name_opens_with_verb(name) \
        and re.fullmatch(r"[\u4e00-\u9fff“”]+", name) is not None and not names_who(name)


def writers_name(section: OutlineSection, notes: Notes) -> bool:
    """Whether the section's name is the writer's own (a group title or label over its notes), not
    a keyword code found."""
    # a section joining two of the writer's labels (乡村建设、社会治理) is named by them too: headed
    # 抓实农户厕改造 (1.5B, a 乡's notes, 村 dropped) it had been no label's
    names = set(section_labels(section.name))
    return any(usable_topic(name) for name in names) and any(
        notes.by_id(i).topic in names or notes.by_id(i).parent in names for i in section.note_ids)


def echoes_name(first_half: str, name: str) -> bool:
    """Whether a paired heading's first half speaks of the section's name, if in other words: a
    character of it that no general wording has (深化登记服务 over 不动产登记, 严密防灾体系 over
    地质灾害防治; not 聚焦春送岗位 over 维权服务)."""
    words = lead_words()
    general = set("".join((*words.free_words, *words.generic_nouns)))
    return names_section(first_half, name) or any(c in first_half for c in name if c not in general)


def names_section(heading: str, name: str) -> bool:
    """Whether a plan section's heading says the writer's name for it: a short name (稳外贸, 就业创业)
    as written, a longer one by its words (优化营商环境 in 持续优化县域营商环境); of two names joined
    in one section (乡村建设、社会治理), either."""
    if len(names := section_labels(name)) > 1:
        return any(names_section(heading, part) for part in names)
    if not usable_topic(name):
        return True
    if len(name) <= 4:
        return name in heading
    # …and the work it heads (医保支付方式改革 headed 全面推行医保支付方式, a 医保局's plan: 改革, no
    # content word, had gone, and the reform with it); 工作 is no work of its own
    head = name[-2:]
    return all(word in heading for word in content_words(name)) and (head == "工作" or head in heading)


def named_heading(name: str, texts: Sequence[str], index: int, role: str, used: Collection[str]) -> str:
    """A heading built on the writer's name: an adverb before a name that opens on a one-character
    verb (全力稳外贸, 持续促消费), else a lead built with the name first (持续推进就业创业工作)."""
    if re.fullmatch(r"[稳促抓保强优兴惠]\w{2}", name):
        adverbs = lead_words().verb_adverbs
        return next((f"{adverb}{name}" for step in range(len(adverbs))
                     if (adverb := adverbs[(index + step) % len(adverbs)]) + name not in used), f"全力{name}")
    # the name may give words the notes do not; the verb in turn (four headings of a 医保局's plan had
    # all opened 持续推进)
    return fallback_lead(list(texts), index, role, name, used, label=name)


def valid_single_heading(text: str) -> bool:
    return bool(SINGLE_HEADING_RE.match(text)) and not find_figures(text)


def heading_meaning(heading: str, note_ids: list[str], name: str, notes: Notes) -> list[str]:
    """Why ``heading`` does not fit its section's notes (words from another department's report,
    or from the prompt's examples): the meaning guard with the heading's own limit."""
    texts = [notes.by_id(note_id).text for note_id in note_ids]
    return [violation.message for violation in check_meaning(heading, texts, role="heading", heading=name)]


def heading_readings(text: str, index: int = 0, name: str = "") -> list[str]:
    """The model's heading, then its first two phrases when it ran on to more (a small model
    lists the group's works: 人工造林，抚育森林，巡林发现问题。 → 人工造林，抚育森林。); a reading
    whose first phrase names the work without a verb gets one (经济发展，… → 聚焦经济发展，…)."""
    heading = clean_heading(text)
    phrases = heading.rstrip("。").split("，")
    readings = [heading, "，".join(phrases[:2]) + "。"] if len(phrases) > 2 else [heading]
    verb = FOCUS_VERBS[index % len(FOCUS_VERBS)]
    readings += [verb + reading for reading in readings if not opens_with_verb(reading, name)]
    return list(dict.fromkeys(readings))


def opens_with_verb(heading: str, name: str = "") -> bool:
    """Whether the heading's first phrase opens with a verb, as every seed's and national
    report's does (强化规划引领，… / 加快转变经济发展方式，…), not with the work's bare name —
    the section's ``name`` as the writer gave it counts as bare even where jieba reads a verb
    (就业创业, 执法监管: seen as 就业创业，城镇就业抓常态), and so does each name of a joined
    section's (违法建设治理 of 违法建设治理、背街小巷改造, where jieba reads 违法 as a verb)."""
    if opens_on_heading_verb(heading) or heading.startswith(lead_words().grammar_verbs):  # 办理: jieba reads a noun
        return True
    first = halves(heading)[0]
    if states_how(first) and first in section_labels(name):
        return True  # 领导重视，… (the writer's label saying how the work went: 聚焦领导重视 had been made of it)
    bare = {form for one in section_labels(name) for form in (one, one + "工作")}
    return first not in bare and starts_with_verb(heading)


def names_own_work(first_half: str, texts: Sequence[str]) -> bool:
    """Whether a heading's first half has a word of the group's own (its name or notes) after its
    verb: 聚焦基本情况 (the 1.5B model, over 参保扩面's notes) names no work of the group's, only a
    report's frame, which the meaning guard's genre lexicon lets through. A word counts when its
    characters all stand in the notes: 严密防灾体系 over 地质灾害防治 names the work in other words."""
    import jieba

    verbs = heading_verbs()
    source = set("".join(texts))
    words = [w for w in jieba.lcut(first_half) if len(w) >= 2 and w not in verbs]
    named = [w for w in words if w not in lead_words().doing_verbs]  # 开展|服务
    # one general word names no work of the group's (开展服务 over a 工商联's 服务月, visits and
    # fairs, 1.5B); two may (聚焦企业服务)
    if len(named) == 1 and generic_only(named[0]):
        return False
    return any(set(w) <= source for w in words)


def other_sections_work(first_half: str, texts: Sequence[str], other_names: Sequence[str]) -> str:
    """The name of another section's work that a heading's first half gives, where its own name and
    notes do not have it: 抓实民事行政检察 over the 公益诉讼 and 未成年人检察 notes (1.5B, a 检察院's
    notes, the heading of the group before); "" when it names none."""
    own = "".join(texts)
    return next((one for name in other_names for one in section_labels(name)
                 if len(one) >= 2 and one != OTHER_GROUP and one in first_half and one not in own), "")


def result_phrase(heading: str) -> bool:
    """Whether the heading's second half says what the work achieves, with a verb (企业开办提速,
    守牢底线保安全, 谋篇布局优空间), as the genre's does, not only names a thing (旅游总收入,
    高标准农田建设 — seen from the 1.5B model)."""
    import jieba.posseg  # loads its dictionary on first use (~1 s)

    second = halves(heading)[1]
    if second.startswith(tuple(lead_words().claiming_openers)):
        return False  # 聚焦地区生产总值，完成增长 (1.5B): grades the work done, says nothing it achieved
    if second.endswith(tuple(lead_words().people_endings)):
        return False  # 统筹队伍建设，招聘和进修人员 (1.5B, a 血站's): whom the work was for, not what it achieved
    if len(second) >= 3 and second[-3] in RHYTHM_VERBS:
        return True
    tokens = jieba.posseg.lcut(second)
    if tokens and len(tokens[-1].word) == 1 and tokens[-1].flag.startswith("v"):
        return False  # 茶叶初制加工厂建 (of 建成茶叶初制加工厂): the note's words cut and turned round
    if tokens and len(tokens[-1].word) == 1 and tokens[-1].flag.startswith("a"):
        return False  # 就业意向高, 随迁子女入学率高 (1.5B): a grade the notes do not give, not what the work achieved
    return any(token.flag in ("v", "vd", "vi") for token in tokens)


def second_half_fits(heading: str, texts: Sequence[str]) -> bool:
    """Whether a model heading's second half may stand: it says what the work achieved, and is no
    measure or turned-round work cut from the notes, no target they do not state, no word twice."""
    second = halves(heading)[1]
    return result_phrase(heading) and not copied_from_notes(second, texts) \
        and not target_claimed(second, texts) and not says_twice(heading) and not counts_for_a_work(second)


def counts_for_a_work(half: str) -> bool:
    """Whether a second half puts a figure's measure where the work should be (聚焦地区生产总值，
    增长抓常态; …，优良天数抓常态 — 1.5B, after the prompt's 防汛演练抓常态): a growth or a count
    is no work to make routine. The words before its last three characters are what it names."""
    words = lead_words()
    subject = half[:-3]
    return bool(subject) and (subject in words.overview_comparisons or subject.endswith(words.indicator_nouns))


# (达标 is left: 断面水质达标 over 断面水质全部达到Ⅲ类以上 says what the note does)
ACHIEVED_OPENERS = ("实现",)  # 建设法律顾问微信群，实现村居全覆盖 (1.5B): the note's own result, refused as copied
TARGET_CLAIM_RE = re.compile(r"(?:达|完成|超|实现|提前)(?:了|年度|全年)?(?:目标|任务)|超额|全面完成")


def target_claimed(half: str, texts: Sequence[str]) -> bool:
    """Whether a heading's second half says a target was met where no note says it (抓实社会保险，
    企业参保达目标 over 参保人数达到12.7万人, 1.5B): a claim, not what the work achieved."""
    claim = TARGET_CLAIM_RE.search(half)
    return claim is not None and not any(claim.group(0) in text for text in texts)


def says_twice(heading: str) -> bool:
    """Whether a paired heading's second half says a word of its first again (做实化解矛盾纠纷，
    化解抓常态, 1.5B): the halves should say two things, as stock halves never repeat one."""
    first, second = halves(heading)
    return first != second and any(second[i:i + 2] in first for i in range(len(second) - 1))


def copied_from_notes(half: str, texts: Sequence[str]) -> bool:
    """Whether a heading's second half is only words cut from a note (调解成功率 of 调解成功率98.2%),
    or a note's verb and object turned round (矛盾纠纷调处 of 调处矛盾纠纷87起, 1.5B): it names a
    measure or the work, where the genre's says what the work achieved (保护耕地守粮仓). What a
    note says the work achieved (实现村居全覆盖) may stand as written."""
    import jieba

    if half.startswith(ACHIEVED_OPENERS):
        return False

    words = jieba.lcut(half)
    turned = words[-1] + "".join(words[:-1]) if len(words) >= 2 else ""
    return any(half in text or (turned and turned in text) for text in texts)


def halves(heading: str) -> tuple[str, str]:
    """A paired heading's first and second half (强化规划引领，谋篇布局优空间。); a single phrase is both."""
    phrases = heading.rstrip("。").split("，")
    return phrases[0], phrases[-1]


def clean_heading(text: str) -> str:
    text = SECTION_MARKER_RE.sub("", text.strip()).strip("“”\"' ")
    text = text.replace(",", "，").replace("；", "，").rstrip("。.") + "。"
    return text


# --- building --------------------------------------------------------------------------


def build_outline(notes: Notes, groups: list[PartGroups], kind: Kind, org: str, period: str,
                  runner: ModelRunner, embed: Embed | None = None) -> Outline:
    overview = overview_notes(notes, kind)
    taken = {note.id for note in overview}
    parts: list[OutlinePart] = []
    for part_groups in (without_notes(part_groups, taken) for part_groups in groups):
        spec = kind.spec(part_groups.role)
        heading = part_heading(spec.default_heading if spec else part_groups.role, kind, period)
        # a problem stated in its own part needs no measure that only says it again (``measurable``);
        # where the kind has no problems part, the measure is the only place the problem is said
        stated = kind.spec("problems") is not None
        part = OutlinePart(part_groups.role, heading, note_ids=list(part_groups.loose),
                           measure_ids=[i for i in part_groups.measures if not stated or measurable(notes.by_id(i).text)])
        writers = any(writers_section(group, notes) for group in part_groups.groups)  # the writer's sections stay
        named = [replace(group, name=work_name(group, notes)) for group in part_groups.groups]
        if writers or part.role in SINGLE_HEADING_ROLES or part.role in SINGLE_NOTE_ROLES:
            part.sections = under_parents([section_of(group) for group in named], notes)
        else:
            part.sections = sections_of_two_items(named, part.role, notes, embed)
        # a lone （一） enumerates one thing too, the writer's own group as well: its items stand in the part
        if len(part.sections) == 1:
            only = part.sections.pop()
            # groups code found and then joined keep no topic apart worth the writer's order: one
            # run, read in order (养老保险's two notes, clustered, had moved to the part's end)
            runs = only.runs if writers or labelled(only.runs, notes) else topic_segments(reading_order(only.note_ids, notes), notes)
            part.runs = [*([part.note_ids] if part.note_ids else []), *runs]
            part.note_ids = [*part.note_ids, *only.note_ids]
        for section, text in zip(part.sections, write_headings(runner, part, notes, org, period, kind), strict=True):
            section.heading = text
        parts.append(part)
    subject = report_subject(notes.title, org, period) if kind.name == "special" else ""
    name = plan_name(notes.title)
    lead = make_lead(kind, period, subject, name)
    if overview:
        lead = opening_sentences(overview, period) + lead
    return Outline(make_title(kind, org, period, subject, name), lead, parts, [note.id for note in overview])


def without_notes(part_groups: PartGroups, taken: Collection[str]) -> PartGroups:
    """``part_groups`` without the notes ``taken`` elsewhere (the 导语's), and groups left empty."""
    if not taken:
        return part_groups
    groups = [replace(group, note_ids=kept) for group in part_groups.groups
              if (kept := [i for i in group.note_ids if i not in taken])]
    return replace(part_groups, groups=groups, loose=[i for i in part_groups.loose if i not in taken])


def reading_order(note_ids: Sequence[str], notes: Notes) -> list[str]:
    order = {note.id: index for index, note in enumerate(notes.notes)}
    return sorted(note_ids, key=order.__getitem__)


def work_name(group: Group, notes: Notes) -> str:
    """The group's name, or where it names an office (经发办, 安监站) the key phrase of its notes
    (地区生产总值, 安全生产检查): the writer sorted the notes by who sent them, not by the work."""
    if not names_who(group.name):
        return group.name
    return key_phrase([notes.by_id(i).text for i in group.note_ids]) or OTHER_GROUP


def writers_section(group: Group, notes: Notes) -> bool:
    """Whether a group is a section the writer made: under their heading, over two lines at least.
    A label over one line names an item, not a section (●市容环境整治：全年清理占道经营2860处…;
    法治建设：…；…): six such labels had made six sections of one 一是 each."""
    # its own notes' lines: a stray line joined to a one-line label made it "two lines" (爱卫办, seen)
    own = [notes.by_id(i) for i in group.note_ids if notes.by_id(i).topic == group.name]
    return group.from_heading and len({note.line for note in own}) >= 2


def topic_segments(ids: Sequence[str], notes: Notes) -> list[list[str]]:
    """``ids`` in runs cut where the writer's label changes: a labelled line among plain ones
    (辖区安全生产：全年开展检查210次… after 创建市级文明社区2个, a 街道's notes) is not their item —
    joined, its label was lost and its checks read as the 文明社区's."""
    return [list(run) for _, run in itertools.groupby(ids, key=lambda note_id: notes.by_id(note_id).topic)]


def labelled(runs: Sequence[Sequence[str]], notes: Notes) -> bool:
    """Whether each run is the notes of one label of the writer's (一是项目建设提速。… / 安全生产：…):
    their items keep apart, as the writer's items did (a 高新区's three 一是 had made one item)."""
    return len(runs) > 1 and all(len({notes.by_id(i).topic for i in run}) == 1 and notes.by_id(run[0]).topic
                                 for run in runs)


def sections_of_two_items(groups: Sequence[Group], role: str, notes: Notes,
                          embed: Embed | None = None) -> list[OutlineSection]:
    """The part's groups (found by code, not the writer's headings) as sections of two items at
    least: a group that would make one item
    (two or three notes, a section whose 一是 had no 二是 — the seeds and national reports have no
    such section) is joined to the next, the last to the one before. Each group stays a run of
    its own, so an item never mixes two of them (不动产登记 with 转移群众 under one lead). Items are
    counted as they will be cut, with ``embed``."""
    def items(runs: Sequence[Sequence[str]]) -> int:
        return sum(len(plan_items([notes.by_id(i) for i in run], role, embed)) for run in runs)

    sections: list[OutlineSection] = []
    for group in groups:
        if sections and items(sections[-1].runs) < 2:
            joined(sections[-1], group.name, list(group.note_ids))
        else:
            sections.append(section_of(group))
    if len(sections) > 1 and items(sections[-1].runs) < 2:
        last = sections.pop()
        for run in last.runs:
            joined(sections[-1], last.name, run)
    return sections


def under_parents(sections: Sequence[OutlineSection], notes: Notes) -> list[OutlineSection]:
    """The writer's sub-headings under one heading of theirs (（一）科普工作 over 1.全国科普日活动 and
    2.青少年科技教育) as one section named by it, each sub-heading's notes a run of their own: the
    sub-headings had been sections, and the writer's （一） gone from the draft."""
    merged: list[OutlineSection] = []
    above = ""  # the parent of the last section kept
    for section in sections:
        parents = {notes.by_id(i).parent for i in section.note_ids}
        parent = parents.pop() if len(parents) == 1 else ""
        if parent and parent == above:
            merged[-1].note_ids += section.note_ids
            merged[-1].runs.append(list(section.note_ids))
            continue
        merged.append(OutlineSection(section.heading, parent, list(section.note_ids), [list(section.note_ids)])
                      if parent else section)
        above = parent
    return merged


def section_of(group: Group) -> OutlineSection:
    """A group as a section of one run (its heading is written later)."""
    return OutlineSection("", group.name, list(group.note_ids), [list(group.note_ids)])


def section_labels(name: str) -> list[str]:
    """The writer's labels a section's name joins (乡村建设、社会治理 → both; 经济发展 → itself)."""
    return [label for label in name.split("、") if label]


def joined(section: OutlineSection, name: str, note_ids: list[str]) -> None:
    names = [n for n in dict.fromkeys((*section_labels(section.name), name)) if n and n != OTHER_GROUP]
    section.name = "、".join(names) or OTHER_GROUP
    section.note_ids += note_ids
    section.runs.append(note_ids)


def part_heading(default: str, kind: Kind, period: str) -> str:
    if kind.name == "half-year" and period.endswith("H2"):
        return default.replace("上半年", "下半年").replace("下半年工作计划", "明年工作计划")
    return default


# --- Markdown round trip ----------------------------------------------------------------


def outline_to_markdown(outline: Outline, notes: Notes) -> str:
    stated = f" <!-- {' '.join(outline.lead_note_ids)} -->" if outline.lead_note_ids else ""
    lines = [f"# {outline.title}", f"> {outline.lead}{stated}", ""]
    for p_index, part in enumerate(outline.parts, start=1):
        lines.append(f"## {int_to_cn(p_index)}、{part.heading} <!-- {part.role} -->")
        lines.extend(f"- [{i}] {notes.by_id(i).text}" for i in part.note_ids)
        for s_index, section in enumerate(part.sections, start=1):
            lines.append(f"### （{int_to_cn(s_index)}）{section.heading}")
            lines.extend(f"- [{i}] {notes.by_id(i).text}" for i in section.note_ids)
        lines.extend(f"- [{i}:{MEASURE_TAG}] {notes.by_id(i).text}" for i in part.measure_ids)
        lines.append("")
    return "\n".join(lines).rstrip() + "\n"


def outline_reading_lines(markdown: str) -> list[tuple[str, str]]:
    """(kind, text) for each line of ``outline_to_markdown``'s text as a reader sees it — title, lead,
    part, section or note — without the role comments and note ids kept for editing it back."""
    lines: list[tuple[str, str]] = []
    for raw in markdown.splitlines():
        line = LEAD_NOTES_RE.sub("", ROLE_COMMENT_RE.sub("", raw)).strip()
        if not line:
            continue
        for prefix, kind in (("### ", "section"), ("## ", "part"), ("# ", "title"), (">", "lead")):
            if line.startswith(prefix):
                lines.append((kind, line[len(prefix):].strip()))
                break
        else:
            item = ITEM_RE.match(line)
            lines.append(("note", (item["text"] if item else line).strip()))
    return lines


def outline_from_markdown(text: str, notes: Notes, kind: Kind) -> Outline:
    """Read an (edited) outline back. Notes it adds get new ids; edited note texts win."""
    outline = Outline("", "", [])
    part: OutlinePart | None = None
    section: OutlineSection | None = None
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        if not line:
            continue
        if line.startswith("# "):
            outline.title = line[2:].strip()
        elif line.startswith(">"):
            lead = line.lstrip("> ").strip()
            if stated := LEAD_NOTES_RE.search(lead):
                outline.lead_note_ids = [notes.by_id(note_id).id for note_id in stated["ids"].split()]
            outline.lead = LEAD_NOTES_RE.sub("", lead).strip()
        elif line.startswith("### "):
            if part is None:
                raise NotesError(f"提纲第{number}行：小节标题“{line[4:]}”前面缺少部分标题（## 一、……）。")
            heading = SECTION_MARKER_RE.sub("", line[4:].strip())
            section = OutlineSection(heading if heading.endswith("。") else heading + "。", heading.rstrip("。"))
            part.sections.append(section)
        elif line.startswith("## "):
            heading = line[3:].strip()
            role_match = ROLE_COMMENT_RE.search(heading)
            heading = ROLE_COMMENT_RE.sub("", heading)
            heading = PART_MARKER_RE.sub("", heading).strip()
            role = role_match["role"] if role_match else kind.role_of(heading)
            part = OutlinePart(role or "progress", heading)
            outline.parts.append(part)
            section = None
        elif match := ITEM_RE.match(line):
            if part is None:
                raise NotesError(f"提纲第{number}行：要点“{line}”前面缺少部分标题（## 一、……）。")
            note = outline_note(notes, match, part.role)
            if match["tag"] == MEASURE_TAG:
                part.measure_ids.append(note.id)
            elif section is not None:
                section.note_ids.append(note.id)
            else:
                part.note_ids.append(note.id)
        else:
            raise NotesError(f"提纲第{number}行无法识别：“{line[:30]}”。要点行以“- ”开头，标题行以“## ”或“### ”开头。")
    if not outline.parts:
        raise NotesError("提纲中没有任何部分标题（## 一、……）；请在 --show-outline 生成的提纲上修改。")
    return outline


def outline_note(notes: Notes, match: re.Match[str], role: str) -> Note:
    text = match["text"].strip()
    if match["id"]:
        note = notes.by_id(match["id"])
        if text and text != note.text and match["tag"] != MEASURE_TAG:
            note.text = text
        return note
    if not text:
        raise NotesError("提纲中有空的要点行；请删除或补上内容。")
    note = Note(f"n{max((int(n.id[1:]) for n in notes.notes), default=0) + 1}", text, role)
    notes.notes.append(note)
    return note
