"""Ingest into Chroma + BM25 with a fake embedder: idempotence, edits, removal, bad files, models."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest
from fake_embeddings import FakeEmbeddings

from drafter.errors import StoreError
from drafter.settings import get_settings
from drafter.store.reports import ReportStore
from drafter.store.retrieve import Retriever

LAND = """某县自然资源局2023年上半年工作总结
今年以来，县自然资源局紧扣保发展、护耕地工作主线，统筹推进各项工作。
一、上半年工作开展情况
（一）强化规划引领
一是县级国土空间总体规划进入报批阶段。二是完成东岭村庄规划编制。
（二）坚守耕地红线
全面推行田长制，完成耕地流出图斑整改35个，新增补充耕地620亩。
二、存在的问题
一是耕地流出问题整改偏慢，尚有17个图斑未完成整改。二是专业技术力量薄弱。
三、下半年工作打算
（一）抓实耕地保护整改。对剩余图斑挂图作战、销号管理，9月底前全部完成整改。
（二）加快规划报批。力争年内获得批复。
"""

WATER = """某县水利局2024年上半年工作总结
上半年，县水利局全面落实河湖长制，扎实推进水利建设。
一、上半年工作开展情况
（一）推进河湖清四乱
对14条河流开展清理整治，拆除违建2处，清理河道垃圾860吨。
（二）确保水库安全度汛
落实37座水库三个责任人，完成病险水库除险加固3座。
二、存在的问题
一是基层河长巡河走过场。二是水库管护经费不足。
三、下半年工作打算
（一）深化河湖长制。开展暗访督查，推动问题整改。
"""


def write(folder: Path, name: str, text: str, encoding: str = "utf-8") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, encoding=encoding)
    return path


@pytest.fixture
def fake() -> FakeEmbeddings:
    return FakeEmbeddings()


@pytest.fixture
def store(fake) -> ReportStore:
    return ReportStore(embeddings=fake)


@pytest.fixture
def reports(tmp_path) -> Path:
    folder = tmp_path / "reports"
    write(folder, "land.txt", LAND)
    write(folder / "sub", "water.md", WATER)
    return folder


def test_ingest_folder_records_metadata_and_counts(store, reports):
    summary = store.ingest([reports], progress=False)
    assert (summary.added, summary.updated, summary.skipped, summary.errors) == (2, 0, 0, [])
    assert summary.chunks_embedded == store.count() == store.collection().count()
    files = {Path(record.path).name: record for record in store.files()}
    assert set(files) == {"land.txt", "water.md"}
    assert (files["land.txt"].org, files["land.txt"].period, files["land.txt"].kind) == ("某县自然资源局", "2023H1", "half-year")
    assert (files["water.md"].org, files["water.md"].period) == ("某县水利局", "2024H1")
    stats = store.stats()
    assert stats.files == 2 and stats.by_role["problems"] == 2 and stats.embedding_model == "fake-hash-256"
    hits = Retriever(store).search("耕地流出图斑整改", k=1, role="problems")
    meta = hits[0].metadata
    assert (meta["org"], meta["period"], meta["year"], meta["role"], meta["kind"]) == ("某县自然资源局", "2023H1", 2023, "problems", "half-year")
    assert meta["file"] == "land.txt" and meta["section"] == "存在的问题"
    source = Path(meta["source"]).read_text(encoding="utf-8")
    assert source[meta["start"]:meta["end"]] == hits[0].text


def test_org_and_period_options_override_detection(store, reports):
    store.ingest([reports / "land.txt"], org="某市规划局", period="2022H2", progress=False)
    record = store.files()[0]
    assert (record.org, record.period) == ("某市规划局", "2022H2")
    assert Retriever(store).search("规划", k=1, org="某市规划局", period="2022H2")


def test_reingest_is_a_noop(store, reports, fake):
    store.ingest([reports], progress=False)
    calls, embedded = fake.document_calls, len(fake.embedded_texts)
    summary = store.ingest([reports], progress=False)
    assert (summary.added, summary.updated, summary.skipped, summary.chunks_embedded) == (0, 0, 2, 0)
    assert (fake.document_calls, len(fake.embedded_texts)) == (calls, embedded)


def test_editing_one_file_reembeds_only_its_changed_chunks(store, reports, fake):
    store.ingest([reports], progress=False)
    before = store.count()
    fake.embedded_texts.clear()
    land = reports / "land.txt"
    land.write_text(LAND.replace("完成耕地流出图斑整改35个", "完成耕地流出图斑整改36个，其中高标准农田示范区3个"), encoding="utf-8")
    summary = store.ingest([reports], progress=False)
    assert (summary.updated, summary.skipped) == (1, 1)
    assert fake.embedded_texts == [chunk for chunk in fake.embedded_texts if "36个" in chunk]
    assert len(fake.embedded_texts) == 1
    assert store.count() == before == store.collection().count()
    hits = Retriever(store).search("高标准农田示范区", k=1)
    assert "36个" in hits[0].text
    # The old version of the chunk is gone from both indexes.
    assert not any("35个" in hit.text for hit in Retriever(store).search("耕地流出图斑整改35个", k=10))


def test_remove_deletes_exactly_that_files_chunks(store, reports):
    store.ingest([reports], progress=False)
    before = store.count()
    water_chunks = next(f.chunks for f in store.files() if f.path.endswith("water.md"))
    assert store.remove(reports / "sub" / "water.md") == 1
    assert [Path(f.path).name for f in store.files()] == ["land.txt"]
    assert store.count() == store.collection().count() == before - water_chunks
    assert not any("水库" in hit.text for hit in Retriever(store).search("水库安全度汛", k=10))
    with pytest.raises(StoreError, match="corpus list"):
        store.remove(reports / "sub" / "water.md")


def test_lexical_index_persists_and_reopens(store, reports, fake):
    store.ingest([reports], progress=False)
    reopened = ReportStore(embeddings=fake)
    assert len(reopened.lexical) == store.count()
    hits = Retriever(reopened).search("东岭", k=1)
    assert "东岭" in hits[0].text and hits[0].lexical_rank == 1


def test_interrupted_lexical_rebuild_is_redone_on_open(store, reports, fake):
    store.ingest([reports], progress=False)
    store.catalog.db.execute("INSERT OR REPLACE INTO state VALUES ('lexical_dirty', '1')")
    store.catalog.db.execute("DELETE FROM chunks WHERE text LIKE '%东岭%'")
    reopened = ReportStore(embeddings=fake)
    assert len(reopened.lexical) == store.count()
    assert not reopened.catalog.lexical_dirty


def test_failed_chroma_write_rolls_back_that_file_only(store, reports, fake):
    class Flaky(FakeEmbeddings):
        def embed_documents(self, texts):
            if any("水库" in text for text in texts):
                raise RuntimeError("disk full")
            return super().embed_documents(texts)

    flaky_store = ReportStore(embeddings=Flaky())
    summary = flaky_store.ingest([reports], progress=False)
    assert summary.added == 1 and len(summary.errors) == 1
    assert "water.md" in summary.errors[0].path and "回滚" in summary.errors[0].message
    assert [Path(f.path).name for f in flaky_store.files()] == ["land.txt"]
    assert flaky_store.collection().count() == flaky_store.count()
    # The next run retries the failed file (it is not in the manifest).
    assert ReportStore(embeddings=fake).ingest([reports], progress=False).added == 1


def test_refuses_to_mix_embedding_models_until_reindex(store, reports):
    store.ingest([reports / "land.txt"], progress=False)
    other = ReportStore(embeddings=FakeEmbeddings(dim=128))
    with pytest.raises(StoreError, match="corpus reindex"):
        other.ingest([reports], progress=False)
    with pytest.raises(StoreError, match="不能混用"):
        Retriever(other).search("耕地", k=1)
    assert other.reindex(progress=False) == store.count()
    assert other.stored_model() == "fake-hash-128"
    assert other.ingest([reports], progress=False).added == 1
    assert Retriever(other).search("水库", k=1)[0].metadata["file"] == "water.md"


def good_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    for line in WATER.replace("某县水利局", "某县林业局").splitlines():
        document.add_paragraph(line)
    document.save(str(path))
    return path


def test_bad_files_get_clear_errors_and_the_rest_is_ingested(store, tmp_path):
    folder = tmp_path / "mixed"
    write(folder, "good.txt", LAND)
    write(folder, "gbk.txt", WATER, encoding="gbk")
    good_docx(folder / "word.docx")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 this is not really a zip")
    with zipfile.ZipFile(folder / "nodoc.docx", "w") as archive:
        archive.writestr("hello.txt", "no word document inside")
    (folder / "huge.txt").write_bytes(("耕地保护" * 100 + "\n").encode() * 8000)
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")  # not a supported suffix: ignored inside a folder
    summary = store.ingest([folder, tmp_path / "missing.txt"], progress=False)
    assert summary.added == 3
    errors = {Path(error.path).name: error.message for error in summary.errors}
    assert set(errors) == {"empty.txt", "image.txt", "broken.docx", "nodoc.docx", "huge.txt", "missing.txt"}
    assert "空文件" in errors["empty.txt"]
    assert "二进制" in errors["image.txt"]
    assert "Word" in errors["broken.docx"] and "Word" in errors["nodoc.docx"]
    assert "MB" in errors["huge.txt"]
    assert "找不到" in errors["missing.txt"]
    assert all("Traceback" not in message for message in errors.values())
    by_name = {Path(f.path).name: f for f in store.files()}
    assert by_name["gbk.txt"].org == "某县水利局" and by_name["word.docx"].org == "某县林业局"
    assert "水库" in Retriever(store).search("水库除险加固", k=1)[0].text
    assert "6 个文件未能入库" in summary.describe()


def test_a_single_unsupported_file_is_an_error(store, tmp_path):
    pdf = tmp_path / "report.pdf"
    pdf.write_bytes(b"%PDF-1.4")
    summary = store.ingest(pdf, progress=False)
    assert "不支持" in summary.errors[0].message and store.count() == 0


def test_progress_bar_goes_to_stderr(store, reports, capsys):
    store.ingest([reports], progress=True)
    captured = capsys.readouterr()
    assert captured.out == "" and "嵌入" in captured.err


def test_store_lives_under_drafter_home(store, reports, drafter_home):
    store.ingest([reports], progress=False)
    settings = get_settings()
    assert settings.chroma_dir == drafter_home / "chroma" and any(settings.chroma_dir.iterdir())
    assert (settings.lexical_dir / "reports" / "catalog.sqlite3").exists()
    assert (settings.lexical_dir / "reports" / "bm25" / "current.json").exists()


def test_e5_embeddings_work_offline_as_langchain_and_chroma():
    """The real bundled model, tiny case: query/passage prefixes make the right passage closest."""
    import numpy as np

    from drafter.store.embeddings import ChromaEmbedding, E5Embeddings

    e5 = E5Embeddings()
    passages = ["对37座水库落实三个责任人，确保安全度汛。", "完成耕地流出图斑整改35个。"]
    vectors = np.asarray(e5.embed_documents(passages))
    query = np.asarray(e5.embed_query("水库防汛"))
    assert vectors.shape == (2, 384) and abs(np.linalg.norm(query) - 1) < 1e-3
    assert int(np.argmax(vectors @ query)) == 0
    function = ChromaEmbedding(e5)
    assert np.allclose(np.asarray(function(passages)), vectors, atol=1e-5)
    assert np.allclose(np.asarray(function.embed_query(["水库防汛"])[0]), query, atol=1e-5)
    assert ChromaEmbedding.build_from_config(function.get_config()).model == "e5-small"


def test_openai_embedding_setting_needs_a_base_url(monkeypatch):
    from drafter.store.embeddings import make_embeddings

    with pytest.raises(StoreError, match="OPENAI_BASE_URL"):
        make_embeddings(get_settings(embedding="openai:bge-m3"))
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    embeddings = make_embeddings(get_settings(embedding="openai:bge-m3"))
    from drafter.store.embeddings import model_name_of

    assert model_name_of(embeddings) == "openai:bge-m3"
    with pytest.raises(StoreError, match="e5-small"):
        make_embeddings(get_settings(embedding="word2vec"))
