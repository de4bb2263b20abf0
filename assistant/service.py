"""The one entry point that the CLI, the app and the evals call.

`Assistant` owns the heavy objects (embedding model, store client, retriever) for one process
and loads each lazily, once.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from assistant.contracts import (
    Answer,
    IndexManifest,
    Lang,
    Passage,
    PatientCase,
    Plan,
    Source,
)
from assistant.errors import IndexBuildError, StoreUnavailableError, UserFacingError
from assistant.language import detect_language
from assistant.retrieval import HybridRetriever, Kind, Mode
from assistant.settings import Settings

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.answer import SectionLookup
    from assistant.chat import Conversation
    from assistant.chat_knowledge import ChatBook
    from assistant.education import Handout, HandoutBook
    from assistant.rules.book import RuleBook
    from ingest.build import Progress


T = TypeVar("T")
log = logging.getLogger(__name__)
RETRY_BUILD_S = 300.0  # after a failed automatic rebuild, the old index answers this long

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

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._embeddings: Embeddings | None = None
        self._client: Any = None
        self._retriever: HybridRetriever | None = None
        self._retriever_index: str | None = None
        self._chatbook: ChatBook | None = None
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
        return cached_rulebook(directory, knowledge_version(directory))

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
        candidates = [self.settings.font_path] if self.settings.font_path else list(FONTS)
        for path in candidates:
            if path is not None and path.exists():
                return path
        raise UserFacingError(
            "no Unicode font found for the PDF handout",
            "install Debian's fonts-dejavu-core, or set POEMS_FONT_PATH to a .ttf file",
        )

    # -- chat ----------------------------------------------------------------------------
    def chatbook(self) -> ChatBook:
        """Intents, overview composition and scope terms (loaded once)."""
        if self._chatbook is None:  # idempotent: a race loads the same file twice
            from assistant.chat_knowledge import load_chatbook
            from assistant.knowledge import guideline_files
            from ingest.chunking import parse_markdown

            files = guideline_files(self.settings.knowledge_dir)
            ids = {s.section_id for f in files for s in parse_markdown(f.text, f.topic)[1]}
            self._chatbook = load_chatbook(self.settings.knowledge_dir, ids)
        return self._chatbook

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
        return IndexStatus(read_manifest(self.client()), fingerprint, version)

    def ensure_index(self, progress: Progress | None = None) -> IndexManifest:
        """The active index, built first if it is missing or stale; recovers a broken store.

        A stale index whose rebuild fails keeps answering; `index_warning` says why.
        """
        return self._guarded(lambda: self._ensure_index(progress))

    def _ensure_index(self, progress: Progress | None) -> IndexManifest:
        status = self._quick_status()
        if status is not None and status.fresh and status.manifest is not None:
            return status.manifest
        with self._build_lock():  # taken before any recovery: one process repairs or builds
            status = self._open_status()
            if status.fresh and status.manifest is not None:
                return status.manifest  # another process built it while we waited
            if status.manifest is not None and time.monotonic() < self._retry_build_after:
                return status.manifest
            try:
                manifest = self._build([], progress)
            except Exception as exc:
                if status.manifest is None:
                    raise self._build_error(exc, None) from exc
                return self._keep_old(status.manifest, exc)
        self.index_warning = None
        return manifest

    def index(
        self, paths: Sequence[Path] = (), rebuild: bool = False, progress: Progress | None = None
    ) -> IndexManifest:
        """Add documents and/or refresh the index; nothing changes unless the build completes."""
        from ingest.loaders import load_document

        limits = self.settings.index
        docs = [load_document(p, limits.max_file_mb, max_pages=limits.max_pdf_pages) for p in paths]
        return self._guarded(lambda: self._index(docs, rebuild, progress))

    def _index(
        self, new_docs: list[Any], rebuild: bool, progress: Progress | None
    ) -> IndexManifest:
        with self._build_lock():
            status = self._open_status()
            known = {s.id for s in (status.manifest.user_sources if status.manifest else ())}
            fresh_docs = [d for d in new_docs if d.source_id not in known]
            if status.fresh and status.manifest is not None and not rebuild and not fresh_docs:
                return status.manifest
            try:
                manifest = self._build(fresh_docs, progress)
            except Exception as exc:
                raise self._build_error(exc, status.manifest) from exc
        self.index_warning = None
        return manifest

    def _build(self, new_docs: list[Any], progress: Progress | None) -> IndexManifest:
        """Build from the library plus `new_docs`, committed to the library before the switch."""
        from ingest.build import BuildHooks, build_index
        from ingest.library import commit_documents, load_library

        limits = self.settings.index
        docs = load_library(self.settings.home, limits.max_file_mb, limits.max_pdf_pages)
        have = {d.source_id for d in docs}
        added = [d for d in new_docs if d.source_id not in have]
        docs += list({d.source_id: d for d in added}.values())

        def commit() -> None:
            commit_documents(self.settings.home, added)

        hooks = BuildHooks(progress, commit)
        manifest = build_index(self.client(), self.embeddings(), self.settings, docs, hooks)
        self._retriever = None
        return manifest

    def _keep_old(self, manifest: IndexManifest, exc: Exception) -> IndexManifest:
        """A failed automatic rebuild: keep answering from the previous index and say why."""
        from ingest.failures import describe_failure, failure_hint

        reason = exc.message if isinstance(exc, UserFacingError) else describe_failure(exc)
        self.index_warning = (
            f"the index is out of date and rebuilding it failed ({reason}); answers come from "
            f"the previous index built {manifest.built_at}"
        )
        log.warning("%s. Hint: %s", self.index_warning, failure_hint(exc, self.settings.home))
        self._retry_build_after = time.monotonic() + RETRY_BUILD_S
        return manifest

    def _build_error(self, exc: Exception, old: IndexManifest | None) -> UserFacingError:
        from ingest.failures import describe_failure, failure_hint

        if isinstance(exc, UserFacingError):
            return exc
        kept = "; the previous index still answers" if old is not None else ""
        return IndexBuildError(
            f"the index build failed: {describe_failure(exc)}{kept}",
            failure_hint(exc, self.settings.home),
        )

    def _quick_status(self) -> IndexStatus | None:
        """Status without the lock; None when the store is missing or does not open."""
        store = self.settings.home / "chroma" / "chroma.sqlite3"
        if not self.settings.chroma_url and not store.exists():
            if self._client is not None:
                log.warning("the index folder disappeared; rebuilding it")
                self._reset_store()
            return None
        try:
            return self.status()
        except UserFacingError:
            raise
        except Exception:
            self._reset_store()
            return None

    def _open_status(self) -> IndexStatus:
        """Under the build lock: the status; an embedded store moves aside only if it won't open."""
        if not self.settings.chroma_url and not self._store_opens():
            self._reset_store()
            if not self._store_opens():
                self._quarantine_store()
        return self.status()

    def _store_opens(self) -> bool:
        from assistant.adapters.chroma_store import index_opens

        try:
            return index_opens(self.client())
        except UserFacingError:
            raise
        except Exception:
            return False

    def _build_lock(self) -> AbstractContextManager[None]:
        """One build (or recovery) at a time per POEMS_HOME; others wait with a message."""
        from ingest.lock import build_lock

        return build_lock(self.settings.home, self.settings.index.lock_timeout_s)

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
            from assistant.adapters import chroma_store

            client = self.client()
            chunks = chroma_store.read_chunks(client, manifest.collection)
            store = chroma_store.vectorstore(client, manifest.collection, self.embeddings())
            self._retriever = HybridRetriever(
                chunks, chroma_store.ChromaDense(store), self.settings.retrieval
            )
            self._retriever_index = manifest.index_id
        return self._retriever

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
        from ingest.failures import is_missing_collection

        try:
            return action()
        except UserFacingError:
            raise
        except Exception as exc:
            if is_missing_collection(exc):  # another process switched the index: read it again
                log.warning("the active index changed while it was read; reading it again")
                self._retriever = None
                return self._retry(action)
            if self.settings.chroma_url:
                self._reset_store()
                raise self._server_down() from exc
            log.warning("index store failed (%s); checking it", type(exc).__name__)
            with self._build_lock():
                self._reset_store()
                self._open_status()
            return self._retry(action)

    def _retry(self, action: Callable[[], T]) -> T:
        try:
            return action()
        except UserFacingError:
            raise
        except Exception as again:
            if self.settings.chroma_url:
                self._reset_store()
                raise self._server_down() from again
            raise StoreUnavailableError(
                f"the index under {self.settings.home} cannot be used or rebuilt",
                "run `poems index --rebuild`, or delete that folder and retry",
            ) from again

    def _server_down(self) -> StoreUnavailableError:
        return StoreUnavailableError(
            f"the Chroma server at {self.settings.chroma_url} stopped answering",
            "restart `chroma run` (the next request reconnects), or unset "
            "POEMS_CHROMA_URL to use the embedded store",
        )

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
