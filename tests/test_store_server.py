"""Server mode against a real Chroma server (`chroma run`) on 127.0.0.1."""

from __future__ import annotations

import shutil
import subprocess
import time
import urllib.request

import pytest
from fake_embeddings import FakeEmbeddings
from test_store import LAND, WATER, write

from drafter.errors import StoreError
from drafter.settings import get_settings
from drafter.store.reports import ReportStore
from drafter.store.retrieve import Retriever
from tests.conftest import free_port, stop_process


@pytest.fixture
def chroma_server(tmp_path):
    if not shutil.which("chroma"):
        pytest.skip("the chroma CLI (from the chromadb package) is not on PATH")
    port = free_port()
    log = open(tmp_path / "chroma.log", "wb")
    process = subprocess.Popen(["chroma", "run", "--host", "127.0.0.1", "--port", str(port), "--path",
                                str(tmp_path / "server-data")], stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                urllib.request.urlopen(f"{url}/api/v2/heartbeat", timeout=1).read()
                break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail(f"Chroma server did not start: {(tmp_path / 'chroma.log').read_text()[-2000:]}")
                time.sleep(0.2)
        yield url
    finally:
        stop_process(process)
        log.close()


@pytest.mark.server
def test_ingest_search_remove_against_a_real_chroma_server(chroma_server, tmp_path, monkeypatch):
    import chromadb

    monkeypatch.setenv("DRAFTER_CHROMA_URL", chroma_server)
    folder = tmp_path / "reports"
    write(folder, "land.txt", LAND)
    write(folder, "water.txt", WATER)
    store = ReportStore(embeddings=FakeEmbeddings())
    assert store.location == chroma_server
    summary = store.ingest([folder], progress=False)
    assert summary.added == 2 and not summary.errors

    port = int(chroma_server.rsplit(":", 1)[1])
    server_side = chromadb.HttpClient(host="127.0.0.1", port=port).get_collection("reports")
    assert server_side.count() == store.count() > 0
    assert server_side.metadata["embedding_model"] == "fake-hash-256"
    assert not (get_settings().chroma_dir).exists()  # nothing was written to the local store

    hits = Retriever(store).search("水库安全度汛", k=2, role="progress", mmr=True)
    assert "水库" in hits[0].text and hits[0].metadata["org"] == "某县水利局"
    assert ReportStore(embeddings=FakeEmbeddings()).ingest([folder], progress=False).skipped == 2
    store.remove(folder / "water.txt")
    assert server_side.count() == store.count()


def test_unreachable_server_is_a_clear_error(monkeypatch):
    monkeypatch.setenv("DRAFTER_CHROMA_URL", f"http://127.0.0.1:{free_port()}")
    with pytest.raises(StoreError, match="无法连接 Chroma 服务"):
        ReportStore(embeddings=FakeEmbeddings()).collection()
