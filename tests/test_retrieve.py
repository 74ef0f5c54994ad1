"""Hybrid search: fusion, filters, MMR; real e5 on the sample corpus and
the national reports."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import national_reports
from fake_embeddings import FakeEmbeddings
from test_store import LAND, WATER, write

from drafter.store.lexical import tokenize
from drafter.store.reports import ReportStore
from drafter.store.retrieve import Retriever, reciprocal_rank_fusion, search

CORPUS = Path(__file__).resolve().parent.parent / "corpus"


@pytest.fixture
def fake_store(tmp_path) -> ReportStore:
    store = ReportStore(embeddings=FakeEmbeddings())
    folder = tmp_path / "reports"
    write(folder, "land.txt", LAND)
    write(folder, "water.txt", WATER)
    write(folder, "land-2024.txt", LAND.replace("2023年", "2024年").replace("东岭", "西岭"))
    store.ingest([folder], progress=False)
    return store


def test_reciprocal_rank_fusion_rewards_agreement():
    fused = reciprocal_rank_fusion([["a", "b", "c"], ["c", "d"]])
    assert [chunk_id for chunk_id, _ in fused][:2] == ["c", "a"]
    assert fused[0][1] == pytest.approx(1 / 63 + 1 / 61)


def test_search_returns_ranked_hits_with_source_and_both_ranks(fake_store):
    hits = Retriever(fake_store).search("耕地流出图斑整改", k=3)
    assert len(hits) == 3
    assert [hit.score for hit in hits] == sorted((hit.score for hit in hits), reverse=True)
    assert "图斑" in hits[0].text and hits[0].source.endswith(".txt")
    assert hits[0].dense_rank is not None and hits[0].lexical_rank is not None


@pytest.mark.parametrize(("filters", "check"), [
    ({"role": "problems"}, lambda m: m["role"] == "problems"),
    ({"org": "某县水利局"}, lambda m: m["org"] == "某县水利局"),
    ({"period": "2024H1"}, lambda m: m["period"] == "2024H1"),
    ({"period": "2023"}, lambda m: m["year"] == 2023),
    ({"kind": "half-year", "role": "plans", "org": "某县自然资源局"},
     lambda m: (m["kind"], m["role"], m["org"]) == ("half-year", "plans", "某县自然资源局")),
])
def test_filters_apply_to_both_sides(fake_store, filters, check):
    hits = Retriever(fake_store).search("耕地 整改 水库 规划", k=10, **filters)
    assert hits and all(check(hit.metadata) for hit in hits)


def test_filter_matching_nothing_returns_nothing(fake_store):
    assert Retriever(fake_store).search("耕地", k=5, org="不存在的单位") == []


def test_mmr_prefers_diverse_hits(fake_store):
    # Two reports are near copies: plain search returns both copies, MMR mixes in other text.
    plain = Retriever(fake_store).search("耕地流出图斑整改 规划报批", k=4)
    diverse = Retriever(fake_store).search("耕地流出图斑整改 规划报批", k=4, mmr=True)
    assert len(diverse) == 4
    texts = [hit.text.replace("西岭", "东岭") for hit in diverse]
    assert len(set(texts)) >= len({hit.text.replace("西岭", "东岭") for hit in plain})
    assert diverse[0].id == plain[0].id or diverse[0].id in {hit.id for hit in plain}


def test_module_search_and_empty_store():
    assert search("耕地", store=ReportStore(embeddings=FakeEmbeddings())) == []


# --- the real e5 model -----------------------------------------------------------------------


def test_e5_hybrid_search_small_case(tmp_path):
    """Real e5, tiny case: a paraphrase sharing no word with the text is found by the dense side."""
    store = ReportStore()
    write(tmp_path, "land.txt", "\n".join(LAND.splitlines()[:7]))
    write(tmp_path, "water.txt", WATER)
    store.ingest([tmp_path], progress=False)
    query = "大坝汛期出险"
    assert store.lexical.search(tokenize(query), 5) == []
    hit = Retriever(store).search(query, k=1)[0]
    assert "水库" in hit.text and hit.lexical_rank is None and hit.dense_rank == 1


@pytest.fixture(scope="module")
def corpus_store(tmp_path_factory) -> ReportStore:
    if not sorted(CORPUS.glob("*.txt")):
        pytest.skip("corpus/ has no sample reports yet")
    from drafter.settings import get_settings

    home = tmp_path_factory.mktemp("corpus-home")
    store = ReportStore(get_settings(home=home))
    summary = store.ingest([CORPUS], progress=False)
    assert not summary.errors and summary.added == len(list(CORPUS.glob("*.txt")))  # README.md is skipped
    return store


@pytest.mark.model
@pytest.mark.parametrize(("query", "filters", "expected"), [
    ("耕地保护 整改", {"role": "problems"}, "耕地"),
    ("臭氧污染防治", {}, "臭氧"),
    ("河湖清四乱", {}, "清四乱"),
    ("历史遗留办证问题", {"org": "某县自然资源局"}, "办证"),
])
def test_corpus_top_hit(corpus_store, query, filters, expected):
    hit = Retriever(corpus_store).search(query, k=3, **filters)[0]
    assert expected in hit.text
    for key, value in filters.items():
        assert hit.metadata[key] == value


@pytest.mark.model
def test_corpus_rare_exact_term_only_bm25_finds(corpus_store):
    """清水河 is one river named once; e5 does not place it near the query, BM25 does."""
    retriever = Retriever(corpus_store)
    dense_top = [chunk_id for chunk_id, _ in retriever.dense_search(retriever.embed_query("清水河"), 3, {})]
    hit = retriever.search("清水河", k=1)[0]
    assert "清水河" in hit.text and hit.lexical_rank == 1
    assert hit.id not in dense_top


@pytest.mark.model
def test_corpus_paraphrase_only_dense_finds(corpus_store):
    """房产证 appears nowhere (the reports say 办证/不动产登记); only the dense side can match it."""
    assert corpus_store.lexical.search(tokenize("房产证"), 5) == []
    hit = Retriever(corpus_store).search("房产证", k=1)[0]
    assert "办证" in hit.text and hit.lexical_rank is None


# --- the national reports ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def national_store(tmp_path_factory) -> ReportStore:
    reports = national_reports()
    if not reports:
        pytest.skip("national reports are absent (../shared/eval/national)")
    from drafter.settings import get_settings

    store = ReportStore(get_settings(home=tmp_path_factory.mktemp("national-home")), embeddings=FakeEmbeddings())
    summary = store.ingest(reports, progress=False)
    assert summary.added == len(reports) and not summary.errors
    return store


def test_national_reports_ingest_with_roles_and_years(national_store):
    stats = national_store.stats()
    assert stats.files == len(national_reports()) and stats.chunks > 500
    assert stats.by_role["progress"] > 100 and stats.by_role["plans"] > 300
    assert set(stats.by_period) >= {"2008", "2013"}


def test_national_search_finds_the_right_part(national_store):
    retriever = Retriever(national_store)
    review = retriever.search("在国际金融危机严重冲击下取得的成绩", k=1)[0]
    assert review.role == "progress" and "回顾" in review.metadata["part"]
    for hit in retriever.search("保障性住房建设", k=3, role="progress"):
        assert hit.role == "progress" and "保障性" in hit.text
    for hit in retriever.search("医疗卫生体制改革", k=3, role="plans"):
        assert hit.role == "plans" and "医" in hit.text
    yearly = retriever.search("医疗卫生体制改革", k=3, period="2009")
    assert yearly and all(hit.metadata["year"] == 2009 for hit in yearly)
