"""Read the knowledge folder: sources, guideline files and the knowledge version."""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from pydantic import ValidationError

from assistant.contracts import Lang, Source
from assistant.errors import KnowledgeError

if TYPE_CHECKING:
    from assistant.education import HandoutBook

MARKER_RE = re.compile(r"\[@([^\]]+)\]")
LANGS: tuple[Lang, ...] = ("en", "es")


def extract_markers(text: str) -> tuple[str, ...]:
    """Source ids named by Pandoc-style markers (`[@a; @b]`), in order of first appearance."""
    ids: list[str] = []
    for group in MARKER_RE.findall(text):
        for part in group.split(";"):
            sid = part.strip().lstrip("@").strip()
            if sid and sid not in ids:
                ids.append(sid)
    return tuple(ids)


@dataclass(frozen=True)
class GuidelineFile:
    """One guideline topic file in one language."""

    path: Path
    lang: Lang
    topic: str
    text: str


def load_sources(knowledge_dir: Path) -> dict[str, Source]:
    """Parse `sources.toml` into validated sources keyed by id."""
    path = knowledge_dir / "sources.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise KnowledgeError(
            f"{path} is missing", "point POEMS_KNOWLEDGE_DIR at the project's knowledge folder"
        ) from exc
    except tomllib.TOMLDecodeError as exc:
        raise KnowledgeError(f"{path} is not valid TOML: {exc}", "fix the syntax") from exc
    sources: dict[str, Source] = {}
    for row in data.get("source", []):
        try:
            src = Source.model_validate(row)
        except ValidationError as exc:
            raise KnowledgeError(
                f"{path}: source {row.get('id', '?')!r} is invalid: {exc.errors()[0]['msg']}",
                "every source needs id, reference, year and type",
            ) from exc
        if src.id in sources:
            raise KnowledgeError(f"{path}: source id {src.id!r} appears twice", "ids are unique")
        sources[src.id] = src
    return sources


def knowledge_date(knowledge_dir: Path) -> str:
    """The review date declared in `sources.toml` ([meta] knowledge_date)."""
    data = tomllib.loads((knowledge_dir / "sources.toml").read_text(encoding="utf-8"))
    return str(data.get("meta", {}).get("knowledge_date", "undated"))


def guideline_files(knowledge_dir: Path) -> list[GuidelineFile]:
    """All guideline topic files, sorted by language then name."""
    files: list[GuidelineFile] = []
    for lang in LANGS:
        for path in sorted((knowledge_dir / "guideline" / lang).glob("*.md")):
            topic = path.stem.split("-", 1)[-1]
            files.append(GuidelineFile(path, lang, topic, path.read_text(encoding="utf-8")))
    if not files:
        raise KnowledgeError(
            f"no guideline files under {knowledge_dir / 'guideline'}",
            "the knowledge folder needs guideline/en/*.md and guideline/es/*.md",
        )
    return files


def knowledge_version(knowledge_dir: Path) -> str:
    """`<date>+<hash>`: the review date and a content hash of every file under knowledge/.

    The hash is recomputed only when a file's size or modification time changes, so asking for
    the version on every request costs a directory walk, not a read of every file.
    """
    files = sorted(p for p in knowledge_dir.rglob("*") if p.is_file())
    signature = tuple((p.as_posix(), p.stat().st_mtime_ns, p.stat().st_size) for p in files)
    return _hashed_version(knowledge_dir, signature)


@lru_cache(maxsize=8)
def _hashed_version(knowledge_dir: Path, signature: tuple[tuple[str, int, int], ...]) -> str:
    digest = hashlib.sha256()
    for name, _, _ in signature:
        path = Path(name)
        digest.update(path.relative_to(knowledge_dir).as_posix().encode())
        digest.update(b"\0")
        digest.update(path.read_bytes())
    return f"{knowledge_date(knowledge_dir)}+{digest.hexdigest()[:10]}"


def load_handout_book(knowledge_dir: Path) -> HandoutBook:
    """knowledge/education/handout.toml, validated."""
    from pydantic import ValidationError as _VE

    from assistant.education import HandoutBook

    path = knowledge_dir / "education" / "handout.toml"
    try:
        return HandoutBook.model_validate(tomllib.loads(path.read_text(encoding="utf-8")))
    except (OSError, tomllib.TOMLDecodeError, _VE) as exc:
        raise KnowledgeError(f"{path}: {exc}", "fix the handout wording file") from exc
