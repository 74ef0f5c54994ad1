"""The past-report store: reports → structure-aware chunks → Chroma (dense) + BM25 (lexical).

Three pieces of state, written in this order so that a crash never leaves a half-written store:

1. Chroma holds the vectors (embedded ``PersistentClient`` under DRAFTER_HOME/chroma, or a Chroma
   server by URL). Chunk ids are content hashes, so re-adding the same chunk is harmless.
2. The catalogue (SQLite, beside the lexical index) is the source of truth for what is ingested:
   the manifest (file path → content hash) and every chunk's text, tokens and metadata. A file's
   chunks change in one transaction, after its vectors are in Chroma; if anything fails first,
   the vectors just added are deleted again.
3. The BM25 index is rebuilt from the catalogue's cached tokens after each change and switched in
   atomically; a "dirty" flag in the catalogue makes the next open rebuild it if that was cut short.
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import threading
import time
from collections import Counter
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlparse

from langchain_core.embeddings import Embeddings

from drafter.errors import DrafterError, StoreError
from drafter.settings import Settings, get_settings
from drafter.store.chunk import Chunk, chunk_report
from drafter.store.embeddings import ChromaEmbedding, make_embeddings, model_name_of
from drafter.store.lexical import FILTER_KEYS, LexicalIndex, tokenize
from drafter.store.meta import Period, detect_org, detect_period, parse_period
from drafter.structure.kinds import assign_roles, detect_kind
from drafter.structure.parse import parse_file
from drafter.textio import DOCX_SUFFIXES, MAX_BYTES

SUFFIXES = {".txt", ".md", ".markdown"} | DOCX_SUFFIXES
EMBED_BATCH = 32
EMBED_GROUP = 256  # chunks embedded before their files are written (bounds memory)
CHROMA_BATCH = 2000  # below every Chroma build's max batch size


# --- result types -------------------------------------------------------------------------


@dataclass
class FileError:
    path: str
    message: str


@dataclass
class IngestSummary:
    added: int = 0  # files new to the store
    updated: int = 0  # files whose content (or --org/--period) changed
    skipped: int = 0  # unchanged files, not re-embedded
    removed: int = 0
    chunks_embedded: int = 0
    errors: list[FileError] = field(default_factory=list)
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.errors

    def describe(self) -> str:
        text = (f"新增 {self.added} 个文件，更新 {self.updated} 个，未变化跳过 {self.skipped} 个；"
                f"嵌入 {self.chunks_embedded} 个片段，用时 {self.seconds:.1f} 秒。")
        if self.errors:
            text += f"\n{len(self.errors)} 个文件未能入库：" + "".join(f"\n  {e.path}：{e.message}" for e in self.errors)
        return text


@dataclass
class FileRecord:
    path: str
    sha256: str
    title: str
    org: str
    period: str
    kind: str
    chunks: int
    ingested_at: str


@dataclass
class StoreStats:
    files: int
    chunks: int
    embedding_model: str
    location: str
    by_role: dict[str, int]
    by_kind: dict[str, int]
    by_org: dict[str, int]
    by_period: dict[str, int]


@dataclass
class StoredChunk:
    id: str
    text: str
    metadata: dict[str, Any]


@dataclass
class FilePlan:
    """A changed file, parsed and chunked, waiting to be embedded and written."""

    path: str
    sha256: str
    options: str
    record: FileRecord
    chunks: list[StoredChunk]
    tokens: dict[str, list[str]]
    old_ids: set[str]
    is_new: bool


# --- the catalogue: manifest + chunk texts/tokens/metadata -----------------------------------

SCHEMA = """
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY, sha256 TEXT NOT NULL, options TEXT NOT NULL, title TEXT, org TEXT,
    period TEXT, kind TEXT, chunks INTEGER, ingested_at TEXT);
CREATE TABLE IF NOT EXISTS chunks (
    id TEXT PRIMARY KEY, path TEXT NOT NULL, position INTEGER, text TEXT NOT NULL, tokens TEXT NOT NULL,
    metadata TEXT NOT NULL, role TEXT, org TEXT, period TEXT, kind TEXT, year INTEGER);
