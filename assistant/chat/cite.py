"""Citations and the Markdown being built for one answer (pure)."""

from __future__ import annotations

from dataclasses import dataclass, field

from assistant.chat.evidence import SectionLookup
from assistant.contracts import Chunk, Citation, Lang, Wording
from assistant.render import Audience, say


@dataclass
class Citer:
    """Numbers passages in order of first use."""

    citations: list[Citation] = field(default_factory=list)

    def cite(self, chunk: Chunk) -> int:
        """The [n] of a chunk, adding it on first use."""
        for c in self.citations:
            if c.chunk_id == chunk.chunk_id:
                return c.n
        n = len(self.citations) + 1
        locator = f"§ {chunk.heading}" + (f", p. {chunk.page}" if chunk.page else "")
        self.citations.append(
            Citation(
                n=n,
                source_id=chunk.source_id,
                title=chunk.title,
                locator=locator,
                quote=chunk.text,
                chunk_id=chunk.chunk_id,
                section_id=chunk.section_id,
                references=chunk.cites,
            )
        )
        return n


@dataclass
class Composer:
    """Builds the Markdown of one answer while recording its citations."""

    lang: Lang
    audience: Audience
    lookup: SectionLookup
    citer: Citer = field(default_factory=Citer)
    lines: list[str] = field(default_factory=list)
    used: set[str] = field(default_factory=set)  # sentences already shown
    notes: list[str] = field(default_factory=list)  # said after the answer, with its other notes
    opening: tuple[str, ...] = ()  # sections the direct answer quoted (a follow-up's focus)

    def heading(self, text: str, level: int = 3) -> None:
        """Add a heading."""
        self.lines += ["", f"{'#' * level} {text}", ""]

    def sentence(self, text: str, chunk: Chunk) -> bool:
        """Add a guideline sentence cited to its own chunk (once per answer)."""
        if text in self.used:
            return False
        self.used.add(text)
        self.lines.append(f"- {text} [{self.citer.cite(chunk)}]")
        return True

    def claim(self, text: str, *section_ids: str) -> bool:
        """Add a sentence from the rules, cited to the first passage of each section given."""
        chunks = [c[0] for c in (self.lookup(self.lang, s) for s in section_ids) if c]
        if not chunks or not text.strip() or text in self.used:
            return False
        self.used.add(text)
        marks = "".join(f"[{n}]" for n in dict.fromkeys(self.citer.cite(c) for c in chunks))
        self.lines.append(f"- {text.strip()} {marks}")
        return True

    def say(self, wording: Wording) -> str:
        """Wording for this language and audience."""
        return say(wording, self.lang, self.audience)

    def text(self) -> str:
        """The Markdown built so far."""
        return "\n".join(self.lines).strip() + "\n"

    def words(self) -> int:
        """Words written so far."""
        return sum(len(line.split()) for line in self.lines)
