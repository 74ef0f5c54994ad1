"""Notes → parts (by role) → sections (by topic).

The user's headings are kept as sections. Notes with no heading are cut into sections of
consecutive notes where neighbours are least alike (embeddings and shared keywords, as items are
cut in ``drafter.drafting.compose``): the writer's order is kept. (Clusters by a shared keyword
had pulled 实现营业收入… away from the 资产总额 it was written beside, and k-means sections had
ignored the order too.) The outline stage lets the model name each group in the house style;
the group name here is only the seed.
"""

from __future__ import annotations

import math
import re
import statistics
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache

from drafter.drafting.notes import Note, Notes
from drafter.structure.kinds import Kind

Embed = Callable[[list[str]], Sequence[Sequence[float]]]  # texts → vectors: tells where notes change topic
MAX_GROUPS = 6
NOTES_PER_GROUP = 4
MIN_SECTION_NOTES = 2
SECTION_SIZE_COST = 0.1  # per note away from an even share: a cut between unlike notes weighs up to 1
KEYWORD_WEIGHT = 0.1  # of keyword overlap (0–1) beside an embedding cosine (related notes: floor + 0.01–0.05)
OTHER_GROUP = "其他重点工作"
ANSWER_WORDS = 2  # topic words a plan shares with a problem it answers
# Words too general to name a topic.
STOP_WORDS = {"工作", "完成", "开展", "推进", "加强", "全县", "全市", "情况", "项目", "累计", "共计", "上半年", "下半年",
              "目前", "已经", "进行", "实现", "落实", "持续", "组织", "召开", "部分", "问题", "计划", "有关",
              # verbs jieba tags as names (新建 ns): a group named 新建 was headed 持续推进新建工作
              "新建", "新增", "建成",
              # what figures did (下载量突破28万, 增长6.9%): a group named 突破 was headed 突破、视频 (seen)
              "突破", "增长", "达到", "提高", "提升",
              # a projection (预计全年供水2030万立方米): a 供水公司's indicators were headed 预计供水量
              "预计",
              # what figures count (为群众提供档案查阅利用286人次…): a section named 人次 (seen)
              "人次", "件次", "场次", "户次", "家次", "批次", "人数"}


@dataclass
class Group:
    name: str
    note_ids: list[str]
    from_heading: bool = False


@dataclass
class PartGroups:
    role: str
    groups: list[Group] = field(default_factory=list)  # become sections （一）（二）…
    loose: list[str] = field(default_factory=list)  # items directly under the part
    measures: list[str] = field(default_factory=list)  # problem notes that get a matching measure here

    @property
    def note_ids(self) -> list[str]:
        return [*self.loose, *(i for g in self.groups for i in g.note_ids), *self.measures]


def group_notes(notes: Notes, kind: Kind, embed: Embed | None = None) -> list[PartGroups]:
    """One PartGroups per part of ``kind`` that has notes or is required, in the kind's order;
    ``embed`` tells where notes with no heading of the writer's change topic."""
    roles = kind.roles
    by_role: dict[str, list[Note]] = {role: [] for role in roles}
    main_role = "progress" if "progress" in roles else "plans"
    for note in notes.notes:
        if note.role == "problems" and "problems" not in roles and "plans" in roles:
            continue  # a plan has no problems part: the problem is placed as a measure only
        by_role[note.role if note.role in roles else main_role].append(note)
    parts: list[PartGroups] = []
    for spec in kind.parts:
        members = by_role[spec.role]
        part = PartGroups(spec.role)
        if spec.role == main_role:
            part.groups = topic_groups(members, embed)
        elif spec.role in ("plans", "safeguards"):
            # …and a plan's 保障措施 under the writer's own headings (（一）加强队伍建设。举办…): the
            # headings had been dropped, the facts run together as one paragraph (a 统计局's 工作要点)
            explicit = [n for n in members if n.explicit_topic or (kind.name == "plan" and n.topic)]
            part.groups = heading_groups(explicit)
            part.loose = [n.id for n in members if n not in explicit]
        else:
            part.loose = [n.id for n in members]
        if spec.role == "plans":
            problems = [n for n in notes.notes if n.role == "problems"]
            if "problems" in roles:  # stated there; a plan note that answers one is its measure already
                lone = lines_of_one(problems)
                problems = [n for n in problems if not answered(n, members, lone)]
            part.measures = [n.id for n in problems]
        if part.note_ids or spec.required:
            parts.append(part)
    return parts


