"""The meaning guard: what a unit says must be what its notes say.

The figure guard (guard.py) catches numbers; this catches the rest of what a small model
changes while keeping every figure: a completed fact turned into a goal ("确保…"), a problem
claimed solved, a measured fact turned into a cap ("控制在0.2%以内"), a result or cause no note
states ("通过…，有效解决了办证难问题"), a measure or plan promising a deadline, a totality or a big
change no note makes ("争取在下半年完成所有未完成的项目"), quote markers, chat markup, meta text,
我们, echoed tags, and content words found in no note (invented topics, often lifted from an exemplar).

Every rule is a pure function of the unit's text and its notes; every wording it looks for is
data (data/meaning.toml, data/genre_lexicon.txt). A rule whose wording the note itself uses
does not fire: the note may well say 确保 or 已解决.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

import jieba
import jieba.posseg

from drafter.structure.figures import new_figures

FIGURE_RUN_RE = re.compile(r"[\d０-９*＊.．%]+")
QUOTED_PHRASE_RE = re.compile(r"“[^”\n]{0,40}”|《[^》\n]{0,60}》")
DATA_DIR = Path(__file__).resolve().parent / "data"

# Roles whose units state completed facts, state problems, or state intent.
FACT_ROLES = frozenset({"progress", "basics"})
PROBLEM_ROLES = frozenset({"problems"})
INTENT_ROLES = frozenset({"plans", "goals", "tasks", "measure"})
# Roles whose text may state only the effects its sources state (a summary repeats the report).
CLAIM_ROLES = FACT_ROLES | {"summary", "merge", "heading", "lead"}
# Roles whose units may promise only the deadlines, totalities and big changes their notes promise.
COMMITMENT_ROLES = frozenset({"measure", "plans"})


@dataclass(frozen=True)
class MeaningViolation:
    # modality | solved | polarity | cap | plan_as_fact | commitment | causal | garbage | first_person | meta |
    # echoed_tag | novel_words | altered_term
    rule: str
    message: str  # Chinese, quoted to the model in the re-ask
    evidence: tuple[str, ...] = ()

    def __str__(self) -> str:
        return self.message


@dataclass(frozen=True)
class Wording:
    """The compiled patterns of data/meaning.toml."""

    max_novel: int
    max_novel_by_role: dict[str, int]
    repeat_ratio: float
    repeat_min_chars: int
    pos: frozenset[str]
    modality: tuple[re.Pattern[str], ...]
    solved: tuple[re.Pattern[str], ...]
    shortfall: tuple[re.Pattern[str], ...]
    cap: tuple[re.Pattern[str], ...]
    completed: tuple[re.Pattern[str], ...]
    intent: tuple[str, ...]
    commitment: tuple[re.Pattern[str], ...]
    causal: tuple[re.Pattern[str], ...]
    quote: tuple[re.Pattern[str], ...]
    markup: tuple[re.Pattern[str], ...]
    meta: tuple[re.Pattern[str], ...]
    first_person: tuple[re.Pattern[str], ...]
    punctuation_run: re.Pattern[str]
    tag: re.Pattern[str]


def compiled(patterns: Iterable[str]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(pattern, re.MULTILINE) for pattern in patterns)


def alternatives(words: Iterable[str]) -> str:
    return "|".join(f"(?:{word})" for word in words)


def commitment_patterns(table: dict[str, list[str]]) -> list[str]:
    """One pattern per list of [commitment]: a note with any wording of a list supports the whole list
    (年内 in the note, 年底前 in the text), and a note with a deadline supports 按期 and 如期 too."""
    deadline = alternatives(table["deadline"])
    return [deadline, f"{alternatives(table['on_time'])}|{deadline}",
            *(alternatives(table[key]) for key in ("totality", "thorough", "coverage", "change"))]


@cache
def wording() -> Wording:
    data: dict[str, Any] = tomllib.loads((DATA_DIR / "meaning.toml").read_text(encoding="utf-8"))
    tags = alternatives(data["tags"]["words"])
    garbage = data["garbage"]
    return Wording(
        max_novel=int(data["novel"]["max_words"]),
        max_novel_by_role={role: int(n) for role, n in data["novel"].get("per_role", {}).items()},
        repeat_ratio=float(data["novel"]["repeat_ratio"]),
        repeat_min_chars=int(data["novel"]["repeat_min_chars"]),
        pos=frozenset(data["novel"]["pos"]),
        modality=compiled(data["modality"]["patterns"]),
        solved=compiled(data["solved"]["patterns"]),
        shortfall=compiled(data["shortfall"]["patterns"]),
        cap=compiled(data["cap"]["patterns"]),
        completed=compiled(data["completed"]["patterns"]),
        intent=tuple(data["completed"]["intent"]),
        commitment=compiled(commitment_patterns(data["commitment"])),
        causal=compiled(data["causal"]["patterns"]),
        quote=compiled(garbage["quote"]),
        markup=compiled(garbage["markup"]),
        meta=compiled(garbage["meta"]),
        first_person=compiled(garbage["first_person"]),
        punctuation_run=re.compile(garbage["punctuation_run"]),
        # A tag is echoed when it opens the text, a line or an item and is followed by a colon.
        tag=re.compile(
            r"(?:^|[\n。；;]|[一二三四五六七八九十]+是|[（(][一二三四五六七八九十]+[）)]|[一二三四五六七八九十]+、)"
            rf"\s*[【\[]?(?P<tag>{tags})[】\]]?\s*[：:]"
        ),
    )


@cache
def genre_lexicon() -> frozenset[str]:
    lines = (DATA_DIR / "genre_lexicon.txt").read_text(encoding="utf-8").splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


MAX_NOVEL_WORDS = wording().max_novel


# --- small helpers ------------------------------------------------------------------------


def matches(patterns: Iterable[re.Pattern[str]], text: str) -> list[str]:
    return [match.group(0) for pattern in patterns for match in pattern.finditer(text)]


def unsupported(patterns: Iterable[re.Pattern[str]], text: str, note_texts: Sequence[str]) -> list[str]:
    """Matches in ``text`` of those patterns that match no note: wording the notes never used."""
    found: list[str] = []
    for pattern in patterns:
        if any(pattern.search(note) for note in note_texts):
            continue
        found.extend(match.group(0) for match in pattern.finditer(text))
    return outermost(found)


def outermost(found: Iterable[str]) -> list[str]:
    """The matches, each once, without those inside a longer one (有效解决 inside 得到有效解决)."""
    unique = list(dict.fromkeys(found))
    return [word for word in unique if not any(word != other and word in other for other in unique)]


EVIDENCE_CHARS = 16  # a long match (通过…，有效提升) is quoted by its end, where the claim is


def quoted_list(words: Iterable[str]) -> str:
    shown = (word if len(word) <= EVIDENCE_CHARS else "…" + word[-EVIDENCE_CHARS:] for word in words)
    return "、".join(f"“{word}”" for word in dict.fromkeys(shown))


# --- a. voice by role ---------------------------------------------------------------------


def role_contradictions(text: str, role: str, note_texts: Sequence[str]) -> list[MeaningViolation]:
    """Modality, polarity, caps, plans written as done, promises and unsupported causes, for ``role``."""
    words = wording()
    found: list[MeaningViolation] = []
    if role in FACT_ROLES and (goal := unsupported(words.modality, text, note_texts)):
        found.append(MeaningViolation(
            "modality", f"工作进展应写已经做成的事实，要点里没有{quoted_list(goal)}这类目标或打算的说法，不得写成目标", tuple(goal)))
    if role in PROBLEM_ROLES:
        if solved := unsupported(words.solved, text, note_texts):
            found.append(MeaningViolation(
                "solved", f"存在问题应如实写成问题，不得写成已经解决或取得成效（{quoted_list(solved)}）", tuple(solved)))
        if goal := unsupported(words.modality, text, note_texts):
            found.append(MeaningViolation(
                "modality", f"存在问题应如实写成问题，不得写成目标或措施（{quoted_list(goal)}）", tuple(goal)))
        if any(matches(words.shortfall, note) for note in note_texts) and not matches(words.shortfall, text):
            found.append(MeaningViolation("polarity", "存在问题被写得看不出是问题，应保留要点中“不足、偏慢、尚未”等说法"))
    if role in INTENT_ROLES and (done := unsupported(words.completed, text, note_texts)) \
            and not any(word in text for word in words.intent):
        found.append(MeaningViolation(
            "plan_as_fact", f"打算和计划应写成要做的事，不得写成已经完成（{quoted_list(done)}）", tuple(done)))
    if role == "measure" and (copied := restated_problem(text, note_texts)):
        found.append(MeaningViolation(
            "restated", f"措施照抄了问题（{quoted_list(copied)}），应写针对问题要采取的做法", tuple(copied)))
    if role in COMMITMENT_ROLES and (promise := unsupported(words.commitment, text, note_texts)):
        found.append(MeaningViolation("commitment", commitment_message(role, promise), tuple(promise)))
    if role in CLAIM_ROLES | PROBLEM_ROLES and (cap := unsupported(words.cap, text, note_texts)):
        found.append(MeaningViolation(
            "cap", f"要点中的实际数字不得改写成控制目标或上下限（{quoted_list(cap)}）", tuple(cap)))
    if role in CLAIM_ROLES and (cause := unsupported(words.causal, text, note_texts)):
        found.append(MeaningViolation(
            "causal", f"写了要点中没有的因果或成效（{quoted_list(cause)}），只写要点中的事实", tuple(cause)))
    return found


PROBLEM_NAMED_RE = re.compile(r"^(?:的|等)?(?:问题|短板|难题|困难)")
# 针对…滞后的问题，… / 着力解决…不足、…较多问题: the problem named as what is answered
ANSWERED_RE = re.compile(r"(?:针对|解决)[^。；;]*?问题")
RESTATED_MIN_CHARS = 4


def restated_problem(text: str, problem_texts: Sequence[str]) -> list[str]:
    """Problem statements a measure repeats as its own: the end of a problem's clause where its
    shortfall is (队伍年龄偏大, 建设滞后), written in the measure with nothing after it that makes it
    an object (…滞后问题) and not as what the measure answers (针对…的问题). Seen on the 0.5B
    model: 加强护林员队伍年龄偏大, 全力推进：松材线虫病防控形势依然严峻."""
    text = ANSWERED_RE.sub("", text)
    found: list[str] = []
    for clause in (c for problem in problem_texts for c in re.split(r"[，。；;,]", problem) if c):
        if not shortfall_at_end().search(clause):
            continue  # 多数开发企业欠缴税费: a noun the measure may take as its object (催缴欠缴税费)
        for start in range(len(clause) - RESTATED_MIN_CHARS + 1):
            tail = clause[start:]
            if (at := text.find(tail)) >= 0:
                if not PROBLEM_NAMED_RE.match(text[at + len(tail):]):
                    found.append(tail)
                break  # the longest tail decides
    return found


@cache
def shortfall_at_end() -> re.Pattern[str]:
    """A clause ending on its shortfall (…建设滞后, …年龄偏大): the wording lexicon's, anchored."""
    return re.compile("(?:" + "|".join(p.pattern for p in wording().shortfall) + ")$")


