"""Shared helpers for the extraction tables."""

from __future__ import annotations

from typing import Any

import pytest

from assistant.extract import Extraction, extract

NOTE, NO_NOTE = True, False
UNKNOWN_VEGF = {"specimen": "unknown"}
MARROW_PRESENT = {
    "marrow_clonal_plasma_cells": "present",
    "monoclonal_plasma_cell_disorder": "present",
}
IGA_LAMBDA = {
    "heavy_chain": "iga",
    "light_chain": "lambda",
    "monoclonal_plasma_cell_disorder": "present",
}


def row(text: str, updates: dict[str, Any], note: bool, rid: str) -> Any:
    """One table row: message, exact updates expected, whether a note is shown."""
    return pytest.param(text, updates, note, id=rid)


def _exact(ex: Extraction, expected: dict[str, Any]) -> dict[str, Any]:
    """The updates, with VEGF compared on the keys the row names."""
    got = dict(ex.updates)
    if "vegf" in got and "vegf" in expected:
        got["vegf"] = {k: got["vegf"].get(k) for k in expected["vegf"]}
    return got


def check_row(text: str, updates: dict[str, Any], note: bool) -> None:
    """The message gives exactly these updates, and a note exactly when expected."""
    ex = extract(text)
    assert _exact(ex, updates) == updates
    assert bool(ex.notes) is note, [n.en for n in ex.notes]
    assert all(n.en and n.es and n.en != n.es for n in ex.notes)