def answered(problem: Note, plans: Sequence[Note], lone: frozenset[int] = frozenset()) -> bool:
    """Whether one of the writer's plans is about the same thing as ``problem``: two topic words
    in common (雨污分流改造 for 镇区污水管网老化，雨污分流改造资金压力大). One is not enough:
    审计 or 学校 is shared by every note of an audit or education bureau. ``lone``: the lines that
    hold one problem, where the plan written right after it on its line is its answer."""
    words = topic_words(problem.text)

    def shared(other: frozenset[str]) -> int:
        # a word in common or opening the other's (服务 of 签约后服务跟进不足, 服务质量 of the plan);
        # 统计 and 统计员 of one problem are one word in common, not two
        found = [w for w in words if any(w == t or t.startswith(w) or w.startswith(t) for t in other)]
        return sum(not any(w != longer and w in longer for longer in found) for w in found)

    return any((problem.line in lone and follows_on_its_line(problem, plan)) or shared(topic_words(plan.text)) >= ANSWER_WORDS for plan in plans)


def follows_on_its_line(problem: Note, plan: Note) -> bool:
    """Whether the writer put ``plan`` right after ``problem`` on the same line (人才短缺，…。下半年争取
    招聘医学毕业生2名… under a 卫生院's 存在问题及下步打算, a 台账 row's 存在问题 and 下步打算): its
    answer, whatever words it shares — a measure 切实解决人才短缺问题 had been added beside it. Not
    in a paragraph listing several problems, whose plans are the whole report's."""
    return bool(problem.line) and plan.line == problem.line and note_number(plan) == note_number(problem) + 1


def lines_of_one(problems: Sequence[Note]) -> frozenset[int]:
    """The lines that hold exactly one of ``problems``."""
    counted = Counter(n.line for n in problems if n.line)
    return frozenset(line for line, count in counted.items() if count == 1)


def note_number(note: Note) -> int:
    return int(note.id[1:]) if note.id[1:].isdigit() else -1


def heading_groups(notes: list[Note]) -> list[Group]:
    groups: dict[str, Group] = {}
    for note in notes:
        groups.setdefault(note.topic, Group(note.topic, [], True)).note_ids.append(note.id)
    return list(groups.values())


# 经发办： / 安监站： / 农业服务中心： over a township's notes name who sent them, not the work:
# taken for the work, they headed sections 聚焦经发办 and 突出安监站 (seen). The notes stay one
# section (``drafter.drafting.outline`` names it from their words).
OFFICE_RE = re.compile(r"[\u4e00-\u9fff]{1,8}(?:办公室|办|站|所|中心|科|股|室|队|局|委|院|部|处)")


# 王书记分管, 李副镇长分管工作 (a 镇's notes gathered by each leader's field): who, as an office is
LEADER_RE = re.compile(r"[\u4e00-\u9fff]{1,3}?副?(?:书记|镇长|乡长|县长|区长|局长|主任|部长|科长|站长|所长|院长|主席|委员)"
                       r"(?:分管|负责|牵头|联系)?的?(?:工作|领域|线|口)?")


def names_who(topic: str) -> bool:
    """Whether a group's name says who sent or led its work (经发办, 安监站, 王书记分管), not what it is."""
    return bool(OFFICE_RE.fullmatch(topic) or LEADER_RE.fullmatch(topic))


# who leads a plan's work and by when (…演练不少于3次（牵头：应急指挥中心）): never the work's name
OWNER_ASIDE_RE = re.compile(r"[（(](?:牵头|责任|配合|时限|完成时限)[^）)]*[）)]")


def without_owner(text: str) -> str:
    """A note without its asides of who leads the work and by when."""
    return OWNER_ASIDE_RE.sub("", text)


