"""Property-based fuzzing: the chat case extractor and the PDF loader never raise unhandled."""

from __future__ import annotations

import io
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from assistant.chat.updates import merge
from assistant.errors import DocumentError
from assistant.extract import extract
from ingest.loaders import load_document

ALPHABET = st.characters(codec="utf-8", exclude_categories=("Cs",))
CLINICAL = st.sampled_from(
    [
        "VEGF",
        "600",
        "pg/mL",
        "plasma",
        "serum",
        "platelets",
        "plaquetas",
        "620.000/uL",
        "x10^9/L",
        "no",
        "sin",
        "marrow",
        "médula",
        "negativa",
        "positive",
        "lesions",
        "lesiones",
        "3",
        "tres",
        "Hb",
        "g/dL",
        "g/L",
        "age",
        "años",
        "man",
        "mujer",
        "y si",
        "what if",
        "¿",
        "?",
        ",",
        ".",
        "eligible",
        "no candidato",
        "lambda",
        "kappa",
        "diabetes",
        "hypogonadism",
        "-5",
        "1e400",
        "Gy",
        "eGFR",
        "albumin",
        "99999999999999999999",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(CLINICAL, st.text(ALPHABET, max_size=12)), max_size=25), st.booleans())
def test_extractor_and_merge_never_raise(parts: list[str], in_case: bool) -> None:
    ex = extract(" ".join(parts), in_case=in_case)
    case, _changes, _notes = merge(None, ex.updates)
    assert case is None or case.model_dump()  # any result is a valid PatientCase


def _minimal_pdf() -> bytes:
    from fpdf import FPDF

    pdf = FPDF()
    pdf.set_font("helvetica", size=11)
    pdf.add_page()
    pdf.multi_cell(0, 6, "Radiation 40-50 Gy for limited lesions.")
    out = io.BytesIO(bytes(pdf.output()))
    return out.getvalue()


PDF = _minimal_pdf()


@settings(max_examples=150, deadline=None)
@given(st.integers(0, len(PDF) - 1), st.binary(min_size=1, max_size=64), st.booleans())
def test_pdf_loader_only_raises_document_errors(
    tmp_path_factory: object, offset: int, junk: bytes, truncate: bool
) -> None:
    data = PDF[:offset] + junk if truncate else PDF[:offset] + junk + PDF[offset + len(junk) :]
    path = Path(str(tmp_path_factory.mktemp("fuzz"))) / "doc.pdf"  # type: ignore[attr-defined]
    path.write_bytes(data)
    try:
        doc = load_document(path, 50)
    except DocumentError as exc:
        assert exc.message and exc.hint
    else:
        assert doc.sections