CREATE INDEX IF NOT EXISTS chunks_path ON chunks(path);
CREATE TABLE IF NOT EXISTS state (key TEXT PRIMARY KEY, value TEXT);
"""


class Catalog:
    def __init__(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        self.path = path
        self.lock = threading.RLock()
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.executescript(SCHEMA)

    @contextmanager
    def transaction(self) -> Iterator[sqlite3.Connection]:
        with self.lock:
            self.db.execute("BEGIN IMMEDIATE")
            try:
                yield self.db
            except BaseException:
                self.db.execute("ROLLBACK")
                raise
            self.db.execute("COMMIT")

    def file(self, path: str) -> tuple[str, str] | None:
        with self.lock:
            row = self.db.execute("SELECT sha256, options FROM files WHERE path = ?", (path,)).fetchone()
        return (row[0], row[1]) if row else None

    def file_signatures(self) -> dict[str, tuple[str, str]]:
        with self.lock:
            return {row[0]: (row[1], row[2]) for row in self.db.execute("SELECT path, sha256, options FROM files")}

    def chunk_ids(self, path: str) -> set[str]:
        with self.lock:
            return {row[0] for row in self.db.execute("SELECT id FROM chunks WHERE path = ?", (path,))}

    def replace_file(self, plan: FilePlan) -> None:
        record = plan.record
        with self.transaction() as db:
            db.execute("DELETE FROM chunks WHERE path = ?", (plan.path,))
            db.execute("INSERT OR REPLACE INTO files VALUES (?,?,?,?,?,?,?,?,?)",
                       (plan.path, plan.sha256, plan.options, record.title, record.org, record.period,
                        record.kind, record.chunks, record.ingested_at))
            db.executemany(
                "INSERT OR REPLACE INTO chunks VALUES (?,?,?,?,?,?,?,?,?,?,?)",
                [(c.id, plan.path, c.metadata["chunk"], c.text, " ".join(plan.tokens[c.id]),
                  json.dumps(c.metadata, ensure_ascii=False), c.metadata["role"], c.metadata["org"],
                  c.metadata["period"], c.metadata["kind"], c.metadata["year"]) for c in plan.chunks])
            db.execute("INSERT OR REPLACE INTO state VALUES ('lexical_dirty', '1')")

    def delete_files(self, paths: list[str]) -> None:
        with self.transaction() as db:
            db.executemany("DELETE FROM chunks WHERE path = ?", [(p,) for p in paths])
            db.executemany("DELETE FROM files WHERE path = ?", [(p,) for p in paths])
            db.execute("INSERT OR REPLACE INTO state VALUES ('lexical_dirty', '1')")

    def paths_under(self, path: str) -> list[str]:
        with self.lock:
            prefix = path.rstrip("/") + "/"
            return [row[0] for row in self.db.execute(
                "SELECT path FROM files WHERE path = ? OR substr(path, 1, ?) = ? ORDER BY path",
                (path, len(prefix), prefix))]

    def records(self) -> list[FileRecord]:
        with self.lock:
            rows = self.db.execute(
                "SELECT path, sha256, title, org, period, kind, chunks, ingested_at FROM files ORDER BY path").fetchall()
        return [FileRecord(*row) for row in rows]

    def count(self) -> int:
        with self.lock:
            return int(self.db.execute("SELECT count(*) FROM chunks").fetchone()[0])

    def counts_by(self, column: str) -> dict[str, int]:
        assert column in FILTER_KEYS  # column names cannot be bound as parameters
        with self.lock:
            rows = self.db.execute(f"SELECT {column}, count(*) FROM chunks GROUP BY {column} ORDER BY 2 DESC")
            return {str(key): count for key, count in rows}

    def chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        found: dict[str, StoredChunk] = {}
        with self.lock:
            for start in range(0, len(ids), 500):
                batch = ids[start:start + 500]
                marks = ",".join("?" * len(batch))
                for row in self.db.execute(f"SELECT id, text, metadata FROM chunks WHERE id IN ({marks})", batch):
                    found[row[0]] = StoredChunk(row[0], row[1], json.loads(row[2]))
        return found

    def all_chunks(self) -> Iterator[StoredChunk]:
        with self.lock:
            rows = self.db.execute("SELECT id, text, metadata FROM chunks ORDER BY path, position").fetchall()
        for row in rows:
            yield StoredChunk(row[0], row[1], json.loads(row[2]))

    def index_rows(self) -> tuple[list[str], list[list[str]], dict[str, list[Any]]]:
        with self.lock:
            rows = self.db.execute(
                "SELECT id, tokens, role, org, period, kind, year FROM chunks ORDER BY path, position").fetchall()
        ids = [row[0] for row in rows]
        tokens = [row[1].split() for row in rows]
        columns = {key: [row[2 + i] for row in rows] for i, key in enumerate(FILTER_KEYS)}
        return ids, tokens, columns

    @property
    def lexical_dirty(self) -> bool:
        with self.lock:
            row = self.db.execute("SELECT value FROM state WHERE key = 'lexical_dirty'").fetchone()
        return bool(row and row[0] == "1")

    def mark_lexical_clean(self) -> None:
        with self.lock:
            self.db.execute("INSERT OR REPLACE INTO state VALUES ('lexical_dirty', '0')")

    def close(self) -> None:
        with self.lock:
            self.db.close()


# --- the store ------------------------------------------------------------------------------


class ReportStore:
    """Ingest, list and remove past reports; hands the Chroma collection and BM25 index to search."""

    def __init__(self, settings: Settings | None = None, embeddings: Embeddings | None = None) -> None:
        self.settings = settings or get_settings()
        self._embeddings = embeddings
        self.model = model_name_of(embeddings) if embeddings is not None else self.settings.embedding
        self.lexical_dir = self.settings.lexical_dir / self.target_name()
        self.catalog = Catalog(self.lexical_dir / "catalog.sqlite3")
        self._client: Any = None
        self._collection: Any = None
        self._lexical: LexicalIndex | None = None
        self._lexical_loaded = False

    # --- connections -----------------------------------------------------------------------

    def target_name(self) -> str:
        """Local and server stores keep separate catalogues, so switching never mixes them."""
        name = self.settings.collection
        if self.settings.chroma_url:
            url = urlparse(self.settings.chroma_url)
            name += f"@{url.hostname}_{url.port or (443 if url.scheme == 'https' else 8000)}"
        return name

    @property
    def location(self) -> str:
        return self.settings.chroma_url or str(self.settings.chroma_dir)

    @property
    def embeddings(self) -> Embeddings:
        if self._embeddings is None:
            self._embeddings = make_embeddings(self.settings)
        return self._embeddings

    @property
    def client(self) -> Any:
        if self._client is None:
            self._client = open_chroma(self.settings)
        return self._client

    def collection(self) -> Any:
        """The Chroma collection, created (recording the embedding model) on first use."""
        if self._collection is None:
            function = ChromaEmbedding(self._embeddings, model=self.model)
            try:
                self._collection = self.client.get_or_create_collection(
                    self.settings.collection, embedding_function=function,
                    metadata={"embedding_model": self.model, "created_by": "drafter"},
                    configuration={"hnsw": {"space": "cosine"}})
            except DrafterError:
                raise
            except Exception as error:
                raise StoreError(f"无法打开向量库集合“{self.settings.collection}”（{self.location}）：{error}") from error
        return self._collection

    def stored_model(self) -> str:
        return str((self.collection().metadata or {}).get("embedding_model", ""))

    def check_model(self) -> None:
        """Vectors from two models are not comparable: refuse rather than mix them."""
        stored = self.stored_model()
        if stored == self.model:
            return
        if not stored or self.collection().count() == 0:
            self.collection().modify(metadata={"embedding_model": self.model, "created_by": "drafter"})
            return
        raise StoreError(
            f"向量库是用向量模型“{stored}”建立的，当前设置为“{self.model}”，两者不能混用。"
            f"请运行 `drafter corpus reindex` 用当前模型重建索引，或把 DRAFTER_EMBEDDING 改回 {stored}。")

    @property
    def lexical(self) -> LexicalIndex:
        if not self._lexical_loaded or self.catalog.lexical_dirty:
            if self.catalog.lexical_dirty:
                self.rebuild_lexical()
            else:
                self._lexical = LexicalIndex.load(self.lexical_dir / "bm25") or LexicalIndex()
                self._lexical_loaded = True
        return self._lexical or LexicalIndex()

    def rebuild_lexical(self) -> float:
        """Rebuild BM25 from the catalogue's tokens; returns the seconds it took."""
        started = time.perf_counter()
        ids, tokens, columns = self.catalog.index_rows()
        index = LexicalIndex.build(ids, tokens, columns)
        index.save(self.lexical_dir / "bm25")
        self.catalog.mark_lexical_clean()
        self._lexical, self._lexical_loaded = index, True
        return time.perf_counter() - started

    # --- ingest ----------------------------------------------------------------------------

    def ingest(self, paths: Iterable[str | Path] | str | Path, org: str | None = None, period: str | None = None,
               progress: bool = True) -> IngestSummary:
        """Add new and changed reports; unchanged files are skipped without re-embedding."""
        started = time.perf_counter()
        summary = IngestSummary()
        period_override = parse_period(period) if period else None
        options = json.dumps({"org": org or "", "period": str(period_override or "")}, ensure_ascii=False)
        known = self.catalog.file_signatures()
        plans: list[FilePlan] = []
        for path in expand_paths(paths, summary):
            key = str(path)
            try:
                digest = file_digest(path)
                if known.get(key) == (digest, options):
                    summary.skipped += 1
                    continue
                plans.append(self.plan_file(path, digest, options, org, period_override, key not in known))
            except DrafterError as error:
                summary.errors.append(FileError(key, str(error)))
            except Exception as error:  # a parser bug on one odd file must not stop the others
                summary.errors.append(FileError(key, f"无法解析（{type(error).__name__}: {error}）"))
        if plans:
            self.check_model()
            self.write_plans(plans, summary, progress)
            self.rebuild_lexical()
        summary.seconds = time.perf_counter() - started
        return summary

    def plan_file(self, path: Path, digest: str, options: str, org: str | None, period: Period | None,
                  is_new: bool) -> FilePlan:
        report = parse_file(path)
        kind = detect_kind(report)
        assign_roles(report, kind)
        found_period = period or detect_period(report.title, path.stem, report.source)
        found_org = org or detect_org(report.title)
        chunks = chunk_report(report)
        if not chunks:
            raise StoreError(f"{path.name} 中没有可入库的正文。")
        key = str(path)
        stored: list[StoredChunk] = []
        tokens: dict[str, list[str]] = {}
        seen: Counter[str] = Counter()
        for chunk in chunks:
            seen[chunk.text] += 1
            chunk_id = chunk_id_of(key, chunk.text, seen[chunk.text])
            stored.append(StoredChunk(chunk_id, chunk.text, chunk_metadata(
                chunk, key, path.name, report.title, found_org, found_period, kind)))
            tokens[chunk_id] = tokenize(chunk.section + "\n" + chunk.text if chunk.item else chunk.text)
        record = FileRecord(key, digest, report.title, found_org, str(found_period), kind, len(stored),
                            time.strftime("%Y-%m-%d %H:%M:%S"))
        return FilePlan(key, digest, options, record, stored, tokens, self.catalog.chunk_ids(key), is_new)

    def write_plans(self, plans: list[FilePlan], summary: IngestSummary, progress: bool) -> None:
        from tqdm import tqdm

        total = sum(len(self.new_chunks(plan)) for plan in plans)
        with tqdm(total=total, desc="嵌入", unit="段", disable=not progress or total == 0, leave=False) as bar:
            for group in self.groups(plans):
                # Small files are embedded together: full batches keep the engine busy.
                try:
                    vectors = self.embed([c for plan in group for c in self.new_chunks(plan)], bar)
                except Exception:  # find out which file fails: embed each on its own below
                    vectors = {}
                for plan in group:
                    self.write_one(plan, vectors, summary, bar)

    def write_one(self, plan: FilePlan, vectors: dict[str, list[float]], summary: IngestSummary, bar: Any) -> None:
        try:
            summary.chunks_embedded += self.write_file(plan, vectors, bar)
        except DrafterError as error:
            summary.errors.append(FileError(plan.path, str(error)))
            return
        except Exception as error:
            summary.errors.append(FileError(plan.path, f"写入向量库失败（{type(error).__name__}: {error}），该文件已回滚。"))
            return
        if plan.is_new:
            summary.added += 1
        else:
            summary.updated += 1

    @staticmethod
    def new_chunks(plan: FilePlan) -> list[StoredChunk]:
        return [c for c in plan.chunks if c.id not in plan.old_ids]

    def groups(self, plans: list[FilePlan]) -> Iterator[list[FilePlan]]:
        group: list[FilePlan] = []
        size = 0
        for plan in plans:
            group.append(plan)
            size += len(self.new_chunks(plan))
            if size >= EMBED_GROUP:
                yield group
                group, size = [], 0
        if group:
            yield group

    def embed(self, chunks: list[StoredChunk], bar: Any) -> dict[str, list[float]]:
        vectors: dict[str, list[float]] = {}
        for start in range(0, len(chunks), EMBED_BATCH):
            batch = chunks[start:start + EMBED_BATCH]
            for chunk, vector in zip(batch, self.embeddings.embed_documents([c.text for c in batch]), strict=True):
                vectors[chunk.id] = vector
            bar.update(len(batch))
        return vectors

    def write_file(self, plan: FilePlan, vectors: dict[str, list[float]], bar: Any) -> int:
        """Vectors first, then the catalogue in one transaction; on failure undo this file's new vectors."""
        collection = self.collection()
        new = self.new_chunks(plan)
        kept = [c for c in plan.chunks if c.id in plan.old_ids]
        stale = list(plan.old_ids - {c.id for c in plan.chunks})
        missing = [c for c in new if c.id not in vectors]
        if missing:
            vectors = {**vectors, **self.embed(missing, bar)}
        added: list[str] = []
        try:
            for start in range(0, len(new), CHROMA_BATCH):
                batch = new[start:start + CHROMA_BATCH]
                collection.upsert(ids=[c.id for c in batch], embeddings=[vectors[c.id] for c in batch],
                                  documents=[c.text for c in batch], metadatas=[c.metadata for c in batch])
                added += [c.id for c in batch]
            self.catalog.replace_file(plan)
        except BaseException:
            if added:
                collection.delete(ids=added)
            raise
        # Unchanged chunks keep their vectors; only offsets/order (or --org/--period) may differ.
        for start in range(0, len(kept), CHROMA_BATCH):
            batch = kept[start:start + CHROMA_BATCH]
            collection.update(ids=[c.id for c in batch], metadatas=[c.metadata for c in batch])
        for start in range(0, len(stale), CHROMA_BATCH):
            collection.delete(ids=stale[start:start + CHROMA_BATCH])
        return len(new)

    # --- maintenance -----------------------------------------------------------------------

    def remove(self, path: str | Path) -> int:
        """Remove a file (or every file under a folder) from the store; returns the number of files."""
        key = str(Path(path).expanduser().resolve())
        paths = self.catalog.paths_under(key)
        if not paths:
            raise StoreError(f"语料库中没有 {path}。用 `drafter corpus list` 查看已入库的文件。")
        ids = [chunk_id for p in paths for chunk_id in self.catalog.chunk_ids(p)]
        collection = self.collection()
        for start in range(0, len(ids), CHROMA_BATCH):
            collection.delete(ids=ids[start:start + CHROMA_BATCH])
        self.catalog.delete_files(paths)
        self.rebuild_lexical()
        return len(paths)

    def reindex(self, progress: bool = True) -> int:
        """Re-embed every stored chunk with the current model (after changing DRAFTER_EMBEDDING)."""
        chunks = list(self.catalog.all_chunks())
        try:
            self.client.delete_collection(self.settings.collection)
        except Exception:  # absent already: nothing to drop
            pass
        self._collection = None
        collection = self.collection()
        from tqdm import tqdm

        with tqdm(total=len(chunks), desc="重建索引", unit="段", disable=not progress or not chunks, leave=False) as bar:
            for start in range(0, len(chunks), EMBED_BATCH):
                batch = chunks[start:start + EMBED_BATCH]
                vectors = self.embeddings.embed_documents([c.text for c in batch])
                collection.upsert(ids=[c.id for c in batch], embeddings=vectors,
                                  documents=[c.text for c in batch], metadatas=[c.metadata for c in batch])
                bar.update(len(batch))
        self.rebuild_lexical()
        return len(chunks)

    def files(self) -> list[FileRecord]:
        return self.catalog.records()

    def count(self) -> int:
        return self.catalog.count()

    def stats(self) -> StoreStats:
        return StoreStats(
            files=len(self.catalog.records()), chunks=self.count(), embedding_model=self.model, location=self.location,
            by_role=self.catalog.counts_by("role"), by_kind=self.catalog.counts_by("kind"),
            by_org=self.catalog.counts_by("org"), by_period=self.catalog.counts_by("period"))

    def chunks(self, ids: list[str]) -> dict[str, StoredChunk]:
        return self.catalog.chunks(ids)

    def close(self) -> None:
        self.catalog.close()


