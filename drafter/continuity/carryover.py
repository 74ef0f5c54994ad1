"""Plan carry-over: was each promise of the previous report's plans part reported on?

For every plan item the new report's sentences are ranked by the store's hybrid machinery — BM25
over jieba tokens and dense embeddings, fused by reciprocal rank — and the best candidates are
scored by how much of the item's distinctive wording they carry (words weighted by how rare they
are in the new report; generic plan words such as 加强、推进、确保 do not count). A multi-part item
(…；…；…) counts as reported when any of its commitments is. Clear cases are decided by that
score; borderline ones go to a guarded model judgement when a judge is given. Every verdict keeps
the sentences it rests on.
"""

from __future__ import annotations

import logging
import math
import re
from collections import Counter
from dataclasses import dataclass
from functools import cache
from typing import TYPE_CHECKING, Any

from drafter.continuity.history import Dated, missing_history_message
from drafter.continuity.judge import Judge
from drafter.continuity.lexicon import lexicon
from drafter.continuity.records import (
    DONE,
    NOT_MENTIONED,
    UNDER_WAY,
    CarryoverResult,
    Evidence,
    PlanItem,
    Sentence,
    Verdict,
)
from drafter.continuity.units import plan_items, sentences
from drafter.store.lexical import LexicalIndex, tokenize
from drafter.store.retrieve import reciprocal_rank_fusion

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

CANDIDATES = 6  # sentences scored per commitment, from the fused ranking
EVIDENCE_SHOWN = 2
JUDGE_SENTENCES = 3
REPORTED = 0.45  # coverage at or above: reported, no judgement needed
NOT_REPORTED = 0.25  # coverage below: not mentioned
BORDERLINE_RULE = 0.35  # without a judge (or when its reply is unusable), the borderline band splits here
OPEN_WEIGHT = 0.8
MIN_FOUND = 2  # one shared word is chance
CLAUSE_RE = re.compile(r"[^；;。，,]+")
MIN_CLAUSE_WORDS = 2  # a clause with fewer distinctive words is no commitment of its own
# Parts whose sentences only show a task still open: named as a problem or carried into the new plan.
OPEN_ROLES = ("plans", "problems")
DIGIT_RE = re.compile(r"\d")


@dataclass
class Scored:
    sentence: Sentence
    coverage: float
    dense: float
    found: list[str]


class SentenceIndex:
    """The new report's sentences, searchable by words and (when an embedder is given) by meaning."""

    def __init__(self, units: list[Sentence], embeddings: Embeddings | None = None,
                 background: list[str] | None = None) -> None:
        self.units = units
        self.tokens = [set(tokenize(unit.text)) for unit in units]
        ids = [str(index) for index in range(len(units))]
        self.lexical = LexicalIndex.build(ids, [sorted(t) or ["∅"] for t in self.tokens], {})
        self.embeddings = embeddings
        self.vectors: list[list[float]] = embeddings.embed_documents([u.text for u in units]) if embeddings and units else []
        # Word weights come from this report and the background (the previous report): words the genre
        # uses everywhere (环境、违法、工作) weigh little, a task's own terms (砂石、环保管家) much.
        self.texts = [unit.text for unit in units] + list(background or [])
        self.document_frequency: Counter[str] = Counter()

    def idf(self, word: str) -> float:
        if word not in self.document_frequency:
            self.document_frequency[word] = sum(word in text for text in self.texts)
        return math.log((len(self.texts) + 1) / (self.document_frequency[word] + 1)) + 1.0

    def ranked(self, query: str, k: int) -> list[tuple[int, float]]:
        """Sentence indexes by fused rank, with the dense cosine of each (0 without an embedder)."""
        if not self.units:
            return []
        lexical = [int(i) for i, _ in self.lexical.search(tokenize(query), k)]
        dense_scores: dict[int, float] = {}
        rankings = [[str(i) for i in lexical]]
        if self.embeddings is not None and self.vectors:
            query_vector = self.embeddings.embed_query(query)
            dense_scores = {index: cosine(query_vector, vector) for index, vector in enumerate(self.vectors)}
            rankings.append([str(i) for i in sorted(dense_scores, key=lambda i: -dense_scores[i])[:k]])
        fused = reciprocal_rank_fusion(rankings)
        return [(int(i), dense_scores.get(int(i), 0.0)) for i, _ in fused[:k]]


def cosine(a: list[float], b: list[float]) -> float:
    dot = sum(x * y for x, y in zip(a, b, strict=False))
    norm = math.sqrt(sum(x * x for x in a)) * math.sqrt(sum(y * y for y in b))
    return dot / norm if norm else 0.0


@cache
def segmenter() -> Any:
    import jieba

    jieba.setLogLevel(logging.WARNING)
    return jieba


def words_of(text: str) -> list[str]:
    """jieba's precise cut (search mode's overlapping pieces would count one word several times)."""
    return [str(word) for word in segmenter().lcut(text)]


def distinctive_words(text: str) -> list[str]:
    """Words that say which task this is: no generic plan wording, no figures, no single characters."""
    generic = lexicon().generic
    seen: list[str] = []
    for token in words_of(text):
        if len(token) < 2 or token in generic or DIGIT_RE.search(token) or token in seen:
            continue
        seen.append(token)
    return seen


