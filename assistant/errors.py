"""Error hierarchy: user-facing errors carry a message and a hint; the edges translate them."""

from __future__ import annotations


class AssistantError(Exception):
    """Base class for every error raised on purpose by the assistant."""


class UserFacingError(AssistantError):
    """An error the user can fix: a message saying what is wrong and a hint saying what to do."""

    def __init__(self, message: str, hint: str = "") -> None:
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


class KnowledgeError(UserFacingError):
    """The knowledge folder is malformed (missing source, bad rule, unknown marker)."""


class IndexBusyError(UserFacingError):
    """Another process is building the index."""


class StoreUnavailableError(UserFacingError):
    """The vector store (embedded folder or Chroma server) cannot be reached or read."""


class DocumentError(UserFacingError):
    """A document given for indexing cannot be used (missing, unsupported, corrupt, empty...)."""


class InputError(UserFacingError):
    """Patient or query input is invalid; `problems` holds one line per wrong field."""

    def __init__(self, message: str, hint: str = "", problems: tuple[str, ...] = ()) -> None:
        super().__init__(message, hint)
        self.problems = problems


class ModelUnavailableError(UserFacingError):
    """The local embedding model (or the optional language model) cannot be loaded."""


class IndexBuildError(UserFacingError):
    """An index build failed (disk full, unreadable document...); the old index is kept."""
