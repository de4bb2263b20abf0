"""The one entry point that the CLI, the app and the evals call.

`Assistant` owns the heavy objects (embedding model, store client, retriever) for one process
and loads each lazily, once.
"""

from __future__ import annotations

import fcntl
import logging
import threading
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar, cast

from assistant.contracts import (
    Answer,
    IndexManifest,
    Lang,
    Passage,
    PatientCase,
    Plan,
    Source,
)
from assistant.errors import IndexBusyError, StoreUnavailableError, UserFacingError
from assistant.language import detect_language
from assistant.retrieval import HybridRetriever, Kind, Mode
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.chat import Conversation
    from assistant.chat.evidence import SectionLookup
    from assistant.chat.knowledge import ChatBook
    from assistant.chat.lexicon import Lexicon
    from assistant.education import Handout, HandoutBook
    from assistant.ports import Embedder
    from assistant.rules.book import RuleBook
    from ingest.build import Progress


T = TypeVar("T")
log = logging.getLogger(__name__)

FONTS = (
    Path("/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/dejavu/DejaVuSans.ttf"),
    Path("/usr/share/fonts/TTF/DejaVuSans.ttf"),
)


@dataclass(frozen=True)
class IndexStatus:
    """Whether the active index matches the current knowledge and settings."""

    manifest: IndexManifest | None
    expected_fingerprint: str
    knowledge_version: str

    @property
    def fresh(self) -> bool:
        """True when an index exists and was built from the current knowledge and settings."""
        return self.manifest is not None and self.manifest.fingerprint == self.expected_fingerprint