# --- helpers --------------------------------------------------------------------------------


def open_chroma(settings: Settings) -> Any:
    import chromadb
    from chromadb.config import Settings as ChromaSettings

    chroma_settings = ChromaSettings(anonymized_telemetry=False)
    if settings.chroma_url:
        url = urlparse(settings.chroma_url)
        if url.scheme not in ("http", "https") or not url.hostname:
            raise StoreError(f"Chroma 服务地址“{settings.chroma_url}”无效，应形如 http://127.0.0.1:8000。")
        try:
            client = chromadb.HttpClient(host=url.hostname, port=url.port or (443 if url.scheme == "https" else 8000),
                                         ssl=url.scheme == "https", settings=chroma_settings)
            client.heartbeat()
        except Exception as error:
            raise StoreError(f"无法连接 Chroma 服务 {settings.chroma_url}：{error}。请确认服务已启动（chroma run --port …），"
                             "或取消 DRAFTER_CHROMA_URL 改用本地向量库。") from error
        return client
    settings.chroma_dir.mkdir(parents=True, exist_ok=True)
    try:
        return chromadb.PersistentClient(path=str(settings.chroma_dir), settings=chroma_settings)
    except Exception as error:
        raise StoreError(f"无法打开本地向量库 {settings.chroma_dir}：{error}") from error


