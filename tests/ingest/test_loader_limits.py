"""Loader limits and encodings (#13 item 11): UTF-16 text, decompression bombs, page limits,
non-regular files, and one snapshot of the bytes."""

from __future__ import annotations

import os
import zlib
from pathlib import Path

import pytest

from assistant.errors import DocumentError
from ingest.loaders import load_document
from tests.conftest import make_pdf


def _bomb_pdf(path: Path, expanded_mb: int = 80) -> Path:
    """A one-page PDF whose content stream inflates from ~80 KB to `expanded_mb` MB."""
    stream = zlib.compress(b" " * (expanded_mb * 1_000_000), 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R /Resources << >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
    ]
    out, offsets = bytearray(b"%PDF-1.4\n"), []
    for n, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % n + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 5\n0000000000 65535 f \n"
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer\n<< /Size 5 /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % xref
    path.write_bytes(bytes(out))
    return path


def test_utf16_text_with_bom_is_read_not_refused_as_binary(tmp_path: Path) -> None:
    path = tmp_path / "nota.txt"
    path.write_bytes("Radioterapia 45 Gy en la lesión única.".encode("utf-16"))
    doc = load_document(path, 50)
    assert doc.sections[0].text == "Radioterapia 45 Gy en la lesión única."


def test_utf16_big_endian_markdown_is_read(tmp_path: Path) -> None:
    path = tmp_path / "n.md"
    path.write_bytes(b"\xfe\xff" + "# T\n\n## Dose\n45 Gy.\n".encode("utf-16-be"))
    assert load_document(path, 50).sections[0].heading == "Dose"


def test_decompression_bomb_is_named_as_such(tmp_path: Path) -> None:
    with pytest.raises(DocumentError) as info:
        load_document(_bomb_pdf(tmp_path / "bomb.pdf"), 50)
    assert "decompression bomb" in info.value.message
    assert "corrupt" not in info.value.message


def test_pdf_over_page_limit_is_refused_with_setting_name(tmp_path: Path) -> None:
    pdf = make_pdf(tmp_path / "long.pdf", [f"Page {n} text." for n in range(5)])
    with pytest.raises(DocumentError) as info:
        load_document(pdf, 50, max_pages=3)
    assert "5 pages is over the 3-page limit" in info.value.message
    assert "POEMS_INDEX__MAX_PDF_PAGES" in info.value.hint
    assert len(load_document(pdf, 50, max_pages=5).sections) == 5


def test_fifo_is_refused_without_blocking(tmp_path: Path) -> None:
    fifo = tmp_path / "pipe.txt"
    os.mkfifo(fifo)
    with pytest.raises(DocumentError) as info:
        load_document(fifo, 50)
    assert "not a regular file" in info.value.message


def test_snapshot_keeps_the_hashed_bytes(tmp_path: Path) -> None:
    import hashlib

    path = tmp_path / "a.md"
    path.write_text("# A\n\n## S\nversion A\n", encoding="utf-8")
    doc = load_document(path, 50)
    path.write_text("# B\n\n## S\nversion B, edited during indexing\n", encoding="utf-8")
    assert hashlib.sha256(doc.data).hexdigest() == doc.sha256
    assert b"version A" in doc.data
