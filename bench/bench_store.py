"""Benchmarks for the past-report store. One command: ``python bench/bench_store.py [--quick]``.

Measures
1. ingest overhead: wall time of ``ReportStore.ingest(corpus/)`` with the real e5 model, divided by
   the time the same engine takes to embed the same chunk texts directly (goal ≤ 1.15);
2. re-ingest of an unchanged 1,000-file corpus (goal ≤ 2 s), from a freshly opened store;
3. hybrid query latency (dense + BM25 + fusion + fetching texts) at 1k / 10k / 100k chunks,
   EXCLUDING the query embedding (goal p50 ≤ 30 ms at 100k). The corpus is synthetic: chunk
   texts are random draws from the real reports' vocabulary and the dense side uses random unit
   vectors (384-d, like e5), so the numbers measure the machinery, not retrieval quality;
4. the time to rebuild the BM25 index from the catalogue at each size.

Prints a table and writes bench/results/store.json.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))

from fake_embeddings import FakeEmbeddings  # noqa: E402

from drafter.settings import get_settings  # noqa: E402
from drafter.store.embeddings import E5Embeddings  # noqa: E402
from drafter.store.lexical import tokenize  # noqa: E402
from drafter.store.reports import FilePlan, FileRecord, ReportStore, StoredChunk  # noqa: E402
from drafter.store.retrieve import Retriever  # noqa: E402

RESULTS = REPO / "bench" / "results" / "store.json"
DIM = 384
ROLES = ["progress", "progress", "progress", "problems", "plans", "plans"]
QUERIES = ["耕地保护 整改", "臭氧污染防治", "河湖长制 暗访", "历史遗留 办证", "高标准农田 建设", "安全生产 隐患排查",
           "规划报批", "水库 安全度汛", "农村人居环境", "营商环境 优化"]


def fresh_store(root: Path, name: str, embeddings=None) -> ReportStore:
    return ReportStore(get_settings(home=root / name), embeddings=embeddings)


# --- 1. ingest overhead -----------------------------------------------------------------------


def bench_ingest_overhead(root: Path) -> dict:
    corpus = sorted((REPO / "corpus").glob("*.txt"))
    engine = E5Embeddings()
    engine.embed_documents(["预热"])  # load the model outside both timings
    probe = fresh_store(root, "chunks-only", embeddings=FakeEmbeddings())
    probe.ingest(corpus, progress=False)
    texts = [chunk.text for chunk in probe.catalog.all_chunks()]

    def embed_directly() -> float:
        started = time.perf_counter()
        for start in range(0, len(texts), 32):
            engine.embed_documents(texts[start:start + 32])
        return time.perf_counter() - started

    # The machine is shared: time direct embedding before and after the ingest and average them.
    before = embed_directly()
    store = fresh_store(root, "overhead", embeddings=engine)
    started = time.perf_counter()
    summary = store.ingest(corpus, progress=False)
    ingest_seconds = time.perf_counter() - started
    embed_seconds = (before + embed_directly()) / 2
    return {"files": len(corpus), "chunks": summary.chunks_embedded, "ingest_s": ingest_seconds,
            "embed_only_s": embed_seconds, "overhead_ratio": ingest_seconds / embed_seconds}


# --- 2. unchanged re-ingest ---------------------------------------------------------------------


def bench_reingest(root: Path, files: int) -> dict:
    folder = root / "many-files"
    folder.mkdir()
    template = (REPO / "corpus" / "zrj-2023h1.txt").read_text(encoding="utf-8").splitlines()
    for number in range(files):
        lines = template[:6] + [f"（九）第{number}号专项工作。完成任务{number}项。"]
        (folder / f"report-{number:04d}.txt").write_text("\n".join(lines), encoding="utf-8")
    first = fresh_store(root, "reingest", embeddings=FakeEmbeddings())
    started = time.perf_counter()
    first.ingest([folder], progress=False)
    first_seconds = time.perf_counter() - started
    first.close()
    started = time.perf_counter()
    again = ReportStore(get_settings(home=root / "reingest"), embeddings=FakeEmbeddings())
    summary = again.ingest([folder], progress=False)
    seconds = time.perf_counter() - started
    assert summary.skipped == files and summary.chunks_embedded == 0
    return {"files": files, "first_ingest_fake_embedder_s": first_seconds, "reingest_unchanged_s": seconds}


# --- 3./4. synthetic corpus: query latency and BM25 rebuild ----------------------------------------


def vocabulary() -> tuple[list[str], np.ndarray]:
    texts = [path.read_text(encoding="utf-8") for path in sorted((REPO / "corpus").glob("*.txt"))]
    counts: dict[str, int] = {}
    for text in texts:
        for token in tokenize(text):
            counts[token] = counts.get(token, 0) + 1
    words = sorted(counts, key=lambda word: -counts[word])
    weights = np.asarray([counts[word] for word in words], dtype=float)
    return words, weights / weights.sum()


def fill_synthetic(store: ReportStore, target: int, rng: np.random.Generator, words: list[str],
                   weights: np.ndarray, per_file: int = 100) -> float:
    """Grow the store to ``target`` chunks (random texts, random unit vectors); returns insert seconds."""
    collection = store.collection()
    started = time.perf_counter()
    have = store.count()
    while have < target:
        batch = min(5000, target - have)
        vectors = rng.standard_normal((batch, DIM)).astype(np.float32)
        vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
        chunks: list[StoredChunk] = []
        tokens: dict[str, list[str]] = {}
        for offset in range(batch):
            number = have + offset
            drawn = list(rng.choice(words, size=int(rng.integers(40, 120)), p=weights))
            chunk_id = f"syn-{number:07d}"
            year = 2019 + number % 6
            metadata = {"source": f"/synthetic/file-{number // per_file:05d}.txt", "file": f"file-{number // per_file:05d}.txt",
                        "title": "", "org": f"某单位{number // per_file % 50}", "period": f"{year}H1", "year": year,
                        "half": "H1", "kind": "half-year", "role": ROLES[number % len(ROLES)], "part": "", "section": "",
                        "item": 0, "chunk": number % per_file, "start": 0, "end": 0}
            chunks.append(StoredChunk(chunk_id, "".join(drawn), metadata))
            tokens[chunk_id] = drawn
        collection.upsert(ids=[c.id for c in chunks], embeddings=vectors.tolist(), documents=[c.text for c in chunks],
                          metadatas=[c.metadata for c in chunks])
        by_file: dict[str, list[StoredChunk]] = {}
        for chunk in chunks:
            by_file.setdefault(chunk.metadata["source"], []).append(chunk)
        for path, file_chunks in by_file.items():  # batches are multiples of per_file: no file straddles two
            record = FileRecord(path, "synthetic", "", "", "", "half-year", len(file_chunks), "")
            store.catalog.replace_file(FilePlan(path, "synthetic", "{}", record, file_chunks, tokens, set(), True))
        have += batch
    return time.perf_counter() - started


def time_queries(store: ReportStore, rng: np.random.Generator, rounds: int, role: str | None = None) -> dict:
    retriever = Retriever(store)
    vectors = rng.standard_normal((len(QUERIES), DIM)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    for query, vector in zip(QUERIES, vectors, strict=True):  # warm caches (jieba, HNSW pages, SQLite)
        retriever.search_by_vector(query, vector.tolist(), k=5, role=role)
    timings = []
    for _ in range(rounds):
        for query, vector in zip(QUERIES, vectors, strict=True):
            started = time.perf_counter()
            hits = retriever.search_by_vector(query, vector.tolist(), k=5, role=role)
            timings.append((time.perf_counter() - started) * 1000)
            assert hits
    timings.sort()
    return {"p50_ms": statistics.median(timings), "p95_ms": timings[int(len(timings) * 0.95) - 1], "queries": len(timings)}


def bench_scale(root: Path, sizes: list[int], rounds: int) -> list[dict]:
    rng = np.random.default_rng(7)
    words, weights = vocabulary()
    store = fresh_store(root, "synthetic")
    store.model = "random-unit-vectors"  # no model is ever called: vectors and query vectors are random
    rows = []
    for size in sizes:
        insert_seconds = fill_synthetic(store, size, rng, words, weights)
        rebuild_seconds = store.rebuild_lexical()
        plain = time_queries(store, rng, rounds)
        filtered = time_queries(store, rng, rounds, role="problems")
        rows.append({"chunks": size, "insert_s": insert_seconds, "bm25_rebuild_s": rebuild_seconds,
                     "query_p50_ms": plain["p50_ms"], "query_p95_ms": plain["p95_ms"],
                     "query_role_filter_p50_ms": filtered["p50_ms"], "query_role_filter_p95_ms": filtered["p95_ms"],
                     "queries": plain["queries"]})
        print(f"  {size:>7} chunks: p50 {plain['p50_ms']:.1f} ms, BM25 rebuild {rebuild_seconds:.2f} s", file=sys.stderr)
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="sizes 1k/10k only, fewer rounds (for a smoke run)")
    args = parser.parse_args()
    os.environ.setdefault("ANONYMIZED_TELEMETRY", "False")
    sizes = [1_000, 10_000] if args.quick else [1_000, 10_000, 100_000]
    with tempfile.TemporaryDirectory(prefix="bench-store-") as temporary:
        root = Path(temporary)
        print("ingest overhead (real e5) …", file=sys.stderr)
        overhead = bench_ingest_overhead(root)
        print("re-ingest of 1,000 unchanged files …", file=sys.stderr)
        reingest = bench_reingest(root, 1_000)
        print("hybrid query latency on a synthetic corpus …", file=sys.stderr)
        scale = bench_scale(root, sizes, rounds=3 if args.quick else 10)
    results = {"machine": {"python": platform.python_version(), "cpus": os.cpu_count(), "platform": platform.platform()},
               "ingest_overhead": overhead, "reingest": reingest, "query_latency": scale,
               "notes": "query latency excludes the query embedding; synthetic chunks use random 384-d unit vectors "
                        "for the dense side and random draws from the sample corpus vocabulary for BM25."}
    RESULTS.parent.mkdir(parents=True, exist_ok=True)
    RESULTS.write_text(json.dumps(results, ensure_ascii=False, indent=2), encoding="utf-8")
    print_table(results)


def print_table(results: dict) -> None:
    overhead, reingest = results["ingest_overhead"], results["reingest"]
    print("| measure | value | goal |")
    print("|---|---|---|")
    print(f"| ingest corpus/ ({overhead['files']} files, {overhead['chunks']} chunks), e5 | {overhead['ingest_s']:.1f} s | |")
    print(f"| embedding the same chunks directly | {overhead['embed_only_s']:.1f} s | |")
    print(f"| ingest overhead ratio | {overhead['overhead_ratio']:.3f} | ≤ 1.15 |")
    print(f"| re-ingest {reingest['files']} unchanged files | {reingest['reingest_unchanged_s']:.2f} s | ≤ 2 s |")
    for row in results["query_latency"]:
        goal = "≤ 30 ms" if row["chunks"] == 100_000 else ""
        print(f"| hybrid query p50 / p95 at {row['chunks']:,} chunks (excl. query embedding) | "
              f"{row['query_p50_ms']:.1f} / {row['query_p95_ms']:.1f} ms | {goal} |")
        print(f"| … with --role filter, p50 / p95 | {row['query_role_filter_p50_ms']:.1f} / {row['query_role_filter_p95_ms']:.1f} ms | |")
        print(f"| BM25 rebuild at {row['chunks']:,} chunks | {row['bm25_rebuild_s']:.2f} s | |")
    print(f"\n{results['notes']}")


if __name__ == "__main__":
    main()