def without_promises(text: str, note_texts: Sequence[str]) -> str:
    """``text`` without the clauses that promise what no note does (加快…手续办理，确保在下半年完成。 →
    加快…手续办理。) or set a figure no note has: the rest is still the model's own words; "" when
    nothing else is left."""
    clauses = re.findall(r"[^，。；！？,;]+[，。；！？,;]?", text)
    kept = [c for c in clauses if not unsupported(wording().commitment, c, note_texts)
            and not new_figures(c, note_texts)]  # a target the problem never sets (人员达到20人)
    if len(kept) == len(clauses):
        return text
    joined = "".join(kept).rstrip("，,；;、 ")
    return joined + "。" if joined and joined[-1] not in "。！？" else joined


def commitment_message(role: str, promise: Sequence[str]) -> str:
    what = "措施" if role == "measure" else "计划"
    how = "只写针对问题的改进做法" if role == "measure" else "只写要点中的工作安排"
    return (f"{what}中有要点里没有的承诺（{quoted_list(promise)}），{how}，"
            "不写要点中没有的时限、目标或幅度")


# --- b. garbage and markup ----------------------------------------------------------------


LABEL_RE = re.compile(r"^\s*([\u4e00-\u9fff]{1,6})[：:](?!\s*$)")


def opening_labels(text: str, note_texts: Sequence[str] = ()) -> list[str]:
    """Lines opened by a label no note has (持续：加强…, 措施：…): a small model's scaffolding, not prose."""
    labels = (match.group(0).strip() for line in text.splitlines() if (match := LABEL_RE.match(line)))
    # A group title or tag (存在问题：) is an echoed tag, counted as such.
    return [label for label in labels if not any(label in note for note in note_texts) and not echoed_tags(label)]


