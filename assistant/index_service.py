"""Index management for the service: one build at a time, recovery under the lock, a stale
index kept answering when its rebuild fails, and store faults turned into clear errors.

`IndexMixin` is part of `Assistant` (assistant/service.py); it uses the service's client,
embeddings and settings.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from assistant.contracts import IndexManifest
from assistant.errors import IndexBuildError, StoreUnavailableError, UserFacingError

if TYPE_CHECKING:
    from langchain_core.embeddings import Embeddings

    from assistant.retrieval import HybridRetriever
    from assistant.settings import Settings
    from ingest.build import Progress

T = TypeVar("T")
log = logging.getLogger("assistant.service")
RETRY_BUILD_S = 300.0  # after a failed automatic rebuild, the old index answers this long


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


class IndexMixin:
    """Index building, recovery and fault handling (mixed into `Assistant`)."""

    settings: Settings
    index_warning: str | None
    _client: Any
    _retriever: HybridRetriever | None
    _lock: threading.RLock
    _retry_build_after: float
    _build_progress: Progress | None

    def client(self) -> Any:  # pragma: no cover - provided by Assistant
        raise NotImplementedError

    def embeddings(self) -> Embeddings:  # pragma: no cover - provided by Assistant
        raise NotImplementedError

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
                manifest = self._build([], progress or self._build_progress)
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

        if progress:
            progress(0, 0)  # announce the build before the model loads
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
