"""Shared pydantic models: the contracts between knowledge, ingestion, retrieval, rules and chat.

Split by concern; everything is re-exported here so callers import from `assistant.contracts`.
"""

from assistant.contracts.knowledge import (
    Chunk,
    IndexManifest,
    Lang,
    Passage,
    Source,
    SourceType,
)

__all__ = ["Chunk", "IndexManifest", "Lang", "Passage", "Source", "SourceType"]