def garbage_lines(text: str, note_texts: Sequence[str] = ()) -> list[str]:
    """Lines that are not report prose: quote markers, chat markup, meta text, 我们, punctuation
    runs, a label the notes do not have."""
    words = wording()
    bad: list[str] = []
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if (opening_labels(stripped, note_texts) or matches(words.quote, stripped) or matches(words.markup, stripped) or matches(words.meta, stripped)
                or matches(words.first_person, unquoted(stripped)) or only_punctuation(stripped)
                or words.punctuation_run.search(stripped.replace("……", ""))):
            bad.append(stripped)
    return bad


def unquoted(text: str) -> str:
    """``text`` without its quoted phrases: “我要守法” is a slogan, not the writer speaking."""
    return QUOTED_PHRASE_RE.sub("", text)


def only_punctuation(text: str) -> bool:
    return not re.search(r"[\w\u4e00-\u9fff]", text)


def repeated_sentences(text: str) -> list[str]:
    """Sentences that say again, nearly word for word, what an earlier sentence of ``text`` said."""
    words = wording()
    sentences = [s for s in re.findall(r"[^。！？；\n]+", text) if len(s) >= words.repeat_min_chars]
    return [later for index, later in enumerate(sentences)
            if any(same_figures(earlier, later)
                   and difflib.SequenceMatcher(None, earlier, later).ratio() >= words.repeat_ratio
                   for earlier in sentences[:index])]


