"""Pure chunking: headed sections to size-capped chunks with stable content-hash ids."""

from __future__ import annotations

import hashlib
import re
import unicodedata
from dataclasses import dataclass

_HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{#([A-Za-z0-9_.:-]+)\})?\s*$")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-ZÁÉÍÓÚÑ¿¡0-9\"'(])")


@dataclass(frozen=True)
class Section:
    """A headed piece of a document (a page for PDFs)."""

    section_id: str
    heading: str
    text: str
    page: int | None = None


def slugify(text: str) -> str:
    """Lower-case ASCII slug of a heading, used when a section has no explicit id."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    return slug or "section"


def parse_markdown(text: str, fallback_title: str) -> tuple[str, list[Section]]:
    """Split Markdown into (title, sections). `# Title` gives the title; `##`+ open sections.

    A heading may carry a stable id as `{#id}`; otherwise the id is a slug of the heading.
    """
    title = fallback_title
    sections: list[Section] = []
    heading, section_id = "", ""
    lines: list[str] = []

    def close() -> None:
        body = "\n".join(lines).strip()
        if body:
            sid = section_id or (slugify(heading) if heading else "intro")
            sections.append(Section(sid, heading or title, body))

    for line in text.splitlines():
        match = _HEADING.match(line)
        if match and len(match.group(1)) == 1 and not sections and not lines:
            title = match.group(2).strip()
            continue
        if match:
            close()
            heading, section_id, lines = match.group(2).strip(), match.group(3) or "", []
            continue
        lines.append(line)
    close()
    return title, dedupe_ids(sections)


def dedupe_ids(sections: list[Section]) -> list[Section]:
    """Make section ids unique within a document by suffixing repeats (-2, -3, ...)."""
    seen: dict[str, int] = {}
    out: list[Section] = []
    for sec in sections:
        n = seen.get(sec.section_id, 0)
        seen[sec.section_id] = n + 1
        sid = sec.section_id if n == 0 else f"{sec.section_id}-{n + 1}"
        out.append(Section(sid, sec.heading, sec.text, sec.page))
    return out


def split_text(text: str, max_chars: int) -> list[str]:
    """Split text into pieces of at most `max_chars`, at paragraph, then sentence, then word."""
    pieces: list[str] = []
    for para in (p.strip() for p in re.split(r"\n\s*\n", text)):
        if para:
            pieces.extend(_split_long(para, max_chars))
    return _pack(pieces, max_chars)


def _split_long(text: str, max_chars: int) -> list[str]:
    if len(text) <= max_chars:
        return [text]
    out: list[str] = []
    for sentence in _SENTENCE_END.split(text):
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > 0 else max_chars
            out.append(sentence[:cut].strip())
            sentence = sentence[cut:].strip()
        if sentence:
            out.append(sentence)
    return out


def _pack(pieces: list[str], max_chars: int) -> list[str]:
    packed: list[str] = []
    for piece in pieces:
        if packed and len(packed[-1]) + 1 + len(piece) <= max_chars:
            packed[-1] = f"{packed[-1]} {piece}"
        else:
            packed.append(piece)
    return packed


def chunk_id(source_id: str, version: str, section_id: str, text: str) -> str:
    """Stable id `kc-<8 hex>` from what the chunk is (same content gives the same id)."""
    digest = hashlib.sha256("\x1f".join((source_id, version, section_id, text)).encode())
    return f"kc-{digest.hexdigest()[:8]}"