def expand_paths(paths: Iterable[str | Path] | str | Path, summary: IngestSummary) -> Iterator[Path]:
    """Files as given, folders recursively (.txt/.md/.docx only); missing paths become errors."""
    if isinstance(paths, (str, Path)):
        paths = [paths]
    for given in paths:
        path = Path(given).expanduser().resolve()
        if path.is_dir():
            for found in sorted(path.rglob("*")):
                # Hidden files, Word lock files (~$) and a folder's README are not reports.
                if (found.is_file() and found.suffix.lower() in SUFFIXES
                        and not found.name.startswith((".", "~$")) and not found.stem.upper().startswith("README")):
                    yield found
        elif path.is_file():
            if path.suffix.lower() in SUFFIXES:
                yield path
            else:
                summary.errors.append(FileError(str(path), f"不支持的文件类型“{path.suffix}”，只能导入 .txt、.md、.docx。"))
        else:
            summary.errors.append(FileError(str(path), "找不到该文件或文件夹。"))


def file_digest(path: Path) -> str:
    size = path.stat().st_size
    if size > MAX_BYTES:  # let the reader explain; do not hash a huge file first
        parse_file(path)
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def chunk_id_of(path: str, text: str, occurrence: int) -> str:
    return hashlib.sha256(f"{path}\0{text}\0{occurrence}".encode()).hexdigest()[:32]


def chunk_metadata(chunk: Chunk, path: str, name: str, title: str, org: str, period: Period, kind: str) -> dict[str, Any]:
    # Chroma metadata values must be str/int/float/bool: unknowns are "" or 0, never None.
    return {
        "source": path, "file": name, "title": title, "org": org, "period": str(period), "year": period.year,
        "half": period.half, "kind": kind, "role": chunk.role, "part": chunk.part, "section": chunk.section,
        "item": chunk.item, "chunk": chunk.index, "start": chunk.start, "end": chunk.end,
    }