def same_figures(first: str, second: str) -> bool:
    """Parallel sentences with different figures (已整改31个…；未整改21个…) are two facts, not one twice."""
    return FIGURE_RUN_RE.findall(first) == FIGURE_RUN_RE.findall(second)


def echoed_tags(text: str) -> list[str]:
    """Tags and group titles of the notes ("存在问题：", "上半年工作进展情况：") written into the text."""
    return [match.group("tag") for match in wording().tag.finditer(text)]


def markup_violations(text: str, note_texts: Sequence[str]) -> list[MeaningViolation]:
    words = wording()
    found: list[MeaningViolation] = []
    if quotes := matches(words.quote, text) + matches(words.markup, text):
        found.append(MeaningViolation(
            "garbage", f"输出中有引用符号或格式标记（{quoted_list(q.strip() for q in quotes)}），只输出正文句子", tuple(quotes)))
    if labels := opening_labels(text, note_texts):
        found.append(MeaningViolation("garbage", f"开头不要加标签（{quoted_list(labels)}），直接写正文", tuple(labels)))
    if meta := matches(words.meta, text):
        found.append(MeaningViolation("meta", f"输出中有说明性的话（{quoted_list(meta)}），只输出正文", tuple(meta)))
    if people := unsupported(words.first_person, unquoted(text), note_texts):
        found.append(MeaningViolation(
            "first_person", f"不要用{quoted_list(people)}等人称代词，公文写单位名称、队伍名称或直接写事实", tuple(people)))
    if only_punctuation(text) or words.punctuation_run.search(text.replace("……", "")):
        found.append(MeaningViolation("garbage", "输出为空或有成串的标点"))
    if repeated := repeated_sentences(text):
        found.append(MeaningViolation(
            "garbage", f"同一句话写了不止一遍（{quoted_list(repeated)}），每件事只写一次", tuple(repeated)))
    if tags := [tag for tag in echoed_tags(text) if not any(tag + "：" in n or tag + ":" in n for n in note_texts)]:
        found.append(MeaningViolation(
            "echoed_tag", f"不要照抄标题或标签（{quoted_list(t + '：' for t in tags)}），直接写内容", tuple(tags)))
    return found