def keyword_name(notes: Sequence[Note]) -> str:
    """The keyword half of ``notes`` at least share (two at least), else OTHER_GROUP. One note's
    keyword named a section for all of it, and reached its heading and leads as the writer's word
    (统筹卡持卡服务 of 社保卡持卡人数, 抓实五四红旗: seen with the 1.5B)."""
    # …not of who leads it or by when: 时限 of three plans' （牵头：…，时限：…） had named a 应急管理局's
    # section and every built lead in it (持续推进时限工作)
    counts = Counter(w for n in notes for w in dict.fromkeys(keywords(without_owner(n.text))))
    if not counts:
        return OTHER_GROUP
    word, count = counts.most_common(1)[0]
    return word if count >= 2 and count * 2 >= len(notes) else OTHER_GROUP


def topic_groups(notes: list[Note], embed: Embed | None = None) -> list[Group]:
    """User topics (headings, prefixes) kept; notes without one cut into runs; sections in reading order."""
    with_topic = [n for n in notes if n.topic]
    without = [n for n in notes if not n.topic]
    groups = heading_groups(with_topic)
    order = {n.id: index for index, n in enumerate(notes)}
    if without:
        if groups and len(without) <= 2:
            for stray in without:  # a stray line or two joins the section before it (the first, when none is)
                nearest(groups, order[stray.id], order).note_ids.append(stray.id)
            for group in groups:
                group.note_ids.sort(key=order.__getitem__)
        else:
            # a labelled line between two unlabelled ones parts them: sections run no further
            for run in unbroken_runs(without, order):
                groups.extend(consecutive_sections(run, embed))
    # Sections follow the writer's order: a topic named by a line prefix (特种设备：…) halfway down
    # the notes stays halfway down the draft.
    return sorted(groups, key=lambda g: order[g.note_ids[0]])


def nearest(groups: list[Group], at: int, order: dict[str, int]) -> Group:
    """The group a stray note at reading position ``at`` belongs with: the last one begun before it,
    else the first. A 爱卫办's opening line, unlabelled over four labelled ones, had joined the last
    and moved to the end."""
    before = [g for g in groups if order[g.note_ids[0]] < at]
    return max(before, key=lambda g: order[g.note_ids[0]]) if before else min(groups, key=lambda g: order[g.note_ids[0]])


@lru_cache(maxsize=4096)  # bounded: the web app drafts for days
def topic_words(text: str, flags: tuple[str, ...] = ("n", "v", "l", "j")) -> frozenset[str]:
    """The note's nouns and verbs (jieba tags starting with ``flags``) of two characters or more,
    general words (工作, 完成) left out. Cached: one draft compares the same notes in the grouper,
    in both outline builds and again where items are cut."""
    import jieba.posseg  # loads its dictionary on first use (~1 s); only needed here

    return frozenset(token.word for token in jieba.posseg.lcut(text)
                     if len(token.word) >= 2 and token.flag.startswith(flags) and token.word not in STOP_WORDS)


def keywords(text: str) -> list[str]:
    import jieba.analyse  # loads its dictionary on first use (~1 s); only needed here

    words = jieba.analyse.extract_tags(text, topK=5, allowPOS=("n", "vn", "nz", "ns", "nt", "nr"))
    return [w for w in words if len(w) >= 2 and w not in STOP_WORDS]


def unbroken_runs(notes: Sequence[Note], order: dict[str, int]) -> list[list[Note]]:
    """``notes`` in runs of notes read one after another (none of the part's others between)."""
    runs: list[list[Note]] = []
    for note in notes:
        if runs and order[note.id] == order[runs[-1][-1].id] + 1:
            runs[-1].append(note)
        else:
            runs.append([note])
    return runs


def consecutive_sections(notes: list[Note], embed: Embed | None = None) -> list[Group]:
    """The notes as sections of consecutive notes, about NOTES_PER_GROUP each, cut where
    neighbours are least alike; each named by the keyword most of its notes share."""
    if len(notes) <= NOTES_PER_GROUP:
        return [Group(keyword_name(notes), [n.id for n in notes])]
    wanted = min(MAX_GROUPS, math.ceil(len(notes) / NOTES_PER_GROUP))
    sizes = section_sizes(neighbour_similarities([n.text for n in notes], embed), wanted)
    groups, start = [], 0
    for size in sizes:
        members = notes[start:start + size]
        groups.append(Group(keyword_name(members), [n.id for n in members]))
        start += size
    return groups