def commitments(item: PlanItem) -> list[str]:
    """The item and each of its clauses (…，…；…): a long item counts as reported when one promise is."""
    parts = [part.strip() for part in CLAUSE_RE.findall(item.text)]
    parts = [part for part in parts if len(distinctive_words(part)) >= MIN_CLAUSE_WORDS]
    return [item.text] + (parts if len(parts) > 1 else [])


def coverage(words: list[str], sentence: Sentence, index: SentenceIndex) -> tuple[float, list[str]]:
    if not words:
        return 0.0, []
    found = [word for word in words if word in sentence.text]
    total = sum(index.idf(word) for word in words)
    return sum(index.idf(word) for word in found) / total, found


def best_matches(text: str, index: SentenceIndex) -> list[Scored]:
    """Candidates for one commitment, best first; a report of the work beats a mention as open."""
    words = distinctive_words(text)
    scored = []
    for position, dense in index.ranked(text, CANDIDATES):
        sentence = index.units[position]
        share, found = coverage(words, sentence, index)
        if len(found) < MIN_FOUND and share < 1.0:
            share = 0.0
        scored.append(Scored(sentence, share, dense, found))
    return sorted(scored, key=lambda s: (-effective(s), -s.dense))


def effective(scored: Scored) -> float:
    """Coverage, with open mentions (problems, new plans) ranked below reports of work done."""
    return scored.coverage * (OPEN_WEIGHT if scored.sentence.role in OPEN_ROLES else 1.0)


def status_of(sentence: Sentence) -> str:
    """Done or under way, read from the reporting sentence's wording and the part it stands in."""
    words = lexicon()
    if sentence.role in OPEN_ROLES:
        return UNDER_WAY  # still to do: named only as a problem or carried into the next plan
    if any(word in sentence.text for word in words.done_strong):
        return DONE
    if any(word in sentence.text for word in words.under_way):
        return UNDER_WAY
    if any(word in sentence.text for word in words.done):
        return DONE
    return UNDER_WAY


def judge_candidates(tops: list[Scored]) -> list[Sentence]:
    """The best sentence of each of the item's commitments, best first, each once."""
    chosen: list[Sentence] = []
    for scored in sorted(tops, key=lambda s: -effective(s)):
        if scored.coverage > 0 and scored.sentence not in chosen:
            chosen.append(scored.sentence)
    return chosen[:JUDGE_SENTENCES]


def judge_item(item: PlanItem, index: SentenceIndex, judge: Judge | None) -> Verdict:
    best: list[Scored] = []
    tops: list[Scored] = []  # each commitment's best sentence: what the judge sees
    for text in commitments(item):
        matches = best_matches(text, index)
        if matches:
            tops.append(matches[0])
        if matches and (not best or effective(matches[0]) > effective(best[0])):
            best = matches
    top = best[0] if best else None
    score = top.coverage if top else 0.0
    evidence = [Evidence(s.sentence, round(s.coverage, 3), round(s.dense, 3)) for s in best[:EVIDENCE_SHOWN]]
    if top is None or score < NOT_REPORTED:
        missing = "、".join(distinctive_words(item.text)[:4])
        return Verdict(item, NOT_MENTIONED, evidence, score, "rule", f"本期没有出现“{missing}”等说法。")
    found = "、".join(top.found[:4])
    if score >= REPORTED:
        return Verdict(item, status_of(top.sentence), evidence, score, "rule", f"本期{top.sentence.cite()}写到“{found}”。")
    rule_status = status_of(top.sentence) if score >= BORDERLINE_RULE else NOT_MENTIONED
    if judge is not None:
        picked = judge(item, judge_candidates(tops))
        if picked is not None:
            return Verdict(item, picked, evidence, score, "model", f"把握不大（关键词“{found}”部分出现），由模型判断。")
    return Verdict(item, rule_status, evidence, score, "rule", f"把握不大：只部分出现“{found}”。")


def check_carryover(current: Dated, previous: Dated | None, embeddings: Embeddings | None = None,
                    judge: Judge | None = None) -> CarryoverResult:
    """Every plan item of ``previous`` against ``current``'s text."""
    result = CarryoverResult(current.report.title, current.org, str(current.period))
    if previous is None:
        result.message = missing_history_message(current, "带有计划部分的报告") + "也可用 --previous 指定上期报告。"
        return result
    if current.org and previous.org and previous.org != current.org:
        result.notice = f"注意：上期报告的单位是“{previous.org}”，与本报告的“{current.org}”不同。"
    result.previous, result.previous_title, result.previous_period = previous.name, previous.report.title, str(previous.period)
    items = plan_items(previous)
    if not items:
        result.message = f"上期报告《{previous.report.title}》中没有找到计划部分的条目。"
        return result
    # The lead (导语) sums the period up in general words; it reports no particular task.
    result.verdicts = judge_items(items, [s for s in sentences(current) if s.where != "导语"], previous,
                                  embeddings, judge)
    return result


def judge_items(items: list[PlanItem], units: list[Sentence], previous: Dated, embeddings: Embeddings | None,
                judge: Judge | None) -> list[Verdict]:
    index = SentenceIndex(units, embeddings, [s.text for s in sentences(previous)])
    return [judge_item(item, index, judge) for item in items]
