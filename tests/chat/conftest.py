"""Chat tests run on the in-memory fake engine (bundled guideline, BM25 only)."""

from __future__ import annotations

import pytest

from tests.fakes import FakeChatEngine


@pytest.fixture(scope="session")
def engine() -> FakeChatEngine:
    """One fake engine for the session (read-only)."""
    return FakeChatEngine()