def section_sizes(similarities: Sequence[float], wanted: int) -> list[int]:
    """``len(similarities) + 1`` notes in ``wanted`` runs of MIN_SECTION_NOTES or more: the cuts
    where neighbours are least alike (in units of the notes' spread), runs near an even share.
    Exact dynamic programming over (notes placed, runs made): a part holds few notes."""
    count = len(similarities) + 1
    mean = sum(similarities) / len(similarities)
    spread = (max(similarities) - min(similarities)) or 1.0
    even = count / wanted
    best: dict[tuple[int, int], tuple[float, list[int]]] = {(0, 0): (0.0, [])}
    for runs in range(1, wanted + 1):
        for end in range(MIN_SECTION_NOTES * runs, count + 1):
            options = []
            for start in range(MIN_SECTION_NOTES * (runs - 1), end - MIN_SECTION_NOTES + 1):
                if (start, runs - 1) not in best:
                    continue
                cost, sizes = best[(start, runs - 1)]
                cut = (similarities[start - 1] - mean) / spread if start > 0 else 0.0
                options.append((cost + cut + SECTION_SIZE_COST * abs(end - start - even), [*sizes, end - start]))
            if options:
                best[(end, runs)] = min(options, key=lambda option: option[0])
    found = best.get((count, wanted))
    return found[1] if found else [count]


def neighbour_similarities(texts: Sequence[str], embed: Embed | None = None) -> list[float]:
    """Similarity of each note to the next (``pair_similarities``)."""
    return pair_similarities(texts, [(i, i + 1) for i in range(len(texts) - 1)], embed)


def similarities(texts: Sequence[str], embed: Embed | None = None) -> list[list[float]]:
    """Similarity of every note to every other (``pair_similarities``)."""
    pairs = [(i, j) for i in range(len(texts)) for j in range(len(texts))]
    found = iter(pair_similarities(texts, pairs, embed))
    return [[next(found) for _ in texts] for _ in texts]


def pair_similarities(texts: Sequence[str], pairs: Sequence[tuple[int, int]], embed: Embed | None = None) -> list[float]:
    """Similarity of the notes of each pair, 0 or less where they share no topic: keyword overlap
    (Jaccard), and with ``embed`` the cosine of embeddings less the embedder's ``unrelated_below``
    (if it has one) plus KEYWORD_WEIGHT × the overlap — embeddings tell topics apart broadly, and
    the words two notes share tell them apart where embeddings barely do (新增学位 in three notes
    on schools, 0.01 apart from the next note's 教育集团). Only the pairs asked for are computed: a
    part's 80 notes have 79 neighbours and 6,400 pairs."""
    words = [topic_words(text) for text in texts]
    overlaps = [len(words[i] & words[j]) / len(words[i] | words[j]) if words[i] | words[j] else 0.0 for i, j in pairs]
    if embed is None or len(texts) < 2:
        return overlaps
    vectors = [normalised(list(v)) for v in embed(list(texts))]
    floor = float(getattr(embed, "unrelated_below", 0.0))
    return [sum(x * y for x, y in zip(vectors[i], vectors[j], strict=True)) - floor + KEYWORD_WEIGHT * overlap
            for (i, j), overlap in zip(pairs, overlaps, strict=True)]


OPENING_TIME_RE = re.compile(
    r"^(?:(?:\d{1,2}月(?:\d{1,2}日)?|[一二三四1-4]季度)(?:\s*[-—~至到]\s*(?:\d{1,2}月)?(?:\d{1,2}日)?)?"
    r"(?:份|以来|期间|中旬|上旬|下旬|底)?(?:(?:开学|放假|汛期|秋收|国庆|中秋|春节)?(?:前|以前|之前))?[，,\s]*"
    r"|年底前[，,\s]*|年内[，,\s]*)")  # 9月开学前完成…: a time too (a 中学's plan)


def without_time(text: str) -> str:
    """A note without the date or time it opens with."""
    return OPENING_TIME_RE.sub("", text.strip(), count=1)



def without_kept_place(text: str, places: Sequence[str]) -> str:
    """A note without the place it opens with, of the places its notes were kept under."""
    return next((text[len(place):] for place in places if text.startswith(place)), text)


