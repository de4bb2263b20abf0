"""Loaders for Markdown, plain text, HTML and PDF. Each returns a LoadedDocument or raises
DocumentError naming the file, what is wrong and what to do."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

from assistant.case_io import marked_codec
from assistant.errors import DocumentError
from ingest.chunking import Section, dedupe_ids, parse_markdown, slugify

SUPPORTED = {".md": "markdown", ".markdown": "markdown", ".txt": "text", ".text": "text"}
SUPPORTED |= {".html": "html", ".htm": "html", ".pdf": "pdf"}
_SUPPORTED_HINT = "supported types: .pdf, .md, .txt, .html"
MAX_PDF_PAGES = 1000  # default of POEMS_INDEX__MAX_PDF_PAGES


@dataclass(frozen=True)
class LoadedDocument:
    """A user document read from disk, split into headed sections (pages for PDFs)."""

    path: Path
    name: str
    title: str
    sha256: str
    sections: tuple[Section, ...]
    data: bytes = field(default=b"", repr=False, compare=False)  # the bytes that were hashed

    @property
    def source_id(self) -> str:
        """Stable id of a user document: its content hash, so re-adding is idempotent."""
        return f"user-{self.sha256[:10]}"


def load_document(
    path: Path, max_file_mb: float, name: str | None = None, max_pages: int = MAX_PDF_PAGES
) -> LoadedDocument:
    """Read one file by its extension; every failure is a DocumentError with a fix.

    `name` is the file name shown to users (the original name of a library copy). The file is
    read once: the hash, the text and the library copy all come from the same bytes.
    """
    kind = _check_file(path, max_file_mb)
    stem = Path(name or path.name).stem
    data = _read_bounded(path, max_file_mb)
    sha = hashlib.sha256(data).hexdigest()
    if kind == "pdf":
        title, sections = _load_pdf(path, data, stem, max_pages)
    else:
        text = _decode(path, data)
        if kind == "markdown":
            title, parsed = parse_markdown(text, stem)
            sections = tuple(parsed)
        elif kind == "html":
            title, sections = _load_html(text, stem)
        else:
            sections = (Section("text", stem, text.strip()),) if text.strip() else ()
            title = stem
    if not sections:
        raise DocumentError(
            f"{path}: the document has no text to index",
            "check the file is not empty; scanned documents need OCR first",
        )
    return LoadedDocument(path, name or path.name, title, sha, sections, data)


def _read_bounded(path: Path, max_file_mb: float) -> bytes:
    limit = int(max_file_mb * 1_000_000)
    with path.open("rb") as handle:
        data = handle.read(limit + 1)
    if len(data) > limit:
        raise DocumentError(
            f"{path}: grew past the {max_file_mb:g} MB limit while it was read",
            "add the file again once it is complete",
        )
    return data


def _check_file(path: Path, max_file_mb: float) -> str:
    if not path.exists():
        raise DocumentError(f"{path}: no such file", "check the path and try again")
    if path.is_dir():
        raise DocumentError(f"{path}: is a folder", "name the files to add, e.g. folder/*.pdf")
    if not path.is_file():
        raise DocumentError(
            f"{path}: not a regular file (a pipe, device or socket)", "save it as a file first"
        )
    kind = SUPPORTED.get(path.suffix.lower())
    if kind is None:
        raise DocumentError(f"{path}: unsupported file type {path.suffix!r}", _SUPPORTED_HINT)
    size_mb = path.stat().st_size / 1_000_000
    if size_mb > max_file_mb:
        raise DocumentError(
            f"{path}: {size_mb:.1f} MB is over the {max_file_mb:g} MB limit",
            "split the document, or raise POEMS_INDEX__MAX_FILE_MB",
        )
    if path.stat().st_size == 0:
        raise DocumentError(f"{path}: the file is empty", "add a file that contains text")
    return kind


def _decode(path: Path, data: bytes) -> str:
    if data.startswith(b"%PDF"):
        raise DocumentError(f"{path}: this is a PDF with a wrong extension", "rename it to .pdf")
    codec = marked_codec(data)
    try:
        if codec:
            return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: starts like {codec} text but is not valid {codec}",
            "save the file as UTF-8 text and add it again",
        ) from exc
    if b"\0" in data[:4096]:
        raise DocumentError(f"{path}: binary content in a text file", _SUPPORTED_HINT)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def _load_pdf(
    path: Path, data: bytes, stem: str, max_pages: int
) -> tuple[str, tuple[Section, ...]]:
    from io import BytesIO

    from pypdf import PdfReader
    from pypdf.errors import LimitReachedError, PyPdfError

    if not data.startswith(b"%PDF"):
        raise DocumentError(f"{path}: not a PDF file (no PDF header)", "check the file type")
    try:
        reader = PdfReader(BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise DocumentError(
                f"{path}: the PDF is encrypted", "save an unprotected copy and add that instead"
            )
        _check_pages(path, len(reader.pages), max_pages)
        pages = [(i + 1, _page_text(page)) for i, page in enumerate(reader.pages)]
        meta_title = (reader.metadata.title if reader.metadata else None) or ""
    except DocumentError:
        raise
    except (LimitReachedError, MemoryError) as exc:
        raise DocumentError(
            f"{path}: the PDF expands far beyond its size when decompressed "
            "(a decompression bomb, or a damaged stream); it was not read",
            "re-export the PDF from its source; do not add files of unknown origin",
        ) from exc
    except (PyPdfError, Exception) as exc:  # pypdf raises many types on damaged input (fuzzed)
        raise DocumentError(
            f"{path}: the PDF is corrupt or truncated ({exc.__class__.__name__})",
            "re-download or re-export the PDF and add it again",
        ) from exc
    sections = tuple(Section(f"page-{n}", f"Page {n}", text, n) for n, text in pages if text)
    if not sections:
        raise DocumentError(
            f"{path}: the PDF has no extractable text (scanned image?)",
            "run OCR on it first (e.g. ocrmypdf) and add the OCR'd file",
        )
    return (str(meta_title).strip() or stem), sections


def _page_text(page: Any) -> str:
    """A page's text; a page that yields none has its content stream decoded once more, so
    that a stream over pypdf's decompression limit raises instead of passing as empty."""
    text = (page.extract_text() or "").strip()
    if not text:
        contents = page.get_contents()
        if contents is not None:
            contents.get_data()
    return text


