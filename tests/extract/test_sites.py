"""Extraction: a normal skin or fundus said in clinicians' words denies the criterion; naming
the site, a test not done or a test pending says nothing (round 21, #12).

Expected values are written from the clinical meaning of each sentence."""

from __future__ import annotations

from typing import Any

import pytest

from tests.extract.helpers import NO_NOTE, check_row, row

SITES = [
    row(
        "No oedema, skin normal, fundoscopy normal.",
        {"skin_changes": "absent", "papilledema": "absent"},
        NO_NOTE,
        "skin-and-fundus-normal-en",
    ),
    row(
        "Sin edemas, piel normal, fondo de ojo normal.",
        {"skin_changes": "absent", "papilledema": "absent"},
        NO_NOTE,
        "piel-y-fondo-normales-es",
    ),
    row("normal fundi", {"papilledema": "absent"}, NO_NOTE, "normal-fundi"),
    row("Skin exam unremarkable.", {"skin_changes": "absent"}, NO_NOTE, "skin-unremarkable"),
    row("piel sin lesiones", {"skin_changes": "absent"}, NO_NOTE, "piel-sin-lesiones"),
    row(
        "fondo de ojo con edema de papila bilateral",
        {"papilledema": "present"},
        NO_NOTE,
        "fondo-con-papiledema",
    ),
    # a site named, a test not done or pending, one sign denied: nothing about the criterion
    row("No fundoscopy yet.", {}, NO_NOTE, "no-fundoscopy-yet"),
    row("no skin biopsy done", {}, NO_NOTE, "no-skin-biopsy"),
    row("fundoscopy pending", {}, NO_NOTE, "fundoscopy-pending"),
    row("skin: no hyperpigmentation", {}, NO_NOTE, "one-skin-sign-denied"),
    row("Is the skin normal?", {}, NO_NOTE, "skin-asked"),
]


@pytest.mark.parametrize(("text", "updates", "note"), SITES)
def test_extract_sites(text: str, updates: dict[str, Any], note: bool) -> None:
    check_row(text, updates, note)