def by_work(notes: Notes, embed: Embed | None = None) -> Notes:
    """Notes the writer kept by time (``Notes.by_time``: under 1月/2月… or as a dated log) put in
    the order of their works, each role's notes with no heading of the writer's in the places they
    held: a 烟草专卖局's 查获违法卷烟案件… of February and of April had stood in two sections, each
    beside that month's other work (烟叶合同, 烟叶移栽) under one lead. Other notes are as written."""
    if not notes.by_time:
        return notes
    reordered = list(notes.notes)
    for role in dict.fromkeys(note.role for note in notes.notes):
        places = [i for i, note in enumerate(notes.notes) if note.role == role and not note.topic]
        for place, note in zip(places, clustered([notes.notes[i] for i in places], embed, notes.places), strict=True):
            reordered[place] = note
    return replace(notes, notes=reordered)


def clustered(members: Sequence[Note], embed: Embed | None = None, places: Sequence[str] = ()) -> list[Note]:
    """``members`` with alike notes together: each joins the cluster begun before it whose notes it
    is most like on average, where that is clearly alike (above 0, and a spread above the mean of
    all pairs: with embeddings every pair of one bureau's notes is a little alike), else begins
    one; a note left alone then joins the cluster it is most like (``lone_notes_joined``)."""
    if len(members) < 3:
        return list(members)
    # compared by what was done: notes of one month, each opening 2月，…, are no more alike for it,
    # nor those of one village (西岭村's 光伏电站 and 户厕改造 had stood together, apart from 南坪村's 户厕改造)
    matrix = similarities([without_kept_place(without_time(note.text), places) for note in members], embed)
    pairs = [matrix[i][j] for i in range(len(members)) for j in range(len(members)) if i != j]
    alike = max(0.0, statistics.mean(pairs) + statistics.pstdev(pairs))
    clusters: list[list[int]] = []
    for index in range(len(members)):
        likeness = [(sum(matrix[index][j] for j in cluster) / len(cluster), k) for k, cluster in enumerate(clusters)]
        best = max(likeness, default=(0.0, -1))
        if best[0] > alike:
            clusters[best[1]].append(index)
        else:
            clusters.append([index])
    return [members[index] for cluster in lone_notes_joined(clusters, matrix, statistics.mean(pairs))
            for index in cluster]


def lone_notes_joined(clusters: list[list[int]], matrix: Sequence[Sequence[float]], bar: float) -> list[list[int]]:
    """``clusters`` with each note left alone joined to the cluster of two or more it is most like,
    where that beats ``bar`` (the mean of all pairs): 新建标准化烟叶烘烤工场 beside 烟叶移栽 and
    烟叶种植收购合同, not beside the sales figures of the month after. Clusters in the order of
    their first notes, notes within one as written."""
    groups = [cluster for cluster in clusters if len(cluster) > 1]
    for cluster in clusters:
        if len(cluster) > 1 or not groups:
            continue
        index = cluster[0]
        likeness = [(statistics.mean(matrix[index][j] for j in group), k) for k, group in enumerate(groups)]
        best = max(likeness)
        if best[0] > bar:
            groups[best[1]].append(index)
            cluster.clear()
    return sorted((sorted(cluster) for cluster in clusters if cluster), key=lambda cluster: cluster[0])


def normalised(vector: list[float]) -> list[float]:
    length = math.sqrt(sum(x * x for x in vector)) or 1.0
    return [x / length for x in vector]


class RememberedEmbed:
    """An Embed that embeds each text once: the grouper, the outline and the items of one draft
    ask for the same notes' vectors (section_items had embedded a section's notes twice)."""

    def __init__(self, embed: Embed) -> None:
        self.embed = embed
        self.unrelated_below = float(getattr(embed, "unrelated_below", 0.0))
        self.vectors: dict[str, Sequence[float]] = {}

    def __call__(self, texts: list[str]) -> list[Sequence[float]]:
        missing = [text for text in dict.fromkeys(texts) if text not in self.vectors]
        if missing:
            self.vectors.update(zip(missing, self.embed(missing), strict=True))
        return [self.vectors[text] for text in texts]