def _check_pages(path: Path, pages: int, max_pages: int) -> None:
    if pages > max_pages:
        raise DocumentError(
            f"{path}: {pages} pages is over the {max_pages}-page limit",
            "split the PDF (e.g. `qpdf --split-pages`), or raise POEMS_INDEX__MAX_PDF_PAGES",
        )


class _HtmlText(HTMLParser):
    """Collects visible text by heading; drops script, style and other non-content elements."""

    _SKIP = frozenset({"script", "style", "noscript", "template", "head", "svg", "iframe"})
    _HEADINGS = frozenset({"h1", "h2", "h3", "h4"})
    _BLOCKS = frozenset({"p", "div", "li", "br", "tr", "section", "article", "table"})

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.title = ""
        self.sections: list[tuple[str, list[str]]] = [("", [])]
        self._skip = 0
        self._in_heading = False
        self._in_title = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in self._SKIP:
            self._skip += 1
        if tag == "title":
            self._in_title = True
        if tag in self._HEADINGS:
            self._in_heading = True
            self.sections.append(("", []))
        if tag in self._BLOCKS:
            self.sections[-1][1].append("\n\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in self._SKIP and self._skip:
            self._skip -= 1
        if tag == "title":
            self._in_title = False
        if tag in self._HEADINGS:
            self._in_heading = False

    def handle_data(self, data: str) -> None:
        if self._in_title:
            self.title += data
        if self._skip:
            return
        if self._in_heading:
            heading, parts = self.sections[-1]
            self.sections[-1] = ((heading + " " + data).strip(), parts)
        else:
            self.sections[-1][1].append(data)


def _load_html(text: str, stem: str) -> tuple[str, tuple[Section, ...]]:
    parser = _HtmlText()
    parser.feed(text)
    parser.close()
    sections = []
    for heading, parts in parser.sections:
        body = "\n\n".join(" ".join(p.split()) for p in "".join(parts).split("\n\n") if p.strip())
        if body:
            label = heading or parser.title.strip() or stem
            sections.append(Section(slugify(label), label, body))
    title = parser.title.strip() or (parser.sections[1][0] if len(parser.sections) > 1 else "")
    return title or stem, tuple(dedupe_ids(sections))