# --- c. new content -------------------------------------------------------------------------


def content_words(text: str) -> list[str]:
    pos = wording().pos
    words = []
    for pair in jieba.posseg.lcut(text):
        word, flag = pair.word, pair.flag
        if len(word) >= 2 and flag in pos and not re.search(r"[\d０-９*＊A-Za-z]", word):
            words.append(word)
    return words


def supported(word: str, sources: str) -> bool:
    """In the sources or the lexicon — or, for a compound (耕地保护), every part of it is."""
    lexicon = genre_lexicon()
    if word in sources or word in lexicon:
        return True
    parts = [part for part in jieba.lcut_for_search(word) if len(part) >= 2 and part != word]
    return bool(parts) and all(p in sources or p in lexicon for p in parts) and covers(word, parts)


def covers(word: str, parts: list[str]) -> bool:
    """Whether ``parts`` together cover every character of ``word`` (办证难 is not covered by 办证)."""
    covered = [False] * len(word)
    for part in parts:
        start = word.find(part)
        while start >= 0:
            covered[start:start + len(part)] = [True] * len(part)
            start = word.find(part, start + 1)
    return all(covered)


def novel_content_words(text: str, sources: Iterable[str]) -> list[str]:
    """Content words (jieba nouns and verbs) of ``text`` in neither ``sources`` nor the genre lexicon."""
    joined = "\n".join(sources)
    return list(dict.fromkeys(word for word in content_words(text) if not supported(word, joined)))


def altered_terms(novel: Sequence[str], sources: Sequence[str]) -> list[tuple[str, str]]:
    """(new word, the source term it mangles): 孕妇 for 孕产妇 — a term with its middle cut out
    changes what the figure counts, however few new words the unit has."""
    terms = {word for source in sources for word in content_words(source)}
    return [(word, term) for word in novel for term in sorted(terms)
            if len(term) > len(word) >= 2 and word not in term and is_subsequence(word, term)
            and (word[0], word[-1]) == (term[0], term[-1])][:3]  # 监管 for 监督管理 is the usual short form


def is_subsequence(short: str, long: str) -> bool:
    chars = iter(long)
    return all(char in chars for char in short)


def novelty_violations(text: str, sources: Sequence[str], max_novel: int) -> list[MeaningViolation]:
    novel = novel_content_words(text, sources)
    found: list[MeaningViolation] = []
    if altered := altered_terms(novel, sources):
        shown = "、".join(f"“{term}”写成了“{word}”" for word, term in altered)
        found.append(MeaningViolation("altered_term", f"改动了要点中的说法：{shown}，应照写要点中的名称",
                                      tuple(word for word, _ in altered)))
    if len(novel) > max_novel:
        found.append(MeaningViolation(
            "novel_words", f"出现了要点中没有的内容：{quoted_list(novel)}，不得添加要点以外的内容", tuple(novel)))
    return found


def novel_word_limit(role: str) -> int:
    """How many content words no note says a unit of ``role`` may use (a setting, per role)."""
    words = wording()
    return words.max_novel_by_role.get(role, words.max_novel)


# --- the check ----------------------------------------------------------------------------


def check_meaning(text: str, unit_notes: Sequence[str], *, role: str, context_notes: Sequence[str] = (),
                  heading: str = "", max_novel: int | None = None) -> list[MeaningViolation]:
    """Every way ``text`` changes or adds to the meaning of ``unit_notes`` ([] when it does not)."""
    notes = list(unit_notes)
    found = markup_violations(text, notes)
    found += role_contradictions(text, role, notes)
    sources = [*notes, *context_notes, heading]
    found += novelty_violations(text, sources, novel_word_limit(role) if max_novel is None else max_novel)
    return found