class Assistant:
    """Service facade: index management and search (chat and plans build on it)."""

    def __init__(self, settings: Settings, build_progress: Progress | None = None) -> None:
        self.settings = settings
        self._build_progress = build_progress  # told about builds that queries start
        self._embeddings: Embeddings | None = None
        self._query_embeddings: Embedder | None = None
        self._client: Any = None
        self._retriever: HybridRetriever | None = None
        self._retriever_index: str | None = None
        self._chatbook: ChatBook | None = None
        self._lexicon: Lexicon | None = None
        self._generator: Any = None
        self._lock = threading.RLock()  # app sessions share one service across threads

    # -- rule core -----------------------------------------------------------------------
    def rulebook(self) -> RuleBook:
        """The validated rule tables, loaded once per knowledge version."""
        from assistant.knowledge import knowledge_version
        from assistant.rulebook import cached_rulebook

        directory = self.settings.knowledge_dir.resolve()
        return cached_rulebook(directory, knowledge_version(directory))

    def plan(self, case: PatientCase, today: date) -> Plan:
        """The rule core's plan for a case on `today` (no index or model needed)."""
        from assistant.rules import build_plan

        return build_plan(case, self.rulebook(), today, self.settings.rules)

    # -- handouts ------------------------------------------------------------------------
    def handout(self, case: PatientCase, lang: Lang, today: date) -> tuple[Handout, HandoutBook]:
        """The patient handout for a case, with the wording it was built from."""
        from assistant.education import build_handout
        from assistant.knowledge import load_handout_book, load_sources

        book = load_handout_book(self.settings.knowledge_dir)
        plan = self.plan(case, today)
        return build_handout(plan, book, load_sources(self.settings.knowledge_dir), lang), book

    def font(self) -> Path:
        """A Unicode TTF for PDFs: POEMS_FONT_PATH, else DejaVu Sans from the system."""
        candidates = [self.settings.font_path] if self.settings.font_path else list(FONTS)
        for path in candidates:
            if path is not None and path.exists():
                return path
        raise UserFacingError(
            "no Unicode font found for the PDF handout",
            "install Debian's fonts-dejavu-core, or set POEMS_FONT_PATH to a .ttf file",
        )

    # -- chat ----------------------------------------------------------------------------
    def _section_ids(self) -> set[str]:
        from assistant.knowledge import guideline_files
        from ingest.chunking import parse_markdown

        files = guideline_files(self.settings.knowledge_dir)
        return {s.section_id for f in files for s in parse_markdown(f.text, f.topic)[1]}

    def chatbook(self) -> ChatBook:
        """Chat wording, field labels and the broad answer's layout (loaded once)."""
        if self._chatbook is None:  # idempotent: a race loads the same files twice
            from assistant.chat.knowledge import load_chatbook

            self._chatbook = load_chatbook(self.settings.knowledge_dir, self._section_ids())
        return self._chatbook

    def lexicon(self) -> Lexicon:
        """Topic lexicon and scope words (loaded once; no index needed)."""
        if self._lexicon is None:
            from assistant.chat.lexicon import load_lexicon

            self._lexicon = load_lexicon(self.settings.knowledge_dir, self._section_ids())
        return self._lexicon

    def section_lookup(self) -> SectionLookup:
        """Guideline chunks by (language, section id) from the active index."""
        return self.retriever().section

    def stamp(self) -> dict[str, str]:
        """Versions stamped on every answer."""
        manifest = self.ensure_index()
        return {
            "knowledge_version": manifest.knowledge_version,
            "index_id": manifest.index_id,
            "settings_fingerprint": self.settings.fingerprint(),
        }

    def light_stamp(self) -> dict[str, str]:
        """Versions for answers that need no index (refusals): never opens the store."""
        from assistant.knowledge import knowledge_version

        return {
            "knowledge_version": knowledge_version(self.settings.knowledge_dir.resolve()),
            "settings_fingerprint": self.settings.fingerprint(),
        }

    def chat(
        self, conversation: Conversation, message: str, today: date | None = None
    ) -> tuple[Answer, Conversation]:
        """One conversation turn: the answer and the next conversation state."""
        from assistant.chat import respond

        answer, nxt = respond(conversation, message, self, today or date.today())
        return self._rephrase(answer), nxt

    def ask(
        self,
        question: str,
        case: PatientCase | None = None,
        lang: Lang | None = None,
        audience: Literal["clinician", "patient"] = "clinician",
        today: date | None = None,
    ) -> Answer:
        """A single question, optionally about a case, in `lang` (None: the question's)."""
        from assistant.chat import Conversation

        conv = Conversation(case=case, forced_lang=lang, audience=audience)
        return self.chat(conv, question, today)[0]

    def _rephrase(self, answer: Answer) -> Answer:
        if not self.settings.llm or answer.refused:
            return answer
        from assistant.generate import load_generator, rephrase

        if self._generator is None:
            self._generator = load_generator(self.settings.llm)
        return rephrase(answer, self._generator)

    # -- heavy objects -------------------------------------------------------------------
    def embeddings(self) -> Embeddings:
        """The embedding model, loaded once by path, offline."""
        with self._lock:
            if self._embeddings is None:
                from assistant.adapters.st_embedder import load_embeddings

                self._embeddings = load_embeddings(self.settings.model_path)
            return self._embeddings

    def query_embeddings(self) -> Embedder:
        """The query embedder: the same model through ONNX Runtime (no torch import)."""
        with self._lock:
            if self._query_embeddings is None:
                from assistant.adapters.onnx_embedder import load_onnx_embedder

                self._query_embeddings = load_onnx_embedder(
                    self.settings.model_path, self.settings.home
                )
            return self._query_embeddings

    def client(self) -> Any:
        """The Chroma client (embedded or server)."""
        with self._lock:
            if self._client is None:
                from assistant.adapters.chroma_store import make_client

                self._client = make_client(self.settings)
            return self._client

    # -- index ---------------------------------------------------------------------------
    def status(self) -> IndexStatus:
        """Active manifest and the fingerprint it should have."""
        from assistant.adapters.chroma_store import read_manifest
        from ingest.build import expected_fingerprint

        fingerprint, version = expected_fingerprint(self.settings)
        snapshot = self._snapshot()
        if snapshot is not None and snapshot.manifest.fingerprint == fingerprint:
            return IndexStatus(snapshot.manifest, fingerprint, version)
        return IndexStatus(read_manifest(self.client()), fingerprint, version)

    def _snapshot(self) -> Any:
        """The embedded store's read-side copy (None in server mode or when absent)."""
        if self.settings.chroma_url:
            return None
        from assistant.adapters.vector_snapshot import read_snapshot, snapshot_path

        return read_snapshot(snapshot_path(self.settings.home))

    def ensure_index(self, progress: Progress | None = None) -> IndexManifest:
        """The active index, built first if it is missing or stale; recovers a broken store."""
        return self._guarded(lambda: self._ensure_index(progress))

    def _ensure_index(self, progress: Progress | None) -> IndexManifest:
        store = self.settings.home / "chroma" / "chroma.sqlite3"
        if not self.settings.chroma_url and self._client is not None and not store.exists():
            log.warning("the index folder disappeared; rebuilding it")
            self._reset_store()
        status = self.status()
        if status.fresh and status.manifest is not None:
            return status.manifest
        with self._build_lock():
            status = self.status()  # another process may have built it while we waited
            if status.fresh and status.manifest is not None:
                return status.manifest
            return self._build([], progress or self._build_progress)

    def index(
        self, paths: Sequence[Path] = (), rebuild: bool = False, progress: Progress | None = None
    ) -> IndexManifest:
        """Add documents and/or refresh the index; nothing changes unless the build completes."""
        from ingest.library import commit_documents
        from ingest.loaders import load_document

        new_docs = [load_document(p, self.settings.index.max_file_mb) for p in paths]
        with self._build_lock():
            status = self.status()
            known = {s.id for s in (status.manifest.user_sources if status.manifest else ())}
            fresh_docs = [d for d in new_docs if d.source_id not in known]
            if status.fresh and status.manifest is not None and not rebuild and not fresh_docs:
                return status.manifest
            manifest = self._build(new_docs, progress)
            commit_documents(self.settings.home, new_docs)
            return manifest

    def _build(self, new_docs: list[Any], progress: Progress | None) -> IndexManifest:
        from ingest.build import build_index
        from ingest.library import load_library

        if progress:
            progress(0, 0)  # announce the build before the model loads
        docs = load_library(self.settings.home, self.settings.index.max_file_mb)
        have = {d.source_id for d in docs}
        for doc in new_docs:
            if doc.source_id not in have:
                docs.append(doc)
                have.add(doc.source_id)
        manifest = build_index(self.client(), self.embeddings(), self.settings, docs, progress)
        self._retriever = None
        self._write_query_files(manifest)
        return manifest

    def _write_query_files(self, manifest: IndexManifest) -> None:
        """Export the ONNX query model and copy the embedded index for torch-free queries."""
        from assistant.adapters.onnx_embedder import ensure_onnx_model
        from assistant.adapters.st_embedder import resolve_model_path

        ensure_onnx_model(resolve_model_path(self.settings.model_path), self.settings.home)
        if not self.settings.chroma_url:
            from assistant.adapters.vector_snapshot import snapshot_path, write_snapshot

            write_snapshot(self.client(), manifest, snapshot_path(self.settings.home))

    @contextmanager
    def _build_lock(self) -> Iterator[None]:
        """One build at a time per POEMS_HOME; a second caller waits up to 10 minutes."""
        self.settings.home.mkdir(parents=True, exist_ok=True)
        path = self.settings.home / "build.lock"
        with path.open("w") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX)
            except OSError as exc:  # pragma: no cover - depends on the file system
                raise IndexBusyError(
                    "another index build holds the lock", "wait for it to finish and retry"
                ) from exc
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)

    def sources(self) -> dict[str, Source]:
        """Every citable source: knowledge/sources.toml plus the indexed user documents."""
        from assistant.knowledge import load_sources

        found = dict(load_sources(self.settings.knowledge_dir))
        manifest = self.status().manifest
        for src in manifest.user_sources if manifest else ():
            found[src.id] = src
        return found

    # -- search --------------------------------------------------------------------------
    def retriever(self) -> HybridRetriever:
        """Hybrid retriever over the active index (rebuilt when the index changes)."""
        manifest = self.ensure_index()
        with self._lock:
            return self._current_retriever(manifest)

    def _current_retriever(self, manifest: IndexManifest) -> HybridRetriever:
        if self._retriever is None or self._retriever_index != manifest.index_id:
            self._retriever = self._open_retriever(manifest)
            self._retriever_index = manifest.index_id
        return self._retriever

    def _open_retriever(self, manifest: IndexManifest) -> HybridRetriever:
        """From the snapshot when it matches (no chromadb import), else from Chroma."""
        from assistant.adapters.vector_snapshot import SnapshotDense

        snapshot = self._snapshot()
        if self.settings.chroma_url is None and (
            snapshot is None or snapshot.manifest.index_id != manifest.index_id
        ):
            self._write_query_files(manifest)  # an index built before snapshots existed
            snapshot = self._snapshot()
        if snapshot is None or snapshot.manifest.index_id != manifest.index_id:
            return self._chroma_retriever(manifest)
        dense = SnapshotDense(snapshot, self.query_embeddings())
        return HybridRetriever(snapshot.chunks, dense, self.settings.retrieval)

    def _chroma_retriever(self, manifest: IndexManifest) -> HybridRetriever:
        from assistant.adapters import chroma_store

        client = self.client()
        chunks = chroma_store.read_chunks(client, manifest.collection)
        query = cast("Embeddings", self.query_embeddings())  # duck-typed: embed_query only
        store = chroma_store.vectorstore(client, manifest.collection, query)
        return HybridRetriever(chunks, chroma_store.ChromaDense(store), self.settings.retrieval)

    def search(
        self,
        query: str,
        k: int | None = None,
        lang: Lang | None = None,
        mode: Mode = "hybrid",
        kind: Kind | None = None,
    ) -> list[Passage]:
        """Top passages for a query, in its language unless `lang` is given."""
        lang = lang or detect_language(query)
        size = k or self.settings.retrieval.k
        return self._guarded(lambda: self.retriever().search(query, lang, size, mode, kind))

    # -- faults --------------------------------------------------------------------------
    def _guarded(self, action: Callable[[], T]) -> T:
        """Run a store operation; on a store fault, recover once (embedded) or say how to fix."""
        try:
            return action()
        except UserFacingError:
            raise
        except Exception as exc:
            if self.settings.chroma_url:
                self._reset_store()
                raise StoreUnavailableError(
                    f"the Chroma server at {self.settings.chroma_url} stopped answering",
                    "restart `chroma run` (the next request reconnects), or unset "
                    "POEMS_CHROMA_URL to use the embedded store",
                ) from exc
            log.warning("index store failed (%s); rebuilding it", type(exc).__name__)
            self._quarantine_store()
            try:
                return action()
            except UserFacingError:
                raise
            except Exception as again:
                raise StoreUnavailableError(
                    f"the index under {self.settings.home} cannot be used or rebuilt",
                    "run `poems index --rebuild`, or delete that folder and retry",
                ) from again

    def _reset_store(self) -> None:
        with self._lock:
            self._client = None
            self._retriever = None
            try:
                from chromadb.api.shared_system_client import SharedSystemClient

                SharedSystemClient.clear_system_cache()
            except ImportError:  # pragma: no cover - older chromadb layout
                pass

    def _quarantine_store(self) -> None:
        """Move a broken embedded store aside (kept for inspection) and forget the client."""
        self._reset_store()
        folder = self.settings.home / "chroma"
        if folder.exists():
            n = 1
            while (aside := folder.with_name(f"chroma.broken-{n}")).exists():
                n += 1
            folder.rename(aside)
