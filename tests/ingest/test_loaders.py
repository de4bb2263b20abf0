"""Loaders on real files made in the test: every bad input is a clear DocumentError."""

from __future__ import annotations

from pathlib import Path

import pytest

from assistant.errors import DocumentError
from ingest.loaders import load_document
from tests.conftest import make_pdf


def test_load_pdf_keeps_pages_title_and_accents(tmp_path: Path) -> None:
    pdf = make_pdf(
        tmp_path / "guia.pdf",
        ["Primera página: radioterapia 45 Gy.", "Segunda página: médula ósea, niño."],
        title="Guía institucional",
    )
    doc = load_document(pdf, 50)
    assert doc.title == "Guía institucional"
    assert [s.page for s in doc.sections] == [1, 2]
    assert "médula ósea, niño" in doc.sections[1].text
    assert doc.source_id.startswith("user-")


def test_load_pdf_without_title_uses_file_name(tmp_path: Path) -> None:
    doc = load_document(make_pdf(tmp_path / "local-protocol.pdf", ["Some text."]), 50)
    assert doc.title == "local-protocol"


def test_load_markdown_html_and_text(tmp_path: Path) -> None:
    md = tmp_path / "a.md"
    md.write_text("# Protocol\n\n## Dose\n45 Gy.\n")
    assert load_document(md, 50).sections[0].heading == "Dose"
    html = tmp_path / "b.html"
    html.write_text(
        "<html><head><title>Local page</title><script>alert('x')</script></head><body>"
        "<h2>Follow-up</h2><p>VEGF every 6 months.</p><script>steal()</script>"
        "<style>p{}</style></body></html>"
    )
    doc = load_document(html, 50)
    assert doc.title == "Local page"
    text = " ".join(s.text for s in doc.sections)
    assert "VEGF every 6 months." in text and "alert" not in text and "steal" not in text
    txt = tmp_path / "c.txt"
    txt.write_text("Plain note about aspirin.")
    assert load_document(txt, 50).sections[0].text == "Plain note about aspirin."


def _encrypted(tmp_path: Path) -> Path:
    from pypdf import PdfReader, PdfWriter

    src = make_pdf(tmp_path / "plain.pdf", ["Secret text"])
    writer = PdfWriter()
    for page in PdfReader(src).pages:
        writer.add_page(page)
    writer.encrypt(user_password="secret", owner_password="owner")
    out = tmp_path / "locked.pdf"
    with out.open("wb") as fh:
        writer.write(fh)
    return out


def _image_only(tmp_path: Path) -> Path:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    pdf.rect(20, 20, 100, 60, style="F")
    out = tmp_path / "scan.pdf"
    pdf.output(str(out))
    return out


def _truncated(tmp_path: Path) -> Path:
    src = make_pdf(tmp_path / "full.pdf", ["Some text " * 50])
    out = tmp_path / "truncated.pdf"
    out.write_bytes(src.read_bytes()[:300])
    return out


def _write(tmp_path: Path, name: str, data: bytes) -> Path:
    out = tmp_path / name
    out.write_bytes(data)
    return out


@pytest.mark.parametrize(
    ("make", "message"),
    [
        pytest.param(lambda p: p / "missing.pdf", "no such file", id="missing"),
        pytest.param(
            lambda p: _write(p, "notes.docx", b"PK.."), "unsupported file type", id="unsupported"
        ),
        pytest.param(lambda p: _write(p, "empty.pdf", b""), "empty", id="empty"),
        pytest.param(
            lambda p: _write(p, "fake.pdf", b"hello, not a pdf"), "not a PDF", id="wrong-extension"
        ),
        pytest.param(
            lambda p: _write(p, "x.pdf", b"%PDF-1.7\n garbage \x00\x01"), "corrupt", id="corrupt"
        ),
        pytest.param(_truncated, "corrupt|no extractable text", id="truncated"),
        pytest.param(_encrypted, "encrypted", id="encrypted"),
        pytest.param(_image_only, "no extractable text", id="image-only"),
        pytest.param(lambda p: _write(p, "blank.md", b"   \n\n"), "no text", id="blank-md"),
        pytest.param(
            lambda p: _write(p, "doc.txt", b"%PDF-1.4 body"), "wrong extension", id="pdf-named-txt"
        ),
    ],
)
def test_load_document_bad_input_names_file_and_fix(
    tmp_path: Path, make: object, message: str
) -> None:
    path = make(tmp_path)  # type: ignore[operator]
    with pytest.raises(DocumentError, match=message) as info:
        load_document(path, 50)
    assert path.name in info.value.message
    assert info.value.hint


def test_load_document_over_size_limit(tmp_path: Path) -> None:
    big = _write(tmp_path, "big.txt", b"word " * 300_000)
    with pytest.raises(DocumentError, match="over the 1 MB limit") as info:
        load_document(big, 1)
    assert "POEMS_INDEX__MAX_FILE_MB" in info.value.hint
