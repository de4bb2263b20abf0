"""Deterministic fakes implementing the ports (no model, no store)."""

from __future__ import annotations

import hashlib
import math
import re
from collections.abc import Sequence
from datetime import date
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from assistant.chat.evidence import SectionLookup
    from assistant.chat.knowledge import ChatBook
    from assistant.chat.lexicon import Lexicon
    from assistant.contracts import Chunk, Passage, PatientCase, Plan
    from assistant.rules.book import RuleBook


class FakeEmbedder:
    """Hashed bag-of-words vectors: same text, same vector; shared words, closer vectors."""

    def __init__(self, dim: int = 64) -> None:
        self.dim = dim

    def _vec(self, text: str) -> list[float]:
        vec = [0.0] * self.dim
        for word in re.findall(r"\w+", text.lower()):
            vec[int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dim] += 1.0
        norm = math.sqrt(sum(v * v for v in vec)) or 1.0
        return [v / norm for v in vec]

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [self._vec(t) for t in texts]

    def embed_query(self, text: str) -> list[float]:
        return self._vec(text)


class ListDense:
    """DenseIndex returning a fixed ranking, recording the queries it saw."""

    def __init__(self, ranking: list[str]) -> None:
        self.ranking = ranking
        self.queries: list[str] = []

    def nearest(self, query: str, n: int, kind: str | None = None) -> list[str]:
        self.queries.append(query)
        return self.ranking[:n]


def user_chunk(chunk_id: str, text: str, title: str, section_id: str) -> Chunk:
    """One chunk of a document a user added (English)."""
    from assistant.contracts import Chunk

    return Chunk(
        chunk_id=chunk_id,
        text=text,
        source_id=f"user-{chunk_id}",
        title=title,
        section_id=section_id,
        heading=section_id.title(),
        lang="en",
        kind="user",
        version="x",
    )


class FakeChatEngine:
    """A ChatEngine over the bundled guideline kept in memory (BM25 only; no Chroma, no model).

    `searches` records every search, so a test can prove a refusal never searched. `knowledge`
    may point at a modified copy of the knowledge folder.
    """

    def __init__(self, knowledge: Path | None = None, user_chunks: Sequence[Chunk] = ()) -> None:
        from assistant.chat.knowledge import load_chatbook
        from assistant.chat.lexicon import load_lexicon
        from assistant.retrieval import HybridRetriever
        from assistant.rulebook import load_rulebook
        from assistant.settings import PROJECT_ROOT, RetrievalSettings, RulesSettings
        from ingest.corpus import guideline_chunks

        self.knowledge = knowledge or PROJECT_ROOT / "knowledge"
        chunks = guideline_chunks(self.knowledge, 1200) + list(user_chunks)
        ids = {c.section_id for c in chunks if c.kind == "guideline"}
        self._lexicon = load_lexicon(self.knowledge, ids)
        self._chatbook = load_chatbook(self.knowledge, ids)
        self._rulebook = load_rulebook(self.knowledge)
        self._rules = RulesSettings()
        self.retriever = HybridRetriever(chunks, None, RetrievalSettings())
        self.searches: list[str] = []

    def lexicon(self) -> Lexicon:
        return self._lexicon

    def chatbook(self) -> ChatBook:
        return self._chatbook

    def rulebook(self) -> RuleBook:
        return self._rulebook

    def section_lookup(self) -> SectionLookup:
        return self.retriever.section

    def search(
        self,
        query: str,
        k: int | None = None,
        lang: Any = None,
        mode: Any = "hybrid",
        kind: Any = None,
    ) -> list[Passage]:
        self.searches.append(query)
        return self.retriever.search(query, lang or "en", k or 5, "sparse", kind)

    def plan(self, case: PatientCase, today: date) -> Plan:
        from assistant.rules import build_plan

        return build_plan(case, self._rulebook, today, self._rules)

    def stamp(self) -> dict[str, str]:
        return {"knowledge_version": "test", "index_id": "fake"}

    def light_stamp(self) -> dict[str, str]:
        return {"knowledge_version": "test"}


class FakeGenerator:
    """A chat model double: `enqueue()` the replies, read the prompts back from `history`."""

    def __init__(self) -> None:
        self.replies: list[str] = []
        self.history: list[Any] = []

    def enqueue(self, *replies: str) -> FakeGenerator:
        self.replies.extend(replies)
        return self

    def invoke(self, prompt: Any) -> Any:
        self.history.append(prompt)
        if not self.replies:
            raise AssertionError("FakeGenerator: no reply enqueued")
        return SimpleNamespace(content=self.replies.pop(0))
