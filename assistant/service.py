"""The one entry point that the CLI, the app and the evals call.

`Assistant` owns the heavy objects (embedding model, store client, retriever) for one process
and loads each lazily, once.
"""

from __future__ import annotations

import logging
import threading
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
from assistant.errors import UserFacingError
from assistant.index_service import IndexMixin
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


class Assistant(IndexMixin):
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
        self._retry_build_after = 0.0
        self.index_warning: str | None = None  # why a stale index is still answering

    # -- rule core -----------------------------------------------------------------------
    def rulebook(self) -> RuleBook:
        """The validated rule tables, loaded once per knowledge version."""
        from assistant.knowledge import knowledge_version
        from assistant.rulebook import cached_rulebook

        directory = self.settings.knowledge_dir.resolve()
        return cached_rulebook(
            directory, knowledge_version(directory), self.settings.home / "cache"
        )

    def plan(self, case: PatientCase, today: date) -> Plan:
        """The rule core's plan for a case on `today` (no index or model needed).

        Implausible input is refused here, where `today` is known: a treatment start over 20
        years away, or an interval override for a monitoring code the tables do not have.
        """
        from assistant.case_io import check_plausible_dates
        from assistant.rules import build_plan

        check_plausible_dates(case, today)
        book = self.rulebook()
        self._check_overrides(book)
        return build_plan(case, book, today, self.settings.rules)

    def _check_overrides(self, book: RuleBook) -> None:
        from assistant.errors import InputError

        codes = {row.code for row in book.monitoring.items}
        unknown = sorted(set(self.settings.rules.interval_overrides) - codes)
        if unknown:
            raise InputError(
                f"POEMS_RULES__INTERVAL_OVERRIDES names unknown monitoring code(s): "
                f"{', '.join(unknown)}",
                f"use one of: {', '.join(sorted(codes))}",
            )

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
        from assistant.settings import is_font_file

        candidates = [self.settings.font_path] if self.settings.font_path else list(FONTS)
        for path in candidates:
            if path is not None and is_font_file(path):
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
        from assistant.settings import check_question_length

        check_question_length(message, self.settings)

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
            self._generator = load_generator(self.settings)
        return rephrase(answer, self._generator, self.settings)

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
