"""A paragraph of prose as notes.

Some writers do not list their work: they type (or paste from last year's report) a paragraph —
上半年我办认真贯彻…部署，完成…286万元，审批…3处…，组织…试鸣，…。但也存在一些问题，主要是人防专业
人员少，…。下半年，我们将继续抓好…，做好…，推进…。 Read as one line it was one note, drafted as a
problem (it has 不足 in it) — every result, problem and plan in one 一是 (a 人防办, seen).

Here such a paragraph becomes what a list would have said: its sentences, each cut at the clauses
that start a new work; a sentence turning to problems (但也存在一些问题，主要是…) or to plans
(下半年，我们将…) gives that role to what follows it; a framing clause with no fact (认真贯彻上级…
部署) is left out, named for the writer.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from drafter.drafting.notes import SPEAKER
from drafter.structure.figures import find_figures

PROSE_MIN_CHARS = 80  # a line this long with two sentences or a turn is prose, not a note
CLAUSE_MIN_CHARS = 6  # a clause shorter than this stays with the one before (覆盖城区主要街道 does not)
SENTENCE_END = "。！？!?"
OPENINGS = "（(“【《"
CLOSINGS = "）)”】》"
CJK_RE = re.compile(r"[\u4e00-\u9fff]")
LIST_RE = re.compile(r"(?:^|[：:；;。，,\s])(?:[一二三四五六七八九十]+是|\d{1,2}[、.．）)]|[（(]\d{1,2}[）)]|[①②③④⑤⑥⑦⑧⑨⑩])")

# 但也存在一些问题，主要是… / 同时也面临一些困难： — what follows is a problem
PROBLEM_TURN_RE = re.compile(
    # …and 目前存在的问题主要是… (a 水利局's closing paragraph: read as a plan)
    r"^(?:但|但是|同时|不过)?[，,]?(?:工作中|目前|当前)?(?:也|还|仍)?(?:存在|面临|有)着?(?:一些|以下|不少|一定的?|的)?"
    r"(?:问题|不足|困难|短板)(?:和(?:问题|不足|困难|短板))?[，,：:]?(?:主要(?:是|表现在|有)[：:，,]?)?")
# 下半年，我们将… / 下一步，我局将… — what follows is a plan
PLAN_TURN_RE = re.compile(
    rf"^(?:下半年|下一步|下步|明年|今后|接下来|下阶段)[，,]?{SPEAKER}?"
    r"(?:将|要|计划|拟|准备)?[：:，,]?")
# 认真贯彻上级人防工作部署 — how the paragraph opens, no work of its own
# …or says how much it was made of (我镇坚持把产业发展作为头等大事来抓, a 镇's paragraph under （一）产业发展)
FRAMING_RE = re.compile(r"贯彻(?:落实)?.{0,16}(?:部署|要求|精神|决策)|紧紧围绕|紧扣|始终坚持|在.{2,12}的(?:正确|坚强)?领导下"
                        r"|把.{2,16}作为.{0,8}(?:头等大事|首要任务|重中之重|重要抓手|中心工作|政治任务)"
                        r"|把.{2,16}作为.{2,12}来抓")  # …作为“一号改革工程”来抓 (a 营商环境 report's line)
# …or announces what it will list, a count of no fact (中心围绕“存史、资政、育人”，重点抓了三件事)
ANNOUNCING_RE = re.compile(r"(?:抓|做|干|办)了(?:[一二三四五六七八九十两几]|\d{1,2})(?:件事|项工作|个方面|方面)$"
                           r"|(?:做|开展)了以下(?:几项)?工作$")
# verbs a new work opens with, in a sentence listing several
WORK_START_RE = re.compile(
    r"^(?:完成|开展|组织|举办|审批|新建|建成|推进|实施|做好|抓好|推动|加强|发放|办理|受理|召开|印发|争取|落实|启动|"
    r"继续|深化|强化|出台|制定|建立|打造|引进|培训|查处|检查|排查|化解|调处|新增|累计)")


# a verb, a count and its classifier, nothing counted (印发1500册); or the amount of what the clause
# before did (引进农产品加工企业2家，完成投资3800万元: the firms' investment, not a work of its own)
OBJECTLESS_RE = re.compile(WORK_START_RE.pattern + r"了?(?:[0-9０-９.]+|[一二三四五六七八九十两]+)[余多]?[\u4e00-\u9fff]{1,2}$"
                           r"|^(?:完成|实现)(?:投资|产值|营业收入|收入|销售额|交易额)[0-9０-９.]")
# 同时，引进… — how a sentence joins the one before, no part of its fact (此外, 另外: SEQUENCER_RE)
CONNECTIVE_RE = re.compile(r"^(?:同时|并且|而且|与此同时)[，,]\s*")


@dataclass
class ProseFact:
    """One fact of a prose paragraph, with the role its sentence turned to ("" where it turned to none)."""

    text: str
    role: str = ""


@dataclass
class ProseReading:
    facts: list[ProseFact]
    framing: list[str]  # clauses left out: how the paragraph opens, no fact of their own


def is_prose(content: str) -> bool:
    """Whether a line is a paragraph of prose: long, in sentences (or turning to problems or plans),
    and no list inside (1、… / 一是… are split as a list's items)."""
    if LIST_RE.search(content):
        return False
    sentences = [s.strip(" ，,") for s in split_outside_brackets(content, SENTENCE_END) if CJK_RE.search(s)]
    # a shorter line is prose too where a later sentence turns to problems or plans (下一步，…。
    # 目前存在的问题主要是…: the problem had been read as part of the plan)
    return len(sentences) >= 2 and (len(content) >= PROSE_MIN_CHARS or any(map(turns, sentences[1:])))


def turns(sentence: str) -> bool:
    """Whether a sentence opens by turning to problems or plans (但也存在…问题 / 下一步，我们将…)."""
    return any((turn := pattern.match(sentence)) and turn.group(0) for pattern in (PROBLEM_TURN_RE, PLAN_TURN_RE))


def read_prose(content: str, is_problem: Callable[[str], bool]) -> ProseReading:
    """The facts of a prose paragraph; ``is_problem`` says whether a clause names a shortfall
    (the reader's cues), so that a problem sentence is cut at each problem it lists."""
    facts: list[ProseFact] = []
    framing: list[str] = []
    role = ""
    for sentence in split_outside_brackets(content, SENTENCE_END):
        sentence = sentence.strip(" ，,")
        if not CJK_RE.search(sentence):
            continue
        if (turn := PROBLEM_TURN_RE.match(sentence)) and turn.group(0):
            role, sentence = "problems", sentence[turn.end():]
        elif (turn := PLAN_TURN_RE.match(sentence)) and turn.group(0):
            role, sentence = "plans", sentence[turn.end():]
        sentence = CONNECTIVE_RE.sub("", sentence)
        if not facts:  # how the paragraph opens, clause by clause (今年以来，我镇坚持把…作为头等大事来抓，新发展…)
            sentence, framed = framing_left_out(sentence)
            framing += framed
        for clause in sentence_facts(aspect_named(sentence), role, is_problem):
            if not facts and ((not find_figures(clause) and FRAMING_RE.search(clause)) or ANNOUNCING_RE.search(clause)):
                framing.append(clause)
                continue
            facts.append(ProseFact(clause, role))
    return ProseReading(facts, framing)


def framing_left_out(sentence: str) -> tuple[str, list[str]]:
    """The sentence without the framing clauses it opens with (with the time before them: 今年以来),
    where a fact follows them; and those clauses."""
    clauses = [c.strip() for c in split_outside_brackets(sentence, "，,") if c.strip()]
    at = next((i for i, c in enumerate(clauses) if not find_figures(c) and FRAMING_RE.search(c)), -1)
    if at < 0 or at > 1 or at == len(clauses) - 1 or (at == 1 and not FRAME_TIME_RE.fullmatch(clauses[0])):
        return sentence, []
    return "，".join(clauses[at + 1:]), ["，".join(clauses[:at + 1])]


FRAME_TIME_RE = re.compile(r"(?:今年|上半年|年初|全年|\d{4}年)(?:以来)?")


# 首先抓了农机购置补贴，… / 其次是“三夏”机收，… / 另外，农机安全这块，… (an 农机中心's paragraph,
# typed as spoken): the order words and the speaker are no fact, the work named after them is the
# sentence's aspect. They had stayed in the notes, 其次是“三夏”机收 a note of its own.
SEQUENCER_RE = re.compile(
    rf"^(?:(?:今年)?上半年|今年|全年)?[，,]?{SPEAKER}?"
    r"(?:首先|其次|再次|另外|此外|还有|最后|第[一二三四五六七八九十])(?:是|还|也)?(?:重点|主要)?(?:抓了|抓的是)?[，,]?")
SPOKEN_ASPECT_END_RE = re.compile(r"(?:这块儿?|这一块儿?|方面的话)$")
ASPECT_MAX_CHARS = 10


def aspect_named(sentence: str) -> str:
    """The sentence without its order word, the work it names first written as an aspect
    (农机安全方面，开展…) where that is a short name of no figure and no verb of its own."""
    opener = SEQUENCER_RE.match(sentence)
    if not opener or not opener.group(0):
        return sentence
    clauses = [c.strip() for c in split_outside_brackets(sentence[opener.end():], "，,") if c.strip()]
    if not clauses:
        return sentence
    name = SPOKEN_ASPECT_END_RE.sub("", clauses[0])
    if len(clauses) > 1 and 2 <= cjk_count(name) <= ASPECT_MAX_CHARS and not find_figures(name) \
            and not WORK_START_RE.match(name) and "了" not in name:
        return f"{name}方面，" + "，".join(clauses[1:])
    return "，".join(clauses)


def sentence_facts(sentence: str, role: str, is_problem: Callable[[str], bool]) -> list[str]:
    """A sentence cut where a new fact starts: before a clause opening on a work's verb (组织3月份
    防空警报试鸣 after …3处), or, in problems, before each clause naming a shortfall."""
    clauses = [c.strip() for c in split_outside_brackets(sentence, "，,") if c.strip()]
    facts: list[str] = []
    for clause in clauses:
        starts = bool(WORK_START_RE.match(clause)) if role != "problems" else is_problem(clause)
        # not after an aspect (农机安全方面，开展…), nor where the clause goes on with the work just
        # named (举办了2期农机手培训班，培训农机手150人: the class's result)
        # …nor where its verb has no object of its own (…年鉴按时出版，印发1500册: the yearbook's copies)
        starts = starts and not (facts and (facts[-1].endswith("方面") or clause[:2] in facts[-1]
                                            or OBJECTLESS_RE.match(clause)))
        if facts and not (starts and cjk_count(facts[-1]) >= CLAUSE_MIN_CHARS and cjk_count(clause) >= CLAUSE_MIN_CHARS // 2):
            facts[-1] += "，" + clause
        else:
            facts.append(clause)
    return facts


def split_outside_brackets(text: str, separators: str) -> list[str]:
    pieces: list[str] = []
    depth, start = 0, 0
    for position, char in enumerate(text):
        if char in OPENINGS:
            depth += 1
        elif char in CLOSINGS:
            depth = max(0, depth - 1)
        elif char in separators and depth == 0:
            pieces.append(text[start:position])
            start = position + 1
    pieces.append(text[start:])
    return pieces


def cjk_count(text: str) -> int:
    return len(CJK_RE.findall(text))
